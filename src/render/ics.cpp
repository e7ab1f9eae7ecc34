// The check-in calendar (RFC 5545): one all-day event a check-in (the next
// one with its agenda), milestone deadlines, the 30/60/90-day checkpoints
// and the decision dates. UIDs from employee, kind and date, so that a
// re-import updates; DTSTAMP from as_of; CRLF; lines folded at 75 octets.
#include <string>

#include "render/render.hpp"

namespace rung::render {
namespace {

std::string escape(std::string_view s) {
  std::string out;
  append_ical(out, s);
  return out;
}

std::string basic(Date d) {  // 20261210
  std::string s = format_date(d);
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8
/// sequence, ending in CRLF.
void line(std::string& out, const std::string& content) {
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

struct Calendar {
  std::string& out;
  std::string employee;
  std::string stamp;

  void event(const std::string& kind, Date date, const std::string& summary, const std::string& description) {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + escape(employee) + "." + escape(kind) + "." + basic(date) + "@rung");
    line(out, "DTSTAMP:" + stamp);
    line(out, "DTSTART;VALUE=DATE:" + basic(date));
    line(out, "DTEND;VALUE=DATE:" + basic(add_days(date, 1)));
    line(out, "SUMMARY:" + escape(summary));
    if (!description.empty()) line(out, "DESCRIPTION:" + escape(description));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
  }
};

}  // namespace

void ics(const Framework& fw, const Case& c, const Report& r, std::string& out) {
  const bool v2 = r.version >= 2;
  // Summaries say the person's name (/2, when given); UIDs keep the id.
  const std::string who = short_person(c, r);
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//rung//promotion readiness//EN");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "X-WR-CALNAME:" + escape("rung: " + who));
  Calendar cal{out, r.employee, basic(r.as_of) + "T000000Z"};

  std::string agenda = "Agenda:";
  int i = 0;
  for (const auto& a : r.followup.agenda) {
    append(agenda, "\n", std::to_string(++i), ". ", name(a.kind));
    if (a.ref) append(agenda, " ", *a.ref);
  }
  for (std::size_t k = 0; k < r.followup.schedule.size(); ++k) {
    const Date d = r.followup.schedule[k];
    cal.event("checkin", d, "1:1 check-in: " + who, k == 0 ? agenda : "");
  }
  for (std::size_t k = 0; k < c.plan.milestones.size(); ++k) {
    const Milestone& m = c.plan.milestones[k];
    if (m.done || !m.deadline) continue;
    const MilestoneStatus& s = r.plan.milestones[k];
    std::string state = "progress " + percent(s.progress);
    if (s.overdue) state += ", overdue";
    if (s.at_risk) state += ", at risk";
    cal.event("milestone-" + std::string(m.id), *m.deadline, "Milestone due: " + std::string(m.id),
              std::string(m.action) + (m.action.empty() ? "" : "\n") + state);
  }
  for (const auto& cp : r.timeline.checkpoints)
    cal.event("checkpoint-" + std::to_string(cp.day), cp.date, std::to_string(cp.day) + "-day plan checkpoint: " + who, "");
  // /2: the day an emerging expectation has held long enough to count (T5).
  if (v2)
    for (const auto& x : r.expectations) {
      if (x.status != Status::emerging) continue;
      const auto from = counts_from(fw, x);
      if (!from) continue;
      cal.event("sustained-" + x.competency, *from, title_of(fw, x.competency) + " counts from today: " + who,
                "Level " + std::to_string(x.level) + " (" + fw.scale[static_cast<std::size_t>(x.level)] +
                    ") held since " + format_date(*x.sustained_since) + "; after " +
                    std::to_string(fw.policy.sustained_days) + " days it counts towards the promotion");
    }
  const std::string gate =
      v2 && r.move.gate && *r.move.gate != Gate::open ? std::string("; the move goes ") + gate_phrase(*r.move.gate) : "";
  if (r.timeline.target_cycle && r.timeline.target_decision)
    cal.event("decision", *r.timeline.target_decision,
              "Promotion decision (" + *r.timeline.target_cycle + "): " + who,
              std::string("Target cycle; verdict today: ") + name(r.verdict) + gate);
  if (const auto& q = r.timeline.requested_cycle; q && (!r.timeline.target_cycle || q->id != *r.timeline.target_cycle))
    cal.event("requested", q->decision, "Requested decision (" + q->id + "): " + who,
              q->feasible ? "feasible" : "not feasible");
  line(out, "END:VCALENDAR");
}

}  // namespace rung::render
