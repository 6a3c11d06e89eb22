"""One extractor per fact group. Each takes the prepared motion and returns Facts with evidence.

Zones: the *primary* zone is what the motion asks - its att-satser (only the one in scope when a
scope is set), or the body when the motion has no att-satser. The *body* holds the reasons. Facts
about what is asked (cooperation kinds, themes, networks, individual support, favouring a group)
read the primary zone first; facts about reasons (stances, local benefit, grounds) read the body too.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import is_, itemgetter, methodcaller
from typing import Generic, TypeVar, cast, overload

from checker.extraction.actions import (
    COMPANY_WORDS,
    COOPERATION_STEMS,
    ActionReading,
    business_names,
    business_noun,
    company_name_ok,
    extract_actions,
    fact,
    foreign_by_sentence,
    in_scope,
    local_anchor,
    local_unit,
    municipality_after,
    not_partners,
    person_group,
    place_role,
    proposes,
    reasons_are_background,
    replacement,
    sentence_words,
    unknown,
)
from checker.extraction.lexicon import Cue, CueSet, Hit, compile_cue, cueset, load_yaml
from checker.extraction.places import Mention, PlaceResult, abroad_only, place_values
from checker.extraction.text import Doc, Sentence, Token
from checker.facts import COOPERATION, FACTS
from checker.models import ContextNetwork, Evidence, Fact, ProfileContext, Proposal
from checker.vocabulary import month_numbers_sv

_T = TypeVar("_T")
_R = TypeVar("_R")


class _once(Generic[_R]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one at each first read, some
    2 µs, a dozen times a motion): computed at the first read and kept in the instance's ``__dict__``,
    which later reads find before the class. A Motion belongs to one pass in one thread."""

    def __init__(self, fn: Callable[[Motion], _R]) -> None:
        self._fn = fn
        self._name = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type[Motion] | None = None) -> _once[_R]: ...
    @overload
    def __get__(self, obj: Motion, owner: type[Motion] | None = None) -> _R: ...
    def __get__(self, obj: Motion | None, owner: type[Motion] | None = None) -> _R | _once[_R]:
        if obj is None:
            return self
        value = obj.__dict__[self._name] = self._fn(obj)
        return value


@dataclass
class Motion:
    """Everything the extractors share about one motion (and one scope)."""

    proposal: Proposal
    doc: Doc
    context: ProfileContext | None
    mentions: list[Mention]
    places: PlaceResult
    fp_cache: dict[str, list[Evidence]] | None = None
    kinds_cache: tuple[list[str], list[Hit]] | None = None  # _kinds: asked by several extractors of a pass
    readings_cache: list[ActionReading] | None = None  # actions.in_scope: asked by several extractors of a pass

    @_once  # the scope is fixed for a Motion: compute its sentences once
    def primary(self) -> list[Sentence]:
        atts = self.doc.att_sentences
        if atts:
            return atts
        if self.doc.scope is not None and any(s.att is not None for s in self.doc.sentences):
            return []  # the scope holds no att-sats
        return self.doc.scoped_body

    @_once
    def body(self) -> list[Sentence]:
        return self.doc.body_sentences

    @_once
    def rest(self) -> list[Sentence]:
        """The body sentences outside the primary zone: the whole body (the same list) when the primary
        zone is att-satser only, as in every pass over a motion with att-satser (read-only for callers)."""
        primary = self.primary
        if all(s.att is not None for s in primary):
            return self.body
        in_primary = {s.index for s in primary}  # sentences of one document: the index identifies one
        return [s for s in self.body if s.index not in in_primary]

    @_once
    def primary_then_rest(self) -> list[Sentence]:
        """The primary zone, then the rest of the body (read-only for callers)."""
        return self.primary + self.rest


# facts are built by actions.fact and actions.unknown (imported above): one builder, one memo per process


def _evidence(doc: Doc, hits: Iterable[Hit], limit: int = 3) -> list[Evidence]:
    """One Evidence per sentence (the first cue in it), in text order."""
    seen: dict[int, Evidence] = {}
    # by the first token: the order of (sentence start, first token), as tokens run in text order
    for h in sorted(hits, key=_HIT_FIRST):
        if h.sentence.index not in seen:
            if len(seen) == limit:
                break  # evidence is built only for what is kept
            seen[h.sentence.index] = doc.evidence(h.sentence, h.text(doc))
    return list(seen.values())[:limit]


_HIT_FIRST = itemgetter(2)  # Hit.first


def _negated(doc: Doc, h: Hit) -> bool:
    """A negation word among the two words before the hit (in its sentence). That depends on the hit's
    first token alone, which every pass filters the same hits by: memoised per document by it."""
    memo: dict[int, bool] | None = doc.hits.get(_NEGATED_KEY)
    if memo is None:
        memo = doc.hits[_NEGATED_KEY] = {}
    found = memo.get(h.first)
    if found is None:
        negation = cueset("foreign_policy", "negation")
        lo = max(h.sentence.first, h.first - 2)
        found = memo[h.first] = any(_negates(negation, doc.tokens[i]) for i in range(lo, h.first))
    return found


_NEGATED_KEY = ("negated hits by first token", -34)


_NEGATES: dict[tuple[int, str], bool] = {}


def _negates(negation: CueSet, tok: Token) -> bool:
    """Any word of any negation cue matches ``tok``: memoised per word form (the vocabulary is small)."""
    key = (negation.serial, tok.text)
    found = _NEGATES.get(key)
    if found is None:
        found = any(p.match(tok) for c in negation.cues for alts in c.parts if not isinstance(alts, int) for p in alts)
        if len(_NEGATES) > 50_000:
            _NEGATES.clear()
        _NEGATES[key] = found
    return found


# --------------------------------------------------------------------------- places


def _without_locations(m: Motion, partners: list[Mention]) -> list[Mention]:
    """Drop places named only as where a partner lies: in "Bemowo i Warszawa" the partner is Bemowo."""
    toks = m.doc.tokens
    located: set[int] = set()  # positions (first token) of mentions that follow "<partner> i"
    firsts = {x.first for x in partners}
    for x in partners:
        nxt = x.last + 1
        if nxt + 1 < len(toks) and toks[nxt].lower == "i" and nxt + 1 in firsts:
            located.add(nxt + 1)
    names_elsewhere = {x.place.name for x in partners if x.first not in located}
    return [x for x in partners if x.first not in located or x.place.name in names_elsewhere]


_QUOTED_KEY = ("mentions quoted by sentence", -22)
_QUOTED_KEPT = 16


def _quoted_mentions(doc: Doc, mentioned: list[Mention]) -> list[Mention]:
    """The last mention of each of the first four sentences with a mention. The mentioned-place list is
    shared by the passes whose partners are alike, so this is found once per list (kept alive beside its
    entry, so that the entry's id never names another list), not once per att-sats."""
    known: dict[int, tuple[list[Mention], list[Mention]]] = doc.hits.setdefault(_QUOTED_KEY, {})
    entry = known.get(id(mentioned))
    if entry is None or entry[0] is not mentioned:
        last_in: dict[int, Mention] = {}
        for x in mentioned:
            last_in[x.sentence.index] = x
        if len(known) >= _QUOTED_KEPT:  # lists made for one pass only are not hoarded
            known.clear()
        entry = known[id(mentioned)] = (mentioned, list(last_in.values())[:4])
    return entry[1]


def extract_places(m: Motion) -> list[Fact]:
    pr = m.places
    partner_ev = [
        m.doc.evidence(x.sentence, m.doc.text[m.doc.tokens[x.first].start : m.doc.tokens[x.last].end])
        for x in pr.partners
    ]
    partner_ev = list({e.start: e for e in partner_ev}.values())[:4]
    if pr.partners:
        values = place_values(_without_locations(m, pr.partners))
        # "Kisumu i Kenya": the partner is the town; its country is where it lies, not a second partner.
        located = {v.get("country_code") for v in values if v.get("kind") != "country"}
        values = [v for v in values if not (v.get("kind") == "country" and v.get("country_code") in located)]
        partners = fact("partner_places", values, partner_ev)
    elif pr.international:
        partners = unknown(
            "partner_places",
            "motionen föreslår internationellt samarbete eller en internationell "
            "åtgärd men anger ingen ort eller stat som kunde identifieras",
        )
    else:
        partners = fact("partner_places", [], note="motionen föreslår inget internationellt samarbete")
    # the first four sentences with a mention, each quoted with its last mention: evidence is built only
    # for what is kept (a mention per sentence of a long motion, for every att-sats, otherwise)
    mentioned_ev = [
        m.doc.evidence(x.sentence, m.doc.text[m.doc.tokens[x.first].start : m.doc.tokens[x.last].end])
        for x in _quoted_mentions(m.doc, pr.mentioned)
    ]
    return [partners, fact("mentioned_places", place_values(pr.mentioned), mentioned_ev)]


# --------------------------------------------------------------------------- cooperation kinds


def _kinds(m: Motion) -> tuple[list[str], list[Hit]]:
    """The cooperation kinds the scope asks for, with their hits (once per pass; read-only for callers)."""
    if m.kinds_cache is None:
        m.kinds_cache = _find_kinds(m)
    return m.kinds_cache


def _find_kinds(m: Motion) -> tuple[list[str], list[Hit]]:
    cues = cueset("cooperation_kinds")
    hits = [h for h in abroad_only(m.doc, cues.find(m.doc, m.primary)) if not _negated(m.doc, h)]
    if not hits and m.doc.scope is None:
        props = {h.sentence.index for h in cueset("places", "proposing").find(m.doc, m.body)}
        body = [s for s in m.body if s.index in props]
        if reasons_are_background(m.doc):  # the reasons are background: only what a sentence proposes
            body = [s for s in body if proposes(m.doc, s)]
        hits = [h for h in abroad_only(m.doc, cues.find(m.doc, body)) if not _negated(m.doc, h)]
    hits = _refine_kinds(m, hits)
    # A cooperation word in a sentence whose foreign places are all models, study-visit destinations or
    # the origin of residents ("ett studiebesök i Wien") proposes no cooperation with them.
    drop = not_partners(m.doc, m.mentions)
    visits = _visits_with_motive(m, drop)
    if visits:
        # A trip, visit or delegation abroad that the motion motivates by a foreign-policy purpose is no
        # visit for the municipality's own work: it is international action, read as an exchange (the
        # vocabulary's kind for study visits) when its words name no other kind.
        drop = drop - {id(x) for x in visits}
        hits += [
            Hit(_VISIT_CUE, x.sentence, x.first, x.last)
            for x in visits
            if not any(h.sentence.index == x.sentence.index for h in hits)
        ]
    if drop:
        hits = [
            h for h in hits if not (_places_in(m, h.sentence) and all(id(x) in drop for x in _places_in(m, h.sentence)))
        ]
    # A word for the form of a piece of work ("ett tidsbegränsat försök", "ett pilotprojekt", "en förstudie",
    # "med tydliga mål") makes it a cooperation only where its sentence names a possible partner abroad or
    # uses a word of cooperation, or the motion has a partner: a local pilot is no international project.
    hits = [h for h in hits if not _local_form_only(m, h, drop) and not _study_visit_only(m, h, drop)]
    kinds = cues.labels(hits)
    zone = m.primary or m.body
    # "gå med i" / "bli medlem" without a network named or the word "nätverk" is not a network.
    if (
        "network_membership" in kinds
        and not _network_hits(m, zone)
        and not any("nätverk" in t.lower for s in zone for t in m.doc.sentence_tokens(s))
    ):
        kinds.remove("network_membership")
        hits = [h for h in hits if h.cue.label != "network_membership"]
    return kinds, hits


def _local_form_only(m: Motion, h: Hit, drop: set[int]) -> bool:
    """A concrete-project cue whose sentence names no possible foreign partner and no cooperation, in a
    motion where the place reading found no partner and nothing international (the reading's doubt, an
    unknown partner, keeps the cue: never a silent pass)."""
    if h.cue.label != "concrete_project" or m.places.partners or m.places.international:
        return False
    if any(id(x) not in drop for x in _places_in(m, h.sentence)):
        return False
    return not any(stem in t.lower for t in m.doc.sentence_tokens(h.sentence) for stem in COOPERATION_STEMS)


_STUDY_VISIT = ("studieresa*", "studiebesök*")
_VISIT_CUE = compile_cue("exchange", "besök*")


def _visits_with_motive(m: Motion, drop: set[int]) -> list[Mention]:
    """The study-visit destinations abroad (place role "visit") in what the motion asks for, when the
    motion states a foreign-policy purpose anywhere (the reasons included): one mention per sentence."""
    if not drop or not _foreign_policy(m):
        return []
    units = {r.sentence.index for r in in_scope(m)}
    found: dict[int, Mention] = {}
    for x in m.mentions:
        i = x.sentence.index
        if id(x) not in drop or i not in units or i in found:
            continue
        if place_role(m.doc, x, _places_in(m, x.sentence)) == "visit":
            found[i] = x
    return list(found.values())


def _study_visit_only(m: Motion, h: Hit, drop: set[int]) -> bool:
    """A study visit for the municipality's own work: its sentence names nothing of cooperation, aid or
    a stance besides the visit, no foreign place that could be a partner (a destination the gazetteer
    does not know or that nothing confirms is none), and either something of the municipality's own
    that the visit serves ("en studieresa till Freiburg inför den nya detaljplanen") or, in a motion
    whose place reading found no partner and nothing international, an att-sats that names the visit's
    destination ("att erfarenheterna från studiebesöket redovisas" after "ett studiebesök i Oslo").
    Without either, the visit is still read as a project and its tie to the municipality is asked."""
    if h.cue.source not in _STUDY_VISIT:
        return False
    s = h.sentence
    if any(id(x) not in drop for x in _places_in(m, s)):
        return False
    if not local_unit(m.doc, s, (h.first, h.last)):
        return False
    if local_anchor(m.doc, s):
        return True
    if m.places.partners or m.places.international:
        return False
    return any(x.foreign and x.sentence.att is not None and place_role(m.doc, x) == "visit" for x in m.mentions)


def _refine_kinds(m: Motion, hits: list[Hit]) -> list[Hit]:
    """Context rules over raw kind cues (see each comment)."""
    doc = m.doc
    by_sentence: dict[int, set[str]] = {}
    for h in hits:
        by_sentence.setdefault(h.sentence.index, set()).add(h.cue.label)
    calls = {h.sentence.index for h in cueset("foreign_policy", "call_government").find(doc, m.primary)}
    out: list[Hit] = []
    for h in hits:
        label, sid = h.cue.label, h.sentence.index
        if label == "aid_transfer":
            # Advice, training or equipment is aid only when it goes to a foreign place.
            if not _places_in(m, h.sentence):
                continue
            h = Hit(_relabel(h.cue, "development_aid"), h.sentence, h.first, h.last)
        elif label == "friendship_agreement" and "ending_cooperation" in by_sentence[sid]:
            continue  # "avsluta vänortsavtalet": the twinning is what ends
        elif label == "friendship_agreement" and _refers_to_partner(doc, h) and not _asks_relation(doc, h.sentence):
            continue  # "ett projekt tillsammans med vänorten Gladsaxe": the existing partner, named
        elif label == "exchange" and replacement(doc, h.sentence, h.first):
            continue  # "utbytet av gatubelysningen": a replacement, not an exchange
        elif label == "boycott" and not _places_in(m, h.sentence):
            continue  # not buying plastic is no boycott: a boycott is aimed at a country, named with it
        elif label == "boycott" and sid in calls:
            h = Hit(_relabel(h.cue, "statement"), h.sentence, h.first, h.last)  # asking the state for sanctions
        out.append(h)
    # A stance on a state asked for in an att-sats is a statement too.
    fp = _foreign_policy(m)
    for kind, evs in fp.items():
        if kind in (
            "stance_on_state",
            "solidarity_against_state",
            "recognition",
            "call_on_government",
            "nuclear_free_zone",
        ):
            for e in evs:
                s = next((x for x in m.primary if x.start == e.start and x.att is not None), None)
                if s is not None:
                    out.append(Hit(_relabel(_STATEMENT_CUE, "statement", e.cue or ""), s, s.first, s.first))
    return out


_STATEMENT_CUE = compile_cue("statement", "ställningstagande*")
# The partner itself, in the definite form or after a possessive: "vänorten", "våra vänorter".
_PARTNER_NOUN = re.compile(r"^(?:vänort|vänstad|vänstäd|systerstad|systerstäd|vänskapsort|partnerstad|partnerstäd)")
_PARTNER_ENDINGS = ("", "s", "en", "ens", "er", "ers", "erna", "ernas", "na", "nas")
_PARTNER_DEFINITE = ("en", "ens", "na", "nas")
_POSSESSIVE = ("vår", "våra", "kommunens", "stadens", "regionens", "befintliga", "nuvarande", "tidigare", "gamla")


def _refers_to_partner(doc: Doc, h: Hit) -> bool:
    """The friendship cue is a partner noun that points at an existing partner, not an agreement."""
    tok = doc.tokens[h.first]
    noun = _PARTNER_NOUN.match(tok.lower)
    if noun is None or h.first != h.last:
        return False
    if tok.lower[noun.end() :] not in _PARTNER_ENDINGS:
        return False  # a compound: vänortsavtal, vänortssamarbete
    before = {t.lower for t in doc.tokens[max(h.sentence.first, h.first - 2) : h.first]}  # "våra nordiska"
    return tok.lower.endswith(_PARTNER_DEFINITE) or bool(before & set(_POSSESSIVE))


def _asks_relation(doc: Doc, s: Sentence) -> bool:
    """The sentence asks to establish, enter, sign or deepen a general relation."""
    for hit in cueset("friendship_request").find(doc, [s]):
        span = doc.tokens[hit.first : hit.last + 1]
        if not any("projekt" in t.lower for t in span):
            return True
    return False


@cache
def _relabel(cue: Cue, label: str, source: str = "") -> Cue:
    return Cue(label, source or cue.source, cue.parts)


def extract_cooperation_kinds(m: Motion) -> list[Fact]:
    kinds, hits = _kinds(m)
    extra: list[Evidence] = []
    for r in in_scope(m):
        if "give_value" in r.all_kinds and r.recipient == "foreign_place" and "development_aid" not in kinds:
            # Value the municipality gives to a place abroad is aid (lag 2009:47 5 kap.), whatever its words.
            kinds = sorted({*kinds, "development_aid"})
            extra.append(m.doc.evidence(r.sentence, r.recipient_words))
        if r.about != "foreign":
            continue
        kind = "boycott" if "procure_exclude" in r.all_kinds else "statement"
        if kind not in kinds:
            kinds = sorted({*kinds, kind})
            extra.append(m.doc.evidence(r.sentence, r.cues.get("procure_exclude") or r.about_words))
    if kinds:
        return [fact("cooperation_kinds", kinds, (_evidence(m.doc, hits) + extra)[:4])]
    if m.places.international:
        return [
            unknown(
                "cooperation_kinds",
                "motionen nämner internationellt arbete men det gick inte att avgöra "
                "vilket slags samarbete eller åtgärd den föreslår",
            )
        ]
    return [fact("cooperation_kinds", [], note="motionen föreslår inget internationellt samarbete")]


# --------------------------------------------------------------------------- themes


_ACTOR_ENDINGS = (
    "nämnd",
    "nämnden",
    "nämndens",
    "förvaltning",
    "förvaltningen",
    "förvaltningens",
    "styrelsen",
    "kontoret",
    "enheten",
    "bolaget",
)


def _committee(doc: Doc, h: Hit) -> bool:
    """A theme word that names a committee or office ("kultur- och fritidsnämnden") is no theme."""
    toks = doc.tokens
    if toks[h.last].lower.endswith(_ACTOR_ENDINGS):
        return True
    return (
        h.last + 2 < h.sentence.last
        and toks[h.last + 1].lower in ("och", "samt")
        and toks[h.last + 2].lower.endswith(_ACTOR_ENDINGS)
    )


_GOAL_LINE = re.compile(r"^(?:[-–—•*]\s*|\d+[.)]\s*)?att\s", re.IGNORECASE)


_BODY_THEMES_KEY = ("theme hits of the body's cooperation sentences", -30)


def _body_theme_hits(m: Motion, cues: CueSet) -> list[Hit]:
    """The theme hits of the body sentences that propose or describe the cooperation, never background.
    They are the body's (``m.body`` is every body sentence, whatever the scope), so they are found once
    per document; the caller is given a copy, which it may extend."""
    found: list[Hit] | None = m.doc.hits.get(_BODY_THEMES_KEY)
    if found is None:
        frames = cueset("places", "partner_frame").find(m.doc, m.body)
        kinds = cueset("cooperation_kinds").find(m.doc, m.body)
        props = {h.sentence.index for h in cueset("places", "proposing").find(m.doc, m.body)}
        coop = {h.sentence.index for h in frames + kinds}
        focus = cueset("themes_focus").find(m.doc, m.body)
        chosen = {h.sentence.index for h in focus} | (coop & props)
        found = m.doc.hits[_BODY_THEMES_KEY] = cues.find(m.doc, [s for s in m.body if s.index in chosen])
    return list(found)


_BODY_THEMES_READ_KEY = ("themes and evidence of the body's cooperation sentences", -36)


def _body_themes(m: Motion, cues: CueSet) -> tuple[list[str], list[Evidence]]:
    """The themes of ``_body_theme_hits`` (committees' names left out) with their evidence: the body's,
    whatever the scope, so read once per document (read-only for callers)."""
    found: tuple[list[str], list[Evidence]] | None = m.doc.hits.get(_BODY_THEMES_READ_KEY)
    if found is None:
        hits = [h for h in _body_theme_hits(m, cues) if not _committee(m.doc, h)]
        themes = cues.labels(hits)
        found = m.doc.hits[_BODY_THEMES_READ_KEY] = (themes, _evidence(m.doc, hits) if themes else [])
    return found


def extract_themes(m: Motion) -> list[Fact]:
    cues = cueset("themes")
    hits = cues.find(m.doc, m.primary)
    refers = bool(m.primary) and bool(cueset("themes_refer").find(m.doc, m.primary))
    if not hits and not refers:
        # the body's themes alone, as every such pass over the motion reads them
        themes, evidence = _body_themes(m, cues)
    else:
        if not hits:
            hits = _body_theme_hits(m, cues)
        if refers:
            # "ett projekt ... med de mål som anges i motionen": the goals listed in the body count too.
            goals = [s for s in m.body if _GOAL_LINE.match(s.text)]
            hits += cues.find(m.doc, goals)
        hits = [h for h in hits if not _committee(m.doc, h)]
        themes = cues.labels(hits)
        evidence = _evidence(m.doc, hits) if themes else []
    kind_names, _ = _kinds(m)
    cooperating = m.places.international and any(k in COOPERATION for k in kind_names)
    if themes:
        return [fact("themes", list(themes), evidence)]
    if cooperating:
        return [
            unknown(
                "themes", "motionen föreslår internationellt samarbete men anger inget sakområde som kunde identifieras"
            )
        ]
    return [fact("themes", [], note="inget sakområde för ett samarbete hittades")]


# --------------------------------------------------------------------------- foreign policy


def _places_in(m: Motion, s: Sentence) -> list[Mention]:
    """The foreign place mentions of sentence ``s``, from an index by sentence made once per document.
    Read-only for callers: the index's own list, so that place_role, given it as the siblings of a
    mention, finds their table (actions._ends_of, by the list's identity) made before, not a new copy's."""
    return foreign_by_sentence(m.doc, m.mentions).get(s.index, _NO_MENTIONS)


_NO_MENTIONS: list[Mention] = []  # never changed: the answer for a sentence without a foreign place


_ALL_BY_SENTENCE = ("mentions by sentence", -6)
_SENTENCE_BY_INDEX = ("sentences by index", -8)


def _mentions_in(m: Motion, s: Sentence) -> list[Mention]:
    """Every place mention of sentence ``s``, in order, from an index made once per document."""
    cached = m.doc.hits.get(_ALL_BY_SENTENCE)
    if cached is None or cached[0] is not m.mentions:
        by_sentence: dict[int, list[Mention]] = {}
        for x in m.mentions:
            by_sentence.setdefault(x.sentence.index, []).append(x)
        cached = m.doc.hits[_ALL_BY_SENTENCE] = (m.mentions, by_sentence)
    found: list[Mention] = cached[1].get(s.index, [])
    return found


def _foreign_policy(m: Motion) -> dict[str, list[Evidence]]:
    if m.fp_cache is None:
        m.fp_cache = _compute_foreign_policy(m)
    return m.fp_cache


def _fp_found(doc: Doc, s: Sentence, groups: dict[str, dict[int, list[Hit]]]) -> dict[str, list[Hit]]:
    """The foreign-policy cue hits of one sentence; they do not depend on the scope, so every scoped
    pass over the motion shares them (kept in doc.hits beside the cue hits). ``groups`` holds each
    set's hits by sentence (CueSet.by_sentence), fetched once per pass rather than once per sentence."""
    key = ("foreign_policy", s.index)
    found: dict[str, list[Hit]] | None = doc.hits.get(key)
    if found is None:
        i = s.index
        found = {name: [h for h in per.get(i, ()) if not _negated(doc, h)] for name, per in groups.items()}
        doc.hits[key] = found
    return found


_FP_SETS = (
    "condemn",
    "solidarity",
    "aggression",
    "call_government",
    "foreign_topic",
    "boycott",
    "nuclear",
    "recognition",
    "flag",
    "motive",
)
_FP_GROUPS_KEY = ("foreign-policy cue hits by set and sentence", -29)


def _fp_groups(doc: Doc) -> tuple[dict[str, dict[int, list[Hit]]], dict[int, list[Hit]], set[int]]:
    """The foreign-policy cue sets' hits by sentence, the proposing cues' and the sentences with a hit
    of any of the former: the document's, the same for every scope, so gathered once per document (the
    cue sets are looked up by name, and their indexes fetched, once, not once per att-sats)."""
    found: tuple[dict[str, dict[int, list[Hit]]], dict[int, list[Hit]], set[int]] | None
    found = doc.hits.get(_FP_GROUPS_KEY)
    if found is None:
        groups = {name: cueset("foreign_policy", name).by_sentence(doc) for name in _FP_SETS}
        proposing = cueset("places", "proposing").by_sentence(doc)
        with_hits = {i for per in groups.values() for i in per}  # a sentence without any adds nothing
        found = doc.hits[_FP_GROUPS_KEY] = (groups, proposing, with_hits)
    return found


def _compute_foreign_policy(m: Motion) -> dict[str, list[Evidence]]:
    doc = m.doc
    partner_ccs = {x.place.country_code for x in m.places.partners}
    if doc.scope is not None:
        # a visit's destination is no partner, but reasons about its country concern it as well: the
        # att-sats of a trip motivated in the reasons is read as in the whole motion
        for s in m.primary:
            partner_ccs.update(_per_sentence(m, _visited_countries, s))
    kinds: dict[str, list[Evidence]] = {}
    with_hits = _fp_groups(doc)[2]
    for s in [s for s in m.primary_then_rest if s.index in with_hits] if with_hits else ():
        # a body sentence counts for a scoped att-sats only when it concerns the same place
        if (
            doc.scope is not None
            and s.att is None
            and not any(x.place.country_code in partner_ccs for x in _places_in(m, s))
        ):
            continue
        for kind, evidence in _per_sentence(m, _fp_findings, s):
            kinds.setdefault(kind, []).append(evidence)
    return kinds


def _visited_countries(m: Motion, s: Sentence) -> list[str | None]:
    """The country codes of the study-visit destinations of sentence ``s``."""
    here = _places_in(m, s)
    return [x.place.country_code for x in here if place_role(m.doc, x, here) == "visit"]


def _fp_findings(m: Motion, s: Sentence) -> list[tuple[str, Evidence]]:
    """The foreign-policy kinds sentence ``s`` states, in order, each with its evidence. They depend on
    the sentence, its places and the document alone (never the scope), so every pass over the motion
    reads them from ``_per_sentence``: a scoped pass only chooses the sentences that count for it."""
    doc = m.doc
    # An att-sats calling on the Riksdag "to do the same" refers to the other att-satser.
    key = ("att_foreign", -1)  # the same for every scope: computed once per motion
    att_foreign = doc.hits.get(key)
    if att_foreign is None:
        att_foreign = any(_places_in(m, x) for x in doc.sentences if x.att is not None)
        doc.hits[key] = att_foreign
    groups, proposing, _ = _fp_groups(doc)
    found = _fp_found(doc, s, groups)
    states = _places_in(m, s)
    foreign_states = {x.place.country_code for x in states if x.place.country_code}
    asks = s.att is not None or bool(proposing.get(s.index))
    out: list[tuple[str, Evidence]] = []

    def add(kind: str, cue: str) -> None:
        out.append((kind, doc.evidence(s, cue)))

    solidarity = bool(found["solidarity"]) and (
        len(foreign_states) >= 2 or (bool(foreign_states) and bool(found["aggression"]))
    )
    if solidarity:
        add("solidarity_against_state", found["solidarity"][0].text(doc))
    if found["condemn"] and foreign_states and (asks or found["condemn"][0].cue.source.startswith("fördöm")):
        add("stance_on_state", found["condemn"][0].text(doc))
    if found["call_government"] and (found["foreign_topic"] or foreign_states or (s.att is not None and att_foreign)):
        add("call_on_government", found["call_government"][0].text(doc))
    if found["boycott"] and (foreign_states or found["aggression"]) and asks:
        add("boycott_sanctions", found["boycott"][0].text(doc))
    if found["nuclear"] and asks:
        add("nuclear_free_zone", found["nuclear"][0].text(doc))
    if found["recognition"] and asks:
        add("recognition", found["recognition"][0].text(doc))
    if found["flag"] and foreign_states and asks:
        add("stance_on_state", found["flag"][0].text(doc))
    if found["motive"] and foreign_states:
        # a purpose that takes a side on a named state, in the reasons as much as in what is asked
        add("stance_on_state", found["motive"][0].text(doc))
    return out


def extract_foreign_policy(m: Motion) -> list[Fact]:
    kinds = _foreign_policy(m)
    for r in in_scope(m):
        # A stance, boycott or call on the state about a foreign matter that an att-sats itself asks.
        if r.about != "foreign":
            continue
        words = r.about_words
        if "procure_exclude" in r.all_kinds and "boycott_sanctions" not in kinds:
            kinds.setdefault("boycott_sanctions", []).append(m.doc.evidence(r.sentence, words))
        elif "call_on_state" in r.all_kinds and not kinds:
            kinds.setdefault("call_on_government", []).append(m.doc.evidence(r.sentence, words))
        elif "take_position" in r.all_kinds and not kinds:
            kinds.setdefault("stance_on_state", []).append(m.doc.evidence(r.sentence, words))
    names = sorted(kinds)
    evidence: list[Evidence] = []
    for k in names:
        for e in kinds[k]:
            if all(e.start != x.start for x in evidence):
                evidence.append(e)
    evidence.sort(key=lambda e: e.start or 0)
    if names:
        return [fact("foreign_policy_stance", True, evidence[:4]), fact("foreign_policy_kinds", names, evidence[:4])]
    note = "inga formuleringar som tar ställning i utrikespolitiska frågor hittades"
    return [fact("foreign_policy_stance", False, note=note), fact("foreign_policy_kinds", [], note=note)]


# --------------------------------------------------------------------------- local benefit


@cache
def _residents_pattern() -> re.Pattern[str]:
    # "Solnabor", "solnaborna", "malmöbor": residents named after the town.
    return re.compile(r"^[a-zåäö]{3,}bo(?:r|rna|rnas|n)$")


_RECEIVE_BEFORE = ("för", "ge", "ger", "åt", "gynna", "gynnar", "stärka", "stärker")
_RECEIVE_AFTER = ("får", "skulle", "kan", "vinner")
_OWN_NOUNS = (
    "verksamhet",
    "invånare",
    "skol",
    "personal",
    "medarbetare",
    "näringsliv",
    "företag",
    "elever",
    "förening",
    "ungdom",
    "unga",
    "barn",
    "äldre",
    "ekonomi",
    "attraktivitet",
    "besöksnäring",
)


def _receives(doc: Doc, s: Sentence, first: int, last: int) -> bool:
    """The named municipality stands as the receiver of a benefit, not as the actor."""
    toks = doc.tokens
    before = toks[first - 1].lower if first > s.first else ""
    after = toks[last + 1].lower if last + 1 < s.last else ""
    if after == "att":
        return False  # "ett sätt för Sundsvall att visa …": the municipality acts
    if before in _RECEIVE_BEFORE or after in _RECEIVE_AFTER:
        return True
    if before == "i" and first - 2 >= s.first and any(n in toks[first - 2].lower for n in _OWN_NOUNS):
        return True  # "stärka besöksnäringen i Solna"
    return toks[last].lower.endswith("s") and after.startswith(_OWN_NOUNS)


_ABROAD_BEFORE = ("vänortens", "vänorternas", "partnerstadens", "partnerkommunens", "deras", "dess", "landets")
_LOCATIVE = ("i", "på", "från", "inom")
_CONTINUES = 1  # how many sentences further a benefit may be stated for a beneficiary named before
# A sentence that goes on with the argument of the one before: "Det ger ...", "Därmed ...".
_CONTINUATION = frozenset(
    {"det", "detta", "dessa", "de", "den", "därmed", "därigenom", "dessutom", "också", "även", "så"}
    | {"samtidigt", "på", "här", "då", "sådana"}
)


def _place_bounds(m: Motion, s: Sentence) -> tuple[list[Mention], list[int], list[int]]:
    """The foreign mentions of sentence ``s`` in token order, with their first and last token indexes as
    sorted lists: a lookup by position costs log(mentions), not a scan (one huge sentence has thousands
    of mentions and of beneficiary words)."""
    key = ("foreign mention bounds", s.index)
    cached = m.doc.hits.get(key)
    if cached is None or cached[0] is not m.mentions:
        xs = sorted(_places_in(m, s), key=lambda x: x.first)
        cached = m.doc.hits[key] = (m.mentions, xs, [x.first for x in xs], sorted(x.last for x in xs))
    return cached[1], cached[2], cached[3]


def _abroad(m: Motion, s: Sentence, first: int, last: int) -> bool:
    """The beneficiary at tokens first..last is abroad: "invånarna i Kisumu", "moldaviska tjänstemän"."""
    toks = m.doc.tokens
    xs, firsts, lasts = _place_bounds(m, s)
    if xs:
        # "ukrainska barn", "Kenyas unga": a mention ending one or two tokens before the beneficiary
        if bisect_left(lasts, first) > bisect_left(lasts, first - 2):
            return True
        # "barn i Kisumu", "skolor i vänorten Tartu": one starting up to three tokens after, a locative between
        for i in range(bisect_left(firsts, last + 1), bisect_right(firsts, last + 3)):
            if any(toks[j].lower in _LOCATIVE for j in range(last + 1, xs[i].first)):
                return True
    before = toks[first - 1].lower if first > s.first else ""
    return before in _ABROAD_BEFORE


def _own_residents(m: Motion, s: Sentence, town: str | None) -> list[Token]:
    """Residents named after the municipality: "solnabor", "umeborna", "boråsarna", "göteborgarna"."""
    stem = town.lower().rstrip("aeiouyåäö") if town else ""
    found = _resident_positions(m.doc, stem)
    toks = m.doc.tokens
    return [toks[i] for i in found[bisect_left(found, s.first) : bisect_left(found, s.last)]]


_RESIDENTS_KEY = ("resident words by town", -25)


def _resident_positions(doc: Doc, stem: str) -> list[int]:
    """The token positions of the document's words that name the residents (see ``_own_residents``),
    found in one pass over the document, not once per sentence. Each word form is answered once per
    town and process, the forms without one of the endings such a word needs as well: a look-up of
    every token in C, where testing the endings of each token took a Python call per token."""
    by_stem: dict[str, list[int]] = doc.hits.setdefault(_RESIDENTS_KEY, {})
    found = by_stem.get(stem)
    if found is None:
        known = _RESIDENT_FORMS.get(stem)
        if known is None or len(known) >= _RESIDENT_FORMS_MAX:
            if len(_RESIDENT_FORMS) > 64:  # one entry per municipality checked for: never many
                _RESIDENT_FORMS.clear()
            known = _RESIDENT_FORMS[stem] = {}
        lows = list(map(_LOWER, doc.tokens))
        flags: list[bool | None] = list(map(known.get, lows))  # None: a form not answered yet
        if None in flags:
            missing = list(set(compress(lows, map(is_, flags, repeat(None)))))
            endings = list(map(_RESIDENT_ENDING, missing))  # in C
            new: dict[str, bool] = dict(zip(missing, endings, strict=True))
            for low in compress(missing, endings):  # the few with an ending are read further
                new[low] = _names_residents(low, stem)
            if len(known) + len(new) <= _RESIDENT_FORMS_MAX:
                known.update(new)
                flags = list(map(known.get, lows))
            else:  # a huge document does not grow the shared answers without end
                flags = [new[low] if flag is None else flag for flag, low in zip(flags, lows, strict=True)]
        found = list(compress(range(len(lows)), flags))
        by_stem[stem] = found
    return found


_LOWER = itemgetter(1)  # Token.lower
# every word _names_residents accepts ends so (its pattern's endings and the town-stem endings)
_RESIDENT_ENDING = methodcaller("endswith", ("bor", "borna", "bornas", "bon", "arna", "arnas", "are"))
_RESIDENT_FORMS: dict[str, dict[str, bool]] = {}  # by the town's stem, then by word form
_RESIDENT_FORMS_MAX = 50_000


def _names_residents(low: str, stem: str) -> bool:
    if _residents_pattern().match(low) and low[:-2] != "grann" and not low.startswith("grann"):
        base = re.sub(r"bo(?:r|rna|rnas|n)$", "", low)
        return not stem or low.startswith(stem[:3]) or not _foreign_name(base)
    return len(stem) >= 3 and low.startswith(stem) and low.endswith(("arna", "arnas", "are", "bor", "borna"))


def _foreign_name(word: str) -> bool:
    from checker.extraction.places import resolve_place

    for cand in (word, word + "a", word + "å", word + "e"):
        place = resolve_place(cand)
        if place is not None:
            return place.country_code != "SE"
    return False


def _beneficiary(m: Motion, s: Sentence, town: str | None) -> str | None:
    """Who in the municipality the sentence names as gaining something (None: nobody at home)."""
    doc = m.doc
    local = [h for h in cueset("local_benefit", "beneficiary").find(doc, [s]) if not _abroad(m, s, h.first, h.last)]
    if local:
        return local[0].text(doc)
    residents = _own_residents(m, s, town)
    if residents:
        return residents[0].text
    own = town.lower() if town else None
    # a word that is the town's name (with an -s) holds it: the words are looked at only when one does
    town_hits = (
        [(k, t) for k, t in enumerate(doc.sentence_tokens(s)) if t.lower.rstrip("s") == own]
        if own and own in sentence_words(doc, s)
        else []
    )
    # A Swedish municipality named in the motion is taken to be the motion's own; it is the
    # beneficiary only as "för Solna", "ge Solna", "Solna får", "Solnas verksamheter".
    home = [
        doc.tokens[x.first]
        for x in _mentions_in(m, s)
        if not x.foreign and x.place.kind != "country" and _receives(doc, s, x.first, x.last)
    ]
    receivers = [t for k, t in town_hits if _receives(doc, s, k + s.first, k + s.first)] or home
    return receivers[0].text if receivers else None


_ADMINISTRATION = ("förvaltning", "personal", "medarbetare", "anställda", "tjänstepersoner", "kommunens", "stadens")


def _benefits(m: Motion, s: Sentence) -> list[Hit]:
    """Benefit words in the sentence, not negated. An exchange ("utbyte mellan skolor") is a benefit
    only when groups of residents take part: an exchange between administrations alone is the
    cooperation itself, not a gain stated for the municipality."""
    doc = m.doc
    hits = [h for h in cueset("local_benefit", "benefit").find(doc, [s]) if not _negated(doc, h)]
    gains = [h for h in hits if not any("utbyte" in t.lower for t in doc.tokens[h.first : h.last + 1])]
    if gains or not hits:
        return gains
    who = cueset("local_benefit", "beneficiary").find(doc, [s])
    residents = [h for h in who if not h.text(doc).lower().startswith(_ADMINISTRATION)]
    return hits if residents else []


def _own_gain(m: Motion, s: Sentence) -> Hit | None:
    """A gain that can only be the municipality's: "vi kan lära oss av", "ger tillgång till projektmedel"."""
    for h in cueset("local_benefit", "own_gain").find(m.doc, [s]):
        # A foreign place before or inside the phrase is its receiver: "barnen i Kisumu får tillgång
        # till", "ge Kisumu tillgång till"; after it, the source: "lära oss av europeiska städer".
        firsts = _place_bounds(m, s)[1]
        abroad = bool(firsts) and firsts[0] <= h.last
        if not abroad and not _negated(m.doc, h):
            return h
    return None


def _same_paragraph(doc: Doc, a: Sentence, b: Sentence) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return (a.att is None) == (b.att is None) and "\n\n" not in doc.text[lo.end : hi.start]


def _local_by_nature(m: Motion) -> Sentence | None:
    """An att-sats about the municipality's own services or residents in a motion with nothing foreign."""
    atts = [s for s in m.primary if s.att is not None]
    if not atts or m.places.partners or m.places.international:
        return None
    if any(x.foreign for x in m.mentions if x.sentence.att is not None):
        return None
    if _kinds(m)[0] or _foreign_policy(m):
        return None
    own = cueset("local_benefit", "own_service")
    return next((s for s in atts if own.find(m.doc, [s])), None)


_PER_SENTENCE = ("per-sentence results", -12)


def _per_sentence(m: Motion, fn: Callable[..., _T], s: Sentence, *args: object) -> _T:
    """``fn(m, s, *args)`` for a function of the sentence that does not depend on the scope, computed
    once per document and shared by every scoped pass (kept in doc.hits beside the cue hits)."""
    cached = m.doc.hits.get(_PER_SENTENCE)
    if cached is None or cached[0] is not m.mentions:
        cached = m.doc.hits[_PER_SENTENCE] = (m.mentions, {})
    memo: dict[tuple[object, ...], object] = cached[1]
    key = (fn, s.index, *args)
    found = memo.get(key, _NOT_YET)
    if found is _NOT_YET:
        found = memo[key] = fn(m, s, *args)
    return cast("_T", found)


_NOT_YET = object()


def _benefit_stated(m: Motion, sentences: list[Sentence], town: str | None) -> Fact | None:
    """The local benefit stated in the first of ``sentences`` that states one (None: none does)."""
    doc = m.doc
    candidates = _benefit_candidates(m, town)
    for s in sentences:
        if s.index not in candidates:
            continue  # no beneficiary and no own gain: the sentence states nothing, nor begins an argument
        who = _per_sentence(m, _beneficiary, s, town)
        what = _per_sentence(m, _benefits, s)
        if who and what:
            return fact("local_benefit", True, [doc.evidence(s, f"{who} … {what[0].text(doc)}")])
        gain = _per_sentence(m, _own_gain, s)
        if gain is not None:
            return fact("local_benefit", True, [doc.evidence(s, gain.text(doc))])
        if who:
            # The argument goes on in the next sentence: "För Norrtälje är ... avgörande. Avtalet ger ..."
            by_index = doc.hits.get(_SENTENCE_BY_INDEX)
            if by_index is None or len(by_index) != len(doc.sentences):  # once per document, not per pass
                by_index = doc.hits[_SENTENCE_BY_INDEX] = {s.index: s for s in doc.sentences}
            for k in range(1, _CONTINUES + 1):
                nxt = by_index.get(s.index + k)
                if nxt is None or not _same_paragraph(doc, s, nxt):
                    break
                more = _per_sentence(m, _benefits, nxt)
                first = doc.tokens[nxt.first].lower if nxt.last > nxt.first else ""
                if more and first in _CONTINUATION and not _places_in(m, nxt):
                    ev = [doc.evidence(s, who), doc.evidence(nxt, more[0].text(doc))]
                    return fact("local_benefit", True, ev)
    return None


_CANDIDATES_KEY = ("sentences that may name a local beneficiary or gain, by town", -31)


def _benefit_candidates(m: Motion, town: str | None) -> set[int]:
    """The sentences (by index) where ``_beneficiary`` or ``_own_gain`` can find something: each of
    their findings needs a cue of its own, a word for the residents, the town's name among the words
    or a place at home named. Found once per document and town (they depend on the sentences and the
    mentions only), so that ``_benefit_stated`` reads only these: most sentences of a long motion name
    no beneficiary."""
    known: dict[str | None, tuple[list[Mention], set[int]]] = m.doc.hits.setdefault(_CANDIDATES_KEY, {})
    entry = known.get(town)
    if entry is None or entry[0] is not m.mentions:
        doc = m.doc
        found = set(cueset("local_benefit", "beneficiary").by_sentence(doc))
        found.update(cueset("local_benefit", "own_gain").by_sentence(doc))
        stem = town.lower().rstrip("aeiouyåäö") if town else ""  # as _own_residents reads it
        found.update(doc.tokens[i].sent for i in _resident_positions(doc, stem))
        found.update(x.sentence.index for x in m.mentions if not x.foreign and x.place.kind != "country")
        own = town.lower() if town else None
        if own and own in " ".join(map(_LOWER, doc.tokens)):  # the town's name in some word: which sentences
            found.update(s.index for s in doc.sentences if own in sentence_words(doc, s))
        entry = known[town] = (m.mentions, found)
    return entry[1]


_BODY_BENEFIT_KEY = ("local benefit stated in the whole body, by town", -28)


def _body_benefit(m: Motion, town: str | None) -> Fact | None:
    """``_benefit_stated`` over the whole body: what it finds depends on the sentences (each read by
    ``_per_sentence``, which no scope changes) and the town only, so it is found once per document and
    town, and every pass whose primary zone holds no body sentence shares it."""
    known: dict[str | None, tuple[list[Mention], Fact | None]] = m.doc.hits.setdefault(_BODY_BENEFIT_KEY, {})
    entry = known.get(town)
    if entry is None or entry[0] is not m.mentions:  # _per_sentence's results are of these mentions
        entry = known[town] = (m.mentions, _benefit_stated(m, m.body, town))
    return entry[1]


def extract_local_benefit(m: Motion) -> list[Fact]:
    doc = m.doc
    town = (m.context.municipality if m.context else None) or m.proposal.municipality
    rest = m.rest
    found = _benefit_stated(m, m.primary, town)
    if found is None:
        found = _body_benefit(m, town) if len(rest) == len(m.body) else _benefit_stated(m, rest, town)
    if found is not None:
        return [found]
    own = _local_by_nature(m)
    if own is not None:
        return [
            fact(
                "local_benefit",
                True,
                [doc.evidence(own, None)],
                note="förslaget gäller kommunens egen verksamhet eller dess invånare "
                "och har inget internationellt inslag",
            )
        ]
    return [
        fact(
            "local_benefit",
            False,
            note="motionen anger ingen nytta för kommunens invånare, verksamheter eller näringsliv",
        )
    ]


# --------------------------------------------------------------------------- business support

_COMPANY = re.compile(
    rf"\b({COMPANY_WORDS}[A-ZÅÄÖ][\w&.-]*\s(?:AB|HB|KB|Aktiebolag|Ltd|Inc|GmbH|Oy|AS|A/S))\b"
    r"|\b(?:AB|Aktiebolaget)\s((?:[A-ZÅÄÖ][\w&.-]*)(?:\s[A-ZÅÄÖ][\w&.-]*){0,2})"
    r"|\b(?:företaget|bolaget|firman)\s((?:[A-ZÅÄÖ][\w&.-]*)(?:\s[A-ZÅÄÖ][\w&.-]*){0,2})"
)

# Every match of _COMPANY holds one of these words (the pattern is case-sensitive): a sentence without
# any is passed over by this plain search, some ten times cheaper than the full pattern's.
_COMPANY_WORDS = re.compile("Aktiebolag|AB|HB|KB|Ltd|Inc|GmbH|Oy|AS|A/S|företaget|bolaget|firman")

_COMPANIES_KEY = ("companies named by sentence", -10)


def _companies(doc: Doc) -> dict[int, list[tuple[str, str]]]:
    """(name key, quoted form) of each company named in each sentence, in text order. They depend on
    the sentence alone, so they are found once per document and shared by every scoped pass."""
    found: dict[int, list[tuple[str, str]]] | None = doc.hits.get(_COMPANIES_KEY)
    if found is None:
        found = {}
        # a sentence is a piece of the motion span: without any of the words in the span, in none of them
        whole = _COMPANY_WORDS.search(doc.text, doc.start, doc.end) is not None
        for s in doc.sentences if whole else ():
            if _COMPANY_WORDS.search(s.text) is None:
                continue
            for mt in _COMPANY.finditer(s.text):
                name = next(g for g in mt.groups() if g)
                full = mt.group(0).strip()
                key = company_name_ok(s.text, mt.start(), mt.end(), full if mt.group(1) else name)
                if key is not None:
                    found.setdefault(s.index, []).append((key, full))
        doc.hits[_COMPANIES_KEY] = found
    return found


_PROMOTION_KEY = ("general promotion in the body's proposing sentences", -32)


def _body_promotion(m: Motion, promotion: CueSet) -> list[Hit]:
    """The general-promotion hits of the body sentences that propose: the body's (``m.body`` is every body
    sentence, whatever the scope), so found once per document; the caller is given a copy."""
    found: list[Hit] | None = m.doc.hits.get(_PROMOTION_KEY)
    if found is None:
        props = {h.sentence.index for h in cueset("places", "proposing").find(m.doc, m.body)}
        found = m.doc.hits[_PROMOTION_KEY] = promotion.find(m.doc, [s for s in m.body if s.index in props])
    return list(found)


_OWNER_REF = ("ägaren", "ägarna", "innehavaren", "innehavarna")


def _refers_to_business(doc: Doc, h: Hit) -> bool:
    """A company reference, unless it is an owner who need not own a business: "ägaren av butiken",
    or "ägaren" in a motion that names or speaks of a business before; not "ägarna till elbilarna"."""
    if not h.cue.source.startswith(_OWNER_REF):
        return True
    toks = doc.tokens
    i, end = h.last + 1, h.sentence.last
    if i + 1 < end and toks[i].lower in ("av", "till"):
        return business_noun(toks[i + 1].lower) or toks[i + 1].text[:1].isupper()
    names = business_names(doc)
    if names and names[0][0] <= toks[h.first].start:
        return True
    first = doc.hits.get(_FIRST_BUSINESS_KEY)
    if first is None:  # the first business noun of the document, found once
        first = doc.hits[_FIRST_BUSINESS_KEY] = next(
            (i for i, t in enumerate(toks) if business_noun(t.lower)), len(toks)
        )
    return bool(first < h.first)


_FIRST_BUSINESS_KEY = ("first business noun", -26)


_COORDINATION = frozenset(("och", "samt", "eller"))


def _trade_receives(doc: Doc, r: ActionReading, h: Hit) -> bool:
    """Whether the trade a giving unit names is among those it gives to. When the reading found another
    group of members as the recipient, named before the trade and not joined to it, the trade only
    describes or is included in that group: "gratis simskola för alla barn, också barn till bönder",
    "busskort till pensionärer, bland annat gamla fiskare". Joined to it, the trade receives as well
    ("alla hantverkare", "pensionärer och hantverkare"). A recipient read after the trade ("bidrag
    till egenföretagare som anställer unga") does not count against it: it is the object of a clause
    about the trade."""
    if r.recipient not in ("member_group", "residents") or not r.recipient_words:
        return True
    words, trade = r.recipient_words.lower(), h.text(doc).lower()
    if trade in words or words in trade:
        return True
    start = doc.tokens[h.first].start
    at = doc.text.lower().rfind(words, r.sentence.start, start)
    if at < 0:
        return True
    between = re.findall(r"[^\W\d_]+", doc.text[at + len(words) : start].lower())
    return set(between) <= _COORDINATION


def extract_business_support(m: Motion) -> list[Fact]:
    doc = m.doc
    support = cueset("business", "support")
    company_ref = cueset("business", "company_ref")
    promotion = cueset("business", "general_promotion")
    exceptional = cueset("business", "exceptional")
    sentences = m.primary_then_rest
    companies = _companies(doc)
    named: dict[str, Evidence] = {}
    for s in sentences if companies else ():  # most motions name no company
        for key, full in companies.get(s.index, ()):
            named.setdefault(key, doc.evidence(s, full))
    individual: list[Evidence] = []
    # the sets' hits by sentence (read-only), fetched once per pass, not by a find per sentence
    support_by_sentence = support.by_sentence(doc)
    for s in m.primary or m.body:
        sup = support_by_sentence.get(s.index)
        if not sup:
            continue
        has_company = any(s.start <= (e.start or -1) < s.end or e.quote == s.text for e in named.values()) or any(
            _refers_to_business(doc, h) for h in company_ref.find(doc, [s])
        )
        if has_company:
            individual.append(doc.evidence(s, sup[0].text(doc)))
    promo_hits = promotion.find(doc, m.primary) or _body_promotion(m, promotion)
    exc = exceptional.find(doc, sentences)
    # The action reading: value given to one identifiable business, or to a recipient it could not tell.
    givers = [r for r in in_scope(m) if "give_value" in r.all_kinds]
    for r in givers:
        if r.recipient == "business" and r.individual_business:
            individual.append(doc.evidence(r.sentence, r.recipient_words))
            if r.business_name and r.business_name not in named:
                named[r.business_name] = doc.evidence(r.sentence, r.business_name)
    individual = list({e.start: e for e in individual}.values())
    unclassified = [r for r in givers if r.recipient == "unclassified"]
    trades = [
        h
        for r in givers
        if r.recipient not in ("business", "association", "foreign_place", "state")
        for h in cueset("business", "trades").find(doc, [r.sentence])
        if _trade_receives(doc, r, h)
    ]
    if not individual and unclassified:
        support_fact = unknown(
            "individual_business_support",
            "förslaget ger pengar eller annat av värde, men det gick inte att avgöra till vem",
            [doc.evidence(r.sentence, r.cues.get("give_value")) for r in unclassified][:3],
        )
    elif not individual and trades:
        # "bidrag till taxiförare som byter till elbil": the group's members carry on a trade, mostly as
        # their own business, so whether the support is aimed at particular businesses must be assessed
        support_fact = unknown(
            "individual_business_support",
            "förslaget ger värde till en yrkesgrupp som ofta driver egna företag; det behöver prövas om "
            "stödet är individuellt inriktat stöd till näringsidkare",
            _evidence(doc, trades),
        )
    else:
        support_fact = fact(
            "individual_business_support",
            bool(individual),
            individual[:3],
            None if individual else "inget stöd till ett enskilt, namngivet företag hittades",
        )
    return [
        support_fact,
        fact("named_businesses", sorted(named), list(named.values())[:4]),
        fact(
            "general_business_promotion",
            bool(promo_hits),
            _evidence(doc, promo_hits),
            None if promo_hits else "inget förslag om allmänt främjande av näringslivet hittades",
        ),
        fact(
            "exceptional_grounds",
            bool(exc),
            _evidence(doc, exc),
            None if exc else "motionen anger inga synnerliga skäl",
        ),
    ]


# --------------------------------------------------------------------------- equal treatment


_RESIDENCE_LENGTH = frozenset({"minst", "sedan", "mer", "över", "längre"})


def _whole_municipality(doc: Doc, h: Hit, town: str | None) -> bool:
    """A place of residence that is the municipality itself ("folkbokförda i kommunen", "som bor i
    Solna" in Solna: municipality_after) names all its members, not one group of them."""
    after = municipality_after(doc, h, town)
    if after is None:
        return False
    # "folkbokförda i kommunen i minst femton år", "bosatta i Solna sedan 1990": a group by length of residence
    return not any(t.lower in _RESIDENCE_LENGTH for t in doc.tokens[after : min(after + 4, h.sentence.last)])


def extract_equal_treatment(m: Motion) -> list[Fact]:
    doc = m.doc
    privilege = cueset("equal_treatment", "privilege")
    group = cueset("equal_treatment", "group")
    scheme = cueset("equal_treatment", "scheme")
    objective = cueset("equal_treatment", "objective")
    age = cueset("equal_treatment", "age_group")
    sentences = m.primary_then_rest
    # Each favour with its criterion: True by age or an established scheme (boendeparkering), False by
    # place of residence, membership or profession, None when the sentence does not say.
    favour: list[tuple[Evidence, bool | None]] = []
    town = (m.context.municipality if m.context else None) or m.proposal.municipality
    # the sets' hits by sentence (read-only), fetched once per pass, not by a find per sentence
    privilege_by_sentence = privilege.by_sentence(doc)
    scheme_by_sentence = scheme.by_sentence(doc)
    for s in m.primary or m.body:
        r = privilege_by_sentence.get(s.index)
        # without a privilege only an established scheme counts: the group and age words are not read
        g = [h for h in group.find(doc, [s]) if not _whole_municipality(doc, h, town)] if r else []
        a = age.find(doc, [s]) if r else []
        sc = scheme_by_sentence.get(s.index)
        persons = person_group(doc, s, town) if r and not g and not a else None
        if r and g:
            favour.append((doc.evidence(s, f"{r[0].text(doc)} … {g[0].text(doc)}"), False))
        elif r and a:
            # One age group: "fri entré för pensionärer"; whether a need is stated is objective_reason_stated.
            favour.append((doc.evidence(s, f"{r[0].text(doc)} … {a[0].text(doc)}"), True))
        elif r and persons is not None:  # (persons is found only beside a privilege)
            # one group of persons, not by age: "gratis kaffe för alla taxiförare", "förtur för småbarnsföräldrar"
            words = doc.text[doc.tokens[persons[0]].start : doc.tokens[persons[1]].end]
            favour.append((doc.evidence(s, f"{r[0].text(doc)} … {words}"), False))
        elif sc:
            favour.append((doc.evidence(s, sc[0].text(doc)), True))
    for reading in in_scope(m):
        # Value or a service free of charge to one group of members: "medlemmar i …", "pensionärer".
        given = "give_value" in reading.all_kinds and reading.recipient == "member_group"
        if given and all(e.start != reading.sentence.start for e, _ in favour):
            sentence = [reading.sentence]
            # persons named by a noun ("ägare av elbilar", "taxiförare") are a group by something else than age
            by_other = bool(group.find(doc, sentence)) or person_group(doc, reading.sentence, town) is not None
            kind = False if by_other else True if age.find(doc, sentence) else None
            favour.append((doc.evidence(reading.sentence, reading.recipient_words), kind))
    # the objective reasons count only beside a favour: read only then
    obj = [h for h in objective.find(doc, sentences) if not _negated(doc, h)] if favour else []
    kinds = {k for _, k in favour if k is not None}
    evidence = [e for e, _ in favour]
    if not favour:
        criterion = fact("group_by_age_or_scheme", False, [], "inget förslag som gynnar en viss grupp hittades")
    elif not kinds:
        criterion = unknown("group_by_age_or_scheme", "det framgår inte efter vilket kriterium gruppen avgränsas")
    else:
        by_age = kinds == {True}
        note = None if by_age else "gruppen avgränsas efter bostadsort, medlemskap, yrke eller annat än ålder"
        criterion = fact("group_by_age_or_scheme", by_age, [e for e, k in favour if k is by_age][:3], note)
    return [
        fact(
            "favours_group",
            bool(favour),
            evidence[:3],
            None if favour else "inget förslag som gynnar en viss grupp av kommunmedlemmar hittades",
        ),
        fact(
            "objective_reason_stated",
            bool(obj),
            _evidence(doc, obj),
            None if obj else "inga sakliga skäl för särbehandling anges",
        ),
        criterion,
    ]


# --------------------------------------------------------------------------- networks


@cache
def _network_cues() -> CueSet:
    cues = []
    for entry in load_yaml("networks.yaml")["networks"]:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            cues.append(compile_cue(entry["name"], _exact_phrase(alias)))
    return CueSet(cues)


def _exact_phrase(name: str) -> str:
    words = re.findall(r"[^\W_]+", name)
    return " ".join(w if any(c.isupper() for c in w) and len(w) > 1 else w.lower() + "$" for w in words)


def _context_network_cues(context: ProfileContext | None) -> CueSet | None:
    if context is None or not context.networks:
        return None
    return _network_cueset(context.networks)


@lru_cache(maxsize=16)  # a profile's networks (frozen, hashable): compiled once, not at each sentence of each pass
def _network_cueset(networks: tuple[ContextNetwork, ...]) -> CueSet:
    return CueSet([compile_cue(n.name, _exact_phrase(a)) for n in networks for a in (n.name, *n.aliases)])


def _network_hits(m: Motion, sentences: list[Sentence]) -> list[Hit]:
    hits = _network_cues().find(m.doc, sentences)
    extra = _context_network_cues(m.context)
    if extra is not None:
        hits += extra.find(m.doc, sentences)
    return hits


def extract_networks(m: Motion) -> list[Fact]:
    join = cueset("networks", "join")
    chosen: list[Hit] = []
    joins = join.by_sentence(m.doc)  # read-only: fetched once per pass, not by a find per sentence
    for s in m.primary:
        if joins.get(s.index):
            chosen += _network_hits(m, [s])
    if not chosen and m.doc.scope is None:
        props = {h.sentence.index for h in cueset("places", "proposing").find(m.doc, m.body)}
        for s in m.body:
            if s.index in props and joins.get(s.index):
                chosen += _network_hits(m, [s])
    names = sorted({_context_name(m.context, h.cue.label) for h in chosen})
    return [fact("networks_requested", names, _evidence(m.doc, chosen))]


def canonical_network(name: str) -> str:
    """The name networks.yaml gives a network, from any of its aliases (the name itself if unknown)."""
    return _network_names().get(name.casefold(), name)


@cache  # as _network_cues: networks.yaml read once per process, not at each name compared
def _network_names() -> dict[str, str]:
    """Each name and alias of networks.yaml (case-folded) with the name of the first network that has it."""
    names: dict[str, str] = {}
    for entry in load_yaml("networks.yaml")["networks"]:
        for n in (entry["name"], *entry.get("aliases", [])):
            names.setdefault(n.casefold(), str(entry["name"]))
    return names


def _context_name(context: ProfileContext | None, name: str) -> str:
    """The profile's own name for a network, so that "already a member" compares like with like."""
    if context is not None:
        canonical = canonical_network(name)
        for n in context.networks:
            if canonical in {canonical_network(a) for a in (n.name, *n.aliases)}:
                return n.name
    return name


# --------------------------------------------------------------------------- motion date

_MONTHS = month_numbers_sv(abbreviations=False)
_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})(?::e|:a)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)


def _dates(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for mt in _DATE.finditer(text, start, end):
        try:
            if mt.group(1):
                d = dt.date(int(mt.group(1)), int(mt.group(2)), int(mt.group(3)))
            else:
                d = dt.date(int(mt.group(6)), _MONTHS[mt.group(5).lower()], int(mt.group(4)))
        except ValueError:
            continue
        out.append((mt.start(), mt.end(), d.isoformat()))
    return out


def extract_motion_date(m: Motion) -> list[Fact]:
    p = m.proposal
    if p.submitted:
        return [
            Fact(
                name="motion_date",
                known=True,
                value=p.submitted,
                source="extracted",
                note="datum enligt dokumentets uppgift om när motionen väcktes",
            )
        ]
    doc = m.doc
    last_att = max((s.end for s in doc.sentences if s.att is not None), default=None)
    # The signing line after the last att-sats ("Solna den 9 juni 2025"), else a date in the heading.
    regions = []
    if last_att is not None:
        regions.append((last_att, doc.end, "datum i underskriften"))
    regions.append((doc.start, min(doc.end, doc.start + 300), "datum i motionens inledning"))
    for lo, hi, why in regions:
        found = _dates(doc.text, lo, hi)
        if found:
            s, e, iso = found[-1] if why.startswith("datum i under") else found[0]
            line_start = doc.text.rfind("\n", 0, s) + 1
            line_end = doc.text.find("\n", e)
            line_end = hi if line_end == -1 or line_end > hi else line_end
            quote = doc.text[line_start:line_end].strip()
            q_start = doc.text.index(quote, line_start)
            return [
                fact(
                    "motion_date",
                    iso,
                    [Evidence(quote=quote, start=q_start, end=q_start + len(quote), cue=doc.text[s:e])],
                    note=why,
                )
            ]
    return [unknown("motion_date", "inget datum för när motionen väcktes hittades i motionen")]


from checker.extraction.legal import EXTRACTORS as LEGAL_EXTRACTORS  # noqa: E402

EXTRACTORS = {
    "extract_places": extract_places,
    "extract_cooperation_kinds": extract_cooperation_kinds,
    "extract_themes": extract_themes,
    "extract_foreign_policy": extract_foreign_policy,
    "extract_local_benefit": extract_local_benefit,
    "extract_business_support": extract_business_support,
    "extract_equal_treatment": extract_equal_treatment,
    "extract_networks": extract_networks,
    "extract_motion_date": extract_motion_date,
    "extract_actions": extract_actions,
    **LEGAL_EXTRACTORS,  # issue12: facts only the legal rules use (checker/extraction/legal.py)
}

assert {f.extractor for f in FACTS.values() if f.extractor} <= set(EXTRACTORS), "an extractor is missing"
