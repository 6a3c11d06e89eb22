"""Plain terminal report of a verdict. Formats only; every decision is already in the Verdict, every word in
checker.vocabulary."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from checker.facts import FACTS
from checker.models import Finding, Verdict
from checker.render.values import render_value
from checker.vocabulary import FACT_SOURCES, LABELS, RECOMMENDATIONS, SEVERITIES, recommendation_label


def _wrap(text: str, indent: str, subsequent: str | None = None) -> str:
    rest = indent if subsequent is None else subsequent
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=rest)


def _finding(f: Finding, lab: Mapping[str, object]) -> list[str]:
    out = [f"  [{f.rule_id}] {f.title} – {SEVERITIES[str(lab['lang_attr'])].get(f.severity, f.severity)}"]
    out.append(_wrap(f.message, "    "))
    for ev in f.evidence:
        span = f" ({lab['chars']} {ev.start}–{ev.end})" if ev.start is not None else ""
        out.append(_wrap(f"{lab['evidence_text']}{span}: ”{ev.quote}”", "    › "))
    for c in f.citations:
        note = f" ({c.note.rstrip('.')})" if c.note else ""
        quote = f": ”{c.quote}”" if c.quote else ""  # a reference quotes nothing; its note says so
        out.append(_wrap(f"{lab['source']}: {c.reference}{note}{quote}", "    § "))
    if f.remedy and f.outcome in ("violation", "needs_review"):
        out.append(_wrap(f"{lab['remedy']}: {f.remedy}", "    → "))
    return out


def render_text(verdict: Verdict, lang: str = "sv") -> str:
    lab = LABELS[lang]
    recs = {k: v.upper() for k, v in RECOMMENDATIONS[lang].items()}
    parts = [(a.number, a.recommendation) for a in verdict.att_satser] if verdict.document.split else []
    lines: list[str] = []
    title = verdict.proposal.get("title") or verdict.proposal.get("name") or verdict.provenance.input_name or ""
    lines.append(f"{title}".strip() or "—")
    lines.append(f"{lab['recommendation']}: {recommendation_label(verdict.recommendation, lang, parts).upper()}")
    lines.append(_wrap(f"{lab['proposed_decision']}: {verdict.decision}", ""))
    lines.append(_wrap(verdict.summary, ""))
    groups = [
        (lab["grounds"], [f for f in verdict.findings if f.rule_id in verdict.grounds and f.outcome == "violation"]),
        (lab["review"], [f for f in verdict.findings if f.outcome in ("needs_review", "rule_error")]),
        (lab["notes"], [f for f in verdict.findings if f.outcome == "violation" and f.rule_id not in verdict.grounds]),
    ]
    for heading, items in groups:
        if items:
            lines.append("")
            lines.append(f"{heading}:")
            for f in items:
                lines.extend(_finding(f, lab))
    if verdict.att_satser:
        lines.append("")
        lines.append(f"{lab['per_att_sats']}:")
        for a in verdict.att_satser:
            lines.append(_wrap(f"{a.number}. {recs[a.recommendation]} – {a.text}", "  "))
    if verdict.questions:
        lines.append("")
        lines.append(f"{lab['proposer_questions']}:")
        for q in verdict.questions:
            lines.append(_wrap(q, "  – ", "    "))  # a dash marks a new question, not a wrapped line
    passed = [f for f in verdict.findings if f.outcome == "pass" and not f.exemption]
    exempted = [f for f in verdict.findings if f.outcome == "pass" and f.exemption]
    na = [f for f in verdict.findings if f.outcome == "not_applicable"]
    if passed:
        lines.append("")
        lines.append(f"{lab['passed']}: " + ", ".join(f.rule_id for f in passed))
    if exempted:  # a pass only through an exception is "undantag enligt …", never a rule met
        lines.append(f"{lab['exempted']}: " + ", ".join(f.rule_id for f in exempted))
    if na:
        lines.append(f"{lab['not_applicable']}: " + ", ".join(f.rule_id for f in na))
    lines.append("")
    lines.append(f"{lab['facts']}:")
    for fact in verdict.facts:
        fdef = FACTS.get(fact.name)
        if fdef is None or fact.source == "derived":
            continue
        label = fdef.label_sv if lang == "sv" else fdef.label_en
        source = FACT_SOURCES[lang].get(fact.source, fact.source)
        lines.append(_wrap(f"{label}: {render_value(fact.name, fact, lang)} ({source})", "  "))
    p = verdict.provenance
    lines.append("")
    lines.append(
        f"{lab['provenance']}: council-checker {p.tool_version}, {p.engine}, {lab['profile']} {p.profile} "
        f"({p.policy_set_hash[:12]}), {lab['as_of']} {p.as_of}"
        + (f", {lab['input']} sha256 {p.input_sha256[:12]}" if p.input_sha256 else "")
    )
    return "\n".join(lines) + "\n"
