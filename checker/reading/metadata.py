"""Dates, diary numbers and the municipality named in a text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from checker.reading.lazy import lazy_pattern
from checker.reading.lines import Line
from checker.vocabulary import PARTIES, month_numbers_sv

MONTHS: dict[str, int] = month_numbers_sv()  # full names and abbreviations
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Tried only where a run of digits starts (found by _DIGITS, which is much faster than searching with
# this pattern), after a character that cannot belong to a longer number or code.
_DATE = re.compile(
    r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?![\w-])"
    rf"|(?P<td>\d{{1,2}})(?::[ae])?\s+(?P<tm>{_MONTH})\.?\s+(?P<ty>(?:19|20)\d{{2}})(?!\d)"
    r"|(?P<sd>\d{1,2})/(?P<sm>\d{1,2})(?:\s+|-)(?P<sy>(?:19|20)\d{2})(?!\d)",
    re.I,
)
# "\d\d*" rather than "\d+": a pattern that starts with a repeat gives the regex engine no first character
# to scan for, so it runs the whole pattern at every position (the same matches, in a third of the time).
_DIGITS = re.compile(r"\d\d*")
_NOT_BEFORE_DATE = frozenset("/.-_")

# "KS/2025:193", "KS 2025/193", "KF 2024/45", "KS2024/0123": an office code, the year, a serial number.
# (The code is written "[A-ZÅÄÖ][A-ZÅÄÖ]{0,5}", not "[A-ZÅÄÖ]{1,6}", so that the regex engine scans for a
# capital letter instead of trying the whole pattern at every position: the same matches, far faster.)
_DNR_CODED = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ]{0,5}(?:\s*/\s*|\s+|)(?:19|20)\d{2}\s*[:/]\s*\d{1,6}(?![\d/:])")
# "M:9/2025": a motion's number in the council's register.
_DNR_MOTION = lazy_pattern(globals(), "_DNR_MOTION", r"[A-ZÅÄÖ][A-ZÅÄÖ]{0,2}:\d{1,4}/(?:19|20)\d{2}(?![\d/])")
# Whatever follows "Dnr", "Diarienummer", "Diarienr" ("Dnr: KS-2024-0123", "Dnr 2024.123").
_DNR_LABELLED = re.compile(
    r"[Dd](?:nr|NR|iarienummer|iarienr|iarie-nr)\b\.?[ \t]*:?[ \t]*"
    r"(?P<v>[A-ZÅÄÖ0-9][\w./:-]*(?:[ \t](?:19|20)\d{2}[\w./:-]*)?)",
)
# Codes of laws, EU acts and government papers, whose numbers look like diary numbers ("SFS 2017:725").
_NOT_DNR_CODES = frozenset({"SFS", "EU", "EG", "EEG", "SOU", "DS", "PROP", "SKR", "RSKR", "BET", "NJA", "HFD", "RÅ"})

# Municipalities whose names end in "s" in the nominative; in other names a final "s" is a genitive.
NOMINATIVE_S = frozenset(
    [
        "Alingsås",
        "Bengtsfors",
        "Bollnäs",
        "Borås",
        "Degerfors",
        "Grums",
        "Hagfors",
        "Hofors",
        "Hällefors",
        "Höganäs",
        "Kramfors",
        "Munkfors",
        "Mönsterås",
        "Robertsfors",
        "Sotenäs",
        "Storfors",
        "Strängnäs",
        "Torsås",
        "Tranås",
        "Vännäs",
        "Västerås",
    ]
)
_PLACE = r"(?:(?:Upplands|Lilla|Östra|Övre|Norra|Södra|Västra|Stora)[ -])?[A-ZÅÄÖ][\w]+(?:-[A-ZÅÄÖ][\w]+)?"
# Searches start from a literal ("fullmäktige", "Region", " kommun") and look back for the place:
# a pattern that starts with the place itself is tried at every capital letter and is slow.
_COUNCIL_IN = re.compile(rf"(?:fullmäktige|styrelsen)\s+i\s+(?:(?P<region>Region\s+{_PLACE})|(?P<place>{_PLACE}))")
_REGION = re.compile(rf"Region\s+{_PLACE}")
_KIND = re.compile(r"[ \t\u00a0](?P<kind>[Kk]ommuns?|[Ss]tads?|kommunfullmäktiges?)\b")
# A place at the end of a window, not preceded by a word character or hyphen: searched with the place alone,
# tried only at capital letters (see _place_end), since every place starts with one.
_PLACE_TO_END = re.compile(rf"(?P<place>{_PLACE})[ \t\u00a0]*$")
_CAPITAL = re.compile("[A-ZÅÄÖ]")
_DEN_END = re.compile(r"\s*,?\s*(?:den)?\s*$")
# A party's name where a word starts (checked in party_place: without a leading \b the regex engine skips
# ahead to the names' first letters instead of trying every position, five times faster).
_PARTY_PLACE = re.compile(
    r"(?:" + "|".join(name for name, _ in PARTIES.values()) + r")(?:[ \t]+de[ \t]+gröna)?"
    rf"[ \t]+(?:i[ \t]+)?(?P<place>Region[ \t]+{_PLACE}|{_PLACE})"
)
# Where _COUNCIL_IN, _KIND and _PARTY_PLACE can match (see _starts): a literal every match holds, and its
# distance from the match's start.
_COUNCIL_ANCHORS = (("fullmäktige", 0), ("styrelsen", 0))
_KIND_ANCHORS = (("ommun", 2), ("tad", 2))  # " kommun", " Stads", " kommunfullmäktige"
_PARTY_ANCHORS = tuple((name, 0) for name, _ in PARTIES.values())
_PLACE_MONTH = lazy_pattern(
    globals(),
    "_PLACE_MONTH",
    rf"(?P<place>[A-ZÅÄÖ][\w-]+(?:[ -][A-ZÅÄÖ][\w-]+)?)\s*(?:,|\s+i|\s+den)?\s+(?:{_MONTH})\.?\s+(?:19|20)\d{{2}}",
    re.I,
)
_MONTH_WORD = re.compile(rf"(?:{_MONTH})\.?", re.I)
_NOT_PLACE_SUFFIXES = ("partiet", "erna", "arna", "listan")  # "föreslår Vänsterpartiet kommunfullmäktige"
_NOT_PLACES = frozenset(
    [
        "Denna",
        "Den",
        "Det",
        "Vår",
        "Varje",
        "En",
        "Ett",
        "Ingen",
        "Samma",
        "Hela",
        "Annan",
        "Vilken",
        "Min",
        "Sin",
        "Er",
        "Egen",
        "Närmaste",
        "Nästa",
        "Någon",
        "Sveriges",
        "Svensk",
        "Svenska",
        "Största",
        "Grannkommun",
        "Hemkommun",
        "Vänort",
        "Både",
        "Och",
        "I",
        "Vid",
        "Per",
        "Ny",
        "Nya",
        "Var",
        "Vilka",
        "Motion",
        "Motionen",
        "Stöd",
        "Till",
        "För",
        "Om",
        "Kommunen",
        "Denne",
        "Europa",
        "Sverige",
        "Norden",
        "EU",
        "Världen",
    ]
)


class DateMatch(NamedTuple):  # a tuple: made far faster than a frozen dataclass, and as immutable
    start: int
    end: int
    iso: str


def iter_dates(text: str, offset: int = 0) -> Iterator[DateMatch]:
    """Calendar dates written as 2025-04-28, (den) 28 april 2025 or 28/4 2025, as ISO strings."""
    if not _has_year(text):
        return
    for lo, hi in _date_windows(text):
        for run in _DIGITS.finditer(text, lo, hi):
            at = run.start()
            # (a run found at a window's start may begin before it: then a digit precedes it, as here)
            if at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_DATE):
                continue
            m = _DATE.match(text, at)
            if m is None:
                continue
            iy, im, id_, td, tm, ty, sd, sm, sy = m.groups()
            if iy:
                year, month, day = int(iy), int(im), int(id_)
            elif ty:
                year, month, day = int(ty), MONTHS[tm.lower()], int(td)
            else:
                year, month, day = int(sy), int(sm), int(sd)
            try:
                iso = dt.date(year, month, day).isoformat()
            except ValueError:
                continue
            yield DateMatch(offset + m.start(), offset + m.end(), iso)


# A date holds at most this many non-space characters before its year: "28:e september." (day, ":e",
# month, "."); "28/4-" and "2025-04-28" fewer.
_BEFORE_YEAR = 14
_WINDOWS_FROM = 200  # shorter texts are scanned whole: finding their years would cost about as much


def _date_windows(text: str) -> list[tuple[int, int]]:
    """Spans of text, ascending and apart, that hold every position where a date can start: from
    _BEFORE_YEAR non-space characters before each "19" or "20" (a year's start) to that year's start.
    The regex search for runs of digits tests every character; most of a long text is not near a year."""
    if len(text) < _WINDOWS_FROM:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for century in ("19", "20"):
        year = text.find(century)
        while year >= 0:
            start, seen = year, 0
            while start > 0 and seen < _BEFORE_YEAR:
                start -= 1
                if not text[start].isspace():  # the pattern's \s
                    seen += 1
            spans.append((start, year + 1))
            year = text.find(century, year + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def line_dates(line: Line) -> tuple[DateMatch, ...]:
    """iter_dates(line.clean), found once per line (the date line is read for the submission date, the
    place of signing and more)."""
    found = line.dates
    if found is None:
        found = line.dates = tuple(iter_dates(line.clean))
    return found


def _has_year(text: str) -> bool:
    """Whether text may hold a date: every date has its year, 19xx or 20xx. Most lines have none, and
    two str searches are far cheaper than the regex search for runs of digits."""
    return "20" in text or "19" in text


def all_dates(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(d.iso for d in iter_dates(text)))


_DATE_LINE_PREFIX = re.compile(r"(?:datum|date)\s*[:.]?\s*$", re.I)
_PLACE_PREFIX = re.compile(r"[A-ZÅÄÖ][\w-]+(?:[ -][A-ZÅÄÖ][\w-]+)?\s*(?:,\s*)?(?:den\s*)?$")


def submitted_date(lines: Sequence[Line], signature_lines: Sequence[Line] = ()) -> str | None:
    """The motion's own date: a "Datum:" line, a place-and-date line ("Solna den 28 april 2025"), a
    line holding only a date, or else a date among the signatures."""
    by_rank: dict[int, str] = {}
    for line in lines:
        if not _has_year(line.clean):  # blank lines too
            continue
        for d in line_dates(line):
            before, after = line.clean[: d.start].strip(), line.clean[d.end :].strip(" .,")
            if after:
                continue
            if _DATE_LINE_PREFIX.fullmatch(before):
                rank = 0
            elif not before:
                rank = 2
            elif _PLACE_PREFIX.fullmatch(before):
                rank = 1
            else:
                continue
            by_rank.setdefault(rank, d.iso)
    if by_rank:
        return by_rank[min(by_rank)]
    # else the first date among the signatures (it would rank below any of the above)
    return next((d.iso for line in signature_lines for d in line_dates(line)), None)


def _glued(text: str, at: int) -> bool:
    """Whether a match starts inside a word or a path (the regexes leave this out: lookbehinds are slow)."""
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_/")


def diary_numbers(text: str) -> tuple[str, ...]:
    """Diary and motion numbers in order of appearance, whitespace normalised, each once."""
    found: list[tuple[int, int, str]] = []
    # Each pattern is searched for only where the text has the characters all its matches hold (a
    # str search is far cheaper than a regex search, and most motions have no diary number at all).
    slash, colon, labels = "/" in text, ":" in text, "nr" in text or "NR" in text or "iarie" in text
    coded: Iterable[re.Match[str]] = _DNR_CODED.finditer(text) if slash or colon else ()
    motion: Iterable[re.Match[str]] = _DNR_MOTION.finditer(text) if slash and colon else ()
    labelled: Iterable[re.Match[str]] = _DNR_LABELLED.finditer(text) if labels else ()
    for m in coded:
        code = re.match(r"[A-ZÅÄÖ]+", m.group())
        if _glued(text, m.start()) or (code is not None and code.group() in _NOT_DNR_CODES):
            continue
        found.append((m.start(), m.end(), m.group()))
    found.extend((m.start(), m.end(), m.group()) for m in motion if not _glued(text, m.start()))
    for m in labelled:
        if _glued(text, m.start()):
            continue
        value = m.group("v").rstrip(".,:;-/")
        start = m.start("v")
        if any(c.isdigit() for c in value) and not any(s <= start < e for s, e, _ in found):
            found.append((start, start + len(value), value))
    found.sort()
    return tuple(dict.fromkeys(" ".join(v.split()) for _, _, v in found))


def _starts(text: str, anchors: Iterable[tuple[str, int]]) -> list[int]:
    """The positions, ascending, where a pattern whose every match holds one of the anchors' literals at
    the anchor's distance from the match's start can match. Finding the literals with str.find and trying
    the pattern only there is far cheaper than a regex search, which tries it at (nearly) every position."""
    found: list[int] = []
    for literal, shift in anchors:
        at = text.find(literal, shift)
        while at >= 0:
            found.append(at - shift)
            at = text.find(literal, at + 1)
    found.sort()
    return found


def _finditer(pattern: re.Pattern[str], text: str, anchors: Iterable[tuple[str, int]]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), the pattern tried only at _starts(text, anchors)."""
    end = 0
    for at in _starts(text, anchors):
        if at >= end and (m := pattern.match(text, at)) is not None:
            yield m
            end = m.end()


def _municipality_name(place: str | None, region: str | None) -> str | None:
    if region:
        region = " ".join(region.split())
        return region[:-1] if region.endswith("s") else region  # "Region Skånes" is a genitive
    if not place:
        return None
    place = " ".join(place.split())
    if place.split()[0] in _NOT_PLACES or place.lower().endswith(_NOT_PLACE_SUFFIXES):
        return None
    if place.endswith("s") and place not in NOMINATIVE_S:
        place = place[:-1]  # genitive: "Stockholms stad", "Lunds kommun"
    return place


def _place_end(window: str) -> re.Match[str] | None:
    """The first place that ends `window` and is not preceded by a word character or hyphen: what a search
    of `(?:^|(?<=[^\\w-]))(?P<place>PLACE)[ \t\u00a0]*$` finds, tried at capital letters only (such a
    search tries its pattern at every position)."""
    for capital in _CAPITAL.finditer(window):
        at = capital.start()
        if at and (window[at - 1].isalnum() or window[at - 1] in "_-"):  # the lookbehind (?<=[^\w-])
            continue
        m = _PLACE_TO_END.match(window, at)
        if m is not None:
            return m
    return None


def _named(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, name, whether the mention is the council's own) for "X kommun", "X stad", "X
    kommunfullmäktige" and "Region X"."""
    for m in _finditer(_KIND, text, _KIND_ANCHORS):
        window = text[max(0, m.start() - 40) : m.start()]
        before = _place_end(window)
        if before is None:
            continue
        name = _municipality_name(before.group("place"), None)
        if name is not None:
            yield m.start() - len(window) + before.start(), name, m.group("kind").startswith("kommunfull")
    for m in _REGION.finditer(text):
        name = _municipality_name(None, m.group())
        if name is not None:
            yield m.start(), name, False


def municipality(
    text: str, lines: Sequence[Line], signed: str | None = None, *, strong_only: bool = False
) -> str | None:
    """The municipality or region the text is addressed to or speaks for, as its plain name:
    "kommunfullmäktige i Umeå", "Karlstads kommunfullmäktige", a letterhead line "Solna stad", or
    else of the mentions of "X kommun", "X stad" or "Region X" the place where the motion was signed,
    or (unless `strong_only`) the most mentioned."""
    for m in _finditer(_COUNCIL_IN, text, _COUNCIL_ANCHORS):
        place = m.group("place")
        name = _municipality_name(place, m.group("region"))
        if name is not None:
            return name
    named = sorted(_named(text))
    for _, name, council in named:
        if council:
            return name
    regions = [name for _, name, _ in named if name.startswith("Region ")]
    if regions and "regionfullmäktige" in text.lower():
        return Counter(regions).most_common(1)[0][0]  # a motion to a regional council
    for line in lines:
        clean = line.clean
        if clean and len(clean) < 50 and clean[0].isupper() and (clean.startswith("Region ") or _KIND.search(clean)):
            alone = sorted(_named(clean))
            if len(alone) == 1 and (alone[0][0] == 0 or clean.startswith("Region ")) and _ends_name(clean):
                return alone[0][1]
    if not named:
        return None
    counts: Counter[str] = Counter(name for _, name, _ in named)
    if not counts or (strong_only and signed not in counts):
        return None
    if signed in counts:
        return signed
    first = {name: offset for offset, name, _ in reversed(named)}
    return max(counts, key=lambda n: (counts[n], -first[n]))


def _ends_name(clean: str) -> bool:
    """A line that is only a municipality's or region's name ("Solna stad", "Region Skåne")."""
    words = clean.split()
    return len(words) <= 4 and (words[-1].lower() in {"kommun", "stad"} or words[0] == "Region")


def signing_place(lines: Sequence[Line]) -> str | None:
    """The place in a place-and-date line ("Solna den 9 juni 2025", "Eskilstuna i september 2025"),
    where a motion was signed."""
    for line in lines:
        clean = line.clean
        if not clean or not clean[0].isupper() or len(clean) > 60:
            continue
        if "20" not in clean and "19" not in clean:
            continue  # both forms end in a year, 19xx or 20xx
        month = _place_month(clean.rstrip(" ."))
        if month is not None:
            place: str | None = month.group("place")
        else:
            place = None
            for d in line_dates(line):
                before = clean[: d.start].strip()
                if before and not clean[d.end :].strip(" .,") and _PLACE_PREFIX.fullmatch(before):
                    place = _DEN_END.sub("", before)
                    break
        if place and place.split()[0] not in _NOT_PLACES and place.lower() not in {"datum", "date"}:
            return place
    return None


def _place_month(text: str) -> re.Match[str] | None:
    """_PLACE_MONTH.fullmatch(text), tried only when the word before the last is a month and the one
    before that does not start with a digit (it is a place's word, "i", "den" or ","): the pattern
    backtracks over every way of splitting the line before it fails (as on "Solna den 3 mars 2025")."""
    words = text.rsplit(None, 3)  # the month and the year stand after whitespace, as the pattern's \s+
    if len(words) < 3 or _MONTH_WORD.fullmatch(words[-2]) is None or words[-3][:1].isdecimal():
        return None
    return _PLACE_MONTH.fullmatch(text)


def party_place(text: str) -> str | None:
    """The place in "Socialdemokraterna i Botkyrka", "Vänsterpartiet Eskilstuna": the local party's home."""
    pos = 0
    for at in _starts(text, _PARTY_ANCHORS):  # what _PARTY_PLACE.search(text, pos) would try, in order
        if at < pos or (m := _PARTY_PLACE.match(text, at)) is None:
            continue
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):  # inside a word (\b): look on from the next
            pos = at + 1
            continue
        place = m.group("place")
        name = _municipality_name(None, place) if place.startswith("Region") else _municipality_name(place, None)
        if name is not None:
            return name
        pos = m.end()
    return None
