"""The action reading (checker/extraction/actions.py): what each att-sats asks, and the contract facts."""

from __future__ import annotations

import hashlib

from checker.extraction import extract_facts
from checker.models import Fact
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
    f = facts_of(motion("uttalande", "att fullmäktige uttalar sitt stöd för de drabbade."))
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
