"""The tjänsteskrivelse and the verdict documents: content, determinism, CLI safety, user templates.

Golden files are compared in tests/test_draft_golden.py (regenerate with scripts/regen_golden.py).
"""

from __future__ import annotations

import datetime as dt
import html.parser
import importlib.util
import io
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
    return Document(io.BytesIO(render_draft(founding, solna.policy_set, "docx", "sv")))


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
    assert "Stadsledningsförvaltningen\nTjänsteskrivelse\n2025-08-14" in text
    assert "Beslutet expedieras till:" in text


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


def test_manual_review_items_are_marked_with_their_questions(solna: Checker, founding: Verdict) -> None:
    md = render_draft(founding, solna.policy_set, "markdown", "sv").decode()
    review = [f for f in founding.findings if f.outcome == "needs_review"]
    assert review, "the founding motion has a needs-review finding (local connection)"
    assert "### Behöver granskas manuellt" in md
    for f in review:
        assert f"Fråga att utreda: {f.question}" in md


# --------------------------------------------------------------------------- per att-sats, bifalla


def test_two_att_satser_get_a_proposal_per_att_sats(solna: Checker) -> None:
    verdict = solna.check(TWO_ATT, as_of=AS_OF)
    md = render_draft(verdict, solna.policy_set, "markdown", "sv").decode()
    decision = "att bifalla motionens första att-sats och avslå motionens andra att-sats"
    assert decision in md.split("## Sammanfattning")[0]
    assert "### Motionens första att-sats" in md and "### Motionens andra att-sats" in md
    second = md.split("### Motionens andra att-sats")[1]
    assert "Kommunen får inte ta ställning i utrikespolitiska frågor" in second
    assert "föreslår att motionens första att-sats bifalls och att motionens andra att-sats avslås" in md


def test_an_approved_motion_lists_the_rules_it_meets(solna: Checker) -> None:
    verdict = solna.check(BIFALLA, as_of=AS_OF)
    assert verdict.recommendation == "bifalla"
    md = render_draft(verdict, solna.policy_set, "markdown", "sv").decode()
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
    page = render_draft(founding, solna.policy_set, "html", "sv").decode()
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
    page = render_draft(verdict, solna.policy_set, "html", "sv").decode()
    assert "<script>" not in page and "<b>Ek" not in page
    assert "&lt;script&gt;" in page and "&amp; annat" in page


def test_english_draft_has_english_headings(solna: Checker) -> None:
    verdict = solna.check(FOUNDING, as_of=AS_OF, lang="en")
    md = render_draft(verdict, solna.policy_set, "markdown", "en").decode()
    for heading in ("## Proposed decision", "## Summary", "## Background", "## Preparation", "## The matter"):
        assert heading in md
    assert "Response to the motion by Gunnar Ihrén (L) and Anders Ekegren (L) on cooperation with Taiwan" in md
    for swedish in ("Förslag till beslut", "Sammanfattning", "Bakgrund", "Behöver granskas", "Källor"):
        assert swedish not in md


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_same_input_gives_the_same_bytes(solna: Checker, fmt: str) -> None:
    first = render_draft(solna.check(FOUNDING, as_of=AS_OF), solna.policy_set, fmt, "sv")
    second = render_draft(solna.check(FOUNDING, as_of=AS_OF), solna.policy_set, fmt, "sv")
    assert first == second
    one = render_check([solna.check(FOUNDING, as_of=AS_OF)], fmt, "sv")
    assert one == render_check([solna.check(FOUNDING, as_of=AS_OF)], fmt, "sv")


def test_docx_dates_come_from_the_as_of_date(solna: Checker, founding: Verdict) -> None:
    data = render_draft(founding, solna.policy_set, "docx", "sv")
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


def test_committed_word_template_is_the_one_the_script_builds() -> None:
    builder = load_script("build_docx_template")
    committed = ROOT / "checker" / "templates" / "tjansteskrivelse.docx"
    assert committed.read_bytes() == builder.build(), "run scripts/build_docx_template.py"


def test_draft_converts_to_pdf_with_libreoffice(solna: Checker, founding: Verdict, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "tjansteskrivelse.docx"
    source.write_bytes(render_draft(founding, solna.policy_set, "docx", "sv"))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "tjansteskrivelse.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages).split())
    assert "avslå motionen" in text


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
        render_draft(founding, solna.policy_set, "markdown", "sv", template=tpl)
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
