"""20 concurrent API requests against a live `council-check serve` give the same verdicts as sequential ones."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("uvicorn", reason="the [web] extra is not installed")

from .conftest import EXAMPLES
from .web_live import live_server

MOTIONS = sorted(p for p in EXAMPLES.glob("*/motion.txt"))


def post(base: str, text: str) -> tuple[int, bytes]:
    body = json.dumps({"text": text, "as_of": "2025-08-14"}).encode()
    req = urllib.request.Request(f"{base}/api/v1/check", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, r.read()


def test_twenty_concurrent_requests_give_the_sequential_verdicts() -> None:
    assert len(MOTIONS) >= 2
    texts = [MOTIONS[i % len(MOTIONS)].read_text(encoding="utf-8") for i in range(20)]
    with live_server() as base:
        sequential = [post(base, t) for t in texts]
        with ThreadPoolExecutor(max_workers=20) as pool:
            concurrent = list(pool.map(lambda t: post(base, t), texts))
    assert all(status == 200 for status, _ in sequential + concurrent)
    assert [body for _, body in concurrent] == [body for _, body in sequential]
    assert len({body for _, body in sequential}) == len(set(texts))
