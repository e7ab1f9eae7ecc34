# SPDX-License-Identifier: MIT
"""examples/dask_batch.py on a LocalCluster with 2 worker processes gives,
partition by partition, the bytes `rung batch` writes."""

import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))

import distributed  # noqa: E402,F401  (scripts/install-deps installs python3-distributed)


def test_dask_partitions_equal_rung_batch(tmp_path):
    lines = subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "cases", "60", "--seed", "5"],
                           check=True, capture_output=True).stdout.splitlines()
    framework = tmp_path / "framework.json"
    framework.write_bytes(subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "framework"],
                                         check=True, capture_output=True).stdout)
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    # Three partitions; the second has a blank line and a bad case.
    (src / "part-0.jsonl").write_bytes(b"\n".join(lines[:20]) + b"\n")
    (src / "part-1.jsonl").write_bytes(b"\n".join(lines[20:30] + [b"", b'{"schema": "rung.case/1"}'] + lines[30:40]) + b"\n")
    (src / "part-2.jsonl").write_bytes(b"\n".join(lines[40:]) + b"\n")

    env = dict(os.environ, PYTHONPATH=str(REPO / "bindings" / "python"))
    subprocess.run([sys.executable, str(REPO / "examples" / "dask_batch.py"), str(src), str(dst),
                    "--framework", str(framework), "--workers", "2"], check=True, env=env, timeout=300,
                   capture_output=True)
    for part in sorted(src.glob("*.jsonl")):
        expected = subprocess.run([CLI, "batch", "--no-progress", "--framework", str(framework), str(part)],
                                  capture_output=True)
        assert expected.returncode == (1 if part.name == "part-1.jsonl" else 0)  # 1: a line was an input error
        assert (dst / part.name).read_bytes() == expected.stdout, part.name
    assert b'"line":12' in (dst / "part-1.jsonl").read_bytes()
