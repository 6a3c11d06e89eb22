"""Engine results → findings with reasons, citations and evidence → a recommendation and decision.

The recommendation follows from the findings alone, by a fixed order of weight (the README states the same):
1. a violation whose rule has effect "avslå" (a legal obstacle, or a departure from the guideline) → avslå
2. an open legal question: needs review (or a rule error) on a rule with severity "hinder"          → granska
3. a violation whose rule has effect "besvarad" (what the motion asks for already exists)          → anse besvarad
4. any other needs-review or rule-error finding on a rule with an effect                           → granska
5. otherwise                                                                                       → bifalla
Step 2 before step 3: "anse besvarad" never hides an open legal question (joining an existing network
together with a grant to a business is not answered by the membership).
Rules with severity "notering" (effect "none") are reported but never change the recommendation.
A guideline rule does not judge what already exists (its `unless` exempts requests that concern only
the municipality's existing networks and partners), so asking to join a network the city is already a
member of is answered, while a motion that also asks for something new is judged on that.

Investigate vs decide: fullmäktige may always commission an investigation. Where every att-sats in scope
only asks for one (`investigation_only`), a rule that has a `clarify` text (a conditional rule: the
aid's form, sakliga or synnerliga skäl, the guideline) does not reject it: its finding says what the
investigation should establish, and carries no effect. Only the categorical obstacles (rules without
`clarify`: an operative foreign-policy stance, a boycott) still give avslå, and then every ground is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from checker import __version__
from checker.engine import Engine, RuleResult, engine_version
from checker.errors import EXIT_USAGE, CheckerError, Problem
from checker.facts import COOPERATION, DERIVED, FACTS
from checker.load import CONDITIONAL_PART, PolicySet, Rule, condition_facts, name_key
from checker.models import (
    ActionReading,
    AttSatsVerdict,
    Citation,
    DocumentInput,
    Evidence,
    Fact,
    Finding,
    Proposal,
    Provenance,
    Recommendation,
    SteeringDocument,
    Verdict,
)
from checker.render.values import render_value
from checker.vocabulary import (
    BODY_EN,
    PARTNER_KINDS_EN,
    PHRASES,
    VALUE_WORDS,
    join_clauses,
    list_words,
    ordinal,
    parts_phrase,
)
from checker.vocabulary import join_words as join_words_with

SCHEMA_VERSION = "1.0"
UNVERIFIED_NOTE = "Ordalydelsen är inte verifierad mot källan."
REFERENCE_NOTE = "Citeras med hänvisning; ordalydelsen återges inte och behöver verifieras."
REC_ORDER: list[str] = ["avslå", "besvarad", "granska", "bifalla"]
SEVERITY_WEIGHT = {"hinder": 0, "avvikelse": 1, "notering": 2}
OUTCOME_ORDER = {"violation": 0, "rule_error": 1, "needs_review": 2, "pass": 3, "not_applicable": 4}

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "not_applicable": "Regeln berörs inte av förslaget.",
        "not_in_force": "Regeln gällde inte på bedömningsdagen {as_of}.",
        "review": "Det går inte att avgöra om förslaget följer regeln, eftersom det inte framgår: {unknown}.",
        "rule_error": "Regeln kunde inte prövas på grund av ett tekniskt fel ({error}); granska manuellt.",
        "decision_avslå": "{body} föreslår {council} besluta att avslå {object}.",
        "decision_bifalla": "{body} föreslår {council} besluta att bifalla {object}.",
        "decision_besvarad": "{body} föreslår {council} besluta att anse {object} {answered}.",
        "decision_granska": "Ärendet behöver granskas manuellt: de öppna frågorna måste utredas innan "
        "ett förslag till beslut kan lämnas.",
        "partial": "{body} föreslår {council} besluta att {parts}.",
        "part_avslå": "avslå {owner} {ordinal} att-sats",
        "part_bifalla": "bifalla {owner} {ordinal} att-sats",
        "part_besvarad": "anse {owner} {ordinal} att-sats besvarad",
        "part_granska": "utreda {owner} {ordinal} att-sats vidare",
        "summary_avslå": "Förvaltningen föreslår att {object} avslås.",
        "summary_hinder": "Rättsliga hinder: förslaget {grounds}.",
        "summary_avvikelse": "Avvikelser från styrdokument: förslaget avviker från {sources}, eftersom det "
        "{grounds}. Förvaltningen ser inte skäl att frångå riktlinjen och föreslår därför att {object} avslås. "
        "Fullmäktige kan besluta annorlunda; i så fall bör riktlinjen ses över.",
        "summary_avvikelse_also": "Avvikelser från styrdokument: förslaget avviker också från {sources}, eftersom det "
        "{grounds}. Förvaltningen ser inte skäl att frångå riktlinjen.",
        "summary_besvarad": "Förvaltningen föreslår att {object} anses {answered}, eftersom {grounds}.",
        "summary_granska": "Förvaltningen kan ännu inte ta ställning till {object}. Detta behöver utredas: {grounds}",
        "summary_bifalla": "Förvaltningen har inte funnit något rättsligt hinder i de bestämmelser som har prövats "
        "({provisions}). Om förslaget bör genomföras är en lämplighetsfråga.",
        "summary_investigation": "Förslaget gäller en utredning. Ett utredningsuppdrag är inte ett beslut i sakfrågan; "
        "det beslut som utredningen kan leda till prövas mot lag och styrdokument när det fattas. {clarify}",
        "clarify_lead": "Inför ett senare beslut i sakfrågan gäller följande.",
        "object_motion": "motionen",
        "object_medborgarforslag": "medborgarförslaget",
        "owner_motion": "motionens",
        "owner_medborgarforslag": "medborgarförslagets",
        "answered_motion": "besvarad",
        "answered_medborgarforslag": "besvarat",
        "delegated": "{administration} föreslår {nämnd} besluta att {act}.",
        "act_avslå": "avslå {object}",
        "act_bifalla": "bifalla {object}",
        "act_besvarad": "anse {object} {answered}",
        "summary_split": "Förvaltningen föreslår att {parts}.",
        "reason_avslå": "Skälen för att avslå {owner} {ordinal} att-sats är att förslaget {grounds}.",
        "reason_besvarad": "{owner_cap} {ordinal} att-sats bör anses besvarad, eftersom {grounds}.",
    },
    "en": {
        "not_applicable": "The rule does not concern the proposal.",
        "not_in_force": "The rule was not in force on the as-of date {as_of}.",
        "review": "It cannot be decided whether the proposal meets the rule, because this is not stated: {unknown}.",
        "rule_error": "The rule could not be evaluated because of a technical error ({error}); review manually.",
        "decision_avslå": "The {body_en} proposes that the council resolve to reject {object}.",
        "decision_bifalla": "The {body_en} proposes that the council resolve to approve {object}.",
        "decision_besvarad": "The {body_en} proposes that the council resolve to consider {object} {answered}.",
        "decision_granska": "No decision can be proposed until the open questions are settled (manual review).",
        "partial": "The {body_en} proposes that the council resolve to {parts}.",
        "part_avslå": "reject the {ordinal} clause{s} of {object}",
        "part_bifalla": "approve the {ordinal} clause{s} of {object}",
        "part_besvarad": "consider the {ordinal} clause{s} of {object} answered",
        "part_granska": "investigate the {ordinal} clause{s} of {object} further",
        "summary_avslå": "The administration proposes that {object} be rejected.",
        "summary_hinder": "Legal obstacles: the proposal {grounds}.",
        "summary_avvikelse": "Departures from steering documents: the proposal departs from {sources}, because "
        "it {grounds}. The administration sees no reason to depart from the guideline and therefore proposes that "
        "{object} be rejected. The council may decide otherwise; the guideline should then be reviewed.",
        "summary_avvikelse_also": "Departures from steering documents: the proposal also departs from {sources}, "
        "because it {grounds}. The administration sees no reason to depart from the guideline.",
        "summary_besvarad": "The administration proposes that {object} be considered {answered}, because {grounds}.",
        "summary_granska": "The administration cannot yet take a position on {object}. To be settled: {grounds}",
        "summary_bifalla": "The administration has found no legal obstacle in the provisions examined "
        "({provisions}). Whether the proposal should be carried out is a question of expediency.",
        "summary_investigation": "The proposal asks for an investigation. Commissioning an investigation is not a "
        "decision on the substance; any decision it leads to is assessed against law and the steering documents "
        "when it is taken. {clarify}",
        "clarify_lead": "For a later decision on the substance, the following applies.",
        "object_motion": "the motion",
        "object_medborgarforslag": "the citizens' proposal",
        "owner_motion": "the motion's",
        "owner_medborgarforslag": "the citizens' proposal's",
        "answered_motion": "answered",
        "answered_medborgarforslag": "answered",
        "delegated": "The {administration} proposes that {nämnd} resolve to {act}.",
        "act_avslå": "reject {object}",
        "act_bifalla": "approve {object}",
        "act_besvarad": "consider {object} {answered}",
        "summary_split": "The administration proposes that {parts}.",
        "reason_avslå": "The {ordinal} clause{s} should be rejected because the proposal {grounds}.",
        "reason_besvarad": "The {ordinal} clause{s} should be considered answered, because {grounds}.",
    },
}


def _anniversary(day: dt.date) -> dt.date:
    """The same date one year later; a year from 29 February ends on 28 February (lag 1930:173 2 §)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return dt.date(day.year + 1, 2, 28)


def derive_facts(facts: dict[str, Fact], as_of: dt.date) -> dict[str, Fact]:
    """Add the derived facts (the motion's age at the as-of date) to a copy of the facts."""
    out = dict(facts)
    date_fact = facts.get("motion_date")
    if date_fact is not None and date_fact.known and date_fact.value:
        raised = dt.date.fromisoformat(str(date_fact.value))
        if raised > as_of:
            note = f"motionens datum {raised.isoformat()} ligger efter bedömningsdagen {as_of.isoformat()}"
            for name in ("motion_age_days", "motion_over_one_year"):
                out[name] = Fact(name=name, known=False, source="derived", note=note)
        else:
            note = f"{raised.isoformat()} → {as_of.isoformat()}"
            out["motion_age_days"] = Fact(
                name="motion_age_days",
                known=True,
                value=(as_of - raised).days,
                source="derived",
                evidence=date_fact.evidence,
                note=note,
            )
            out["motion_over_one_year"] = Fact(
                name="motion_over_one_year",
                known=True,
                value=as_of > _anniversary(raised),
                source="derived",
                evidence=date_fact.evidence,
                note=note,
            )
    for name in DERIVED:
        if name not in out:
            out[name] = _missing(name, "derived", "motionens datum är okänt")
    for name in FACTS:
        if name not in out:
            out[name] = _missing(name, "extracted", "uppgiften saknas")
    return out


_MISSING: dict[tuple[str, str, str], Fact] = {}


def _missing(name: str, source: str, note: str) -> Fact:
    """An unknown fact with no evidence: one (frozen) instance per fact name, shared by every verdict."""
    key = (name, source, note)
    found = _MISSING.get(key)
    if found is None:
        found = _MISSING[key] = Fact(name=name, known=False, source=source, note=note)  # type: ignore[arg-type]
    return found


def join_words(items: list[str], lang: str) -> str:
    return list_words(items, lang)


_PH = re.compile(r"\{([a-z_]+)\}")


def has_value(key: str, facts: dict[str, Fact], extra: dict[str, str]) -> bool | None:
    """Whether a placeholder has something to say: True for a known fact that is not false, empty or
    none, False for one that is, None when the fact is unknown."""
    if key in extra:
        return bool(extra[key])
    f = facts.get(key)
    if f is None or not f.known:
        return None
    if f.value is None or f.value is False:
        return False
    return not (isinstance(f.value, (str, list, tuple, dict)) and not f.value)


def fill(template: str, facts: dict[str, Fact], extra: dict[str, str], lang: str) -> str:
    """Fill {placeholders} with rendered fact values, after keeping or dropping the conditional parts
    (``{?fact:text}`` when the fact has a value, ``{!fact:text}`` when not: see checker.load);
    plain substitution, never str.format on data."""
    if "{" not in template:
        return template  # nothing to fill or to keep or drop (most pass messages)

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in extra:
            return extra[key]
        if key in FACTS:
            return render_value(key, facts.get(key), lang)
        return m.group(0)

    def part(m: re.Match[str]) -> str:
        found = has_value(m.group(2), facts, extra)
        return m.group(3) if found is not None and found == (m.group(1) == "?") else ""

    if "{?" in template or "{!" in template:
        template = CONDITIONAL_PART.sub(part, template)
    return _PH.sub(sub, template)


def _rule_facts(rule: Rule, *, decisive: bool = False) -> list[str]:
    names: set[str] = set()
    for key in ("applies_when", "violation_when"):
        if key in rule.doc:
            names |= condition_facts(rule.doc[key], decisive=decisive)
    if "unless" in rule.doc:
        names |= condition_facts(rule.doc["unless"]["when"], decisive=decisive)
    return [n for n in FACTS if n in names]


@dataclass(frozen=True)
class _RulePlan:
    """What every verdict asks of a rule that does not depend on the proposal, worked out once per rule."""

    rule: Rule  # held, so the entry's key (the rule's id()) stays this rule's
    concern: str
    severity: str
    effect: str
    used: tuple[str, ...]  # the facts its conditions refer to, in FACTS order
    decisive: frozenset[str]  # those whose being unknown leaves it open
    decisive_used: tuple[str, ...]  # `used` that are decisive, in the same order
    unless_facts: frozenset[str]  # the facts its exception refers to
    start: dt.date
    until: dt.date | None
    citations: dict[tuple[str, str], tuple[Citation, ...]]  # (policy set hash, as-of date) → in force then
    titles: dict[str, str]  # language → the rule's title in it
    texts: dict[tuple[str, str], str | None]  # (key, language) → rule.text(key, language), for the keys below
    outcomes: dict[str, _Outcome]  # outcome → this rule's _Outcome with it (they are immutable)

    def in_force(self, as_of: dt.date) -> bool:
        return self.start <= as_of and (self.until is None or as_of < self.until)


_PLANS: dict[int, _RulePlan] = {}
_PLANNED_TEXTS = ("message", "remedy", "pass_message")


def _text(plan: _RulePlan, key: str, lang: str) -> str | None:
    found = plan.texts.get((key, lang), _UNPLANNED)
    return plan.rule.text(key, lang) if found is _UNPLANNED else found  # type: ignore[return-value]


_UNPLANNED = object()


def _plan(rule: Rule) -> _RulePlan:
    """The rule's plan (a rule's document is data that is never changed once loaded)."""
    found = _PLANS.get(id(rule))
    if found is not None and found.rule is rule:
        return found
    until = rule.doc.get("in_force_until")
    used = tuple(_rule_facts(rule))
    decisive = frozenset(_rule_facts(rule, decisive=True))
    plan = _RulePlan(
        rule=rule,
        concern=rule.concern,
        severity=rule.severity,
        effect=rule.effect,
        used=used,
        decisive=decisive,
        decisive_used=tuple(n for n in used if n in decisive),
        unless_facts=frozenset(condition_facts(rule.doc["unless"]["when"]) if "unless" in rule.doc else ()),
        start=dt.date.fromisoformat(rule.doc["in_force_from"]),
        until=None if until is None else dt.date.fromisoformat(until),
        citations={},
        titles={lang: rule.title_in(lang) for lang in ("sv", "en")},
        texts={(key, lang): rule.text(key, lang) for key in _PLANNED_TEXTS for lang in ("sv", "en")},
        outcomes={},
    )
    if len(_PLANS) > 5_000:
        _PLANS.clear()
    _PLANS[id(rule)] = plan
    return plan


_RULE_PLANS: dict[int, tuple[tuple[Rule, ...], tuple[tuple[Rule, _RulePlan], ...]]] = {}


def _rule_plans(policy_set: PolicySet) -> tuple[tuple[Rule, _RulePlan], ...]:
    """Each rule of the policy set with its plan, once per rules tuple (the entry holds the tuple, so the
    key, its id(), stays its own): every verdict walks them, and the whole motion's and each att-sats's."""
    rules = policy_set.rules
    found = _RULE_PLANS.get(id(rules))
    if found is not None and found[0] is rules:
        return found[1]
    plans = tuple((rule, _plan(rule)) for rule in rules)
    if len(_RULE_PLANS) > 100:
        _RULE_PLANS.clear()
    _RULE_PLANS[id(rules)] = (rules, plans)
    return plans


def _in_force(rule: Rule, as_of: dt.date) -> bool:
    return _plan(rule).in_force(as_of)


def _extra(policy_set: PolicySet, facts: dict[str, Fact], lang: str) -> dict[str, str]:
    plan = _extra_plan(policy_set, lang)
    extra = {"municipality": plan.municipality, "priority_areas": plan.priority_areas}
    if policy_set.context is None:
        extra["existing_matches"] = VALUE_WORDS[lang]["none"]
        return extra
    matches: list[str] = []
    nets = facts.get("networks_requested")
    if nets is not None and nets.known and plan.networks:
        asked = {name_key(v) for v in nets.value}
        matches.extend(name for name, keys in plan.networks if not keys.isdisjoint(asked))
    places = facts.get("partner_places")
    if places is not None and places.known and plan.partners:
        named = {name_key(p["name"]) for p in places.value}
        matches.extend(label for label, keys in plan.partners if not keys.isdisjoint(named))
    extra["existing_matches"] = join_words(matches, lang)
    return extra


@dataclass(frozen=True)
class _ExtraPlan:
    """The profile's side of `_extra`, once per policy set and language."""

    policy_set: PolicySet  # held, so the entry's key (its id()) stays this policy set's
    municipality: str
    priority_areas: str
    networks: tuple[tuple[str, frozenset[str]], ...]  # each network's name and the name keys it goes by
    partners: tuple[tuple[str, frozenset[str]], ...]  # each partner as named in a message, and its name keys


_EXTRA_PLANS: dict[tuple[int, str], _ExtraPlan] = {}


class _HeldPlan(Protocol):
    @property
    def policy_set(self) -> PolicySet: ...


_P = TypeVar("_P", bound=_HeldPlan)
PLANS_KEPT = 100  # per policy set and language; policy sets are few (a server's profiles)


def _planned(
    cache: dict[tuple[int, str], _P], policy_set: PolicySet, lang: str, build: Callable[[PolicySet, str], _P]
) -> _P:
    """build(policy_set, lang), once per policy set and language. The plan holds its policy set, so the
    entry's key (the policy set's id()) stays that policy set's; the cache is cleared past PLANS_KEPT."""
    key = (id(policy_set), lang)
    found = cache.get(key)
    if found is not None and found.policy_set is policy_set:
        return found
    plan = build(policy_set, lang)
    if len(cache) > PLANS_KEPT:
        cache.clear()
    cache[key] = plan
    return plan


def _extra_plan(policy_set: PolicySet, lang: str) -> _ExtraPlan:
    return _planned(_EXTRA_PLANS, policy_set, lang, _build_extra_plan)


def _build_extra_plan(policy_set: PolicySet, lang: str) -> _ExtraPlan:
    ctx = policy_set.context
    if ctx is None:
        areas = VALUE_WORDS[lang]["none"]
    else:
        areas = join_words([a.label_sv if lang == "sv" else a.label_en for a in ctx.priority_areas], lang)
    return _ExtraPlan(
        policy_set=policy_set,
        municipality=policy_set.profile.get("municipality", ""),
        priority_areas=areas,
        networks=tuple(
            (net.name, frozenset(name_key(n) for n in (net.name, *net.aliases)))
            for net in (ctx.networks if ctx else ())
        ),
        partners=tuple(
            (f"{p.name} ({p.kind})", frozenset(name_key(n) for n in (p.name, *p.aliases)))
            for p in (ctx.partners if ctx else ())
        ),
    )


NOT_EVALUATED = RuleResult("rule_error", error="not evaluated")


def make_findings(
    policy_set: PolicySet, results: dict[str, RuleResult], facts: dict[str, Fact], as_of: dt.date, lang: str
) -> list[Finding]:
    extra = _extra(policy_set, facts, lang)
    t = TEXTS[lang]
    findings: list[Finding] = []
    order: list[tuple[int, int, int]] = []  # the sort key of each finding, and its place
    cited_key = (policy_set.hash, as_of.isoformat())
    spans = _Spans(facts)
    for rule, plan in _rule_plans(policy_set):
        used = plan.used
        # an unknown supplementary test decides nothing: only the decisive facts can be what is unknown
        unknown = [n for n in plan.decisive_used if (f := facts.get(n)) is None or not f.known]
        result = results.get(rule.id)
        if result is None:
            result = NOT_EVALUATED
        outcome = result.outcome
        question = None
        remedy = None
        until = plan.until  # plan.in_force(as_of), without a call per rule
        if not (plan.start <= as_of and (until is None or as_of < until)):
            outcome = "not_applicable"
            message = t["not_in_force"].format(as_of=as_of.isoformat())
        elif outcome == "rule_error":
            message = t["rule_error"].format(error=result.error or "")
        elif outcome == "violation":
            message = fill(_text(plan, "message", lang) or "", facts, extra, lang)
            remedy = fill(_text(plan, "remedy", lang) or "", facts, extra, lang)
        elif outcome == "needs_review":
            unless_facts = [n for n in unknown if n in plan.unless_facts] if (result.exception == "unknown") else []
            if result.exception == "holds":  # the exception applies, and must itself be weighed
                message = _unless_message(rule, facts, extra, lang)
            elif result.possible_only or unless_facts:
                # a derived fact is unknown because what it is derived from is: name that
                missing = dict.fromkeys(src for n in (unless_facts or unknown) for src in DERIVED.get(n, (n,)))
                labels = [_fact_label(n, lang) for n in missing] + _missing_attributes(rule, facts, lang)
                message = t["review"].format(unknown=join_words(labels, lang))
                question = _question(rule, unless_facts or unknown, lang)
            else:  # the rule itself asks for review when it matches
                message = fill(_text(plan, "message", lang) or "", facts, extra, lang)
                remedy = fill(_text(plan, "remedy", lang) or "", facts, extra, lang)
                question = _question(rule, unknown, lang)
            if result.exception == "holds":
                question = _question(rule, unknown, lang)
        elif outcome == "pass":
            if result.exception == "holds":
                message = _unless_message(rule, facts, extra, lang)
            else:
                message = fill(_text(plan, "pass_message", lang) or "", facts, extra, lang)
        else:
            message = t["not_applicable"]
        evidence = spans.of(used) if outcome in ("violation", "needs_review", "pass") else ()
        citations = plan.citations.get(cited_key)
        if citations is None:
            citations = citations_on(policy_set, rule, as_of)
        title = plan.titles.get(lang)
        order.append((OUTCOME_ORDER[outcome], SEVERITY_WEIGHT[plan.severity], len(order)))
        findings.append(
            _finding(
                {
                    "rule_id": rule.id,
                    "title": title if title is not None else rule.title_in(lang),
                    "concern": plan.concern,
                    "severity": plan.severity,
                    "outcome": outcome,
                    "effect": plan.effect,
                    "message": message,
                    "remedy": remedy or None,
                    "question": question,
                    "citations": citations,
                    "evidence": evidence,
                    "facts_used": used,
                    "unknown_facts": tuple(unknown),
                    "exemption": outcome == "pass" and result.exception == "holds",
                }
            )
        )
    order.sort()  # by outcome and severity, the rules' order among equals (as a stable sort by the two)
    return [findings[i] for _, _, i in order]


_set_attribute = object.__setattr__


def _finding(fields: dict[str, Any]) -> Finding:
    """Finding(**fields) for fields that are every field of a Finding, in its order, each of its type (the
    tuples tuples): the instance given the dict itself, without the keywords taken apart and put into
    another (make_findings builds some thirty findings per verdict; offsets._replaced does the same)."""
    new: Finding = object.__new__(Finding)
    _set_attribute(new, "__dict__", fields)
    return new


def _clarify_message(finding: Finding, policy_set: PolicySet, lang: str) -> Finding:
    """A conditional finding on an investigation: what the investigation should establish comes first."""
    rule = policy_set.rule(finding.rule_id)
    text = rule.text("clarify", lang) if rule else None
    if not text:
        return finding
    text = fill(text, {}, _extra(policy_set, {}, lang), lang)
    lead = TEXTS[lang]["clarify_lead"]  # what follows is about the later decision, not the investigation
    return finding.model_copy(update={"message": f"{text} {lead} {finding.message}"})


def _unless_message(rule: Rule, facts: dict[str, Fact], extra: dict[str, str], lang: str) -> str:
    text = rule.doc["unless"]["message"]
    return fill(str(text.get(lang) or text["sv"]), facts, extra, lang)


# What is missing when a known place lacks an attribute a rule tests ("Atlantis" with no continent).
ATTRIBUTE_QUESTIONS = {
    "sv": {
        "in_europe": "i vilken världsdel {name} ligger",
        "continent": "i vilken världsdel {name} ligger",
        "eu_eea": "om {name} ligger i EU eller EES",
        "receives_swedish_aid": "om {country} får svenskt statligt bistånd",
        "country_code": "i vilket land {name} ligger",
    },
    "en": {
        "in_europe": "which continent {name} is in",
        "continent": "which continent {name} is in",
        "eu_eea": "whether {name} is in the EU or EEA",
        "receives_swedish_aid": "whether {country} receives Swedish state aid",
        "country_code": "which country {name} is in",
    },
}


def _item_tests(cond: dict[str, Any]) -> list[tuple[str, str]]:
    if "all" in cond or "any" in cond:
        return [t for c in cond.get("all", cond.get("any", [])) for t in _item_tests(c)]
    return [(cond["fact"], cond[op]["field"]) for op in ("any_item", "all_items") if op in cond]


def _missing_attributes(rule: Rule, facts: dict[str, Fact], lang: str) -> list[str]:
    """Attributes a rule tests that a known place lacks, as what is not stated."""
    conds = [rule.doc[k] for k in ("applies_when", "violation_when") if k in rule.doc]
    if "unless" in rule.doc:
        conds.append(rule.doc["unless"]["when"])
    out: list[str] = []
    for fact_name, field in dict.fromkeys(t for c in conds for t in _item_tests(c)):
        fact = facts.get(fact_name)
        template = ATTRIBUTE_QUESTIONS[lang].get(field)
        if fact is None or not fact.known or template is None:
            continue
        for place in fact.value:
            if place.get(field) is None:
                text = template.format(name=place["name"], country=place.get("country") or place["name"])
                if text not in out:
                    out.append(text)
    return out


def _fact_label(name: str, lang: str) -> str:
    fdef = FACTS[name]
    return (fdef.label_sv if lang == "sv" else fdef.label_en).lower()


def _question(rule: Rule, unknown: list[str], lang: str) -> str | None:
    own = rule.text("question", lang)
    if own:
        return own
    for name in unknown:
        fdef = FACTS[name]
        q = fdef.question_sv if lang == "sv" else fdef.question_en
        if q:
            return q
    return None


class _Spans:
    """The evidence of the known facts a rule used, each span once, by position (then quote), for every rule
    of one verdict: the known facts' evidence found once, and the evidence of
    each (ordered) set of them worked out once (rules that use different facts often have the same ones
    known, and the evidence is only the known facts')."""

    def __init__(self, facts: dict[str, Fact]) -> None:
        self.facts = facts
        self.spans = {name: f.evidence for name, f in facts.items() if f.known and f.evidence}
        self.done: dict[tuple[str, ...], tuple[Evidence, ...]] = {}

    def of(self, used: Sequence[str]) -> tuple[Evidence, ...]:
        spans = self.spans
        names = tuple(n for n in used if n in spans)
        found = self.done.get(names)
        if found is None:
            found = self.done[names] = self._work_out(names)
        return found

    def _work_out(self, names: tuple[str, ...]) -> tuple[Evidence, ...]:
        if not names:
            return ()
        if len(names) > 1:
            return _merged_evidence(names, self.facts)
        only = self.spans[names[0]]
        if len(only) > 1 and not all(_evidence_order(a) < _evidence_order(b) for a, b in itertools.pairwise(only)):
            return _merged_evidence(names, self.facts)
        return only  # one fact's evidence, already in order and each span once (the usual case)


def _evidence_order(e: Evidence) -> tuple[int, str]:
    return (e.start if e.start is not None else -1, e.quote)


def _merged_evidence(used: Sequence[str], facts: dict[str, Fact]) -> tuple[Evidence, ...]:
    seen: dict[tuple[int | None, int | None, str], Evidence] = {}
    for name in used:
        fact = facts.get(name)
        if fact is None or not fact.known:
            continue
        for ev in fact.evidence:
            seen.setdefault((ev.start, ev.end, ev.quote), ev)
    return tuple(sorted(seen.values(), key=lambda e: (e.start if e.start is not None else -1, e.quote)))


_CITATIONS: dict[tuple[str, str, str | None], Citation | None] = {}
# The as-of date is chosen by the caller (a long-running server's clients): the per-date caches are
# cleared when they reach these sizes, so distinct dates cannot make them grow without limit.
CITATIONS_CAP = 20_000
RULE_CITATIONS_CAP = 64


def citation(policy_set: PolicySet, uid: str) -> Citation:
    """The citation of a clause in its latest wording (rule documentation, the web's rule pages)."""
    found = _citation(policy_set, uid, None)
    assert found is not None  # without a date there is always the latest wording
    return found


def citation_on(policy_set: PolicySet, uid: str, day: str) -> Citation | None:
    """The citation of a clause in the wording in force on the ISO date `day`; None when none was."""
    return _citation(policy_set, uid, day)


def _citation(policy_set: PolicySet, uid: str, as_of: str | None) -> Citation | None:
    """Built once per policy set and date: clauses do not change while loaded."""
    key = (policy_set.hash, uid, as_of)
    if key in _CITATIONS:
        return _CITATIONS[key]
    clause = policy_set.clause(uid) if as_of is None else policy_set.clause_on(uid, as_of)
    if clause is None:
        _remember(key, None)
        return None
    policy = policy_set.policies[uid.split("/", 1)[0]]
    if clause.verified:
        note = None
    elif clause.reference_only:
        note = str(policy.doc.get("verified_note") or REFERENCE_NOTE)
    else:
        note = clause.source_note or str(policy.doc.get("verified_note") or UNVERIFIED_NOTE)
    found = Citation(
        clause_id=uid,
        reference=f"{policy.short} {clause.number}" if policy.kind == "statute" else f"{policy.title}: {clause.number}",
        quote="" if clause.reference_only else clause.text,  # a reference names the provision, quotes nothing
        url=clause.url,
        source_title=policy.title,
        verified=clause.verified,
        note=note,
    )
    _remember(key, found)
    return found


def _remember(key: tuple[str, str, str | None], found: Citation | None) -> None:
    if len(_CITATIONS) >= CITATIONS_CAP:
        _CITATIONS.clear()
    _CITATIONS[key] = found


def citations_on(policy_set: PolicySet, rule: Rule, as_of: dt.date) -> tuple[Citation, ...]:
    """The rule's citations in the wording in force on the as-of date; clauses not in force are left out."""
    day = as_of.isoformat()
    cache = _plan(rule).citations
    key = (policy_set.hash, day)
    done = cache.get(key)
    if done is None:
        found = (citation_on(policy_set, uid, day) for uid in rule.doc["cites"])
        if len(cache) >= RULE_CITATIONS_CAP:
            cache.clear()
        done = cache[key] = tuple(c for c in found if c is not None)
    return done


class _Weighed(Protocol):
    @property
    def rule_id(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def effect(self) -> str: ...
    @property
    def severity(self) -> str: ...


W = TypeVar("W", bound=_Weighed)


@dataclass(frozen=True)
class _Outcome:
    """What the recommendation needs of a finding (for per-att-sats decisions, without messages)."""

    rule_id: str
    outcome: str
    effect: str
    severity: str


def recommend(findings: Sequence[W]) -> tuple[Recommendation, list[W]]:
    """The recommendation and the findings that carry it, by weight (see the module docstring)."""
    reject = [f for f in findings if f.outcome == "violation" and f.effect == "avslå"]
    if reject:
        return "avslå", sorted(reject, key=lambda f: SEVERITY_WEIGHT[f.severity])
    review = [f for f in findings if f.outcome in ("needs_review", "rule_error") and f.effect != "none"]
    legal = [f for f in review if f.severity == "hinder"]
    answered = [f for f in findings if f.outcome == "violation" and f.effect == "besvarad"]
    if answered and legal:  # a besvarad never hides an open legal question
        return "granska", legal + [f for f in review if f not in legal]
    if answered:
        return "besvarad", answered
    if review:
        return "granska", sorted(review, key=lambda f: SEVERITY_WEIGHT[f.severity])
    return "bifalla", []


def investigation_only(facts: dict[str, Fact]) -> bool:
    """Whether every att-sats in scope only asks for an investigation (the contract fact, when known)."""
    fact = facts.get("investigation_only")
    return fact is not None and fact.known and fact.value is True


def conditional_ids(policy_set: PolicySet) -> frozenset[str]:
    """Rules that say what an investigation should establish (`clarify`): they do not reject an investigation."""
    found = _CONDITIONAL.get(id(policy_set))
    if found is not None and found[0] is policy_set:
        return found[1]
    ids = frozenset(r.id for r in policy_set.rules if "clarify" in r.doc)
    if len(_CONDITIONAL) > 100:
        _CONDITIONAL.clear()
    _CONDITIONAL[id(policy_set)] = (policy_set, ids)
    return ids


_CONDITIONAL: dict[int, tuple[PolicySet, frozenset[str]]] = {}


def for_investigation(items: Sequence[W], conditional: frozenset[str]) -> tuple[list[W], list[W]]:
    """For an att-sats that only asks for an investigation: the conditional findings that the investigation
    should clarify, unless a categorical obstacle rejects it anyway (then nothing changes).

    Returns (items with the clarified ones set to effect "none", the clarified ones as they were)."""
    categorical = [
        f for f in items if f.outcome == "violation" and f.effect == "avslå" and f.rule_id not in conditional
    ]
    if categorical:
        return list(items), []
    clarified = [
        f
        for f in items
        if f.rule_id in conditional and f.effect != "none" and f.outcome in ("violation", "needs_review")
    ]
    ids = {f.rule_id for f in clarified}
    return [_without_effect(f) if f.rule_id in ids else f for f in items], clarified


def _without_effect(item: W) -> W:
    if isinstance(item, Finding):
        return item.model_copy(update={"effect": "none"})
    return dataclasses.replace(item, effect="none")  # type: ignore[type-var]


def outcomes(policy_set: PolicySet, results: dict[str, RuleResult], as_of: dt.date) -> list[_Outcome]:
    """Each rule's outcome with its weight, as make_findings decides it, without rendering anything."""
    out = []
    for rule, plan in _rule_plans(policy_set):
        result = results.get(rule.id)
        if result is None:
            result = NOT_EVALUATED
        until = plan.until  # plan.in_force(as_of), without a call per rule
        in_force = plan.start <= as_of and (until is None or as_of < until)
        outcome = result.outcome if in_force else "not_applicable"
        item = plan.outcomes.get(outcome)
        if item is None:
            item = plan.outcomes[outcome] = _Outcome(rule.id, outcome, plan.effect, plan.severity)
        out.append(item)
    return out


@dataclass(frozen=True)
class Addressee:
    """Who decides the proposal and what it is called: from the profile and the proposal's facts.

    A motion is decided by fullmäktige on the board's proposal (KL 5 kap. 23 § första stycket). A
    medborgarförslag that fullmäktige has passed to a nämnd (5 kap. 23 § andra stycket) is decided by
    that nämnd, on its administration's proposal."""

    kind: str  # motion | medborgarforslag
    nämnd: str | None  # the nämnd that decides a delegated medborgarförslag


def addressee(facts: dict[str, Fact] | None) -> Addressee:
    facts = facts or {}
    kind_fact = facts.get("proposal_kind")
    kind = str(kind_fact.value) if kind_fact is not None and kind_fact.known else "motion"
    delegated = facts.get("delegated")
    to = facts.get("delegated_to")
    nämnd = None
    is_delegated = delegated is not None and delegated.known and delegated.value is True
    if kind == "medborgarforslag" and is_delegated and to is not None and to.known and str(to.value).strip():
        nämnd = str(to.value).strip()
    return Addressee(kind, nämnd)


def _words(who: Addressee, lang: str) -> dict[str, str]:
    t = TEXTS[lang]
    return {"object": t[f"object_{who.kind}"], "owner": t[f"owner_{who.kind}"], "answered": t[f"answered_{who.kind}"]}


def _running(name: str) -> str:
    """A body's name inside a sentence: "Tekniska nämnden" → "tekniska nämnden"."""
    return name[:1].lower() + name[1:] if name[:1].isupper() and not name[1:2].isupper() else name


def decision_sentence(rec: Recommendation, policy_set: PolicySet, lang: str, who: Addressee | None = None) -> str:
    """The proposed decision, addressed to the body that decides (the profile's, or a delegated nämnd)."""
    who = who or Addressee("motion", None)
    t = TEXTS[lang]
    words = _words(who, lang)
    if rec != "granska" and who.nämnd is not None:
        act = t[f"act_{rec}"].format(**words)
        administration = str(policy_set.profile.get("administration", "Förvaltningen"))
        if lang == "en":
            administration = "administration"
        return t["delegated"].format(administration=administration, nämnd=_running(who.nämnd), act=act)
    body = str(policy_set.profile.get("body", "Kommunstyrelsen"))
    council = str(policy_set.profile.get("council", "kommunfullmäktige"))
    return t[f"decision_{rec}"].format(
        body=body, council=council, body_en=BODY_EN.get(body, "executive board"), **words
    )


def tested_provisions(findings: Sequence[Finding], policy_set: PolicySet, lang: str) -> str:
    """The statute provisions the legal rules examined, grouped by act and chapter:
    "kommunallagen 2 kap. 1, 2, 3 och 8 §§, lag (2009:47) 5 kap. 4 och 5 §§". Provisions that state a
    consequence rather than a limit (laglighetsprövning: `examined: false`) and unquoted references are
    left out."""
    acts: dict[str, dict[int, set[int]]] = {}
    names: dict[str, str] = {}
    for f in findings:
        if f.severity != "hinder" or f.outcome in ("rule_error", "not_applicable"):
            continue  # a provision the rule did not apply to the proposal was not tested
        for c in f.citations:
            found = _provision(policy_set, c)
            if found is None:
                continue
            policy_id, name, chapter, section = found
            names[policy_id] = name
            acts.setdefault(policy_id, {}).setdefault(chapter, set()).add(section)
    parts: list[str] = []
    for policy_id, chapters in acts.items():
        chunks = []
        for chapter in sorted(chapters):
            sections = sorted(chapters[chapter])
            sign = "§§" if len(sections) > 1 else "§"
            chunks.append(f"{chapter} kap. {join_words([str(x) for x in sections], lang)} {sign}")
        parts.append(f"{names[policy_id]} {', '.join(chunks)}")
    return "; ".join(parts)


_PROVISION = re.compile(r"(\d+) kap\. (\d+) §")
_PROVISIONS: dict[tuple[int, int], tuple[PolicySet, Citation, tuple[str, str, int, int] | None]] = {}


def _provision(policy_set: PolicySet, c: Citation) -> tuple[str, str, int, int] | None:
    """(policy id, the act's name, chapter, section) of a cited statute provision that counts as examined
    (verified, `examined`, numbered "N kap. M §"); None for any other citation. Once per policy set and
    citation (citations are built once per clause and date and shared by every verdict: see _citation)."""
    key = (id(policy_set), id(c))
    found = _PROVISIONS.get(key)
    if found is not None and found[0] is policy_set and found[1] is c:
        return found[2]
    policy_id, clause_id = c.clause_id.split("/", 1)
    policy = policy_set.policies[policy_id]
    clause = policy.clauses[clause_id]
    m = _PROVISION.fullmatch(clause.number)
    answer = None
    if policy.kind == "statute" and c.verified and clause.examined and m is not None:
        answer = (policy_id, str(policy.doc.get("cite_as") or policy.short), int(m.group(1)), int(m.group(2)))
    if len(_PROVISIONS) >= CITATIONS_CAP:
        _PROVISIONS.clear()
    _PROVISIONS[key] = (policy_set, c, answer)
    return answer


def _summary(
    rec: Recommendation,
    grounds: list[Finding],
    findings: Sequence[Finding],
    policy_set: PolicySet,
    lang: str,
    who: Addressee,
    clarified: Sequence[Finding] = (),
) -> str:
    t = TEXTS[lang]
    words = _words(who, lang)
    clarify = ""
    if clarified:
        texts: list[str] = []
        for f in clarified:
            rule = policy_set.rule(f.rule_id)
            text = rule.text("clarify", lang) if rule else None
            if text:
                text = fill(text, {}, _extra(policy_set, {}, lang), lang)
                if text not in texts:
                    texts.append(text)
        clarify = t["summary_investigation"].format(clarify=" ".join(texts))
    if rec == "bifalla":
        approved = t["summary_bifalla"].format(provisions=tested_provisions(findings, policy_set, lang))
        return f"{clarify} {approved}" if clarify else approved
    if rec == "granska":  # open questions, not findings: ask them
        questions: list[str] = []
        for f in grounds:
            q = f.question or (f"Följer förslaget regeln ”{f.title}”?" if lang == "sv" else f"Does it meet: {f.title}?")
            if q not in questions:
                questions.append(q)
        asked = t["summary_granska"].format(grounds=" ".join(questions), **words)
        return f"{clarify} {asked}" if clarify else asked

    def phrases(items: Sequence[Finding]) -> list[str]:
        return _ground_phrases(items, policy_set, lang)

    if rec == "besvarad":
        return t["summary_besvarad"].format(grounds=join_clauses(phrases(grounds), lang), **words)
    out = [t["summary_avslå"].format(**words)]
    legal = [f for f in grounds if f.severity == "hinder"]
    policy = [f for f in grounds if f.severity != "hinder"]
    if legal:
        out.append(t["summary_hinder"].format(grounds=join_clauses(phrases(legal), lang)))
    if policy:
        sources: list[str] = []
        for f in policy:
            for c in f.citations:
                if c.source_title not in sources and policy_set.policies[c.clause_id.split("/", 1)[0]].kind == (
                    "municipal_guideline"
                ):
                    sources.append(c.source_title)
        name = join_words(sources, lang) if sources else ("riktlinjen" if lang == "sv" else "the guideline")
        # With a legal obstacle as well, the council cannot simply decide otherwise: the departure is an
        # additional reason, not the reason, and the sentence on departing from the guideline is left out.
        key = "summary_avvikelse_also" if legal else "summary_avvikelse"
        out.append(t[key].format(grounds=join_clauses(phrases(policy), lang), sources=name, **words))
    return " ".join(out)


def _ground_phrases(grounds: Sequence[Finding], policy_set: PolicySet, lang: str) -> list[str]:
    """Each ground as the phrase that completes "Skälen är att förslaget …", once."""
    phrases: list[str] = []
    for f in grounds:
        rule = policy_set.rule(f.rule_id)
        p = (rule.text("ground", lang) if rule else None) or f.title[0].lower() + f.title[1:]
        if p not in phrases:
            phrases.append(p)
    return phrases


def _split_summary(
    parts: Sequence[AttSatsVerdict],
    findings: Sequence[Finding],
    policy_set: PolicySet,
    lang: str,
    who: Addressee | None = None,
) -> str:
    """The summary of a decision taken per att-sats: what is proposed for each, and why for each not approved."""
    t = TEXTS[lang]
    kind = who.kind if who else "motion"
    owner = t[f"owner_{kind}"]
    pairs = [(a.number, a.recommendation) for a in parts]
    out = [t["summary_split"].format(parts=parts_phrase(pairs, lang, kind))]
    by_id = {f.rule_id: f for f in findings}
    reasons: dict[tuple[str, str], list[int]] = {}  # (recommendation, reasons) → att-satser, in order
    for a in parts:
        grounds = [by_id[r] for r in a.grounds if r in by_id]
        if a.recommendation in ("avslå", "besvarad") and grounds:
            why = join_clauses(_ground_phrases(grounds, policy_set, lang), lang)
            reasons.setdefault((a.recommendation, why), []).append(a.number)
    for (rec, why), numbers in reasons.items():
        which = join_words_with([ordinal(n, lang) for n in numbers], lang)
        out.append(
            t[f"reason_{rec}"].format(
                ordinal=which, s=_plural(numbers), grounds=why, owner=owner, owner_cap=owner[:1].upper() + owner[1:]
            )
        )
    return " ".join(out)


def _plural(numbers: Sequence[int]) -> str:
    """The English plural ending for 'clause' when more than one att-sats is meant (Swedish keeps 'att-sats')."""
    return "s" if len(numbers) > 1 else ""


def per_att_sats_decision(
    parts: list[tuple[int, Recommendation]], policy_set: PolicySet, lang: str, who: Addressee | None = None
) -> str:
    who = who or Addressee("motion", None)
    words = _words(who, lang)
    body = str(policy_set.profile.get("body", "Kommunstyrelsen"))
    council = str(policy_set.profile.get("council", "kommunfullmäktige"))
    grouped: dict[str, list[int]] = {}  # "avslå motionens första och andra att-sats", not the verb twice
    for n, rec in parts:
        grouped.setdefault(rec, []).append(n)
    texts = [
        TEXTS[lang][f"part_{rec}"].format(
            ordinal=join_words([ordinal(n, lang) for n in numbers], lang), s=_plural(numbers), **words
        )
        for rec, numbers in grouped.items()
    ]
    if who.nämnd is not None:
        administration = (
            str(policy_set.profile.get("administration", "Förvaltningen")) if lang == "sv" else "administration"
        )
        return TEXTS[lang]["delegated"].format(
            administration=administration, nämnd=_running(who.nämnd), act=join_words(texts, lang)
        )
    return TEXTS[lang]["partial"].format(
        body=body, council=council, parts=join_words(texts, lang), body_en=BODY_EN.get(body, "executive board")
    )


def _known_list(facts: dict[str, Fact], name: str) -> list[Any]:
    fact = facts.get(name)
    return list(fact.value or []) if fact is not None and fact.known and isinstance(fact.value, list) else []


def is_international(facts: dict[str, Fact]) -> bool:
    """Whether the motion concerns international matters: a foreign partner, a network, or a stance."""
    stances = [facts.get(name) for name in ("foreign_policy_stance", "operative_stance")]
    return bool(
        _known_list(facts, "partner_places")
        or _known_list(facts, "networks_requested")
        or any(f is not None and f.known and f.value is True for f in stances)
    )


def _relevant_context(policy_set: PolicySet, facts: dict[str, Fact], lang: str) -> tuple[list[str], list[str]]:
    """The profile's sentences on its international work that bear on the motion, and its priority areas
    when the motion proposes a cooperation whose subject is weighed against them.

    A sentence bears on the motion when it names a network or partner town the motion names (asks to
    join, or touches); when the motion proposes cooperation with a new partner, the sentences that
    give an overview of the existing networks or partners (two or more of them) bear on it too."""
    ctx = policy_set.context
    if ctx is None:
        return [], []
    known = _context_plan(policy_set, lang)
    names = known.names
    places = _known_list(facts, "partner_places") + _known_list(facts, "mentioned_places")
    named = {name_key(str(p.get("name", ""))) for p in places} | {
        name_key(str(n)) for n in _known_list(facts, "networks_requested")
    }
    kinds = set(_known_list(facts, "cooperation_kinds"))
    new_partner = bool(kinds & set(COOPERATION)) and any(  # a town or country, not a continent ("Europa")
        name_key(str(p.get("name", ""))) not in known.partners
        for p in _known_list(facts, "partner_places")
        if p.get("kind") != "region"
    )
    touched = {names[k][1] for k in named if k in names}
    chosen: list[str] = []
    for sentence, found, overview in known.sentences:
        if {name for _, name in found} & touched or (new_partner and overview):
            chosen.append(sentence)
    priority: list[str] = []
    if kinds & set(COOPERATION) and _known_list(facts, "themes"):
        priority = [a.label_sv if lang == "sv" else a.label_en for a in ctx.priority_areas]
    return chosen, priority


@dataclass(frozen=True)
class _ContextPlan:
    """The profile's side of `_relevant_context`, worked out once per policy set and language."""

    policy_set: PolicySet  # held, so the entry's key (its id()) stays this policy set's
    names: dict[str, tuple[str, str]]  # name key → (kind, canonical name) of every network and partner
    partners: frozenset[str]  # the name keys of the partner towns
    sentences: tuple[tuple[str, frozenset[tuple[str, str]], bool], ...]  # (sentence, what it names, overview)


_CONTEXT_PLANS: dict[tuple[int, str], _ContextPlan] = {}


def _context_plan(policy_set: PolicySet, lang: str) -> _ContextPlan:
    return _planned(_CONTEXT_PLANS, policy_set, lang, _build_context_plan)


def _build_context_plan(policy_set: PolicySet, lang: str) -> _ContextPlan:
    ctx = policy_set.context
    assert ctx is not None
    names: dict[str, tuple[str, str]] = {}  # key → (kind, canonical name)
    for net in ctx.networks:
        names.update({name_key(n): ("network", net.name) for n in (net.name, *net.aliases)})
    for partner in ctx.partners:
        names.update({name_key(n): ("partner", partner.name) for n in (partner.name, *partner.aliases)})
    known_partners = frozenset(name_key(n) for part in ctx.partners for n in (part.name, *part.aliases))

    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"\w+", name_key(text))) + " "

    def mentions(sentence: str) -> frozenset[tuple[str, str]]:
        text = words(sentence)
        return frozenset(v for k, v in names.items() if k.strip() and words(k) in text)

    ph = PHRASES[lang]
    mun = str(policy_set.profile.get("municipality") or ctx.municipality)
    sentences = list(ctx.existing_work)
    if not sentences:  # a profile without its own sentences: say what it has, plainly
        if ctx.networks:
            sentences.append(
                ph["networks"].format(municipality=mun, networks=join_words([n.name for n in ctx.networks], lang))
            )
        if ctx.partners:
            kind = (lambda k: k) if lang == "sv" else (lambda k: PARTNER_KINDS_EN.get(k, k))
            plist = join_words([f"{p.name} ({kind(p.kind)})" for p in ctx.partners], lang)
            sentences.append(ph["partners"].format(municipality=mun, partners=plist))
    planned = []
    for sentence in sentences:
        found = mentions(sentence)
        overview = any(sum(1 for kind, _ in found if kind == k) >= 2 for k in ("network", "partner"))
        planned.append((sentence, found, overview))
    return _ContextPlan(policy_set, names, known_partners, tuple(planned))


# Per citations tuple (each rule's is built once per date and shared by every verdict, see citations_on) the
# policies it cites; per policy set and policy its steering document. Both cleared when they grow large.
_CITED: dict[int, tuple[tuple[Citation, ...], frozenset[str]]] = {}
_STEERING: dict[tuple[int, str], tuple[PolicySet, SteeringDocument]] = {}


def _policies_cited(citations: tuple[Citation, ...]) -> frozenset[str]:
    found = _CITED.get(id(citations))
    if found is not None and found[0] is citations:
        return found[1]
    policies = frozenset(c.clause_id.split("/", 1)[0] for c in citations)
    if len(_CITED) >= CITATIONS_CAP:
        _CITED.clear()
    _CITED[id(citations)] = (citations, policies)
    return policies


def _steering_document(policy_set: PolicySet, pid: str) -> SteeringDocument:
    found = _STEERING.get((id(policy_set), pid))
    if found is not None and found[0] is policy_set:
        return found[1]
    pol = policy_set.policies[pid]
    doc = SteeringDocument(
        id=pid,
        title=pol.title,
        short=pol.short,
        kind=pol.kind,
        decision=str(pol.doc.get("decision") or ""),
        url=pol.url or None,
        note=None if pol.verified else str(pol.doc.get("verified_note") or UNVERIFIED_NOTE),
    )
    if len(_STEERING) >= CITATIONS_CAP:
        _STEERING.clear()
    _STEERING[(id(policy_set), pid)] = (policy_set, doc)
    return doc


def document_input(
    policy_set: PolicySet, findings: Sequence[Finding], facts: dict[str, Fact], *, split: bool, lang: str
) -> DocumentInput:
    """What a document about this verdict needs besides the findings, decided here once."""
    prof = policy_set.profile
    international = is_international(facts)
    context, priority = _relevant_context(policy_set, facts, lang) if international else ([], [])
    cited: set[str] = set()
    for f in findings:
        if f.outcome != "not_applicable" and f.citations:
            cited |= _policies_cited(f.citations)
    steering = tuple(
        _steering_document(policy_set, pid)
        for pid, pol in policy_set.policies.items()
        if pid in cited and (international or pol.kind == "statute")  # a local matter: the law, not the guideline
    )
    return DocumentInput(
        municipality=str(prof.get("municipality") or (policy_set.context.municipality if policy_set.context else "")),
        body=str(prof.get("body") or "Kommunstyrelsen"),
        council=str(prof.get("council") or "kommunfullmäktige"),
        administration=str(prof.get("administration") or PHRASES[lang]["the_administration"]),
        split=split,
        international=international,
        context=tuple(context),
        priority_areas=tuple(priority),
        steering_documents=steering,
    )


def proposal_summary(proposal: Proposal | None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    if proposal is None:
        meta = meta or {}
        return {k: meta[k] for k in sorted(meta)}
    from pathlib import PurePath

    return {
        "name": PurePath(proposal.path).name,
        "format": proposal.format,
        "title": proposal.title,
        "municipality": proposal.municipality,
        "submitted": proposal.submitted,
        "diary_numbers": list(proposal.diary_numbers),
        "signatories": [s.name + (f" ({s.party})" if s.party else "") for s in proposal.signatories],
        "att_satser": [a.text for a in proposal.att_satser],
        "notes": list(proposal.notes),
    }


def require_rules_in_force(policy_set: PolicySet, as_of: dt.date) -> None:
    """Refuse an as-of date before a rule that can decide the recommendation took effect.

    The quoted sources are the ones in force from those dates; judging an earlier date against them,
    and approving because a rule "did not apply", would be no check at all. A rule that has ceased to
    apply (in_force_until) is simply not used.
    """
    first_all = _first_in_force(policy_set)
    if first_all is not None and as_of < first_all:
        raise CheckerError(
            [
                Problem(
                    "--as-of",
                    "",
                    f"profilens regler gäller från {first_all.isoformat()}; "
                    f"{as_of.isoformat()} kan inte bedömas mot dem – "
                    f"välj ett datum från och med {first_all.isoformat()}",
                )
            ],
            EXIT_USAGE,
        )


_FIRST_IN_FORCE: dict[int, tuple[PolicySet, dt.date | None]] = {}


def _first_in_force(policy_set: PolicySet) -> dt.date | None:
    """The latest in-force date of the rules that can decide, once per policy set (asked on every check)."""
    found = _FIRST_IN_FORCE.get(id(policy_set))
    if found is not None and found[0] is policy_set:
        return found[1]
    first = max((_plan(r).start for r in policy_set.rules if r.effect != "none"), default=None)
    if len(_FIRST_IN_FORCE) > 100:
        _FIRST_IN_FORCE.clear()
    _FIRST_IN_FORCE[id(policy_set)] = (policy_set, first)
    return first


def build_verdict(
    policy_set: PolicySet,
    engine: Engine,
    facts: dict[str, Fact],
    *,
    as_of: dt.date,
    lang: str = "sv",
    proposal: Proposal | None = None,
    proposal_meta: dict[str, Any] | None = None,
    input_sha256: str | None = None,
    input_name: str | None = None,
    att_sats_facts: list[tuple[int, str, dict[str, Fact]]] | None = None,
    readings: tuple[ActionReading, ...] = (),
) -> Verdict:
    """Evaluate the facts and assemble the complete, deterministic verdict."""
    require_rules_in_force(policy_set, as_of)
    all_facts = derive_facts(facts, as_of)
    results = engine.evaluate(all_facts)
    findings = make_findings(policy_set, results, all_facts, as_of, lang)
    conditional = conditional_ids(policy_set)
    clarified: list[Finding] = []
    if investigation_only(all_facts):
        findings, clarified = for_investigation(findings, conditional)
        clarified_ids = {f.rule_id for f in clarified}
        findings = [_clarify_message(f, policy_set, lang) if f.rule_id in clarified_ids else f for f in findings]
    rec, grounds = recommend(findings)
    grounds_sorted = sorted(grounds, key=lambda f: SEVERITY_WEIGHT[f.severity])
    who = addressee(all_facts)
    decision = decision_sentence(rec, policy_set, lang, who)

    att_verdicts: list[AttSatsVerdict] = []
    split = False
    if att_sats_facts and len(att_sats_facts) > 1:
        for number, text, sfacts in att_sats_facts:
            s_all = derive_facts(sfacts, as_of)
            s_items = outcomes(policy_set, engine.evaluate(s_all), as_of)
            if investigation_only(s_all):
                s_items, _ = for_investigation(s_items, conditional)
            s_rec, s_grounds = recommend(s_items)
            att_verdicts.append(
                AttSatsVerdict(
                    number=number,
                    text=text,
                    recommendation=s_rec,
                    decision=decision_sentence(s_rec, policy_set, lang, who),
                    grounds=tuple(f.rule_id for f in s_grounds),
                )
            )
        recs = {a.recommendation for a in att_verdicts}
        # Split the decision only when it agrees with the whole motion's: the weightiest att-sats
        # outcome must be the motion's own recommendation.
        weightiest = min(recs, key=REC_ORDER.index)
        if len(recs) > 1 and "granska" not in recs and weightiest == rec:
            decision = per_att_sats_decision(
                [(a.number, a.recommendation) for a in att_verdicts], policy_set, lang, who
            )
            split = True

    questions: list[str] = []
    for f in findings:
        if f.outcome == "needs_review" and f.question and f.question not in questions:
            questions.append(f.question)

    fact_list = tuple([all_facts[n] for n in FACTS if n in all_facts])
    return Verdict(
        schema_version=SCHEMA_VERSION,
        recommendation=rec,
        decision=decision,
        summary=_split_summary(att_verdicts, findings, policy_set, lang, who)
        if split
        else _summary(rec, grounds_sorted, findings, policy_set, lang, who, clarified),
        proposal=proposal_summary(proposal, proposal_meta),
        findings=tuple(findings),
        grounds=tuple(f.rule_id for f in grounds_sorted),
        questions=tuple(questions),
        att_satser=tuple(att_verdicts),
        facts=fact_list,
        document=document_input(policy_set, findings, all_facts, split=split, lang=lang),
        readings=readings,
        provenance=Provenance(
            tool_version=__version__,
            engine=engine_version(),
            profile=policy_set.profile_id,
            profile_hash=policy_set.files.get(policy_set.profile_file, ""),
            policy_set_hash=policy_set.hash,
            files=policy_set.files,
            input_sha256=input_sha256,
            input_name=input_name,
            as_of=as_of.isoformat(),
            lang=lang,  # type: ignore[arg-type]
        ),
    )
