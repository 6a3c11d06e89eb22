"""How findings become a recommendation and words: exceptions, per-att-sats decisions, dates, profiles."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from checker.api import Checker
from checker.errors import CheckerError
from checker.factsfile import facts_from_mapping
from checker.verdict import build_verdict

from .conftest import EXAMPLES, ROOT, run_cli

AS_OF = dt.date(2025, 8, 14)


def verdict_for(checker: Checker, values: dict[str, object]):  # type: ignore[no-untyped-def]
    facts = facts_from_mapping(values, checker.policy_set.context)
    return build_verdict(checker.policy_set, checker.engine, facts, as_of=AS_OF)


# What an answered motion must also settle: no open legal question may hide behind "besvarad".
NO_LEGAL_QUESTION = {
    "is_motion": True,  # the text was read as a motion (rules/lasbarhet.yaml)
    "foreign_policy_kinds": [],
    "individual_business_support": False,
    "favours_group": False,
    "arbitrary_ground": False,
    "special_law_basis": [],
}


def finding(verdict, rule_id: str):  # type: ignore[no-untyped-def]
    return next(f for f in verdict.findings if f.rule_id == rule_id)


def test_stated_exceptional_grounds_are_described_without_contradicting_them(generic: Checker) -> None:
    v = verdict_for(generic, {"individual_business_support": True, "exceptional_grounds": True})
    f = finding(v, "KL-NARINGSSTOD")
    assert f.outcome == "needs_review"
    assert "Förslaget anger synnerliga skäl" in f.message
    assert "inga sådana skäl" not in f.message


def test_unknown_exceptional_grounds_are_named_as_what_is_not_stated(generic: Checker) -> None:
    v = verdict_for(generic, {"individual_business_support": True})
    f = finding(v, "KL-NARINGSSTOD")
    assert f.outcome == "needs_review"
    assert f.message.endswith("det inte framgår: synnerliga skäl anges och stöd i särskild lag (lag 2009:47).")
    assert f.question == "Finns det synnerliga skäl för ett individuellt inriktat stöd, och vilka är de?"


def test_a_guideline_departure_is_not_answered_away_by_something_that_already_exists(solna: Checker) -> None:
    v = verdict_for(
        solna,
        {
            "networks_requested": ["Eurocities"],
            "cooperation_kinds": ["network_membership", "friendship_agreement"],
            "partner_places": ["Kisumu"],
            "themes": ["culture"],
            "local_benefit": True,
            "foreign_policy_stance": False,
        },
    )
    assert v.recommendation == "avslå"
    assert {"SOL-EUROPA", "SOL-VANSKAPSAVTAL"} <= set(v.grounds)
    assert finding(v, "SOL-FINNS-REDAN").outcome == "violation"  # still reported


def test_joining_a_network_the_city_belongs_to_is_answered_whatever_its_theme(solna: Checker) -> None:
    v = verdict_for(
        solna,
        {
            "networks_requested": ["Efus"],
            "action_kinds": ["join"],
            "cooperation_kinds": ["network_membership"],
            "partner_places": [],
            "themes": ["security_safety"],
            "local_benefit": True,
            "foreign_policy_stance": False,
            **NO_LEGAL_QUESTION,
        },
    )
    assert v.recommendation == "besvarad"
    assert v.decision == "Kommunstyrelsen föreslår kommunfullmäktige besluta att anse motionen besvarad."


def test_review_summary_asks_the_open_questions_instead_of_stating_findings(generic: Checker) -> None:
    v = verdict_for(
        generic,
        {"cooperation_kinds": ["friendship_agreement"], "partner_places": ["Kenya"], "foreign_policy_stance": False},
    )
    assert v.recommendation == "granska"
    assert "Vilken nytta ger förslaget kommunens invånare, verksamheter eller näringsliv?" in v.summary
    assert "saknar angiven anknytning" not in v.summary


def test_an_as_of_date_before_the_rules_took_effect_is_refused_not_approved() -> None:
    proc = run_cli("check", str(EXAMPLES / "solna-taiwan-2025" / "motion.txt"), "--as-of", "2009-01-01")
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == (
        "--as-of: profilens regler gäller från 2018-01-01; 2009-01-01 kan inte bedömas mot dem – "
        "välj ett datum från och med 2018-01-01"
    )
    assert proc.stdout == b""


def test_declared_facts_also_decide_each_att_sats(solna: Checker, tmp_path: Path) -> None:
    facts = tmp_path / "fakta.yaml"
    facts.write_text(
        "facts:\n  foreign_policy_stance: {value: false}\n  foreign_policy_kinds: {value: []}\n", encoding="utf-8"
    )
    declared, _ = __import__("checker.factsfile", fromlist=["x"]).load_facts_file(facts, solna.policy_set.context)
    v = solna.check(EXAMPLES / "solna-taiwan-2025" / "motion.txt", as_of=AS_OF, declared=declared)
    assert "KL-UTRIKES" not in v.grounds
    for sats in v.att_satser:
        assert "KL-UTRIKES" not in sats.grounds


def test_a_split_decision_never_contradicts_the_whole_motion(solna: Checker) -> None:
    v = solna.check(EXAMPLES / "solna-kallkritik-uttalande" / "motion.txt", as_of=AS_OF)
    recs = [a.recommendation for a in v.att_satser]
    assert recs == ["bifalla", "avslå"]
    assert v.recommendation == "avslå"
    assert v.decision == (
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att bifalla motionens första "
        "att-sats och avslå motionens andra att-sats."
    )


def test_a_local_folder_named_like_a_bundled_profile_does_not_shadow_it(tmp_path: Path) -> None:
    (tmp_path / "solna").mkdir()
    proc = run_cli("check", str(EXAMPLES / "solna-taiwan-2025" / "facts.yaml"), "--as-of", "2025-08-14", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()


def test_the_same_user_profile_gives_the_same_bytes_wherever_it_is_stored(tmp_path: Path) -> None:
    outputs = []
    for where in ("a", "b/c"):
        folder = tmp_path / where / "profil"
        shutil.copytree(EXAMPLES / "profil-exempelkommun", folder)
        proc = run_cli(
            "check",
            str(EXAMPLES / "profil-exempelkommun" / "motion.txt"),
            "--profile",
            str(folder),
            "--as-of",
            "2026-03-01",
            "--format",
            "json",
        )
        outputs.append(proc.stdout)
        files = json.loads(proc.stdout)["provenance"]["files"]
        assert "profile:rules/riktlinje-internationellt.yaml" in files and "rules/kommunallagen.yaml" in files
    assert outputs[0] == outputs[1]


def test_decomposed_unicode_in_a_facts_file_is_normalised(solna: Checker, tmp_path: Path) -> None:
    text = "facts:\n  partner_places: {value: [Österrike]}\n  networks_requested: {value: [Eurocities]}\n"
    path = tmp_path / "nfd.yaml"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    v = solna.check(path, as_of=AS_OF)
    places = next(f for f in v.facts if f.name == "partner_places")
    assert places.value[0]["country_code"] == "AT"


def test_a_place_whose_continent_is_unknown_is_never_judged_inside_europe(solna: Checker) -> None:
    v = verdict_for(
        solna,
        {
            "cooperation_kinds": ["concrete_project"],
            "partner_places": [{"name": "Atlantis", "kind": "city"}],
            "themes": ["culture"],
        },
    )
    assert finding(v, "SOL-EUROPA").outcome == "needs_review"
    assert v.recommendation != "bifalla"


def test_library_api_refuses_a_date_with_no_rule_in_force(generic: Checker) -> None:
    with pytest.raises(CheckerError) as info:
        build_verdict(generic.policy_set, generic.engine, {}, as_of=dt.date(2001, 1, 1))
    assert info.value.exit_code == 2


def test_readme_documents_every_cli_command() -> None:
    from checker.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"council-check {name}" in readme, name


def test_a_boycott_judged_before_the_current_act_took_effect_is_refused_not_approved(tmp_path: Path) -> None:
    motion = tmp_path / "bojkott.txt"
    motion.write_text(
        "Motion om bojkott\n\natt kommunen bojkottar varor från Israel.\n\nAnna Ek (V)\n", encoding="utf-8"
    )
    proc = run_cli("check", str(motion), "--profile", "generic", "--as-of", "2012-01-01")
    assert proc.returncode == 2
    assert "gäller från 2018-01-01" in proc.stderr.decode()


def test_a_name_in_a_rule_matches_a_place_whatever_its_case(tmp_path: Path) -> None:
    from checker.engine import Engine
    from checker.load import load_policy_set

    rules = (ROOT / "rules" / "kommunallagen.yaml").read_text(encoding="utf-8")
    extra = """
  - id: X-NAMN
    title: {sv: En testregel som känner igen en ort på dess namn, en: A test rule that knows a place by its name}
    concern: local-connection
    severity: notering
    cites: [kl/2-1]
    in_force_from: 2018-01-01
    violation_when:
      any:
        - {fact: partner_places, any_item: {field: name, in: [gladsaxe]}}
        - {fact: partner_places, any_item: {field: key, is: GLADSAXE}}
    message: {sv: Orten känns igen på sitt namn.}
    pass_message: {sv: Orten är en annan.}
    remedy: {sv: Ingen åtgärd behövs.}
    cases:
      - {name: Gladsaxe känns igen oavsett skiftläge, facts: {partner_places: [Gladsaxe]}, expect: violation}
      - {name: En annan ort känns inte igen, facts: {partner_places: [Pirkkala]}, expect: pass}
"""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "kommunallagen.yaml").write_text(rules + extra, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(
        "id: test\ntitle: Test\nmunicipality: Testkommun\npolicies: [kommunallagen, lag-2009-47, regeringsformen]\n"
        "rules: [kommunallagen]\n",
        encoding="utf-8",
    )
    from checker.casetest import run_cases

    ps = load_policy_set(tmp_path)
    results = [r for r in run_cases(ps, Engine(ps)) if r.rule_id == "X-NAMN"]
    assert [r.ok for r in results] == [True, True], results


def test_staden_as_the_subject_is_the_municipality_not_another_att_satss_partner(
    solna: Checker, tmp_path: Path
) -> None:
    motion = tmp_path / "motion.txt"
    motion.write_text(
        "Motion om internationellt samarbete\n\nSolna behöver nya kontakter.\n\n"
        "Jag föreslår därför kommunfullmäktige besluta\n\n"
        "att Solna tecknar ett vänortsavtal med Nairobi i Kenya,\n\n"
        "att staden går med i nätverket Eurocities.\n\nAnna Ek (L)\n",
        encoding="utf-8",
    )
    v = solna.check(motion, as_of=AS_OF)
    assert [a.recommendation for a in v.att_satser] == ["avslå", "besvarad"]
    assert v.decision == (
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionens första att-sats "
        "och anse motionens andra att-sats besvarad."
    )
