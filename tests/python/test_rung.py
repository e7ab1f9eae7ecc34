# SPDX-License-Identifier: MIT
"""The Python bindings (bindings/python): run by ctest with RUNG_LIBRARY set
to the built library and RUNG_CLI to the built command line."""

import datetime
import json
import os
import pathlib
import re
import subprocess
import sys
import warnings

import pytest

import rung

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
CASES = ["ready", "close", "blocked"]


@pytest.fixture(scope="module")
def engine():
    return rung.Engine(EXAMPLES / "framework.json")


def cli(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True)


@pytest.mark.parametrize("name", CASES)
def test_examples_equal_the_cli_byte_for_byte(engine, name):
    path = EXAMPLES / f"{name}.json"
    expected = cli("evaluate", str(path))
    assert expected.returncode == 0
    assert engine.evaluate(path, raw=True, pretty=True) + b"\n" == expected.stdout
    assert engine.evaluate(path) == json.loads(expected.stdout)


def test_python_m_rung_mirrors_the_cli():
    for args in (["evaluate", str(EXAMPLES / "close.json")],
                 ["evaluate", "--format", "markdown", str(EXAMPLES / "blocked.json")],
                 ["evaluate", "--format", "ics", str(EXAMPLES / "close.json")],
                 ["evaluate", "--framework", str(EXAMPLES / "framework.json"), str(EXAMPLES / "ready.json")]):
        py = subprocess.run([sys.executable, "-m", "rung", *args], capture_output=True, env=os.environ)
        c = cli(*args)
        assert (py.returncode, py.stdout) == (c.returncode, c.stdout)
    bad = b'{"schema": "rung.case/1", "as_of": "2026-13-01"}'
    py = subprocess.run([sys.executable, "-m", "rung", "evaluate", "-"], input=bad, capture_output=True)
    c = cli("evaluate", "-", stdin=bad)
    assert py.returncode == c.returncode == 1
    assert json.loads(py.stdout) == json.loads(c.stdout)


ERRORS = [
    ("{", "parse_error", ""),
    ("[]", "type_error", ""),
    ('{"schema": "rung.case/1", "as_of": "2026-11-23"}', "missing_field", "/employee"),
    ('{"schema": "rung.case/1", "as_of": "2026-11-23", "employee": {"id": "e", "level": "Q1"}}',
     "unknown_reference", "/employee/level"),
    ('{"schema": "rung.case/1", "as_of": "2026-02-29"}', "invalid_date", "/as_of"),
    ('{"schema": "rung.case/9"}', "invalid_value", "/schema"),
    ('{"schema": "rung.case/1", "as_of": "2026-11-23", "employee": {"id": "e", "level": "E3"}, "plan":'
     ' {"goals": [{"id": "g"}, {"id": "g"}]}}', "duplicate_id", "/plan/goals/1/id"),
    ('{"schema": "rung.case/1", "as_of": "2026-11-23", "employee": {"id": "e", "level": "E4", "target": "E3"}}',
     "invalid_move", "/employee/target"),
    ("[" * 65 + "]" * 65, "limit_exceeded", ""),
]


@pytest.mark.parametrize("text,code,path", ERRORS)
def test_each_error_family_is_an_input_error(engine, text, code, path):
    with pytest.raises(rung.InputError) as e:
        engine.evaluate(text.encode())
    assert (e.value.code, e.value.path, e.value.document) == (code, path, "case")
    assert e.value.message


def test_framework_errors_and_unknown_policy_keys():
    fw = json.loads((EXAMPLES / "framework.json").read_text())
    fw["policy"]["cadense_days"] = 30
    with pytest.raises(rung.InputError) as e:
        rung.Engine(fw)
    assert (e.value.code, e.value.path, e.value.document) == ("unknown_field", "/policy/cadense_days", "framework")


def test_every_input_form(engine, tmp_path):
    path = EXAMPLES / "close.json"
    text = path.read_text()
    expected = engine.evaluate(path)
    assert engine.evaluate(text) == expected
    assert engine.evaluate(text.encode()) == expected
    assert engine.evaluate(bytearray(text.encode())) == expected
    assert engine.evaluate(json.loads(text)) == expected
    assert engine.evaluate_file(path) == engine.evaluate_file(str(path)) == expected
    assert engine.evaluate_file(path, format="text") == engine.evaluate(path, format="text")
    for framework in (None, EXAMPLES / "framework.json", (EXAMPLES / "framework.json").read_text(),
                      (EXAMPLES / "framework.json").read_bytes(), json.loads((EXAMPLES / "framework.json").read_text())):
        assert rung.Engine(framework).evaluate(path) == expected
    for file in (EXAMPLES / "framework.json", str(EXAMPLES / "framework.json")):
        assert rung.Engine.from_file(file).evaluate(path) == expected
    with pytest.raises(TypeError):
        engine.evaluate(42)


def test_a_str_is_json_text_never_a_path(engine):
    # A path given as str is refused with the way out, for a framework and
    # for a case, even when the file exists.
    for call in (lambda: rung.Engine(str(EXAMPLES / "framework.json")),
                 lambda: engine.evaluate(str(EXAMPLES / "close.json")),
                 lambda: list(engine.evaluate_many([str(EXAMPLES / "close.json")], threads=1))):
        with pytest.raises(TypeError, match=r"a str is JSON text.*pathlib\.Path.*from_file"):
            call()
    # JSON text with leading white space is text; JSON that is no object is
    # still the library's error (an InputError at "").
    assert engine.evaluate("\n  " + (EXAMPLES / "close.json").read_text())["verdict"] == "close"
    with pytest.raises(TypeError, match="not a JSON object"):
        engine.evaluate("[]")
    with pytest.raises(FileNotFoundError):
        engine.evaluate_file(EXAMPLES / "missing.json")


def test_dates_in_dicts():
    case = json.loads((EXAMPLES / "close.json").read_text())
    engine = rung.Engine()
    expected = engine.evaluate(case)
    dated = dict(case, as_of=datetime.date(2026, 11, 23))
    dated["plan"] = dict(case["plan"], agreed_on=datetime.date.fromisoformat(case["plan"]["agreed_on"]))
    assert engine.evaluate(dated) == expected
    with pytest.raises(TypeError, match=r"a datetime: rung's dates are days.*\.date\(\)"):
        engine.evaluate(dict(case, as_of=datetime.datetime(2026, 11, 23, 9, 30)))
    with pytest.raises(TypeError, match="not a JSON value"):
        engine.evaluate(dict(case, as_of={1, 2}))
    # A date the library refuses is its input error, with the path.
    with pytest.raises(rung.InputError) as e:
        engine.evaluate(dict(case, as_of=datetime.date(1899, 12, 31)))
    assert (e.value.code, e.value.path) == ("invalid_date", "/as_of")


def test_input_errors_are_value_errors(engine):
    with pytest.raises(ValueError) as e:
        engine.evaluate({"schema": "rung.case/1", "as_of": "2026-02-30"})
    assert isinstance(e.value, rung.InputError) and isinstance(e.value, rung.RungError)
    assert e.value.code == "invalid_date"
    with pytest.raises(ValueError):
        rung.Engine(b"{")


def test_evaluate_many_keeps_order_with_4_threads(engine):
    base = json.loads((EXAMPLES / "close.json").read_text())
    cases = []
    for day in range(1, 29):
        c = dict(base, as_of=f"2026-12-{day:02d}")
        cases.append(c)
    expected = [engine.evaluate(c) for c in cases]
    got = list(engine.evaluate_many(cases, threads=4))
    assert got == expected
    assert [r["as_of"] for r in got] == [c["as_of"] for c in cases]
    raw = list(engine.evaluate_many(cases, threads=4, raw=True))
    assert [json.loads(r) for r in raw] == expected


def test_evaluate_many_errors_raise_or_take_their_place(engine):
    good = EXAMPLES / "ready.json"
    cases = [good, b"{", good]
    with pytest.raises(rung.InputError):
        list(engine.evaluate_many(cases, threads=4))
    out = list(engine.evaluate_many(cases, threads=4, errors="return"))
    assert out[0]["verdict"] == "ready" and out[2]["verdict"] == "ready"
    assert isinstance(out[1], rung.InputError) and out[1].code == "parse_error"


def test_engine_usable_after_a_bad_case(engine):
    with pytest.raises(rung.InputError):
        engine.evaluate(b"not json")
    assert engine.evaluate(EXAMPLES / "ready.json")["verdict"] == "ready"


def test_closed_engine_and_version():
    e = rung.Engine()
    e.close()
    with pytest.raises(rung.RungError) as err:
        e.evaluate(EXAMPLES / "ready.json")
    assert err.value.code == "invalid_argument"
    assert re.fullmatch(r"\d+\.\d+\.\d+", rung.version())


def test_readme_python_example_runs_as_written():
    readme = (REPO / "README.md").read_text()
    block = re.search(r"## Python\n.*?```python\n(.*?)```", readme, re.S)
    assert block, "README has a ## Python section with a python block"
    out = subprocess.run([sys.executable, "-c", block.group(1)], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("close 2027-H2\n")
    assert out.stdout.endswith("\nunknown_reference /employee/level\n")


def test_version_2_through_python_and_the_cli(tmp_path):
    # The framework's schema decides the report: no new entry point.
    framework = json.loads((EXAMPLES / "framework.json").read_text())
    framework["schema"] = "rung.framework/2"
    for level in framework["levels"]:
        if level["id"] == "E4":
            level["gate"] = "application"
            level["expectations"][0]["criteria"] = [{"id": "e4-design-1", "text": "Designs what others build on"}]
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["schema"] = "rung.case/2"
    case["evidence"][0]["criteria"] = ["e4-design-1"]
    engine = rung.Engine(framework)
    report = engine.evaluate(case)
    assert report["schema"] == "rung.report/2"
    assert report["audience"] == "full"
    assert report["move"]["gate"] == "application"
    design = report["expectations"][0]
    assert design["competency"] == "design"
    assert design["criteria"] == [{"id": "e4-design-1", "evidence": 1, "evidence_ids": [case["evidence"][0]["id"]],
                                   "met": True}]
    fw_path, case_path = tmp_path / "fw.json", tmp_path / "case.json"
    fw_path.write_text(json.dumps(framework))
    case_path.write_text(json.dumps(case))
    out = cli("evaluate", "--framework", str(fw_path), str(case_path))
    assert out.returncode == 0
    assert engine.evaluate(case, raw=True, pretty=True) + b"\n" == out.stdout
    # A /2 case against the /1 example framework is refused at /schema.
    with pytest.raises(rung.InputError) as e:
        rung.Engine(EXAMPLES / "framework.json").evaluate(case)
    assert (e.value.code, e.value.path, e.value.document) == ("invalid_value", "/schema", "case")


def test_audiences_through_python(tmp_path):
    framework = json.loads((EXAMPLES / "framework-v2.json").read_text())
    engine = rung.Engine(framework)
    case = EXAMPLES / "v2-partial.json"
    full = engine.evaluate(case)
    committee = engine.evaluate(case, audience="committee")
    assert (full["audience"], committee["audience"]) == ("full", "committee")
    # The decision is the same; only what is shown differs.
    assert committee["verdict"] == full["verdict"] and committee["coverage"] == full["coverage"]
    assert [x["evidence"] for x in committee["expectations"]] == [x["evidence"] for x in full["expectations"]]
    assert sum(len(x["evidence_ids"]) for x in committee["expectations"]) < \
        sum(len(x["evidence_ids"]) for x in full["expectations"])
    many = list(engine.evaluate_many([case] * 3, threads=2, audience="committee"))
    assert many == [committee] * 3
    text = engine.evaluate(case, format="text", audience="committee")
    assert "the committee's view" in text
    # The CLI and python -m rung give the same bytes.
    out = cli("evaluate", "--framework", str(EXAMPLES / "framework-v2.json"), "--audience", "committee",
              "--format", "json", str(case))
    py = subprocess.run([sys.executable, "-m", "rung", "evaluate", "--framework", str(EXAMPLES / "framework-v2.json"),
                         "--audience", "committee", "--format", "json", str(case)], capture_output=True)
    assert out.returncode == py.returncode == 0 and out.stdout == py.stdout
    assert json.loads(out.stdout) == committee
    # rung batch: one audience for the whole batch; /1 refuses anything but full.
    line = json.dumps(json.loads(case.read_text())).encode() + b"\n"
    out = cli("batch", "--no-progress", "--framework", str(EXAMPLES / "framework-v2.json"), "--audience", "committee",
              "-", stdin=line * 2)
    assert out.returncode == 0 and [json.loads(x) for x in out.stdout.splitlines()] == [committee] * 2
    out = cli("batch", "--no-progress", "--audience", "manager", "-", stdin=line)
    assert out.returncode == 2 and b"rung.framework/2" in out.stderr
    # Unknown audience, and an audience a /1 framework cannot show: ValueError.
    with pytest.raises(ValueError, match="full, employee, manager, committee"):
        engine.evaluate(case, audience="boss")
    with pytest.raises(ValueError, match="rung.framework/2"):
        rung.Engine().evaluate(EXAMPLES / "close.json", audience="employee")
    py = subprocess.run([sys.executable, "-m", "rung", "evaluate", "--audience", "employee",
                         str(EXAMPLES / "close.json")], capture_output=True)
    assert py.returncode == 2 and b"rung.framework/2" in py.stderr


def typo_case() -> dict:
    # examples/close.json with "assessments" misspelt: no rating counts, so
    # E3's expectations are all unassessed, current coverage is 0 below
    # current_min 1.0, T1 fails and the verdict is blocked instead of close.
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["assesments"] = case.pop("assessments")
    return case


def test_a_typo_is_a_warning_in_every_format_and_an_error_under_strict(engine):
    assert engine.evaluate(EXAMPLES / "close.json")["verdict"] == "close"
    case = typo_case()
    with pytest.warns(rung.RungWarning) as caught:
        report = engine.evaluate(case)
    assert report["verdict"] == "blocked"
    assert "warnings" not in report  # a rung.report/1 has no such member
    assert [(w.message.document, w.message.path) for w in caught] == [("case", "/assesments")]
    assert "'/assesments'" in str(caught[0].message)
    assert caught[0].filename == __file__  # the warning points at the caller's line, not into rung
    for fmt in ("text", "markdown", "html", "ics"):
        with pytest.warns(rung.RungWarning, match="/assesments"):
            engine.evaluate(case, format=fmt)
    with pytest.raises(rung.InputError) as e:
        engine.evaluate(case, strict=True)
    assert (e.value.code, e.value.path, e.value.document) == ("unknown_field", "/assesments", "case")
    # An engine in strict mode: every call strict unless it says otherwise.
    strict = rung.Engine(EXAMPLES / "framework.json", strict=True)
    with pytest.raises(rung.InputError, match="unknown_field"):
        strict.evaluate(case)
    with pytest.warns(rung.RungWarning):
        assert strict.evaluate(case, strict=False)["verdict"] == "blocked"
    # evaluate_many: strict per batch; the typo takes its place as an error.
    out = list(strict.evaluate_many([EXAMPLES / "close.json", case], threads=2, errors="return"))
    assert out[0]["verdict"] == "close"
    assert isinstance(out[1], rung.InputError) and out[1].path == "/assesments"
    # x- members are extensions: neither a warning nor an error.
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["x-source"] = {"row": 7}
    case["employee"]["x-hris-id"] = "42"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert strict.evaluate(case)["verdict"] == "close"


def test_warnings_of_the_framework_and_a_v2_report():
    framework = json.loads((EXAMPLES / "framework.json").read_text())
    framework["levles"] = []
    with pytest.raises(rung.InputError) as e:
        rung.Engine(framework, strict=True)
    assert (e.value.code, e.value.path, e.value.document) == ("unknown_field", "/levles", "framework")
    engine = rung.Engine(framework)
    with pytest.warns(rung.RungWarning) as caught:
        engine.evaluate(typo_case())
    # The framework's first, then the case's.
    assert [(w.message.document, w.message.path) for w in caught] == [("framework", "/levles"),
                                                                     ("case", "/assesments")]
    with pytest.raises(rung.InputError) as e:
        engine.evaluate(EXAMPLES / "close.json", strict=True)
    assert (e.value.path, e.value.document) == ("/levles", "framework")
    # A /2 report lists the same warnings in its JSON.
    framework["schema"] = "rung.framework/2"
    with pytest.warns(rung.RungWarning):
        report = rung.Engine(framework).evaluate(typo_case())
    assert report["warnings"] == [{"document": "framework", "code": "unknown_member", "path": "/levles"},
                                  {"document": "case", "code": "unknown_member", "path": "/assesments"}]


def test_strict_through_the_cli_and_python_m_rung(tmp_path):
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(typo_case()))
    out = cli("evaluate", str(path))
    assert out.returncode == 0 and json.loads(out.stdout)["verdict"] == "blocked"
    assert out.stderr == (b'rung: warning: unknown member "/assesments" in the case, ignored '
                          b'(--strict makes it an error)\n')
    out = cli("evaluate", "--strict", str(path))
    assert out.returncode == 1 and out.stderr == b""
    error = json.loads(out.stdout)
    assert (error["code"], error["path"], error["document"]) == ("unknown_field", "/assesments", "case")
    py = subprocess.run([sys.executable, "-m", "rung", "evaluate", "--strict", str(path)], capture_output=True)
    assert (py.returncode, json.loads(py.stdout)) == (1, error)
    py = subprocess.run([sys.executable, "-m", "rung", "evaluate", str(path)], capture_output=True)
    assert py.returncode == 0 and b"/assesments" in py.stderr
