"""The facts round trip: `extract --format yaml` → facts file → `check --facts` with the file unedited
gives the same verdict as `check`, byte for byte, per att-sats included; an edited fact still counts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from checker.api import Checker
from checker.batch import render_piece
from checker.errors import CheckerError
from checker.factsfile import load_facts_file
from checker.render.factsout import facts_yaml
from tests.conftest import ROOT, run_cli

CORPORA = (
    "tests/corpus",
    "tests/heldout",
    "tests/heldout2",
    "tests/blind-2026-12",
    "tests/blind-2026-12b",
    "tests/blind-2026-12c",
    "tests/blind-2026-12d",
)
MOTIONS = sorted(
    exp.with_name(exp.name.replace(".expected.yaml", ".txt"))
    for folder in CORPORA
    for exp in (ROOT / folder).glob("*.expected.yaml")
)
_CHECKERS: dict[str, Checker] = {}


def _label(txt: Path) -> tuple[Checker, dt.date]:
    label = yaml.safe_load(txt.with_name(txt.name.replace(".txt", ".expected.yaml")).read_text("utf-8")) or {}
    profile = str(label.get("profile", "solna"))
    checker = _CHECKERS.setdefault(profile, Checker(profile))
    return checker, dt.date.fromisoformat(str(label.get("as_of", "2025-10-01")))


def test_every_corpus_motion_is_in_the_round_trip() -> None:
    assert len(MOTIONS) >= 100
    assert all(m.exists() for m in MOTIONS)


@pytest.mark.parametrize("txt", MOTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_unedited_facts_file_gives_the_same_verdict_bytes(txt: Path, tmp_path: Path) -> None:
    checker, as_of = _label(txt)
    try:
        proposal = checker.read(txt)
    except CheckerError:  # an input the checker refuses (exit 4) has no facts to pass back
        with pytest.raises(CheckerError):
            checker.check(txt, as_of=as_of)
        return
    facts_file = tmp_path / "fakta.yaml"
    facts_file.write_text(facts_yaml(proposal, checker.extract(proposal)), encoding="utf-8")
    declared, _meta = load_facts_file(facts_file, checker.policy_set.context)

    plain = checker.check(txt, as_of=as_of)
    round_trip = checker.check(txt, as_of=as_of, declared=declared)

    for fmt in ("json", "text"):
        assert render_piece(round_trip, txt, fmt, "sv") == render_piece(plain, txt, fmt, "sv")


def test_round_trip_through_the_command_line_is_byte_identical(tmp_path: Path) -> None:
    motion = ROOT / "tests/corpus/008-lund-bojkott-israel.txt"
    facts_file = tmp_path / "fakta.yaml"
    args = ("--profile", "generic", "--as-of", "2025-10-01", "--format", "json")
    extracted = run_cli("extract", str(motion), "--profile", "generic", "--format", "yaml", "-o", str(facts_file))
    assert extracted.returncode == 0, extracted.stderr
    plain = run_cli("check", str(motion), *args)
    round_trip = run_cli("check", str(motion), *args, "--facts", str(facts_file))
    assert plain.returncode == round_trip.returncode == 1
    assert round_trip.stdout == plain.stdout
    per_sats = json.loads(plain.stdout)["att_satser"]
    assert len({s["recommendation"] for s in per_sats}) == 2  # a split decision survives the round trip


def test_edited_fact_is_declared_and_holds_for_every_att_sats(generic: Checker, tmp_path: Path) -> None:
    motion = ROOT / "tests/corpus/008-lund-bojkott-israel.txt"
    proposal = generic.read(motion)
    doc = yaml.safe_load(facts_yaml(proposal, generic.extract(proposal)))
    assert doc["facts"]["foreign_policy_stance"]["value"] is True
    doc["facts"]["foreign_policy_stance"] = {"value": False}
    facts_file = tmp_path / "rättad.yaml"
    facts_file.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    declared, _ = load_facts_file(facts_file, generic.policy_set.context)

    prepared = generic.prepare(motion, declared)

    assert prepared.facts["foreign_policy_stance"].source == "declared"
    assert prepared.facts["foreign_policy_stance"].value is False
    assert len(prepared.att_sats_facts) > 1
    sources = set()
    for _number, _text, scoped in prepared.att_sats_facts:
        assert scoped["foreign_policy_stance"].value is False
        sources.add(scoped["foreign_policy_stance"].source)
    # an att-sats whose own reading already was false keeps it, with its evidence; the others are corrected
    assert sources == {"declared", "extracted"}


def test_places_declared_in_another_order_are_the_extracted_ones(generic: Checker, tmp_path: Path) -> None:
    motion = ROOT / "tests/corpus/007-umea-ican.txt"
    proposal = generic.read(motion)
    extracted = generic.extract(proposal)
    names = [p["name"] for p in extracted["mentioned_places"].value]
    assert len(names) > 1
    facts_file = tmp_path / "fakta.yaml"
    facts_file.write_text(
        yaml.safe_dump({"facts": {"mentioned_places": {"value": list(reversed(names))}}}, allow_unicode=True),
        encoding="utf-8",
    )
    declared, _ = load_facts_file(facts_file, generic.policy_set.context)

    prepared = generic.prepare(motion, declared)

    assert prepared.facts["mentioned_places"].source == "extracted"
    assert prepared.facts["mentioned_places"].evidence
