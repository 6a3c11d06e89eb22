"""Who signed a motion: names with party abbreviations, in the forms Swedish motions use.

"Gunnar Ihrén (L)", "Gunnar Ihrén och Anders Ekegren (L)", "Anna Svensson, S", a name line followed
by a party line ("*Liberalerna*"), a party line followed by names ("För Vänsterpartiet", or
"Sverigedemokraterna i Region Skåne"), "För Vänsterpartiet / Anna Svensson", and names side by side
in columns (a Word table or a PDF) with the parties in the next line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from checker.models import Signatory
from checker.reading.lines import Line, clean_markup
from checker.vocabulary import MONTHS, PARTY_NAMES, PARTY_WORDS, WEEKDAYS_SV

ABBREVIATIONS: dict[str, str] = {
    "S": "S",
    "M": "M",
    "SD": "SD",
    "C": "C",
    "V": "V",
    "KD": "KD",
    "L": "L",
    "MP": "MP",
    "FP": "L",
}
# Words that may follow a party's name on its line: "i Solna", "de gröna", "Vänsterpartiet Östersund genom".
_PARTY_NAME_WORDS = frozenset(
    {"i", "de", "gröna", "samlingspartiet", "arbetarepartiet", "arbetarpartiet", "liberalerna", "genom", "gm"}
)
_LOCAL_PARTY_SUFFIXES = ("partiet", "listan", "alliansen")
_PARTICLES = frozenset(
    {"von", "van", "af", "de", "der", "den", "la", "le", "da", "di", "del", "el", "al", "bin", "ibn", "du", "zu"}
)
# Capitalised words that are not parts of a person's name in a signature block.
_NOT_NAMES = frozenset(
    [
        "kommunfullmäktige",
        "regionfullmäktige",
        "fullmäktige",
        "kommunstyrelsen",
        "regionstyrelsen",
        "kommunstyrelse",
        "motion",
        "motionen",
        "motionär",
        "motionärer",
        "datum",
        "dnr",
        "diarienummer",
        "stad",
        "staden",
        "kommun",
        "kommunen",
        "region",
        "regionen",
        "ordförande",
        "gruppledare",
        "kommunalråd",
        "oppositionsråd",
        "regionråd",
        "ledamot",
        "ledamöter",
        "ersättare",
        "vice",
        "för",
        "till",
        "med",
        "och",
        "att",
        "om",
        "den",
        "det",
        "på",
        "av",
        "bilaga",
        "sida",
        "sammanfattning",
        "bakgrund",
        "handlingar",
        "beslut",
        "förslag",
        "yrkande",
        "yrkanden",
        "ämne",
        "rubrik",
        "ärende",
        "tjänsteskrivelse",
        "protokoll",
        "nämnd",
        "nämnden",
        "styrelsen",
        "förvaltningen",
        "sverige",
        "svenska",
        *MONTHS["sv"],
        *WEEKDAYS_SV,
        *PARTY_WORDS,
    ]
)
_NOT_NAME_SUFFIXES = ("förvaltningen", "nämnden", "styrelsen", "fullmäktige", "partiet", "kontoret")
_SPELLED_OUT = re.compile(r"(?P<name>[^()]+?)\s*\((?P<abbr>[^\W\d_]{1,6})\)")
_PAREN = re.compile(r"\(([^()\n]{1,40})\)")
_SEPARATOR = re.compile(r"\s*(?:,|&|/|\boch\b|\bsamt\b)\s*")
_FOR = re.compile(r"^för\s+(?P<rest>.+)$", re.I)
_CELL_GAP = re.compile(r"\t+|[ \u00a0]{3,}")
_ABBREV_SHAPE = re.compile(r"[^\W\d_]{1,6}")
_PARTY_PREFIXES = tuple(name for name, _ in PARTY_NAMES)


def _split_cells(text: str) -> list[str]:
    """_CELL_GAP.split(text), the regex searched only when the text has a tab, a no-break space or three
    spaces in a row (its search tries the pattern at every position; most lines have no gap)."""
    if "\t" in text or "\u00a0" in text or "   " in text:
        return _CELL_GAP.split(text)
    return [text]


def _split_names(text: str) -> list[str]:
    """_SEPARATOR.split(text), the regex searched only when the text holds a separator's literal."""
    if "," in text or "&" in text or "/" in text or "och" in text or "samt" in text:
        return _SEPARATOR.split(text)
    return [text]


def party_abbreviation(written: str) -> str | None:
    """S, M, SD, C, V, KD, L, MP for a parliamentary party's name or abbreviation; None otherwise."""
    text = clean_markup(written).strip(" ()[].,:;")
    if text.upper() in ABBREVIATIONS and (len(text) <= 2 or text.isupper()):
        return ABBREVIATIONS[text.upper()]
    lowered = text.lower()
    if not lowered.startswith(_PARTY_PREFIXES):  # one call for what is usually no party
        return None
    for name, abbreviation in PARTY_NAMES:
        if lowered.startswith(name):
            return abbreviation
    return None


def party_of_line(text: str) -> str | None:
    """The party a line names on its own ("*Liberalerna*", "(S)", "Vänsterpartiet i Umeå", "Solnapartiet",
    "Norrtäljes Framtid (NF)")."""
    text = clean_markup(text)
    spelled = _SPELLED_OUT.fullmatch(text)
    if spelled is not None:
        initials = "".join(w[0] for w in spelled.group("name").split() if w[0].isupper())
        if initials.upper() == spelled.group("abbr").upper():
            return party_abbreviation(spelled.group("abbr")) or spelled.group("abbr")
    text = text.strip(" ()[].,:;")
    if not text:
        return None
    words = text.split()
    known = party_abbreviation(text)
    if known is not None:
        # "Liberalerna", "Liberalerna i Solna", "Miljöpartiet de gröna": the party and at most a place,
        # not a sentence such as "Liberalerna föreslår därför".
        if len(words) <= 5 and all(w[0].isupper() or w.lower() in _PARTY_NAME_WORDS for w in words[1:]):
            return known
        return None
    if len(words) <= 4 and any(w.lower().endswith(_LOCAL_PARTY_SUFFIXES) for w in words[:2]) and words[0][0].isupper():
        return text
    return None


def _paren_party(written: str) -> str | None:
    """The party in "(…)" after a name: a known one by abbreviation, a local one as written."""
    known = party_abbreviation(written)
    if known is not None:
        return known
    text = written.strip()
    if _ABBREV_SHAPE.fullmatch(text) and text[0].isupper():
        return text  # a local party's abbreviation, e.g. (SoP)
    if party_of_line(text) is not None:
        return text
    return None


def _is_name_token(token: str) -> bool:
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return True  # an initial
    for part in token.split("-"):
        letters = part.replace("’", "").replace("'", "")
        if len(letters) < 2 or not letters.isalpha() or not letters[0].isupper() or letters.isupper():
            return False
    lowered = token.lower()
    return lowered not in _NOT_NAMES and not lowered.endswith(_NOT_NAME_SUFFIXES)


def is_name(text: str) -> bool:
    """A person's name: two to five capitalised words, particles such as "von" allowed inside."""
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in _PARTICLES or words[-1].lower() in _PARTICLES:
        return False
    proper = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _is_name_token(word):
            return False
        proper += 1
    return proper >= 2


def _trailing_name(text: str) -> str | None:
    """The longest name that ends the text ("Stöd från Gunnar Ihrén" → "Gunnar Ihrén")."""
    words = text.split()
    for size in range(min(5, len(words)), 1, -1):
        candidate = " ".join(words[-size:])
        if is_name(candidate):
            return candidate
    return None


def _names_before(segment: str) -> list[str]:
    """Names in "A, B och C" just before a party in parentheses; one role between name and party is skipped."""
    chunks = [c.strip() for c in _split_names(segment) if c.strip()]
    names: list[str] = []
    for position, chunk in enumerate(reversed(chunks)):
        if is_name(chunk):
            names.append(chunk)
            continue
        tail = _trailing_name(chunk)
        if tail is not None:
            names.append(tail)
            break  # the name began inside this chunk; what precedes it is prose
        if names or position > 0:
            break
        # "Anna Svensson, gruppledare (S)": skip the role just before the party
    names.reverse()
    return names


def names_with_parties(text: str) -> list[Signatory]:
    """Every "Name (Party)" and "Name och Name (Party)" in a line."""
    found: list[Signatory] = []
    last = 0
    for m in _PAREN.finditer(text):
        party = _paren_party(m.group(1))
        segment = text[last : m.start()]
        last = m.end()
        if party is None:
            continue
        found.extend(Signatory(name=name, party=party) for name in _names_before(segment))
    return found


class _Block:
    """Signatories collected line by line, a party line attaching to the names just above it."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.parties: dict[str, str | None] = {}
        self.open: list[str] = []  # names still waiting for a party line below them
        self.pending: str | None = None  # party announced above the names ("För Vänsterpartiet")

    def add(self, name: str, party: str | None) -> None:
        if name not in self.parties:
            self.names.append(name)
            self.parties[name] = None
        if party is not None:
            self.parties[name] = party
        elif self.pending is not None:
            self.parties[name] = self.pending
        else:
            self.open.append(name)

    def party_line(self, party: str) -> None:
        if self.open:
            for name in self.open:
                self.parties[name] = party
            self.open.clear()
        else:
            self.pending = party

    def result(self) -> tuple[Signatory, ...]:
        return tuple(Signatory(name=n, party=self.parties[n]) for n in self.names)


def _line_into(block: _Block, text: str) -> None:
    text = text.strip()
    if not text:
        return
    m = _FOR.match(text)
    if m is not None:
        rest = m.group("rest")
        head, _, tail = rest.partition("/")
        party = party_of_line(head)
        if party is not None:
            if tail.strip():
                for chunk in _split_names(tail):
                    if is_name(chunk.strip()):
                        block.add(chunk.strip(), party)
            else:
                block.pending = party
            return
    spelled = party_of_line(text) if "(" in text else None
    if spelled is not None:
        block.party_line(spelled)
        return
    paired = names_with_parties(text)
    if paired:
        for signatory in paired:
            block.add(signatory.name, signatory.party)
        return
    chunks = [c.strip() for c in text.split(",")]
    if len(chunks) > 1 and is_name(chunks[0]):
        party = next((p for p in (party_of_line(c) or _short_party(c) for c in chunks[1:]) if p), None)
        block.add(chunks[0], party)
        return
    if is_name(text):
        block.add(text, None)
        return
    party = party_of_line(text)
    if party is not None:
        block.party_line(party)


def _short_party(text: str) -> str | None:
    """ "S" or "KD" after a comma ("Anna Svensson, S")."""
    return ABBREVIATIONS.get(text) if text.isupper() else None


def signatories(lines: Sequence[Line], skip: Iterable[int] = ()) -> tuple[Signatory, ...]:
    """The signatories in a block of lines (the part of a motion after its att-satser)."""
    block = _Block()
    skipped = set(skip)
    rows = [line for line in lines if not line.blank and line.index not in skipped]
    i = 0
    while i < len(rows):
        row = rows[i]
        cells = [clean_markup(c) for c in _split_cells(row.raw.strip()) if c.strip()]
        if len(cells) > 1:
            following = (
                [clean_markup(c) for c in _split_cells(rows[i + 1].raw.strip()) if c.strip()]
                if i + 1 < len(rows)
                else []
            )
            parties = [party_of_line(c) for c in following]
            if len(following) == len(cells) and all(parties) and all(is_name(c) for c in cells):
                for name, party in zip(cells, parties, strict=True):
                    block.add(name, party)
                i += 2
                continue
            for cell in cells:
                _line_into(block, cell)
        else:
            _line_into(block, row.clean)
        i += 1
    return block.result()
