"""The batch report: one self-contained HTML page, a table of motions with recommendation and grounds,
each row linked to its verdict further down the page. Formats only; the words are checker.vocabulary's."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, select_autoescape

from checker.errors import printable
from checker.models import Verdict
from checker.vocabulary import LABELS, SEVERITIES, recommendation_label


class Row(Protocol):
    """One input of a batch: its path, and its verdict or the errors that stopped it."""

    @property
    def path(self) -> Path: ...
    @property
    def verdict(self) -> Verdict | None: ...
    @property
    def errors(self) -> Sequence[str]: ...


TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ L.report_title }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;
vertical-align:top}.avslå{color:#a40000}.bifalla{color:#0a6b00}.besvarad{color:#6b4f00}.granska{color:#00509e}
blockquote{margin:.3rem 0 .3rem 1rem;color:#444;border-left:3px solid #ccc;padding-left:.6rem}
section{border-top:2px solid #888;margin-top:2rem}
</style></head><body>
<h1>{{ L.report_title }}</h1>
<p>{{ rows|length }} {{ L.count }}</p>
<table><thead><tr><th>#</th><th>{{ L.motion }}</th><th>{{ L.recommendation }}</th><th>{{ L.grounds }}</th></tr></thead>
<tbody>
{% for r in rows %}<tr><td>{{ loop.index }}</td><td><a href="#m{{ loop.index }}">{{ r.name }}</a>
{% if r.title %}<br><small>{{ r.title }}</small>{% endif %}</td>
{% if r.verdict %}<td class="{{ r.verdict.recommendation }}">{{ r.label }}</td>
<td>{{ r.concerns|join(", ") }}</td>{% else %}<td>{{ L.unreadable }}</td><td>{{ r.errors|join("; ") }}</td>
{% endif %}</tr>
{% endfor %}</tbody></table>
{% for r in rows %}<section id="m{{ loop.index }}"><h2>{{ loop.index }}. {{ r.title or r.name }}</h2>
{% if r.verdict %}<p class="{{ r.verdict.recommendation }}"><strong>{{ r.label }}</strong></p>
<p>{{ L.proposed_decision }}: {{ r.verdict.decision }}</p><p>{{ r.verdict.summary }}</p>
{% for f in r.findings %}<h3>[{{ f.rule_id }}] {{ f.title }} ({{ S[f.severity] }}{% if f.outcome == "needs_review" %},
{{ L.review|lower }}{% endif %})</h3><p>{{ f.message }}</p>
{% for e in f.evidence %}<blockquote>{{ L.short_evidence }}: ”{{ e.quote }}”</blockquote>{% endfor %}
{% for c in f.citations %}<blockquote>{{ L.source }}: {{ c.reference }}
{%- if c.note %} ({{ c.note }}){% endif %}{% if c.quote %}: ”{{ c.quote }}”{% endif %}</blockquote>{% endfor %}
{% if f.remedy %}<p>{{ L.short_remedy }}: {{ f.remedy }}</p>{% endif %}{% endfor %}
{% if r.verdict.questions %}<h3>{{ L.short_questions }}</h3><ul>{% for q in r.verdict.questions %}<li>{{ q }}</li>
{% endfor %}</ul>{% endif %}
{% else %}<p>{{ L.unreadable }}: {{ r.errors|join("; ") }}</p>{% endif %}</section>
{% endfor %}</body></html>
"""


def render_report(items: Sequence[Row], lang: str = "sv") -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    rows: list[dict[str, Any]] = []
    for i in items:
        v = i.verdict
        if v is None:
            rows.append({"name": printable(i.path.name), "title": None, "verdict": None, "errors": list(i.errors)})
            continue
        by_id = {f.rule_id: f for f in v.findings}
        shown = [f for f in v.findings if f.outcome in ("violation", "needs_review", "rule_error")]
        parts = [(a.number, a.recommendation) for a in v.att_satser] if v.document.split else []
        rows.append(
            {
                "name": printable(i.path.name),
                "title": v.proposal.get("title"),
                "verdict": v,
                "label": recommendation_label(v.recommendation, lang, parts),
                "concerns": [by_id[g].concern for g in v.grounds],
                "findings": shown,
                "errors": [],
            }
        )
    return env.from_string(TEMPLATE).render(rows=rows, L=LABELS[lang], S=SEVERITIES[lang], lang=lang)
