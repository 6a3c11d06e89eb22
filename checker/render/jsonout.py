"""The stable JSON contract (checker/schemas/verdict.schema.json). Same verdict, same bytes."""

from __future__ import annotations

import json
from typing import Any

from checker.models import Verdict


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
    return verdict.model_dump_json_bytes(indent=indent) + b"\n"
