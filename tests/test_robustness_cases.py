"""Every case of issue 13, each as a small file built here: one line, a documented exit code, no traceback."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

TAIWAN = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"
AS_OF = ("--as-of", "2025-08-14")
DOCUMENTED = {0, 1, 2, 3, 4, 5}


def _one_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for line in TAIWAN.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- the top-level guard

BOOM = """
import sys
import checker.api as api
def boom(self, *a, **k):
    raise KeyError("ett fel i checkern")
api.Checker.check = boom
api.Checker.read = boom
from checker.cli import main
sys.argv = ["council-check", *sys.argv[1:]]
main()
"""


def _boom(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BOOM, *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


@pytest.mark.parametrize("command", [["check", str(TAIWAN)], ["extract", str(TAIWAN)]])
def test_an_internal_error_is_one_line_and_exit_5_never_a_verdict(command: list[str]) -> None:
    proc = _boom(*command)
    assert proc.returncode == 5
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .endswith("internt fel: KeyError: 'ett fel i checkern'; rapportera med filen")
    )
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_debug_anywhere_on_the_command_line_shows_the_traceback() -> None:
    proc = _boom("extract", str(TAIWAN), "--debug")
    assert proc.returncode == 5
    assert "Traceback (most recent call last)" in proc.stderr
    assert proc.stderr.strip().splitlines()[0].startswith("internt fel: KeyError")


def test_the_readme_first_command_accepts_only_an_objection_so_a_crash_fails_it() -> None:
    first = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1].split("\n```", 1)[0]
    assert first.endswith("|| [ $? -eq 1 ]; }")
    # a crash exits 5 (above), which `[ $? -eq 1 ]` refuses
    proc = subprocess.run(["bash", "-c", "(exit 5) || [ $? -eq 1 ]"], check=False)
    assert proc.returncode != 0


def test_the_exit_code_table_documents_the_internal_error() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 5 | internal error" in readme


# --------------------------------------------------------------------------- .docx and .pdf readers


def _negative_seek_docx() -> bytes:
    data = bytearray(_docx())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 12, 0xFFFFFF00)  # size of the central directory: far beyond the file
    return bytes(data)


def _lzma_docx(*, broken: bool) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_LZMA)
    data = bytearray(out.getvalue())
    if broken:
        start = data.find(b"word/document.xml") + len("word/document.xml") + 40
        data[start : start + 64] = bytes(64)
    return bytes(data)


@pytest.mark.parametrize(
    "make",
    [_negative_seek_docx, lambda: _lzma_docx(broken=True)],
    ids=["negative-seek", "lzma-member-broken"],
)
def test_a_broken_docx_is_one_line_and_exit_4(tmp_path: Path, make: object) -> None:
    path = tmp_path / "motion.docx"
    path.write_bytes(make())  # type: ignore[operator]
    proc = run_cli("check", str(path), *AS_OF)
    assert proc.returncode == 4
    assert _one_line(proc).startswith(f"{path}: Word-filen")


def test_a_docx_with_lzma_members_that_decompress_is_read(tmp_path: Path) -> None:
    path = tmp_path / "motion.docx"
    path.write_bytes(_lzma_docx(broken=False))
    proc = run_cli("check", str(path), *AS_OF)
    assert proc.returncode == 1, proc.stderr.decode()


def test_a_fifo_named_txt_is_refused_and_the_inputs_after_it_are_checked(tmp_path: Path) -> None:
    fifo = tmp_path / "a-rör.txt"
    os.mkfifo(fifo)
    proc = run_cli("check", str(fifo), str(TAIWAN), *AS_OF, "--format", "jsonl")
    assert proc.returncode == 4
    assert _one_line(proc) == f"{fifo}: filen är en namngiven rörledning (FIFO) och läses inte"
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert lines[0]["input_name"] == "a-rör.txt" and lines[1]["recommendation"] == "avslå"


def test_a_device_named_on_the_command_line_is_one_line() -> None:
    proc = run_cli("check", "/dev/zero", *AS_OF)
    assert proc.returncode == 4
    assert _one_line(proc).startswith("/dev/zero: okänt filformat")


def test_a_device_behind_a_motion_name_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "motion.txt"
    link.symlink_to("/dev/zero")
    proc = run_cli("check", str(link), *AS_OF)
    assert proc.returncode == 4
    assert _one_line(proc) == f"{link}: filen är ingen vanlig fil (en enhet eller sockel) och läses inte"


# --------------------------------------------------------------------------- facts files

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("facts:\n  founding_year:\n    value: " + "9" * 5000 + "\n", "ett heltal med fler än 100 siffror"),
        ("facts:\n  ? [a, b]\n  : {value: true}\n", "en nyckel ska vara text"),
        (BILLION_LAUGHS + "facts: *i\n", "YAML-alias (*namn) och ankare (&namn) tillåts inte"),
        ("facts: " + "[" * 200 + "]" * 200 + "\n", "nästlat djupare än 64 nivåer"),
    ],
    ids=["5000-digit-integer", "list-as-key", "alias-bomb", "deep-nesting"],
)
def test_a_hostile_facts_file_is_one_short_line_and_exit_4(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "fakta.yaml"
    path.write_text(body, encoding="utf-8")
    for args in (["check", str(path)], ["check", str(TAIWAN), "--facts", str(path)]):
        proc = run_cli(*args, *AS_OF)
        assert proc.returncode == 4
        line = _one_line(proc)
        assert expected in line and len(line) < 300


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("{name: 42, kind: city}", "name: Input should be a valid string"),
        ("{name: [1], kind: city}", "name: Input should be a valid string"),
        ("{name: Tainan, kind: planet}", "kind: Input should be 'country', 'city' or 'region'"),
        ("{name: Tainan, kind: city, country_code: 7}", "country_code: Input should be a valid string"),
        ("{name: Tainan, kind: city, planet: mars}", "planet: Extra inputs are not permitted"),
    ],
    ids=["name-number", "name-list", "kind-unknown", "code-number", "extra-field"],
)
def test_a_place_mapping_with_a_wrong_field_is_one_line_naming_the_field(
    tmp_path: Path, place: str, expected: str
) -> None:
    path = tmp_path / "fakta.yaml"
    path.write_text(f"facts:\n  partner_places:\n    value:\n    - {place}\n", encoding="utf-8")
    for args in (["check", str(path)], ["check", str(TAIWAN), "--facts", str(path)]):
        proc = run_cli(*args, *AS_OF)
        assert proc.returncode == 4, proc.stderr
        line = _one_line(proc)
        assert "facts.partner_places.value: invalid place" in line and expected in line, line


def test_a_huge_value_in_a_facts_file_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "fakta.yaml"
    path.write_text("facts:\n  local_benefit:\n    value: " + "x" * 100_000 + "\n", encoding="utf-8")
    proc = run_cli("check", str(path), *AS_OF)
    assert proc.returncode == 4
    assert len(_one_line(proc)) < 300


def test_a_facts_file_in_a_batch_folder_gets_a_word(tmp_path: Path) -> None:
    shutil.copy(TAIWAN, tmp_path / "motion.txt")
    (tmp_path / "fakta.yaml").write_text("facts: {}\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path), *AS_OF)
    assert proc.returncode == 1
    assert _one_line(proc).startswith(f"{tmp_path}: 1 faktafil (.yaml, .yml, .json) i mappen granskas inte")


def test_the_decision_record_hashes_the_facts_bytes_that_were_parsed(tmp_path: Path) -> None:
    import datetime as dt
    import hashlib

    from checker import batch
    from checker.api import Checker

    facts = tmp_path / "fakta.yaml"
    facts.write_text("facts: {}\n", encoding="utf-8")
    parsed = hashlib.sha256(facts.read_bytes()).hexdigest()
    checker = Checker("solna")
    verdict = checker.check(TAIWAN, as_of=dt.date(2025, 8, 14))
    facts.write_text("facts: {}\n# changed after it was read\n", encoding="utf-8")
    opts = batch.Options("solna", dt.date(2025, 8, 14), "sv", facts_file=facts, log=True, facts_sha256=parsed)
    record = batch.decision_record(checker, TAIWAN, verdict, opts)
    assert record["facts_file"]["sha256"] == parsed


# --------------------------------------------------------------------------- rules in a user profile


def _profile(folder: Path, rule_doc: str | None = None, *, rules_name: str = "egna") -> Path:
    folder.mkdir()
    profile = (ROOT / "policies" / "profiles" / "solna.yaml").read_text(encoding="utf-8")
    profile = profile.replace("solna-riktlinje-internationellt]\ncontext", f"{rules_name}]\ncontext", 1)
    profile = profile.replace(
        "rules: [kommunallagen, lag-2009-47, solna-riktlinje-internationellt]",
        f"rules: [kommunallagen, lag-2009-47, {rules_name}]",
    )
    (folder / "profile.yaml").write_text(profile, encoding="utf-8")
    if rule_doc is not None:
        (folder / "rules").mkdir()
        (folder / "rules" / f"{rules_name}.yaml").write_text(rule_doc, encoding="utf-8")
    return folder


def _deep_rules(depth: int) -> str:
    cond: object = {"fact": "local_benefit", "is": False}
    for _ in range(depth):
        cond = {"all": [cond]}
    base = (ROOT / "rules" / "solna-riktlinje-internationellt.yaml").read_text(encoding="utf-8")
    doc = __import__("yaml").safe_load(base)
    doc["rules"][0]["violation_when"] = cond
    return json.dumps(doc, ensure_ascii=False, default=str)


@pytest.mark.parametrize("depth", [9, 20, 120, 150])
def test_rule_conditions_deeper_than_the_documented_limit_are_refused_by_validate(tmp_path: Path, depth: int) -> None:
    profile = _profile(tmp_path / "profil", _deep_rules(depth))
    for command in ("validate", "check"):
        args = [command, "--profile", str(profile)] + ([str(TAIWAN), *AS_OF] if command == "check" else [])
        proc = run_cli(*args)
        assert proc.returncode == 4
        line = _one_line(proc)
        # deeper than the YAML nesting limit (each all/any level is a mapping and a list), the file is
        # refused before any rule is built; below it, the rule is refused with its depth
        expected = (
            f"conditions nest all/any {depth} levels deep; at most 8 are allowed"
            if depth < 30
            else "rad 1: nästlat djupare än 64 nivåer"
        )
        assert expected in line


def test_rule_conditions_at_the_limit_pass_validate(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "profil", _deep_rules(7))
    proc = run_cli("validate", "--profile", str(profile))
    assert proc.returncode == 0, proc.stderr.decode()


def test_a_profile_naming_a_file_over_255_characters_is_one_line(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "profil", rules_name="r" * 300)
    proc = run_cli("validate", "--profile", str(profile))
    assert proc.returncode == 4
    line = _one_line(proc)
    assert "no rule file named 'rrrr" in line and len(line) < 300


def test_a_profile_argument_over_255_characters_is_one_line() -> None:
    proc = run_cli("validate", "--profile", "./" + "p" * 300)
    assert proc.returncode == 4
    assert "profilen finns inte" in _one_line(proc)


def test_a_planted_cache_marker_does_not_let_an_invalid_rule_file_through(tmp_path: Path) -> None:
    """Issue 13 item 5 (built by the performance engineer, issue 11): a marker file planted in the cache,
    under the old key and under today's, does not let an invalid rule file through."""
    import hashlib

    from checker import __version__, load

    profile = _profile(tmp_path / "profil", "rules:\n  - id: X\n")
    raw = (profile / "rules" / "egna.yaml").read_bytes()
    cache = Path(os.environ["COUNCIL_CHECKER_CACHE_DIR"])
    for folder in ("validated", "parsed"):
        (cache / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256((ROOT / "checker" / "schemas" / "rules.schema.json").read_bytes()).hexdigest()
    old = hashlib.sha256(f"{__version__}\0rules\0{digest}\0".encode() + raw).hexdigest()
    (cache / "validated" / old).touch()  # the bare marker an older build trusted
    (cache / "parsed" / f"{load.cache_key(raw, 'rules')}.json").touch()  # and one under today's key
    proc = run_cli("check", str(TAIWAN), "--profile", str(profile), *AS_OF)
    assert proc.returncode == 4
    err = proc.stderr.decode()
    assert "Traceback" not in err and "rules[0]: 'title' is a required property" in err


# --------------------------------------------------------------------------- replay


def _record(tmp_path: Path) -> dict[str, object]:
    log = tmp_path / "första.jsonl"
    run_cli("check", str(TAIWAN), *AS_OF, "--log", str(log))
    rec: dict[str, object] = json.loads(log.read_text(encoding="utf-8"))
    return rec


def _seal(rec: dict[str, object]) -> str:
    from checker.batch import record_line

    body = {k: v for k, v in rec.items() if k != "record_sha256"}
    return record_line(body).decode("utf-8")


def _replay(log: Path) -> tuple[int, str]:
    proc = run_cli("replay", str(log))
    assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
    return proc.returncode, proc.stdout.decode()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda r: r.update(lang="de"),
        lambda r: r["profile"]["rules"].update({"1": 2}),
        lambda r: r["verdict"]["findings"].append({"rule_id": 7, "outcome": "pass"}),
        lambda r: r["input"].update(sha256="kort"),
        lambda r: r.update(record_version="1"),
    ],
    ids=["lang-de", "rule-hash-not-text", "integer-rule-id", "short-hash", "version-as-text"],
)
def test_replay_of_a_record_with_a_wrong_field_says_it_is_invalid(tmp_path: Path, mangle: object) -> None:
    rec = _record(tmp_path)
    mangle(rec)  # type: ignore[operator]
    log = tmp_path / "beslut.jsonl"
    log.write_text(_seal(rec), encoding="utf-8")
    code, out = _replay(log)
    assert code == 4
    assert "raden är inte en giltig beslutspost" in out


def test_replay_of_deeply_nested_json_is_a_damaged_line_and_the_next_record_replays(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    log = tmp_path / "beslut.jsonl"
    log.write_text("[" * 100_000 + "]" * 100_000 + "\n" + _seal(rec), encoding="utf-8")
    code, out = _replay(log)
    assert code == 4
    assert "rad 1: ?: skadad post\n    raden är skadad: nästlat djupare än 64 nivåer" in out
    assert "rad 2: motion.txt: oförändrad" in out


def test_replay_of_a_5000_digit_integer_is_a_damaged_line(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    log = tmp_path / "beslut.jsonl"
    log.write_text('{"record_version": ' + "9" * 5000 + "}\n" + _seal(rec), encoding="utf-8")
    code, out = _replay(log)
    assert code == 4
    assert "rad 1: ?: skadad post" in out and "rad 2: motion.txt: oförändrad" in out


def test_one_non_utf8_line_does_not_make_the_log_unreplayable(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    log = tmp_path / "beslut.jsonl"
    log.write_bytes(_seal(rec).encode() + b'{"trasig": "\xff\xfe"}\n' + _seal(rec).encode())
    code, out = _replay(log)
    assert code == 4
    assert "rad 2: ?: skadad post\n    raden är skadad: den är inte UTF-8-text" in out
    assert out.count("oförändrad\n") == 2


def test_a_flipped_byte_inside_a_record_is_damage_not_a_changed_verdict(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    line = _seal(rec)
    flipped = line.replace('"recommendation":"avslå"', '"recommendation":"avslä"', 1)
    assert flipped != line
    log = tmp_path / "beslut.jsonl"
    log.write_text(flipped, encoding="utf-8")
    code, out = _replay(log)
    assert code == 4
    assert "skadad post\n    raden är skadad: kontrollsumman stämmer inte" in out
    assert ": ändrad" not in out


def test_a_torn_record_is_damaged_and_the_next_append_starts_on_its_own_line(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    log = tmp_path / "beslut.jsonl"
    log.write_text(_seal(rec)[:500], encoding="utf-8")  # a write cut off by a full disk or a crash
    proc = run_cli("check", str(TAIWAN), *AS_OF, "--log", str(log))
    assert proc.returncode == 1
    code, out = _replay(log)
    assert "rad 1: ?: skadad post" in out and "rad 2: motion.txt: oförändrad" in out
    assert code == 4


def test_replay_hashes_a_huge_input_by_streaming_within_the_check_limit(tmp_path: Path) -> None:
    rec = _record(tmp_path)
    huge = tmp_path / "stor.txt"
    with open(huge, "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse: 3 GB that take no room
    rec["input"]["path"] = str(huge)  # type: ignore[index]
    log = tmp_path / "beslut.jsonl"
    log.write_text(_seal(rec), encoding="utf-8")
    code, out = _replay(log)
    assert code == 4
    assert "indatafilen kan inte läsas" in out and "filen är större än gränsen 10 MB" in out


def test_replay_says_same_outcome_when_only_a_rule_changed(tmp_path: Path) -> None:
    profile = tmp_path / "profil"
    (profile / "rules").mkdir(parents=True)
    shutil.copy(ROOT / "policies" / "profiles" / "solna.yaml", profile / "profile.yaml")
    rules = profile / "rules" / "solna-riktlinje-internationellt.yaml"
    shutil.copy(ROOT / "rules" / "solna-riktlinje-internationellt.yaml", rules)
    log = tmp_path / "beslut.jsonl"
    run_cli("check", str(TAIWAN), "--profile", str(profile), *AS_OF, "--log", str(log))
    text = rules.read_text(encoding="utf-8")
    edited = text.replace("      sv: Pröva om samma utbyte", "      sv: Pröva först om samma utbyte", 1)
    assert edited != text
    rules.write_text(edited, encoding="utf-8")
    code, out = _replay(log)
    assert code == 0, out
    assert "samma utfall\n    samma utfall, regeln har ändrats" in out
    assert "0 ändrade" in out and "1 med samma utfall" in out


# --------------------------------------------------------------------------- a log on a full disk


@contextlib.contextmanager
def _small_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, check=False
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_log_that_hits_a_full_disk_keeps_every_complete_record(tmp_path: Path) -> None:
    with _small_tmpfs(tmp_path / "disk", "256k") as disk:
        log = disk / "beslut.jsonl"
        assert run_cli("check", str(TAIWAN), *AS_OF, "--log", str(log)).returncode == 1
        before = log.read_bytes()
        filler = disk / "fyllnad"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"x" * 4096)
        os.ftruncate(fd, os.fstat(fd).st_size - len(before) // 2)  # room for about half a record
        os.close(fd)
        proc = run_cli("check", str(TAIWAN), *AS_OF, "--log", str(log))
        assert proc.returncode == 4
        assert _one_line(proc) == f"{log}: kan inte skriva beslutsloggen: disken är full; inga nya poster skrevs"
        assert log.read_bytes() == before  # the failed append was truncated back
        filler.unlink()
        assert run_cli("check", str(TAIWAN), *AS_OF, "--log", str(log)).returncode == 1
        code, out = _replay(log)
        assert code == 0 and out.strip().endswith("2 oförändrade, 0 ändrade, 0 kunde inte köras om")


# --------------------------------------------------------------------------- smaller items


def test_evaluate_on_a_folder_without_labels_is_one_line(tmp_path: Path) -> None:
    shutil.copy(TAIWAN, tmp_path / "motion.txt")
    proc = run_cli("evaluate", str(tmp_path))
    assert proc.returncode == 2  # a usage error: the wrong folder
    assert _one_line(proc).startswith(f"{tmp_path}: inga etiketter")


def test_an_output_that_hits_a_full_disk_is_one_line_and_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "motioner"
    folder.mkdir()
    for i in range(40):
        shutil.copy(TAIWAN, folder / f"m{i:02d}.txt")
    with _small_tmpfs(tmp_path / "disk", "64k") as disk:
        out = disk / "ut.jsonl"
        proc = run_cli("check", str(folder), *AS_OF, "--format", "jsonl", "-o", str(out), "--jobs", "1")
        assert proc.returncode == 4
        assert _one_line(proc) == f"{out}: kan inte skriva filen: disken är full"
        assert sorted(p.name for p in disk.iterdir()) == []
