"""Precision and recall of the extractors on a labelled corpus (tests/corpus/).

The corpus holds ``<name>.txt`` motions, each with ``<name>.expected.yaml`` whose ``facts`` map gives
the expected value of some facts (facts left out are not scored). ``evaluate_corpus`` is pure: it
reads the folder, runs ``extract_facts`` and returns numbers; it prints nothing.

Scoring, per fact:
- list facts: set comparison, each element a true positive, false positive or false negative;
  ``partner_places`` and ``mentioned_places`` compare ISO country codes (places without a code,
  such as continents, are not scored);
- ``networks_requested`` compares names through the aliases in checker/data/networks.yaml
  ("Borgmästaravtalet" is "Covenant of Mayors");
- bool facts: True is the positive class;
- ``motion_date``: a hit when equal; a wrong date is one false positive and one false negative;
- an *unknown* extracted fact predicts nothing (its expected elements or True become false
  negatives) and is counted in ``unknown``.
Precision is tp/(tp+fp) and recall tp/(tp+fn); both are None when their denominator is 0.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml

from checker.extraction import extract_facts
from checker.facts import FACTS
from checker.models import AttSats, Fact, Proposal

_PLACE_FACTS = ("partner_places", "mentioned_places")


def _proposal(path: Path, text: str) -> Proposal:
    """The proposal as the reader gives it, or a minimal one when the reader is not available."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        from checker.reading import parse_text
    except ImportError:  # the reader is a separate package; keep the evaluation usable without it
        return Proposal(path=str(path), format="txt", text=text, sha256=sha, att_satser=_att_satser(text))
    return parse_text(text, path=str(path), fmt="txt", sha256=sha)


def _att_satser(text: str) -> tuple[AttSats, ...]:
    from checker.extraction.text import _ATT_LINE

    return tuple(
        AttSats(number=n, text=m.group(1), start=m.start(1), end=m.end(1))
        for n, m in enumerate(_ATT_LINE.finditer(text), start=1)
    )


def _as_set(name: str, value: Any) -> set[str]:
    if value is None:
        return set()
    if name in _PLACE_FACTS:
        out = set()
        for v in value:
            code = v.get("country_code") if isinstance(v, dict) else v
            if code:
                out.add(str(code))
        return out
    if name == "networks_requested":
        from checker.extraction.extractors import canonical_network

        return {canonical_network(str(v)) for v in value}
    return {str(v) for v in value}


def _score(name: str, expected: Any, got: Fact) -> tuple[int, int, int]:
    kind = FACTS[name].type
    value = got.value if got.known else None
    if kind.startswith("list"):
        e, g = _as_set(name, expected), _as_set(name, value)
        return len(e & g), len(g - e), len(e - g)
    if kind == "bool":
        e_b, g_b = bool(expected), value is True
        return int(e_b and g_b), int(g_b and not e_b), int(e_b and not g_b)
    e_s = expected.isoformat() if isinstance(expected, dt.date) else (None if expected is None else str(expected))
    g_s = None if value is None else str(value)
    if e_s is None:
        return 0, int(g_s is not None), 0
    if g_s == e_s:
        return 1, 0, 0
    return 0, int(g_s is not None), 1


def evaluate_corpus(folder: Path) -> dict[str, Any]:
    """Per-fact precision and recall over every ``*.expected.yaml`` in ``folder``.

    Returns ``{"files": n, "facts": {fact: {tp, fp, fn, unknown, precision, recall}},
    "mismatches": [{file, fact, expected, got}]}``.
    """
    totals: dict[str, dict[str, int]] = {}
    mismatches: list[dict[str, Any]] = []
    files = sorted(folder.glob("*.expected.yaml"))
    for exp_path in files:
        txt = exp_path.with_name(exp_path.name.replace(".expected.yaml", ".txt"))
        if not txt.exists():
            continue
        expected = (yaml.safe_load(exp_path.read_text(encoding="utf-8")) or {}).get("facts") or {}
        facts = extract_facts(_proposal(txt, txt.read_text(encoding="utf-8")))
        for name, exp_value in expected.items():
            if name not in facts:
                continue
            tp, fp, fn = _score(name, exp_value, facts[name])
            t = totals.setdefault(name, {"tp": 0, "fp": 0, "fn": 0, "unknown": 0})
            t["tp"] += tp
            t["fp"] += fp
            t["fn"] += fn
            t["unknown"] += int(not facts[name].known)
            if fp or fn:
                got = facts[name]
                shown = (
                    sorted(_as_set(name, got.value))
                    if got.known and name in _PLACE_FACTS
                    else (got.value if got.known else "okänt")
                )
                mismatches.append({"file": txt.name, "fact": name, "expected": exp_value, "got": shown})
    out: dict[str, Any] = {"files": len(files), "facts": {}, "mismatches": mismatches}
    for name, t in sorted(totals.items()):
        p_den, r_den = t["tp"] + t["fp"], t["tp"] + t["fn"]
        out["facts"][name] = {
            **t,
            "precision": round(t["tp"] / p_den, 3) if p_den else None,
            "recall": round(t["tp"] / r_den, 3) if r_den else None,
        }
    return out
