// SPDX-License-Identifier: MIT
// The check-in calendar (RFC 5545): one all-day event a check-in (the next
// one with its agenda), milestone deadlines, the 30/60/90-day checkpoints
// and the promotion decision. A calendar that updates: each event's UID
// names what it is, never its date (the employee, then `checkin-N` for the
// Nth check-in with the manager, `milestone-ID`, `checkpoint-30`,
// `sustained-COMPETENCY`, `decision`), and SEQUENCE is the number of days
// from 1900-01-01 to as_of, so that the calendar of a later evaluation
// supersedes the one before and a moved date moves the event
// (docs/rules.md). DTSTAMP from as_of; CRLF; lines folded at 75 octets.
//
// Every content line is written with an IcalWriter, then folded: a
// document's text is TEXT-escaped, so it can never end a line or start a
// property. Fixed phrases are markup, and so already escaped (`\;`, `\,`, `\n`).
#include <algorithm>
#include <concepts>
#include <string>
#include <vector>

#include "render/writer.hpp"

namespace rung::render {
namespace {

/// A date in the basic format (20261210). Boost dates run from 1400 to
/// 9999: always eight digits.
IcalWriter& basic(IcalWriter& w, Date d) {
  const auto ymd = d.year_month_day();
  return w.integer(ymd.year * 10000 + ymd.month * 100 + ymd.day);
}

/// Appends `content` folded at 75 octets without splitting a UTF-8
/// sequence, ending in CRLF.
void fold(std::string& out, const std::string& content) {
  std::size_t start = 0, limit = 75;
  while (content.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.append(content, start, cut - start);
    out += "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(content, start, std::string::npos);
  out += "\r\n";
}

class Calendar {
 public:
  Calendar(std::string& out, const std::string& employee, Date stamp) : out_(out), employee_(employee), stamp_(stamp) {}

  /// One content line, as `write` writes it.
  template <std::invocable<IcalWriter&> Write>
  void line(Write&& write) {
    content_.clear();  // one buffer for every line
    IcalWriter w(content_);
    write(w);
    fold(out_, content_);
  }
  void line(Markup content) {
    line([&](IcalWriter& w) { w.markup(content); });
  }

  /// Starts an all-day event on `date`; `kind` writes the middle of its UID.
  template <std::invocable<IcalWriter&> Kind>
  void begin(Date date, Kind&& kind) {
    line("BEGIN:VEVENT");
    line([&](IcalWriter& w) {
      w.markup("UID:").text(employee_).markup(".");
      kind(w);
      w.markup("@rung");
    });
    line([&](IcalWriter& w) { basic(w.markup("DTSTAMP:"), stamp_).markup("T000000Z"); });
    line([&](IcalWriter& w) { w.markup("SEQUENCE:").integer(days_between(Date(1900, 1, 1), stamp_)); });
    line([&](IcalWriter& w) { basic(w.markup("DTSTART;VALUE=DATE:"), date); });
    line([&](IcalWriter& w) { basic(w.markup("DTEND;VALUE=DATE:"), add_days(date, 1)); });
  }
  void end() {
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }

 private:
  std::string& out_;
  const std::string& employee_;
  Date stamp_;
  std::string content_;  // the line being written, before folding
};

}  // namespace

void ics(const Framework& fw, const Case& c, const Report& r, std::string& out) {
  const bool v2 = r.version >= 2;
  // Summaries say the person's name (/2, when given); UIDs keep the id.
  const std::string who = short_person(c, r);
  const auto say = [](IcalWriter& w, const Sentence& s) { write(w, s, [](IcalWriter& i, const std::string& id) { i.text(id); }); };
  // About 300 bytes an event: one reservation instead of doubling the
  // text of a calendar of many milestones again and again.
  out.reserve(out.size() + 300 * (c.plan.milestones.size() + r.followup.schedule.size() + 8));
  Calendar cal(out, r.employee, r.as_of);
  cal.line("BEGIN:VCALENDAR");
  cal.line("VERSION:2.0");
  cal.line("PRODID:-//rung//promotion readiness//EN");
  cal.line("CALSCALE:GREGORIAN");
  cal.line([&](IcalWriter& w) { w.markup("X-WR-CALNAME:rung: ").text(who); });

  // Check-in N is the Nth day with a manager check-in: those held so far, then the schedule's.
  std::vector<Date> held;
  for (const Checkin& k : c.checkins)
    if (k.with_manager() && k.date <= r.as_of) held.push_back(k.date);
  std::sort(held.begin(), held.end());
  const auto before = static_cast<std::int64_t>(std::unique(held.begin(), held.end()) - held.begin());
  for (std::size_t k = 0; k < r.followup.schedule.size(); ++k) {
    cal.begin(r.followup.schedule[k], [&](IcalWriter& w) {
      w.markup("checkin-").integer(before + static_cast<std::int64_t>(k) + 1);
    });
    cal.line([&](IcalWriter& w) { w.markup("SUMMARY:1:1 check-in: ").text(who); });
    if (k == 0)
      cal.line([&](IcalWriter& w) {
        w.markup("DESCRIPTION:");
        if (r.followup.overdue_days > 0)
          w.markup("Overdue: it was due ").date(r.followup.next_due).markup("\\n");
        w.markup("Agenda:");
        int i = 0;
        for (const Sentence& s : agenda_sentences(fw, c, r)) {
          w.markup("\\n").integer(++i).markup(". ");
          say(w, s);
        }
      });
    cal.end();
  }
  for (const MilestoneStatus& s : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[s.milestone];
    if (!m.deadline) continue;
    cal.begin(*m.deadline, [&](IcalWriter& w) { w.markup("milestone-").text(m.id); });
    cal.line([&](IcalWriter& w) {
      w.markup(m.done ? Markup("SUMMARY:Milestone done: ") : Markup("SUMMARY:Milestone due: "));
      say(w, milestone_label(m));
    });
    cal.line([&](IcalWriter& w) {
      w.markup("DESCRIPTION:").text(who).markup(": ").percent(s.progress).markup(" done");
      if (s.forecast_finish) w.markup("\\, forecast to finish ").date(*s.forecast_finish);
      if (s.overdue) w.markup("\\, overdue");
      if (s.at_risk) w.markup("\\, at risk");
      if (s.stalled) w.markup("\\, stalled");
    });
    cal.end();
  }
  for (const auto& cp : r.timeline.checkpoints) {
    cal.begin(cp.date, [&](IcalWriter& w) { w.markup("checkpoint-").integer(cp.day); });
    cal.line([&](IcalWriter& w) { w.markup("SUMMARY:").integer(cp.day).markup("-day plan checkpoint: ").text(who); });
    cal.end();
  }
  // /2: the day an emerging expectation has held long enough to count (T5).
  if (v2)
    for (const auto& x : r.expectations) {
      if (x.status != Status::emerging) continue;
      const auto from = counts_from(fw, x);
      if (!from) continue;
      cal.begin(*from, [&](IcalWriter& w) { w.markup("sustained-").text(x.competency); });
      cal.line([&](IcalWriter& w) {
        w.markup("SUMMARY:").text(title_of(fw, x.competency)).markup(" counts from today: ").text(who);
      });
      cal.line([&](IcalWriter& w) {
        w.markup("DESCRIPTION:Level ").integer(x.level).markup(" (").text(fw.scale[static_cast<std::size_t>(x.level)])
            .markup(") held since ").date(*x.sustained_since).markup("\\; after ").integer(fw.policy.sustained_days)
            .markup(" days it counts towards the promotion");
      });
      cal.end();
    }
  // One decision event: the target cycle's, else the requested one's; the
  // requested cycle is described in it when it is not the target.
  const auto& t = r.timeline;
  const auto& q = t.requested_cycle;
  if ((t.target_cycle && t.target_decision) || q) {
    const bool target = t.target_cycle && t.target_decision;
    cal.begin(target ? *t.target_decision : q->decision, [](IcalWriter& w) { w.markup("decision"); });
    cal.line([&](IcalWriter& w) {
      w.markup("SUMMARY:Promotion decision (").text(target ? *t.target_cycle : q->id).markup("): ").text(who);
    });
    cal.line([&](IcalWriter& w) {
      w.markup("DESCRIPTION:");
      if (target) w.markup("The first cycle ").text(who).markup(" is eligible for. ");
      else w.markup("The requested cycle. ");
      w.markup("Verdict today: ").word(words(r.verdict).label).markup(".");
      if (v2 && r.move.gate && *r.move.gate != Gate::open)
        w.markup(" The move goes ").word(gate_phrase(*r.move.gate)).markup(".");
      if (q && (!target || q->id != *t.target_cycle)) {
        w.markup("\\nRequested cycle ").text(q->id).markup(" (").date(q->decision).markup("): ");
        w.markup(q->feasible ? Markup("feasible") : Markup("not feasible"));
        for (Cause cause : q->causes) {
          w.markup("\\n- ");
          say(w, cause_sentence(fw, c, r, cause));
        }
      }
    });
    cal.end();
  }
  cal.line("END:VCALENDAR");
}

}  // namespace rung::render
