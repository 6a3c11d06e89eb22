"""The action reading (checker/extraction/actions.py): what each att-sats asks, and the contract facts."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from checker.api import Checker
from checker.extraction import extract_facts
from checker.models import Fact, Verdict
from checker.reading import parse_text


def facts_of(text: str, scope_att: int | None = None) -> dict[str, Fact]:
    p = parse_text(text, path="m.txt", fmt="txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    if scope_att is None:
        return extract_facts(p)
    a = p.att_satser[scope_att - 1]
    return extract_facts(p, scope=(a.start, a.end))


def value(f: Fact) -> object:
    return f.value if f.known else "okänt"


HEAD = "Motion om {}\n\nVi har länge diskuterat frågan i kommunen och det är dags att göra något.\n\n"


def motion(title: str, *atts: str) -> str:
    return HEAD.format(title) + "Jag yrkar därför\n\n" + "\n".join(atts) + "\n\nAnna Andersson (S)\n"


def test_grant_to_a_named_company_gives_value_to_a_business() -> None:
    f = facts_of(motion("stöd", "att kommunen beviljar Edsbygdens Snickeri HB ett bidrag på 300 000 kronor."))
    assert value(f["action_kinds"]) == ["give_value"]
    assert value(f["value_recipients"]) == ["business"]


def test_reduced_rent_for_the_shop_named_before_is_value_to_a_business() -> None:
    text = (
        "Motion om lanthandeln\n\nButiken Lillbyns Livs är den sista i byn och har svårt att klara hyran.\n\n"
        "Jag föreslår\n\natt butiken får sänkt hyra i kommunens lokal under tre år.\n"
    )
    f = facts_of(text)
    assert value(f["value_recipients"]) == ["business"]


def test_free_entry_for_a_clubs_members_is_value_to_one_group() -> None:
    f = facts_of(motion("bad", "att medlemmar i Kroksbo Roddklubb får fri entré till badhuset."))
    assert value(f["value_recipients"]) == ["member_group"]


def test_value_to_a_recipient_that_cannot_be_classified_is_said_so() -> None:
    f = facts_of(motion("stöd", "att kommunen anslår 200 000 kronor i bidrag."))
    assert value(f["value_recipients"]) == ["unclassified"]


def test_an_ordinary_local_att_sats_is_carried_out_with_nothing_given_or_stated() -> None:
    f = facts_of(motion("parker", "att tekniska nämnden får i uppdrag att anlägga en lekplats i Centralparken."))
    assert value(f["action_kinds"]) == ["carry_out"]
    assert value(f["value_recipients"]) == []
    assert value(f["operative_stance"]) is False
    assert value(f["state_matter"]) is False
    assert value(f["investigation_only"]) is False


def test_an_investigation_governs_what_it_investigates() -> None:
    f = facts_of(motion("utbyte", "att nämnden får i uppdrag att utreda förutsättningarna för ett elevutbyte."))
    assert value(f["action_kinds"]) == ["investigate"]
    assert value(f["investigation_only"]) is True


def test_a_council_statement_demanding_a_ceasefire_abroad_is_an_operative_stance() -> None:
    f = facts_of(motion("fred", "att kommunfullmäktige kräver omedelbar vapenvila i Sudan."))
    assert "take_position" in value(f["action_kinds"])  # type: ignore[operator]
    assert value(f["operative_stance"]) is True


def test_a_suspended_compound_zone_is_a_stance() -> None:
    f = facts_of(motion("zon", "att kommunen förklaras som kärnvapen- och minfri zon."))
    assert value(f["operative_stance"]) is True


def test_a_stance_that_cannot_be_placed_is_unknown() -> None:
    f = facts_of(motion("uttalande", "att kommunfullmäktige fördömer det inträffade."))
    assert f["operative_stance"].known is False


def test_asking_the_government_to_change_migration_law_is_a_state_matter() -> None:
    f = facts_of(motion("migration", "att kommunen uppmanar regeringen att skärpa lagen om uppehållstillstånd."))
    assert value(f["state_matter"]) is True


def test_asking_the_state_to_fund_the_municipalitys_own_task_is_no_state_matter() -> None:
    att = "att kommunen uppmanar regeringen att ge full ersättning för flyktingmottagandet."
    f = facts_of(motion("mottagande", att))
    assert value(f["state_matter"]) is False


def test_a_communication_of_the_decision_is_about_what_the_other_att_satser_are_about() -> None:
    text = motion("zon", "att kommunen förklaras som kärnvapenfri zon,", "att beslutet meddelas regeringen.")
    assert value(facts_of(text, scope_att=2)["operative_stance"]) is True


def test_a_statement_of_sympathy_with_victims_is_symbolic_not_a_stance() -> None:
    att = "att kommunfullmäktige uttrycker sitt deltagande med offren för jordbävningen i Marocko."
    f = facts_of(motion("sympati", att))
    assert value(f["action_kinds"]) == ["symbolic"]
    assert value(f["operative_stance"]) is False


def test_value_given_again_by_reference_goes_to_the_same_business() -> None:
    text = motion(
        "pizzerian",
        "att kommunen sänker hyran för Pizzeria Bella Napoli i Folkets hus med 40 procent,",
        "att hyresnedsättningen gäller i minst tre år.",
    )
    f = facts_of(text, scope_att=2)
    assert value(f["action_kinds"]) == ["give_value"]
    assert value(f["value_recipients"]) == ["business"]


def test_an_att_sats_that_cannot_be_read_as_any_action_is_unknown() -> None:
    f = facts_of(motion("oklart", "att sommaren och vintern."))
    assert f["action_kinds"].known is False
    assert f["action_kinds"].note == "förvaltningen kunde inte avgöra vad att-satsen innebär"


def test_a_proposing_sentence_is_read_when_there_are_no_att_satser() -> None:
    text = HEAD.format("bänkar") + "Jag föreslår därför att kommunen placerar ut fler parkbänkar längs ån.\n"
    f = facts_of(text)
    assert value(f["is_motion"]) is True
    assert value(f["action_kinds"]) == ["carry_out"]


def test_a_text_without_a_proposal_is_no_motion() -> None:
    f = facts_of("Nyheter från kommunen\n\nI dag invigdes den nya simhallen i centrum. Många kom dit.\n")
    assert value(f["is_motion"]) is False
    assert f["action_kinds"].known is False


def test_an_english_text_is_no_motion() -> None:
    text = "Motion on parks\n\nWe propose that the council builds more benches in the park, as in Oslo.\n"
    f = facts_of(text)
    assert value(f["is_motion"]) is False
    assert "svenska" in (f["is_motion"].note or "")


def test_a_shopping_list_is_no_motion() -> None:
    f = facts_of("Handla\n\nmjölk\nägg\nsmör\nbröd\nkaffe\nbananer\n")
    assert value(f["is_motion"]) is False


# --------------------------------------------------------------------------- in the verdict


@pytest.fixture(scope="module")
def generic() -> Checker:
    return Checker("generic")


def check(checker: Checker, text: str) -> Verdict:
    return checker.check_text(text, as_of=dt.date(2025, 10, 1))


@pytest.mark.parametrize(
    "text",
    [
        "Nyheter från kommunen\n\nI dag invigdes den nya simhallen i centrum. Många kom dit och badade.\n",
        "Motion on parks\n\nWe propose that the council builds more benches in the park, as in Oslo.\n",
        "Handla\n\nmjölk\nägg\nsmör\nbröd\nkaffe\nbananer\n",
    ],
    ids=["no-proposal", "english", "shopping-list"],
)
def test_a_text_that_is_not_a_motion_is_sent_for_review_saying_so(generic: Checker, text: str) -> None:
    v = check(generic, text)
    assert v.recommendation == "granska"
    assert "KL-FORSLAG" in {f.rule_id for f in v.findings if f.outcome == "needs_review"}
    assert "Vad föreslår texten att fullmäktige ska besluta?" in v.questions


def test_an_unreadable_att_sats_is_sent_for_review_with_the_question(generic: Checker) -> None:
    v = check(generic, motion("oklart", "att sommaren och vintern."))
    assert v.recommendation == "granska"
    assert any(q.startswith("Förvaltningen kunde inte avgöra vad att-satsen innebär") for q in v.questions)


def test_the_verdict_carries_the_reading_of_each_att_sats(generic: Checker) -> None:
    text = motion(
        "bidrag",
        "att kommunen beviljar Edsbygdens Snickeri HB ett bidrag på 300 000 kronor,",
        "att medlen tas ur kommunstyrelsens anslag för oförutsedda utgifter.",
    )
    v = check(generic, text)
    assert [(r.att_sats, r.kinds, r.recipient) for r in v.readings] == [
        (1, ("give_value",), "business"),
        (2, ("give_value",), "business"),
    ]
    assert v.readings[0].amount == "300 000 kronor"
    assert v.readings[0].business == "Edsbygdens Snickeri HB"
    assert v.readings[0].evidence.quote.startswith("att kommunen beviljar")


def test_a_foreign_city_named_as_a_model_raises_no_international_question(generic: Checker) -> None:
    text = motion("cykel", "att tekniska nämnden bygger en cykelbana längs ån, som i Köpenhamn.")
    f = facts_of(text)
    assert value(f["partner_places"]) == []
    v = check(generic, text)
    assert v.recommendation == "bifalla"


def test_residents_named_by_their_origin_are_no_partner() -> None:
    text = motion("språk", "att biblioteket erbjuder läxhjälp på helger för ukrainska solnabor.")
    f = facts_of(text)
    assert value(f["partner_places"]) == []


def test_a_small_foreign_town_with_its_country_is_compared_with_not_a_partner() -> None:
    att = "att tekniska nämnden inför belysning längs strandpromenaden, som i Skagen i Danmark."
    f = facts_of(motion("belysning", att))
    assert value(f["partner_places"]) == []
    assert value(f["cooperation_kinds"]) == []


def test_a_small_foreign_town_with_its_country_as_partner_resolves_through_the_country() -> None:
    f = facts_of(motion("vänort", "att kommunen inleder ett vänortssamarbete med Skagen i Danmark."))
    assert [p["country_code"] for p in f["partner_places"].value] == ["DK"]


def test_a_study_visit_abroad_for_a_local_plan_proposes_no_cooperation() -> None:
    att = "att stadsmiljöförvaltningen genomför ett studiebesök i Wien inför arbetet med den nya toalettplanen."
    f = facts_of(motion("toaletter", att))
    assert value(f["partner_places"]) == []
    assert value(f["cooperation_kinds"]) == []


def test_the_content_of_a_call_on_the_state_is_not_a_second_act() -> None:
    att = "att kommunfullmäktige uppmanar regeringen att erkänna staten Palestina."
    f = facts_of(motion("erkännande", att))
    assert value(f["action_kinds"]) == ["call_on_state"]
    assert value(f["operative_stance"]) is True


def test_a_municipal_company_given_a_commission_acts_and_the_business_pointed_back_to_receives() -> None:
    text = (
        "Motion om caféet\n\nCafé Gläntan i parken har haft ett svårt år.\n\nJag yrkar\n\n"
        "att kommunfullmäktige ger kommunens fastighetsbolag i uppdrag att efterskänka caféets hyresskuld.\n"
    )
    f = facts_of(text)
    assert value(f["value_recipients"]) == ["business"]
    assert value(f["individual_business_support"]) is True
    assert value(f["named_businesses"]) == ["Café Gläntan"]


def test_every_att_sats_of_a_long_motion_is_read_in_order() -> None:
    atts = [f"att tekniska nämnden bygger {k} nya bänkar i park nummer {k}," for k in range(1, 41)]
    text = motion("bänkar", *atts)
    p = parse_text(text, path="m.txt", fmt="txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    whole = extract_facts(p)
    assert value(whole["action_kinds"]) == ["carry_out"]
    from checker.extraction import read_actions

    assert [r.att_sats for r in read_actions(p)] == list(range(1, 41))
    last = p.att_satser[-1]
    assert value(extract_facts(p, scope=(last.start, last.end))["action_kinds"]) == ["carry_out"]
