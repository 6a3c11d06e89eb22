"""Places: find countries, cities and regions in Swedish text, and tell partners from mentions.

The gazetteer (``checker/data/gazetteer.json``, built by ``scripts/build_gazetteer.py``) maps
normalised names to places. Matching handles genitives ("Taiwans", "Kryvyi Rihs"), hyphenated and
closed compounds with a country ("Taiwan-samarbetet", "Ukrainastödet"), and adjectives or
demonyms ("en taiwanesisk stad", "kinesiska intressen", "ryssar") - but not language names
("på ryska"). Swedish places are recognised so that they are never taken for foreign partners.
A small foreign town (not major in the gazetteer, not a profile partner) is kept only when the
motion corroborates it - its country or a region of it named, or an international sentence - so
that Swedish localities sharing a foreign town's name ("Berga") are not read as foreign places.

Partner or merely mentioned (see ``classify``): a place is a *partner* when the motion proposes to
act towards it - it is named in an att-sats (unless as a comparison or a source of threat), or in
the body as the object of a cooperation or action cue in a sentence that proposes something. All
other foreign places are *mentioned*.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal, NamedTuple, cast

from checker.extraction.lexicon import DATA, Hit, cueset
from checker.extraction.text import Doc, Sentence, Token
from checker.models import Place, ProfileContext

_ADJ_ENDINGS = ("", "a", "t", "e", "er", "ar", "en", "erna", "arna", "ernas", "arnas", "are", "s")
_LANGUAGE_BEFORE = {
    "på",
    "till",
    "tala",
    "talar",
    "lära",
    "lär",
    "läsa",
    "läser",
    "översätta",
    "översatt",
    "översättning",
    "undervisning",
    "modersmål",
    "modersmålet",
}
_LANGUAGE_AFTER = {"språket", "språk", "språkkunskaper", "och", "eller", "samt", "som"}
# words that can follow the last language of a list but never an adjective's noun: "skyltar på
# engelska och tyska vid badplatserna", "på finska också"
_AFTER_LAST_LANGUAGE = {
    *("vid", "i", "på", "för", "med", "hos", "inom", "under", "utanför", "mellan"),
    *("också", "även", "dessutom", "redan", "så", "när", "där", "eftersom", "men", "kan", "ska", "bör"),
}
# courses and teaching "i" a language: "undervisning i arabiska", "modersmålsundervisningen i somaliska"
_TAUGHT = ("undervisning", "undervisningen", "kurs", "kurser", "kurserna", "lektioner", "modersmål", "modersmålet")
_COMPOUND_MIN = 4  # a country name of at least 4 letters may begin a compound (Kinakritiken)


@cache
def gazetteer() -> dict[str, Any]:
    with (DATA / "gazetteer.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _first(entry: int | list[int]) -> int:
    return entry if isinstance(entry, int) else entry[0]


PlaceKind = Literal["country", "city", "region"]


def _record(index: int) -> tuple[str, PlaceKind, str | None, str | None]:
    name, kind, cc, continent = gazetteer()["places"][index].split("|")[:4]
    return name, cast(PlaceKind, kind), cc or None, continent or None


def is_major(index: int) -> bool:
    """A foreign city large or well known enough to be a place without corroboration (see the build)."""
    return str(gazetteer()["places"][index]).endswith("|1")


@cache
def _country_keys() -> frozenset[str]:
    g = gazetteer()
    n_countries = len(g["countries"])  # the build puts the countries first in "places"
    return frozenset(
        k for k, idx in g["names"].items() if _first(idx) < n_countries and " " not in k and len(k) >= _COMPOUND_MIN
    )


@cache
def place_at(index: int) -> Place:
    g = gazetteer()
    name, kind, cc, continent = _record(index)
    if cc is None:
        return Place(
            name=name, kind=kind, continent=continent, in_europe=None if continent is None else continent == "Europa"
        )
    country_name, c_continent, eu_eea, aid = g["countries"].get(cc, [None, None, None, None])
    cont = continent or c_continent
    return Place(
        name=name,
        kind=kind,
        country_code=cc,
        country=country_name,
        continent=cont,
        in_europe=None if cont is None else cont == "Europa",
        eu_eea=eu_eea,
        receives_swedish_aid=aid,
    )


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("\u2013", " ").split())


def resolve_place(name: str) -> Place | None:
    """The place a name, genitive, adjective or ISO code stands for ("Taiwan", "Tainans", "kinesisk", "KE")."""
    g = gazetteer()
    key = _norm(name)
    if not key:
        return None
    if len(name.strip()) == 2 and name.strip().isupper() and name.strip() in g["countries"]:
        return place_at(_country_index(name.strip()))
    for k in (key, key[:-1] if key.endswith("s") else None):
        if k and k in g["names"]:
            return place_at(_first(g["names"][k]))
    idx = _adjective(key)
    return place_at(idx) if idx is not None else None


@lru_cache(maxsize=1 << 16)  # called for every word of every motion; the gazetteer never changes
def _adjective(lower: str) -> int | None:
    adj: dict[str, int] = gazetteer()["adjectives"]
    for suf in _ADJ_ENDINGS:
        if suf and not lower.endswith(suf):
            continue
        base = lower[: len(lower) - len(suf)] if suf else lower
        if base in adj:
            return adj[base]
    return None


@dataclass(frozen=True)
class Mention:
    place: Place
    index: int  # gazetteer place index
    sentence: Sentence
    first: int  # token indices, inclusive
    last: int
    form: str  # name | adjective | compound

    @property
    def foreign(self) -> bool:
        return self.place.country_code != "SE"


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


@cache
def _name_lengths() -> dict[str, int]:
    """For each word that begins a gazetteer name of several words, the most words such a name has.
    A name is looked up by joining the words from a capitalised token on; after any other word only
    the one-word names can match, so only their key is built."""
    return _lengths(gazetteer()["names"])


def _lengths(names: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in names:
        words = key.split(" ")
        if len(words) > 1 and out.get(words[0], 1) < len(words):
            out[words[0]] = len(words)
    return out


def _context_names(context: ProfileContext | None) -> dict[str, str]:
    """Extra names from the profile: partner towns and their aliases, name -> ISO code."""
    out: dict[str, str] = {}
    if context is None:
        return out
    for p in context.partners:
        for n in (p.name, *p.aliases):
            out[_norm(n)] = p.country_code
    return out


class _ProfileNames(NamedTuple):
    """The profile's names (``_context_names``), the most words of those that begin with a word, and
    every word form a lookup from a capitalised word could find among them (see ``_CAP_NOTHING``)."""

    context: ProfileContext | None
    names: dict[str, str]
    lengths: dict[str, int]
    words: frozenset[str]


def _profile_names(context: ProfileContext | None) -> _ProfileNames:
    """``_ProfileNames`` of ``context``, kept for the last profile (a frozen model, compared by identity:
    a batch checks every motion against one): one tuple, read and replaced whole, so threads share it."""
    global _PROFILE_NAMES
    last = _PROFILE_NAMES
    if last is not None and last.context is context:
        return last
    names = _context_names(context)
    lengths = _lengths(names)
    # the one-word keys a word is looked up by: itself and, ending in -s, itself without it
    words = frozenset((*names, *(k + "s" for k in names), *lengths))
    _PROFILE_NAMES = _ProfileNames(context, names, lengths, words)
    return _PROFILE_NAMES


_PROFILE_NAMES: _ProfileNames | None = None

# Word forms that begin no place name and are no place adjective, wherever they stand (most words).
_NOTHING: set[str] = set()
_NOTHING_MAX = 100_000
# Capitalised word forms (sentence openers, party letters, names of people) that begin no name of the
# gazetteer, are no name, genitive or adjective of a place and begin no compound with a country: such a
# word is a place only by the profile's names, and only when it is among ``_ProfileNames.words``.
_CAP_NOTHING: set[str] = set()


def find_mentions(
    doc: Doc,
    context: ProfileContext | None = None,
    person_tokens: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Every place named in the motion span, in text order."""
    g = gazetteer()
    names: dict[str, int | list[int]] = g["names"]
    profile = _profile_names(context)
    extra = profile.names
    lengths = _name_lengths()
    extra_lengths = profile.lengths
    mentions: list[Mention] = []
    toks = doc.tokens
    nothing = _NOTHING
    if len(nothing) > _NOTHING_MAX:
        nothing.clear()
    cap_nothing = _CAP_NOTHING
    if len(cap_nothing) > _NOTHING_MAX:
        cap_nothing.clear()
    for s in doc.sentences:
        i = s.first
        while i < s.last:
            tok = toks[i]
            if tok.text in nothing or (tok.text in cap_nothing and tok.lower not in profile.words):
                i += 1
                continue
            found: tuple[int, int, str] | None = None  # (place index, last token, form)
            named = False  # a name or compound found, even where it is then taken for a person's
            if _is_cap(tok) and tok.text not in person_tokens:
                most = max(lengths.get(tok.lower, 1), extra_lengths.get(tok.lower, 1))
                lows = [t.lower for t in toks[i : i + min(5, most, s.last - i)]]
                for n in range(len(lows), 0, -1):
                    key = " ".join(lows[:n])
                    keys = [key]
                    if key.endswith("s") and len(key) > 3:
                        keys.append(key[:-1])
                        if keys[1] in names and key in names and genitive_position(doc, s, i + n - 1):
                            keys.reverse()  # "Tartus universitet": Tartu's, not the Syrian Tartus
                    for k in keys:
                        if k in names:
                            found = (_first(names[k]), i + n - 1, "name")
                            break
                        if k in extra:
                            found = (_country_index(extra[k]), i + n - 1, "profile")
                            break
                    if found:
                        break
                if found is None:
                    found = _compound(tok, i)
                named = found is not None
                if found and found[2] in ("name", "profile") and _looks_like_person(doc, s, i, found, names):
                    found = None
            if found is None and tok.lower[:1].isalpha() and tok.text not in person_tokens:
                idx = _adjective(tok.lower)
                if idx is not None and i + 1 < s.last and _is_cap(toks[i + 1]):
                    # "finska Lappland": an adjective that begins a region's name
                    key = f"{tok.lower} {toks[i + 1].lower}"
                    if key in names and _record(_first(names[key]))[1] == "region":
                        found = (_first(names[key]), i + 1, "name")
                if found is None and idx is not None and not _is_language(doc, s, i):
                    found = (idx, i, "adjective")
            if found is not None:
                idx, last, form = found
                place = place_at(idx)
                if form == "profile":
                    place = place.model_copy(update={"name": doc.text[tok.start : toks[last].end], "kind": "city"})
                mentions.append(Mention(place, idx, s, i, last, form))
                i = last + 1
            else:
                if not _is_cap(tok):
                    if not tok.lower[:1].isalpha() or _adjective(tok.lower) is None:
                        nothing.add(tok.text)  # no name, no adjective: whatever the words around it
                elif (
                    tok.text not in person_tokens  # so its names and adjectives were looked up
                    and not named
                    and tok.lower not in lengths  # only its own name was: no longer one from it on
                    and tok.lower not in profile.words
                    and (not tok.lower[:1].isalpha() or _adjective(tok.lower) is None)
                ):
                    cap_nothing.add(tok.text)
                i += 1
    return _corroborated(doc, mentions, extra)


# Words that follow a place named on its own rather than in the genitive: "med Tartus i Syrien",
# "Palmas och Recifes", "Tartus är", "Tartus skadades" (a verb in the past or the passive).
_NOT_POSSESSED = frozenset(
    (
        *("i", "och", "eller", "samt", "som", "att", "med", "till", "från", "för", "på", "av", "om", "hos"),
        *("vid", "mot", "men", "under", "efter", "inom", "utan", "är", "var", "har", "hade", "kan", "kunde"),
        *("ska", "skulle", "blir", "blev", "får", "fick", "måste", "bör", "borde", "vill", "kommer", "ligger"),
        *("låg", "står", "stod", "gör", "gjorde", "ger", "gav", "tar", "tog", "hamnade", "drabbades"),
    )
)
_VERB_ENDINGS = ("ade", "ades", "des", "tes", "dde", "ddes", "ats", "its")


def genitive_position(doc: Doc, s: Sentence, last: int) -> bool:
    """The name ending at token ``last`` stands before a noun, as a genitive does ("Tartus universitet",
    "Palmas hamn"): where a name ending in -s and the same name without it are both places, a Swedish
    text writes the genitive of the one without it there."""
    if last + 1 >= s.last:
        return False
    nxt = doc.tokens[last + 1]
    gap = doc.text[doc.tokens[last].end : nxt.start]
    low = nxt.lower
    if not (gap.isspace() and nxt.text[:1].islower() and low.isalpha()):
        return False
    return low not in _NOT_POSSESSED and not low.endswith(_VERB_ENDINGS)


def _corroborated(doc: Doc, mentions: list[Mention], profile_names: dict[str, str]) -> list[Mention]:
    """Drop small foreign cities that nothing in the motion confirms as foreign.

    Many small foreign towns share their names with Swedish localities ("Berga", "Ekholmen"). A
    foreign city that is neither major (see ``is_major``) nor one of the profile's partner towns is
    kept only when the motion names its country or one of the country's regions (also as an
    adjective: "en moldavisk stad"), or when its sentence speaks of something international
    (vänort, bistånd, utlandet, EU-projekt ...).
    """
    doubtful = [
        m
        for m in mentions
        if m.foreign
        and m.place.kind == "city"
        and m.form == "name"
        and not is_major(m.index)
        and _norm(doc.text[doc.tokens[m.first].start : doc.tokens[m.last].end]) not in profile_names
    ]
    if not doubtful:
        return mentions
    confirmed_ccs = {
        m.place.country_code
        for m in mentions
        if m.foreign and m.place.country_code and (m.place.kind != "city" or m.form in ("adjective", "compound"))
    }
    context = {h.sentence.index for h in cueset("places", "foreign_context").find(doc, doc.sentences)}
    # A sentence naming another country is about that country: "en vänort i Skottland, till exempel
    # på Orkney" is no South African town.
    other_country: dict[int, set[str | None]] = {}
    for m in mentions:
        if m.foreign and (m.place.kind != "city" or m.form != "name"):
            other_country.setdefault(m.sentence.index, set()).add(m.place.country_code)

    def in_context(m: Mention) -> bool:
        named = other_country.get(m.sentence.index, set())
        return m.sentence.index in context and not (named - {m.place.country_code})

    # One confirmed mention confirms the town throughout the motion.
    confirmed = {m.index for m in doubtful if m.place.country_code in confirmed_ccs or in_context(m)}
    drop = {id(m) for m in doubtful if m.index not in confirmed}
    return [m for m in mentions if id(m) not in drop]


@cache
def _country_index(cc: str) -> int:
    return next(i for i, p in enumerate(gazetteer()["places"]) if p.split("|")[1:3] == ["country", cc])


def _compound(tok: Token, i: int) -> tuple[int, int, str] | None:
    """A closed compound that begins with a country name: Ukrainastödet, Rysslandsvänlig."""
    low = tok.lower
    keys = _country_keys()
    for n in range(len(low) - 3, _COMPOUND_MIN - 1, -1):
        head = low[:n]
        if head in keys:
            rest = low[n:]
            if rest.startswith("s"):
                rest = rest[1:]
            if len(rest) >= 3 and rest.isalpha():
                return (_first(gazetteer()["names"][head]), i, "compound")
    return None


def _looks_like_person(
    doc: Doc, s: Sentence, i: int, found: tuple[int, int, str], names: dict[str, int | list[int]]
) -> bool:
    """A one-word city or region next to another capitalised word is taken as part of a name."""
    idx, last, _ = found
    if _record(idx)[1] == "country" or last != i:
        return False
    toks = doc.tokens
    nxt = toks[i + 1] if i + 1 < s.last else None
    prev = toks[i - 1] if i - 1 >= s.first else None
    if nxt is not None and _is_cap(nxt) and nxt.lower not in names and nxt.lower not in ("i", "och"):
        gap = doc.text[toks[i].end : nxt.start]
        if gap.strip() == "":
            return True
    if prev is not None and i - 1 > s.first and _is_cap(prev) and prev.lower not in names:
        gap = doc.text[prev.end : toks[i].start]
        if gap.strip() == "":
            return True
    return False


def _before_languages(doc: Doc, s: Sentence, k: int) -> bool:
    """Whether the word at k introduces language names: "på", "tala", "översätta till", or "i" after a
    course or teaching ("undervisning i", "modersmålsundervisningen i")."""
    if k < s.first:
        return False
    word = doc.tokens[k].lower
    if word in _LANGUAGE_BEFORE:
        return True
    return word == "i" and k - 1 >= s.first and doc.tokens[k - 1].lower.endswith(_TAUGHT)


def _is_language(doc: Doc, s: Sentence, i: int) -> bool:
    tok = doc.tokens[i]
    if not tok.lower.endswith("a"):
        return False
    nxt = doc.tokens[i + 1].lower if i + 1 < s.last else ""
    if nxt in ("språket", "språk"):
        return True
    toks = doc.tokens
    listed = nxt != "" and "," in doc.text[tok.end : toks[i + 1].start]  # "på somaliska, tigrinja"
    if nxt and nxt not in _LANGUAGE_AFTER and nxt not in _AFTER_LAST_LANGUAGE and not listed:
        return False  # "på ryska städer": an adjective before its noun
    if _before_languages(doc, s, i - 1):
        return True
    # "på engelska och ryska", "på somaliska, tigrinja, arabiska": later names in a list of languages
    j = i  # a name in the list; step back over "och" or a comma to the name before it
    while j - 1 >= s.first and i - j < 12:
        k = j - 1
        if _before_languages(doc, s, k) and "," not in doc.text[toks[k].end : toks[j].start]:
            return j < i
        if toks[k].lower in ("och", "eller", "samt") and k - 1 >= s.first:
            j = k - 1
        elif "," in doc.text[toks[k].end : toks[j].start]:
            j = k
        else:
            return False
    return False


# --------------------------------------------------------------------------- partner or mentioned


@dataclass
class PlaceResult:
    partners: list[Mention]
    mentioned: list[Mention]
    international: bool  # the motion (in scope) proposes an international act
    anaphor: bool  # the scoped att-sats points back to a place named elsewhere ("staden", "vänorten")


def _near_before(hits: list[Hit], m: Mention, window: int) -> Hit | None:
    for h in hits:
        if h.sentence.index == m.sentence.index and 0 <= m.first - h.last <= window:
            return h
    return None


def _near(hits: list[Hit], m: Mention, window: int) -> Hit | None:
    for h in hits:
        if h.sentence.index == m.sentence.index and (0 <= m.first - h.last <= window or 0 <= h.first - m.last <= 2):
            return h
    return None


_THREAT_NOUNS = ("hot", "aggression", "upprustning", "påverkan", "inflytande", "angrepp", "expansion")


def _adversary(doc: Doc, m: Mention) -> bool:
    """ "mot Kinas hot", "gentemot den ryska aggressionen": the state opposed, not the one acted for."""
    s = m.sentence
    before = [t.lower for t in doc.tokens[max(s.first, m.first - 2) : m.first]]
    after = doc.tokens[m.last + 1].lower if m.last + 1 < s.last else ""
    return any(w in ("mot", "gentemot") for w in before) and after.startswith(_THREAT_NOUNS)


class _Mentioned(list[Mention]):
    """The mentioned places of a classification, shared by the passes whose partners are in the same
    countries; ``place_values`` of it is computed once (kept here)."""

    values: list[dict[str, Any]] | None = None


class _Foreign:
    """A document's foreign mentions, in text order and by sentence, listed once per document (every
    scoped pass reads them), with the mentioned-place lists built so far by their partners."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.foreign = [m for m in mentions if m.foreign]
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.foreign:
            self.by_sentence.setdefault(m.sentence.index, []).append(m)
        self.mentioned: dict[tuple[frozenset[str], frozenset[int]], _Mentioned] = {}

    def in_sentences(self, sentences: Iterable[Sentence]) -> list[Mention]:
        """The foreign mentions of ``sentences`` (in text order, not overlapping), in text order."""
        get = self.by_sentence.get
        return [m for s in sentences for m in get(s.index, ())]


_FOREIGN_KEY = ("foreign mentions", -14)


def _foreign(doc: Doc, mentions: list[Mention]) -> _Foreign:
    found: _Foreign | None = doc.hits.get(_FOREIGN_KEY)
    if found is None or found.mentions is not mentions:
        found = doc.hits[_FOREIGN_KEY] = _Foreign(mentions)
    return found


# "bistånd" also names a social-services decision on help for a resident ("utan biståndsbedömning",
# "biståndshandläggaren", "ansöka om bistånd", "beviljas bistånd"): never aid abroad (as in
# legal_cues.yaml, aid_words).
_HOME_ASSISTANCE = ("biståndsbedöm", "biståndshandläg", "biståndsbeslut", "biståndsprövning", "biståndsenhet")
_APPLIED_FOR = ("ansök", "söka", "söker", "beviljas", "beviljats", "beviljad", "beviljat", "rätt")


def abroad_only(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """The hits whose first word is not "bistånd" in the sense of social services: one of its compounds
    for the assessment, or the help a resident applies for or is granted ("ansöka om bistånd")."""
    toks = doc.tokens
    out = []
    for h in hits:
        low = toks[h.first].lower
        if low.startswith("bistånd"):
            if low.startswith(_HOME_ASSISTANCE):
                continue
            s = h.sentence
            before = [t.lower for t in toks[max(s.first, h.first - 2) : h.first]]
            if before and before[-1] in ("om", "till") and any(w.startswith(_APPLIED_FOR) for w in before[:-1]):
                continue
            if before and before[-1].startswith(("beviljas", "beviljats")):
                continue
        out.append(h)
    return out


def classify(doc: Doc, mentions: list[Mention]) -> PlaceResult:
    """Split foreign mentions into partners (targets of the proposed act) and mentioned places."""
    index = _foreign(doc, mentions)
    frames = cueset("places", "partner_frame")
    excluded = cueset("places", "not_partner")
    proposing = cueset("places", "proposing")
    anaphors = cueset("places", "anaphor")
    intl = cueset("places", "international")

    atts = doc.att_sentences
    att_ids = {s.index for s in atts}
    # the not-partner cues of the att-satser in scope and of the body, looked up by the sentence
    not_partner_by_sentence = excluded.by_sentence(doc)

    def not_partner_hits(m: Mention) -> list[Hit]:
        s = m.sentence
        if s.att is None or s.index in att_ids:
            return not_partner_by_sentence.get(s.index, [])
        return []

    def att_partner(m: Mention) -> bool:
        if _near_before(not_partner_hits(m), m, 3) is not None:
            return False
        return not _adversary(doc, m)

    partners = [m for m in index.in_sentences(atts) if att_partner(m)]
    anaphor = bool(anaphors.find(doc, atts)) if doc.scope is not None else False

    if not partners and (doc.scope is None or anaphor or not atts):
        if doc.scope is not None:
            all_atts = [s for s in doc.sentences if s.att is not None]
            partners = [m for m in index.in_sentences(all_atts) if att_partner(m)]
        if not partners:
            body = doc.body_sentences
            frame_by_sentence = frames.by_sentence(doc)
            prop_sents = {h.sentence.index for h in proposing.find(doc, body)}
            partners = [
                m
                for m in index.in_sentences(s for s in body if s.index in prop_sents)
                if _near(frame_by_sentence.get(m.sentence.index, []), m, 8) is not None
                and _near_before(not_partner_hits(m), m, 3) is None
                and not _adversary(doc, m)
                and (m.form != "adjective" or m.place.kind != "region")
            ]

    partner_ccs = frozenset(m.place.country_code for m in partners if m.place.country_code)
    partner_ids = frozenset(id(m) for m in partners if m.place.country_code is None)
    key = (partner_ccs, partner_ids)
    mentioned = index.mentioned.get(key)
    if mentioned is None:
        # a partner with a country code is never mentioned: its country is among the partners'
        mentioned = _Mentioned(
            m
            for m in index.foreign
            if (m.place.country_code is None and id(m) not in partner_ids)
            or (m.place.country_code is not None and m.place.country_code not in partner_ccs)
        )
        index.mentioned[key] = mentioned

    primary = atts if atts else doc.scoped_body
    # International only with a foreign partner or an international cue in what is asked: a foreign
    # place merely compared with ("som i Danmark") leaves a local motion local.
    international = bool(partners) or bool(abroad_only(doc, intl.find(doc, primary)))
    return PlaceResult(partners, mentioned, international, anaphor)


def place_values(mentions: list[Mention]) -> list[dict[str, Any]]:
    """Unique places as dicts, sorted by country code, kind and name."""
    if isinstance(mentions, _Mentioned):  # shared by several passes: computed once, copied out
        if mentions.values is None:
            mentions.values = _place_values(mentions)
        return [dict(v) for v in mentions.values]
    return _place_values(mentions)


def _place_values(mentions: list[Mention]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for m in mentions:
        p = m.place
        key = (p.country_code or "~", p.kind, p.name)
        if key not in seen:  # dumped once per place, not once per mention
            seen[key] = p.model_dump(exclude_none=True)
    return [seen[k] for k in sorted(seen)]
