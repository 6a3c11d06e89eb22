"""Where people come from is the origin of residents only where they are here; what a foreign place has,
taken as a model, is no partner; a committee's name with a suspended compound is read whole.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
Each mechanism is tried in several phrasings, with cases that must keep working beside them.
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

INTERNATIONAL = {"KL-UTRIKES", "KL-UTRIKES-MOTIV", "KL-SYMPATI", "KL-ANKNYTNING", "L47-BISTAND-LAND", "L47-PENGAR"}


# ------------------------------------------------------------ 1. value given to people who may be abroad

ABROAD_GIFTS = [
    ("kommunen skänker 200 000 kronor till familjer som flytt från Irak och nu lever i tältläger", "IQ"),
    ("kommunen anslår 80 000 kronor till kvinnor födda i Somalia som har sökt skydd i grannländerna", "SO"),
    ("kommunen bidrar med en miljon kronor till ungdomar som flydde från Sydsudan", "SS"),
    ("kommunen ger ett bidrag på 50 000 kronor till barn med rötter i Burundi", "BI"),
]


@pytest.mark.parametrize(("phrase", "code"), ABROAD_GIFTS)
def test_money_to_people_of_foreign_origin_not_placed_here_raises_the_aid_questions(
    generic: Checker, phrase: str, code: str
) -> None:
    v = check(generic, motion("Motion om stöd", "Behoven är stora.", phrase + "."))
    partners = fact(v, "partner_places")
    assert isinstance(partners, list) and [p["country_code"] for p in partners] == [code]
    assert "residents" not in (fact(v, "value_recipients") or [])
    assert raised(v) & {"L47-PENGAR", "KL-ANKNYTNING"}, raised(v)
    assert v.recommendation != "bifalla"


LOCAL_GIFTS = [
    "kommunen ger ett bidrag på 40 000 kronor till läxhjälp för barn som flytt från Irak och bor i Växjö",
    "kommunen erbjuder gratis busskort till familjer som flytt från Ukraina och har kommit hit",
    "kommunen ger ett startbidrag till nyanlända till vår kommun med rötter i Eritrea",
    "kommunen anslår 30 000 kronor till en sommarskola för växjöbor födda i Bosnien",
    "kommunen ger kvinnor från Syrien som är bosatta i kommunen gratis simundervisning",
    "kommunen skänker cyklar till ungdomar som flytt från Afghanistan till Sverige",
]


@pytest.mark.parametrize("phrase", LOCAL_GIFTS)
def test_value_given_to_residents_of_foreign_origin_placed_here_raises_no_international_question(
    generic: Checker, phrase: str
) -> None:
    v = check(generic, motion("Motion om stöd", "Alla ska känna sig välkomna.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


FREE_LOCAL_SERVICES = [
    "kommunen erbjuder avgiftsfri simskola för barn som flytt från Ukraina",
    "kommunen ger ukrainska flyktingar gratis busskort",
    "kommunen ger kvinnor födda i Eritrea fri entré till badhuset",
]


@pytest.mark.parametrize("phrase", FREE_LOCAL_SERVICES)
def test_free_use_of_a_local_service_by_people_of_foreign_origin_raises_no_international_question(
    generic: Checker, phrase: str
) -> None:
    v = check(generic, motion("Motion om inkludering", "Alla ska kunna delta.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


def test_an_activity_arranged_for_people_of_foreign_origin_still_needs_no_residence_words(generic: Checker) -> None:
    v = check(
        generic,
        motion("Motion om språk", "Fler vill lära sig.", "biblioteket ordnar samtalsgrupper för män födda i Irak."),
    )
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


# ------------------------------------------------------------ 2. what a foreign place has, as a model

GENITIVE_MODELS = [
    "inför utomhuspedagogik i förskolan med Oslos förskolor som förebild",
    "bygger om torget med Barcelonas gågator som modell",
    "inför digitala bygglov med Tallinns e-tjänster som mönster",
    "anlägger fler fickparker med Berlins små nya parker som exempel",
    "bygger cykelgator med Amsterdams gator längs kanalerna som inspiration",
]


@pytest.mark.parametrize("phrase", GENITIVE_MODELS)
def test_what_a_foreign_place_has_taken_as_a_model_raises_no_international_question(
    generic: Checker, phrase: str
) -> None:
    v = check(generic, motion("Motion om en bättre stad", "Andra städer har lyckats.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


PARTNER_GENITIVES = [
    ("inleder ett samarbete med Rigas skolor om elevutbyten", "LV"),
    ("samarbetar med Tallinns skolor, som exempelvis har digitala läromedel", "EE"),
    ("inleder ett utbyte med Gdańsks gymnasieskolor som partner", "PL"),
]


@pytest.mark.parametrize(("phrase", "code"), PARTNER_GENITIVES)
def test_a_foreign_place_s_schools_as_a_partner_stay_a_partner(generic: Checker, phrase: str, code: str) -> None:
    v = check(generic, motion("Motion om utbyte", "Eleverna behöver se världen.", phrase + "."))
    partners = fact(v, "partner_places")
    assert isinstance(partners, list) and [p["country_code"] for p in partners] == [code]


# ------------------------------------------------------------ 3. a committee's whole name

COMMITTEES = [
    ("barn- och utbildningsnämnden får i uppdrag att inventera skolgårdarna", "barn- och utbildningsnämnden"),
    ("miljö- och byggnadsnämnden utreder hur dagvattnet kan tas om hand", "miljö- och byggnadsnämnden"),
    (
        "ge kultur-, fritids- och idrottsnämnden i uppdrag att öppna fler spontanytor",
        "kultur-, fritids- och idrottsnämnden",
    ),
    ("uppdra åt vård- och omsorgsnämnden att se över nattpatrullen", "vård- och omsorgsnämnden"),
    ("tekniska nämnden ser över belysningen i parken", "tekniska nämnden"),
    ("kommunstyrelsen får i uppdrag att se över taxorna", "kommunstyrelsen"),
    ("ge kulturnämnden i uppdrag att förlänga bibliotekets öppettider", "kulturnämnden"),
]


@pytest.mark.parametrize(("phrase", "body"), COMMITTEES)
def test_the_commissioned_committee_is_named_whole(generic: Checker, phrase: str, body: str) -> None:
    v = check(generic, motion("Motion om ett uppdrag", "Det behövs.", phrase + "."))
    assert fact(v, "commissioned_body") == body
    assert v.readings and v.readings[0].actor == body


def test_a_medborgarforslag_passed_to_a_committee_with_a_suspended_compound_names_it_whole(
    generic: Checker,
) -> None:
    text = (
        "Medborgarförslag om en hundrastgård\n\nKommunfullmäktige har överlåtit till samhällsbyggnads- och "
        "miljönämnden att besluta i ärendet.\n\nJag föreslår att kommunen anlägger en hundrastgård vid "
        "Norrparken.\n\nEva Svensson\n"
    )
    v = check(generic, text)
    assert fact(v, "delegated_to") == "Samhällsbyggnads- och miljönämnden"
    assert "föreslår samhällsbyggnads- och miljönämnden besluta att" in v.decision
