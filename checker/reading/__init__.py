"""The reading stage: a proposal file (.txt, .md, .docx, .pdf) → Proposal, or one clear InputError.

Limits are module constants, read at each call (tests and embedders may lower them):
MAX_BYTES for the file, MAX_TEXT_CHARS for the extracted text, MAX_DOCX_* for the zip inside a
.docx (zip bombs) and MAX_PDF_PAGES for a PDF.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from checker.bounded import Refused, read_regular
from checker.errors import InputError, printable
from checker.models import Proposal
from checker.reading.decode import decode_bytes, normalize_text
from checker.reading.limits import Limits, count_label
from checker.reading.structure import build_proposal, parse_text

__all__ = [
    "FACTS_SUFFIXES",
    "MAX_BYTES",
    "MAX_DOCX_MEMBERS",
    "MAX_DOCX_RATIO",
    "MAX_DOCX_UNCOMPRESSED",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "PROPOSAL_SUFFIXES",
    "parse_text",
    "read_proposal",
    "read_proposal_text",
]

MAX_BYTES = 10 * 1024 * 1024  # an input file; a long motion with images is well under 1 MB
MAX_TEXT_CHARS = 2_000_000  # extracted text: about 600 pages of prose
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024  # all parts of a .docx together, unpacked
MAX_DOCX_RATIO = 100  # unpacked/packed for one part; Word's XML packs about 5–20 times
DOCX_RATIO_MIN_SIZE = 1024 * 1024  # small parts may pack better; the ratio is checked from 1 MB up
MAX_DOCX_MEMBERS = 2_000  # parts in a .docx; Word writes a dozen plus one per image
MAX_PDF_PAGES = 300

PROPOSAL_SUFFIXES = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
FACTS_SUFFIXES = (".json", ".yaml", ".yml")
_ALLOWED = ".txt, .md, .docx, .pdf, .json, .yaml"
_OLD_FORMATS = {
    ".doc": "det äldre Word-formatet .doc läses inte – spara om filen som .docx eller .pdf",
    ".rtf": "RTF-filer läses inte – spara om filen som .docx eller .txt",
    ".odt": "OpenDocument-filer (.odt) läses inte – spara om filen som .docx eller .pdf",
}


def _limits() -> Limits:
    return Limits(
        max_bytes=MAX_BYTES,
        max_text_chars=MAX_TEXT_CHARS,
        max_docx_uncompressed=MAX_DOCX_UNCOMPRESSED,
        max_docx_ratio=MAX_DOCX_RATIO,
        docx_ratio_min_size=DOCX_RATIO_MIN_SIZE,
        max_docx_members=MAX_DOCX_MEMBERS,
        max_pdf_pages=MAX_PDF_PAGES,
    )


def read_proposal(path: Path) -> Proposal:
    """Read a motion from .txt, .md, .docx or .pdf; InputError with one Swedish line when it cannot be read."""
    return read_proposal_text(path)[0]


def read_proposal_text(path: Path) -> tuple[Proposal, str]:
    """read_proposal, and the input's text as decoded (for .txt and .md: before normalisation, without a
    byte-order mark; what the evidence's input offsets index), from one read of the file."""
    limits = _limits()
    file = printable(path)
    suffix = path.suffix.lower()
    if suffix in FACTS_SUFFIXES:
        raise InputError(file, f"{suffix}-filer är faktafiler, inte motionstext – ange dem som faktafil")
    if suffix in _OLD_FORMATS:
        raise InputError(file, _OLD_FORMATS[suffix])
    if suffix not in PROPOSAL_SUFFIXES:
        found = f"okänt filformat {suffix}" if suffix else "filnamnet saknar filändelse"
        raise InputError(file, f"{found} – tillåtna: {_ALLOWED}")
    fmt = PROPOSAL_SUFFIXES[suffix]
    data = _read_bytes(path, file, limits.max_bytes)
    if not data:
        raise InputError(file, "filen är tom")
    digest = hashlib.sha256(data).hexdigest()

    encoding: str | None = None
    if fmt == "docx":
        from checker.reading.word import docx_text

        text = docx_text(data, file, limits)
    elif fmt == "pdf":
        from checker.reading.pdf import pdf_text

        text = pdf_text(data, file, limits)
    else:  # decode_bytes imported at the top (its module is loaded for normalize_text anyway)
        text, encoding = decode_bytes(data, file, suffix)
    decoded = text.removeprefix("\ufeff") if encoding is not None else None
    text = normalize_text(text)
    if not text.strip():
        raise InputError(file, "filen innehåller ingen text, bara blanktecken")
    if len(text) > limits.max_text_chars:
        raise InputError(file, f"texten är längre än gränsen {count_label(limits.max_text_chars)} tecken")
    notes = () if encoding in (None, "utf-8") else (f"teckenkodning: {encoding}",)
    proposal = build_proposal(text, path=file, fmt=fmt, sha256=digest, encoding=encoding, notes=notes, normalized=True)
    return proposal, proposal.text if decoded is None else decoded


def _read_bytes(path: Path, file: str, max_bytes: int) -> bytes:
    """The file's bytes: a regular file only (a FIFO or device is refused, never opened blocking)."""
    try:
        return read_regular(path, max_bytes)
    except Refused as exc:
        raise InputError(file, str(exc)) from None
