"""Review of the judgement changes of 2026-12-02 (visits with a foreign-policy motive, working for state
matters, press releases, boycotts of occupied territories, letters to foreign governments, self-employed
trades, advice and training abroad): false alarms on ordinary local motions, silent approvals still
open, and the imprecise readings behind them. Tests marked xfail document a defect not fixed here.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

import pytest

from checker.api import Checker
from tests.motions import check, fact, motion, raised

# --------------------------------------------------------------------------- self-employed trades

SOLE_TRADERS = [
    "kommunen ger bidrag till egenföretagare som anställer unga",
    "kommunen ger ett bidrag på 5 000 kronor till företagare som anställer unga",
]


@pytest.mark.parametrize("att", SOLE_TRADERS)
def test_support_to_sole_traders_raises_the_business_support_question(generic: Checker, att: str) -> None:
    # "egenföretagare", "företagare" are in the trades list but its line did not match: a space in one
    # alternative ("enskilda firmor") made the whole line a two-word cue needing "firmor" after it
    v = check(generic, motion("Motion om fler jobb för unga", "Unga behöver sitt första jobb.", att + "."))
    assert fact(v, "individual_business_support") == "unknown"
    assert "KL-NARINGSSTOD" in raised(v)
    assert v.recommendation != "bifalla"


TRADE_INSIDE_A_WIDER_GROUP = [
    "kommunen ger gratis simskola till alla barn, också barn till bönder på landsbygden",
    "kommunen ger gratis busskort till pensionärer, bland annat gamla fiskare",
    "kommunen erbjuder gratis parkering i centrum på lördagar för alla besökare, även hantverkare",
]


@pytest.mark.parametrize("att", TRADE_INSIDE_A_WIDER_GROUP)
def test_a_trade_named_only_within_a_wider_group_of_recipients_is_no_business_support(
    generic: Checker, att: str
) -> None:
    v = check(generic, motion("Motion om kommunens service", "Alla ska kunna ta del av kommunens utbud.", att + "."))
    assert fact(v, "individual_business_support") is False
    assert "KL-NARINGSSTOD" not in raised(v)


def test_a_trade_joined_to_another_group_of_recipients_still_raises_business_support(generic: Checker) -> None:
    att = "kommunen ger pensionärer och hantverkare gratis parkering i centrum."
    v = check(generic, motion("Motion om parkering", "Parkeringen i centrum är dyr.", att))
    assert fact(v, "individual_business_support") == "unknown"
    assert "KL-NARINGSSTOD" in raised(v)


@pytest.mark.xfail(
    strict=True,
    reason="a group named by the parents' trade ('barn till egenföretagare') is not read as a favoured "
    "group: free preschool for it is approved without the equal-treatment question (KL 2 kap. 3 §)",
)
def test_a_free_service_for_children_of_sole_traders_raises_equal_treatment(generic: Checker) -> None:
    att = "kommunen erbjuder kostnadsfri förskola för barn till egenföretagare."
    v = check(generic, motion("Motion om förskolan", "Egenföretagare har långa dagar.", att))
    assert fact(v, "favours_group") is True
    assert v.recommendation != "bifalla"


@pytest.mark.xfail(
    strict=True,
    reason="a tariff lowered for every user ('sänker taxan för vatten och avlopp') has a recipient the "
    "reading cannot classify, so KL-NARINGSSTOD asks for synnerliga skäl for individual support",
)
def test_lowering_a_tariff_for_every_user_is_no_business_support(generic: Checker) -> None:
    att = "kommunen sänker taxan för vatten och avlopp med fem procent."
    v = check(generic, motion("Motion om VA-taxan", "Avgifterna har stigit kraftigt för hushållen.", att))
    assert "KL-NARINGSSTOD" not in raised(v)


# --------------------------------------------------------------------------- working for state matters

OWN_TAX_RATE = [
    "kommunen verkar för en lägre skattesats nästa år",
    "kommunfullmäktige arbetar för att skattesatsen hålls oförändrad under mandatperioden",
]


@pytest.mark.parametrize("att", OWN_TAX_RATE)
def test_working_for_the_municipalitys_own_tax_rate_is_no_state_matter(generic: Checker, att: str) -> None:
    # fullmäktige decides its own "budget, skatt" (KL 5 kap. 1 § 2)
    v = check(generic, motion("Motion om skatten", "Kommunens ekonomi är stark.", att + "."))
    assert fact(v, "state_matter") is not True
    assert "KL-STATLIG" not in raised(v)


USE_OR_KNOWLEDGE_OF_A_STATE_SCHEME = [
    "kommunen verkar för att anställda som vill kan arbeta efter pensionsåldern",
    "kommunen arbetar för att alla nyanlända familjer får information om barnbidraget",
    "kommunen verkar för att fler pappor bland de anställda använder föräldraförsäkringen",
    "kommunen arbetar för att företagen känner till den nya lagstiftningen om avfall",
    "kommunen verkar för att försvara den lokala demokratin",
]


@pytest.mark.parametrize("att", USE_OR_KNOWLEDGE_OF_A_STATE_SCHEME)
def test_working_for_the_use_of_a_state_scheme_changes_no_state_matter(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kommunens arbete", "Kommunen ska ta ansvar för sin personal.", att + "."))
    assert fact(v, "state_matter") is not True
    assert "KL-STATLIG" not in raised(v)


CHANGES_OF_STATE_MATTERS = [
    "kommunen verkar för ett nationellt tiggeriförbud",
    "kommunen driver på för en strängare migrationspolitik",
    "kommunen verkar för hårdare straff för klotter",
    "kommunen verkar för att den statliga inkomstskatten sänks",
    "kommunen verkar för att momsen på hyror slopas",
]


@pytest.mark.parametrize("att", CHANGES_OF_STATE_MATTERS)
def test_working_for_a_change_of_a_state_matter_is_still_a_state_matter(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om nationella frågor", "Kommunen ska ta ansvar för invånarna.", att + "."))
    assert fact(v, "state_matter") is True
    assert "KL-STATLIG" in raised(v)
    assert v.recommendation == "avslå"


@pytest.mark.xfail(
    strict=True,
    reason="'ersättning*' is read as the municipality's own compensation (own_task), so working for "
    "higher unemployment benefits ('ersättningen från a-kassan höjs') is approved",
)
def test_working_for_higher_unemployment_benefits_is_a_state_matter(generic: Checker) -> None:
    att = "kommunen arbetar för att ersättningen från a-kassan höjs."
    v = check(generic, motion("Motion om a-kassan", "Många arbetslösa har det svårt.", att))
    assert "KL-STATLIG" in raised(v)


# --------------------------------------------------------------------------- reports and motions

IMPERSONAL_MOTION = """Motion om sommarjobb för unga

Regeringen meddelade i dag att statsbidraget för feriejobb tas bort nästa år. Många unga i kommunen \
riskerar att stå utan sommarjobb.

Med anledning av ovanstående föreslås att kommunen garanterar alla gymnasieelever ett sommarjobb i \
kommunens verksamheter 2026.

Växjö den 3 mars 2026
Anna Berg (V)
"""


def test_an_impersonal_motion_that_tells_of_the_news_is_still_a_motion(generic: Checker) -> None:
    # one report mark ("meddelade i dag") is not enough, with att-satser or without
    v = check(generic, IMPERSONAL_MOTION)
    assert fact(v, "is_motion") is True
    assert "KL-FORSLAG" not in raised(v)
    assert v.recommendation == "bifalla"


# --------------------------------------------------------------------------- letters to foreign missions

COURTESY_LETTERS = [
    "kommunen skickar ett tackbrev till Japans ambassad för körsbärsträden i stadsparken",
    "kommunen skickar ett brev till ambassaden med en inbjudan till vänortsfestivalen",
    "kommunen skickar ett brev till Estlands generalkonsulat med en inbjudan till vänortsjubileet",
]


@pytest.mark.parametrize("att", COURTESY_LETTERS)
def test_a_letter_of_thanks_or_invitation_to_a_foreign_mission_takes_no_position(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kulturutbyte", "Vänortsutbytet har gett invånarna mycket.", att + "."))
    assert fact(v, "operative_stance") is not True
    assert "KL-UTRIKES" not in raised(v)
    assert v.recommendation != "avslå"


LETTERS_ASKING_A_FOREIGN_STATE_TO_STOP = [
    "kommunen skickar ett brev till Vita huset och ber presidenten stoppa vapenexporten",
    "kommunen skickar ett brev till Kreml med en begäran att stoppa bombningarna",
    "kommunen skickar ett protestbrev till Rysslands ambassad och bjuder in ambassadören till ett möte",
]


@pytest.mark.parametrize("att", LETTERS_ASKING_A_FOREIGN_STATE_TO_STOP)
def test_a_letter_asking_a_foreign_government_to_stop_something_takes_a_position(generic: Checker, att: str) -> None:
    v = check(generic, motion("Motion om kriget", "Kriget har pågått alldeles för länge.", att + "."))
    assert "KL-UTRIKES" in raised(v)
    assert v.recommendation == "avslå"


def test_ending_a_twinning_and_telling_the_embassy_is_no_position(generic: Checker) -> None:
    att = "kommunen avslutar vänortssamarbetet med Tartu och skickar ett brev till Estlands ambassad om beslutet."
    v = check(generic, motion("Motion om vänorter", "Samarbetet har inte gett något på flera år.", att))
    assert "KL-UTRIKES" not in raised(v)


# --------------------------------------------------------------------------- visits and advice abroad

LVIV = """Motion om studieresa

Kriget i Ukraina har visat hur viktigt det är med en fungerande krisberedskap. Vi står i solidaritet med \
det ukrainska folket mot Rysslands aggression.

Jag föreslår

att kommunens beredskapssamordnare gör ett studiebesök i Lviv för att lära av stadens krisberedskap.

Växjö den 3 mars 2026
Anna Berg (C)
"""


@pytest.mark.xfail(
    strict=True,
    reason="a one-off visit with a foreign-policy motive is read as an exchange, and KL-UTRIKES treats an "
    "exchange grounded in solidarity against a state as a hinder: a visit with its own local purpose "
    "is refused as 'kommunen tar ställning', where the motive calls for review (KL-UTRIKES-MOTIV)",
)
def test_a_study_visit_with_a_local_purpose_and_solidarity_in_the_reasons_is_reviewed(generic: Checker) -> None:
    v = check(generic, LVIV)
    assert "KL-UTRIKES" not in raised(v)
    assert "KL-UTRIKES-MOTIV" in raised(v)
    assert v.recommendation == "granska"


@pytest.mark.xfail(
    strict=True,
    reason="'ger råd' with a foreign place in the sentence is read as aid, also when the place is only "
    "where local firms export to and the advice is given at home",
)
def test_advice_at_home_to_local_exporters_is_no_aid(generic: Checker) -> None:
    att = "kommunen ger råd till företag som vill exportera till Tyskland."
    v = check(generic, motion("Motion om export", "Kommunens företag vill växa.", att))
    assert fact(v, "aid_forms") == []
    assert "L47-BISTAND-LAND" not in raised(v)


NEWS_OF_A_PARTY_PROPOSAL = """Nytt förslag om cykelbanor

Centerpartiet i Växjö meddelar att partiet vill att kommunen bygger en cykelbana mellan Öjaby och \
centrum. Bygget bör enligt partiet börja nästa år.

För mer information, kontakta Anna Berg, 070-123 45 67.
"""


def test_a_news_item_that_announces_a_partys_proposal_is_not_a_motion(generic: Checker) -> None:
    # "meddelar att" is a report mark: the cue line "meddela|meddelar|meddelade att|i$ dag|idag$" was one
    # three-word cue ("meddelar att dag"), so only "meddelar i dag" matched
    v = check(generic, NEWS_OF_A_PARTY_PROPOSAL)
    assert fact(v, "is_motion") is False
    assert "KL-FORSLAG" in raised(v)
    assert v.recommendation == "granska"


def test_a_motion_that_says_idag_and_gives_a_contact_is_still_a_motion(generic: Checker) -> None:
    text = """Motion om fler parkbänkar

Idag saknas det bänkar längs promenadstråket vid sjön. Äldre invånare har svårt att ta sig runt utan \
att kunna vila. För mer information, kontakta motionären.

Med anledning av detta föreslås att kommunen sätter upp tio nya bänkar längs stråket under nästa år.

Växjö den 3 mars 2026
Anna Berg (S)
"""
    v = check(generic, text)
    assert fact(v, "is_motion") is True
    assert v.recommendation == "bifalla"
