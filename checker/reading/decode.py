"""Bytes of a text file → str: the encoding is detected, never assumed; binary input is refused.

Order: byte-order mark, then UTF-16 without a mark (a regular pattern of NUL bytes), then strict
UTF-8, then the legacy 8-bit code pages a Swedish office actually produces. Windows-1252 is the
"ANSI" of Swedish Windows (Notepad, older Word "text only" exports) and a superset of ISO-8859-1
for printable characters; DOS code page 850 and Mac Roman are its rare competitors. Each candidate
is scored by how Swedish the decoded letters look (å ä ö count, mojibake such as "†„" or "Õ÷"
counts against), ties going to Windows-1252. Only when none of them is plausible do we ask
charset-normalizer, whose statistical guess is slower and less reliable on short texts.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from checker.errors import InputError

BINARY = "filen verkar vara binär, inte text"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "filen är en PDF men har filändelsen {suffix} – byt ändelse till .pdf"),
    (b"PK\x03\x04", "filen är en zip- eller Word-fil men har filändelsen {suffix} – byt ändelse till .docx"),
    (b"\xd0\xcf\x11\xe0", "filen är ett äldre Office-dokument (.doc) – spara om den som .docx eller .txt"),
    (b"{\\rtf", "filen är ett RTF-dokument – spara om den som .docx eller .txt"),
)

_LEGACY = ("cp1252", "cp850", "mac_roman")
_SWEDISH = frozenset("åäöÅÄÖéÉüÜ")
# Non-ASCII characters that are ordinary in Swedish prose and neither prove nor disprove an encoding.
_NEUTRAL = frozenset("–—’‘”“…§°«»\u00a0½¼¾²³·´àáèêëíïóôøæÆØÀÁÈÍÓÚúñçÇ€£×")
# C0/C1 control characters other than tab, newline, carriage return, form feed and DOS end-of-file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01
_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, BOM
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def decode_bytes(data: bytes, file: str, suffix: str = ".txt") -> tuple[str, str]:
    """The text of a text file and the name of its encoding; InputError when it is not text."""
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError(file, message.format(suffix=suffix))
    text, encoding = _decode(data, file)
    if not (encoding == "utf-8" and _no_controls_in_utf8(data)) and _looks_binary(text):
        raise InputError(file, BINARY)
    return text, encoding


# Every byte value but those of _CONTROL's C0 characters (and DEL), for bytes.translate to delete.
_NOT_C0_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)) or b >= 0x80)


def _no_controls_in_utf8(data: bytes) -> bool:
    """Whether UTF-8 bytes decode to text without any of _CONTROL's characters, read from the bytes (far
    cheaper than the regex's scan of the text): a C0 control or DEL is its own byte, and each C1 control
    (U+0080-U+009F) is 0xC2 and a second byte."""
    return b"\xc2" not in data and not data.translate(None, _NOT_C0_CONTROL)


def _decode(data: bytes, file: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                label = encoding.split("-sig")[0].upper()
                raise InputError(
                    file, f"filen börjar med en {label}-markering (BOM) men innehållet är inte giltig {label}"
                ) from None
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise InputError(file, BINARY)
        return guessed
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, file)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: NUL in every second byte (ASCII letters)."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def _swedishness(text: str) -> int:
    score = 0
    for ch in text:
        if ch < "\x80" or ch in _NEUTRAL:
            continue
        score += 2 if ch in _SWEDISH else -1
    return score


def _decode_legacy(data: bytes, file: str) -> tuple[str, str]:
    scored: dict[str, tuple[int, str]] = {}
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored[encoding] = (_swedishness(text), text)
    if scored:
        best = max(scored, key=lambda e: scored[e][0])  # first of equals: Windows-1252
        if scored[best][0] > 0:
            return scored[best][1], best
        if "cp1252" in scored:
            return scored["cp1252"][1], "cp1252"  # nothing Swedish either way: the Windows default
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is not None and match.encoding:
        return str(match), match.encoding
    if scored:
        best = max(scored, key=lambda e: scored[e][0])
        return scored[best][1], best
    raise InputError(file, "teckenkodningen kunde inte avgöras – spara filen som UTF-8 och försök igen")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(1, len(text) * _MAX_CONTROL_RATIO)


def normalize_text(text: str) -> str:
    """NFC, newlines as \\n, invisible characters (soft hyphen, zero-width space, BOM) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x0c", "\n\n").replace("\x0b", "\n")
    # A search for each character is far cheaper than the regex's scan, and most texts have none of them.
    if any(ch in text for ch in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)
