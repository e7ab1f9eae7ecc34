# SPDX-License-Identifier: MIT
"""The report's TypedDicts (bindings/python/rung/_types.py) against real
reports: every object of every report has exactly the keys its TypedDict
declares (all required), each value has the declared type (a Literal's
value among those listed), and every TypedDict is met somewhere. The
reports: the examples (/1, and /2 for every audience), the golden /2
reports, the hand-worked fixtures of tests/cases and the conformance
cases, and a /2 case with an unknown member (for `warnings`)."""

import json
import pathlib
import sys
import types
import typing

import pytest

import rung
from rung import _types

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cases"))
from rebase import fixture_framework  # noqa: E402  (the fixture format, read in one place)

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TESTS = REPO / "tests"


def problems(value, tp, where: str, seen: set) -> list:
    """Why `value` is not a `tp` (empty when it is); TypedDicts met are added to `seen`."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if typing.is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, expected {tp.__name__}"]
        hints = typing.get_type_hints(tp)
        assert tp.__required_keys__ == frozenset(hints), f"{tp.__name__}: every key is required"
        out = []
        if set(value) != set(hints):
            out.append(f"{where} ({tp.__name__}): undeclared {sorted(set(value) - set(hints))}, "
                       f"absent {sorted(set(hints) - set(value))}")
        for key in hints.keys() & value.keys():
            out += problems(value[key], hints[key], f"{where}/{key}", seen)
        if not out:
            seen.add(tp.__name__)
        return out
    if origin in (typing.Union, types.UnionType):
        tries = []
        for arg in args:
            attempt: set = set()
            got = problems(value, arg, where, attempt)
            if not got:
                seen |= attempt
                return []
            tries += got
        return tries
    if origin is typing.Literal:
        return [] if value in args and type(value) is type(args[0]) else [f"{where}: {value!r} not in {args}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, expected a list"]
        return [p for i, item in enumerate(value) for p in problems(item, args[0], f"{where}/{i}", seen)]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, expected an object"]
        return [p for k, v in value.items() for p in problems(v, args[1], f"{where}/{k}", seen)]
    if tp is type(None):
        return [] if value is None else [f"{where}: {value!r}, expected null"]
    if tp is bool:
        return [] if isinstance(value, bool) else [f"{where}: {value!r}, expected a boolean"]
    if tp is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: {value!r}, expected an int"]
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{where}: {value!r}, expected a number"]
    if tp is str:
        return [] if isinstance(value, str) else [f"{where}: {value!r}, expected a string"]
    raise AssertionError(f"{where}: no check for {tp!r}")




def reports():
    """(name, report) for every report the sources above give."""
    v1, v2 = rung.Engine(), rung.Engine(EXAMPLES / "framework-v2.json")
    for name in ("ready", "close", "blocked"):
        yield name, v1.evaluate(EXAMPLES / f"{name}.json")
    for path in sorted(EXAMPLES.glob("v2-*.json")):
        for audience in rung.AUDIENCES:
            yield f"{path.stem} ({audience})", v2.evaluate(path, audience=audience)
    for path in sorted((TESTS / "golden").glob("*.json")):
        yield f"golden/{path.name}", json.loads(path.read_text())
    for path in sorted((TESTS / "cases").glob("*.json")):
        fixture = json.loads(path.read_text())
        if "expect" not in fixture:
            continue
        framework = fixture_framework(fixture)
        case = fixture.get("case_text", fixture.get("case"))
        yield f"cases/{path.name}", rung.Engine(framework).evaluate(case, audience=fixture.get("audience", "full"))
    for folder in sorted((TESTS / "conformance").iterdir()):
        if folder.is_dir():
            engine = rung.Engine(folder / "framework.json")
            yield f"conformance/{folder.name}", engine.evaluate(folder / "case.json")
    case = json.loads((EXAMPLES / "v2-partial.json").read_text())
    case["employee"]["nickname"] = "Sam"
    report = v2.evaluate(case)
    assert report["warnings"], "a /2 case with an unknown member has warnings"
    yield "v2-partial with an unknown member", report


def test_every_report_matches_its_typeddict_both_ways():
    seen: set = set()
    count = 0
    for name, report in reports():
        assert not problems(report, _types.Report, name, seen), (name, problems(report, _types.Report, name, set()))
        count += 1
    assert count > 250
    declared = {n for n in _types.__all__ if typing.is_typeddict(getattr(_types, n))}
    assert declared - seen == set(), f"TypedDicts no report exercised: {sorted(declared - seen)}"


def test_the_checker_finds_a_wrong_key_and_a_wrong_value():
    # The test above must be able to fail.
    report = rung.Engine().evaluate(EXAMPLES / "close.json")
    assert not problems(report, _types.Report, "", set())
    assert problems(dict(report, verdcit="close"), _types.Report, "", set())
    assert problems({k: v for k, v in report.items() if k != "trace"}, _types.Report, "", set())
    assert problems(dict(report, verdict="almost"), _types.Report, "", set())
    assert problems(dict(report, coverage="0.5"), _types.Report, "", set())


def test_the_package_exports_the_report_types():
    assert rung.Report == _types.Report
    assert typing.get_args(rung.Report) == (rung.ReportV1, rung.ReportV2)
    assert set(_types.__all__) <= set(rung.__all__)


@pytest.mark.parametrize("literal, values", [
    ("Verdict", ["ready", "close", "not_ready", "blocked", "no_target"]),
    ("Audience", list(rung.AUDIENCES)),
])
def test_literals_are_the_documented_values(literal, values):
    # docs/rules.md lists the verdicts; rung.AUDIENCES the audiences.
    assert list(typing.get_args(getattr(_types, literal))) == values


# ------------------------------------------------------------ against the schema

def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["$defs"][name]
    return node


def _schema_problems(schema: dict, node: dict, tp, where: str, seen: set) -> list:
    """Where the TypedDict `tp` and the schema `node` disagree: an object's
    keys (every one required on both sides), an enum's values (each one in
    the Literal), nested objects and arrays; TypedDicts compared are added
    to `seen`."""
    node = _resolve(schema, node)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in args if a is not type(None)]
        if len(args) == 1:
            return _schema_problems(schema, node, args[0], where, seen)
        if all(typing.get_origin(a) is typing.Literal for a in args):
            tp, origin, args = typing.Literal[tuple(v for a in args for v in typing.get_args(a))], typing.Literal, \
                tuple(v for a in args for v in typing.get_args(a))
        else:
            return []  # a fact: any JSON scalar
    if typing.is_typeddict(tp):
        seen.add(tp.__name__)
        hints = typing.get_type_hints(tp)
        props = node.get("properties", {})
        out = []
        if set(props) != set(hints):
            out.append(f"{where} ({tp.__name__}): schema only {sorted(set(props) - set(hints))}, "
                       f"TypedDict only {sorted(set(hints) - set(props))}")
        if set(node.get("required", [])) != set(props):
            out.append(f"{where}: the schema does not require every member")
        for key in hints.keys() & props.keys():
            out += _schema_problems(schema, props[key], hints[key], f"{where}/{key}", seen)
        return out
    if origin is typing.Literal:
        enum = node.get("enum")
        if enum is None:
            return []
        # Every value the schema allows is typed; a Literal shared by several
        # members (Status, Cause, SignalId) may list a few more.
        missing = set(enum) - {None} - set(args)
        return [f"{where}: the schema allows {sorted(missing)}, the Literal does not"] if missing else []
    if origin is list:
        return _schema_problems(schema, node.get("items", {}), args[0], f"{where}/*", seen)
    return []


@pytest.mark.parametrize("version", [1, 2])
def test_the_typeddicts_are_the_report_schema(version):
    schema = rung.schema(f"report/{version}")
    tp = _types.ReportV1 if version == 1 else _types.ReportV2
    seen: set = set()
    assert _schema_problems(schema, schema, tp, "", seen) == []
    assert len(seen) > 10  # the walk went down into the report's parts
