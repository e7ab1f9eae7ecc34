# SPDX-License-Identifier: MIT
"""Writes the seed corpora of the fuzz targets from the examples and the
test fixtures (run once; the files are committed). Usage: python3 fuzz/make_corpus.py"""

import hashlib
import json
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
FUZZ = REPO / "fuzz" / "corpus"
sys.path.insert(0, str(REPO / "tests" / "cases"))
from rebase import merge_patch  # noqa: E402  (the fixture format, read in one place)


def put(target, data: bytes):
    d = FUZZ / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)




def inline_framework(doc):
    """A fixture's framework as an object: inline, or a base and a patch."""
    fw = doc.get("framework")
    if isinstance(fw, dict) and "base" in fw and "schema" not in fw:
        base = json.loads((REPO / "tests" / "frameworks" / f"{fw['base']}.json").read_text())
        return merge_patch(base, fw["patch"])
    return fw if isinstance(fw, dict) else None


frameworks = [REPO / "examples" / "framework.json", *sorted((REPO / "tests" / "frameworks").glob("*.json"))]
for f in frameworks:
    put("fuzz_framework", f.read_bytes())
cases = [(REPO / "examples" / f"{n}.json").read_bytes() for n in ("ready", "close", "blocked")]
v2_cases = []  # cases written for version-2 frameworks (fuzz_case also runs a /2 framework)
for fixture in sorted((REPO / "tests" / "cases").glob("*.json")):
    doc = json.loads(fixture.read_text())
    fw = inline_framework(doc)
    if fw is not None:
        put("fuzz_framework", json.dumps(fw).encode())
    if "case" in doc:
        text = json.dumps(doc["case"]).encode()
        v2 = fw is not None and fw.get("schema") == "rung.framework/2"
        (v2_cases if v2 else cases).append(text)
    if "case_text" in doc:
        cases.append(doc["case_text"].encode())
for c in cases[:120] + v2_cases[:60]:
    put("fuzz_case", c)
    put("fuzz_capi", b"\x00" + c)
for f in frameworks:
    put("fuzz_capi", b"\x01" + f.read_bytes())
compact = [json.dumps(json.loads(c)).encode() for c in cases[:3]]
put("fuzz_batch_line", b"\n".join(compact) + b"\n")
put("fuzz_batch_line", compact[0] + b"\n\n{bad\n" + compact[1] + b"\n   \n")
put("fuzz_batch_line", b"{}\n[]\nnull\n")
# fuzz_import: the first byte picks the importer (0: FT YAML, 1: a Monzo page).
for f in sorted((REPO / "tests" / "import").glob("**/*")):
    if f.suffix in (".yml", ".md"):
        put("fuzz_import", (b"\x00" if f.suffix == ".yml" else b"\x01") + f.read_bytes())
