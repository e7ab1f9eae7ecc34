# SPDX-License-Identifier: MIT
"""Hostile text in every id and text field of a framework and a case: every
format must stay what it is (valid UTF-8 text of at most 80 columns,
Markdown that renders no script nor unsafe link, HTML with no script nor
event handler, an iCalendar file with no injected property), and no
control, C1 or bidirectional-override character may reach a reader."""

import json
import pathlib
import re
from html.parser import HTMLParser

import icalendar
import pytest
from markdown_it import MarkdownIt

import rung

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"

# Non-ASCII, a bidi override, a C1 CSI, C0 controls, markup of every format
# and a CR/LF that would start a new iCalendar property.
HOSTILE = ("é漢字\u202e\u009b[31m\u0007`<script>alert(1)</script>`|*_[x](javascript:alert(1))"
           "\r\nATTENDEE:mailto:evil@example.com\r\nBEGIN:VEVENT;,\\")
UNSAFE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]")


def hostile(tag):
    return f"{tag}-{HOSTILE}"


@pytest.fixture(scope="module")
def documents():
    fw = json.loads((EXAMPLES / "framework-v2.json").read_text())
    fw["name"] = hostile("framework")
    for c in fw["competencies"]:
        c["name"] = hostile("competency")
    for level in fw["levels"]:
        level["name"] = hostile("level")
        for x in level["expectations"]:
            x["description"] = hostile("description")
            for k in x.get("criteria", []):
                k["text"] = hostile("criterion")
    case = json.loads((EXAMPLES / "v2-partial.json").read_text())
    case["employee"]["id"] = hostile("employee")
    case["employee"]["name"] = hostile("name")
    case["employee"]["motivation"] = hostile("motivation")
    for i, ev in enumerate(case["evidence"]):
        ev["id"] = hostile(f"ev{i}")
        ev["title"] = hostile("title")
        ev["link"] = "javascript:alert(1)//" + HOSTILE
    goals = {}
    for i, g in enumerate(case["plan"].get("goals", [])):
        goals[g["id"]] = g["id"] = hostile(f"goal{i}")
        g["title"] = hostile("goal title")
    for i, m in enumerate(case["plan"]["milestones"]):
        m["id"] = hostile(f"m{i}")
        if "goal" in m:
            m["goal"] = list(goals.values())[0]
        for key in ("action", "metric", "success_criteria"):
            m[key] = hostile(key)
    for c in case.get("checkins", []):
        c["with"] = hostile("with") if c["with"] != "manager" else "manager"
        for b in c.get("blockers", []):
            b["text"] = hostile("blocker")
    engine = rung.Engine(fw)
    return engine, case


def render(documents, fmt):
    engine, case = documents
    return engine.evaluate(case, format=fmt)


def test_text_is_utf8_printable_and_fits_80_columns(documents):
    text = render(documents, "text")
    assert not UNSAFE.search(text)
    for line in text.split("\n"):
        assert len(line) <= 80, line


def test_markdown_renders_no_script_nor_unsafe_link(documents):
    md = render(documents, "markdown")
    assert not UNSAFE.search(md)
    for html in (MarkdownIt("commonmark").render(md),  # raw HTML allowed: our escaping must hold
                 MarkdownIt("commonmark", {"html": False}).render(md)):
        assert "<script" not in html.lower()
        assert 'href="javascript:' not in html.lower()
    # Every evidence id is one whole code span.
    rendered = MarkdownIt("commonmark").render(md)
    assert "<code>ev0-é漢字" in rendered


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs


def test_html_has_no_script_handler_or_link(documents):
    page = render(documents, "html")
    assert not UNSAFE.search(page)
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "iframe" not in parser.tags
    for name, value in parser.attrs:
        assert not name.startswith("on"), name
        assert name not in ("href", "src"), name


def test_calendar_has_no_injected_property(documents):
    ics = render(documents, "ics")
    assert not UNSAFE.search(ics.replace("\r\n", ""))
    for line in ics.split("\r\n"):
        assert len(line.encode()) <= 75
        assert not line.startswith("ATTENDEE") and not line.startswith("BEGIN:VEVENT;")
    cal = icalendar.Calendar.from_ical(ics)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert events
    for e in events:
        assert "ATTENDEE" not in e
        assert str(e["UID"]).endswith("@rung")
    # The same case with plain text has as many events: nothing was added.
    engine, case = documents
    plain = json.loads((EXAMPLES / "v2-partial.json").read_text())
    fw = json.loads((EXAMPLES / "framework-v2.json").read_text())
    plain_events = [c for c in icalendar.Calendar.from_ical(rung.Engine(fw).evaluate(plain, format="ics")).walk()
                    if c.name == "VEVENT"]
    assert len(events) == len(plain_events)


def test_team_view_escapes_report_text():
    # `rung summarize` reads JSONL that anyone may have written: every id
    # and date in it is text to escape, in every format.
    import os
    import subprocess
    cli = os.environ.get("RUNG_CLI")
    report = json.loads(render_case_report())
    report["employee"] = hostile("employee")
    report["timeline"]["target_cycle"] = hostile("cycle")
    report["followup"]["next_due"] = "<script>alert(1)</script>"
    report["followup"]["overdue_days"] = 3
    for g in report["gaps"]:
        g["competency"] = hostile("competency")
    line = json.dumps(report).encode() + b"\n"
    for fmt in ("text", "markdown", "html"):
        out = subprocess.run([cli, "summarize", "--format", fmt, "-"], input=line, capture_output=True)
        assert out.returncode == 0, out.stderr
        page = out.stdout.decode()
        assert not UNSAFE.search(page)
        if fmt == "markdown":
            for html in (MarkdownIt("commonmark").render(page), MarkdownIt("commonmark", {"html": False}).render(page)):
                assert "<script" not in html.lower()
        if fmt == "html":
            parser = Tags()
            parser.feed(page)
            assert "script" not in parser.tags
            for name, _ in parser.attrs:
                assert not name.startswith("on")


def render_case_report():
    fw = json.loads((EXAMPLES / "framework-v2.json").read_text())
    return rung.Engine(fw).evaluate(EXAMPLES / "v2-partial.json", raw=True)
