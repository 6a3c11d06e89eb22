"""Checking one or many inputs: worker processes, progress, output in input order, decision records.

Each input gives a verdict or its error lines, in its place; the rest still run. With `--jobs N`
the inputs are spread over N worker processes (each loads the policy set and builds its engine
once); results are collected in input order, so the output is byte-identical to `--jobs 1`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import gc
import hashlib
import io
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.errors import EXIT_INPUT, EXIT_OBJECTION, EXIT_OK, EXIT_REVIEW, CheckerError, InputError, Problem

if TYPE_CHECKING:  # kept out of the import path so the CLI (which imports EXIT_FOR from here) starts fast
    from checker.api import Checker
    from checker.models import Fact, Verdict

# The exit code of each recommendation, and how bad each exit code is (4 > 3 > 1 > 0): the one definition.
EXIT_FOR = {"bifalla": EXIT_OK, "avslå": EXIT_OBJECTION, "besvarad": EXIT_OBJECTION, "granska": EXIT_REVIEW}
RANK = {EXIT_OK: 0, EXIT_OBJECTION: 1, EXIT_REVIEW: 2, EXIT_INPUT: 3}
LOG_VERSION = 1
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
    piece: str | None = None  # this input's part of the output, for PIECE_FORMATS

    @property
    def exit_code(self) -> int:
        return EXIT_FOR[self.recommendation] if self.recommendation else EXIT_INPUT


@dataclass(frozen=True)
class Options:
    profile: str
    as_of: dt.date
    lang: str
    facts_file: Path | None = None
    log: bool = False
    fmt: str = "json"


def check_one(checker: Checker, path: Path, opts: Options, declared: dict[str, Fact] | None) -> Item:
    """Check one input; a user-facing error becomes the item's error lines, never an exception."""
    try:
        verdict = checker.check(path, as_of=opts.as_of, lang=opts.lang, declared=declared)
    except CheckerError as err:
        return Item(path, errors=tuple(err.lines()))
    except RecursionError:
        return Item(path, errors=(f"{path}: dokumentet är för djupt nästlat för att läsas",))
    except MemoryError:
        return Item(path, errors=(f"{path}: dokumentet är för stort för att läsas",))
    item = Item(path, verdict, recommendation=verdict.recommendation)
    if opts.log:
        item.record = decision_record(checker, path, verdict, opts)
    if opts.fmt in PIECE_FORMATS:
        item.piece = render_piece(verdict, path, opts.fmt, opts.lang)
        item.verdict = None
    return item


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
        facts_file = {
            "path": str(opts.facts_file.resolve()),
            "sha256": hashlib.sha256(opts.facts_file.read_bytes()).hexdigest(),
        }
    return {
        "record_version": LOG_VERSION,
        "input": {"path": str(path.resolve()), "name": path.name, "sha256": verdict.provenance.input_sha256},
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


def append_records(log: Path, records: list[dict[str, Any]]) -> None:
    """Append JSON lines; each record is one write() on an O_APPEND descriptor, so lines never interleave
    or truncate what is there, and the file is synced before returning."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        for rec in records:
            line = (json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
            written = os.write(fd, line)
            if written != len(line):  # pragma: no cover - disk full
                raise OSError("short write to the decision log")
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- workers

_worker: dict[str, Any] = {}


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


def iter_items(
    checker: Checker, inputs: list[Path], opts: Options, declared: dict[str, Fact] | None, jobs: int
) -> Iterator[Item]:
    """Items in input order, from this process (jobs == 1) or from worker processes."""
    if jobs <= 1 or len(inputs) < 2 * jobs:
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
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(64, len(inputs) // (jobs * 8)))
    if "fork" in mp.get_all_start_methods():
        # Workers inherit this process's loaded policy set and engine (the engine has no threads to lose).
        # The executor forks all its workers before it starts its own thread (no fork with threads).
        _worker.update(checker=checker, opts=opts, declared=declared)
        pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"), initializer=_init_worker, initargs=(opts,))
    done = 0
    with pool:
        try:
            for item in pool.map(_work, inputs, chunksize=chunk):
                done += 1
                yield item
        except BrokenProcessPool:
            # A worker died (the rules engine's C core can crash a process). A multiprocessing.Pool would
            # wait for ever; here the inputs not yet returned are reported in their places instead.
            for p in inputs[done:]:
                yield Item(p, errors=(f"{p}: granskningen avbröts: en arbetsprocess avslutades oväntat",))


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

    def __init__(self, path: Path, *, force: bool = False) -> None:
        self.path, self.force = path, force
        if path.exists() and not force:
            raise _exists_error(path)
        folder = path.parent if str(path.parent) else Path(".")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        except OSError as exc:
            raise _write_error(path, exc) from None
        with contextlib.suppress(OSError):  # file systems without modes (vfat) may refuse; the default is fine
            os.fchmod(fd, 0o666 & ~_umask())
        self.fh = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            self.abort()
            raise _write_error(self.path, exc) from None

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
            path.name,
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


def render_piece(verdict: Verdict, path: Path, fmt: str, lang: str) -> str:
    """One input's part of a PIECE_FORMATS output."""
    if fmt == "jsonl":
        from checker.render.jsonout import render_jsonl_line

        return render_jsonl_line(verdict)
    if fmt == "json":
        from checker.render.jsonout import render_json

        return render_json(verdict)
    if fmt == "csv":
        return csv_row(verdict, path)
    from checker.render.text import render_text

    return render_text(verdict, lang)


def _indent(text: str) -> str:
    """A JSON value rendered at the top level, as an element of an indented array (json.dumps indent=2)."""
    return "\n".join("  " + line for line in text.rstrip("\n").split("\n"))


def render(items: list[Item], fmt: str, lang: str) -> bytes:
    """The formats rendered from all verdicts together (report, markdown, html, docx)."""
    if fmt == "report":
        from checker.render.report import render_report

        return render_report(items, lang).encode("utf-8")
    from checker.render import documents

    return documents.render_check([i.verdict for i in items if i.verdict is not None], fmt, lang)


def _failure(i: Item) -> dict[str, Any]:
    return {"input_name": i.path.name, "error": {"exit_code": EXIT_INPUT, "messages": list(i.errors)}}


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

    def _put(self, text: str) -> None:
        self.sink.write(text.encode("utf-8"))

    def add(self, item: Item) -> None:
        fmt, piece = self.fmt, item.piece
        if fmt == "json":
            if self.total == 1 and piece is not None:
                self.bare = True
                self._put(piece)
            else:
                text = piece if piece is not None else json.dumps(_failure(item), ensure_ascii=False, indent=2)
                self._put(("[\n" if self.count == 0 else ",\n") + _indent(text))
        elif fmt == "jsonl":
            failure = json.dumps(_failure(item), ensure_ascii=False, separators=(",", ":")) + "\n"
            self._put(piece if piece is not None else failure)
        elif fmt == "csv":
            if self.count == 0:
                self._put(_csv_row(CSV_HEADER))
            errors = " | ".join(item.errors)
            self._put(
                piece
                if piece is not None
                else _csv_row([item.path.name, "", "", item.exit_code, "", "", "", "", errors])
            )
        elif piece is not None:  # text: one report after another, a blank line between
            self._put(("\n" if self.wrote_text else "") + piece)
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
                target = NewFile(output, force=force)
            stream = _Stream(fmt, len(inputs), target if target is not None else stdout)
        for item in iter_items(checker, inputs, opts, declared, jobs):
            if not items:
                progress = _progress(len(inputs))
            for line in item.errors:
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
        if target is not None:
            target.abort()
        click.echo("avbrutet", err=True)
        return EXIT_INTERRUPTED
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
            click.echo(f"{log}: kan inte skriva beslutsloggen: {exc.strerror}", err=True)
            return EXIT_INPUT
    return max((i.exit_code for i in items), key=lambda c: RANK[c], default=EXIT_OK)
