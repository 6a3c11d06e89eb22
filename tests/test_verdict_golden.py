"""Golden verdicts: the JSON verdict of every corpus motion and example, compared byte for byte.

A change made for speed must not change a single byte of any verdict. A change that alters verdicts
on purpose regenerates them with one command, and the diff is reviewed:

    .venv/bin/python scripts/regen_verdicts.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "verdicts"


def _regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_verdicts", ROOT / "scripts" / "regen_verdicts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen()
NAMES = [name for name, *_ in REGEN.cases()]


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    result: dict[str, bytes] = REGEN.render_all()
    return result


@pytest.mark.parametrize("name", NAMES)
def test_verdict_matches_its_golden_file(rendered: dict[str, bytes], name: str) -> None:
    golden = GOLDEN_DIR / name
    assert golden.is_file(), f"missing {golden.relative_to(ROOT)}: run scripts/regen_verdicts.py"
    assert rendered[name] == golden.read_bytes(), (
        f"{name} differs from its golden verdict; if intended, run scripts/regen_verdicts.py and review the diff"
    )


def test_golden_verdicts_cover_every_corpus_and_every_recommendation() -> None:
    folders = {name.split("/", 1)[0] for name in NAMES}
    assert folders == {
        "corpus",
        "heldout",
        "heldout2",
        "blind-2026-12",
        "blind-2026-12b",
        "blind-2026-12c",
        "blind-2026-12d",
        "examples",
    }
    recommendations = {json.loads((GOLDEN_DIR / n).read_bytes())["recommendation"] for n in NAMES}
    assert recommendations == {"avslå", "bifalla", "besvarad", "granska"}


def test_no_golden_verdict_is_left_without_its_motion() -> None:
    committed = {p.relative_to(GOLDEN_DIR).as_posix() for p in GOLDEN_DIR.glob("*/*.json")}
    assert committed == set(NAMES)


def test_the_standard_library_and_pydantic_serializers_write_the_same_bytes() -> None:
    from checker.api import Checker
    from checker.models import json_adapter, stdlib_json

    checkers: dict[str, Checker] = {}
    adapter = None
    for _name, motion, profile, as_of in REGEN.cases()[::7]:
        if profile not in checkers:
            checkers[profile] = Checker(REGEN.ROOT / profile if "/" in profile else profile)
        verdict = checkers[profile].check(motion, as_of=as_of, lang="en")
        adapter = adapter or json_adapter(type(verdict))
        for indent in (None, 2):
            assert stdlib_json(verdict, indent) == adapter.dump_json(verdict, indent=indent).decode("utf-8")
