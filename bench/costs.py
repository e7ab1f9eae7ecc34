# SPDX-License-Identifier: MIT
"""bench/costs: where one case's time goes, counted in instructions by
callgrind (repeatable whatever else the machine is doing), next to the
floor's own parse and serialize.

    /usr/bin/python3 bench/costs.py [--cases 2000] [--rung OTHER/rung]

Runs `rung batch --threads 1` and the floor (bench/baseline.cpp's fastest
setting) under `valgrind --tool=callgrind` over the first N cases of the
generated /1 and /2 files of bench/run, and prints each stage per case:
parse, decode and validate (reading the document into the model, unknown
members, references), rules, writing the report, and the rest (reading
lines, writing output, freeing the case and report). Nothing is asserted.
"""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the generated files and the build)

# Stages of rung: the inclusive count of each function (they do not nest).
STAGES = [
    ("parse", [r"rung::json::DocumentParser::parse\("]),
    ("decode + validate", [r"rung::json::read_case\(", r"rung::json::read_framework\(",
                           r"rung::detail::resolve_case\("]),
    ("rules", [r"rung::evaluate\(rung::Framework const&, rung::Case const&\)"]),
    ("write the report", [r"rung::json::encode_report\("]),
]
FLOOR = [("parse", r"boost::json::parser::write\(char const\*, unsigned long\) "),
         ("serialize", r"boost::json::serializer::read\(")]


def callgrind(cmd, workdir):
    out = pathlib.Path(workdir) / "callgrind.out"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)], check=True,
                          capture_output=True, text=True).stdout
    counts = []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*)", line)
        if m:
            counts.append((int(m.group(1).replace(",", "")), m.group(2)))
    total = next(c for c, name in counts if "PROGRAM TOTALS" in name)
    return total, counts


def first(counts, pattern):
    return next((c for c, name in counts if re.search(pattern, name)), 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--rung", help="another build's rung executable (e.g. of an earlier commit)")
    args = ap.parse_args()
    run.WORK.mkdir(parents=True, exist_ok=True)
    n = args.cases
    rung = args.rung or str(run.BUILD / "rung")
    baseline = str(run.BUILD / "bench" / "rung_bench_baseline")
    print(f"instructions per case (callgrind), first {n} cases of each generated file")
    for version in (1, 2):
        fw = run.generate("framework", version=version)
        full = run.generate("cases", 20000, version=version)
        with tempfile.TemporaryDirectory() as tmp:
            part = pathlib.Path(tmp) / "cases.jsonl"
            with open(full, "rb") as src, open(part, "wb") as dst:
                for _ in range(n):
                    dst.write(src.readline())
            _, floor_counts = callgrind([baseline, str(part), "--rounds", "1", "--setting", "4"], tmp)
            total, counts = callgrind([rung, "batch", "--no-progress", "--threads", "1", "--framework", str(fw),
                                       str(part)], tmp)
        floor = {k: first(floor_counts, p) / n for k, p in FLOOR}
        unit = floor["parse"] + floor["serialize"]
        print(f"\n/{version} cases: floor = parse {floor['parse']:,.0f} + serialize {floor['serialize']:,.0f}"
              f" = {unit:,.0f} instructions a case (1.00 floor)")
        print(f"  {'stage':22}{'per case':>12}{'x floor':>9}")
        accounted = 0
        for stage, patterns in STAGES:
            c = sum(first(counts, p) for p in patterns) / n
            accounted += c
            print(f"  {stage:22}{c:12,.0f}{c / unit:9.2f}")
        rest = total / n - accounted
        print(f"  {'the rest (I/O, frees)':22}{rest:12,.0f}{rest / unit:9.2f}")
        print(f"  {'rung batch, all':22}{total / n:12,.0f}{total / n / unit:9.2f}"
              f"   -> {unit / (total / n):.2f} x the floor in instructions")


if __name__ == "__main__":
    main()
