"""Facts used only by the legal rules: the form of international aid (lag 2009:47 5 kap.), a basis in
a special power (2 kap. 3, 5, 7 §§, 3 kap. 6 §), whether the proposal has a cost (KL 11 kap. 15 §), and
what kind of proposal it is and who decides it (KL 5 kap. 23 §).

Each reading is a small set of Swedish patterns over the sentences in scope (the att-satser, else the
body). A fact is false or empty only when the reading was made and found nothing; where the text
points at the subject but not at the answer (money "to Ukraine" without saying for what) the value
says so (``money_other``), and where nothing can be read the fact is unknown with a note.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from checker.extraction.actions import fact as _fact
from checker.extraction.actions import unknown
from checker.extraction.lexicon import DATA
from checker.load import name_key  # at the top: an import statement in _remit cost some 2 µs a call
from checker.models import Evidence, Fact

if TYPE_CHECKING:
    from checker.extraction.extractors import Motion
    from checker.extraction.places import Mention
    from checker.extraction.text import Doc, Sentence

# The word lists are data (checker/data/legal_cues.yaml), compiled once and checked as they load.
PATTERN_FILE = "legal_cues.yaml"
_ENTRY_KEYS = frozenset({"any_of", "word_start", "case_sensitive"})
# The entries this module reads, and the named groups an entry must define.
_NAMES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "aid_words", "international", "surplus", "equipment", "construction", "training", "training_given",
            "money",
            "transport", "relief", "elderly_69", "service", "youth_org", "premises", "discount",
            "eu_cofinancing", "eu_programme", "cost", "arbitrary", "favour", "medborgarforslag",
            "authority_case", "authority_case_decided", "authority_decide", "authority_decide_individual",
            "authority_individual", "authority_general",
        ),
        (),
    ),
    "delegated": ("body",),
    "commission_lead": ("body",),
    "commission_subject": ("body",),
    "commission_object": ("body",),
}  # fmt: skip


class PatternError(ValueError):
    """The legal word lists (checker/data/legal_cues.yaml) are malformed: which entry, and what is wrong."""


def compile_patterns(data: Any, file: str = PATTERN_FILE) -> dict[str, Cue]:
    """The entries of a legal word-list file, each compiled to one pattern; every problem at once."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise PatternError(f"{file}: expected a mapping of entry names, found {type(data).__name__}")
    for name in sorted(set(data) - set(_NAMES)):
        problems.append(f"{file}: {name}: unknown entry; expected: {', '.join(sorted(_NAMES))}")
    for name in sorted(set(_NAMES) - set(data)):
        problems.append(f"{file}: {name}: missing entry (checker/extraction/legal.py reads it)")
    out: dict[str, Cue] = {}
    for name in [n for n in _NAMES if n in data]:
        entry = data[name]
        if not isinstance(entry, dict):
            problems.append(f"{file}: {name}: expected a mapping with any_of, found {type(entry).__name__}")
            continue
        for key in sorted(set(entry) - _ENTRY_KEYS):
            problems.append(f"{file}: {name}.{key}: unknown key; allowed: {', '.join(sorted(_ENTRY_KEYS))}")
        alts = entry.get("any_of")
        if not isinstance(alts, list) or not alts or not all(isinstance(a, str) and a for a in alts):
            problems.append(f"{file}: {name}.any_of: expected a non-empty list of regular expressions")
            continue
        flags = {k: entry.get(k, False) for k in ("word_start", "case_sensitive")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                problems.append(f"{file}: {name}.{key}: expected true or false, found {value!r}")
        for i, alt in enumerate(alts):
            try:
                re.compile(alt)
            except re.error as exc:
                problems.append(f"{file}: {name}.any_of[{i}]: {alt!r} is not a regular expression ({exc})")
        try:
            pattern = Cue(entry)
        except re.error as exc:  # each alternative compiled, but not together (a group name used twice)
            problems.append(f"{file}: {name}: the alternatives do not compile together ({exc})")
            continue
        missing = [g for g in _NAMES[name] if g not in pattern.groupindex]
        if missing:
            problems.append(f"{file}: {name}: needs the named group(s) {', '.join(missing)}")
        out[name] = pattern
    if problems:
        raise PatternError("\n".join(problems))
    return out


def _source(entry: dict[str, Any]) -> tuple[str, int]:
    """The pattern and flags of one entry: its alternatives as one group."""
    source = ("\\b" if entry.get("word_start", False) is True else "") + "(?:" + "|".join(entry["any_of"]) + ")"
    return source, 0 if entry.get("case_sensitive", False) is True else re.IGNORECASE


# ---- a cheap test before each search: the words an entry cannot match without
#
# Most sentences contain none of a list's words, yet a search that starts an alternative with ``\w*``
# tries it at every position of the sentence. So each entry is given, as it compiles, a prefilter that
# is derived from its own alternatives (never written by hand, so never out of step with them): for each
# alternative, the longest run of plain characters that every match of it contains, or a group whose
# every branch has one (then any of them), or a mandatory ``\d``. A sentence with none cannot match the entry,
# and its search is not made; any other sentence is searched with the entry's full pattern, so a match is
# the very match the pattern gives. An alternative whose syntax the derivation does not follow gives no
# run, and then its entry is always searched in full (slower, never wrong).
#
# A case-insensitive entry's runs are looked for in the lower-cased sentence. That is exact only for
# characters whose lower case is what the regular-expression engine takes as equal ("ı" matches "i" in
# the engine, but "ı".lower() is "ı"): the runs keep only the characters of _RUN_CHARS, and a sentence
# is lower-cased only when each of its characters was found, as the prefilter was first needed, to agree
# with the engine on every one of them (_agreeing); any other sentence is searched in full.
_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzåäöéèêëüáàâæøçíóúñ0123456789 -")  # lower case
# the characters checked against the engine; any other character makes a sentence be searched in full
_CHECKED_RANGES = ((0x0000, 0x024F), (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x214F))
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("wWsSdD")
_DIGIT = "\\d"  # the requirement "a digit" (in the prefilter's own syntax)


def _requirement(src: str, folded: bool) -> tuple[str, float] | None:
    """What every match of the expression ``src`` contains, as a prefilter expression with a score (the
    length of the shortest text it can find; a digit scores 0.5): for a sequence, its best run of plain
    characters (lower-cased when ``folded``), digit or group; for an alternation, the alternation of its
    branches' requirements. None when nothing is required or the syntax is not followed."""
    branches = _branches(src)
    if branches is None:
        return None
    found = [_sequence(b, folded) for b in branches]
    if any(f is None for f in found):
        return None
    needs = cast("list[tuple[str, float]]", found)
    if len(needs) == 1:
        return needs[0]
    return "(?:" + "|".join(dict.fromkeys(s for s, _ in needs)) + ")", min(score for _, score in needs)


def _sequence(src: str, folded: bool) -> tuple[str, float] | None:
    """The best requirement of a sequence without a top-level alternation (see _requirement)."""
    candidates: list[tuple[str, float]] = []
    run: list[str] = []
    i, n = 0, len(src)

    def end_run() -> None:
        if run:
            text = "".join(run)
            candidates.append((re.escape(text), len(text)))
            run.clear()

    while i < n:
        c = src[i]
        if c in "*?{+":  # a quantifier (or a lazy or possessive one's mark): the atom before it was handled
            if c == "{":
                quantity = _QUANTITY.match(src, i)
                if quantity is None:
                    return None  # a literal "{": not followed
                i = quantity.end()
            else:
                i += 1
            end_run()
            continue
        optional = _optional_at(src, _atom_end(src, i))
        if c == "\\":
            if i + 1 >= n:
                return None
            e = src[i + 1]
            i += 2
            if e in _ZERO_WIDTH_ESCAPES or e in _CLASS_ESCAPES:
                end_run()
                if e == "d" and not optional:
                    candidates.append((_DIGIT, 0.5))
                continue
            if e.isalnum() or e.isspace():
                return None  # \n, \x41, \1, \N{…}: not followed
            c = e  # an escaped punctuation mark stands for itself
        elif c == "(":
            close = _group_end(src, i)
            if close is None or src.startswith(("(?#", "(?("), i) or _FLAGS.match(src, i):
                return None  # a comment, a condition or inline flags: not followed
            end_run()
            body = _GROUP_START.match(src, i)
            if body is not None and not optional:  # a lookaround or a back-reference requires nothing here
                need = _requirement(src[body.end() : close - 1], folded)
                if need is not None:
                    candidates.append(need)
            i = close
            continue
        elif c == "[":
            close = _class_end(src, i)
            if close is None:
                return None
            end_run()
            i = close
            continue
        elif c in "|)":
            return None  # cannot be here: _branches split the alternation, _group_end took the groups
        elif c in ".^$":
            end_run()
            i += 1
            continue
        else:
            i += 1
        if folded:  # the engine compares a pattern character by its lower case, as the run does
            c = c.lower()
            if c not in _RUN_CHARS:
                end_run()
                continue
        if optional:
            end_run()
            continue
        run.append(c)
        if _quantified_at(src, i):
            end_run()  # "ab+c": "ab" is required, but not "abc"
    end_run()
    return max(candidates, key=lambda x: x[1], default=None)


_QUANTITY = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_GROUP_START = re.compile(r"\((?:\?:|\?P<\w+>)?(?!\?)")


def _atom_end(src: str, i: int) -> int:
    """The index after the atom that starts at ``i`` (a character, an escape, a group or a class)."""
    if src[i] == "\\":
        return i + 2
    if src[i] == "(":
        return _group_end(src, i) or len(src)
    if src[i] == "[":
        return _class_end(src, i) or len(src)
    return i + 1


def _optional_at(src: str, i: int) -> bool:
    """Whether a quantifier at ``i`` lets the atom before it be absent (``?``, ``*``, ``{0,…}``, ``{,…}``,
    and a "{" the derivation does not read as a quantifier)."""
    if i >= len(src):
        return False
    if src[i] in "?*":
        return True
    if src[i] == "{":
        quantity = _QUANTITY.match(src, i)
        return quantity is None or not quantity.group(1) or int(quantity.group(1)) == 0
    return False


def _quantified_at(src: str, i: int) -> bool:
    return i < len(src) and src[i] in "*?{+"


def _scan(src: str, i: int = 0) -> Iterator[tuple[int, str]]:
    """The characters of ``src`` from ``i`` that can open, close or split a group: each with its
    index, escapes and character classes stepped over; (-1, "") ends it early at a class that does not
    close."""
    j = i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            end = _class_end(src, j)
            if end is None:
                yield -1, ""
                return
            j = end
            continue
        yield j, c
        j += 1


def _branches(src: str) -> list[str] | None:
    """``src`` split at its top-level "|"; None when its groups or classes do not close."""
    out: list[str] = []
    start, depth = 0, 0
    for j, c in _scan(src):
        if j < 0:
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            out.append(src[start:j])
            start = j + 1
    if depth != 0:
        return None
    out.append(src[start:])
    return out


def _class_end(src: str, i: int) -> int | None:
    """The index after the character class that starts at ``src[i] == "["``."""
    j = i + 1
    if j < len(src) and src[j] == "^":
        j += 1
    if j < len(src) and src[j] == "]":
        j += 1
    while j < len(src):
        if src[j] == "\\":
            j += 2
            continue
        if src[j] == "[":
            return None  # a nested set: not followed
        if src[j] == "]":
            return j + 1
        j += 1
    return None


def _group_end(src: str, i: int) -> int | None:
    """The index after the group that starts at ``src[i] == "("``."""
    depth = 0
    for j, c in _scan(src, i):
        if j < 0:
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


@cache
def _agreeing() -> re.Pattern[str]:
    """A pattern that finds a character whose lower case the prefilter cannot trust: one outside the
    checked ranges, or one that the engine (case-insensitive) takes as equal to a character of
    _RUN_CHARS while its lower case is not that character, or the other way round."""
    chars = "".join(chr(c) for a, b in _CHECKED_RANGES for c in range(a, b + 1))
    near = set(re.findall("[" + re.escape("".join(sorted(_RUN_CHARS))) + "]", chars, re.IGNORECASE))
    bad = {c for c in chars if c not in near and (c.lower() in _RUN_CHARS or len(c.lower()) != 1)}
    by_lower: dict[str, set[str]] = {}
    for c in near:
        by_lower.setdefault(c.lower(), set()).add(c)
    candidates = "".join(sorted(near))
    for p in _RUN_CHARS:
        bad |= set(re.findall(re.escape(p), candidates, re.IGNORECASE)) ^ by_lower.get(p, set())
    spans: list[list[int]] = []
    for c in sorted(ord(c) for c in set(chars) - bad):
        if spans and spans[-1][1] == c - 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return re.compile("[^" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans) + "]")


_LOWERED: dict[str, str | None] = {}
_LOWERED_KEPT = 512


def _lowered(text: str) -> str | None:
    """The lower-cased text, or None when the prefilter cannot trust its lower case. The answers are
    kept (a sentence is asked about by one list after another), up to _LOWERED_KEPT texts at a time."""
    low = _LOWERED.get(text, _MISSING)
    if low is _MISSING:
        if len(_LOWERED) >= _LOWERED_KEPT:
            _LOWERED.clear()
        low = _LOWERED[text] = None if _agreeing().search(text) else text.lower()
    return cast("str | None", low)


class Cue:
    """One entry's compiled pattern (``pattern``, ``flags``, ``groupindex``), searched only where its
    prefilter finds one of the runs every match contains; ``search`` and ``finditer`` give what the
    pattern's own methods give."""

    __slots__ = ("_digit", "_folded", "_needs", "_runs", "flags", "groupindex", "pattern", "regex")

    def __init__(self, entry: dict[str, Any]) -> None:
        self.regex = re.compile(*_source(entry))
        self.pattern, self.flags, self.groupindex = self.regex.pattern, self.regex.flags, self.regex.groupindex
        self._folded = entry.get("case_sensitive", False) is not True
        self._needs = _prefilter(entry["any_of"], self._folded)
        plain = None if self._needs is None else _plain_runs(self._needs.pattern)
        self._runs: tuple[str, ...] | None = None if plain is None else plain[0]
        self._digit = plain is not None and plain[1]

    def may_match(self, text: str) -> bool:
        """False only when ``text`` cannot match (it lacks every run of the prefilter)."""
        needs = self._needs
        if needs is None:
            return True
        hay = self._haystack(text)
        return hay is None or self._found(needs, hay)

    def _haystack(self, text: str) -> str | None:
        """What the prefilter reads: the text, lower-cased for a case-insensitive entry (None: not trusted)."""
        if not self._folded:
            return text
        low = _LOWERED.get(text, _MISSING)
        return cast("str | None", _lowered(text) if low is _MISSING else low)

    def _found(self, needs: re.Pattern[str], hay: str) -> bool:
        """Whether ``hay`` contains one of the prefilter's runs (or a digit, when one is required): each
        run looked for by ``str.__contains__``, in C, a third cheaper than a search of their alternation."""
        runs = self._runs
        if runs is None:
            return needs.search(hay) is not None
        return any(map(hay.__contains__, runs)) or (self._digit and _ANY_DIGIT.search(hay) is not None)

    def search(self, text: str) -> re.Match[str] | None:
        # may_match and _found, inlined (a search is made for every list and sentence read): the two must
        # change together; tests/test_legal_prefilter.py checks both (search here, finditer through
        # may_match) against the plain pattern of every entry
        needs = self._needs
        if needs is not None:
            hay: object = text
            if self._folded:
                hay = _LOWERED.get(text, _MISSING)
                if hay is _MISSING:
                    hay = _lowered(text)
            if hay is not None:
                runs = self._runs
                if runs is None:
                    if needs.search(cast("str", hay)) is None:
                        return None
                elif not any(map(cast("str", hay).__contains__, runs)) and not (
                    self._digit and _ANY_DIGIT.search(cast("str", hay))
                ):
                    return None
        return self.regex.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self._needs is None or self.may_match(text) else iter(())


_ANY_DIGIT = re.compile(_DIGIT)


def _prefilter(alternatives: list[str], folded: bool) -> re.Pattern[str] | None:
    """The prefilter of an entry's alternatives (see Cue), or None: searched in full."""
    needs: list[str] = []
    for alt in alternatives:
        need = _requirement(alt, folded)
        if need is None:
            return None
        needs.append(need[0])
    return re.compile("|".join(dict.fromkeys(needs)))


def _plain_runs(source: str) -> tuple[tuple[str, ...], bool] | None:
    """A prefilter's runs as plain strings, and whether a digit is among its requirements. A prefilter
    (see _requirement) is an alternation, nested in groups, of runs (``re.escape``d) and digits, never a
    sequence of them, so a text matches it exactly when the text contains one of the runs or a digit.
    None for a source of any other shape (then the prefilter is searched as a pattern)."""
    tokens: list[str] = []  # "(", ")", "|", "\\d" (a digit), or "=" + a run
    run: list[str] = []

    def end_run() -> None:
        if run:
            tokens.append("=" + "".join(run))
            run.clear()

    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\" and i + 1 < n:
            if source[i + 1] == "d":  # re.escape never writes this: the requirement "a digit"
                end_run()
                tokens.append(_DIGIT)
            else:
                run.append(source[i + 1])
            i += 2
        elif source.startswith("(?:", i):
            end_run()
            tokens.append("(")
            i += 3
        elif c in "|)":
            end_run()
            tokens.append(c)
            i += 1
        elif c in "\\([]{}?*+^$.":
            return None  # never unescaped in a run: not a prefilter's shape
        else:
            run.append(c)
            i += 1
    end_run()
    # each run, digit or group stands alone between the separators: an alternation, never a sequence
    # (nor an empty branch, which would require nothing)
    opening = ("", "(", "|")
    for before, token in zip(["", *tokens], [*tokens, ""], strict=True):
        if token in ("|", ")", ""):  # a branch ends: after a run, a digit or a group
            if before in opening:
                return None
        elif before not in opening:  # a run, a digit or a group begins a branch
            return None
    runs = tuple(dict.fromkeys(t[1:] for t in tokens if t[:1] == "="))
    return runs, _DIGIT in tokens


class _Checked(Mapping[str, "Cue"]):
    """The word lists of a file that compile_patterns has accepted as it is (the parsed-file cache says
    so, under a key of its bytes, this module's source and the Python version): each entry is compiled
    when it is first read, and a motion reads about half of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._entries = {name: data[name] for name in _NAMES}
        self._compiled: dict[str, Cue] = {}
        self._source: dict[str, Cue] | None = None  # the file's own lists, once an entry failed to compile

    def __getitem__(self, name: str) -> Cue:
        pattern = self._compiled.get(name)
        if pattern is None:
            try:
                pattern = Cue(self._entries[name])
            except Exception:  # an entry the cache holds that does not compile: the file checked in full
                if self._source is None:
                    self._source = _from_source()
                pattern = self._source[name]
            self._compiled[name] = pattern
        return pattern

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _checked_key(raw: bytes) -> str | None:
    """The cache key under which these bytes are stored as accepted; None when this module's source
    cannot be read (then every process checks the file in full)."""
    import hashlib

    from checker.load import cache_key

    try:
        code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    except OSError:
        return None
    return cache_key(raw, f"data:{PATTERN_FILE} accepted by legal.py {code} on Python {sys.version}")


@cache
def patterns() -> Mapping[str, Cue]:
    """The compiled legal word lists, loaded and checked in full once per process; when the parsed-file
    cache holds these very bytes as accepted (by this module, on this Python), the check is not made
    again and each list is compiled when it is first used."""
    from checker.load import cache_get

    raw = (DATA / PATTERN_FILE).read_bytes()
    key = _checked_key(raw)
    hit, data = cache_get(key) if key is not None else (False, None)
    if hit and isinstance(data, dict) and set(data) == set(_NAMES):
        return _Checked(data)
    return _from_source()


def _from_source() -> dict[str, Cue]:
    """The legal word lists parsed from their file and checked in full; stored as accepted (replacing
    any entry that was there) when they pass."""
    from checker.load import cache_put

    raw = (DATA / PATTERN_FILE).read_bytes()
    key = _checked_key(raw)
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    compiled = compile_patterns(data)  # raises PatternError: nothing is stored
    if key is not None:
        cache_put(key, data)
    return compiled


def _p(name: str) -> Cue:
    return patterns()[name]


# What a word list finds in a text is a pure function of the text: each att-sats is read by the
# whole-motion pass and again by its own pass, so the results are kept per document (in ``Doc.hits``,
# which every scoped view of the motion shares), keyed by the text itself, never across documents.
_MEMO_KEY = ("legal: results by text", -24)
_MISSING = object()
_T = TypeVar("_T")


def _memo_table(doc: Doc) -> dict[tuple[Any, ...], Any]:
    """The document's table of results by text (made on first use; shared by every scoped view)."""
    memo: dict[tuple[Any, ...], Any] | None = doc.hits.get(_MEMO_KEY)
    if memo is None:
        memo = doc.hits.setdefault(_MEMO_KEY, {})
    return memo


def _memo(doc: Doc, what: str, name: str, text: str, compute: Callable[[str], _T]) -> _T:
    memo = doc.hits.get(_MEMO_KEY)  # _memo_table, inlined: most calls are answered from the memo
    if memo is None:
        memo = _memo_table(doc)
    key = (what, name, text)
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        found = memo[key] = compute(text)
    return cast("_T", found)


def _search(doc: Doc, name: str, text: str) -> re.Match[str] | None:
    """``_p(name).search(text)``, once per document and text (``_memo``'s, the entry looked up only to
    compute: most calls are answered from the memo)."""
    memo = doc.hits.get(_MEMO_KEY)  # _memo_table, inlined: most calls are answered from the memo
    if memo is None:
        memo = _memo_table(doc)
    key = ("search", name, text)
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        found = memo[key] = _p(name).search(text)
    return cast("re.Match[str] | None", found)


def _unknown(name: str, note: str, *, plain: bool = False) -> Fact:
    """An unknown fact: the shared object of actions.unknown when its note is a literal (``plain``); a
    note that quotes the motion or the profile gives a fact built each time (the memo stays bounded)."""
    if plain:
        return unknown(name, note)
    return Fact(name=name, known=False, value=None, source="extracted", evidence=(), note=note)


def _scope(m: Motion) -> list[Sentence]:
    return m.primary or m.body


_ABROAD_KEY = ("legal: sentences of foreign mentions", -21)
_ABROAD_KEPT = 16


def _sentences_of(doc: Doc, mentions: list[Mention]) -> frozenset[int]:
    """The sentences with a foreign mention among ``mentions``. The mentioned-place list is shared by the
    passes whose partners are alike, so its sentences are listed once per list (kept alive beside its
    entry, so that the entry's id never names another list), not once per att-sats."""
    known: dict[int, tuple[list[Mention], frozenset[int]]] = doc.hits.setdefault(_ABROAD_KEY, {})
    entry = known.get(id(mentions))
    if entry is None or entry[0] is not mentions:
        if len(known) >= _ABROAD_KEPT:  # lists made for one pass only (a name dropped) are not hoarded
            known.clear()
        entry = known[id(mentions)] = (mentions, frozenset(x.sentence.index for x in mentions if x.foreign))
    return entry[1]


class _Abroad:
    """The sentences that name a foreign place, partner or mentioned (``index in abroad``); the two sets
    are asked in turn, never joined into a copy of the larger."""

    __slots__ = ("mentioned", "partners")

    def __init__(self, m: Motion) -> None:
        self.partners = frozenset(x.sentence.index for x in m.places.partners if x.foreign)
        self.mentioned = _sentences_of(m.doc, m.places.mentioned)

    def __contains__(self, index: int) -> bool:
        return index in self.partners or index in self.mentioned


def _aid_forms_of(text: str) -> list[str]:
    """The forms of aid one sentence names. Money for equipment the municipality provides is equipment;
    money to build, rebuild or run something abroad is money for other than training and advice."""
    forms: list[str] = []
    equipment = bool(_p("equipment").search(text))
    training = bool(_p("training").search(text))
    if equipment and _p("surplus").search(text):
        forms.append("surplus_equipment")
    elif equipment:
        forms.append("other_equipment")
    if training:
        forms.append("advice_training")
    if _p("money").search(text):
        if _p("construction").search(text) or not (equipment or training):
            forms.append("money_other")
        elif training:
            forms.append("money_training_advice")
    if _p("transport").search(text) and equipment:
        forms.append("transport")
    if _p("relief").search(text):
        forms.append("relief_organisation")
    return forms


def extract_aid_forms(m: Motion) -> list[Fact]:
    """The form of the aid an att-sats asks for; [] when no aid is asked; unknown when the form is unclear."""
    doc, sentences = m.doc, _scope(m)
    # sentences that name a foreign place: money or equipment given there is aid, whatever it is called
    abroad = _Abroad(m)
    aid = [
        s
        for s in sentences
        if (
            (s.index in abroad or _search(doc, "international", s.text))
            and (
                _search(doc, "aid_words", s.text) or _search(doc, "money", s.text) or _search(doc, "equipment", s.text)
            )
        )
        # advice or training given, as an act, where a place abroad is named ("utbildar kollegor i
        # Moldavien"): aid in the form 5 kap. names first; the noun alone ("utbildning" as a field of a
        # twinning) is not
        or (s.index in abroad and _search(doc, "training_given", s.text))
        or (_search(doc, "aid_words", s.text) and _search(doc, "equipment", s.text) and _search(doc, "surplus", s.text))
    ]
    if not aid:
        return [_fact("aid_forms", [], note="förslaget begär inget bistånd")]
    forms: list[str] = []
    evidence: list[Evidence] = []
    for s in aid:
        found = _memo(doc, "aid forms", "", s.text, _aid_forms_of)
        if found:
            evidence.append(m.doc.evidence(s, found[0]))
        forms.extend(f for f in found if f not in forms)
    if not forms:
        return [_unknown("aid_forms", "biståndets form framgår inte av förslaget", plain=True)]
    return [_fact("aid_forms", sorted(forms), evidence[:3])]


_BASES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (
        "elderly_services_69",
        lambda t: bool(_p("elderly_69").search(t)) or (bool(_p("service").search(t)) and "äldre" in t.lower()),
    ),
    ("youth_organisations", lambda t: bool(_p("youth_org").search(t))),
    ("business_premises", lambda t: bool(_p("premises").search(t)) and not _p("discount").search(t)),
    ("eu_cofinancing", lambda t: bool(_p("eu_cofinancing").search(t)) and bool(_p("eu_programme").search(t))),
)


def _bases_of(text: str) -> tuple[str, ...]:
    """The special powers one text points at, in the order of _BASES."""
    return tuple(name for name, test in _BASES if test(text))


def extract_special_law_basis(m: Motion) -> list[Fact]:
    """Special powers in lag (2009:47) that the proposal's own words point at."""
    bases: list[str] = []
    evidence: list[Evidence] = []
    for s in _scope(m):
        for name in _memo(m.doc, "bases", "", s.text, _bases_of):
            if name not in bases:
                bases.append(name)
                evidence.append(m.doc.evidence(s, name))
    return [_fact("special_law_basis", sorted(bases), evidence[:3])]


def extract_cost(m: Motion) -> list[Fact]:
    """Whether what the proposal asks for costs money: an amount, a grant, a new service or building."""
    for s in _scope(m):
        hit = _search(m.doc, "cost", s.text)
        if hit:
            return [_fact("has_cost", True, [m.doc.evidence(s, hit.group(0))])]
    return [_fact("has_cost", False, note="inget belopp, bidrag eller ny verksamhet nämns i det som begärs")]


def extract_arbitrary_ground(m: Motion) -> list[Fact]:
    """Whether a benefit is given by a criterion that plainly lacks an objective basis (KL 2 kap. 3 §)."""
    for s in _scope(m):
        favour = _search(m.doc, "favour", s.text)
        hit = _search(m.doc, "arbitrary", s.text) if favour else None
        if hit:
            return [_fact("arbitrary_ground", True, [m.doc.evidence(s, hit.group(0))])]
    return [_fact("arbitrary_ground", False, note="ingen förmån efter förening, bosättningstid eller ursprung")]


def extract_proposal_kind(m: Motion) -> list[Fact]:
    """Motion or medborgarförslag (from the title and opening), and whether the council has delegated it."""
    proposal = m.proposal
    head = f"{proposal.title or ''}\n{proposal.text[proposal.body_start : proposal.body_start + 400]}"
    if _search(m.doc, "medborgarforslag", head):
        hit = _search(m.doc, "delegated", proposal.text)  # the whole text: once per document, not per pass
        if hit:
            body = hit.group("body")
            return [
                _fact("proposal_kind", "medborgarforslag"),
                _fact("delegated", True, note="texten anger att fullmäktige har överlåtit beslutet"),
                _fact("delegated_to", body[0].upper() + body[1:]),
            ]
        return [
            _fact("proposal_kind", "medborgarforslag"),
            _unknown("delegated", "det framgår inte om fullmäktige har överlåtit beslutet till en nämnd", plain=True),
            _unknown(
                "delegated_to", "det framgår inte om fullmäktige har överlåtit beslutet till en nämnd", plain=True
            ),
        ]
    return [
        _fact("proposal_kind", "motion"),
        _fact("delegated", False, note="en motion beslutas av fullmäktige (kommunallagen 5 kap. 23 § första stycket)"),
        _unknown("delegated_to", "en motion beslutas av fullmäktige", plain=True),
    ]


# ------------------------------------------------------------- who decides (KL 5 kap. 1 §, 6 kap. 1 och 3 §§)


def _term_source(term: str) -> str:
    """One profile term as a regular expression: ``word*`` starts a word, ``*word`` ends one, else whole words."""
    body = re.escape(term.strip("*")).replace("\\ ", "\\s+")
    start = "\\w*" if term.startswith("*") else "\\b"
    end = "\\w*" if term.endswith("*") else "\\b"
    return start + body + end


@cache
def _term_group(group: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_term_source(t) for t in group), re.IGNORECASE)


def matched_terms(text: str, groups: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """The words of ``text`` that match a term of every group, in group order; None when a group is unmatched."""
    words: list[str] = []
    for group in groups:
        hit = _term_group(group).search(text)
        if hit is None:
            return None
        words.append(hit.group(0))
    return words


def _matched(doc: Doc, text: str, groups: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """``matched_terms(text, groups)``, once per document, text and groups (a profile's terms, asked by
    the whole-motion pass and again by each att-sats's; read-only for callers)."""
    memo = _memo_table(doc)
    key = ("terms", groups, text)
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        found = memo[key] = matched_terms(text, groups)
    return cast("list[str] | None", found)


def _running(name: str) -> str:
    """A body's name inside a sentence: "Kommunstyrelsen" → "kommunstyrelsen" (an acronym stays)."""
    return name[:1].lower() + name[1:] if name[:1].isupper() and not name[1:2].isupper() else name


def _commissioned(text: str) -> re.Match[str] | None:
    for name in ("commission_subject", "commission_object", "commission_lead"):
        hit = _p(name).search(text)
        if hit is not None:
            return hit
    return None


def extract_commission(m: Motion) -> list[Fact]:
    """Whether an att-sats commissions the board or a committee, which, and whether the profile says that
    what it asks lies within that body's own remit (true), or cannot tell (unknown: never false)."""
    for s in _scope(m):
        hit = _memo(m.doc, "commissioned", "", s.text, _commissioned)
        if hit is None:
            continue
        body = _running(" ".join(hit.group("body").split()))
        found = [
            _fact("commissions_body", True, [m.doc.evidence(s, hit.group(0))]),
            _fact("commissioned_body", body),
        ]
        return found + _remit(m, s, body)
    none = "förslaget ger ingen styrelse eller nämnd något uppdrag"
    return [
        _fact("commissions_body", False, note=none),
        _unknown("commissioned_body", none, plain=True),
        _unknown("within_remit", none, plain=True),
        _unknown("remit_area", none, plain=True),
    ]


_BODY_KEYS: dict[int, tuple[Any, dict[str, tuple[Any, ...]]]] = {}


def _bodies_named(bodies: tuple[Any, ...], key: str) -> tuple[Any, ...]:
    """The profile's bodies, in its order, that ``key`` (a ``name_key``) names by name or alias. The key
    of every name is made once per profile's list of bodies (kept alive beside its entry, so that the
    entry's id never names another list), not at each commission of each pass."""
    entry = _BODY_KEYS.get(id(bodies))
    if entry is None or entry[0] is not bodies:
        named: dict[str, list[Any]] = {}
        for b in bodies:
            for k in dict.fromkeys(name_key(n) for n in (b.name, *b.aliases)):
                named.setdefault(k, []).append(b)
        if len(_BODY_KEYS) >= 16:  # one entry per profile: never many
            _BODY_KEYS.clear()
        entry = _BODY_KEYS[id(bodies)] = (bodies, {k: tuple(v) for k, v in named.items()})
    return entry[1].get(key, ())


def _remit(m: Motion, s: Sentence, body: str) -> list[Fact]:
    bodies = getattr(m.context, "bodies", ())
    key = name_key(body)
    international = any(x.foreign for x in m.places.partners) or bool(_search(m.doc, "international", s.text))
    for b in _bodies_named(bodies, key):
        for r in b.remit:
            words = _matched(m.doc, s.text, r.terms) if r.terms else None
            if words is None and not (r.international_cooperation and international):
                continue
            cue = words[0] if words else None
            return [
                _fact("within_remit", True, [m.doc.evidence(s, cue)], note=f"{b.name}: {r.area_sv} ({r.source})"),
                _fact("remit_area", r.area_sv),
            ]
    note = (
        f"profilen anger inte att det som förslaget begär ligger inom {body}s ansvar"
        if bodies
        else "profilen anger inte vad styrelsen och nämnderna ansvarar för"
    )
    return [_unknown("within_remit", note), _unknown("remit_area", note)]


def extract_ongoing_work(m: Motion) -> list[Fact]:
    """The work under way or planned, as the profile lists it, that an att-sats asks for ([] when none)."""
    work = getattr(m.context, "ongoing_work", ())
    if not work:
        return [_fact("ongoing_work", [], note="profilen anger inget pågående eller planerat arbete")]
    found: list[str] = []
    evidence: list[Evidence] = []
    sources: list[str] = []
    for w in work:
        for s in _scope(m):
            words = _matched(m.doc, s.text, w.terms)
            if words is not None:
                found.append(w.text_sv)
                evidence.append(m.doc.evidence(s, " … ".join(words)))
                sources.append(w.source)
                break
    if not found:
        return [_fact("ongoing_work", [], note="förslaget begär inget av det pågående arbete som profilen anger")]
    return [_fact("ongoing_work", found, evidence[:3], note="; ".join(dict.fromkeys(sources)))]


_CASE_BEFORE = 3  # words between the verb and what is decided: "bevilja familjen ekonomiskt bistånd"
_CASE_AFTER = 5  # words between what is decided and the verb: "serveringstillståndet för … AB återkallas"


def _decides(text: str, case: re.Match[str]) -> bool:
    """Whether a verb of deciding governs the case noun: close before it, or close after it."""
    for verb in _p("authority_decide").finditer(text):
        if verb.end() <= case.start() and len(text[verb.end() : case.start()].split()) <= _CASE_BEFORE:
            return True
        if verb.start() >= case.end() and len(text[case.end() : verb.start()].split()) <= _CASE_AFTER:
            return True
    return False


def _cases(text: str) -> tuple[tuple[str, str, str | None], ...]:
    """The decided cases of one text, in order: the case's words, its kind, and the words that name the
    individual concerned (or None). The kind is "individual" (one person, property or business is named),
    "general" (guidelines, fees, processing times: how such cases are handled), "mixed" (both: unknown
    which) or "unclear" (neither). An individual is looked for first: "trots alla grannars invändningar"
    does not make a named property's permit a general rule."""
    found: list[tuple[str, str, str | None]] = []
    who = _p("authority_individual").search(text)
    general = _p("authority_general").search(text)
    decided = [c for c in _p("authority_case").finditer(text) if _decides(text, c)]
    decided += _p("authority_case_decided").finditer(text)  # "gör en tillsyn av …": the verb is in the words
    for case in sorted(decided, key=lambda c: c.start()):
        if who is not None:
            found.append((case.group(0), "mixed" if general is not None else "individual", who.group(0)))
        else:
            found.append((case.group(0), "general" if general is not None else "unclear", None))
    if not found and who is not None and _decides_for(text, who) and not _p("money").search(text):
        # A decision for one individual, about what? (Money granted to one business or person is support,
        # which the rules on support examine, not a case of myndighetsutövning by its words alone.)
        found.append((who.group(0), "uncased", who.group(0)))
    return tuple(found)


def _decides_for(text: str, who: re.Match[str]) -> bool:
    """Whether a verb that only decides a case (to grant, refuse, revoke, order) comes just before the
    individual: "beviljar familjen Berg …". Such a decision may be myndighetsutövning though no case word
    names it."""
    for verb in _p("authority_decide_individual").finditer(text):
        if verb.end() <= who.start() and len(text[verb.end() : who.start()].split()) <= _CASE_BEFORE:
            return True
    return False


def extract_individual_case(m: Motion) -> list[Fact]:
    """Whether an att-sats asks the council (or the board) to decide one person's, property's or business's
    case of myndighetsutövning (a permit, a licence, assistance, an injunction): true with the individual
    named and no general rule beside it, unknown when the case is decided but it is unclear whether it is
    one case (or when one individual is granted or refused something no case word names), else false."""
    abroad = _Abroad(m)
    unclear: tuple[Sentence, str, str] | None = None
    general: tuple[Sentence, str] | None = None
    for s in _scope(m):
        text = s.text
        if s.index in abroad or _search(m.doc, "international", text):
            continue  # "bistånd" to a place abroad is international aid (lag 2009:47 5 kap.)
        for word, kind, who in _memo(m.doc, "cases", "", text, _cases):
            if kind == "general":
                general = general or (s, word)
                continue
            if kind == "individual":
                return [
                    _fact("authority_decision", True, [m.doc.evidence(s, word)]),
                    _fact(
                        "individual_case",
                        True,
                        [m.doc.evidence(s, word)],
                        note=f"ett enskilt ärende ({word}: {who})",
                    ),
                ]
            if unclear is None:
                if kind == "mixed":
                    why = (
                        f"förslaget gäller ett beslut om {word} för {who}, men också ärenden i allmänhet; "
                        "det framgår inte om det är ett enskilt ärende"
                    )
                elif kind == "uncased":
                    why = (
                        f"förslaget begär ett beslut för {who}; det framgår inte om det är ett ärende "
                        "om myndighetsutövning"
                    )
                else:
                    why = f"förslaget gäller ett beslut om {word}, men det framgår inte om det är ett enskilt ärende"
                unclear = (s, word, why)
    if unclear is not None:
        s, word, why = unclear
        return [
            _fact("authority_decision", True, [m.doc.evidence(s, word)]),
            _unknown("individual_case", why),
        ]
    if general is not None:
        s, word = general
        why = f"förslaget gäller hur ärenden om {word} ska hanteras i allmänhet, inte ett enskilt ärende"
        return [
            _fact("authority_decision", True, [m.doc.evidence(s, word)], note=why),
            _fact("individual_case", False, [m.doc.evidence(s, word)], note=why),
        ]
    none = "förslaget begär inget beslut om bygglov, tillstånd, bistånd eller tillsyn"
    return [_fact("authority_decision", False, note=none), _fact("individual_case", False, note=none)]


EXTRACTORS: dict[str, Callable[[Motion], list[Fact]]] = {
    "extract_aid_forms": extract_aid_forms,
    "extract_special_law_basis": extract_special_law_basis,
    "extract_cost": extract_cost,
    "extract_arbitrary_ground": extract_arbitrary_ground,
    "extract_proposal_kind": extract_proposal_kind,
    "extract_commission": extract_commission,
    "extract_ongoing_work": extract_ongoing_work,
    "extract_individual_case": extract_individual_case,
}
