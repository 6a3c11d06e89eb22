"""Checking one or many inputs: worker processes, progress, output in input order, decision records.

Each input gives a verdict or its error lines, in its place; the rest still run. With `--jobs N`
the inputs are spread over N worker processes (each loads the policy set and builds its engine
once); results are collected in input order, so the output is byte-identical to `--jobs 1`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from checker.api import Checker
from checker.errors import EXIT_INPUT, CheckerError, InputError
from checker.models import Fact, Verdict

EXIT_FOR = {"bifalla": 0, "avslå": 1, "besvarad": 1, "granska": 3}
RANK = {0: 0, 1: 1, 3: 2, 4: 3}
LOG_VERSION = 1


@dataclass
class Item:
    """The result for one input, in input order: a verdict, or the error lines that stopped it."""

    path: Path
    verdict: Verdict | None = None
    errors: tuple[str, ...] = ()
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return EXIT_FOR[self.verdict.recommendation] if self.verdict else EXIT_INPUT


@dataclass(frozen=True)
class Options:
    profile: str
    as_of: dt.date
    lang: str
    facts_file: Path | None = None
    log: bool = False


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
    item = Item(path, verdict)
    if opts.log:
        item.record = decision_record(checker, path, verdict, opts)
    return item


# --------------------------------------------------------------------------- decision records


def rule_hashes(checker: Checker) -> dict[str, str]:
    """A content hash per rule, so a replay can say which rule's definition changed."""
    return {
        r.id: hashlib.sha256(json.dumps(r.doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        for r in checker.policy_set.rules
    }


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
            "arg": opts.profile,
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
    checker = Checker(opts.profile)
    declared = None
    if opts.facts_file is not None:
        from checker.factsfile import load_facts_file

        declared, _ = load_facts_file(opts.facts_file, checker.policy_set.context)
    _worker.update(checker=checker, opts=opts, declared=declared)


def _work(path: Path) -> Item:
    return check_one(_worker["checker"], path, _worker["opts"], _worker["declared"])


def iter_items(
    checker: Checker, inputs: list[Path], opts: Options, declared: dict[str, Fact] | None, jobs: int
) -> Iterator[Item]:
    """Items in input order, from this process (jobs == 1) or from worker processes."""
    if jobs <= 1 or len(inputs) < 2 * jobs:
        for p in inputs:
            yield check_one(checker, p, opts, declared)
        return
    import multiprocessing as mp

    chunk = max(1, min(64, len(inputs) // (jobs * 8)))
    if "fork" in mp.get_all_start_methods():
        # Workers inherit this process's loaded policy set and engine (the engine has no threads to lose).
        _worker.update(checker=checker, opts=opts, declared=declared)
        with mp.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_work, inputs, chunksize=chunk)
        return
    with mp.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(opts,)) as pool:
        yield from pool.imap(_work, inputs, chunksize=chunk)


# --------------------------------------------------------------------------- output


def write_new(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write atomically: a temporary file in the same folder, then rename; never clobber unless forced."""
    if path.exists() and not force:
        raise InputError(str(path), "finns redan; välj ett annat namn eller ange --force")
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if force:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target appeared meanwhile: nothing is overwritten
            os.unlink(tmp)
    except FileExistsError:
        os.unlink(tmp)
        raise InputError(str(path), "finns redan; välj ett annat namn eller ange --force") from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def csv_summary(items: list[Item]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
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
    )
    for i in items:
        v = i.verdict
        if v is None:
            w.writerow([i.path.name, "", "", i.exit_code, "", "", "", "", " | ".join(i.errors)])
            continue
        by_id = {f.rule_id: f for f in v.findings}
        review = [f.rule_id for f in v.findings if f.outcome in ("needs_review", "rule_error")]
        w.writerow(
            [
                i.path.name,
                v.proposal.get("title") or "",
                v.recommendation,
                i.exit_code,
                ";".join(v.grounds),
                ";".join(by_id[g].concern for g in v.grounds),
                ";".join(review),
                v.provenance.input_sha256 or "",
                "",
            ]
        )
    return buf.getvalue()


def render(items: list[Item], fmt: str, lang: str) -> bytes:
    verdicts = [i.verdict for i in items if i.verdict is not None]
    if fmt == "json":
        from checker.render.jsonout import render_json

        if len(items) == 1 and verdicts:
            return render_json(verdicts[0]).encode("utf-8")
        return _json_with_errors(items).encode("utf-8")
    if fmt == "jsonl":
        return "".join(_jsonl(i) for i in items).encode("utf-8")
    if fmt == "csv":
        return csv_summary(items).encode("utf-8")
    if fmt == "text":
        from checker.render.text import render_text

        return "\n".join(render_text(v, lang) for v in verdicts).encode("utf-8")
    if fmt == "report":
        from checker.render.report import render_report

        return render_report(items, lang).encode("utf-8")
    from checker.render import documents

    return documents.render_check(verdicts, fmt, lang)


def _failure(i: Item) -> dict[str, Any]:
    return {"input_name": i.path.name, "error": {"exit_code": EXIT_INPUT, "messages": list(i.errors)}}


def _jsonl(i: Item) -> str:
    from checker.render.jsonout import render_jsonl_line

    if i.verdict is not None:
        return render_jsonl_line(i.verdict)
    return json.dumps(_failure(i), ensure_ascii=False, separators=(",", ":")) + "\n"


def _json_with_errors(items: list[Item]) -> str:
    from checker.render.jsonout import verdict_dict

    out = [verdict_dict(i.verdict) if i.verdict is not None else _failure(i) for i in items]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


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
    """Check every input, report unreadable ones on stderr in their place, write the output, return the exit code."""
    progress = _progress(len(inputs))
    items: list[Item] = []
    try:
        for item in iter_items(checker, inputs, opts, declared, jobs):
            items.append(item)
            if progress is not None:
                progress.advance(progress.task_ids[0])
    finally:
        if progress is not None:
            progress.stop()
    for item in items:
        for line in item.errors:
            click.echo(line, err=True)
    if log is not None:
        try:
            append_records(log, [i.record for i in items if i.verdict is not None])
        except OSError as exc:
            click.echo(f"{log}: kan inte skriva beslutsloggen: {exc.strerror}", err=True)
            return EXIT_INPUT
    data = render(items, fmt, opts.lang)
    if output is not None:
        try:
            write_new(output, data, force=force)
        except CheckerError as err:
            for line in err.lines():
                click.echo(line, err=True)
            return EXIT_INPUT
    elif data:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return max((i.exit_code for i in items), key=lambda c: RANK[c], default=0)
