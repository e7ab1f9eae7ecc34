#!/usr/bin/env bash
# pip installs the bindings offline into a fresh venv (seeing Debian's
# packages), then evaluates the example case from outside the repository,
# with the library found beside the package.
# Usage: pip_install_test.sh PYTHON REPO WORKDIR LIBRUNG
set -euo pipefail
python=$1 repo=$2 work=$3 lib=$4
rm -rf "$work"
"$python" -m venv --system-site-packages "$work/venv"
RUNG_LIBRARY="$lib" "$work/venv/bin/pip" install --quiet --no-build-isolation --no-index "$repo/bindings/python"
cd "$work"
env -u RUNG_LIBRARY -u PYTHONPATH "$work/venv/bin/python" -c "
import json, rung
report = rung.Engine('$repo/examples/framework.json').evaluate('$repo/examples/close.json')
assert report['verdict'] == 'close', report['verdict']
assert rung.__file__.startswith('$work/venv'), rung.__file__
print('pip-installed rung', rung.version(), 'evaluates the example:', report['verdict'])
"
