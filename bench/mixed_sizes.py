# SPDX-License-Identifier: MIT
"""A stream of N cases of mixed sizes for `rung batch` (docs/robustness.md):
97% of about 6 KB, 1% each of about 27 KB, 218 KB and 861 KB (one
generated case with 140, 1,400 and 5,600 more evidence items), in a fixed
repeating order. For the framework of `bench/generate.py framework`.

    /usr/bin/python3 bench/generate.py framework > /tmp/fw.json
    /usr/bin/python3 bench/mixed_sizes.py 1000000 | \\
        /usr/bin/time -f '%M KB' build/release/rung batch --framework /tmp/fw.json --threads 2 - | wc -l
"""

import json
import pathlib
import subprocess
import sys


def main() -> None:
    count = int(sys.argv[1])
    generate = pathlib.Path(__file__).with_name("generate.py")
    small = subprocess.run([sys.executable, str(generate), "cases", "1"], capture_output=True, check=True).stdout.strip()

    def larger(items: int) -> bytes:
        big = json.loads(small)
        big["evidence"] += [{"id": f"x-{i}", "title": f"Item {i} with a longer title for size", "date": "2026-06-01",
                             "competencies": ["design", "delivery"], "visibility": "decision_makers"}
                            for i in range(items)]
        return json.dumps(big, separators=(",", ":")).encode()

    large = {0: larger(140), 1: larger(1400), 2: larger(5600)}
    block = b"".join(large.get(i, small) + b"\n" for i in range(100))
    out = sys.stdout.buffer
    for _ in range(count // 100):
        out.write(block)
    out.write(b"".join(large.get(i, small) + b"\n" for i in range(count % 100)))


if __name__ == "__main__":
    main()
