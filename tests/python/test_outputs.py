"""The documents for people (--format text|markdown|html|ics) and the team
view (rung summarize). Golden files in tests/golden/ were read against each
example's report by hand; regenerate them only after reading the diff:
    for f in ready close blocked; do build/release/rung evaluate --format text examples/$f.json > tests/golden/$f.txt; done
(and likewise markdown -> .md, html -> .html, ics -> .ics)."""

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


def test_ics_is_a_calendar_a_calendar_app_imports(engine):
    raw = (GOLDEN / "close.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = [e for e in cal.walk("VEVENT")]
    report = engine.evaluate(EXAMPLES / "close.json")
    schedule = report["followup"]["schedule"]
    checkins = [e for e in events if str(e["UID"]).startswith("e-bo.checkin.")]
    assert [e.decoded("DTSTART").isoformat() for e in checkins] == schedule
    assert "1. at_risk_milestone m-1" in str(checkins[0]["DESCRIPTION"])
    assert "DESCRIPTION" not in checkins[1]
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # UIDs are unique
    assert by_uid["e-bo.milestone-m-1.20270115@rung"].decoded("DTSTART").isoformat() == "2027-01-15"
    assert by_uid["e-bo.milestone-m-2.20270430@rung"].decoded("DTSTART").isoformat() == "2027-04-30"
    assert by_uid["e-bo.checkpoint-60.20261130@rung"].decoded("DTSTART").isoformat() == "2026-11-30"
    assert by_uid["e-bo.decision.20270915@rung"].decoded("DTSTART").isoformat() == "2027-09-15"
    assert by_uid["e-bo.requested.20270315@rung"].decoded("DTSTART").isoformat() == "2027-03-15"
    assert all(e.decoded("DTSTAMP").isoformat().startswith("2026-11-23") for e in events)
    assert all((e.decoded("DTEND") - e.decoded("DTSTART")).days == 1 for e in events)
    # Re-importing gives the same UIDs: the calendar is a pure function of the case.
    again = icalendar.Calendar.from_ical(engine.evaluate(EXAMPLES / "close.json", format="ics").encode())
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(by_uid)


def test_ics_escapes_and_folds(engine):
    case = json.loads((EXAMPLES / "close.json").read_text())
    case["employee"]["id"] = "e,1;x\\y"
    case["plan"]["milestones"][0]["action"] = "ünïcödé " * 20
    raw = engine.evaluate(case, format="ics").encode()
    assert b"UID:e\\,1\\;x\\\\y.checkin." in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(raw)
    m1 = [e for e in cal.walk("VEVENT") if ".milestone-m-1." in str(e["UID"])][0]
    assert str(m1["DESCRIPTION"]).startswith("ünïcödé " * 20)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


@pytest.mark.parametrize("name", CASES)
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
    assert max(len(line) for line in text.decode().splitlines()) <= 100


def test_summarize_counts_worked_by_hand(tmp_path):
    lines = [json.dumps(json.loads((EXAMPLES / f"{n}.json").read_text())) for n in CASES]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines + ["{not json"]) + "\n")
    batch = subprocess.run([CLI, "batch", "--no-progress", str(src)], capture_output=True, check=True).stdout
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
        assert b"\x1b" not in out and "e\ufffd[2J".encode() in out
