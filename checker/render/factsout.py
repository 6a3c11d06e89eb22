"""Facts with their evidence: as a readable list, or as a facts file an official corrects and passes back."""

from __future__ import annotations

from typing import Any

import yaml

from checker import __version__
from checker.facts import FACTS
from checker.models import Fact, Proposal
from checker.render.values import render_value


def facts_text(proposal: Proposal, facts: dict[str, Fact], lang: str = "sv") -> str:
    lines = [f"{proposal.title or proposal.path}"]
    if proposal.notes:
        lines.extend(f"  ({n})" for n in proposal.notes)
    if proposal.att_satser:
        lines.append("Att-satser:")
        lines.extend(f"  {a.number}. {a.text}" for a in proposal.att_satser)
    lines.append("")
    for name, fdef in FACTS.items():
        fact = facts.get(name)
        if fact is None:
            continue
        label = fdef.label_sv if lang == "sv" else fdef.label_en
        value = render_value(name, fact, lang)
        lines.append(f"{label} [{name}]: {value}")
        if not fact.known and fact.note:
            lines.append(f"    ({fact.note})")
        for ev in fact.evidence:
            cue = f" [{ev.cue}]" if ev.cue else ""
            span = f" {ev.start}–{ev.end}" if ev.start is not None else ""
            lines.append(f"    ›{span}{cue}: ”{ev.quote}”")
    return "\n".join(lines) + "\n"


def _entry(fact: Fact) -> dict[str, Any]:
    if not fact.known:
        out: dict[str, Any] = {"unknown": True}
        if fact.note:
            out["note"] = fact.note
        return out
    entry: dict[str, Any] = {"value": fact.value, "source": fact.source if fact.source != "derived" else "extracted"}
    if fact.evidence:
        entry["evidence"] = [ev.model_dump(exclude_none=True) for ev in fact.evidence]
    if fact.note:
        entry["note"] = fact.note
    return entry


def facts_yaml(proposal: Proposal, facts: dict[str, Fact]) -> str:
    meta: dict[str, Any] = {}
    if proposal.title:
        meta["title"] = proposal.title
    meta["text_file"] = proposal.path.rsplit("/", 1)[-1]
    if proposal.municipality:
        meta["municipality"] = proposal.municipality
    if proposal.submitted:
        meta["submitted"] = proposal.submitted
    if proposal.diary_numbers:
        meta["diary_numbers"] = list(proposal.diary_numbers)
    if proposal.signatories:
        meta["signatories"] = [s.name + (f" ({s.party})" if s.party else "") for s in proposal.signatories]
    if proposal.att_satser:
        meta["att_satser"] = [a.text for a in proposal.att_satser]
    doc = {
        "schema_version": "1",
        "proposal": meta,
        "facts": {name: _entry(facts[name]) for name in FACTS if name in facts and FACTS[name].extractor},
    }
    header = (
        f"# Fakta ur {meta['text_file']}, framtagna av council-checker {__version__}.\n"
        "# Rätta ett värde, eller ersätt 'unknown: true' med 'value: ...', och kör sedan:\n"
        f"#   council-check check {meta['text_file']} --facts DEN_HÄR_FILEN\n"
        "# Värden som skiljer sig från det som hittas i texten redovisas som angivna (declared).\n"
    )
    return header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
