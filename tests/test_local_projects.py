"""A word for the form of a piece of work — a time-limited trial, a pilot, a pre-study, "med tydliga
mål" — is no international cooperation by itself: a local pilot run by the municipality raises no
local-connection question, while a project with a partner abroad (in the att-sats, through a word of
cooperation, or found by the place reading anywhere in the motion) is still read as one.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

TITLE = "Motion om ett försök"


LOCAL_PILOTS = [
    "tekniska nämnden får i uppdrag att genomföra ett tidsbegränsat försök med bilfria skolgator vid tre skolor",
    "socialnämnden startar ett pilotprojekt med nattöppen fritidsgård i Ryd under ett år",
    "kommunstyrelsen låter göra en förstudie om en ny idrottshall i Skäggetorp",
    "kultur- och fritidsnämnden inför ett avgränsat försök med meröppet bibliotek, med tydliga mål för besöken",
    "äldrenämnden genomför ett tvåårigt projekt med fasta team i hemtjänsten",
]


@pytest.mark.parametrize("att", LOCAL_PILOTS)
def test_a_local_pilot_is_no_international_project(generic: Checker, att: str) -> None:
    reasons = (
        "I Wien har man länge arbetat med liknande lösningar och resultaten är goda. "
        "Här hemma skulle barn, äldre och andra invånare få det bättre."
    )
    v = check(generic, motion(TITLE, reasons, att + "."))
    assert fact(v, "cooperation_kinds") == []
    assert "KL-ANKNYTNING" not in raised(v)
    assert v.recommendation == "bifalla"


COOPERATING_PROJECTS = [
    "kommunen inleder ett tidsbegränsat projekt tillsammans med Tallinn om digital skola",
    "kommunen genomför ett pilotprojekt med en partnerkommun i Polen om äldreomsorg",
    "kommunen startar ett tvåårigt samarbetsprojekt om vattenrening med tydliga mål",
    "kommunen genomför en förstudie om ett gränsöverskridande projekt för kollektivtrafik",
]


@pytest.mark.parametrize("att", COOPERATING_PROJECTS)
def test_a_project_with_another_party_is_still_read_as_a_cooperation(generic: Checker, att: str) -> None:
    v = check(generic, motion(TITLE, "Kommunen behöver nya idéer.", att + "."))
    kinds = fact(v, "cooperation_kinds")
    assert kinds == "unknown" or "concrete_project" in kinds  # type: ignore[operator]


def test_a_partner_named_only_in_the_reasons_keeps_the_project_international(generic: Checker) -> None:
    reasons = (
        "Vi vill att kommunen samarbetar med staden Tartu i Estland, som har lång erfarenhet av digitala "
        "tjänster i skolan."
    )
    v = check(
        generic, motion(TITLE, reasons, "barn- och ungdomsnämnden genomför ett tvåårigt projekt om digitala läromedel.")
    )
    kinds = fact(v, "cooperation_kinds")
    assert kinds == "unknown" or "concrete_project" in kinds  # type: ignore[operator]
    assert v.recommendation != "bifalla" or "KL-ANKNYTNING" in {f.rule_id for f in v.findings if f.outcome == "pass"}
