"""Renderers format the Verdict and nothing else: no module in checker/render/ imports the loader, the
engine, the extraction or the batch runner, directly or through what it imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

RENDER = Path(__file__).resolve().parent.parent / "checker" / "render"
FORBIDDEN = ("checker.load", "checker.engine", "checker.extraction", "checker.batch", "checker.verdict")
MODULES = sorted(p.stem for p in RENDER.glob("*.py") if p.stem != "__init__")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", MODULES)
def test_render_module_names_no_loader_engine_extraction_or_batch(module: str) -> None:
    named = _imports(RENDER / f"{module}.py")
    assert not {n for n in named if n.startswith(FORBIDDEN)}


@pytest.mark.parametrize("module", MODULES)
def test_importing_a_render_module_loads_no_loader_engine_extraction_or_batch(module: str) -> None:
    code = (
        f"import sys, checker.render.{module}\nprint('\\n'.join(m for m in sys.modules if m.startswith({FORBIDDEN!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
