"""Checks in worker processes for `council-check serve`: a hard time limit per request, and a worker that dies
is replaced while the other requests go on.

The server process loads the profiles (`Service`) and then, before any thread starts, forks one *template*
process. The template checks nothing itself: it warms up (one check per profile, so every module and lazily
built table is in memory), freezes what it holds out of the garbage collector's view, and then forks workers
when the server asks for one. A worker is thereby a copy-on-write copy of a warm process: it starts in a few
milliseconds, and a replacement serves its first request as fast as the others. Forking from the template,
never from the server (which runs the event loop and a thread pool), means no process is forked while
another thread may hold a lock.

The server sends a worker one task at a time over a socket pair and waits at most the time limit for the
answer. A worker that overruns it is killed with SIGKILL (it may be stuck in C code, where no signal handler
runs), its private temporary folder is removed, and a new worker takes its place; the request gets
`TimeLimitExceeded` (HTTP 503). A worker that dies (the OOM killer, a crash) closes its socket: the waiting
request sees the end of the stream at once and gets `WorkerDied` (HTTP 500); a worker found dead while idle is
replaced before it is given a request. Workers die with the template and the template with the server
(`checker.batch.die_with_parent`): a worker by PR_SET_PDEATHSIG (the template's main thread forks it), a
template started from a request's thread by a thread that watches the server's pid, since Linux sends
PR_SET_PDEATHSIG when the thread that started a process ends, and request threads come and go.

The pool's lock guards its lists only; starting a worker waits for the template under a lock of its own, so
a template that is being started again (it loads the profiles, seconds) holds up no request that has a worker.

POSIX only (fork); where there is no fork the service checks in its own process, without a hard bound.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.errors import EXIT_INPUT, EXIT_INTERNAL, CheckerError, Problem

if TYPE_CHECKING:
    from checker.web.service import Service

log = logging.getLogger("checker.web")

# What a worker may be asked to run: methods of its copy of the Service.
TASKS = frozenset({"check_here", "extract_here"})
TEMPLATE_TIMEOUT = 60.0  # seconds the template may take to fork a worker (it answers in milliseconds)


class WorkerError(CheckerError):
    """A request the worker pool could not answer: a one-line Swedish message, its English, an HTTP status."""

    status = 500
    code = "internal_error"

    def __init__(self, message_sv: str, message_en: str, exit_code: int = EXIT_INTERNAL) -> None:
        super().__init__([Problem("granskning", "", message_sv)], exit_code)
        self.message_sv, self.message_en = message_sv, message_en


class TimeLimitExceeded(WorkerError):
    """The check ran longer than the server's time limit; its worker was killed (HTTP 503)."""

    status = 503
    code = "time_limit"

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"granskningen avbröts: den tog längre än tidsgränsen {seconds:g} s; försök igen, och rapportera "
            "filen om det händer igen",
            f"the check was stopped: it took longer than the time limit of {seconds:g} s; try again, and report "
            "the file if it happens again",
            EXIT_INPUT,
        )


class WorkerDied(WorkerError):
    """The worker checking the request ended unexpectedly (HTTP 500); a new one took its place."""

    def __init__(self) -> None:
        super().__init__(
            "internt fel: arbetsprocessen som granskade filen avslutades oväntat; försök igen, och rapportera "
            "filen om det händer igen",
            "internal error: the worker process checking the file ended unexpectedly; try again, and report the "
            "file if it happens again",
        )


class NoWorker(WorkerError):
    """No worker could be started (or the server is stopping): HTTP 500, at once rather than a wait."""

    def __init__(self) -> None:
        super().__init__(
            "internt fel: ingen arbetsprocess kunde startas för granskningen; försök igen om en stund",
            "internal error: no worker process could be started for the check; try again in a while",
        )


class WorkerFault(WorkerError):
    """An unexpected exception inside the check (a fault in the checker, HTTP 500)."""

    def __init__(self, line: str) -> None:
        super().__init__(
            f"internt fel i granskningen ({line}); försök igen eller kontakta förvaltningen",
            f"internal error in the check ({line}); try again or contact the administration",
        )


# --------------------------------------------------------------------------- in the worker


def _error_reply(err: CheckerError) -> tuple[Any, ...]:
    """A CheckerError as plain data (its subclasses' constructors differ, so it is rebuilt by class, not pickled)."""
    return ("error", type(err).__module__, type(err).__qualname__, list(err.problems), err.exit_code)


def _rebuild(module: str, qualname: str, problems: list[Problem], exit_code: int) -> CheckerError:
    import importlib

    cls: Any = CheckerError
    with contextlib.suppress(ImportError, AttributeError):
        found = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
        if isinstance(found, type) and issubclass(found, CheckerError):
            cls = found
    err: CheckerError = cls.__new__(cls)
    CheckerError.__init__(err, problems, exit_code)
    return err


def _serve_tasks(conn: Any, service: Service) -> None:
    """A worker's loop: one task at a time, one answer each, until the socket closes."""
    from checker.errors import internal_line

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        method, args, kwargs = task
        reply: tuple[Any, ...]
        try:
            if method not in TASKS:
                raise ValueError(f"unknown task {method!r}")
            reply = ("ok", getattr(service, method)(*args, **kwargs))
        except CheckerError as err:
            reply = _error_reply(err)
        except Exception as exc:
            reply = ("fault", internal_line(exc), traceback.format_exc())
        try:
            conn.send(reply)
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # an answer that cannot be pickled: still an answer
            conn.send(("fault", internal_line(exc), traceback.format_exc()))


def _worker_main(conn: Any, service: Service, folder: str, template_pid: int) -> None:
    from checker.batch import die_with_parent

    die_with_parent(template_pid)
    tempfile.tempdir = folder  # every upload's temporary folder is inside this worker's own: removed if killed
    _serve_tasks(conn, service)


# --------------------------------------------------------------------------- the template


def warm_up(service: Service) -> None:
    """One check per profile (the result is not used), so that forked workers start with everything loaded."""
    from checker.batch import WARM_UP, settle_gc

    for checker in service.checkers.values():
        with contextlib.suppress(Exception):
            checker.check_text(WARM_UP, as_of=dt.date.today())

    settle_gc()


def _template_main(conn: Any, service: Service, server_pid: int, inherited: list[Any], watch: bool) -> None:
    """Fork a worker per ("spawn", folder) request and send its socket and pid back; reap on ("reap", pid).
    `watch`: started from a thread other than the server's main thread (see `die_with_parent`)."""
    from multiprocessing.connection import Connection
    from multiprocessing.reduction import send_handle

    from checker.batch import die_with_parent

    die_with_parent(server_pid, watch=watch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it closes the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for thing in inherited:  # the listening socket: only the server may hold the port
        with contextlib.suppress(OSError):
            thing.close()
    warm_up(service)
    to_reap: set[int] = set()
    while True:
        try:
            ready = conn.poll(1.0)
            message: tuple[Any, ...] | None = conn.recv() if ready else ("idle",)
        except (EOFError, OSError):
            return
        for pid in list(to_reap):
            with contextlib.suppress(ChildProcessError):
                done, _status = os.waitpid(pid, os.WNOHANG)
                if not done:
                    continue
            to_reap.discard(pid)
        if message is None:
            return
        if message[0] == "reap":
            to_reap.add(message[1])
        elif message[0] == "spawn":
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:  # the worker
                code = 0
                try:
                    conn.close()
                    ours.close()
                    _worker_main(Connection(theirs.detach()), service, message[1], os.getppid())
                except BaseException:  # a worker's end, whatever it was: no traceback on the server's stderr
                    code = 1
                finally:
                    os._exit(code)
            theirs.close()
            send_handle(conn, ours.fileno(), server_pid)
            ours.close()
            conn.send(pid)


# --------------------------------------------------------------------------- in the server


@dataclass
class _Worker:
    pid: int
    conn: Any
    folder: str


class WorkerPool:
    """`size` worker processes, forked warm from a template; `call` runs one task in one of them within the
    time limit (None: no limit), and never hangs on a dead worker."""

    def __init__(
        self, service: Service, size: int, time_limit: float | None, inherited: list[Any] | None = None
    ) -> None:
        import multiprocessing as mp

        if size < 1:
            raise ValueError("at least one worker")
        self.service, self.size, self.time_limit = service, size, time_limit
        self._inherited = list(inherited or [])
        self._ctx = mp.get_context("fork")
        self._lock = threading.Lock()  # the lists and counts below; never held while the template is waited for
        self._idle: list[_Worker] = []
        self._busy: dict[int, _Worker] = {}
        self._free = threading.Condition(self._lock)
        self._missing = 0  # workers that could not be started again; the next request tries
        self._starting = 0  # workers being started now (by a thread that does not hold the lock)
        self._to_reap: list[int] = []  # retired workers' pids, for the template to reap before its next fork
        self._template_lock = threading.Lock()  # the template and its socket: one worker started at a time
        self._closed = False
        self.replaced = 0  # workers replaced after a death or a kill (for the tests and the log)
        self._start_template()
        for _ in range(size):
            self._idle.append(self._spawn())

    # ------------------------------------------------------------------ the template

    def _start_template(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_template_main,
            args=(child, self.service, os.getpid(), self._inherited, _off_main_thread()),
            daemon=True,
        )
        process.start()
        child.close()
        self._template: Any = process
        self._template_conn = parent

    def _spawn(self) -> _Worker:
        """A new worker from the template (restarted if it died). Called without the pool's lock: a restarted
        template loads the profiles before it answers, and meanwhile the other requests go on."""
        from multiprocessing.connection import Connection
        from multiprocessing.reduction import recv_handle

        folder = tempfile.mkdtemp(prefix="council-check-worker-")
        with self._template_lock:
            for attempt in (1, 2):
                try:
                    if self._closed:
                        raise OSError("the worker pool is closed")
                    with self._lock:
                        to_reap, self._to_reap = self._to_reap, []
                    for pid in to_reap:
                        self._template_conn.send(("reap", pid))
                    self._template_conn.send(("spawn", folder))
                    if not self._template_conn.poll(TEMPLATE_TIMEOUT):
                        raise OSError("the worker template does not answer")
                    fd = recv_handle(self._template_conn)
                    pid = self._template_conn.recv()
                    return _Worker(int(pid), Connection(fd), folder)
                except (EOFError, OSError):
                    if attempt == 2 or self._closed:
                        shutil.rmtree(folder, ignore_errors=True)
                        raise
                    log.error("the worker template ended unexpectedly; starting a new one")
                    self._stop_template()
                    self._start_template_safely()
        raise AssertionError("unreachable")

    def _start_missing(self) -> bool:
        """Start a worker in a missing place, without the pool's lock (see `_spawn`); False if none was missing
        or it could not be started (the place stays missing: the next request tries again)."""
        with self._free:
            if self._closed or not self._missing:
                return False
            self._missing -= 1
            self._starting += 1
        worker: _Worker | None = None
        try:
            worker = self._spawn()
        except (EOFError, OSError) as exc:
            log.error("could not start a worker: %s", exc)
        with self._free:
            self._starting -= 1
            if worker is None:
                self._missing += 1
            elif self._closed:
                self._retire(worker, kill=True)  # alive: just forked, and its template not yet told to reap it
            else:
                self._idle.append(worker)
            self._free.notify_all()  # a worker to take, or one fewer to wait for
        return worker is not None

    def _start_template_safely(self) -> None:
        """A new template after the first died. The server now runs threads, so it is not forked: a spawned
        process loads the profiles itself (slower, once) and forks the workers from then on."""
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        profiles = list(self.service.checkers)
        process = ctx.Process(
            target=_spawned_template, args=(child, profiles, os.getpid(), _off_main_thread()), daemon=True
        )
        process.start()
        child.close()
        self._template, self._template_conn = process, parent

    def _stop_template(self) -> None:
        """End the template (its workers die with it); with the template lock held, or in close."""
        with contextlib.suppress(OSError, ValueError):
            self._template_conn.send(None)
        with contextlib.suppress(OSError):
            self._template_conn.close()
        self._template.join(timeout=2)
        if self._template.is_alive():
            self._template.kill()
            self._template.join(timeout=2)

    # ------------------------------------------------------------------ workers

    def pids(self) -> list[int]:
        with self._lock:
            return sorted([w.pid for w in self._idle] + list(self._busy))

    def busy_pids(self) -> list[int]:
        with self._lock:
            return sorted(self._busy)

    def _acquire(self) -> _Worker:
        tried = False  # missing workers are started once per request: a template that cannot start gives
        while True:  # NoWorker, not a loop
            with self._free:
                while True:
                    if self._closed:
                        raise NoWorker()
                    for worker in [w for w in self._idle if not _alive(w)]:
                        log.error("worker %d ended while idle; it is replaced", worker.pid)
                        self._idle.remove(worker)
                        self._retire(worker, kill=False)  # died while idle: replaced before anyone is given it
                        self.replaced += 1
                        self._missing += 1
                    if self._missing and not tried:
                        break  # start them first, outside the lock
                    if self._idle:
                        worker = self._idle.pop()
                        self._busy[worker.pid] = worker
                        return worker
                    if not self._busy and not self._starting:  # no worker, and none coming: say so now
                        raise NoWorker()
                    self._free.wait()
            tried = True
            while self._start_missing():
                pass

    def _release(self, worker: _Worker) -> None:
        with self._free:
            self._busy.pop(worker.pid, None)
            if self._closed:  # close kills every worker that was busy when it began
                self._retire(worker, kill=False)
                return
            self._idle.append(worker)
            self._free.notify()

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        with self._free:
            self._busy.pop(worker.pid, None)
            self._retire(worker, kill=kill)
            if self._closed:
                return
            self.replaced += 1
            self._missing += 1
        self._start_missing()  # if it fails, the place stays missing and the next request tries again

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        """Kill it (`kill`: known to be alive), close, have the template reap it, remove its folder. With the lock
        held. A worker seen dead is not signalled: if its template died too, its pid may be another process's."""
        if kill:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(worker.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            worker.conn.close()
        self._to_reap.append(worker.pid)  # sent with the next spawn: the template's socket is not ours to use here
        shutil.rmtree(worker.folder, ignore_errors=True)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run `method` of the service in a worker: its result, its CheckerError, or a WorkerError."""
        worker = self._acquire()
        try:
            worker.conn.send((method, args, kwargs))
            if not worker.conn.poll(self.time_limit):
                log.warning(
                    "a check ran over the time limit of %s s; its worker %d is replaced", self.time_limit, worker.pid
                )
                self._replace(worker, kill=True)  # alive: its socket is open and silent
                raise TimeLimitExceeded(self.time_limit or 0)
            reply = worker.conn.recv()
        except (EOFError, OSError):
            log.error("worker %d ended unexpectedly; it is replaced", worker.pid)
            self._replace(worker, kill=False)
            raise WorkerDied() from None
        except WorkerError:
            raise
        except BaseException:  # an answer that could not be read, or the request thread interrupted
            self._replace(worker, kill=_alive_or_talking(worker))
            raise
        self._release(worker)
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "error":
            raise _rebuild(*reply[1:])
        log.error("internal error in a check: %s\n%s", reply[1], reply[2])
        raise WorkerFault(reply[1])

    def close(self) -> None:
        """Stop every worker and the template, and remove the workers' folders, busy ones' too (their requests
        get WorkerDied). Waits for a worker being started, at most TEMPLATE_TIMEOUT."""
        with self._free:
            self._closed = True
            for worker in self._idle:
                self._retire(worker, kill=_alive(worker))
            self._idle = []
            busy = list(self._busy.values())
            self._free.notify_all()
        with self._template_lock:
            if self._template.is_alive():  # then no busy worker has been reaped: its pid is still its own
                for worker in busy:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(worker.pid, signal.SIGKILL)
            self._stop_template()  # and a busy worker that was not signalled dies with it
        for worker in busy:
            shutil.rmtree(worker.folder, ignore_errors=True)


def _alive(worker: _Worker) -> bool:
    """An idle worker has nothing to say: a readable socket is its end (EOF)."""
    try:
        return not worker.conn.poll(0)
    except (OSError, ValueError):
        return False


def _alive_or_talking(worker: _Worker) -> bool:
    """After an answer that could not be read: alive unless its process has ended (Linux: /proc)."""
    try:
        with open(f"/proc/{worker.pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        return True


def _spawned_template(conn: Any, profiles: list[str], server_pid: int, watch: bool) -> None:
    from checker.web.service import Service

    _template_main(conn, Service(profiles), server_pid, [], watch)


def _off_main_thread() -> bool:
    """A process started now must watch the server's pid: PR_SET_PDEATHSIG would end it with this thread."""
    return threading.current_thread() is not threading.main_thread()


def fork_available() -> bool:
    import multiprocessing as mp

    return hasattr(os, "fork") and "fork" in mp.get_all_start_methods()
