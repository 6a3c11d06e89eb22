"""The motion as the extractors see it: sentences and tokens with offsets, split into zones.

A *zone* is either an att-sats (what the motion asks the council to decide) or the body (the
reasons). Every sentence lies in exactly one zone; an att-sats is never merged with body text, so
evidence from an att-sats quotes the att-sats only. Offsets are always into ``Proposal.text``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from checker.models import Evidence, Proposal

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # split keeps the words between the gaps


def _latin1_words() -> str:
    """The characters below U+0100 that _TOKEN matches, as a character class's ranges."""
    ranges: list[tuple[int, int]] = []
    for cp in range(256):
        if _TOKEN.fullmatch(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# _TOKEN_SPLIT for a text without "_", where [^\W_] is \w: the word characters below U+0100 listed first,
# which the regex engine tests in one bitmap, before the Unicode category lookup \w costs (the same
# splits, about an eighth fewer instructions).
_WORD_SPLIT = re.compile(f"([{_latin1_words()}\\w]+)")
# A sentence ends at . ! ? followed by space and a capital, digit, quote, dash or bullet.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s++(?=[\"”(–—•*-]?\s*[A-ZÅÄÖ0-9])")
# The same matches, each begun one character earlier, at the stop itself: a pattern that begins with a
# character class is searched by scanning for that class, one that begins with a look-behind by trying a
# match at every position (three times the instructions). Splitting uses this one.
_STOP = re.compile(_SENT_END.pattern.replace("(?<=[.!?])", "[.!?]", 1))
# an edit of _SENT_END's look-behind must be made here too, or every sentence would end one character late
assert _STOP.pattern != _SENT_END.pattern, "_STOP is _SENT_END begun at the stop"
_ABBREV = {
    "t.ex",
    "bl.a",
    "m.m",
    "s.k",
    "dvs",
    "osv",
    "kap",
    "ca",
    "nr",
    "resp",
    "jfr",
    "f.d",
    "fr.o.m",
    "t.o.m",
    "st",
    "p",
    "prop",
    "ds",
    "sou",
    "ks",
    "kf",
    "d.v.s",
    "o.s.v",
    "m.fl",
    "e.d",
    "etc",
}
# A line that starts a new unit even without a full stop before it: bullets, numbers, "att", headings.
_LINE_START = re.compile(r"^\s*(?:[-–—•*]|\d+[.)]|att\b|[A-ZÅÄÖ][^.!?]{0,70}$)", re.IGNORECASE)
# An att-sats line, for proposals whose reader found none: "att …", "- att …", "1. att …".
_ATT_LINE = re.compile(r"^[ \t]*(?:[-–—•*][ \t]*|\d+[.)][ \t]*)?(att[ \t]+\S.*)$", re.MULTILINE)


_ZONES_KEY = ("sentences by zone", -2)


class Token(NamedTuple):
    """One word (a tuple: a motion has hundreds, and tuples are the cheapest immutable record)."""

    text: str
    lower: str
    start: int
    end: int
    sent: int


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    att: int | None  # att-sats number, None in the body
    first: int = 0  # first token index
    last: int = 0  # one past the last token index


@dataclass
class Doc:
    """Sentences and tokens of the motion span; ``primary`` holds the sentences in scope."""

    text: str
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    att_numbers: tuple[int, ...] = ()
    scope: tuple[int, int] | None = None
    # Cue hits per (cue set, sentence), shared by every scoped view of the same motion (see extract_facts).
    hits: dict[tuple[Any, int], Any] = field(default_factory=dict, repr=False, compare=False)

    def scoped(self, scope: tuple[int, int]) -> Doc:
        """This document seen through ``scope``: the same sentences, tokens and cue hits (shared, not
        copied), only the scope another. What ``dataclasses.replace(self, scope=scope)`` gives (every
        attribute of a Doc is a field), without its look at each field: a motion makes one per att-sats."""
        view = object.__new__(Doc)
        view.__dict__.update(self.__dict__)
        view.scope = scope
        return view

    def in_scope(self, s: Sentence) -> bool:
        if self.scope is None:
            return True
        lo, hi = self.scope
        return s.start < hi and s.end > lo

    def _zones(self) -> tuple[list[Sentence], list[int], list[Sentence], list[int]]:
        """Att-sats and body sentences with their end offsets, listed once per document (shared by every
        scoped view through ``hits``), so a scoped pass finds its sentences by bisection."""
        cached: tuple[int, tuple[list[Sentence], list[int], list[Sentence], list[int]]] | None
        cached = self.hits.get(_ZONES_KEY)
        if cached is None or cached[0] != len(self.sentences):
            atts = [s for s in self.sentences if s.att is not None]
            body = [s for s in self.sentences if s.att is None]
            ordered = all(a.end <= b.start for z in (atts, body) for a, b in itertools.pairwise(z))
            # spans out of text order (never built so) get no end offsets: _in_scope then filters plainly
            ends = ([s.end for s in atts], [s.end for s in body]) if ordered else ([], [])
            cached = (len(self.sentences), (atts, ends[0], body, ends[1]))
            self.hits[_ZONES_KEY] = cached
        return cached[1]

    def _in_scope(self, sentences: list[Sentence], ends: list[int]) -> list[Sentence]:
        """The sentences (in text order, not overlapping) that overlap the scope."""
        assert self.scope is not None
        lo, hi = self.scope
        if len(ends) != len(sentences):  # not in text order: the plain filter
            return [s for s in sentences if s.start < hi and s.end > lo]
        out = []
        for i in range(bisect.bisect_right(ends, lo), len(sentences)):
            s = sentences[i]
            if s.start >= hi:
                break
            out.append(s)
        return out

    @property
    def att_sentences(self) -> list[Sentence]:
        """Att-sats sentences in scope (all of them when no scope is set)."""
        atts, att_ends, _, _ = self._zones()
        return list(atts) if self.scope is None else self._in_scope(atts, att_ends)

    @property
    def body_sentences(self) -> list[Sentence]:
        return list(self._zones()[2])

    @property
    def scoped_body(self) -> list[Sentence]:
        """Body sentences inside the scope when the scope is not an att-sats (else none)."""
        if self.scope is None:
            return self.body_sentences
        _, _, body, body_ends = self._zones()
        return self._in_scope(body, body_ends)

    def sentence_tokens(self, s: Sentence) -> list[Token]:
        return self.tokens[s.first : s.last]

    def evidence(self, s: Sentence, cue: str | None) -> Evidence:
        return Evidence(quote=s.text, start=s.start, end=s.end, cue=cue)  # typed by construction: no validation


def _att_spans(proposal: Proposal, start: int, end: int) -> list[tuple[int, int, int]]:
    spans = [(a.start, a.end, a.number) for a in proposal.att_satser if a.end > start and a.start < end]
    if spans:
        return sorted((max(s, start), min(e, end), n) for s, e, n in spans)
    # Fallback when the reader found no att-satser: lines that start with "att".
    found: list[tuple[int, int, int]] = []
    for n, m in enumerate(_ATT_LINE.finditer(proposal.text, start, end), start=1):
        found.append((m.start(1), m.end(1), n))
    return found


def _last_word(seg: str, cut: int, end: int) -> str:
    """``seg[cut:end].rstrip('.!?"”’) ').rsplit(None, 1)[-1].lower()`` ("" when there is no word), found
    by looking back from ``end`` only as far as that word: the text since ``cut`` can be a whole
    paragraph of abbreviations, and copying it at every full stop made splitting quadratic."""
    e = end
    while e > cut and seg[e - 1] in '.!?"”’) ':
        e -= 1
    while e > cut and seg[e - 1].isspace():
        e -= 1
    b = e
    while b > cut and not seg[b - 1].isspace():
        b -= 1
    return seg[b:e].lower()


def _split_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a stretch of text into sentence spans (trimmed), respecting line structure."""
    units: list[tuple[int, int]] = []
    # First, lines grouped into paragraphs: a line starts a new unit when it is blank-separated,
    # a bullet/number/att line or a short heading, or when the previous line ended a sentence.
    para_start: int | None = None
    prev_end_char = "."
    pos = start
    for line in text[start:end].splitlines(keepends=True):
        line_start, line_end = pos, pos + len(line)
        pos = line_end
        stripped = line.strip()
        if not stripped:
            if para_start is not None:
                units.append((para_start, line_start))
                para_start = None
            prev_end_char = "."
            continue
        if para_start is None:
            para_start = line_start
        elif prev_end_char in ".!?:;" or _LINE_START.match(line):
            units.append((para_start, line_start))
            para_start = line_start
        prev_end_char = stripped[-1]
    if para_start is not None:
        units.append((para_start, end))
    out: list[tuple[int, int]] = []
    for us, ue in units:
        seg = text[us:ue]
        cut = 0
        for m in _STOP.finditer(seg):
            stop = m.start() + 1  # where _SENT_END's match begins
            last_word = _last_word(seg, cut, stop)
            if last_word in _ABBREV:
                continue
            out.append((us + cut, us + stop))
            cut = m.end()
        out.append((us + cut, ue))
    trimmed: list[tuple[int, int]] = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


# Token(...) through its generated __new__ costs a Python call per word; this builds the same tuple.
_new_tuple = tuple.__new__


def build_doc(proposal: Proposal, scope: tuple[int, int] | None = None) -> Doc:
    """Split the motion span of ``proposal`` into zones, sentences and tokens."""
    text = proposal.text
    start = max(0, proposal.body_start)
    end = len(text) if proposal.body_end is None else min(len(text), proposal.body_end)
    doc = Doc(text=text, start=start, end=end, scope=scope)
    atts = _att_spans(proposal, start, end)
    doc.att_numbers = tuple(n for _, _, n in atts)
    pieces: list[tuple[int, int, int | None]] = []  # (start, end, att-sats number or None)
    cursor = start
    for a_start, a_end, number in atts:
        if a_start > cursor:
            pieces.extend((s, e, None) for s, e in _split_units(text, cursor, a_start))
        # An att-sats is one unit even when it holds several sentences.
        pieces.append((a_start, a_end, number))
        cursor = max(cursor, a_end)
    if cursor < end:
        pieces.extend((s, e, None) for s, e in _split_units(text, cursor, end))
    split = (_TOKEN_SPLIT if "_" in text else _WORD_SPLIT).split
    for s, e, att in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        # The words and their offsets without a Python step per word: splitting on the word pattern (with
        # its group) gives gap, word, gap, …, gap as strings, and the running sum of their lengths each
        # word's start and end (no match objects either, which the collector would track). A word
        # pattern without look-arounds matches the sentence's copy as it matches the text between s and e.
        sent_text = text[s:e]
        parts = split(sent_text)
        if len(parts) == 1:
            continue  # a lone bullet or rule line
        bounds = list(itertools.accumulate(map(len, parts), initial=s))
        starts, ends = bounds[1::2], bounds[2::2]  # one more start than words: zip stops at the words
        words = parts[1::2]
        sent = Sentence(index=len(doc.sentences), start=s, end=e, text=sent_text, att=att)
        sent.first = len(doc.tokens)
        read = _suspended_read(sent_text, text, starts, ends)
        if read is not None:
            words = read
        doc.tokens.extend(
            map(
                _new_tuple,
                itertools.repeat(Token),
                zip(words, map(str.lower, words), starts, ends, itertools.repeat(sent.index)),
            )
        )
        sent.last = len(doc.tokens)
        doc.sentences.append(sent)
    if not atts:
        _read_typos(doc)  # att-satser are read by the reader, misspelt verb or not
    return doc


def _read_typos(doc: Doc) -> None:
    """A misspelt proposing verb ("Jag förslår att …") is read as the verb (checker/typos.py), so that a
    motion without att-satser still has its proposing sentence; the token keeps the offsets of the word
    as written, so evidence quotes the text itself."""
    from checker.typos import typo_spans

    found = {a: verb for a, _, verb in typo_spans(doc.text, doc.start, doc.end)}
    if not found:
        return
    toks = doc.tokens
    for i in range(len(toks)):
        verb = found.get(toks[i].start)
        if verb is not None:
            t = toks[i]
            word = verb.capitalize() if t.text[:1].isupper() else verb
            toks[i] = _new_tuple(Token, (word, verb, t.start, t.end, t.sent))


def _suspended_read(sentence: str, text: str, starts: list[int], ends: list[int]) -> list[str] | None:
    """The sentence's words with suspended compounds read in full ("kultur- och fritidsnämnden" →
    "kulturnämnden och fritidsnämnden"), or None when it has none. A token keeps the offsets of the
    word as written, so evidence quotes the text itself."""
    if "-" not in sentence and "–" not in sentence:
        return None
    from checker.extraction import morphology

    if not morphology.has_suspended(sentence):
        return None
    # starts has one entry more than ends (see build_doc): zip stops at the words
    read = morphology.expand_suspended(text, [(text[a:b], a, b) for a, b in zip(starts, ends, strict=False)])
    if len(read) != len(ends):  # one word per word: a token must never be lost or shifted
        raise AssertionError(f"expand_suspended gave {len(read)} words for {len(ends)}")
    return read
