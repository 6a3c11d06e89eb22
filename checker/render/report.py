"""The batch report: one self-contained HTML page, a table of motions with recommendation and grounds,
each row linked to its verdict further down the page. Formats only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Environment, select_autoescape

if TYPE_CHECKING:
    from checker.batch import Item

LABELS = {
    "sv": {
        "title": "Granskning av motioner",
        "motion": "Motion",
        "rec": "Rekommendation",
        "grounds": "Skäl",
        "review": "Granska manuellt",
        "decision": "Förslag till beslut",
        "evidence": "Underlag",
        "source": "Källa",
        "remedy": "Åtgärd",
        "error": "Kunde inte läsas",
        "count": "motioner",
        "questions": "Frågor",
        "recs": {"avslå": "Avslå", "bifalla": "Bifalla", "besvarad": "Anse besvarad", "granska": "Granska manuellt"},
    },
    "en": {
        "title": "Screening of motions",
        "motion": "Motion",
        "rec": "Recommendation",
        "grounds": "Grounds",
        "review": "Manual review",
        "decision": "Proposed decision",
        "evidence": "Evidence",
        "source": "Source",
        "remedy": "Remedy",
        "error": "Could not be read",
        "count": "motions",
        "questions": "Questions",
        "recs": {"avslå": "Reject", "bifalla": "Approve", "besvarad": "Consider answered", "granska": "Manual review"},
    },
}

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ L.title }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;
vertical-align:top}.avslå{color:#a40000}.bifalla{color:#0a6b00}.besvarad{color:#6b4f00}.granska{color:#00509e}
blockquote{margin:.3rem 0 .3rem 1rem;color:#444;border-left:3px solid #ccc;padding-left:.6rem}
section{border-top:2px solid #888;margin-top:2rem}
</style></head><body>
<h1>{{ L.title }}</h1>
<p>{{ rows|length }} {{ L.count }}</p>
<table><thead><tr><th>#</th><th>{{ L.motion }}</th><th>{{ L.rec }}</th><th>{{ L.grounds }}</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ loop.index }}</td><td><a href="#m{{ loop.index }}">{{ r.name }}</a>
{% if r.title %}<br><small>{{ r.title }}</small>{% endif %}</td>
{% if r.verdict %}<td class="{{ r.verdict.recommendation }}">{{ L.recs[r.verdict.recommendation] }}</td>
<td>{{ r.concerns|join(", ") }}</td>{% else %}<td>{{ L.error }}</td><td>{{ r.errors|join("; ") }}</td>{% endif %}</tr>
{% endfor %}</tbody></table>
{% for r in rows %}<section id="m{{ loop.index }}"><h2>{{ loop.index }}. {{ r.title or r.name }}</h2>
{% if r.verdict %}<p class="{{ r.verdict.recommendation }}"><strong>{{ L.recs[r.verdict.recommendation] }}</strong></p>
<p>{{ L.decision }}: {{ r.verdict.decision }}</p><p>{{ r.verdict.summary }}</p>
{% for f in r.findings %}<h3>[{{ f.rule_id }}] {{ f.title }} ({{ f.severity }}{% if f.outcome == "needs_review" %},
{{ L.review|lower }}{% endif %})</h3><p>{{ f.message }}</p>
{% for e in f.evidence %}<blockquote>{{ L.evidence }}: ”{{ e.quote }}”</blockquote>{% endfor %}
{% for c in f.citations %}<blockquote>{{ L.source }}: {{ c.reference }}: ”{{ c.quote }}”</blockquote>{% endfor %}
{% if f.remedy %}<p>{{ L.remedy }}: {{ f.remedy }}</p>{% endif %}{% endfor %}
{% if r.verdict.questions %}<h3>{{ L.questions }}</h3><ul>{% for q in r.verdict.questions %}<li>{{ q }}</li>
{% endfor %}</ul>{% endif %}
{% else %}<p>{{ L.error }}: {{ r.errors|join("; ") }}</p>{% endif %}</section>
{% endfor %}</body></html>
"""


def render_report(items: list[Item], lang: str = "sv") -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    rows: list[dict[str, Any]] = []
    for i in items:
        v = i.verdict
        if v is None:
            rows.append({"name": i.path.name, "title": None, "verdict": None, "errors": list(i.errors)})
            continue
        by_id = {f.rule_id: f for f in v.findings}
        shown = [f for f in v.findings if f.outcome in ("violation", "needs_review", "rule_error")]
        rows.append(
            {
                "name": i.path.name,
                "title": v.proposal.get("title"),
                "verdict": v,
                "concerns": [by_id[g].concern for g in v.grounds],
                "findings": shown,
                "errors": [],
            }
        )
    return env.from_string(TEMPLATE).render(rows=rows, L=LABELS[lang], lang=lang)
