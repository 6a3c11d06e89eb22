"""Benchmarks for council-checker (a script, never a timed test). Prints a Markdown report.

    .venv/bin/python benchmarks/bench.py            # everything (a few minutes on 2 cores)
    .venv/bin/python benchmarks/bench.py --quick    # smaller counts, for a first look

Measures, on this machine:
1. cold single `check` wall time (fresh process, median of N) beside a bare
   `python -c "import pydantic, click, jsonschema, yaml, durable.lang"`;
2. warm per-motion time split by stage: read, extract, engine, verdict, render;
3. batch throughput over generated motions with --jobs 1 and --jobs 2 (the CLI, end to end),
   with the peak resident memory of the largest process;
4. resident memory over many checks in one process (durable-rules sessions must never pile up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOTION = ROOT / "examples" / "solna-taiwan-2025" / "motion.txt"
AS_OF = dt.date(2025, 8, 14)
BIN = Path(sys.executable).parent


def cold(n: int) -> dict[str, float]:
    """Median wall and CPU time of fresh processes, the three commands interleaved round by round (side by
    side in one run: the machine's load at the moment falls on all of them alike)."""
    cmds = {
        "bare_import": [sys.executable, "-c", "import pydantic, click, jsonschema, yaml, durable.lang"],
        "cold_check": [str(BIN / "council-check"), "check", str(MOTION), "--as-of", AS_OF.isoformat()],
        "cold_check_json": [
            *(str(BIN / "council-check"), "check", str(MOTION), "--as-of", AS_OF.isoformat(), "--format", "json")
        ],
    }
    subprocess.run(cmds["cold_check"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    wall: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(n):
        for name, cmd in cmds.items():
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
            wall[name].append(time.perf_counter() - t)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    out = {f"{k}_s": statistics.median(v) for k, v in wall.items()}
    out.update({f"{k}_cpu_s": statistics.median(v) for k, v in cpu.items()})
    out["ratio"] = out["cold_check_s"] / out["bare_import_s"]
    out["ratio_cpu"] = out["cold_check_cpu_s"] / out["bare_import_cpu_s"]
    out["load_average"] = os.getloadavg()[0]
    return out


def calibration(n: int = 5) -> float:
    """Median CPU milliseconds of a fixed pure-Python workload (no checker code): the speed of this
    machine at the moment. This virtual machine's speed differs from day to day (by up to 2.5× seen
    here), so figures of two days compare only through this line."""
    times = []
    for _ in range(n):
        t = time.process_time()
        d: dict[int, int] = {}
        for i in range(1_000_000):
            d[i & 1023] = d.get(i & 1023, 0) + i
        "".join(str(v) for v in d.values()).lower().split("1")
        times.append(time.process_time() - t)
    return statistics.median(times) * 1000


# --------------------------------------------------------------------------- generated motions

TOWNS = [
    "Växjö",
    "Umeå",
    "Lund",
    "Gävle",
    "Örebro",
    "Huddinge",
    "Kiruna",
    "Borås",
    "Uppsala",
    "Solna",
    "Luleå",
    "Sundsvall",
    "Västerås",
    "Norrtälje",
    "Karlstad",
    "Kalmar",
    "Falun",
    "Nacka",
]
PARTIES = [
    ("Anna Berg", "S"),
    ("Per Lind", "M"),
    ("Sara Ek", "C"),
    ("Omar Said", "V"),
    ("Lena Holm", "KD"),
    ("Johan Ström", "L"),
    ("Eva Nyberg", "MP"),
    ("Nils Åberg", "SD"),
]
PARTNERS = [
    "Tartu i Estland",
    "Gladsaxe",
    "Kisumu i Kenya",
    "Tainan i Taiwan",
    "Gdańsk i Polen",
    "Pirkkala",
    "Kaunas i Litauen",
    "Nairobi",
    "Lviv i Ukraina",
    "Porto i Portugal",
    "Burbank i USA",
    "Riga",
]
THEMES = [
    "klimatanpassning och dagvatten",
    "äldreomsorg och välfärdsteknik",
    "kompetensförsörjning i vården",
    "skolutbyte för gymnasieelever",
    "hantering av desinformation",
    "kultur och konst",
    "avfallshantering",
    "integration av nyanlända",
]
ASKS = [
    "att kommunstyrelsen får i uppdrag att inleda ett tidsbegränsat projekt med {p} om {t} under 2026–2027",
    "att kommunen ingår ett vänortsavtal med {p}",
    "att kommunstyrelsen får i uppdrag att utreda ett partnerskap med {p} inom {t}",
    "att kommunfullmäktige uttalar sitt stöd för folket i {p} och fördömer angreppen mot dem",
    "att kommunen skänker överbliven utrustning till {p}",
    "att kommunen förlänger öppettiderna på biblioteket och inrättar en ny lekplats vid skolan",
    "att kommunen inför gratis parkering för boende i centrum",
]
BODY = [
    "Vi menar att {town} har mycket att vinna på att lära av andra kommuner.",
    "Våra invånare och vår personal skulle få ny kunskap inom {t}.",
    "Samarbetet skulle stärka det lokala näringslivet och ge elever nya erfarenheter.",
    "Kommunen har länge arbetat med frågor om {t} och behöver nya idéer.",
    "Internationella utbyten ger perspektiv som gynnar hela kommunen.",
]


def generate(folder: Path, n: int, seed: int = 2026) -> list[Path]:
    """n deterministic, varied motions (mixed verdicts, 1–3 att-satser), written as .txt files."""
    rnd = random.Random(seed)
    paths = []
    for i in range(n):
        town, (name, party) = rnd.choice(TOWNS), rnd.choice(PARTIES)
        t, p = rnd.choice(THEMES), rnd.choice(PARTNERS)
        body = " ".join(rnd.choice(BODY).format(town=town, t=t) for _ in range(rnd.randint(3, 8)))
        asks = [rnd.choice(ASKS).format(p=p, t=t) for _ in range(rnd.randint(1, 3))]
        text = (
            f"Motion om samarbete kring {t}\n\n{body}\n\n{body}\n\nJag föreslår därför kommunfullmäktige "
            f"besluta\n\n" + "\n".join(f"- {a}" for a in asks) + f"\n\n{town} den 3 mars 2025\n\n"
            f"{name} ({party})\n"
        )
        path = folder / f"motion-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def warm_stages(files: list[Path], rounds: int) -> dict[str, float]:
    from checker.api import Checker
    from checker.render.jsonout import render_json
    from checker.verdict import build_verdict, derive_facts

    checker = Checker("solna")  # CPU time (time.process_time): what other processes run does not count
    for f in files[:20]:
        checker.check(f, as_of=AS_OF)
    totals = dict.fromkeys(("read", "extract", "engine", "verdict", "render"), 0.0)
    count = 0
    for _ in range(rounds):
        for f in files:
            t0 = time.process_time()
            proposal = checker.read(f)
            t1 = time.process_time()
            prepared = checker.prepare_proposal(proposal)
            t2 = time.process_time()
            for facts in [prepared.facts, *(sf for _, _, sf in prepared.att_sats_facts)]:
                checker.engine.evaluate(derive_facts(facts, AS_OF))
            t3 = time.process_time()
            verdict = build_verdict(
                checker.policy_set,
                checker.engine,
                prepared.facts,
                as_of=AS_OF,
                proposal=proposal,
                att_sats_facts=prepared.att_sats_facts,
            )
            t4 = time.process_time()
            render_json(verdict)
            t5 = time.process_time()
            totals["read"] += t1 - t0
            totals["extract"] += t2 - t1
            totals["engine"] += t3 - t2
            totals["verdict"] += max(0.0, (t4 - t3) - (t3 - t2))  # build_verdict minus its engine calls
            totals["render"] += t5 - t4
            count += 1
    out = {k: v / count * 1000 for k, v in totals.items()}
    out["total_ms"] = sum(out.values())
    return out


def batch(folder: Path, n_files: int, jobs: int) -> dict[str, float]:
    out_file = folder.parent / f"out-{jobs}.jsonl"
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"rc = subprocess.run([{str(BIN / 'council-check')!r}, 'check', {str(folder)!r}, '--format', 'jsonl', "
        f"'--as-of', '{AS_OF.isoformat()}', '--jobs', '{jobs}'], stdout=open({str(out_file)!r}, 'wb')).returncode\n"
        "el = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(el, u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    elapsed, maxrss_kb, cpu = res.stdout.split()
    lines = out_file.read_bytes().count(b"\n")
    return {
        "jobs": jobs,
        "motions": lines,
        "seconds": float(elapsed),
        "per_second": n_files / float(elapsed),
        # CPU seconds of every process of the batch: the rate an idle machine gives per core, whatever
        # else is running while the benchmark runs
        "cpu_seconds": float(cpu),
        "per_cpu_second": n_files / float(cpu),
        "load_average": os.getloadavg()[0],
        "peak_rss_mb_largest_process": int(maxrss_kb) / 1024,
        "output": str(out_file),
    }


def memory(files: list[Path], total: int) -> list[tuple[int, float]]:
    from checker.api import Checker

    def rss_mb() -> float:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024

    from checker.batch import settle_gc

    checker = Checker("solna")
    samples = [(0, rss_mb())]
    for i in range(1, total + 1):
        checker.check(files[i % len(files)], as_of=AS_OF)
        if i == 1:
            settle_gc()  # as a batch does after its first check
        if i % (total // 10) == 0:
            samples.append((i, rss_mb()))
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()
    n_cold, n_batch, n_mem, rounds = (5, 400, 2000, 1) if args.quick else (15, 2000, 10000, 3)
    tmp = Path(tempfile.mkdtemp(prefix="cc-bench-"))
    try:
        folder = tmp / "motions"
        folder.mkdir()
        files = generate(folder, n_batch)
        report: dict[str, object] = {
            "date": dt.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "calibration_ms": calibration(),
            "cold": cold(n_cold),
            "warm_ms_per_motion": warm_stages(files[:200], rounds),
        }
        report["batch"] = [batch(folder, n_batch, 1), batch(folder, n_batch, 2)]
        # digests, not the outputs themselves: holding 2 × 50 MB would inflate the memory figure below
        outs = [hashlib.sha256(Path(b["output"]).read_bytes()).hexdigest() for b in report["batch"]]  # type: ignore[index, union-attr]
        report["jobs_identical"] = outs[0] == outs[1]
        report["memory_mb"] = memory(files, n_mem)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    c = report["cold"]
    w = report["warm_ms_per_motion"]
    print(f"# council-checker benchmark, {report['date']} ({report['machine']})\n")
    print("| measure | value |\n| --- | --- |")
    print(f"| machine speed: fixed pure-Python workload (median of 5, CPU) | {report['calibration_ms']:.0f} ms |")
    print(
        f"| bare import of the stack (median) | {c['bare_import_s'] * 1000:.0f} ms wall, "  # type: ignore[index]
        f"{c['bare_import_cpu_s'] * 1000:.0f} ms CPU |"  # type: ignore[index]
    )
    print(
        f"| cold `check` of the founding motion, text report (median) | {c['cold_check_s'] * 1000:.0f} ms wall "  # type: ignore[index]
        f"({c['ratio']:.2f}× the bare import), {c['cold_check_cpu_s'] * 1000:.0f} ms CPU "  # type: ignore[index]
        f"({c['ratio_cpu']:.2f}×); load average {c['load_average']:.1f} |"  # type: ignore[index]
    )
    print(
        f"| cold `check --format json` (median) | {c['cold_check_json_s'] * 1000:.0f} ms wall, "  # type: ignore[index]
        f"{c['cold_check_json_cpu_s'] * 1000:.0f} ms CPU |"  # type: ignore[index]
    )
    print("| warm per motion: " + ", ".join(f"{k} {v:.2f} ms" for k, v in w.items()) + " | |")  # type: ignore[union-attr]
    for b in report["batch"]:  # type: ignore[attr-defined]
        print(
            f"| batch of {b['motions']} motions, --jobs {b['jobs']} | {b['per_second']:.0f} motions/s "
            f"({b['seconds']:.1f} s wall; {b['per_cpu_second']:.0f} motions per CPU second; load average "
            f"{b['load_average']:.1f}), peak RSS of the largest process {b['peak_rss_mb_largest_process']:.0f} MB |"
        )
    print(f"| --jobs 2 output identical to --jobs 1 | {report['jobs_identical']} |")
    mem = report["memory_mb"]
    print(f"| RSS over {mem[-1][0]} checks in one process | " + " → ".join(f"{m:.1f}" for _, m in mem) + " MB |")  # type: ignore[index]
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
