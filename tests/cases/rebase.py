#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrites fixtures that inline a whole framework as a base framework plus an
RFC 7386 JSON merge patch: "framework": {"base": "hand", "patch": {...}}
(see README.md here; tests/fixture_runner.cpp applies the patch).

For each fixture whose `framework` is an inline object, every base in
tests/frameworks/*.json is tried; the smallest patch wins, and the fixture is
rewritten only when that patch, serialized compactly, is less than half the
size of the inline framework. Before writing, the patch is applied to the base
here and the result must equal the inline framework exactly: same members in
the same order, same values of the same JSON types (1 is not 1.0, true is not
1), since the runner hands the engine the serialized result. Only the
`framework` member changes; the file keeps its indentation and member order
(a file whose layout json.dumps cannot reproduce is left alone).

Other scripts import merge_patch and fixture_framework from here: one
reading of the fixture format.

Usage (from anywhere, with /usr/bin/python3):
  rebase.py [--dry-run] [--new-base NAME=FIXTURE]
      rewrite; --new-base first writes tests/frameworks/NAME.json from the
      inline framework of tests/cases/FIXTURE.json (with id NAME)
  rebase.py --check [--against REV]
      every base+patch fixture names an existing base and a patch object;
      with --against, its expanded framework must equal the inline framework
      of the same fixture at git revision REV (read with `git show`)

The conversion was done with
  rebase.py --new-base hand-v2=E-invalid_move-v2-lower-rank-into-trunk
"""

import argparse
import json
import pathlib
import subprocess
import sys

CASES = pathlib.Path(__file__).resolve().parent
FRAMEWORKS = CASES.parent / "frameworks"
REPO = CASES.parent.parent


def same(a, b):
    """Equal as the runner sees it: JSON types, member order and values."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def merge_patch(target, patch):
    """RFC 7386: objects merge member by member, null deletes, anything else
    (arrays included) replaces. Kept members keep their place, new ones go
    last (as boost::json in the runner)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            result.pop(k, None)
        else:
            result[k] = merge_patch(result.get(k), v)
    return result


def make_patch(base, target):
    """A merge patch turning base into target (to be checked with same():
    a null inside target or a member order the patch cannot give fails)."""
    if not (isinstance(base, dict) and isinstance(target, dict)):
        return target
    patch = {k: None for k in base if k not in target}
    for k, v in target.items():
        if k not in base:
            patch[k] = v
        elif not same(base[k], v):
            patch[k] = make_patch(base[k], v)
    return patch


def compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def layout(text, doc):
    """The json.dumps options that reproduce text exactly, or None."""
    for indent in (2, 1, 4):
        for ascii_only in (False, True):
            opts = {"indent": indent, "ensure_ascii": ascii_only}
            if json.dumps(doc, **opts) + "\n" == text:
                return opts
    return None


def is_base_patch(fw):
    return isinstance(fw, dict) and "schema" not in fw and "base" in fw


def fixture_framework(fixture):
    """A fixture's framework document as JSON text (README.md here): its
    `framework_text`, a file of tests/frameworks, an inline object, or a
    base and a merge patch."""
    if "framework_text" in fixture:
        return fixture["framework_text"]
    fw = fixture["framework"]
    if isinstance(fw, str):
        return (FRAMEWORKS / f"{fw}.json").read_text(encoding="utf-8")
    if is_base_patch(fw):
        fw = merge_patch(json.loads((FRAMEWORKS / f"{fw['base']}.json").read_text(encoding="utf-8")), fw["patch"])
    return json.dumps(fw)


def load_bases():
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(FRAMEWORKS.glob("*.json"))}


def new_base(spec):
    name, _, fixture = spec.partition("=")
    out = FRAMEWORKS / f"{name}.json"
    if out.exists():
        sys.exit(f"{out} exists already")
    fw = json.loads((CASES / f"{fixture}.json").read_text(encoding="utf-8"))["framework"]
    if not isinstance(fw, dict) or is_base_patch(fw):
        sys.exit(f"{fixture}: no inline framework")
    fw = {k: (name if k == "id" else v) for k, v in fw.items()}
    out.write_text(json.dumps(fw, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)} from {fixture}")


def rebase(dry_run):
    bases = load_bases()
    count = before = after = 0
    per_base = {}
    for path in sorted(CASES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        fw = doc.get("framework")
        if "framework_text" in doc or not isinstance(fw, dict) or is_base_patch(fw):
            continue
        best = None
        for name, base in bases.items():
            patch = make_patch(base, fw)
            if not same(merge_patch(base, patch), fw):
                continue  # a null value or a member order a patch cannot express
            if best is None or len(compact(patch)) < len(compact(best[1])):
                best = (name, patch)
        if best is None or 2 * len(compact(best[1])) >= len(compact(fw)):
            continue
        opts = layout(text, doc)
        if opts is None:
            print(f"{path.name}: layout not reproducible, left inline", file=sys.stderr)
            continue
        name, patch = best
        assert same(merge_patch(bases[name], patch), fw), path.name
        doc["framework"] = {"base": name, "patch": patch}  # keeps its place among the members
        new_text = json.dumps(doc, **opts) + "\n"
        check = json.loads(new_text)
        assert list(check) == list(json.loads(text)), path.name
        assert all(same(check[k], v) for k, v in json.loads(text).items() if k != "framework"), path.name
        assert same(merge_patch(bases[name], check["framework"]["patch"]), fw), path.name
        if not dry_run:
            path.write_text(new_text, encoding="utf-8")
        count += 1
        before += len(text.encode())
        after += len(new_text.encode())
        per_base[name] = per_base.get(name, 0) + 1
    verb = "would rewrite" if dry_run else "rewrote"
    print(f"{verb} {count} fixtures ({', '.join(f'{n}: {c}' for n, c in sorted(per_base.items()))}); "
          f"their size {before} -> {after} bytes")


def check(against):
    bases = load_bases()
    bad = n = 0
    for path in sorted(CASES.glob("*.json")):
        fw = json.loads(path.read_text(encoding="utf-8")).get("framework")
        if not is_base_patch(fw):
            continue
        n += 1
        problem = None
        if set(fw) != {"base", "patch"} or fw["base"] not in bases or not isinstance(fw["patch"], dict):
            problem = "wants exactly a known base and a patch object"
        elif against:
            rel = path.relative_to(REPO).as_posix()
            old = json.loads(subprocess.run(["git", "-C", str(REPO), "show", f"{against}:{rel}"],
                                            check=True, capture_output=True, text=True).stdout)["framework"]
            if not same(merge_patch(bases[fw["base"]], fw["patch"]), old):
                problem = f"differs from the framework at {against}"
        if problem:
            bad += 1
            print(f"{path.name}: {problem}", file=sys.stderr)
    print(f"{n} base+patch fixtures, {bad} bad")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--new-base", metavar="NAME=FIXTURE")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--against", metavar="REV")
    a = ap.parse_args()
    if a.check:
        return check(a.against)
    if a.new_base and not a.dry_run:
        new_base(a.new_base)
    rebase(a.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
