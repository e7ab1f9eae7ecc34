#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Python package as a user gets it. pip builds the wheel offline from
# bindings/python; the test checks its platform tag and metadata (MIT, the
# version of capi/rung.h), that the librung.so and rung inside need only the
# C and C++ runtimes, and that the build left nothing in the source tree.
# Installed into a fresh venv (seeing Debian's packages), the package then
# evaluates the example case from outside the repository with its own
# library, and runs every command of the command line as `rung` and as
# `python -m rung`.
# Usage: pip_install_test.sh PYTHON REPO WORKDIR LIBRUNG RUNG
set -euo pipefail
python=$1 repo=$2 work=$3 lib=$4 cli=$5
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
version=$(sed -nE 's/^#define RUNG_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+)$/\2/p' "$repo/capi/rung.h" | paste -sd.)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no version in capi/rung.h: '$version'"
platform=$("$python" -c 'import sysconfig; print(sysconfig.get_platform().replace("-", "_").replace(".", "_"))')

# 1. The wheel, built the way `pip install` builds it.
(cd "$repo/bindings/python" && find . | LC_ALL=C sort) >"$work/tree-before"
"$python" -m venv --system-site-packages "$work/venv"
RUNG_LIBRARY="$lib" RUNG_CLI="$cli" "$work/venv/bin/pip" wheel --quiet --no-build-isolation --no-index --no-deps \
  -w "$work/dist" "$repo/bindings/python"
(cd "$repo/bindings/python" && find . | LC_ALL=C sort) >"$work/tree-after"
diff "$work/tree-before" "$work/tree-after" || fail "building the wheel left files in bindings/python"

wheel="$work/dist/rung-$version-py3-none-$platform.whl"
[[ -f $wheel ]] || fail "expected $wheel, got: $(ls "$work/dist")"
"$python" - "$wheel" "$version" "$work/unpacked" <<'EOF'
import sys, zipfile
wheel, version, out = sys.argv[1:]
z = zipfile.ZipFile(wheel)
info = f"rung-{version}.dist-info"
meta = z.read(f"{info}/WHEEL").decode()
assert "Root-Is-Purelib: false" in meta and "Tag: py3-none-" in meta, meta
metadata = z.read(f"{info}/METADATA").decode()
assert "License: MIT" in metadata and f"Version: {version}" in metadata, metadata[:500]
assert z.read(f"{info}/LICENSE").decode().startswith("MIT License")
assert "rung = rung.__main__:main" in z.read(f"{info}/entry_points.txt").decode()
assert (z.getinfo("rung/_bin/rung").external_attr >> 16) & 0o111, "rung/_bin/rung is not executable"
z.extractall(out)
EOF

# What the wheel's machine code needs: the C and C++ runtimes, nothing else.
for f in rung/librung.so rung/_bin/rung; do
  needed=$(readelf -d "$work/unpacked/$f" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
  [[ -n $needed ]] || fail "$f: no NEEDED entries read"
  for n in $needed; do
    case $n in
      libc.so.* | libm.so.* | libstdc++.so.* | libgcc_s.so.* | ld-linux*.so.*) ;;
      *) fail "$f needs $n" ;;
    esac
  done
  if ldd "$work/unpacked/$f" | grep -E "not found|boost"; then fail "$f: ldd"; fi
done

# 2. Installed, used from elsewhere, with nothing of the build tree in sight.
"$work/venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
cd "$work"
run() { env -u RUNG_LIBRARY -u RUNG_CLI -u PYTHONPATH "$@"; }
run "$work/venv/bin/python" - "$repo" "$work" "$version" <<'EOF'
import pathlib, sys
import rung
repo, work, version = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
assert rung.__file__.startswith(work), rung.__file__
assert rung._capi.path.startswith(work), rung._capi.path  # the wheel's own library
assert rung.__version__ == rung.version() == version, (rung.__version__, rung.version(), version)
engine = rung.Engine.from_file(repo / "examples" / "framework.json")
report = engine.evaluate_file(repo / "examples" / "close.json")
assert report["verdict"] == "close", report["verdict"]
print("pip-installed rung", rung.version(), "evaluates the example:", report["verdict"])
EOF

# The command line: `rung` (the console script) and `python -m rung` run the
# wheel's binary with every command, the same bytes and exit statuses.
[[ $(run "$work/venv/bin/rung" --version) == "rung $version" ]] || fail "rung --version"
commands=$(run "$work/venv/bin/rung" --help | sed -n '/^Subcommands:/,$p' | sed -nE 's/^  ([a-z-]+) .*/\1/p')
[[ $commands == *evaluate* && $commands == *batch* ]] || fail "rung --help lists: $commands"
for c in $commands; do
  a=$(run "$work/venv/bin/rung" "$c" --help) || fail "rung $c --help"
  b=$(run "$work/venv/bin/python" -m rung "$c" --help) || fail "python -m rung $c --help"
  [[ $a == "$b" && $a == *"Usage: rung $c"* ]] || fail "rung $c --help differs from python -m rung $c --help"
done
ex=$repo/examples
for way in "$work/venv/bin/rung" "$work/venv/bin/python -m rung"; do
  run $way evaluate "$ex/close.json" | grep -q '"verdict": "close"' || fail "$way evaluate"
  tr -d '\n' <"$ex/ready.json" >cases.jsonl && echo >>cases.jsonl
  run $way batch --no-progress cases.jsonl >reports.jsonl 2>/dev/null || fail "$way batch"
  run $way summarize reports.jsonl | grep -q "ready" || fail "$way summarize"
  run $way check-framework "$ex/framework.json" | grep -q "framework acme-eng: valid" || fail "$way check-framework"
  status=0
  echo '{"schema": "rung.case/1"}' | run $way evaluate - >/dev/null || status=$?
  [[ $status == 1 ]] || fail "$way evaluate of a bad case: exit $status, expected 1"
done
echo "the wheel rung-$version-py3-none-$platform works: library, console script and python -m rung"
