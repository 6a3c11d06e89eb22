"""Plain text → Proposal: where the motion stands, its title, att-satser, signatories, dates and numbers.

Rules of thumb, not tuned to one document:
- A motion is found by its heading ("MOTION", "Motion om …", "Motion till kommunfullmäktige"), or
  else by "Ämne:"/"Till kommunfullmäktige", or else as the last block of att-satser with
  signatures. When text that reads like a protocol or tjänsteskrivelse surrounds it, the motion's
  span is recorded in body_start/body_end and a note says so.
- Att-satser are lines beginning "att" after an introducing sentence ("… föreslår därför:", "Vi
  yrkar", "föreslår kommunfullmäktige besluta"), list items after such a sentence ("- att …",
  "1. …"), marked "att" items anywhere, or inline ("Jag yrkar att X, samt att Y.").
- Signatories are read from the lines after the att-satser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.models import AttSats, Proposal, Signatory
from checker.reading.decode import normalize_text
from checker.reading.lazy import lazy_pattern
from checker.reading.lines import Line, clean_markup, paragraph_text, split_lines
from checker.reading.metadata import (
    all_dates,
    diary_numbers,
    line_dates,
    municipality,
    party_place,
    signing_place,
    submitted_date,
)
from checker.reading.signatories import is_name, names_with_parties, party_of_line, signatories
from checker.typos import near_form, typo_spans
from checker.vocabulary import PARTY_WORDS

_ATT_LINE = re.compile(r"att\s", re.I)
_CUE = re.compile(
    r"\b(?:yrka[rs]?|yrkande[n]?|föreslå[rs]?|hemställ(?:er|an|s)|begär|förslag till beslut|besluta[r]?"
    r"|vill (?:jag|vi)(?: därför)?|vill därför|att-satser)\b",
    re.I,
)
# Last words of a sentence that hands over to the att-satser on the next line.
_HANDOVER = frozenset(
    [
        "yrkar",
        "yrkas",
        "yrkande",
        "yrkanden",
        "föreslår",
        "föreslås",
        "hemställer",
        "besluta",
        "beslutar",
        "därför",
        "härmed",
        "följande",
        "fullmäktige",
        "kommunfullmäktige",
        "regionfullmäktige",
        "landstingsfullmäktige",
        "att",
    ]
)
# A sentence that asks the council for a decision, which outranks one that merely proposes.
_DECIDE = re.compile(
    r"\b(?:besluta[r]?|yrka[rs]?|yrkande[n]?|hemställ(?:er|an)|(?:kommun|region|landstings)?fullmäktige"
    r"|föreslår\s+(?:därför|härmed)|förslag till beslut|att-satser)\b",
    re.I,
)
_NOT_WORD = re.compile(r"[^\w-]")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_RANK = {"decide": 4, "cue": 3, "weak": 2, "colon": 1, "": 0}
_INLINE_CUE = lazy_pattern(globals(), "_INLINE_CUE", r"\b(?:yrkar|hemställer|föreslår)\b", re.I)
_FIRST_PERSON = lazy_pattern(
    globals(),
    "_FIRST_PERSON",
    r"\b(?:jag|vi|undertecknad(?:e)?|motionär(?:en|erna)|härmed|därför|" + "|".join(PARTY_WORDS) + r"|\w+partiet)\b",
    re.I,
)
_COUNCIL_AFTER = lazy_pattern(
    globals(), "_COUNCIL_AFTER", r"\s+(?:därför\s+|härmed\s+)?(?:kommun|region|landstings)?fullmäktige\b", re.I
)
_ATT_WORD = re.compile(r"\batt\b", re.I)
_SENTENCE_END = lazy_pattern(globals(), "_SENTENCE_END", r"[.!?](?=\s+[A-ZÅÄÖ\"”]|\s*$)|\n[ \t]*\n")
_INLINE_NEXT = lazy_pattern(
    globals(), "_INLINE_NEXT", r"(?:[,;]\s*(?:samt\s+|och\s+|dels\s+)?|\s+samt\s+)(att)\b", re.I
)
_DECISION_FORMULA = lazy_pattern(
    globals(),
    "_DECISION_FORMULA",
    r"att\s+(?:kommun|region|landstings)?fullmäktige\s+(?:måtte\s+)?(?:beslutar|besluta)\s*:?\s+(att)\b",
    re.I,
)

_MOTION_HEADING = re.compile(
    r"motion(?:\s*[:–—-].*|\s+(?:om|angående|gällande|avseende|rörande|beträffande|till|av|från|för|nr|med)\b.*"
    r"|\s*\d.*)?",
    re.I,
)
_MOTION_SPECIFIC = re.compile(r"motion\s+(?:om|angående|gällande|avseende|rörande|beträffande|för|av)\b", re.I)
_MOTION_COLON = re.compile(r"motion\s*[:–—-]\s*(?P<rest>.+)", re.I)
_SUBJECT = re.compile(r"(?:ämne|rubrik|ärende|angående)\s*:\s*(?P<rest>.+)", re.I)
_ADDRESSEE = re.compile(r"till\s+(?:kommun|region|landstings)?fullmäktige\b.*", re.I)
_MEETING = lazy_pattern(
    globals(),
    "_MEETING",
    r"tjänsteskrivelse|tjänsteutlåtande|protokoll|sammanträde|beslutsgång|reservation|förslag till beslut"
    r"|svar på motion|beslutsunderlag|expedieras|§\s*\d+",
    re.I,
)
_SECTION_BREAK = re.compile(
    r"(?:tjänsteskrivelse|tjänsteutlåtande|protokoll|beslutsunderlag|handlingar|bakgrund|ärendet|beredning"
    r"|sammanfattning|förslag till beslut|beslutsgång|reservation(?:er)?|bilaga\b.*|§\s*\d+.*)",
    re.I,
)
_DNR_LINE = re.compile(r"(?:dnr|diarienummer|diarienr)\b", re.I)
_LARGER_AFTER_LINES = 25  # this many lines before the motion's heading make a document larger than the motion


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Group:
    intro: str  # "decide", "cue", "weak", "colon" or "" (list marks only); see _intro
    items: list[_Item]


def parse_text(text: str, *, path: str, fmt: str, sha256: str, encoding: str | None = None) -> Proposal:
    """The structure of a motion (or of a meeting document holding one) from its plain text."""
    return build_proposal(text, path=path, fmt=fmt, sha256=sha256, encoding=encoding)


def build_proposal(
    text: str,
    *,
    path: str,
    fmt: str,
    sha256: str,
    encoding: str | None = None,
    notes: Sequence[str] = (),
    normalized: bool = False,
) -> Proposal:
    """The Proposal of a text; `normalized` when it is already normalize_text's output (read_proposal_text)."""
    if not normalized:
        text = normalize_text(text)
    lines = split_lines(text)
    heading, larger = _motion_start(lines, text)
    groups = _att_groups(lines, heading or 0, len(lines))
    if heading is None:
        first, larger = _start_from_att_groups(lines, text, groups)
        groups = [g for g in groups if lines_index(lines, g.items[0].start) >= first]
    else:
        first = heading
    items = _select(groups) or _inline_att(lines, text, first, len(lines))

    after = lines_index(lines, items[-1].end) + 1 if items else first + 1
    stop = _section_break(lines, after, len(lines))
    if stop < len(lines) and _MEETING.search(text, lines[stop].start):
        larger = True
    last = stop if larger else len(lines)
    span = lines[first:last]
    tail = lines[after:last] if items else _last_nonblank(span, 15)

    body_start = lines[first].start if larger else 0
    body_end = len(text[: lines[last].start].rstrip()) if larger and last < len(lines) else len(text)
    all_notes = list(notes)
    if larger:
        all_notes.append(f"motionen hittades i ett större dokument (tecken {body_start}–{body_end})")
    att_satser = tuple(_att_sats(text, n, item) for n, item in enumerate(items, 1))
    signers = signatories(tail) or _signatories_from_heading(span)
    return Proposal(
        path=path,
        format=fmt,
        text=text,
        sha256=sha256,
        title=_title(span, _line_above(lines, first)),
        body_start=body_start,
        body_end=body_end,
        att_satser=att_satser,
        signatories=signers,
        dates=all_dates(text),
        diary_numbers=diary_numbers(text),
        submitted=submitted_date(span, tail),
        municipality=_municipality(text, lines, span, body_start, body_end),
        encoding=encoding,
        notes=tuple(all_notes),
    )


def _municipality(text: str, lines: Sequence[Line], span: Sequence[Line], start: int, end: int) -> str | None:
    """From the motion itself first, then from the whole document, then where it was signed."""
    signed = signing_place(span)
    return (
        municipality(text[start:end], span, signed, strong_only=True)
        or party_place(text[start:end])
        or signed
        or municipality(text[start:end], span)
        or municipality(text, lines)
    )


def lines_index(lines: Sequence[Line], offset: int) -> int:
    """The index of the line holding a text offset."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --------------------------------------------------------------------------- where the motion stands


def _is_motion_heading(line: Line) -> bool:
    return (
        not line.marker
        and len(line.clean) <= 250
        and line.clean[:6].lower() == "motion"
        and _MOTION_HEADING.fullmatch(line.clean) is not None
    )


def _is_secondary_start(line: Line) -> bool:
    return not line.marker and bool(_SUBJECT.fullmatch(line.clean) or _ADDRESSEE.fullmatch(line.clean))


def _motion_start(lines: Sequence[Line], text: str) -> tuple[int | None, bool]:
    """The first line of the motion and whether other text (a protocol, a tjänsteskrivelse) precedes it.

    Of several headings ("MOTION" at the end of a meeting document, "Motion av … om …" in its list
    of documents) the motion's is the last one followed, before the next heading, by att-satser."""
    strong = [line.index for line in lines if _is_motion_heading(line)]
    candidates = strong or [line.index for line in lines if _is_secondary_start(line)]
    if not candidates:
        return None, False
    best, best_score = candidates[-1], -1
    for position, index in enumerate(candidates):
        stop = candidates[position + 1] if position + 1 < len(candidates) else len(lines)
        score = _proposal_score(lines, text, index, stop)
        if score >= best_score:
            best, best_score = index, score
    start = _cluster_start(lines, best)
    return start, _is_preceded_by_other_text(lines, text, start)


def _proposal_score(lines: Sequence[Line], text: str, index: int, stop: int) -> int:
    """3: att-satser in list form follow; 2: "att" lines; 1: a proposing word; 0: nothing."""
    if _has_att_group(lines, index + 1, stop):
        return 3
    if any(_is_att(line) for line in lines[index + 1 : stop]):
        return 2
    end = lines[stop - 1].end if stop > index + 1 else lines[index].end
    return 1 if _CUE.search(text, lines[index].end, end) else 0


def _cluster_start(lines: Sequence[Line], index: int) -> int:
    """Move up over a heading cluster ("MOTION" above "Ämne: …", "Motion till …" above "Motion om …")."""
    start = index
    seen = 0
    i = index - 1
    while i >= 0 and seen < 4:
        line = lines[i]
        if not line.blank:
            seen += 1
            if _is_motion_heading(line) or _is_secondary_start(line):
                start = i
            elif not (_is_header_line(line)):
                break
        i -= 1
    return start


def _is_header_line(line: Line) -> bool:
    """Letterhead lines that may stand between a motion's headings: dates, diary numbers, "Kommunfullmäktige"."""
    clean = line.clean
    if _DNR_LINE.match(clean) or clean.lower() in {"kommunfullmäktige", "regionfullmäktige", "fullmäktige"}:
        return True
    return any(d.start == 0 and d.end >= len(clean) - 1 for d in line_dates(line))


def _is_preceded_by_other_text(lines: Sequence[Line], text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[: lines[start].start]
    if _MEETING.search(before):
        return True
    return sum(1 for line in lines[:start] if not line.blank) > _LARGER_AFTER_LINES


def _start_from_att_groups(lines: Sequence[Line], text: str, groups: Sequence[_Group]) -> tuple[int, bool]:
    """Without a heading: the last block of att-satser followed by signatures, in a meeting document,
    starting at the nearest heading above it (unless that heading opens a tjänsteskrivelse section)."""
    if not _MEETING.search(text):
        return 0, False
    for group in reversed(groups):
        after = lines_index(lines, group.items[-1].end) + 1
        if not signatories(_first_nonblank(lines[after:], 8)):
            continue
        for i in range(lines_index(lines, group.items[0].start) - 1, 0, -1):
            line = lines[i]
            if line.hashed or line.heading:
                return (0, False) if _SECTION_BREAK.fullmatch(line.clean) else (i, True)
        return 0, False
    return 0, False


def _section_break(lines: Sequence[Line], start: int, stop: int) -> int:
    """The first line after the motion's end that opens another part of a document, else `stop`."""
    for i in range(start, stop):
        line = lines[i]
        if line.blank:
            continue
        if line.hashed or _is_motion_heading(line) or _SECTION_BREAK.fullmatch(line.clean):
            return i
    return stop


def _first_nonblank(lines: Sequence[Line], count: int) -> list[Line]:
    return [line for line in lines if not line.blank][:count]


def _last_nonblank(lines: Sequence[Line], count: int) -> list[Line]:
    found = [line for line in lines if not line.blank]
    return found[-count:]


# --------------------------------------------------------------------------- title


def _title(span: Sequence[Line], above: Line | None = None) -> str | None:
    """ "Ämne: …", a specific motion heading, the line after (or, as `above`, before) a generic one,
    or else the first line that reads like a title."""
    nonblank = [line for line in span if not line.blank]
    for line in nonblank:
        m = _SUBJECT.fullmatch(line.clean)
        if m is not None and not line.marker:
            return _tidy_title(m.group("rest"))
    for position, line in enumerate(nonblank[:10]):
        if not _is_motion_heading(line):
            continue
        colon = _MOTION_COLON.fullmatch(line.clean)
        if colon is not None:
            return _tidy_title(colon.group("rest"))
        if _MOTION_SPECIFIC.match(line.clean):
            return _tidy_title(line.clean)
        for following in nonblank[position + 1 : position + 5]:
            if _is_title_like(following):
                return _tidy_title(following.clean)
            if not (_is_header_line(following) or _ADDRESSEE.fullmatch(following.clean)):
                break
        if above is not None and _is_title_like(above):
            return _tidy_title(above.clean)  # "Erkänn Västsahara!" above "Motion till kommunfullmäktige"
    for line in nonblank[:8]:
        if _is_title_like(line):
            return _tidy_title(line.clean)
    return None


def _line_above(lines: Sequence[Line], first: int) -> Line | None:
    """The first line of a document when the motion's heading comes right after it."""
    above = [line for line in lines[:first] if not line.blank]
    return above[0] if len(above) == 1 else None


def _is_title_like(line: Line) -> bool:
    clean = line.clean
    if line.marker or not clean or len(clean) > 150 or len(clean.split()) > 16:
        return False
    if _is_motion_heading(line) or _ADDRESSEE.fullmatch(clean) or _is_header_line(line):
        return False
    if _MEETING.search(clean) or party_of_line(clean) is not None or _ATT_LINE.match(clean) or _CUE.search(clean):
        return False
    if line_dates(line) or is_name(clean) or names_with_parties(clean):
        return False
    if re.fullmatch(r"(?:[\w-]+\s+(?:kommun|stad)|Region\s+[\w\s-]+|\w*fullmäktige.*)", clean, re.I):
        return False
    return line.heading or not clean.endswith((".", ",", ";"))


def _tidy_title(text: str) -> str:
    return clean_markup(text).strip(" :–—-")


# --------------------------------------------------------------------------- att-satser


def _is_att(line: Line) -> bool:
    r"""_ATT_LINE.match(line.clean), without a regex call (asked of most lines, several times): only "a"
    and "A", "t" and "T" are equal to "a" and "t" ignoring case, and the pattern's \s is str.isspace."""
    clean = line.clean
    return clean[:3].lower() == "att" and clean[3:4].isspace()


def _att_groups(lines: Sequence[Line], first: int | None, stop: int) -> list[_Group]:
    """Runs of list-form att-satser between `first` and `stop`."""
    groups: list[_Group] = []
    i = first or 0
    floor = i
    while i < stop:
        line = lines[i]
        if not line.blank and (line.marker or _is_att(line)):
            intro = _intro(lines, i, floor)
            att = _is_att(line)
            if (att and (intro or line.marker)) or (line.marker and intro in ("decide", "cue")):
                items, i = _collect(lines, i, stop)
                groups.append(_Group(intro, items))
                continue
        i += 1
    return groups


def _has_att_group(lines: Sequence[Line], first: int, stop: int) -> bool:
    """bool(_att_groups(lines, first, stop)), without collecting the groups: whether a line qualifies as
    _att_groups's first item (a marked "att" line qualifies whatever introduces it)."""
    for i in range(first, stop):
        line = lines[i]
        if line.blank or not (line.marker or _is_att(line)):
            continue
        att = _is_att(line)
        if att and line.marker:
            return True
        intro = _intro(lines, i, first)
        if (att and intro) or (line.marker and intro in ("decide", "cue")):
            return True
    return False


def _intro(lines: Sequence[Line], index: int, floor: int) -> str:
    """What the text above a list item says about it, strongest first:
    "decide" — its last sentence asks for a decision ("… föreslår kommunfullmäktige besluta", "Vi yrkar");
    "cue" — its last sentence proposes ("Projektet föreslås ha tre mål:");
    "weak" — a proposing word stands earlier in a paragraph set apart by a blank line;
    "colon" — it only ends in a colon; "" — nothing introduces the item."""
    j = index - 1
    gap = False
    while j >= floor and lines[j].blank:
        j -= 1
        gap = True
    if j < floor:
        return ""
    above = lines[j]
    if above.marker or _is_att(above):
        return ""
    paragraph = paragraph_text(lines, j, floor)[-300:]
    last_sentence = _SENTENCE_SPLIT.split(paragraph)[-1]
    strength = "decide" if _DECIDE.search(last_sentence) else "cue" if _CUE.search(last_sentence) else ""
    # The misspelt proposing verbs in it ("Jag förslår:", "Vi yrker"), looked for only where they matter
    # (typo_spans is costly): to give a strength, or to read a misspelt last word.
    typos: list[str] | None = None
    if not strength:
        typos = [verb for _, _, verb in typo_spans(last_sentence)]
        if typos:
            strength = "cue" if typos[-1] == "föreslår" else "decide"
    ends = above.clean.rstrip("*_ ")
    if ends.endswith(":"):
        return strength or "colon"
    last_word = _NOT_WORD.sub("", ends.rsplit(" ", 1)[-1]).lower()
    near = near_form(last_word)
    if near is not None:
        if typos is None:
            typos = [verb for _, _, verb in typo_spans(last_sentence)]
        if typos:
            last_word = near or last_word
    if strength and (above.heading or last_word in _HANDOVER):
        return strength
    return "weak" if gap and _CUE.search(paragraph) else ""


def _collect(lines: Sequence[Line], index: int, stop: int) -> tuple[list[_Item], int]:
    items: list[_Item] = []
    kind = lines[index].marker
    k = index
    while True:
        start, end = lines[k].content, lines[k].end
        n = k + 1
        while n < stop and not lines[n].blank and _continues(lines[n - 1], lines[n]):
            end = lines[n].end
            n += 1
        items.append(_Item(start, end))
        after = n
        while n < stop and lines[n].blank:
            n += 1
        if n < stop and (_is_att(lines[n]) or (kind and lines[n].marker == kind)):
            if not lines[n].marker and _is_body_sentence(lines[n], lines[index]):
                return items, after
            k = n
            continue
        return items, after


# An att-sats wrapped just before an infinitive "att": "att kommunstyrelsen ges i uppdrag" / "att utreda …"
# is one att-sats. The line above ends with a word or phrase that takes "att" + infinitive or clause.
_TAKES_ATT = lazy_pattern(
    globals(),
    "_TAKES_ATT",
    r"(?:\buppdrag(?:et)?|\buppdras|\buppgift(?:en)?|\bmöjlighet(?:en)?|\bansvar(?:et)?|\bmandat(?:et)?"
    r"|\btillfälle|\bombeds|\buppmanas|\banmodas|\btillåts|\bverka för|\barbeta för|\bse till"
    r"|\bsträva efter|\bbeslut(?:a|ar)?\s+om|\bbesluta[r]?|\bi syfte|\bmed målet|\bså)$",
    re.I,
)


def _continues(previous: Line, line: Line) -> bool:
    """Whether a line carries on the att-sats above it (text wrapped at a fixed width, a PDF's line breaks)."""
    if line.marker or line.heading:
        return False
    before = previous.clean.rstrip("*_ ")
    if before.endswith((".", "!", "?", ":", ";")):
        return False
    clean = line.clean
    if _is_att(line):
        # "att utreda …" under "att kommunstyrelsen ges i uppdrag": the infinitive that completes it
        return clean.startswith("att") and _TAKES_ATT.search(before) is not None
    if is_name(clean) or names_with_parties(clean) or party_of_line(clean) is not None:
        return False
    # "den 31 december 2026." wrapped from "… senast": a lower-case line carries on even with a date;
    # a signature line ("Solna den 3 mars 2026", "2026-03-03") starts otherwise.
    return clean[:1].islower() or not line_dates(line)


# "Att detta är angeläget framgår av …": a sentence of the reasons that starts with "Att", not an att-sats.
_BODY_SENTENCE = lazy_pattern(
    globals(),
    "_BODY_SENTENCE",
    r"Att\s+(?:detta|det|denna|dessa|den|vi|jag|man|många|fler|allt|alla|vår|våra|mitt|min|vårt|ingen|inget)\s+"
    r"(?:\w+\s+){0,2}?(?:är|var|har|hade|kan|kunde|ska|skulle|bör|borde|blir|blev|finns|fanns|behövs|måste|inte)\b",
)


def _is_body_sentence(line: Line, first_item: Line) -> bool:
    """A line after a list of att-satser that belongs to the reasons: "Att detta är …" with a pronoun
    as subject, or a capital "Att" after att-satser that were written in lower case."""
    clean = line.clean
    if not clean.startswith("Att"):
        return False
    return _BODY_SENTENCE.match(clean) is not None or first_item.clean.startswith("att")


def _select(groups: Sequence[_Group]) -> list[_Item]:
    """The att-satser: the groups with the strongest introduction (see _intro). A list of a project's
    goals ("… med följande mål:") loses to the list that asks the council to decide."""
    if not groups:
        return []
    best = max(_RANK[g.intro] for g in groups)
    return [item for group in groups if _RANK[group.intro] == best for item in group.items]


def _inline_att(lines: Sequence[Line], text: str, first: int, stop: int) -> list[_Item]:
    """ "Jag yrkar att X, samt att Y." written in the running text. A paragraph that "yrkar" outranks
    one that only "föreslår", which may be prose about what others propose."""
    found: list[tuple[bool, list[_Item]]] = []
    i = first
    while i < stop:
        if lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < stop and not lines[j + 1].blank and not lines[j + 1].heading:
            j += 1
        strong, items = _inline_in(text, lines[i].content, lines[j].end)
        if items:
            found.append((strong, items))
        i = j + 1
    if any(strong for strong, _ in found):
        found = [(strong, items) for strong, items in found if strong]
    return [item for _, items in found for item in items]


def _inline_in(text: str, start: int, end: int) -> tuple[bool, list[_Item]]:
    items: list[_Item] = []
    cues = [(c.start(), c.end(), c.group().lower()) for c in _INLINE_CUE.finditer(text, start, end)]
    cues = sorted(cues + typo_spans(text, start, end))  # "Jag förslår att …" as "Jag föreslår att …"
    for cue_start, cue_end, verb in cues:
        sentence_start = max(text.rfind(".", start, cue_start) + 1, start)
        if verb == "föreslår" and not (
            _FIRST_PERSON.search(text, sentence_start, cue_start) or _COUNCIL_AFTER.match(text, cue_end)
        ):
            continue
        att = _ATT_WORD.search(text, cue_end, min(end, cue_end + 120))
        if att is None:
            continue
        stop = _SENTENCE_END.search(text, att.start(), end)
        clause_end = stop.end() if stop is not None and text[stop.start()] in ".!?" else end
        if stop is not None and text[stop.start()] == "\n":
            clause_end = stop.start()
        clause = text[att.start() : clause_end]
        if len(clause.split()) < 4:
            continue
        piece_start = att.start()
        formula = _DECISION_FORMULA.match(text, piece_start, clause_end)
        if formula is not None:  # "att kommunfullmäktige beslutar att ge …": the att-sats is "att ge …"
            piece_start = formula.start(1)
        for nxt in _INLINE_NEXT.finditer(text, att.end(), clause_end):
            items.append(_Item(piece_start, nxt.start()))
            piece_start = nxt.start(1)
        items.append(_Item(piece_start, clause_end))
        return verb != "föreslår", items
    return False, items


def _att_sats(text: str, number: int, item: _Item) -> AttSats:
    raw = text[item.start : item.end]
    # The run of whitespace, "*" and "_" that ends it is cut off: where a search for r"[\s*_]+$" would
    # start (that search tries the pattern at every position; this looks at the last few characters only).
    cut = len(raw)
    while cut and (raw[cut - 1] in "*_" or raw[cut - 1].isspace()):
        cut -= 1
    end = item.start + cut
    clause = clean_markup(text[item.start : end])
    return AttSats(number=number, text=clause, start=item.start, end=end)


# --------------------------------------------------------------------------- signatories


def _signatories_from_heading(span: Sequence[Line]) -> tuple[Signatory, ...]:
    """ "Motion av Gunnar Ihrén och Anders Ekegren (L) om …" when no signature block was found."""
    for line in [line for line in span if not line.blank][:6]:
        if _is_motion_heading(line):
            found = names_with_parties(line.clean)
            if found:
                return tuple(dict.fromkeys(found))
    return ()
