# SPDX-License-Identifier: MIT
"""`rung` (the console script) and `python -m rung`: the rung command line,
with every command and option of docs/rung.1, run by the native `rung` the
wheel carries beside the library (rung/_bin/rung), or by the one RUNG_CLI
names. Its output and exit statuses are the binary's own."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys


def executable() -> str | None:
    """The rung binary to run: RUNG_CLI, else the package's own."""
    env = os.environ.get("RUNG_CLI")
    if env:
        return env
    bundled = pathlib.Path(__file__).resolve().parent / "_bin" / "rung"
    return str(bundled) if bundled.is_file() else None


def main(argv: list[str] | None = None) -> int:
    """Runs `rung ARGV...` (default: this process's arguments). From the
    console script or `python -m rung` the binary replaces this process;
    called with `argv`, it runs as a child and its exit status is returned."""
    exe = executable()
    if exe is None:
        print("rung: this installation has no rung command line (rung/_bin/rung is missing): "
              "install the wheel, or set RUNG_CLI to a rung binary", file=sys.stderr)
        return 2
    if argv is None and os.name == "posix":
        # Python ignores SIGPIPE and SIGXFSZ, and exec keeps ignored signals
        # ignored: give the binary the defaults a shell would.
        for name in ("SIGPIPE", "SIGXFSZ"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        sys.stdout.flush()
        try:
            os.execv(exe, ["rung", *sys.argv[1:]])
        except OSError as e:
            print(f"rung: cannot run {exe}: {e.strerror}", file=sys.stderr)
            return 2
    try:
        return subprocess.call(["rung", *(sys.argv[1:] if argv is None else argv)], executable=exe)
    except OSError as e:
        print(f"rung: cannot run {exe}: {e.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
