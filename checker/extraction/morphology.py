"""Swedish compounds from a real lexicon: splitting, and suspended compounds read in full.

The lexicon is generated at build time from the Hunspell dictionary of the ``hunspell-sv`` package by
``scripts/build_lexicon.py`` into ``checker/data/lexicon.json`` (inflection rules) and
``checker/data/lexicon_words.txt`` (one sorted line per word: the words that may end a compound, with
their inflection flags, and the forms that may begin one). Nothing is parsed at run time: words are
found by binary search in the file's bytes, which are read on first use only — a motion without a
suspended compound never reads it.

- ``is_head("nämnden")``: an inflected form of a word that may end a compound (nämnd + en);
- ``split_compound("fritidsnämnden")`` → ``("fritids", "nämnden")``: linking forms, then the head;
- ``ends_in_class("klusterbombsfri", "fri", weapons)``: a compound of a head after a word of a class
  (cues.yaml ``word_classes``), itself perhaps a compound (kluster + bomb);
- ``expand_suspended(text, words)``: in "kärnvapen- och minfri zon" the first part takes the head of
  the last, so the words read "kärnvapenfri och minfri zon"; "kultur- och fritidsnämnden" reads
  "kulturnämnden och fritidsnämnden", "skol- och idrottsutbyte" "skolutbyte och idrottsutbyte".
  Acronyms ("EU- och Natomedlemmar"), numbers ("1970- och 80-talen") and names inside a sentence
  ("Tokyo- eller Osakaregionen": the place is found by its name) are left as written.

The head of a compound is its last part: the shortest ending that the lexicon knows as a
compound-final word while what comes before it is made of compound-initial forms ("idrotts" +
"utbyte", not "idrottsut" + "byte", since "ut" begins no compound; "samhällsbyggnads" + "nämnden",
not "samhälls" + "byggnadsnämnden"). Failing that, it is the longest ending the lexicon knows at all
after at least two letters ("min" + "fri": "min-" is no compound form in the dictionary). So in
"kem- och kärnvapenfri" the shared part is read as "fri" (kemfri), not "vapenfri": the last part is
the usual reading of a suspended compound, and the one that holds for the names of nämnder.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
_MIN_PART = 2  # COMPOUNDMIN of the dictionary
_MAX_PARTS = 4  # COMPOUNDWORDMAX
_MIN_HEAD = 3  # a shared head shorter than this ("a", "er") is an inflection, not a word
_MAX_WORD = 48  # longer "words" are no compounds to split (and would cost quadratic lookups)
# A word that ends in a hyphen before a comma or a conjunction: the first part of a suspended compound.
_SUSPENDED = re.compile(r"[^\W\d_][-–](?=\s*(?:,|och\b|eller\b|samt\b|respektive\b|resp\.|liksom\b))", re.IGNORECASE)
_ENTRIES_MAX = 100_000  # lexicon lookups remembered
_SAMPLE_EVERY = 4096  # bytes of the word file between two sampled keys
_UNREAD = object()
_JOINERS = frozenset({"och", "eller", "samt", "respektive", "resp", "liksom"})


class _SortedLines:
    """Lines ``key<TAB>rest`` sorted by key, searched by bisection in the file's bytes (nothing decoded
    or parsed but the line found: UTF-8 sorts bytes in the order of the characters they encode)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        # every so many bytes the key of the next line, with where that line starts: a search bisects
        # these first (in C), then the bytes between two of them (some 3 KB)
        starts: list[int] = []
        keys: list[bytes] = []
        for pos in range(0, len(data), _SAMPLE_EVERY):
            start = 0 if pos == 0 else data.find(b"\n", pos - 1) + 1
            if start <= 0 or start >= len(data) or (starts and start <= starts[-1]):
                continue
            tab = data.find(b"\t", start)
            end = data.find(b"\n", start)
            if tab < 0 or (0 <= end < tab):
                continue
            starts.append(start)
            keys.append(data[start:tab])
        if len(data) and (not starts or starts[0] != 0):
            tab = data.find(b"\t")
            if tab >= 0 and not (0 <= data.find(b"\n") < tab):
                starts.insert(0, 0)
                keys.insert(0, data[:tab])
        self.starts, self.keys = starts, keys

    def get(self, word: str) -> str | None:
        t = self.data
        key = word.encode("utf-8")
        lo, hi = 0, len(t)
        if self.keys and self.starts[0] == 0:
            j = bisect_right(self.keys, key) - 1
            if j < 0:
                return None  # before the first line
            lo = self.starts[j]
            if j + 1 < len(self.starts):
                hi = self.starts[j + 1]
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(t.rfind(b"\n", lo, mid) + 1, lo)
            tab = t.find(b"\t", start)
            found = t[start:tab]
            if found == key:
                end = t.find(b"\n", tab)
                return t[tab + 1 : end if end >= 0 else len(t)].decode("utf-8")
            if found < key:
                nxt = t.find(b"\n", tab)
                if nxt < 0:
                    return None
                lo = nxt + 1
            else:
                hi = start
        return None


class Lexicon:
    """The generated lexicon: inflection rules and the compound words list."""

    def __init__(self, rules: dict[str, list[list[str]]], words: bytes) -> None:
        self.words = _SortedLines(words)
        # by ending: (what to strip back, flag, condition on the root, compiled when first needed)
        self.by_ending: dict[str, list[tuple[str, str, str]]] = {"": [("", "", "")]}
        for flag, rs in rules.items():
            for strip, add, cond in rs:
                self.by_ending.setdefault(add, []).append((strip, flag, cond))
        self.longest_ending = max(len(a) for a in self.by_ending)
        # _entry by word: splitting one compound asks for the same stretches again and again (each
        # lookup a binary search of the file), and so do the compounds that share their parts
        self._entries: dict[str, tuple[str, bool] | None] = {}
        self._heads: dict[str, bool] = {}

    def _entry(self, word: str) -> tuple[str, bool] | None:
        """(head flags or "-" when no head, begins compounds) of a listed word."""
        entries = self._entries
        known = entries.get(word, _UNREAD)  # one lookup: another thread may clear the dictionary
        if known is not _UNREAD:
            return known  # type: ignore[return-value]
        rest = self.words.get(word)
        found = None
        if rest is not None:
            flags, _, begin = rest.partition("\t")
            found = flags, begin == "b"
        if len(entries) > _ENTRIES_MAX:
            entries.clear()
        entries[word] = found
        return found

    def is_begin(self, form: str) -> bool:
        """A form that begins (or stands inside) a compound: "kultur", "fritids", "skol", "gatu"."""
        entry = self._entry(form)
        return entry is not None and entry[1]

    def is_head(self, word: str) -> bool:
        """An inflected form of a word that may end a compound ("nämnden", "utbyte", "fria", "zonen")."""
        known = self._heads.get(word)  # the endings of compounds recur ("-nämnden", "-utbyte")
        if known is None:
            if len(self._heads) > _ENTRIES_MAX:
                self._heads.clear()
            known = self._heads[word] = self._is_head(word)
        return known

    def _is_head(self, word: str) -> bool:
        n = len(word)
        for size in range(min(self.longest_ending, n - 1), -1, -1):
            for strip, flag, cond in self.by_ending.get(word[n - size :] if size else "", ()):
                root = word[: n - size] + strip
                entry = self._entry(root)
                if entry is None or entry[0] == "-":
                    continue
                flags = entry[0]
                if flag == "":
                    if "!" not in flags:
                        return True
                elif flag in flags and (not cond or _meets(root, cond)):
                    return True
        return False

    def is_initial(self, stretch: str, parts: int = _MAX_PARTS - 1) -> bool:
        """Whether ``stretch`` is made of one or more compound-initial forms (at most ``parts``)."""
        if self.is_begin(stretch):
            return True
        if parts <= 1:
            return False
        return any(
            self.is_begin(stretch[:k]) and self.is_initial(stretch[k:], parts - 1)
            for k in range(len(stretch) - _MIN_PART, _MIN_PART - 1, -1)
        )

    def head(self, word: str) -> str | None:
        """The last part of the compound ``word`` (see the module doc), or None when it is no compound."""
        if len(word) > _MAX_WORD:
            return None
        for k in range(len(word) - _MIN_HEAD, _MIN_PART - 1, -1):
            tail = word[k:]
            if self.is_head(tail) and self.is_initial(word[:k]):
                return tail
        for k in range(_MIN_PART, len(word) - _MIN_HEAD + 1):
            tail = word[k:]
            if self.is_head(tail):
                return tail
        return None

    def split(self, word: str) -> tuple[str, ...] | None:
        """The parts of the compound ``word``: its compound-initial forms, longest first, then its head."""
        tail = self.head(word)
        if tail is None:
            return None
        out: list[str] = []
        rest = word[: len(word) - len(tail)]
        while rest:
            for k in range(len(rest), _MIN_PART - 1, -1):
                if self.is_begin(rest[:k]) and (k == len(rest) or self.is_initial(rest[k:])):
                    out.append(rest[:k])
                    rest = rest[k:]
                    break
            else:
                out.append(rest)  # not made of known forms ("min" in "minfri"): one part
                rest = ""
        return (*out, tail)


@cache
def _condition(cond: str) -> tuple[tuple[frozenset[str], bool], ...]:
    """A rule's condition on the end of the root, as Hunspell writes it ("[^aeiou]er", "mel", "."):
    one (characters, negated) per position. Parsed by hand: compiling hundreds of regular
    expressions would cost more than all the lookups of a motion."""
    out: list[tuple[frozenset[str], bool]] = []
    i = 0
    while i < len(cond):
        if cond[i] == "[":
            close = cond.index("]", i)
            body = cond[i + 1 : close]
            negated = body.startswith("^")
            out.append((frozenset(body[1:] if negated else body), negated))
            i = close + 1
        elif cond[i] == ".":
            out.append((frozenset(), True))
            i += 1
        else:
            out.append((frozenset(cond[i]), False))
            i += 1
    return tuple(out)


def _meets(root: str, cond: str) -> bool:
    parts = _condition(cond)
    if len(root) < len(parts):
        return False
    tail = root[len(root) - len(parts) :]
    return all((ch in chars) != negated for ch, (chars, negated) in zip(tail, parts, strict=True))


@cache
def lexicon() -> Lexicon:
    with (DATA / "lexicon.json").open(encoding="utf-8") as fh:
        rules = json.load(fh)["suffixes"]
    words = (DATA / "lexicon_words.txt").read_bytes()
    return Lexicon(rules, words)


def is_head(word: str) -> bool:
    return lexicon().is_head(word.lower())


@lru_cache(maxsize=4096)
def compound_head(word: str) -> str | None:
    """The last part of the compound ``word`` (lower case), or None."""
    return lexicon().head(word)


def ends_in_class(word: str, head: str, words: frozenset[str]) -> bool:
    """``word`` (lower case) is a compound that ends in ``head`` (with at most two letters of
    inflection) after a word of ``words``, with or without a linking -s, or after a compound whose last
    part is one: with ``head`` "fri" and weapons as ``words``, "minfria", "kärnvapenfritt" and
    "klusterbombsfri" (klusterbomb: kluster + bomb) are, "vitaminfri" (no compound) and "rökfri" not.
    The lexicon is read only when the part before ends like a word of ``words``."""
    i = word.rfind(head)
    if i < 2 or len(word) - i - len(head) > 2:
        return False
    before = word[:i]
    for part in (before, before[:-1] if before.endswith("s") else ""):
        if part in words:
            return True
        if part and any(part.endswith(w) for w in words) and compound_head(part) in words:
            return True
    return False


def split_compound(word: str) -> tuple[str, ...] | None:
    """``"fritidsnämnden"`` → ``("fritids", "nämnden")``; None when the lexicon sees no compound."""
    return lexicon().split(word.lower())


def has_suspended(text: str) -> bool:
    """Cheap test: does ``text`` hold a suspended compound ("kultur- och …", "skol-, idrotts- och …")?"""
    return _SUSPENDED.search(text) is not None


def expand_suspended(text: str, words: Sequence[tuple[str, int, int]]) -> list[str]:
    """The words (text, start, end) of one sentence as read: each first part of a suspended compound
    takes the head of the compound that completes it ("kultur-" + "fritidsnämnden" → "kulturnämnden").

    Returns the words' texts, one per word, unchanged where nothing is suspended.
    """
    out = [w for w, _s, _e in words]
    pending: list[int] = []  # words waiting for their head
    joined = False  # a conjunction has come after them ("kultur- och"), so the next word completes them
    for i, (word, _start, end) in enumerate(words):
        nxt = text[end : end + 1]
        after = text[end + 1 : end + 2]
        if nxt in ("-", "–") and (not after or after.isspace() or after == ","):
            # a name inside the sentence ("Tokyo- eller Osakaregionen") stays a name: places are found
            # by it; a capital that only starts the sentence ("Kultur- och fritidsnämnden") is no name
            if word.isalpha() and not word.isupper() and (i == 0 or not word[0].isupper()):
                pending.append(i)
            continue
        if not pending:
            continue
        if word.lower() in _JOINERS:
            joined = True
            continue
        # without a conjunction the hyphen divides one word at a line end ("fritids-\nnämnden")
        tail = compound_head(word.lower()) if joined and word.isalpha() else None
        if tail is not None:
            cased = word[len(word) - len(tail) :]
            for j in pending:
                out[j] = out[j] + cased
        pending = []
        joined = False
    return out
