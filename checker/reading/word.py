"""A .docx → plain text in document order: paragraphs, list items and tables where they stand.

The zip container is checked before python-docx sees it: a valid zip with word/document.xml, a
bounded number of parts, a bounded total uncompressed size and compression ratio (zip bombs), and
XML parts without DOCTYPE/ENTITY declarations (entity expansion, external entities).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from checker.errors import InputError
from checker.reading.limits import Limits, size_label

BROKEN = "Word-filen är skadad eller inte en .docx"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
# Runs, also inside tracked insertions, smart tags and simple fields; python-docx gives their text.
_RUN_XPATH = "w:r | w:hyperlink | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r"
_LIST_STYLES = ("list bullet", "list number", "punktlista", "numrerad lista")
_MARKERS = ("-", "–", "—", "•", "*", "·")


def docx_text(data: bytes, file: str, limits: Limits) -> str:
    """The text of a .docx, one line per paragraph, list items as "- …", table rows with tab-separated cells."""
    check_container(data, file, limits)
    import docx

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            document = docx.Document(io.BytesIO(data))
            lines = list(_lines(document.element.body, document))
        except InputError:
            raise
        except Exception as exc:  # python-docx raises many kinds on a broken package; all mean the same
            raise InputError(file, BROKEN) from exc
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise InputError(file, "Word-filen innehåller ingen text")
    return text


def check_container(data: bytes, file: str, limits: Limits) -> None:
    """Refuse a zip that is broken, not a Word document, a zip bomb or carries XML declarations.

    Any error of the zip reader (a negative offset in the central directory, an LZMA or bzip2 member
    that does not decompress, a bad CRC, ...) means the same to the user: one line, exit 4."""
    try:
        _check_container(data, file, limits)
    except InputError:
        raise
    except Exception:
        raise InputError(file, BROKEN) from None


def _check_container(data: bytes, file: str, limits: Limits) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_docx_members:
            raise InputError(file, f"Word-filen har {len(infos)} delar, fler än gränsen {limits.max_docx_members}")
        names = {info.filename for info in infos}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise InputError(file, "Word-filen saknar huvuddokumentet word/document.xml – är det verkligen en .docx?")
        total = sum(info.file_size for info in infos)
        if total > limits.max_docx_uncompressed:
            raise InputError(
                file,
                f"Word-filen packas upp till {size_label(total)}, mer än gränsen "
                f"{size_label(limits.max_docx_uncompressed)} – den kan vara en zip-bomb",
            )
        for info in infos:
            if info.file_size >= limits.docx_ratio_min_size and info.file_size > limits.max_docx_ratio * max(
                info.compress_size, 1
            ):
                raise InputError(
                    file,
                    f"Word-filens del {info.filename} är komprimerad mer än {limits.max_docx_ratio} gånger "
                    "– den kan vara en zip-bomb",
                )
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                _check_xml_part(archive, info, file)


def _check_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> None:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        # Sizes were bounded above; zipfile never returns more than the declared size of a part.
        raw = archive.read(info)
    except Exception:  # BadZipFile, zlib.error, LZMAError, ValueError (negative seek), NotImplementedError, ...
        raise InputError(file, BROKEN) from None
    try:
        fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(
            file,
            f"Word-filens del {info.filename} innehåller en DOCTYPE- eller ENTITY-deklaration, som inte "
            "tillåts (skydd mot XML-attacker) – spara om dokumentet i Word",
        ) from None
    except (ParseError, ValueError, TypeError, LookupError, RecursionError):
        raise InputError(file, f"Word-filen är skadad: delen {info.filename} är inte giltig XML") from None


def _lines(container: Any, document: Any) -> Iterator[str]:
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            yield _paragraph_line(child, document)
        elif tag == _TBL:
            yield from _table_lines(child, document)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _lines(content, document)
        elif tag == _CUSTOM_XML:
            yield from _lines(child, document)


def _paragraph_line(p: Any, document: Any) -> str:
    text: str = "".join(part.text for part in p.xpath(_RUN_XPATH))
    if text.strip() and _is_list_item(p, document) and not text.lstrip().startswith(_MARKERS):
        return "- " + text.lstrip()
    return text


def _is_list_item(p: Any, document: Any) -> bool:
    ppr = p.pPr
    if ppr is None:
        return False
    if ppr.numPr is not None:
        return True
    style_id = ppr.pStyle.val if ppr.pStyle is not None else None
    if not style_id:
        return False
    style = document.styles.element.get_by_id(style_id)
    name = (style.name_val if style is not None else style_id) or ""
    return name.lower().startswith(_LIST_STYLES)


def _cells(row: Any) -> Iterator[Any]:
    for child in row.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _cells(content)


def _rows(table: Any) -> Iterator[Any]:
    for child in table.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _rows(content)


def _table_lines(table: Any, document: Any) -> Iterator[str]:
    """A row with one cell gives that cell's lines; with several, line k joins each cell's k-th line by tabs.

    So a signature table (names in one row, parties in the next, or both stacked in each cell) keeps
    each name in line with its party.
    """
    for row in _rows(table):
        cells = [[line for line in _lines(tc, document) if line.strip()] for tc in _cells(row)]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        if len(cells) == 1:
            yield from cells[0]
            continue
        depth = max(len(cell) for cell in cells)
        for k in range(depth):
            yield "\t".join(cell[k].strip() if k < len(cell) else "" for cell in cells).rstrip("\t")
