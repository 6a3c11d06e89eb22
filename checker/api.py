"""The public pipeline: read → extract → (declared facts override) → engine → verdict.

Load the policy set and build the engine once per process (`Checker`), then check any number of
proposals with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine import Engine, EngineError
from checker.errors import EXIT_INPUT, CheckerError, InputError, Problem
from checker.load import PolicySet, load_policy_set
from checker.models import Fact, Proposal, Verdict

TEXT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
FACTS_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Prepared:
    """A proposal ready for the engine: its facts, and its text and structure when there is text."""

    facts: dict[str, Fact]
    proposal: Proposal | None
    meta: dict[str, Any]
    input_sha256: str
    input_name: str
    att_sats_facts: list[tuple[int, str, dict[str, Fact]]]


class Checker:
    """A loaded policy set with its compiled engine. Build once per process; check many proposals."""

    def __init__(self, profile: str | Path = "solna", policy_set: PolicySet | None = None) -> None:
        self.policy_set = policy_set or load_policy_set(profile)
        try:
            self.engine = Engine(self.policy_set)
        except EngineError as exc:
            raise CheckerError([Problem("council-check", "engine", str(exc))], EXIT_INPUT) from None

    # ------------------------------------------------------------------ stages

    def read(self, path: Path) -> Proposal:
        from checker.reading import read_proposal

        return read_proposal(path)

    def extract(self, proposal: Proposal, scope: tuple[int, int] | None = None) -> dict[str, Fact]:
        from checker.extraction import extract_facts

        return extract_facts(proposal, self.policy_set.context, scope=scope)

    def prepare(self, path: Path, declared: dict[str, Fact] | None = None) -> Prepared:
        """Read a proposal document or a facts file and establish its facts."""
        suffix = path.suffix.lower()
        if suffix in FACTS_SUFFIXES:
            from checker.factsfile import parse_facts, read_facts_bytes

            raw = read_facts_bytes(path)  # read once: the hash describes exactly the bytes that were parsed
            facts, meta = parse_facts(raw, str(path), self.policy_set.context)
            if declared:
                facts = {**facts, **declared}
            return Prepared(facts, None, meta, hashlib.sha256(raw).hexdigest(), path.name, [])
        if suffix not in TEXT_SUFFIXES:
            raise InputError(
                str(path),
                f"okänt filformat {suffix or '(inget)'} – tillåtna: .txt, .md, .docx, .pdf "
                "(motioner) och .yaml, .yml, .json (faktafiler)",
            )
        proposal = self.read(path)
        return self.prepare_proposal(proposal, declared)

    def prepare_proposal(self, proposal: Proposal, declared: dict[str, Fact] | None = None) -> Prepared:
        extracted = self.extract(proposal)
        facts = merge_declared(extracted, declared)
        per_sats: list[tuple[int, str, dict[str, Fact]]] = []
        if len(proposal.att_satser) > 1:
            # A declared fact is about the whole motion. Where it corrects what was extracted, the
            # correction holds for each att-sats too; where it only repeats the extracted whole-motion
            # value (an unedited facts file), each att-sats keeps its own reading.
            corrections = {n: f for n, f in (declared or {}).items() if not _same(extracted.get(n), f)}
            for sats in proposal.att_satser:
                scoped = merge_declared(self.extract(proposal, scope=(sats.start, sats.end)), corrections)
                per_sats.append((sats.number, sats.text, scoped))
        from pathlib import PurePath

        return Prepared(facts, proposal, {}, proposal.sha256, PurePath(proposal.path).name, per_sats)

    def verdict(self, prepared: Prepared, *, as_of: dt.date, lang: str = "sv") -> Verdict:
        from checker.verdict import build_verdict

        return build_verdict(
            self.policy_set,
            self.engine,
            prepared.facts,
            as_of=as_of,
            lang=lang,
            proposal=prepared.proposal,
            proposal_meta=prepared.meta,
            input_sha256=prepared.input_sha256,
            input_name=prepared.input_name,
            att_sats_facts=prepared.att_sats_facts,
        )

    def check(
        self, path: Path, *, as_of: dt.date, lang: str = "sv", declared: dict[str, Fact] | None = None
    ) -> Verdict:
        """Check one file (a motion document or a facts file) and return its verdict."""
        return self.verdict(self.prepare(path, declared), as_of=as_of, lang=lang)

    def check_text(self, text: str, *, as_of: dt.date, lang: str = "sv", name: str = "motion.txt") -> Verdict:
        """Check a motion given as text (for systems that embed the checker)."""
        from checker.reading import parse_text

        proposal = parse_text(text, path=name, fmt="txt", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        return self.verdict(self.prepare_proposal(proposal), as_of=as_of, lang=lang)


def merge_declared(extracted: dict[str, Fact], declared: dict[str, Fact] | None) -> dict[str, Fact]:
    """Declared facts override extracted ones; a declared value equal to the extracted one keeps its evidence.

    Equal means the same value in the facts file's own form (lists as sets, places by their fields), so
    a facts file written by ``extract --format yaml`` and passed back unedited changes no byte of the
    verdict: every fact stays as extracted, with its evidence, and nothing is marked declared.
    """
    if not declared:
        return extracted
    facts = dict(extracted)
    for name, fact in declared.items():
        if _same(facts.get(name), fact):
            continue
        facts[name] = fact.model_copy(update={"source": "declared"})
    return facts


def _same(found: Fact | None, declared: Fact) -> bool:
    from checker.factsfile import same_value

    if found is None or found.known != declared.known:
        return False
    return not found.known or same_value(found.value, declared.value)
