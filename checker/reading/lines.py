"""The text as lines with offsets, each line's Markdown markup and list marker separated from its content."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.reading.metadata import DateMatch

# Indentation, quote marks, a Markdown heading, emphasis, then a bullet or a number ("1.", "2)", "(a)").
# A "*" followed by a space is a bullet; followed by a letter it is emphasis.
_LEAD = re.compile(
    r"[ \t]*(?:>[ \t]*)*(?P<hash>\#{1,6}[ \t]+)?(?:(?:\*\*|__|\*|_)(?=\S))?"
    r"(?:(?P<bullet>[-–—•*·▪◦‣●○■➢►])[ \t]+|(?P<number>\(?\d{1,2}[.)]|\(?[a-hA-H]\))[ \t]+)?"
    r"(?:\*\*|__|\*|_)?"
)
# The characters a line must start with for _LEAD to match more than the empty string: whitespace, ">", "#",
# emphasis, a bullet, "(" or a digit, or a letter a-h followed by ")" (see _has_lead).
_LEAD_START = frozenset(" \t>#*_(-–—•·▪◦‣●○■➢►")
_LETTER_ITEM = frozenset("abcdefghABCDEFGH")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_BOLD_LINE = re.compile(r"[ \t]*(?:\#{1,6}[ \t]+)?(?:\*\*|__).*(?:\*\*|__)[ \t:]*")


# Not frozen, though nothing changes a Line once made (but for its dates, found once on first use): a frozen
# dataclass's __init__ sets each field through object.__setattr__, which made building the lines a third of
# split_lines. unsafe_hash keeps the frozen class's hash (of the fields) and eq its equality.
@dataclass(slots=True, unsafe_hash=True)
class Line:
    index: int
    start: int  # offset of the line's first character in the text
    end: int  # offset after its last character, newline excluded
    content: int  # offset where the content starts, after indentation, markup and list marker
    marker: str  # "", "bullet" or "number"
    heading: bool  # a Markdown heading or a line bold from end to end
    raw: str
    clean: str  # content without emphasis markup, whitespace collapsed
    # iter_dates(clean), set by metadata.line_dates when first asked for (several readers ask for the same
    # line's dates); not part of the line's value
    dates: tuple[DateMatch, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def blank(self) -> bool:
        return not self.clean

    @property
    def hashed(self) -> bool:
        """A Markdown "#" heading."""
        return self.raw.lstrip(" \t>").startswith("#")


def clean_markup(text: str) -> str:
    """Text without Markdown emphasis, whitespace collapsed to single spaces."""
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    # Text whose only whitespace is single spaces between words is its own collapsed form (every other
    # whitespace character is unprintable): checking that is cheaper than splitting and joining the words.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _has_lead(raw: str) -> bool:
    """Whether _LEAD can match more than the empty string at the start of a non-empty line."""
    first = raw[0]
    return first in _LEAD_START or first.isdecimal() or (first in _LETTER_ITEM and raw[1:2] == ")")


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for index, raw in enumerate(text.split("\n")):
        if not raw:  # an empty line: no markup, no marker, nothing to clean (what the patterns give for "")
            lines.append(Line(index, start, start, start, "", False, raw, ""))
            start += 1
            continue
        if not _has_lead(raw):  # most lines: no markup, no marker, and not bold (that starts with "**" or "__")
            lines.append(Line(index, start, start + len(raw), start, "", False, raw, clean_markup(raw)))
            start += len(raw) + 1
            continue
        m = _LEAD.match(raw)
        assert m is not None  # every part of _LEAD is optional
        marker = "bullet" if m.group("bullet") else "number" if m.group("number") else ""
        content = start + m.end()
        clean = clean_markup(raw[m.end() :])
        # a bold line holds "**" or "__" (the search for them is far cheaper than the pattern)
        heading = bool(m.group("hash")) or (("**" in raw or "__" in raw) and _BOLD_LINE.fullmatch(raw) is not None)
        lines.append(Line(index, start, start + len(raw), content, marker, heading, raw, clean))
        start += len(raw) + 1
    return lines


def paragraph_text(lines: Sequence[Line], index: int, floor: int, limit: int = 6) -> str:
    """The clean text of the paragraph that ends at line `index` (at most `limit` lines, not above `floor`)."""
    parts: list[str] = []
    i = index
    while i >= floor and len(parts) < limit and not lines[i].blank:
        parts.append(lines[i].clean)
        if lines[i].heading:
            break
        i -= 1
    return " ".join(reversed(parts))
