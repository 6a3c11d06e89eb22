"""Checking one or many inputs: each input gives a verdict or an error line, and the rest still run."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from checker.api import Checker
from checker.errors import EXIT_INPUT, CheckerError, InputError
from checker.models import Fact, Verdict

EXIT_FOR = {"bifalla": 0, "avslå": 1, "besvarad": 1, "granska": 3}
RANK = {0: 0, 1: 1, 3: 2, 4: 3}


@dataclass
class Item:
    """The result for one input, in input order: a verdict, or the error lines that stopped it."""

    path: Path
    verdict: Verdict | None = None
    errors: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        return EXIT_FOR[self.verdict.recommendation] if self.verdict else EXIT_INPUT


def check_one(checker: Checker, path: Path, *, as_of: dt.date, lang: str, declared: dict[str, Fact] | None) -> Item:
    try:
        return Item(path, checker.check(path, as_of=as_of, lang=lang, declared=declared))
    except CheckerError as err:
        return Item(path, errors=tuple(err.lines()))
    except RecursionError:
        return Item(path, errors=(f"{path}: dokumentet är för djupt nästlat för att läsas",))
    except MemoryError:
        return Item(path, errors=(f"{path}: dokumentet är för stort för att läsas",))


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


def render(items: list[Item], fmt: str, lang: str) -> bytes:
    verdicts = [i.verdict for i in items if i.verdict is not None]
    if fmt == "json":
        from checker.render.jsonout import render_json

        if len(items) == 1 and verdicts:
            return render_json(verdicts[0]).encode("utf-8")
        return _json_with_errors(items).encode("utf-8")
    if fmt == "jsonl":
        from checker.render.jsonout import render_jsonl_line

        return "".join(render_jsonl_line(v) for v in verdicts).encode("utf-8")
    if fmt == "text":
        from checker.render.text import render_text

        parts = [render_text(v, lang) for v in verdicts]
        return "\n".join(parts).encode("utf-8")
    from checker.render import documents

    return documents.render_check(verdicts, fmt, lang)


def _json_with_errors(items: list[Item]) -> str:
    import json

    from checker.render.jsonout import verdict_dict

    out = []
    for i in items:
        if i.verdict is not None:
            out.append(verdict_dict(i.verdict))
        else:
            out.append({"input_name": i.path.name, "error": {"exit_code": EXIT_INPUT, "messages": list(i.errors)}})
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def run_batch(
    checker: Checker,
    inputs: list[Path],
    *,
    fmt: str,
    as_of: dt.date,
    lang: str,
    declared: dict[str, Fact] | None,
    output: Path | None,
) -> int:
    """Check every input, report unreadable ones on stderr in their place, write the output, return the exit code."""
    items = [check_one(checker, p, as_of=as_of, lang=lang, declared=declared) for p in inputs]
    for item in items:
        for line in item.errors:
            click.echo(line, err=True)
    data = render(items, fmt, lang)
    if output is not None:
        try:
            write_new(output, data)
        except CheckerError as err:
            for line in err.lines():
                click.echo(line, err=True)
            return EXIT_INPUT
    elif data:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return max((i.exit_code for i in items), key=lambda c: RANK[c], default=0)
