"""Value given to a trade that is mostly carried on as one's own business (taxi drivers, commercial
fishers, farmers, craftsmen, sole traders) is support to businesses as well as a benefit to a group of
members: a sole trader is a business. Beside the equal-treatment question, whether it is individually
targeted support to businesses (KL 2 kap. 8 §) must be assessed, never passed. A group that carries on
no business (parents of small children, sport anglers) raises only the equal-treatment question. A
reduced rent or lease as an act ("halverar hyran", "sänker arrendet") is value given.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

TRADES = [
    "kommunen ger yrkesfiskare i kommunen ett bidrag till nya redskap",
    "kommunen betalar halva laddboxen för taxiförare som kör elbil",
    "kommunen ger ett flyttbidrag på 10 000 kronor till hantverkare som flyttar in i centrum",
    "kommunen sänker arrendet för mjölkbönder som betar kommunens naturmarker",
]


@pytest.mark.parametrize("att", TRADES)
def test_support_to_a_self_employed_trade_raises_the_business_support_question(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om stöd", "Näringen behöver hjälp att ställa om.", att + "."))
    assert fact(v, "individual_business_support") == "unknown"
    assert "KL-NARINGSSTOD" in raised(v)
    assert v.recommendation != "bifalla"


NOT_TRADES = [
    "kommunen ger ett bidrag till småbarnsföräldrar som går på föräldrakurs",
    "kommunen ger sportfiskare gratis fiskekort i kommunens sjöar",
]


@pytest.mark.parametrize("att", NOT_TRADES)
def test_support_to_a_group_without_a_trade_is_no_business_support(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om stöd", "Gruppen behöver hjälp.", att + "."))
    assert fact(v, "individual_business_support") is False
    assert "KL-NARINGSSTOD" not in raised(v)


def test_halving_a_named_shops_rent_is_support_to_that_business(generic: Checker) -> None:
    att = "kommunen halverar hyran för butiken på Byvägen."
    v = check(generic, motion("Motion om butiken", "Butiken behövs i byn.", att))
    assert fact(v, "individual_business_support") is True
    assert v.recommendation == "avslå"
