"""The parsed-file cache: an unchanged policy set loads from its parsed, validated content; any edit, and
any entry the loader cannot trust, is parsed and validated again in full."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import __version__
from checker.errors import PolicyError
from checker.load import CACHE_FORMAT, cache_key, load_policy_set, parse_yaml_bytes

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
    valid_content = parse_yaml_bytes(good, "rules")
    entry = {"format": CACHE_FORMAT, "key": cache_key(good, "rules"), "content": valid_content}
    (folder / f"{cache_key(bad, 'rules')}.json").write_text(json.dumps(entry), encoding="utf-8")
    assert_rejected(tmp_path / "p")


def test_an_entry_of_another_cache_format_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    _, bad, good = invalid_profile(tmp_path / "p")
    folder = tmp_path / "cache" / "parsed"
    folder.mkdir(parents=True, mode=0o700)
    key = cache_key(bad, "rules")
    entry = {"format": "council-checker parsed-file cache 1", "key": key, "content": parse_yaml_bytes(good, "rules")}
    (folder / f"{key}.json").write_text(json.dumps(entry), encoding="utf-8")
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
    path.write_text(
        json.dumps({"format": CACHE_FORMAT, "key": key, "content": parse_yaml_bytes(good, "rules")}), encoding="utf-8"
    )
    os.chmod(folder if who == "folder" else path, 0o777 if who == "folder" else 0o666)
    assert_rejected(tmp_path / "p")


def test_the_cache_holds_the_parsed_content_under_its_own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    load_policy_set("generic")
    raw = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    entry = json.loads((tmp_path / "cache" / "parsed" / f"{cache_key(raw, 'rules')}.json").read_text(encoding="utf-8"))
    assert entry["format"] == CACHE_FORMAT
    assert entry["key"] == cache_key(raw, "rules")
    assert entry["content"] == parse_yaml_bytes(raw, "rules")
    assert oct((tmp_path / "cache" / "parsed").stat().st_mode & 0o777) == "0o700"


def test_a_torn_entry_is_parsed_again_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    first = load_policy_set("generic")
    raw = (ROOT / "rules" / "kommunallagen.yaml").read_bytes()
    path = tmp_path / "cache" / "parsed" / f"{cache_key(raw, 'rules')}.json"
    path.write_bytes(path.read_bytes()[:100])  # a write cut short
    again = load_policy_set("generic")
    assert [r.doc for r in again.rules] == [r.doc for r in first.rules]
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == cache_key(raw, "rules")


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
