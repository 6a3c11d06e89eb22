"""The action reading: what each att-sats (or proposing sentence) asks the municipality to do.

A *unit* is one att-sats, or, in a motion without att-satser, one sentence of the body that proposes
("Vi yrkar att …", "Kommunen bör …"). Each unit is read once per motion into an ``ActionReading``:

- ``kinds``: the action kinds of ``checker.facts.ACTION_KINDS`` whose cues occur in the unit
  (``checker/data/cues.yaml``, section ``actions``). ``carry_out`` is the general kind: it is kept
  only when no other kind is found. An investigation verb that comes before the other cues governs
  them ("utreda förutsättningarna för ett utbyte"): the unit's kind is ``investigate`` and the
  kinds under investigation are kept in ``investigated``.
- ``actor``: the committee or body that is to act ("kommunstyrelsen", "Solna stad"), or
  "kommunen" when none is named.
- ``recipient``: for a unit that gives value, who receives it (``checker.facts.RECIPIENT_KINDS``),
  with the words it rests on; ``unclassified`` when value is given and nobody could be identified.
- ``amount`` and ``purpose``: as written.
- ``about``: for a stance, a boycott or a call on the state, whether it concerns a foreign matter
  (``foreign``), the state's own field (``state``), the municipality's own tasks (``own``) or could
  not be placed (``unplaced``).

The facts of the contract (``action_kinds``, ``value_recipients``, ``investigation_only``,
``operative_stance``, ``state_matter``, ``is_motion``) are derived from the readings in scope. A
fact is false only where the reading was made and found nothing; an unreadable unit makes
``action_kinds`` unknown, and a stance that cannot be placed makes ``operative_stance`` unknown.

Cost: the readings are computed once per motion (all scopes share them) and every cue set is
matched once per sentence (the hits are memoised in ``Doc.hits``); place mentions are indexed by
sentence once. Everything is linear in the length of the motion.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from checker.extraction.lexicon import Hit, cueset, load_yaml
from checker.extraction.places import abroad_only, genitive_position
from checker.extraction.text import Doc, Sentence, Token
from checker.facts import ACTION_KINDS
from checker.models import ActionReading as ActionReadingModel
from checker.models import Evidence, Fact, PlaceRole

if TYPE_CHECKING:
    from checker.extraction.extractors import Motion
    from checker.extraction.places import Mention

_STANCE_KINDS = ("take_position", "procure_exclude", "call_on_state")
_SPECIFIC = ("investigate", *[k for k in ACTION_KINDS if k not in ("investigate", "carry_out")])
# Words before "företag" that make it businesses in general, not one business.
_GENERAL_DET = frozenset(
    [
        "alla",
        "samtliga",
        "lokala",
        "många",
        "fler",
        "flera",
        "små",
        "mindre",
        "nya",
        "andra",
        "övriga",
        "befintliga",
        "enskilda",
        "kommunens",
        "stadens",
        "ortens",
        "regionens",
        "våra",
        "deras",
        "de",
        "dessa",
        "svenska",
        "deltagande",
        "intresserade",
        "berörda",
    ]
)
_ONE_DET = frozenset(
    ["ett", "en", "det", "den", "detta", "denna", "visst", "viss", "enda", "enskilt", "enskild", "lokalt", "lokal"]
)
_ACTOR_END = ("nämnden", "styrelsen", "fullmäktige", "förvaltningen", "kommunen", "staden", "regionen")
_AMOUNT = re.compile(
    r"\b\d[\d \u00a0]*(?:,\d+)?\s*(?:(?:miljoner|miljarder|miljon|tusen|mnkr|mkr|tkr|msek)\s*)?"
    r"(?:kronor|kr\b|SEK\b)|\b\d+(?:,\d+)?\s*(?:procent\b|%)",
    re.IGNORECASE,
)
# The words of a company name before its form: capitalised words and "&", and "i" or "på" between two
# of them ("Cykelverkstan i Bollnäs AB", "Bygg i Norr AB"), read as one name.
COMPANY_WORDS = r"(?:(?:[A-ZÅÄÖ][\w&.-]*|&)\s(?:(?:i|på)\s(?=[A-ZÅÄÖ]))?){0,4}"
_COMPANY_FORM = re.compile(
    rf"\b{COMPANY_WORDS}[A-ZÅÄÖ][\w&.-]*\s(?:AB|HB|KB|Aktiebolag|Handelsbolag|Kommanditbolag)\b"
    r"|\b(?:AB|Aktiebolaget)\s[A-ZÅÄÖ][\w&.-]*(?:\s[A-ZÅÄÖ][\w&.-]*){0,2}"
    r"|\b(?:[A-ZÅÄÖ][\w&.-]*\s){1,4}ekonomisk förening\b"
)
# Ordinary words that a capital at the start of a unit or a title does not make a name.
_NOT_NAMES = frozenset(
    ["att", "kommunen", "staden", "regionen", "den", "det", "de", "en", "ett", "alla", "samtliga", "vi"]
)


@dataclass
class ActionReading:
    """The reading of one unit (an att-sats or a proposing sentence)."""

    unit: int  # att-sats number; in a motion without att-satser, 0
    sentence: Sentence
    kinds: list[str]
    investigated: list[str] = field(default_factory=list)
    actor: str = "kommunen"
    recipient: str | None = None  # a RECIPIENT_KINDS value when the unit gives value
    recipient_words: str | None = None
    individual_business: bool = False
    business_name: str | None = None
    amount: str | None = None
    purpose: str | None = None
    pays_costs: bool = False  # the unit only pays costs ("bekostar transporten"): its recipient is the act's
    about: str | None = None  # foreign | state | own | unplaced, for stances and calls on the state
    about_words: str | None = None
    cues: dict[str, str] = field(default_factory=dict)  # kind -> the words it was read from
    # the evidence, made at its first use (every pass asks for it; the reading is complete by then: the
    # readings are asked for only once readings() has returned them)
    _evidence: Evidence | None = field(default=None, repr=False, compare=False)
    # all_kinds, kept once readings() has completed the reading (the extractors of every pass ask for it)
    _all_kinds: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def all_kinds(self) -> list[str]:
        """The kinds and the kinds under investigation, sorted (read-only for callers)."""
        found = self._all_kinds
        return sorted({*self.kinds, *self.investigated}) if found is None else found

    def evidence(self, doc: Doc) -> Evidence:
        found = self._evidence
        if found is None:
            words = "; ".join(f"{k}: {w}" for k, w in sorted(self.cues.items()))
            found = self._evidence = doc.evidence(self.sentence, words or None)
        return found


# --------------------------------------------------------------------------- units


def units(m: Motion) -> list[tuple[int, Sentence]]:
    """The motion's proposing units in text order: its att-satser, else its proposing sentences."""
    doc = m.doc
    atts = [s for s in doc.sentences if s.att is not None]
    if atts:
        if reported(doc, doc.body_sentences):
            return []
        return [(s.att or 0, s) for s in atts]
    body = doc.body_sentences
    strong = {h.sentence.index for h in cueset("actions", "proposing_strong").find(doc, body)}
    if not strong:
        # "bör", "behöver": a proposal when a municipal body or the municipality is named in the
        # sentence ("Därför bör kommunen …") or a passive follows ("bör byggas"), not a general remark
        # ("världen behöver mer fred")
        town = (_town(m) or "").lower()
        strong = {
            h.sentence.index
            for h in cueset("actions", "proposing_weak").find(doc, body)
            if any(
                t.lower.endswith(_ACTOR_END) or (town and t.lower.startswith(town))
                for t in doc.sentence_tokens(h.sentence)
            )
            or any(len(t.lower) > 4 and t.lower.endswith("as") for t in doc.tokens[h.last + 1 : h.last + 4])
        }
    if strong and reported(doc, [s for s in body if s.index in strong]):
        return []
    return [(0, s) for s in body if s.index in strong]


_FIRST_PERSON = frozenset(("jag", "vi", "mitt", "min", "mina", "vår", "vårt", "våra"))


def reported(doc: Doc, proposing: list[Sentence]) -> bool:
    """A text that reports a proposal instead of making it: it bears the marks of a press release or
    news item ("Pressmeddelande", "meddelar att", "För mer information", "Kontaktperson") and no
    sentence of it proposes in the writer's own voice (the first person, outside quoted speech):
    "Partiet vill att kommunen bygger …" tells what someone else proposes to the council. One mark is
    not enough, with att-satser (which a report may quote) or without (a motion may tell what the
    Government "meddelade i dag" and propose impersonally, "föreslås att …"): a press word or marks
    in two sentences are."""
    marks = cueset("actions", "report").find(doc, doc.sentences)
    marks += [h for h in cueset("actions", "report_heading").find(doc, doc.sentences) if h.first == h.sentence.first]
    marks = [h for h in marks if h.sentence.att is None]
    if not marks:
        return False
    if len({h.sentence.index for h in marks}) < 2 and not any(h.cue.source.startswith("press") for h in marks):
        return False
    speech = {h.sentence.index for h in cueset("actions", "reported_speech").find(doc, proposing)}
    for s in proposing:
        quoted = s.index in speech or s.text.lstrip()[:1] in '–—-"”«»'
        if not quoted and not _FIRST_PERSON.isdisjoint(map(_LOWER, doc.sentence_tokens(s))):
            return False
    return True


def readings(m: Motion) -> list[ActionReading]:
    """Every unit's reading; computed once per motion and shared by every scope."""
    key = ("action_readings", -1)
    found: list[ActionReading] | None = m.doc.hits.get(key)
    if found is None:
        by_sentence = mentions_by_sentence(m)
        found = [_read(m, n, s, by_sentence.get(s.index, [])) for n, s in units(m)]
        for r in found:
            _letter_content(m, r)
        _refer_back(m.doc, found)
        for r in found:  # complete: nothing changes a reading after this
            r._all_kinds = sorted({*r.kinds, *r.investigated})
        m.doc.hits[key] = found
    return found


_BACK = frozenset(
    [
        "beslutet",
        "beslutat",
        "uttalandet",
        "skrivelsen",
        "brevet",
        "detsamma",
        "detta",
        "samma",
        "sådant",
        "sådana",
        "ovanstående",
        "ovan",
        "motsvarande",
    ]
)
# Definite nouns that point back to the value given in another unit ("att medlen tas ur …").
_VALUE_BACK = frozenset(
    [
        "medlen",
        "pengarna",
        "beloppet",
        "stödet",
        "bidraget",
        "lånet",
        "borgen",
        "borgensåtagandet",
        "rabatten",
        "hyresnedsättningen",
        "nedsättningen",
        "tillskottet",
        "kapitaltillskottet",
        "aktieköpet",
        "förvärvet",
        "subventionen",
        "garantin",
        "upplåtelsen",
    ]
)


_LETTER = ("skrivelse", "brev", "hemställan", "upprop", "uttalande", "resolution")


def _letter_content(m: Motion, r: ActionReading) -> None:
    """A unit that sends a letter written out in the reasons ("antar den i motionen intagna
    skrivelsen och översänder den till justitieministern") asks what the letter asks: what it is
    about is read from the body sentences that call on the state."""
    doc = m.doc
    # a letter word, also ending a compound ("protestbrevet", "protestskrivelsen")
    words = sentence_words(doc, r.sentence)
    if not any(w in words for w in _LETTER):
        return
    foreign = [x for x in mentions_by_sentence(m).get(r.sentence.index, []) if place_role(doc, x) == "other"]
    sent = _hits(doc, r.sentence, "communicate") or _hits(doc, r.sentence, "join")
    seat = [] if foreign else _hits(doc, r.sentence, "foreign_government")
    # a letter the unit itself names as an invitation, thanks or greeting ("ett tackbrev till Japans
    # ambassad", "ett brev med en inbjudan till jubileet") takes no position towards the state
    # ("en inbjudan att avsluta kriget", "ett protestbrev" still take one: a foreign matter or a protest)
    courtesy = (
        bool(_hits(doc, r.sentence, "courtesy_letter"))
        and "protest" not in words
        and all(h.cue.source.startswith("ambassad") for h in _hits(doc, r.sentence, "foreign_matter"))
    )
    kinds = set(r.all_kinds)
    if "end_pause" in kinds and (foreign or seat):
        # "ett brev till Kreml med en begäran att stoppa bombningarna": an ending named after the
        # addressee is what the letter asks of it, not something the municipality ends
        addressee = foreign[0].last if foreign else seat[0].last
        if all(h.first > addressee for h in _hits(doc, r.sentence, "end_pause")):
            kinds.discard("end_pause")
    if (foreign or seat) and sent and not courtesy and kinds <= {"carry_out", "join", "cooperate"}:
        # "översända brevet till Irans ambassad", "ett protestbrev till Kreml": a letter to a foreign
        # state, named or by its government's seat or mission, is a position taken towards it,
        # whatever else the letter says
        r.kinds, r.investigated = ["take_position"], []
        r.cues = {"take_position": sent[0].text(doc)}
        if foreign:
            x = foreign[0]
            r.about, r.about_words = "foreign", doc.text[doc.tokens[x.first].start : doc.tokens[x.last].end]
        else:
            r.about, r.about_words = "foreign", seat[0].text(doc)
        return
    if "call_on_state" not in r.all_kinds or r.about not in (None, "unplaced"):
        return
    calls = cueset("actions", "call_on_state").find(doc, doc.body_sentences)
    calls += cueset("foreign_policy", "call_government").find(doc, doc.body_sentences)
    for s in sorted({h.sentence.index: h.sentence for h in calls}.values(), key=lambda x: x.start):
        abroad = mentions_by_sentence(m).get(s.index, [])
        matter = _hits(doc, s, "foreign_matter")
        if abroad:
            y = abroad[0]
            r.about, r.about_words = "foreign", doc.text[doc.tokens[y.first].start : doc.tokens[y.last].end]
            return
        if matter:
            r.about, r.about_words = "foreign", matter[0].text(doc)
            return
        field, own = _hits(doc, s, "state_field"), _hits(doc, s, "own_task")
        if field and not own:
            r.about, r.about_words = "state", field[0].text(doc)
            return
        if own:
            r.about, r.about_words = "own", own[0].text(doc)  # funding of the municipality's own task
            return


def _refer_back(doc: Doc, found: list[ActionReading]) -> None:
    """Units that point back to another unit take what they point to:
    - "att medlen tas ur …", "att hyresnedsättningen gäller i tre år": the value given before, and
      its recipient; a unit that only pays costs ("bekostar transporten") gives to the same recipient;
    - "att beslutet meddelas regeringen", "att kommunen meddelar … detta beslut", "att göra detsamma":
      the stance of the other units, and what it is about."""
    placed = [r for r in found if r.about in ("foreign", "state")][:2]
    stances = [r for r in found if set(r.all_kinds) & set(_STANCE_KINDS)][:2]
    giver: ActionReading | None = None  # the last unit before this one that gave value to someone
    group: str | None = None  # the last group of members a unit named ("för invånare som fyllt 65 år")
    caller: ActionReading | None = None  # the last unit before this one that called on the state in its field
    for r in found:
        if caller is not None and r.kinds == ["carry_out"] and _hits(doc, r.sentence, "state_field"):
            # "att Säkerhetspolisens befogenheter … begränsas" after a letter to the government: what
            # the state is asked to do, in its own field
            r.kinds = ["call_on_state"]
            r.about, r.about_words = "state", _hits(doc, r.sentence, "state_field")[0].text(doc)
            r.cues.setdefault("call_on_state", caller.cues.get("call_on_state", ""))
        if "call_on_state" in r.kinds and r.about == "state":
            caller = r
        words = set(map(_LOWER, doc.sentence_tokens(r.sentence)))
        back_value = words & _VALUE_BACK
        if (
            giver is not None
            and (back_value or r.pays_costs or r.recipient == "unclassified")
            and r.kinds in ([], ["carry_out"], ["give_value"])
            and r.recipient in (None, "unclassified", "own_activities")
        ):
            r.kinds = ["give_value"]
            r.recipient, r.recipient_words = giver.recipient, giver.recipient_words
            r.individual_business, r.business_name = giver.individual_business, giver.business_name
            r.cues.setdefault("give_value", min(back_value) if back_value else r.cues.get("carry_out", ""))
        elif giver is None and group is not None and r.recipient in ("unclassified", "own_activities"):
            # "att kortet ger fri entré …" after "att ett seniorkort införs för invånare som fyllt 65 år"
            r.recipient, r.recipient_words = "member_group", group
        elif giver is not None and r.recipient == "unclassified":
            # value under investigation or on other terms, in a motion that gives it to someone named
            r.recipient, r.recipient_words = giver.recipient, giver.recipient_words
            r.individual_business, r.business_name = giver.individual_business, giver.business_name
        if "give_value" in r.kinds and r.recipient not in (None, "unclassified"):
            giver = r
        named_group = _hits(doc, r.sentence, "member_group")
        if named_group:
            group = named_group[0].text(doc)
        if not words & _BACK:
            continue
        source = next((p for p in stances if p is not r), None)
        if source is not None and set(r.kinds) <= {"carry_out"} and _hits(doc, r.sentence, "communicate"):
            stance = [k for k in source.all_kinds if k in _STANCE_KINDS]
            r.kinds = ["call_on_state"] if stance == ["call_on_state"] else ["take_position"]
            r.cues.setdefault(r.kinds[0], "beslutet")
            r.about, r.about_words = source.about or "unplaced", source.about_words
        placed_source = next((p for p in placed if p is not r), None)
        if placed_source and set(r.all_kinds) & set(_STANCE_KINDS) and r.about in (None, "unplaced", "own"):
            r.about, r.about_words = placed_source.about, placed_source.about_words


def in_scope(m: Motion) -> list[ActionReading]:
    """The readings of the units in the motion's scope (all of them without a scope), in their order;
    a scoped pass looks them up by the scope's sentences (found by bisection), not by a scan of all."""
    kept = m.readings_cache  # this pass's, found at its first call
    if kept is not None:
        return list(kept)
    found = readings(m)
    # the extractors of one pass each ask for the same list: found once per scope of the document
    memo: dict[tuple[int, int] | None, tuple[list[ActionReading], list[ActionReading]]]
    memo = m.doc.hits.setdefault(_IN_SCOPE_KEY, {})
    entry = memo.get(m.doc.scope)
    if entry is None or entry[0] is not found:
        entry = memo[m.doc.scope] = (found, _in_scope(m, found))
    m.readings_cache = entry[1]
    return list(entry[1])


_IN_SCOPE_KEY = ("action readings in scope", -23)


def _in_scope(m: Motion, found: list[ActionReading]) -> list[ActionReading]:
    if m.doc.scope is None:
        return [r for r in found if m.doc.in_scope(r.sentence)]
    key = ("action readings by sentence", -7)
    cached = m.doc.hits.get(key)
    if cached is None or cached[0] is not found:
        by_sentence: dict[int, list[int]] = {}
        for i, r in enumerate(found):
            by_sentence.setdefault(r.sentence.index, []).append(i)
        cached = m.doc.hits[key] = (found, by_sentence)
    picked = sorted(i for s in (*m.doc.att_sentences, *m.doc.scoped_body) for i in cached[1].get(s.index, ()))
    return [found[i] for i in picked]


def foreign_by_sentence(doc: Doc, mentions: list[Mention]) -> dict[int, list[Mention]]:
    """The foreign place mentions of each sentence, indexed once per document and list of mentions
    (read-only): the one index of them, so that every reading of a sentence's places gives place_role
    the same list as siblings, and their table (``_ends_of``, by the list's identity) is made once."""
    cached: tuple[list[Mention], dict[int, list[Mention]]] | None = doc.hits.get(_FOREIGN_KEY)
    if cached is None or cached[0] is not mentions:
        by_sentence: dict[int, list[Mention]] = {}
        for x in mentions:
            if x.foreign:
                by_sentence.setdefault(x.sentence.index, []).append(x)
        cached = doc.hits[_FOREIGN_KEY] = (mentions, by_sentence)
    return cached[1]


_FOREIGN_KEY = ("foreign mentions by sentence", -5)


def mentions_by_sentence(m: Motion, *, foreign: bool = True) -> dict[int, list[Mention]]:
    """The (foreign, or all) place mentions of each sentence, indexed once per motion: extractors look
    them up by sentence instead of scanning every mention for every sentence."""
    if foreign:
        return foreign_by_sentence(m.doc, m.mentions)
    key = ("all_mentions_by_sentence", -1)
    found: dict[int, list[Mention]] | None = m.doc.hits.get(key)
    if found is None:
        found = {}
        for x in m.mentions:
            found.setdefault(x.sentence.index, []).append(x)
        m.doc.hits[key] = found
    return found


# --------------------------------------------------------------------------- reading one unit


def _hits(doc: Doc, s: Sentence, name: str) -> list[Hit]:
    return cueset("actions", name).find(doc, [s])


def sentence_words(doc: Doc, s: Sentence) -> str:
    """The lower-case words of ``s`` (its tokens' ``lower``, as read: suspended compounds in full) joined
    by spaces, once per document: no word holds a space, so ``part in sentence_words(doc, s)`` tells in C
    whether some word of the sentence contains ``part``, without a Python step per word."""
    key = ("lower-case words", s.index)
    found: str | None = doc.hits.get(key)
    if found is None:
        found = doc.hits[key] = " ".join(map(_LOWER, doc.tokens[s.first : s.last]))
    return found


def _read(m: Motion, number: int, s: Sentence, foreign: list[Mention]) -> ActionReading:
    doc = m.doc
    found: dict[str, list[Hit]] = {}
    for kind, per in _kind_hits(doc):
        hits = per.get(s.index)
        if not hits:
            continue  # most kinds have no cue in a unit
        hits = list(hits)  # the document's own list: found[kind] is extended below
        if kind == "give_value":
            hits = [h for h in hits if not _receives_funding(doc, s, h)]
        elif kind == "cooperate":
            hits = [
                h
                for h in hits
                if not _manner_only(doc, s, h) and _with_a_place(h, foreign) and not replacement(doc, s, h.first)
            ]
        elif kind == "end_pause":
            hits = [h for h in hits if not _when_clause(doc, s, h)]
        elif kind == "join":
            hits = [h for h in hits if not _locative(doc, s, h)]
        elif kind == "take_position":
            hits = [h for h in hits if not _requirement(doc, s, h) and not _urges_own(doc, s, h)]
        if hits:
            found[kind] = hits
    if "call_on_state" in found:
        # "uppmanar Myanmars regering": a foreign government is urged, which is a stance, not a call
        # on the Swedish state.
        foreign_gov = [h for h in found["call_on_state"] if _foreign_before(foreign, h)]
        if foreign_gov and len(foreign_gov) == len(found["call_on_state"]):
            found.setdefault("take_position", []).extend(foreign_gov)
            del found["call_on_state"]
    if "take_position" in found and _hits(doc, s, "sympathy"):
        # "uttrycker sitt deltagande med offren": sympathy with victims is a symbolic act, unless the
        # unit also condemns or demands something.
        plain = [h for h in found["take_position"] if h.cue.source.startswith(_SPEAKS)]
        if len(plain) == len(found["take_position"]):
            found.setdefault("symbolic", []).extend(found.pop("take_position"))
    if "take_position" in found and _declared_free(doc, s) and not _hits(doc, s, "foreign_matter"):
        # "förklarar torget som en rökfri zon": a place declared free of something that is neither a
        # weapon of war nor a foreign matter (those are foreign_matter cues) is a local measure
        declared = [h for h in found["take_position"] if h.cue.source.startswith("förklara")]
        if len(declared) == len(found["take_position"]):
            found.setdefault("carry_out", []).extend(found.pop("take_position"))
    if "call_on_state" in found and "take_position" in found:
        # "uppmanar regeringen": the call on the state, not a second, separate stance
        rest = [h for h in found["take_position"] if not h.cue.source.startswith("uppmana")]
        if rest:
            found["take_position"] = rest
        else:
            del found["take_position"]
    if "take_position" in found and "call_on_state" not in found and _hits(doc, s, "state_field"):
        # "fullmäktige kräver att straffrabatten slopas": a demand in the state's own field is a call on it
        demands = [h for h in found["take_position"] if "kräv" in h.cue.source]
        if demands and not foreign:
            found["call_on_state"] = demands
            found["take_position"] = [h for h in found["take_position"] if h not in demands]
            if not found["take_position"]:
                del found["take_position"]
    if "call_on_state" not in found and not foreign:
        advocates = _advocates_state_matter(doc, s)
        if advocates:
            # "kommunen verkar för att a-kassan höjs": working for what only the state decides is a call
            # on the state, whether or not the state is named
            found["call_on_state"] = advocates
    if "call_on_state" in found:
        # What the state is asked to do is not done by the municipality: the money asked of the state,
        # the sanctions, the recognition, the ending of an agreement it is asked to push for.
        call_at = min(h.first for h in found["call_on_state"])
        for kind in list(found):
            if kind in ("call_on_state", "investigate"):
                continue
            kept = [h for h in found[kind] if h.first < call_at]
            if kept:
                found[kind] = kept
            else:
                del found[kind]
    specific = [k for k in _SPECIFIC if k in found]
    if not specific and "carry_out" not in found and _verb_form(doc, s):
        found["carry_out"] = []
    kinds = specific or (["carry_out"] if "carry_out" in found else [])
    investigated: list[str] = []
    if "investigate" in found and len(specific) > 1:
        inv_at = found["investigate"][0].first
        governed = [k for k in specific if k != "investigate" and found[k][0].first > inv_at]
        if governed:
            investigated = governed
            kinds = [k for k in specific if k not in governed]
    r = ActionReading(number, s, kinds, investigated)
    r.cues = {k: found[k][0].text(doc) for k in r.all_kinds if found.get(k)}
    r.actor = _actor(doc, s)
    amount = _AMOUNT.search(s.text)
    r.amount = amount.group(0).strip() if amount else None
    purpose = _hits(doc, s, "purpose")
    if purpose:
        start = doc.tokens[purpose[0].first].start
        r.purpose = doc.text[start : min(s.end, start + 200)].rstrip(" ,.;")
    if "give_value" in r.all_kinds:
        _recipient(m, r, found["give_value"], foreign)
    if any(k in r.all_kinds for k in _STANCE_KINDS):
        _about(m, r, foreign)
    return r


_KIND_HITS_KEY = ("action kinds' hits by sentence", -33)


def _kind_hits(doc: Doc) -> tuple[tuple[str, dict[int, list[Hit]]], ...]:
    """Each action kind's cue hits by sentence (CueSet.by_sentence; read-only), fetched once per document
    rather than once per kind and unit (the named cue sets are matched in one pass over the document)."""
    found: tuple[tuple[str, dict[int, list[Hit]]], ...] | None = doc.hits.get(_KIND_HITS_KEY)
    if found is None:
        found = doc.hits[_KIND_HITS_KEY] = tuple(
            (kind, cueset("actions", kind).by_sentence(doc)) for kind in ACTION_KINDS
        )
    return found


def _advocates_state_matter(doc: Doc, s: Sentence) -> list[Hit]:
    """The advocacy words of a unit that works for a matter in the state's own field (national law,
    tax rates, unemployment insurance, pensions), when it names no condition of the municipality's own
    tasks (a state grant, compensation) and nothing of its own that the work is for ("i kommunens
    skolor", "för invånarna"). What the unit works for must change the state's matter ("a-kassan
    höjs", "en stramare asylpolitik"): getting people to use or know a state scheme does not. The
    municipality's own tax rate ("en lägre skattesats") is its own matter unless the state's is named."""
    advocates = _hits(doc, s, "advocate")
    if not advocates or not _hits(doc, s, "advocate_change"):
        return []
    own_tax = [] if _hits(doc, s, "state_tax") else _hits(doc, s, "own_tax")
    fields = _hits(doc, s, "state_field")
    if not [h for h in fields if all(h.last < o.first or o.last < h.first for o in own_tax)]:
        return []
    if _hits(doc, s, "own_task") or local_anchor(doc, s):
        return []
    return advocates


_PASSIVE = re.compile(r"^[a-zåäö]{2,}[^s\W](?:as|s)$")
_PRESENT = re.compile(r"^[a-zåäö]{2,}(?:ar|er|ir)$")
_NOT_VERBS = frozenset(
    [
        "eller",
        "över",
        "efter",
        "under",
        "fler",
        "mer",
        "här",
        "där",
        "per",
        "var",
        "vår",
        "hur",
        "när",
        "hos",
        "inför",
        "mellan",
        "enligt",
        "bakom",
        "åter",
        "sommar",
        "vinter",
        "hyr",
        "vatten",
        "fönster",
        "lärare",
        "medborgare",
        "invånare",
        "kvarter",
        "meter",
        "liter",
    ]
)
_SUBJECT_END = ("en", "et", "na", "n", "t", "ns")


# Short present forms that end in none of the regular endings: "hushållen får", "kommunen gör om".
_IRREGULAR_PRESENT = frozenset(("får", "gör", "ger", "tar", "ser", "går", "står", "blir", "har", "är", "ska", "bör"))


def _present_after_subject(toks: list[Token]) -> bool:
    """A present-tense verb right after a definite subject: "kommunen byter", "planen inkluderar"."""
    for a, b in itertools.pairwise(toks[1:13]):
        low = b.lower
        if low in _IRREGULAR_PRESENT and (a.lower.endswith(_SUBJECT_END) or a.text[:1].isupper()):
            return True
        if low in _NOT_VERBS or not _PRESENT.match(low):
            continue
        if a.lower.endswith(_SUBJECT_END) or a.text[:1].isupper() or low.endswith("erar"):
            return True
    return False


_NOT_PASSIVE = ("ens", "ets", "ernas", "arnas", "ornas", "nas", "ars", "ers", "ors", "ns", "ts", "us", "is", "os")


def _verb_form(doc: Doc, s: Sentence) -> bool:
    """A passive verb ("byggs", "rivs", "förlängs") after the first words: the unit asks for something
    to be done, though its verb is not among the cues (then it is read as carry_out)."""
    if _present_after_subject(doc.tokens[s.first : s.last]):
        return True
    for t in doc.tokens[s.first + 1 : s.last]:
        low = t.lower
        if _PASSIVE.match(low) and (
            not low.endswith(_NOT_PASSIVE) or low.endswith(("ds", "gs", "ks", "ls", "rs", "vs", "tts", "yts", "äts"))
        ):
            return True
    return False


def _locative(doc: Doc, s: Sentence, h: Hit) -> bool:
    """ "i (direkt) anslutning till": a place, not joining."""
    return any(t.lower == "i" for t in doc.tokens[max(s.first, h.first - 2) : h.first])


_SPEAKS = ("uttala", "uttrycka", "sitt|sin")


def _requirement(doc: Doc, s: Sentence, h: Hit) -> bool:
    """ "ställer krav på att varor …": a requirement in a procurement, not a demand on another party."""
    return h.first > s.first and doc.tokens[h.first - 1].lower.startswith("ställ")


_OWN_ADDRESSEES = ("invånar", "kommuninvånar", "medborgar", "allmänhet", "fullmäktige")


def _urges_own(doc: Doc, s: Sentence, h: Hit) -> bool:
    """ "Kommunfullmäktige uppmanas att besluta …", "uppmanar kommunstyrelsen att …", "uppmanar
    invånarna att …": urging the council, one of the municipality's own bodies or its residents is how
    the proposal is put, or a commission, not a position taken towards another party."""
    if not h.cue.source.startswith("uppmana") or h.first != h.last:
        return False
    toks = doc.tokens
    if toks[h.first].lower.endswith("as"):  # "Kommunfullmäktige uppmanas": the subject before it
        words = [toks[h.first - 1].lower] if h.first > s.first else []
    else:  # "uppmanar tekniska nämnden att": the object, up to "att"
        words = []
        for t in toks[h.last + 1 : min(s.last, h.last + 5)]:
            if t.lower == "att":
                break
            words.append(t.lower)
    return any(w.endswith(_ACTOR_END) or w.startswith(_OWN_ADDRESSEES) for w in words)


_REPLACEMENT_FORMS = frozenset(("utbyte", "utbytet", "utbyten", "utbytena", "utbytets"))
# What is exchanged rather than replaced: "utbyte av erfarenheter", "utbyte av elever".
_EXCHANGED = (
    *("erfarenhet", "kunskap", "idé", "elev", "student", "personal", "tjänstem", "lärare", "ungdom"),
    *("information", "kompetens", "metod", "arbetssätt", "lärdom", "kultur", "praktikant", "besök", "goda"),
)
_AT_TIME = frozenset(("vid", "efter", "inför", "under", "före", "genom", "samband", "pågående", "planerade"))


def replacement(doc: Doc, s: Sentence, i: int) -> bool:
    """ "utbytet av gatubelysningen", "vid utbytet 2026": "utbyte" in the sense of replacing something,
    not of an exchange with another party ("utbyte med", "utbyte av erfarenheter")."""
    toks = doc.tokens
    if toks[i].lower not in _REPLACEMENT_FORMS:
        return False
    nxt = toks[i + 1].lower if i + 1 < s.last else ""
    if nxt in ("med", "mellan"):
        return False
    if nxt == "av":
        obj = toks[i + 2].lower if i + 2 < s.last else ""
        return bool(obj) and not obj.startswith(_EXCHANGED)
    return i > s.first and toks[i - 1].lower in _AT_TIME


def _with_a_place(h: Hit, foreign: list[Mention]) -> bool:
    """ "tillsammans med" is a cooperation with another place only when a foreign place follows."""
    if h.cue.source != "tillsammans med":
        return True
    return any(0 < x.first - h.last <= 6 for x in foreign)


def _foreign_before(foreign: list[Mention], h: Hit) -> bool:
    """A foreign place right before the addressee of a call: "Myanmars regering"."""
    return any(x.last + 1 == h.last for x in foreign)


def _receives_funding(doc: Doc, s: Sentence, h: Hit) -> bool:
    """The municipality applies for or receives the money: "ansöker om medfinansiering från EU"."""
    lo = max(s.first, h.first - 4)
    before = [t.lower for t in doc.tokens[lo : h.first]]
    after = [t.lower for t in doc.tokens[h.last + 1 : min(s.last, h.last + 3)]]
    if any(w.startswith(("ansök", "söka", "söker", "söks", "erhåll")) for w in before):
        return True
    words = doc.text[doc.tokens[h.first].start : doc.tokens[h.last].end].lower()
    if words.startswith(_RECEIVED):
        return True  # "statsbidrag", "EU-medel": money the municipality receives
    funding = any(w in words for w in ("finansier", "bidrag", "medel", "stöd", "anslag", "pengar"))
    return funding and bool(after) and after[0] in ("från", "ur", "via", "genom") and "till" not in after


_RECEIVED = (
    "statsbidrag",
    "statligt bidrag",
    "statliga bidrag",
    "eu-bidrag",
    "eu-medel",
    "projektmedel",
    "strukturfond",
)


def _manner_only(doc: Doc, s: Sentence, h: Hit) -> bool:
    """ "i samarbete med MSB", "i samverkan med": the manner of another act, not a cooperation asked."""
    return h.first > s.first and doc.tokens[h.first - 1].lower in ("i", "genom")


_WHEN = frozenset(("när", "efter", "innan", "då", "tills", "förrän", "vid"))


def _when_clause(doc: Doc, s: Sentence, h: Hit) -> bool:
    """ "när projektet avslutas", "efter avslut", "avslutas med en utvärdering": the time or the close
    of another act, not an ending asked for."""
    if h.last + 1 < s.last and doc.tokens[h.last + 1].lower == "med" and h.first == h.last:
        return doc.tokens[h.first].lower.endswith("as")
    return any(t.lower in _WHEN for t in doc.tokens[max(s.first, h.first - 3) : h.first])


def _actor(doc: Doc, s: Sentence) -> str:
    """The body that is to act: the first committee, board or municipality named near the start."""
    toks = doc.sentence_tokens(s)
    for j, t in enumerate(toks[:10]):
        low = t.lower
        named = low in ("kommun", "stad", "region") and j > 0 and toks[j - 1].text[:1].isupper()
        if named:
            return f"{toks[j - 1].text} {t.text}"
        if low.endswith(_ACTOR_END):
            return _with_suspended(doc, toks, j)
    return "kommunen"


def _with_suspended(doc: Doc, toks: list[Token], j: int) -> str:
    """A body's whole name: with its suspended compounds ("barn- och utbildningsnämnden", "kultur-,
    fritids- och idrottsnämnden": the tokens read each part in full, "barnnämnden") and with an
    adjective before a bare "nämnden" ("tekniska nämnden")."""
    text = doc.text
    if text[toks[j].end : toks[j].end + 1] == "-":
        k = j + 1
        while k < len(toks) and (text[toks[k].end : toks[k].end + 1] == "-" or toks[k].lower in ("och", "eller")):
            k += 1
        if k < len(toks) and toks[k].lower.endswith(_ACTOR_END):
            return " ".join(text[toks[j].start : toks[k].end].split())
        return toks[j].text
    low = toks[j].lower
    if low in ("nämnden", "styrelsen") and j > 0 and toks[j - 1].lower.endswith("a") and len(toks[j - 1].lower) > 4:
        return f"{toks[j - 1].text} {toks[j].text}"
    return toks[j].text


# --------------------------------------------------------------------------- recipients


@cache
def _heads() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_yaml("cues.yaml")["actions"]
    return tuple(data["business_heads"]), tuple(data["not_business_heads"])


_SINGULAR_ENDINGS = ("", "en", "et", "n", "t", "s", "ens", "ets", "ns", "ts")
_PLURAL_ONLY = ("er", "erna", "ar", "arna", "or", "orna", "na", "ernas", "arnas", "ers")


@lru_cache(maxsize=8192)  # a pure function of the word and the cue file: the same answer for every document
def business_head(low: str) -> tuple[bool, bool] | None:
    """(is a business noun, is definite) for a token, or None: "butiken" → (True, True)."""
    heads, not_heads = _heads()
    if low.startswith(not_heads) or _any_head().search(low) is None:
        return None  # (a word without any head is passed over by one search, not a step per head)
    for head in heads:
        i = low.rfind(head)
        if i < 0:
            continue
        rest = low[i + len(head) :]
        if rest in _SINGULAR_ENDINGS:
            return True, rest in ("en", "et", "n", "t", "ens", "ets", "ns", "ts")
    return None


@cache
def _any_head() -> re.Pattern[str]:
    """Finds a business head anywhere in a word: a word without one is no business noun."""
    return re.compile("|".join(map(re.escape, _heads()[0])) or "(?!)")


@cache
def _person_nouns() -> tuple[str, ...]:
    return tuple(load_yaml("cues.yaml")["actions"]["person_nouns"])


@cache
def _any_person_ending() -> re.Pattern[str]:
    """Matches every word that ``person_noun`` reads further: one of the forms marked "$" whole, or a
    word ending in a form, in a form and "-na", or ("-are") in "-arna"; any other word is none."""
    whole = [f[:-1] for f in _person_nouns() if f.endswith("$")]
    ends = [f for f in _person_nouns() if not f.endswith("$")]
    ends += [f + "na" for f in ends] + [f[:-1] + "na" for f in ends if f.endswith("are")]
    parts = [r"\A(?:" + "|".join(map(re.escape, whole)) + r")\Z"] if whole else []
    parts += [r"(?:" + "|".join(map(re.escape, ends)) + r")\Z"] if ends else []
    return re.compile("|".join(parts) or "(?!)")


@lru_cache(maxsize=8192)  # a pure function of the word and the cue file
def person_noun(low: str) -> bool:
    """A noun for a group of persons (``person_nouns`` in cues.yaml), whole or as the last part of a
    compound whose first part is not a business: "taxiförare", "elbilsägare", "cyklisterna";
    not "butiksägare" (the owners of businesses) nor the singular "ägaren" (one owner)."""
    if _any_person_ending().search(low) is None:
        return False  # no form it could be: one search, not a step per form
    for form in _person_nouns():
        if form.endswith("$"):  # this word only: "boende", not "äldreboende" (a home)
            if low == form[:-1]:
                return True
            continue
        if low.endswith(form):
            rest = low[: len(low) - len(form)]
        elif form.endswith("are") and low.endswith(form[:-1] + "na"):
            rest = low[: len(low) - len(form) - 1]  # "förarna", "ägarna"
        elif low.endswith(form + "na"):
            rest = low[: len(low) - len(form) - 2]  # "cyklisterna", "föräldrarna"
        else:
            continue
        if not rest:
            return True
        if len(rest) < 2 or not rest[-1].isalpha():
            continue
        first = rest[:-1] if rest.endswith("s") else rest  # the linking -s of "elbilsägare"
        # "butiksägare": the owners of businesses are no group of members
        return business_head(rest) is None and business_head(first) is None
    return False


def person_group(doc: Doc, s: Sentence, town: str | None = None) -> tuple[int, int] | None:
    """The first noun of sentence ``s`` that names a group of persons (see ``person_noun``), with the
    words "av|till X" that say whom it means ("ägare av elbilar"): (first, last) token indexes. None
    when there is none, or when what they own or run is a business ("ägare av restauranger"); "boende
    i kommunen" (or in ``town``) are all its residents, no group."""
    toks = doc.tokens
    for i in range(s.first, s.last):
        if not person_noun(toks[i].lower):
            continue
        if toks[i].lower == "boende" and i + 2 < s.last and toks[i + 1].lower in ("i", "på"):
            where = toks[i + 2].lower
            if where in ("kommunen", "staden", "regionen") or (town and where.startswith(town.lower())):
                continue
        last = i
        if i + 2 < s.last and toks[i + 1].lower in ("av", "till"):
            if business_noun(toks[i + 2].lower):
                continue
            last = i + 2
        return i, last
    return None


_OWNER_ONE = ("ägaren", "innehavaren")
_OWNER_MANY = ("ägare", "ägarna", "innehavare", "innehavarna")


@lru_cache(maxsize=8192)
def business_owner(low: str) -> bool | None:
    """For the owner of a business named in one word: True for one owner ("butiksägaren",
    "restauranginnehavaren"), False for owners of that kind of business ("hotellägare"); else None."""
    for ends, one in ((_OWNER_ONE, True), (_OWNER_MANY, False)):
        for end in ends:
            if low.endswith(end) and len(low) > len(end) + 2:
                rest = low[: -len(end)]
                if business_head(rest) is not None or (rest.endswith("s") and business_head(rest[:-1]) is not None):
                    return one
    return None


def business_noun(low: str) -> bool:
    """A business noun in either number: "butiken", "restauranger", "företagen"."""
    if business_head(low) is not None:
        return True
    return any(low.endswith(e) and business_head(low[: -len(e)]) is not None for e in _PLURAL_ONLY)


def _recipient(m: Motion, r: ActionReading, give: list[Hit], foreign: list[Mention]) -> None:
    doc, s = m.doc, r.sentence
    toks = doc.sentence_tokens(s)
    origin = {id(x) for x in foreign if place_role(doc, x, foreign) == "origin"}
    # 1. A business: a company form, a business noun in the singular, or a name in the recipient slot.
    for company in _COMPANY_FORM.finditer(s.text):
        name = company.group(0).strip()
        if _commissioned(s.text, company.start(), company.end()):
            continue  # "ger Ludvika Kommunfastigheter AB i uppdrag att …": the company acts
        name = company_name_ok(s.text, company.start(), company.end(), name) or name
        if _PUBLIC_NAME.search(name) or _OWNED_BEFORE.search(s.text[max(0, company.start() - 40) : company.start()]):
            r.recipient, r.recipient_words = "own_activities", name  # the municipality's own company
            return
        r.recipient, r.recipient_words, r.individual_business, r.business_name = "business", name, True, name
        return
    general: str | None = None
    persons = person_group(doc, s, _town(m))
    for j, t in enumerate(toks):
        head = business_head(t.lower)
        if head is None:
            owner = business_owner(t.lower)
            if owner is None:
                continue
            if not owner:  # "restaurangägare": the owners of a kind of business, open to all of them
                general = general or t.text
                continue
            head = (True, True)  # "butiksägaren": one owner of one business
        _, definite = head
        if definite and t.lower.endswith("s") and persons is not None and persons[0] < s.first + j:
            continue  # "hyresgästerna i bolagets lägenheter": the persons receive, the business owns
        before = toks[j - 1].lower if j > 0 else ""
        if _commissioned(doc.text, t.start, t.end) or before in _MUNICIPAL_OWNER:
            continue  # "ger kommunens fastighetsbolag i uppdrag att …": the municipality's company acts
        if before in _GENERAL_DET or (t.lower.endswith("företag") and before not in _ONE_DET):
            general = general or t.text  # businesses in general: a measure open to all
            continue
        r.recipient, r.recipient_words, r.individual_business = "business", t.text, True
        bname = _name_after(toks, j, doc.text) or (_antecedent(m, s, t.lower) if definite else None)
        r.business_name = bname
        if bname:
            r.recipient_words = f"{t.text} ({bname})" if bname not in t.text else t.text
        return
    order = ("member_group", "association", "state", "residents", "own_activities")
    hits = {k: _hits(doc, s, k) for k in order}
    town = _town(m)
    # "alla som bor i kommunen": words that end in the municipality itself name all its residents
    whole = [h for h in hits["member_group"] if whole_municipality(doc, h, town)]
    groups = [h for h in hits["member_group"] if not any(w.first <= h.last and h.first <= w.last for w in whole)]
    if groups:
        h = groups[0]
        nxt = doc.tokens[h.last + 1].lower if h.last + 1 < s.last else ""
        if not (town and nxt.startswith(town.lower())) and nxt not in ("kommunen", "staden", "regionen"):
            r.recipient, r.recipient_words = "member_group", h.text(doc)
            return
    if hits["association"]:
        r.recipient, r.recipient_words = "association", hits["association"][0].text(doc)
        return
    if persons is not None:
        # "ägare av elbilar", "alla taxiförare", "småbarnsföräldrar": persons, members of the municipality
        first, last = persons
        r.recipient, r.recipient_words = "member_group", doc.text[doc.tokens[first].start : doc.tokens[last].end]
        return
    named = _name_in_slot(m, r, toks)
    if named is not None:
        return
    abroad = [x for x in foreign if id(x) not in origin]
    if abroad:
        x = abroad[0]
        r.recipient = "foreign_place"
        r.recipient_words = doc.text[doc.tokens[x.first].start : doc.tokens[x.last].end]
        return
    price = any(h.cue.source.startswith(_PRICE_CUES) for h in give)
    for k in ("state", "residents", "own_activities"):
        hs = [h for h in hits[k] if not _is_actor(doc, s, h, r.actor)]
        if k == "own_activities":
            # "att kommunens VA-huvudman avstår från …": the municipality's organ as the subject gives
            hs = [h for h in hs if not (h.first <= s.first + 1 and doc.tokens[h.last].lower.endswith("s"))]
        if k == "own_activities" and price:
            # "fri entré till kommunens badhus": the facility where the price is lowered, not who gains
            hs = [h for h in hs if not (h.first > s.first and doc.tokens[h.first - 1].lower in _WHERE)]
        if hs:
            end = _one_place_of(doc, s, hs[0], town) if k == "residents" else None
            if end is not None:  # "ungdomar i Hjulsta", "barn som bor i Norrby": the residents of one part
                first = doc.tokens[hs[0].first].start
                r.recipient, r.recipient_words = "member_group", doc.text[first : doc.tokens[end].end]
                return
            r.recipient, r.recipient_words = k, hs[0].text(doc)
            return
    if general is not None:
        r.recipient, r.recipient_words = "residents", general
        return
    if all(h.cue.source.startswith(_PAYS_COSTS) for h in give):
        # "staden bekostar transporten": the municipality pays the costs of its own act.
        r.recipient, r.recipient_words, r.pays_costs = "own_activities", give[0].text(doc), True
        return
    r.recipient = "unclassified"


_PAYS_COSTS = ("bekosta", "står|stå för", "täcka")
_PRICE_CUES = ("fri$", "rabatt", "*rabatt", "hyresfri", "reducerad", "slopa", "*avgift", "förtur")
_WHERE = frozenset(["till", "på", "i", "vid", "inom"])
_MUNICIPAL_OWNER = frozenset(["kommuns", "kommunens", "stadens", "regionens", "kommunala", "kommunägda"])


def municipality_words(toks: list[Token], i: int, end: int, town: str | None) -> int | None:
    """Where the words from ``toks[i]`` that name the municipality itself end ("kommunen", "staden",
    "regionen", "hela kommunen", "vår stad", ``town``, "Solna stad"), or None when they name no such thing."""
    where = toks[i].lower
    if where in ("kommunen", "staden", "regionen"):
        return i + 1
    if where in ("hela", "vår") and i + 1 < end and toks[i + 1].lower in _MUNICIPALITY_NOUNS:
        return i + 2
    if town and where.startswith(town.lower()):
        return i + 2 if i + 1 < end and toks[i + 1].lower in ("kommun", "stad", "kommuns") else i + 1
    return None


def municipality_after(doc: Doc, h: Hit, town: str | None) -> int | None:
    """Where the words after a group's "i"/"på" end when they name the municipality itself ("boende i
    kommunen", "som bor i Växjö", "folkbokförda i hela kommunen"), or None when they do not."""
    toks = doc.tokens
    i = h.last + 1
    if toks[h.last].lower not in ("i", "på") or i >= h.sentence.last:
        return None
    return municipality_words(toks, i, h.sentence.last, town)


def whole_municipality(doc: Doc, h: Hit, town: str | None) -> bool:
    """The words of a group end in the municipality itself (municipality_after), so they name all its
    residents, not one group of them; unless more words narrow them down ("folkbokförda i kommunen i
    minst tio år", "som bor i staden sedan 2010", "boende i kommunen som har barn")."""
    after = municipality_after(doc, h, town)
    return after is not None and (after >= h.sentence.last or doc.tokens[after].lower not in _NARROWING)


def _one_place_of(doc: Doc, s: Sentence, h: Hit, town: str | None) -> int | None:
    """The last token of a named place that narrows residents down to one part of the municipality
    ("ungdomar i Hjulsta", "barn som bor på Ekön", "hushållen i Ytterby"), or None when the words name
    the municipality itself, or no place by name follows."""
    toks, end = doc.tokens, s.last
    i = h.last + 1
    if i + 1 < end and toks[i].lower == "som" and toks[i + 1].lower in ("bor", "är", "lever"):
        i += 2
    if i + 1 >= end or toks[i].lower not in ("i", "på"):
        return None
    if not toks[i + 1].text[:1].isupper() or municipality_words(toks, i + 1, end, town) is not None:
        return None
    return i + 1


_MUNICIPALITY_NOUNS = frozenset(["kommunen", "staden", "stan", "kommun", "stad", "regionen"])
# Words after "boende i kommunen" that make those meant fewer than all its residents.
_NARROWING = frozenset(["i", "sedan", "som", "under", "minst", "mer", "längre", "mindre", "före", "efter", "med"])


def _is_actor(doc: Doc, s: Sentence, h: Hit, actor: str) -> bool:
    """The words are the acting body ("kommunstyrelsen får i uppdrag") or the source of the money."""
    text = h.text(doc)
    if text in actor.split():
        return True
    before = doc.tokens[h.first - 1].lower if h.first > s.first else ""
    return before in ("ur", "från", "inom", "via", "genom")


def _name_after(toks: list[Token], j: int, text: str = "") -> str | None:
    """The name given with a business noun: "restaurangen Pärlan", "Pizzeria Milano", "Fjällbyns
    Handel & Café" (capitalised words around the noun)."""
    name: list[Token] = []
    if toks[j].text[:1].isupper():
        lo = j
        while lo > 1 and toks[lo - 1].text[:1].isupper() and toks[lo - 1].lower not in _FUNCTION_WORDS:
            lo -= 1
        name = list(toks[lo : j + 1])
    hi = j
    while hi + 1 < len(toks) and hi < j + 3 and toks[hi + 1].text[:1].isupper():
        hi += 1
    name += list(toks[j + 1 : hi + 1])
    if len(name) < (2 if toks[j].text[:1].isupper() else 1):
        return None
    if text:
        # as written, with "&" kept ("Fjällbyns Handel & Café"), unless the words run over a line or a comma
        span = text[name[0].start : name[-1].end]
        if re.fullmatch(r"[\w.&' -]+", span):
            return span
    return " ".join(t.text for t in name)


_COMMISSION_AFTER = re.compile(r"^\s*(?:,\s*)?(?:får|ges|ska få)?\s*i\s+uppdrag", re.IGNORECASE)
# "uppdrar åt X att …" (the commission), not "bekostar en parkering åt hotellet" (the recipient)
_COMMISSION_BEFORE = re.compile(r"(?:uppdra|uppdrar|uppdras|uppdrag)(?:\s+åt)?\s+$", re.IGNORECASE)
# "det helägda Orsahem AB", "kommunens bostadsbolag Orsahem AB": the municipality's own company
_OWNED_BEFORE = re.compile(
    r"\b(?:helägda|helägt|kommunägda|kommunägt|kommunala|kommunens|stadens|regionens|allmännyttiga)"
    r"(?:\s+[a-zåäö]+)?\s+$"
)
_PUBLIC_NAME = re.compile(r"Kommun|kommunal|Stadshus|Region|Landsting|Stads[A-ZÅÄÖa-zåäö]*\s")


def _commissioned(text: str, start: int, end: int) -> bool:
    """The company is given a commission ("ger X AB i uppdrag att …"): it acts, it does not receive."""
    after = _COMMISSION_AFTER.match(text[end : end + 25])
    return bool(after or _COMMISSION_BEFORE.search(text[max(0, start - 16) : start]))


def company_name_ok(text: str, start: int, end: int, name: str) -> str | None:
    """A company named by its form, as a business the motion is about: not the municipality's own
    company, not a company commissioned to act; without a sentence-initial word ("Sedan X AB")."""
    if _commissioned(text, start, end) or _PUBLIC_NAME.search(name):
        return None
    first, _, rest = name.partition(" ")
    if rest and first.lower() in _FUNCTION_WORDS:
        return rest
    return name


def business_names(doc: Doc) -> list[tuple[int, str]]:
    """(sentence start, name) of every business named in the motion, in text order, found once per
    motion: a company form, or a name given with a business noun ("Pizzeria Milano", "butiken Ica")."""
    key = ("business_names", -1)
    found: list[tuple[int, str]] | None = doc.hits.get(key)
    if found is None:
        found = []
        for s in doc.sentences:
            for company in _COMPANY_FORM.finditer(s.text):
                name = company_name_ok(s.text, company.start(), company.end(), company.group(0).strip())
                if name is not None:
                    found.append((s.start, name))
            toks = doc.sentence_tokens(s)
            for j, t in enumerate(toks):
                if business_head(t.lower) is not None:
                    bname = _name_after(toks, j, doc.text)
                    if bname:
                        found.append((s.start, bname))
        doc.hits[key] = found
    return found


def _antecedent(m: Motion, s: Sentence, noun: str) -> str | None:
    """The business a definite noun points back to: the last business named before the unit
    ("Bageriet Solkatten … bageriets lokal")."""
    names = business_names(m.doc)
    i = bisect.bisect_left(names, (s.start, ""))
    return names[i - 1][1] if i > 0 else None


def _name_in_slot(m: Motion, r: ActionReading, toks: list[Token]) -> str | None:
    """A proper name after "till" or "åt" in a unit that gives value is a business unless it is a
    place, an association, a person who signed, or a public body."""
    in_sentence = mentions_by_sentence(m, foreign=False).get(r.sentence.index, [])
    places = {i for x in in_sentence for i in range(x.first, x.last + 1)}
    persons = {w for sig in m.proposal.signatories for w in sig.name.split()}
    for j, t in enumerate(toks[:-1]):
        if t.lower not in ("till", "åt"):
            continue
        k = j + 1
        while k < len(toks) and toks[k].lower in ("den", "det", "lokala", "lokal"):
            k += 1
        if k >= len(toks) or not toks[k].text[:1].isupper():
            continue
        idx = r.sentence.first + k
        if idx in places or toks[k].text in persons or toks[k].lower in _NOT_NAMES:
            continue
        name = [toks[k].text]
        for t2 in toks[k + 1 : k + 4]:
            if t2.text[:1].isupper():
                name.append(t2.text)
            else:
                break
        full = " ".join(name)
        low = full.lower()
        if any(w in low for w in ("förening", "klubb", "sällskap", "förbund", "stiftelse", "kyrka", "församling")):
            r.recipient, r.recipient_words = "association", full
            return full
        if low.endswith(("nämnd", "nämnden", "kommun", "stad", "region", "verket", "myndigheten")):
            continue
        if full in ("Myndigheten", "Regeringen", "Riksdagen", "EU") or toks[k].text.isupper():
            continue
        r.recipient, r.recipient_words, r.individual_business, r.business_name = "business", full, True, full
        return full
    return None


def _town(m: Motion) -> str | None:
    return (m.context.municipality if m.context else None) or m.proposal.municipality


# --------------------------------------------------------------------------- what a stance is about


def _about(m: Motion, r: ActionReading, foreign: list[Mention]) -> None:
    doc, s = m.doc, r.sentence
    origin = {id(x) for x in foreign if place_role(doc, x, foreign) in ("origin", "model", "visit")}
    states = [x for x in foreign if id(x) not in origin]
    matter = _hits(doc, s, "foreign_matter")
    state_field = _hits(doc, s, "state_field")
    own_task = _hits(doc, s, "own_task")
    if states or matter:
        r.about = "foreign"
        if states:
            x = states[0]
            r.about_words = doc.text[doc.tokens[x.first].start : doc.tokens[x.last].end]
        else:
            r.about_words = matter[0].text(doc)
    elif "call_on_state" in r.all_kinds and state_field and not own_task:
        r.about, r.about_words = "state", state_field[0].text(doc)
    elif own_task or _local_only(m, r):
        r.about = "own"
        r.about_words = own_task[0].text(doc) if own_task else None
    elif "procure_exclude" in r.all_kinds and not (set(r.all_kinds) & {"take_position", "call_on_state"}):
        r.about = "own"  # an ordinary procurement decision without a country
    else:
        r.about = "unplaced"


_FREE = ("fri", "fria", "fritt")


def _declared_free(doc: Doc, s: Sentence) -> str | None:
    """The first compound of "fri" in the sentence ("rökfri", "bilfria", "fossilfritt"), as written
    (the lexicon is read only for a word that ends in "fri", "fria" or "fritt")."""
    for t in doc.sentence_tokens(s):
        low = t.lower
        if low.endswith(_FREE) and low not in _FREE and t.text.isalpha():
            from checker.extraction.morphology import compound_head

            if compound_head(low) in _FREE:
                return t.text
    return None


def _local_only(m: Motion, r: ActionReading) -> bool:
    """The stance concerns the municipality's own services: named committees, schools, its budget."""
    own = _hits(m.doc, r.sentence, "own_activities")
    return bool(own) and "call_on_state" not in r.all_kinds and "take_position" not in r.all_kinds


# --------------------------------------------------------------------------- place roles

_MODEL_WORDS = (
    "modell",
    "förebild",
    "inspiration",
    "inspirerade",
    "inspirerad",
    "exempel",
    "exempelvis",
    "likt",
    "liksom",
)
_COMPARE_PAIRS = (
    ("som", "i"),
    ("som", "på"),
    ("som", "från"),
    ("jämfört", "med"),
    ("jämförelse", "med"),
    ("precis", "som"),
    ("likhet", "med"),
    ("stil", "med"),
)


def _compared(before: list[str]) -> bool:
    """The words before a place make it a model or comparison: "som i Oslo", "likt Köpenhamn", "efter
    modell från Wien", "till exempel Tallinn", "jämfört med Danmark", "som Helsingfors har gjort"."""
    if not before:
        return False
    if before[-1] in ("som", "likt", "liksom", "exempelvis", "såsom", "liknande", "motsvarande", "efter"):
        return True  # "efter Köpenhamn": made after it (a genitive after "efter" is read by the caller)
    if len(before) >= 2 and (before[-2], before[-1]) in _COMPARE_PAIRS:
        return True
    return any(w.startswith(_MODEL_WORDS[:5]) or w in _MODEL_WORDS for w in before)


_VISIT = (
    "studieresa",
    "studieresor",
    "studiebesök",
    "studiebesöket",
    "resa",
    "resan",
    "besök",
    "besöka",
    "besöker",
    "åka",
    "åker",
)
_PEOPLE = (
    "bor",
    "borna",
    "invånare",
    "medborgare",
    "barn",
    "familjer",
    "flyktingar",
    "elever",
    "ungdomar",
    "kvinnor",
    "män",
    "personer",
    "anhöriga",
    "studenter",
    "föräldrar",
    "släktingar",
    "ursprung",
    "bakgrund",
    "diaspora",
    "grupper",
    "minoriteter",
    "nyanlända",
)
# Where people come from: "som flytt från Syrien", "med rötter i Somalia", "födda i Iran".
_ORIGIN_BEFORE = (
    ("flytt", "från"),
    ("flydde", "från"),
    ("flytt", "undan"),
    ("invandrat", "från"),
    ("rötter", "i"),
    ("rötter", "från"),
    ("födda", "i"),
    ("född", "i"),
)
# Said of goods as well as of people ("livsmedel med ursprung i Ryssland"): the origin of residents
# only with a people noun before them ("ungdomar som kommer från", "familjer med bakgrund i").
_ORIGIN_OF_PEOPLE = (
    ("kommer", "från"),
    ("kommit", "från"),
    ("kom", "från"),
    ("härstammar", "från"),
    ("ursprung", "i"),
    ("ursprung", "från"),
    ("bakgrund", "i"),
    ("bakgrund", "från"),
)


# A model or comparison named after the place: "Barcelonas modell", "finsk förebild", "i holländsk
# stil", "Köpenhamns erfarenheter", "med Oslo som förebild", "Wienmodellen".
_MODEL_AFTER = (
    "modell",
    "förebild",
    "exempel",
    "inspiration",
    "mönster",
    "stil",
    "erfarenhet",
    "lärdom",
    "arbetssätt",
    "metod",
    "koncept",
    "framgång",
    "förlaga",
    "recept",
    "typ",
    "snitt",
    "variant",
)
# The model words after "som" that make what a place has a model: "Köpenhamns skolor som förebild".
_MODEL_AS = ("förebild", "modell", "inspiration", "mönster", "exempel", "förlaga")
# Words that end the phrase between a genitive place and "som": "Oslos vänort, som förebild…" is no
# model of Oslo's.
_MODEL_GAP_STOP = frozenset(("att", "med", "till", "från", "hos", "mellan", "tillsammans"))
# Words that learn from a place a few words on: "lära av", "hämta kunskap från", "inspirerad av
# arbetssättet i", "dra lärdom av", "efter mönster från".
_LEARN_BEFORE = frozenset(("lära", "lär", "lärt", "lärde", "hämta", "hämtar", "hämtat", "studera", "studerar"))
_LEARN_PREFIX = ("lärdom", "erfarenhet", "inspir", "mönster", "modell", "förebild")
# A clause boundary or a partner word between a learning word and the place ends the learning.
_LEARN_STOP = ("att", "och", "samarbet", "partner", "vänort", "utbyt", "stöd", "bistånd", "avtal", "med")
# Words that may stand between "som" and the compared place: "som många tyska kommuner", "som man
# redan har gjort i Oslo".
_COMPARE_FILL = frozenset(
    [
        "man",
        "de",
        "vi",
        "många",
        "flera",
        "andra",
        "vissa",
        "redan",
        "har",
        "gjort",
        "gör",
        "görs",
        "finns",
        "sker",
        "skett",
        "fungerar",
        "i",
        "på",
        "bland",
        "annat",
        "en",
        "ett",
        "den",
        "det",
        "tidigare",
        "länge",
        "sedan",
        "numera",
        "nu",
        "till",
        "exempel",
        "t",
        "ex",
        "bl",
        "a",
        "exempelvis",
    ]
)
_COORDINATION = re.compile(r"\s*,?\s*(?:(?:och|eller|samt)\s+)?(?:(?:i|på|från)\s+)?", re.IGNORECASE)


_ENDS_KEY = ("mentions by sentence and last token", -26)
_ENDS_KEPT = 16


def _ends_of(doc: Doc, siblings: list[Mention]) -> dict[int, tuple[list[int], list[Mention]]]:
    """Per sentence, the last-token indices of ``siblings`` in ascending order, each with the first
    mention (in list order) that ends there. Built once per list (kept alive beside its entry, so the
    entry's id never names another list), so each mention finds its predecessor by bisection instead
    of scanning every mention of its sentence: a sentence listing n places costs n log n, not n²."""
    known: dict[int, tuple[list[Mention], int, dict[int, tuple[list[int], list[Mention]]]]]
    known = doc.hits.setdefault(_ENDS_KEY, {})
    entry = known.get(id(siblings))
    if entry is None or entry[0] is not siblings or entry[1] != len(siblings):
        if len(known) >= _ENDS_KEPT:  # lists made for one pass only are not hoarded
            known.clear()
        by_sentence: dict[int, dict[int, Mention]] = {}
        for z in siblings:
            by_sentence.setdefault(z.sentence.index, {}).setdefault(z.last, z)  # the first of equals
        table = {}
        for index, by_last in by_sentence.items():
            lasts = sorted(by_last)
            table[index] = (lasts, [by_last[k] for k in lasts])
        entry = known[id(siblings)] = (siblings, len(siblings), table)
    return entry[2]


def _listed_after(doc: Doc, x: Mention, siblings: list[Mention]) -> Mention | None:
    """The place right before ``x`` in a list of places ("Syrien, Somalia och Afghanistan", "i Wien
    och i Paris"): later places in a list share the role of the first. ``siblings`` are the mentions
    of the sentence."""
    # the nearest before x (the first of equals): the largest last token before x's first (never x
    # itself, whose last token is not before its first)
    row = _ends_of(doc, siblings).get(x.sentence.index)
    if row is None:
        return None
    lasts, ending = row
    k = bisect.bisect_left(lasts, x.first)
    if k == 0:
        return None
    y = ending[k - 1]
    gap = doc.text[doc.tokens[y.last].end : doc.tokens[x.first].start]
    return y if _COORDINATION.fullmatch(gap) else None


def _model_after(doc: Doc, x: Mention) -> bool:
    """The words right after the place make it a model: "Barcelonas modell", "finsk förebild", "med
    Oslo som förebild", "Wienmodellen"."""
    toks, s = doc.tokens, x.sentence
    own = toks[x.last].lower
    if x.form == "compound" and any(n in own[len(x.place.name) // 2 :] for n in _MODEL_AFTER):
        return True
    after = [t.lower for t in toks[x.last + 1 : min(s.last, x.last + 3)]]
    if not after:
        return False
    genitive = x.form == "adjective" or _genitive(doc, x)
    if genitive and (after[0].startswith(_MODEL_AFTER) or (x.form != "adjective" and _model_compound(after[0]))):
        return True
    # "danska modellen", "finska erfarenheter": an adjective before the model noun
    if x.form == "adjective" and len(after) > 1 and after[1].startswith(_MODEL_AFTER) and after[0].endswith(("a", "e")):
        return True
    if len(after) > 1 and after[0] == "som" and after[1].startswith(_MODEL_AFTER):
        return True
    if not genitive or x.form == "adjective":
        return False
    # "med Köpenhamns skolor som förebild", "med Wiens bostadsbolag som modell", "med Tallinns
    # digitala tjänster för invånarna som inspiration": what the place has, taken as a model
    wider = [t.lower for t in toks[x.last + 1 : min(s.last, x.last + 6)]]
    for i, w in enumerate(wider[:4]):
        if w in _MODEL_GAP_STOP:
            return False
        if w == "som" and i > 0:
            return i + 1 < len(wider) and wider[i + 1].startswith(_MODEL_AS) and wider[i + 1] != "exempelvis"
    return False


def _genitive(doc: Doc, x: Mention) -> bool:
    """The place is named in the genitive: "Barcelonas", and a name that ends in -s before a noun
    ("Helsingfors skolor", "Paris cykelbanor"), whose genitive is written as the name itself."""
    if x.form == "adjective":
        return False
    own = doc.tokens[x.last].lower
    if not own.endswith(("s", "x", "z")):
        return False
    if not x.place.name.lower().endswith(("s", "x", "z")) and own != x.place.name.lower():
        return True
    return genitive_position(doc, x.sentence, x.last)


def _model_compound(word: str) -> bool:
    """A compound that ends in a model noun: "skolmodell", "arbetsmodellen", "cykelförebilden"."""
    return any(n in word[3:] for n in ("modell", "förebild", "koncept", "förlaga"))


def _learns_from(before: list[str]) -> bool:
    """A learning word a few words before the place, with no clause boundary or partner word between."""
    for w in reversed(before):
        if w.startswith(_LEARN_STOP):
            return False
        if w in _LEARN_BEFORE or w.startswith(_LEARN_PREFIX):
            return True
    return False


_LOOK_AT = ("undersök", "titta", "studera", "kartlägg", "jämför", "utred", "se$", "ser$", "belys", "redovis")


def _looks_at_how(before: list[str]) -> bool:
    """ "undersöka hur Oslo har byggt ut laddplatser", "utreda hur Wien arbetar": how a place does it,
    looked at for the municipality's own work."""
    if len(before) < 2 or before[-1] != "hur":
        return False
    for w in before[:-1]:
        for stem in _LOOK_AT:
            if (w == stem[:-1]) if stem.endswith("$") else w.startswith(stem):
                return True
    return False


# Words that compare, and the places compared with that may stand between them and the place: "som
# många städer i Nederländerna", "i likhet med flera kommuner i Tyskland".
_COMPARING = frozenset(("som", "likt", "liksom", "såsom"))
_COMPARED_ONES = frozenset(
    ("städer", "kommuner", "länder", "orter", "regioner", "storstäder", "grannländer", "platser", "håll", "ställen")
)


def _compared_loosely(before: list[str]) -> bool:
    """ "som många tyska kommuner", "som man redan gjort i Oslo", "i likhet med flera städer i
    Tyskland": a comparing word and only filler words, or the places compared with, after it."""
    at = [
        k
        for k, w in enumerate(before)
        if w in _COMPARING or (w == "med" and k > 0 and before[k - 1] in ("likhet", "stil", "jämfört"))
    ]
    if not at:
        return False
    i = at[-1]
    return i < len(before) - 1 and all(w in _COMPARE_FILL or w in _COMPARED_ONES for w in before[i + 1 :])


# Words that place people in the municipality: "som bor i Solna", "bosatta i kommunen", "som har kommit
# hit", "nyanlända till vår kommun", "solnabor", "kommuninvånare".
_RESIDE = (
    "bor",
    "bo",
    "boende",
    "bosatt",
    "bosatta",
    "bosätter",
    "bosatte",
    "folkbokförd",
    "folkbokförda",
    "lever",
    "bott",
    "kommit",
    "kommer",
    "kom",
    "anlänt",
    "anlände",
    "flyttat",
    "flytt",
    "flydde",
    "placerade",
    "placerats",
    "mottagna",
    "mottagits",
    "nyanlända",
    "nyanlände",
    "nyanländ",
    "nyanlänt",
    "nyinflyttade",
    "inflyttade",
    "invandrat",
    "invandrade",
)
_LOCAL_HERE = frozenset(("här", "hit", "härifrån"))
_LOCAL_AT = frozenset(("i", "till", "inom", "på", "vid"))
_LOCAL_UNIT = ("kommun", "stad", "kommunen", "staden", "stan", "kommunens", "stadens")
_LOCAL_OWN = frozenset(("vår", "våra", "vårt", "egna", "kommunens", "stadens"))
_LOCAL_PEOPLE = ("kommuninvånare", "kommunmedlem", "kommunmedborgare", "stadsbor", "kommunbor")


def _domestic_name(text: str) -> bool:
    """A Swedish place name: "Solna", "Sverige", "Ljungby"."""
    from checker.extraction.places import resolve_place

    if not text[:1].isupper():
        return False
    place = resolve_place(text)
    return place is not None and place.country_code == "SE"


def _local_target(toks: list[Token], j: int) -> bool:
    """The words from ``toks[j]`` on name the municipality or a place in Sweden: "i kommunen", "i vår
    kommun", "på kommunens skolor", "i Solna", "till Sverige", "här"."""
    if j >= len(toks):
        return False
    w = toks[j].lower
    if w in _LOCAL_HERE:
        return True
    if w not in _LOCAL_AT or j + 1 >= len(toks):
        return False
    nxt = toks[j + 1]
    return nxt.lower in _LOCAL_UNIT or nxt.lower in _LOCAL_OWN or nxt.lower in _LOCAL_HERE or _domestic_name(nxt.text)


def _demonym(tok: Token) -> bool:
    """A word for the residents of a Swedish place or of the municipality: "solnabor", "ljungbybornas",
    "kommuninvånarna"."""
    low = tok.lower
    if low.startswith(_LOCAL_PEOPLE):
        return True
    for end in ("borna", "bornas", "bor", "bon", "bos"):
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = tok.text[: len(low) - len(end)]
            if _domestic_name(stem[:1].upper() + stem[1:]):
                return True
    return False


def _gives_away(doc: Doc, s: Sentence) -> bool:
    """The sentence gives money or goods that can be sent anywhere: a grant, a gift, a sum; not only a
    lower price or free use of the municipality's own services ("avgiftsfri simskola", "gratis
    busskort"), which are used where they are offered."""
    return any(not h.cue.source.startswith(_PRICE_CUES) for h in _hits(doc, s, "give_value"))


def _placed_locally(doc: Doc, s: Sentence) -> bool:
    """The sentence places people in the municipality or in Sweden: a word of residence or arrival
    followed by a local place ("som bor i kommunen", "som har kommit hit", "nyanlända till Solna"), a
    people word followed by one ("barn i Solna", "elever på kommunens skolor"), "här", or a word for
    the residents ("solnabor", "kommuninvånare")."""
    key = ("placed locally", s.index)
    found: bool | None = doc.hits.get(key)
    if found is not None:
        return found
    toks = doc.sentence_tokens(s)
    found = False
    for j, t in enumerate(toks):
        w = t.lower
        if w in _LOCAL_HERE or _demonym(t):
            found = True
        elif w in _RESIDE or w.endswith(_PEOPLE):
            # "bor i Solna", "har kommit till Sverige", "barn i kommunen", "flytt från Syrien till Sverige"
            found = any(_local_target(toks, k) for k in range(j + 1, min(len(toks), j + 5)))
        if found:
            break
    doc.hits[key] = found
    return found


def _origin_words(toks: list[Token], x: Mention, before: list[str], wide: list[str], nxt: str) -> bool:
    """The words around the place tell where people come from: "syriska barn", "ukrainasvenskar",
    "familjer från Eritrea", "med rötter i Somalia", "som flytt från Syrien"."""
    if x.form == "adjective" and (nxt.endswith(_PEOPLE) or nxt in ("solnabor",)):
        return True
    if toks[x.last].lower.endswith(_PEOPLE):
        return True  # "ukrainasvenskar" style compounds with a people noun
    if before and before[-1] == "från" and len(before) >= 2 and before[-2].endswith(_PEOPLE):
        return True
    if before and before[-1] == "med" and nxt in ("bakgrund", "ursprung"):
        return True
    if len(before) >= 2 and (before[-2], before[-1]) in _ORIGIN_BEFORE:
        return True
    people_before = any(w.endswith(_PEOPLE) for w in wide[:-2])
    return len(before) >= 2 and (before[-2], before[-1]) in _ORIGIN_OF_PEOPLE and people_before


def place_role(doc: Doc, x: Mention, siblings: list[Mention] | None = None) -> str:
    """The role of a foreign place in its sentence: origin (of residents), model (a comparison or
    an example), visit (a study-visit destination), or other (partner, target, recipient or not told).
    A place later in a list ("Syrien, Somalia och Afghanistan") has the role of the first, when the
    mentions of its sentence (``siblings``) are given."""
    if siblings:
        prev = _listed_after(doc, x, siblings)
        if prev is not None:
            return place_role(doc, prev, siblings)
    # the role by the words around the place: asked again for the same mention by every reading of
    # the document (partners, the action readings, their models), found once per document
    memo: dict[int, tuple[Mention, str]] = doc.hits.setdefault(_ROLE_KEY, {})
    entry = memo.get(id(x))
    if entry is None or entry[0] is not x:  # the mention is kept in the entry: its id names no other
        entry = memo[id(x)] = (x, _role_by_words(doc, x))
    return entry[1]


_ROLE_KEY = ("place roles by mention", -26)


def _role_by_words(doc: Doc, x: Mention) -> str:
    s = x.sentence
    toks = doc.tokens
    nxt = toks[x.last + 1].lower if x.last + 1 < s.last else ""
    first = x.first
    if first - 2 >= s.first and toks[first - 1].lower == "i":
        town = toks[first - 2]
        if town.text[:1].isupper() and town.lower not in _FUNCTION_WORDS and first - 2 > s.first:
            # "Skagen i Danmark", "Oodi i Helsingfors": a town or a building the gazetteer does not
            # know, given with where it lies; the words before it tell the role ("som i Skagen i
            # Danmark" is a comparison, "ett studiebesök på Oodi i Helsingfors" a visit)
            first -= 2
    before = [t.lower for t in toks[max(s.first, first - 3) : first]]
    wide = [t.lower for t in toks[max(s.first, first - 6) : first]]
    if _origin_words(toks, x, before, wide, nxt) and (not _gives_away(doc, s) or _placed_locally(doc, s)):
        # Where people come from is the origin of residents only where they are here: the sentence
        # places them in the municipality ("som bor i kommunen", "som har kommit hit"), or the
        # municipality arranges something they take part in ("läxhjälp för familjer som flytt från
        # Eritrea", "avgiftsfri simskola för barn som flytt från Ukraina"). Money or goods given to
        # "barn som flytt från Syrien och bor i läger" may go abroad.
        return "origin"
    after_efter = bool(before) and before[-1] == "efter" and first == x.first and _genitive(doc, x)
    if after_efter:
        # "efter Rysslands invasion": a time, not a model; "efter Köpenhamns modell" is read below
        before = before[:-1]
    if _compared(before) or _model_after(doc, x) or _learns_from(wide) or _compared_loosely(wide):
        return "model"
    if _looks_at_how(wide):
        return "model"
    if any(w in _VISIT or w.startswith("studie") for w in before):
        return "visit"
    if _local_style(doc, x):
        return "model"
    return "other"


# Words of cooperation with another party, in any inflection or compound ("samarbetsprojekt",
# "partnerkommun", "vänortsutbyte", "gränsöverskridande", "Interregprojekt", "tillsammans med").
COOPERATION_STEMS = ("samarbet", "partner", "vänort", "vänstad", "vänskapsort", "systerstad", "systerstäd",
                     "utbyt", "internationell", "utländsk", "gränsöverskrid", "interreg", "erasmus", "icld",
                     "delegation", "studieres", "europa", "tillsammans", "samverk", "gemensam")  # fmt: skip

_COOPERATION_WORD = re.compile("|".join(COOPERATION_STEMS), re.IGNORECASE)  # a sentence worth a closer look

# The action kinds that act towards another party: an att-sats with none of their cues asks only for
# the municipality's own work (carrying out, investigating).
_TOWARDS = ("give_value", "take_position", "call_on_state", "join", "cooperate", "procure_exclude", "symbolic")
# The foreign-policy cue sets whose words in an att-sats make it more than the municipality's own work.
_STANCE_CUES = ("condemn", "solidarity", "boycott", "flag", "call_government", "recognition", "nuclear")
# Prepositions that make the place where or to whom something is done: "till ukrainska skolor".
_AT_PLACE = frozenset(("i", "på", "till", "hos", "åt", "för", "vid", "inom", "mot", "mellan", "med", "från", "ur"))
# Nouns after a place adjective that name people, bodies or institutions abroad ("ukrainska politiker",
# "danska kommuner", "tyska företag"): possible partners or recipients, never a style.
_ABROAD_BODIES = ("politiker", "delegation", "tjänstem", "representant", "företrädare", "borgmästare",
                  "ambassad", "regering", "myndighet", "kommun", "stad", "städer", "region", "skol",
                  "universitet", "organisation", "förening", "företag", "sjukhus", "partner", "vänort",
                  "parti", "folk", "stat")  # fmt: skip


def local_unit(doc: Doc, s: Sentence, skip: tuple[int, int] | None = None) -> bool:
    """The sentence asks only for the municipality's own work: none of its words gives value, takes a
    position, calls on the state, joins or cooperates, and none is a word of cooperation, aid, exchange,
    partnership or of something international (the words of tokens ``skip``, first and last, aside).
    Raw cue hits are read (before any context rule drops one), so a doubtful word keeps it out."""
    key = (("local unit", skip), s.index)
    found: bool | None = doc.hits.get(key)
    if found is not None:
        return found
    lo, hi = skip if skip is not None else (-1, -1)

    def counts(hits: list[Hit]) -> bool:
        return any(
            not (lo <= h.first and h.last <= hi)
            and not _with_local_party(doc, s, h.first)
            and not replacement(doc, s, h.first)
            for h in hits
        )

    found = not (
        any(counts(_hits(doc, s, kind)) for kind in _TOWARDS)
        # advice, training or equipment is aid only where it goes abroad (the place decides, below)
        or counts(
            [h for h in abroad_only(doc, cueset("cooperation_kinds").find(doc, [s])) if h.cue.label != "aid_transfer"]
        )
        or counts(abroad_only(doc, cueset("places", "international").find(doc, [s])))
        or counts(cueset("places", "partner_frame").find(doc, [s]))
        or any(counts(cueset("foreign_policy", name).find(doc, [s])) for name in _STANCE_CUES)
        or (
            _COOPERATION_WORD.search(s.text) is not None
            and any(
                stem in t.lower
                for i, t in enumerate(doc.sentence_tokens(s), start=s.first)
                if not lo <= i <= hi and not _with_local_party(doc, s, i) and not replacement(doc, s, i)
                for stem in COOPERATION_STEMS
            )
        )
    )
    doc.hits[key] = found
    return found


# Words of working with another party that name no party abroad by themselves: "i samverkan med
# föreningarna", "tillsammans med skolorna", "ett samarbete mellan skolan och polisen".
_WITH_WORDS = ("samarbet", "samverk", "tillsammans", "gemensam")
_WITH_FILL = frozenset(
    ("med", "mellan", "och", "samt", "de", "den", "det", "dess", "lokala", "berörda", "andra", "övriga", "alla")
)
# Parties at home: the municipality's own bodies and services, its residents and associations, other
# Swedish authorities.
_HOME_PARTIES = (
    *("förening", "idrottsförening", "civilsamhälle", "näringsliv", "företagare", "polis", "region", "landsting"),
    *("räddningstjänst", "skol", "förskol", "fastighetsägare", "bostadsbolag", "hyresgäst", "kyrk", "församling"),
    *("studieförbund", "nämnd", "förvaltning", "kommunstyrelse", "länsstyrelse", "trafikverket", "vårdcentral"),
    *("invånare", "boende", "elev", "föräldrar", "vårdnadshavare", "pensionärsorganisation", "handlare", "bibliotek"),
)


def _with_local_party(doc: Doc, s: Sentence, i: int) -> bool:
    """The word at token ``i`` is a word of working with others ("samverkan", "tillsammans med",
    "samarbete mellan") whose party, the first word after it, is one at home ("föreningarna", "polisen",
    "Region Kronoberg", "kommunens skolor"): the municipality's own work, not cooperation abroad."""
    toks = doc.tokens
    low = toks[i].lower
    if not low.startswith(_WITH_WORDS) or any(stem in low for stem in ("internationell", "vänort", "interreg")):
        return False
    for j in range(i + 1, min(s.last, i + 6)):
        t = toks[j]
        w = t.lower
        if w in _WITH_FILL or w in ("i", "kommunens", "stadens", "våra", "vår", "vårt"):
            continue
        # "hembygdsföreningen", "idrottsföreningarna": a compound ending in a party at home, but never a
        # region abroad ("Östersjöregionen")
        compound = any(p in w[3:] for p in _HOME_PARTIES if p not in ("region", "landsting"))
        if not (w.startswith(_HOME_PARTIES) or compound or _domestic_name(t.text)):
            return False
        # "skolor i Estland", "föreningar från Finland": the party is abroad
        return not (j + 2 < s.last and toks[j + 1].lower in ("i", "från", "på", "inom") and _foreign_name(toks[j + 2]))
    return False


def _foreign_name(tok: Token) -> bool:
    """A capitalised word that names a place abroad: "Estland", "Tartu"."""
    from checker.extraction.places import resolve_place

    if not tok.text[:1].isupper():
        return False
    place = resolve_place(tok.text)
    return place is not None and place.country_code != "SE"


# Words by which an att-sats points back to what the reasons propose: "att kommunen utreder frågan",
# "att förslaget genomförs", "i enlighet med motionen".
_REFERS_TO_REASONS = frozenset(
    (
        *("motionen", "motionens", "ovan", "ovanstående", "nedan", "intentionerna", "frågan", "frågorna"),
        *("förslaget", "förslagen", "saken", "ärendet", "idén", "detta"),
    )
)


def reasons_are_background(doc: Doc) -> bool:
    """The motion's att-satser all ask only for the municipality's own work (``local_unit``) and none
    points back to the reasons ("att utreda frågan", "i enlighet med motionen", "med staden", "denna"):
    what the reasons say of places abroad is background, and no partner or cooperation is read from them
    except from a sentence that itself proposes ("Vi föreslår att …", see ``proposes``). False for a
    motion without att-satser, whose proposing sentences stand in the body."""
    key = ("reasons are background", -1)
    found: bool | None = doc.hits.get(key)
    if found is None:
        atts = [s for s in doc.sentences if s.att is not None]
        found = (
            bool(atts)
            and not cueset("places", "anaphor").find(doc, atts)
            and not cueset("themes_refer").find(doc, atts)
            and all(_REFERS_TO_REASONS.isdisjoint(map(_LOWER, doc.sentence_tokens(s))) for s in atts)
            and all(local_unit(doc, s) for s in atts)
        )
        doc.hits[key] = found
    return found


def proposes(doc: Doc, s: Sentence) -> bool:
    """The sentence itself proposes, in so many words ("Vi föreslår att …", "Jag vill att …")."""
    return bool(cueset("actions", "proposing_strong").find(doc, [s]))


def local_anchor(doc: Doc, s: Sentence, x: Mention | None = None) -> bool:
    """The sentence names something of the municipality's own as what the work is for or where it is done:
    "i stadsparken", "kommunens skolor", "inför den nya detaljplanen", "för invånarna", "i Växjö".
    Words that belong to the foreign place ``x`` ("parkerna i Amsterdam", "finska skolor") do not count."""
    toks = doc.tokens
    theirs: set[int] = set()
    if x is not None:
        theirs.add(x.last + 1)  # "finska skolor", "Helsingfors skolor"
        if x.first - 1 > s.first and toks[x.first - 1].lower in _AT_PLACE:
            theirs.update((x.first - 2, x.first - 3))  # "parkerna i Amsterdam", "skolorna i Wien"
    for h in cueset("places", "local_anchor").find(doc, [s]):
        if not any(i in theirs for i in range(h.first, h.last + 1)):
            return True
    words = doc.sentence_tokens(s)
    for j, t in enumerate(words):
        if s.first + j in theirs:
            continue
        if _local_target(words, j) or _steering_document(t.lower):
            return True
    return False


# The municipality's own plans and programmes, as the last part of a compound: "cykelprogrammet",
# "trafikstrategin", "grönplanen", "bostadsförsörjningsprogram".
_STEERING = ("plan", "planen", "planer", "program", "programmet", "strategi", "strategin", "policy", "policyn")


def _steering_document(low: str) -> bool:
    return any(low.endswith(e) and len(low) >= len(e) + 4 for e in _STEERING)


def _local_style(doc: Doc, x: Mention) -> bool:
    """A place abroad in an att-sats that asks only for the municipality's own work, for something of
    its own named there, as the kind, style or source of what is done at home: a place adjective or
    compound ("japanska körsbärsträd i stadsparken", "en julmarknad i Wienstil på torget"), a genitive
    ("Köpenhamns gröna våg för cyklister på Storgatan"), or where ideas or people are brought from
    ("planerare från Köpenhamn till arbetet med cykelplanen"). Not a partner; with nothing of the
    municipality's own named, or the place where or to whom something is done ("i Gambia", "till
    ukrainska skolor"), or people and bodies abroad ("estniska politiker"), the role stays open and the
    rules ask."""
    s = x.sentence
    if s.att is None:
        return False
    toks = doc.tokens
    prev = toks[x.first - 1].lower if x.first > s.first else ""
    nxt = toks[x.last + 1].lower if x.last + 1 < s.last else ""
    if x.form == "adjective":
        if prev in _AT_PLACE or not nxt or nxt.endswith(_PEOPLE) or any(b in nxt for b in _ABROAD_BODIES):
            return False
    elif x.form == "compound":
        if prev in _AT_PLACE or any(b in toks[x.last].lower[3:] for b in _ABROAD_BODIES):
            return False  # "Ukrainakommunerna"
    elif prev == "från":
        before = toks[x.first - 2].lower if x.first - 1 > s.first else ""
        if any(b in before for b in _ABROAD_BODIES):
            return False  # "en delegation från Tartu", "företag från Kina"
        if not (person_noun(before) or any(w in before for w in _IDEAS_BROUGHT)):
            return False  # goods or energy from a state ("apelsiner från Israel", "gas från Ryssland"): open
    elif _genitive(doc, x) and prev not in _AT_PLACE:
        if not nxt or nxt.endswith(_PEOPLE) or any(b in nxt for b in _ABROAD_BODIES):
            return False  # "Tartus borgmästare", "Kenyas barn"
    else:
        return False
    return local_unit(doc, s) and local_anchor(doc, s, x)


# what may be brought from a place abroad into the municipality's own work as a source or style: people
# (person_noun) and ideas, never goods, energy or money
_IDEAS_BROUGHT = (
    *("erfarenhet", "inspiration", "idé", "kunskap", "lärdom", "modell", "metod", "förebild", "exempel"),
    *("forskning", "forskare", "expert", "planerare", "arkitekt", "föreläsare", "rådgivare", "konsult"),
)


def roles(r: ActionReading, doc: Doc, foreign: list[Mention]) -> list[tuple[Mention, str]]:
    """Each foreign place of the unit with its role (see models.PlaceRole)."""
    out = []
    kinds = set(r.all_kinds)
    for x in foreign:
        role = place_role(doc, x, foreign)
        if role == "other":
            words = doc.text[doc.tokens[x.first].start : doc.tokens[x.last].end]
            if r.recipient == "foreign_place" and r.recipient_words == words:
                role = "aid_recipient"
            elif r.about == "foreign" and kinds & set(_STANCE_KINDS):
                role = "target"
            elif kinds - {"carry_out", "investigate"}:
                role = "partner"
            else:
                role = "unclear"
        out.append((x, role))
    return out


_NOT_PARTNER_ROLES = ("model", "visit", "origin")


def not_partners(doc: Doc, mentions: list[Mention]) -> set[int]:
    """The mentions (by id) that are a model, a study-visit destination or the origin of residents:
    whatever else the sentence says, they raise no international question."""
    key = ("not_partner_mentions", -1)
    found: set[int] | None = doc.hits.get(key)
    if found is None:
        foreign = foreign_by_sentence(doc, mentions)
        found = {
            id(x)
            for siblings in foreign.values()
            for x in siblings
            if place_role(doc, x, siblings) in _NOT_PARTNER_ROLES
        }
        doc.hits[key] = found
    return found


# The head of the name of a fund, programme or institution that a region adjective begins:
# "Europeiska socialfonden", "Europeiska regionala utvecklingsfonden", "Nordiska ministerrådet".
_PROGRAMME_HEADS = (
    "fond",
    "fonden",
    "fonds",
    "fondens",
    "program",
    "programmet",
    "programmets",
    "unionen",
    "unionens",
    "kommissionen",
    "kommissionens",
    "rådet",
    "rådets",
    "ministerrådet",
    "parlamentet",
    "banken",
    "investeringsbanken",
    "samarbetsområdet",
    "kulturhuvudstad",
    # a week, day or year of a campaign: "Europeiska trafikantveckan", "Nordiska språkdagen"
    "veckan",
    "dagen",
    "året",
)


def _programme_name(doc: Doc, x: Mention) -> bool:
    """A region adjective that begins the name of a fund, programme or institution ("Europeiska
    socialfonden", "Nordiska ministerrådet"): the name of a source of money or a body, not a place,
    as "EU" is not one."""
    if x.form != "adjective" or x.place.kind != "region" or not doc.tokens[x.first].text[:1].isupper():
        return False
    s = x.sentence
    for t in doc.tokens[x.last + 1 : min(s.last, x.last + 4)]:
        if t.lower.endswith(_PROGRAMME_HEADS):
            return True
        if t.text[:1].isupper() or not t.lower.endswith(("a", "e")):
            return False  # only adjectives ("regionala", "sociala") stand between
    return False


def business_place_names(doc: Doc, mentions: list[Mention]) -> set[int]:
    """Mentions (by id) that are part of a name, not a place: a business right after a business noun
    ("Pizzeria Milano", "restaurangen Paris", "Hotell Berlin"), or a fund, programme or institution
    (see _programme_name). Scope-independent: computed once per document
    and list of mentions, and shared by every scoped pass (callers only read the set)."""
    key = ("business place names", -9)
    cached: tuple[list[Mention], set[int]] | None = doc.hits.get(key)
    if cached is not None and cached[0] is mentions:
        return cached[1]
    out = set()
    for x in mentions:
        if x.form == "name" and x.first > x.sentence.first:
            prev = doc.tokens[x.first - 1]
            if business_head(prev.lower) is not None and doc.tokens[x.first].text[:1].isupper():
                out.add(id(x))
        elif _programme_name(doc, x):
            out.add(id(x))
    doc.hits[key] = (mentions, out)
    return out


def as_model(r: ActionReading, doc: Doc, foreign: list[Mention]) -> ActionReadingModel:
    places = []
    seen: set[tuple[str, str]] = set()
    for x, role in roles(r, doc, foreign):
        if (x.place.name, role) in seen:
            continue
        seen.add((x.place.name, role))
        places.append(PlaceRole(name=x.place.name, country_code=x.place.country_code, role=role))  # type: ignore[arg-type]
    return ActionReadingModel(
        att_sats=r.unit,
        kinds=tuple(r.kinds),
        investigated=tuple(r.investigated),
        actor=r.actor,
        recipient=r.recipient,
        recipient_words=r.recipient_words,
        business=r.business_name,
        amount=r.amount,
        purpose=r.purpose,
        about=r.about,  # type: ignore[arg-type]
        places=tuple(places),
        evidence=r.evidence(doc),
    )


def reading_models(m: Motion) -> tuple[ActionReadingModel, ...]:
    by_sentence = mentions_by_sentence(m)
    return tuple(as_model(r, m.doc, by_sentence.get(r.sentence.index, [])) for r in readings(m))


# --------------------------------------------------------------------------- facts


# The one builder of extracted facts (extractors and legal use it too). Facts built here are typed by
# construction. A fact without evidence whose value is True, False or None (most of "nothing found" with
# its note), and an unknown without evidence, is the same frozen, immutable object every time: built once
# per process and found again by a dictionary look-up. Every note given without evidence is a literal of
# its call site, so the memos are bounded by the call sites (legal._unknown builds notes that quote the
# motion afresh).
def fact(name: str, value: object, evidence: Iterable[Evidence] = (), note: str | None = None) -> Fact:
    if not evidence and (value is None or value is True or value is False):
        key = (name, value, note)
        found = _PLAIN_FACTS.get(key)
        if found is None:
            found = _PLAIN_FACTS[key] = Fact.model_construct(
                name=name, known=True, value=value, source="extracted", evidence=(), note=note
            )
        return found
    return Fact.model_construct(
        name=name, known=True, value=value, source="extracted", evidence=tuple(evidence), note=note
    )


def unknown(name: str, note: str, evidence: Iterable[Evidence] = ()) -> Fact:
    if not evidence:
        found = _PLAIN_UNKNOWNS.get((name, note))
        if found is None:
            found = _PLAIN_UNKNOWNS[(name, note)] = Fact.model_construct(
                name=name, known=False, value=None, source="extracted", evidence=(), note=note
            )
        return found
    return Fact.model_construct(
        name=name, known=False, value=None, source="extracted", evidence=tuple(evidence), note=note
    )


_PLAIN_FACTS: dict[tuple[str, object, str | None], Fact] = {}
_PLAIN_UNKNOWNS: dict[tuple[str, str], Fact] = {}


_FUNCTION_WORDS = frozenset(
    [
        "sedan",
        "när",
        "om",
        "för",
        "i",
        "med",
        "enligt",
        "då",
        "nu",
        "där",
        "även",
        "men",
        "och",
        "att",
        "vi",
        "jag",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "på",
        "av",
        "till",
        "från",
        "hos",
        "efter",
        "under",
        "genom",
        "trots",
    ]
)


@cache
def _swedish_words() -> frozenset[str]:
    return frozenset(
        [
            "och",
            "att",
            "det",
            "som",
            "en",
            "på",
            "är",
            "av",
            "för",
            "med",
            "till",
            "den",
            "har",
            "inte",
            "om",
            "ett",
            "de",
            "i",
            "vi",
            "kan",
            "ska",
            "eller",
            "från",
            "så",
            "men",
            "under",
            "efter",
            "även",
            "också",
            "kommunen",
            "bör",
            "vara",
            "sin",
            "sina",
            "detta",
            "dessa",
            "genom",
            "när",
            "där",
            "skulle",
            # words of a short proposal ("Jag föreslår att alla barn får …"), none of them English
            *("jag", "mig", "vår", "våra", "alla", "får", "mer", "fler", "här", "nu", "hur", "varje"),
        ]
    )


_LOWER = operator.itemgetter(1)  # Token.lower


def is_swedish(doc: Doc) -> bool:
    """The share of common Swedish function words among the words of the text: a cheap language test
    (Swedish prose runs at 25-40 %, English or a list of goods below 10 %). Once per motion."""
    key = ("is_swedish", -1)
    found: bool | None = doc.hits.get(key)
    if found is None:
        toks = doc.tokens
        words = _swedish_words()
        hits = sum(map(words.__contains__, map(_LOWER, toks)))  # in C: no Python step per word
        found = bool(toks) and hits >= 3 and hits / len(toks) >= 0.12
        doc.hits[key] = found
    return found


def extract_actions(m: Motion) -> list[Fact]:
    doc = m.doc
    all_units = readings(m)
    scoped = in_scope(m)
    names = ("is_motion", "action_kinds", "value_recipients", "investigation_only", "operative_stance", "state_matter")
    if not is_swedish(doc):
        note = "texten är inte skriven på svenska och kunde inte läsas som en motion"
        return [fact("is_motion", False, [], note)] + [unknown(n, note) for n in names[1:]]
    if not all_units:
        note = "texten innehåller inget förslag (ingen att-sats och ingen mening som föreslår något)"
        if reported(doc, []):
            note = (
                "texten berättar om ett förslag (som ett pressmeddelande eller en nyhet) men lägger inte "
                "själv fram något"
            )
        return [fact("is_motion", False, [], note)] + [unknown(n, note) for n in names[1:]]
    out = [fact("is_motion", True, [all_units[0].evidence(doc)])]
    if not scoped:
        note = "inget förslag i den del av motionen som bedöms"
        return out + [unknown(n, note) for n in names[1:]]
    unreadable = [r for r in scoped if not r.kinds]
    kinds = sorted({k for r in scoped for k in r.kinds})
    ev = [r.evidence(doc) for r in scoped][:4]
    if unreadable:
        note = "förvaltningen kunde inte avgöra vad att-satsen innebär"
        out.append(unknown("action_kinds", note, [r.evidence(doc) for r in unreadable][:3]))
    else:
        out.append(fact("action_kinds", kinds, ev))
    givers = [r for r in scoped if "give_value" in r.all_kinds]
    recipients = sorted({r.recipient or "unclassified" for r in givers})
    if givers:
        gev = [doc.evidence(r.sentence, r.recipient_words or r.cues.get("give_value")) for r in givers][:4]
        rnote = "mottagaren kunde inte bestämmas" if "unclassified" in recipients else None
        out.append(fact("value_recipients", recipients, gev, rnote))
    elif unreadable:
        out.append(unknown("value_recipients", "förvaltningen kunde inte avgöra vad att-satsen innebär"))
    else:
        out.append(fact("value_recipients", [], [], "förslaget ger inte pengar eller annat av värde till någon"))
    if unreadable and all("investigate" in r.kinds for r in scoped if r.kinds):
        out.append(unknown("investigation_only", "förvaltningen kunde inte avgöra vad att-satsen innebär"))
    else:
        only = all(r.kinds == ["investigate"] for r in scoped)
        out.append(fact("investigation_only", only, ev if only else []))
    out.append(_operative_stance(doc, scoped, unreadable))
    out.append(_state_matter(doc, scoped, unreadable))
    return out


def _operative_stance(doc: Doc, scoped: list[ActionReading], unreadable: list[ActionReading]) -> Fact:
    stances = [r for r in scoped if set(r.all_kinds) & set(_STANCE_KINDS)]
    foreign = [r for r in stances if r.about == "foreign"]
    if foreign:
        ev = [doc.evidence(r.sentence, r.about_words) for r in foreign][:4]
        return fact("operative_stance", True, ev)
    unplaced = [r for r in stances if r.about == "unplaced"]
    if unplaced:
        return unknown(
            "operative_stance",
            "att-satsen tar ställning eller uppmanar någon, men det gick inte att avgöra i vilken fråga",
            [doc.evidence(r.sentence, r.cues.get("take_position") or r.cues.get("call_on_state")) for r in unplaced][
                :3
            ],
        )
    if unreadable:
        return unknown("operative_stance", "förvaltningen kunde inte avgöra vad att-satsen innebär")
    return fact("operative_stance", False, [], "det som föreslås innehåller inget utrikespolitiskt ställningstagande")


def _state_matter(doc: Doc, scoped: list[ActionReading], unreadable: list[ActionReading]) -> Fact:
    calls = [r for r in scoped if "call_on_state" in r.all_kinds]
    state = [r for r in calls if r.about == "state"]
    if state:
        return fact("state_matter", True, [doc.evidence(r.sentence, r.about_words) for r in state][:4])
    unplaced = [r for r in calls if r.about == "unplaced"]
    if unplaced:
        return unknown(
            "state_matter",
            "motionen vänder sig till staten, men det gick inte att avgöra om frågan är statens eller "
            "gäller kommunens egna uppgifter",
            [doc.evidence(r.sentence, r.cues.get("call_on_state")) for r in unplaced][:3],
        )
    if unreadable:
        return unknown("state_matter", "förvaltningen kunde inte avgöra vad att-satsen innebär")
    return fact("state_matter", False, [], "motionen ber inte staten ändra lag eller nationell politik")
