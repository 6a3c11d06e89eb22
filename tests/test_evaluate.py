"""`council-check evaluate`: per-action-kind precision and recall from the labels' `att_satser`, per-att-sats
verdicts matched by `text_start`, non-motions, and folders that hold no labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.evaluation import evaluate, render_evaluation, verdict_right
from checker.extraction import evaluate as action_eval
from checker.extraction import extract_facts
from checker.models import Fact, ProfileContext, Proposal
from tests.conftest import run_cli

BAKERY = """Motion om stöd till Bageriet i Byn AB

Bageriet i Byn AB är den sista livsmedelsbutiken i byn och har svårt att klara hyran.

Jag föreslår kommunfullmäktige

- Att kommunen beviljar Bageriet i Byn AB ett driftsbidrag på 200 000 kronor,
- att kommunstyrelsen utreder hur service på landsbygden kan tryggas,
- att kommunfullmäktige uttalar sitt stöd för byns företagare.

Anna Andersson (C)
"""

PARK = """Medborgarförslag om en ny lekplats i Norra parken

Barnen i Norra parken saknar en lekplats. Jag föreslår att kommunen bygger en lekplats i parken
under nästa år.

Karin Berg
"""

BAKERY_LABEL = """municipality: Exempelby
profile: generic
as_of: 2025-10-01
category: business-support
verdict: avslå
grounds: [business-support]
facts:
  individual_business_support: true
att_satser:
  - text_start: "att  kommunen BEVILJAR"
    action: give_value
    recipient: business
    verdict: avslå
  - text_start: "att kommunstyrelsen utreder"
    action: investigate
    recipient: own_activities
    verdict: bifalla
  - text_start: "att kommunfullmäktige uttalar"
    action: symbolic
    recipient: none
    verdict: bifalla
  - text_start: "att kommunen inför gratis bussar"
    action: carry_out
    recipient: residents
    verdict: bifalla
"""

PARK_LABEL = """municipality: Exempelby
profile: generic
as_of: 2025-10-01
category: local
verdict: bifalla
grounds: []
att_satser:
  - text_start: "Jag föreslår att kommunen bygger"
    action: carry_out
    recipient: own_activities
    verdict: bifalla
"""

# What the fake action reader says for a stretch of text: a few verbs, as the contract's facts.
_FAKE_ACTIONS = {"beviljar": "give_value", "utreder": "investigate", "uttalar": "take_position", "bygger": "carry_out"}


def _fake_extract(
    proposal: Proposal, context: ProfileContext | None = None, *, scope: tuple[int, int] | None = None
) -> dict[str, Fact]:
    facts = extract_facts(proposal, context, scope=scope)
    lo, hi = scope or (proposal.body_start, len(proposal.text))
    # a proposing sentence is given by where its first words are: read on to the end of its line
    end = proposal.text.find("\n", hi)
    words = proposal.text[lo : len(proposal.text) if end < 0 else end].lower().split()
    kinds = sorted({kind for verb, kind in _FAKE_ACTIONS.items() if verb in words})
    if "uttalar" in words:
        kinds.append("call_on_state")  # a deliberate misreading, to be counted as a false positive
    recipients = ["business"] if "give_value" in kinds else []
    facts["action_kinds"] = Fact.model_construct(name="action_kinds", known=True, value=kinds, source="extracted")
    facts["value_recipients"] = Fact.model_construct(
        name="value_recipients", known=True, value=recipients, source="extracted"
    )
    return facts


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "01-bageri.txt").write_text(BAKERY, encoding="utf-8")
    (tmp_path / "01-bageri.expected.yaml").write_text(BAKERY_LABEL, encoding="utf-8")
    (tmp_path / "02-lekplats.txt").write_text(PARK, encoding="utf-8")
    (tmp_path / "02-lekplats.expected.yaml").write_text(PARK_LABEL, encoding="utf-8")
    return tmp_path


def test_precision_and_recall_per_action_kind(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(action_eval, "extract_facts", _fake_extract)

    result = action_eval.evaluate_actions(corpus)

    assert (result["motions"], result["att_satser"], result["unmatched"]) == (2, 5, 1)
    assert result["available"] is True
    a = result["actions"]
    gv = a["give_value"]
    assert (gv["tp"], gv["fp"], gv["fn"], gv["precision"], gv["recall"]) == (1, 0, 0, 1.0, 1.0)
    assert (a["investigate"]["tp"], a["investigate"]["fp"], a["investigate"]["fn"]) == (1, 0, 0)
    # "uttalar" labelled symbolic, read as take_position and call_on_state: one miss, two false alarms
    assert (a["symbolic"]["tp"], a["symbolic"]["fn"], a["symbolic"]["recall"]) == (0, 1, 0.0)
    assert (a["take_position"]["fp"], a["take_position"]["precision"]) == (1, 0.0)
    assert a["call_on_state"]["fp"] == 1
    # the park's proposing sentence is found in the text; the bus att-sats is in no text at all
    assert (a["carry_out"]["tp"], a["carry_out"]["fn"], a["carry_out"]["recall"]) == (1, 1, 0.5)
    assert result["recipients"]["business"]["tp"] == 1
    missed = {(m["text_start"], str(m["got"])) for m in result["mismatches"]}
    assert ("att kommunen inför gratis bussar", "saknas") in missed


def test_text_start_matches_the_att_sats_whatever_its_case_spacing_and_bullet(corpus: Path) -> None:
    proposal = action_eval._proposal(corpus / "01-bageri.txt", BAKERY)
    entries = [{"text_start": "ATT kommunstyrelsen   utreder"}, {"text_start": "att  kommunen beviljar"}]

    scopes = action_eval.match_att_satser(proposal, entries)

    texts = [proposal.text[s[0] : s[1]] for s in scopes if s is not None]
    assert [t.split()[1] for t in texts] == ["kommunstyrelsen", "kommunen"]


def test_the_action_reader_is_scored_on_the_labels(corpus: Path) -> None:
    result = action_eval.evaluate_actions(corpus)

    assert result["available"] is True
    assert result["actions"]["give_value"]["tp"] == 1  # the grant to Bageriet i Byn AB
    assert result["recipients"]["business"]["tp"] == 1
    assert "handlingstyp" in render_evaluation(evaluate(corpus))


def test_per_att_sats_verdicts_and_categories_are_reported(corpus: Path) -> None:
    result = evaluate(corpus)
    v = result["verdicts"]

    assert v["att_satser"] == 5
    assert set(v["categories"]) == {"business-support", "local"}
    assert {m["text_start"] for m in v["att_sats_misses"]} >= {"att kommunen inför gratis bussar"}
    text = render_evaluation(result, verbose=True)
    assert "Att-satser med etikett: 5" in text
    assert "handlingstyp" in text


def test_not_a_motion_is_right_when_refused_or_sent_to_review(tmp_path: Path) -> None:
    assert verdict_right("not-a-motion", "granska")
    assert verdict_right("not-a-motion", "vägrad")
    assert not verdict_right("not-a-motion", "bifalla")
    (tmp_path / "01-tom.txt").write_bytes(b"")  # the reader refuses an empty file (exit 4)
    (tmp_path / "01-tom.expected.yaml").write_text(
        "profile: generic\ncategory: non-motion\nverdict: not-a-motion\ngrounds: [not-readable]\n", encoding="utf-8"
    )

    v = evaluate(tmp_path)["verdicts"]

    assert v["verdict_accuracy"] == 1.0
    assert v["categories"]["non-motion"]["right"] == 1


def test_folder_without_labels_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "motion.txt").write_text(PARK, encoding="utf-8")
    with pytest.raises(CheckerError):
        evaluate(tmp_path)

    proc = run_cli("evaluate", str(tmp_path))

    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_unreadable_label_is_one_line_and_exit_4(tmp_path: Path) -> None:
    (tmp_path / "01-x.txt").write_text(PARK, encoding="utf-8")
    (tmp_path / "01-x.expected.yaml").write_text("verdict: [bifalla\n", encoding="utf-8")

    proc = run_cli("evaluate", str(tmp_path))

    assert proc.returncode == 4
    assert b"Traceback" not in proc.stderr
    assert "01-x.expected.yaml" in proc.stderr.decode()
