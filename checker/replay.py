"""Replay a decision log: re-run each recorded check and report identical / changed / cannot replay.

An audited verdict must be reproducible years later; and when a guideline or rule is revised, the
log shows which past verdicts the revision would change, and why (which rule's definition changed,
which findings moved).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, InputError


@dataclass
class ReplayResult:
    line: int
    name: str
    status: str  # identical | changed | cannot_replay
    details: list[str] = field(default_factory=list)

    def text(self) -> str:
        label = {"identical": "oförändrad", "changed": "ändrad", "cannot_replay": "kan inte köras om"}[self.status]
        head = f"rad {self.line}: {self.name}: {label}"
        return head + "".join(f"\n    {d}" for d in self.details)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compare(
    old: dict[str, Any],
    new: dict[str, Any],
    old_rules: dict[str, str],
    new_rules: dict[str, str],
    old_files: dict[str, str],
    new_files: dict[str, str],
) -> list[str]:
    """What differs between a recorded verdict and the replayed one, most telling first."""
    out: list[str] = []
    if old.get("recommendation") != new.get("recommendation"):
        out.append(f"rekommendation: {old.get('recommendation')} → {new.get('recommendation')}")
    old_f = {f["rule_id"]: f for f in old.get("findings", [])}
    new_f = {f["rule_id"]: f for f in new.get("findings", [])}
    for rid in sorted(set(old_f) | set(new_f)):
        a, b = old_f.get(rid), new_f.get(rid)
        if a is None:
            out.append(f"{rid}: ny regel ({b['outcome'] if b else ''})")
        elif b is None:
            out.append(f"{rid}: regeln finns inte längre (var {a['outcome']})")
        elif a["outcome"] != b["outcome"]:
            out.append(f"{rid}: {a['outcome']} → {b['outcome']}")
        elif a != b:
            out.append(f"{rid}: samma utfall, ändrad motivering eller källa")
    for rid in sorted(set(old_rules) | set(new_rules)):
        if old_rules.get(rid) != new_rules.get(rid):
            what = "tillagd" if rid not in old_rules else "borttagen" if rid not in new_rules else "ändrad"
            out.append(f"regeln {rid} är {what} sedan beslutet")
    for name in sorted(set(old_files) | set(new_files)):
        if old_files.get(name) != new_files.get(name):
            out.append(f"filen {name} har ändrats sedan beslutet")
    if not out:
        out.append("andra skillnader i verdikten (versioner eller metadata)")
    return out


def replay_log(log: Path) -> list[ReplayResult]:
    from checker.api import Checker
    from checker.batch import rule_hashes
    from checker.factsfile import load_facts_file
    from checker.render.jsonout import verdict_dict

    checkers: dict[str, Checker | CheckerError] = {}
    results: list[ReplayResult] = []
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(log), f"kan inte läsa beslutsloggen: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(str(log), "beslutsloggen är inte UTF-8-text") from None
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            name = rec["input"]["name"]
            in_path = Path(rec["input"]["path"])
            profile_arg = rec["profile"]["arg"]
            as_of = dt.date.fromisoformat(rec["as_of"])
            lang = rec["lang"]
            old = rec["verdict"]
        except (ValueError, KeyError, TypeError):
            results.append(ReplayResult(n, "?", "cannot_replay", ["raden är inte en giltig beslutspost"]))
            continue
        if not in_path.is_file():
            results.append(ReplayResult(n, name, "cannot_replay", [f"indatafilen finns inte längre: {in_path}"]))
            continue
        if _sha(in_path) != rec["input"]["sha256"]:
            results.append(
                ReplayResult(n, name, "cannot_replay", [f"indatafilen har ändrats sedan beslutet: {in_path}"])
            )
            continue
        if profile_arg not in checkers:
            try:
                checkers[profile_arg] = Checker(profile_arg)
            except CheckerError as err:
                checkers[profile_arg] = err
        checker = checkers[profile_arg]
        if isinstance(checker, CheckerError):
            results.append(ReplayResult(n, name, "cannot_replay", [f"profilen kan inte laddas: {checker.lines()[0]}"]))
            continue
        declared = None
        facts_file = rec.get("facts_file")
        if facts_file:
            fpath = Path(facts_file["path"])
            if not fpath.is_file() or _sha(fpath) != facts_file["sha256"]:
                results.append(
                    ReplayResult(n, name, "cannot_replay", [f"faktafilen saknas eller har ändrats: {fpath}"])
                )
                continue
            declared, _ = load_facts_file(fpath, checker.policy_set.context)
        try:
            new = verdict_dict(checker.check(in_path, as_of=as_of, lang=lang, declared=declared))
        except CheckerError as err:
            results.append(ReplayResult(n, name, "cannot_replay", err.lines()))
            continue
        if new == old:
            results.append(ReplayResult(n, name, "identical"))
            continue
        details = compare(
            old,
            new,
            rec["profile"].get("rules", {}),
            rule_hashes(checker),
            rec["profile"].get("files", {}),
            checker.policy_set.files,
        )
        results.append(ReplayResult(n, name, "changed", details))
    return results
