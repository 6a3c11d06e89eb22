"""Latency of `council-check serve` (a script, never a timed test): p50/p95 per endpoint, sequential and concurrent.

    .venv/bin/python benchmarks/web_latency.py            # 200 requests per measurement
    .venv/bin/python benchmarks/web_latency.py -n 50      # a first look

Starts a real server on 127.0.0.1 (a free port), sends the founding motion, and stops the server.
Only loopback traffic; the number of requests is bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOTION = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def timed(req: urllib.request.Request) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
        assert r.status == 200
    return (time.perf_counter() - t0) * 1000


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200, help="requests per measurement")
    args = ap.parse_args()
    text = MOTION.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    body = json.dumps({"text": text, "as_of": "2025-08-14"}).encode()
    form = urllib.parse.urlencode({"text": text.replace("\n", "\r\n"), "as_of": "2025-08-14"}).encode()
    requests = {
        "POST /api/v1/check (JSON)": lambda: urllib.request.Request(
            f"{base}/api/v1/check", data=body, headers={"Content-Type": "application/json"}
        ),
        "POST /granska (the page)": lambda: urllib.request.Request(
            f"{base}/granska", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        "GET /api/v1/healthz": lambda: urllib.request.Request(f"{base}/api/v1/healthz"),
    }
    proc = start(port)
    rows = []
    try:
        for name, make in requests.items():
            for _ in range(5):
                timed(make())  # warm-up
            seq = [timed(make()) for _ in range(args.n)]
            with ThreadPoolExecutor(max_workers=8) as pool:
                conc = list(pool.map(lambda _i, m=make: timed(m()), range(args.n)))
            rows.append((name, seq, conc))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(
        f"web latency, {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.n} requests each, founding motion ({len(text)} characters), "
        f"load average {os.getloadavg()[0]:.1f} at the end\n"
    )
    print("| request | sequential p50 | p95 | 8 concurrent clients p50 | p95 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, seq, conc in rows:
        print(
            f"| {name} | {statistics.median(seq):.1f} ms | {pct(seq, 95):.1f} ms "
            f"| {statistics.median(conc):.1f} ms | {pct(conc, 95):.1f} ms |"
        )


if __name__ == "__main__":
    main()
