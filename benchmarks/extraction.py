"""The extraction stage alone: its CPU time per motion, its profile, and a digest of everything it outputs.

    .venv/bin/python benchmarks/extraction.py time [--n 400] [--rounds 3]
    .venv/bin/python benchmarks/extraction.py profile [--n 400]
    .venv/bin/python benchmarks/extraction.py digest [--n 2000]
    .venv/bin/python benchmarks/extraction.py compare OTHER_TREE [--n 400] [--pairs 3]

``time`` reads every motion first (outside the clock), then times ``prepare_proposal`` (every
``extract_facts`` pass and the action reading) with time.process_time, best of the rounds, for the
generated motions (benchmarks/bench.py's ``generate``) and for the corpus motions (tests/corpus/*.txt).
``digest`` hashes the facts of every pass, the action readings and the JSON verdict of 2,000 generated
motions and every .txt/.md under tests/: two trees with the same digest give the same output.
``compare`` runs ``time`` in this tree and in OTHER_TREE (a checkout of another commit) in turns, in
fresh processes, so the machine's load falls on both alike.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2025, 8, 14)


def _motions(n: int) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import generate

    folder = Path(tempfile.gettempdir()) / f"cc-extraction-{n}"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
        folder.mkdir(exist_ok=True)
        generate(folder, n)
    return sorted(folder.glob("*.txt"))


def _corpus() -> list[Path]:
    return sorted((ROOT / "tests" / "corpus").glob("*.txt"))


def _time(n: int, rounds: int) -> dict[str, float]:
    from checker.api import Checker
    from checker.batch import settle_gc

    checker = Checker("solna")
    out: dict[str, float] = {}
    for name, files in (("generated", _motions(n)), ("corpus", _corpus())):
        proposals = []
        for f in files:
            try:
                proposals.append(checker.read(f))
            except Exception:
                continue
        for p in proposals[:50]:
            checker.prepare_proposal(p)
        settle_gc()  # as a batch worker does after its first check
        best = float("inf")
        for _ in range(rounds):
            t = time.process_time()
            for p in proposals:
                checker.prepare_proposal(p)
            best = min(best, time.process_time() - t)
        out[f"{name}_ms_per_motion"] = best / len(proposals) * 1000
    return out


def _profile(n: int) -> None:
    from checker.api import Checker
    from checker.batch import settle_gc

    checker = Checker("solna")
    files = _motions(n)
    proposals = [checker.read(f) for f in files]
    for p in proposals[:50]:
        checker.prepare_proposal(p)
    settle_gc()
    prof = cProfile.Profile()
    prof.enable()
    for p in proposals[50:]:
        checker.prepare_proposal(p)
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(35)
    stats.sort_stats("cumulative").print_stats(45)


def _sample(n: int, rounds: int) -> None:
    """A sampling profile (every 1 ms of CPU time, ITIMER_PROF): the frames on the stack at each sample,
    with far less distortion than cProfile's per-call cost. Prints self (innermost frame, by line) and
    inclusive counts (by function)."""
    import collections
    import signal

    from checker.api import Checker
    from checker.batch import settle_gc

    checker = Checker("solna")
    proposals = [checker.read(f) for f in _motions(n)]
    for p in proposals[:50]:
        checker.prepare_proposal(p)
    settle_gc()
    own: collections.Counter[str] = collections.Counter()
    lines: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()

    def where(code: object) -> str:
        c = code  # a code object
        return f"{Path(c.co_filename).name}:{c.co_firstlineno}({c.co_name})"  # type: ignore[attr-defined]

    def on_sample(_sig: int, frame: object) -> None:
        f = frame
        if f is None:
            return
        own[where(f.f_code)] += 1  # type: ignore[attr-defined]
        lines[f"{Path(f.f_code.co_filename).name}:{f.f_lineno}"] += 1  # type: ignore[attr-defined]
        seen = set()
        while f is not None:
            w = where(f.f_code)  # type: ignore[attr-defined]
            if w not in seen:
                seen.add(w)
                inclusive[w] += 1
            f = f.f_back  # type: ignore[attr-defined]

    signal.signal(signal.SIGPROF, on_sample)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    for _ in range(rounds):
        for p in proposals[50:]:
            checker.prepare_proposal(p)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    total = sum(own.values())
    for title, counter, k in (("self", own, 40), ("lines", lines, 40), ("inclusive", inclusive, 60)):
        print(f"--- {title} ({total} samples)")
        for name, c in counter.most_common(k):
            print(f"{c / total * 100:6.1f}%  {name}")


def _region(n: int) -> None:
    """Warm, then extract motions 50..n once between two calls of getppid(2): under callgrind with
    --dump-before=getppid the second dump holds exactly the extraction's instructions."""
    from checker.api import Checker
    from checker.batch import settle_gc

    checker = Checker("solna")
    proposals = [checker.read(f) for f in _motions(n)]
    corpus = []
    for f in _corpus():
        try:
            corpus.append(checker.read(f))
        except Exception:
            continue
    for p in proposals[:50] + corpus[:20]:
        checker.prepare_proposal(p)
    settle_gc()
    if os.environ.get("CC_CALLGRIND_ON"):  # loading and warming ran uninstrumented (fast): count from here
        subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    os.getppid()
    for p in proposals[50:]:
        checker.prepare_proposal(p)
    os.getppid()
    for p in corpus:
        checker.prepare_proposal(p)
    os.getppid()
    print(len(corpus))


def _callgrind(tree: Path, n: int) -> dict[str, float]:
    """Instructions per motion of the extraction (generated, then corpus motions) in ``tree``."""
    out = Path(tempfile.mkdtemp(prefix="cc-callgrind-"))
    env = dict(os.environ, PYTHONPATH=str(tree), CC_CALLGRIND_ON="1")
    cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--dump-before=getppid"]
    cmd += [f"--callgrind-out-file={out}/cg.%p", sys.executable, str(Path(__file__).resolve()), "region", "--n", str(n)]
    run = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    n_corpus = int(run.stdout.split()[-1])
    totals = {}
    for f in out.glob("cg.*.*"):  # one dump per getppid call: .1 the instrumentation's start, .2 generated, .3 corpus
        for line in f.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                totals[int(f.name.rsplit(".", 1)[1])] = int(line.split()[1])
                break
    shutil.rmtree(out, ignore_errors=True)
    return {"generated_Ir_per_motion": totals[2] / (n - 50), "corpus_Ir_per_file": totals[3] / n_corpus}


def _digest(n: int) -> str:
    from checker.api import Checker
    from checker.render.jsonout import render_json

    checker = Checker("solna")
    files = _motions(n) + sorted(p for p in (ROOT / "tests").rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    h = hashlib.sha256()
    count = 0
    for f in files:
        h.update(f.name.encode())
        try:
            proposal = checker.read(f)
        except Exception as exc:
            h.update(repr(exc).encode())
            continue
        prepared = checker.prepare_proposal(proposal)
        for facts in [prepared.facts, *(sf for _, _, sf in prepared.att_sats_facts)]:
            for name, fact in facts.items():
                h.update(name.encode())
                h.update(fact.model_dump_json().encode())
        for r in prepared.readings:
            h.update(r.model_dump_json().encode())
        h.update(render_json(checker.verdict(prepared, as_of=AS_OF)).encode())
        count += 1
    return f"{h.hexdigest()} over {count} of {len(files)} files"


def _compare(other: Path, n: int, pairs: int) -> None:
    trees = {"this": ROOT, "other": other.resolve()}
    results: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
    for _ in range(pairs):
        for name, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            cmd = [sys.executable, str(Path(__file__).resolve()), "time", "--n", str(n), "--json"]
            run = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
            results[name].append(json.loads(run.stdout.strip().splitlines()[-1]))
    for name, rows in results.items():
        keys = rows[0].keys()
        print(name, trees[name], {k: round(min(r[k] for r in rows), 3) for k in keys})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=("time", "profile", "sample", "digest", "compare", "region", "callgrind"))
    ap.add_argument("other", nargs="?", type=Path)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.mode == "time":
        res = _time(args.n, args.rounds)
        import checker

        print(json.dumps(res) if args.json else f"{checker.__file__}: {res}")
    elif args.mode == "profile":
        _profile(args.n)
    elif args.mode == "region":
        _region(args.n)
    elif args.mode == "callgrind":
        print(_callgrind(args.other or ROOT, args.n))
    elif args.mode == "sample":
        _sample(args.n, args.rounds)
    elif args.mode == "digest":
        print(_digest(args.n if args.n != 400 else 2000))
    else:
        if args.other is None:
            ap.error("compare needs OTHER_TREE")
        _compare(args.other, args.n, args.pairs)


if __name__ == "__main__":
    main()
