"""What a plain `check` sets up: no pydantic model machinery, no package-metadata reader, no YAML parsing
of an unchanged policy set, and the engine version as importlib.metadata gives it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from checker.engine import engine_version

from .conftest import ROOT

PROBE = """
import sys
from checker.cli import main
sys.argv = ["council-check", "check", "examples/solna-taiwan-2025/motion.txt", "--as-of", "2025-08-14"]
try:
    main()
except SystemExit:
    pass
import json
mods = sorted(sys.modules)
print(json.dumps([m for m in mods if m.startswith(("pydantic.main", "pydantic._internal", "importlib.metadata",
                                                   "email", "jsonschema"))]), file=sys.stderr)
"""


def loaded_after_check(cache: Path) -> list[str]:
    env = {**os.environ, "COUNCIL_CHECKER_CACHE_DIR": str(cache)}
    for _ in range(2):  # the first run fills the cache; the second is the ordinary case
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT)
    last = done.stderr.strip().splitlines()[-1]
    modules: list[str] = json.loads(last)
    return modules


def test_a_plain_check_builds_no_pydantic_model_and_reads_no_package_metadata(tmp_path: Path) -> None:
    assert loaded_after_check(tmp_path / "cache") == []


def test_the_engine_version_is_the_installed_durable_rules_version() -> None:
    from importlib.metadata import version

    assert engine_version() == f"durable-rules {version('durable_rules')}"
