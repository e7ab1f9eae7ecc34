# SPDX-License-Identifier: MIT
"""bench/run: every figure of the batch benchmark, measured in one run on
the same generated file, printed as rates and ratios (nothing asserted).

    bash bench/run [--cases 20000] [--rounds 3]
"""

import argparse
import os
import pathlib
import resource
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "release"
WORK = REPO / "build" / "bench"
sys.path.insert(0, str(REPO / "bindings" / "python"))
os.environ.setdefault("RUNG_LIBRARY", str(BUILD / "librung.so"))


def generate(what, count=0, seed=1, version=1):
    suffix = "" if version == 1 else f"-v{version}"
    path = WORK / (f"cases-{count}{suffix}.jsonl" if what == "cases" else f"framework{suffix}.json")
    if not path.exists():
        with open(path, "wb") as f:
            subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), what, str(count), "--seed",
                            str(seed), "--version", str(version)], check=True, stdout=f)
    return path


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def peak_rss_mb(cmd):
    """Peak RSS of one child process, measured in a fresh interpreter."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], check=True, capture_output=True, text=True)
    return int(out.stdout) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20000, help="cases in the throughput file")
    ap.add_argument("--rounds", type=int, default=3, help="best of this many runs per figure")
    ap.add_argument("--rss", type=int, nargs=2, default=[10000, 100000], help="the two sizes for peak RSS")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    fw = generate("framework")
    cases = generate("cases", args.cases)
    size_mb = cases.stat().st_size / 1e6
    n = args.cases
    rung = str(BUILD / "rung")
    batch = lambda t, f=cases, w=fw: [rung, "batch", "--no-progress", "--framework", str(w), "--threads", str(t),
                                      str(f)]
    fw2, cases2 = generate("framework", version=2), generate("cases", args.cases, version=2)
    size2_mb = cases2.stat().st_size / 1e6

    # Interleaved rounds, best of each: the machines are shared and noisy.
    best = {"baseline": 1e9, "t1": 1e9, "t2": 1e9, "baseline2": 1e9, "v2": 1e9}
    settings = {}  # the baseline's last output per file: every Boost.JSON setting it timed
    for _ in range(args.rounds):
        for key, path in (("baseline", cases), ("baseline2", cases2)):
            out = subprocess.run([str(BUILD / "bench" / "rung_bench_baseline"), str(path), "--rounds", "1"],
                                 check=True, capture_output=True, text=True).stdout
            floor = next(line for line in out.splitlines() if line.startswith("floor "))
            best[key] = min(best[key], float(floor.split()[3]))
            settings[key] = out
        best["t1"] = min(best["t1"], timed(batch(1)))
        best["t2"] = min(best["t2"], timed(batch(2)))
        best["v2"] = min(best["v2"], timed(batch(1, cases2, fw2)))
    rate = {k: n / v for k, v in best.items()}

    import rung as rung_py  # noqa: E402  (after RUNG_LIBRARY is set)
    engine = rung_py.Engine(fw)
    lines = cases.read_bytes().splitlines()
    py = {"dicts": 1e9, "raw": 1e9, "cli": 1e9}
    for _ in range(args.rounds):
        py["cli"] = min(py["cli"], timed(batch(2)))
        for mode in ("raw", "dicts"):
            t = time.perf_counter()
            count = sum(1 for _ in engine.evaluate_many(lines, threads=2, raw=(mode == "raw"), errors="return"))
            py[mode] = min(py[mode], time.perf_counter() - t)
            assert count == n

    rss = [peak_rss_mb(batch(2, generate("cases", k))) for k in args.rss]

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores, {cpu}")
    print(f"file: {n} generated cases, {size_mb:.1f} MB ({size_mb * 1e3 / n:.1f} KB a case); best of {args.rounds}")
    print("the floor: Boost.JSON alone, each setting on the /1 file (last round); the fastest is the floor")
    for line in settings["baseline"].splitlines():
        if not line.startswith("floor "):
            print(f"  {line}")
    print(f"{'':34}{'cases/s':>10}{'MB/s':>9}   ratio")
    mbs = lambda r: r * size_mb / n
    print(f"{'floor (Boost.JSON parse+write)':34}{rate['baseline']:10,.0f}{mbs(rate['baseline']):9.1f}   1.00")
    print(f"{'rung batch, 1 thread':34}{rate['t1']:10,.0f}{mbs(rate['t1']):9.1f}   "
          f"{rate['t1'] / rate['baseline']:.2f} x floor (target >= 0.5)")
    print(f"{'rung batch, 2 threads':34}{rate['t2']:10,.0f}{mbs(rate['t2']):9.1f}   "
          f"{rate['t2'] / rate['baseline']:.2f} x floor, {rate['t2'] / rate['t1']:.2f} x 1 thread (target >= 1.8)")
    print(f"/2 file: {n} cases against a /2 framework (criteria, a trunk, gates), {size2_mb:.1f} MB")
    print(f"{'floor on the /2 file':34}{rate['baseline2']:10,.0f}{rate['baseline2'] * size2_mb / n:9.1f}   1.00")
    print(f"{'rung batch, 1 thread, /2':34}{rate['v2']:10,.0f}{rate['v2'] * size2_mb / n:9.1f}   "
          f"{rate['v2'] / rate['baseline2']:.2f} x its floor (target >= 0.5)")
    print(f"peak RSS of rung batch: {rss[0]:.1f} MB at {args.rss[0]:,} cases, {rss[1]:.1f} MB at {args.rss[1]:,} "
          f"({rss[1] / rss[0]:.2f} x; target within 1.10)")
    print(f"Python evaluate_many, 2 threads: raw {n / py['raw']:,.0f} cases/s = {py['cli'] / py['raw']:.2f} x CLI "
          f"(target >= 0.8); dicts {n / py['dicts']:,.0f} cases/s = {py['cli'] / py['dicts']:.2f} x CLI")


if __name__ == "__main__":
    main()
