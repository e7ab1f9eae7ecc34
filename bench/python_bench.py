# SPDX-License-Identifier: MIT
"""Python bindings: memory over 100,000 evaluations, and evaluate_many's
throughput against `rung batch` on the same cases, as a ratio measured in
the same run. Prints figures; asserts nothing.

    PYTHONPATH=bindings/python RUNG_LIBRARY=build/release/librung.so \
        /usr/bin/python3 bench/python_bench.py [--loop 100000] [--cases 20000]
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import rung  # noqa: E402
from cases import example_lines  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loop", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cli", default=str(REPO / "build" / "release" / "rung"))
    args = ap.parse_args()

    engine = rung.Engine(REPO / "examples" / "framework.json")
    lines = example_lines(args.cases)

    # Memory: the same case evaluated again and again; RSS must stay flat.
    case = lines[1]
    for _ in range(1000):
        engine.evaluate(case, raw=True)
    before = rss_mb()
    t = time.perf_counter()
    for _ in range(args.loop):
        engine.evaluate(case, raw=True)
    loop_s = time.perf_counter() - t
    after = rss_mb()
    print(f"memory: {args.loop} evaluations, RSS {before:.1f} MB before, {after:.1f} MB after "
          f"({after - before:+.1f} MB); {args.loop / loop_s:,.0f} evaluations/s on one thread")

    # Throughput: evaluate_many vs `rung batch` on the same lines and thread count.
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
        f.write(b"\n".join(lines) + b"\n")
        f.flush()
        t = time.perf_counter()
        subprocess.run([args.cli, "batch", "--no-progress", "--threads", str(args.threads), f.name],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cli_rate = len(lines) / (time.perf_counter() - t)
    t = time.perf_counter()
    n = sum(1 for _ in engine.evaluate_many(lines, threads=args.threads, raw=True))
    raw_rate = n / (time.perf_counter() - t)
    t = time.perf_counter()
    n = sum(1 for _ in engine.evaluate_many(lines, threads=args.threads))
    dict_rate = n / (time.perf_counter() - t)
    print(f"throughput on {len(lines)} cases, {args.threads} threads:")
    print(f"  rung batch            {cli_rate:10,.0f} cases/s  1.00")
    print(f"  evaluate_many raw     {raw_rate:10,.0f} cases/s  {raw_rate / cli_rate:.2f} x CLI")
    print(f"  evaluate_many dicts   {dict_rate:10,.0f} cases/s  {dict_rate / cli_rate:.2f} x CLI")


if __name__ == "__main__":
    main()
