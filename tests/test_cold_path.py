"""What a plain `check` sets up: no pydantic model machinery, no package-metadata reader, no YAML parser for
an unchanged policy set, no legal word list it does not read, no cyclic collector for a single input, and
the engine version as importlib.metadata gives it."""

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
# PyYAML parses files only when the cache lacks them; the durable package (with logging) is not the C core;
# tempfile and csv write files and CSV, which a check to standard output does not
print(json.dumps([m for m in mods if m.startswith(("pydantic.main", "pydantic._internal", "importlib.metadata",
                                                   "email", "jsonschema", "yaml", "durable.", "logging"))
                  or m in ("durable", "tempfile", "csv")]), file=sys.stderr)
"""


def loaded_after_check(cache: Path) -> list[str]:
    env = {**os.environ, "COUNCIL_CHECKER_CACHE_DIR": str(cache)}
    for _ in range(2):  # the first run fills the cache; the second is the ordinary case
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT)
    last = done.stderr.strip().splitlines()[-1]
    modules: list[str] = json.loads(last)
    return modules


def test_a_plain_check_builds_no_pydantic_model_reads_no_package_metadata_and_parses_no_yaml(tmp_path: Path) -> None:
    assert loaded_after_check(tmp_path / "cache") == []


def test_the_engine_version_is_the_installed_durable_rules_version() -> None:
    from importlib.metadata import version

    assert engine_version() == f"durable-rules {version('durable_rules')}"


PASSES = """
import sys, datetime as dt
from pathlib import Path
import checker.extraction.lexicon as lexicon
passes = []
original = lexicon._match_document
lexicon._match_document = lambda doc, sets, index: (passes.append(len(sets)), original(doc, sets, index))[1]
from checker.api import Checker
Checker("solna").check(Path("examples/solna-taiwan-2025/motion.txt"), as_of=dt.date(2025, 8, 14))
print(len(passes), sum(passes))
"""


def test_a_process_matches_its_first_motion_in_one_pass_once_the_cue_sets_are_known(tmp_path: Path) -> None:
    env = {**os.environ, "COUNCIL_CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", PASSES], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        for _ in range(2)
    ]
    (first_passes, first_sets), (second_passes, second_sets) = (map(int, r.stdout.split()) for r in runs)
    assert first_passes > 1  # sets asked for one by one, each matched when it is first asked for
    assert second_passes == 1 and second_sets == first_sets  # all of them known: one pass, the same sets


COMPILED = """
import datetime as dt, re, sys, types
from pathlib import Path
import checker.extraction.legal as legal
compiled = []
def counted(pattern, flags=0):
    compiled.append(pattern)
    return re.compile(pattern, flags)
legal.re = types.SimpleNamespace(**{**vars(re), "compile": counted})
from checker.api import Checker
Checker("solna").check(Path("examples/solna-taiwan-2025/motion.txt"), as_of=dt.date(2025, 8, 14))
from checker.extraction.lexicon import load_yaml
entries = load_yaml(legal.PATTERN_FILE)
full = {legal._source(entries[name])[0] for name in legal._NAMES}  # an entry's pattern, not its prefilter
print(sum(p in full for p in compiled), len(legal._NAMES))
"""


def test_legal_word_lists_accepted_before_are_compiled_only_as_a_check_reads_them(tmp_path: Path) -> None:
    env = {**os.environ, "COUNCIL_CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", COMPILED], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        for _ in range(2)
    ]
    (first, names), (second, _) = (map(int, r.stdout.split()) for r in runs)
    assert first >= names  # checked in full: every entry, and each of its alternatives alone
    assert 0 < second < names  # accepted as they are: only the entries the motion's reading asked for


COLLECTOR = """
import gc, sys
import checker.batch
from checker.cli import main
seen = []
original = checker.batch.run_batch
def run_batch(*args, **kwargs):
    seen.append(gc.isenabled())
    return original(*args, **kwargs)
checker.batch.run_batch = run_batch
sys.argv = ["council-check", "check", *sys.argv[1:], "--as-of", "2025-08-14"]
try:
    main()
except SystemExit:
    pass
print(seen, gc.isenabled(), file=sys.stderr)
"""


def test_a_single_check_runs_without_the_cyclic_collector_and_leaves_it_enabled(tmp_path: Path) -> None:
    env = {**os.environ, "COUNCIL_CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    motion = "examples/solna-taiwan-2025/motion.txt"

    def run(*paths: str) -> str:
        command = [sys.executable, "-c", COLLECTOR, *paths]
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        return done.stderr.strip().splitlines()[-1]

    assert run(motion) == "[False] True"
    assert run(motion, motion) == "[True] True"  # a batch keeps its collector (settled after its first check)
