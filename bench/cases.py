# SPDX-License-Identifier: MIT
"""Cases for the benchmarks: the bundled examples at many as_of dates, as
JSONL lines (deterministic: the same count gives the same lines)."""

import datetime
import json
import pathlib

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def example_lines(count: int) -> list[bytes]:
    bases = [json.loads((EXAMPLES / f"{n}.json").read_text()) for n in ("ready", "close", "blocked")]
    start = datetime.date(2026, 10, 1)
    lines = []
    for i in range(count):
        case = dict(bases[i % len(bases)])
        case["as_of"] = (start + datetime.timedelta(days=i % 180)).isoformat()
        lines.append(json.dumps(case, separators=(",", ":")).encode())
    return lines
