"""A longer fuzzing run than CI's: the targets of tests/test_fuzz.py with many more (random) examples, and
the CLI on folders of mutated files. Prints the inputs tried per target and the crashes found (an
exception other than a user-facing error, a line that is not one line, an exit code outside the
documented ones, or an input over the time bound). The README quotes its last figures.

    python scripts/fuzz.py --examples 500 --cli-batches 20
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cli_batches(count: int, seed: int) -> tuple[int, list[str]]:
    from tests.fuzzing import docx_seed, pdf_seed, txt_seed

    seeds = {".docx": docx_seed(), ".pdf": pdf_seed(), ".txt": txt_seed(), ".md": txt_seed()}
    rng = random.Random(seed)
    tried, crashes = 0, []
    for batch in range(count):
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            for i in range(24):
                suffix = list(seeds)[i % 4]
                data = bytearray(seeds[suffix])
                for _ in range(rng.randint(1, 12)):
                    kind = rng.random()
                    if kind < 0.6:
                        data[rng.randrange(len(data))] = rng.randrange(256)
                    elif kind < 0.8:
                        del data[rng.randrange(len(data)) :]
                    else:
                        at = rng.randrange(len(data))
                        data[at:at] = os.urandom(rng.randint(1, 32))
                    if not data:
                        data = bytearray(b"x")
                (folder / f"m{i:02d}{suffix}").write_bytes(bytes(data))
            proc = subprocess.run(
                [sys.executable, "-m", "checker", "check", str(folder), "--format", "jsonl", "--as-of", "2025-08-14"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=900,
                check=False,
            )
            tried += 24
            bad = proc.returncode not in (0, 1, 3, 4) or "Traceback" in proc.stderr or "internt fel" in proc.stderr
            if bad or len(proc.stdout.splitlines()) != 24:
                crashes.append(f"cli batch {batch}: exit {proc.returncode}: {proc.stderr[-500:]}")
    return tried, crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=300, help="examples per target (default 300)")
    parser.add_argument("--cli-batches", type=int, default=10, help="CLI runs on 24 mutated files each")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    os.environ["COUNCIL_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ.setdefault("COUNCIL_CHECKER_NO_CACHE", "1")

    import tests.test_fuzz as targets
    from tests.fuzzing import OUTCOMES, TRIED

    started = time.time()
    crashes: list[str] = []
    names = [n for n in dir(targets) if n.startswith("test_fuzz_") and "cli" not in n]
    for name in names:
        try:
            getattr(targets, name)()
        except Exception:
            crashes.append(f"{name}:\n{traceback.format_exc()}")
        print(f"{name}: {sum(TRIED.values())} inputs so far", flush=True)
    cli_tried, cli_crashes = cli_batches(args.cli_batches, args.seed)
    crashes += cli_crashes
    total = sum(TRIED.values()) + cli_tried
    for crash in crashes:
        print(crash, file=sys.stderr)
    per_target = ", ".join(
        f"{k} {v} ({OUTCOMES[k, 'ok']} ok, {OUTCOMES[k, 'error']} one-line errors)" for k, v in sorted(TRIED.items())
    )
    print(f"targets: {per_target}, cli {cli_tried}")
    print(f"inputs tried: {total}; crashes: {len(crashes)}; seed {args.seed}; {time.time() - started:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
