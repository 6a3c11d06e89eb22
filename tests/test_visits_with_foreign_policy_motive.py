"""A trip, study visit or delegation abroad is, for the municipality's own work, no cooperation and
raises no international question. When the motion states a foreign-policy purpose for it (solidarity
with a people against its state, support for one state against another), the visit is international
action like any other with such a motive: the foreign-policy question is raised (KL-UTRIKES-MOTIV, or
KL-UTRIKES for solidarity read as the basis of a cooperation), never a silent bifalla.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

FOREIGN_POLICY_VISITS = [
    ("Burmas militärjunta förföljer oppositionen och vi vill visa att vi står på folkets sida mot juntan.",
     "en grupp fullmäktigeledamöter gör en studieresa till Rangoon"),
    ("Vi vill visa vårt stöd för Armenien mot Azerbajdzjans angrepp.",
     "kommunstyrelsens presidium gör ett besök i Jerevan"),
    ("Vi fördömer Kubas förföljelse av de oberoende journalisterna.",
     "kommunen anordnar ett studiebesök på Kuba för kommunens politiker"),
    ("Det är viktigt att visa solidaritet med Georgien mot Rysslands ockupation.",
     "kommunen skickar en delegation till Tbilisi"),
]  # fmt: skip


@pytest.mark.parametrize(("reasons", "att"), FOREIGN_POLICY_VISITS)
def test_a_visit_abroad_motivated_by_foreign_policy_raises_the_foreign_policy_question(
    generic: Checker, reasons: str, att: str
) -> None:
    v = check(generic, motion("Motion om en resa", reasons, att + "."))
    assert fact(v, "foreign_policy_stance") is True
    assert raised(v) & {"KL-UTRIKES", "KL-UTRIKES-MOTIV"}
    assert v.recommendation != "bifalla"


def test_a_study_visit_for_the_municipalitys_own_work_stays_without_a_cooperation(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            "Motion om cykelplanering",
            "Staden behöver lära sig mer om säkra korsningar för cyklister.",
            "trafiknämnden gör en studieresa till Utrecht inför den nya cykelplanen.",
        ),
    )
    assert fact(v, "cooperation_kinds") == []
    assert v.recommendation == "bifalla"


def test_a_study_visit_with_nothing_of_foreign_policy_is_not_read_as_an_exchange(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            "Motion om skolutveckling",
            "Skolorna behöver nya idéer om läsning.",
            "rektorerna gör ett studiebesök i Tammerfors.",
        ),
    )
    assert "exchange" not in (fact(v, "cooperation_kinds") or [])
    assert not raised(v) & {"KL-UTRIKES", "KL-UTRIKES-MOTIV"}


def test_the_att_sats_of_a_visit_motivated_in_the_reasons_is_not_approved_on_its_own(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            "Motion om Armenien",
            "Vi vill visa vårt stöd för Armenien mot Azerbajdzjans angrepp.",
            "kommunen genomför en studieresa till Jerevan.",
            "kommunen bygger en ny lekplats i Centrum.",
        ),
    )
    visit, playground = v.att_satser
    assert "KL-UTRIKES-MOTIV" in visit.grounds
    assert visit.recommendation != "bifalla"
    assert playground.recommendation == "bifalla"
