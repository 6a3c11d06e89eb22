"""A rule's message reads well whatever the facts: a conditional part ``{?fact:text}`` is written only
when the fact has a value, ``{!fact:text}`` only when it is known to have none, neither when it is
unknown; the loader refuses a conditional part that names no fact or is left open.

Every motion here is written for these tests (none is taken from or modelled on a corpus motion).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import Checker
from checker.errors import PolicyError
from checker.load import load_policy_set
from checker.models import Fact
from checker.verdict import fill
from tests.motions import AS_OF, check, motion

from .conftest import ROOT

TEMPLATE = (
    "Stöd till en näringsidkare{?named_businesses: (i förslaget nämns {named_businesses})}"
    "{!named_businesses: (ingen nämns)}."
)


def facts_with(**known: object) -> dict[str, Fact]:
    return {name: Fact(name=name, known=True, value=value) for name, value in known.items()}


def test_a_conditional_part_is_written_when_its_fact_has_a_value() -> None:
    text = fill(TEMPLATE, facts_with(named_businesses=["Sågverket i Nyby AB"]), {}, "sv")
    assert text == "Stöd till en näringsidkare (i förslaget nämns Sågverket i Nyby AB)."


def test_the_negated_part_is_written_when_the_fact_is_known_to_be_empty() -> None:
    assert fill(TEMPLATE, facts_with(named_businesses=[]), {}, "sv") == "Stöd till en näringsidkare (ingen nämns)."


def test_neither_part_is_written_when_the_fact_is_unknown() -> None:
    unknown = {"named_businesses": Fact(name="named_businesses", known=False)}
    assert fill(TEMPLATE, unknown, {}, "sv") == "Stöd till en näringsidkare."


def test_a_false_fact_has_no_value_and_a_true_one_has() -> None:
    template = "A{?exceptional_grounds: B}{!exceptional_grounds: C}"
    assert fill(template, facts_with(exceptional_grounds=False), {}, "sv") == "A C"
    assert fill(template, facts_with(exceptional_grounds=True), {}, "sv") == "A B"


def test_support_to_an_unnamed_business_is_worded_without_an_empty_list(generic: Checker) -> None:
    att = "kommunen ger frisörsalongen på torget ett bidrag på 40 000 kronor till nya stolar"
    v = check(generic, motion("Motion om frisören", "Salongen har haft ett svårt år.", att + "."))
    ground = next(f for f in v.findings if f.rule_id == "KL-NARINGSSTOD")
    assert "nämns inga" not in ground.message and "{" not in ground.message
    assert "(förslaget namnger ingen, men stödet riktas till en viss näringsidkare)" in ground.message


def test_support_to_an_unnamed_business_is_worded_in_english_too(generic: Checker) -> None:
    att = "kommunen ger frisörsalongen på torget ett bidrag på 40 000 kronor till nya stolar"
    text = motion("Motion om frisören", "Salongen har haft ett svårt år.", att + ".")
    v = generic.check_text(text, as_of=AS_OF, lang="en")
    ground = next(f for f in v.findings if f.rule_id == "KL-NARINGSSTOD")
    assert "the proposal names none, but the support is aimed at one particular business" in ground.message


RULES = (ROOT / "rules" / "kommunallagen.yaml").read_text(encoding="utf-8")
PROFILE = (
    "id: test\ntitle: Test\nmunicipality: Testkommun\n"
    "policies: [kommunallagen, lag-2009-47, regeringsformen]\nrules: [kommunallagen]\n"
)
PART = "{?named_businesses: (i förslaget nämns {named_businesses})}"


def load_with_rules(tmp_path: Path, rules_text: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "kommunallagen.yaml").write_text(rules_text, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    load_policy_set(tmp_path)


@pytest.mark.parametrize(
    ("replacement", "problem"),
    [
        ("{?named_business: (i förslaget nämns {named_businesses})}", "unknown placeholder {named_business}"),
        ("{?named_businesses: (i förslaget nämns {named_businesses})", "a conditional part is not closed"),
    ],
)
def test_a_conditional_part_that_names_no_fact_or_is_left_open_is_refused(
    tmp_path: Path, replacement: str, problem: str
) -> None:
    assert PART in RULES
    with pytest.raises(PolicyError) as info:
        load_with_rules(tmp_path, RULES.replace(PART, replacement, 1))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 1 and problem in messages[0], messages
    assert info.value.problems[0].field.endswith(".message.sv")
