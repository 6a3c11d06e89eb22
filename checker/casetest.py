"""Run every rule's test cases (pass and fail cases kept as data in the rule files) through the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.engine import Engine
from checker.errors import CheckerError
from checker.factsfile import facts_from_mapping
from checker.load import PolicySet
from checker.verdict import derive_facts


@dataclass(frozen=True)
class CaseResult:
    rule_id: str
    file: str
    name: str
    expected: str
    actual: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.expected == self.actual


def run_scenarios(policy_set: PolicySet, engine: Engine) -> list[CaseResult]:
    """Whole-proposal cases (`scenarios` in a rule file): the verdict's recommendation, grounds and wording."""
    from checker.verdict import build_verdict

    results: list[CaseResult] = []
    for file, i, case in policy_set.scenarios:
        expect = case["expect"]
        as_of = dt.date.fromisoformat(case.get("as_of", "2025-08-14"))
        try:
            facts = facts_from_mapping(case["facts"], policy_set.context, file=f"{file}: scenarios[{i}]")
        except CheckerError as exc:
            results.append(CaseResult("scenario", file, case["name"], "ok", "error", "; ".join(exc.lines())))
            continue
        verdict = build_verdict(policy_set, engine, facts, as_of=as_of)
        concerns = sorted({f.concern for f in verdict.findings if f.rule_id in verdict.grounds})
        wrong: list[str] = []
        if verdict.recommendation != expect["recommendation"]:
            wrong.append(f"recommendation {verdict.recommendation}")
        if "grounds" in expect and concerns != sorted(expect["grounds"]):
            wrong.append(f"grounds {', '.join(concerns) or '-'}")
        for key, got in (("decision_contains", verdict.decision), ("summary_contains", verdict.summary)):
            if key in expect and expect[key] not in got:
                wrong.append(f"{key.split('_')[0]} {got!r}")
        results.append(CaseResult("scenario", file, case["name"], "ok", "; ".join(wrong) if wrong else "ok"))
    return results


def run_cases(policy_set: PolicySet, engine: Engine) -> list[CaseResult]:
    results: list[CaseResult] = []
    for rule in policy_set.rules:
        for i, case in enumerate(rule.doc["cases"]):
            as_of = dt.date.fromisoformat(case.get("as_of", max(rule.doc["in_force_from"], "2025-01-01")))
            try:
                facts = facts_from_mapping(case["facts"], policy_set.context, file=f"{rule.file}: {rule.id} cases[{i}]")
            except CheckerError as exc:
                results.append(
                    CaseResult(rule.id, rule.file, case["name"], case["expect"], "error", "; ".join(exc.lines()))
                )
                continue
            outcome = engine.evaluate(derive_facts(facts, as_of))[rule.id]
            results.append(CaseResult(rule.id, rule.file, case["name"], case["expect"], outcome.outcome, outcome.error))
    return results
