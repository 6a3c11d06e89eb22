"""Cue lexicons as data, compiled once into token matchers.

A cue is a phrase of word patterns separated by spaces, written in ``checker/data/cues.yaml``:

- ``samarbete``  an inflected word: matches tokens that start with its Swedish snowball stem
  ("samarbet" → samarbetet, samarbeten, samarbetsavtal). A stem shorter than 5 letters allows
  only short endings (at most 4 letters), so "unga" does not match "ungefär";
- ``vänort*``    a prefix: any continuation (compounds whose first part is the word);
- ``*omsorg``    part of a compound anywhere in the token (äldreomsorgen, hemtjänstomsorg);
- ``unga$``      this exact word only;
- ``VA``         a word with a capital letter is matched case-sensitively and exactly (``VA*``: prefix);
- ``<weapons>fri`` a compound of ``fri`` (inflected: fria, fritt) after a word of the class ``weapons``
  (``word_classes`` in cues.yaml) or a compound ending in one: "minfri", "klusterbombsfri", read by the
  lexicon of ``checker.extraction.morphology`` (also in a suspended compound: "kärnvapen- och minfri");
- ``a|b``        alternatives for one word (each with its own marker);
- ``..``         up to four other words in between (``...``: up to eight).

Matching is per sentence. Lookups are indexed by the first word of each cue, and a document is
matched once for all cue sets together (one lookup per token), so the cost is linear in its length.
"""

from __future__ import annotations

import collections
import itertools
import operator
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from checker.extraction.text import Doc, Sentence, Token

DATA = Path(__file__).resolve().parent.parent / "data"
GAP = 4
_SHORT_STEM = 5
_SHORT_EXT = 4
_MEMO_MAX = 50_000


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@cache
def _stems() -> dict[str, str]:
    """Precomputed stems of the cue words (checker/data/stems.json, by scripts/build_gazetteer.py):
    importing the snowball stemmer costs more than all other loading together."""
    import json

    try:
        with (DATA / "stems.json").open(encoding="utf-8") as fh:
            data: dict[str, str] = json.load(fh)
    except FileNotFoundError:
        return {}
    return data


def stem(word: str) -> str:
    """The Swedish snowball stem of ``word``, from the precomputed table when it is there."""
    found = _stems().get(word)
    if found is None:
        found = str(_stemmer().stemWord(word))
    return found


def plain_words(phrase: str) -> list[str]:
    """The words of a cue phrase that are matched by their stem."""
    out = []
    for spec in phrase.split():
        for alt in spec.split("|"):
            if (
                alt in ("..", "...", "…")
                or any(c.isupper() for c in alt)
                or alt.endswith(("$", "*"))
                or alt.startswith(("*", "<"))
            ):
                continue
            out.append(alt)
    return out


@cache
def load_yaml(name: str) -> Any:
    """A lexicon file of checker/data, parsed; its content comes from the parsed-file cache when an
    entry for exactly these bytes is there (see checker.load), else from YAML."""
    from checker.load import cache_get, cache_key, cache_put

    raw = (DATA / name).read_bytes()
    key = cache_key(raw, f"data:{name}")
    hit, content = cache_get(key)
    if hit and isinstance(content, dict):  # every lexicon file is a mapping: anything else is parsed again
        return content
    import yaml  # only when the file is parsed: a check with a filled cache imports no PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    content = yaml.load(raw.decode("utf-8"), Loader=loader)  # a safe loader (C or pure Python)
    cache_put(key, content)
    return content


@dataclass(frozen=True)
class WordPat:
    kind: str  # exact | infl | prefix | infix | case | caseprefix | class
    text: str
    words: frozenset[str] = frozenset()  # for a class pattern: the words of the class

    def __post_init__(self) -> None:
        # the test for this kind, chosen once (matching calls it for every candidate token)
        object.__setattr__(self, "test", _test(self.kind, self.text, self.words))

    def match(self, tok: Token) -> bool:
        result: bool = self.test(tok)  # type: ignore[attr-defined]
        return result


def _test(kind: str, w: str, words: frozenset[str] = frozenset()) -> Callable[[Token], bool]:
    if kind == "class":
        return lambda tok: _in_class(tok.lower, w, words)
    if kind == "exact":
        return lambda tok: tok.lower == w
    if kind == "infl":
        if len(w) >= _SHORT_STEM:
            return lambda tok: tok.lower.startswith(w)
        most = len(w) + _SHORT_EXT
        return lambda tok: tok.lower.startswith(w) and len(tok.lower) <= most
    if kind == "prefix":
        return lambda tok: tok.lower.startswith(w)
    if kind == "infix":
        return lambda tok: w in tok.lower
    if kind == "case":
        return lambda tok: tok.text == w
    return lambda tok: tok.text.startswith(w)  # caseprefix


def word_class(name: str) -> frozenset[str]:
    """The words of a class in cues.yaml's ``word_classes`` (a load error names the classes there)."""
    classes = load_yaml("cues.yaml")["word_classes"]
    if name not in classes:
        raise ValueError(f"no word class {name!r} in cues.yaml; classes: {', '.join(sorted(classes))}")
    return frozenset(str(w) for w in classes[name])


def _in_class(low: str, head: str, words: frozenset[str]) -> bool:
    """A class pattern's test: the lexicon (morphology) is consulted only for a word that ends in the
    head after something that ends like a word of the class, so most motions never load it."""
    i = low.rfind(head)
    if i < 2 or len(low) - i - len(head) > 2:
        return False
    before = low[:i]
    if not any(before.endswith((x, x + "s")) for x in words):
        return False
    from checker.extraction.morphology import ends_in_class

    return ends_in_class(low, head, words)


# The cue sets of a check hold some 4,100 word patterns, 2,400 of them distinct: each distinct one is built
# once (a pattern is immutable and holds no per-cue state; a cue's remembered tests are its own), a fifth
# of building the sets at a process's first motion. Bounded: a profile's own names make sets per pass.
@lru_cache(maxsize=8192)
def _word(spec: str) -> WordPat:
    if spec.startswith("<") and ">" in spec:
        name, _, head = spec[1:].partition(">")
        if not head:
            raise ValueError(f"word pattern {spec!r} names a class but no head after it (<class>head)")
        return WordPat("class", head, word_class(name))
    if spec != spec.lower():
        return WordPat("caseprefix", spec[:-1]) if spec.endswith("*") else WordPat("case", spec)
    if spec.endswith("$"):
        return WordPat("exact", spec[:-1])
    if spec.startswith("*"):
        return WordPat("infix", spec.strip("*"))
    if spec.endswith("*"):
        return WordPat("prefix", spec[:-1])
    root = stem(spec)
    return WordPat("infl", root if len(root) >= 3 else spec)


@dataclass(frozen=True)
class Cue:
    """One compiled phrase: alternatives per position; None marks a gap."""

    label: str  # the category it belongs to, e.g. "friendship_agreement"
    source: str  # the phrase as written in the data file
    parts: tuple[tuple[WordPat, ...] | int, ...]  # an int is a gap of up to that many words
    seen: tuple[dict[str, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # per position of the phrase, whether any of its alternatives matches a word form (by the
        # token's text), filled as matching goes: a form is tested once per position, not per occurrence
        object.__setattr__(self, "seen", tuple({} for _ in self.parts))


def compile_cue(label: str, phrase: str) -> Cue:
    parts: list[tuple[WordPat, ...] | int] = []
    for spec in phrase.split():
        if spec in ("..", "…"):
            parts.append(GAP)
        elif spec == "...":
            parts.append(2 * GAP)
        else:
            parts.append(tuple(_word(alt) for alt in spec.split("|")))
    if not parts or isinstance(parts[0], int):
        raise ValueError(f"cue {phrase!r} ({label}) must start with a word")
    return Cue(label, phrase, tuple(parts))


class Hit(NamedTuple):
    """A cue matched in a sentence (a tuple: created for every match)."""

    cue: Cue
    sentence: Sentence
    first: int  # token index
    last: int  # token index, inclusive

    def text(self, doc: Doc) -> str:
        return doc.text[doc.tokens[self.first].start : doc.tokens[self.last].end]


class CueSet:
    """A group of cues, indexed by their first word for fast matching."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        # names this set in a document's hit index (ids can be reused); a set with exactly the cues of
        # one made before (a profile's own names, built for each pass) shares its serial and so its hits
        signature = tuple((c.label, c.source) for c in cues)
        serial = _BY_SIGNATURE.get(signature)
        if serial is None:
            if len(_BY_SIGNATURE) > _MEMO_MAX:
                _BY_SIGNATURE.clear()
            serial = _BY_SIGNATURE[signature] = next(_SERIALS)
        self.serial = serial
        self._exact: dict[str, list[Cue]] = {}
        self._stem: dict[str, list[Cue]] = {}
        self._case: dict[str, list[Cue]] = {}
        self._scan: list[tuple[WordPat, Cue]] = []  # infix and case-prefix first words
        self._memo: dict[str, tuple[Cue, ...]] = {}
        for cue in cues:
            first = cue.parts[0]
            assert not isinstance(first, int)
            for pat in first:
                if pat.kind == "exact":
                    self._exact.setdefault(pat.text, []).append(cue)
                elif pat.kind in ("infl", "prefix"):
                    self._stem.setdefault(pat.text, []).append(cue)
                elif pat.kind == "case":
                    self._case.setdefault(pat.text, []).append(cue)
                else:
                    self._scan.append((pat, cue))
        # the longest stem key: a token's prefixes longer than it cannot be keys (a 50,000-letter
        # token is looked up by its first few letters, not by every prefix)
        self._stem_max = max(map(len, self._stem), default=0)

    def _candidates(self, tok: Token) -> tuple[Cue, ...]:
        """Cues whose first word matches ``tok``, memoised per word form (the vocabulary is small)."""
        cached = self._memo.get(tok.text)
        if cached is not None:
            return cached
        found: set[Cue] = set(self._exact.get(tok.lower, ()))
        found.update(self._case.get(tok.text, ()))
        low = tok.lower
        for n in range(2, min(len(low), self._stem_max) + 1):
            cues = self._stem.get(low[:n])
            if cues:
                found.update(cues)
        for pat, cue in self._scan:
            if pat.match(tok):
                found.add(cue)
        result = tuple(sorted(found, key=lambda c: c.source))
        if len(self._memo) > _MEMO_MAX:
            self._memo.clear()
        self._memo[tok.text] = result
        return result

    def _match_from(self, doc: Doc, cue: Cue, i: int, last: int) -> int | None:
        """Token index of the last word of ``cue`` matched at token ``i``, or None."""
        return _match(cue.parts, doc.tokens, 0, i, 0, last, cue.seen)

    def find(self, doc: Doc, sentences: list[Sentence]) -> list[Hit]:
        """All hits in ``sentences``, in text order, at most one per cue and start token.

        Hits depend only on the cue set and the sentence, so the whole document is matched once, in
        one pass for every shared cue set (those from ``cueset()``), and the hits are kept per
        sentence in ``doc.hits``: the whole-motion pass and every per-att-sats pass over the same
        motion read them from there, at the cost of one lookup per sentence.
        """
        index = doc.hits.get(_INDEX_KEY)
        per = None if index is None else index.get(self.serial)
        if per is None:
            per = self.by_sentence(doc)
        if len(sentences) == 1:  # the common call: one sentence's hits, copied
            return list(per.get(sentences[0].index, ()))
        if not per:  # no hit anywhere in the document (most sets in most motions)
            return []
        # each sentence's hits (a list, never empty, or None) joined in the sentences' order, in C
        return list(_chain(filter(None, map(per.get, map(_INDEX, sentences)))))

    def by_sentence(self, doc: Doc) -> dict[int, list[Hit]]:
        """This set's hits in ``doc`` by sentence index (see ``find``); read-only for callers."""
        index: dict[int, dict[int, list[Hit]]] | None = doc.hits.get(_INDEX_KEY)
        if index is None:
            index = doc.hits[_INDEX_KEY] = {}
        per = index.get(self.serial)
        if per is None:
            state = _STATE  # read once: another thread may publish a new one meanwhile
            sets: Sequence[CueSet]
            if self not in state.members:
                sets = [self]
            elif not index:  # the document's first match (the common case): every shared set
                sets = state.sets
            else:
                sets = [cs for cs in state.sets if cs.serial not in index]
            _match_document(doc, sets, index)
            per = index[self.serial]
        return per

    def labels(self, hits: list[Hit]) -> list[str]:
        return sorted({h.cue.label for h in hits})


_SERIALS = itertools.count()
_BY_SIGNATURE: dict[tuple[tuple[str, str], ...], int] = {}
_INDEX_KEY = ("cue hits by set and sentence", -1)
# per tuple of set serials: the candidates by word form, the first steps by word form and then by the next
# word form (None at a sentence's end), the serials, and how many first steps are remembered (the bound)
_COMBINED: dict[
    tuple[int, ...], tuple[dict[str, Any], dict[str, dict[str | None, Any]], frozenset[int], list[int]]
] = {}


class _Shared(NamedTuple):
    """The cue sets of cues.yaml built so far, matched together, with their first-word indexes merged
    into one: a word form is looked up once, not once per set (there are some thirty).

    Published whole (one assignment of ``_STATE``) when a set is added, and never changed after: a
    pass in another thread reads either the state before or the state after, never one half built."""

    sets: tuple[CueSet, ...]
    members: frozenset[CueSet]
    serials: tuple[int, ...]  # of ``sets``, in their order
    exact: dict[str, list[tuple[int, Cue]]]
    stem: dict[str, list[tuple[int, Cue]]]
    case: dict[str, list[tuple[int, Cue]]]
    infix: dict[str, list[tuple[int, Cue]]]  # part of a token anywhere
    caseprefix: dict[str, list[tuple[int, Cue]]]  # the start of a token, case-sensitively
    stem_max: int


_STATE = _Shared((), frozenset(), (), {}, {}, {}, {}, {}, 0)


def _share(*sets: CueSet) -> None:
    """Add cue sets to the shared pass: a new state, built in full from copies, then published (the
    caller holds ``_BUILD_LOCK``, so sets are never added by two threads at once). The sets a process
    remembers are added together: one copy of the state, not one per set."""
    global _STATE
    old = _STATE
    exact, stem_, case = ({w: list(v) for w, v in d.items()} for d in (old.exact, old.stem, old.case))
    infix = {w: list(v) for w, v in old.infix.items()}
    caseprefix = {w: list(v) for w, v in old.caseprefix.items()}
    for cs in sets:
        for target, own in ((exact, cs._exact), (stem_, cs._stem), (case, cs._case)):
            for word, cues in own.items():
                target.setdefault(word, []).extend((cs.serial, c) for c in cues)
        for pat, cue in cs._scan:
            # a class pattern's head is part of every token it matches: it is indexed as an infix
            target = infix if pat.kind in ("infix", "class") else caseprefix
            target.setdefault(pat.text, []).append((cs.serial, cue))
    stem_max = max([old.stem_max, *(cs._stem_max for cs in sets)])
    all_sets = (*old.sets, *sets)
    serials = tuple(cs.serial for cs in all_sets)
    _STATE = _Shared(all_sets, old.members | set(sets), serials, exact, stem_, case, infix, caseprefix, stem_max)


class _InfixIndex(NamedTuple):
    """The infix first words of a shared state by their first three letters (``short``: the shorter
    ones), each word's place in ``state.infix``, and the case-sensitive prefixes as one tuple: a new
    word form is tested against the few infix words that can occur in it, not against all of them."""

    by_start: dict[str, list[str]]
    short: list[str]
    position: dict[str, int]
    caseprefixes: tuple[str, ...]


_INFIX_SCAN = 64  # letters of a word form beyond which its infix words are found by a plain scan
_INFIX: tuple[_Shared, _InfixIndex] | None = None  # the state and its index: replaced whole, read once


def _infix_index(state: _Shared) -> _InfixIndex:
    global _INFIX
    built = _INFIX
    if built is not None and built[0] is state:
        return built[1]
    by_start: dict[str, list[str]] = {}
    short: list[str] = []
    for w in state.infix:
        if len(w) < 3:
            short.append(w)
        else:
            by_start.setdefault(w[:3], []).append(w)
    index = _InfixIndex(by_start, short, {w: i for i, w in enumerate(state.infix)}, tuple(state.caseprefix))
    _INFIX = (state, index)
    return index


def _shared_candidates(
    tok: Token, sets: Sequence[CueSet], state: _Shared, members: frozenset[int]
) -> tuple[tuple[CueSet, tuple[Cue, ...]], ...]:
    """For each of ``sets`` (all in ``state``; ``members`` their serials) the cues whose first word
    matches ``tok``, as ``CueSet._candidates`` gives them, from one lookup in the merged index."""
    found: dict[int, dict[int, Cue]] = {}  # by set, then by identity (hashing a cue hashes all its parts)

    def add(pairs: list[tuple[int, Cue]]) -> None:
        for serial, cue in pairs:
            if serial in members:
                found.setdefault(serial, {})[id(cue)] = cue

    low = tok.lower
    add(state.exact.get(low, []))
    add(state.case.get(tok.text, []))
    for n in range(2, min(len(low), state.stem_max) + 1):
        pairs = state.stem.get(low[:n])
        if pairs:
            add(pairs)
    infix = _infix_index(state)
    if len(low) > _INFIX_SCAN:  # a very long token: a scan of every infix word is linear in it
        inside = {w for w in state.infix if w in low}
    else:
        inside = {w for i in range(len(low) - 2) for w in infix.by_start.get(low[i : i + 3], ()) if w in low}
        inside.update(w for w in infix.short if w in low)
    for part in sorted(inside, key=infix.position.__getitem__):  # in the order of state.infix
        add(state.infix[part])
    text = tok.text
    if text.startswith(infix.caseprefixes):
        for part in [w for w in state.caseprefix if text.startswith(w)]:
            add(state.caseprefix[part])
    if not found:
        return ()
    return tuple(
        (cs, tuple(sorted(found[cs.serial].values(), key=lambda c: c.source))) for cs in sets if cs.serial in found
    )


def _match(
    parts: tuple[tuple[WordPat, ...] | int, ...],
    toks: list[Token],
    part: int,
    pos: int,
    gap: int,
    last: int,
    seen: tuple[dict[str, bool], ...],
) -> int | None:
    """Token index of the last word of ``parts[part:]`` matched from ``pos`` (after up to ``gap``
    skipped words), or None. Cues are short and gaps bounded, so this is constant work per token.

    The first alternative that matches a position decides it: later parts are tried once per position.
    ``seen`` (the cue's) remembers per position whether a word form matches any alternative."""
    n = len(parts)
    while part < n:
        alts = parts[part]
        if isinstance(alts, int):
            gap = alts
            part += 1
            continue
        known = seen[part]
        if gap == 0:  # one position, no branching
            if pos >= last:
                return None
            tok = toks[pos]
            ok = known.get(tok.text)
            if ok is None:
                ok = _any_alternative(known, alts, tok)
            if not ok:
                return None
            part += 1
            pos += 1
            continue
        for j in range(pos, min(last, pos + gap + 1)):
            tok = toks[j]
            ok = known.get(tok.text)
            if ok is None:
                ok = _any_alternative(known, alts, tok)
            if ok:
                end = _match(parts, toks, part + 1, j + 1, 0, last, seen)
                if end is not None:
                    return end
        return None
    return pos - 1


_SEEN_MAX = 5_000  # word forms remembered for one position of one cue


def _any_alternative(known: dict[str, bool], alts: tuple[WordPat, ...], tok: Token) -> bool:
    ok = any(p.test(tok) for p in alts)  # type: ignore[attr-defined]
    if len(known) > _SEEN_MAX:
        known.clear()
    known[tok.text] = ok
    return ok


def _first_steps(
    cands: tuple[tuple[CueSet, tuple[Cue, ...]], ...], tok: Token, nxt: Token | None
) -> tuple[tuple[int, Cue, int, int, int], ...]:
    """What is left to match of each candidate cue at a token ``tok`` followed by ``nxt`` (None at the
    end of the sentence), in the candidates' order: (set serial, cue, the part to go on from or -1 for
    a hit, tokens on from ``tok``, the gap that part is when a word follows it, else 0). The first two
    words of a cue are tested here, once per pair of word forms, so the common case - a cue whose first
    word occurs but not its second - costs nothing more per occurrence. As ``_match``: a position is
    decided by the first alternative that matches it."""
    out: list[tuple[int, Cue, int, int, int]] = []
    for cs, cues in cands:  # cues whose first word matches ``tok`` (``_first_word_matches``)
        for cue in cues:
            parts = cue.parts
            if len(parts) == 1:
                out.append((cs.serial, cue, -1, 0, 0))
                continue
            second = parts[1]
            if isinstance(second, int):
                out.append((cs.serial, cue, 1, 1, _gap_before_word(parts, 1)))  # matched from the gap
            elif nxt is not None:
                known = cue.seen[1]
                ok = known.get(nxt.text)
                if ok is None:
                    ok = _any_alternative(known, second, nxt)
                if ok:
                    step = (
                        (cs.serial, cue, 2, 2, _gap_before_word(parts, 2))
                        if len(parts) > 2
                        else (cs.serial, cue, -1, 1, 0)
                    )
                    out.append(step)
    return tuple(out)


def _gap_before_word(parts: tuple[tuple[WordPat, ...] | int, ...], part: int) -> int:
    """The gap ``parts[part]`` is when a word follows it, else 0."""
    gap = parts[part]
    if isinstance(gap, int) and part + 1 < len(parts) and not isinstance(parts[part + 1], int):
        return gap
    return 0


def _first_word_matches(
    cands: tuple[tuple[CueSet, tuple[Cue, ...]], ...], tok: Token
) -> tuple[tuple[CueSet, tuple[Cue, ...]], ...]:
    """The candidates whose first word matches ``tok`` itself, in their order: a first-word index
    lookup by a stem also finds cues whose word is too short for the token ("unga" in "ungefär").
    Decided once per word form, so such a token costs nothing more at each occurrence."""
    out = []
    for cs, cues in cands:
        kept = tuple(c for c in cues if any(p.test(tok) for p in c.parts[0]))  # type: ignore[union-attr]
        if kept:
            out.append((cs, kept))
    return tuple(out)


def _match_document(doc: Doc, sets: Sequence[CueSet], index: dict[int, dict[int, list[Hit]]]) -> None:
    """One pass over ``doc``'s tokens for all of ``sets``: hits per set and sentence into ``index``.

    A token's candidate cues come from one lookup of its word form in the sets' first-word indexes
    (memoised together), so a word that starts no cue costs one dictionary lookup for all sets, and
    only cues whose first word occurs are matched; their first two words are tested once per pair of
    word forms (``_first_steps``), and only the rest of a cue is matched at each occurrence.
    """
    state = _STATE  # read once; a state published since the sets were chosen only adds sets to it
    if sets is state.sets:  # every shared set (a document's first match): what follows is the state's
        key = state.serials
        shared = True
    else:
        key = tuple(cs.serial for cs in sets)
        shared = all(cs in state.members for cs in sets)
    memo = _COMBINED.get(key)
    if memo is None:
        if len(_COMBINED) > 8:  # sets made per call (a profile's own names) must not pile up
            _COMBINED.clear()
        memo = _COMBINED[key] = ({}, {}, frozenset(key), [0])
    combined, steps_memo, members, steps_count = memo
    if len(combined) > _MEMO_MAX:
        combined.clear()
    if steps_count[0] > _MEMO_MAX:  # counted by pair of word forms (another thread may miss a count: a bound)
        steps_memo.clear()
        steps_count[0] = 0
    toks = doc.tokens
    sentences = doc.sentences
    words = list(map(_TEXT, toks))
    # each token's candidates looked up in one C-level pass; only word forms not seen before are computed
    found_cands: list[Any] = list(map(combined.get, words))
    if None in found_cands:
        for i in [i for i, c in enumerate(found_cands) if c is None]:
            text = words[i]
            cands = combined.get(text)
            if cands is None:
                tok = toks[i]
                if shared:
                    cands = _shared_candidates(tok, sets, state, members)
                else:
                    cands = tuple((cs, c) for cs in sets if (c := cs._candidates(tok)))
                cands = combined[text] = _first_word_matches(cands, tok)
            found_cands[i] = cands
    # the word after each token in its sentence (None after a sentence's last: sentences hold consecutive
    # tokens), and for the tokens that start some cue, in text order, what is left to match of each
    nexts: list[str | None] = words[1:]
    if words:  # a document without tokens has no next words (and no hits)
        nexts.append(None)
    for s in sentences:
        if s.last > s.first:
            nexts[s.last - 1] = None
    starts = list(itertools.compress(range(len(toks)), found_cands))
    # looked up by the word form, then by the next one, in C: two lookups by a string (its hash kept in it)
    # cost less than one by a pair, which is built, hashed and compared item by item for every token;
    # a word form not seen before finds the empty mapping, so None, as a pair not seen before did
    by_word = map(steps_memo.get, itertools.compress(words, found_cands), _NO_STEPS)
    all_steps: list[Any] = list(map(dict.get, by_word, itertools.compress(nexts, found_cands)))
    if None in all_steps:
        for j in [j for j, st in enumerate(all_steps) if st is None]:
            i = starts[j]
            after = steps_memo.get(words[i])
            if after is None:
                after = steps_memo[words[i]] = {}
            steps = after.get(nexts[i])
            if steps is None:
                nxt = None if nexts[i] is None else toks[i + 1]
                steps = after[nexts[i]] = _first_steps(found_cands[i], toks[i], nxt)
                steps_count[0] += 1
            all_steps[j] = steps
    # filled here and published whole at the end: a pass in another thread over the same document
    # (the web server) finds either nothing or every hit of a set, never a half or a double
    per_set: dict[int, dict[int, list[Hit]]] = {}
    new_hit = _new_tuple
    # only the tokens where some cue goes on (most first words are not followed by their second)
    for i, steps in itertools.compress(zip(starts, all_steps, strict=True), all_steps):
        s = sentences[toks[i].sent]
        for serial, cue, part, ahead, gap in steps:
            if part < 0:
                end: int | None = i + ahead
            else:
                pos = i + ahead
                if gap:
                    # a gap, then a word: most such cues find none of the words the gap allows to be
                    # that word, which each word form's remembered test (``Cue.seen``) tells without
                    # a call of _match
                    known = cue.seen[part + 1]
                    for word in words[pos : min(s.last, pos + gap + 1)]:
                        if known.get(word) is not False:  # a match, or not tested yet
                            break
                    else:
                        continue
                end = _match(cue.parts, toks, part, pos, 0, s.last, cue.seen)
                if end is None:
                    continue
            per = per_set.get(serial)
            if per is None:
                per = per_set[serial] = {}
            found = per.get(s.index)
            if found is None:
                found = per[s.index] = []
            found.append(new_hit(Hit, (cue, s, i, end)))
    # every set's hits published in one C-level pass, a set without any with an empty dict of its own
    # (``iter(dict, None)``: new empty dicts without end)
    _consume(map(index.setdefault, key, map(per_set.get, key, iter(dict, None))), maxlen=0)


_TEXT = operator.itemgetter(0)  # Token.text
# the default of the first-steps lookup by word form: an empty mapping, never written to (every entry is
# made in ``steps_memo``'s own mappings), and endless (``map`` stops at the words)
_NO_STEPS: itertools.repeat[dict[str | None, Any]] = itertools.repeat({})
_INDEX = operator.attrgetter("index")  # Sentence.index
_chain = itertools.chain.from_iterable
_consume = collections.deque

# Hit(...) through its generated __new__ costs a Python call per hit; this builds the same tuple.
_new_tuple = tuple.__new__


def iter_phrases(node: Any, label: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield label, node
    elif isinstance(node, list):
        for item in node:
            yield from iter_phrases(item, label)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from iter_phrases(value, str(key))


@cache  # the extractors ask for their sets a hundred times a motion: one C-level lookup each
def cueset(section: str, *path: str) -> CueSet:
    """The compiled cues of ``cues.yaml`` section (optionally a sub-key), labelled by their keys.

    The extractors ask for their cue sets as they go, so the first motion of a process would be
    matched once per new set. The sets asked for are remembered (in the parsed-file cache, under the
    lexicon's digest), and a process builds all of them at its first request: one pass from the start.
    """
    key = (section, *path)
    found = _BUILT.get(key)
    if found is not None:
        return found
    with _BUILD_LOCK:  # the web server checks in threads: one build of each set, registered whole
        if not _BUILT:
            _share(*[_build(earlier, share=False) for earlier in _remembered_sets()])
        found = _BUILT.get(key) or _build(key)
        if _REMEMBERED[0] and key not in _REMEMBERED[1]:
            _REMEMBERED[1].append(key)
            from checker.load import cache_put

            cache_put(_REMEMBERED[0], [list(k) for k in _REMEMBERED[1]])
    return found


_BUILT: dict[tuple[str, ...], CueSet] = {}
_BUILD_LOCK = threading.RLock()
_REMEMBERED: list[Any] = ["", []]  # [cache key, the sets asked for, in order]


def _build(key: tuple[str, ...], share: bool = True) -> CueSet:
    node = load_yaml("cues.yaml")[key[0]]
    for part in key[1:]:
        node = node[part]
    built = CueSet([compile_cue(label or key[0], phrase) for label, phrase in iter_phrases(node, "")])
    if share:
        _share(built)
    _BUILT[key] = built
    return built


def _remembered_sets() -> list[tuple[str, ...]]:
    """The cue sets earlier processes asked for, those that still exist in cues.yaml."""
    from checker.load import cache_get, cache_key

    try:
        raw = (DATA / "cues.yaml").read_bytes() + b"\0" + Path(__file__).read_bytes()
    except OSError:  # no source to digest: nothing remembered, sets are built as they are asked for
        return []
    _REMEMBERED[0] = cache_key(raw, "data:cue sets asked for")
    hit, content = cache_get(_REMEMBERED[0])
    out: list[tuple[str, ...]] = []
    if not hit or not isinstance(content, list):
        return out
    data = load_yaml("cues.yaml")
    for entry in content:
        if not (isinstance(entry, list) and entry and all(isinstance(x, str) for x in entry)):
            continue
        node: Any = data
        for part in entry:
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None and tuple(entry) not in out:
            out.append(tuple(entry))
    _REMEMBERED[1] = list(out)
    return out
