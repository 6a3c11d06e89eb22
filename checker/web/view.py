"""The page's view of a verdict: grounds in groups, the motion text with its evidence marked, questions.

Built from the verdict's structure (outcomes, severities, evidence spans, unknown facts), never from its
wording, so the page follows whatever the rules and the reasoning say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from checker.facts import DERIVED, FACTS, value_label
from checker.models import Finding, Verdict

GROUP_ORDER = ("hinder", "avvikelse", "granska", "notering")
SHOWN_OUTCOMES = ("violation", "needs_review", "rule_error")


def group_of(f: Finding) -> str | None:
    if f.outcome in ("needs_review", "rule_error"):
        return "granska"
    if f.outcome == "violation":
        return f.severity
    return None


def anchor(rule_id: str) -> str:
    return "grund-" + "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in rule_id)


@dataclass
class Mark:
    number: int
    start: int
    end: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"markering-{self.number}"


def marks_for(verdict: Verdict, text_len: int) -> list[Mark]:
    """The evidence spans of the shown findings, overlapping spans joined, each with all its findings."""
    spans: list[tuple[int, int, Finding]] = []
    for f in verdict.findings:
        if f.outcome not in SHOWN_OUTCOMES:
            continue
        for ev in f.evidence:
            if ev.start is None or ev.end is None or ev.end <= ev.start or ev.end > text_len:
                continue
            spans.append((ev.start, ev.end, f))
    spans.sort(key=lambda s: (s[0], s[1]))
    marks: list[Mark] = []
    for start, end, f in spans:
        if marks and start < marks[-1].end:
            m = marks[-1]
            m.end = max(m.end, end)
            if f not in m.findings:
                m.findings.append(f)
        else:
            marks.append(Mark(len(marks) + 1, start, end, [f]))
    return marks


def marked_text(text: str, marks: list[Mark], lang: str, t: dict[str, Any]) -> Markup:
    """The text, escaped, with each mark a <mark> followed by links to its findings."""
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(str(escape(text[pos : m.start])))
        links = ", ".join(f'<a href="#{anchor(f.rule_id)}" class="ref">{escape(f.rule_id)}</a>' for f in m.findings)
        out.append(
            f'<mark id="{m.id}" tabindex="-1">{escape(text[m.start : m.end])}</mark>'
            f'<span class="refs">[<span class="visually-hidden">{escape(t["marked_for"])} </span>'
            f"{links}]</span>"
        )
        pos = m.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def finding_marks(marks: list[Mark]) -> dict[str, list[Mark]]:
    by_rule: dict[str, list[Mark]] = {}
    for m in marks:
        for f in m.findings:
            by_rule.setdefault(f.rule_id, []).append(m)
    return by_rule


def grouped(verdict: Verdict) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {g: [] for g in GROUP_ORDER}
    for f in verdict.findings:
        g = group_of(f)
        if g is not None:
            groups[g].append(f)
    # grounds first, in the verdict's order of weight
    weight = {rid: i for i, rid in enumerate(verdict.grounds)}
    return [
        (g, sorted(items, key=lambda f: weight.get(f.rule_id, len(weight)))) for g, items in groups.items() if items
    ]


def other_findings(verdict: Verdict) -> list[Finding]:
    return [f for f in verdict.findings if group_of(f) is None]


@dataclass
class Question:
    """An unknown fact as a form field."""

    name: str
    label: str
    question: str
    kind: str  # bool, enum, list-enum, text, places, date, int
    options: list[tuple[str, str]] = field(default_factory=list)
    hint: str = ""
    value: Any = None

    @property
    def field(self) -> str:
        return f"svar_{self.name}"


def questions_for(
    verdict: Verdict, lang: str, t: dict[str, Any], answers: dict[str, str | list[str]]
) -> list[Question]:
    """Each fact the check could not establish (and that is not derived from others), as a question; a
    question already answered stays, filled in, so the answer can be changed and goes with every download."""
    out: list[Question] = []
    for fact in verdict.facts:
        answered = f"svar_{fact.name}" in answers and fact.source == "declared"
        if (fact.known and not answered) or fact.name in DERIVED or fact.name not in FACTS:
            continue
        fdef = FACTS[fact.name]
        label = fdef.label_sv if lang == "sv" else fdef.label_en
        question = (fdef.question_sv if lang == "sv" else fdef.question_en) or label
        kind = {
            "bool": "bool",
            "enum": "enum",
            "list[enum]": "list-enum",
            "list[place]": "places",
            "list[string]": "list-text",
            "date": "date",
            "int": "int",
        }.get(fdef.type, "text")
        options = [(v, value_label(fact.name, v, lang)) for v in fdef.values]
        hint = t["places_hint"] if kind == "places" else t["date_hint"] if kind == "date" else ""
        out.append(Question(fact.name, label, question, kind, options, hint, answers.get(f"svar_{fact.name}")))
    return out


def parse_answers(form: dict[str, list[str]]) -> tuple[dict[str, Any], dict[str, str | list[str]]]:
    """Form fields svar_<fact> → (declared values to check with, the raw answers to show again).

    An empty answer, or "Vet inte", declares nothing.
    """
    values: dict[str, Any] = {}
    raw: dict[str, str | list[str]] = {}
    for key, items in form.items():
        if not key.startswith("svar_"):
            continue
        name = key.removeprefix("svar_")
        fdef = FACTS.get(name)
        if fdef is None:
            continue
        cleaned = [i.strip() for i in items if i.strip()]
        if fdef.type.startswith("list["):
            raw[key] = cleaned
            if fdef.type in ("list[place]", "list[string]"):
                cleaned = [p.strip() for c in cleaned for p in c.split(",") if p.strip()]
            if cleaned:
                values[name] = cleaned
            continue
        answer = cleaned[0] if cleaned else ""
        raw[key] = answer
        if not answer or answer == "unknown":
            continue
        if fdef.type == "bool":
            values[name] = answer == "true"
        elif fdef.type == "int":
            values[name] = int(answer) if answer.lstrip("-").isdigit() else answer
        else:
            values[name] = answer
    return values, raw
