"""The validation cache: an unchanged policy set skips schema validation; any edit is validated again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import PolicyError
from checker.load import load_policy_set

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
    assert len(list((tmp_path / "cache" / "validated").iterdir())) == files


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
