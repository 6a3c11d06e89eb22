"""A request to join a network the city already belongs to is answered (anse besvarad), and the
guideline's priority and Europe rules do not also judge it as a new cooperation; aid or a gift abroad
with no stance raises no foreign-policy question (lag 2009:47 5 kap. is the aid rule); the own-remit
note's title states no conclusion. Short motions of the tests' own."""

from __future__ import annotations

from checker.api import Checker
from tests.motions import check, fact, motion, raised

GUIDELINE_RULES = {"SOL-PRIORITERAT-OMRADE", "SOL-EUROPA", "SOL-VANSKAPSAVTAL"}


def test_joining_efus_to_exchange_experience_with_european_cities_is_answered(solna: Checker) -> None:
    text = motion(
        "Motion om trygghet",
        "Trygghetsarbetet i våra centrum behöver nya idéer.",
        "staden blir medlem i Efus för att utbyta erfarenheter om brottsförebyggande arbete med städer i Frankrike.",
        town="Solna",
    )
    v = check(solna, text)
    assert "exchange" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    assert v.recommendation == "besvarad"
    assert "SOL-FINNS-REDAN" in raised(v)
    assert not GUIDELINE_RULES & raised(v)
    priority = next(f for f in v.findings if f.rule_id == "SOL-PRIORITERAT-OMRADE")
    assert priority.outcome == "pass" and priority.exemption


def test_joining_eurocities_for_culture_is_answered_without_a_priority_question(solna: Checker) -> None:
    text = motion(
        "Motion om kultur", "Kultur för alla.", "Solna går med i Eurocities för att samarbeta om kultur.", town="Solna"
    )
    v = check(solna, text)
    assert v.recommendation == "besvarad"
    open_or_failed = {f.rule_id for f in v.findings if f.outcome in ("violation", "needs_review")}
    assert open_or_failed == {"SOL-FINNS-REDAN"}


def test_an_existing_network_beside_a_new_project_outside_the_priorities_is_still_judged(solna: Checker) -> None:
    text = motion(
        "Motion om kultur",
        "Kulturen stärker staden.",
        "Solna går med i Eurocities.",
        "staden inleder ett treårigt projekt om gatukonst med Bologna.",
        town="Solna",
    )
    v = check(solna, text)
    assert v.recommendation != "besvarad"


def test_surplus_beds_given_to_a_hospital_abroad_raise_no_foreign_policy_question(generic: Checker) -> None:
    text = motion(
        "Motion om vårdsängar",
        "Vårdboendet byter ut sina sängar under året.",
        "de sängar som vårdboendet inte längre behöver skänks till ett sjukhus i Moldavien.",
    )
    v = check(generic, text)
    assert fact(v, "foreign_policy_stance") is False
    assert "development_aid" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    foreign = {f.rule_id: f.outcome for f in v.findings if f.concern == "foreign-policy"}
    assert foreign and set(foreign.values()) == {"pass"}
    assert v.recommendation == "bifalla"


def test_money_to_aid_abroad_is_judged_by_the_aid_rule_not_as_foreign_policy(solna: Checker) -> None:
    text = motion(
        "Motion om stöd efter översvämningen",
        "Översvämningen har drabbat många familjer.",
        "staden lämnar ett bidrag på 300 000 kronor till återuppbyggnad av bostäder i Albanien.",
        town="Solna",
    )
    v = check(solna, text)
    assert v.recommendation == "avslå"
    assert "KL-UTRIKES" not in raised(v)
    assert {f.concern for f in v.findings if f.rule_id in raised(v)} == {"international-aid"}


def test_the_own_remit_note_is_titled_as_a_comparison_not_a_conclusion(solna: Checker) -> None:
    rule = next(r for r in solna.policy_set.rules if r.id == "KL-EGET-ANSVAR")
    title = rule.doc["title"]["sv"]
    assert rule.doc["severity"] == "notering"
    assert "ansvarsområde" in title
    assert "behöver inget" not in title and "ska" not in title.split()
