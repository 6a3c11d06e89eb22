"""Checking one or many inputs: worker processes, progress, output in input order, decision records.

Each input gives a verdict or its error lines, in its place; the rest still run. With `--jobs N`
the inputs are spread over N worker processes (each loads the policy set and builds its engine
once); results are collected in input order, so the output is byte-identical to `--jobs 1`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import hashlib
import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OBJECTION,
    EXIT_OK,
    EXIT_REVIEW,
    CheckerError,
    InputError,
    Problem,
    internal_line,
    printable,
)

if TYPE_CHECKING:  # kept out of the import path so the CLI (which imports EXIT_FOR from here) starts fast
    from checker.api import Checker
    from checker.models import Fact, Verdict

# The exit code of each recommendation, and how bad each exit code is (4 > 3 > 1 > 0): the one definition.
EXIT_FOR = {"bifalla": EXIT_OK, "avslå": EXIT_OBJECTION, "besvarad": EXIT_OBJECTION, "granska": EXIT_REVIEW}
RANK = {EXIT_OK: 0, EXIT_OBJECTION: 1, EXIT_REVIEW: 2, EXIT_INPUT: 3, EXIT_INTERNAL: 4}
LOG_VERSION = 1
# The time one input may take (reading, extraction, engine, rendering) before it is reported as an error
# and the batch goes on. Measured: the slowest input of the corpora takes well under a second.
DEFAULT_TIME_BUDGET = 60.0
_KILL_GRACE = 5.0  # a worker whose input overran its budget by this much (stuck in C code) is killed
BUNDLED_NAME = r"[a-z0-9][a-z0-9-]*"


# Formats whose output is one piece per input, in order: the worker that checks an input renders its piece
# (text crosses the process boundary, not the verdict's objects). The others need the verdicts together.
PIECE_FORMATS = ("json", "jsonl", "csv", "text")


@dataclass
class Item:
    """The result for one input, in input order: a verdict (or its rendered piece), or its error lines."""

    path: Path
    verdict: Verdict | None = None
    errors: tuple[str, ...] = ()
    record: dict[str, Any] = field(default_factory=dict)
    recommendation: str | None = None
    piece: bytes | None = None  # this input's part of the output (UTF-8), for PIECE_FORMATS
    error_code: int = EXIT_INPUT  # for an input with errors: 4 (its input) or 5 (a fault in the checker)
    debug: str = ""  # the traceback of an internal error, shown with --debug only

    @property
    def exit_code(self) -> int:
        return EXIT_FOR[self.recommendation] if self.recommendation else self.error_code


@dataclass(frozen=True)
class Options:
    profile: str
    as_of: dt.date
    lang: str
    facts_file: Path | None = None
    log: bool = False
    fmt: str = "json"
    facts_sha256: str | None = None  # of the --facts bytes that were parsed (the record names these)
    time_budget: float | None = DEFAULT_TIME_BUDGET  # seconds per input; None: no limit


# --------------------------------------------------------------------------- the per-input guard


class BudgetExceeded(BaseException):
    """An input took longer than its time budget. A BaseException, so that no `except Exception` in a
    reader or extractor can mistake it for a broken file."""


# A batch's worker process installs its SIGALRM handler once (`own_alarm`) and then only arms and disarms
# the timer per input: two signal.signal calls per input cost more than the timer itself.
_alarm: dict[str, float | None] = {"owned": None, "armed": None}


def _on_owned_alarm(_signum: int, _frame: Any) -> None:
    seconds = _alarm["armed"]
    if seconds is not None:  # a signal that arrives after its input was done is ignored
        raise BudgetExceeded(seconds)


def own_alarm() -> None:
    """Make SIGALRM this process's, for `time_budget` (a worker process: its main thread, no other timer)."""
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_owned_alarm)
        _alarm["owned"] = 1.0


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded in this thread when the body runs longer than `seconds`.

    Uses a real-time interval timer (SIGALRM), so it works in the main thread of a process on POSIX;
    elsewhere (another thread, Windows) the body runs unbounded, and a caller that needs a hard bound
    checks the input in a worker process (`iter_items`, which also kills a worker stuck in C code)."""
    if seconds and _alarm["owned"] is not None:  # a worker: the handler is in place, only the timer is set
        _alarm["armed"] = seconds
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _alarm["armed"] = None
        return
    import threading

    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # someone else's timer is running: leave it alone
    ):
        yield
        return

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def budget_message(seconds: float) -> str:
    return f"granskningen tog längre än tidsgränsen {seconds:g} s och avbröts; övriga filer granskas"


def budget_line(path: Path, seconds: float) -> str:
    return f"{path}: {budget_message(seconds)}"


def check_with_budget(
    checker: Checker,
    path: Path,
    *,
    as_of: dt.date,
    lang: str = "sv",
    declared: dict[str, Fact] | None = None,
    seconds: float | None = DEFAULT_TIME_BUDGET,
) -> Verdict:
    """Checker.check within a time budget, for embedders (a server): BudgetExceeded becomes an InputError
    with one line (exit 4). Bounded in the main thread only; see `time_budget`."""
    try:
        with time_budget(seconds):
            return checker.check(path, as_of=as_of, lang=lang, declared=declared)
    except BudgetExceeded:
        raise InputError(printable(path), budget_message(seconds or 0)) from None


def check_one(checker: Checker, path: Path, opts: Options, declared: dict[str, Fact] | None) -> Item:
    """Check one input; whatever goes wrong becomes the item's error line, never an exception.

    A user-facing error keeps its lines (exit 4); an input over its time budget is one line (exit 4);
    any other exception is a fault in the checker, reported as an internal error in the input's place
    (exit 5). Only KeyboardInterrupt and SystemExit pass through."""
    try:
        with time_budget(opts.time_budget):
            verdict = checker.check(path, as_of=opts.as_of, lang=opts.lang, declared=declared)
            item = Item(path, verdict, recommendation=verdict.recommendation)
            if opts.log:
                item.record = decision_record(checker, path, verdict, opts)
            if opts.fmt in PIECE_FORMATS:
                item.piece = render_piece(verdict, path, opts.fmt, opts.lang)
                item.verdict = None
            return item
    except CheckerError as err:
        return Item(path, errors=tuple(err.lines()) or (f"{path}: kan inte granskas",))
    except BudgetExceeded:
        return Item(path, errors=(budget_line(path, opts.time_budget or 0),))
    except RecursionError:
        return Item(path, errors=(f"{path}: dokumentet är för djupt nästlat för att läsas",))
    except MemoryError:
        return Item(path, errors=(f"{path}: dokumentet är för stort för att läsas",))
    except Exception as exc:
        import traceback

        return Item(
            path, errors=(internal_line(exc, printable(path)),), error_code=EXIT_INTERNAL, debug=traceback.format_exc()
        )


# --------------------------------------------------------------------------- decision records


def rule_hashes(checker: Checker) -> dict[str, str]:
    """A content hash per rule, so a replay can say which rule's definition changed."""
    return {
        r.id: hashlib.sha256(json.dumps(r.doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        for r in checker.policy_set.rules
    }


def profile_arg(profile: str) -> str:
    """The profile argument as a replay must see it: a bundled profile's name stays a name; a user's
    profile (a path, or a bare name the loader took as a folder here) becomes an absolute path, so a
    replay from another folder loads the same profile. The loader decides which it was."""
    import re

    from checker.load import data_root, resolve_profile

    try:
        found, _, _ = resolve_profile(profile)
    except CheckerError:
        return profile
    if re.fullmatch(BUNDLED_NAME, profile) and found.resolve().is_relative_to(data_root().resolve()):
        return profile
    return str(Path(profile).resolve())


def decision_record(checker: Checker, path: Path, verdict: Verdict, opts: Options) -> dict[str, Any]:
    from checker.render.jsonout import verdict_dict

    facts_file = None
    if opts.facts_file is not None:
        # The hash of the bytes that were parsed (read once, by the CLI), not of the file as it is now.
        sha = opts.facts_sha256 or hashlib.sha256(read_facts_bytes_of(opts.facts_file)).hexdigest()
        facts_file = {"path": str(opts.facts_file.resolve()), "sha256": sha}
    return {
        "record_version": LOG_VERSION,
        "input": {
            "path": printable(path.resolve()),
            "name": printable(path.name),
            "sha256": verdict.provenance.input_sha256,
        },
        "profile": {
            "arg": profile_arg(opts.profile),
            "id": checker.policy_set.profile_id,
            "hash": checker.policy_set.hash,
            "files": checker.policy_set.files,
            "rules": rule_hashes(checker),
        },
        "facts_file": facts_file,
        "tool_version": verdict.provenance.tool_version,
        "engine": verdict.provenance.engine,
        "as_of": opts.as_of.isoformat(),
        "lang": opts.lang,
        "verdict": verdict_dict(verdict),
    }


def read_facts_bytes_of(path: Path) -> bytes:
    from checker.factsfile import read_facts_bytes

    return read_facts_bytes(path)


def record_checksum(rec: dict[str, Any]) -> str:
    """The SHA-256 of a record's canonical JSON without its own checksum field: a replay that finds a
    different one knows the line was damaged (a flipped byte), not that the verdict changed."""
    body = {k: v for k, v in rec.items() if k != "record_sha256"}
    return hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()


def record_line(rec: dict[str, Any]) -> bytes:
    sealed = {**rec, "record_sha256": record_checksum(rec)}
    return (json.dumps(sealed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append_records(log: Path, records: list[dict[str, Any]]) -> None:
    """Append JSON lines, all or nothing: the records are written after what is there (on a new line if
    an earlier run was cut off mid-line), synced, and on any failure (a full disk) the file is truncated
    back to its length before, so no partial record is left to glue onto the next one. Only a regular
    file is opened (O_NONBLOCK: a FIFO named as the log does not block)."""
    if not records:
        return
    data = b"".join(record_line(rec) for rec in records)
    fd = os.open(log, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        import stat

        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "beslutsloggen är ingen vanlig fil")
        size = info.st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data  # the last line was torn by an earlier failure: it stays a damaged line alone
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
                os.fsync(fd)
            raise
    finally:
        os.close(fd)


def log_error_line(log: Path, exc: OSError) -> str:
    """One line for a decision log that could not be written; never "None" for a missing reason."""
    what = (
        {
            errno.ENOSPC: "disken är full",
            errno.EDQUOT: "diskkvoten är slut",
            errno.EACCES: "saknar behörighet att skriva här",
            errno.EPERM: "saknar behörighet att skriva här",
            errno.EROFS: "filsystemet är skrivskyddat",
            errno.ENOENT: "mappen finns inte",
            errno.EISDIR: "är en mapp",
            errno.ENAMETOOLONG: "filnamnet är för långt",
        }.get(exc.errno or 0)
        or exc.strerror
        or (str(exc) if str(exc) else type(exc).__name__)
    )
    return f"{log}: kan inte skriva beslutsloggen: {what}; inga nya poster skrevs"


# --------------------------------------------------------------------------- workers

_worker: dict[str, Any] = {}
PREFETCH = 2  # inputs sent ahead to each worker, so it never waits for the next one
WORKER_DIED = "granskningen avbröts: arbetsprocessen avslutades oväntat ({how}) medan filen granskades"
WORKER_LOST = "granskningen avbröts: arbetsprocesserna avslutades oväntat gång på gång"


def _init_worker(opts: Options) -> None:
    from checker.api import Checker

    checker = Checker(opts.profile)
    declared = None
    if opts.facts_file is not None:
        from checker.factsfile import load_facts_file

        declared, _ = load_facts_file(opts.facts_file, checker.policy_set.context)
    _worker.update(checker=checker, opts=opts, declared=declared)


def _work(path: Path) -> Item:
    item = check_one(_worker["checker"], path, _worker["opts"], _worker["declared"])
    if not _worker.get("settled"):
        _worker["settled"] = True
        settle_gc()
    return item


# Garbage collection in a batch (benchmarks/bench.py measures it): a check allocates some thousand
# short-lived objects that reference counting frees, and no cycles, yet with the default threshold
# (700) the collector ran about every second check and traversed everything loaded (lexicons,
# gazetteer, engine), some 3 % of the time. After the first check has loaded all of that, it is
# frozen out of the collector's view, and a young generation of 10,000 objects lets the collector run
# only when garbage really accumulates; memory stays flat over 10,000 checks.
GC_THRESHOLD = (10_000, 20, 20)


def settle_gc() -> None:
    """After a process's first check: freeze what is loaded, and collect young objects less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, *, watch: bool = False) -> None:
    """Make this worker end when the process that started it dies (even by SIGKILL): prctl's
    PR_SET_PDEATHSIG on Linux, elsewhere (or with `watch`) a thread that watches the parent's pid.

    Linux sends PR_SET_PDEATHSIG when the *thread* that created this process ends, not its process: a
    process started from any thread but its parent's main thread must ask for `watch`."""
    if sys.platform.startswith("linux") and not watch:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the watchdog below
            _watch_parent(parent_pid)
    else:  # pragma: no cover - not Linux
        _watch_parent(parent_pid)
    if os.getppid() != parent_pid:  # the parent died before the above took effect
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    import threading
    import time

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(conn: Any, parent_pid: int, spawn_opts: Options | None) -> None:
    """A worker: receive (index, path as text), send back the answer (see `_answer`), until told to stop
    or the pipe closes."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    own_alarm()
    if spawn_opts is not None:
        _init_worker(spawn_opts)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, name = task
        path = Path(name)
        item = _work(path)
        try:
            conn.send(_answer(index, item))
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # an item that cannot be pickled: still an answer in its place
            conn.send((index, Item(path, errors=(internal_line(exc, printable(path)),), error_code=EXIT_INTERNAL)))


def _answer(index: int, item: Item) -> tuple[Any, ...]:
    """What a worker sends for one input: for a rendered verdict and nothing else (the usual case) only its
    recommendation and its bytes, which the main process writes as they are (it knows the input's path);
    anything else the whole Item."""
    if item.piece is not None and item.verdict is None and not (item.errors or item.record or item.debug):
        return (index, item.recommendation, item.piece)
    return (index, item)


@dataclass
class _Worker:
    process: Any
    conn: Any
    fd: int  # the connection's file descriptor, registered with the pool's selector
    sent: list[int] = field(default_factory=list)  # indexes sent, in order; the first is being checked
    started: float = 0.0  # when the first of `sent` began


class _Pool:
    """Worker processes that each check one input at a time, watched by the main process.

    A worker that dies (SIGKILL from the OOM killer, a crash in the rules engine's C core) is replaced;
    the input it was checking is tried once more on a new worker and, if that one dies too, reported in
    its place; the inputs queued behind it are sent elsewhere. A worker whose input overran its time
    budget by _KILL_GRACE (stuck where the in-process timer cannot reach) is killed and that input
    reported. Workers die with the main process (die_with_parent)."""

    def __init__(self, inputs: list[Path], jobs: int, opts: Options, budget: float | None) -> None:
        import multiprocessing as mp
        import threading

        self.inputs, self.budget, self.opts = inputs, budget, opts
        self.pending = list(range(len(inputs)))[::-1]  # a stack: pop() gives the next index
        self.deaths: dict[int, int] = {}
        self.results: dict[int, Item] = {}
        self.restarts_left = 2 * len(inputs) + 2 * jobs
        self.fork_ok = "fork" in mp.get_all_start_methods()
        self._mp, self._threading = mp, threading
        import selectors

        # One selector for the whole batch (multiprocessing's wait() builds and fills one per call, and
        # Connection.poll() another): each worker's connection and its process sentinel, registered once.
        self._selector = selectors.DefaultSelector()
        self._readable = selectors.EVENT_READ
        self.workers: list[_Worker] = [self._start() for _ in range(min(jobs, len(inputs)))]

    def _start(self) -> _Worker:
        mp = self._mp
        # fork while this process has one thread (workers inherit the loaded policy set and engine);
        # spawn otherwise (a progress bar's thread is running) or where there is no fork.
        if self.fork_ok and self._threading.active_count() == 1:
            ctx, spawn_opts = mp.get_context("fork"), None
        else:
            ctx, spawn_opts = mp.get_context("spawn"), self.opts
        parent, child = ctx.Pipe(duplex=True)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: see above
            proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), spawn_opts), daemon=True)
            proc.start()
        child.close()
        worker = _Worker(proc, parent, parent.fileno())
        self._selector.register(worker.fd, self._readable, (worker, False))
        self._selector.register(proc.sentinel, self._readable, (worker, True))
        self._feed(worker)
        return worker

    def _feed(self, w: _Worker) -> None:
        import time

        while len(w.sent) < PREFETCH and self.pending:
            index = self.pending.pop()
            try:
                w.conn.send((index, str(self.inputs[index])))
            except OSError:
                self.pending.append(index)
                return
            if not w.sent:
                w.started = time.monotonic()
            w.sent.append(index)

    def _take(self, w: _Worker) -> None:
        """Read one answer from `w` (the selector saw it waiting): EOFError or OSError when its pipe is closed."""
        import time

        try:
            answer = w.conn.recv()
        except (EOFError, OSError):
            raise  # the caller settles a closed pipe
        except Exception as exc:  # an answer that cannot be unpickled: report that input, keep the worker
            if w.sent:
                head = w.sent.pop(0)
                self.results[head] = Item(
                    self.inputs[head], errors=(internal_line(exc, str(self.inputs[head])),), error_code=EXIT_INTERNAL
                )
            return
        index = answer[0]
        rendered = len(answer) == 3  # (index, recommendation, piece); else (index, Item)
        path = self.inputs[index]
        self.results[index] = Item(path, recommendation=answer[1], piece=answer[2]) if rendered else answer[1]
        if index in w.sent:
            w.sent.remove(index)
        w.started = time.monotonic()

    def _receive(self, w: _Worker) -> bool:
        """Read every answer waiting from `w`; False when its pipe is closed."""
        try:
            while w.conn.poll():
                self._take(w)
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, w: _Worker, head_item: Item | None) -> None:
        """`w` is dead or killed: settle its inputs and start another worker in its place."""
        for key in (w.fd, w.process.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(key)
        with contextlib.suppress(OSError):
            w.conn.close()
        w.process.join(timeout=5)
        sent, w.sent = w.sent, []
        if sent:
            head, rest = sent[0], sent[1:]
            if head_item is not None:
                self.results[head] = head_item
            else:
                self.deaths[head] = self.deaths.get(head, 0) + 1
                if self.deaths[head] >= 2:  # tried once more on a fresh worker: report it
                    how = _how_it_ended(w.process.exitcode)
                    self.results[head] = Item(
                        self.inputs[head], errors=(f"{self.inputs[head]}: {WORKER_DIED.format(how=how)}",)
                    )
                else:
                    rest = [head, *rest]
            self.pending.extend(reversed(rest))
        self.workers.remove(w)
        if self.restarts_left <= 0:
            return
        self.restarts_left -= 1
        if self.pending or any(x.sent for x in self.workers):
            self.workers.append(self._start())

    def items(self) -> Iterator[Item]:
        import time

        n = len(self.inputs)
        next_out = 0
        while next_out < n:
            while next_out in self.results:
                yield self.results.pop(next_out)
                next_out += 1
            if next_out >= n:
                break
            if not self.workers:  # restarts exhausted: what is left is reported in its place
                if self.restarts_left <= 0 or not self.pending:
                    for i in range(next_out, n):
                        if i not in self.results:
                            self.results[i] = Item(self.inputs[i], errors=(f"{self.inputs[i]}: {WORKER_LOST}",))
                    continue
                self.workers.append(self._start())
            timeout = None
            if self.budget:
                now = time.monotonic()
                waits = [w.started + self.budget + _KILL_GRACE - now for w in self.workers if w.sent]
                timeout = max(0.0, min(waits)) if waits else None
            conn_ready: set[int] = set()
            died: set[int] = set()
            for key, _events in self._selector.select(timeout):
                worker, is_sentinel = key.data
                (died if is_sentinel else conn_ready).add(id(worker))
            for w in list(self.workers):
                alive = True
                if id(w) in died:
                    alive = self._receive(w) and w.process.is_alive()
                elif id(w) in conn_ready:
                    try:
                        self._take(w)  # one answer; the selector reports the next one, if any, at once
                    except (EOFError, OSError):
                        alive = self._receive(w) and w.process.is_alive()
                if not alive:
                    self._replace(w, None)
                    continue
                if self.budget and w.sent and time.monotonic() - w.started > self.budget + _KILL_GRACE:
                    head = w.sent[0]
                    w.process.kill()
                    self._replace(w, Item(self.inputs[head], errors=(budget_line(self.inputs[head], self.budget),)))
                    continue
                self._feed(w)

    def close(self) -> None:
        for w in self.workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
            with contextlib.suppress(OSError):
                w.conn.close()
        self.workers = []
        self._selector.close()


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"signal {name}"
    return f"slutkod {exitcode}"


def iter_items(
    checker: Checker,
    inputs: list[Path],
    opts: Options,
    declared: dict[str, Fact] | None,
    jobs: int,
    *,
    isolate: bool = False,
) -> Iterator[Item]:
    """Items in input order, from worker processes or (one input, or no time budget) from this process.

    A batch of several inputs with a time budget is always checked in workers, `--jobs 1` in one: the
    timer (SIGALRM) cannot stop code stuck in C, the main process can kill its worker (see _Pool). Few
    inputs for the jobs asked get one worker. A single input stays in this process: nothing waits
    behind it, its own command can be stopped, and the cold check is not slowed by starting a worker.
    `isolate` checks even one input in a worker process, for a hard time bound."""
    if opts.time_budget and len(inputs) > 1:
        isolate, jobs = True, jobs if len(inputs) >= 2 * jobs else 1
    if not isolate and (jobs <= 1 or len(inputs) < 2 * jobs):
        thresholds = gc.get_threshold()
        try:
            for n, p in enumerate(inputs):
                yield check_one(checker, p, opts, declared)
                if n == 0 and len(inputs) > 1:
                    settle_gc()
        finally:
            gc.unfreeze()
            gc.set_threshold(*thresholds)
        return
    _worker.update(checker=checker, opts=opts, declared=declared)  # inherited by forked workers
    thresholds = gc.get_threshold()
    workers = min(max(1, jobs), len(inputs))
    if workers > 1:  # each worker would warm up on its first inputs: once here instead, inherited by every fork
        warm_up(checker, opts)
        if opts.fmt in ("json", "jsonl"):
            from checker import models

            if len(inputs) > workers * models.ADAPTER_AFTER:  # each worker would build it
                models.prepare_json_serializer(models.Verdict)
    # Frozen before forking: a worker's first collection then traverses only what it made itself, not
    # everything loaded here (which would also copy each of those pages into the worker).
    settle_gc()
    pool = _Pool(inputs, max(1, jobs), opts, opts.time_budget)
    try:
        yield from pool.items()
    finally:
        pool.close()
        gc.unfreeze()
        gc.set_threshold(*thresholds)


# A short motion checked (its verdict unused) before workers are forked, so that every module, word list
# and pattern a check loads on first use is loaded once, in the process they are forked from.
WARM_UP = (
    "Motion om en ny cykelväg\n\nCykeltrafiken har ökat och vägen till skolan saknar en säker cykelbana.\n\n"
    "Jag föreslår att kommunfullmäktige beslutar\n\natt kommunstyrelsen får i uppdrag att utreda en cykelväg "
    "längs skolvägen\n"
)


def warm_up(checker: Checker, opts: Options) -> None:
    """One check of WARM_UP, rendered in the batch's format; whatever goes wrong is left to the real inputs."""
    with contextlib.suppress(Exception):
        verdict = checker.check_text(WARM_UP, as_of=opts.as_of, lang=opts.lang)
        if opts.fmt in PIECE_FORMATS:
            render_piece(verdict, Path("motion.txt"), opts.fmt, opts.lang)


# --------------------------------------------------------------------------- output


# os.link fails with these where the file system has no hard links (vfat, exFAT, some CIFS/NFS mounts)
NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK, errno.EACCES}
)


def _exists_error(path: Path) -> InputError:
    return InputError(str(path), "finns redan; välj ett annat namn eller ange --force")


def _write_error(path: Path, exc: OSError) -> InputError:
    """One Swedish line for any OSError while writing the output (exit 4)."""
    missing = "mappen finns inte" if not path.parent.is_dir() else "filer kan inte skapas i den här mappen"
    what = {
        errno.ENOENT: missing,
        errno.ENOTDIR: "en del av sökvägen är ingen mapp",
        errno.EACCES: "saknar behörighet att skriva här",
        errno.EPERM: "saknar behörighet att skriva här",
        errno.EROFS: "filsystemet är skrivskyddat",
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "diskkvoten är slut",
        errno.EISDIR: "är en mapp",
        errno.ENAMETOOLONG: "filnamnet är för långt",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return InputError(str(path), f"kan inte skriva filen: {what}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class NewFile:
    """A file written in steps and only then put in place: never clobbering unless forced.

    Data goes to a temporary file in the target's folder; `commit` links it to the target (which fails
    if the target appeared meanwhile), replaces the target when forced, or, where the file system has
    no hard links, creates the target exclusively and copies. The file gets ordinary permissions
    (0o666 less the umask). Any OSError becomes one line, `file: kan inte skriva filen: …`, exit code 4.
    """

    def __init__(self, path: Path, *, force: bool = False, partial: bool = False) -> None:
        self.path, self.force, self.partial = path, force, partial
        if path.exists() and not force:
            raise _exists_error(path)
        folder = path.parent if str(path.parent) else Path(".")
        try:
            if partial:
                # Written as the verdicts arrive, under a name that says what it is: a batch that is
                # interrupted (or killed) leaves its verdicts so far in FILE.partial, whole pieces only.
                self.tmp = str(folder / f"{path.name}.partial")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.tmp)  # a leftover of an earlier interrupted run
                fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            else:
                import tempfile  # only when output goes to a file (not imported by a plain check)

                fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        except OSError as exc:
            raise _write_error(path, exc) from None
        with contextlib.suppress(OSError):  # file systems without modes (vfat) may refuse; the default is fine
            os.fchmod(fd, 0o666 & ~_umask())
        self.fh = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
            if self.partial:
                self.fh.flush()  # each piece reaches the file whole, so a killed batch leaves whole pieces
        except OSError as exc:
            self.abort()
            raise _write_error(self.path, exc) from None

    def keep(self) -> str | None:
        """An interrupted batch: leave what was written in FILE.partial; its name, or None if none is left."""
        if not self.partial:
            self.abort()
            return None
        with contextlib.suppress(OSError):
            self.fh.close()
        return self.tmp if os.path.lexists(self.tmp) else None

    def commit(self) -> None:
        path = self.path
        try:
            self.fh.close()
            if self.force:
                os.replace(self.tmp, path)
                return
            try:
                os.link(self.tmp, path)  # fails if the target appeared meanwhile: nothing is overwritten
            except FileExistsError:
                raise _exists_error(path) from None
            except OSError as exc:
                if exc.errno not in NO_HARD_LINKS:
                    raise
                _write_exclusive(path, Path(self.tmp).read_bytes())
        except OSError as exc:
            raise _write_error(path, exc) from None
        finally:
            self.abort()

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        if os.path.lexists(self.tmp):
            os.unlink(self.tmp)


def write_new(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write a whole file atomically (see NewFile)."""
    out = NewFile(path, force=force)
    out.write(data)
    out.commit()


def _write_exclusive(path: Path, data: bytes) -> None:
    """Create `path` only if it does not exist (O_EXCL), for file systems without hard links."""
    try:
        fh = open(path, "xb")  # noqa: SIM115 - closed below; removed again if the write fails
    except FileExistsError:
        raise _exists_error(path) from None
    try:
        with fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(path)
        raise


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
    apostrophe, as the OWASP guidance on CSV injection says; other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, buf: io.StringIO) -> None:
        import csv  # only for CSV output

        self._w = csv.writer(buf, lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow([csv_cell(c) for c in row])


CSV_HEADER = [
    "input",
    "title",
    "recommendation",
    "exit_code",
    "grounds",
    "concerns",
    "needs_review",
    "input_sha256",
    "error",
]


def _csv_row(row: list[Any]) -> str:
    buf = io.StringIO()
    _SafeWriter(buf).writerow(row)
    return buf.getvalue()


def csv_row(verdict: Verdict, path: Path) -> str:
    by_id = {f.rule_id: f for f in verdict.findings}
    review = [f.rule_id for f in verdict.findings if f.outcome in ("needs_review", "rule_error")]
    return _csv_row(
        [
            printable(path.name),
            verdict.proposal.get("title") or "",
            verdict.recommendation,
            EXIT_FOR[verdict.recommendation],
            ";".join(verdict.grounds),
            ";".join(by_id[g].concern for g in verdict.grounds),
            ";".join(review),
            verdict.provenance.input_sha256 or "",
            "",
        ]
    )


def render_piece(verdict: Verdict, path: Path, fmt: str, lang: str) -> bytes:
    """One input's part of a PIECE_FORMATS output, as the UTF-8 bytes written (JSON is serialised to
    bytes and stays bytes: a worker sends bytes, the main process writes them, nothing is re-encoded)."""
    if fmt in ("jsonl", "json"):
        from checker.render.jsonout import render_json_bytes

        return render_json_bytes(verdict, indent=None if fmt == "jsonl" else 2)
    if fmt == "csv":
        return csv_row(verdict, path).encode("utf-8")
    from checker.render.text import render_text

    return render_text(verdict, lang).encode("utf-8")


def _indent(text: bytes) -> bytes:
    """A JSON value rendered at the top level, as an element of an indented array (json.dumps indent=2)."""
    return b"\n".join(b"  " + line for line in text.rstrip(b"\n").split(b"\n"))


def render(items: list[Item], fmt: str, lang: str) -> bytes:
    """The formats rendered from all verdicts together (report, markdown, html, docx)."""
    if fmt == "report":
        from checker.render.report import render_report

        return render_report(items, lang).encode("utf-8")
    from checker.render import documents

    return documents.render_check([i.verdict for i in items if i.verdict is not None], fmt, lang)


def _failure(i: Item) -> dict[str, Any]:
    return {"input_name": printable(i.path.name), "error": {"exit_code": i.error_code, "messages": list(i.errors)}}


def _progress(total: int) -> Any:
    """A progress bar on a terminal (stderr), nothing when piped or for a single input."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("Granskar"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.start()
    progress.add_task("check", total=total)
    return progress


class _Stream:
    """Writes a PIECE_FORMATS output as the pieces arrive, in input order, so a batch of any size holds
    only one piece at a time; the bytes are the same as rendering all items at once (see `render`)."""

    def __init__(self, fmt: str, total: int, sink: Any) -> None:
        self.fmt, self.total, self.sink = fmt, total, sink
        self.count = 0
        self.bare = False  # json for a single verdict: the object itself, not an array
        self.wrote_text = False

    def _put(self, text: str | bytes) -> None:
        self.sink.write(text if isinstance(text, bytes) else text.encode("utf-8"))

    def add(self, item: Item) -> None:
        fmt, piece = self.fmt, item.piece
        if fmt == "json":
            if self.total == 1 and piece is not None:
                self.bare = True
                self._put(piece)
            else:
                text = piece if piece is not None else json.dumps(_failure(item), ensure_ascii=False, indent=2).encode()
                self._put((b"[\n" if self.count == 0 else b",\n") + _indent(text))
        elif fmt == "jsonl":
            if piece is None:
                piece = (json.dumps(_failure(item), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            self._put(piece)
        elif fmt == "csv":
            if self.count == 0:
                self._put(_csv_row(CSV_HEADER))
            errors = " | ".join(item.errors)
            self._put(
                piece
                if piece is not None
                else _csv_row([printable(item.path.name), "", "", item.exit_code, "", "", "", "", errors])
            )
        elif piece is not None:  # text: one report after another, a blank line between
            self._put((b"\n" if self.wrote_text else b"") + piece)
            self.wrote_text = True
        self.count += 1
        item.piece = None

    def close(self) -> None:
        if self.fmt == "json" and not self.bare:
            self._put("\n]\n")


EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
EXIT_PIPE_CLOSED = 141  # the reader of standard output went away (`… | head`), as shells report it


class _PipeClosed(Exception):
    """Standard output's reader has gone: stop quietly."""


class _Stdout:
    """Standard output for the batch: a closed pipe stops quietly, any other write error is one line."""

    def write(self, data: bytes) -> None:
        try:
            sys.stdout.buffer.write(data)
        except BrokenPipeError:
            raise _PipeClosed from None
        except OSError as exc:
            raise CheckerError([Problem("standard output", "", f"kan inte skriva: {exc.strerror}")]) from None

    def flush(self) -> None:
        self.write(b"")
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise _PipeClosed from None
        except OSError as exc:
            raise CheckerError([Problem("standard output", "", f"kan inte skriva: {exc.strerror}")]) from None


def _silence_stdout() -> None:
    """After the pipe closed, point standard output at /dev/null so the interpreter's final flush is quiet."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _on_sigterm(_signum: int, _frame: Any) -> None:
    raise SystemExit(143)  # unwinds run_batch, which removes its temporary output file


def _keep_partial(target: NewFile | None, stream: _Stream | None, done: int, total: int) -> None:
    """An interrupted batch keeps the verdicts it has: FILE.partial, a json array closed so it parses."""
    kept = None
    if target is not None:
        if stream is not None and stream.count:
            with contextlib.suppress(CheckerError, OSError):
                stream.close()
            kept = target.keep()
        else:
            target.abort()
    where = f"; de {done} av {total} som hann granskas finns i {kept}" if kept else ""
    click.echo(f"avbrutet{where}", err=True)


def run_batch(
    checker: Checker,
    inputs: list[Path],
    *,
    fmt: str,
    opts: Options,
    declared: dict[str, Fact] | None,
    output: Path | None,
    jobs: int = 1,
    log: Path | None = None,
    force: bool = False,
) -> int:
    """Check every input, report unreadable ones on stderr in their place, write the output, return the exit code.

    For json, jsonl, csv and text the output is written as each input is done (to a temporary file put
    in place at the end, or to standard output); the other formats are rendered from all verdicts.
    """
    progress = None  # started with the first result, after any worker processes were forked
    items: list[Item] = []
    target: NewFile | None = None
    stream: _Stream | None = None
    stdout = _Stdout()
    previous_sigterm = None
    with contextlib.suppress(ValueError):  # only the main thread may set signal handlers
        previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        if fmt in PIECE_FORMATS:
            if output is not None:
                target = NewFile(output, force=force, partial=True)
            stream = _Stream(fmt, len(inputs), target if target is not None else stdout)
        debug = bool(os.environ.get("COUNCIL_CHECKER_DEBUG"))
        for item in iter_items(checker, inputs, opts, declared, jobs):
            if not items:
                progress = _progress(len(inputs))
            lines = list(item.errors) + ([item.debug.rstrip("\n")] if debug and item.debug else [])
            for line in lines:
                (
                    progress.console.print(line, markup=False, highlight=False)
                    if progress is not None
                    else click.echo(line, err=True)
                )
            if stream is not None:
                stream.add(item)
            items.append(item)
            if progress is not None:
                progress.advance(progress.task_ids[0])
        if stream is not None:
            stream.close()
            if target is not None:
                target.commit()
            else:
                stdout.flush()
        else:
            data = render(items, fmt, opts.lang)
            if output is not None:
                write_new(output, data, force=force)
            elif data:
                stdout.write(data)
                stdout.flush()
    except CheckerError as err:
        if target is not None:
            target.abort()
        for line in err.lines():
            click.echo(line, err=True)
        return EXIT_INPUT
    except _PipeClosed:
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        _keep_partial(target, stream, len(items), len(inputs))
        return EXIT_INTERRUPTED
    except SystemExit:  # SIGTERM (see _on_sigterm)
        _keep_partial(target, stream, len(items), len(inputs))
        raise
    except BaseException:
        if target is not None:
            target.abort()
        raise
    finally:
        if progress is not None:
            progress.stop()
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
    # Only now that the user has the verdicts: a failed write leaves no records of verdicts never delivered.
    if log is not None:
        try:
            append_records(log, [i.record for i in items if i.record])
        except OSError as exc:
            click.echo(log_error_line(log, exc), err=True)
            return EXIT_INPUT
    return max((i.exit_code for i in items), key=lambda c: RANK[c], default=EXIT_OK)
