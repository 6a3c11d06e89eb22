"""How the cost of one check grows with the size of its input (a script, never a timed test).

    .venv/bin/python benchmarks/scaling.py                  # every shape, up to 2 MB (minutes)
    .venv/bin/python benchmarks/scaling.py --quick          # smaller sizes, for a first look
    .venv/bin/python benchmarks/scaling.py --shape huge-sentence --max-chars 200000

Shapes (each a motion with a title, a body, an introducing sentence, att-satser and a signature):
- `realistic`: body paragraphs taken in turn from the development corpus (tests/corpus), 1 KB → 2 MB
  (the reader's limit is 2 million characters);
- `huge-sentence`: one sentence without a full stop, of corpus words joined by commas;
- `att-satser`: 10 → 1,000 att-satser, each a different realistic request;
- `spaced-stops`: short sentences each followed by many spaces (a hostile layout);
- `long-token`: one token of up to 50,000 letters in an ordinary motion.

Each stage is timed in CPU seconds (time.process_time, best of --repeat runs, each of a text that
differs by trailing spaces, so that no run reuses the analysis the checker keeps of its last
motion): read (decode and structure, from a file), extract (whole motion), per-att-sats
(extraction for each att-sats), verdict (engine and reasoning) and render (JSON). For each shape
and stage the growth exponent k in cost ≈ c·size^k is fitted by least squares on log–log over the
sizes whose total is at least 20 ms (smaller ones are dominated by constant costs). k ≈ 1 is
linear; 2 is quadratic. A shape stops growing when one check takes longer than --budget seconds,
and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2025, 8, 14)
STAGES = ("read", "extract", "per_att_sats", "verdict", "render")
MAX_CHARS = 2_000_000

TITLE = "Motion om internationellt samarbete\n\n"
INTRO = "\n\nVi föreslår därför kommunfullmäktige besluta\n\n"
SIGNATURE = "\n\nSolna den 3 mars 2025\n\nAnna Berg (S)\n"
ASKS = [
    "att kommunstyrelsen får i uppdrag att utreda ett partnerskap med Tartu i Estland inom klimatanpassning",
    "att kommunen ingår ett vänortsavtal med Kisumu i Kenya",
    "att kommunstyrelsen får i uppdrag att inleda ett tidsbegränsat projekt med Gdańsk om avfallshantering",
    "att kommunfullmäktige uttalar sitt stöd för folket i Ukraina och fördömer angreppen mot dem",
    "att kommunen skänker överbliven utrustning till en skola i Lviv",
    "att kommunen förlänger öppettiderna på biblioteket och inrättar en ny lekplats vid skolan",
    "att kommunen inför gratis parkering för boende i centrum",
    "att kommunen går med i nätverket Eurocities",
]


def corpus_paragraphs() -> list[str]:
    """Body paragraphs of the development corpus: prose with full stops, no att-satser or proposals."""
    skip = re.compile(r"^\s*(?:[-*•]|\d+[.)])?\s*att\s|föreslår|yrkar|hemställer|besluta", re.I | re.M)
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            para = " ".join(para.split())
            if para.count(". ") >= 2 and len(para) > 200 and not skip.search(para):
                out.append(para)
    if not out:
        raise SystemExit("no corpus paragraphs found in tests/corpus")
    return out


def motion(body: str, asks: list[str]) -> str:
    return TITLE + body + INTRO + "\n".join(f"- {a}" for a in asks) + SIGNATURE


def fill(paragraphs: list[str], chars: int, sep: str) -> str:
    parts: list[str] = []
    total = 0
    i = 0
    while total < chars:
        p = paragraphs[i % len(paragraphs)]
        parts.append(p)
        total += len(p) + len(sep)
        i += 1
    return sep.join(parts)[:chars]


def shape_realistic(size: int, paras: list[str]) -> str:
    frame = len(motion("", ASKS[:2]))
    body = fill(paras, max(0, size - frame), "\n\n")
    return motion(body.rsplit(".", 1)[0] + ".", ASKS[:2])


def shape_huge_sentence(size: int, paras: list[str]) -> str:
    words = [w.strip('.,;:!?()"”') for p in paras for w in p.split()]
    words = [w.lower() for w in words if w]
    frame = len(motion("", ASKS[:2]))
    out: list[str] = []
    total, i = 0, 0
    while total < size - frame:
        w = words[i % len(words)]
        out.append(w)
        total += len(w) + 2
        i += 1
    return motion("Vi menar att " + ", ".join(out) + ".", ASKS[:2])


def shape_att_satser(count: int, paras: list[str]) -> str:
    asks = [f"{ASKS[i % len(ASKS)]} (punkt {i + 1})" for i in range(count)]
    return motion(paras[0] + "\n\n" + paras[1], asks)


def shape_spaced_stops(size: int, paras: list[str]) -> str:
    sentence = "Detta är viktigt." + " " * 40
    frame = len(motion("", ASKS[:2]))
    return motion(sentence * max(1, (size - frame) // len(sentence)), ASKS[:2])


def shape_long_token(size: int, paras: list[str]) -> str:
    return motion(paras[0] + " " + "a" * size + " " + paras[1], ASKS[:2])


SHAPES: dict[str, tuple[Callable[[int, list[str]], str], list[int], list[int], str]] = {
    # name: (builder, sizes, quick sizes, what the size counts)
    "realistic": (
        shape_realistic,
        [1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000, MAX_CHARS],
        [1_000, 4_000, 16_000, 64_000, 256_000],
        "characters",
    ),
    "huge-sentence": (
        shape_huge_sentence,
        [1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000],
        [1_000, 4_000, 16_000, 64_000],
        "characters",
    ),
    "att-satser": (shape_att_satser, [10, 30, 100, 300, 1_000], [10, 30, 100, 300], "att-satser"),
    "spaced-stops": (
        shape_spaced_stops,
        [4_000, 16_000, 64_000, 256_000, 1_000_000],
        [4_000, 16_000, 64_000],
        "characters",
    ),
    "long-token": (shape_long_token, [1_000, 5_000, 20_000, 50_000], [1_000, 5_000, 20_000, 50_000], "letters"),
}


def measure(checker: object, path: Path) -> dict[str, float]:
    from checker.api import Checker
    from checker.render.jsonout import render_json

    assert isinstance(checker, Checker)
    times: dict[str, float] = {}
    t0 = time.process_time()
    proposal = checker.read(path)
    t1 = time.process_time()
    facts = checker.extract(proposal)
    t2 = time.process_time()
    per_sats = []
    if len(proposal.att_satser) > 1:
        for sats in proposal.att_satser:
            per_sats.append((sats.number, sats.text, checker.extract(proposal, scope=(sats.start, sats.end))))
    t3 = time.process_time()
    from checker.api import Prepared

    prepared = Prepared(facts, proposal, {}, proposal.sha256, path.name, per_sats)
    verdict = checker.verdict(prepared, as_of=AS_OF)
    t4 = time.process_time()
    render_json(verdict)
    t5 = time.process_time()
    times["read"], times["extract"], times["per_att_sats"] = t1 - t0, t2 - t1, t3 - t2
    times["verdict"], times["render"] = t4 - t3, t5 - t4
    times["att_satser"] = float(len(proposal.att_satser))
    return times


def fit(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(cost) on log(size)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only this shape (repeatable)")
    ap.add_argument("--max-chars", type=int, default=MAX_CHARS, help="skip sizes above this")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per size (1 above 256 KB)")
    ap.add_argument("--budget", type=float, default=60.0, help="stop a shape after a check this slow (s)")
    args = ap.parse_args()

    from checker.api import Checker

    checker = Checker("solna")
    paras = corpus_paragraphs()
    checker.check_text(motion(paras[0], ASKS[:2]), as_of=AS_OF)  # warm-up: engine, lexicons, gazetteer
    print(
        f"# Scaling, {dt.date.today().isoformat()} ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}); CPU seconds, best of {args.repeat}\n"
    )
    exponents: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="cc-scaling-") as tmp:
        for name in args.shape or list(SHAPES):
            build, sizes, quick_sizes, unit = SHAPES[name]
            print(f"## {name} (size in {unit})\n")
            print("| size | chars | " + " | ".join(STAGES) + " | total |")
            print("| ---: | ---: |" + " ---: |" * (len(STAGES) + 1))
            rows: list[tuple[int, dict[str, float]]] = []
            for size in quick_sizes if args.quick else sizes:
                text = build(size, paras)
                if len(text) > min(args.max_chars, MAX_CHARS):
                    continue
                runs = []
                for r in range(args.repeat if len(text) <= 256_000 else 1):
                    # each run a different text (a trailing line of r spaces): the checker remembers its
                    # last motion's analysis, and a second run of the same text would measure that
                    path = Path(tmp) / f"{name}-{size}-{r}.txt"
                    path.write_text(text + " " * r + "\n", encoding="utf-8")
                    runs.append(measure(checker, path))
                best = {k: min(r[k] for r in runs) for k in runs[0]}
                total = sum(best[s] for s in STAGES)
                rows.append((size, best))
                print(
                    f"| {size:,} | {len(text):,} | "
                    + " | ".join(f"{best[s]:.3f}" for s in STAGES)
                    + f" | {total:.3f} |",
                    flush=True,
                )
                if total > args.budget:
                    print(f"\n(stopped: {total:.1f} s exceeds the budget of {args.budget:.0f} s)")
                    break
            big = [(n, b) for n, b in rows if sum(b[s] for s in STAGES) >= 0.02]
            exps: dict[str, float | None] = {}
            for stage in (*STAGES, "total"):
                pts = [(n, sum(b[s] for s in STAGES) if stage == "total" else b[stage]) for n, b in big]
                # a stage too cheap to measure (under 5 ms at the largest size) has no meaningful slope
                exps[stage] = fit(pts) if pts and max(t for _, t in pts) >= 0.005 else None
            exponents[name] = exps
            print(
                "\ngrowth exponent: "
                + ", ".join(f"{k} {v:.2f}" if v is not None else f"{k} –" for k, v in exps.items())
                + "\n",
                flush=True,
            )
    print("## Summary: fitted growth exponent of the total\n")
    for name, exps in exponents.items():
        value = exps["total"]
        print(f"- {name}: {value:.2f}" if value is not None else f"- {name}: –")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
