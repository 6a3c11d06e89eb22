"""Golden drafts: the tjänsteskrivelse of each example, as Markdown and HTML, compared byte for byte.

Regenerate after an intended change with one command, then review the diff:

    .venv/bin/python scripts/regen_golden.py

The examples and the fixed as-of date are listed in scripts/regen_golden.py (GOLDEN, AS_OF).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"


def _regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen()
NAMES = [f"{name}.tjansteskrivelse{suffix}" for name in REGEN.GOLDEN for suffix in REGEN.FORMATS.values()]
NAMES += list(REGEN.SECTION_GOLDEN)


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    result: dict[str, bytes] = REGEN.render_all()
    return result


@pytest.mark.parametrize("name", NAMES)
def test_draft_matches_its_golden_file(rendered: dict[str, bytes], name: str) -> None:
    golden = GOLDEN_DIR / name
    assert golden.is_file(), f"missing {golden.relative_to(ROOT)}: run scripts/regen_golden.py"
    assert rendered[name] == golden.read_bytes(), (
        f"{name} differs from its golden file; if intended, run scripts/regen_golden.py and review the diff"
    )


def test_golden_set_covers_reject_approve_answered_and_per_att_sats(rendered: dict[str, bytes]) -> None:
    texts = {name: data.decode("utf-8") for name, data in rendered.items() if name.endswith(".md")}
    joined = "\n".join(texts.values())
    for decision in ("att avslå motionen.", "att bifalla motionen.", "att anse motionen besvarad.",
                     "att bifalla motionens första att-sats och avslå motionens andra att-sats."):  # fmt: skip
        assert decision in joined
