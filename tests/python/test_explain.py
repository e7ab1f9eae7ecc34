# SPDX-License-Identifier: MIT
"""Documents that explain themselves (text, Markdown, HTML) and a calendar
that updates (ICS). Golden files for a blocked case, a private-evidence
case and a non-ASCII case (tests/golden/cases/v2-*.json against
examples/framework-v2.json), each read as a person would before it was
committed (tests/python/test_outputs.py checks the CLI and Python give
them byte for byte); regenerate them only after reading the diff:
    for f in blocked private unicode; do for x in "json json" "text txt" "markdown md" "html html" "ics ics"; do
        set -- $x; build/release/rung evaluate --framework examples/framework-v2.json --format $1 \\
            tests/golden/cases/v2-$f.json > tests/golden/v2-$f.$2; done; done
Every expected value below is worked by hand from docs/rules.md."""

import copy
import datetime
import json
import pathlib
import re
import unicodedata

import icalendar
import pytest

import rung

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden"
CASES = GOLDEN / "cases"
FRAMEWORK_V2 = EXAMPLES / "framework-v2.json"


@pytest.fixture(scope="module")
def v1():
    return rung.Engine()


@pytest.fixture(scope="module")
def v2():
    return rung.Engine(FRAMEWORK_V2)


def case(name):
    return json.loads((CASES / f"v2-{name}.json").read_text())


def flat(text):
    """A text view's words with its line breaks and indentation folded away."""
    return re.sub(r"\s+", " ", text)


def width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def test_blocked_case_worked_by_hand(v2):
    r = v2.evaluate(CASES / "v2-blocked.json")
    assert r["verdict"] == "blocked"
    # P2: craft 2, design 1, delivery 2, operations 1 (weight 0.5), collaboration 2. Manager: craft 2, design 1,
    # delivery 1, operations unrated, collaboration 2 -> delivered 3 of 4.5.
    assert r["current_coverage"] == pytest.approx(3 / 4.5)
    # The review (partially, 2026-05-12) is 195 days old: counted, and below meets.
    assert r["current"] == {"level": "P2", "failed": ["delivery", "operations"],
                            "review": {"rating": "partially", "date": "2026-05-12", "counted": True, "below_min": True}}
    assert r["warnings"] == [{"document": "case", "code": "unknown_member", "path": "/plan/milestones/1/dealine"}]
    assert r["timeline"]["projected_reason"] == "current_delivery"
    assert r["timeline"]["requested_cycle"]["causes"] == ["current_delivery"]
    # Collaboration: level 2 reached on 2026-09-15, 69 days before as_of (sustained_days 90).
    collab = [x for x in r["expectations"] if x["competency"] == "collaboration"][0]
    assert (collab["status"], collab["sustained_since"]) == ("emerging", "2026-09-15")
    # Last check-in 2026-11-17; every 30 days, Saturday 2027-01-16 moved to Monday; the requested decision ends it.
    assert r["followup"]["schedule"] == ["2026-12-17", "2027-01-18", "2027-02-15"]
    m1 = r["plan"]["milestones"][0]
    # 0.2 -> 0.4 over 46 days: 0.6 left takes 138 days from 2026-11-16.
    assert (m1["forecast_finish"], m1["at_risk"]) == ("2027-04-03", True)
    assert r["plan"]["milestones"][1]["missing"] == ["deadline"]


REVIEW = ("The last review, on 2026-05-12, is rated \u201cpartially\u201d, below the minimum, \u201cmeets\u201d. "
          "It counts for 365 days, until 2027-05-12: a new review at \u201cmeets\u201d or better lifts it.")
SHORT = ["Delivery: agreed 1 (aware), expected 2 (practising)",
         "Running production: no rating by the manager in the last 365 days, expected 1 (aware), weight 0.5"]


def test_every_format_says_what_blocks_a_blocked_case():
    text = flat((GOLDEN / "v2-blocked.txt").read_text())
    assert "Why blocked: the current role comes first - " + REVIEW in text
    assert ("The current role, Engineer II (P2), is delivered at 66.7% of its weight, and 100.0% is needed. Below "
            "their level: - " + SHORT[0] + " - " + SHORT[1]) in text
    md = (GOLDEN / "v2-blocked.md").read_text()
    assert "## Why blocked: the current role comes first\n\n- " + REVIEW + "\n" in md
    assert "".join(f"  - {s}\n" for s in SHORT) in md
    html = (GOLDEN / "v2-blocked.html").read_text()
    timed = REVIEW.replace("2026-05-12", "<time>2026-05-12</time>").replace("2027-05-12", "<time>2027-05-12</time>")
    assert html.count(f"<li>{timed}</li>") == 1
    for s in SHORT:
        assert f"<li>{s}</li>" in html


def test_a_version_1_blocked_case_says_why_too():
    # examples/blocked.json: E3 expects design 2, delivery 2, quality 2, ops 1; the manager rates 2, 2, 1, 1:
    # only Code quality is short. The review (partially, 2026-04-20) counts and is below meets.
    text = flat((GOLDEN / "blocked.txt").read_text())
    why = text[text.index("Why blocked"):text.index("Expectations of")]
    assert "The last review, on 2026-04-20, is rated \u201cpartially\u201d, below the minimum, \u201cmeets\u201d." in why
    assert "Below their level: - Code quality: agreed 1 (basic), expected 2 (working) " in why
    assert "Delivery:" not in why and "System design:" not in why


def test_evidence_gaps_say_what_would_make_evidence_count():
    # examples/close.json: mentoring's only item, ev-8, is private (the minimum is the manager).
    md = (GOLDEN / "close.md").read_text()
    assert ("- Why the evidence falls short:\n  - No evidence counts yet.\n  - \u201cMentored two new hires\u201d (`ev-8`, "
            "2026-07-15) is private: shared with the manager or more widely, it would count (shared with decision "
            "makers, the committee sees it too).\n") in md
    # v2-private: design has ev-60 (private, two unmet statements), ev-62 (366+ days old) and ev-61 (counted).
    md = (GOLDEN / "v2-private.md").read_text()
    assert ("\u201cDesign doc: splitting the search indexer\u201d (`ev-60`, 2026-06-10) is private: shared with the manager "
            "or more widely, it would count for \u201cWrites design documents that peers approve with few revisions\u201d "
            "and 1 more statement") in md
    assert ("\u201cPayments API design\u201d (`ev-62`, 2025-09-30) is more than 365 days old: only evidence dated "
            "2025-11-23 or later counts.") in md
    text = flat((GOLDEN / "v2-private.txt").read_text())
    assert "\u201cSettled the event format with the data team\u201d (ev-67, 2026-09-01) is private" in text
    # v2-partial: ev-55 counts for collaboration but names none of its statements.
    partial = flat((GOLDEN / "v2-partial.txt").read_text())
    assert ("\u201cRan the cross-team API working group\u201d (ev-55, 2026-09-28) counts, but names none of the "
            "statements: add the one it shows to its criteria.") in partial


def test_views_name_only_the_items_their_audience_may_see(v2):
    # design: ev-60 private and ev-62 shared with stakeholders do not count; collaboration: ev-67 private.
    r = v2.evaluate(CASES / "v2-private.json")
    by = {x["competency"]: x["uncounted"] for x in r["expectations"]}
    assert by["design"] == {"below_visibility": 1, "outside_window": 1}
    assert by["collaboration"] == {"below_visibility": 1, "outside_window": 0}
    committee = v2.evaluate(CASES / "v2-private.json", format="markdown", audience="committee")
    for hidden in ("ev-60", "ev-62", "ev-67", "Design doc: splitting", "Payments API design", "Settled the event"):
        assert hidden not in committee
    assert "  - 2 items name it but do not count (not listed here).\n" in committee
    assert "  - 1 item names it but does not count (not listed here).\n" in committee
    manager = v2.evaluate(CASES / "v2-private.json", format="markdown", audience="manager")
    assert "ev-62" in manager and "ev-60" not in manager and "ev-67" not in manager
    assert "  - 1 more item names it but does not count (not listed here).\n" in manager


def test_codes_in_plain_words_and_a_legend_of_those_used():
    # examples/close.json uses: close; met, evidence_gap, skill_gap; blind_spot (ops), disagreement,
    # hidden_strength (mentoring), stakeholder_divergence (influence); lead_time and readiness (2027-H1);
    # at_risk_milestone, agree_gap, blocker, ask_feedback, offer_feedback.
    used = ["close", "met", "evidence_gap", "skill_gap", "blind_spot", "disagreement", "hidden_strength",
            "stakeholder_divergence", "lead_time", "readiness", "at_risk_milestone", "agree_gap", "blocker",
            "ask_feedback", "offer_feedback"]
    md = (GOLDEN / "close.md").read_text()
    legend = md[md.index("## Legend"):]
    assert re.findall(r"^- \*\*[^*]+\*\* \(`([a-z_]+)`\)", legend, re.M) == used
    html = (GOLDEN / "close.html").read_text()
    assert re.findall(r"<dt><strong>[^<]+</strong> <code>([a-z_]+)</code></dt>", html) == used
    # The codes do not stand where people read: plain words do.
    body = md[:md.index("## Legend")]
    for code in ("hidden_strength", "at_risk_milestone", "evidence_gap", "agree_gap", "lead_time"):
        assert code not in body
    assert "- To agree on: disagreement, hidden strength\n" in md
    assert "1. Milestone at risk: Write up the onboarding mentoring for the staff review (`m-1`)" in md
    assert "| 1 | Mentoring | evidence gap | 1 | 1 | Write up the onboarding mentoring for the staff review (`m-1`) |" in md
    assert "  - lead time: the plan was agreed on 2026-10-01, and a plan needs 182 days before a decision: not before " \
           "2027-04-01\n" in md


def test_warnings_footer_in_every_document_for_people_but_the_calendar():
    sentence = "Unknown member /plan/milestones/1/dealine in the case: ignored \u2014 a typo?"
    assert (GOLDEN / "v2-blocked.txt").read_text().endswith("\nWarnings\n  - " + sentence + "\n")
    assert (GOLDEN / "v2-blocked.md").read_text().endswith(
        "\n## Warnings\n\n- " + sentence.replace("/plan/milestones/1/dealine", "`/plan/milestones/1/dealine`") + "\n")
    html = (GOLDEN / "v2-blocked.html").read_text()
    footer = html[html.index("<footer>"):html.index("</footer>")]
    assert '<code class="id">/plan/milestones/1/dealine</code> in the case: ignored' in footer
    assert "dealine" not in (GOLDEN / "v2-blocked.ics").read_text()
    for name in ("close", "v2-private"):
        assert "Warnings" not in (GOLDEN / f"{name}.txt").read_text()


def test_the_next_check_in_once():
    # close: last check-in 2026-11-10, every 30 days: 2026-12-10 is the next; the others are later.
    text = (GOLDEN / "close.txt").read_text()
    section = text[text.index("Next check-in"):text.index("Signals")]
    assert section.startswith("Next check-in 2026-12-10\n")
    assert section.count("2026-12-10") == 1
    assert "  later: 2027-01-11 2027-02-08 2027-03-10\n" in section
    assert "Later check-ins: 2027-01-11, 2027-02-08, 2027-03-10\n" in (GOLDEN / "close.md").read_text()
    # blocked: due 2026-10-15, 39 days overdue: held now (2026-11-23), then every 30 days from it.
    text = (GOLDEN / "blocked.txt").read_text()
    assert "Next check-in 2026-11-23: now, 39 days overdue (it was due 2026-10-15)\n" in text
    assert "  later: 2026-12-23 2027-01-22" in text


def test_text_fits_80_columns():
    for path in GOLDEN.glob("*.txt"):
        for line in path.read_text().splitlines():
            assert width(line) <= 80, (path.name, line)


def test_html_keeps_dates_whole_and_draws_progress_with_a_legend():
    for path in GOLDEN.glob("*.html"):
        page = path.read_text()
        outside_svg = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
        for m in re.finditer(r"\d{4}-\d{2}-\d{2}", outside_svg):
            assert outside_svg[:m.start()].endswith("<time>"), (path.name, m.group(0))
        assert "time,code.id{white-space:nowrap}" in page
    svg = re.search(r"<svg.*?</svg>", (GOLDEN / "close.html").read_text(), re.S).group(0)
    rows = svg[:svg.index(">check-ins</text>")]
    # m-1 (30% done, at risk): the progress bar is 30% of the planned one; m-2 (20%) likewise.
    bars = re.findall(r'<rect class="(risk|m)" x="(\d+)" y="\d+" width="(\d+)".*?<rect class="p" x="(\d+)" y="\d+" '
                      r'width="(\d+)"', rows)
    assert [(cls, int(p)) for cls, _, _, _, p in bars] == [("risk", round(int(bars[0][2]) * 0.3)),
                                                          ("m", round(int(bars[1][2]) * 0.2))]
    assert all(x == px for _, x, _, px, _ in bars)
    labels = re.findall(r"<text x=\"\d+\" y=\"\d+\">([^<]+)</text>", svg)
    for key in ("milestone, created to deadline", "done so far", "at risk", "forecast finish", "check-in",
                "30/60/90-day checkpoint (filled: passed)", "as of, decision dates"):
        assert key in labels
    assert "overdue" not in labels and "done" not in labels
    assert "overdue" in re.findall(r">([^<]+)</text>", (GOLDEN / "v2-unicode.html").read_text())


def test_non_ascii_names_in_every_format(v2):
    for suffix in ("txt", "md", "html"):
        page = (GOLDEN / f"v2-unicode.{suffix}").read_text()
        assert "Zo\u00eb \u00c5ngstr\u00f6m-Nakamura (\u4e2d\u6751)" in page
        assert "\u6280\u8853\u7684\u8ca0\u50b5\u306e\u524a\u6e1b\u3092\u6a5f\u80fd\u958b\u767a\u306b\u7d44\u307f\u8fbc\u3080" \
               in page  # milestone m-2's action
        assert "\u0394\u03b5\u03bd \u03c5\u03c0\u03ac\u03c1\u03c7\u03b5\u03b9" in page  # the blocker
    cal = icalendar.Calendar.from_ical((GOLDEN / "v2-unicode.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "rung: Zo\u00eb \u00c5ngstr\u00f6m-Nakamura (\u4e2d\u6751)"
    assert any(str(e["UID"]) == "e-zo\u00eb.milestone-m-2@rung" for e in cal.walk("VEVENT"))


# ------------------------------------------------------------ the calendar that updates

def import_into(calendar, ics):
    """A calendar app importing by UID: an event replaces the one of the
    same UID when its SEQUENCE is at least as high (RFC 5545: the higher
    wins; equal ones, as from the same as_of, update too)."""
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        uid, seq = str(event["UID"]), int(event["SEQUENCE"])
        if uid not in calendar or seq >= calendar[uid][0]:
            calendar[uid] = (seq, event)
    return calendar


def day(event):
    return event.decoded("DTSTART").isoformat()


def test_a_re_import_updates_each_event_once(v1):
    before = json.loads((EXAMPLES / "close.json").read_text())
    calendar = import_into({}, v1.evaluate(before, format="ics"))
    first = dict(calendar)

    # Move m-1's deadline and the last check-in, same as_of.
    moved = copy.deepcopy(before)
    moved["plan"]["milestones"][0]["deadline"] = "2027-02-05"
    moved["checkins"][0]["date"] = "2026-11-12"
    after_ics = v1.evaluate(moved, format="ics")
    import_into(calendar, after_ics)
    after = {str(e["UID"]) for e in icalendar.Calendar.from_ical(after_ics).walk("VEVENT")}
    assert set(calendar) == set(first) == after  # nothing added: each event once, updated
    assert day(calendar["e-bo.milestone-m-1@rung"][1]) == "2027-02-05"
    # 2026-11-12 + 30 = Saturday 2026-12-12 -> Monday 2026-12-14; then from 2026-12-12 every 30 days:
    # 2027-01-11, 2027-02-10, 2027-03-12 (the requested decision, 2027-03-15, ends the schedule).
    checkins = sorted((day(e), uid) for uid, (_, e) in calendar.items() if ".checkin-" in uid)
    assert checkins == [("2026-12-14", "e-bo.checkin-2@rung"), ("2027-01-11", "e-bo.checkin-3@rung"),
                        ("2027-02-10", "e-bo.checkin-4@rung"), ("2027-03-12", "e-bo.checkin-5@rung")]

    # Three weeks later, after the check-in of 2026-12-14: a later as_of gives a higher SEQUENCE.
    later = copy.deepcopy(moved)
    later["as_of"] = "2026-12-15"
    later["checkins"].append({"date": "2026-12-14", "with": "manager"})
    later_ics = v1.evaluate(later, format="ics")
    sequences = {int(e["SEQUENCE"]) for e in icalendar.Calendar.from_ical(later_ics).walk("VEVENT")}
    assert sequences == {(datetime.date(2026, 12, 15) - datetime.date(1900, 1, 1)).days}
    assert min(sequences) > max(seq for seq, _ in calendar.values())
    import_into(calendar, later_ics)
    # Check-in 2 happened (it stays, in the past); 3, 4 and 5 move to 2027-01-13, 2027-02-12 and Monday
    # 2027-03-15 (2027-03-14 is a Sunday): one event a date, none left behind in the future.
    checkins = sorted((day(e), uid) for uid, (_, e) in calendar.items() if ".checkin-" in uid)
    assert checkins == [("2026-12-14", "e-bo.checkin-2@rung"), ("2027-01-13", "e-bo.checkin-3@rung"),
                        ("2027-02-12", "e-bo.checkin-4@rung"), ("2027-03-15", "e-bo.checkin-5@rung")]
    summaries = [str(e["SUMMARY"]) for _, e in calendar.values()]
    assert len(summaries) == len(set(summaries)) + len(checkins) - 1  # only the check-ins share a summary
