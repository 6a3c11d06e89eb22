"""Shared fixtures: one loaded checker per profile for the whole session (as in production)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from checker.api import Checker

ROOT = Path(__file__).resolve().parent.parent

# Tests never touch the user's own validation cache (~/.cache/council-checker); subprocesses inherit this.
os.environ["COUNCIL_CHECKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="cc-test-cache-")
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def solna() -> Checker:
    return Checker("solna")


@pytest.fixture(scope="session")
def generic() -> Checker:
    return Checker("generic")


def run_cli(
    *args: str, cwd: Path | None = None, input_bytes: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m checker` in a fresh process, as a user would."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        input=input_bytes,
        env=env,
        timeout=120,
        check=False,
    )
