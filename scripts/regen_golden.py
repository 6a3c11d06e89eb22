"""Regenerate the golden drafts in tests/golden/ (one command; review the diff before committing).

    .venv/bin/python scripts/regen_golden.py

Each example in GOLDEN is drafted as Markdown and HTML with the bundled Solna profile at a fixed
as-of date (and the founding case's `--section synpunkter` as Markdown); tests/test_draft_golden.py
compares the committed files byte for byte. Before committing a changed golden file, look at the
Word drafts as images:

    council-check draft examples/solna-taiwan-2025/motion.txt --as-of 2025-08-14 --format docx -o t.docx
    libreoffice --headless --convert-to pdf t.docx && pdftoppm -png t.pdf t
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
AS_OF = dt.date(2025, 8, 14)
# golden name → example motion (avslå, bifalla, besvarad, per att-sats)
GOLDEN = {
    "solna-taiwan-2025": "examples/solna-taiwan-2025/motion.txt",
    "solna-klimatanpassning-gladsaxe": "examples/solna-klimatanpassning-gladsaxe/motion.txt",
    "solna-eurocities": "examples/solna-eurocities/motion.txt",
    "solna-kallkritik-uttalande": "examples/solna-kallkritik-uttalande/motion.txt",
}
FORMATS = {"markdown": ".md", "html": ".html"}
# `draft --section synpunkter` of the founding case, as Markdown.
SECTION_GOLDEN = {"solna-taiwan-2025.synpunkter.md": "solna-taiwan-2025"}


def render_all() -> dict[str, bytes]:
    """Golden file name → bytes, rendered now."""
    sys.path.insert(0, str(ROOT))
    from checker.api import Checker
    from checker.render.documents import render_draft

    checker = Checker("solna")
    out: dict[str, bytes] = {}
    for name, motion in GOLDEN.items():
        verdict = checker.check(ROOT / motion, as_of=AS_OF, lang="sv")
        for fmt, suffix in FORMATS.items():
            out[f"{name}.tjansteskrivelse{suffix}"] = render_draft(verdict, fmt, "sv")
    for filename, name in SECTION_GOLDEN.items():
        verdict = checker.check(ROOT / GOLDEN[name], as_of=AS_OF, lang="sv")
        out[filename] = render_draft(verdict, "markdown", "sv", section="synpunkter")
    return out


def main() -> int:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for filename, data in render_all().items():
        path = GOLDEN_DIR / filename
        old = path.read_bytes() if path.exists() else None
        path.write_bytes(data)
        print(("unchanged " if old == data else "wrote     ") + str(path.relative_to(ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
