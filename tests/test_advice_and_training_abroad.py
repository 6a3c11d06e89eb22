"""Advice and training that the municipality's staff give abroad are international aid in the form lag
(2009:47) 5 kap. names first (advice_training), whether or not the motion uses an aid word: the verb
("utbildar", "handleder", "delar med sig av sin kunskap") says it as well as the noun. Aid in that form
is exempt from the local-connection requirement (1 kap. 2 §), so KL-ANKNYTNING asks nothing. Staff being
trained ("utbildas") and training of the municipality's own staff are no aid.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

ADVICE_ABROAD = [
    "kommunens ingenjörer utbildar kollegor i Moldavien i avloppsrening",
    "kommunens socialsekreterare handleder socialarbetare i Ukraina",
    "räddningstjänsten delar med sig av sin kunskap om brandskydd till brandkåren i Georgien",
]


@pytest.mark.parametrize("att", ADVICE_ABROAD)
def test_advice_and_training_given_abroad_is_aid_in_a_lawful_form(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kunskapsstöd", "Kommunen har kunnande som andra behöver.", att + "."))
    assert "development_aid" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    assert fact(v, "aid_forms") == ["advice_training"]
    assert "KL-ANKNYTNING" not in raised(v)


NOT_AID = [
    "kommunen utbildar sin personal i hjärt- och lungräddning",
    "kommunens lärare utbildas i läsdidaktik av en finsk expert",
]


@pytest.mark.parametrize("att", NOT_AID)
def test_training_of_the_municipalitys_own_staff_is_no_aid(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om fortbildning", "Personalen behöver mer kunskap.", att + "."))
    assert "development_aid" not in (fact(v, "cooperation_kinds") or [])  # type: ignore[operator]
