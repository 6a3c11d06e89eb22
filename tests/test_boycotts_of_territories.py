"""Not buying goods from a territory named by its occupation or annexation, rather than by a state
("bosättningarna", "ockuperade områden", "utbrytarrepubliken"), is a boycott aimed abroad: a
foreign-policy stance (KL-UTRIKES), even with no state named. Not buying a kind of product, or the
municipality's own reception of newcomers ("bosättning av nyanlända"), is no boycott.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

TERRITORY_BOYCOTTS = [
    "kommunens kök inte köper dadlar från bosättningarna",
    "kommunen avstår från att köpa vin som framställts av bosättare",
    "kommunen inte köper in varor från ockuperat område",
    "kommunens upphandlingar utesluter företag som har fabriker i utbrytarrepubliken",
]


@pytest.mark.parametrize("att", TERRITORY_BOYCOTTS)
def test_not_buying_from_an_occupied_territory_is_a_boycott(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om etiska inköp", "Kommunen ska inte bidra till orätt.", att + "."))
    assert "boycott" in fact(v, "cooperation_kinds")  # type: ignore[operator]
    assert "KL-UTRIKES" in raised(v)
    assert v.recommendation == "avslå"


LOCAL_PURCHASES = [
    "kommunens kök inte köper produkter av engångsplast",
    "kommunen ordnar bosättning av fler nyanlända i egna lägenheter",
    "kommunens kök köper mer fisk från lokala fiskare",
]


@pytest.mark.parametrize("att", LOCAL_PURCHASES)
def test_a_purchase_rule_or_a_reception_of_newcomers_is_no_boycott(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kommunens inköp", "Kommunen ska handla klokt.", att + "."))
    assert "boycott" not in (fact(v, "cooperation_kinds") or [])  # type: ignore[operator]
    assert "KL-UTRIKES" not in raised(v)
