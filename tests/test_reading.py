"""Reading proposal files: encodings, Word, PDF, limits, and one clear Swedish line for every bad file.

Every fixture is made here, in its real format: .docx files with python-docx, PDFs with a small
hand-written PDF writer (Helvetica, WinAnsiEncoding), encrypted PDFs with pypdf.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

import checker.reading as reading
from checker.errors import EXIT_INPUT, InputError
from checker.reading import parse_text, read_proposal
from checker.reading.pdf import join_hyphenated

ROOT = Path(__file__).resolve().parent.parent

MOTION = """Motion om fler cykelparkeringar vid Solna station

Det saknas cykelparkeringar vid stationen, och många låser fast cyklarna på räcken och stolpar.
Våra förslag gör det lättare att välja cykeln – ”det lönar sig”, säger pendlarna.

Vi föreslår kommunfullmäktige besluta

att tekniska nämnden får i uppdrag att bygga 200 nya cykelparkeringar vid Solna station,

att arbetet redovisas till kommunstyrelsen.

Solna den 3 mars 2025

Åsa Öberg (C)
Örjan Ängström (C)
"""


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_proposal(path)
    error = caught.value
    assert error.exit_code == EXIT_INPUT
    lines = error.lines()
    assert len(lines) == 1 and "\n" not in lines[0] and "Traceback" not in lines[0]
    assert lines[0].startswith(str(path) + ": ")
    return lines[0]


def _assert_motion(text_file: Path, encoding: str, expected: str = MOTION) -> None:
    proposal = read_proposal(text_file)
    assert proposal.encoding == encoding
    assert proposal.text == expected
    assert proposal.title == "Motion om fler cykelparkeringar vid Solna station"
    assert [s.name for s in proposal.signatories] == ["Åsa Öberg", "Örjan Ängström"]
    assert len(proposal.att_satser) == 2


# --------------------------------------------------------------------------- text encodings


def test_utf8_motion_is_read_with_sha256_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    data = MOTION.encode("utf-8")
    path = _write(tmp_path, "motion.txt", data)
    proposal = read_proposal(path)
    assert proposal.format == "txt"
    assert proposal.path == str(path)
    assert proposal.sha256 == hashlib.sha256(data).hexdigest()
    _assert_motion(path, "utf-8")


def test_utf8_with_bom_is_detected_and_the_bom_dropped(tmp_path: Path) -> None:
    _assert_motion(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + MOTION.encode("utf-8")), "utf-8-sig")


def test_utf16_little_endian_with_bom_is_detected(tmp_path: Path) -> None:
    _assert_motion(_write(tmp_path, "le.txt", b"\xff\xfe" + MOTION.encode("utf-16-le")), "utf-16-le")


def test_utf16_big_endian_with_bom_is_detected(tmp_path: Path) -> None:
    _assert_motion(_write(tmp_path, "be.txt", b"\xfe\xff" + MOTION.encode("utf-16-be")), "utf-16-be")


def test_utf16_without_bom_is_recognised_by_its_nul_pattern(tmp_path: Path) -> None:
    _assert_motion(_write(tmp_path, "nobom.txt", MOTION.encode("utf-16-le")), "utf-16-le")


def test_windows_1252_motion_is_detected_and_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, "ansi.txt", MOTION.encode("cp1252"))
    _assert_motion(path, "cp1252")
    proposal = read_proposal(path)
    assert "Åsa Öberg" in proposal.text and "”det lönar sig”" in proposal.text and "–" in proposal.text
    assert "teckenkodning: cp1252" in proposal.notes


def test_windows_1252_short_text_with_only_a_few_swedish_letters_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, "kort.txt", "Motion om bänkar\n\natt fler bänkar ställs ut.\n".encode("cp1252"))
    proposal = read_proposal(path)
    assert proposal.encoding == "cp1252"
    assert "bänkar" in proposal.text


def test_dos_code_page_850_is_told_apart_from_windows_1252(tmp_path: Path) -> None:
    dos = MOTION.replace("”", '"').replace("–", "-")  # CP850 has neither
    _assert_motion(_write(tmp_path, "dos.txt", dos.encode("cp850")), "cp850", dos)


def test_markdown_file_is_read_as_md(tmp_path: Path) -> None:
    path = _write(tmp_path, "motion.md", ("# " + MOTION).encode("utf-8"))
    proposal = read_proposal(path)
    assert proposal.format == "md"
    assert proposal.title == "Motion om fler cykelparkeringar vid Solna station"


def test_uppercase_suffix_is_accepted(tmp_path: Path) -> None:
    assert read_proposal(_write(tmp_path, "MOTION.TXT", MOTION.encode("utf-8"))).format == "txt"


def test_text_is_normalised_to_nfc_and_newlines_to_lf(tmp_path: Path) -> None:
    decomposed = "Motion om a\u030aterbruk\r\n\r\nJag yrkar att a\u0308ldreomsorgen far en ny plan.\r\n"
    proposal = read_proposal(_write(tmp_path, "nfd.txt", decomposed.encode("utf-8")))
    assert "\r" not in proposal.text
    assert proposal.text.startswith("Motion om återbruk\n\n")
    assert "äldreomsorgen" in proposal.text
    first = proposal.att_satser[0]
    assert proposal.text[first.start : first.end] == "att äldreomsorgen far en ny plan."


def test_soft_hyphens_and_zero_width_spaces_are_removed() -> None:
    proposal = parse_text("Motion om desinfor\u00admation\u200b\n", path="x", fmt="txt", sha256="0")
    assert proposal.text == "Motion om desinformation\n"


# --------------------------------------------------------------------------- bad text files


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert _error(_write(tmp_path, "tom.txt", b"")).endswith("filen är tom")


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    assert "ingen text" in _error(_write(tmp_path, "blank.txt", b" \n\t\r\n  \n"))


def test_binary_file_with_a_text_suffix_is_refused(tmp_path: Path) -> None:
    data = bytes(range(256)) * 8
    assert _error(_write(tmp_path, "bild.txt", data)).endswith("filen verkar vara binär, inte text")


def test_text_full_of_control_characters_is_refused_as_binary(tmp_path: Path) -> None:
    data = b"Motion\x01\x02\x03\x04 om \x05\x06\x07\x08 n\x0e\x0f\x10\x11got\x12\x13\x14\x15"
    assert "binär" in _error(_write(tmp_path, "styr.txt", data))


def test_pdf_saved_with_a_txt_suffix_gets_a_hint_to_rename_it(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "motion.txt", _pdf([["Motion om parker"]])))
    assert "PDF" in message and ".pdf" in message


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    message = _error(_write(tmp_path, "stor.txt", MOTION.encode("utf-8")))
    assert "filen är större än gränsen 100 byte" in message


def test_default_size_limit_is_ten_megabytes_and_is_named_in_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reading.MAX_BYTES == 10 * 1024 * 1024
    monkeypatch.setattr(reading, "MAX_BYTES", 2560)
    assert "gränsen 2,5 KB" in _error(_write(tmp_path, "stor.txt", MOTION.encode("utf-8") * 10))


def test_extracted_text_longer_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_TEXT_CHARS", 50)
    assert "längre än gränsen 50 tecken" in _error(_write(tmp_path, "lang.txt", MOTION.encode("utf-8")))


def test_unknown_suffix_names_the_allowed_formats(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "motion.xyz", b"text"))
    assert message.endswith("okänt filformat .xyz – tillåtna: .txt, .md, .docx, .pdf, .json, .yaml")


def test_file_without_suffix_is_refused_with_the_allowed_formats(tmp_path: Path) -> None:
    assert "saknar filändelse – tillåtna: .txt" in _error(_write(tmp_path, "motion", b"text"))


def test_old_word_format_gets_advice_to_save_as_docx(tmp_path: Path) -> None:
    assert ".docx" in _error(_write(tmp_path, "motion.doc", b"\xd0\xcf\x11\xe0 old word"))


def test_facts_file_is_not_read_as_a_motion(tmp_path: Path) -> None:
    assert "faktafil" in _error(_write(tmp_path, "fakta.json", b"{}"))


def test_missing_file_is_reported_in_one_line(tmp_path: Path) -> None:
    assert _error(tmp_path / "finns-inte.txt").endswith("filen finns inte")


def test_directory_is_reported_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mapp.txt"
    folder.mkdir()
    assert _error(folder).endswith("sökvägen är en mapp, inte en fil")


# --------------------------------------------------------------------------- Word


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Växjö kommun")
    document.add_heading("Motion om solceller på kommunens tak", level=1)
    document.add_paragraph("Kommunens tak står tomma. Solceller sänker elkostnaden och utsläppen.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Byggnad"
    table.cell(0, 1).text = "Takyta"
    table.cell(1, 0).text = "Stadshuset"
    table.cell(1, 1).text = "1 200 m²"
    document.add_paragraph("Tabellen visar de största taken.")
    document.add_paragraph("Vi föreslår kommunfullmäktige besluta")
    document.add_paragraph("att solceller installeras på stadshusets tak under 2026,", style="List Bullet")
    document.add_paragraph("att tekniska nämnden redovisar besparingen årligen.", style="List Bullet")
    document.add_paragraph("Växjö den 14 maj 2025")
    signatures = document.add_table(rows=2, cols=2)
    signatures.cell(0, 0).text = "Karin Lund"
    signatures.cell(0, 1).text = "Omar Said"
    signatures.cell(1, 0).text = "Miljöpartiet"
    signatures.cell(1, 1).text = "Vänsterpartiet"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if replace is not None and info.filename in replace:
                target.writestr(info.filename, replace[info.filename])
            else:
                target.writestr(info, source.read(info))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def test_docx_paragraphs_and_tables_are_read_in_document_order(tmp_path: Path) -> None:
    proposal = read_proposal(_write(tmp_path, "motion.docx", _docx_bytes()))
    assert proposal.format == "docx"
    assert proposal.encoding is None
    text = proposal.text
    assert text.index("Kommunens tak") < text.index("Byggnad\tTakyta") < text.index("Stadshuset\t1 200 m²")
    assert text.index("Stadshuset") < text.index("Tabellen visar")


def test_docx_list_paragraphs_are_lines_and_become_att_satser(tmp_path: Path) -> None:
    proposal = read_proposal(_write(tmp_path, "motion.docx", _docx_bytes()))
    assert "\n- att solceller installeras på stadshusets tak under 2026,\n" in proposal.text
    assert [a.text for a in proposal.att_satser] == [
        "att solceller installeras på stadshusets tak under 2026,",
        "att tekniska nämnden redovisar besparingen årligen.",
    ]


def test_docx_signature_table_pairs_each_name_with_the_party_below_it(tmp_path: Path) -> None:
    proposal = read_proposal(_write(tmp_path, "motion.docx", _docx_bytes()))
    assert [(s.name, s.party) for s in proposal.signatories] == [("Karin Lund", "MP"), ("Omar Said", "V")]
    assert proposal.title == "Motion om solceller på kommunens tak"
    assert proposal.municipality == "Växjö"
    assert proposal.submitted == "2025-05-14"


def test_truncated_docx_is_refused_as_broken(tmp_path: Path) -> None:
    data = _docx_bytes()
    assert _error(_write(tmp_path, "halv.docx", data[: len(data) // 2])).endswith(
        "Word-filen är skadad eller inte en .docx"
    )


def test_text_file_renamed_to_docx_is_refused_as_broken(tmp_path: Path) -> None:
    assert "Word-filen är skadad eller inte en .docx" in _error(_write(tmp_path, "text.docx", MOTION.encode()))


def test_zip_without_word_document_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "word/document.xml" in _error(_write(tmp_path, "kalkyl.docx", out.getvalue()))


def test_zip_bomb_part_with_extreme_compression_is_refused(tmp_path: Path) -> None:
    bomb = _rezip(_docx_bytes(), add={"word/media/bomb.bin": b"\0" * (5 * 1024 * 1024)})
    assert len(bomb) < 100_000
    message = _error(_write(tmp_path, "bomb.docx", bomb))
    assert "word/media/bomb.bin" in message and "zip-bomb" in message


def test_docx_larger_than_the_unpacked_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_DOCX_UNCOMPRESSED", 10_000)
    message = _error(_write(tmp_path, "stor.docx", _docx_bytes()))
    assert "mer än gränsen 9,8 KB" in message and "zip-bomb" in message


def test_docx_with_too_many_parts_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_DOCX_MEMBERS", 5)
    assert "fler än gränsen 5" in _error(_write(tmp_path, "delar.docx", _docx_bytes()))


def test_docx_with_an_xml_entity_declaration_is_refused(tmp_path: Path) -> None:
    data = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, _, rest = xml.partition(b"?>")
    evil = head + b'?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest
    message = _error(_write(tmp_path, "entitet.docx", _rezip(data, replace={"word/document.xml": evil})))
    assert "DOCTYPE- eller ENTITY-deklaration" in message and "word/document.xml" in message


def test_docx_with_malformed_xml_is_refused(tmp_path: Path) -> None:
    data = _rezip(_docx_bytes(), replace={"word/document.xml": b"<w:document><unclosed>"})
    assert "är inte giltig XML" in _error(_write(tmp_path, "trasig.docx", data))


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    docx.Document().save(out)
    assert _error(_write(tmp_path, "tom.docx", out.getvalue())).endswith("Word-filen innehåller ingen text")


# --------------------------------------------------------------------------- PDF


def _pdf(pages: list[list[str]], *, text: bool = True) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry (WinAnsi, so å ä ö work), or, with
    text=False, pages that only paint a grey rectangle, like a scan without OCR."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    page_ids: list[int] = []
    for lines in pages:
        if text:
            ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
            for line in lines:
                escaped = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                ops.append(b"(" + escaped + b") Tj T*")
            ops.append(b"ET")
        else:
            ops = [b"0.5 g 50 50 495 742 re f"]
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"")  # the page, filled in when the id of the page tree is known
        page_ids.append(len(objects))
    tree = len(objects) + 1
    for page_id in page_ids:
        objects[page_id - 1] = (
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >>"
            b" /Contents %d 0 R >>" % (tree, page_id - 1)
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue()


PDF_PAGES = [
    [
        "Motion om motståndskraft mot desinformation",
        "",
        "Kommunen bör stärka arbetet mot desinforma-",
        "tion i skolorna och stärka miljö-",
        "och klimatarbetet samt EU-",
        "projekten.",
    ],
    [
        "Jag yrkar att kommunstyrelsen får i uppdrag att ta fram",
        "en handlingsplan mot desinformation.",
        "",
        "Umeå den 12 februari 2025",
        "",
        "Åsa Öberg (C)",
    ],
]


def _encrypted(data: bytes, user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_layer_is_read_page_by_page(tmp_path: Path) -> None:
    proposal = read_proposal(_write(tmp_path, "motion.pdf", _pdf(PDF_PAGES)))
    assert proposal.format == "pdf"
    assert proposal.title == "Motion om motståndskraft mot desinformation"
    assert proposal.text.index("desinformation i skolorna") < proposal.text.index("Jag yrkar")
    assert [a.text for a in proposal.att_satser] == [
        "att kommunstyrelsen får i uppdrag att ta fram en handlingsplan mot desinformation."
    ]
    assert [(s.name, s.party) for s in proposal.signatories] == [("Åsa Öberg", "C")]
    assert proposal.submitted == "2025-02-12"


def test_pdf_hyphenated_line_breaks_are_joined_and_paragraphs_kept(tmp_path: Path) -> None:
    text = read_proposal(_write(tmp_path, "motion.pdf", _pdf(PDF_PAGES))).text
    assert "desinformation i skolorna" in text
    assert "miljö- och klimatarbetet" in text
    assert "EU-projekten." in text
    assert "Motion om motståndskraft mot desinformation\n\nKommunen" in text  # paragraph break kept


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("desinforma-\ntion", "desinformation"),
        ("miljö-\noch klimat", "miljö- och klimat"),
        ("EU-\nprojekt", "EU-projekt"),
        ("2022-\n2023", "2022-2023"),
        ("Nord-\nAmerika", "Nord-Amerika"),
    ],
)
def test_hyphenation_is_undone_only_where_the_word_was_split(broken: str, joined: str) -> None:
    assert join_hyphenated(broken) == joined


def test_pdf_without_a_text_layer_is_refused_as_a_scan(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "skannad.pdf", _pdf([[""], [""]], text=False)))
    assert message.endswith("PDF-filen saknar textlager (skannad bild?) – kör OCR eller lämna in texten som .txt/.docx")


def test_password_protected_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    locked = _encrypted(_pdf(PDF_PAGES), user_password="hemligt", owner_password="hemligt")
    assert "lösenordsskyddad" in _error(_write(tmp_path, "last.pdf", locked))


def test_pdf_restricted_only_by_an_owner_password_is_read(tmp_path: Path) -> None:
    restricted = _encrypted(_pdf(PDF_PAGES), user_password="", owner_password="ägare")
    proposal = read_proposal(_write(tmp_path, "begransad.pdf", restricted))
    assert "handlingsplan mot desinformation" in proposal.text


def test_pdf_with_more_pages_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert reading.MAX_PDF_PAGES == 300
    monkeypatch.setattr(reading, "MAX_PDF_PAGES", 1)
    assert "har 2 sidor, fler än gränsen 1" in _error(_write(tmp_path, "lang.pdf", _pdf(PDF_PAGES)))


def test_truncated_pdf_is_refused_as_broken(tmp_path: Path) -> None:
    data = _pdf(PDF_PAGES)
    message = _error(_write(tmp_path, "halv.pdf", data[: len(data) // 3]))
    assert "PDF-filen" in message


def test_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    assert _error(_write(tmp_path, "falsk.pdf", b"hello, not a pdf")).endswith("PDF-filen är skadad eller inte en PDF")


def test_garbage_after_a_pdf_header_is_refused_without_a_traceback(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 20
    assert "PDF-filen" in _error(_write(tmp_path, "skrap.pdf", data))


# --------------------------------------------------------------------------- cost


def test_reading_a_text_file_does_not_import_the_word_or_pdf_libraries(tmp_path: Path) -> None:
    path = _write(tmp_path, "motion.txt", MOTION.encode("utf-8"))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import checker.reading as r\n"
        "before = {m for m in ('docx', 'pypdf') if m in sys.modules}\n"
        f"r.read_proposal(Path({str(path)!r}))\n"
        "after = {m for m in ('docx', 'pypdf') if m in sys.modules}\n"
        "print(sorted(after - before))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_windows_1252_without_swedish_letters_stays_windows_1252(tmp_path: Path) -> None:
    path = _write(tmp_path, "streck.txt", "Motion – bättre\n".replace("ä", "a").encode("cp1252"))
    proposal = read_proposal(path)
    assert proposal.encoding == "cp1252"
    assert proposal.text == "Motion – battre\n"


def test_mac_roman_motion_is_decoded(tmp_path: Path) -> None:
    dos = MOTION.replace("”", '"').replace("–", "-")
    _assert_motion(_write(tmp_path, "mac.txt", dos.encode("mac_roman")), "mac_roman", dos)


def test_lines_keep_their_offsets_and_only_a_line_bold_from_end_to_end_is_a_heading() -> None:
    from checker.reading.lines import split_lines

    text = "**Förslag om träd**\n\nEn **viktig** fråga\n\n- att plantera träd\n__Kort__ och __gott__\n"
    lines = split_lines(text)
    assert [(ln.start, ln.end) for ln in lines] == [(0, 19), (20, 20), (21, 40), (41, 41), (42, 61), (62, 83), (84, 84)]
    assert [ln.heading for ln in lines] == [True, False, False, False, False, True, False]
    assert [ln.marker for ln in lines] == ["", "", "", "", "bullet", "", ""]
    assert [ln.clean for ln in lines] == [
        "Förslag om träd",
        "",
        "En viktig fråga",
        "",
        "att plantera träd",
        "Kort och gott",
        "",
    ]
    assert all(ln.content == ln.start for ln in lines if ln.blank)


def test_a_local_party_names_its_place_only_where_the_party_name_starts_a_word() -> None:
    from checker.reading.metadata import party_place

    assert party_place("Skrivet av Vänsterpartiet i Höör, mars.") == "Höör"
    assert party_place("Ordet ExVänsterpartiet Tranås är inget parti.") is None
    assert party_place("ExVänsterpartiet Tranås, sedan Centerpartiet i Vara") == "Vara"
    assert party_place("_Moderaterna Ydre och (Moderaterna Eda)") == "Eda"
