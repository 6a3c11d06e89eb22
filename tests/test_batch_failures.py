"""A batch under failure: a dying worker, a closed pipe, a full disk, a terminated run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

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
        failed = [i for i in items if i.errors]
        print(len(items), [i.path.name for i in items] == [f.name for f in files], len(failed))
        print(failed[0].path.name[:3], failed[0].errors[0].split(": ", 1)[1])
    """) % str(CORPUS)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    # Only the input the worker died on (twice: it is tried once more) is reported; the others get verdicts.
    assert proc.stdout.strip().splitlines() == [
        "12 True 1",
        "005 granskningen avbröts: arbetsprocessen avslutades oväntat (signal SIGSEGV) medan filen granskades",
    ]


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


def _motions(folder: Path, n: int) -> None:
    folder.mkdir()
    motion = (ROOT / "examples" / "solna-taiwan-2025" / "motion.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"m{i:03d}.txt").write_text(motion + f"\nRad {i}.\n", encoding="utf-8")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", "check", *args, "--as-of", "2025-10-01"]


def _wait_for_lines(path: Path, n: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never got {n} lines")


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    if found.exists():
        return [int(x) for x in found.read_text().split()]
    kids = []  # kernels without /proc/…/children: the processes whose parent is `pid`
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return sorted(kids)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_terminated_batch_keeps_its_verdicts_so_far_in_a_marked_partial_file(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 400)
    out = tmp_path / "ut.jsonl"
    proc = subprocess.Popen(
        _cli(str(tmp_path / "motioner"), "--format", "jsonl", "-o", str(out), "--jobs", "1"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    partial = tmp_path / "ut.jsonl.partial"
    _wait_for_lines(partial, 3)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert not out.exists()  # the output itself is never a partial file
    lines = partial.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 3
    assert all(json.loads(x)["recommendation"] == "avslå" for x in lines)
    assert err.strip().startswith("avbrutet; de ") and str(partial) in err
    assert len(err.strip().splitlines()) == 1


def test_a_terminated_json_batch_leaves_a_partial_file_that_is_a_valid_array(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 400)
    out = tmp_path / "ut.json"
    proc = subprocess.Popen(
        _cli(str(tmp_path / "motioner"), "--format", "json", "-o", str(out), "--jobs", "1"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    partial = tmp_path / "ut.json.partial"
    _wait_for_lines(partial, 200)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    verdicts = json.loads(partial.read_text(encoding="utf-8"))
    assert isinstance(verdicts, list) and verdicts and all(v["recommendation"] == "avslå" for v in verdicts)


def test_a_sigkilled_worker_is_reported_and_the_batch_finishes(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 300)
    out = tmp_path / "ut.jsonl"
    proc = subprocess.Popen(
        _cli(str(tmp_path / "motioner"), "--format", "jsonl", "-o", str(out), "--jobs", "2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_lines(tmp_path / "ut.jsonl.partial", 5)
    workers = _children(proc.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
    _, err = proc.communicate(timeout=120)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 300  # every input is in its place: a verdict, or (tried twice) an error
    assert proc.returncode in (1, 4)
    assert "Traceback" not in err
    assert not (tmp_path / "ut.jsonl.partial").exists()


def test_the_death_of_the_main_process_takes_its_workers_with_it(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 300)
    out = tmp_path / "ut.jsonl"
    proc = subprocess.Popen(
        _cli(str(tmp_path / "motioner"), "--format", "jsonl", "-o", str(out), "--jobs", "2"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    partial = tmp_path / "ut.jsonl.partial"
    _wait_for_lines(partial, 5)
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.time() + 20
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    # The verdicts computed before the kill are kept, whole lines, in the marked partial file.
    kept = partial.read_text(encoding="utf-8").splitlines()
    assert len(kept) >= 5 and all(json.loads(x)["recommendation"] == "avslå" for x in kept)


BOOM_CHECK = """
import sys, datetime as dt
from pathlib import Path
import checker.api as api
original = api.Checker.check
def check(self, path, **kw):
    if path.name == "m002.txt":
        raise ZeroDivisionError("ett fel i pipelinen")
    return original(self, path, **kw)
api.Checker.check = check
from checker.cli import main
sys.argv = ["council-check", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_input_that_raises_inside_the_pipeline_is_an_internal_error_in_its_place(tmp_path: Path, jobs: str) -> None:
    _motions(tmp_path / "motioner", 8)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            BOOM_CHECK,
            "check",
            str(tmp_path / "motioner"),
            "--format",
            "jsonl",
            "--as-of",
            "2025-10-01",
            "--jobs",
            jobs,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 5
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == 8
    assert lines[2]["input_name"] == "m002.txt"
    assert lines[2]["error"]["exit_code"] == 5  # a fault in the checker, not in the input (4)
    assert [x.get("recommendation") for i, x in enumerate(lines) if i != 2] == ["avslå"] * 7
    where = tmp_path / "motioner" / "m002.txt"
    assert proc.stderr.strip().splitlines() == [
        f"{where}: internt fel: ZeroDivisionError: ett fel i pipelinen; rapportera med filen"
    ]


def test_debug_shows_the_traceback_of_an_internal_error_in_a_batch(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 3)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            BOOM_CHECK,
            "check",
            str(tmp_path / "motioner"),
            "--format",
            "jsonl",
            "--as-of",
            "2025-10-01",
            "--debug",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 5
    assert "Traceback (most recent call last)" in proc.stderr and "ZeroDivisionError" in proc.stderr


SLOW_CHECK = """
import sys, time
import checker.api as api
original = api.Checker.check
def check(self, path, **kw):
    if path.name == "m001.txt":
        while True:
            time.sleep(0.01)  # a runaway input
    return original(self, path, **kw)
api.Checker.check = check
from checker.cli import main
sys.argv = ["council-check", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_runaway_input_is_reported_at_its_time_limit_and_the_rest_still_run(tmp_path: Path, jobs: str) -> None:
    _motions(tmp_path / "motioner", 6)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            SLOW_CHECK,
            "check",
            str(tmp_path / "motioner"),
            "--format",
            "jsonl",
            "--as-of",
            "2025-10-01",
            "--jobs",
            jobs,
            "--time-limit",
            "5",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 4
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == 6 and lines[1]["input_name"] == "m001.txt"
    assert sum(1 for x in lines if x.get("recommendation") == "avslå") == 5
    assert "tidsgränsen 5 s" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


STUCK_IN_C = """
import signal, sys, time
import checker.api as api
original = api.Checker.check
def check(self, path, **kw):
    if path.name == "m002.txt":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code that never returns to Python
        while True:
            time.sleep(0.01)
    return original(self, path, **kw)
api.Checker.check = check
import checker.batch
checker.batch._KILL_GRACE = 0.5
from checker.cli import main
sys.argv = ["council-check", *sys.argv[1:]]
main()
"""


def test_with_one_job_an_input_stuck_where_the_timer_cannot_reach_is_killed_and_the_batch_finishes(
    tmp_path: Path,
) -> None:
    _motions(tmp_path / "motioner", 5)
    args = ["check", str(tmp_path / "motioner"), "--format", "jsonl", "--as-of", "2025-10-01", "--jobs", "1"]
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", STUCK_IN_C, *args, "--time-limit", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    took = time.monotonic() - started
    assert proc.returncode == 4, proc.stderr[-2000:]
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == 5 and lines[2]["input_name"] == "m002.txt" and "error" in lines[2]
    assert sum(1 for x in lines if x.get("recommendation") == "avslå") == 4
    assert "m002.txt: granskningen tog längre än tidsgränsen 2 s" in proc.stderr
    assert took < 60


def test_one_job_in_a_worker_gives_the_bytes_of_one_job_in_this_process(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 4)
    (tmp_path / "motioner" / "trasig.docx").write_bytes(b"PK\x03\x04 inte en zip")
    outputs = {}
    for limit in ("60", "0"):  # 0: no time limit, so the batch runs in this process as before
        proc = subprocess.run(
            _cli(str(tmp_path / "motioner"), "--format", "json", "--jobs", "1", "--time-limit", limit),
            capture_output=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 4
        outputs[limit] = (proc.stdout, proc.stderr)
    assert outputs["60"] == outputs["0"]
    assert outputs["60"][0].count(b'"input_name"') >= 5


STUCK_WORKER = """
import os, signal, time, datetime as dt
from pathlib import Path
import checker.batch as b
from checker.api import Checker
files = sorted(Path(%r).glob("*.txt"))
original = b.check_one
def stuck(checker, path, opts, declared):
    if path.name == "m003.txt":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code that never returns to Python
        while True:
            time.sleep(0.05)
    return original(checker, path, opts, declared)
b.check_one = stuck
opts = b.Options("solna", dt.date(2025, 10, 1), "sv", fmt="jsonl", time_budget=3)
b._KILL_GRACE = 0.5
checker = Checker("solna")
checker.check(files[0], as_of=opts.as_of)  # warm: the forked workers inherit everything loaded
items = list(b.iter_items(checker, files, opts, None, 2))
print(len(items), [i.path.name for i in items if i.errors], items[3].errors[0].split(": ", 1)[1][:46])
"""


def test_a_worker_stuck_beyond_the_time_limit_is_killed_and_its_input_reported(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 8)
    proc = subprocess.run(
        [sys.executable, "-c", STUCK_WORKER % str(tmp_path / "motioner")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "8 ['m003.txt'] granskningen tog längre än tidsgränsen 3 s och"


def test_check_with_budget_turns_a_runaway_check_into_one_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from checker import batch
    from checker.api import Checker
    from checker.errors import InputError

    checker = Checker("solna")

    def runaway(*_a: object, **_k: object) -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(checker, "check", runaway)
    with pytest.raises(InputError) as caught:
        batch.check_with_budget(checker, Path("m.txt"), as_of=dt.date(2025, 10, 1), seconds=0.2)
    assert caught.value.lines() == [
        "m.txt: granskningen tog längre än tidsgränsen 0.2 s och avbröts; övriga filer granskas"
    ]


SPAWNED = """
import dataclasses, datetime as dt, multiprocessing
from pathlib import Path
import checker.batch as b
from checker.api import Checker
multiprocessing.get_all_start_methods = lambda: ["spawn"]  # as on a system without fork
files = sorted(Path(%r).glob("*.txt"))
opts = b.Options("solna", dt.date(2025, 10, 1), "sv", fmt="jsonl")
checker = Checker("solna")
pooled = [i.piece for i in b.iter_items(checker, files, opts, None, 2)]
in_process = dataclasses.replace(opts, time_budget=None)  # without a budget a batch stays in this process
alone = [i.piece for i in b.iter_items(checker, files, in_process, None, 1)]
print(len(pooled), pooled == alone)
"""


def test_spawned_workers_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    _motions(tmp_path / "motioner", 6)
    proc = subprocess.run(
        [sys.executable, "-c", SPAWNED % str(tmp_path / "motioner")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "6 True"


def test_a_worker_owned_alarm_stops_an_overrunning_body_and_ignores_a_late_signal() -> None:
    import checker.batch as b

    previous = signal.getsignal(signal.SIGALRM)
    saved = dict(b._alarm)
    try:
        b.own_alarm()
        with pytest.raises(b.BudgetExceeded), b.time_budget(0.05):
            time.sleep(2)
        with b.time_budget(5):
            pass
        signal.raise_signal(signal.SIGALRM)  # arrives after its input was done: no exception
    finally:
        b._alarm.update(saved)
        signal.signal(signal.SIGALRM, previous)
