"""Build checker/templates/tjansteskrivelse.docx, the Word template for `council-check draft --format docx`.

The template is generated, not hand-edited: this script writes it with python-docx, putting docxtpl
(Jinja2) tags in the paragraphs, and fixes the core properties and zip timestamps so that the same
script gives the same bytes. A test rebuilds it and compares with the committed file.

Run:  .venv/bin/python scripts/build_docx_template.py          (writes the committed template)
      .venv/bin/python scripts/build_docx_template.py --check  (exit 1 if the committed file is stale)

To make your own Word template, open the generated file in Word, restyle it (fonts, logo, header),
keep the {{ … }} and {%p … %} tags, and pass it with `council-check draft --template min-mall.docx`.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "checker" / "templates" / "tjansteskrivelse.docx"
BUILT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # fixed: the template's own timestamp, never the clock


def _ground(doc: Any, var: str, *, question: bool) -> None:
    """The paragraphs of one ground (a finding): title, message with source numbers, evidence, remedy."""
    p = doc.add_paragraph()
    p.add_run("{{ " + var + ".title }}").bold = True
    p.add_run(" ({{ " + var + ".kind }})").italic = True
    doc.add_paragraph("{{ " + var + ".message }}{% if " + var + ".refs_text %} {{ " + var + ".refs_text }}{% endif %}")
    doc.add_paragraph("{%p if " + var + ".evidence %}")
    doc.add_paragraph("{{ labels.evidence }}:")
    doc.add_paragraph("{%p for q in " + var + ".evidence %}")
    doc.add_paragraph("”{{ q }}”", style="Quote")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if " + var + ".remedy %}")
    doc.add_paragraph("{{ labels.remedy }}: {{ " + var + ".remedy }}")
    doc.add_paragraph("{%p endif %}")
    if question:
        doc.add_paragraph("{%p if " + var + ".question %}")
        p = doc.add_paragraph()
        p.add_run("{{ labels.question }}: ").bold = True
        p.add_run("{{ " + var + ".question }}")
        doc.add_paragraph("{%p endif %}")


def build() -> bytes:
    """The template's bytes, reproducibly."""
    sys.path.insert(0, str(ROOT))
    from checker.render.documents import normalize_docx, set_core_properties

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.name = "Arial"

    def h(text: str, level: int) -> None:
        doc.add_heading(text, level=level)

    def para(text: str, style: str | None = None) -> None:
        doc.add_paragraph(text, style=style)

    for line in ("{{ administration }}", "{{ doc_type }}", "{{ date }}", "{{ diary_number }}"):
        p = doc.add_paragraph()
        p.add_run(line).font.size = Pt(10)
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
    para("{{ steering_intro }}")
    para("{%p for s in steering_documents %}")
    para("{{ s.title }}{% if s.note %} ({{ s.note }}){% endif %}", "List Bullet")
    para("{%p endfor %}")

    h("{{ labels.views }}", 2)
    para("{%p for p in views.intro %}")
    para("{{ p }}")
    para("{%p endfor %}")
    para("{%p for s in views.sections %}")
    para("{%p if s.heading %}")
    h("{{ s.heading }}", 3)
    para("{{ s.att_sats }}", "Quote")
    para("{%p endif %}")
    para("{%p for g in s.grounds %}")
    _ground(doc, "g", question=False)
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
    _ground(doc, "g", question=False)
    para("{%p endfor %}")
    para("{%p endif %}")
    para("{%p if views.review %}")
    h("{{ labels.review }}", 3)
    para("{{ views.review_intro }}")
    para("{%p for g in views.review %}")
    _ground(doc, "g", question=True)
    para("{%p endfor %}")
    para("{%p endif %}")
    para("{{ views.conclusion }}")
    para("{%p if references %}")
    h("{{ labels.references }}", 3)
    para("{%p for r in references %}")
    p = doc.add_paragraph()
    p.add_run(
        "{{ r.number }}. {{ r.reference }}{% if r.note %} ({{ r.note }}){% endif %}: ”{{ r.quote|oneline }}”"
        "{% if r.url %} {{ r.url }}{% endif %}"
    ).font.size = Pt(10)
    para("{%p endfor %}")
    para("{%p endif %}")

    h("{{ labels.documents }}", 2)
    para("{%p for d in documents %}")
    para("{{ d }}", "List Bullet")
    para("{%p endfor %}")

    para("{%p for s in signatures %}")
    para("")
    para("{{ s.name }}")
    para("{{ s.title }}")
    para("{%p endfor %}")
    para("")
    para("{{ labels.recipients }}:")
    para("{%p for r in recipients %}")
    para("{{ r }}")
    para("{%p endfor %}")

    set_core_properties(doc, title="Tjänsteskrivelse (mall)", when=BUILT, author="council-checker", lang="sv")
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_docx(buf.getvalue(), BUILT)


def main(argv: list[str]) -> int:
    data = build()
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_bytes() != data:
            print(f"{TARGET.relative_to(ROOT)} is stale: run scripts/build_docx_template.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
