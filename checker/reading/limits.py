"""Size limits applied while reading, passed explicitly so each call sees the values of its moment."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int
    max_text_chars: int
    max_docx_uncompressed: int
    max_docx_ratio: int
    docx_ratio_min_size: int
    max_docx_members: int
    max_pdf_pages: int


def size_label(n: int) -> str:
    """A byte count in Swedish: "10 MB", "1,5 MB", "900 KB", "100 byte"."""
    mib = 1024 * 1024
    if n >= mib:
        value, unit = n / mib, "MB"
    elif n >= 1024:
        value, unit = n / 1024, "KB"
    else:
        return f"{n} byte"
    text = f"{value:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} {unit}"


def count_label(n: int) -> str:
    """An integer with Swedish thousands separators: 2 000 000."""
    return f"{n:,}".replace(",", " ")
