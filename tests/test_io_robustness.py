"""Input and output at the edges: output paths, permissions, file systems without hard links, the
decision log and replay, CSV cells, folder expansion, and arguments of the wrong kind."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import batch, cli
from checker.errors import CheckerError

from .conftest import ROOT, run_cli

TAIWAN = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"
DRAFT_ARGS = ("--as-of", "2025-08-14")


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m checker` from another folder, with this source tree first on the path."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, env=env, timeout=120, check=False
    )


def one_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err.strip()


# --------------------------------------------------------------------------- output paths


@pytest.mark.parametrize("command", ["check", "extract", "draft"])
@pytest.mark.parametrize("target", ["/proc/out.txt"])
def test_an_unwritable_output_path_is_one_swedish_line_and_exit_4(command: str, target: str) -> None:
    extra = DRAFT_ARGS if command != "extract" else ()
    proc = run_cli(command, str(TAIWAN), *extra, "-o", target)
    assert proc.returncode == 4
    line = one_line(proc)
    assert line.startswith(f"{target}: kan inte skriva filen: ")


@pytest.mark.parametrize("command", ["check", "extract", "draft"])
def test_an_output_into_a_missing_folder_is_a_usage_error(command: str) -> None:
    extra = DRAFT_ARGS if command != "extract" else ()
    proc = run_cli(command, str(TAIWAN), *extra, "-o", "/nonexistent/dir/out.txt")
    assert proc.returncode == 2
    assert one_line(proc) == "/nonexistent/dir/out.txt: mappen finns inte; skapa den först eller välj en annan"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_output_in_a_read_only_folder_is_one_line_and_exit_4(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        proc = run_cli("check", str(TAIWAN), *DRAFT_ARGS, "-o", str(folder / "ut.json"))
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 4
    assert "saknar behörighet" in one_line(proc)


def test_a_refused_temporary_file_becomes_one_line_not_an_oserror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    import tempfile  # imported by the writer where it writes a file

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(CheckerError) as info:
        batch.write_new(tmp_path / "ut.txt", b"data")
    assert info.value.exit_code == 4
    assert info.value.lines() == [f"{tmp_path / 'ut.txt'}: kan inte skriva filen: saknar behörighet att skriva här"]


def test_output_files_get_normal_permissions_that_respect_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        batch.write_new(tmp_path / "ny.txt", b"data")
        batch.write_new(tmp_path / "ny.txt", b"data2", force=True)
        batch.write_new(tmp_path / "annan.txt", b"data")
    finally:
        os.umask(old)
    assert (tmp_path / "ny.txt").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "annan.txt").stat().st_mode & 0o777 == 0o640


def test_the_cli_writes_output_readable_by_others_under_a_022_umask(tmp_path: Path) -> None:
    out = tmp_path / "verdikt.json"
    old = os.umask(0o022)
    try:
        proc = run_cli("check", str(TAIWAN), *DRAFT_ARGS, "--format", "json", "-o", str(out))
    finally:
        os.umask(old)
    assert proc.returncode == 1
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV])
def test_without_hard_links_the_output_is_created_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(*_a: object, **_k: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(batch.os, "link", no_links)
    batch.write_new(tmp_path / "ut.txt", b"data")
    assert (tmp_path / "ut.txt").read_bytes() == b"data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.txt"]  # no temporary file left


def test_without_hard_links_a_file_that_appeared_meanwhile_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ut.txt"

    def someone_else_writes_first(*_a: object, **_k: object) -> None:
        target.write_bytes(b"mitt eget arbete")
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(batch.os, "link", someone_else_writes_first)
    with pytest.raises(CheckerError) as info:
        batch.write_new(target, b"data")
    assert "finns redan" in info.value.lines()[0]
    assert target.read_bytes() == b"mitt eget arbete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.txt"]


def test_extract_force_overwrites_an_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "fakta.yaml"
    out.write_text("gammalt", encoding="utf-8")
    proc = run_cli("extract", str(TAIWAN), "--format", "yaml", "-o", str(out), "--force")
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith(("facts:", "#", "proposal:", "schema"))


def test_a_failed_output_write_leaves_no_decision_records(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    proc = run_cli("check", str(TAIWAN), *DRAFT_ARGS, "--log", str(log), "-o", "/proc/ut.json")
    assert proc.returncode == 4
    assert not log.exists() or log.read_text(encoding="utf-8") == ""


# --------------------------------------------------------------------------- replay


def _profile_copy(folder: Path) -> Path:
    (folder / "rules").mkdir(parents=True)
    (folder / "policies").mkdir()
    shutil.copy(ROOT / "policies" / "profiles" / "solna.yaml", folder / "profile.yaml")
    shutil.copy(ROOT / "rules" / "solna-riktlinje-internationellt.yaml", folder / "rules")
    return folder


def test_a_relative_profile_path_is_logged_absolute_and_replays_from_another_folder(tmp_path: Path) -> None:
    _profile_copy(tmp_path / "profil")
    log = tmp_path / "beslut.jsonl"
    first = run_in(tmp_path, "check", str(TAIWAN), "--profile", "profil", *DRAFT_ARGS, "--log", str(log))
    assert first.returncode == 1, first.stderr.decode()
    rec = json.loads(log.read_text(encoding="utf-8"))
    assert rec["profile"]["arg"] == str((tmp_path / "profil").resolve())
    proc = run_in(ROOT, "replay", str(log))
    assert proc.returncode == 0, proc.stdout.decode()
    assert "1 oförändrade" in proc.stdout.decode()


def test_a_bundled_profile_name_is_logged_as_the_name(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    run_cli("check", str(TAIWAN), "--profile", "generic", *DRAFT_ARGS, "--log", str(log))
    assert json.loads(log.read_text(encoding="utf-8"))["profile"]["arg"] == "generic"


def test_replay_refuses_a_profile_folder_now_holding_another_profile(tmp_path: Path) -> None:
    profile = _profile_copy(tmp_path / "profil")
    log = tmp_path / "beslut.jsonl"
    run_cli("check", str(TAIWAN), "--profile", str(profile), *DRAFT_ARGS, "--log", str(log))
    shutil.copy(ROOT / "policies" / "profiles" / "generic.yaml", profile / "profile.yaml")
    proc = run_cli("replay", str(log))
    out = proc.stdout.decode()
    assert proc.returncode == 4, out
    assert "kan inte köras om" in out
    assert f"profilen {profile} är inte samma profil som i beslutet" in out


def _one_record(tmp_path: Path) -> dict[str, object]:
    log = tmp_path / "första.jsonl"
    run_cli("check", str(TAIWAN), *DRAFT_ARGS, "--log", str(log))
    rec: dict[str, object] = json.loads(log.read_text(encoding="utf-8"))
    return rec


def _reseal(rec: dict[str, object]) -> dict[str, object]:
    """A record edited on purpose gets its checksum again (else replay rightly calls it damaged)."""
    from checker.batch import record_checksum

    rec["record_sha256"] = record_checksum(rec)
    return rec


def test_replay_of_a_record_without_the_input_hash_says_the_line_is_invalid(tmp_path: Path) -> None:
    rec = _one_record(tmp_path)
    broken = json.loads(json.dumps(rec))
    del broken["input"]["sha256"]
    _reseal(broken)
    log = tmp_path / "beslut.jsonl"
    log.write_text(json.dumps(broken) + "\n" + json.dumps(rec) + "\n", encoding="utf-8")
    proc = run_cli("replay", str(log))
    out = proc.stdout.decode()
    assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
    assert proc.returncode == 4
    assert "rad 1: ?: kan inte köras om\n    raden är inte en giltig beslutspost" in out
    assert "rad 2: motion.txt: oförändrad" in out


@pytest.mark.parametrize(
    "mangle",
    [
        lambda r: r.update(profile=[]),
        lambda r: r.update(input="motion.txt"),
        lambda r: r["profile"].update(rules=["KL-UTRIKES"]),
        lambda r: r.update(verdict={"findings": [{"outcome": "pass"}]}),
        lambda r: r.update(facts_file={"path": 3, "sha256": "x"}),
    ],
)
def test_replay_of_a_malformed_record_is_reported_in_its_place(tmp_path: Path, mangle: object) -> None:
    rec = _one_record(tmp_path)
    mangle(rec)  # type: ignore[operator]
    _reseal(rec)
    log = tmp_path / "beslut.jsonl"
    log.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    proc = run_cli("replay", str(log))
    assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
    assert proc.returncode == 4
    assert "raden är inte en giltig beslutspost" in proc.stdout.decode()


def test_one_record_with_a_broken_facts_file_does_not_stop_the_replay(tmp_path: Path) -> None:
    rec = _one_record(tmp_path)
    bad = tmp_path / "fakta.yaml"
    bad.write_text("facts: [inte: {giltig\n", encoding="utf-8")
    with_facts = json.loads(json.dumps(rec))
    with_facts["facts_file"] = {"path": str(bad), "sha256": hashlib.sha256(bad.read_bytes()).hexdigest()}
    _reseal(with_facts)
    log = tmp_path / "beslut.jsonl"
    log.write_text(json.dumps(with_facts) + "\n" + json.dumps(rec) + "\n", encoding="utf-8")
    proc = run_cli("replay", str(log))
    out = proc.stdout.decode()
    assert proc.returncode == 4, out + proc.stderr.decode()
    assert proc.stderr.decode() == ""
    first, second = out.split("rad 2:")
    assert first.startswith("rad 1: motion.txt: kan inte köras om\n    ")
    assert str(bad) in first and first.count("\n    ") == 1  # the facts file's first problem
    assert second.startswith(" motion.txt: oförändrad")
    assert out.strip().endswith("1 oförändrade, 0 ändrade, 1 kunde inte köras om")


def test_replay_reports_a_renamed_rule_as_removed_and_added(tmp_path: Path) -> None:
    profile = _profile_copy(tmp_path / "profil")
    log = tmp_path / "beslut.jsonl"
    run_cli("check", str(TAIWAN), "--profile", str(profile), *DRAFT_ARGS, "--log", str(log))
    rules = profile / "rules" / "solna-riktlinje-internationellt.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("- id: SOL-EUROPA\n", "- id: SOL-EUROPAFOKUS\n"), encoding="utf-8")
    proc = run_cli("replay", str(log))
    out = proc.stdout.decode()
    assert proc.returncode == 1, out + proc.stderr.decode()
    assert "SOL-EUROPA: regeln finns inte längre (var violation)" in out
    assert "regeln SOL-EUROPA är borttagen sedan beslutet" in out
    assert "regeln SOL-EUROPAFOKUS är tillagd sedan beslutet" in out


# --------------------------------------------------------------------------- CSV


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(tmp_path: Path) -> None:
    motion = tmp_path / "=formel.txt"
    body = TAIWAN.read_text(encoding="utf-8").split("\n", 1)[1]
    motion.write_text('=HYPERLINK("http://x")\n' + body, encoding="utf-8")
    proc = run_cli("check", str(motion), *DRAFT_ARGS, "--format", "csv")
    rows = list(csv.reader(io.StringIO(proc.stdout.decode())))
    assert rows[1][0] == "'=formel.txt"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_prefixes_every_formula_start(lead: str) -> None:
    assert batch.csv_cell(lead + "1+1") == "'" + lead + "1+1"
    assert batch.csv_cell("Motion om " + lead) == "Motion om " + lead
    assert batch.csv_cell(-3) == -3


# --------------------------------------------------------------------------- folders and arguments


def test_a_folder_skips_office_lock_files_and_hidden_files_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.docx", "~$a.docx", ".dold.txt", ".git/c.txt", "sub/d.md", "sub/~$e.docx"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = cli.expand_inputs((str(tmp_path),))
    assert [p.relative_to(tmp_path).as_posix() for p in got] == ["a.docx", "b.txt", "sub/d.md"]
    globbed = cli.expand_inputs((str(tmp_path / "*.docx"),))
    assert [p.name for p in globbed] == ["a.docx"]


@pytest.mark.parametrize("command", ["check", "draft"])
def test_facts_given_a_motion_says_it_is_no_facts_file(command: str) -> None:
    proc = run_cli(command, str(TAIWAN), *DRAFT_ARGS, "--facts", str(TAIWAN))
    assert proc.returncode == 2
    assert one_line(proc) == f"{TAIWAN}: är ingen faktafil (tillåtna: .yaml, .yml, .json)"


@pytest.mark.parametrize("command", ["extract", "draft"])
def test_a_folder_where_a_motion_file_is_expected_says_so(command: str) -> None:
    folder = TAIWAN.parent
    proc = run_cli(command, str(folder))
    assert proc.returncode == 4
    assert one_line(proc) == f"{folder}: är en mapp; ange en motionsfil"


# --------------------------------------------------------------------------- file names that are not UTF-8


def not_utf8(folder: Path, name: bytes, content: bytes) -> Path:
    """A file whose name holds a byte that is not UTF-8 (Linux allows any bytes but / and NUL)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "report", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_is_checked_and_named_with_its_byte_escaped(tmp_path: Path, fmt: str) -> None:
    good = not_utf8(tmp_path, b"motion-\xff.txt", TAIWAN.read_bytes())
    binary = not_utf8(tmp_path, b"bilaga-\xfe.txt", bytes(range(256)) * 8)
    proc = run_cli("check", str(good), str(binary), "--format", fmt, *DRAFT_ARGS)
    err = proc.stderr.decode()
    assert proc.returncode == 4, err  # the worst of 1 (the motion) and 4 (the binary file), never 5
    assert "internt fel" not in err and "Traceback" not in err
    assert "bilaga-\\xfe.txt: filen verkar vara binär, inte text" in err
    out = proc.stdout.decode("utf-8")  # the output is UTF-8 text whatever the names
    if fmt == "json":
        verdict, failure = json.loads(out)
        assert verdict["provenance"]["input_name"] == "motion-\\xff.txt"
        assert failure["input_name"] == "bilaga-\\xfe.txt"
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["provenance"]["input_name"] == "motion-\\xff.txt"
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert [r[0] for r in rows[1:]] == ["motion-\\xff.txt", "bilaga-\\xfe.txt"]
