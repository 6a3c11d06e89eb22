"""The rules engine's size limit: durable-rules' C core refuses a condition whose expression sequence reaches
32 (error 113, when the ruleset is created). The estimate counts exactly what the core stores, and conditions
are kept three gates below the measured limit: split into alternatives, or refused when the profile is
loaded with one line naming the file and the rule, never an error 113 or a traceback at check time."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.engine import MAX_EXPRESSIONS, ConditionTooLarge, compile_rule, condition_size
from checker.load import load_policy_set

from .conftest import ROOT

GUARD = {"$type": "proposal"}
PROBE = """
import json, sys
import durable_rules_engine as dre
out = []
for i, cond in enumerate(json.load(sys.stdin)):
    ruleset = json.dumps({"r": {"all": [{"m": cond}]}, "done": {"all": [{"m": {"$type": "proposal"}}]}})
    for attempt in range(10):  # error 102: the core's rare failure to create what it accepts on a retry
        try:
            dre.create_ruleset(f"probe_{i}_{attempt}", " " * (17 * attempt) + ruleset)
            out.append("ok")
            break
        except dre.error as exc:
            if "error code: 102" not in str(exc):
                out.append(str(exc))
                break
    else:
        out.append("102 ten times")
print(json.dumps(out))
"""


def core_accepts(conds: list[dict[str, Any]]) -> list[bool]:
    """Whether durable-rules' C core creates a ruleset holding each condition (False: error 113), tried in a
    fresh process (the core frees no ruleset, and a long test process would run out of them)."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], input=json.dumps(conds), capture_output=True, text=True, check=True, timeout=300
    )
    answers = json.loads(proc.stdout)
    assert all(a in ("ok", "Could not create ruleset, error code: 113") for a in answers), set(answers)
    return [a == "ok" for a in answers]


def _chain(n: int) -> dict[str, Any]:
    cond: dict[str, Any] = {"x": 1}
    for i in range(n):
        cond = {("$and", "$or")[i % 2]: [cond]}
    return {"$and": [GUARD, cond]}


SHAPES: dict[str, Callable[[int], dict[str, Any]]] = {
    "a chain of gates": _chain,
    "a conjunction of tests": lambda n: {"$and": [GUARD, *({f"f{i}": i} for i in range(n))]},
    "a conjunction of possibly unknown tests": lambda n: {
        "$and": [GUARD, *({"$or": [{f"f{i}": i}, {"$nex": {f"f{i}": 1}}]} for i in range(n))]
    },
    "a conjunction of item loops with alternatives": lambda n: {
        "$and": [GUARD, *({"$iany": {f"f{i}": {"$or": [{"$i": "a"}, {"$i": "b"}]}}} for i in range(n))]
    },
    "a conjunction of item loops with conjunctions": lambda n: {
        "$and": [
            GUARD,
            *({"$iall": {f"f{i}": {"$and": [{"$neq": {"$i": "a"}}, {"$neq": {"$i": "b"}}]}}} for i in range(n)),
        ]
    },
    "a disjunction of tests": lambda n: {"$and": [GUARD, {"$or": [{f"f{i}": i} for i in range(n)]}]},
    "a disjunction of conjunctions": lambda n: {
        "$and": [GUARD, {"$or": [{"$and": [{f"a{i}": 1}, {f"b{i}": 2}]} for i in range(n)]}]
    },
}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_engine_refuses_a_condition_exactly_when_its_counted_expressions_reach_32(shape: str) -> None:
    conds = [SHAPES[shape](n) for n in range(40)]
    accepted = core_accepts(conds)
    assert accepted == [condition_size(c) <= 30 for c in conds]
    assert MAX_EXPRESSIONS <= 30 - 6  # three gates of margin below the largest condition the engine takes


PROFILE = ROOT / "examples" / "profil-exempelkommun"
RULES = "rules/riktlinje-internationellt.yaml"
ORIGINAL = "    violation_when:\n      all:\n        - {fact: partner_places, any_item: {field: eu_eea, is: false}}\n"


def long_profile(tmp_path: Path, n: int, unknown_as_false: bool) -> Path:
    """The example municipality's profile, its first rule's violation condition grown by n item tests."""
    folder = tmp_path / f"profil-{n}-{unknown_as_false}"
    shutil.copytree(PROFILE, folder)
    text = (folder / RULES).read_text(encoding="utf-8")
    assert ORIGINAL in text
    extra = ", unknown_as: false" if unknown_as_false else ""
    more = "".join(
        f"        - {{fact: partner_places, any_item: {{field: in_europe, is: false}}{extra}}}\n" for _ in range(n)
    )
    (folder / RULES).write_text(text.replace(ORIGINAL, ORIGINAL + more), encoding="utf-8")
    return folder


@pytest.mark.parametrize("unknown_as_false", [False, True], ids=["splittable", "unsplittable"])
def test_a_growing_rule_is_split_or_refused_before_the_engine_would_fail(
    tmp_path: Path, unknown_as_false: bool
) -> None:
    refused_at = None
    kept: list[dict[str, Any]] = []
    for n in range(0, 40, 3):
        ps = load_policy_set(long_profile(tmp_path, n, unknown_as_false), use_cache=False)
        rule = ps.rule("EX-GEOGRAFI")
        assert rule is not None
        try:
            compiled = compile_rule(rule, ps.profile_values())
        except ConditionTooLarge as exc:
            refused_at = n if refused_at is None else refused_at
            assert exc.file.endswith(RULES) and exc.field == "rules[0]"
            continue
        assert refused_at is None  # once too large, larger is too large as well
        for engine_rule in compiled.values():
            cond = engine_rule["all"][0]["m"]
            assert condition_size(cond) <= MAX_EXPRESSIONS
            kept.append(cond)
    assert all(core_accepts(kept))
    assert refused_at is not None  # both grow too large in the end: refused at load, not left to the engine


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys\nfrom checker.cli import main\nsys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=False, timeout=300
    )


def test_a_profile_whose_rule_is_too_large_for_the_engine_gets_one_line_at_load(tmp_path: Path) -> None:
    folder = long_profile(tmp_path, 15, unknown_as_false=True)
    motion = str(PROFILE / "motion.txt")
    for args in (("check", motion, "--profile", str(folder)), ("validate", "--profile", str(folder))):
        proc = run_cli(*args)
        assert proc.returncode == 4, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith(f"{folder / RULES}: rules[0]: rule EX-GEOGRAFI: ")
        assert f"at most {MAX_EXPRESSIONS} are allowed" in lines[0]
        assert "113" not in lines[0] and "Traceback" not in proc.stderr


def test_a_profile_whose_long_rule_can_be_split_checks_as_usual(tmp_path: Path) -> None:
    folder = long_profile(tmp_path, 4, unknown_as_false=False)
    rule = load_policy_set(folder, use_cache=False).rule("EX-GEOGRAFI")
    assert rule is not None
    assert any("|" in name for name in compile_rule(rule, {}))  # split into parts the engine holds
    proc = run_cli("check", str(PROFILE / "motion.txt"), "--profile", str(folder), "--format", "json")
    assert proc.returncode in (0, 1, 3), proc.stderr
    assert json.loads(proc.stdout)["recommendation"]
    assert run_cli("validate", "--profile", str(folder)).returncode == 0
