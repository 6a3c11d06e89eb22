"""The stable JSON contract (checker/schemas/verdict.schema.json). Same verdict, same bytes."""

from __future__ import annotations

import json
from typing import Any

from checker.models import Citation, Verdict, built_serializer


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    data: dict[str, Any] = verdict.model_dump(mode="json")
    return data


def render_json(verdicts: list[Verdict] | Verdict, *, indent: int | None = 2) -> str:
    """One verdict gives one object; a list gives an array."""
    if isinstance(verdicts, Verdict) and indent == 2:
        return verdicts.model_dump_json(indent=2) + "\n"  # same bytes as json.dumps(indent=2), faster
    if isinstance(verdicts, Verdict):
        payload: Any = verdict_dict(verdicts)
    else:
        payload = [verdict_dict(v) for v in verdicts]
    return json.dumps(payload, ensure_ascii=False, indent=indent) + "\n"


def render_jsonl_line(verdict: Verdict) -> str:
    # pydantic's serializer gives the same bytes as json.dumps(separators=(",", ":"), ensure_ascii=False)
    # (checked in tests/test_contract.py) at a third of the cost
    return verdict.model_dump_json() + "\n"


def render_json_bytes(verdict: Verdict, *, indent: int | None = 2) -> bytes:
    """render_json (indent 2) or render_jsonl_line (indent None) of one verdict, as UTF-8 bytes:
    a batch writes bytes, and a piece that stays bytes is never decoded and encoded again."""
    return _verdict_json(verdict, indent) + b"\n"


# Citations are most of a verdict's bytes (the quoted clauses), and each rule's citations are one tuple
# shared by every verdict of the same policy set and date (checker.verdict.citations_on). Their JSON is
# kept per tuple (the entry holds the tuple, so its id() stays its own), taken from the first verdict that
# has it; later verdicts are written without their citations and the kept texts put in their places.
_CITED: dict[tuple[int | None, int], tuple[tuple[Citation, ...], bytes]] = {}
CITED_CAP = 4096


def _marker(indent: int | None) -> bytes:
    """An empty citations field as the serializer writes it (the same at any depth)."""
    return b'"citations":[]' if indent is None else b'"citations": []'


def _verdict_json(verdict: Verdict, indent: int | None) -> bytes:
    """verdict.model_dump_json_bytes(indent=indent), the citations' texts spliced in where they are kept.

    The verdict is written with its findings' citations left out (pydantic's exclude), and each finding's
    citations field put back before its evidence field, the finding's next: `"evidence":` is a key, and
    keys occur nowhere else in the text (within a string every quote is escaped). Every finding, fact and
    reading has that key, once; when the text has it that many times (in that order: findings, facts,
    readings), the first ones are the findings'; otherwise the verdict is written whole."""
    findings = verdict.findings
    kept = []
    for f in findings:
        found = _CITED.get((indent, id(f.citations))) if f.citations else None
        if f.citations and (found is None or found[0] is not f.citations):
            return _learn(verdict, indent)
        kept.append(found[1] if found is not None else _marker(indent))
    serializer = built_serializer(Verdict)
    if serializer is None:  # the first few verdicts of a process: written as the standard library does
        return _spliced(verdict, indent, kept)
    parts = serializer.dump_json(verdict, indent=indent, exclude=_NO_CITATIONS).split(_EVIDENCE)
    if len(parts) != len(findings) + len(verdict.facts) + len(verdict.readings) + 1:
        return verdict.model_dump_json_bytes(indent=indent)
    out = [parts[0]]
    for i, text in enumerate(kept):
        before = parts[i]
        out.append(text)
        out.append(b"," if indent is None else b"," + before[before.rfind(b"\n") :])  # as before "evidence"
        out.append(_EVIDENCE)
        out.append(parts[i + 1])
    for part in parts[len(findings) + 1 :]:  # the facts' and readings' evidence, as written
        out.append(_EVIDENCE)
        out.append(part)
    return b"".join(out)


_NO_CITATIONS = {"findings": {"__all__": {"citations"}}}
_EVIDENCE = b'"evidence":'


def _spliced(verdict: Verdict, indent: int | None, kept: list[bytes]) -> bytes:
    """The verdict written without its findings' citations (each field empty: `"citations":[]`, once per
    finding, in order: a text that occurs nowhere else, which the count confirms), the kept texts put in
    their places; otherwise the verdict written whole."""
    findings = verdict.findings
    bare = verdict.model_copy(update={"findings": tuple(f.model_copy(update={"citations": ()}) for f in findings)})
    parts = bare.model_dump_json_bytes(indent=indent).split(_marker(indent))
    if len(parts) != len(findings) + 1:
        return verdict.model_dump_json_bytes(indent=indent)
    out = [parts[0]]
    for text, part in zip(kept, parts[1:], strict=True):
        out.append(text)
        out.append(part)
    return b"".join(out)


def _learn(verdict: Verdict, indent: int | None) -> bytes:
    """The verdict written whole; its citations' texts kept (read off it between the pieces of the same
    verdict written without them: each is what lies between two consecutive pieces)."""
    whole = verdict.model_dump_json_bytes(indent=indent)
    findings = verdict.findings
    bare = verdict.model_copy(update={"findings": tuple(f.model_copy(update={"citations": ()}) for f in findings)})
    parts = bare.model_dump_json_bytes(indent=indent).split(_marker(indent))
    if len(parts) != len(findings) + 1 or not whole.startswith(parts[0]):
        return whole
    at = len(parts[0])
    head = _marker(indent)[:-1]  # '"citations":[' (or with a space): how each kept text starts
    texts: list[bytes] = []
    for part in parts[1:]:
        # a piece starts with the field after citations ("evidence"), a key no citation has: its first
        # occurrence after the citations' start is where they end
        end = whole.find(part, at) if part else -1
        if end < 0:
            return whole
        text = whole[at:end]
        if not (text.startswith(head) and text.endswith(b"]")):
            return whole
        texts.append(text)
        at = end + len(part)
    if at != len(whole) or b"".join(x for pair in zip(parts, [*texts, b""], strict=True) for x in pair) != whole:
        return whole
    if len(_CITED) >= CITED_CAP:
        _CITED.clear()
    for f, text in zip(findings, texts, strict=True):
        if f.citations:
            _CITED[(indent, id(f.citations))] = (f.citations, text)
    return whole
