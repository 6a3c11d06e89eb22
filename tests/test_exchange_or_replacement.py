""" "Utbyte" is an exchange with another party ("ett utbyte med Tammerfors", "utbyte av erfarenheter"),
or the replacement of something ("utbytet av gatubelysningen", "vid utbytet 2026"). A replacement is the
municipality's own work: no exchange, no international question.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

TITLE = "Motion om ett utbyte"


@pytest.mark.parametrize(
    "att",
    [
        "tekniska nämnden slutför utbytet av gatubelysningen till LED-armaturer under 2026.",
        "de gamla pumparna som blir över vid utbytet säljs på auktion.",
        "utbytet av bussflottan till elbussar tidigareläggs till 2027.",
    ],
)
def test_a_replacement_is_no_exchange(generic: Checker, att: str) -> None:
    v = check(generic, motion(TITLE, "Utrustningen är gammal och drar mycket energi.", att))
    assert fact(v, "cooperation_kinds") == []
    assert "cooperate" not in fact(v, "action_kinds")  # type: ignore[operator]
    assert "KL-ANKNYTNING" not in raised(v)
    assert v.recommendation == "bifalla"


@pytest.mark.parametrize(
    "att",
    [
        "kommunen inleder ett utbyte med Tammerfors om skolutveckling.",
        "skolorna inleder ett utbyte av erfarenheter med skolor i Tammerfors.",
    ],
)
def test_an_exchange_with_a_party_abroad_is_still_an_exchange(generic: Checker, att: str) -> None:
    v = check(generic, motion(TITLE, "Vi kan lära av andra.", att))
    assert "exchange" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    assert [p["country_code"] for p in fact(v, "partner_places")] == ["FI"]  # type: ignore[union-attr]
