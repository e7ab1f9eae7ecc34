# SPDX-License-Identifier: MIT
"""The documents for people (--format text|markdown|html|ics) and the team
view (rung summarize). Golden files in tests/golden/ were read against each
example's report by hand; regenerate them only after reading the diff:
    for f in ready close blocked; do build/release/rung evaluate --format text examples/$f.json > tests/golden/$f.txt; done
(and likewise markdown -> .md, html -> .html, ics -> .ics). The version-2
examples (examples/framework-v2.json and examples/v2-*.json, worked by hand
in docs/v2-example.md) have goldens tests/golden/v2-NAME.{json,txt,md,html,ics}:
    for f in choose-track emerging partial; do build/release/rung evaluate --framework examples/framework-v2.json \
        --format json examples/v2-$f.json > tests/golden/v2-$f.json; done"""

import datetime
import json
import os
import pathlib
import pty
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import icalendar
import pytest

import rung

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden"
CLI = os.environ.get("RUNG_CLI", str(REPO / "build" / "release" / "rung"))
FORMATS = {"text": "txt", "markdown": "md", "html": "html", "ics": "ics"}
CASES = ["ready", "close", "blocked"]
FRAMEWORK_V2 = EXAMPLES / "framework-v2.json"
V2_CASES = ["choose-track", "emerging", "partial"]
V2_FORMATS = {"json": "json", **FORMATS}


@pytest.fixture(scope="module")
def engine():
    return rung.Engine()


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_files_cli_and_python_agree(engine, name, fmt):
    golden = (GOLDEN / f"{name}.{FORMATS[fmt]}").read_bytes()
    cli = subprocess.run([CLI, "evaluate", "--format", fmt, str(EXAMPLES / f"{name}.json")], capture_output=True)
    assert cli.returncode == 0
    assert cli.stdout == golden
    assert engine.evaluate(EXAMPLES / f"{name}.json", format=fmt).encode() == golden


@pytest.fixture(scope="module")
def engine_v2():
    return rung.Engine(FRAMEWORK_V2)


# The /2 golden files: the examples, and tests/golden/cases (a blocked, a
# private-evidence and a non-ASCII case, tests/python/test_explain.py).
V2_GOLDEN = [(name, EXAMPLES / f"v2-{name}.json") for name in V2_CASES] + \
    [(name, GOLDEN / "cases" / f"v2-{name}.json") for name in ("blocked", "private", "unicode")]


@pytest.mark.parametrize("name, case", V2_GOLDEN, ids=[name for name, _ in V2_GOLDEN])
@pytest.mark.parametrize("fmt", V2_FORMATS)
def test_v2_golden_files_cli_and_python_agree(engine_v2, name, case, fmt):
    golden = (GOLDEN / f"v2-{name}.{V2_FORMATS[fmt]}").read_bytes()
    cli = subprocess.run([CLI, "evaluate", "--framework", str(FRAMEWORK_V2), "--format", fmt, str(case)],
                         capture_output=True)
    assert cli.returncode == 0
    assert cli.stdout == golden
    if fmt == "json":
        assert engine_v2.evaluate(case, raw=True, pretty=True) + b"\n" == golden
    else:
        assert engine_v2.evaluate(case, format=fmt).encode() == golden


def test_v2_examples_key_results_worked_by_hand(engine_v2):
    # docs/v2-example.md works each of these out by hand.
    choose = engine_v2.evaluate(EXAMPLES / "v2-choose-track.json")
    assert choose["schema"] == "rung.report/2" and choose["verdict"] == "no_target"
    assert choose["coverage"] is None and choose["move"] == {"from": "P2", "to": None, "kind": None, "gate": None}
    assert [(s["id"], s["detail"]) for s in choose["signals"]] == [("choose_track", "choose a track: S3 (ic), M3 (manager)")]
    assert choose["followup"]["schedule"] == ["2026-12-02", "2027-01-04", "2027-02-01", "2027-03-02"]

    emerging = engine_v2.evaluate(EXAMPLES / "v2-emerging.json")
    assert emerging["verdict"] == "close" and emerging["move"]["to"] == "S4"
    assert emerging["coverage"] == pytest.approx(5.5 / 7.5)
    by = {x["competency"]: x for x in emerging["expectations"]}
    assert [x["status"] for x in emerging["expectations"]] == ["met", "emerging", "met", "met", "met", "met"]
    assert by["design"]["sustained_since"] == "2026-10-01" and by["design"]["credit"] == 0
    assert by["design"]["criteria_met"] == 1
    assert by["collaboration"]["stakeholders"] is None and by["collaboration"]["stakeholder_raters"] == 2
    assert by["delivery"]["stakeholders"] == 3 and by["delivery"]["agreed"] == 3
    assert emerging["gaps"] == [{"competency": "design", "kind": "emerging", "size": 1, "priority": 4,
                                 "addressed": True, "criteria": []}]
    assert emerging["timeline"]["projected_ready"] == "2026-12-30"
    assert emerging["timeline"]["target_cycle"] == "2027-H1"

    partial = engine_v2.evaluate(EXAMPLES / "v2-partial.json")
    assert partial["verdict"] == "close" and partial["move"]["gate"] == "application"
    assert partial["coverage"] == pytest.approx(3.75 / 5.5)
    assert [(x["competency"], x["status"], x["criteria_met"], x["credit"]) for x in partial["expectations"]] == [
        ("delivery", "evidence_gap", 0.5, 0.5), ("operations", "met", None, 1),
        ("people", "met", pytest.approx(2 / 3), 1), ("collaboration", "evidence_gap", 0, 0), ("craft", "met", None, 1)]
    assert [(g["competency"], g["criteria"]) for g in partial["gaps"]] == [
        ("delivery", ["m3-delivery-health"]), ("collaboration", ["m3-collab-partners", "m3-collab-conflict"])]
    assert partial["timeline"]["projected_ready"] == "2027-03-31"
    assert partial["timeline"]["requested_cycle"]["causes"] == ["readiness"]
    assert {"kind": "gate", "ref": "application"} in partial["followup"]["agenda"]


def test_v2_people_outputs_show_criteria_names_and_dates():
    md = (GOLDEN / "v2-partial.md").read_text()
    assert md.startswith("# Promotion case: Sam Okonkwo (e-sam)\n")
    assert "→ Engineering Manager (M3), promotion, through an application |" in md
    assert "  - Tracks delivery health and acts before dates slip — **not shown yet**\n" in md
    assert ("  - Keeps a team plan that stakeholders can rely on — shown by Quarterly team plan, reviewed with product "
            "every month `ev-50`\n") in md
    assert "- Credit towards coverage: 50.0% of its weight (partial credit for the criteria shown)\n" in md
    emerging = (GOLDEN / "v2-emerging.md").read_text()
    assert "- Emerging: held since 2026-10-01, counts from 2026-12-30\n" in emerging
    assert "stakeholders - (2 raters; shown from 3)" in emerging
    text = (GOLDEN / "v2-emerging.txt").read_text()
    assert "        statements shown 3 of 3; emerging: held since 2026-10-01, counts from\n          2026-12-30\n" in text
    assert re.findall(r"^        statements shown (\d of \d).*$", (GOLDEN / "v2-partial.txt").read_text(), re.M) == [
        "1 of 2", "2 of 3", "0 of 2"]
    assert ("Move: Engineer II (P2) -> Engineering Manager (M3), promotion, through an\n      application\n"
            in (GOLDEN / "v2-partial.txt").read_text())
    for name in V2_CASES:
        assert max(len(line) for line in (GOLDEN / f"v2-{name}.txt").read_text().splitlines()) <= 80
    html = (GOLDEN / "v2-partial.html").read_text()
    assert "<h1>Promotion case: Sam Okonkwo (e-sam)</h1>" in html
    assert "Tracks delivery health and acts before dates slip &#8212; <span class=\"gap\">not shown yet</span>" in html
    cal = icalendar.Calendar.from_ical((GOLDEN / "v2-emerging.ics").read_bytes())
    sustained = [e for e in cal.walk("VEVENT") if str(e["UID"]) == "e-ingrid.sustained-design@rung"]
    assert [e.decoded("DTSTART").isoformat() for e in sustained] == ["2026-12-30"]
    assert str(cal["X-WR-CALNAME"]) == "rung: Ingrid Solberg"


def test_v2_names_and_criteria_are_escaped(engine_v2):
    case = json.loads((EXAMPLES / "v2-partial.json").read_text())
    case["employee"]["name"] = "<b>Sam</b> | *x* \u001b[2J"
    case["evidence"][0]["title"] = "<script>plan</script> | `x`"
    html = engine_v2.evaluate(case, format="html")
    assert "<b>Sam</b>" not in html and "&lt;b&gt;Sam&lt;/b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;plan&lt;/script&gt;" in html
    md = engine_v2.evaluate(case, format="markdown")
    assert "# Promotion case: \\<b\\>Sam\\</b\\> \\| \\*x\\* \ufffd\\[2J (e-sam)" in md
    assert "shown by \\<script\\>plan\\</script\\> \\| \\`x\\` `ev-50`" in md
    for fmt in FORMATS:
        out = engine_v2.evaluate(case, format=fmt)
        assert "\u001b" not in out


def test_v2_check_framework_shows_trunk_split_gates_and_criteria():
    out = subprocess.run([CLI, "check-framework", str(FRAMEWORK_V2)], capture_output=True, check=True, text=True).stdout
    assert out.startswith("framework fernhill-eng: valid\n  name: Fernhill engineering ladder\n")
    assert "  trunk (levels on more than one track): P1 (1), P2 (2) on ic, manager\n" in out
    assert "  tracks split after P2 (2): ic -> S3 (3); manager -> M3 (3)\n" in out
    assert "    S3 (3): 6 expectations, 9 criteria on 4 of them\n" in out
    assert "    M3 (3): 5 expectations, 7 criteria on 3 of them, gate application\n" in out
    assert "  criteria: 25 in all\n" in out
    v1 = subprocess.run([CLI, "check-framework", str(EXAMPLES / "framework.json")], capture_output=True, check=True,
                        text=True).stdout
    assert "trunk" not in v1 and "criteria" not in v1 and "name:" not in v1


def test_summarize_counts_v2_reports_worked_by_hand(tmp_path):
    lines = [json.dumps(json.loads((EXAMPLES / f"v2-{n}.json").read_text())) for n in V2_CASES]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    batch = subprocess.run([CLI, "batch", "--no-progress", "--framework", str(FRAMEWORK_V2), str(src)],
                           capture_output=True, check=True).stdout
    (tmp_path / "reports.jsonl").write_bytes(batch)
    out = subprocess.run([CLI, "summarize", str(tmp_path / "reports.jsonl")], capture_output=True, check=True,
                         text=True).stdout
    # close: emerging and partial; no_target: choose-track.
    assert re.search(r"ready\s+0\n\s+close\s+2\n\s+not_ready\s+0\n\s+blocked\s+0\n\s+no_target\s+1", out)
    # One emerging expectation (design, in emerging); two criteria gaps in partial: delivery (1 criterion not
    # shown), collaboration (2).
    assert "Emerging expectations by competency (1 in all; level reached, not yet held long enough)\n  design" in out
    assert re.search(r"Criteria gaps by competency \(2 in all; count, criteria not shown\)\n"
                     r"\s+collaboration\s+1\s+2\n\s+delivery\s+1\s+1\n", out)
    for fmt in ("markdown", "html"):
        doc = subprocess.run([CLI, "summarize", "--format", fmt, str(tmp_path / "reports.jsonl")], capture_output=True,
                             check=True, text=True).stdout
        assert "Emerging expectations" in doc and "Criteria gaps" in doc and "collaboration" in doc
    html = subprocess.run([CLI, "summarize", "--format", "html", str(tmp_path / "reports.jsonl")], capture_output=True,
                          text=True).stdout
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        ET.fromstring(svg)


def test_ics_is_a_calendar_a_calendar_app_imports(engine):
    raw = (GOLDEN / "close.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = [e for e in cal.walk("VEVENT")]
    report = engine.evaluate(EXAMPLES / "close.json")
    schedule = report["followup"]["schedule"]
    checkins = [e for e in events if str(e["UID"]).startswith("e-bo.checkin-")]
    assert [e.decoded("DTSTART").isoformat() for e in checkins] == schedule
    # One check-in with the manager so far (2026-11-10): the next is the second.
    assert [str(e["UID"]) for e in checkins] == [f"e-bo.checkin-{n}@rung" for n in range(2, 2 + len(schedule))]
    assert ("1. Milestone at risk: Write up the onboarding mentoring for the staff review (m-1)"
            in str(checkins[0]["DESCRIPTION"]))
    assert "DESCRIPTION" not in checkins[1]
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # UIDs are unique
    assert by_uid["e-bo.milestone-m-1@rung"].decoded("DTSTART").isoformat() == "2027-01-15"
    assert by_uid["e-bo.milestone-m-2@rung"].decoded("DTSTART").isoformat() == "2027-04-30"
    assert by_uid["e-bo.checkpoint-60@rung"].decoded("DTSTART").isoformat() == "2026-11-30"
    # One decision event: the target cycle's (2027-H2), the requested one (2027-H1) described in it.
    decision = by_uid["e-bo.decision@rung"]
    assert decision.decoded("DTSTART").isoformat() == "2027-09-15"
    assert "Requested cycle 2027-H1 (2027-03-15): not feasible" in str(decision["DESCRIPTION"])
    assert not [uid for uid in by_uid if "requested" in uid]
    assert all(e.decoded("DTSTAMP").isoformat().startswith("2026-11-23") for e in events)
    # SEQUENCE: days from 1900-01-01 to as_of, the same on every event.
    assert {int(e["SEQUENCE"]) for e in events} == {(datetime.date(2026, 11, 23) - datetime.date(1900, 1, 1)).days}
    assert all((e.decoded("DTEND") - e.decoded("DTSTART")).days == 1 for e in events)
    # Re-importing gives the same UIDs: the calendar is a pure function of the case.
    again = icalendar.Calendar.from_ical(engine.evaluate(EXAMPLES / "close.json", format="ics").encode())
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(by_uid)


def test_ics_escapes_and_folds(engine):
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["employee"]["id"] = "e,1;x\\y"
    case["plan"]["milestones"][0]["action"] = "ünïcödé " * 20
    raw = engine.evaluate(case, format="ics").encode()
    assert b"UID:e\\,1\\;x\\\\y.checkin-2@rung" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(raw)
    m1 = [e for e in cal.walk("VEVENT") if str(e["UID"]).endswith(".milestone-m-1@rung")][0]
    assert str(m1["SUMMARY"]).startswith("Milestone due: " + "ünïcödé " * 20)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


@pytest.mark.parametrize("name", CASES + [f"v2-{n}" for n in V2_CASES])
def test_html_is_self_contained_with_a_valid_svg_timeline(name):
    page = (GOLDEN / f"{name}.html").read_text()
    p = _Collect()
    p.feed(page)
    assert "svg" in p.tags and "style" in p.tags
    assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
    assert not [a for a in p.attrs if a[0] in ("src", "href")]
    assert "url(" not in page and "@import" not in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    root = ET.fromstring(svg)  # the SVG is well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    if name.startswith("v2-"):
        report = rung.Engine(FRAMEWORK_V2).evaluate(EXAMPLES / f"{name}.json")
    else:
        report = rung.Engine().evaluate(EXAMPLES / f"{name}.json")
    for date in report["followup"]["schedule"]:
        assert f"check-in {date}" in titles
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "as of 2026-11-23" in labels


def _tty(args, env):
    """Runs the CLI with stdout on a pseudo-terminal; returns what it printed."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(CLI, [CLI, *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_colour_only_on_a_terminal_and_never_with_no_color():
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    case = str(EXAMPLES / "close.json")
    on_tty = _tty(["evaluate", case], env)
    assert b"\x1b[" in on_tty and b"Verdict:" in on_tty  # text is the default on a terminal
    no_color = _tty(["evaluate", case], dict(env, NO_COLOR="1"))
    assert b"\x1b[" not in no_color and b"Verdict:" in no_color
    piped = subprocess.run([CLI, "evaluate", case], capture_output=True, env=env).stdout
    assert b"\x1b" not in piped and json.loads(piped)["verdict"] == "close"  # JSON when not a terminal
    text = subprocess.run([CLI, "evaluate", "--format", "text", case], capture_output=True, env=env).stdout
    assert b"\x1b" not in text
    assert max(len(line) for line in text.decode().splitlines()) <= 80


def test_summarize_counts_worked_by_hand(tmp_path):
    lines = [json.dumps(json.loads((EXAMPLES / f"{n}.json").read_text())) for n in CASES]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines + ["{not json"]) + "\n")
    run = subprocess.run([CLI, "batch", "--no-progress", str(src)], capture_output=True)
    assert run.returncode == 1  # the last line is an input error
    batch = run.stdout
    (tmp_path / "reports.jsonl").write_bytes(batch)
    out = subprocess.run([CLI, "summarize", str(tmp_path / "reports.jsonl")], capture_output=True, check=True,
                         text=True).stdout
    # ready: 1 (ready.json), close: 1 (close.json), blocked: 1 (blocked.json); one input error.
    assert "3 cases, 1 input errors" in out
    assert re.search(r"ready\s+1\n\s+close\s+1\n\s+not_ready\s+0\n\s+blocked\s+1\n\s+no_target\s+0", out)
    # Target cycles: ready -> 2027-H1, close -> 2027-H2, blocked -> none.
    assert re.search(r"\(none\)\s+1\n\s+2027-H1\s+1\n\s+2027-H2\s+1", out)
    # Gaps: mentoring in close (evidence_gap, 1) and blocked (unassessed, 1) = 2, 2; ops 0.5 + 0.5 = 2, 1;
    # then blocked's design (critical, 1 x 1 x 2 = 4), quality (size 2: 2), delivery (1.5), influence (1).
    gaps = re.search(r"summed priority\)\n(.*?)\n\n", out, re.S).group(1).split("\n")
    assert [g.split() for g in gaps] == [["mentoring", "2", "2"], ["ops", "2", "1"], ["design", "1", "4"],
                                         ["quality", "1", "2"], ["delivery", "1", "1.5"], ["influence", "1", "1"]]
    # Blind spots: design (blocked: self 4 >= 3 > 2), ops (close: self 2 >= 2 > 1).
    assert re.search(r"Blind spots by competency\n\s+design\s+1\n\s+ops\s+1\n", out)
    assert "Overdue check-ins (1)\n  e-cy  39 days (due 2026-10-15)" in out
    for fmt in ("markdown", "html"):
        doc = subprocess.run([CLI, "summarize", "--format", fmt, str(tmp_path / "reports.jsonl")], capture_output=True,
                             check=True, text=True).stdout
        assert "e-cy" in doc and "mentoring" in doc
    html = subprocess.run([CLI, "summarize", "--format", "html", str(tmp_path / "reports.jsonl")], capture_output=True,
                          text=True).stdout
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        ET.fromstring(svg)


def test_readme_shows_the_real_text_view():
    readme = (REPO / "README.md").read_text()
    assert (GOLDEN / "close.txt").read_text().rstrip("\n") in readme


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_never_reach_a_document(engine, fmt):
    # Regression (fuzz/regressions/fuzz_capi/render-control-characters): a NUL in a
    # milestone's action cut the C string; an ESC could drive the reader's terminal.
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["plan"]["milestones"][0]["action"] = "clear\u001b[2J the\u0000 screen\u007f"
    case["checkins"][0]["blockers"][0]["text"] = "bell\u0007"
    case["employee"]["id"] = "e\u001b]0;title\u0007"
    out = engine.evaluate(case, format=fmt)
    assert not any(ord(ch) < 0x20 and ch not in "\r\n" for ch in out)
    assert "\u007f" not in out
    assert "\ufffd" in out


def test_summarize_keeps_control_characters_out(tmp_path):
    report = {"schema": "rung.report/1", "employee": "e\u001b[2J", "verdict": "ready",
              "followup": {"overdue_days": 3, "next_due": "2026-01-01"}}
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report) + "\n")
    for fmt in ("text", "markdown", "html"):
        out = subprocess.run([CLI, "summarize", "--format", fmt, str(src)], capture_output=True, check=True).stdout
        shown = "e\ufffd\\[2J" if fmt == "markdown" else "e\ufffd[2J"  # Markdown escapes the bracket
        assert b"\x1b" not in out and shown.encode() in out
