"""Evidence offsets a client can use: positions in the input as it was given, in code points and UTF-16.

The extractors index the checker's normalised text (NFC, newlines as \\n, invisible characters removed;
see checker.reading.decode.normalize_text), which the verdict does not contain. A client holds the text
it sent: with Windows line endings, a byte-order mark, decomposed letters or emoji, positions in the
normalised text land on the wrong characters there. This module maps each normalised position back to
the input text and counts it both in code points (Python, most languages) and in UTF-16 code units
(JavaScript, .NET, Java strings).

The map is piecewise: a list of breakpoints where the difference between the two texts changes. Text
that normalisation leaves alone (the usual case) gets the identity map without a character loop.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from checker.models import Evidence, Fact, Finding, Verdict

# What normalize_text replaces or removes, one match at a time (\r\n before \r).
_REPLACED = re.compile("\r\n|[\r\u2028\u2029\x0c\x0b\u00ad\u200b\u2060\ufeff]")
_REPLACEMENT = {
    "\r\n": "\n",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\x0c": "\n\n",
    "\x0b": "\n",
    "\u00ad": "",
    "\u200b": "",
    "\u2060": "",
    "\ufeff": "",
}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters of canonical combining class 0 that can still compose with the character before them
# (NFC_Quick_Check = Maybe): Indic length marks and Hangul vowel and final jamo.
_COMPOSES_BACK = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf\u102e\u1b35"
    + "".join(chr(c) for c in range(0x1161, 0x1176))
    + "".join(chr(c) for c in range(0x11A8, 0x11C3))
)


@dataclass(frozen=True)
class OffsetMap:
    """Normalised position → position in the input text (code points and UTF-16 code units)."""

    norm_points: tuple[int, ...]  # breakpoints in the normalised text, ascending, starting at 0
    raw_points: tuple[int, ...]  # the input position at each breakpoint
    astral: tuple[int, ...]  # input positions of characters outside the Basic Multilingual Plane
    norm_len: int
    raw_len: int

    def to_input(self, pos: int) -> int:
        pos = max(0, min(pos, self.norm_len))
        i = bisect_right(self.norm_points, pos) - 1
        return min(self.raw_points[i] + (pos - self.norm_points[i]), self._next_raw(i))

    def _next_raw(self, i: int) -> int:
        return self.raw_points[i + 1] if i + 1 < len(self.raw_points) else self.raw_len

    def utf16(self, raw_pos: int) -> int:
        """UTF-16 code units before input position raw_pos: one per code point, two for astral ones."""
        return raw_pos + bisect_right(self.astral, raw_pos - 1)


def offset_map(raw: str) -> OffsetMap:
    """The map from normalize_text(raw)'s positions back to raw's."""
    norm: list[str] = []
    points: list[tuple[int, int]] = [(0, 0)]  # (normalised position, raw position) where the delta changes
    n_len = 0
    last = 0
    for m in _REPLACED.finditer(raw):
        piece = raw[last : m.start()]
        norm.append(piece)
        n_len += len(piece)
        new = _REPLACEMENT[m.group()]
        norm.append(new)
        # every character of the replacement starts at the matched input; what follows resumes after it
        n_len += len(new)
        points.append((n_len, m.end()))
        last = m.end()
    norm.append(raw[last:])
    n_len += len(raw) - last
    text = "".join(norm)
    if not unicodedata.is_normalized("NFC", text):
        text, points = _nfc(text, points)
    astral = tuple(m.start() for m in _ASTRAL.finditer(raw))
    merged = _dedupe(points)
    return OffsetMap(tuple(p[0] for p in merged), tuple(p[1] for p in merged), astral, len(text), len(raw))


def _dedupe(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in sorted(points):
        if out and out[-1][0] == p[0]:
            out[-1] = p  # the later breakpoint at the same normalised position wins
        else:
            out.append(p)
    return out


def _raw_at(points: list[tuple[int, int]], keys: list[int], pos: int) -> int:
    i = bisect_right(keys, pos) - 1
    return points[i][1] + (pos - points[i][0])


def _nfc(text: str, points: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """NFC segment by segment (a starter and the marks after it), with a breakpoint after each change."""
    points = _dedupe(points)
    keys = [p[0] for p in points]
    out: list[str] = []
    new_points: list[tuple[int, int]] = [(0, 0)]
    n_pos = 0
    i = 0
    size = len(text)
    while i < size:
        j = i + 1
        while j < size and (unicodedata.combining(text[j]) or text[j] in _COMPOSES_BACK):
            j += 1
        seg = text[i:j]
        done = unicodedata.normalize("NFC", seg)
        out.append(done)
        if done != seg:
            # the composed characters all point at the segment's start; the text after it at its end
            new_points.append((n_pos, _raw_at(points, keys, i)))
            n_pos += len(done)
            new_points.append((n_pos, _raw_at(points, keys, j)))
        else:
            new_points.append((n_pos, _raw_at(points, keys, i)))
            n_pos += len(done)
        i = j
    composed = "".join(out)
    if composed != unicodedata.normalize("NFC", text):  # pragma: no cover - a script this segmentation misses
        return unicodedata.normalize("NFC", text), points
    return composed, new_points


# --------------------------------------------------------------------------- verdicts


def with_input_offsets(verdict: Verdict, raw: str | None) -> Verdict:
    """The verdict with input_start/input_end and utf16_start/utf16_end on every evidence span.

    raw is the input text as decoded (after its byte-order mark); None leaves the verdict as it is
    (a facts file has no text to point into).
    """
    if raw is None:
        return verdict
    omap = offset_map(raw)
    cache: dict[tuple[int | None, int | None, str, str | None], Evidence] = {}

    def mark(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
        out = []
        for ev in evidence:
            key = (ev.start, ev.end, ev.quote, ev.cue)
            done = cache.get(key)
            if done is None:
                done = _annotate(ev, omap)
                cache[key] = done
            out.append(done)
        return tuple(out)

    facts: list[Fact] = [
        f.model_copy(update={"evidence": mark(f.evidence)}) if f.evidence else f for f in verdict.facts
    ]
    findings: list[Finding] = [
        f.model_copy(update={"evidence": mark(f.evidence)}) if f.evidence else f for f in verdict.findings
    ]
    return verdict.model_copy(update={"facts": tuple(facts), "findings": tuple(findings)})


def _annotate(ev: Evidence, omap: OffsetMap) -> Evidence:
    if ev.start is None or ev.end is None:
        return ev
    start, end = omap.to_input(ev.start), omap.to_input(ev.end)
    if ev.end > ev.start:
        # an end mapped onto a removed character or a \r\n pair still covers what it covered
        end = max(end, start)
    return ev.model_copy(
        update={
            "input_start": start,
            "input_end": end,
            "utf16_start": omap.utf16(start),
            "utf16_end": omap.utf16(end),
        }
    )
