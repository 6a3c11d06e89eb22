"""Behaviour of checker.extraction: facts with evidence from Swedish motion text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.extraction import extract_facts
from checker.facts import FACTS
from checker.models import AttSats, ContextNetwork, Fact, ProfileContext, Proposal

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def motion(text: str, *, submitted: str | None = None, municipality: str | None = None) -> Proposal:
    """A proposal whose att-satser are the lines starting with "att" (as the reader would find them)."""
    atts = tuple(
        AttSats(number=n, text=m.group(1), start=m.start(1), end=m.end(1))
        for n, m in enumerate(re.finditer(r"^[ \t]*(?:[-–•][ \t]*)?(att .+)$", text, re.MULTILINE), start=1)
    )
    return Proposal(
        path="x.txt",
        format="txt",
        text=text,
        sha256="0" * 64,
        att_satser=atts,
        submitted=submitted,
        municipality=municipality,
    )


def codes(f: Fact) -> list[str]:
    return sorted({p["country_code"] for p in f.value if "country_code" in p})


@pytest.fixture(scope="module")
def founding() -> dict[str, Fact]:
    return extract_facts(motion((FIXTURES / "founding-motion.txt").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- the founding motion


def test_founding_motion_partner_is_taiwan(founding: dict[str, Fact]) -> None:
    assert founding["partner_places"].known
    assert [p["name"] for p in founding["partner_places"].value] == ["Taiwan"]
    assert founding["partner_places"].value[0] == {
        "name": "Taiwan",
        "kind": "country",
        "country_code": "TW",
        "country": "Taiwan",
        "continent": "Asien",
        "in_europe": False,
        "eu_eea": False,
        "receives_swedish_aid": False,
    }


def test_china_is_mentioned_not_partner_in_founding_motion(founding: dict[str, Fact]) -> None:
    assert codes(founding["mentioned_places"]) == ["CN", "IR", "RU"]
    assert "CN" not in codes(founding["partner_places"])


def test_founding_motion_is_a_friendship_agreement_on_disinformation(founding: dict[str, Fact]) -> None:
    assert "friendship_agreement" in founding["cooperation_kinds"].value
    assert founding["themes"].value == ["disinformation"]


def test_founding_motion_takes_a_foreign_policy_stance_with_evidence(founding: dict[str, Fact]) -> None:
    stance = founding["foreign_policy_stance"]
    assert stance.known and stance.value is True
    quote = (
        "Kinas upptrappade aggressioner mot demokratin Taiwan måste mötas av den fria världens "
        "solidaritet och fördjupade lokala samarbeten."
    )
    assert any(e.quote == quote for e in stance.evidence)
    assert "solidarity_against_state" in founding["foreign_policy_kinds"].value


def test_founding_motion_trade_background_does_not_leak_into_themes_or_business(founding: dict[str, Fact]) -> None:
    assert "trade_business" not in founding["themes"].value
    assert founding["individual_business_support"].value is False


def test_founding_motion_states_no_local_benefit_and_no_date(founding: dict[str, Fact]) -> None:
    assert founding["local_benefit"].value is False
    assert not founding["motion_date"].known
    assert founding["motion_date"].note


def test_every_extractable_fact_is_returned_with_extracted_source(founding: dict[str, Fact]) -> None:
    assert set(founding) == {n for n, d in FACTS.items() if d.extractor}
    assert all(f.source == "extracted" for f in founding.values())


def test_evidence_offsets_point_into_the_proposal_text() -> None:
    text = (FIXTURES / "founding-motion.txt").read_text(encoding="utf-8")
    prop = motion("Rubrik\n\n" + text)
    for f in extract_facts(prop).values():
        for e in f.evidence:
            assert e.start is not None and e.end is not None
            assert prop.text[e.start : e.end] == e.quote


def test_unknown_facts_carry_a_swedish_note(founding: dict[str, Fact]) -> None:
    for f in founding.values():
        if not f.known:
            assert f.note and f.value is None


# --------------------------------------------------------------------------- scope


def test_scope_of_an_att_sats_resolves_the_city_from_the_other_att_satser() -> None:
    text = (
        "Kisumu i Kenya har stora behov inom vatten och avlopp, och våra ingenjörer kan lära sig mycket.\n\n"
        "att kommunen inleder ett tidsbegränsat partnerskap med Kisumu i Kenya om vatten och avlopp,\n"
        "att partnerskapet avgränsas till tre år.\n"
    )
    prop = motion(text)
    second = prop.att_satser[1]
    facts = extract_facts(prop, scope=(second.start, second.end))
    assert codes(facts["partner_places"]) == ["KE"]


def test_scope_attaches_a_body_stance_only_to_att_satser_about_the_same_state() -> None:
    text = (
        "Rysslands anfallskrig mot Ukraina måste mötas av solidaritet med Ukraina.\n\n"
        "att kommunen inleder ett samarbete med Ukraina om återuppbyggnad,\n"
        "att kommunen anordnar en årlig näringslivsdag för företagen i kommunen.\n"
    )
    prop = motion(text)
    first, second = prop.att_satser
    assert extract_facts(prop, scope=(first.start, first.end))["foreign_policy_stance"].value is True
    assert extract_facts(prop, scope=(second.start, second.end))["foreign_policy_stance"].value is False


# --------------------------------------------------------------------------- known / unknown


def test_partner_places_unknown_when_cooperation_names_no_place() -> None:
    facts = extract_facts(motion("Vi vill ha en vänort.\n\natt kommunen tecknar ett vänortsavtal med en stad.\n"))
    assert not facts["partner_places"].known
    assert "ingen ort" in (facts["partner_places"].note or "")


def test_partner_places_empty_and_known_without_international_action() -> None:
    facts = extract_facts(motion("Gatorna är mörka.\n\natt tekniska nämnden sätter upp belysning på cykelvägen.\n"))
    assert facts["partner_places"].known and facts["partner_places"].value == []
    assert facts["themes"].known


def test_themes_unknown_when_cooperation_has_no_identifiable_subject() -> None:
    facts = extract_facts(
        motion("Tartu är en fin stad.\n\natt Solna inleder en vänortsrelation med Tartu i Estland.\n")
    )
    assert codes(facts["partner_places"]) == ["EE"]
    assert not facts["themes"].known


def test_no_stance_cue_gives_known_false_with_note() -> None:
    facts = extract_facts(motion("Skolan behöver nya lokaler.\n\natt kommunen bygger en ny skola.\n"))
    stance = facts["foreign_policy_stance"]
    assert stance.known and stance.value is False and stance.evidence == ()
    assert stance.note == "inga formuleringar som tar ställning i utrikespolitiska frågor hittades"


# --------------------------------------------------------------------------- cooperation kinds and themes


def test_time_limited_project_with_aims_is_a_concrete_project() -> None:
    text = "att kulturnämnden genomför ett tvåårigt projekt med Kraków med tydliga mål för skolornas utbyte.\n"
    facts = extract_facts(motion(text))
    assert "concrete_project" in facts["cooperation_kinds"].value
    assert codes(facts["partner_places"]) == ["PL"]


def test_ending_a_twinning_is_ending_cooperation_not_a_new_friendship() -> None:
    facts = extract_facts(motion("att vänortsavtalet med Vologda i Ryssland sägs upp.\n"))
    assert facts["cooperation_kinds"].value == ["ending_cooperation"]


def test_climate_adaptation_compound_maps_to_climate_environment() -> None:
    facts = extract_facts(motion("att kommunen samarbetar med Esbo i Finland om klimatanpassning.\n"))
    assert facts["themes"].value == ["climate_environment"]


def test_elderly_care_compound_and_water_abbreviation_are_themes() -> None:
    text = "att kommunen inleder ett projekt med Kaunas om äldreomsorgen och VA-frågor.\n"
    assert extract_facts(motion(text))["themes"].value == ["elderly_care", "water_sanitation"]


def test_committee_name_is_not_a_theme() -> None:
    text = "att kultur- och fritidsnämnden genomför ett utbyte med Riga om elevers inkludering.\n"
    themes = extract_facts(motion(text))["themes"].value
    assert "culture" not in themes and "social_inclusion" in themes


def test_advice_to_a_foreign_city_is_development_aid() -> None:
    facts = extract_facts(motion("att staden lämnar rådgivning om fjärrvärme till en stad i Moldavien.\n"))
    assert "development_aid" in facts["cooperation_kinds"].value


# --------------------------------------------------------------------------- foreign policy


def test_call_on_government_about_school_funding_is_not_foreign_policy() -> None:
    facts = extract_facts(motion("att kommunfullmäktige uppmanar regeringen att höja statsbidragen till skolan.\n"))
    assert facts["foreign_policy_stance"].value is False


def test_call_on_government_to_push_eu_sanctions_is_foreign_policy() -> None:
    facts = extract_facts(motion("att kommunen uppmanar regeringen att inom EU verka för sanktioner mot Ryssland.\n"))
    kinds = facts["foreign_policy_kinds"].value
    assert "call_on_government" in kinds and "boycott_sanctions" in kinds
    assert facts["cooperation_kinds"].value == ["statement"]


def test_saying_it_is_not_foreign_policy_does_not_hide_a_condemnation() -> None:
    text = (
        "Detta är inte en motion om utrikespolitik.\n\n"
        "att kommunfullmäktige fördömer Rysslands krigföring mot civila i Ukraina.\n"
    )
    facts = extract_facts(motion(text))
    assert facts["foreign_policy_stance"].value is True
    assert "stance_on_state" in facts["foreign_policy_kinds"].value
    assert codes(facts["partner_places"]) == ["RU"]
    assert codes(facts["mentioned_places"]) == ["UA"]


def test_boycott_of_goods_from_a_country_is_boycott_and_sanctions() -> None:
    text = "att kommunen inte ska köpa varor från företag som är registrerade i Israel.\n"
    facts = extract_facts(motion(text))
    assert "boycott_sanctions" in facts["foreign_policy_kinds"].value
    assert "boycott" in facts["cooperation_kinds"].value


def test_nuclear_ban_appeal_is_nuclear_free_zone_stance() -> None:
    facts = extract_facts(motion("att kommunen ställer sig bakom ICAN:s appell om förbud mot kärnvapen.\n"))
    assert "nuclear_free_zone" in facts["foreign_policy_kinds"].value


def test_recognising_a_state_is_recognition() -> None:
    facts = extract_facts(motion("att kommunen uppmanar regeringen att erkänna staten Palestina.\n"))
    assert "recognition" in facts["foreign_policy_kinds"].value


def test_flying_a_foreign_flag_as_a_statement_is_a_stance() -> None:
    facts = extract_facts(motion("att kommunen hissar Taiwans flagga som en markering mot Kinas hot mot Taiwan.\n"))
    assert facts["foreign_policy_stance"].value is True
    assert codes(facts["partner_places"]) == ["TW"]
    assert codes(facts["mentioned_places"]) == ["CN"]


# --------------------------------------------------------------------------- local benefit, business, equality


def test_benefit_for_staff_is_local_benefit() -> None:
    text = (
        "Samarbetet ger våra ingenjörer värdefull erfarenhet av klimatanpassning.\n\n"
        "att kommunen inleder ett partnerskap med Kisumu.\n"
    )
    facts = extract_facts(motion(text))
    assert facts["local_benefit"].value is True
    assert facts["local_benefit"].evidence[0].quote.startswith("Samarbetet ger")


def test_municipality_acting_is_not_local_benefit() -> None:
    text = "Det vore ett sätt för Sundsvall att visa medmänsklighet.\n\natt Sundsvall får en vänort i Kenya.\n"
    assert extract_facts(motion(text))["local_benefit"].value is False


def test_grant_to_named_company_is_individual_business_support() -> None:
    text = "att kommunfullmäktige beviljar Sundsvalls Plåt & Mekanik AB ett bidrag på 4 miljoner kronor.\n"
    facts = extract_facts(motion(text))
    assert facts["individual_business_support"].value is True
    assert facts["named_businesses"].value == ["Sundsvalls Plåt & Mekanik AB"]
    assert facts["exceptional_grounds"].value is False


def test_business_day_for_all_companies_is_general_promotion() -> None:
    facts = extract_facts(motion("att kommunen anordnar en årlig näringslivsdag för alla företag i kommunen.\n"))
    assert facts["general_business_promotion"].value is True
    assert facts["individual_business_support"].value is False


def test_discount_for_members_of_one_association_favours_a_group() -> None:
    text = "att medlemmar i Norrtälje Segelsällskap får 50 procents rabatt på avgifterna i gästhamnen.\n"
    facts = extract_facts(motion(text))
    assert facts["favours_group"].value is True
    assert facts["objective_reason_stated"].value is False


def test_residents_parking_with_stated_objective_reason() -> None:
    text = (
        "Ordningen bygger på ett sakligt skäl: brist på egen parkering.\n\n"
        "att tekniska nämnden inför boendeparkering i Haga.\n"
    )
    facts = extract_facts(motion(text))
    assert facts["favours_group"].value is True
    assert facts["objective_reason_stated"].value is True


# --------------------------------------------------------------------------- networks and dates


def test_joining_covenant_of_mayors_by_swedish_name() -> None:
    facts = extract_facts(motion("att kommunen ansluter sig till Borgmästaravtalet.\n"))
    assert facts["networks_requested"].value == ["Covenant of Mayors"]
    assert "network_membership" in facts["cooperation_kinds"].value


def test_context_network_alias_is_recognised() -> None:
    ctx = ProfileContext(
        municipality="Solna", source="test", networks=(ContextNetwork(name="Nordiskt stadsnätverk", aliases=("NSN",)),)
    )
    facts = extract_facts(motion("att Solna blir medlem i NSN.\n"), ctx)
    assert facts["networks_requested"].value == ["Nordiskt stadsnätverk"]


def test_motion_date_from_signature_line() -> None:
    text = "att kommunen bygger en skola.\n\nSolna den 9 juni 2025\n\nKarin Bergström (M)\n"
    f = extract_facts(motion(text))["motion_date"]
    assert f.value == "2025-06-09" and f.evidence[0].quote == "Solna den 9 juni 2025"


def test_motion_date_prefers_the_submitted_date() -> None:
    f = extract_facts(motion("att kommunen bygger en skola.\n", submitted="2025-04-28"))["motion_date"]
    assert f.value == "2025-04-28"


def test_only_the_motion_span_is_read() -> None:
    text = "Tjänsteskrivelse om samarbete med Kina.\n\nMOTION\natt kommunen bygger en skola.\n"
    prop = motion(text).model_copy(update={"body_start": text.index("MOTION")})
    facts = extract_facts(prop)
    assert facts["mentioned_places"].value == [] and facts["partner_places"].value == []
