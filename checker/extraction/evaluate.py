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

Action readings (``evaluate_actions``), from the label key ``att_satser: [{text_start, action,
recipient, verdict}]`` (one entry per att-sats, or per proposing sentence when a motion has none):
- a labelled att-sats is matched to the tool's att-sats whose text starts with ``text_start``
  (case, spacing, bullets and numbering ignored); one the tool did not find as an att-sats (a
  proposing sentence) is read in the scope of the sentence where ``text_start`` occurs; one whose
  ``text_start`` is nowhere in the text is *unmatched* (its action a false negative);
- per action kind: the labelled ``action`` is a true positive when the tool's ``action_kinds`` for that
  att-sats holds it, else a false negative; each other kind the tool reads there is a false positive;
  an *unknown* reading predicts nothing and is counted in ``unknown``;
- recipients are scored the same way, from ``value_recipients``, on the att-satser labelled
  ``give_value`` (``none`` is the empty set).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError
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


def labelled_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(label, motion) for every ``*.expected.yaml`` in ``folder`` that has its ``.txt`` beside it."""
    pairs = []
    for exp_path in sorted(folder.glob("*.expected.yaml")):
        txt = exp_path.with_name(exp_path.name.replace(".expected.yaml", ".txt"))
        if txt.exists():
            pairs.append((exp_path, txt))
    return pairs


def read_label(path: Path) -> dict[str, Any]:
    """A label file as a mapping; one that is not YAML or not a mapping is an input error (exit 4)."""
    from checker.errors import InputError

    try:
        label = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(str(path), f"etiketten kan inte läsas: {first}") from None
    if label is None:
        return {}
    if not isinstance(label, dict):
        raise InputError(str(path), "etiketten ska vara en YAML-mappning (municipality, verdict, facts, att_satser …)")
    return label


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
    files = labelled_pairs(folder)
    for exp_path, txt in files:
        expected = read_label(exp_path).get("facts") or {}
        if not isinstance(expected, dict) or not expected:
            continue
        try:
            facts = extract_facts(_proposal(txt, txt.read_text(encoding="utf-8")))
        except CheckerError:
            continue  # the reader refused the input: there are no facts to score (the verdict is scored)
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


# --------------------------------------------------------------------------- action readings

ACTION_FACT = "action_kinds"
RECIPIENT_FACT = "value_recipients"
_LEAD = re.compile(r"^[\W\d_]+")


def _norm(text: str) -> str:
    """Text for matching a label's ``text_start``: case, spacing, leading bullets and numbers ignored."""
    return _LEAD.sub("", " ".join(text.split()).casefold())


def match_att_satser(proposal: Proposal, entries: list[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """The scope (start, end) in ``proposal.text`` of each labelled att-sats, or None when not found.

    A labelled att-sats is the tool's att-sats whose text starts with its ``text_start`` (each tool
    att-sats used once, in order); failing that, the sentence-long stretch where ``text_start`` occurs
    (a proposing sentence the tool did not read as an att-sats)."""
    used: set[int] = set()
    text_norm, index = _normalised_index(proposal.text)
    out: list[tuple[int, int] | None] = []
    for entry in entries:
        want = _norm(str(entry.get("text_start", "")))
        scope: tuple[int, int] | None = None
        if want:
            for i, sats in enumerate(proposal.att_satser):
                have = _norm(sats.text)
                if i not in used and (have.startswith(want) or (len(have) >= 12 and want.startswith(have))):
                    used.add(i)
                    scope = (sats.start, sats.end)
                    break
            if scope is None:
                at = text_norm.find(want)
                if at >= 0:
                    start = index[at]
                    end = index[min(at + len(want), len(index) - 1)]
                    scope = (start, max(end, start + 1))
        out.append(scope)
    return out


def _normalised_index(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded with runs of whitespace as one space, and each character's offset in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and chars:
                chars.append(" ")
                index.append(i)
            space = True
            continue
        space = False
        for c in ch.casefold():
            chars.append(c)
            index.append(i)
    index.append(len(text))
    return "".join(chars), index


def _kinds(fact: Fact | None) -> set[str] | None:
    """The kinds a list fact reads (None when the reading is unknown or the fact is not extracted)."""
    if fact is None or not fact.known or not isinstance(fact.value, list):
        return None
    return {str(v) for v in fact.value}


def _add(table: dict[str, dict[str, int]], kind: str, field: str) -> None:
    row = table.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0, "unknown": 0})
    row[field] += 1


def _score_kinds(table: dict[str, dict[str, int]], expected: set[str], got: set[str] | None) -> None:
    if got is None:
        for kind in expected:
            _add(table, kind, "fn")
            _add(table, kind, "unknown")
        return
    for kind in expected & got:
        _add(table, kind, "tp")
    for kind in expected - got:
        _add(table, kind, "fn")
    for kind in got - expected:
        _add(table, kind, "fp")


def _rates(table: dict[str, dict[str, int]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for kind, t in sorted(table.items()):
        p_den, r_den = t["tp"] + t["fp"], t["tp"] + t["fn"]
        out[kind] = {
            **t,
            "precision": round(t["tp"] / p_den, 3) if p_den else None,
            "recall": round(t["tp"] / r_den, 3) if r_den else None,
        }
    return out


def evaluate_actions(folder: Path) -> dict[str, Any]:
    """Per-action-kind (and, for give_value, per-recipient) precision and recall over the labelled att-satser.

    Returns ``{"motions": n, "att_satser": n, "unmatched": n, "available": bool, "actions": {kind: {tp, fp,
    fn, unknown, precision, recall}}, "recipients": {...}, "mismatches": [{file, text_start, expected, got}]}``.
    ``available`` is False when the extractor gives no action reading at all (no ``action_kinds`` fact).
    """
    actions: dict[str, dict[str, int]] = {}
    recipients: dict[str, dict[str, int]] = {}
    mismatches: list[dict[str, Any]] = []
    motions = entries_n = unmatched = 0
    available = False
    for exp_path, txt in labelled_pairs(folder):
        entries = [e for e in read_label(exp_path).get("att_satser") or [] if isinstance(e, dict) and e.get("action")]
        if not entries:
            continue
        try:
            proposal = _proposal(txt, txt.read_text(encoding="utf-8"))
        except CheckerError:
            proposal = None
        motions += 1
        scopes = match_att_satser(proposal, entries) if proposal is not None else [None] * len(entries)
        for entry, scope in zip(entries, scopes, strict=True):
            entries_n += 1
            action = str(entry["action"])
            if scope is None or proposal is None:
                unmatched += 1
                _add(actions, action, "fn")
                mismatches.append(
                    {
                        "file": txt.name,
                        "text_start": entry.get("text_start"),
                        "expected": action,
                        "got": "saknas",
                    }
                )
                continue
            facts = extract_facts(proposal, scope=scope)
            available = available or ACTION_FACT in facts
            got = _kinds(facts.get(ACTION_FACT))
            _score_kinds(actions, {action}, got)
            if got != {action}:
                shown: Any = "okänt" if got is None else sorted(got)
                mismatches.append(
                    {"file": txt.name, "text_start": entry.get("text_start"), "expected": action, "got": shown}
                )
            if action == "give_value":
                recipient = str(entry.get("recipient") or "none")
                _score_kinds(
                    recipients, set() if recipient == "none" else {recipient}, _kinds(facts.get(RECIPIENT_FACT))
                )
    return {
        "motions": motions,
        "att_satser": entries_n,
        "unmatched": unmatched,
        "available": available,
        "actions": _rates(actions),
        "recipients": _rates(recipients),
        "mismatches": mismatches,
    }
