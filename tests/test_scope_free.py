"""A scoped pass (one att-sats) reuses the whole-motion pass's facts of the extractors that
checker.extraction.SCOPE_FREE names, and what the passes keep on the document: over every test, example
and generated motion, the scoped facts with that reuse are exactly (every Fact, evidence included) the
scoped facts computed in full, each att-sats on an analysis of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import checker.extraction as extraction
from checker.api import Checker
from checker.errors import CheckerError
from checker.extraction import SCOPE_FREE, extract_facts
from checker.extraction.extractors import EXTRACTORS
from checker.facts import FACTS
from checker.models import Fact, Proposal
from tests.conftest import ROOT

_CHECKERS: dict[str, Checker] = {}


def _checker(txt: Path) -> Checker:
    """The profile a labelled motion is checked with, else solna."""
    label = txt.with_name(txt.name.replace(".txt", ".expected.yaml"))
    profile = "solna"
    if label.is_file():
        profile = str((yaml.safe_load(label.read_text("utf-8")) or {}).get("profile", "solna"))
    return _CHECKERS.setdefault(profile, Checker(profile))


def _generated(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate(folder, 150)  # varied enough: the generator draws from a few dozen phrases


def _scoped_in_full(checker: Checker, proposal: Proposal) -> list[dict[str, Fact]]:
    """Each att-sats's facts from an analysis of its own, made for it alone: nothing of another pass
    (its facts or what it kept on the document) to reuse."""
    context = checker.policy_set.context
    out = []
    for a in proposal.att_satser:
        extraction._LAST.entry = None
        out.append(extract_facts(proposal, context, scope=(a.start, a.end)))
    return out


def _scoped_with_reuse(checker: Checker, proposal: Proposal) -> tuple[dict[str, Fact], list[dict[str, Fact]]]:
    """The whole-motion facts, then each att-sats's facts, as a check computes them."""
    extraction._LAST.entry = None
    context = checker.policy_set.context
    whole = extract_facts(proposal, context)
    return whole, [extract_facts(proposal, context, scope=(a.start, a.end)) for a in proposal.att_satser]


def test_scope_free_names_only_extractors() -> None:
    assert set(EXTRACTORS) >= SCOPE_FREE
    assert {f.extractor for f in FACTS.values()} >= SCOPE_FREE


def test_scoped_facts_with_reuse_equal_scoped_facts_computed_in_full(tmp_path: Path) -> None:
    texts = sorted(p for folder in ("tests", "examples") for p in (ROOT / folder).rglob("*.txt"))
    texts += _generated(tmp_path)
    reused_facts = {name for name, d in FACTS.items() if d.extractor in SCOPE_FREE}
    checked = 0
    try:
        for txt in texts:
            checker = _checker(txt)
            try:
                proposal = checker.read(txt)
            except CheckerError:
                continue
            if not proposal.att_satser:
                continue
            full = _scoped_in_full(checker, proposal)
            whole, reused = _scoped_with_reuse(checker, proposal)
            assert reused == full, txt
            for facts in reused:
                # the reuse took place: the whole-motion pass's own Fact objects
                assert all(facts[n] is whole[n] for n in reused_facts if n in facts), txt
            checked += 1
    finally:
        extraction._LAST.entry = None
    assert checked > 500


@pytest.mark.parametrize(
    ("field", "value", "fact"),
    [("title", "Medborgarförslag om Tartu", "proposal_kind"), ("submitted", "2024-03-01", "motion_date")],
)
def test_an_equal_text_with_another_title_or_date_keeps_its_own_scope_free_facts(
    tmp_path: Path, field: str, value: str, fact: str
) -> None:
    """Two proposals of one text share the analysis, not the facts of their title or date: the scoped
    passes of the second, after the whole-motion pass of the first, read the second's own."""
    txt = tmp_path / "tartu.txt"
    txt.write_text(
        "Förslag om ett utbyte med Tartu\n\n"
        "Tartu i Estland har skolor som vill samarbeta med våra skolor om klimatfrågor.\n\n"
        "Jag föreslår kommunfullmäktige\n\n"
        "att kommunen utreder ett skolutbyte med Tartu\n\n"
        "att kommunen söker EU-medel för utbytet\n\n"
        "Solna den 3 februari 2025\nEva Ek\n",
        "utf-8",
    )
    checker = Checker("solna")
    context = checker.policy_set.context
    first = checker.read(txt)
    second = first.model_copy(update={field: value})
    assert len(first.att_satser) == 2
    extraction._LAST.entry = None
    try:
        whole_first = extract_facts(first, context)
        scoped_second = [extract_facts(second, context, scope=(a.start, a.end)) for a in second.att_satser]
        whole_second = extract_facts(second, context)
    finally:
        extraction._LAST.entry = None
    assert whole_second[fact] != whole_first[fact]
    assert all(facts[fact] == whole_second[fact] for facts in scoped_second)


def test_a_scoped_view_of_a_doc_is_what_dataclasses_replace_makes(tmp_path: Path) -> None:
    import dataclasses

    from checker.extraction.text import build_doc

    txt = tmp_path / "m.txt"
    txt.write_text("Motion om parker\n\nParkerna behöver fler bänkar.\n\natt kommunen sätter upp bänkar\n", "utf-8")
    base = build_doc(Checker("solna").read(txt))
    base.hits[("a cached result", -1)] = True
    view = base.scoped((3, 9))
    replaced = dataclasses.replace(base, scope=(3, 9))
    assert vars(view) == vars(replaced)
    assert view.hits is base.hits and view.tokens is base.tokens and base.scope is None
