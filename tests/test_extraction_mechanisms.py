"""General extraction mechanisms, each exercised on short motions written for these tests.

Places need corroboration, local motions come out clean, local benefit, regions, themes, equal
treatment and business support cues, ending a cooperation and references to an existing partner.
"""

from __future__ import annotations

import re

import pytest

from checker.extraction import extract_facts, resolve_place
from checker.models import AttSats, Fact, ProfileContext, Proposal


def motion(text: str, *, municipality: str | None = None) -> Proposal:
    atts = tuple(
        AttSats(number=n, text=m.group(1), start=m.start(1), end=m.end(1))
        for n, m in enumerate(re.finditer(r"^[ \t]*(?:[-–•][ \t]*)?(att .+)$", text, re.MULTILINE), start=1)
    )
    return Proposal(path="x.txt", format="txt", text=text, sha256="0" * 64, att_satser=atts, municipality=municipality)


def facts_of(text: str, *, municipality: str | None = None, context: ProfileContext | None = None) -> dict[str, Fact]:
    return extract_facts(motion(text, municipality=municipality), context)


def codes(f: Fact) -> list[str]:
    return sorted({p.get("country_code", "") for p in f.value or []})


def names(f: Fact) -> list[str]:
    return sorted(p["name"] for p in f.value or [])


# --------------------------------------------------------------------------- 1. corroborated places

LIBRARY = (
    "Stadsdelsbiblioteken i Skäggetorp, Berga och Ekholmen är viktiga mötesplatser för invånarna.\n\n"
    "att kultur- och fritidsnämnden utökar öppettiderna på biblioteken i Skäggetorp, Berga och Ekholmen.\n"
)


def test_swedish_locality_sharing_a_small_foreign_towns_name_is_no_place() -> None:
    f = facts_of(LIBRARY, municipality="Linköping")
    assert f["partner_places"].known and f["partner_places"].value == []
    assert f["mentioned_places"].value == []


def test_small_foreign_town_is_kept_when_its_country_is_named() -> None:
    f = facts_of("att kommunen inleder ett samarbete med Berga i Spanien om kultur.\n")
    assert codes(f["partner_places"]) == ["ES"]


def test_small_foreign_town_is_kept_when_a_demonym_names_its_country() -> None:
    f = facts_of("Berga är en spansk stad i Katalonien.\n\natt kommunen inleder ett samarbete med Berga om kultur.\n")
    assert codes(f["partner_places"]) == ["ES"]


def test_small_foreign_town_is_kept_in_an_international_sentence() -> None:
    f = facts_of("att kommunen utser Berga till ny vänort.\n")
    assert codes(f["partner_places"]) == ["ES"]


def test_one_corroborated_mention_confirms_the_town_everywhere() -> None:
    text = "Vår vänort Berga har ett rikt kulturliv.\n\natt kommunen genomför ett tvåårigt kulturprojekt med Berga.\n"
    assert codes(facts_of(text)["partner_places"]) == ["ES"]


def test_an_international_sentence_about_another_country_does_not_confirm_a_town() -> None:
    text = (
        "En vänort i Skottland, till exempel på Orkney, vore fint.\n\n"
        "att kommunen knyter vänortsband med en ort i Skottland.\n"
    )
    f = facts_of(text)
    assert "ZA" not in codes(f["mentioned_places"]) + codes(f["partner_places"])


def test_major_foreign_city_needs_no_corroboration() -> None:
    f = facts_of("att kommunen inleder ett kulturprojekt med Madrid.\n")
    assert codes(f["partner_places"]) == ["ES"]


def test_profile_partner_town_is_always_accepted() -> None:
    ctx = ProfileContext.model_validate(
        {
            "municipality": "Solna",
            "source": "test",
            "partners": [{"name": "Berga", "country_code": "ES", "kind": "vänort"}],
        }
    )
    f = facts_of("att kommunen genomför ett projekt med Berga om skolan.\n", context=ctx)
    assert codes(f["partner_places"]) == ["ES"]


def test_signatory_first_name_is_not_a_demonym() -> None:
    prop = motion("Parkbänkarna behöver bytas.\n\natt tekniska nämnden byter parkbänkarna.\n\nBritt-Marie Ek (KD)\n")
    from checker.models import Signatory

    prop = prop.model_copy(update={"signatories": (Signatory(name="Britt-Marie Ek", party="KD"),)})
    assert extract_facts(prop)["mentioned_places"].value == []


# --------------------------------------------------------------------------- 2. local motions are clean


def test_a_motion_without_international_element_has_known_empty_partners_and_kinds() -> None:
    f = facts_of(LIBRARY)
    assert f["cooperation_kinds"].known and f["cooperation_kinds"].value == []
    assert f["partner_places"].known and f["partner_places"].value == []


def test_a_foreign_place_only_compared_with_keeps_a_local_motion_local() -> None:
    f = facts_of("att kommunen inför cykelgator efter modell av Köpenhamn.\n")
    assert f["cooperation_kinds"].known and f["cooperation_kinds"].value == []
    assert f["partner_places"].known and f["partner_places"].value == []


def test_international_cue_without_a_kind_is_unknown() -> None:
    f = facts_of("att kommunen ser över sitt internationella arbete med Tyskland.\n")
    assert codes(f["partner_places"]) == ["DE"]
    assert not f["cooperation_kinds"].known


# --------------------------------------------------------------------------- 4. regions


def test_swedish_names_of_foreign_regions_resolve_to_regions() -> None:
    for name, cc in (
        ("Andalusien", "ES"),
        ("Katalonien", "ES"),
        ("Bayern", "DE"),
        ("Toscana", "IT"),
        ("Skottland", "GB"),
        ("Wales", "GB"),
        ("Krim", "UA"),
        ("Donbas", "UA"),
        ("Gaza", "PS"),
        ("Västbanken", "PS"),
        ("Kalifornien", "US"),
    ):
        place = resolve_place(name)
        assert place is not None and place.kind == "region" and place.country_code == cc, name


def test_multinational_regions_carry_their_continent() -> None:
    for name, continent in (("Baltikum", "Europa"), ("Västafrika", "Afrika"), ("Sydostasien", "Asien")):
        place = resolve_place(name)
        assert place is not None and place.kind == "region" and place.continent == continent
        assert place.country_code is None
    kurdistan = resolve_place("Kurdistan")
    assert kurdistan is not None and kurdistan.kind == "region" and kurdistan.in_europe is False


def test_region_as_object_of_cooperation_is_a_partner() -> None:
    f = facts_of("att kommunen inleder ett treårigt turismprojekt med Andalusien.\n")
    assert names(f["partner_places"]) == ["Andalusien"]
    assert f["partner_places"].value[0]["kind"] == "region"


def test_lappland_alone_is_swedish_but_finnish_lappland_is_finland() -> None:
    assert facts_of("att kommunen marknadsför Lappland för turister.\n")["partner_places"].value == []
    f = facts_of("att kommunen inleder ett samarbete med finska Lappland om turism.\n")
    assert codes(f["partner_places"]) == ["FI"] and names(f["partner_places"]) == ["Finska Lappland"]


# --------------------------------------------------------------------------- 7. ending a cooperation


def test_ending_a_twinning_is_ending_not_a_friendship_agreement() -> None:
    for att in (
        "att kommunen avslutar vänortsavtalet med Tartu i Estland.",
        "att kommunen säger upp vänortssamarbetet med Tartu i Estland.",
        "att kommunen avvecklar vänortssamarbetet med Tartu i Estland.",
        "att kommunen fryser vänortsavtalet med Tartu i Estland tills vidare.",
        "att kommunen pausar vänortssamarbetet med Tartu i Estland.",
        "att vänortsavtalet med Tartu i Estland avvecklas.",
    ):
        kinds = facts_of(att + "\n")["cooperation_kinds"].value
        assert kinds == ["ending_cooperation"], (att, kinds)


def test_ending_a_sister_city_or_friendship_city_relation_uses_the_same_relation_words() -> None:
    for ask in (
        "att staden avslutar systerstadsrelationen med Austin i USA.",
        "att kommunen säger upp vänstadsavtalet med Tver i Ryssland.",
    ):
        kinds = facts_of(f"Motion om vänorter\n\n{ask}\n\nAnna Ek (S)\n")["cooperation_kinds"].value
        assert kinds == ["ending_cooperation"], ask


def test_saying_something_about_a_twinning_is_not_ending_it() -> None:
    kinds = facts_of("att kommunen säger att vänortsavtalet med Tartu i Estland ska fördjupas.\n")
    assert "ending_cooperation" not in kinds["cooperation_kinds"].value


# --------------------------------------------------------------------------- 8. the existing partner


def test_project_with_the_named_existing_partner_is_no_new_friendship_agreement() -> None:
    f = facts_of("att kommunen genomför ett tvåårigt projekt tillsammans med vänorten Gladsaxe om skolmat.\n")
    assert f["cooperation_kinds"].value == ["concrete_project"]
    assert codes(f["partner_places"]) == ["DK"]


def test_money_for_work_with_our_partner_towns_is_no_friendship_agreement() -> None:
    f = facts_of("att medlen används till utbyte med våra nordiska vänorter.\n")
    assert "friendship_agreement" not in f["cooperation_kinds"].value


def test_asking_to_deepen_the_relation_with_the_partner_town_is_a_friendship_agreement() -> None:
    f = facts_of("att kommunen fördjupar samarbetet med vänorten Gladsaxe.\n")
    assert "friendship_agreement" in f["cooperation_kinds"].value


def test_asking_for_a_new_partner_town_is_a_friendship_agreement() -> None:
    f = facts_of("att kommunen inleder vänortssamarbete med en stad i Moldavien.\n")
    assert f["cooperation_kinds"].value == ["friendship_agreement"]
    f = facts_of("att kommunen utser en ny vänort i Polen.\n")
    assert f["cooperation_kinds"].value == ["friendship_agreement"]


# --------------------------------------------------------------------------- 3. local benefit


def test_a_motion_about_the_municipalitys_own_services_is_local_by_nature() -> None:
    f = facts_of(LIBRARY)["local_benefit"]
    assert f.value is True
    assert f.note and "egen verksamhet" in f.note
    assert f.evidence[0].quote.startswith("att kultur- och fritidsnämnden")


def test_benefit_stated_through_residents_named_after_the_town() -> None:
    text = (
        "Kommunen bör gå med i nätverket. Det är där våra resurser gör nytta för boråsarna.\n\n"
        "att Borås ansöker om medlemskap i Eurocities.\n"
    )
    assert facts_of(text, municipality="Borås")["local_benefit"].value is True
    text = "Solnaborna får bättre service genom samarbetet.\n\natt Solna inleder ett projekt med Tartu i Estland.\n"
    assert facts_of(text)["local_benefit"].value is True


def test_benefit_stated_through_pupils_and_learning() -> None:
    text = (
        "Genom projektet kan eleverna i våra gymnasieskolor lära sig mycket om klimatanpassning.\n\n"
        "att kommunen genomför ett tvåårigt klimatprojekt med Tartu i Estland.\n"
    )
    assert facts_of(text)["local_benefit"].value is True


def test_learning_from_abroad_is_a_gain_for_the_municipality() -> None:
    text = "Vi tror att vi kan lära oss av andra europeiska städer.\n\natt kommunen blir medlem i nätverket Efus.\n"
    assert facts_of(text)["local_benefit"].value is True


def test_access_to_project_funds_is_a_gain_for_the_municipality() -> None:
    text = "Medlemskapet ger tillgång till projektmedel och arbetsgrupper.\n\natt kommunen går med i Eurocities.\n"
    assert facts_of(text)["local_benefit"].value is True


def test_benefit_stated_in_the_sentence_that_continues_the_argument() -> None:
    text = (
        "För våra företag är exportfrågan avgörande. Därmed kan de stärka sin konkurrenskraft.\n\n"
        "att kommunen deltar i en handelsdelegation till Tyskland.\n"
    )
    assert facts_of(text)["local_benefit"].value is True


def test_beneficiaries_only_abroad_are_no_local_benefit() -> None:
    text = (
        "Barnen i Kisumu skulle få bättre tillgång till rent vatten. Moldaviska tjänstemän får kunskap.\n\n"
        "att kommunen skänker en vattenpump till Kisumu i Kenya.\n"
    )
    assert facts_of(text)["local_benefit"].value is False


def test_an_exchange_between_administrations_alone_is_no_stated_benefit() -> None:
    text = (
        "att kommunen inleder vänortssamarbete med en stad i Moldavien med erfarenhetsutbyte mellan förvaltningarna.\n"
    )
    assert facts_of(text)["local_benefit"].value is False
    text = "att kommunen inleder ett utbyte med Tartu i Estland mellan våra skolor och föreningar.\n"
    assert facts_of(text)["local_benefit"].value is True


def test_an_international_motion_without_stated_benefit_is_not_local_by_nature() -> None:
    f = facts_of("att kommunen inleder vänortssamarbete med en stad i Moldavien.\n")
    assert f["local_benefit"].value is False


# --------------------------------------------------------------------------- 5. themes


def themes_of(att: str) -> list[str]:
    return list(facts_of(f"att kommunen inleder ett tvåårigt projekt med Tartu i Estland om {att}.\n")["themes"].value)


def test_theme_vocabulary_covers_common_municipal_fields() -> None:
    for words, theme in (
        ("krisberedskap och räddningstjänst", "security_safety"),
        ("brandskydd", "security_safety"),
        ("nedrustning och kärnvapen", "peace_reconciliation"),
        ("yttrandefrihet och förtryck", "democracy_human_rights"),
        ("kvinnofrid", "gender_equality"),
        ("gatukonst och musik", "culture"),
        ("besöksmål", "tourism"),
        ("snöröjning och reservkraft", "technical_services"),
        ("elförsörjning", "technical_services"),
        ("stadsplanering och bostäder", "urban_development"),
        ("personalförsörjning", "skills_supply"),
        ("fler äldre", "demographic_change"),
    ):
        assert theme in themes_of(words), (words, themes_of(words))


def test_stormwater_is_both_urban_development_and_water() -> None:
    assert {"urban_development", "water_sanitation"} <= set(themes_of("dagvattenhantering"))


def test_att_sats_pointing_to_goals_in_the_body_takes_their_themes() -> None:
    text = (
        "Projektet ska ha följande mål:\n"
        "1. att ta fram en modell för detaljplaner,\n"
        "2. att utbilda personal i snöröjning.\n\n"
        "att kommunen genomför ett treårigt projekt med Tartu i Estland med de mål som anges i motionen.\n"
    )
    assert {"urban_development", "technical_services"} <= set(facts_of(text)["themes"].value)


# --------------------------------------------------------------------------- 6. equal treatment, business


def test_free_entry_for_residents_of_named_districts_favours_a_group() -> None:
    f = facts_of("att boende i stadsdelarna Norr och Väster får fri entré till badhuset.\n")
    assert f["favours_group"].value is True
    assert f["objective_reason_stated"].value is False


def test_discount_for_members_of_an_association_favours_a_group() -> None:
    f = facts_of("att medlemmar i Idrottsklubben får rabatt på hyran av kommunens lokaler.\n")
    assert f["favours_group"].value is True


def test_free_entry_for_an_age_group_without_a_need_favours_a_group() -> None:
    f = facts_of("att alla pensionärer får gratis inträde på stadens museer.\n")
    assert f["favours_group"].value is True


def test_free_entry_for_an_age_group_with_a_need_based_reason_favours_it_with_a_stated_reason() -> None:
    text = (
        "Många äldre med låg inkomst har behov av motion men har inte råd med entréavgiften.\n\n"
        "att alla pensionärer får gratis inträde på badhuset.\n"
    )
    f = facts_of(text)
    assert f["favours_group"].value is True
    assert f["objective_reason_stated"].value is True
    assert f["group_by_age_or_scheme"].value is True


def test_free_entry_for_the_residents_of_a_district_is_not_a_group_by_age() -> None:
    f = facts_of("att pensionärer som bor i stadsdelen Norr får fri entré till badhuset.\n")
    assert f["favours_group"].value is True
    assert f["group_by_age_or_scheme"].value is False


def test_a_stated_objective_ground_is_recognised() -> None:
    text = (
        "Ordningen bygger på socioekonomiska skäl och behovet i området.\n\n"
        "att boende i stadsdelen Norr får reducerad avgift i kulturskolan.\n"
    )
    f = facts_of(text)
    assert f["favours_group"].value is True and f["objective_reason_stated"].value is True


def test_a_grant_to_the_village_shop_is_individual_business_support() -> None:
    f = facts_of("att kommunen lämnar ett driftsbidrag till lanthandeln i Byn.\n")
    assert f["individual_business_support"].value is True


def test_a_loan_guarantee_to_the_shipyard_is_individual_business_support() -> None:
    f = facts_of("att kommunen går i borgen för varvet så att verksamheten kan fortsätta.\n")
    assert f["individual_business_support"].value is True


def test_reduced_rent_for_a_named_company_is_individual_business_support() -> None:
    f = facts_of("att kommunen ger Bygdens Bageri AB nedsatt hyra i kommunens lokal.\n")
    assert f["individual_business_support"].value is True
    assert f["named_businesses"].value == ["Bygdens Bageri AB"]


def test_general_business_climate_is_no_individual_support() -> None:
    f = facts_of("att kommunen tar fram en strategi för att förbättra företagsklimatet.\n")
    assert f["individual_business_support"].value is False


def test_the_last_shop_in_the_area_is_an_exceptional_ground() -> None:
    text = (
        "Butiken är den sista butiken i hela socknen.\n\natt kommunen lämnar ett driftsbidrag till lanthandeln i Byn.\n"
    )
    assert facts_of(text)["exceptional_grounds"].value is True
    text = "Det finns synnerliga skäl.\n\natt kommunen lämnar ett bidrag till lanthandeln i Byn.\n"
    assert facts_of(text)["exceptional_grounds"].value is True
    assert facts_of("att kommunen lämnar ett bidrag till lanthandeln i Byn.\n")["exceptional_grounds"].value is False


def test_not_buying_a_product_is_no_boycott_without_a_country() -> None:
    facts = facts_of(
        "Motion om plast\n\natt kommunen inte ska köpa in engångsplast till förskolorna.\n\nAnna Ek (MP)\n"
    )
    assert facts["cooperation_kinds"].value == []
    assert facts["foreign_policy_stance"].value is False


def test_excluding_suppliers_from_a_country_is_a_boycott() -> None:
    text = "Motion\n\natt kommunen inte ska ingå avtal med leverantörer som har säte i Ryssland.\n\nAnna Ek (S)\n"
    assert facts_of(text)["cooperation_kinds"].value == ["boycott"]


def test_a_time_limited_exchange_named_as_a_compound_is_a_concrete_project_and_an_exchange() -> None:
    text = "Motion\n\natt nämnden genomför ett treårigt lärarutbyte med en skola i Tartu i Estland.\n\nAnna Ek (V)\n"
    assert facts_of(text)["cooperation_kinds"].value == ["concrete_project", "exchange"]


# --------------------------------------------------------------------------- passes share a document


PASSES = (
    "Sjukhuset i Bălți i Moldavien saknar sängar och rullstolar.\n\n"
    "Jag föreslår att fullmäktige beslutar\n\n"
    "att kommunen skänker begagnade sjukhussängar och rullstolar till sjukhuset i Bălți i Moldavien\n"
    "att kultur- och fritidsnämnden får i uppdrag att utöka öppettiderna på stadsbiblioteket\n"
    "att kommunen bekostar transporten av sängarna med 40 000 kronor\n"
)


def _dumped(facts: dict[str, Fact]) -> dict[str, object]:
    return {name: f.model_dump() for name, f in facts.items()}


def _pass(proposal: Proposal, scope: tuple[int, int] | None) -> dict[str, object]:
    return _dumped(extract_facts(proposal, None, scope=scope))


def _alone(scope: tuple[int, int] | None) -> dict[str, object]:
    extract_facts(motion("att kommunen inför gratis parkering\n"), None)  # another motion: nothing shared
    return _pass(motion(PASSES), scope)


def test_an_att_sats_pass_gives_the_same_facts_whichever_passes_read_the_motion_before() -> None:
    proposal = motion(PASSES)
    scopes: list[tuple[int, int] | None] = [None, *((a.start, a.end) for a in proposal.att_satser)]
    alone = {scope: _alone(scope) for scope in scopes}
    extract_facts(motion("att kommunen inför gratis parkering\n"), None)
    forwards = {scope: _pass(proposal, scope) for scope in scopes}
    extract_facts(motion("att kommunen inför gratis parkering\n"), None)
    again = motion(PASSES)
    backwards = {scope: _pass(again, scope) for scope in reversed(scopes)}
    assert forwards == alone
    assert backwards == alone
    # the passes read different things (a shared result kept for the wrong scope would show)
    aid, commission, transport = (alone[s] for s in scopes[1:])
    assert aid["aid_forms"] != commission["aid_forms"]
    assert commission["commissions_body"] != aid["commissions_body"]
    assert transport["has_cost"] != aid["has_cost"]


@pytest.mark.parametrize(
    ("sentence", "company"),
    [
        ("Kommunen bör hyra lokalen av Lindqvists Bygg AB under fem år.", "Lindqvists Bygg AB"),
        ("Avtalet med AB Nordlandia Fastigheter ska förlängas.", "Nordlandia Fastigheter"),
        ("Aktiebolaget Granbacken Logistik får bidraget.", "Granbacken Logistik"),
        ("Stödet går till företaget Ekmans Snickeri.", "Ekmans Snickeri"),
        ("Uppdraget ges till Harwell Ltd för en förstudie.", "Harwell Ltd"),
        ("Kontraktet tecknas med Rautala Oy i Uleåborg.", "Rautala Oy"),
        ("Färjan hyrs av Skovlund A/S.", "Skovlund A/S"),
    ],
)
def test_a_company_named_by_its_form_is_found_in_any_of_the_forms(sentence: str, company: str) -> None:
    from checker.extraction.extractors import _companies
    from checker.extraction.text import build_doc

    doc = build_doc(motion(sentence + "\n"))
    quoted = [full for found in _companies(doc).values() for _, full in found]
    assert any(company in q for q in quoted), quoted
