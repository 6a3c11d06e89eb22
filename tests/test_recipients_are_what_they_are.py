"""Who receives the value an att-sats gives is read as what it is: persons named by a noun ("ägare av
X", "X-förare", "föräldrar", a profession) are a group of the municipality's members, an equal-treatment
matter (kommunallagen 2 kap. 3 §); a business needs a company form, a business noun or a named firm
(2 kap. 8 §); an association is an association. A company name written "<Namn> i <Ort> AB" is one name.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from checker.extraction.actions import person_noun
from tests.motions import check, fact, motion, raised

# --------------------------------------------------------------------------- persons are members

PERSON_GROUPS = [
    ("ägare av laddhybrider slipper betala parkeringsavgift på kommunens parkeringsplatser", "ägare av laddhybrider"),
    ("samtliga busschaufförer får halva priset på ett årskort i simhallen", "busschaufförer"),
    ("småbarnsföräldrar får parkera avgiftsfritt vid vårdcentralen", "småbarnsföräldrar"),
    ("lastbilsförare får gratis dusch vid kommunens rastplats", "lastbilsförare"),
    ("alla hundägare får en kostnadsfri kurs i hundvett", "hundägare"),
    ("kommunen ger vårdnadshavare till barn i förskolan rabatt på årskortet till badhuset", "vårdnadshavare"),
    ("förskollärare som flyttar till kommunen får ett gratis busskort i ett år", "förskollärare"),
]


@pytest.mark.parametrize(("att", "words"), PERSON_GROUPS)
def test_value_to_persons_named_by_a_noun_goes_to_a_group_of_members(generic: Checker, att: str, words: str) -> None:
    v = check(generic, motion("Motion om en förmån", "Det skulle uppskattas av många.", att + "."))
    reading = v.readings[0]
    assert reading.recipient == "member_group"
    assert reading.recipient_words is not None and reading.recipient_words.startswith(words)
    assert fact(v, "individual_business_support") is False
    assert fact(v, "favours_group") is True
    assert "KL-NARINGSSTOD" not in raised(v)
    assert "KL-LIKSTALLIGHET" in raised(v)
    assert v.recommendation != "bifalla"


@pytest.mark.parametrize(
    "word",
    ["taxiförare", "elbilsägare", "cyklisterna", "föräldrarna", "förarna", "hyresgäster", "tandläkare", "lärare"],
)
def test_a_noun_for_persons_whole_or_as_the_end_of_a_compound_is_a_person_noun(word: str) -> None:
    assert person_noun(word)


@pytest.mark.parametrize(
    "word", ["butiksägare", "restaurangägare", "hotellägare", "företagsägare", "förarbete", "ägaren", "fritidsgård"]
)
def test_owners_of_businesses_and_other_words_are_no_person_noun(word: str) -> None:
    assert not person_noun(word)


def test_owners_of_a_kind_of_business_are_no_group_of_members(generic: Checker) -> None:
    att = "restaurangägare i centrum får sänkt avgift för sina uteserveringar"
    v = check(generic, motion("Motion om uteserveringar", "Centrum behöver liv.", att + "."))
    assert v.readings[0].recipient != "member_group"
    assert fact(v, "favours_group") is False


def test_the_owners_of_things_are_not_the_owner_of_a_business(generic: Checker) -> None:
    att = "ägarna till elcyklar får ett bidrag på 1 500 kronor till en cykelhjälm"
    v = check(generic, motion("Motion om cykelhjälmar", "Fler cyklar i dag.", att + "."))
    assert fact(v, "individual_business_support") is False
    assert fact(v, "named_businesses") == []
    assert "KL-NARINGSSTOD" not in raised(v)


def test_the_owner_of_a_business_named_before_is_that_business(generic: Checker) -> None:
    text = motion(
        "Motion om bageriet",
        "Bageriet Vetekornet i Åby riskerar att stänga efter fyrtio år.",
        "kommunen ger ägaren ett bidrag på 80 000 kronor.",
    )
    v = check(generic, text)
    assert fact(v, "individual_business_support") is True
    assert "KL-NARINGSSTOD" in raised(v)


# --------------------------------------------------------------------------- associations and firms

ASSOCIATIONS = [
    "kommunen beviljar Cykelföreningen Framåt ett bidrag på 20 000 kronor",
    "kommunen ger Schackklubben Löparen ett startbidrag",
    "kultur- och fritidsnämnden ger Hembygdsföreningen i Åby ett bidrag till taket på bystugan",
]


@pytest.mark.parametrize("att", ASSOCIATIONS)
def test_a_grant_to_an_association_is_no_business_support(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om föreningslivet", "Föreningarna gör mycket.", att + "."))
    assert v.readings[0].recipient == "association"
    assert fact(v, "named_businesses") == []
    assert "KL-NARINGSSTOD" not in raised(v)


COMPANIES_WITH_A_PLACE = [
    ("kommunen beviljar Trädgårdsservice i Åre AB ett startbidrag", "Trädgårdsservice i Åre AB"),
    ("kommunen ger Bygg & Plåt i Norrtälje AB ett driftstöd på 200 000 kronor", "Bygg & Plåt i Norrtälje AB"),
    ("tekniska nämnden ger Måleri på Backen HB nedsatt hyra i kommunens lokal", "Måleri på Backen HB"),
]


@pytest.mark.parametrize(("att", "name"), COMPANIES_WITH_A_PLACE)
def test_a_company_named_with_its_place_is_read_as_one_name(generic: Checker, att: str, name: str) -> None:
    v = check(generic, motion("Motion om ett företag", "Företaget behöver hjälp.", att + "."))
    assert fact(v, "named_businesses") == [name]
    assert v.readings[0].recipient == "business"
    assert "KL-NARINGSSTOD" in raised(v)
    ground = next(f for f in v.findings if f.rule_id == "KL-NARINGSSTOD")
    assert f"(i förslaget nämns {name})" in ground.message


def test_a_place_after_the_company_form_is_no_part_of_the_name(generic: Checker) -> None:
    v = check(generic, motion("Motion om kvarnen", "Kvarnen är viktig.", "kommunen ger Kvarnen AB i Piteå ett bidrag."))
    assert fact(v, "named_businesses") == ["Kvarnen AB"]


def test_the_owner_of_one_business_named_in_one_word_is_that_business(generic: Checker) -> None:
    att = "kommunen ger kioskägaren vid badplatsen ett bidrag på 25 000 kronor"
    v = check(generic, motion("Motion om kiosken", "Badplatsen behöver service.", att + "."))
    assert v.readings[0].recipient == "business"
    assert "KL-NARINGSSTOD" in raised(v)


def test_persons_living_in_a_companys_flats_receive_what_is_given_to_them(generic: Checker) -> None:
    att = "kommunen betalar halva hyran för hyresgästerna i bolagets lägenheter under renoveringen"
    v = check(generic, motion("Motion om renoveringen", "Renoveringen stör de boende.", att + "."))
    assert v.readings[0].recipient == "member_group"
    assert "KL-NARINGSSTOD" not in raised(v)


def test_residents_of_one_street_named_as_boende_are_a_group_of_members(generic: Checker) -> None:
    att = "boende får parkera avgiftsfritt på gatorna kring Lilla torget"
    v = check(generic, motion("Motion om parkering", "Det är svårt att hitta en plats.", att + "."))
    assert v.readings[0].recipient == "member_group"
    assert fact(v, "favours_group") is True


@pytest.mark.parametrize(
    "att",
    [
        "alla boende i kommunen får ett gratis lånekort till badhuset",
        "kommunen ger alla som bor i Växjö ett gratis lånekort till badhuset",
        "alla som bor i hela kommunen får ett gratis lånekort till badhuset",
        "kommunen ger alla invånare i vår stad ett gratis lånekort till badhuset",
    ],
)
def test_everyone_who_lives_in_the_municipality_is_no_group(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om badhuset", "Badhuset är till för alla.", att + "."))
    assert v.readings[0].recipient == "residents"
    assert fact(v, "favours_group") is False
    assert "KL-LIKSTALLIGHET" not in raised(v)


def test_residents_narrowed_down_by_more_words_stay_a_group(generic: Checker) -> None:
    att = "alla som bor i kommunen sedan minst fem år får ett gratis årskort till simhallen"
    v = check(generic, motion("Motion om simhallen", "Trogna invånare ska uppmuntras.", att + "."))
    assert fact(v, "favours_group") is True
    assert "KL-GODTYCKE" in raised(v)  # years lived here: a criterion that plainly lacks an objective basis
    assert v.recommendation == "avslå"


# --------------------------------------------------------------------------- a service for a stage of life

SERVICES_FOR_EVERYONE_OF_AN_AGE = [
    "kommunen erbjuder kostnadsfri cykelskola för vuxna som aldrig har lärt sig cykla",
    "fritidsförvaltningen ordnar gratis sommaraktiviteter för ungdomar på loven",
    "biblioteket lånar ut spel kostnadsfritt till barnfamiljer",
]


@pytest.mark.parametrize("att", SERVICES_FOR_EVERYONE_OF_AN_AGE)
def test_a_free_service_for_everyone_of_a_stage_of_life_is_for_residents_not_a_business(
    generic: Checker, att: str
) -> None:
    v = check(generic, motion("Motion om en ny tjänst", "Fler ska kunna delta.", att))
    assert "business" not in (fact(v, "value_recipients") or [])
    assert not {"KL-NARINGSSTOD", "EU-STATSSTOD"} & raised(v)
    assert all(f.rule_id != "KL-NARINGSSTOD" or f.outcome == "pass" for f in v.findings)


@pytest.mark.parametrize(
    ("att", "words"),
    [
        ("ungdomar i Hagaby får gratis busskort under sommaren", "ungdomar i Hagaby"),
        ("hushållen i Österby får gratis bredband", "hushållen i Österby"),
        ("barn som bor på Lillön får gratis simskola", "barn som bor på Lillön"),
    ],
)
def test_residents_of_one_named_part_of_the_municipality_are_a_group(generic: Checker, att: str, words: str) -> None:
    v = check(generic, motion("Motion om en förmån", "Det behövs.", att + "."))
    assert fact(v, "value_recipients") == ["member_group"]
    assert any(words in e.quote for f in v.facts if f.name == "value_recipients" for e in f.evidence)
    assert v.recommendation != "bifalla"


@pytest.mark.parametrize("att", ["barn i Växjö får gratis simskola", "barn i förskolan får gratis frukt"])
def test_residents_of_the_whole_municipality_or_of_a_service_are_no_group(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om en förmån", "Det behövs.", att + "."))
    assert fact(v, "value_recipients") == ["residents"]
