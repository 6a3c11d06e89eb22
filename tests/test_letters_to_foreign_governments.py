"""A letter of protest, or any letter, that the municipality sends to a foreign state's government is
a position taken towards that state (KL-UTRIKES), also when the state is named only by its
government's seat or mission ("Kreml", "Vita huset", "ambassaden") and the letter word ends a
compound ("protestbrevet"). A letter to a Swedish agency or to the residents is the municipality's
own business.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

TO_FOREIGN_GOVERNMENTS = [
    "kommunfullmäktige skickar ett protestbrev till Kreml om de politiska fångarna",
    "kommunstyrelsens ordförande överlämnar en protestskrivelse till Vita huset",
    "fullmäktige skickar ett brev till ambassaden med krav på att de fängslade journalisterna friges",
    "kommunen sänder ett öppet brev till Élyséepalatset",
]


@pytest.mark.parametrize("att", TO_FOREIGN_GOVERNMENTS)
def test_a_letter_to_a_foreign_government_seat_is_a_stance(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om ett brev", "Det som sker är djupt orättfärdigt.", att + "."))
    assert fact(v, "operative_stance") is True
    assert "KL-UTRIKES" in raised(v)
    assert v.recommendation == "avslå"


OWN_LETTERS = [
    "kommunen skickar ett brev till Trafikverket om bullret längs riksvägen",
    "kommunen skickar ett informationsbrev till alla hushåll om vattenavstängningen",
]


@pytest.mark.parametrize("att", OWN_LETTERS)
def test_a_letter_to_an_agency_or_to_the_residents_is_no_foreign_stance(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om information", "Invånarna behöver veta vad som händer.", att + "."))
    assert fact(v, "operative_stance") is False
    assert "KL-UTRIKES" not in raised(v)
