"""python3 -m rung evaluate [--framework FILE] [--format F] [--strict] CASE|-   (mirrors the `rung` CLI)

Prints the report as `rung evaluate` does (exit 0), or the error document
(exit 1); 2 for usage and I/O errors. Warnings go to stderr."""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from . import Engine, InputError, RungError, RungWarning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m rung")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="evaluate one case and print its report")
    ev.add_argument("--framework", help="framework JSON (default: the built-in example framework)")
    ev.add_argument("--format", choices=["json", "text", "markdown", "html", "ics"],
                    help="default: text on a terminal (without colours here), else json")
    ev.add_argument("--audience", choices=["full", "employee", "manager", "committee"], default="full",
                    help="who the report is for (docs/privacy.md); default full")
    ev.add_argument("--strict", action="store_true",
                    help="a member the contract does not name is an unknown_field error, not a warning")
    ev.add_argument("case", help="case JSON file, or - for standard input")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2

    def error(e: RungError) -> int:
        sys.stdout.write(json.dumps(e.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return 1

    try:
        framework = None
        if args.framework:
            with open(args.framework, "rb") as f:
                framework = f.read()
        case = sys.stdin.buffer.read() if args.case == "-" else open(args.case, "rb").read()
    except OSError as e:
        print(f"rung: {e}", file=sys.stderr)
        return 2
    try:
        engine = Engine(framework, strict=args.strict)
    except InputError as e:
        return error(e)
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RungWarning)
            if fmt == "json":
                out = engine.evaluate(case, raw=True, pretty=True, audience=args.audience) + b"\n"
            else:
                out = engine.evaluate(case, format=fmt, audience=args.audience).encode()
        for w in caught:
            print(f"rung: warning: {w.message}", file=sys.stderr)
    except InputError as e:
        return error(e)
    except ValueError as e:  # an audience this framework cannot show: a usage error
        print(f"rung: {e.message if isinstance(e, RungError) else e}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
