"""A batch under failure: a dying worker, a closed pipe, a full disk, a terminated run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from .conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


def test_a_worker_that_dies_does_not_hang_the_batch_and_the_rest_is_reported() -> None:
    code = textwrap.dedent("""
        import os, signal, datetime as dt
        from pathlib import Path
        import checker.batch as b
        from checker.api import Checker
        files = sorted(Path(%r).glob("*.txt"))[:12]
        original = b.check_one
        def crashing(checker, path, opts, declared):
            if path.name.startswith("005"):
                os.kill(os.getpid(), signal.SIGSEGV)  # as the engine's C core would
            return original(checker, path, opts, declared)
        b.check_one = crashing
        items = list(b.iter_items(Checker("solna"), files, b.Options("solna", dt.date(2025, 10, 1), "sv"), None, 2))
        print(len(items), all(i.errors or i.recommendation for i in items), items[-1].errors[0].split(": ", 1)[1])
    """) % str(CORPUS)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "12 True granskningen avbröts: en arbetsprocess avslutades oväntat"


def test_a_closed_pipe_stops_the_batch_quietly() -> None:
    cli = f"{sys.executable} -m checker check {CORPUS} --format jsonl --as-of 2025-10-01 --jobs 2"
    proc = subprocess.run(
        ["bash", "-c", f"{cli} | head -c 100 > /dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert proc.stdout.strip() == "141"
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr


def test_a_full_disk_on_standard_output_is_one_line_and_exit_4() -> None:
    if not Path("/dev/full").exists():
        return
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "checker",
                "check",
                *map(str, sorted(CORPUS.glob("00*.txt"))),
                "--format",
                "jsonl",
                "--as-of",
                "2025-10-01",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=ROOT,
            check=False,
        )
    assert proc.returncode == 4
    assert proc.stderr.strip().startswith("standard output: kan inte skriva: ")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_terminated_batch_leaves_no_partial_output_file(tmp_path: Path) -> None:
    folder = tmp_path / "motioner"
    folder.mkdir()
    motion = (ROOT / "examples" / "solna-taiwan-2025" / "motion.txt").read_text(encoding="utf-8")
    for i in range(400):
        (folder / f"m{i:03d}.txt").write_text(motion + f"\nRad {i}.\n", encoding="utf-8")
    out = tmp_path / "ut.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(folder),
            "--format",
            "jsonl",
            "--as-of",
            "2025-10-01",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not any(p.name.startswith(".ut.jsonl.") for p in tmp_path.iterdir()):
        time.sleep(0.05)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    assert sorted(p.name for p in tmp_path.iterdir()) == ["motioner"]
