"""Instructions per warm check (read, extract, engine, verdict and jsonl rendering: what a batch worker does
for one input), counted by valgrind's callgrind: the same count for the same code and inputs whatever
else the machine is doing, so two commits compare on a busy or a slow machine alike.

    .venv/bin/python benchmarks/instructions.py [TREE ...] [--n 90] [--warm 30]

Each TREE (default: this checkout) is a checkout of some commit; each is measured in its own process
under callgrind with the same generated motions (benchmarks/bench.py's ``generate``) and the corpus
motions (tests/corpus/*.txt), the parsed-file cache off and PYTHONHASHSEED=0. Loading and the first
``--warm`` checks run uninstrumented; the count covers the checks after them, between two getppid(2)
calls (``--dump-before=getppid``). Prints, per tree, millions of instructions per generated motion and
per corpus motion.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2025, 8, 14)


def _region(n: int, warm: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extraction import _corpus, _motions

    from checker.api import Checker
    from checker.batch import Options, check_one, own_alarm, settle_gc

    opts = Options(profile="solna", as_of=AS_OF, lang="sv", fmt="jsonl")
    checker = Checker("solna")
    own_alarm()
    files = _motions(n)
    corpus = _corpus()
    for f in files[:warm] + corpus[:10]:
        check_one(checker, f, opts, None)
    settle_gc()
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    os.getppid()
    for f in files[warm:]:
        check_one(checker, f, opts, None)
    os.getppid()
    for f in corpus:
        check_one(checker, f, opts, None)
    os.getppid()
    print(len(files) - warm, len(corpus))


def measure(tree: Path, n: int, warm: int) -> tuple[float, float]:
    out = Path(tempfile.mkdtemp(prefix="cc-instructions-"))
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0", COUNCIL_CHECKER_NO_CACHE="1")
    cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--dump-before=getppid"]
    cmd += [f"--callgrind-out-file={out}/cg.%p", sys.executable, str(Path(__file__).resolve()), "--region"]
    cmd += ["--n", str(n), "--warm", str(warm)]
    run = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    n_gen, n_corpus = (int(x) for x in run.stdout.split()[-2:])
    totals: dict[int, int] = {}
    for f in out.glob("cg.*.*"):  # one dump per getppid call: .1 start, .2 generated, .3 corpus
        for line in f.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                totals[int(f.name.rsplit(".", 1)[1])] = int(line.split()[1])
                break
    shutil.rmtree(out, ignore_errors=True)
    return totals[2] / n_gen / 1e6, totals[3] / n_corpus / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("trees", nargs="*", type=Path)
    ap.add_argument("--n", type=int, default=90)
    ap.add_argument("--warm", type=int, default=30)
    ap.add_argument("--region", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.region:
        _region(args.n, args.warm)
        return
    for tree in args.trees or [ROOT]:
        gen, corpus = measure(tree.resolve(), args.n, args.warm)
        print(f"{tree}: {gen:.2f} M instructions per generated motion, {corpus:.2f} M per corpus motion")


if __name__ == "__main__":
    main()
