"""A municipality, zone or region declared free of a weapon of war is a stance in security policy,
whatever the weapon (RÅ 1990 ref. 9 on a nuclear-weapon-free zone): the weapon is read as the first
part of a compound of "fri" through the lexicon (``<weapons>fri`` in cues.yaml), also in a suspended
compound. A place declared free of smoke, cars or fossil fuels is a local measure, not a stance.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from checker.extraction.lexicon import word_class
from checker.extraction.morphology import ends_in_class
from tests.motions import check, fact, motion, raised

WEAPON_FREE = [
    "Ånge kommun förklarar sig som en klusterammunitionsfri kommun",
    "regionfullmäktige förklarar regionen som en atombombsfri region",
    "kommunfullmäktige förklarar Hofors som en kemvapen- och minfri stad",
    "kommunen blir en landminfri kommun och meddelar regeringen detta",
    "kommunen förklarar sig klusterbombsfri",
    # the same written out: "fri från" a weapon of war
    "kommunen ska vara fri från kärnvapen",
    "Ljusdal förklaras som en zon fri från kemiska och biologiska vapen",
]


@pytest.mark.parametrize("att", WEAPON_FREE)
def test_a_place_declared_free_of_a_weapon_of_war_is_a_foreign_policy_stance(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om fred", "Vapnen dödar civila i hela världen.", att + "."))
    assert fact(v, "foreign_policy_stance") is True
    assert fact(v, "foreign_policy_kinds") == ["nuclear_free_zone"]
    assert fact(v, "operative_stance") is True
    assert "KL-UTRIKES" in raised(v)
    assert v.recommendation == "avslå"


LOCAL_FREE = [
    "kommunen förklarar Storgatan som en bilfri zon under sommaren",
    "kommunen förklarar sig som en rökfri kommun",
    "kommunen blir en fossilfri kommun till år 2035",
    "kommunen inrättar knivfria zoner kring skolorna tillsammans med polisen",
    "kommunen erbjuder glutenfri och laktosfri kost i alla skolor",
    "kommunens parker ska vara fria från kemiska bekämpningsmedel",
    "skolorna ska vara fria från vapen och knivar",
]


@pytest.mark.parametrize("att", LOCAL_FREE)
def test_a_place_declared_free_of_something_local_is_no_stance(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om en bättre miljö", "Invånarna vill ha en renare kommun.", att + "."))
    assert fact(v, "foreign_policy_stance") is False
    assert fact(v, "operative_stance") is False
    assert "KL-UTRIKES" not in raised(v)
    assert "take_position" not in v.readings[0].kinds


@pytest.mark.parametrize(
    "word", ["klusterbombsfri", "kärnvapenfria", "minfritt", "kryssningsrobotfri", "kemvapenfri", "atomvapenfria"]
)
def test_a_compound_of_fri_after_a_weapon_is_read_as_weapon_free(word: str) -> None:
    assert ends_in_class(word, "fri", word_class("weapons"))


@pytest.mark.parametrize(
    "word", ["vitaminfri", "rökfri", "skjutvapenfri", "kaminfri", "frivillig", "kärnvapenfrihet", "fri"]
)
def test_other_compounds_of_fri_and_words_with_fri_are_not_weapon_free(word: str) -> None:
    assert not ends_in_class(word, "fri", word_class("weapons"))
