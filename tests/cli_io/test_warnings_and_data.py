# SPDX-License-Identifier: MIT
"""Warnings, strict mode and the data outputs of the command line
(docs/rules.md, "Warnings and strict mode"; docs/data-outputs.md): every
expected value below is worked by hand from the documents written here."""

import json
import os
import pathlib
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
IGNORED = b"ignored (--strict makes it an error)"


def rung(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=120)


def typo_line(employee: str) -> bytes:
    # examples/close.json with "assessments" misspelt: no rating counts, E3's
    # expectations are unassessed, current coverage 0 fails T1: blocked.
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["assesments"] = case.pop("assessments")
    case["employee"]["id"] = employee
    return json.dumps(case).encode()


def test_batch_warns_on_stderr_a_bounded_number_of_times():
    stdin = b"".join(typo_line(f"e-{i}") + b"\n" for i in range(25))
    out = rung("batch", "--no-progress", "-", stdin=stdin)
    assert out.returncode == 0
    assert [json.loads(x)["verdict"] for x in out.stdout.splitlines()] == ["blocked"] * 25
    err = out.stderr.decode().splitlines()
    # 20 warning lines (kMaxWarningLines), one note, the summary.
    assert err[:20] == [f'rung: line {n}: warning: unknown member "/assesments" in the case, {IGNORED.decode()}'
                        for n in range(1, 21)]
    assert err[20] == "rung: further warnings are not shown (the summary counts the reports with warnings)"
    assert err[21].startswith("rung batch: 25 cases (ready 0, close 0, not_ready 0, blocked 25, no_target 0), "
                              "0 errors, 25 with warnings, ")
    assert len(err) == 22
    # Strict: each line is its error document, and no warning.
    out = rung("batch", "--no-progress", "--strict", "-", stdin=stdin[: len(stdin) // 25 * 2])
    assert out.returncode == 1  # every line written, some were input errors
    assert [(e["code"], e["path"], e["line"]) for e in map(json.loads, out.stdout.splitlines())] == \
        [("unknown_field", "/assesments", 1), ("unknown_field", "/assesments", 2)]
    assert b"warning" not in out.stderr and b"2 errors" in out.stderr


def test_a_framework_member_is_warned_once_or_an_error_under_strict(tmp_path):
    framework = json.loads((EXAMPLES / "framework.json").read_text())
    framework["notes"] = "kept by the platform"
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(framework))
    close = (EXAMPLES / "close.json").read_bytes().replace(b"\n", b" ") + b"\n"
    out = rung("batch", "--no-progress", "--framework", str(path), "-", stdin=close * 3)
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 3
    assert out.stderr.count(b"warning") == 1
    assert out.stderr.startswith(b'rung: warning: unknown member "/notes" in the framework, ' + IGNORED + b"\n")
    for args in (["batch", "--no-progress", "--strict", "--framework", str(path), "-"],
                 ["evaluate", "--strict", "--framework", str(path), "-"],
                 ["check-framework", "--strict", str(path)]):
        out = rung(*args, stdin=close)
        assert out.returncode == 1, args
        error = json.loads(out.stdout)
        assert (error["document"], error["code"], error["path"]) == ("framework", "unknown_field", "/notes")


# A /2 framework with one of each lint and two unknown members (text order:
# /levels/0/nmae, then /notes).
LINT_FRAMEWORK = {
    "schema": "rung.framework/2", "id": "lintme", "name": "Lint me", "scale": ["no", "yes"],
    "competencies": [{"id": "a", "name": "Alpha"}, {"id": "b"}, {"id": "c"}],
    "levels": [
        {"id": "L1", "nmae": "typo", "tracks": ["ic", "mgr"], "rank": 1,
         "expectations": [{"competency": "a", "level": 1}]},
        {"id": "L2", "track": "ic", "rank": 2, "expectations": [
            {"competency": "a", "level": 1,
             "criteria": [{"id": "a-1", "text": "Ships"}, {"id": "a-2", "text": "ships "}]}]},
        {"id": "L3", "track": "ic", "rank": 3, "expectations": []},
        {"id": "V4", "track": "staff", "rank": 4, "gate": "vacancy",
         "expectations": [{"competency": "c", "level": 1}]}],
    "calendar": {"cycles": [{"id": "c1", "decision": "2026-06-01", "effective": "2026-07-01"},
                            {"id": "c2", "decision": "2026-12-01"}]},
    "notes": "n",
}

UNKNOWN = "a member the contract does not name: ignored (--strict makes it an error)"
LINTS = [
    {"code": "unknown_member", "path": "/levels/0/nmae", "message": UNKNOWN},
    {"code": "unknown_member", "path": "/notes", "message": UNKNOWN},
    # b is in no level's expectations.
    {"code": "unused_competency", "path": "/competencies/1", "message": 'competency "b" is expected by no level'},
    # L3: rank 3 > the lowest rank 1, no expectations.
    {"code": "empty_level", "path": "/levels/2/expectations",
     "message": 'level "L3" (rank 3) has no expectations: every promotion into it has coverage 1'},
    # (no_decision_ahead comes here with --as-of after 2026-12-01)
    # "ships " is "Ships" trimmed and lower-cased, in the same level.
    {"code": "duplicate_criterion_text", "path": "/levels/1/expectations/0/criteria/1/text",
     "message": 'criterion "a-2" says the same as "a-1" in level "L2" (rank 2)'},
    # V4 is alone on "staff": no level below it on its track.
    {"code": "unreachable_gated_level", "path": "/levels/3/gate",
     "message": 'level "V4" (rank 4), gate vacancy, is nobody\'s automatic target: only an explicit '
                "employee.target reaches it"},
]


def test_check_framework_json_worked_by_hand(tmp_path):
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(LINT_FRAMEWORK))
    out = rung("check-framework", "--format", "json", str(path))
    assert out.returncode == 0 and out.stderr == b""  # lints never change the exit status
    assert json.loads(out.stdout) == {
        "schema": "rung.framework-check/1", "framework": "lintme", "version": 2, "name": "Lint me", "as_of": None,
        "scale": ["no", "yes"],
        "competencies": [{"id": "a", "name": "Alpha", "levels": ["L1", "L2"]},
                         {"id": "b", "name": None, "levels": []},
                         {"id": "c", "name": None, "levels": ["V4"]}],
        # Tracks in the order they first appear, each lowest rank first.
        "tracks": [{"id": "ic", "levels": ["L1", "L2", "L3"]}, {"id": "mgr", "levels": ["L1"]},
                   {"id": "staff", "levels": ["V4"]}],
        "trunk": ["L1"],
        "levels": [
            {"id": "L1", "name": None, "tracks": ["ic", "mgr"], "rank": 1, "gate": "open", "expectations": 1,
             "criteria": 0},
            {"id": "L2", "name": None, "tracks": ["ic"], "rank": 2, "gate": "open", "expectations": 1, "criteria": 2},
            {"id": "L3", "name": None, "tracks": ["ic"], "rank": 3, "gate": "open", "expectations": 0, "criteria": 0},
            {"id": "V4", "name": None, "tracks": ["staff"], "rank": 4, "gate": "vacancy", "expectations": 1,
             "criteria": 0}],
        # c2 has no `effective`: effective_after_days (default 0) after its decision.
        "cycles": [{"id": "c1", "decision": "2026-06-01", "effective": "2026-07-01"},
                   {"id": "c2", "decision": "2026-12-01", "effective": "2026-12-01"}],
        "warnings": LINTS,
    }
    # --as-of: only the cycles deciding on or after it; none after 2026-12-01.
    doc = json.loads(rung("check-framework", "--format", "json", "--as-of", "2026-12-01", str(path)).stdout)
    assert [c["id"] for c in doc["cycles"]] == ["c2"] and doc["warnings"] == LINTS
    doc = json.loads(rung("check-framework", "--format", "json", "--as-of", "2026-12-02", str(path)).stdout)
    assert doc["as_of"] == "2026-12-02" and doc["cycles"] == []
    assert doc["warnings"] == LINTS[:4] + [
        {"code": "no_decision_ahead", "path": "/calendar",
         "message": "no cycle decides on or after 2026-12-02: no report can find a target cycle"}] + LINTS[4:]
    # The text format lists the same warnings last.
    text = rung("check-framework", str(path)).stdout.decode()
    assert text.startswith("framework lintme: valid\n")
    assert text.endswith("  warnings: 6\n" + "".join(f"    {w['path']}: {w['message']} [{w['code']}]\n" for w in LINTS))
    # A framework without a warning prints no such section.
    assert b"warnings" not in rung("check-framework", str(EXAMPLES / "framework.json")).stdout


REPORTS = [
    # e-1, replaced below by a later as_of.
    {"schema": "rung.report/1", "employee": "e-1", "as_of": "2026-10-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "not_ready", "coverage": 0.5, "timeline": {"target_cycle": None},
     "gaps": [{"competency": "design", "priority": 4}], "expectations": [], "followup": {"overdue_days": 0}},
    {"schema": "rung.report/1", "employee": "e-2", "as_of": "2026-11-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "close", "coverage": 0.7, "timeline": {"target_cycle": None},
     "gaps": [{"competency": "ops", "priority": 1}],
     "expectations": [{"competency": "ops", "flags": ["blind_spot"]}],
     "followup": {"overdue_days": 5, "next_due": "2026-10-27"}},
    {"schema": "rung.report/1", "employee": "e-1", "as_of": "2026-11-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "ready", "coverage": 1, "timeline": {"target_cycle": "2027-H1"}, "gaps": [], "expectations": [],
     "followup": {"overdue_days": 0}},
    {"schema": "rung.error/1", "document": "case", "code": "parse_error", "path": "", "message": "m", "line": 4},
    # e-1 again, older: dropped, e-1 stays ready.
    {"schema": "rung.report/1", "employee": "e-1", "as_of": "2026-09-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "blocked", "coverage": 0, "timeline": {"target_cycle": None}, "gaps": [], "expectations": [],
     "followup": {"overdue_days": 9, "next_due": "2026-08-23"}},
    # e-3 twice on the same as_of: the later line wins.
    {"schema": "rung.report/1", "employee": "e-3", "as_of": "2026-11-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "blocked", "coverage": 0, "timeline": {"target_cycle": None},
     "gaps": [{"competency": "design", "priority": 2}, {"competency": "ops", "priority": 3}], "expectations": [],
     "followup": {"overdue_days": 0}},
    {"schema": "rung.report/1", "employee": "e-3", "as_of": "2026-11-01", "move": {"from": "E3", "to": "E4"},
     "verdict": "not_ready", "coverage": 0.4, "timeline": {"target_cycle": "2027-H2"},
     "gaps": [{"competency": "design", "priority": 1}], "expectations": [], "followup": {"overdue_days": 0}},
    {"schema": "rung.report/2", "employee": "e-0", "as_of": "2026-11-01", "move": {"from": "P2", "to": "S3"},
     "verdict": "close", "coverage": 0.75, "timeline": {"target_cycle": "2027-H2"},
     "gaps": [{"competency": "craft", "priority": 1, "criteria": []},
              {"competency": "design", "priority": 2, "criteria": ["d-1", "d-2"]}],
     "expectations": [{"competency": "craft", "status": "emerging", "flags": []}],
     "followup": {"overdue_days": 0}},
]


def test_summarize_json_one_entry_per_employee(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in REPORTS[:3]) + "\n\n" +
                    "\n".join(json.dumps(r) for r in REPORTS[3:]) + "\n")
    out = rung("summarize", "--format", "json", str(path))
    assert out.returncode == 0
    assert json.loads(out.stdout) == {
        "schema": "rung.team/1", "cases": 4, "errors": 1, "duplicates_dropped": 3,
        "by_verdict": {"ready": ["e-1"], "close": ["e-0", "e-2"], "not_ready": ["e-3"], "blocked": [],
                       "no_target": []},
        "by_cycle": [{"cycle": "2027-H1", "people": ["e-1"]}, {"cycle": "2027-H2", "people": ["e-0", "e-3"]},
                     {"cycle": None, "people": ["e-2"]}],
        "people": [
            {"employee": "e-0", "as_of": "2026-11-01", "verdict": "close", "from": "P2", "to": "S3", "coverage": 0.75,
             "target_cycle": "2027-H2", "gaps": 2, "overdue_days": 0},
            {"employee": "e-1", "as_of": "2026-11-01", "verdict": "ready", "from": "E3", "to": "E4", "coverage": 1,
             "target_cycle": "2027-H1", "gaps": 0, "overdue_days": 0},
            {"employee": "e-2", "as_of": "2026-11-01", "verdict": "close", "from": "E3", "to": "E4", "coverage": 0.7,
             "target_cycle": None, "gaps": 1, "overdue_days": 5},
            {"employee": "e-3", "as_of": "2026-11-01", "verdict": "not_ready", "from": "E3", "to": "E4",
             "coverage": 0.4, "target_cycle": "2027-H2", "gaps": 1, "overdue_days": 0}],
        # Kept reports only: design e-0 2 + e-3 1; craft e-0 1; ops e-2 1 (tied with craft: by id).
        "gaps": [{"competency": "design", "count": 2, "priority": 3}, {"competency": "craft", "count": 1, "priority": 1},
                 {"competency": "ops", "count": 1, "priority": 1}],
        "blind_spots": [{"competency": "ops", "count": 1}],
        "emerging": [{"competency": "craft", "count": 1}],
        "criteria_gaps": [{"competency": "design", "count": 1, "criteria": 2}],
        "overdue": [{"employee": "e-2", "days": 5, "next_due": "2026-10-27"}],
    }
    text = rung("summarize", str(path)).stdout.decode()
    assert text.startswith("Team view: 4 cases, 1 input errors, 3 duplicates dropped "
                           "(the latest report of each person counts)\n")
    # Without reports: an empty view, still a document.
    assert json.loads(rung("summarize", "--format", "json", "-", stdin=b"").stdout) == {
        "schema": "rung.team/1", "cases": 0, "errors": 0, "duplicates_dropped": 0,
        "by_verdict": {"ready": [], "close": [], "not_ready": [], "blocked": [], "no_target": []}, "by_cycle": [],
        "people": [], "gaps": [], "blind_spots": [], "emerging": [], "criteria_gaps": [], "overdue": []}
