"""The parsed-file cache: an unchanged policy set loads from its parsed, validated content; any edit, and
any entry the loader cannot trust, is parsed and validated again in full."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from checker.errors import PolicyError
from checker.load import CACHE_FORMAT, cache_entry, cache_key, load_policy_set, parse_yaml_bytes

from .conftest import ROOT

PROFILE = (
    "id: test\ntitle: Test\nmunicipality: Testkommun\n"
    "policies: [kommunallagen, lag-2009-47, regeringsformen]\nrules: [kommunallagen]\n"
)


def test_a_validated_policy_set_loads_without_importing_jsonschema(tmp_path: Path) -> None:
    env = {"COUNCIL_CHECKER_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    code = (
        "import sys\nfrom checker.load import load_policy_set\nload_policy_set('solna')\n"
        "print('jsonschema' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert first.stdout.strip() == "True"  # validated in full the first time
    assert second.stdout.strip() == "False"  # and remembered
    files = len(load_policy_set("solna", use_cache=False).files)  # profile, policies, context and rule files
    assert len(list((tmp_path / "cache" / "parsed").glob("*.json"))) == files


def test_an_edited_file_is_validated_again_despite_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "rules").mkdir()
    rules = tmp_path / "rules" / "kommunallagen.yaml"
    good = (ROOT / "rules" / "kommunallagen.yaml").read_text(encoding="utf-8")
    rules.write_text(good, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    load_policy_set(tmp_path)
    rules.write_text(good.replace("severity: notering", "severity: minor"), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy_set(tmp_path)
    assert "'minor' is not allowed" in info.value.problems[0].message


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(blocker / "cache"))
    assert load_policy_set("generic").profile_id == "generic"


# --------------------------------------------------------------------------- entries that are not trusted


def invalid_profile(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    """A profile folder whose rule file breaks its schema: (rule file, its bytes, the valid original)."""
    (tmp_path / "rules").mkdir(parents=True)
    good = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    bad = good.replace(b"severity: notering", b"severity: minor")
    assert bad != good
    rules = tmp_path / "rules" / "kommunallagen.yaml"
    rules.write_bytes(bad)
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    return rules, bad, good


def assert_rejected(profile: Path) -> None:
    with pytest.raises(PolicyError) as info:
        load_policy_set(profile)
    assert any("'minor' is not allowed" in p.message for p in info.value.problems)


def old_marker_key(raw: bytes, schema_name: str) -> str:
    """The key the previous cache gave a bare marker file (version, schema name, schema digest, bytes)."""
    digest = hashlib.sha256((ROOT / "checker" / "schemas" / f"{schema_name}.schema.json").read_bytes()).hexdigest()
    h = hashlib.sha256(f"{__version__}\0{schema_name}\0{digest}\0".encode())
    h.update(raw)
    return h.hexdigest()


def test_a_bare_marker_for_an_invalid_file_does_not_let_it_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    _, bad, _ = invalid_profile(tmp_path / "p")
    for folder in ("validated", "parsed"):
        (tmp_path / "cache" / folder).mkdir(parents=True, mode=0o700)
        (tmp_path / "cache" / folder / old_marker_key(bad, "rules")).touch()  # as an older build wrote it
    (tmp_path / "cache" / "parsed" / f"{cache_key(bad, 'rules')}.json").touch()  # empty, under today's key
    assert_rejected(tmp_path / "p")


def test_a_planted_entry_that_names_another_key_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    _, bad, good = invalid_profile(tmp_path / "p")
    folder = tmp_path / "cache" / "parsed"
    folder.mkdir(parents=True, mode=0o700)
    entry = cache_entry(cache_key(good, "rules"), parse_yaml_bytes(good, "rules"))  # intact, for the valid file
    assert entry is not None
    (folder / f"{cache_key(bad, 'rules')}.json").write_bytes(entry)
    assert_rejected(tmp_path / "p")


def test_an_entry_of_another_cache_format_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    _, bad, good = invalid_profile(tmp_path / "p")
    folder = tmp_path / "cache" / "parsed"
    folder.mkdir(parents=True, mode=0o700)
    key = cache_key(bad, "rules")
    entry = cache_entry(key, parse_yaml_bytes(good, "rules"))
    assert entry is not None
    head, _, body = entry.partition(b"\n")
    older = {**json.loads(head), "format": "council-checker parsed-file cache 2"}
    (folder / f"{key}.json").write_bytes(json.dumps(older).encode() + b"\n" + body)
    assert_rejected(tmp_path / "p")


@pytest.mark.parametrize("who", ["folder", "entry"])
def test_an_entry_that_others_may_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    _, bad, good = invalid_profile(tmp_path / "p")
    folder = tmp_path / "cache" / "parsed"
    folder.mkdir(parents=True, mode=0o700)
    key = cache_key(bad, "rules")  # a well-formed entry with the right key, as anyone could write it
    path = folder / f"{key}.json"
    path.write_bytes(cache_entry(key, parse_yaml_bytes(good, "rules")) or b"")
    os.chmod(folder if who == "folder" else path, 0o777 if who == "folder" else 0o666)
    assert_rejected(tmp_path / "p")


def test_the_cache_holds_the_parsed_content_under_its_own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    load_policy_set("generic")
    raw = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    head, _, body = (tmp_path / "cache" / "parsed" / f"{cache_key(raw, 'rules')}.json").read_bytes().partition(b"\n")
    header = json.loads(head)
    assert header == {
        "format": CACHE_FORMAT,
        "key": cache_key(raw, "rules"),
        "length": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    assert json.loads(body) == parse_yaml_bytes(raw, "rules")
    assert oct((tmp_path / "cache" / "parsed").stat().st_mode & 0o777) == "0o700"


def test_a_torn_entry_is_parsed_again_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    first = load_policy_set("generic")
    raw = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    path = tmp_path / "cache" / "parsed" / f"{cache_key(raw, 'rules')}.json"
    path.write_bytes(path.read_bytes()[:100])  # a write cut short
    again = load_policy_set("generic")
    assert [r.doc for r in again.rules] == [r.doc for r in first.rules]
    assert json.loads(path.read_bytes().partition(b"\n")[0])["key"] == cache_key(raw, "rules")


def test_the_key_changes_with_the_schema_the_jsonschema_version_and_the_bytes() -> None:
    raw = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    assert cache_key(raw, "rules") != cache_key(raw + b"\n", "rules")
    assert cache_key(raw, "rules") != cache_key(raw, "policy")
    from checker import load

    load._jsonschema_version.cache_clear()
    try:
        real = cache_key(raw, "rules")
        load._jsonschema_version.cache_clear()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(load, "dist_version", lambda module, dist: "0.0-other")
            assert cache_key(raw, "rules") != real
    finally:
        load._jsonschema_version.cache_clear()


# --------------------------------------------------------------------------- damaged entries under the right key
# The key is right (the files did not change), the content is not what was written: the check must not fail,
# must give the same bytes as with a sound cache, and must leave sound entries behind.

MOTION = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"


def run_check(cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {"COUNCIL_CHECKER_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache)}
    code = "import sys\nfrom checker.cli import main\nsys.exit(main())"
    argv = [sys.executable, "-c", code, "check", str(MOTION), "--format", "json"]
    return subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=False)


def _truncated(entry: bytes) -> bytes:
    return entry[: len(entry) // 2]


def _altered(entry: bytes) -> bytes:  # one character of the content changed, the JSON still well-formed
    head, _, body = entry.partition(b"\n")
    at = body.index(b'"') + 1  # the first character of the first text in it
    return head + b"\n" + body[:at] + (b"Y" if body[at : at + 1] != b"Y" else b"Z") + body[at + 1 :]


def _retyped(entry: bytes) -> bytes:  # the header of the real content, then content of another type
    return entry.partition(b"\n")[0] + b"\n" + b'[1, "two", null]'


def _pickled(entry: bytes) -> bytes:  # what a pickle-based cache would have left there
    import pickle

    return pickle.dumps({"content": json.loads(entry.partition(b"\n")[2])})


def _not_utf8(entry: bytes) -> bytes:
    head, _, body = entry.partition(b"\n")
    return head + b"\n" + b"\xff\xfe" + body[2:]


def _old_format(entry: bytes) -> bytes:  # one JSON object, as the previous cache format wrote it
    head, _, body = entry.partition(b"\n")
    return json.dumps({**json.loads(head), "content": json.loads(body)}).encode()


@pytest.mark.parametrize(
    "damage",
    [_truncated, _altered, _retyped, _pickled, _not_utf8, _old_format, lambda entry: b""],
    ids=lambda f: f.__name__,
)
def test_every_damaged_entry_is_parsed_again_from_its_file_with_the_same_verdict(tmp_path: Path, damage: Any) -> None:
    cache = tmp_path / "cache"
    first = run_check(cache)
    assert first.returncode == 1, first.stderr.decode()
    entries = sorted((cache / "parsed").glob("*.json"))
    sound = {p: p.read_bytes() for p in entries}
    assert len(sound) > 10  # profile, policies, context, rules, lexicons, legal word lists
    for p, entry in sound.items():
        p.write_bytes(damage(entry))
    again = run_check(cache)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert {p: p.read_bytes() for p in entries} == sound  # each entry written again as it was


def plant(key: str, content: Any, cache: Path) -> None:
    """An intact entry (its header's digest matches) whose content is not what the file gives."""
    entry = cache_entry(key, content)
    assert entry is not None
    (cache / "parsed").mkdir(parents=True, exist_ok=True, mode=0o700)
    (cache / "parsed" / f"{key}.json").write_bytes(entry)


RULES_RAW = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()


@pytest.mark.parametrize(
    "content",
    [
        {},
        {"rules": 7},
        {"rules": [{"id": 1}]},
        {"source": "x", "rules": [{"id": "KL-X", "cites": ["kl/no-such-clause"], "cases": []}]},
    ],
    ids=["empty", "rules-not-a-list", "rule-without-fields", "cites-a-missing-clause"],
)
def test_an_intact_entry_the_loader_cannot_use_is_replaced_by_the_files_own_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: Any
) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    key = cache_key(RULES_RAW, "rules")
    plant(key, content, tmp_path / "cache")
    loaded = load_policy_set("generic")
    assert [r.doc for r in loaded.rules] == [r.doc for r in load_policy_set("generic", use_cache=False).rules]
    assert json.loads((tmp_path / "cache" / "parsed" / f"{key}.json").read_bytes().partition(b"\n")[2]) == (
        parse_yaml_bytes(RULES_RAW, "rules")
    )


def test_a_failing_load_is_not_retried_when_nothing_came_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    from checker import load

    calls: list[bool] = []
    real = load._load_policy_set

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["read_cache"])
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "_load_policy_set", counted)
    _, _, _ = invalid_profile(tmp_path / "p")
    assert_rejected(tmp_path / "p")  # the profile itself is cached after the first load, the rule file never is
    assert_rejected(tmp_path / "p")
    assert calls == [True, True, False]


def test_a_cached_legal_word_list_that_does_not_compile_is_read_from_its_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_check(cache)
    from checker.extraction.legal import PATTERN_FILE, _checked_key
    from checker.extraction.lexicon import DATA

    raw = (DATA / PATTERN_FILE).read_bytes()
    key = _checked_key(raw)
    assert key is not None
    path = cache / "parsed" / f"{key}.json"
    sound = path.read_bytes()
    data = json.loads(sound.partition(b"\n")[2])
    for entry in data.values():
        entry["any_of"] = ["(unclosed", *entry["any_of"]]  # every list: whichever a motion reads first
    plant(key, data, cache)
    again = run_check(cache)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert path.read_bytes() == sound


def test_a_cached_lexicon_that_is_not_a_mapping_is_read_from_its_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_check(cache)
    from checker.extraction.lexicon import DATA

    key = cache_key((DATA / "cues.yaml").read_bytes(), "data:cues.yaml")
    sound = (cache / "parsed" / f"{key}.json").read_bytes()
    plant(key, ["not", "a", "mapping"], cache)
    again = run_check(cache)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert (cache / "parsed" / f"{key}.json").read_bytes() == sound


def test_a_cached_serializer_schema_pydantic_refuses_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.models import Evidence, _serializer_key, json_adapter

    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    evidence = Evidence(quote="Kommunen ska", start=0, end=12)
    want = json_adapter(Evidence).dump_json(evidence)
    plant(_serializer_key(Evidence), {"type": "no-such-schema-type"}, tmp_path / "cache")
    assert json_adapter(Evidence).dump_json(evidence) == want


def test_a_missing_cache_folder_is_made_and_filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "not" / "yet" / "there"))
    assert load_policy_set("generic").profile_id == "generic"
    assert list((tmp_path / "not" / "yet" / "there" / "parsed").glob("*.json"))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder_with_a_damaged_entry_still_checks(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_check(cache)
    for p in (cache / "parsed").glob("*.json"):
        p.write_bytes(_truncated(p.read_bytes()))
    os.chmod(cache / "parsed", 0o500)
    try:
        again = run_check(cache)
    finally:
        os.chmod(cache / "parsed", 0o700)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)


def test_the_engine_plans_key_describes_the_code_as_imported_not_the_files_as_edited_since(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process started before its sources were edited must not store its plan under the edited code's key."""
    from checker import engine, facts, load

    policy_set = load_policy_set("solna")
    params = policy_set.profile_values()
    before = engine._plan_key(policy_set, params)
    sources = load.source_digest(engine.__file__, facts.__file__)

    def edited(_path: object) -> bytes:  # every source file reads differently now
        return b"edited after import"

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert load.source_digest(engine.__file__, facts.__file__) != sources  # a read now sees the edit
    assert engine._plan_key(policy_set, params) == before
    assert sys.version in engine._COMPILING_CODE  # names folded by another Unicode version: another key
