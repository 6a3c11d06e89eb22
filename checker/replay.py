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


INVALID = "raden är inte en giltig beslutspost"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise TypeError("expected a mapping of text to text")
    return value


@dataclass(frozen=True)
class Record:
    """The fields of one decision record that a replay needs, all read and type-checked up front."""

    name: str
    in_path: Path
    in_sha: str
    profile_arg: str
    profile_id: str
    as_of: dt.date
    lang: str
    verdict: dict[str, Any]
    rules: dict[str, str]
    files: dict[str, str]
    facts_path: Path | None
    facts_sha: str | None


def parse_record(raw: str) -> Record:
    """One log line → Record. Raises ValueError, KeyError, TypeError or AttributeError when it is not one."""
    rec = json.loads(raw)
    inp, prof, verdict = rec["input"], rec["profile"], rec["verdict"]
    texts = (inp["name"], inp["path"], inp["sha256"], prof["arg"], prof["id"], rec["as_of"], rec["lang"])
    if not all(isinstance(t, str) for t in texts) or not isinstance(verdict, dict):
        raise TypeError("a field has the wrong type")
    findings = verdict.get("findings", [])
    if not isinstance(findings, list) or not all(isinstance(f, dict) and "rule_id" in f for f in findings):
        raise TypeError("findings must be a list of findings")
    facts = rec.get("facts_file")
    facts_path = facts_sha = None
    if facts:
        facts_path, facts_sha = Path(facts["path"]), facts["sha256"]
        if not isinstance(facts_sha, str):
            raise TypeError("facts_file.sha256 must be text")
    return Record(
        name=inp["name"],
        in_path=Path(inp["path"]),
        in_sha=inp["sha256"],
        profile_arg=prof["arg"],
        profile_id=prof["id"],
        as_of=dt.date.fromisoformat(rec["as_of"]),
        lang=rec["lang"],
        verdict=verdict,
        rules=_str_map(prof.get("rules", {})),
        files=_str_map(prof.get("files", {})),
        facts_path=facts_path,
        facts_sha=facts_sha,
    )


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
            out.append(f"{rid}: ny regel ({b.get('outcome') if b else ''})")
        elif b is None:
            out.append(f"{rid}: regeln finns inte längre (var {a.get('outcome')})")
        elif a.get("outcome") != b.get("outcome"):
            out.append(f"{rid}: {a.get('outcome')} → {b.get('outcome')}")
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
    """Replay every record; a record that cannot be replayed is reported in its place, never an abort."""
    checkers: dict[str, Any] = {}
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
            rec = parse_record(raw)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            results.append(ReplayResult(n, "?", "cannot_replay", [INVALID]))
            continue
        results.append(replay_record(n, rec, checkers))
    return results


def _cannot(n: int, rec: Record, why: str) -> ReplayResult:
    return ReplayResult(n, rec.name, "cannot_replay", [why])


def replay_record(n: int, rec: Record, checkers: dict[str, Any]) -> ReplayResult:
    """Re-run one recorded check. `checkers` caches a loaded Checker (or its load error) per profile argument."""
    from checker.api import Checker
    from checker.batch import rule_hashes
    from checker.factsfile import load_facts_file
    from checker.render.jsonout import verdict_dict

    try:
        if not rec.in_path.is_file():
            return _cannot(n, rec, f"indatafilen finns inte längre: {rec.in_path}")
        if _sha(rec.in_path) != rec.in_sha:
            return _cannot(n, rec, f"indatafilen har ändrats sedan beslutet: {rec.in_path}")
    except OSError as exc:
        return _cannot(n, rec, f"indatafilen kan inte läsas: {rec.in_path}: {exc.strerror}")
    if rec.profile_arg not in checkers:
        try:
            checkers[rec.profile_arg] = Checker(rec.profile_arg)
        except CheckerError as err:
            checkers[rec.profile_arg] = err
    checker = checkers[rec.profile_arg]
    if isinstance(checker, CheckerError):
        return _cannot(n, rec, f"profilen kan inte laddas: {checker.lines()[0]}")
    loaded_id = checker.policy_set.profile_id
    if loaded_id != rec.profile_id:
        return _cannot(
            n,
            rec,
            f"profilen {rec.profile_arg} är inte samma profil som i beslutet "
            f"(nu {loaded_id!r}, i beslutet {rec.profile_id!r})",
        )
    declared = None
    if rec.facts_path is not None:
        try:
            unchanged = rec.facts_path.is_file() and _sha(rec.facts_path) == rec.facts_sha
        except OSError:
            unchanged = False
        if not unchanged:
            return _cannot(n, rec, f"faktafilen saknas eller har ändrats: {rec.facts_path}")
        try:
            declared, _ = load_facts_file(rec.facts_path, checker.policy_set.context)
        except CheckerError as err:
            return _cannot(n, rec, err.lines()[0] if err.lines() else f"faktafilen kan inte läsas: {rec.facts_path}")
    try:
        new = verdict_dict(checker.check(rec.in_path, as_of=rec.as_of, lang=rec.lang, declared=declared))
    except CheckerError as err:
        return ReplayResult(n, rec.name, "cannot_replay", err.lines())
    except RecursionError:
        return _cannot(n, rec, f"{rec.in_path}: dokumentet är för djupt nästlat för att läsas")
    if new == rec.verdict:
        return ReplayResult(n, rec.name, "identical")
    details = compare(rec.verdict, new, rec.rules, rule_hashes(checker), rec.files, checker.policy_set.files)
    return ReplayResult(n, rec.name, "changed", details)
