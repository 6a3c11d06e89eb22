"""A press release or news item that tells of a proposal is not the proposal: it reports in the third
person what a party or a person wants ("Partiet vill att kommunen …"), with the marks of a report
("Pressmeddelande", "meddelar att", "För mer information, kontakta …"). It is never approved: it gets
KL-FORSLAG (granska manuellt). A motion without att-satser whose writer proposes in the first person
is still read as a motion, contact details and all.

Every text here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import AS_OF, fact, raised

REPORTS = [
    """Pressmeddelande 12 februari 2026

Liberalerna i Lerum meddelar att partiet har lämnat in en motion om läxhjälp. \
Partiet vill att kommunen erbjuder läxhjälp på alla bibliotek.

– Alla barn ska få stöd i skolarbetet, säger Per Ek, gruppledare.

För mer information, kontakta Per Ek, 070-111 22 33.
""",
    """Nyhet från Vänsterpartiet i Ludvika

Vänsterpartiet meddelade i dag att det föreslår att kommunen inför gratis kollektivtrafik för \
pensionärer. Förslaget tas upp i fullmäktige i april.

Kontaktperson: Maria Lind, gruppledare
""",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_of_a_proposal_is_not_read_as_a_motion(generic: Checker, text: str) -> None:
    v = generic.check_text(text, as_of=AS_OF)
    assert fact(v, "is_motion") is False
    assert "KL-FORSLAG" in raised(v)
    assert v.recommendation == "granska"


def test_a_motion_in_the_first_person_with_contact_details_is_still_a_motion(generic: Checker) -> None:
    text = """Motion om fler parkbänkar

Många äldre vill kunna vila på promenaden längs ån. Jag föreslår att kommunen ställer ut fler parkbänkar längs ån.

För mer information, kontakta Eva Holm, 070-444 55 66.

Lerum den 3 mars 2026
Eva Holm (M)
"""
    v = generic.check_text(text, as_of=AS_OF)
    assert fact(v, "is_motion") is True
    assert "KL-FORSLAG" not in raised(v)


def test_a_press_release_that_quotes_att_satser_is_still_a_report(generic: Checker) -> None:
    text = """Pressmeddelande från Miljöpartiet i Lerum

Miljöpartiet har lämnat in en motion till fullmäktige. Partiet föreslår

att kommunen planterar fler träd i centrum.

Presskontakt: Jonas Ahl, 070-777 88 99
"""
    v = generic.check_text(text, as_of=AS_OF)
    assert fact(v, "is_motion") is False
    assert v.recommendation == "granska"


def test_a_motion_that_tells_what_the_government_announced_is_still_a_motion(generic: Checker) -> None:
    text = """Motion om trygga skolvägar

Regeringen meddelade i dag att den vill satsa på trafiksäkerhet. Centerpartiet anser att kommunen ska göra sin del.

Centerpartiet föreslår att fullmäktige beslutar

att kommunen bygger en gångbana längs Skolvägen.

Lerum den 3 mars 2026
Lisa Sund (C)
"""
    v = generic.check_text(text, as_of=AS_OF)
    assert fact(v, "is_motion") is True
    assert "KL-FORSLAG" not in raised(v)


def test_a_third_person_motion_about_contact_persons_is_still_a_motion(generic: Checker) -> None:
    text = """Motion om en kontaktperson för föreningar

Föreningarna i Lerum har i dag olika kontaktpersoner på olika förvaltningar. Det gör det svårt att få svar.

Kristdemokraterna föreslår att fullmäktige beslutar

att kommunen utser en gemensam kontaktperson för föreningslivet.

Lerum den 3 mars 2026
Ola Berg (KD)
"""
    v = generic.check_text(text, as_of=AS_OF)
    assert fact(v, "is_motion") is True
    assert "KL-FORSLAG" not in raised(v)
