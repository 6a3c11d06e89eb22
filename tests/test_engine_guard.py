"""The dangerous paths of durable-rules, each run in a subprocess so a crash fails the test, not the suite.

See shared/domain/durable-rules.md: sessions not deleted exhaust the engine at 1,024; delete_state on a
session where no action ran can free garbage (SIGSEGV); oversized facts raise errors 302/303.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import checker.engine as engine_module
from checker.api import Checker
from checker.engine import Engine, EngineError, compile_rule
from checker.load import load_policy_set


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "ignore", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_sessions_are_always_deleted_so_thousands_of_checks_never_exhaust_the_engine() -> None:
    proc = run_python("""
        import datetime as dt, resource
        from checker.api import Checker
        from checker.models import Fact
        c = Checker("solna")
        facts = {"cooperation_kinds": Fact(name="cooperation_kinds", known=True, value=["boycott"])}
        from checker.verdict import derive_facts
        f = derive_facts(facts, dt.date(2025, 1, 1))
        for i in range(3000):   # well past the engine's 1,024 live sessions per ruleset
            assert c.engine.evaluate(f)["KL-UTRIKES"].outcome == "violation"
        print("ok")
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["ok"]


def test_facts_that_match_no_rule_never_crash_the_interpreter() -> None:
    # Without the catch-all and the warm-up this crashed 8 of 20 processes (double free / SIGSEGV).
    proc = run_python("""
        from checker.api import Checker
        c = Checker("generic")
        for name in list(c.engine.compiled):
            for i in range(2000):
                c.engine._assert(name, {"nothing": i})
        print("survived")
    """)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.strip() == "survived"


def test_engine_error_on_an_oversized_fact_becomes_an_error_not_a_crash() -> None:
    proc = run_python("""
        from checker.api import Checker
        from checker.engine import EngineError
        c = Checker("generic")
        name = next(iter(c.engine.compiled))
        big = {f"f{i}": i for i in range(400)}   # more properties than the engine's limit (302)
        errors = 0
        for _ in range(50):
            try:
                c.engine._assert(name, big)
            except EngineError as exc:
                errors += 1
            c.engine._assert(name, {"x": 1})      # and the engine still works afterwards
        print("errors", errors)
    """)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.strip() == "errors 50"


def test_ruleset_failure_is_reported_as_rule_error_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(load_policy_set("generic"))

    def broken(ruleset: str, payload: object) -> list[str]:
        raise EngineError("action error: boom")

    monkeypatch.setattr(engine, "_assert", broken)
    results = engine.evaluate({})
    assert {r.outcome for r in results.values()} == {"rule_error"}
    assert all(r.error == "action error: boom" for r in results.values())


def test_every_compiled_rule_carries_the_positive_guard() -> None:
    # A rule made only of $nex would also match the engine's own state object and loop forever.
    ps = load_policy_set("solna")
    for rule in ps.rules:
        for name, compiled in compile_rule(rule, ps.profile_values()).items():
            cond = compiled["all"][0]["m"]
            assert cond["$and"][0] == {"$type": "proposal"}, name


def test_unknown_verdicts_from_the_engine_become_rule_error_findings_in_the_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from checker.api import Checker

    checker = Checker("generic")

    def broken(ruleset: str, payload: object) -> list[str]:
        raise EngineError("incomplete evaluation (fired: [])")

    monkeypatch.setattr(checker.engine, "_assert", broken)
    from checker.verdict import build_verdict

    verdict = build_verdict(checker.policy_set, checker.engine, {}, as_of=dt.date(2025, 1, 1))
    assert verdict.recommendation == "granska"
    assert all(f.outcome == "rule_error" for f in verdict.findings)
    assert "tekniskt fel" in verdict.findings[0].message


def test_a_transient_ruleset_creation_failure_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    import durable_rules_engine

    original = durable_rules_engine.create_ruleset
    calls = []
    texts: list[str] = []

    def flaky(name: str, definition: str) -> object:
        calls.append(name)
        texts.append(definition)
        if len(calls) == 1:
            raise durable_rules_engine.error("Could not create ruleset, error code: 102")
        return original(name, definition)

    monkeypatch.setattr(durable_rules_engine, "create_ruleset", flaky)
    monkeypatch.setattr(engine_module, "_RULESETS", {})  # rulesets made earlier in this process are shared
    engine = Engine(load_policy_set("generic"))
    assert len(calls) >= 2 and calls[1] == calls[0] + "r1"  # the C core may refuse again (rarely)
    # the retry hands the C core the same rules in a text of another length (another buffer)
    assert len(texts[1]) != len(texts[0]) and json.loads(texts[1]) == json.loads(texts[0])
    assert engine.evaluate({})["KL-UTRIKES"].outcome == "needs_review"


def test_a_persistent_ruleset_creation_failure_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import durable_rules_engine

    from checker.api import Checker
    from checker.errors import CheckerError

    def broken(name: str, definition: str) -> object:
        raise durable_rules_engine.error("Could not create ruleset, error code: 102")

    monkeypatch.setattr(durable_rules_engine, "create_ruleset", broken)
    monkeypatch.setattr(engine_module, "_RULESETS", {})
    with pytest.raises(CheckerError) as info:
        Checker("generic")
    assert info.value.exit_code == 4
    assert info.value.lines() == [
        "council-check: engine: the rules engine could not create its rulesets: "
        "Could not create ruleset, error code: 102"
    ]


def test_the_fired_rule_is_read_from_the_action_message_without_parsing_the_fact() -> None:
    from checker.engine import _fired_rule

    assert _fired_rule('{"KL-UTRIKES#violation": {"m": {"x": "\\"quoted\\""}}}') == "KL-UTRIKES#violation"
    assert _fired_rule('{"SOL-\\u00c5R#violation": {"m": {}}}') == "SOL-ÅR#violation"  # escaped: parsed as JSON


def test_the_same_facts_are_evaluated_once_and_give_the_same_results(solna: Checker) -> None:
    from checker.models import Fact

    engine = Engine(solna.policy_set)
    calls: list[str] = []
    original = engine._assert

    def counting(ruleset: str, payload: dict[str, object] | str) -> list[str]:
        calls.append(ruleset)
        return original(ruleset, payload)

    engine._assert = counting  # type: ignore[method-assign]
    facts = {"partner_places": Fact(name="partner_places", known=True, value=[{"name": "Tartu", "kind": "city"}])}
    first = engine.evaluate(facts)
    asked = len(calls)
    again = engine.evaluate(dict(facts))
    assert again == first and len(calls) == asked  # remembered: the engine was not asked again
    engine.evaluate({})
    # other facts: the rulesets that read partner_places are asked again, the others answer from memory
    reading = [name for name, keys in engine._ruleset_keys.items() if keys is None or "partner_places" in keys]
    assert 0 < len(reading) < asked
    assert calls[asked:] == reading


def test_facts_no_rule_reads_do_not_make_the_engine_ask_again(solna: Checker) -> None:
    from checker.models import Fact

    engine = Engine(solna.policy_set)
    calls: list[str] = []
    original = engine._assert

    def counting(ruleset: str, payload: dict[str, object] | str) -> list[str]:
        calls.append(ruleset)
        return original(ruleset, payload)

    engine._assert = counting  # type: ignore[method-assign]
    assert all(keys is not None and "motion_age_days" not in keys for keys in engine._ruleset_keys.values())
    first = engine.evaluate({"motion_age_days": Fact(name="motion_age_days", known=True, value=1)})
    asked = len(calls)
    again = engine.evaluate({"motion_age_days": Fact(name="motion_age_days", known=True, value=2)})
    assert again == first and len(calls) == asked


def test_remembered_evaluations_forget_the_least_recently_used_first(
    solna: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.engine as engine_module
    from checker.models import Fact

    monkeypatch.setattr(engine_module, "RESULTS_KEPT", 2)
    engine = Engine(solna.policy_set)
    calls: list[str] = []
    original = engine._assert

    def counting(ruleset: str, payload: dict[str, object] | str) -> list[str]:
        calls.append(ruleset)
        return original(ruleset, payload)

    engine._assert = counting  # type: ignore[method-assign]

    def facts(n: int) -> dict[str, Fact]:
        return {"partner_places": Fact(name="partner_places", known=True, value=[{"name": f"Ort{n}", "kind": "city"}])}

    places = [name for name, keys in engine._ruleset_keys.items() if keys is None or "partner_places" in keys]

    def asked(n: int) -> bool:
        """Evaluate facts(n); whether the rulesets that read the places were asked (all of them, or none)."""
        before = len(calls)
        engine.evaluate(facts(n))
        new = calls[before:]
        assert new in ([], places) or before == 0
        return bool(new)

    assert asked(1)
    assert asked(2)
    assert not asked(1)  # remembered, and now the most recently used
    assert asked(3)  # one too many: 2, the least recently used, is forgotten (first in, 1, would be)
    assert not asked(1)  # still remembered
    assert asked(4)
    assert asked(2)  # forgotten everywhere: asked again


def test_engines_with_the_same_rules_share_their_rulesets_in_the_c_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable-rules frees nothing when a ruleset is deleted: a process that builds many checkers of the same
    profile (a test run, a server) creates each ruleset once."""
    import durable_rules_engine

    original = durable_rules_engine.create_ruleset
    calls: list[str] = []

    def counting(name: str, definition: str) -> object:
        calls.append(name)
        return original(name, definition)

    monkeypatch.setattr(durable_rules_engine, "create_ruleset", counting)
    monkeypatch.setattr(engine_module, "_RULESETS", {})
    first = Engine(load_policy_set("generic"))
    made = len(calls)
    second = Engine(load_policy_set("generic"))
    assert made >= 1 and len(calls) == made  # the second engine created nothing
    assert first.evaluate({}) == second.evaluate({})
    Engine(load_policy_set("solna"))
    assert len(calls) > made  # other rules: rulesets of their own


def test_each_ruleset_given_only_the_facts_it_reads_fires_as_with_all_facts(solna: Checker) -> None:
    """evaluate() asserts in each ruleset only the facts its rules read (payload_keys); asserting every fact
    must fire exactly the same rules, whole motion and each att-sats, on every example motion."""
    import datetime as dt
    from pathlib import Path

    from checker.engine import _outcome, _to_json, engine_payload
    from checker.verdict import derive_facts

    engine = Engine(solna.policy_set)
    assert all(keys is not None for keys in engine._ruleset_keys.values())
    motions = sorted(Path(__file__).resolve().parent.parent.glob("examples/*/motion*.txt"))
    assert motions
    for path in motions:
        prepared = solna.prepare(path)
        for facts in [prepared.facts, *(f for _, _, f in prepared.att_sats_facts)]:
            all_facts = derive_facts(facts, dt.date(2025, 8, 14))
            body = _to_json(engine_payload(all_facts))
            expected = {}
            for ruleset, rule_ids in engine._ruleset_rules.items():
                fired = {name.split("|", 1)[0] for name in engine._assert(ruleset, body)}
                expected.update({rid: _outcome(engine._rules[rid], fired) for rid in rule_ids})
            got = engine.evaluate(all_facts)
            assert got == expected, path
            assert list(got) == [r.id for r in solna.policy_set.rules]
