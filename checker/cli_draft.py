"""`council-check draft`: the whole tjänsteskrivelse for one motion, with the verdict put in its place.

Thin like the rest of the CLI: the verdict comes from the library, the document from
checker.render.documents. Exit code = the verdict's (0 bifalla, 1 avslå/besvarad, 3 granska),
4 for unreadable input or a broken template, 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.batch import EXIT_FOR
from checker.cli import _load_checker, check_facts_suffix, fail, refuse_folder, today
from checker.errors import EXIT_USAGE, CheckerError, Problem

F = TypeVar("F", bound=Callable[..., Any])
if TYPE_CHECKING:  # checker.cli imports this module back; give mypy the shared options' types directly
    profile_option: Callable[[F], F]
    lang_option: Callable[[F], F]
    as_of_option: Callable[[F], F]
    facts_option: Callable[[F], F]
    force_option: Callable[[F], F]
else:
    from checker.cli import as_of_option, facts_option, force_option, lang_option, profile_option


@click.command(name="draft")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "docx"]),
    default="markdown",
    show_default=True,
    help="Output format; docx needs --output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (never overwrites without --force).",
)
@force_option
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own template: a Jinja2 file (.md.j2, .html.j2) or a Word file (.docx) with docxtpl tags.",
)
@click.option(
    "--section",
    type=click.Choice(["synpunkter"]),
    help="Only 'Förslag till beslut' and the administration's views (markdown or docx), for pasting "
    "into the case system's own template.",
)
@click.option(
    "--no-remedies",
    "no_remedies",
    is_flag=True,
    help="Leave out the closing paragraph on how the proposal could be framed (Förslagets utformning).",
)
@profile_option
@facts_option
@as_of_option
@lang_option
def draft_command(
    file: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    template: Path | None,
    section: str | None,
    no_remedies: bool,
    profile: str,
    facts_file: Path | None,
    as_of: dt.date | None,
    lang: str,
) -> None:
    """Draft the tjänsteskrivelse (the administration's report) for one motion.

    FILE is a motion document (.txt, .md, .docx, .pdf) or a facts file (.yaml, .json). The draft has
    the usual sections (Förslag till beslut, Sammanfattning, Bakgrund, Beredning, Ärendet, the
    administration's views with the grounds and their sources, Handlingar); names of officials and
    recipients are left as visible (highlighted) placeholders to fill in. With --section synpunkter,
    only the proposed decision and the administration's views. The fields of your own --template are
    listed in docs/templates.md; examples/mall/ has a small one.

    Example: council-check draft motion.docx --format docx -o tjansteskrivelse.docx --as-of 2025-08-14
    """
    from checker.batch import write_new
    from checker.render.documents import render_draft

    if fmt == "docx" and output is None:
        fail(CheckerError([Problem("--format docx", "", "kräver --output FIL.docx")], EXIT_USAGE))
    if section is not None and fmt == "html" and template is None:
        fail(CheckerError([Problem("--section", "", "finns som markdown och docx, inte som html")], EXIT_USAGE))
    from checker.cli import refuse_missing_folder

    refuse_missing_folder(output)
    if output is not None and output.exists() and not force:
        exists = Problem(str(output), "", "finns redan; välj ett annat namn eller ange --force")
        fail(CheckerError([exists], EXIT_USAGE))
    check_facts_suffix(facts_file)
    refuse_folder(file)
    checker = _load_checker(profile)
    try:
        declared = None
        if facts_file is not None:
            from checker.factsfile import load_facts_file

            declared, _meta = load_facts_file(facts_file, checker.policy_set.context)
        verdict = checker.check(file, as_of=as_of or today(), lang=lang, declared=declared)
        data = render_draft(verdict, fmt, lang, template=template, section=section, remedies=not no_remedies)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_new(output, data, force=force)
    except CheckerError as err:
        fail(err)
    except RecursionError:
        fail(CheckerError([Problem(str(file), "", "dokumentet är för djupt nästlat för att läsas")]))
    sys.exit(EXIT_FOR[verdict.recommendation])


draft: click.Command = draft_command  # explicit type: checker.cli imports this name back (import cycle)
