# SPDX-License-Identifier: MIT
"""The package around the bindings: its version and the library's, the
check at import, and the command line it runs (`rung`, `python -m rung`)."""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import rung
from rung import __main__ as cli_main, _capi

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))


def header_version() -> str:
    text = (REPO / "capi" / "rung.h").read_text()
    return ".".join(re.search(rf"^#define RUNG_VERSION_{part} (\d+)$", text, re.M).group(1)
                    for part in ("MAJOR", "MINOR", "PATCH"))


def test_one_version_everywhere():
    assert rung.__version__ == header_version() == rung.version()
    assert "__version__" in rung.__all__


@pytest.mark.parametrize("package, library, ok", [
    ("0.4.0", "0.4.0", True), ("0.4.0", "0.4.9", True), ("0.4.2", "0.4.0", True),
    ("0.4.0", "0.3.0", False), ("0.4.0", "0.5.0", False), ("0.4.0", "1.4.0", False),
    ("1.2.0", "1.7.3", True), ("1.2.0", "2.2.0", False),
])
def test_compatible_versions(package, library, ok):
    # The same major; in 0.x the same minor too (docs: librung.so.0.MINOR).
    assert _capi.compatible(package, library) is ok


@pytest.mark.parametrize("version", ["0.3.9", "0.99.0", "1.4.0"])  # never this package's 0.x
def test_import_refuses_a_library_of_another_version(tmp_path, version):
    cc = shutil.which("cc") or shutil.which("gcc")
    assert cc, "a C compiler (g++ brings gcc)"
    (tmp_path / "fake.c").write_text(f'const char* rung_version(void) {{ return "{version}"; }}\n')
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(tmp_path / "librung.so"), str(tmp_path / "fake.c")], check=True)
    env = dict(os.environ, RUNG_LIBRARY=str(tmp_path / "librung.so"))
    r = subprocess.run([sys.executable, "-c", "import rung"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: the rung package ")
    assert f"cannot use librung {version} ({tmp_path / 'librung.so'})" in last
    assert "RUNG_LIBRARY" in last


def test_python_m_rung_runs_every_command_of_the_command_line():
    commands = re.findall(r"^  ([a-z-]+) ", subprocess.run([CLI, "--help"], capture_output=True, text=True).stdout
                          .split("Subcommands:")[1], re.M)
    assert {"evaluate", "batch", "summarize", "check-framework"} <= set(commands)
    for args in [["--version"], ["--help"], *([c, "--help"] for c in commands),
                 ["check-framework", str(EXAMPLES / "framework-v2.json")], ["evaluate", "--bogus"],
                 ["evaluate", str(EXAMPLES / "missing.json")]]:
        py = subprocess.run([sys.executable, "-m", "rung", *args], capture_output=True, timeout=60)
        c = subprocess.run(["rung", *args], executable=CLI, capture_output=True, timeout=60)
        assert (py.returncode, py.stdout, py.stderr) == (c.returncode, c.stdout, c.stderr), args
    assert b"Usage: rung evaluate" in subprocess.run([sys.executable, "-m", "rung", "evaluate", "--help"],
                                                     capture_output=True).stdout


def test_batch_through_python_m_rung_keeps_its_exit_status():
    line = (EXAMPLES / "ready.json").read_bytes().replace(b"\n", b"") + b"\n"
    for stdin, status in ((line * 2, 0), (line + b"{\n", 1)):
        py = subprocess.run([sys.executable, "-m", "rung", "batch", "--no-progress", "-"], input=stdin,
                            capture_output=True, timeout=60)
        assert py.returncode == status
        assert len(py.stdout.splitlines()) == 2


def test_python_m_rung_has_the_default_sigpipe(tmp_path):
    # Python ignores SIGPIPE; the binary gets the default back, as from a
    # shell: a reader that leaves ends the batch quietly.
    line = (EXAMPLES / "close.json").read_bytes().replace(b"\n", b"") + b"\n"
    (tmp_path / "in.jsonl").write_bytes(line * 3000)
    r = subprocess.run(f"{sys.executable} -m rung batch --no-progress {tmp_path / 'in.jsonl'} | head -c 10",
                       shell=True, capture_output=True, timeout=120, executable="/bin/bash")
    assert r.stdout == b'{"schema":'
    assert b"Broken pipe" not in r.stderr


def test_main_with_arguments_returns_the_status():
    assert cli_main.main(["evaluate", str(EXAMPLES / "missing.json")]) == 2
    assert cli_main.main(["check-framework", str(EXAMPLES / "framework.json")]) == 0


def test_without_a_command_line_the_error_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "RUNG_CLI"}  # the source tree has no rung/_bin
    r = subprocess.run([sys.executable, "-m", "rung", "--version"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 2
    assert "rung/_bin/rung is missing" in r.stderr and "RUNG_CLI" in r.stderr
    env["RUNG_CLI"] = str(tmp_path / "nothing")
    r = subprocess.run([sys.executable, "-m", "rung", "--version"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 2 and "cannot run" in r.stderr and "No such file or directory" in r.stderr
