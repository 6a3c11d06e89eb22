"""Batch screening: order, workers, failures in place, decision records and replay."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import batch

from .conftest import ROOT, run_cli

CORPUS = ROOT / "tests" / "corpus"


def motions(n: int) -> list[str]:
    return [str(p) for p in sorted(CORPUS.glob("*.txt"))[:n]]


def test_two_workers_give_byte_identical_output_to_one(tmp_path: Path) -> None:
    files = motions(24)
    one = run_cli("check", *files, "--format", "jsonl", "--as-of", "2025-10-01", "--jobs", "1")
    two = run_cli("check", *files, "--format", "jsonl", "--as-of", "2025-10-01", "--jobs", "2")
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 24


def test_a_broken_file_in_the_middle_is_reported_in_its_place_and_the_rest_still_run(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    files = [*motions(3), str(broken), *motions(6)[3:]]
    proc = run_cli("check", *files, "--format", "jsonl", "--as-of", "2025-10-01", "--jobs", "2")
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert proc.returncode == 4  # the worst outcome
    assert len(lines) == 7
    assert lines[3]["input_name"] == "trasig.docx" and "error" in lines[3]
    assert all("recommendation" in x for i, x in enumerate(lines) if i != 3)
    assert proc.stderr.decode().count("\n") == 1 and "trasig.docx" in proc.stderr.decode()


def test_csv_summary_has_one_row_per_input_with_recommendation_and_grounds() -> None:
    proc = run_cli("check", *motions(3), "--format", "csv", "--as-of", "2025-10-01")
    rows = proc.stdout.decode().splitlines()
    assert rows[0].startswith("input,title,recommendation,exit_code,grounds,concerns")
    assert len(rows) == 4
    assert all(r.split(",")[2] in {"avslå", "bifalla", "besvarad", "granska"} for r in rows[1:])


def test_batch_report_is_one_page_with_a_table_linking_each_verdict() -> None:
    proc = run_cli("check", *motions(3), "--format", "report", "--as-of", "2025-10-01")
    html = proc.stdout.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('<a href="#m') == 3 and 'id="m3"' in html
    assert "<table>" in html


def test_no_progress_bar_when_output_is_piped() -> None:
    proc = run_cli("check", *motions(4), "--format", "jsonl", "--as-of", "2025-10-01")
    assert proc.stderr == b""


def test_progress_bar_is_shown_when_stderr_is_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = batch._progress(3)
    assert progress is not None
    try:
        assert progress.tasks[0].total == 3
    finally:
        progress.stop()
    assert batch._progress(1) is None  # a single input needs no bar


def test_progress_bar_is_absent_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert batch._progress(3) is None


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux script for a pseudo-terminal")
def test_progress_bar_draws_on_a_real_terminal(tmp_path: Path) -> None:
    files = " ".join(str(p) for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))[:4])
    out = tmp_path / "ut.jsonl"
    cmd = f"{sys.executable} -m checker check {files} --format jsonl --as-of 2025-10-01 -j 1 -o {out}"
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning", "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    proc = subprocess.run(
        ["script", "-qec", cmd, "/dev/null"], cwd=ROOT, capture_output=True, env=env, timeout=120, check=False
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    assert "Granskar" in proc.stdout.decode(errors="replace")


def test_decision_log_is_appended_never_truncated(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    log.write_text('{"earlier": "record"}\n', encoding="utf-8")
    run_cli("check", *motions(2), "--format", "json", "--as-of", "2025-10-01", "--log", str(log))
    run_cli("check", *motions(1), "--format", "json", "--as-of", "2025-10-01", "--log", str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"earlier": "record"}'
    assert len(lines) == 4
    rec = json.loads(lines[1])
    assert rec["input"]["sha256"] and rec["profile"]["hash"] and rec["engine"].startswith("durable-rules")
    assert "rules/kommunallagen.yaml" in rec["profile"]["files"] and "KL-UTRIKES" in rec["profile"]["rules"]
    assert rec["as_of"] == "2025-10-01" and rec["verdict"]["recommendation"]


def test_replay_of_a_log_written_by_the_same_version_is_identical(tmp_path: Path) -> None:
    log = tmp_path / "beslut.jsonl"
    run_cli("check", *motions(5), "--format", "json", "--as-of", "2025-10-01", "--log", str(log))
    proc = run_cli("replay", str(log))
    assert proc.returncode == 0, proc.stdout.decode()
    assert proc.stdout.decode().strip().endswith("5 oförändrade, 0 ändrade, 0 kunde inte köras om")


def test_replay_after_a_rule_file_is_edited_reports_the_changed_rule(tmp_path: Path) -> None:
    profile = tmp_path / "profil"
    (profile / "rules").mkdir(parents=True)
    (profile / "policies").mkdir()
    shutil.copy(ROOT / "policies" / "profiles" / "solna.yaml", profile / "profile.yaml")
    rules = profile / "rules" / "solna-riktlinje-internationellt.yaml"
    shutil.copy(ROOT / "rules" / "solna-riktlinje-internationellt.yaml", rules)
    taiwan = str(ROOT / "examples" / "solna-taiwan-2025" / "motion.txt")
    log = tmp_path / "beslut.jsonl"
    first = run_cli("check", taiwan, "--profile", str(profile), "--as-of", "2025-08-14", "--log", str(log))
    assert first.returncode == 1
    # A revised guideline: Asia is no longer outside the focus (the rule now only flags Africa).
    text = rules.read_text(encoding="utf-8")
    edited = text.replace(
        "violation_when: {fact: partner_places, any_item: {field: in_europe, is: false}}",
        "violation_when: {fact: partner_places, any_item: {field: continent, is: Afrika}}",
    )
    assert edited != text
    rules.write_text(edited, encoding="utf-8")
    proc = run_cli("replay", str(log))
    out = proc.stdout.decode()
    assert proc.returncode == 1, out
    assert "ändrad" in out
    assert "SOL-EUROPA: violation → pass" in out
    assert "regeln SOL-EUROPA är ändrad sedan beslutet" in out


def test_replay_reports_an_input_that_changed_since_the_decision(tmp_path: Path) -> None:
    motion = tmp_path / "motion.txt"
    shutil.copy(ROOT / "examples" / "solna-taiwan-2025" / "motion.txt", motion)
    log = tmp_path / "beslut.jsonl"
    run_cli("check", str(motion), "--as-of", "2025-08-14", "--log", str(log))
    motion.write_text(motion.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    proc = run_cli("replay", str(log))
    assert proc.returncode == 4
    assert "kan inte köras om" in proc.stdout.decode() and "har ändrats sedan beslutet" in proc.stdout.decode()


def test_output_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "verdikt.json"
    out.write_text("mitt eget arbete", encoding="utf-8")
    proc = run_cli("check", *motions(1), "--format", "json", "--output", str(out))
    assert proc.returncode == 2
    assert out.read_text(encoding="utf-8") == "mitt eget arbete"
    assert "finns redan" in proc.stderr.decode()
    forced = run_cli("check", *motions(1), "--format", "json", "--output", str(out), "--force")
    assert forced.returncode in (0, 1, 3)
    assert json.loads(out.read_text(encoding="utf-8"))["recommendation"]


def test_a_streamed_batch_written_to_a_file_equals_standard_output(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    files = [*motions(3), str(broken), *motions(5)[3:]]
    for fmt in ("json", "jsonl", "csv", "text"):
        out = tmp_path / f"ut.{fmt}"
        to_file = run_cli("check", *files, "--format", fmt, "--as-of", "2025-10-01", "-o", str(out), "--jobs", "2")
        to_stdout = run_cli("check", *files, "--format", fmt, "--as-of", "2025-10-01", "--jobs", "1")
        assert to_file.returncode == to_stdout.returncode == 4
        assert out.read_bytes() == to_stdout.stdout, fmt
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ut.")]  # no temporary file left


def test_a_worker_sends_a_rendered_verdict_as_its_bytes_and_anything_else_as_the_whole_item() -> None:
    path = Path("motion-a.txt")
    rendered = batch.Item(path, recommendation="avslå", piece=b'{"recommendation":"avsl\xc3\xa5"}\n')
    assert batch._answer(7, rendered) == (7, "avslå", rendered.piece)
    failed = batch.Item(path, errors=("motion-a.txt: filen är tom",))
    logged = batch.Item(path, recommendation="bifalla", piece=b"{}\n", record={"record_version": 1})
    traced = batch.Item(path, errors=("motion-a.txt: internt fel",), error_code=5, debug="Traceback …")
    for item in (failed, logged, traced):
        assert batch._answer(3, item) == (3, item)  # its errors, decision record and traceback go along
