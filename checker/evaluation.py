"""Evaluate the checker on a labelled corpus: per-fact and per-action-kind precision/recall, verdict accuracy.

A corpus folder holds `<name>.txt` motions with `<name>.expected.yaml` labels (`profile`, `as_of`,
`category`, `verdict`, `grounds`, `facts`, `att_satser`; see tests/corpus/README.md). Verdicts are
checked exactly as a user would: the motion text alone, with the label's profile and as-of date.

A label `verdict: not-a-motion` (a text that is no motion at all) is right when the checker says
granska or refuses the input (exit 4). Per-att-sats verdicts are matched to the checker's att-satser
by `text_start`; a motion the checker reads as one att-sats (or none) has its whole verdict compared.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from checker.errors import EXIT_INPUT, EXIT_USAGE, CheckerError, Problem

NOTE_ONLY = {"motion-deadline"}  # a note never carries a verdict; labels may still list it
NOT_A_MOTION = "not-a-motion"
REFUSED = "vägrad"  # the checker refused the input (exit 4)


def verdict_right(expected: Any, got: str) -> bool:
    """Whether the checker's outcome (a recommendation or REFUSED) is the labelled verdict."""
    if expected == NOT_A_MOTION:
        return got in ("granska", REFUSED)
    return bool(expected == got)


def evaluate_verdicts(folder: Path) -> dict[str, Any]:
    from checker.api import Checker
    from checker.extraction.evaluate import labelled_pairs, match_att_satser, read_label

    checkers: dict[str, Checker] = {}
    rows: list[dict[str, Any]] = []
    sats_rows: list[dict[str, Any]] = []
    for exp_path, txt in labelled_pairs(folder):
        label = read_label(exp_path)
        profile = str(label.get("profile", "solna"))
        checker = checkers.setdefault(profile, Checker(profile))
        try:
            as_of = dt.date.fromisoformat(str(label.get("as_of", "2025-10-01")))
        except ValueError:
            raise CheckerError([Problem(str(exp_path), "as_of", "ska vara ett datum ÅÅÅÅ-MM-DD")]) from None
        want_grounds = sorted(set(label.get("grounds") or []) - NOTE_ONLY)
        try:
            prepared = checker.prepare(txt)
        except CheckerError as err:
            if err.exit_code != EXIT_INPUT:
                raise
            rows.append(_row(txt, profile, label, REFUSED, want_grounds, []))
            for entry in _entries(label):
                sats_rows.append(_sats_row(txt, entry, REFUSED))
            continue
        verdict = checker.verdict(prepared, as_of=as_of)
        by_id = {f.rule_id: f for f in verdict.findings}
        got_grounds = sorted({by_id[g].concern for g in verdict.grounds} - NOTE_ONLY)
        rows.append(_row(txt, profile, label, verdict.recommendation, want_grounds, got_grounds))
        entries = _entries(label)
        if not entries:
            continue
        per_sats = {v.number: v.recommendation for v in verdict.att_satser}
        assert prepared.proposal is not None
        scopes = match_att_satser(prepared.proposal, entries)
        starts = {(a.start, a.end): a.number for a in prepared.proposal.att_satser}
        for entry, scope in zip(entries, scopes, strict=True):
            number = starts.get(scope) if scope is not None else None
            if scope is None:
                got = "saknas"
            elif number is not None and number in per_sats:
                got = per_sats[number]
            else:  # one att-sats, or a proposing sentence: the motion's own verdict
                got = verdict.recommendation
            sats_rows.append(_sats_row(txt, entry, got))
    if not rows:
        raise CheckerError(
            [Problem(str(folder), "", "inga etiketter: mappen har inga par NAMN.txt + NAMN.expected.yaml")],
            EXIT_USAGE,
        )
    n = len(rows)
    correct = sum(r["right"] for r in rows)
    grounds = sum(r["right"] and r["expected_grounds"] == r["got_grounds"] for r in rows)
    categories: dict[str, dict[str, int]] = {}
    for r in rows:
        c = categories.setdefault(r["category"], {"motions": 0, "right": 0})
        c["motions"] += 1
        c["right"] += int(r["right"])
    sats_right = sum(r["right"] for r in sats_rows)
    return {
        "motions": n,
        "verdict_accuracy": round(correct / n, 3),
        "verdict_and_grounds_accuracy": round(grounds / n, 3),
        "categories": {
            k: {**v, "accuracy": round(v["right"] / v["motions"], 3)} for k, v in sorted(categories.items())
        },
        "att_satser": len(sats_rows),
        "att_sats_verdict_accuracy": round(sats_right / len(sats_rows), 3) if sats_rows else None,
        "misses": [r for r in rows if not r["right"] or r["expected_grounds"] != r["got_grounds"]],
        "att_sats_misses": [r for r in sats_rows if not r["right"]],
    }


def _entries(label: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in label.get("att_satser") or [] if isinstance(e, dict) and e.get("verdict")]


def _row(
    txt: Path, profile: str, label: dict[str, Any], got: str, want_grounds: list[str], got_grounds: list[str]
) -> dict[str, Any]:
    expected = label.get("verdict")
    right = verdict_right(expected, got)
    return {
        "file": txt.name,
        "profile": profile,
        "category": str(label.get("category") or "–"),
        "expected": expected,
        "got": got,
        "right": right,
        # a refusal or granska of a non-motion is right whatever its grounds
        "expected_grounds": got_grounds if right and expected == NOT_A_MOTION else want_grounds,
        "got_grounds": got_grounds,
    }


def _sats_row(txt: Path, entry: dict[str, Any], got: str) -> dict[str, Any]:
    expected = entry.get("verdict")
    return {
        "file": txt.name,
        "text_start": entry.get("text_start"),
        "expected": expected,
        "got": got,
        "right": verdict_right(expected, got),
    }


def evaluate(folder: Path) -> dict[str, Any]:
    from checker.extraction.evaluate import evaluate_actions, evaluate_corpus

    verdicts = evaluate_verdicts(folder)  # first: a folder without labels is refused before anything else
    return {
        "folder": str(folder),
        "facts": evaluate_corpus(folder),
        "actions": evaluate_actions(folder),
        "verdicts": verdicts,
    }


def _pr(m: dict[str, Any]) -> tuple[str, str]:
    p = "-" if m["precision"] is None else f"{m['precision']:.2f}"
    r = "-" if m["recall"] is None else f"{m['recall']:.2f}"
    return p, r


def _table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{title:<30}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}{'okänd':>7}"]
    for name, m in rows.items():
        p, r = _pr(m)
        lines.append(f"{name:<30}{p:>10}{r:>8}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}{m['unknown']:>7}")
    return lines


def render_evaluation(result: dict[str, Any], *, verbose: bool = False) -> str:
    lines = [f"Korpus: {result['folder']}"]
    v = result["verdicts"]
    lines.append(
        f"Motioner: {v['motions']}; rätt rekommendation: {v['verdict_accuracy']:.1%}; "
        f"rätt rekommendation och skäl: {v['verdict_and_grounds_accuracy']:.1%}"
    )
    if v["att_sats_verdict_accuracy"] is not None:
        lines.append(
            f"Att-satser med etikett: {v['att_satser']}; rätt rekommendation: {v['att_sats_verdict_accuracy']:.1%}"
        )
    if len(v["categories"]) > 1 or "–" not in v["categories"]:
        lines.append("")
        lines.append(f"{'kategori':<30}{'motioner':>10}{'rätt':>8}")
        for name, c in v["categories"].items():
            lines.append(f"{name:<30}{c['motions']:>10}{c['accuracy']:>8.0%}")
    lines.append("")
    lines.extend(_table("fakta", result["facts"]["facts"]))
    a = result["actions"]
    if a["att_satser"]:
        lines.append("")
        if not a["available"]:
            lines.append("Handlingsläsning: verktyget läser ännu inte ut handlingstyper (action_kinds saknas).")
        lines.append(
            f"Handlingar: {a['att_satser']} att-satser med etikett i {a['motions']} motioner; "
            f"{a['unmatched']} kunde inte knytas till texten"
        )
        lines.extend(_table("handlingstyp", a["actions"]))
        if a["recipients"]:
            lines.append("")
            lines.extend(_table("mottagare (give_value)", a["recipients"]))
    if verbose:
        lines.append("")
        lines.append("Avvikande rekommendationer eller skäl:")
        for miss in v["misses"]:
            lines.append(
                f"  {miss['file']} ({miss['profile']}): väntat {miss['expected']} {miss['expected_grounds']}, "
                f"fick {miss['got']} {miss['got_grounds']}"
            )
        if v["att_sats_misses"]:
            lines.append("")
            lines.append("Avvikande rekommendationer per att-sats:")
            for miss in v["att_sats_misses"]:
                lines.append(f"  {miss['file']}: ”{miss['text_start']}”: väntat {miss['expected']}, fick {miss['got']}")
        if a["mismatches"]:
            lines.append("")
            lines.append("Avvikande handlingstyper:")
            for mm in a["mismatches"]:
                lines.append(f"  {mm['file']}: ”{mm['text_start']}”: väntat {mm['expected']}, fick {mm['got']}")
        lines.append("")
        lines.append("Avvikande fakta:")
        for mm in result["facts"]["mismatches"]:
            lines.append(f"  {mm['file']}: {mm['fact']}: väntat {mm['expected']}, fick {mm['got']}")
    return "\n".join(lines) + "\n"
