"""Evaluate the checker on a labelled corpus: per-fact precision/recall and verdict accuracy.

A corpus folder holds `<name>.txt` motions with `<name>.expected.yaml` labels (`profile`, `as_of`,
`verdict`, `grounds`, `facts`; see tests/corpus/README.md). Verdicts are checked exactly as a user
would: the motion text alone, with the label's profile and as-of date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

NOTE_ONLY = {"motion-deadline"}  # a note never carries a verdict; labels may still list it


def evaluate_verdicts(folder: Path) -> dict[str, Any]:
    from checker.api import Checker

    checkers: dict[str, Checker] = {}
    rows: list[dict[str, Any]] = []
    for exp_path in sorted(folder.glob("*.expected.yaml")):
        txt = exp_path.with_name(exp_path.name.replace(".expected.yaml", ".txt"))
        if not txt.exists():
            continue
        label = yaml.safe_load(exp_path.read_text(encoding="utf-8")) or {}
        profile = str(label.get("profile", "solna"))
        checker = checkers.setdefault(profile, Checker(profile))
        as_of = dt.date.fromisoformat(str(label.get("as_of", "2025-10-01")))
        verdict = checker.check(txt, as_of=as_of)
        by_id = {f.rule_id: f for f in verdict.findings}
        got_grounds = sorted({by_id[g].concern for g in verdict.grounds} - NOTE_ONLY)
        want_grounds = sorted(set(label.get("grounds") or []) - NOTE_ONLY)
        got: str = verdict.recommendation
        if got == "granska" and any(f.name == "is_motion" and f.known and f.value is False for f in verdict.facts):
            # A text that is not a motion is sent for review, saying so (rules/lasbarhet.yaml): that is
            # the "not-a-motion" of the labels, and its ground is that the text could not be read.
            got, got_grounds = "not-a-motion", ["not-readable"]
        rows.append(
            {
                "file": txt.name,
                "profile": profile,
                "expected": label.get("verdict"),
                "got": got,
                "expected_grounds": want_grounds,
                "got_grounds": got_grounds,
            }
        )
    n = len(rows)
    correct = sum(r["expected"] == r["got"] for r in rows)
    grounds = sum(r["expected"] == r["got"] and r["expected_grounds"] == r["got_grounds"] for r in rows)
    return {
        "motions": n,
        "verdict_accuracy": round(correct / n, 3) if n else None,
        "verdict_and_grounds_accuracy": round(grounds / n, 3) if n else None,
        "misses": [r for r in rows if r["expected"] != r["got"] or r["expected_grounds"] != r["got_grounds"]],
    }


def evaluate(folder: Path) -> dict[str, Any]:
    from checker.extraction.evaluate import evaluate_corpus

    return {"folder": str(folder), "facts": evaluate_corpus(folder), "verdicts": evaluate_verdicts(folder)}


def render_evaluation(result: dict[str, Any], *, verbose: bool = False) -> str:
    lines = [f"Korpus: {result['folder']}"]
    v = result["verdicts"]
    lines.append(
        f"Motioner: {v['motions']}; rätt rekommendation: {v['verdict_accuracy']:.1%}; "
        f"rätt rekommendation och skäl: {v['verdict_and_grounds_accuracy']:.1%}"
    )
    lines.append("")
    lines.append(f"{'fakta':<30}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}{'okänd':>7}")
    for name, m in result["facts"]["facts"].items():
        p = "-" if m["precision"] is None else f"{m['precision']:.2f}"
        r = "-" if m["recall"] is None else f"{m['recall']:.2f}"
        lines.append(f"{name:<30}{p:>10}{r:>8}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}{m['unknown']:>7}")
    if verbose:
        lines.append("")
        lines.append("Avvikande rekommendationer eller skäl:")
        for miss in v["misses"]:
            lines.append(
                f"  {miss['file']} ({miss['profile']}): väntat {miss['expected']} {miss['expected_grounds']}, "
                f"fick {miss['got']} {miss['got_grounds']}"
            )
        lines.append("")
        lines.append("Avvikande fakta:")
        for mm in result["facts"]["mismatches"]:
            lines.append(f"  {mm['file']}: {mm['fact']}: väntat {mm['expected']}, fick {mm['got']}")
    return "\n".join(lines) + "\n"
