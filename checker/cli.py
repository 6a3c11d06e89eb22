"""The command line: `council-check` (click). Thin: every decision lives in the library.

Exit codes: 0 no objection (bifalla), 1 objection (avslå or anse besvarad), 2 usage error,
3 needs manual review, 4 unreadable input or invalid policy/rule files, 5 internal error (a fault
in the checker: one line, the traceback only with --debug). For several inputs the exit code is the
worst one (5 > 4 > 3 > 1 > 0).
"""

from __future__ import annotations

import datetime as dt
import glob
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from checker import __version__
from checker.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OBJECTION, EXIT_OK, EXIT_USAGE, CheckerError, cut

DOC_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
FACTS_SUFFIXES = (".yaml", ".yml", ".json")


def fail(err: CheckerError) -> NoReturn:
    for line in err.lines():
        click.echo(line, err=True)
    sys.exit(err.exit_code)


def parse_date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def today() -> dt.date:
    """The default as-of date: read from the clock here, at the edge, never inside the logic."""
    return dt.date.today()


profile_option = click.option(
    "--profile",
    default="solna",
    show_default=True,
    metavar="NAME|PATH",
    help="Bundled profile (solna, generic) or the path to your own profile folder.",
)
lang_option = click.option(
    "--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the report."
)
facts_option = click.option(
    "--facts",
    "facts_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Declared facts (YAML/JSON) that override what is extracted from the text.",
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (never overwrites without --force).",
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
as_of_option = click.option(
    "--as-of",
    "as_of",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Evaluation date (default: today). Rules and the one-year motion rule use it.",
)


def _skipped(name: str) -> bool:
    """Office lock files (~$motion.docx) and hidden files (.DS_Store, ._motion.docx) are no motions."""
    return name.startswith(("~$", "."))


def expand_inputs(paths: tuple[str, ...]) -> list[Path]:
    """Files, folders (their motion documents, sorted) and globs, in the order given.

    A folder or glob skips Office lock files and hidden files and folders; a file named explicitly is
    always taken. Facts files in a folder are not checked (a corpus keeps its labels there), and a
    line on standard error says how many were left out and how to check one.
    """
    from checker.bounded import is_dir

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if is_dir(p):
            found = [
                x for x in p.rglob("*") if x.is_file() and not any(_skipped(part) for part in x.relative_to(p).parts)
            ]
            out.extend(sorted(x for x in found if x.suffix.lower() in DOC_SUFFIXES))
            facts = [x for x in found if x.suffix.lower() in FACTS_SUFFIXES]
            if facts:
                click.echo(
                    f"{p}: {len(facts)} faktafil{'er' if len(facts) > 1 else ''} (.yaml, .yml, .json) i mappen "
                    "granskas inte; ange en faktafil som fil, eller med --facts till sin motion",
                    err=True,
                )
        elif not _exists(p) and any(ch in raw for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            out.extend(m for m in matches if m.is_file() and not _skipped(m.name))
        else:
            out.append(p)
    return out


def _exists(p: Path) -> bool:
    try:
        return p.exists()
    except (OSError, ValueError):
        return False


def refuse_missing_folder(output: Path | None) -> None:
    """-o into a folder that does not exist is a usage error (exit 2), said before any work is done."""
    from checker.bounded import is_dir

    if output is not None and str(output.parent) and not is_dir(output.parent):
        fail(
            CheckerError([_problem(str(output), "mappen finns inte; skapa den först eller välj en annan")], EXIT_USAGE)
        )


def check_facts_suffix(facts_file: Path | None) -> None:
    """--facts must name a facts file; a motion passed by mistake is a usage error, not a YAML error."""
    if facts_file is not None and facts_file.suffix.lower() not in FACTS_SUFFIXES:
        message = f"är ingen faktafil (tillåtna: {', '.join(FACTS_SUFFIXES)})"
        fail(CheckerError([_problem(str(facts_file), message)], EXIT_USAGE))


def refuse_folder(path: Path) -> None:
    """A folder where one motion file is expected: say so (exit 4) before the reader sees it."""
    from checker.bounded import is_dir

    if is_dir(path):
        fail(CheckerError([_problem(str(path), "är en mapp; ange en motionsfil")], EXIT_INPUT))


def _load_checker(profile: str) -> Any:
    from checker.api import Checker

    try:
        return Checker(profile)
    except CheckerError as err:
        fail(err)


EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it
EXIT_PIPE_CLOSED = 141  # the reader of standard output went away, as shells report it


def _silence_stdout() -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class GuardedGroup(click.Group):
    """The top-level guard: whatever escapes a command becomes one line and a documented exit code.

    A fault in the checker itself is "internt fel: …; rapportera med filen" and exit 5 (the traceback
    only with --debug, which may stand anywhere on the command line); an I/O error the command did not
    expect is one line and exit 4; Ctrl-C is exit 130 and a closed pipe 141. Never 0, 1 or 3, which
    are verdicts."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        head = args[: args.index("--")] if "--" in args else args
        if "--debug" in head:
            import os

            ctx.meta["council_debug"] = True
            os.environ["COUNCIL_CHECKER_DEBUG"] = "1"  # worker processes and the batch show tracebacks too
            args = [a for a in head if a != "--debug"] + args[len(head) :]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("avbrutet", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_PIPE_CLOSED)
        except CheckerError as err:  # a command that forgot to catch one: still its own lines and code
            for line in err.lines():
                click.echo(line, err=True)
            ctx.exit(err.exit_code)
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"{name}in- eller utmatningsfel: {cut(exc.strerror or str(exc), 200)}", err=True)
            _traceback_if_debug(ctx)
            ctx.exit(EXIT_INPUT)
        except Exception as exc:
            from checker.errors import internal_line

            click.echo(internal_line(exc), err=True)
            _traceback_if_debug(ctx)
            ctx.exit(EXIT_INTERNAL)


def _traceback_if_debug(ctx: click.Context) -> None:
    import os

    if ctx.meta.get("council_debug") or os.environ.get("COUNCIL_CHECKER_DEBUG"):
        import traceback

        click.echo(traceback.format_exc().rstrip("\n"), err=True)


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-check")
@click.option("--debug", is_flag=True, help="On an internal error, also print the traceback.")
def main(debug: bool) -> None:
    """Advisory compliance checks of Swedish municipal council proposals (motioner).

    Example: council-check check examples/solna-taiwan-2025/motion.txt
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "csv", "markdown", "html", "docx", "report"]),
    default="text",
    show_default=True,
    help="Output format: jsonl is one verdict per line, csv a summary, report one HTML page for a batch.",
)
@profile_option
@facts_option
@as_of_option
@lang_option
@output_option
@force_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for a batch (default: the machine's cores). Output is identical for any N.",
)
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append one decision record per verdict (JSON lines) to this file, for `council-check replay`.",
)
@click.option(
    "--time-limit",
    "time_limit",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Time one input may take before it is reported as an error and the rest go on (default 60; 0: none).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    profile: str,
    facts_file: Path | None,
    as_of: dt.date | None,
    lang: str,
    output: Path | None,
    force: bool,
    jobs: int | None,
    log: Path | None,
    time_limit: float | None,
) -> None:
    """Check proposals against the profile's rules and print a reasoned advisory verdict.

    PATHS are motion documents (.txt, .md, .docx, .pdf), facts files (.yaml, .json), folders or globs.

    Example: council-check check motion.docx --format json --as-of 2025-08-14
    """
    import gc

    inputs = expand_inputs(paths)
    if not inputs:
        fail(CheckerError([_problem("council-check", "inga indatafiler hittades")], EXIT_USAGE))
    # One input: the cyclic collector would traverse, again and again as it ages, everything loaded for
    # this one check (profile, lexicons, gazetteer) for the little cyclic garbage a check makes (peak RSS
    # the same without it, also for a 2-million-character motion): about a twentieth of a cold check.
    # Afterwards all of it is frozen out of the collector's view before the collector is enabled again,
    # which would otherwise cost the same traversal once more. A batch settles its collector after its
    # first check instead (batch.settle_gc).
    paused = len(inputs) == 1 and gc.isenabled()
    if paused:
        gc.disable()
    try:
        _check(inputs, fmt, profile, facts_file, as_of, lang, output, force, jobs, log, time_limit)
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def _check(
    inputs: list[Path],
    fmt: str,
    profile: str,
    facts_file: Path | None,
    as_of: dt.date | None,
    lang: str,
    output: Path | None,
    force: bool,
    jobs: int | None,
    log: Path | None,
    time_limit: float | None,
) -> NoReturn:
    import os

    from checker.batch import DEFAULT_TIME_BUDGET, Options, run_batch

    if output is not None and output.exists() and not force:
        fail(CheckerError([_problem(str(output), "finns redan; välj ett annat namn eller ange --force")], EXIT_USAGE))
    if fmt == "docx" and output is None:
        fail(CheckerError([_problem("--format docx", "kräver --output FIL.docx")], EXIT_USAGE))
    refuse_missing_folder(output)
    check_facts_suffix(facts_file)
    checker = _load_checker(profile)
    from checker.verdict import require_rules_in_force

    try:
        require_rules_in_force(checker.policy_set, as_of or today())
    except CheckerError as err:
        fail(err)
    declared = None
    facts_sha = None
    if facts_file is not None:
        import hashlib

        from checker.errors import printable
        from checker.factsfile import parse_facts, read_facts_bytes

        try:
            raw = read_facts_bytes(facts_file)  # read once: the decision record hashes these bytes
            declared, _meta = parse_facts(raw, printable(facts_file), checker.policy_set.context)
        except CheckerError as err:
            fail(err)
        facts_sha = hashlib.sha256(raw).hexdigest()
    opts = Options(
        profile=profile,
        as_of=as_of or today(),
        lang=lang,
        facts_file=facts_file,
        log=log is not None,
        fmt=fmt,
        facts_sha256=facts_sha,
        time_budget=(DEFAULT_TIME_BUDGET if time_limit is None else time_limit) or None,
    )
    code = run_batch(
        checker,
        inputs,
        fmt=fmt,
        opts=opts,
        declared=declared,
        output=output,
        jobs=jobs or os.cpu_count() or 1,
        log=log,
        force=force,
    )
    sys.exit(code)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="List every motion and fact that differs from its label.")
def evaluate(folder: Path, fmt: str, verbose: bool) -> None:
    """Measure the checker on a labelled corpus: precision and recall per fact, verdict accuracy.

    Example: council-check evaluate tests/corpus -v
    """
    import json

    from checker.evaluation import evaluate as run_evaluation
    from checker.evaluation import render_evaluation

    try:
        result = run_evaluation(folder)
    except CheckerError as err:
        fail(err)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(render_evaluation(result, verbose=verbose), nl=False)


@main.command()
@click.argument("log", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def replay(log: Path, fmt: str) -> None:
    """Re-run every check in a decision log and report identical, changed (and why) or cannot replay.

    A record whose outcome is the same though a rule or its wording changed says "samma utfall"; a
    damaged line (torn by a full disk, a changed byte) says so, and the replay goes on.
    Exit code 0 when every record is identical or has the same outcome, 1 when any changed, 4 when any
    cannot be replayed or is damaged.

    Example: council-check replay beslut.jsonl
    """
    import json

    from checker.replay import replay_log

    try:
        results = replay_log(log)
    except CheckerError as err:
        fail(err)
    if fmt == "json":
        click.echo(json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            click.echo(r.text())
        counts = {
            s: sum(r.status == s for r in results)
            for s in ("identical", "changed", "cannot_replay", "same_outcome", "damaged")
        }
        extra = "".join(
            f", {counts[s]} {label}"
            for s, label in (("same_outcome", "med samma utfall"), ("damaged", "skadade"))
            if counts[s]
        )
        click.echo(
            f"{counts['identical']} oförändrade, {counts['changed']} ändrade, "
            f"{counts['cannot_replay']} kunde inte köras om{extra}"
        )
    statuses = {r.status for r in results}
    bad = {"cannot_replay", "damaged"} & statuses
    sys.exit(EXIT_INPUT if bad else EXIT_OBJECTION if "changed" in statuses else EXIT_OK)


def _problem(file: str, message: str) -> Any:
    from checker.errors import Problem

    return Problem(file, "", message)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@profile_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "yaml"]),
    default="text",
    show_default=True,
    help="text: facts with evidence; yaml: a facts file to correct and pass back with --facts.",
)
@output_option
@force_option
def extract(path: Path, profile: str, fmt: str, output: Path | None, force: bool) -> None:
    """Show the facts found in a motion, each with the sentence it came from.

    Example: council-check extract motion.docx --format yaml -o facts.yaml
    """
    from checker.render.factsout import facts_text, facts_yaml

    if output is not None and output.exists() and not force:
        fail(CheckerError([_problem(str(output), "finns redan; välj ett annat namn eller ange --force")], EXIT_USAGE))
    refuse_missing_folder(output)
    refuse_folder(path)
    checker = _load_checker(profile)
    try:
        proposal = checker.read(path)
        facts = checker.extract(proposal)
        readings = checker.read_actions(proposal)
    except CheckerError as err:
        fail(err)
    text = facts_yaml(proposal, facts, readings) if fmt == "yaml" else facts_text(proposal, facts, readings)
    _emit(text, output, force=force)


def _emit(text: str, output: Path | None, *, force: bool = False) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from checker.batch import write_new

    try:
        write_new(output, text.encode("utf-8"), force=force)
    except CheckerError as err:
        fail(err)


@main.command()
@click.argument("rule_id", required=False)
@profile_option
@lang_option
def rules(rule_id: str | None, profile: str, lang: str) -> None:
    """List the profile's rules, or show one with its quoted clauses and test cases.

    Example: council-check rules SOL-EUROPA
    """
    from checker.load import load_policy_set
    from checker.rulelist import rule_detail, rule_list

    try:
        ps = load_policy_set(profile)
    except CheckerError as err:
        fail(err)
    if rule_id is None:
        click.echo(rule_list(ps, lang), nl=False)
        return
    rule = ps.rule(rule_id)
    if rule is None:
        fail(CheckerError([_problem(rule_id, "ingen sådan regel; se listan med `council-check rules`")], EXIT_USAGE))
    click.echo(rule_detail(ps, rule, lang), nl=False)


@main.command()
@profile_option
def validate(profile: str) -> None:
    """Validate the profile's policy, rule and context files (schema and cross-references).

    Example: council-check validate --profile ./min-kommun
    """
    from checker.load import load_policy_set

    try:
        ps = load_policy_set(profile, use_cache=False)
        from checker.engine import limit_problems
        from checker.errors import PolicyError

        too_large = limit_problems(ps)
        if too_large:
            raise PolicyError(too_large)
    except CheckerError as err:
        fail(err)
    from checker.load import authoring_warnings

    for warning in authoring_warnings(ps):
        click.echo(f"varning: {warning.file}: {warning.field}: {warning.message}", err=True)
    n_clauses = sum(len(p.clauses) for p in ps.policies.values())
    click.echo(
        f"OK: profil {ps.profile_id}: {len(ps.policies)} källor, {n_clauses} klausuler, {len(ps.rules)} regler, "
        f"{len(ps.files)} filer (sha256 {ps.hash[:12]})"
    )


@main.command(name="init-profile")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--municipality", default="Min kommun", show_default=True, help="The municipality's name.")
@click.option("--force", is_flag=True, help="Write into a folder that already holds files.")
def init_profile_cmd(folder: Path, municipality: str, force: bool) -> None:
    """Write a starting profile for another municipality: the bundled statutes reused, and a skeleton of
    its own guideline with one rule and its cases. It validates and its cases pass as written.

    Example: council-check init-profile min-kommun --municipality "Exempelby kommun"
    """
    from checker.initprofile import init_profile

    try:
        written = init_profile(folder, municipality, force=force)
    except CheckerError as err:
        fail(err)
    for path in written:
        click.echo(f"skrev {path}")
    click.echo(
        f"Kontrollera profilen med `council-check validate --profile {folder}` och kör dess testfall med "
        f"`council-check test --profile {folder}`. Ersätt riktlinjens text med den antagna ordalydelsen."
    )


@main.command(name="test")
@profile_option
@click.option("--verbose", "-v", is_flag=True, help="List every case, not only failures.")
def test_cmd(profile: str, verbose: bool) -> None:
    """Run every rule's pass and fail cases, and the rule files' whole-proposal scenarios, through the engine.

    Example: council-check test --profile generic
    """
    from checker.casetest import run_cases, run_scenarios

    checker = _load_checker(profile)
    results = run_cases(checker.policy_set, checker.engine) + run_scenarios(checker.policy_set, checker.engine)
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            detail = "" if r.ok else f" (expected {r.expected}, got {r.actual}{': ' + r.error if r.error else ''})"
            click.echo(f"{mark} {r.rule_id}: {r.name}{detail}")
    rules_n = len({r.rule_id for r in results if r.rule_id != "scenario"})
    scenarios_n = sum(1 for r in results if r.rule_id == "scenario")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed ({rules_n} rules, {scenarios_n} scenarios)")
    sys.exit(EXIT_OBJECTION if failed else EXIT_OK)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    metavar="NAME|PATH",
    help="Profile to offer (repeat for several; the first is the default). Default: solna and generic.",
)
@click.option(
    "--log",
    "log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append a decision record per verdict to this file and keep each input beside it (for replay).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that check the requests in parallel (default: the machine's cores).",
)
@click.option(
    "--time-limit",
    "time_limit",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Time one check may take before its worker is stopped and the request gets 503 (default 60; 0: none).",
)
def serve(
    host: str,
    port: int,
    profiles: tuple[str, ...],
    log: Path | None,
    workers: int | None,
    time_limit: float | None,
) -> None:
    """Serve the page for officials and the HTTP API (/api/v1) on HOST:PORT. Needs the [web] extra.

    Nothing is kept unless --log is given. Example: council-check serve --port 8000
    """
    import os

    from checker.batch import DEFAULT_TIME_BUDGET

    try:
        from checker.web.server import run
    except ImportError as exc:
        message = f"webbservern kräver tillägget [web] ({exc.name or 'fastapi'} saknas): pip install '.[web]'"
        fail(CheckerError([_problem("council-check serve", message)], EXIT_USAGE))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"Obs: sidan har ingen inloggning; den lyssnar på {host} och ska stå bakom kommunens egen inloggning.",
            err=True,
        )
    try:
        run(
            host,
            port,
            list(profiles) or ["solna", "generic"],
            log,
            workers=workers or os.cpu_count() or 1,
            time_limit=(DEFAULT_TIME_BUDGET if time_limit is None else time_limit) or None,
        )
    except CheckerError as err:
        fail(err)
    except OSError as exc:
        fail(CheckerError([_problem(f"{host}:{port}", f"kan inte lyssna: {exc.strerror or exc}")], EXIT_USAGE))


from checker.cli_draft import draft  # noqa: E402

main.add_command(draft)

if __name__ == "__main__":  # pragma: no cover
    main()
