// The promotion case: a document the employee and manager take into the
// decision meeting. For each target expectation, the work that shows it.
#include <algorithm>
#include <cstdio>
#include <string>

#include "render/render.hpp"

namespace rung::render {
namespace {

/// Escapes what Markdown would read as markup in free text.
std::string md(std::string_view text) {
  std::string out;
  append_md(out, text);
  return out;
}

std::string rating(const std::optional<int>& v, const Framework& fw) {
  if (!v) return "-";
  return std::to_string(*v) + " (" + md(fw.scale[static_cast<std::size_t>(*v)]) + ")";
}

const char* visibility_name(Visibility v) {
  switch (v) {
    case Visibility::private_: return "private";
    case Visibility::manager: return "manager";
    case Visibility::stakeholders: return "stakeholders";
    case Visibility::decision_makers: return "decision makers";
  }
  return "";
}

std::string date_or(const std::optional<Date>& d, const char* none = "—") { return d ? format_date(*d) : none; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// /2: the criteria of a target expectation, each with what shows it, then
/// its credit.
void criteria_lines(const Framework& fw, const Case& c, const ExpectationResult& x, std::string& o) {
  std::size_t met = 0;
  for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
  o += "- Criteria: " + std::to_string(met) + " of " + std::to_string(x.criteria.size()) + " shown (" +
       percent(x.criteria_met.value_or(0)) + " of their weight; needs " + percent(fw.policy.criteria_min) + ")\n";
  for (const auto& cr : x.criteria) {
    const Criterion& def = criterion_at(fw, cr.index);
    o += "  - ";
    append_md(o, def.text);
    if (def.weight != 1.0) o += " (weight " + number(def.weight) + ")";
    o += " — ";
    std::string shown;
    for_each_showing(
        c, x, cr,
        [&](const Evidence& ev) {
          shown += shown.empty() ? "" : "; ";
          append_md(shown, ev.title.empty() ? ev.id : ev.title);
          shown += " ";
          append_code(shown, ev.id);
        },
        [&](const std::string& id) {
          shown += shown.empty() ? "" : "; ";
          append_code(shown, id);
        });
    if (cr.met) {
      o += shown.empty() ? "shown by " + plural(static_cast<std::size_t>(cr.evidence), "item", "items") + " not listed here"
                         : "shown by " + shown;
    } else {
      o += "**not shown yet**";
      if (cr.evidence > 0)
        o += " (" + plural(static_cast<std::size_t>(cr.evidence), "item", "items") + ", needs " +
             std::to_string(fw.policy.evidence_min) + (shown.empty() ? "" : ": " + shown) + ")";
    }
    o += "\n";
  }
  o += "- Credit towards coverage: " + percent(x.credit) + " of its weight";
  if (x.credit > 0 && x.credit < 1) o += " (partial credit for the criteria shown)";
  else if (x.status == Status::emerging) o += " until it has held long enough";
  o += "\n";
}

}  // namespace

void markdown(const Framework& fw, const Case& c, const Report& r, std::string& o) {
  const Level* target = r.move.to ? fw.find_level(*r.move.to) : nullptr;
  const Level* current = fw.find_level(r.move.from);
  const bool v2 = r.version >= 2;
  o += "# Promotion case: " + md(person(c, r)) + (view_of(r).empty() ? "" : " — " + view_of(r)) + "\n\n";
  o += "| | |\n|---|---|\n";
  o += "| Move | " + md(r.move.from) + (current && !current->name.empty() ? " (" + md(current->name) + ")" : "") + " → " +
       (r.move.to ? md(*r.move.to) + (target && !target->name.empty() ? " (" + md(target->name) + ")" : "")
        : choosing_track(c, r) ? "a track to choose" : "no higher level") +
       (r.move.kind ? std::string(", ") + name(*r.move.kind) : "") +
       (v2 && r.move.gate && *r.move.gate != Gate::open ? std::string(", ") + gate_phrase(*r.move.gate) : "") + " |\n";
  if (choosing_track(c, r)) {
    o += "| Next on each track |";
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      std::string tracks;
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) tracks += (tracks.empty() ? "" : ", ") + t;
      o += (k ? "; " : " ") + md(l.id) + (l.name.empty() ? "" : " (" + md(l.name) + ")") + " on " + md(tracks);
    }
    o += " |\n";
  }
  o += std::string("| Verdict | **") + name(r.verdict) + "** |\n";
  if (r.coverage)
    o += "| Coverage | " + percent(*r.coverage) + " of the weighted expectations (needs " +
         percent(fw.policy.coverage_min) + "); current role " + percent(r.current_coverage.value_or(0)) + " |\n";
  o += "| Target cycle | " + r.timeline.target_cycle.value_or("—") +
       (r.timeline.target_decision ? " (decision " + format_date(*r.timeline.target_decision) + ")" : "") + " |\n";
  o += "| As of | " + format_date(r.as_of) + " |\n\n";
  if (!c.employee.motivation.empty()) o += "## Why this move matters\n\n> " + md(c.employee.motivation) + "\n\n";

  if (target && !r.expectations.empty()) {
    o += "## The expectations of " + md(target->id) + "\n\n";
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      const auto& e = target->expectations[i];
      o += "### " + md(title_of(fw, x.competency)) + " — " + name(x.status) + (x.critical ? " (critical)" : "") + "\n\n";
      if (!e.description.empty()) o += md(e.description) + "\n\n";
      o += "- Expected level: " + rating(x.level, fw) + ", weight " + number(x.weight) + "\n";
      o += "- Ratings: self " + rating(x.ratings.self, fw) + ", manager " + rating(x.ratings.manager, fw) +
           ", stakeholders " + rating(x.ratings.stakeholders, fw) +
           (v2 && !x.ratings.stakeholders && x.ratings.stakeholder_raters > 0
                ? " (" + plural(static_cast<std::size_t>(x.ratings.stakeholder_raters), "rater", "raters") +
                      "; shown from " + std::to_string(fw.policy.anonymity_min) + ")"
                : "") +
           "; agreed **" + rating(x.ratings.agreed, fw) + "**\n";
      if (v2 && x.status == Status::emerging) {
        const auto from = counts_from(fw, x);
        o += x.sustained_since ? "- Emerging: held since " + format_date(*x.sustained_since) +
                                     (from ? ", counts from " + format_date(*from) : std::string()) + "\n"
                               : std::string("- Emerging: not held yet\n");
      }
      if (!x.flags.empty()) {
        o += "- To agree on:";
        for (Flag f : x.flags) o += std::string(" ") + name(f);
        o += "\n";
      }
      if (v2 && !x.criteria.empty()) criteria_lines(fw, c, x, o);
      if (x.evidence_ids.empty()) {
        o += "- Evidence: none that counts yet\n";
      } else {
        o += "- Evidence (" + std::to_string(x.evidence) + "):\n";
        for_each_counted(c, x, [&](const Evidence& ev) {
          o += "  - ";
          o += format_date(ev.date);
          o += " — ";
          append_md(o, ev.title.empty() ? ev.id : ev.title);
          if (!ev.link.empty()) {
            o += " (";
            append_link(o, ev.link);
            o += ")";
          }
          o += ", seen by ";
          o += visibility_name(ev.visibility);
          o += " ";
          append_code(o, ev.id);
          o += "\n";
        });
      }
      if (v2 && (x.uncounted.below_visibility > 0 || x.uncounted.outside_window > 0)) {
        o += "- Not counted:";
        if (x.uncounted.below_visibility > 0)
          o += " " + plural(static_cast<std::size_t>(x.uncounted.below_visibility), "item", "items") +
               " visible to fewer people than needed (at least " + visibility_name(fw.policy.evidence_visibility_min) + ")" +
               (x.uncounted.outside_window > 0 ? ";" : "");
        if (x.uncounted.outside_window > 0)
          o += " " + plural(static_cast<std::size_t>(x.uncounted.outside_window), "item", "items") + " older than " +
               std::to_string(fw.policy.evidence_window_days) + " days";
        o += "\n";
      }
      o += "\n";
    }
  }

  if (!r.gaps.empty() && v2) {
    o += "## Gaps and the plan that closes them\n\n| # | Competency | Gap | Size | Priority | Criteria not shown | Addressed |\n"
         "|---|---|---|---|---|---|---|\n";
    int i = 0;
    for (const auto& g : r.gaps) {
      std::string criteria;
      for (const auto& id : g.criteria) criteria += (criteria.empty() ? "" : ", ") + md(id);
      o += "| " + std::to_string(++i) + " | " + md(title_of(fw, g.competency)) + " | " + name(g.kind) + " | " +
           std::to_string(g.size) + " | " + number(g.priority) + " | " + (criteria.empty() ? "—" : criteria) + " | " +
           (g.kind == Status::emerging && g.emerging_until ? "by time: counts from " + format_date(*g.emerging_until)
            : g.addressed                                  ? std::string("yes")
                                                           : std::string("**no**")) +
           " |\n";
    }
    o += "\n";
  } else if (!r.gaps.empty()) {
    o += "## Gaps and the plan that closes them\n\n| # | Competency | Gap | Size | Priority | Addressed |\n|---|---|---|---|---|---|\n";
    int i = 0;
    for (const auto& g : r.gaps) {
      o += "| " + std::to_string(++i) + " | " + md(g.competency) + " | " + name(g.kind) + " | " + std::to_string(g.size) +
           " | " + number(g.priority) + " | " + (g.addressed ? "yes" : "**no**") + " |\n";
    }
    o += "\n";
  }
  if (!c.plan.milestones.empty()) {
    o += "## Milestones\n\n";
    for (std::size_t i = 0; i < c.plan.milestones.size(); ++i) {
      const Milestone& m = c.plan.milestones[i];
      const MilestoneStatus& s = r.plan.milestones[i];
      o += "### ";
      append_md(o, m.id);
      o += m.done ? " (done)\n\n" : "\n\n";
      std::string addresses;
      for (std::size_t a : m.addresses) addresses += (addresses.empty() ? "" : ", ") + fw.competencies[a].id;
      for (std::size_t k : m.addresses_criteria) addresses += (addresses.empty() ? "" : ", ") + criterion_at(fw, k).id;
      if (!addresses.empty()) {
        o += "- Addresses: ";
        append_md(o, addresses);
        o += "\n";
      }
      auto field = [&](const char* label, Text text) {
        o += label;
        if (text.empty()) o += "—";
        else append_md(o, text);
        o += "\n";
      };
      field("- Action: ", m.action);
      field("- Metric: ", m.metric);
      field("- Success criteria: ", m.success_criteria);
      append(o, "- Created ", date_or(m.created), ", deadline ", date_or(m.deadline), "\n");
      append(o, "- Progress ", percent(s.progress), ", forecast finish ", date_or(s.forecast_finish, "none"),
             s.overdue ? ", **overdue**" : "", s.at_risk ? ", **at risk**" : "", s.stalled ? ", **stalled**" : "", "\n");
      if (!s.missing.empty()) {
        o += "- Not SMART yet: missing";
        for (const auto& f : s.missing) append(o, " ", f);
        o += "\n";
      }
      o += "\n";
    }
  }

  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    o += "## Timeline\n\n";
    o += "- Plan agreed: " + date_or(t.agreed_on, "not yet") + "\n";
    o += "- Projected ready: " + date_or(t.projected_ready) +
         (t.projected_reason ? std::string(" (") + name(*t.projected_reason) + ")" : "") + "\n";
    o += "- Earliest eligible: " + date_or(t.earliest_eligible) + "\n";
    o += "- Target cycle: " + t.target_cycle.value_or("—") + "\n";
    if (const auto& q = t.requested_cycle) {
      o += "- Requested cycle " + md(q->id) + " (decision " + format_date(q->decision) + "): ";
      if (q->feasible) {
        o += "feasible\n";
      } else {
        o += "not feasible because of";
        for (Cause cause : q->causes) o += std::string(" ") + name(cause);
        o += "\n";
      }
    }
    for (const auto& cp : t.checkpoints)
      o += "- " + std::to_string(cp.day) + "-day checkpoint: " + format_date(cp.date) + (cp.passed ? " (passed)" : "") + "\n";
    o += "\n";
  }

  const auto& f = r.followup;
  o += "## Next check-in: " + format_date(f.next_due) + "\n\n";
  if (f.overdue_days > 0) o += "Overdue by " + std::to_string(f.overdue_days) + " days.\n\n";
  int i = 0;
  for (const auto& a : f.agenda) {
    append(o, std::to_string(++i), ". ", name(a.kind));
    if (a.ref) {
      o += ": ";
      append_md(o, *a.ref);
    }
    o += "\n";
  }
  o += "\n";
  if (!r.signals.empty()) {
    o += "## Signals\n\n";
    for (const auto& s : r.signals) o += std::string("- **") + name(s.id) + "** (" + name(s.severity) + "): " + md(s.detail) + "\n";
    o += "\n";
  }
}

}  // namespace rung::render
