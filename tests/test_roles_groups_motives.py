"""The role of a foreign place in its sentence, who counts as one group of members, a foreign-policy
motive however the reasons phrase it, and letters written out in the reasons.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
Each mechanism is tried in several phrasings, with cases that must stay quiet beside the ones that
must be raised.
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

# Rules that ask an international question: none of them may be raised by an ordinary local motion.
INTERNATIONAL = {"KL-UTRIKES", "KL-UTRIKES-MOTIV", "KL-SYMPATI", "L47-BISTAND-LAND", "L47-PENGAR"}


# --------------------------------------------------------------------------- 1. a foreign place as a model

MODEL_PHRASES = [
    "gör Storgatan till sommargågata enligt Freiburgs modell",
    "inför cykelfartsgator i centrum med Köpenhamn som förebild",
    "inför bostad först för hemlösa efter finsk förebild",
    "bygger en vattenlekplats i Stadsparken efter mönster från Rotterdam",
    "bygger en lekplats i holländsk stil med vatten och sand",
    "inför avgiftsfri simskola i årskurs 2, inspirerad av arbetssättet i Helsingfors",
    "installerar solceller på alla skoltak, på samma sätt som många tyska kommuner gjort",
    "tar fram en skyfallsplan och hämtar kunskap från Nederländerna",
    "inför läxhjälp på biblioteken som man redan har gjort i Oslo",
    "prövar den danska modellen för hemtjänst i egen regi",
]


@pytest.mark.parametrize("phrase", MODEL_PHRASES)
def test_a_foreign_place_named_as_a_model_raises_no_international_question(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om en bättre stad", "Många städer har gjort detta.", phrase + ","))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


# --------------------------------------------------------------------------- 2. the origin of residents

ORIGIN_PHRASES = [
    "håller fritidsgården öppen på fredagskvällar för ungdomar med rötter i Syrien, Somalia och Afghanistan",
    "erbjuder läxhjälp på modersmål till familjer som flytt från Eritrea och Sudan",
    "anordnar språkcaféer för kvinnor födda i Irak eller Iran",
]


@pytest.mark.parametrize("phrase", ORIGIN_PHRASES)
def test_every_place_in_a_list_of_residents_origins_is_an_origin(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om mötesplatser", "Fler behöver mötas i vår kommun.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


def test_goods_of_foreign_origin_in_a_procurement_exclusion_stay_a_target(generic: Checker) -> None:
    text = motion(
        "Motion om livsmedel",
        "Kriget måste stoppas.",
        "kommunen i sina upphandlingar utesluter livsmedel med ursprung i Ryssland.",
    )
    v = check(generic, text)
    assert "KL-UTRIKES" in raised(v)


# --------------------------------------------------------------------------- 3. an EU fund is a source of money

FUNDING_PHRASES = [
    "vuxenutbildningsnämnden ansöker om medel från Europeiska socialfonden för ett lärcentrum i Ljungby",
    "kultur- och fritidsnämnden söker medel ur Europeiska regionala utvecklingsfonden för ett bibliotek i Hageby",
    "kommunen söker projektmedel från Nordiska ministerrådet för ett ungdomsråd",
    "simskolan delfinansieras med stöd från EU:s sociala fond",
]


@pytest.mark.parametrize("phrase", FUNDING_PHRASES)
def test_an_eu_fund_financing_a_local_project_is_no_partner(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om medel", "Vi ska använda de medel som finns.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "partner_places") == []


def test_an_eu_fund_and_a_model_city_in_one_att_sats_raise_no_international_question(generic: Checker) -> None:
    att = "trafiknämnden söker medel ur Europeiska regionala utvecklingsfonden för cykelgator efter Köpenhamns modell."
    v = check(generic, motion("Motion om cykelgator", "Cyklisterna behöver egna gator.", att))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert v.recommendation == "bifalla"


def test_a_real_partner_stays_a_partner_when_an_eu_fund_pays(generic: Checker) -> None:
    text = motion(
        "Motion om samarbete",
        "Tartu har lång erfarenhet av digital skola.",
        "utbildningsnämnden inleder ett samarbete med Tartu i Estland, finansierat av Europeiska socialfonden.",
    )
    v = check(generic, text)
    partners = fact(v, "partner_places")
    assert isinstance(partners, list) and [p["country_code"] for p in partners] == ["EE"]


LANGUAGE_PHRASES = [
    "biblioteket köper in böcker på engelska och ryska",
    "skyltar sätts upp på arabiska, persiska, somaliska och ukrainska",
    "kommunen översätter broschyren till polska, litauiska eller estniska",
]


@pytest.mark.parametrize("phrase", LANGUAGE_PHRASES)
def test_languages_in_a_list_are_languages_not_places(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om språk", "Alla ska kunna läsa.", phrase + "."))
    assert not raised(v) & INTERNATIONAL, raised(v)
    assert fact(v, "mentioned_places") == []


# --------------------------------------------------------------------------- 4. one profession is one group

PROFESSION_PRIVILEGES = [
    "det kommunala bostadsbolaget ger poliser som tjänstgör i kommunen förtur i bostadskön",
    "kommunen inför avgiftsfri parkering vid sjukhuset för vårdpersonal",
    "kommunen erbjuder alla som arbetar som lärare i kommunens skolor ett rabatterat busskort",
    "barn till föräldrar som arbetar inom hemtjänsten får förtur till förskoleplats",
    "deltidsbrandmän får företräde i tomtkön",
    "bostadsbolaget reserverar var tionde lägenhet för personer inom bristyrken",
    "nyanställda undersköterskor får halva hyran första året",
]


@pytest.mark.parametrize("phrase", PROFESSION_PRIVILEGES)
def test_a_privilege_for_one_profession_favours_a_group_of_members(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om rekrytering", "Det är svårt att rekrytera.", phrase + "."))
    assert fact(v, "favours_group") is True
    assert v.recommendation != "bifalla"
    assert {"KL-LIKSTALLIGHET", "KL-LIKSTALLIGHET-SKAL"} & raised(v)


PROFESSION_QUIET = [
    "kommunen anställer fler undersköterskor i hemtjänsten",
    "lärarna i grundskolan får fortbildning i läsinlärning",
    "brandstationen i Ytterby byggs ut med ett nytt garage",
]


@pytest.mark.parametrize("phrase", PROFESSION_QUIET)
def test_a_measure_about_a_profession_without_a_privilege_favours_no_group(generic: Checker, phrase: str) -> None:
    v = check(generic, motion("Motion om verksamheten", "Verksamheten behöver stärkas.", phrase + "."))
    assert fact(v, "favours_group") is False
    assert not {"KL-LIKSTALLIGHET", "KL-LIKSTALLIGHET-SKAL"} & raised(v)


# --------------------------------------------------------------------------- 5. a foreign-policy motive in the reasons

MOTIVES = [
    (
        "Batumi",
        "Genom samarbetet tar vår kommun tydligt ställning för Georgien i dess konflikt med grannlandet.",
        "kommunstyrelsen inleder ett vänortssamarbete med Batumi i Georgien.",
    ),
    (
        "Chisinau",
        "Ett utbyte är också ett sätt att visa Moldavien att landet inte står ensamt.",
        "utbildningsnämnden startar ett elevutbyte med en skola i Chisinau i Moldavien.",
    ),
    (
        "Kaunas",
        "Ett partnerskap med Kaunas skickar en tydlig signal till Ryssland.",
        "kommunen inleder ett kulturutbyte med Kaunas i Litauen.",
    ),
    (
        "Lviv",
        "Med utbytet vill vi ställa oss på Ukrainas sida.",
        "kulturnämnden inleder ett kulturutbyte med Lviv i Ukraina.",
    ),
    (
        "Tainan",
        "Utbytet syftar till att sätta press på Kina.",
        "kommunen inleder ett skolutbyte med Tainan i Taiwan.",
    ),
    (
        "Baku",
        "Vi vill med utbytet säga att vi inte ställer oss bakom Azerbajdzjans politik.",
        "kommunen inleder ett idrottsutbyte med Baku i Azerbajdzjan.",
    ),
]


@pytest.mark.parametrize(("town", "reason", "att"), MOTIVES, ids=[m[0] for m in MOTIVES])
def test_a_lawful_exchange_motivated_by_a_side_taken_abroad_needs_review(
    generic: Checker, town: str, reason: str, att: str
) -> None:
    v = check(generic, motion(f"Motion om {town}", reason, att))
    assert fact(v, "foreign_policy_stance") is True
    assert fact(v, "operative_stance") is False
    assert "KL-UTRIKES-MOTIV" in raised(v)
    assert v.recommendation == "granska"


MOTIVE_QUIET = [
    (
        "Tartu har ett av Europas mest digitala skolsystem. Utbytet ger eleverna språkkunskaper.",
        "utbildningsnämnden inleder ett skolutbyte med Tartu i Estland.",
    ),
    (
        "Kriget har förstört stora delar av Kharkivs fjärrvärmenät. Våra tekniker kan dela kunskap.",
        "kommunen genomför ett kunskapsutbyte om fjärrvärme med Kharkiv i Ukraina.",
    ),
    (
        "Vi vill skicka en signal till våra ungdomar om att språk öppnar dörrar.",
        "gymnasieskolan inleder ett elevutbyte med Lyon i Frankrike.",
    ),
]


@pytest.mark.parametrize(("reason", "att"), MOTIVE_QUIET)
def test_an_exchange_motivated_by_its_use_to_the_municipality_is_not_a_stance(
    generic: Checker, reason: str, att: str
) -> None:
    v = check(generic, motion("Motion om utbyte", reason, att))
    assert fact(v, "foreign_policy_stance") is False
    assert "KL-UTRIKES-MOTIV" not in raised(v)


# --------------------------------------------------------------------------- 6. a letter written out in the reasons


def test_adopting_a_letter_that_asks_the_state_to_change_criminal_law_is_a_state_matter(generic: Checker) -> None:
    reasons = (
        "Vi har skrivit ett förslag till skrivelse. Skrivelsen lyder: Kommunfullmäktige begär att "
        "regeringen skärper straffen för vapenbrott och sänker straffmyndighetsåldern."
    )
    v = check(
        generic,
        motion(
            "Motion om en skrivelse",
            reasons,
            "kommunfullmäktige antar skrivelsen och sänder den till justitieministern,",
            "skrivelsen publiceras på kommunens webbplats.",
        ),
    )
    assert fact(v, "state_matter") is True
    assert v.recommendation == "avslå"
    assert [a.recommendation for a in v.att_satser] == ["avslå", "avslå"]


def test_a_letter_asking_the_state_to_pay_for_a_municipal_task_is_no_state_matter(generic: Checker) -> None:
    reasons = (
        "Skrivelsen lyder: Kommunfullmäktige begär att regeringen ersätter kommunen fullt ut för "
        "kostnaderna för mottagandet av nyanlända."
    )
    v = check(generic, motion("Motion om ersättning", reasons, "kommunstyrelsen sänder skrivelsen till regeringen."))
    assert fact(v, "state_matter") is False


def test_a_letter_to_a_foreign_states_embassy_is_a_position_taken(generic: Checker) -> None:
    reasons = "Brevet ska kräva att de fängslade journalisterna släpps."
    v = check(
        generic,
        motion(
            "Motion om ett brev",
            reasons,
            "ordföranden undertecknar och översänder brevet till Belarus ambassad i Stockholm.",
        ),
    )
    assert fact(v, "operative_stance") is True
    assert "KL-UTRIKES" in raised(v)


# --------------------------------------------------------------------------- 7. verbs and proposals read


@pytest.mark.parametrize(
    "att",
    [
        "alla hushåll i kommunen får en broschyr om krisberedskap.",
        "broschyren översätts till lättläst svenska.",
        "kommunen gör om Lindgatan till gårdsgata.",
    ],
)
def test_an_att_sats_with_a_short_or_passive_verb_is_carried_out(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om beredskap", "Alla behöver information.", att))
    assert "KL-ATTSATS" not in raised(v)
    assert v.recommendation == "bifalla"


def test_a_proposal_written_as_mitt_forslag_att_is_a_motion(generic: Checker) -> None:
    text = (
        "Medborgarförslag om gårdsgata\n\nhej! bilarna kör för fort på vår gata.\n\n"
        "Mitt förslag: att kommunen gör om Lindgatan till gårdsgata med farthinder.\n\n"
        "hälsningar Kim, Lindgatan 3\n"
    )
    v = check(generic, text)
    assert v.recommendation == "bifalla"


def test_waiving_a_fee_for_one_company_gives_value_to_a_business(generic: Checker) -> None:
    v = check(
        generic,
        motion(
            "Motion om Lindqvists Åkeri AB",
            "Åkeriet vill bygga en ny verkstad.",
            "kommunens bygglovsenhet avstår från att ta ut bygglovsavgift för Lindqvists Åkeri AB:s nya verkstad.",
        ),
    )
    assert fact(v, "individual_business_support") is True
    assert v.recommendation == "avslå"


# --------------------------------------------------------------------------- 8. value to one business, more forms

BUSINESS_VALUE = [
    (
        "Pizzeria Roma har öppet sent och ger liv åt centrum.",
        "kommunen betalar pizzerians elräkning under vintern.",
    ),
    ("Bussbolaget behöver kapital.", "kommunen skjuter till tre miljoner kronor i eget kapital till Bygdens Buss AB."),
    ("Hotell Fjällsol ska få en ny parkering.", "kommunen bekostar en ny parkering åt hotellet."),
]


@pytest.mark.parametrize(("reason", "att"), BUSINESS_VALUE)
def test_value_to_one_named_business_in_other_words_is_raised(generic: Checker, reason: str, att: str) -> None:
    v = check(generic, motion("Motion om ett företag", reason, att))
    assert fact(v, "individual_business_support") is True
    assert "KL-NARINGSSTOD" in raised(v)


OWN_VALUE = [
    "kommunen skjuter till 20 miljoner kronor i eget kapital till det helägda Lindhem AB för nyproduktion.",
    "kommunen betalar elräkningen för fritidsgården i Ekby under sommaren.",
    "kommunfullmäktige uppdrar åt Lindhem AB att bygga 40 hyresrätter.",
]


@pytest.mark.parametrize("att", OWN_VALUE)
def test_money_to_the_municipalitys_own_company_or_facility_is_no_business_support(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om verksamheten", "Verksamheten behöver medel.", att))
    assert fact(v, "individual_business_support") is False
    assert v.recommendation == "bifalla"


# --------------------------------------------------------------------------- 9. an act done as a protest


@pytest.mark.parametrize(
    "att",
    [
        "kommunen säger upp alla avtal med ryska leverantörer som protest mot kriget.",
        "kommunen avbryter det kinesiska köpet av bussar i protest mot förtrycket.",
    ],
)
def test_an_act_done_as_a_protest_against_a_foreign_state_is_a_stance(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om avtal", "Vi måste reagera.", att))
    assert fact(v, "operative_stance") is True
    assert "KL-UTRIKES" in raised(v)


# --------------------------------------------------------------------------- 10. a remark is no proposal


def test_a_general_remark_with_behover_is_no_proposal(generic: Checker) -> None:
    v = check(generic, "Motion om fred\n\nFred är viktigt och världen behöver mer av det.\n\nOrsa 2026-01-01\nBo Ek\n")
    assert v.recommendation == "granska"
    assert "KL-FORSLAG" in raised(v)


@pytest.mark.parametrize(
    "sentence",
    ["En lekplats bör byggas vid skolan.", "Därför bör kommunen bygga en lekplats vid skolan."],
)
def test_a_proposal_with_bor_and_a_passive_or_the_municipality_is_read(generic: Checker, sentence: str) -> None:
    v = check(generic, f"Förslag om lekplats\n\nBarnen i Ekby saknar lekplats. {sentence}\n\nKim Ek\n")
    assert v.recommendation == "bifalla"
