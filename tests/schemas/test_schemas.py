# SPDX-License-Identifier: MIT
"""The JSON Schemas of schemas/ against what rung reads and writes.

- The schema files are draft 2020-12 schemas with a description on every
  member and on every allowed value, and defaults that are rung's.
- Every document rung accepts in the repository (examples, test frameworks,
  fixture inputs, conformance inputs) validates against its schema, and every
  report and error rung writes (golden files, the fixtures' outputs, `rung
  batch` over generated cases) validates against report/1, report/2 or error/1.
- What the schemas reject, rung rejects too, with the error code that the
  schema's rule stands for (CODE_OF_KEYWORD): a table of documents written to
  break one rule each, the error fixtures of tests/cases, and generated cases
  broken on purpose.
- rung.schema() returns the files (`rung schema` is checked by
  tests/cli_test.cmake), and docs/documents.md is what
  scripts/documents_md.py writes from them.

Run by ctest (`schemas`) with RUNG_LIBRARY and RUNG_CLI set; Debian's
python3-jsonschema validates.
"""

import copy
import json
import os
import pathlib
import random
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

import rung

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cases"))
from rebase import fixture_framework  # noqa: E402  (the fixture format, read in one place)

REPO = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
EXAMPLES = REPO / "examples"
CASES = REPO / "tests" / "cases"
FRAMEWORKS = REPO / "tests" / "frameworks"


def schema_file(name):
    return REPO / "schemas" / (name.replace("/", "-") + ".schema.json")


SCHEMAS = {name: json.loads(schema_file(name).read_text()) for name in rung.SCHEMAS}
VALIDATORS = {name: Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER)
              for name, s in SCHEMAS.items()}


def strict_json(text):
    """JSON as rung reads it: NaN and Infinity are not JSON (rung: parse_error)."""
    def no_constant(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(text, parse_constant=no_constant)


def schema_name(doc, kind):
    """The schema a `kind` ("framework", "case", "report", "error") document
    claims; version 1 when its `schema` member claims none of this kind."""
    claimed = doc.get("schema") if isinstance(doc, dict) else None
    for version in (1, 2):
        if claimed == f"rung.{kind}/{version}" and f"{kind}/{version}" in SCHEMAS:
            return f"{kind}/{version}"
    return f"{kind}/1"


def schema_errors(doc, kind):
    return list(VALIDATORS[schema_name(doc, kind)].iter_errors(doc))


def assert_valid(doc, kind, where):
    errors = schema_errors(doc, kind)
    assert not errors, f"{where}: {schema_name(doc, kind)}: " + "; ".join(
        f"{pointer(e.absolute_path)}: {e.message[:200]}" for e in errors[:5])


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


# ------------------------------------------------------------ the correspondence

#: The error code rung gives for a value that a JSON Schema keyword rejects.
CODE_OF_KEYWORD = {
    "type": "type_error",              # the wrong JSON type, or null on a required member
    "required": "missing_field",       # also `rater_id` of a stakeholder, `every_months` with `first_decision`
    "anyOf": "missing_field",          # /2: a level's `tracks` or `track`; an evidence item's competencies or criteria
    "additionalProperties": "unknown_field",  # policy keys
    "uniqueItems": "duplicate_id",     # scale labels, a level's tracks, review_scale labels
    "const": "invalid_value",          # `schema`
    "enum": "invalid_value",
    "minimum": "invalid_value",
    "maximum": "invalid_value",
    "exclusiveMinimum": "invalid_value",
    "minItems": "invalid_value",       # a scale of one label, `tracks: []`, `review_scale: []`
    "not": "invalid_value",            # /2 `track` and `tracks` both; all seven days a weekend
    "pattern": "invalid_value",        # a goal's horizon; a blank criterion text or employee name
}


def code_of(error):
    """The error code rung gives for what `error` (a jsonschema error) rejects."""
    if error.validator in ("pattern", "format") and error.schema.get("format") == "date":
        return "invalid_date"      # not YYYY-MM-DD, no such day, or outside 1900-01-01 .. 9000-12-31
    return CODE_OF_KEYWORD[error.validator]


def codes_at(errors, path):
    """The codes of the schema errors at `path` (a JSON Pointer) or above it."""
    return {code_of(e) for e in errors if path == pointer(e.absolute_path)
            or path.startswith(pointer(e.absolute_path) + "/")}


#: What a schema cannot say, which rung checks beyond it: references,
#: uniqueness of ids, the move, and values that depend on the framework.
BEYOND_SCHEMA = {"unknown_reference", "duplicate_id", "invalid_move", "invalid_value"}


def value_at(doc, path):
    for token in path.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


# ------------------------------------------------------------ the schema files

def walk(node, where="#"):
    """Every subschema, with where it is."""
    if isinstance(node, dict):
        yield node, where
        for key, value in node.items():
            if key in ("enum", "const", "default", "enumDescriptions", "required"):
                continue
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{where}/{i}")


@pytest.mark.parametrize("name", rung.SCHEMAS)
def test_schema_file_is_a_2020_12_schema_of_its_document(name):
    schema = SCHEMAS[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"rung.{name}"
    assert schema["$id"] == f"urn:rung:schema:{name}"
    assert schema["properties"]["schema"]["const"] == f"rung.{name}"
    assert "§" not in schema_file(name).read_text() and "SPEC" not in schema_file(name).read_text()


@pytest.mark.parametrize("name", rung.SCHEMAS)
def test_every_member_and_every_allowed_value_is_described(name):
    for node, where in walk(SCHEMAS[name]):
        for member, sub in node.get("properties", {}).items():
            if where.endswith(("/if", "/then", "/not")) or "/anyOf/" in where or "/dependentSchemas/" in where:
                continue  # conditions: the member is described where it is defined
            assert sub.get("description"), f"{name}: {where}/properties/{member} has no description"
        if "enum" in node:
            described = node.get("enumDescriptions", [])
            assert len(described) == len(node["enum"]) and all(described), f"{name}: {where}: enumDescriptions"


@pytest.mark.parametrize("name", ["framework/1", "framework/2"])
def test_policy_defaults_are_valid_and_every_key_has_one(name):
    policy = SCHEMAS[name]["$defs"]["policy"]
    for key, member in policy["properties"].items():
        assert "default" in member, f"policy.{key}"
        resolved = dict(SCHEMAS[name]["$defs"].get(member.get("$ref", "#/$defs/").split("/")[-1], {}))
        resolved.update({k: v for k, v in member.items() if k != "$ref"})
        Draft202012Validator(resolved).validate(member["default"])


def generated(*args):
    return subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), *args], check=True,
                          capture_output=True, text=True).stdout


def test_policy_defaults_are_rungs():
    """A policy that writes every default out gives the same reports as no
    policy at all (the trace shows several of the values too)."""
    for version in ("1", "2"):
        framework = json.loads(generated("framework", "--version", version))
        cases = [json.loads(line) for line in generated("cases", "40", "--seed", "9", "--version", version).splitlines()]
        defaults = {k: v["default"] for k, v in SCHEMAS[f"framework/{version}"]["$defs"]["policy"]["properties"].items()}
        implicit = rung.Engine(json.dumps({**framework, "policy": {}}).encode())
        explicit = rung.Engine(json.dumps({**framework, "policy": defaults}).encode())
        other = rung.Engine(json.dumps({**framework, "policy": {**defaults, "coverage_min": 0.5}}).encode())
        for case in cases:
            text = json.dumps(case).encode()
            assert implicit.evaluate(text, raw=True) == explicit.evaluate(text, raw=True)
        # The comparison can see a difference: the trace carries coverage_min.
        first = json.dumps(cases[0]).encode()
        assert implicit.evaluate(first, raw=True) != other.evaluate(first, raw=True)


# ------------------------------------------------------------ what rung reads and writes validates

IMPORT = REPO / "tests" / "import"
INPUTS = sorted(EXAMPLES.glob("*.json")) + sorted(FRAMEWORKS.glob("*.json")) + sorted(
    p for p in (REPO / "tests" / "conformance").glob("*/*.json") if p.name != "expected.json") + sorted(
    IMPORT.glob("*.json")) + sorted(IMPORT.glob("expected/*.json"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(REPO)))
def test_example_and_test_inputs_validate(path):
    doc = strict_json(path.read_text())
    kind = doc["schema"].removeprefix("rung.").split("/")[0]
    assert kind in ("framework", "case")
    assert_valid(doc, kind, path.name)


GOLDEN = sorted((REPO / "tests" / "golden").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_reports_validate(path):
    doc = strict_json(path.read_text())
    assert doc["schema"].startswith("rung.report/")
    assert_valid(doc, "report", path.name)




def fixture_documents(fixture):
    """The fixture's framework and case texts (tests/cases/README.md)."""
    case = fixture["case_text"] if "case_text" in fixture else json.dumps(fixture["case"])
    return fixture_framework(fixture), case


def parsed(text):
    try:
        return strict_json(text)
    except ValueError:
        return None


FIXTURES = sorted(CASES.glob("*.json"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture(path):
    """A report fixture's documents validate and so does the report rung
    writes for them. An error fixture's error validates against error/1; the
    document in error is rejected by its schema whenever the code is one a
    schema can say, and when the schema rejects it, its rule stands for the
    code rung gives."""
    fixture = json.loads(path.read_text())
    framework_text, case_text = fixture_documents(fixture)
    framework, case = parsed(framework_text), parsed(case_text)
    expected = fixture.get("error")
    strict = fixture.get("strict", False)
    try:
        engine = rung.Engine(framework_text.encode())
        report = engine.evaluate(case_text.encode(), audience=fixture.get("audience", "full"), strict=strict)
        error = None
    except rung.InputError as e:
        report, error = None, json.loads(e.raw)

    if expected is None:
        assert_valid(framework, "framework", "framework")
        assert_valid(case, "case", "case")
        assert report is not None, error
        assert_valid(report, "report", "report")
        assert report["schema"] == "rung.report/" + schema_name(framework, "framework")[-1]
        return

    assert error is not None and error["code"] == expected["code"]
    assert_valid(error, "error", "error")
    assert_valid({"schema": "rung.error/1", **expected, "message": ""}, "error", "the fixture's error")
    if expected["document"] == "case" and framework is not None:
        assert_valid(framework, "framework", "framework")  # rung accepted it
    wrong = framework if expected["document"] == "framework" else case
    if wrong is None:
        assert expected["code"] == "parse_error"
        return
    if strict and expected["code"] == "unknown_field":
        # Strict mode refuses a member the contract does not name; the
        # schemas stay open to them (a plain evaluation only warns).
        value_at(wrong, expected["path"])  # raises unless the member is in the document
        return
    errors = schema_errors(wrong, expected["document"])
    if errors:
        assert expected["code"] in codes_at(errors, expected["path"]), [
            (pointer(e.absolute_path), e.validator) for e in errors]
    elif expected["code"] in ("type_error", "missing_field", "invalid_date", "unknown_field"):
        # JSON Schema cannot tell 2.0 from 2 (both are integers to it); rung
        # wants integers written as integers.
        value = value_at(wrong, expected["path"])
        assert expected["code"] == "type_error" and isinstance(value, float) and value.is_integer(), \
            f"the schema accepts what rung rejects with {expected['code']} at {expected['path']}"
    else:
        assert expected["code"] in BEYOND_SCHEMA | {"limit_exceeded"}


@pytest.mark.parametrize("path", sorted(IMPORT.glob("*.yml")) + sorted(IMPORT.glob("*.md")) + sorted(
    IMPORT.glob("bad/*")), ids=lambda p: str(p.relative_to(IMPORT)))
def test_rung_import_writes_a_framework_2_or_an_error_1(path):
    out = subprocess.run([CLI, "import", "ft" if path.suffix == ".yml" else "monzo", str(path)],
                         capture_output=True, text=True, timeout=60)
    doc = strict_json(out.stdout)
    if path.parent.name == "bad":
        assert out.returncode == 1 and doc["schema"] == "rung.error/1"
        assert_valid(doc, "error", path.name)
    else:
        assert out.returncode == 0 and doc["schema"] == "rung.framework/2"
        assert_valid(doc, "framework", path.name)


# ------------------------------------------------------------ documents the schemas reject

DELETE = object()


def changed(doc, *edits):
    """`doc` with each (JSON Pointer, value) set, or deleted for DELETE."""
    doc = copy.deepcopy(doc)
    for path, value in edits:
        *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]]
        node = doc
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        key = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value
    return doc


def example(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


SEVEN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# Per schema: a valid base document (examples/BASE.json, checked by
# test_example_and_test_inputs_validate) and rows of (the rule broken, the
# edits that break it, rung's code, rung's path).
REJECTED = {
    "framework/1": ("framework", [
        ("type", [("/id", 5)], "type_error", "/id"),
        ("null required", [("/id", None)], "type_error", "/id"),
        ("required", [("/scale", DELETE)], "missing_field", "/scale"),
        ("required in a level", [("/levels/0/track", DELETE)], "missing_field", "/levels/0/track"),
        ("const", [("/schema", "rung.framework/3")], "invalid_value", "/schema"),
        ("minItems", [("/scale", ["only"])], "invalid_value", "/scale"),
        ("uniqueItems", [("/scale", ["low", "high", "low"])], "duplicate_id", "/scale/2"),
        ("enum", [("/policy/agreed_rating", "average")], "invalid_value", "/policy/agreed_rating"),
        ("minimum", [("/policy/cadence_days", 0)], "invalid_value", "/policy/cadence_days"),
        ("maximum", [("/policy/coverage_min", 1.5)], "invalid_value", "/policy/coverage_min"),
        ("exclusiveMinimum", [("/levels/0/expectations/0/weight", 0)], "invalid_value",
         "/levels/0/expectations/0/weight"),
        ("proficiency type", [("/levels/0/expectations/0/level", True)], "type_error",
         "/levels/0/expectations/0/level"),
        ("additionalProperties", [("/policy/coverage_mn", 0.7)], "unknown_field", "/policy/coverage_mn"),
        ("review_scale minItems", [("/policy/review_scale", [])], "invalid_value", "/policy/review_scale"),
        ("review_scale uniqueItems", [("/policy/review_scale", ["low", "meets", "low"])], "duplicate_id",
         "/policy/review_scale/2"),
        ("x- key in a /1 policy", [("/policy/x-source", "hr")], "unknown_field", "/policy/x-source"),
        ("date pattern", [("/calendar/cycles/0/decision", "2027-3-15")], "invalid_date",
         "/calendar/cycles/0/decision"),
        ("date format", [("/calendar/holidays/0", "2027-02-29")], "invalid_date", "/calendar/holidays/0"),
        ("date range", [("/calendar/holidays/0", "1899-12-31")], "invalid_date", "/calendar/holidays/0"),
        ("dependentSchemas", [("/calendar/first_decision", "2027-03-15")], "missing_field",
         "/calendar/every_months"),
        ("not: a week of weekend", [("/calendar/weekend", SEVEN_DAYS)], "invalid_value", "/calendar/weekend"),
        ("weekday enum", [("/calendar/weekend", ["Sat", "sun"])], "invalid_value", "/calendar/weekend/1"),
    ]),
    "framework/2": ("framework-v2", [
        ("anyOf: neither track nor tracks", [("/levels/2/track", DELETE)], "missing_field", "/levels/2/tracks"),
        ("not: track and tracks", [("/levels/2/tracks", ["ic"])], "invalid_value", "/levels/2/tracks"),
        ("minItems", [("/levels/0/tracks", [])], "invalid_value", "/levels/0/tracks"),
        ("uniqueItems", [("/levels/0/tracks", ["ic", "ic"])], "duplicate_id", "/levels/0/tracks/1"),
        ("gate enum", [("/levels/4/gate", "closed")], "invalid_value", "/levels/4/gate"),
        ("blank criterion text", [("/levels/2/expectations/0/criteria/0/text", " \t")], "invalid_value",
         "/levels/2/expectations/0/criteria/0/text"),
        ("criterion required", [("/levels/2/expectations/0/criteria/0/id", DELETE)], "missing_field",
         "/levels/2/expectations/0/criteria/0/id"),
        ("additionalProperties", [("/policy/anonymity", 2)], "unknown_field", "/policy/anonymity"),
        ("anonymity_min minimum", [("/policy/anonymity_min", 0)], "invalid_value", "/policy/anonymity_min"),
        ("credit enum", [("/policy/credit", "some")], "invalid_value", "/policy/credit"),
        ("name type", [("/name", ["Fernhill"])], "type_error", "/name"),
    ]),
    "case/1": ("close", [
        ("required", [("/as_of", DELETE)], "missing_field", "/as_of"),
        ("null required", [("/employee", None)], "type_error", "/employee"),
        ("required in employee", [("/employee/level", DELETE)], "missing_field", "/employee/level"),
        ("const", [("/schema", "rung.case/9")], "invalid_value", "/schema"),
        ("date format", [("/as_of", "2026-02-30")], "invalid_date", "/as_of"),
        ("date type", [("/feedback/0/date", 20261020)], "type_error", "/feedback/0/date"),
        ("rater enum", [("/assessments/0/rater", "peer")], "invalid_value", "/assessments/0/rater"),
        ("then: a stakeholder's rater_id", [("/assessments/0/rater", "stakeholder")], "missing_field",
         "/assessments/0/rater_id"),
        ("proficiency minimum", [("/assessments/0/level", -1)], "invalid_value", "/assessments/0/level"),
        ("proficiency type", [("/assessments/0/level", [3])], "type_error", "/assessments/0/level"),
        ("visibility enum", [("/evidence/0/visibility", "public")], "invalid_value", "/evidence/0/visibility"),
        ("required competencies in /1", [("/evidence/0/competencies", DELETE)], "missing_field",
         "/evidence/0/competencies"),
        ("progress maximum", [("/plan/milestones/0/progress/0/value", 1.2)], "invalid_value",
         "/plan/milestones/0/progress/0/value"),
        ("horizon pattern", [("/plan/goals/0/horizon", "0m")], "invalid_value", "/plan/goals/0/horizon"),
        ("done type", [("/plan/milestones/0/done", "yes")], "type_error", "/plan/milestones/0/done"),
        ("blocker text", [("/checkins/0/blockers/0/text", DELETE)], "missing_field", "/checkins/0/blockers/0/text"),
        ("channel enum", [("/feedback/0/channel", "email")], "invalid_value", "/feedback/0/channel"),
        ("review date", [("/employee/last_review/date", "15/04/2026")], "invalid_date",
         "/employee/last_review/date"),
    ]),
    "case/2": ("v2-partial", [
        ("blank name", [("/employee/name", "  ")], "invalid_value", "/employee/name"),
        ("anyOf: no competency nor criterion", [("/evidence/0/competencies", []), ("/evidence/0/criteria", DELETE)],
         "missing_field", "/evidence/0/competencies"),
        ("criteria type", [("/evidence/0/criteria", "s3-craft-review")], "type_error", "/evidence/0/criteria"),
        ("track type", [("/employee/track", 2)], "type_error", "/employee/track"),
    ]),
}


def rung_error(kind, doc):
    """rung's error for `doc` (a framework, or a case against its example framework)."""
    try:
        if kind.startswith("framework"):
            rung.Engine(json.dumps(doc).encode())
        else:
            framework = EXAMPLES / ("framework-v2.json" if kind == "case/2" else "framework.json")
            rung.Engine(framework).evaluate(json.dumps(doc).encode())
    except rung.InputError as e:
        return e.code, e.path
    return None


@pytest.mark.parametrize("kind,base,edits,code,path", [
    pytest.param(kind, base, edits, code, path, id=f"{kind}: {title}")
    for kind, (base, rows) in REJECTED.items() for title, edits, code, path in rows])
def test_what_the_schema_rejects_rung_rejects_with_the_code_of_its_rule(kind, base, edits, code, path):
    doc = changed(example(base), *edits)
    errors = schema_errors(doc, kind.split("/")[0])
    assert errors, f"{kind} accepts it"
    assert code in codes_at(errors, path), [(pointer(e.absolute_path), e.validator) for e in errors]
    assert rung_error(kind, doc) == (code, path)


@pytest.mark.parametrize("kind,base,edits", [
    ("framework/2", "framework-v2", [("/policy/x-source", "hr"), ("/x-owner", {"team": 7})]),
    ("framework/1", "framework", [("/levels/0/name", None), ("/policy/max_goals", None), ("/x-owner", 1)]),
    ("case/1", "close", [("/assesments", []), ("/employee/target", None), ("/x-row", 12)]),
    ("case/2", "v2-partial", [("/evidence/0/x-ref", "jira-1"), ("/plan/milestones/0/done", None)]),
])
def test_what_the_schema_accepts_beside_the_contract_rung_accepts(kind, base, edits):
    """Unknown members, `x-` extensions and null optional members."""
    doc = changed(example(base), *edits)
    assert_valid(doc, kind.split("/")[0], kind)
    assert rung_error(kind, doc) is None


# ------------------------------------------------------------ generated cases through `rung batch`

def break_case(case, rnd):
    """Half the cases as they are, the others with one of a few edits:
    (the case, what was done)."""
    if rnd.random() < 0.5:
        return case, "none"
    edits = [
        ("unknown member", [("/assesments", [])]),
        ("extension", [("/x-source", {"system": "hris"})]),
        ("missing level", [("/employee/level", DELETE)]),
        ("impossible date", [("/as_of", "2026-02-29")]),
        ("boolean proficiency", [("/assessments/0/level", True)]),
        ("unknown visibility", [("/evidence/0/visibility", "public")]),
        ("progress over 1", [("/plan/milestones/0/progress/0/value", 1.5)]),
        ("numeric check-in partner", [("/checkins/0/with", 7)]),
        ("unknown competency", [("/assessments/0/competency", "juggling")]),
        ("stakeholder without id", [("/assessments/0/rater", "stakeholder"), ("/assessments/0/rater_id", DELETE)]),
        ("unknown review rating", [("/employee/last_review/rating", "stellar")]),
    ]
    title, edit = edits[rnd.randrange(len(edits))]
    if any(p.startswith("/assessments/0/rater_id") for p, _ in edit) and "rater_id" not in case["assessments"][0]:
        edit = edit[:1]
    return changed(case, *edit), title


def batch(framework, cases, tmp_path, name):
    (tmp_path / f"{name}.json").write_text(json.dumps(framework))
    (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases))
    out = subprocess.run([CLI, "batch", "--threads", "2", "--framework", str(tmp_path / f"{name}.json"),
                          str(tmp_path / f"{name}.jsonl")], capture_output=True, text=True, timeout=300)
    lines = out.stdout.splitlines()
    assert len(lines) == len(cases)
    results = [strict_json(line) for line in lines]
    # 0 when every line gave a report, 1 when any was an input error.
    assert out.returncode == (1 if any(r["schema"] == "rung.error/1" for r in results) else 0), out.stderr
    return results


@pytest.mark.parametrize("version", ["1", "2"])
def test_batch_over_generated_cases(version, tmp_path):
    """Reports validate against the framework's report schema and errors
    against error/1; a case the case schema rejects is an error line whose
    code is its rule's, and a case it accepts is a report or an error the
    schema cannot see (a reference, a rating not in the review scale)."""
    framework = json.loads(generated("framework", "--version", version))
    rnd = random.Random(16)
    cases = [json.loads(line) for line in generated("cases", "150", "--seed", "16", "--version", version).splitlines()]
    if version == "2":  # /1 cases against a /2 framework too, those whose levels it has
        levels = {level["id"] for level in framework["levels"]}
        cases += [c for c in map(json.loads, generated("cases", "80", "--seed", "17").splitlines())
                  if {c["employee"]["level"], c["employee"].get("target", c["employee"]["level"])} <= levels]
    broken = [break_case(c, rnd) for c in cases]
    outputs = batch(framework, [c for c, _ in broken], tmp_path, f"v{version}")
    kinds = {"report": 0, "error": 0}
    for i, ((case, title), out) in enumerate(zip(broken, outputs), start=1):
        errors = schema_errors(case, "case")
        if out["schema"] == "rung.error/1":
            kinds["error"] += 1
            assert_valid(out, "error", f"line {i}")
            assert out["line"] == i
            if errors:
                assert out["code"] in codes_at(errors, out["path"]), (title, out)
            else:
                assert out["code"] in BEYOND_SCHEMA, (title, out)
        else:
            kinds["report"] += 1
            assert out["schema"] == f"rung.report/{version}"
            assert_valid(out, "report", f"line {i} ({title})")
            assert not errors, (title, [e.message for e in errors])
    assert kinds["report"] > len(cases) / 3 and kinds["error"] > len(cases) / 4, kinds


# ------------------------------------------------------------ the surfaces

@pytest.mark.parametrize("name", rung.SCHEMAS)
def test_python_schema_is_the_file(name):
    assert rung.schema(name) == SCHEMAS[name]
    assert rung.schema(f"rung.{name}") == SCHEMAS[name]


@pytest.mark.parametrize("name", ["", "case", "case/3", "rung.", "schemas/case-2.schema.json", "case/2\0"])
def test_python_schema_refuses_other_names(name):
    with pytest.raises(ValueError, match="case/2"):
        rung.schema(name)


def test_cli_lists_the_names_python_knows():
    out = subprocess.run([CLI, "schema"], capture_output=True, text=True, check=True).stdout
    assert out.split() == list(rung.SCHEMAS)


def test_documents_md_is_generated_from_the_schemas():
    page = subprocess.run([sys.executable, str(REPO / "scripts" / "documents_md.py")], capture_output=True,
                          text=True, check=True).stdout
    assert "§" not in page and "SPEC" not in page
    assert page == (REPO / "docs" / "documents.md").read_text(), \
        "docs/documents.md is stale: /usr/bin/python3 scripts/documents_md.py > docs/documents.md"
    for name in rung.SCHEMAS:  # every schema has its section, every member its row
        assert f"\n## rung.{name}\n" in page
        for node, _ in walk(SCHEMAS[name]):
            for member in node.get("properties", {}):
                assert f".{member}` |" in page or f"| `{member}` |" in page, member
