"""Likställighetsprincipen (KL 2 kap. 3 §) read in two steps: a group favoured by place of residence,
membership or profession with no reason stated is a hinder (avslå); an age group with a reason of a
recognised kind passes; a reason for another kind of group, or an age group with no reason, is
weighed by the administration (granska). Short motions of the tests' own."""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised


def test_a_free_berth_for_the_residents_of_one_island_with_no_reason_is_asked_about(generic: Checker) -> None:
    text = motion(
        "Motion om båtplatser", "Sjön är en tillgång.", "boende på Ekön får gratis båtplats i kommunens småbåtshamn."
    )
    v = check(generic, text)
    assert fact(v, "favours_group") is True
    assert fact(v, "objective_reason_stated") is False
    assert fact(v, "group_by_age_or_scheme") is False
    # whether sakliga skäl exist is for the beredning to establish: a question, not an obstacle
    assert v.recommendation == "granska"
    assert "KL-LIKSTALLIGHET" in raised(v)
    finding = next(f for f in v.findings if f.rule_id == "KL-LIKSTALLIGHET")
    assert "skulle kunna upphävas" in finding.message
    assert "inte i sig olagligt" in finding.message
    assert "ska upphävas" not in finding.message


def test_a_discount_for_pensioners_motivated_by_low_incomes_passes(generic: Checker) -> None:
    text = motion(
        "Motion om badet",
        "Många pensionärer har låga inkomster, och regelbunden simning förebygger fallolyckor.",
        "pensionärer får halverad avgift i kommunens badhus.",
    )
    v = check(generic, text)
    assert fact(v, "favours_group") is True
    assert fact(v, "group_by_age_or_scheme") is True
    assert fact(v, "objective_reason_stated") is True
    assert v.recommendation == "bifalla"
    assert not {"KL-LIKSTALLIGHET", "KL-LIKSTALLIGHET-SKAL"} & raised(v)


def test_a_discount_for_pensioners_with_no_reason_is_weighed_not_rejected(generic: Checker) -> None:
    text = motion(
        "Motion om badet", "Badet ska vara välkomnande.", "pensionärer får halverad avgift i kommunens badhus."
    )
    v = check(generic, text)
    assert v.recommendation == "granska"
    assert raised(v) == {"KL-LIKSTALLIGHET-SKAL"}


def test_a_stated_need_for_children_of_one_district_is_weighed_not_passed(generic: Checker) -> None:
    text = motion(
        "Motion om lovaktiviteter",
        "Barnfattigdomen är hög och behovet av aktiviteter är stort i området.",
        "barn som bor i Norrby får gratis lovaktiviteter.",
    )
    v = check(generic, text)
    assert fact(v, "objective_reason_stated") is True
    assert fact(v, "group_by_age_or_scheme") is False
    assert v.recommendation == "granska"
    assert raised(v) == {"KL-LIKSTALLIGHET-SKAL"}
    finding = next(f for f in v.findings if f.rule_id == "KL-LIKSTALLIGHET-SKAL")
    assert finding.outcome == "needs_review"


def test_a_measure_for_everyone_raises_no_equal_treatment_question(generic: Checker) -> None:
    v = check(
        generic,
        motion("Motion om parkering", "Det behövs fler platser.", "kommunen bygger en parkering vid stationen."),
    )
    assert fact(v, "favours_group") is False
    assert not {"KL-LIKSTALLIGHET", "KL-LIKSTALLIGHET-SKAL"} & raised(v)


def test_a_reason_of_staff_supply_for_one_profession_is_weighed_not_rejected(generic: Checker) -> None:
    text = motion(
        "Motion om bostäder",
        "Kommunen har svårt att rekrytera sjuksköterskor till hemsjukvården.",
        "det kommunala bostadsbolaget ger nyanställda sjuksköterskor förtur i bostadskön.",
    )
    v = check(generic, text)
    assert fact(v, "objective_reason_stated") is True
    assert v.recommendation == "granska"
    assert raised(v) == {"KL-LIKSTALLIGHET-SKAL"}


def test_a_documented_risk_of_falls_for_pensioners_is_a_recognised_reason(generic: Checker) -> None:
    text = motion(
        "Motion om träning",
        "Fallolyckor är den vanligaste orsaken till att äldre skadas.",
        "pensionärer får gratis tillgång till kommunens gym för balansträning.",
    )
    v = check(generic, text)
    assert fact(v, "group_by_age_or_scheme") is True
    assert fact(v, "objective_reason_stated") is True
    assert v.recommendation == "bifalla"


def test_the_residents_of_the_whole_municipality_are_not_one_group_of_its_members(generic: Checker) -> None:
    text = motion(
        "Motion om resor",
        "Många äldre har långt till vårdcentralen sedan de slutat köra bil.",
        "kommunen erbjuder alla som är folkbokförda i Växjö och har fyllt 80 år ett avgiftsfritt busskort.",
    )
    v = check(generic, text)
    assert fact(v, "group_by_age_or_scheme") is True
    assert v.recommendation == "bifalla"


def test_a_discount_by_length_of_registration_in_the_municipality_is_rejected(generic: Checker) -> None:
    text = motion(
        "Motion om avgifter",
        "Trogna invånare ska uppmärksammas.",
        "de som har varit folkbokförda i Växjö kommun i minst tjugo år får halverad avgift i kulturskolan.",
    )
    v = check(generic, text)
    assert fact(v, "favours_group") is True
    assert fact(v, "arbitrary_ground") is True
    assert v.recommendation == "avslå"
    assert "KL-GODTYCKE" in raised(v)


def test_a_benefit_for_residents_of_a_district_for_a_trial_period_is_not_length_of_residence(generic: Checker) -> None:
    text = motion(
        "Motion om simskola",
        "Många barn i stadsdelen kan inte simma, och drunkningsrisken är stor vid sjön.",
        "barn som bor i Norrby får gratis simskola i 2 år som ett försök.",
    )
    v = check(generic, text)
    assert fact(v, "arbitrary_ground") is False
    assert "KL-GODTYCKE" not in raised(v)


def test_an_age_limit_is_not_read_as_a_plainly_arbitrary_criterion(generic: Checker) -> None:
    text = motion(
        "Motion om fria resor",
        "Många äldre blir isolerade när de inte längre kör bil. Fria resor gör det lättare att delta.",
        "alla invånare över 75 år får åka gratis med kommunens stadsbussar.",
    )
    v = check(generic, text)
    assert fact(v, "arbitrary_ground") is False
    assert "KL-GODTYCKE" not in raised(v)


def test_years_lived_in_the_municipality_are_a_plainly_arbitrary_criterion(generic: Checker) -> None:
    text = motion(
        "Motion om gratis årskort",
        "Trogna invånare ska uppmuntras.",
        "de som har bott i kommunen i minst 15 år får gratis årskort på kommunens gym.",
    )
    v = check(generic, text)
    assert fact(v, "arbitrary_ground") is True
    assert v.recommendation == "avslå"
    assert "KL-GODTYCKE" in raised(v)


@pytest.mark.parametrize(
    "att",
    [
        "medlemmar i Bergsjö Golfklubb får fritt inträde till kommunens utomhusbad.",
        "medlemmar i föreningen Sjöräddarna får hyra kommunens lokaler till halva ordinarie pris.",
    ],
)
def test_a_benefit_for_the_members_of_one_named_association_is_plainly_arbitrary(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om en förmån", "Föreningen gör mycket för orten.", att))
    assert fact(v, "arbitrary_ground") is True
    assert v.recommendation == "avslå"
    assert "KL-GODTYCKE" in raised(v)


def test_a_need_of_a_building_is_no_reason_for_favouring_a_group(generic: Checker) -> None:
    text = motion(
        "Motion om parkeringshuset",
        "Underhållsbehovet i parkeringshuset vid stationen är stort.",
        "pensionärer får parkera gratis i parkeringshuset.",
    )
    v = check(generic, text)
    assert fact(v, "objective_reason_stated") is False
    assert v.recommendation == "granska"


def test_a_care_need_of_the_group_is_a_reason(generic: Checker) -> None:
    text = motion(
        "Motion om färdtjänst",
        "Personer med stora omsorgsbehov har svårt att ta sig till vårdcentralen.",
        "pensionärer med färdtjänsttillstånd får åka gratis med stadsbussarna.",
    )
    v = check(generic, text)
    assert fact(v, "objective_reason_stated") is True
