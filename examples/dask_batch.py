# SPDX-License-Identifier: MIT
"""Evaluate a folder of JSONL partitions on a Dask cluster: one rung.Engine
per worker, one JSONL result per partition, each byte for byte what
`rung batch` writes for that partition.

    /usr/bin/python3 examples/dask_batch.py IN_DIR OUT_DIR [--framework F] [--scheduler ADDRESS]

Without --scheduler it starts a LocalCluster (2 worker processes). On real
machines: `dask scheduler` on one, `dask worker tcp://SCHEDULER:8786` on
each of the others (with rung installed: pip install ./bindings/python),
then pass --scheduler tcp://SCHEDULER:8786. IN_DIR and OUT_DIR must be
visible to every worker (a shared file system).
"""

import argparse
import pathlib
import sys

from dask.distributed import Client, LocalCluster, get_worker

import rung


def _engine(framework):
    """The worker's engine, built once per worker process."""
    worker = get_worker()
    engine = getattr(worker, "_rung_engine", None)
    if engine is None or worker._rung_framework != framework:
        engine = rung.Engine(pathlib.Path(framework) if framework else None)
        worker._rung_engine, worker._rung_framework = engine, framework
    return engine


def evaluate_partition(src, dst, framework):
    """Evaluates one partition file into its result file; returns the line count."""
    engine = _engine(framework)
    lines = pathlib.Path(src).read_bytes().splitlines()
    out = list(rung.batch_lines(engine, lines, threads=1))
    pathlib.Path(dst).write_bytes(b"".join(line + b"\n" for line in out))
    return len(out)


def run(client, in_dir, out_dir, framework=None):
    """Submits every *.jsonl of in_dir; returns {partition name: results}."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = sorted(pathlib.Path(in_dir).glob("*.jsonl"))
    futures = [client.submit(evaluate_partition, str(p), str(out_dir / p.name), framework, pure=False)
               for p in parts]
    return dict(zip((p.name for p in parts), client.gather(futures)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("in_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--framework", help="framework JSON (default: the example framework built into rung)")
    ap.add_argument("--scheduler", help="address of a running dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    args = ap.parse_args(argv)
    framework = str(pathlib.Path(args.framework).resolve()) if args.framework else None
    if args.scheduler:
        with Client(args.scheduler) as client:
            counts = run(client, args.in_dir, args.out_dir, framework)
    else:
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            counts = run(client, args.in_dir, args.out_dir, framework)
    for name, n in counts.items():
        print(f"{name}: {n} results", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
