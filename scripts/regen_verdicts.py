"""Regenerate the golden JSON verdicts in tests/verdicts/ (one command; review the diff before committing).

    .venv/bin/python scripts/regen_verdicts.py

Every motion of the labelled corpora (tests/corpus, tests/heldout*, tests/blind-*) and every example
is checked with the profile and as-of date of its label, in Swedish, and written as the JSON that
`council-check check --format json` prints. tests/test_verdict_golden.py compares the committed
files byte for byte, so a change meant only to make the checker faster cannot change a verdict.
A change that alters verdicts on purpose regenerates them with this script.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "verdicts"
CORPORA = (
    "tests/corpus",
    "tests/heldout",
    "tests/heldout2",
    "tests/blind-2026-12",
    "tests/blind-2026-12b",
    "tests/blind-2026-12c",
    "tests/blind-2026-12d",
)
MOTION_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def _label(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def cases() -> list[tuple[str, Path, str, dt.date]]:
    """(golden file name, motion, profile, as-of date) for every labelled motion and every example."""
    out: list[tuple[str, Path, str, dt.date]] = []
    for corpus in CORPORA:
        folder = ROOT / corpus
        for label_path in sorted(folder.glob("*.expected.yaml")):
            stem = label_path.name[: -len(".expected.yaml")]
            motion = next((folder / (stem + s) for s in MOTION_SUFFIXES if (folder / (stem + s)).is_file()), None)
            if motion is None:
                continue
            label = _label(label_path)
            as_of = label["as_of"]
            out.append((f"{folder.name}/{stem}.json", motion, str(label["profile"]), _date(as_of)))
    for example in sorted((ROOT / "examples").iterdir()):
        label_path, motion = example / "expected.yaml", example / "motion.txt"
        if not (label_path.is_file() and motion.is_file()):
            continue
        label = _label(label_path)
        profile = str(label.get("profile", "solna"))
        out.append((f"examples/{example.name}.json", motion, profile, _date(label["as_of"])))
    return out


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def render_all() -> dict[str, bytes]:
    """Golden file name → the JSON verdict's bytes, computed now."""
    sys.path.insert(0, str(ROOT))
    from checker.api import Checker
    from checker.render.jsonout import render_json

    checkers: dict[str, Checker] = {}
    out: dict[str, bytes] = {}
    for name, motion, profile, as_of in cases():
        if profile not in checkers:
            checkers[profile] = Checker(ROOT / profile if "/" in profile else profile)
        verdict = checkers[profile].check(motion, as_of=as_of, lang="sv")
        out[name] = render_json(verdict).encode("utf-8")
    return out


def main() -> int:
    rendered = render_all()
    for filename, data in rendered.items():
        path = GOLDEN_DIR / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_bytes() if path.exists() else None
        if old != data:
            path.write_bytes(data)
            print("wrote     " + str(path.relative_to(ROOT)))
    for stale in sorted(GOLDEN_DIR.glob("*/*.json")):
        if stale.relative_to(GOLDEN_DIR).as_posix() not in rendered:
            stale.unlink()
            print("removed   " + str(stale.relative_to(ROOT)))
    print(f"{len(rendered)} golden verdicts in {GOLDEN_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
