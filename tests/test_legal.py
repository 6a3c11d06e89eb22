"""Legal precision: wording in force on the as-of date, who decides, money in international aid, the
order of weight, the reader's wording, and rule authoring for another municipality."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from checker.api import Checker
from checker.casetest import run_scenarios
from checker.engine import Engine
from checker.errors import PolicyError
from checker.factsfile import facts_from_mapping
from checker.load import authoring_warnings, load_policy_set
from checker.render.documents import render_draft
from checker.render.text import render_text
from checker.verdict import build_verdict

from .conftest import ROOT, run_cli

AS_OF = dt.date(2025, 8, 14)
STATUTES = "policies: [kommunallagen, lag-2009-47, regeringsformen, lou, eu-statsstod]\n"


def verdict(checker: Checker, values: dict[str, object], as_of: dt.date = AS_OF):  # type: ignore[no-untyped-def]
    facts = facts_from_mapping(values, checker.policy_set.context)
    return build_verdict(checker.policy_set, checker.engine, facts, as_of=as_of)


def check_text(checker: Checker, tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "motion.txt"
    path.write_text(text, encoding="utf-8")
    return checker.check(path, as_of=AS_OF)


def fact(v, name: str):  # type: ignore[no-untyped-def]
    return next(f for f in v.facts if f.name == name)


# ----------------------------------------------------------------- wording in force on the as-of date

DATED = """\
id: dated
kind: municipal_guideline
title: Testriktlinje
short: Testriktlinjen
in_force_from: 2020-01-01
verified: false
clauses:
  - id: fokus
    number: Riktlinjen, fokus
    text: Den gamla lydelsen gällde till och med 2022.
    in_force_from: 2020-01-01
    in_force_until: 2023-01-01
    verified: false
  - id: fokus
    number: Riktlinjen, fokus
    text: Den nya lydelsen gäller från 2023.
    in_force_from: 2023-01-01
    verified: false
"""

DATED_RULES = """\
source: dated
rules:
  - id: TEST-FOKUS
    title: {sv: En testregel som citerar en klausul med två lydelser, en: A test rule citing a clause with two wordings}
    concern: geographic-focus
    severity: avvikelse
    ground: {sv: gäller en partner utanför Europa}
    question: {sv: Var ligger partnern?}
    cites: [dated/fokus]
    in_force_from: 2020-01-01
    violation_when: {fact: partner_places, any_item: {field: in_europe, is: false}}
    message: {sv: Partnern ligger utanför Europa.}
    pass_message: {sv: Partnern ligger i Europa.}
    remedy: {sv: Välj en partner i Europa.}
    cases:
      - {name: En partner i Kenya ligger utanför Europa, facts: {partner_places: [Kenya]}, expect: violation}
      - {name: En partner i Finland ligger i Europa, facts: {partner_places: [Finland]}, expect: pass}
"""


def dated_profile(tmp_path: Path, policy: str = DATED) -> Path:
    (tmp_path / "policies").mkdir(parents=True)
    (tmp_path / "rules").mkdir()
    (tmp_path / "policies" / "dated.yaml").write_text(policy, encoding="utf-8")
    (tmp_path / "rules" / "dated.yaml").write_text(DATED_RULES, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(
        "id: dated\ntitle: Test\nmunicipality: Testkommun\nbody: Regionstyrelsen\ncouncil: regionfullmäktige\n"
        "policies: [dated]\nrules: [dated]\n",
        encoding="utf-8",
    )
    return tmp_path


def test_a_verdict_quotes_the_wording_in_force_on_its_as_of_date(tmp_path: Path) -> None:
    ps = load_policy_set(dated_profile(tmp_path))
    engine = Engine(ps)
    facts = facts_from_mapping({"partner_places": ["Kenya"]}, None)
    quotes = {}
    for day in (dt.date(2022, 6, 1), dt.date(2024, 6, 1)):
        v = build_verdict(ps, engine, facts, as_of=day)
        quotes[day.year] = [c.quote for f in v.findings for c in f.citations]
    assert quotes == {
        2022: ["Den gamla lydelsen gällde till och med 2022."],
        2024: ["Den nya lydelsen gäller från 2023."],
    }


def test_two_wordings_of_a_clause_for_overlapping_periods_are_refused(tmp_path: Path) -> None:
    overlapping = DATED.replace("    in_force_until: 2023-01-01\n", "")
    with pytest.raises(PolicyError) as err:
        load_policy_set(dated_profile(tmp_path, overlapping))
    assert "overlapping periods" in " ".join(err.value.lines())


def test_the_administrations_2025_statement_is_not_cited_before_it_was_made(solna: Checker) -> None:
    values = {"cooperation_kinds": ["friendship_agreement"], "partner_places": ["Taiwan"], "themes": ["disinformation"]}
    before = next(f for f in verdict(solna, values, dt.date(2025, 6, 1)).findings if f.concern == "priority-area")
    on_the_day = next(f for f in verdict(solna, values).findings if f.concern == "priority-area")
    assert all("KS/2025:193" not in c.source_title for c in before.citations)
    statement = [c for c in on_the_day.citations if c.clause_id == "solna-ks-2025-193/not-prioritised"]
    assert statement and statement[0].source_title.startswith("Stadsledningsförvaltningens tjänsteskrivelse 2025-08-14")
    assert "inte riktlinjens text" in (statement[0].note or "")


def test_a_provision_named_by_reference_quotes_nothing_and_says_so(solna: Checker) -> None:
    v = verdict(solna, {"individual_business_support": True})
    aid = next(f for f in v.findings if f.rule_id == "EU-STATSSTOD")
    assert aid.outcome == "violation" and aid.severity == "notering"
    assert all(not c.verified and "behöver verifieras" in (c.note or "") for c in aid.citations)


# ----------------------------------------------------------------- who decides


def test_the_decision_is_addressed_to_the_body_the_profile_names(tmp_path: Path) -> None:
    ps = load_policy_set(dated_profile(tmp_path))
    v = build_verdict(ps, Engine(ps), facts_from_mapping({"partner_places": ["Kenya"]}, None), as_of=AS_OF)
    assert v.decision == "Regionstyrelsen föreslår regionfullmäktige besluta att avslå motionen."


def test_a_medborgarforslag_passed_to_a_namnd_is_decided_by_the_namnd(solna: Checker, tmp_path: Path) -> None:
    v = check_text(
        solna,
        tmp_path,
        "Medborgarförslag om fler bänkar i Hagaparken\n\nKommunfullmäktige har överlåtit till tekniska nämnden "
        "att besluta i ärendet.\n\nJag föreslår att staden ställer ut fler bänkar längs gångvägarna i "
        "Hagaparken.\n\nEva Svensson\n",
    )
    assert fact(v, "proposal_kind").value == "medborgarforslag"
    assert fact(v, "delegated_to").value == "Tekniska nämnden"
    assert "föreslår tekniska nämnden besluta att" in v.decision and v.decision.endswith("medborgarförslaget.")
    assert "Kommunstyrelsen" not in v.decision


# ----------------------------------------------------------------- lag (2009:47) 5 kap.


def test_a_grant_to_rebuild_a_school_abroad_is_rejected_and_the_exemption_is_not_applied(
    solna: Checker, tmp_path: Path
) -> None:
    v = check_text(
        solna,
        tmp_path,
        "Motion om stöd till en skola i Charkiv\n\nSkolan i Charkiv förstördes i kriget.\n\n"
        "Jag föreslår kommunfullmäktige besluta\n\n"
        "att kommunen lämnar ett bidrag på 500 000 kronor till återuppbyggnaden av skolan i Charkiv i Ukraina.\n\n"
        "Anna Ek (L)\n",
    )
    assert fact(v, "aid_forms").value == ["money_other"]
    assert v.recommendation == "avslå"
    assert "L47-PENGAR" in v.grounds
    tie = next(f for f in v.findings if f.rule_id == "KL-ANKNYTNING")
    assert tie.outcome != "pass" and not tie.exemption
    assert "utbildning och rådgivning" in v.summary


def test_surplus_equipment_is_exempt_from_the_tie_and_needs_no_sida_notice(solna: Checker, tmp_path: Path) -> None:
    v = check_text(
        solna,
        tmp_path,
        "Motion om sängar till Ukraina\n\nJag föreslår kommunfullmäktige besluta\n\n"
        "att kommunen lämnar bistånd till ett sjukhus i Ukraina i form av överblivna sjukhussängar som kommunen "
        "inte längre behöver, och betalar transporten.\n\nAnna Ek (L)\n",
    )
    assert set(fact(v, "aid_forms").value) == {"surplus_equipment", "transport"}
    by_id = {f.rule_id: f for f in v.findings}
    assert by_id["KL-ANKNYTNING"].outcome == "pass" and by_id["KL-ANKNYTNING"].exemption
    assert by_id["KL-ANKNYTNING"].message.startswith("Undantag enligt lag (2009:47) 1 kap. 2 §")
    assert by_id["L47-BISTAND-SIDA"].outcome == "pass" and by_id["L47-BISTAND-SIDA"].exemption
    assert "L47-BISTAND-SIDA" not in v.grounds and not by_id["L47-BISTAND-SIDA"].remedy


def test_an_exemption_is_never_listed_among_the_rules_met(tmp_path: Path) -> None:
    motion = tmp_path / "motion.txt"
    motion.write_text(
        "Motion om sängar till Ukraina\n\nJag föreslår kommunfullmäktige besluta\n\n"
        "att kommunen lämnar bistånd till Ukraina i form av överblivna sjukhussängar som kommunen inte längre "
        "behöver.\n\n"
        "Anna Ek (L)\n",
        encoding="utf-8",
    )
    lines = run_cli("check", str(motion), "--as-of", "2025-08-14").stdout.decode().splitlines()
    met = next(line for line in lines if line.startswith("Uppfyllda regler:"))
    exempted = next(line for line in lines if line.startswith("Undantag enligt lag:"))
    assert "KL-ANKNYTNING" in exempted and "KL-ANKNYTNING" not in met


# ----------------------------------------------------------------- weight and wording


def test_an_answered_motion_never_hides_an_open_legal_question(solna: Checker) -> None:
    base = {
        "networks_requested": ["Eurocities"],
        "cooperation_kinds": ["network_membership"],
        "action_kinds": ["join", "give_value"],
        "value_recipients": ["business"],
        "partner_places": [],
        "local_benefit": True,
    }
    v = verdict(solna, base)
    assert v.recommendation == "granska"
    assert any(f.rule_id == "KL-NARINGSSTOD" for f in v.findings if f.rule_id in v.grounds)


@pytest.mark.parametrize("profile", ["solna", "generic"])
def test_texts_for_readers_name_no_rule_ids(profile: str, solna: Checker, generic: Checker) -> None:
    checker = solna if profile == "solna" else generic
    ids = {r.id for r in checker.policy_set.rules}
    for file, i, case in checker.policy_set.scenarios:
        facts = facts_from_mapping(case["facts"], checker.policy_set.context)
        v = build_verdict(checker.policy_set, checker.engine, facts, as_of=AS_OF)
        text = " ".join([v.summary, v.decision, *(f.message for f in v.findings), *v.questions])
        assert not [x for x in ids if x in text], (file, i)
        assert "ska upphävas" not in text
        for sentence in re.split(r"(?<=\.) ", text):  # "får bara" is always qualified
            if re.search(r"\bfår(, om inte annat följer av lag,)? bara\b", sentence):
                assert "om inte" in sentence, sentence


def test_an_approval_names_the_provisions_examined_and_leaves_expediency_open(generic: Checker) -> None:
    values = {
        "is_motion": True,
        "action_kinds": ["carry_out"],
        "cooperation_kinds": [],
        "foreign_policy_stance": False,
        "foreign_policy_kinds": [],
        "operative_stance": False,
        "state_matter": False,
        "value_recipients": [],
        "individual_business_support": False,
        "favours_group": False,
        "arbitrary_ground": False,
        "special_law_basis": [],
        "has_cost": False,
        "proposal_kind": "motion",
        "motion_date": "2025-04-01",
    }
    v = verdict(generic, values)
    assert v.recommendation == "bifalla"
    assert v.summary.startswith(
        "Förvaltningen har inte funnit något rättsligt hinder i de bestämmelser som har prövats ("
    )
    assert "kommunallagen 1 kap. 5 §, 2 kap. 1, 2, 3 och 8 §§" in v.summary
    assert "13 kap." not in v.summary.split("LOU")[0]  # laglighetsprövning is a consequence, not a limit
    assert v.summary.endswith("Om förslaget bör genomföras är en lämplighetsfråga.")


def test_legal_obstacles_and_guideline_departures_are_separate_grounds(solna: Checker) -> None:
    v = solna.check(ROOT / "examples" / "solna-taiwan-2025" / "facts.yaml", as_of=AS_OF)
    hinder, avvikelse = v.summary.split("Avvikelser från styrdokument:")
    assert "Rättsliga hinder:" in hinder and "utrikespolitisk" in hinder
    assert "Europa" in avvikelse and "Europa" not in hinder
    assert "Förvaltningen ser inte skäl att frångå riktlinjen" in avvikelse
    # with a legal obstacle too, the council cannot simply decide otherwise
    assert "Fullmäktige kan besluta annorlunda" not in v.summary


def test_a_guideline_departure_alone_leaves_the_decision_to_the_council(solna: Checker) -> None:
    v = solna.check(ROOT / "tests" / "corpus" / "044-sundsvall-vanort-kenya.txt", as_of=AS_OF)
    assert v.recommendation == "avslå"
    assert "Rättsliga hinder:" not in v.summary
    assert "Fullmäktige kan besluta annorlunda; i så fall bör riktlinjen ses över." in v.summary


# ----------------------------------------------------------------- rule authoring


def test_init_profile_writes_a_profile_that_validates_and_passes_its_cases(tmp_path: Path) -> None:
    folder = tmp_path / "Exempelby kommun"
    made = run_cli("init-profile", str(folder), "--municipality", "Exempelby kommun")
    assert made.returncode == 0, made.stderr.decode()
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")} == {
        "profile.yaml",
        "policies/riktlinje.yaml",
        "rules/riktlinje.yaml",
    }
    checked = run_cli("validate", "--profile", str(folder))
    assert checked.returncode == 0 and "varning" not in checked.stderr.decode(), checked.stderr.decode()
    tested = run_cli("test", "--profile", str(folder))
    assert tested.returncode == 0, tested.stdout.decode()
    assert " passed, 0 failed " in tested.stdout.decode()
    assert load_policy_set(folder).profile_id == "exempelby-kommun"


def test_init_profile_refuses_a_folder_that_already_holds_files(tmp_path: Path) -> None:
    (tmp_path / "egen.txt").write_text("min fil", encoding="utf-8")
    proc = run_cli("init-profile", str(tmp_path))
    assert proc.returncode == 2
    assert "mappen är inte tom" in proc.stderr.decode()
    assert (tmp_path / "egen.txt").read_text(encoding="utf-8") == "min fil"


def test_validate_warns_when_a_rule_lacks_ground_or_question(tmp_path: Path) -> None:
    dated_profile(tmp_path)
    rules = tmp_path / "rules" / "dated.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("    ground: {sv: gäller en partner utanför Europa}\n", ""),
        encoding="utf-8",
    )
    proc = run_cli("validate", "--profile", str(tmp_path))
    assert proc.returncode == 0
    warnings = [line for line in proc.stderr.decode().splitlines() if line.startswith("varning:")]
    assert len(warnings) == 1 and "TEST-FOKUS" in warnings[0] and "no `ground`" in warnings[0]


@pytest.mark.parametrize("profile", ["solna", "generic"])
def test_the_bundled_rules_need_no_authoring_warning(profile: str) -> None:
    assert authoring_warnings(load_policy_set(profile)) == []


def test_an_unquoted_no_in_a_profile_names_the_yaml_quoting_trap(tmp_path: Path) -> None:
    dated_profile(tmp_path)
    profile = tmp_path / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("title: Test", "title: NO"), encoding="utf-8")
    proc = run_cli("validate", "--profile", str(tmp_path))
    assert proc.returncode == 4
    assert 'write the text in quotes, e.g. country_code: "NO"' in proc.stderr.decode()


def test_a_scenario_with_the_wrong_expectation_fails_the_test_command(tmp_path: Path) -> None:
    dated_profile(tmp_path)
    rules = tmp_path / "rules" / "dated.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "scenarios:\n  - name: En partner i Kenya ger ett avslag\n    facts: {partner_places: [Kenya]}\n"
        "    expect: {recommendation: bifalla}\n",
        encoding="utf-8",
    )
    ps = load_policy_set(tmp_path)
    results = run_scenarios(ps, Engine(ps))
    assert [(r.ok, r.actual) for r in results] == [(False, "recommendation avslå")]
    proc = run_cli("test", "--profile", str(tmp_path))
    assert proc.returncode == 1 and "FAIL scenario: En partner i Kenya ger ett avslag" in proc.stdout.decode()


# ----------------------------------------------------------------- rule titles in both languages


def test_english_output_gives_each_rule_its_english_title(solna: Checker) -> None:
    v = verdict(solna, {"cooperation_kinds": ["friendship_agreement"], "partner_places": ["Kisumu"]})
    english = build_verdict(
        solna.policy_set, solna.engine, facts_from_mapping({"partner_places": ["Kisumu"]}, None), as_of=AS_OF, lang="en"
    )
    by_id = {f.rule_id: f.title for f in english.findings}
    assert by_id["SOL-EUROPA"] == "The city's international cooperation is to be with partners in Europe first"
    assert {f.rule_id: f.title for f in v.findings}["SOL-EUROPA"].startswith("Stadens internationella")
    assert all(not re.search(r"[åäö]", title) for title in by_id.values()), by_id


def test_a_rule_with_a_swedish_only_title_is_refused_with_the_form_to_use(tmp_path: Path) -> None:
    rules = (ROOT / "rules" / "lou.yaml").read_text(encoding="utf-8")
    swedish_only = re.sub(r"title:\n      sv: (.+)\n      en: .+\n", r"title: \1\n", rules, count=1)
    assert swedish_only != rules
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "lou.yaml").write_text(swedish_only, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text("id: t\ntitle: T\nmunicipality: K\n" + STATUTES + "rules: [lou]\n")
    with pytest.raises(PolicyError) as err:
        load_policy_set(tmp_path)
    assert "rules[0].title" in str(err.value) and "title: {sv: …, en: …}" in str(err.value)


# ----------------------------------------------------------------- the legal readings' word lists are data


def test_the_legal_word_lists_load_from_data_and_read_an_amount_as_a_cost() -> None:
    from checker.extraction.legal import patterns

    compiled = patterns()
    assert compiled["cost"].search("ett bidrag på 200 000 kronor")
    assert not compiled["aid_words"].search("utan biståndsbedömning")
    assert compiled["delegated"].search("har överlåtit till kulturnämnden att besluta").group("body") == "kulturnämnden"


def test_a_malformed_legal_word_list_names_each_entry_and_problem() -> None:
    from checker.extraction.legal import PatternError, compile_patterns, patterns
    from checker.extraction.lexicon import load_yaml

    data = dict(load_yaml("legal_cues.yaml"))
    data.pop("cost")
    data["surplus"] = {"any_of": ["överbliv(\\w*"]}
    data["delegated"] = {"any_of": ["överlåtit till nämnden"]}
    data["extra"] = {"any_of": ["x"]}
    with pytest.raises(PatternError) as err:
        compile_patterns(data)
    lines = str(err.value).splitlines()
    assert any(line.startswith("legal_cues.yaml: cost: missing entry") for line in lines)
    assert any("surplus.any_of[0]" in line and "not a regular expression" in line for line in lines)
    assert any("delegated: needs the named group(s) body" in line for line in lines)
    assert any("extra: unknown entry" in line for line in lines)
    assert set(patterns()) == set(compile_patterns(load_yaml("legal_cues.yaml")))


# ------------------------------------------------- who decides: remit, work under way, myndighetsutövning

PARK_CONTEXT = """\
municipality: Parkkommun
source: Testkommunens reglemente och verksamhetsplan 2025
bodies:
  - name: Tekniska nämnden
    remit:
      - area_sv: parker och allmänna platser
        area_en: parks and public places
        terms: [[park*, lekplats*, torg*]]
        source: Reglemente för tekniska nämnden
ongoing_work:
  - id: park-lighting
    body: Tekniska nämnden
    text_sv: Tekniska nämnden byter under 2025 ut belysningen i stadens parker.
    source: Tekniska nämndens verksamhetsplan 2025
    terms: [[belysning*, lampor, gatljus*], [park*]]
"""


def park_checker(tmp_path: Path) -> Checker:
    (tmp_path / "policies").mkdir(parents=True)
    (tmp_path / "policies" / "kontext.yaml").write_text(PARK_CONTEXT, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(
        "id: park\ntitle: Parkkommun\nmunicipality: Parkkommun\n"
        "policies: [kommunallagen, lag-2009-47, regeringsformen, lou, eu-statsstod, plan-och-bygglagen]\n"
        "rules: [kommunallagen, myndighetsutovning, lag-2009-47, lou, eu-statsstod]\ncontext: kontext\n",
        encoding="utf-8",
    )
    return Checker(tmp_path)


def motion_text(att: str) -> str:
    return (
        "Motion om parkerna\n\nParkerna behöver rustas.\n\nJag föreslår kommunfullmäktige besluta\n\n"
        f"{att}\n\nKarin Lund (L)\n"
    )


def finding(v, rule_id: str):  # type: ignore[no-untyped-def]
    return next(f for f in v.findings if f.rule_id == rule_id)


def test_a_motion_asking_for_work_the_profile_lists_as_under_way_is_answered(tmp_path: Path) -> None:
    checker = park_checker(tmp_path / "profil")
    v = check_text(
        checker,
        tmp_path,
        motion_text("att tekniska nämnden får i uppdrag att byta till energisnål belysning i kommunens parker."),
    )
    assert fact(v, "ongoing_work").value == ["Tekniska nämnden byter under 2025 ut belysningen i stadens parker."]
    assert finding(v, "KL-PAGAENDE-ARBETE").outcome == "violation"
    assert v.recommendation == "besvarad"
    assert "anse motionen besvarad" in v.decision


def test_work_under_way_is_matched_only_when_every_word_group_is_in_the_att_sats(tmp_path: Path) -> None:
    checker = park_checker(tmp_path / "profil")
    v = check_text(
        checker, tmp_path, motion_text("att tekniska nämnden får i uppdrag att bygga en ny lekplats i parken.")
    )
    assert fact(v, "ongoing_work").value == []
    assert finding(v, "KL-PAGAENDE-ARBETE").outcome == "pass"
    remit = finding(v, "KL-EGET-ANSVAR")
    assert remit.outcome == "violation" and "parker och allmänna platser" in remit.message
    assert v.recommendation != "besvarad"  # a notering about the remit never makes the motion answered


def test_a_remit_the_profile_does_not_list_is_neither_asked_about_nor_read_as_outside(
    generic: Checker, tmp_path: Path
) -> None:
    v = check_text(
        generic, tmp_path, motion_text("att kulturnämnden får i uppdrag att ordna fler sommarkonserter i stadsdelarna.")
    )
    assert fact(v, "commissioned_body").value == "kulturnämnden"
    assert not fact(v, "within_remit").known
    remit = finding(v, "KL-EGET-ANSVAR")
    assert remit.outcome == "not_applicable" and remit.effect == "none"
    assert not any("ansvar" in q for q in v.questions)
    assert v.recommendation == "bifalla"
    draft = render_draft(v, "markdown", "sv").decode()
    assert "eget ansvar" not in draft and "besvarad" not in draft


def test_a_remit_pass_does_not_claim_that_the_council_must_decide(generic: Checker) -> None:
    rule = next(r for r in generic.policy_set.rules if r.id == "KL-EGET-ANSVAR")
    assert "fullmäktige" not in rule.doc["pass_message"]["sv"]


def test_a_council_decision_on_one_propertys_building_permit_is_an_obstacle(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic,
        tmp_path,
        motion_text("att kommunfullmäktige beviljar bygglov för ett garage på fastigheten Lövsta 7:3."),
    )
    assert fact(v, "individual_case").value is True
    rule = finding(v, "KL-MYNDIGHETSUTOVNING")
    assert rule.outcome == "violation"
    assert "13 kap. 8 § första stycket 3" in rule.message and "skulle kunna upphävas" in rule.message
    assert {c.clause_id for c in rule.citations} >= {"kl/6-3", "pbl/12-1"}
    assert not next(c for c in rule.citations if c.clause_id == "pbl/12-1").verified
    assert v.recommendation == "avslå"


def test_revoking_a_named_companys_licence_is_an_individual_case(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic, tmp_path, motion_text("att serveringstillståndet för Hamnkrogen Norra AB dras in omedelbart.")
    )
    assert fact(v, "individual_case").value is True
    assert v.recommendation == "avslå"


def test_a_guideline_on_permit_processing_is_not_an_individual_case(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic,
        tmp_path,
        motion_text(
            "att byggnadsnämnden tar fram en riktlinje så att bygglov för solceller kan beviljas inom fyra veckor."
        ),
    )
    assert fact(v, "authority_decision").value is True and fact(v, "individual_case").value is False
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "pass"


def test_a_permit_decision_without_a_named_individual_is_asked_about(generic: Checker, tmp_path: Path) -> None:
    v = check_text(generic, tmp_path, motion_text("att bygglov beviljas för den planerade padelhallen vid skolan."))
    assert not fact(v, "individual_case").known
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "needs_review"


def test_aid_abroad_is_not_read_as_a_social_services_decision(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic, tmp_path, motion_text("att kommunen ger ekonomiskt bistånd till sjukhuset i Lviv i Ukraina.")
    )
    assert fact(v, "authority_decision").value is False


def test_a_named_property_with_a_general_word_is_unclear_not_a_general_rule(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic,
        tmp_path,
        motion_text(
            "att fullmäktige beviljar rivningslov för ladan på fastigheten Ekbacken 2:5 trots samtliga protester."
        ),
    )
    assert fact(v, "authority_decision").value is True and not fact(v, "individual_case").known
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "needs_review"
    assert v.recommendation != "bifalla"


@pytest.mark.parametrize(
    "att",
    [
        "att socialnämnden beviljar herr Lindqvist plats på ett äldreboende i Norrby.",
        "att vård- och omsorgsnämnden beviljar familjen Holm hemtjänst fem dagar i veckan.",
        "att nämnden ger den enskilde personlig assistans enligt LSS.",
        "att miljönämnden genomför en extra tillsyn av restaurangen vid hamnen.",
    ],
)
def test_care_and_supervision_for_one_individual_is_an_individual_case(
    att: str, generic: Checker, tmp_path: Path
) -> None:
    v = check_text(generic, tmp_path, motion_text(att))
    assert fact(v, "individual_case").value is True
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "violation"
    assert v.recommendation == "avslå"


def test_refusing_a_named_individual_something_unnamed_is_asked_about(generic: Checker, tmp_path: Path) -> None:
    v = check_text(generic, tmp_path, motion_text("att socialnämnden nekar fru Bergström det hon har ansökt om."))
    assert fact(v, "authority_decision").value is True and not fact(v, "individual_case").known
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "needs_review"


def test_a_grant_of_money_to_a_named_company_is_not_read_as_an_authority_case(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic,
        tmp_path,
        motion_text("att kommunen beviljar Fjällbageriet AB ett bidrag på 80 000 kronor för en ny ugn."),
    )
    assert fact(v, "authority_decision").value is False
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "not_applicable"


def test_care_for_everyone_of_an_age_is_not_an_individual_case(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic, tmp_path, motion_text("att hemtjänst ska beviljas alla som har fyllt 90 år utan biståndsprövning.")
    )
    assert fact(v, "individual_case").value is False
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "pass"


def test_a_provision_not_applied_is_not_named_as_tested(generic: Checker, tmp_path: Path) -> None:
    v = check_text(generic, tmp_path, motion_text("att kommunen anlägger en hundrastgård i Västerparken."))
    assert finding(v, "KL-MYNDIGHETSUTOVNING").outcome == "not_applicable"
    assert v.recommendation == "bifalla"
    assert "6 kap. 3 §" not in v.summary and "5 kap. 1 §" not in v.summary


def test_a_reference_only_clause_is_not_printed_as_a_quotation(generic: Checker, tmp_path: Path) -> None:
    v = check_text(
        generic,
        tmp_path,
        motion_text("att kommunfullmäktige beviljar bygglov för ett växthus på fastigheten Sörby 3:8."),
    )
    pbl = next(c for c in finding(v, "KL-MYNDIGHETSUTOVNING").citations if c.clause_id == "pbl/12-1")
    assert pbl.quote == "" and pbl.note is not None and "ordalydelsen är inte återgiven" in pbl.note
    outputs = [render_text(v)] + [render_draft(v, kind, "sv").decode() for kind in ("markdown", "html")]
    for out in outputs:
        flat = " ".join(out.split())
        assert "PBL 12 kap. 1 §" in flat and "ordalydelsen är inte återgiven" in flat
        assert "”Hänvisning" not in flat and "Hänvisning till plan- och bygglagens" not in flat
    assert "plan- och bygglagen föreskriver" not in finding(v, "KL-MYNDIGHETSUTOVNING").message.lower()


def test_many_as_of_dates_do_not_grow_the_citation_caches_past_their_caps(
    generic: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker import verdict as verdict_module

    monkeypatch.setattr(verdict_module, "CITATIONS_CAP", 40, raising=False)
    monkeypatch.setattr(verdict_module, "RULE_CITATIONS_CAP", 5, raising=False)
    values = {"is_motion": True, "proposal_kind": "motion", "motion_date": "2025-04-01"}
    first = verdict(generic, values, as_of=dt.date(2024, 1, 1))
    for n in range(1, 120):
        later = verdict(generic, values, as_of=dt.date(2024, 1, 1) + dt.timedelta(days=n))
        assert len(verdict_module._CITATIONS) <= 40
        for rule in generic.policy_set.rules:
            assert len(verdict_module._plan(rule).citations) <= 5
    assert later.findings[0].citations == first.findings[0].citations  # cleared caches give the same answer


def test_a_legal_word_list_file_accepted_once_is_checked_in_full_again_when_its_bytes_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import checker.extraction.legal as legal
    from checker.extraction.lexicon import load_yaml

    monkeypatch.setenv("COUNCIL_CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    data = dict(load_yaml(legal.PATTERN_FILE))
    (tmp_path / legal.PATTERN_FILE).write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    monkeypatch.setattr(legal, "DATA", tmp_path)
    expected = {n: (p.pattern, p.flags) for n, p in legal.compile_patterns(data).items()}
    try:
        for _ in range(2):  # checked in full and stored, then accepted from the cache: the same patterns
            legal.patterns.cache_clear()
            accepted = legal.patterns()
            assert {n: (accepted[n].pattern, accepted[n].flags) for n in accepted} == expected
        data["surplus"] = {"any_of": ["överbliv(\\w*"]}
        (tmp_path / legal.PATTERN_FILE).write_text(json.dumps(data), encoding="utf-8")
        legal.patterns.cache_clear()
        with pytest.raises(legal.PatternError, match=r"surplus\.any_of\[0\].*is not a regular expression"):
            legal.patterns()
    finally:
        legal.patterns.cache_clear()
