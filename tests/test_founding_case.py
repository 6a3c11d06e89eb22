"""The founding case (Solna, KS/2025:193): avslå on the administration's four grounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from checker.api import Checker

from .conftest import EXAMPLES, run_cli

CASE = EXAMPLES / "solna-taiwan-2025"
EXPECTED = yaml.safe_load((CASE / "expected.yaml").read_text(encoding="utf-8"))
AS_OF = dt.date.fromisoformat(str(EXPECTED["as_of"]))


def grounds(verdict) -> list[str]:  # type: ignore[no-untyped-def]
    by_id = {f.rule_id: f for f in verdict.findings}
    return sorted(by_id[g].concern for g in verdict.grounds)


def test_declared_facts_give_avslå_on_the_four_grounds(solna: Checker) -> None:
    verdict = solna.check(CASE / "facts.yaml", as_of=AS_OF)
    assert verdict.recommendation == EXPECTED["recommendation"] == "avslå"
    assert verdict.decision == EXPECTED["decision"]
    assert grounds(verdict) == sorted(EXPECTED["grounds"])


def test_each_ground_cites_and_quotes_its_clause(solna: Checker) -> None:
    verdict = solna.check(CASE / "facts.yaml", as_of=AS_OF)
    cited = {f.concern: f.citations for f in verdict.findings if f.rule_id in verdict.grounds}
    assert [c.reference for c in cited["foreign-policy"]][:2] == ["KL 2 kap. 1 §", "KL 2 kap. 2 §"]
    assert cited["foreign-policy"][1].quote.startswith("Kommuner och regioner får inte ha hand om")
    assert "främsta fokus på Europa" in cited["geographic-focus"][0].quote
    assert "inte ingår nya avtal om allmän vänskap" in cited["general-friendship-agreement"][0].quote
    assert any("desinformation är inte ett område" in c.quote for c in cited["priority-area"])
    assert all(not c.verified for c in cited["geographic-focus"])  # quoted as documented, not the guideline
    assert all(c.verified for c in cited["foreign-policy"])


def test_declared_facts_are_marked_declared_in_the_verdict(solna: Checker) -> None:
    verdict = solna.check(CASE / "facts.yaml", as_of=AS_OF)
    sources = {f.name: f.source for f in verdict.facts}
    assert sources["partner_places"] == "declared"
    assert sources["motion_age_days"] == "derived"


def test_english_report_keeps_the_same_verdict() -> None:
    proc = run_cli("check", str(CASE / "facts.yaml"), "--as-of", "2025-08-14", "--lang", "en")
    out = " ".join(proc.stdout.decode().split())
    assert proc.returncode == 1
    assert "Recommendation: REJECT" in out
    assert "resolve to reject the motion" in out


def test_motion_raised_more_than_a_year_before_the_as_of_date_gets_a_note_only(solna: Checker) -> None:
    verdict = solna.check(CASE / "facts.yaml", as_of=dt.date(2026, 6, 1))
    note = next(f for f in verdict.findings if f.rule_id == "KL-MOTIONSTID")
    assert note.outcome == "violation" and note.severity == "notering"
    assert "KL-MOTIONSTID" not in verdict.grounds
    assert verdict.recommendation == "avslå"


def test_readme_first_command_checks_the_bundled_founding_motion() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n", 1)[0]
    assert "council-check check examples/solna-taiwan-2025/motion.txt --as-of 2025-08-14 || [ $? -eq 1 ]" in first


def test_the_whole_meeting_document_gives_the_same_verdict_for_the_motion_it_contains(solna: Checker) -> None:
    document = Path(__file__).resolve().parent / "fixtures" / "founding-document.txt"
    verdict = solna.check(document, as_of=AS_OF)
    assert verdict.recommendation == "avslå"
    assert grounds(verdict) == sorted(EXPECTED["grounds"])
    assert verdict.proposal["title"] == "Stöd demokratin i Taiwan"
    text = document.read_text(encoding="utf-8")
    stance = next(f for f in verdict.facts if f.name == "foreign_policy_stance")
    ev = stance.evidence[0]
    assert text[ev.start : ev.end] == ev.quote
    assert ev.start > text.index("## MOTION")  # the evidence is the motion's own sentence, not the protocol's


def test_text_alone_gives_the_four_grounds_with_quoted_evidence(solna: Checker) -> None:
    verdict = solna.check(CASE / "motion.txt", as_of=AS_OF)
    assert verdict.recommendation == "avslå"
    assert grounds(verdict) == sorted(EXPECTED["grounds"])
    text = (CASE / "motion.txt").read_text(encoding="utf-8")
    for finding in verdict.findings:
        if finding.rule_id in verdict.grounds:
            assert finding.evidence, finding.rule_id
            for ev in finding.evidence:
                assert ev.start is not None and ev.end is not None
                assert " ".join(text[ev.start : ev.end].split()) == " ".join(ev.quote.split())
