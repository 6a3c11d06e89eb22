"""The tjänsteskrivelse and the verdict documents: content, determinism, CLI safety, user templates.

Golden files are compared in tests/test_draft_golden.py (regenerate with scripts/regen_golden.py).
"""

from __future__ import annotations

import datetime as dt
import html.parser
import importlib.util
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from checker.api import Checker
from checker.cli import main
from checker.errors import CheckerError
from checker.models import Verdict
from checker.render.documents import render_check, render_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FOUNDING = EXAMPLES / "solna-taiwan-2025" / "motion.txt"
TWO_ATT = EXAMPLES / "solna-kallkritik-uttalande" / "motion.txt"
BIFALLA = EXAMPLES / "solna-klimatanpassning-gladsaxe" / "motion.txt"
GRANSKA = ROOT / "tests" / "corpus" / "050-solna-moldavien-inkludering.txt"
LOCAL = ROOT / "tests" / "corpus" / "032-boras-cykelbelysning.txt"
AS_OF = dt.date(2025, 8, 14)
FOUNDING_SECTIONS = [
    "Förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Beredning",
    "Ärendet",
    "Stadsledningsförvaltningens synpunkter",
    "Handlingar",
]
FOUR_CONCERNS = {"geographic-focus", "general-friendship-agreement", "priority-area", "foreign-policy"}


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def founding(solna: Checker) -> Verdict:
    return solna.check(FOUNDING, as_of=AS_OF)


@pytest.fixture(scope="module")
def founding_docx(solna: Checker, founding: Verdict) -> Any:
    return Document(io.BytesIO(render_draft(founding, "docx", "sv")))


def docx_text(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


# --------------------------------------------------------------------------- the founding motion


def test_founding_motion_is_rejected_on_the_four_grounds_of_ks_2025_193(founding: Verdict) -> None:
    assert founding.recommendation == "avslå"
    concerns = {f.concern for f in founding.findings if f.rule_id in founding.grounds}
    assert concerns == FOUR_CONCERNS


def test_founding_docx_has_the_founding_documents_sections(founding_docx: Any) -> None:
    headings = [p.text for p in founding_docx.paragraphs if p.style.name.startswith("Heading")]
    for section in FOUNDING_SECTIONS:
        assert section in headings
    text = docx_text(founding_docx)
    assert text.index("Förslag till beslut") < text.index("Sammanfattning") < text.index("Bakgrund")
    header = founding_docx.sections[0].header
    cells = [c.text for row in header.tables[0].rows for c in row.cells]
    assert cells == ["Stadsledningsförvaltningen", "Tjänsteskrivelse\n2025-08-14\nDnr [Diarienummer]"]
    assert text.rstrip().endswith("Beslutet expedieras till:\n[Mottagare]")


def test_founding_docx_title_names_the_signatories_with_party_and_the_subject(founding_docx: Any) -> None:
    title = next(p.text for p in founding_docx.paragraphs if p.style.name == "Heading 1")
    assert title == "Svar på motion av Gunnar Ihrén (L) och Anders Ekegren (L) om samarbete med Taiwan"


def test_founding_docx_proposes_to_reject_the_motion(founding_docx: Any) -> None:
    text = docx_text(founding_docx)
    assert "Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen." in text
    assert "Stadsledningsförvaltningen föreslår att motionen avslås." in text


def test_founding_docx_gives_each_ground_with_its_citation(founding: Verdict, founding_docx: Any) -> None:
    text = docx_text(founding_docx)
    for finding in founding.findings:
        if finding.rule_id in founding.grounds:
            assert finding.title in text
            assert finding.message in text
            for citation in finding.citations:
                assert citation.reference in text
    for reference in ("KL 2 kap. 1 §", "Riktlinjen, fokus på Europa", "Riktlinjen, inga nya allmänna vänskapsavtal"):
        assert reference in text


def test_placeholders_for_officials_and_recipients_stay_visible(founding_docx: Any) -> None:
    text = docx_text(founding_docx)
    assert text.count("[Namn]") == 2 and text.count("[Titel]") == 2
    assert "[Mottagare]" in text


def test_open_questions_are_a_short_note_when_the_verdict_does_not_depend_on_them(founding: Verdict) -> None:
    md = render_draft(founding, "markdown", "sv").decode()
    review = [f for f in founding.findings if f.outcome == "needs_review"]
    assert review, "the founding motion has a needs-review finding (local connection)"
    assert "### Frågor att utreda" not in md and "Behöver granskas manuellt" not in md
    note = next(line for line in md.splitlines() if line.startswith("Utöver detta bör följande kontrolleras"))
    for f in review:
        assert f.question is not None and f.question in note


def test_a_granska_draft_lists_its_open_questions_and_says_why(solna: Checker) -> None:
    verdict = solna.check(GRANSKA, as_of=AS_OF)
    assert verdict.recommendation == "granska"
    md = render_draft(verdict, "markdown", "sv").decode()
    assert "### Frågor att utreda" in md
    for q in verdict.questions:
        assert f"Fråga att utreda: {q}" in md
    carrying = [f for f in verdict.findings if f.rule_id in verdict.grounds]
    assert carrying and all(f.question and f.question in verdict.summary for f in carrying)  # says why
    assert verdict.summary.removeprefix("Förvaltningen ") in md  # the Sammanfattning names the administration


# --------------------------------------------------------------------------- per att-sats, bifalla


def test_two_att_satser_get_a_proposal_per_att_sats(solna: Checker) -> None:
    verdict = solna.check(TWO_ATT, as_of=AS_OF)
    md = render_draft(verdict, "markdown", "sv").decode()
    decision = "att bifalla motionens första att-sats och avslå motionens andra att-sats"
    assert decision in md.split("## Sammanfattning")[0]
    assert "### Motionens första att-sats" in md and "### Motionens andra att-sats" in md
    second = md.split("### Motionens andra att-sats")[1]
    assert "Kommunen får inte ta ställning i utrikespolitiska frågor" in second
    assert "föreslår att motionens första att-sats bifalls och att motionens andra att-sats avslås" in md


def test_an_approved_motion_lists_the_rules_it_meets(solna: Checker) -> None:
    verdict = solna.check(BIFALLA, as_of=AS_OF)
    assert verdict.recommendation == "bifalla"
    md = render_draft(verdict, "markdown", "sv").decode()
    assert "besluta att bifalla motionen" in md
    assert "Stadsledningsförvaltningen föreslår att motionen bifalls." in md
    assert "- Samarbetspartnern finns i Europa" in md


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/expected.yaml")))
def test_example_gives_its_expected_recommendation(solna: Checker, example: str) -> None:
    expected = yaml.safe_load((EXAMPLES / example / "expected.yaml").read_text(encoding="utf-8"))
    profile = expected["profile"]  # a bundled name, or a profile folder relative to the repository
    checker = solna if profile == "solna" else Checker(EXAMPLES.parent / profile if "/" in profile else profile)
    verdict = checker.check(EXAMPLES / example / "motion.txt", as_of=dt.date.fromisoformat(str(expected["as_of"])))
    assert verdict.recommendation == expected["recommendation"]
    grounds = [f for f in verdict.findings if f.rule_id in verdict.grounds]
    assert sorted({f.concern for f in grounds}) == sorted(
        {next((f.concern for f in grounds if f.rule_id == g), g) for g in expected["grounds"]}
    )
    for want in expected.get("att_satser", []):
        got = next(a for a in verdict.att_satser if a.number == want["number"])
        assert got.recommendation == want["recommendation"]
    if "decision" in expected:
        assert verdict.decision == expected["decision"]


# --------------------------------------------------------------------------- formats


class _Tags(html.parser.HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>"
        self.stack.pop()


def test_html_draft_is_well_formed_and_self_contained(solna: Checker, founding: Verdict) -> None:
    page = render_draft(founding, "html", "sv").decode()
    parser = _Tags()
    parser.feed(page)
    assert parser.stack == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<style>" in page and "<link" not in page and "<script" not in page


def test_html_escapes_text_from_the_motion(solna: Checker, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        'proposal:\n  title: "Om <script>alert(1)</script> & annat"\n'
        '  signatories: ["Eva <b>Ek</b> (V)"]\nfacts:\n  cooperation_kinds: {value: []}\n',
        encoding="utf-8",
    )
    verdict = solna.check(facts, as_of=AS_OF)
    page = render_draft(verdict, "html", "sv").decode()
    assert "<script>" not in page and "<b>Ek" not in page
    assert "&lt;script&gt;" in page and "&amp; annat" in page


def test_english_draft_has_english_headings(solna: Checker) -> None:
    verdict = solna.check(FOUNDING, as_of=AS_OF, lang="en")
    md = render_draft(verdict, "markdown", "en").decode()
    for heading in ("## Proposed decision", "## Summary", "## Background", "## Preparation", "## The matter"):
        assert heading in md
    assert "Response to the motion by Gunnar Ihrén (L) and Anders Ekegren (L) on cooperation with Taiwan" in md
    for swedish in ("Förslag till beslut", "Sammanfattning", "Bakgrund", "Behöver granskas", "Källor"):
        assert swedish not in md


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_same_input_gives_the_same_bytes(solna: Checker, fmt: str) -> None:
    first = render_draft(solna.check(FOUNDING, as_of=AS_OF), fmt, "sv")
    second = render_draft(solna.check(FOUNDING, as_of=AS_OF), fmt, "sv")
    assert first == second
    one = render_check([solna.check(FOUNDING, as_of=AS_OF)], fmt, "sv")
    assert one == render_check([solna.check(FOUNDING, as_of=AS_OF)], fmt, "sv")


def test_docx_dates_come_from_the_as_of_date(solna: Checker, founding: Verdict) -> None:
    data = render_draft(founding, "docx", "sv")
    props = Document(io.BytesIO(data)).core_properties
    assert props.created is not None and props.modified is not None
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == dt.datetime(2025, 8, 14)
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {(2025, 8, 14, 0, 0, 0)}


def test_check_documents_have_one_section_per_motion(solna: Checker) -> None:
    verdicts = [solna.check(FOUNDING, as_of=AS_OF), solna.check(BIFALLA, as_of=AS_OF)]
    md = render_check(verdicts, "markdown", "sv").decode()
    assert md.startswith("# Bedömning av motioner\n")
    assert md.count("\n## ") == 2
    assert "**Rekommendation:** Avslå" in md and "**Rekommendation:** Bifalla" in md
    page = render_check(verdicts, "html", "sv").decode()
    assert page.count('<section class="motion">') == 2
    doc = Document(io.BytesIO(render_check(verdicts, "docx", "sv")))
    assert sum(p.style.name == "Heading 1" for p in doc.paragraphs) == 2


def test_check_markdown_quotes_each_grounds_clause(solna: Checker, founding: Verdict) -> None:
    md = render_check([founding], "markdown", "sv").decode()
    for f in founding.findings:
        if f.rule_id in founding.grounds:
            assert f"({'hinder i lag' if f.severity == 'hinder' else 'avvikelse från styrdokument'}, {f.rule_id})" in md
            assert f.citations[0].reference in md


@pytest.mark.parametrize(("name", "kind"), [("tjansteskrivelse.docx", "draft"), ("synpunkter.docx", "synpunkter")])
def test_committed_word_templates_are_the_ones_the_script_builds(name: str, kind: str) -> None:
    builder = load_script("build_docx_template")
    committed = ROOT / "checker" / "templates" / name
    assert committed.read_bytes() == builder.build(kind), "run scripts/build_docx_template.py"


def _convert(source: Path, target: str, outdir: Path) -> Path:
    """Convert with LibreOffice (skipped where it is missing; on CI, CI=1, a missing LibreOffice fails)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None and os.environ.get("CI") == "1":
        pytest.fail("CI=1 but LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = f"-env:UserInstallation=file://{outdir.parent}/lo"
    command = [soffice, "--headless", profile, "--convert-to", target, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target}"


def test_founding_draft_as_pdf_fits_four_pages_with_page_numbers_in_the_footer(
    founding: Verdict, tmp_path: Path
) -> None:
    source = tmp_path / "tjansteskrivelse.docx"
    source.write_bytes(render_draft(founding, "docx", "sv"))
    pdf = _convert(source, "pdf", tmp_path / "pdf")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages]
    assert 1 <= len(pages) <= 4
    for number, text in enumerate(pages, start=1):
        assert f"{number} ({len(pages)})" in text, f"page {number} has no footer page number"
        assert "Tjänsteskrivelse" in text  # the header on every page
    assert "avslå motionen" in " ".join(pages)


# --------------------------------------------------------------------------- the document's shape


def test_founding_draft_quotes_each_att_sats_once(founding: Verdict, founding_docx: Any) -> None:
    md = render_draft(founding, "markdown", "sv").decode()
    text = docx_text(founding_docx)
    for att in founding.proposal["att_satser"]:
        body = " ".join(att.split()[1:6])  # "Kommunstyrelsen får i uppdrag att": the att-sats's own words
        assert md.count(body) == 1, body
        assert text.count(body) == 1, body


def test_founding_draft_quotes_a_grounds_evidence_once_in_the_grounds_paragraph(founding: Verdict) -> None:
    md = render_draft(founding, "markdown", "sv").decode()
    stance = "Kinas upptrappade aggressioner mot demokratin Taiwan"
    assert md.count(stance) == 1
    paragraph = next(line for line in md.splitlines() if stance in line)
    assert paragraph.startswith("**Kommunen får inte ta ställning i utrikespolitiska frågor.**")
    assert "I motionen står: ”" in paragraph
    assert "Ur motionen" not in md and "Så kan förslaget ändras" not in md


def test_grounds_stand_under_legal_obstacles_and_departures_from_steering_documents(founding: Verdict) -> None:
    md = render_draft(founding, "markdown", "sv").decode()
    views = md.split("## Stadsledningsförvaltningens synpunkter")[1]
    hinder, avvikelser = views.index("### Rättsliga hinder"), views.index("### Avvikelser från styrdokument")
    assert hinder < views.index("utrikespolitiska frågor") < avvikelser < views.index("partner i Europa")


def test_remedies_close_the_views_in_one_paragraph_unless_left_out(founding: Verdict) -> None:
    md = render_draft(founding, "markdown", "sv").decode()
    section = md.split("### Förslagets utformning\n\n")[1].split("\n\n")
    paragraph, conclusion = section[0], section[1]
    assert "\n" not in paragraph
    for f in founding.findings:
        if f.rule_id in founding.grounds and f.remedy:
            assert f.remedy in paragraph
    assert conclusion == "Stadsledningsförvaltningen föreslår att motionen avslås."
    without = render_draft(founding, "markdown", "sv", remedies=False).decode()
    assert "Förslagets utformning" not in without
    assert all(f.remedy not in without for f in founding.findings if f.remedy)


def test_a_local_motion_carries_no_international_boilerplate(solna: Checker) -> None:
    verdict = solna.check(LOCAL, as_of=AS_OF)
    assert not verdict.document.international and verdict.document.context == ()
    md = render_draft(verdict, "markdown", "sv").decode()
    for word in ("Eurocities", "Efus", "vänort", "Kryvyi Rih", "prioriterade områden", "Riktlinje för stadens"):
        assert word not in md


def test_an_international_motion_gets_only_the_context_that_bears_on_it(founding: Verdict, solna: Checker) -> None:
    assert founding.document.international
    md = render_draft(founding, "markdown", "sv").decode()
    matter = md.split("## Ärendet")[1].split("## ")[0]
    assert "Eurocities" in matter and "Gladsaxe" in matter  # the networks and partners a new partner is weighed against
    assert "Kryvyi Rih" not in matter  # the Ukrainian project does not bear on Taiwan
    eurocities = solna.check(EXAMPLES / "solna-eurocities" / "motion.txt", as_of=AS_OF)
    assert any("Eurocities" in s for s in eurocities.document.context)


def test_docx_has_built_in_headings_swedish_language_and_highlighted_placeholders(founding_docx: Any) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn

    styles = {p.style.name for p in founding_docx.paragraphs if p.style.name.startswith("Heading")}
    assert styles == {"Heading 1", "Heading 2", "Heading 3"}
    lang = founding_docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    runs = [r for p in founding_docx.paragraphs for r in p.runs]
    marked = {r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW}
    assert marked == {"[Namn]", "[Titel]", "[Mottagare]", "[datum]"}
    assert all(r.font.highlight_color is None for r in runs if "[" not in r.text)


def test_docx_footer_numbers_pages_with_page_and_numpages_fields(founding_docx: Any) -> None:
    from docx.oxml.ns import qn

    footer = founding_docx.sections[0].footer.paragraphs[0]
    fields = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text == "1 (1)"  # the fields' stored results; Word and LibreOffice fill in the real ones


def test_docx_signature_block_is_kept_together_with_the_recipients(founding_docx: Any) -> None:
    paragraphs = founding_docx.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "[Namn]")
    block = paragraphs[start : next(i for i, p in enumerate(paragraphs) if p.text.startswith("Beslutet expedieras"))]
    assert block and all(p.paragraph_format.keep_with_next for p in block)


@pytest.mark.parametrize("fmt", ["markdown", "docx"])
def test_section_synpunkter_holds_only_the_decision_and_the_views(founding: Verdict, fmt: str) -> None:
    data = render_draft(founding, fmt, "sv", section="synpunkter")
    if fmt == "docx":
        document = Document(io.BytesIO(data))
        headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[:2] == [
            ("Heading 2", "Förslag till beslut"),
            ("Heading 2", "Stadsledningsförvaltningens synpunkter"),
        ]
        assert {name for name, _ in headings[2:]} == {"Heading 3"}
        text = docx_text(document)
    else:
        text = data.decode()
        assert [line for line in text.splitlines() if line.startswith("## ")] == [
            "## Förslag till beslut",
            "## Stadsledningsförvaltningens synpunkter",
        ]
    for absent in ("Sammanfattning", "Bakgrund", "Ärendet", "Handlingar", "Beslutet expedieras"):
        assert absent not in text
    assert "Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen." in text


def test_section_synpunkter_is_refused_as_html(founding: Verdict) -> None:
    with pytest.raises(CheckerError):
        render_draft(founding, "html", "sv", section="synpunkter")


def test_example_user_template_fills_in_with_the_documented_fields(founding: Verdict) -> None:
    out = render_draft(founding, "markdown", "sv", template=EXAMPLES / "mall" / "egen-tjansteskrivelse.md.j2").decode()
    assert out.startswith("# Svar på motion av Gunnar Ihrén (L)")
    assert "Rättsliga hinder" in out and "Kommunen får inte ta ställning i utrikespolitiska frågor" in out


def test_split_decision_is_not_headed_as_the_whole_motions(solna: Checker) -> None:
    from checker.render.text import render_text

    verdict = solna.check(TWO_ATT, as_of=AS_OF)
    assert verdict.document.split
    text = render_text(verdict)
    headline = next(line for line in text.splitlines() if line.startswith("Rekommendation:"))
    assert headline == "Rekommendation: DELAT BESLUT: ATT-SATS 1 BIFALLA, ATT-SATS 2 AVSLÅ"
    assert verdict.summary.startswith("Förvaltningen föreslår att motionens första att-sats bifalls")
    md = render_check([verdict], "markdown", "sv").decode()
    assert "**Rekommendation:** Delat beslut: att-sats 1 bifalla, att-sats 2 avslå" in md


# --------------------------------------------------------------------------- CLI


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_cli_draft_exit_code_is_the_verdicts() -> None:
    assert cli("draft", str(FOUNDING), "--as-of", "2025-08-14").exit_code == 1
    assert cli("draft", str(BIFALLA), "--as-of", "2025-08-14").exit_code == 0


def test_cli_draft_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "ts.md"
    out.write_text("mitt utkast\n", encoding="utf-8")
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "-o", str(out))
    assert result.exit_code == 2
    assert "finns redan" in result.stderr
    assert out.read_text(encoding="utf-8") == "mitt utkast\n"
    forced = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "-o", str(out), "--force")
    assert forced.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("Stadsledningsförvaltningen\n")


def test_cli_draft_docx_needs_output_and_writes_a_word_file(tmp_path: Path) -> None:
    assert cli("draft", str(FOUNDING), "--format", "docx").exit_code == 2
    out = tmp_path / "ts.docx"
    assert cli("draft", str(FOUNDING), "--format", "docx", "-o", str(out), "--as-of", "2025-08-14").exit_code == 1
    assert "Förslag till beslut" in docx_text(Document(str(out)))


def test_cli_draft_unreadable_input_exits_4(tmp_path: Path) -> None:
    result = cli("draft", str(tmp_path / "finns-inte.txt"), "--as-of", "2025-08-14")
    assert result.exit_code == 4
    assert "Traceback" not in result.output + result.stderr


def test_cli_check_writes_markdown_and_html() -> None:
    result = cli("check", str(FOUNDING), "--format", "markdown", "--as-of", "2025-08-14")
    assert result.exit_code == 1
    assert "### Skäl" in result.stdout


# --------------------------------------------------------------------------- user templates


def test_user_template_is_filled_in(tmp_path: Path) -> None:
    tpl = tmp_path / "min-mall.md.j2"
    tpl.write_text(
        "# {{ title }}\n\n{{ decision }}\n{% for g in views.sections[0].grounds %}- {{ g.rule_id }}\n{% endfor %}"
    )
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--template", str(tpl))
    assert result.exit_code == 1
    assert result.stdout.startswith("# Svar på motion av Gunnar Ihrén (L)")
    assert "- SOL-EUROPA\n" in result.stdout


def test_user_template_error_is_one_line_with_template_line_and_variable(tmp_path: Path) -> None:
    tpl = tmp_path / "min-mall.md.j2"
    tpl.write_text("# {{ title }}\n\n{{ decision }}\n{{ foo }}\n", encoding="utf-8")
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--template", str(tpl))
    assert result.exit_code == 4
    assert result.stderr == "min-mall.md.j2: rad 4: okänd variabel 'foo'\n"


def test_user_template_syntax_error_names_the_line(tmp_path: Path) -> None:
    tpl = tmp_path / "trasig.md.j2"
    tpl.write_text("ok\n{% for x in %}\n", encoding="utf-8")
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--template", str(tpl))
    assert result.exit_code == 4
    assert result.stderr.startswith("trasig.md.j2: rad 2: fel i mallens syntax")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ title.__class__.__init__.__globals__ }}",
        "{{ verdict.__class__ }}",
    ],
)
def test_sandbox_blocks_access_to_python_internals(
    solna: Checker, founding: Verdict, tmp_path: Path, source: str
) -> None:
    tpl = tmp_path / "elak.md.j2"
    tpl.write_text(source + "\n", encoding="utf-8")
    with pytest.raises(CheckerError) as err:
        render_draft(founding, "markdown", "sv", template=tpl)
    assert err.value.exit_code == 4
    (line,) = err.value.lines()
    assert line.startswith("elak.md.j2: rad 1: ")
    assert "class" not in line.split(": ", 2)[2] or "otillåten" in line or "okänt" in line


def test_user_word_template_is_filled_in_and_its_errors_are_one_line(tmp_path: Path) -> None:
    good = Document()
    good.add_paragraph("{{ title }}")
    good.add_paragraph("{{ decision }}")
    good.save(str(tmp_path / "mall.docx"))
    out = tmp_path / "ut.docx"
    ok = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--format", "docx", "--template",
             str(tmp_path / "mall.docx"), "-o", str(out))  # fmt: skip
    assert ok.exit_code == 1
    assert "besluta att avslå motionen" in docx_text(Document(str(out)))
    bad = Document()
    bad.add_paragraph("{{ title }}")
    bad.add_paragraph("{{ foo }}")
    bad.save(str(tmp_path / "trasig.docx"))
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--format", "docx", "--template",
                 str(tmp_path / "trasig.docx"), "-o", str(tmp_path / "ut2.docx"))  # fmt: skip
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("trasig.docx: ")
    assert "okänd variabel 'foo'" in result.stderr
    assert not (tmp_path / "ut2.docx").exists()


def test_word_template_with_markdown_format_is_refused(tmp_path: Path) -> None:
    Document().save(str(tmp_path / "mall.docx"))
    result = cli("draft", str(FOUNDING), "--template", str(tmp_path / "mall.docx"))
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1


def test_cli_draft_section_and_no_remedies(tmp_path: Path) -> None:
    result = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--section", "synpunkter", "--no-remedies")
    assert result.exit_code == 1
    assert result.stdout.startswith("## Förslag till beslut\n")
    assert "Förslagets utformning" not in result.stdout and "## Bakgrund" not in result.stdout
    refused = cli("draft", str(FOUNDING), "--as-of", "2025-08-14", "--section", "synpunkter", "--format", "html")
    assert refused.exit_code == 2


def test_english_word_draft_is_marked_as_english(solna: Checker) -> None:
    from docx.oxml.ns import qn

    verdict = solna.check(FOUNDING, as_of=AS_OF, lang="en")
    document = Document(io.BytesIO(render_draft(verdict, "docx", "en")))
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert "[Name]" in docx_text(document)


def test_every_granska_says_why() -> None:
    """Every corpus motion the checker sends to manual review names, in its summary, the open question
    (or the rule) of each finding that carries the review - whatever its label says."""
    checkers: dict[str, Checker] = {}
    reviewed = 0
    for label in sorted((ROOT / "tests" / "corpus").glob("*.expected.yaml")):
        expected = yaml.safe_load(label.read_text(encoding="utf-8"))
        motion = label.with_name(label.name.replace(".expected.yaml", ".txt"))
        profile = str(expected["profile"])
        checker = checkers.setdefault(profile, Checker(profile))
        verdict = checker.check(motion, as_of=dt.date.fromisoformat(str(expected["as_of"])))
        if verdict.recommendation != "granska":
            continue
        reviewed += 1
        carrying = [f for f in verdict.findings if f.rule_id in verdict.grounds]
        assert carrying, motion.name
        for f in carrying:
            assert (f.question or f.title) in verdict.summary, (motion.name, f.rule_id)
    assert reviewed >= 5  # the corpus holds many review cases; none found means the test tests nothing


def test_section_synpunkter_docx_keeps_its_heading_styles_through_libreoffice(
    founding: Verdict, tmp_path: Path
) -> None:
    source = tmp_path / "synpunkter.docx"
    source.write_bytes(render_draft(founding, "docx", "sv", section="synpunkter"))
    back = Document(str(_convert(_convert(source, "odt", tmp_path / "odt"), "docx", tmp_path / "back")))
    headings = [(p.style.name, p.text) for p in back.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        ("Heading 2", "Förslag till beslut"),
        ("Heading 2", "Stadsledningsförvaltningens synpunkter"),
        ("Heading 3", "Rättsliga hinder"),
    ]
