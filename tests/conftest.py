"""Shared fixtures: one loaded checker per profile for the whole session (as in production)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="module")
def service() -> Any:
    """The web service with both bundled profiles (the web stack is imported only by the tests that ask)."""
    from checker.web.service import Service

    return Service(["solna", "generic"])


@pytest.fixture(scope="module")
def client(service: Any) -> Any:
    """FastAPI's test client on the web app; server exceptions become responses, as a real server gives."""
    from fastapi.testclient import TestClient

    from checker.web.app import create_app

    return TestClient(create_app(service), raise_server_exceptions=False)


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
