"""Replay a decision log: re-run each recorded check and report identical / changed / cannot replay.

An audited verdict must be reproducible years later; and when a guideline or rule is revised, the
log shows which past verdicts the revision would change, and why (which rule's definition changed,
which findings moved).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, InputError, cut

# identical | same_outcome (the verdict's outcome holds; a rule or its wording changed) | changed
# | cannot_replay | damaged (the line is not a whole, intact record: a torn write, a flipped byte)
LABELS = {
    "identical": "oförändrad",
    "same_outcome": "samma utfall",
    "changed": "ändrad",
    "cannot_replay": "kan inte köras om",
    "damaged": "skadad post",
}
MAX_RECORD_BYTES = 16 * 1024 * 1024  # one line of a decision log; a record is a few tens of KB
LANGS = ("sv", "en")


@dataclass
class ReplayResult:
    line: int
    name: str
    status: str  # see LABELS
    details: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = f"rad {self.line}: {cut(self.name, 120)}: {LABELS[self.status]}"
        return head + "".join(f"\n    {d}" for d in self.details)


INVALID = "raden är inte en giltig beslutspost"


class Damaged(ValueError):
    """A line that is not an intact record; the message says how."""


def _sha(path: Path) -> str:
    """The input's hash, streamed (never read whole), within the size limit of `check`."""
    from checker.bounded import Refused, hash_regular
    from checker.reading import MAX_BYTES

    try:
        return hash_regular(path, MAX_BYTES)
    except Refused as exc:
        raise OSError(str(exc)) from None


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise TypeError("expected a mapping of text to text")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or "\0" in value:
        raise TypeError(f"{what} must be text")
    return value


_HEX64 = frozenset("0123456789abcdef")


def _sha_text(value: Any, what: str) -> str:
    if not isinstance(value, str) or len(value) != 64 or not set(value) <= _HEX64:
        raise TypeError(f"{what} must be a SHA-256 in hex")
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
    """One log line → Record, every field checked before use. Raises Damaged when the line is not an
    intact record (not JSON, nested too deep, its checksum differs), and ValueError, KeyError,
    TypeError or AttributeError when it is JSON but not a decision record."""
    from checker.batch import record_checksum
    from checker.bounded import Refused, load_json

    try:
        rec = load_json(raw)
    except Refused as exc:
        raise Damaged(f"raden är skadad: {exc}") from None
    except ValueError:
        raise Damaged("raden är skadad: den är inte hel JSON (ett avbrutet skrivande?)") from None
    if not isinstance(rec, dict):
        raise TypeError("a record is a mapping")
    if rec.get("record_version", 1) != 1 or isinstance(rec.get("record_version"), bool):
        raise ValueError("unknown record_version")
    sealed = rec.get("record_sha256")
    if sealed is not None and sealed != record_checksum(rec):
        raise Damaged("raden är skadad: kontrollsumman stämmer inte (en ändrad byte?)")
    inp, prof, verdict = rec["input"], rec["profile"], rec["verdict"]
    if not isinstance(inp, dict) or not isinstance(prof, dict) or not isinstance(verdict, dict):
        raise TypeError("input, profile and verdict must be mappings")
    lang = _text(rec["lang"], "lang")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}")
    findings = verdict.get("findings", [])
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("rule_id"), str) and isinstance(f.get("outcome", ""), str)
        for f in findings
    ):
        raise TypeError("findings must be a list of findings with text rule ids")
    if not isinstance(verdict.get("recommendation", ""), str):
        raise TypeError("recommendation must be text")
    facts = rec.get("facts_file")
    facts_path = facts_sha = None
    if facts is not None:
        if not isinstance(facts, dict):
            raise TypeError("facts_file must be a mapping")
        facts_path = Path(_text(facts["path"], "facts_file.path"))
        facts_sha = _sha_text(facts["sha256"], "facts_file.sha256")
    return Record(
        name=_text(inp["name"], "input.name"),
        in_path=Path(_text(inp["path"], "input.path")),
        in_sha=_sha_text(inp["sha256"], "input.sha256"),
        profile_arg=_text(prof["arg"], "profile.arg"),
        profile_id=_text(prof["id"], "profile.id"),
        as_of=dt.date.fromisoformat(_text(rec["as_of"], "as_of")),
        lang=lang,
        verdict=verdict,
        rules=_str_map(prof.get("rules", {})),
        files=_str_map(prof.get("files", {})),
        facts_path=facts_path,
        facts_sha=facts_sha,
    )


def _outcomes(verdict: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    return verdict.get("recommendation"), {f["rule_id"]: f.get("outcome") for f in verdict.get("findings", [])}


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


def _log_lines(log: Path) -> Any:
    """(line number, bytes or None for a line over MAX_RECORD_BYTES) for each line, read in blocks; a
    regular file only (a FIFO is refused, never waited on)."""
    import os
    import stat

    try:
        fd = os.open(log, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(str(log), f"kan inte läsa beslutsloggen: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(str(log), "beslutsloggen är ingen vanlig fil")
    with os.fdopen(fd, "rb") as fh:
        n = 0
        while True:
            line = fh.readline(MAX_RECORD_BYTES + 1)
            if not line:
                return
            n += 1
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                    line = fh.readline(MAX_RECORD_BYTES)
                yield n, None
                continue
            yield n, line


def replay_log(log: Path) -> list[ReplayResult]:
    """Replay every record; a record that cannot be replayed, or a damaged line (torn by a full disk,
    a flipped byte, bytes that are not UTF-8), is reported in its place, and the replay goes on."""
    checkers: dict[str, Any] = {}
    results: list[ReplayResult] = []
    try:
        for n, data in _log_lines(log):
            if data is None:
                results.append(ReplayResult(n, "?", "damaged", ["raden är längre än en beslutspost kan vara"]))
                continue
            if not data.strip():
                continue
            try:
                raw = data.decode("utf-8")
            except UnicodeDecodeError:
                results.append(ReplayResult(n, "?", "damaged", ["raden är skadad: den är inte UTF-8-text"]))
                continue
            try:
                rec = parse_record(raw)
            except Damaged as exc:
                results.append(ReplayResult(n, "?", "damaged", [str(exc)]))
                continue
            except (ValueError, KeyError, TypeError, AttributeError, IndexError):
                results.append(ReplayResult(n, "?", "cannot_replay", [INVALID]))
                continue
            results.append(replay_record(n, rec, checkers))
    except OSError as exc:
        raise InputError(str(log), f"kan inte läsa beslutsloggen: {exc.strerror or exc}") from None
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
        if not rec.in_path.exists():
            return _cannot(n, rec, f"indatafilen finns inte längre: {rec.in_path}")
        if _sha(rec.in_path) != rec.in_sha:
            return _cannot(n, rec, f"indatafilen har ändrats sedan beslutet: {rec.in_path}")
    except (OSError, ValueError) as exc:
        return _cannot(
            n,
            rec,
            f"indatafilen kan inte läsas: {rec.in_path}: {(exc.strerror if isinstance(exc, OSError) else None) or exc}",
        )
    if rec.profile_arg not in checkers:
        try:
            checkers[rec.profile_arg] = Checker(rec.profile_arg)
        except CheckerError as err:
            checkers[rec.profile_arg] = err
        except Exception as exc:
            from checker.errors import Problem, internal_line

            checkers[rec.profile_arg] = CheckerError([Problem(cut(rec.profile_arg), "", internal_line(exc))])
    checker = checkers[rec.profile_arg]
    if isinstance(checker, CheckerError):
        return _cannot(n, rec, f"profilen kan inte laddas: {(checker.lines() or ['okänt fel'])[0]}")
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
            unchanged = _sha(rec.facts_path) == rec.facts_sha
        except (OSError, ValueError):
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
    except Exception as exc:  # a fault in the checker on this record: reported in its place, the rest go on
        from checker.errors import internal_line

        return _cannot(n, rec, internal_line(exc, str(rec.in_path)))
    if new == rec.verdict:
        return ReplayResult(n, rec.name, "identical")
    details = compare(rec.verdict, new, rec.rules, rule_hashes(checker), rec.files, checker.policy_set.files)
    if _outcomes(new) == _outcomes(rec.verdict):
        changed_rules = [d for d in details if d.startswith(("regeln ", "filen "))]
        head = "samma utfall, regeln har ändrats" if changed_rules else "samma utfall, ändrad motivering eller källa"
        return ReplayResult(n, rec.name, "same_outcome", [head, *[d for d in details if "samma utfall" not in d]])
    return ReplayResult(n, rec.name, "changed", details)
