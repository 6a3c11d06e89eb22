"""What the tool writes for readers: the proposal's own name, plain value words, readable questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checker.api import Checker
from checker.render.documents import render_draft
from checker.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent
MEDBORGARFORSLAG = ROOT / "tests" / "corpus" / "202-snorojning-medborgarforslag.txt"
FOUNDING = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"
INVESTIGATION = ROOT / "tests" / "corpus" / "247-utreda-bidrag-fjallhotell.txt"
AS_OF = dt.date(2025, 8, 14)


def test_a_medborgarforslag_draft_calls_it_a_medborgarforslag_throughout(solna: Checker) -> None:
    verdict = solna.check(MEDBORGARFORSLAG, as_of=AS_OF)
    md = render_draft(verdict, "markdown", "sv").decode()
    assert "# Svar på medborgarförslag" in md
    assert "rubricerat medborgarförslag" in md
    assert "rubricerad motion" not in md
    assert "Förslagsställaren föreslår" in md
    assert "föreslår att medborgarförslaget" in md
    assert "Motionen" not in md


def test_an_enum_fact_is_shown_with_its_plain_word_not_its_internal_name(solna: Checker) -> None:
    verdict = solna.check(MEDBORGARFORSLAG, as_of=AS_OF)
    text = render_text(verdict, "sv")
    assert "Slag av förslag: medborgarförslag" in text
    assert "medborgarforslag" not in text


def test_a_wrapped_question_is_not_shown_as_two_questions(solna: Checker) -> None:
    verdict = solna.check(FOUNDING, as_of=AS_OF)
    text = render_text(verdict, "sv")
    dashed = [line for line in text.splitlines() if line.startswith("  – ")]
    assert len(dashed) == len(verdict.questions)


def test_a_concern_on_an_investigation_is_about_the_later_decision(solna: Checker) -> None:
    verdict = solna.check(INVESTIGATION, as_of=AS_OF)
    md = render_draft(verdict, "markdown", "sv").decode()
    assert "Inför ett senare beslut i sakfrågan gäller följande." in md
    assert "alltid ge i uppdrag" not in verdict.summary


SPLIT = ROOT / "tests" / "corpus" / "008-lund-bojkott-israel.txt"


def test_a_split_decision_names_each_outcome_once_with_its_att_satser(solna: Checker) -> None:
    verdict = solna.check(SPLIT, as_of=AS_OF)
    outcomes = [a.recommendation for a in verdict.att_satser]
    assert len(outcomes) > len(set(outcomes)) > 1  # the case: several att-satser share an outcome
    assert verdict.decision.count("avslå") == 1


def test_english_says_clauses_when_more_than_one_is_meant(solna: Checker) -> None:
    verdict = solna.check(SPLIT, as_of=AS_OF, lang="en")
    assert "second and third clauses" in verdict.decision
    assert "fourth clause of" in verdict.decision


def test_grounds_with_their_own_comma_are_kept_apart_before_the_last_and() -> None:
    from checker.vocabulary import join_clauses

    joined = join_clauses(["tar ställning, vilket ligger utanför kompetensen", "utesluter leverantörer"], "sv")
    assert joined == "tar ställning, vilket ligger utanför kompetensen, och utesluter leverantörer"
    assert join_clauses(["a", "b"], "sv") == "a och b"
