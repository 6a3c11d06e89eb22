"""A .pdf → plain text from its text layer, page by page, paragraphs kept and hyphenation undone."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from checker.errors import InputError
from checker.reading.limits import Limits, count_label

BROKEN = "PDF-filen är skadad eller inte en PDF"
ENCRYPTED = "PDF-filen är lösenordsskyddad – lämna in en olåst PDF eller texten som .txt/.docx"
SCANNED = "PDF-filen saknar textlager (skannad bild?) – kör OCR eller lämna in texten som .txt/.docx"

# Words that follow a hyphen kept open, as in "miljö- och klimatarbete".
_OPEN_HYPHEN_NEXT = frozenset({"och", "eller", "samt", "respektive", "resp", "som", "till", "men", "liksom"})
_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n[ \t]*(\w+)")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_COLUMN_GAP = 6  # spaces in layout mode that separate columns (side-by-side signatures), not words
_BLANK_RUN = re.compile(r"\n{3,}")


def pdf_text(data: bytes, file: str, limits: Limits) -> str:
    """The text layer of a PDF; InputError when it is broken, locked, too long or has no text."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(file, BROKEN)
    from pypdf import PdfReader

    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise InputError(file, ENCRYPTED)
            count = len(reader.pages)
            if count > limits.max_pdf_pages:
                raise InputError(
                    file, f"PDF-filen har {count_label(count)} sidor, fler än gränsen {limits.max_pdf_pages}"
                )
            pages: list[str] = []
            total = 0
            for page in reader.pages:
                text = _page_text(page)
                total += len(text)
                if total > limits.max_text_chars:
                    raise InputError(
                        file, f"PDF-filens text är längre än gränsen {count_label(limits.max_text_chars)} tecken"
                    )
                pages.append(text)
        except InputError:
            raise
        except Exception as exc:  # pypdf raises many kinds on a damaged file; all mean the same here
            raise InputError(file, BROKEN) from exc
    if count == 0:
        raise InputError(file, "PDF-filen har inga sidor")
    text = _join_pages(pages)
    if not any(ch.isalpha() for ch in text):
        raise InputError(file, SCANNED)
    return text


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf warns and logs about every irregularity it repairs; the user gets our one line instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _opens_without_password(reader: Any) -> bool:
    """Owner-password-only PDFs (printing/copying restricted) open with the empty user password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the cryptography package: treat as locked
        return False


def _page_text(page: Any) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is stricter about fonts; plain mode still reads most pages
        text = page.extract_text()
    return _tidy_layout(text or "")


def _tidy_layout(text: str) -> str:
    """Layout-mode text → lines without indentation, word gaps as one space, column gaps as a tab."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        lines.append(_SPACE_RUN.sub(lambda m: "\t" if len(m.group()) >= _COLUMN_GAP else " ", line))
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def _join_pages(pages: list[str]) -> str:
    text = ""
    for page in pages:
        if not page.strip():
            continue
        if not text:
            text = page
        elif re.search(r"\w-$", text) and page[:1].islower():
            text += "\n" + page  # a word hyphenated across the page break; joined below
        else:
            text += "\n\n" + page
    return join_hyphenated(text)


def join_hyphenated(text: str) -> str:
    """Undo end-of-line hyphenation: "desinforma-\\ntion" → "desinformation", keep "EU-projekt", "miljö- och"."""

    def repl(m: re.Match[str]) -> str:
        before, word = m.group(1), m.group(2)
        if word.lower() in _OPEN_HYPHEN_NEXT:
            return f"{before}- {word}"
        if before.islower() and word[:1].islower():
            return before + word
        return f"{before}-{word}"

    return _HYPHEN_BREAK.sub(repl, text)
