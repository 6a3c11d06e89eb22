"""A municipality that works, pushes or lobbies for a matter only the state decides (unemployment
insurance, national taxes, criminal law, pensions, migration) handles a state matter (KL 2 kap. 2 §)
just as when the council demands it of the Government: the state need not be named. Working for the
conditions of the municipality's own task (a state grant for its elderly care) stays lawful, and so does
working for something of its own ("fler barn cyklar till skolan").

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

WORKS_FOR_STATE_MATTERS = [
    "kommunen verkar för att taket i a-kassan höjs",
    "kommunstyrelsen driver på för att straffen för rån skärps",
    "kommunen arbetar för att garantipensionen höjs",
    "kommunfullmäktige verkar för att momsen på livsmedel sänks",
    "kommunen påverkar beslutsfattarna för en stramare asylpolitik",
    "kommunen lobbar för att arbetslöshetsförsäkringen görs om",
]


@pytest.mark.parametrize("att", WORKS_FOR_STATE_MATTERS)
def test_working_for_a_matter_only_the_state_decides_is_a_state_matter(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om rättvisa villkor", "Många invånare har det svårt.", att + "."))
    assert fact(v, "state_matter") is True
    assert "KL-STATLIG" in raised(v)
    assert v.recommendation == "avslå"


OWN_TASKS = [
    "kommunen verkar för att staten höjer statsbidraget till kommunens äldreomsorg",
    "kommunen verkar för full ersättning från staten för mottagandet av nyanlända",
    "kommunen arbetar för att fler barn cyklar till skolan",
    "kommunen verkar för att det civila försvaret stärks",
    "kommunen verkar för att kulturskolan når fler elever",
]


@pytest.mark.parametrize("att", OWN_TASKS)
def test_working_for_the_municipalitys_own_tasks_is_no_state_matter(generic: Checker, att: str) -> None:
    reasons = "Kommunens verksamheter behöver bättre villkor."
    v = check(generic, motion("Motion om kommunens uppgifter", reasons, att + "."))
    assert fact(v, "state_matter") is not True
    assert "KL-STATLIG" not in raised(v)
    assert v.recommendation == "bifalla"
