"""Generated artefacts kept in the repository: the verdict JSON Schema and the rule documentation.

`python -m checker.docgen` rewrites them; tests fail when the committed copies are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.load import PolicySet, load_policy_set
from checker.models import Verdict

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = Path(__file__).parent / "schemas" / "verdict.schema.json"
RULES_DOC_PATH = ROOT / "docs" / "rules.md"


def verdict_schema() -> dict[str, Any]:
    """The published contract: one verdict, or an array of verdicts and per-input errors (batch)."""
    model = Verdict.model_json_schema(mode="serialization")
    defs = model.pop("$defs")
    defs["Verdict"] = model
    defs["InputFailure"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["input_name", "error"],
        "properties": {
            "input_name": {"type": "string"},
            "error": {
                "type": "object",
                "additionalProperties": False,
                "required": ["exit_code", "messages"],
                "properties": {
                    "exit_code": {"type": "integer"},
                    "messages": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://council-checker/schemas/verdict.schema.json",
        "title": "council-checker verdict (advisory)",
        "description": "One input gives one verdict object; several give an array in input order, where an "
        "unreadable input appears as an InputFailure in its place.",
        "oneOf": [
            {"$ref": "#/$defs/Verdict"},
            {"type": "array", "items": {"oneOf": [{"$ref": "#/$defs/Verdict"}, {"$ref": "#/$defs/InputFailure"}]}},
        ],
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(verdict_schema(), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rule_table(ps: PolicySet) -> list[str]:
    """One row per rule: requirement, sources, severity and effect, and the cases that show its edges."""
    from checker.verdict import citation

    out = [
        "## Översikt",
        "",
        "Varje regel med källa, allvar och de testfall som visar var gränsen går (`violation` = brist, "
        "`needs_review` = granskas, `pass` = följer regeln, `not_applicable` = berörs inte).",
        "",
        "| Regel | Krav | Källor | Allvar | Verkan | Testfall |",
        "|---|---|---|---|---|---|",
    ]
    for rule in ps.rules:
        refs = []
        for uid in rule.doc["cites"]:
            c = citation(ps, uid)
            refs.append(c.reference + ("" if c.verified else " (ej verifierad)"))
        cases = "<br>".join(f"`{c['expect']}`: {_cell(c['name'])}" for c in rule.doc["cases"])
        sources = _cell("; ".join(refs))
        out.append(f"| {rule.id} | {_cell(rule.title)} | {sources} | {rule.severity} | {rule.effect} | {cases} |")
    out.append("")
    if ps.scenarios:
        out += [
            "## Scenarier",
            "",
            "Hela förslag: fakta in, rekommendation ut (`council-check test` kör dem). De visar bland annat "
            "utrustning mot pengar, ställningstagande i att-sats mot i motivering, utreda mot besluta och "
            "delegerade medborgarförslag.",
            "",
            "| Fil | Scenario | Förväntat |",
            "|---|---|---|",
        ]
        for file, _i, case in ps.scenarios:
            exp = case["expect"]
            extra = f" ({', '.join(exp['grounds'])})" if exp.get("grounds") else ""
            out.append(f"| `{file}` | {_cell(case['name'])} | {exp['recommendation']}{extra} |")
        out.append("")
    return out


def language_reference() -> list[str]:
    """The rule language for authors of another municipality's profile: concerns, facts and operators."""
    from checker.facts import FACTS
    from checker.load import OPERATORS
    from checker.models import CONCERNS

    out = ["## Regelspråket", "", "### Områden (`concern`)", "", ", ".join(f"`{c}`" for c in CONCERNS), ""]
    out += ["### Fakta", "", "| Fakta | Typ | Betydelse | Värden |", "|---|---|---|---|"]
    for f in FACTS.values():
        values = ", ".join(f"`{v}`" for v in f.values)
        derived = " (härledd)" if f.extractor is None else ""
        out.append(f"| `{f.name}` | {f.type} | {_cell(f.label_sv)}{derived} | {values} |")
    out += ["", "### Operatorer", "", "| Operator | Betydelse |", "|---|---|"]
    out += [f"| `{op}` | {_cell(text)} |" for op, text in OPERATORS.items()]
    out += [
        "",
        "Värdelistor kan hämta profilens data: `{profile: priority_themes}`, `{profile: partner_keys}`, "
        "`{profile: network_keys}`. Skriv text som YAML annars läser som sant/falskt inom citattecken "
        '(`country_code: "NO"`).',
        "",
        "### Meddelanden",
        "",
        "`{fakta}` i ett meddelande, en åtgärd eller en fråga ersätts med faktans värde i klartext. En villkorad "
        "del `{?fakta:text}` skrivs bara när faktan har ett värde (känd och inte nej, tom eller ingen), "
        "`{!fakta:text}` bara när den är känd och saknar värde; när faktan är okänd skrivs ingen av dem. Texten "
        "efter kolonet tas som den står (också ett inledande mellanslag) och får innehålla `{fakta}` men inte "
        "en annan villkorad del. Skriv meddelandet inom enkla citattecken i YAML "
        "(`'… näringsidkare{?named_businesses: (i förslaget nämns {named_businesses})}.'`).",
        "",
    ]
    return out


def rules_doc(ps: PolicySet) -> str:
    """docs/rules.md: a table of every rule, the rule language, then every rule with its sources and cases."""
    from checker.verdict import citation

    out = [
        "# Regler i council-checker",
        "",
        "Genererad från `rules/` och `policies/` med `python -m checker.docgen`; redigera inte för hand.",
        "",
    ]
    for profile in ("generic", "solna"):
        p = ps if ps.profile_id == profile else load_policy_set(profile)
        out.append(f"- Profil `{profile}`: {', '.join(r.id for r in p.rules)}")
    out.append("")
    out += rule_table(ps)
    out += language_reference()
    for rule in ps.rules:
        d = rule.doc
        out += [f"## {rule.id}: {rule.title}", ""]
        out.append(
            f"- Område (concern): `{rule.concern}`; allvar: **{rule.severity}**; verkan: {rule.effect}; "
            f"gäller från {d['in_force_from']}; fil `{rule.file}`"
        )
        out.append("")
        out.append("**Vad regeln prövar.** " + (rule.text("message", "sv") or ""))
        out.append("")
        out.append("**Så kan förslaget följa regeln.** " + (rule.text("remedy", "sv") or ""))
        out.append("")
        if rule.text("clarify", "sv"):
            out.append("**Vid en utredning.** " + (rule.text("clarify", "sv") or ""))
            out.append("")
        out.append("**Källor.**")
        out.append("")
        for uid in d["cites"]:
            c = citation(ps, uid)
            clause = ps.clause(uid)
            note = f" *({c.note.rstrip('.')})*" if c.note else ""
            since = f" Lydelsen gäller från {clause.in_force_from}."
            out.append(f"- {c.reference}{note}:{since}")
            out.extend(f"  > {line}" if line else "  >" for line in c.quote.splitlines())
        out.append("")
        out.append("**Testfall.**")
        out.append("")
        for case in d["cases"]:
            out.append(f"- `{case['expect']}`: {case['name']}")
        out.append("")
    return "\n".join(out)


def main() -> None:
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    RULES_DOC_PATH.parent.mkdir(exist_ok=True)
    RULES_DOC_PATH.write_text(rules_doc(load_policy_set("solna")), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)} and {RULES_DOC_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
