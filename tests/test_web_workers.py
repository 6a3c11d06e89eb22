"""The server's worker processes (checker/web/workers.py): a time limit per request, dead workers replaced,
checks in parallel, and the same bytes as a check in this process.

A runaway check is made by patching `Checker.prepare` in this process before the pool is started: the
workers are forked from it, so they run the patched code (nothing in the checker knows about the test).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [web] extra is not installed")

from fastapi.testclient import TestClient

from checker.api import Checker
from checker.web.app import create_app
from checker.web.service import Service
from checker.web.workers import WorkerDied, WorkerError, fork_available

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not fork_available(), reason="the worker pool needs fork (POSIX)")

AS_OF = "2025-08-14"
LOOP = "MARKÖR-SNURRA"  # the patched check spins with its signals blocked, as code stuck in C would
SLEEP = "MARKÖR-SOV"  # the patched check sleeps for a while
MOTIONS = sorted(EXAMPLES.glob("*/motion.txt"))


def _patched_prepare(original: Any) -> Any:
    def prepare(self: Checker, path: Path, declared: Any = None) -> Any:
        data = path.read_bytes()
        if LOOP.encode() in data:
            signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals))
            while True:
                pass
        if SLEEP.encode() in data:
            time.sleep(float(data.split(SLEEP.encode())[1].split()[0]))
        return original(self, path, declared)

    return prepare


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Service, TestClient]]:
    monkeypatch.setattr(Checker, "prepare", _patched_prepare(Checker.prepare))
    service = Service(["solna"])
    service.start_workers(2, time_limit=2.0)
    try:
        yield service, TestClient(create_app(service), raise_server_exceptions=False)
    finally:
        service.close()


def post(client: TestClient, text: str) -> Any:
    return client.post("/api/v1/check", json={"text": text, "as_of": AS_OF})


def gone(pid: int) -> bool:
    """The process has ended (it may be a zombie until its parent reaps it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def wait_until(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.02)


def in_process(text: str) -> bytes:
    body: bytes = (
        Service(["solna"])
        .check_here(text.encode("utf-8"), "motion.txt", profile=None, as_of=dt.date.fromisoformat(AS_OF))
        .body
    )
    return body


def test_a_check_over_the_time_limit_gets_503_in_swedish_and_english_and_its_worker_is_killed(
    pooled: tuple[Service, TestClient],
) -> None:
    service, client = pooled
    assert service.pool is not None
    before = service.pool.pids()
    started = time.monotonic()
    response = post(client, f"Motion om en evig loop\n\n{LOOP}\n\natt kommunen gör något\n")
    took = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert set(body) == {"error", "error_en", "code"}
    assert body["code"] == "time_limit"
    assert "tidsgränsen 2 s" in body["error"] and "time limit of 2 s" in body["error_en"]
    assert "\n" not in body["error"]
    assert 2.0 <= took < 8.0
    after = service.pool.pids()
    killed = set(before) - set(after)
    assert len(after) == 2 and len(killed) == 1
    wait_until(lambda: all(gone(pid) for pid in killed))
    assert service.pool.replaced == 1


def test_a_normal_request_after_a_runaway_gives_the_bytes_of_a_check_in_this_process(
    pooled: tuple[Service, TestClient],
) -> None:
    _service, client = pooled
    text = MOTIONS[0].read_text(encoding="utf-8")
    assert post(client, f"{LOOP}\natt x\n").status_code == 503
    response = post(client, text)
    assert response.status_code == 200
    assert response.content == in_process(text)


def test_other_requests_are_answered_while_one_check_runs_over(pooled: tuple[Service, TestClient]) -> None:
    _service, client = pooled
    text = MOTIONS[0].read_text(encoding="utf-8")
    finished: dict[str, float] = {}

    def runaway() -> int:
        status = int(post(client, f"{LOOP}\natt x\n").status_code)
        finished["runaway"] = time.monotonic()
        return status

    with ThreadPoolExecutor(max_workers=4) as threads:
        slow = threads.submit(runaway)
        time.sleep(0.2)
        statuses = []
        for _ in range(5):
            statuses.append(post(client, text).status_code)
        finished["others"] = time.monotonic()
        assert slow.result() == 503
    assert statuses == [200] * 5
    assert finished["others"] < finished["runaway"]


def test_a_worker_killed_during_a_check_gives_500_at_once_and_a_new_worker(pooled: tuple[Service, TestClient]) -> None:
    service, client = pooled
    assert service.pool is not None
    result: dict[str, Any] = {}

    def sleeper() -> None:
        result["response"] = post(client, f"{SLEEP} 30\n\natt x\n")
        result["at"] = time.monotonic()

    thread = threading.Thread(target=sleeper)
    thread.start()
    wait_until(lambda: bool(service.pool and service.pool.busy_pids()))
    victim = service.pool.busy_pids()[0]
    time.sleep(0.1)
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    thread.join(timeout=15)
    assert not thread.is_alive()
    response = result["response"]
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert "arbetsprocessen" in response.json()["error"] and "worker process" in response.json()["error_en"]
    assert result["at"] - killed_at < 5.0
    assert victim not in service.pool.pids() and len(service.pool.pids()) == 2
    assert post(client, MOTIONS[0].read_text(encoding="utf-8")).status_code == 200


def test_a_worker_killed_while_idle_is_replaced_before_a_request_reaches_it(pooled: tuple[Service, TestClient]) -> None:
    service, client = pooled
    assert service.pool is not None
    victims = service.pool.pids()
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    wait_until(lambda: all(gone(pid) for pid in victims))
    text = MOTIONS[0].read_text(encoding="utf-8")
    assert [post(client, text).status_code for _ in range(3)] == [200] * 3
    assert not set(victims) & set(service.pool.pids()) and len(service.pool.pids()) == 2


def test_a_dead_template_is_started_again_and_requests_still_get_verdicts(pooled: tuple[Service, TestClient]) -> None:
    service, client = pooled
    assert service.pool is not None
    template = service.pool._template.pid
    victims = service.pool.pids()
    os.kill(template, signal.SIGKILL)  # its workers die with it
    wait_until(lambda: all(gone(pid) for pid in victims))
    text = MOTIONS[0].read_text(encoding="utf-8")
    response = post(client, text)
    assert response.status_code == 200
    assert response.content == in_process(text)


def test_two_checks_run_at_the_same_time_in_two_workers(pooled: tuple[Service, TestClient]) -> None:
    service, client = pooled
    pool = service.pool
    assert pool is not None
    with ThreadPoolExecutor(max_workers=2) as threads:
        pending = [threads.submit(lambda: post(client, f"{SLEEP} 1.5\n\natt x\n").status_code) for _ in range(2)]
        # observed, not timed: two distinct workers hold a check at one moment (one worker never would)
        wait_until(lambda: len(pool.busy_pids()) == 2, seconds=20)
        statuses = [p.result() for p in pending]
    assert statuses == [200, 200]


def test_concurrent_requests_through_workers_give_the_verdicts_of_sequential_checks_in_this_process(
    pooled: tuple[Service, TestClient],
) -> None:
    _service, client = pooled
    texts = [MOTIONS[i % len(MOTIONS)].read_text(encoding="utf-8") for i in range(16)]
    expected = [in_process(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as threads:
        responses = list(threads.map(lambda t: post(client, t), texts))
    assert [r.status_code for r in responses] == [200] * len(texts)
    assert [r.content for r in responses] == expected


def test_the_page_says_in_its_language_that_the_check_ran_over_the_time_limit(
    pooled: tuple[Service, TestClient],
) -> None:
    _service, client = pooled
    for lang, words in (("sv", "tidsgränsen 2 s"), ("en", "time limit of 2 s")):
        response = client.post("/granska", data={"text": f"{LOOP}\natt x\n", "as_of": AS_OF, "lang": lang})
        assert response.status_code == 503
        assert words in response.text


def test_a_batch_upload_reports_a_runaway_file_in_its_place_and_checks_the_others(
    pooled: tuple[Service, TestClient],
) -> None:
    _service, client = pooled
    text = MOTIONS[0].read_text(encoding="utf-8").encode("utf-8")
    files = [
        ("files", ("a.txt", text, "text/plain")),
        ("files", ("snurra.txt", f"{LOOP}\natt x\n".encode(), "text/plain")),
        ("files", ("c.txt", text, "text/plain")),
    ]
    response = client.post("/flera", data={"as_of": AS_OF, "download": "jsonl"}, files=files)
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.content.splitlines()]
    names = [line["input_name"] if "error" in line else line["provenance"]["input_name"] for line in lines]
    assert names == ["a.txt", "snurra.txt", "c.txt"]
    assert "tidsgränsen" in lines[1]["error"]["messages"][0]
    assert lines[0]["recommendation"] == lines[2]["recommendation"]


def test_without_a_time_limit_a_check_is_not_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Checker, "prepare", _patched_prepare(Checker.prepare))
    service = Service(["solna"])
    service.start_workers(1, time_limit=None)
    try:
        client = TestClient(create_app(service))
        assert post(client, f"{SLEEP} 1\n\nMotion\n\natt kommunen gör något\n").status_code == 200
    finally:
        service.close()


def test_with_a_log_the_server_writes_each_record_whose_id_the_response_names(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    service = Service(["solna"], log=log)
    service.start_workers(2, time_limit=30.0)
    try:
        client = TestClient(create_app(service))
        texts = [m.read_text(encoding="utf-8") for m in MOTIONS[:3]]
        ids = [post(client, t).headers["X-Decision-Id"] for t in texts]
    finally:
        service.close()
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["decision_id"] for r in records] == ids
    assert len(list((log.parent / (log.name + ".inputs")).glob("*/motion.txt"))) == len(set(texts))


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
            found += [int(c) for c in fh.read().split()]
    return found


def _server_pid(port: str) -> int:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    args = fh.read().split(b"\0")
            except OSError:
                continue
            if b"serve" in args and port.encode() in args:
                return int(entry)
    raise AssertionError("no server process")


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="finds the workers through Linux /proc")
def test_a_live_server_replaces_a_sigkilled_worker_and_keeps_answering() -> None:
    import urllib.request

    from .web_live import live_server

    text = MOTIONS[0].read_text(encoding="utf-8")
    body = json.dumps({"text": text, "as_of": AS_OF}).encode()

    def check(base: str) -> tuple[int, bytes]:
        req = urllib.request.Request(f"{base}/api/v1/check", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()

    with live_server("--workers", "2", "--time-limit", "20") as base:
        server = _server_pid(base.rsplit(":", 1)[1])
        (template,) = _children(server)
        workers = _children(template)
        assert len(workers) == 2
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        wait_until(lambda: all(gone(pid) for pid in workers))
        answers = [check(base) for _ in range(3)]
        assert answers == [(200, in_process(text))] * 3
        now = [p for p in _children(template) if not gone(p)]
        assert len(now) == 2 and not set(now) & set(workers)


def _check_in(pool: Any, text: str) -> Any:
    return pool.call("check_here", text.encode("utf-8"), "motion.txt", profile=None, as_of=dt.date.fromisoformat(AS_OF))


def _thread_gone(native_id: int) -> bool:
    return not os.path.exists(f"/proc/self/task/{native_id}")


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="sees a thread's end through Linux /proc")
def test_a_template_restarted_from_a_thread_that_then_ends_lives_on_and_its_workers_answer(
    pooled: tuple[Service, TestClient],
) -> None:
    service, client = pooled
    pool = service.pool
    assert pool is not None
    victims = pool.pids()
    os.kill(pool._template.pid, signal.SIGKILL)  # its workers die with it
    wait_until(lambda: all(gone(pid) for pid in victims))
    text = MOTIONS[1].read_text(encoding="utf-8")
    answers: list[Any] = []
    thread = threading.Thread(target=lambda: answers.append(_check_in(pool, text)))  # a request's short-lived thread
    thread.start()
    thread.join(timeout=90)
    assert not thread.is_alive() and answers and answers[0].body == in_process(text)
    assert thread.native_id is not None
    wait_until(lambda: _thread_gone(thread.native_id or 0))
    template, workers, replaced = pool._template.pid, pool.pids(), pool.replaced
    responses = [post(client, text) for _ in range(3)]
    assert [r.status_code for r in responses] == [200] * 3
    assert not gone(template) and pool._template.pid == template
    assert pool.pids() == workers and not any(gone(pid) for pid in workers)
    assert pool.replaced == replaced


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="finds the processes through Linux /proc")
def test_a_template_restarted_from_a_thread_and_its_workers_end_when_the_server_process_is_killed(
    tmp_path: Path,
) -> None:
    import select
    import subprocess
    import sys

    script = tmp_path / "server.py"
    script.write_text(
        "import os, signal, threading, time\n"
        "from checker.web.service import Service\n"
        "def gone(pid: int) -> bool:\n"
        "    try:\n"
        "        with open(f'/proc/{pid}/stat', encoding='ascii') as fh:\n"
        "            return fh.read().rsplit(')', 1)[1].split()[0] in ('Z', 'X')\n"
        "    except FileNotFoundError:\n"
        "        return True\n"
        "def main() -> None:\n"
        "    service = Service(['solna'])\n"
        "    service.start_workers(2, time_limit=30.0)\n"
        "    pool = service.pool\n"
        "    old = pool.pids()\n"
        "    os.kill(pool._template.pid, signal.SIGKILL)\n"
        "    while not all(gone(p) for p in old):\n"
        "        time.sleep(0.02)\n"
        "    args = ('extract_here', b'Motion\\n\\natt x\\n', 'm.txt')\n"
        "    t = threading.Thread(target=pool.call, args=args, kwargs={'profile': None})\n"
        "    t.start(); t.join()\n"
        "    while os.path.exists(f'/proc/self/task/{t.native_id}'):\n"
        "        time.sleep(0.02)\n"
        "    print(pool._template.pid, *pool.pids(), flush=True)\n"
        "    time.sleep(120)\n"
        "if __name__ == '__main__':\n"
        "    main()\n",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parent.parent
    with subprocess.Popen([sys.executable, str(script)], cwd=root, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            assert select.select([proc.stdout], [], [], 90)[0], "the server script printed nothing in 90 s"
            pids = [int(p) for p in proc.stdout.readline().split()]  # the new template, then its two workers
            assert len(pids) == 3 and not any(gone(pid) for pid in pids)
        finally:
            proc.kill()  # the server process, by SIGKILL: no cleanup of its own runs
    wait_until(lambda: all(gone(pid) for pid in pids), seconds=5.0)


def test_requests_on_a_live_worker_are_answered_while_a_new_worker_is_being_started(
    pooled: tuple[Service, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.reduction

    service, client = pooled
    pool = service.pool
    assert pool is not None
    gate, starting = threading.Event(), threading.Event()
    original = multiprocessing.reduction.recv_handle

    def slow_answer(conn: Any) -> int:  # the template takes its time to hand over a worker (as one that loads)
        starting.set()
        assert gate.wait(timeout=30)
        return original(conn)

    monkeypatch.setattr(multiprocessing.reduction, "recv_handle", slow_answer)
    result: dict[str, Any] = {}

    def sleeper() -> None:
        result["killed"] = post(client, f"{SLEEP} 30\n\natt x\n")

    victim_thread = threading.Thread(target=sleeper)
    victim_thread.start()
    try:
        wait_until(lambda: bool(pool.busy_pids()))
        os.kill(pool.busy_pids()[0], signal.SIGKILL)
        assert starting.wait(timeout=10)
        text = MOTIONS[0].read_text(encoding="utf-8")
        answered: list[int] = []
        other = threading.Thread(target=lambda: answered.append(post(client, text).status_code))
        other.start()
        other.join(timeout=15)
        assert answered == [200] and not gate.is_set()
    finally:
        gate.set()
        victim_thread.join(timeout=15)
    assert result["killed"].status_code == 500
    wait_until(lambda: len(pool.pids()) == 2)


def _worker_folders() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("council-check-worker-*")}


def test_closing_the_server_while_a_check_runs_leaves_no_worker_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    # a temporary folder of the test's own: other test runs on the machine create worker folders too
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(Checker, "prepare", _patched_prepare(Checker.prepare))
    before = _worker_folders()
    service = Service(["solna"])
    service.start_workers(2, time_limit=None)
    pool = service.pool
    assert pool is not None
    assert len(_worker_folders() - before) == 2
    outcome: list[BaseException] = []

    def request() -> None:
        try:
            _check_in(pool, f"{SLEEP} 30\n\natt x\n")
        except WorkerError as err:
            outcome.append(err)

    thread = threading.Thread(target=request)
    thread.start()
    wait_until(lambda: bool(pool.busy_pids()))
    service.close()
    assert _worker_folders() - before == set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [type(err) for err in outcome] == [WorkerDied]  # its worker was stopped: an answer, not a hang
    assert _worker_folders() - before == set()
