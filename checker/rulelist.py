"""Rule listings and rule documentation generated from rule and policy metadata."""

from __future__ import annotations

from checker.load import PolicySet, Rule
from checker.verdict import citation


def rule_list(ps: PolicySet, lang: str = "sv") -> str:
    lines = [f"Profil {ps.profile_id}: {len(ps.rules)} regler"]
    for r in ps.rules:
        lines.append(f"{r.id:<24} {r.severity:<10} {r.concern:<30} {r.title_in(lang)}")
    return "\n".join(lines) + "\n"


def rule_detail(ps: PolicySet, rule: Rule, lang: str = "sv") -> str:
    d = rule.doc
    out = [
        f"{rule.id}: {rule.title_in(lang)}",
        f"Område: {rule.concern}   Allvar: {rule.severity}   "
        f"Verkan: {rule.effect}   Gäller från: {d['in_force_from']}   Fil: {rule.file}",
        "",
    ]
    for uid in d["cites"]:
        c = citation(ps, uid)
        note = "" if c.verified else " [ej ordagrant verifierad]"
        out.append(f"§ {c.reference}{note}")
        out.extend(f"  > {line}" for line in c.quote.splitlines())
        if c.url:
            out.append(f"  {c.url}")
    out += ["", "Meddelande vid brist:", f"  {rule.text('message', lang)}", "Åtgärd:", f"  {rule.text('remedy', lang)}"]
    out += ["", "Testfall:"]
    for case in d["cases"]:
        out.append(f"  [{case['expect']}] {case['name']}")
        out.append(f"      fakta: {case['facts']}")
    return "\n".join(out) + "\n"
