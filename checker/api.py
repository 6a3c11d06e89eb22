"""The public pipeline: read → extract → (declared facts override) → engine → verdict.

Load the policy set and build the engine once per process (`Checker`), then check any number of
proposals with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine import ConditionTooLarge, Engine, EngineError
from checker.errors import EXIT_INPUT, CheckerError, InputError, Problem, printable
from checker.load import PolicySet, load_policy_set
from checker.models import ActionReading, Fact, Proposal, Verdict

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
    raw_text: str | None = None  # the input text as decoded, which the evidence's input offsets index
    readings: tuple[ActionReading, ...] = ()  # what each att-sats asks (only for a text input)


class Checker:
    """A loaded policy set with its compiled engine. Build once per process; check many proposals."""

    def __init__(self, profile: str | Path = "solna", policy_set: PolicySet | None = None) -> None:
        self.policy_set = policy_set or load_policy_set(profile)
        try:
            self.engine = Engine(self.policy_set)
        except ConditionTooLarge as exc:  # a profile's own rule: its file and rule, one line
            raise CheckerError([Problem(exc.file, exc.field, exc.message)], EXIT_INPUT) from None
        except EngineError as exc:
            raise CheckerError([Problem("council-check", "engine", str(exc))], EXIT_INPUT) from None

    # ------------------------------------------------------------------ stages

    def read(self, path: Path) -> Proposal:
        from checker.reading import read_proposal

        return read_proposal(path)

    def read_with_text(self, path: Path) -> tuple[Proposal, str]:
        """read, and the input's text as decoded (which the evidence's input offsets index), from one read."""
        from checker.reading import read_proposal_text

        return read_proposal_text(path)

    def extract(self, proposal: Proposal, scope: tuple[int, int] | None = None) -> dict[str, Fact]:
        from checker.extraction import extract_facts

        return extract_facts(proposal, self.policy_set.context, scope=scope)

    def read_actions(self, proposal: Proposal) -> tuple[ActionReading, ...]:
        from checker.extraction import read_actions

        return read_actions(proposal, self.policy_set.context)

    def prepare(self, path: Path, declared: dict[str, Fact] | None = None) -> Prepared:
        """Read a proposal document or a facts file and establish its facts."""
        suffix = path.suffix.lower()
        if suffix in FACTS_SUFFIXES:
            from checker.factsfile import parse_facts, read_facts_bytes

            raw = read_facts_bytes(path)  # read once: the hash describes exactly the bytes that were parsed
            facts, meta = parse_facts(raw, printable(path), self.policy_set.context)
            if declared:
                facts = {**facts, **declared}
            return Prepared(facts, None, meta, hashlib.sha256(raw).hexdigest(), printable(path.name), [])
        if suffix not in TEXT_SUFFIXES:
            raise InputError(
                printable(path),
                f"okänt filformat {suffix or '(inget)'} – tillåtna: .txt, .md, .docx, .pdf "
                "(motioner) och .yaml, .yml, .json (faktafiler)",
            )
        proposal, raw_text = self.read_with_text(path)
        return self.prepare_proposal(proposal, declared, raw_text=raw_text)

    def prepare_proposal(
        self, proposal: Proposal, declared: dict[str, Fact] | None = None, *, raw_text: str | None = None
    ) -> Prepared:
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

        readings = self.read_actions(proposal)
        raw = proposal.text if raw_text is None else raw_text
        return Prepared(facts, proposal, {}, proposal.sha256, PurePath(proposal.path).name, per_sats, raw, readings)

    def verdict(self, prepared: Prepared, *, as_of: dt.date, lang: str = "sv") -> Verdict:
        from checker.offsets import with_input_offsets
        from checker.verdict import build_verdict

        verdict = build_verdict(
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
            readings=prepared.readings,
        )
        return with_input_offsets(verdict, prepared.raw_text)

    def check(
        self, path: Path, *, as_of: dt.date, lang: str = "sv", declared: dict[str, Fact] | None = None
    ) -> Verdict:
        """Check one file (a motion document or a facts file) and return its verdict."""
        return self.verdict(self.prepare(path, declared), as_of=as_of, lang=lang)

    def check_text(self, text: str, *, as_of: dt.date, lang: str = "sv", name: str = "motion.txt") -> Verdict:
        """Check a motion given as text (for systems that embed the checker)."""
        from checker.reading import parse_text

        proposal = parse_text(text, path=name, fmt="txt", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        return self.verdict(self.prepare_proposal(proposal, raw_text=text), as_of=as_of, lang=lang)

    def check_bytes(
        self,
        data: bytes,
        name: str,
        *,
        as_of: dt.date,
        lang: str = "sv",
        declared: dict[str, Fact] | None = None,
    ) -> Verdict:
        """Check an upload exactly as `council-check check FILE` checks a file with these bytes and this name.

        The bytes go to a private temporary folder (mode 0700) that is removed before returning.
        """
        with uploaded(data, name) as path:
            return self.check(path, as_of=as_of, lang=lang, declared=declared)


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


def safe_name(name: str) -> str:
    """An upload's file name without folders, so it cannot point outside the temporary folder."""
    from pathlib import PurePosixPath, PureWindowsPath

    base = PureWindowsPath(PurePosixPath(name.replace("\x00", "")).name).name.strip()
    return base if base not in ("", ".", "..") else "motion.txt"


@contextmanager
def uploaded(data: bytes, name: str) -> Iterator[Path]:
    """The bytes as a file with this name in a private temporary folder, removed afterwards."""
    import os
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="council-check-"))  # mode 0700: this process's user only
    path = folder / safe_name(name)
    try:
        path.write_bytes(data)
        yield path
    finally:
        # one file in one folder: removed directly (shutil.rmtree costs milliseconds per call here)
        with suppress(FileNotFoundError):
            os.unlink(path)
        os.rmdir(folder)


def _same(found: Fact | None, declared: Fact) -> bool:
    from checker.factsfile import same_value

    if found is None or found.known != declared.known:
        return False
    return not found.known or same_value(found.value, declared.value)
