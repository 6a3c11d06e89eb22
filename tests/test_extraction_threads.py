"""Checks run in threads at once, from a fresh process, give the verdicts a sequential run gives.

The web server checks in a thread pool. Extraction keeps lazily built state (the compiled cue sets,
their merged first-word index, the memoised candidates, the analysis of the last motion); a thread
must never see another thread's half-built state or the analysis of the motion another thread is
checking. The concurrent checks run first in a fresh interpreter with an empty cache directory, so
the cue sets are built while other threads match, and with a tiny switch interval, so threads
interleave between nearly every bytecode.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import datetime as dt, json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.setswitchinterval(1e-6)
from checker.api import Checker
from checker.render.jsonout import render_json

paths = [Path(p) for p in json.loads(sys.argv[1])]
texts = [p.read_text(encoding="utf-8") for p in paths]
checker = Checker("solna")
as_of = dt.date(2025, 8, 14)


def check(text):
    return render_json(checker.check_text(text, as_of=as_of))


order = [i for _ in range(3) for i in range(len(texts))]
with ThreadPoolExecutor(max_workers=8) as pool:
    concurrent = list(pool.map(lambda i: check(texts[i]), order))
sequential = [check(t) for t in texts]
print(json.dumps([k for k, i in enumerate(order) if concurrent[k] != sequential[i]]))
print(json.dumps(len(set(sequential))))
"""


def motions() -> list[Path]:
    corpus = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    return sorted(EXAMPLES.glob("*/motion.txt")) + corpus[::8]


def test_concurrent_checks_from_a_fresh_process_match_the_sequential_ones(tmp_path: Path) -> None:
    paths = motions()
    assert len(paths) >= 20
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))  # nothing built or remembered yet
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([str(p) for p in paths])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    differing, distinct = (json.loads(line) for line in out.stdout.splitlines()[-2:])
    assert differing == []
    assert distinct == len(paths)  # different motions, different verdicts: the comparison means something
