"""Every rule's pass and fail cases (kept as data in rules/*.yaml) run through the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import Checker
from checker.casetest import run_cases
from checker.load import load_policy_set
from checker.models import CONCERNS

from .conftest import run_cli


@pytest.mark.parametrize("profile", ["solna", "generic"])
def test_every_rule_case_gives_its_expected_outcome(profile: str, solna: Checker, generic: Checker) -> None:
    checker = solna if profile == "solna" else generic
    results = run_cases(checker.policy_set, checker.engine)
    failures = [
        f"{r.rule_id}: {r.name}: expected {r.expected}, got {r.actual} {r.error or ''}" for r in results if not r.ok
    ]
    assert not failures, "\n".join(failures)
    assert len(results) >= 2 * len(checker.policy_set.rules)


def test_every_concern_the_policies_support_has_a_rule() -> None:
    concerns = {r.concern for r in load_policy_set("solna").rules}
    assert concerns == set(CONCERNS)  # the closed vocabulary, each with at least one rule


def test_generic_profile_has_only_statutory_rules() -> None:
    ps = load_policy_set("generic")
    statutory = (
        "rules/kommunallagen",
        "rules/myndighetsutovning",
        "rules/lag-2009-47",
        "rules/lou",
        "rules/eu-statsstod",
        "rules/lasbarhet",
    )
    assert all(r.file.startswith(statutory) for r in ps.rules)
    assert ps.context is None


def test_cli_test_command_runs_all_cases_and_reports_counts() -> None:
    proc = run_cli("test")
    out = proc.stdout.decode()
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert " passed, 0 failed " in out


def test_cli_test_command_fails_when_a_case_expects_the_wrong_outcome(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    text = (root / "rules" / "kommunallagen.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        """        facts: {favours_group: true, objective_reason_stated: true, special_law_basis: []}
        expect: needs_review""",
        """        facts: {favours_group: true, objective_reason_stated: true, special_law_basis: []}
        expect: pass""",
    )
    assert broken != text
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "kommunallagen.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(
        "id: test\ntitle: Test\nmunicipality: Testkommun\npolicies: [kommunallagen, lag-2009-47, regeringsformen]\n"
        "rules: [kommunallagen]\n",
        encoding="utf-8",
    )
    proc = run_cli("test", "--profile", str(tmp_path))
    assert proc.returncode == 1
    assert "FAIL KL-LIKSTALLIGHET" in proc.stdout.decode()
