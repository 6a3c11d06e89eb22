"""Build the Word templates for `council-check draft --format docx`: checker/templates/tjansteskrivelse.docx
(the whole tjänsteskrivelse) and checker/templates/synpunkter.docx (`--section synpunkter`: only
"Förslag till beslut" and the administration's views, for pasting into a case system's template).

The templates are generated, not hand-edited: this script writes them with python-docx, putting
docxtpl (Jinja2) tags in the paragraphs, and fixes the core properties and zip timestamps so that the
same script gives the same bytes. A test rebuilds them and compares with the committed files.

Layout: A4; a header with the administration at the left and "Tjänsteskrivelse", the date and the
diary number at the right; page numbers "1 (3)" in the footer (PAGE and NUMPAGES fields); Word's
built-in Heading 1–3 styles (a navigable, accessible structure); document language sv-SE (the
renderer sets en-GB for English drafts); the signature block kept together with what follows.

Run:  .venv/bin/python scripts/build_docx_template.py          (writes the committed templates)
      .venv/bin/python scripts/build_docx_template.py --check  (exit 1 if a committed file is stale)

To make your own Word template, open a generated file in Word, restyle it (fonts, logo, header),
keep the {{ … }} and {%p … %} tags, and pass it with `council-check draft --template min-mall.docx`
(the fields are listed in docs/templates.md).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "checker" / "templates"
TARGETS = {"tjansteskrivelse.docx": "draft", "synpunkter.docx": "synpunkter"}
BUILT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # fixed: the template's own timestamp, never the clock


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _document() -> Any:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)
    for name, size in (("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(12 if name != "Heading 3" else 8)
        style.paragraph_format.space_after = Pt(4)
    quote = doc.styles["Quote"]
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.space_after = Pt(4)
    return doc


def _header_and_footer(doc: Any) -> None:
    section = doc.sections[0]
    header = section.header
    table = header.add_table(rows=1, cols=2, width=Cm(16))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("{{ administration }}").bold = True
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("{{ doc_type }}").bold = True
    for line in ("{{ date }}", "{{ labels.diary }} {{ diary_number }}"):
        p = right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(line).font.size = Pt(10)
    header.paragraphs[0].text = ""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(footer, "PAGE", "1")
    footer.add_run(" (")
    _field(footer, "NUMPAGES", "1")
    footer.add_run(")")


def _views(doc: Any, h: Callable[[str, int], None], para: Callable[..., Any]) -> None:
    """The administration's views: grounds grouped by severity (or per att-sats), notes, open questions,
    remedies, the conclusion and the numbered sources."""

    def ground(var: str) -> None:
        p = doc.add_paragraph()
        p.add_run("{{ " + var + ".title }}.").bold = True
        p.add_run(
            " {{ " + var + ".message }}{% if " + var + ".evidence_text %} {{ " + var + ".evidence_text }}{% endif %}"
            "{% if " + var + ".refs_text %} {{ " + var + ".refs_text }}{% endif %}"
        )

    h("{{ labels.views }}", 2)
    para("{%p for p in views.intro %}")
    para("{{ p }}")
    para("{%p endfor %}")
    para("{%p for s in views.sections %}")
    para("{%p if s.heading %}")
    h("{{ s.heading }}", 3)
    para("{%p endif %}")
    para("{%p for grp in s.groups %}")
    para("{%p if s.heading %}")
    doc.add_paragraph().add_run("{{ grp.heading }}").italic = True
    para("{%p else %}")
    h("{{ grp.heading }}", 3)
    para("{%p endif %}")
    para("{%p for g in grp.grounds %}")
    ground("g")
    para("{%p endfor %}")
    para("{%p endfor %}")
    para("{%p if s.none %}")
    para("{{ s.none }}")
    para("{%p endif %}")
    para("{%p endfor %}")
    para("{%p for m in views.passed %}")
    para("{{ m }}", "List Bullet")
    para("{%p endfor %}")
    para("{%p if views.notes %}")
    h("{{ labels.notes }}", 3)
    para("{%p for g in views.notes %}")
    ground("g")
    para("{%p endfor %}")
    para("{%p endif %}")
    para("{%p if views.review %}")
    h("{{ labels.questions }}", 3)
    para("{{ views.review_intro }}")
    para("{%p for g in views.review %}")
    ground("g")
    para("{%p if g.question %}")
    p = doc.add_paragraph()
    p.add_run("{{ labels.question }}: ").bold = True
    p.add_run("{{ g.question }}")
    para("{%p endif %}")
    para("{%p endfor %}")
    para("{%p endif %}")
    para("{%p if views.open_note %}")
    para("{{ views.open_note }}")
    para("{%p endif %}")
    para("{%p if views.remedies %}")
    h("{{ labels.remedies }}", 3)
    para("{{ views.remedies_intro }} {{ views.remedies|join(' ') }}")
    para("{%p endif %}")
    para("{{ views.conclusion }}")
    para("{%p if references %}")
    h("{{ labels.references }}", 3)
    para("{%p for r in references %}")
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    p.add_run(
        "{{ r.number }}. {{ r.reference }}{% if r.note %} ({{ r.note }}){% endif %}: ”{{ r.quote|oneline }}”"
        "{% if r.url %} {{ r.url }}{% endif %}"
    ).font.size = Pt(9)
    para("{%p endfor %}")
    para("{%p endif %}")


def build(kind: str = "draft") -> bytes:
    """A template's bytes, reproducibly: "draft" (the whole tjänsteskrivelse) or "synpunkter"."""
    sys.path.insert(0, str(ROOT))
    from checker.render.documents import normalize_docx, set_core_properties, set_language

    doc = _document()
    set_language(doc, "sv-SE")

    def h(text: str, level: int) -> None:
        doc.add_heading(text, level=level)

    def para(text: str, style: str | None = None) -> Any:
        return doc.add_paragraph(text, style=style)

    if kind == "synpunkter":
        h("{{ labels.proposed_decision }}", 2)
        para("{{ decision }}")
        _views(doc, h, para)
        title = "Förvaltningens synpunkter (mall)"
    else:
        _header_and_footer(doc)
        h("{{ title }}", 1)
        h("{{ labels.proposed_decision }}", 2)
        para("{{ decision }}")

        h("{{ labels.summary }}", 2)
        para("{%p for p in summary %}")
        para("{{ p }}")
        para("{%p endfor %}")

        h("{{ labels.background }}", 2)
        para("{%p for p in background %}")
        para("{{ p }}")
        para("{%p endfor %}")
        para("{%p if att_satser %}")
        para("{{ att_intro }}")
        para("{%p for a in att_satser %}")
        para("{{ a.text }}", "Quote")
        para("{%p endfor %}")
        para("{%p endif %}")

        h("{{ labels.preparation }}", 2)
        para("{{ preparation }}")

        h("{{ labels.matter }}", 2)
        para("{%p for p in matter %}")
        para("{{ p }}")
        para("{%p endfor %}")
        para("{%p if priority_areas %}")
        para("{{ priority_areas }}")
        para("{%p endif %}")
        para("{%p if steering_documents %}")
        para("{{ steering_intro }}")
        para("{%p for s in steering_documents %}")
        para("{{ s.title }}{% if s.note %} ({{ s.note }}){% endif %}", "List Bullet")
        para("{%p endfor %}")
        para("{%p endif %}")

        _views(doc, h, para)

        h("{{ labels.documents }}", 2)
        para("{%p for d in documents %}")
        para("{{ d }}", "List Bullet")
        para("{%p endfor %}")

        # The signature block and the recipients stay together on one page.
        para("{%p for s in signatures %}")
        for text, space in (("{{ s.name }}", 18), ("{{ s.title }}", 0)):
            p = para(text)
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.keep_together = True
            p.paragraph_format.space_before = Pt(space)
            p.paragraph_format.space_after = Pt(0)
        para("{%p endfor %}")
        p = para("{{ labels.recipients }}:")
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.space_after = Pt(0)
        para("{%p for r in recipients %}")
        para("{{ r }}")
        para("{%p endfor %}")
        title = "Tjänsteskrivelse (mall)"

    set_core_properties(doc, title=title, when=BUILT, author="council-checker", lang="sv")
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_docx(buf.getvalue(), BUILT)


def main(argv: list[str]) -> int:
    stale = []
    for name, kind in TARGETS.items():
        target = TEMPLATES / name
        data = build(kind)
        if "--check" in argv:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(name)
            continue
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)} ({len(data)} bytes)")
    for name in stale:
        print(f"checker/templates/{name} is stale: run scripts/build_docx_template.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
