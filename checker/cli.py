"""The command line: `council-check` (click). Thin: every decision lives in the library.

Exit codes: 0 no objection (bifalla), 1 objection (avslå or anse besvarad), 2 usage error,
3 needs manual review, 4 unreadable input or invalid policy/rule files. For several inputs the
exit code is the worst one (4 > 3 > 1 > 0).
"""

from __future__ import annotations

import datetime as dt
import glob
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from checker import __version__
from checker.errors import EXIT_INPUT, EXIT_OBJECTION, EXIT_OK, EXIT_USAGE, CheckerError

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
    always taken.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(
                sorted(
                    x
                    for x in p.rglob("*")
                    if x.is_file()
                    and x.suffix.lower() in DOC_SUFFIXES
                    and not any(_skipped(part) for part in x.relative_to(p).parts)
                )
            )
        elif not p.exists() and any(ch in raw for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            out.extend(m for m in matches if m.is_file() and not _skipped(m.name))
        else:
            out.append(p)
    return out


def check_facts_suffix(facts_file: Path | None) -> None:
    """--facts must name a facts file; a motion passed by mistake is a usage error, not a YAML error."""
    if facts_file is not None and facts_file.suffix.lower() not in FACTS_SUFFIXES:
        message = f"är ingen faktafil (tillåtna: {', '.join(FACTS_SUFFIXES)})"
        fail(CheckerError([_problem(str(facts_file), message)], EXIT_USAGE))


def refuse_folder(path: Path) -> None:
    """A folder where one motion file is expected: say so (exit 4) before the reader sees it."""
    if path.is_dir():
        fail(CheckerError([_problem(str(path), "är en mapp; ange en motionsfil")], EXIT_INPUT))


def _load_checker(profile: str) -> Any:
    from checker.api import Checker

    try:
        return Checker(profile)
    except CheckerError as err:
        fail(err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="council-check")
def main() -> None:
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
) -> None:
    """Check proposals against the profile's rules and print a reasoned advisory verdict.

    PATHS are motion documents (.txt, .md, .docx, .pdf), facts files (.yaml, .json), folders or globs.

    Example: council-check check motion.docx --format json --as-of 2025-08-14
    """
    import os

    from checker.batch import Options, run_batch

    inputs = expand_inputs(paths)
    if not inputs:
        fail(CheckerError([_problem("council-check", "inga indatafiler hittades")], EXIT_USAGE))
    if output is not None and output.exists() and not force:
        fail(CheckerError([_problem(str(output), "finns redan; välj ett annat namn eller ange --force")], EXIT_USAGE))
    if fmt == "docx" and output is None:
        fail(CheckerError([_problem("--format docx", "kräver --output FIL.docx")], EXIT_USAGE))
    check_facts_suffix(facts_file)
    checker = _load_checker(profile)
    from checker.verdict import require_rules_in_force

    try:
        require_rules_in_force(checker.policy_set, as_of or today())
    except CheckerError as err:
        fail(err)
    declared = None
    if facts_file is not None:
        from checker.factsfile import load_facts_file

        try:
            declared, _meta = load_facts_file(facts_file, checker.policy_set.context)
        except CheckerError as err:
            fail(err)
    opts = Options(
        profile=profile, as_of=as_of or today(), lang=lang, facts_file=facts_file, log=log is not None, fmt=fmt
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

    Exit code 0 when every record is identical, 1 when any changed, 4 when any cannot be replayed.

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
        counts = {s: sum(r.status == s for r in results) for s in ("identical", "changed", "cannot_replay")}
        click.echo(
            f"{counts['identical']} oförändrade, {counts['changed']} ändrade, "
            f"{counts['cannot_replay']} kunde inte köras om"
        )
    statuses = {r.status for r in results}
    sys.exit(EXIT_INPUT if "cannot_replay" in statuses else EXIT_OBJECTION if "changed" in statuses else EXIT_OK)


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
    refuse_folder(path)
    checker = _load_checker(profile)
    try:
        proposal = checker.read(path)
        facts = checker.extract(proposal)
    except CheckerError as err:
        fail(err)
    text = facts_yaml(proposal, facts) if fmt == "yaml" else facts_text(proposal, facts)
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
    from checker.render.rulesdoc import rule_detail, rule_list

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


from checker.cli_draft import draft  # noqa: E402

main.add_command(draft)

if __name__ == "__main__":  # pragma: no cover
    main()
