"""Inclusive and exclusive CPU time of chosen extraction functions (wrapped with time.process_time), per
motion: a coarse, low-distortion breakdown (cProfile's per-call cost inflates small functions).

    .venv/bin/python benchmarks/stage_timer.py [--n 400] [--rounds 2] module:function ...
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT = [
    "checker.extraction:extract_facts",
    "checker.extraction:build_doc",
    "checker.extraction:find_mentions",
    "checker.extraction:_classify_places",
    "checker.extraction:classify",
    "checker.extraction.lexicon:_match_document",
    "checker.extraction:read_actions",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("targets", nargs="*")
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    from extraction import _motions

    from checker.api import Checker
    from checker.batch import settle_gc
    from checker.extraction import extractors

    checker = Checker("solna")
    proposals = [checker.read(f) for f in _motions(args.n)]
    for p in proposals[:50]:
        checker.prepare_proposal(p)
    settle_gc()
    incl: collections.defaultdict[str, float] = collections.defaultdict(float)
    excl: collections.defaultdict[str, float] = collections.defaultdict(float)
    calls: collections.Counter[str] = collections.Counter()
    stack: list[list[float]] = []  # per active wrapped call: time spent in wrapped callees
    clock = time.process_time

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*a: Any, **k: Any) -> Any:
            stack.append([0.0])
            t = clock()
            try:
                return fn(*a, **k)
            finally:
                d = clock() - t
                inner = stack.pop()[0]
                incl[name] += d
                excl[name] += d - inner
                calls[name] += 1
                if stack:
                    stack[-1][0] += d

        return timed

    for target in args.targets or DEFAULT:
        mod_name, _, fn_name = target.partition(":")
        mod = importlib.import_module(mod_name)
        setattr(mod, fn_name, wrap(fn_name, getattr(mod, fn_name)))
    for k, f in list(extractors.EXTRACTORS.items()):
        extractors.EXTRACTORS[k] = wrap(k, f)
    t = clock()
    for _ in range(args.rounds):
        for p in proposals[50:]:
            checker.prepare_proposal(p)
    n = args.rounds * len(proposals[50:])
    print(f"total {(clock() - t) / n * 1000:.3f} ms per motion (timers included)")
    print(f"{'incl ms':>8} {'excl ms':>8} {'calls':>6}")
    for name, v in sorted(incl.items(), key=lambda kv: -kv[1]):
        print(f"{v / n * 1000:8.3f} {excl[name] / n * 1000:8.3f} {calls[name] / n:6.2f} {name}")


if __name__ == "__main__":
    main()
