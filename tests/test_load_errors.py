"""Broken policy, rule and profile files: one line per problem (file, field, what is allowed), exit 4."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import PolicyError
from checker.load import load_policy_set

from .conftest import ROOT, run_cli

GOOD_RULES = (ROOT / "rules" / "kommunallagen.yaml").read_text(encoding="utf-8")
PROFILE = (
    "id: test\ntitle: Test\nmunicipality: Testkommun\n"
    "policies: [kommunallagen, lag-2009-47, regeringsformen]\nrules: [kommunallagen]\n"
)


def make_profile(tmp_path: Path, rules_text: str, profile: str = PROFILE) -> Path:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "kommunallagen.yaml").write_text(rules_text, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(profile, encoding="utf-8")
    return tmp_path


def validate_lines(folder: Path) -> tuple[int, list[str], str]:
    proc = run_cli("validate", "--profile", str(folder))
    err = proc.stderr.decode()
    # user files are shown with their full path; strip the temporary folder to compare
    return proc.returncode, [line.replace(f"{folder}/", "") for line in err.splitlines() if line], err


def test_user_profile_folder_reusing_bundled_statutes_validates(tmp_path: Path) -> None:
    code, lines, _ = validate_lines(make_profile(tmp_path, GOOD_RULES))
    assert code == 0, lines


def test_unknown_key_in_a_rule_names_file_field_and_allowed_keys(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace("    concern: business-support\n", "    concern: business-support\n    colour: red\n")
    code, lines, err = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert "Traceback" not in err
    assert len(lines) == 1
    assert lines[0].startswith("rules/kommunallagen.yaml: rules[2]: unexpected property 'colour'; allowed: ")
    assert "cites" in lines[0] and "violation_when" in lines[0]


def test_missing_citation_is_reported_as_a_required_field(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace("    cites: [kl/2-3, kl/1-5, kl/13-8, lag-2009-47/2-5, lag-2009-47/2-7]\n", "")
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert any("rules[3]" in line and "'cites' is a required property" in line for line in lines), lines


def test_citing_a_clause_that_does_not_exist_lists_the_clauses(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace(
        "cites: [kl/2-3, kl/1-5, kl/13-8, lag-2009-47/2-5, lag-2009-47/2-7]", "cites: [kl/2-99, kl/1-5]"
    )
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert lines == [lines[0]]
    assert "rules[3].cites[0]: 'kl/2-99': no clause '2-99' in kl; clauses: 1-5, 2-1, 2-2, 2-3" in lines[0]


def test_bad_yaml_gives_line_and_column(tmp_path: Path) -> None:
    code, lines, err = validate_lines(make_profile(tmp_path, GOOD_RULES + "\n  - id: [unclosed\n"))
    assert code == 4
    assert "Traceback" not in err
    assert len(lines) == 1
    assert lines[0].startswith("rules/kommunallagen.yaml: line ") and "invalid YAML" in lines[0]


def test_duplicate_key_is_refused_instead_of_silently_overwritten(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace(
        "    concern: equal-treatment\n", "    concern: equal-treatment\n    concern: foreign-policy\n"
    )
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert len(lines) == 1 and "duplicate key 'concern'" in lines[0], lines


def test_unknown_fact_in_a_condition_lists_the_declared_facts(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace(
        "        - {fact: favours_group, is: true}\n", "        - {fact: favours_groups, is: true}\n", 1
    )
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert len(lines) == 1
    assert (
        "rules[3].applies_when.any[0].fact: unknown fact 'favours_groups'; declared facts: partner_places" in lines[0]
    )


def test_unknown_enum_value_lists_the_allowed_values(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace(
        "- {fact: cooperation_kinds, contains: boycott,", "- {fact: cooperation_kinds, contains: boycot,"
    )
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert "'boycot' is not a value of 'cooperation_kinds'; allowed: friendship_agreement" in lines[0]


def test_several_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    broken = GOOD_RULES.replace(
        "cites: [kl/2-3, kl/1-5, kl/13-8, lag-2009-47/2-5, lag-2009-47/2-7]", "cites: [kl/2-99]"
    ).replace("    severity: notering\n", "    severity: minor\n", 1)
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert len(lines) == 1  # schema errors stop before cross-checks: the severity line comes first
    assert "rules[5].severity: 'minor' is not allowed; allowed: hinder, avvikelse, notering" in lines[0]


def test_rule_without_a_passing_case_is_refused(tmp_path: Path) -> None:
    start = GOOD_RULES.index("  - id: KL-LIKSTALLIGHET")
    end = GOOD_RULES.index("  - id: ", start + 1)
    block = GOOD_RULES[start:end].replace("expect: pass", "expect: needs_review")
    broken = GOOD_RULES[:start] + block + GOOD_RULES[end:]
    code, lines, _ = validate_lines(make_profile(tmp_path, broken))
    assert code == 4
    assert any("rules[3].cases: needs at least one passing case" in line for line in lines), lines


def test_unknown_bundled_profile_lists_the_available_ones() -> None:
    proc = run_cli("validate", "--profile", "narnia")
    assert proc.returncode == 4
    assert proc.stderr.decode().strip() == (
        "--profile: okänd profil 'narnia'; medföljande: generic, solna, eller ange sökvägen till en egen profilmapp"
    )


def test_broken_policy_clause_text_is_refused_in_the_library_api(tmp_path: Path) -> None:
    policy = (ROOT / "policies" / "kommunallagen.yaml").read_text(encoding="utf-8")
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "kommunallagen.yaml").write_text(
        policy.replace("verified: true\n", "verified: yes please\n", 1), encoding="utf-8"
    )
    make_profile(tmp_path, GOOD_RULES)
    with pytest.raises(PolicyError) as info:
        load_policy_set(tmp_path)
    assert [p.field for p in info.value.problems] == ["verified"]
    assert "is not of type 'boolean'" in info.value.problems[0].message


def test_rule_files_are_data_and_yaml_tags_cannot_execute_code(tmp_path: Path) -> None:
    evil = GOOD_RULES.replace("source: kl", "source: !!python/object/apply:os.system ['touch pwned']")
    code, lines, err = validate_lines(make_profile(tmp_path, evil))
    assert code == 4
    assert not (ROOT / "pwned").exists() and not (tmp_path / "pwned").exists()
    assert "invalid YAML" in lines[0] and "Traceback" not in err


@pytest.mark.parametrize("kind", ["folder", "link-loop", "dangling-link"])
def test_a_profiles_own_rule_file_that_cannot_be_read_is_reported_not_replaced_by_the_bundled_one(
    tmp_path: Path, kind: str
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    own = tmp_path / "rules" / "kommunallagen.yaml"
    if kind == "folder":
        own.mkdir()
    elif kind == "link-loop":
        own.symlink_to(own.name)
    else:
        own.symlink_to("saknas.yaml")
    code, lines, err = validate_lines(tmp_path)
    assert code == 4, err
    assert len(lines) == 1 and lines[0].startswith("rules/kommunallagen.yaml: cannot read file: "), lines
    assert "Traceback" not in err
