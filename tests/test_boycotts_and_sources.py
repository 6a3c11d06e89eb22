"""What comes from a place abroad decides its role: people and ideas brought from it into the
municipality's own work are a source or a model; goods and energy no longer bought from a state are a
boycott of that state (kommunallagen 2 kap. 1-2 §§, LOU 4 kap. 1 §). Joining a network Solna already
belongs to is judged against the focus on Europe when it names a partner outside Europe. Short motions
of the tests' own."""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, motion, raised

BOYCOTTS = [
    "kommunens energibolag slutar köpa gas från Ryssland",
    "skolorna inte längre serverar vindruvor från Israel",
    "kommunen upphör med inköp av kaffe från Kina",
    "staden säger upp sina avtal med företag som har verksamhet i Belarus",
]


@pytest.mark.parametrize("att", BOYCOTTS)
def test_no_longer_buying_goods_from_a_state_is_a_boycott_of_it(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om inköp", "Vi vill markera mot regimen.", att + "."))
    assert v.recommendation == "avslå"
    assert "KL-UTRIKES" in raised(v)


@pytest.mark.parametrize(
    "att",
    [
        "kommunen slutar köpa engångsplast till skolornas matsalar",
        "kommunen säger upp avtalet med städbolaget och sköter städningen i egen regi",
        "kommunen hämtar idéer från Amsterdam till den nya cykelplanen",
        "tekniska nämnden bjuder in gatuplanerare från Köpenhamn till arbetet med trafikplanen",
    ],
)
def test_local_purchases_and_ideas_from_abroad_raise_no_international_question(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kommunens arbete", "Vi kan bli bättre.", att + "."))
    assert v.recommendation == "bifalla"
    assert not {"KL-UTRIKES", "KL-ANKNYTNING", "LOU-URSPRUNG"} & raised(v)


def test_joining_a_network_solna_belongs_to_with_a_partner_outside_europe_departs_from_the_focus(
    solna: Checker,
) -> None:
    att = "staden går med i Efus för att tillsammans med Bogotá arbeta med trygghet i stadsdelarna"
    v = check(solna, motion("Motion om trygghet", "Bogotá har minskat våldet kraftigt.", att + ".", town="Solna"))
    europe = next(f for f in v.findings if f.rule_id == "SOL-EUROPA")
    assert europe.outcome != "pass"
