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
from functools import lru_cache
from typing import TypeVar

from checker.models import ActionReading, Evidence, Fact, Finding, Verdict

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
_REPLACED_CHARS = "\r\u2028\u2029\x0c\x0b\u00ad\u200b\u2060\ufeff"  # what _REPLACED's matches start with
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

    def is_identity(self) -> bool:
        """Every position maps to itself, in code points and in UTF-16 code units."""
        return (
            self.norm_points == (0,) and self.raw_points == (0,) and not self.astral and self.norm_len == self.raw_len
        )

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
    # A search for each character is far cheaper than the regex's scan, and most texts have none of them.
    replaced = _REPLACED.finditer(raw) if any(ch in raw for ch in _REPLACED_CHARS) else ()
    for m in replaced:
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
    # UTF-16 takes two bytes a character but four for an astral one: without any, no regex scan is needed
    has_astral = len(raw.encode("utf-16-le", "surrogatepass")) > 2 * len(raw)
    astral = tuple(m.start() for m in _ASTRAL.finditer(raw)) if has_astral else ()
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


@lru_cache(maxsize=1)
def _affected() -> re.Pattern[str]:
    """Characters NFC can change or join to the one before: combining marks, length marks, singletons.

    Built once, and only for text that is not already NFC (about half a second).
    """
    ranges: list[tuple[int, int]] = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch) or ch in _COMPOSES_BACK or unicodedata.normalize("NFC", ch) != ch:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]")


def _joins(ch: str) -> bool:
    return bool(unicodedata.combining(ch)) or ch in _COMPOSES_BACK


def _nfc(text: str, points: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """NFC over the regions it can change (a starter and the marks after it), with breakpoints around each."""
    points = _dedupe(points)
    keys = [p[0] for p in points]
    regions: list[tuple[int, int]] = []
    size = len(text)
    for m in _affected().finditer(text):
        k = m.start()
        if regions and k < regions[-1][1]:
            continue
        start = k
        while start > 0 and _joins(text[start]):
            start -= 1  # back to the starter the mark belongs to
        end = k + 1
        while end < size and _joins(text[end]):
            end += 1
        if regions and start < regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    out: list[str] = []
    new_points = list(points)  # text before the first region maps as before
    n_pos = 0
    last = 0
    for start, end in regions:
        out.append(text[last:start])
        n_pos += start - last
        seg = text[start:end]
        done = unicodedata.normalize("NFC", seg)
        out.append(done)
        # the composed characters point at the region's start; what follows at its end
        new_points.append((n_pos, _raw_at(points, keys, start)))
        n_pos += len(done)
        new_points.append((n_pos, _raw_at(points, keys, end)))
        last = end
    out.append(text[last:])
    composed = "".join(out)
    if composed != unicodedata.normalize("NFC", text):  # pragma: no cover - a script this segmentation misses
        return unicodedata.normalize("NFC", text), points
    return composed, _remap(points, regions, new_points)


def _remap(
    points: list[tuple[int, int]], regions: list[tuple[int, int]], region_points: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The first pass's breakpoints moved by what NFC shortened before them, plus the regions' own."""
    if not regions:
        return points
    shifts: list[tuple[int, int]] = []  # (intermediate end of region, total shortening so far)
    shortened = 0
    own = region_points[len(points) :]
    for n, (start, end) in enumerate(regions):
        composed_len = own[2 * n + 1][0] - own[2 * n][0]
        shortened += (end - start) - composed_len
        shifts.append((end, shortened))
    ends = [e for e, _ in shifts]
    moved: list[tuple[int, int]] = []
    for pos, raw in points:
        i = bisect_right(ends, pos) - 1
        inside = any(s < pos < e for s, e in regions[max(0, i) : i + 2])
        if inside:
            continue  # a breakpoint inside a composed region is replaced by the region's own
        moved.append((pos - (shifts[i][1] if i >= 0 else 0), raw))
    return moved + own


# --------------------------------------------------------------------------- verdicts


def with_input_offsets(verdict: Verdict, raw: str | None) -> Verdict:
    """The verdict with input_start/input_end and utf16_start/utf16_end on every evidence span.

    raw is the input text as decoded (after its byte-order mark); None leaves the verdict as it is
    (a facts file has no text to point into).
    """
    if raw is None:
        return verdict
    omap = offset_map(raw)
    # Text that normalisation left alone and that has no astral characters (the usual case): every
    # position is its own input position and its own UTF-16 position, clamped to the text.
    annotate = _annotate_same if omap.is_identity() else _annotate
    # by identity: a fact's evidence recurs in every finding that uses the fact (the verdict holds every
    # span while this runs, so an id is never reused meanwhile); equal spans annotate to equal spans
    cache: dict[int, Evidence] = {}

    def mark(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
        out = []
        for ev in evidence:
            done = cache.get(id(ev))
            if done is None:
                done = cache[id(ev)] = annotate(ev, omap)
            out.append(done)
        return tuple(out)

    facts = tuple(_replaced(f, "evidence", mark(f.evidence)) if f.evidence else f for f in verdict.facts)
    findings = tuple(_replaced(f, "evidence", mark(f.evidence)) if f.evidence else f for f in verdict.findings)
    readings = tuple(_replaced(r, "evidence", mark((r.evidence,))[0]) for r in verdict.readings)
    return verdict.model_copy(update={"facts": facts, "findings": findings, "readings": readings})


_M = TypeVar("_M", Fact, Finding, ActionReading)


# The copies below take a copy of the model's __dict__ (a dict's copy is cheaper than filling an empty one)
# and give it to the new instance with object.__setattr__ (the models' own __setattr__ refuses: frozen).
_set_attribute = object.__setattr__


def _replaced(model: _M, name: str, value: object) -> _M:
    """model.model_copy(update={name: value}) for a field known to exist and a value of its type."""
    new: _M = object.__new__(type(model))
    d = model.__dict__.copy()
    d[name] = value
    _set_attribute(new, "__dict__", d)
    return new


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


def _annotate_same(ev: Evidence, omap: OffsetMap) -> Evidence:
    """_annotate where the map is the identity: the same positions, clamped to the text as to_input does."""
    if ev.start is None or ev.end is None:
        return ev
    size = omap.norm_len
    start = 0 if ev.start < 0 else size if ev.start > size else ev.start
    end = 0 if ev.end < 0 else size if ev.end > size else ev.end
    if ev.end > ev.start and end < start:
        end = start
    new: Evidence = object.__new__(Evidence)
    d = ev.__dict__.copy()
    d["input_start"] = d["utf16_start"] = start
    d["input_end"] = d["utf16_end"] = end
    _set_attribute(new, "__dict__", d)
    return new
