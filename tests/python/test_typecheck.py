# SPDX-License-Identifier: MIT
"""The package's types as a type checker sees them (mypy, from Debian's
python3-mypy): the package itself and typecheck/uses.py check cleanly, and
every mistake marked in typecheck/misspelt.py is reported on its line."""

import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE = HERE.parents[1] / "bindings" / "python"


def mypy(*files: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir=/dev/null", "--no-error-summary",
                           "--python-version", "3.11", *map(str, files)],
                          capture_output=True, text=True, timeout=600, cwd=PACKAGE.parents[1],
                          env={"MYPYPATH": str(PACKAGE), "PATH": "/usr/bin:/bin"})


def test_the_package_and_its_use_check_cleanly():
    r = mypy(PACKAGE / "rung", HERE / "typecheck" / "uses.py")
    assert r.returncode == 0, r.stdout + r.stderr


def test_each_mistake_is_reported_on_its_line():
    path = HERE / "typecheck" / "misspelt.py"
    expected = {i: m.group(1) for i, line in enumerate(path.read_text().splitlines(), 1)
                if (m := re.search(r"# error: (.*)$", line))}
    assert len(expected) == 5
    r = mypy(path)
    assert r.returncode == 1, r.stdout + r.stderr
    reported = {}
    for line in r.stdout.splitlines():
        m = re.match(r"(?:.*/)?misspelt\.py:(\d+): error: (.*)", line)
        if m:
            reported.setdefault(int(m.group(1)), []).append(m.group(2))
    assert set(reported) == set(expected), r.stdout
    for number, text in expected.items():
        assert any(text in message for message in reported[number]), (number, text, reported[number])
