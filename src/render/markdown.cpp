// The promotion case: a document the employee and manager take into the
// decision meeting. For each target expectation, the work that shows it.
#include <algorithm>
#include <string>

#include "render/writer.hpp"

namespace rung::render {
namespace {

void rating(MarkdownWriter& w, const std::optional<int>& v, const Framework& fw) {
  if (!v) {
    w.markup("-");
    return;
  }
  w.integer(*v).markup(" (").text(fw.scale[static_cast<std::size_t>(*v)]).markup(")");
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

void date_or(MarkdownWriter& w, const std::optional<Date>& d, Markup none = "—") {
  if (d) w.date(*d);
  else w.markup(none);
}

void text_or_dash(MarkdownWriter& w, const std::optional<std::string>& s) {
  if (s) w.text(*s);
  else w.markup("—");
}

void plural(MarkdownWriter& w, std::int64_t n, Markup one, Markup many) {
  w.integer(n).markup(" ").markup(n == 1 ? one : many);
}

/// A level's id, then its name in parentheses when it has one.
void level_name(MarkdownWriter& w, std::string_view id, const Level* l) {
  w.text(id);
  if (l && !l->name.empty()) w.markup(" (").text(l->name).markup(")");
}

/// A list written in place: `between` before an item once the list has
/// written something (an empty id writes nothing and adds no separator).
class List {
 public:
  explicit List(MarkdownWriter& w, Markup between = ", ") : w_(w), between_(between), start_(w.written().size()) {}
  MarkdownWriter& next() {
    if (!empty()) w_.markup(between_);
    return w_;
  }
  bool empty() const { return w_.written().size() == start_; }

 private:
  MarkdownWriter& w_;
  Markup between_;
  std::size_t start_;
};

/// /2: the criteria of a target expectation, each with what shows it, then
/// its credit.
void criteria_lines(const Framework& fw, const Case& c, const ExpectationResult& x, MarkdownWriter& w) {
  std::int64_t met = 0;
  for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
  w.markup("- Criteria: ").integer(met).markup(" of ").integer(static_cast<std::int64_t>(x.criteria.size()));
  w.markup(" shown (").percent(x.criteria_met.value_or(0)).markup(" of their weight; needs ");
  w.percent(fw.policy.criteria_min).markup(")\n");
  for (const auto& cr : x.criteria) {
    const Criterion& def = criterion_at(fw, cr.index);
    w.markup("  - ").text(def.text);
    if (def.weight != 1.0) w.markup(" (weight ").number(def.weight).markup(")");
    w.markup(" — ");
    // Every listed id is shown, as an item found or as an id alone.
    const bool listed = !cr.evidence_ids.empty();
    const auto shown = [&] {
      List shown_by(w, "; ");
      for_each_showing(
          c, x, cr,
          [&](const Evidence& ev) {
            shown_by.next().text(ev.title.empty() ? ev.id : ev.title).markup(" ");
            w.code(ev.id);
          },
          [&](const std::string& id) { shown_by.next().code(id); });
    };
    if (cr.met) {
      w.markup("shown by ");
      if (listed) {
        shown();
      } else {
        plural(w, cr.evidence, "item", "items");
        w.markup(" not listed here");
      }
    } else {
      w.markup("**not shown yet**");
      if (cr.evidence > 0) {
        w.markup(" (");
        plural(w, cr.evidence, "item", "items");
        w.markup(", needs ").integer(fw.policy.evidence_min);
        if (listed) {
          w.markup(": ");
          shown();
        }
        w.markup(")");
      }
    }
    w.markup("\n");
  }
  w.markup("- Credit towards coverage: ").percent(x.credit).markup(" of its weight");
  if (x.credit > 0 && x.credit < 1) w.markup(" (partial credit for the criteria shown)");
  else if (x.status == Status::emerging) w.markup(" until it has held long enough");
  w.markup("\n");
}

}  // namespace

void markdown(const Framework& fw, const Case& c, const Report& r, std::string& o) {
  MarkdownWriter w(o);
  const Level* target = r.move.to ? fw.find_level(*r.move.to) : nullptr;
  const Level* current = fw.find_level(r.move.from);
  const bool v2 = r.version >= 2;
  w.markup("# Promotion case: ").text(person(c, r));
  if (*view_of(r)) w.markup(" — ").word(view_of(r));
  w.markup("\n\n| | |\n|---|---|\n| Move | ");
  level_name(w, r.move.from, current);
  w.markup(" → ");
  if (r.move.to) level_name(w, *r.move.to, target);
  else if (choosing_track(c, r)) w.markup("a track to choose");
  else w.markup("no higher level");
  if (r.move.kind) w.markup(", ").word(name(*r.move.kind));
  if (v2 && r.move.gate && *r.move.gate != Gate::open) w.markup(", ").word(gate_phrase(*r.move.gate));
  w.markup(" |\n");
  if (choosing_track(c, r)) {
    w.markup("| Next on each track |");
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      w.markup(k ? Markup("; ") : Markup(" "));
      level_name(w, l.id, &l);
      w.markup(" on ");
      List tracks(w);
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) tracks.next().text(t);
    }
    w.markup(" |\n");
  }
  w.markup("| Verdict | **").word(name(r.verdict)).markup("** |\n");
  if (r.coverage) {
    w.markup("| Coverage | ").percent(*r.coverage).markup(" of the weighted expectations (needs ");
    w.percent(fw.policy.coverage_min).markup("); current role ").percent(r.current_coverage.value_or(0)).markup(" |\n");
  }
  w.markup("| Target cycle | ");
  text_or_dash(w, r.timeline.target_cycle);
  if (r.timeline.target_decision) w.markup(" (decision ").date(*r.timeline.target_decision).markup(")");
  w.markup(" |\n| As of | ").date(r.as_of).markup(" |\n\n");
  if (!c.employee.motivation.empty())
    w.markup("## Why this move matters\n\n> ").text(c.employee.motivation).markup("\n\n");

  if (target && !r.expectations.empty()) {
    w.markup("## The expectations of ").text(target->id).markup("\n\n");
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      const auto& e = target->expectations[x.expectation];
      w.markup("### ").text(title_of(fw, x.competency)).markup(" — ").word(name(x.status));
      if (x.critical) w.markup(" (critical)");
      w.markup("\n\n");
      if (!e.description.empty()) w.text(e.description).markup("\n\n");
      w.markup("- Expected level: ");
      rating(w, x.level, fw);
      w.markup(", weight ").number(x.weight).markup("\n- Ratings: self ");
      rating(w, x.ratings.self, fw);
      w.markup(", manager ");
      rating(w, x.ratings.manager, fw);
      w.markup(", stakeholders ");
      rating(w, x.ratings.stakeholders, fw);
      if (v2 && !x.ratings.stakeholders && x.ratings.stakeholder_raters > 0) {
        w.markup(" (");
        plural(w, x.ratings.stakeholder_raters, "rater", "raters");
        w.markup("; shown from ").integer(fw.policy.anonymity_min).markup(")");
      }
      w.markup("; agreed **");
      rating(w, x.ratings.agreed, fw);
      w.markup("**\n");
      if (v2 && x.status == Status::emerging) {
        if (x.sustained_since) {
          w.markup("- Emerging: held since ").date(*x.sustained_since);
          if (const auto from = counts_from(fw, x)) w.markup(", counts from ").date(*from);
          w.markup("\n");
        } else {
          w.markup("- Emerging: not held yet\n");
        }
      }
      if (!x.flags.empty()) {
        w.markup("- To agree on:");
        for (Flag f : x.flags) w.markup(" ").word(name(f));
        w.markup("\n");
      }
      if (v2 && !x.criteria.empty()) criteria_lines(fw, c, x, w);
      if (x.evidence_ids.empty()) {
        w.markup("- Evidence: none that counts yet\n");
      } else {
        w.markup("- Evidence (").integer(x.evidence).markup("):\n");
        for_each_counted(c, x, [&](const Evidence& ev) {
          w.markup("  - ").date(ev.date).markup(" — ").text(ev.title.empty() ? ev.id : ev.title);
          if (!ev.link.empty()) {
            w.markup(" (");
            w.link(ev.link).markup(")");
          }
          w.markup(", seen by ").word(visibility_name(ev.visibility)).markup(" ");
          w.code(ev.id).markup("\n");
        });
      }
      const auto& u = x.uncounted;
      if (v2 && (u.below_visibility > 0 || u.outside_window > 0)) {
        w.markup("- Not counted:");
        if (u.below_visibility > 0) {
          w.markup(" ");
          plural(w, u.below_visibility, "item", "items");
          w.markup(" visible to fewer people than needed (at least ");
          w.word(visibility_name(fw.policy.evidence_visibility_min)).markup(")");
          if (u.outside_window > 0) w.markup(";");
        }
        if (u.outside_window > 0) {
          w.markup(" ");
          plural(w, u.outside_window, "item", "items");
          w.markup(" older than ").integer(fw.policy.evidence_window_days).markup(" days");
        }
        w.markup("\n");
      }
      w.markup("\n");
    }
  }

  if (!r.gaps.empty()) {
    w.markup("## Gaps and the plan that closes them\n\n");
    if (v2)
      w.markup("| # | Competency | Gap | Size | Priority | Criteria not shown | Addressed |\n|---|---|---|---|---|---|---|\n");
    else
      w.markup("| # | Competency | Gap | Size | Priority | Addressed |\n|---|---|---|---|---|---|\n");
    std::int64_t i = 0;
    for (const auto& g : r.gaps) {
      w.markup("| ").integer(++i).markup(" | ").text(v2 ? title_of(fw, g.competency) : g.competency);
      w.markup(" | ").word(name(g.kind)).markup(" | ").integer(g.size).markup(" | ").number(g.priority).markup(" | ");
      if (v2) {
        List criteria(w);
        for (const auto& id : g.criteria) criteria.next().text(id);
        if (criteria.empty()) w.markup("—");
        w.markup(" | ");
      }
      if (v2 && g.kind == Status::emerging && g.emerging_until)
        w.markup("by time: counts from ").date(*g.emerging_until);
      else if (g.addressed)
        w.markup("yes");
      else
        w.markup("**no**");
      w.markup(" |\n");
    }
    w.markup("\n");
  }
  if (!c.plan.milestones.empty()) {
    w.markup("## Milestones\n\n");
    for (const MilestoneStatus& s : r.plan.milestones) {
      const Milestone& m = c.plan.milestones[s.milestone];
      w.markup("### ").text(m.id);
      w.markup(m.done ? Markup(" (done)\n\n") : Markup("\n\n"));
      // The line only when some id has text: an id may be empty.
      const auto named_competency = [&](std::size_t k) { return !fw.competencies[k].id.empty(); };
      const auto named_criterion = [&](std::size_t k) { return !criterion_at(fw, k).id.empty(); };
      if (std::any_of(m.addresses.begin(), m.addresses.end(), named_competency) ||
          std::any_of(m.addresses_criteria.begin(), m.addresses_criteria.end(), named_criterion)) {
        w.markup("- Addresses: ");
        List addresses(w);
        for (std::size_t k : m.addresses) addresses.next().text(fw.competencies[k].id);
        for (std::size_t k : m.addresses_criteria) addresses.next().text(criterion_at(fw, k).id);
        w.markup("\n");
      }
      const auto field = [&](Markup label, Text text) {
        w.markup(label);
        if (text.empty()) w.markup("—");
        else w.text(text);
        w.markup("\n");
      };
      field("- Action: ", m.action);
      field("- Metric: ", m.metric);
      field("- Success criteria: ", m.success_criteria);
      w.markup("- Created ");
      date_or(w, m.created);
      w.markup(", deadline ");
      date_or(w, m.deadline);
      w.markup("\n- Progress ").percent(s.progress).markup(", forecast finish ");
      date_or(w, s.forecast_finish, "none");
      if (s.overdue) w.markup(", **overdue**");
      if (s.at_risk) w.markup(", **at risk**");
      if (s.stalled) w.markup(", **stalled**");
      w.markup("\n");
      if (!s.missing.empty()) {
        w.markup("- Not SMART yet: missing");
        for (const auto& f : s.missing) w.markup(" ").word(f.c_str());  // P2's own field names
        w.markup("\n");
      }
      w.markup("\n");
    }
  }

  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    w.markup("## Timeline\n\n- Plan agreed: ");
    date_or(w, t.agreed_on, "not yet");
    w.markup("\n- Projected ready: ");
    date_or(w, t.projected_ready);
    if (t.projected_reason) w.markup(" (").word(name(*t.projected_reason)).markup(")");
    w.markup("\n- Earliest eligible: ");
    date_or(w, t.earliest_eligible);
    w.markup("\n- Target cycle: ");
    text_or_dash(w, t.target_cycle);
    w.markup("\n");
    if (const auto& q = t.requested_cycle) {
      w.markup("- Requested cycle ").text(q->id).markup(" (decision ").date(q->decision).markup("): ");
      if (q->feasible) {
        w.markup("feasible\n");
      } else {
        w.markup("not feasible because of");
        for (Cause cause : q->causes) w.markup(" ").word(name(cause));
        w.markup("\n");
      }
    }
    for (const auto& cp : t.checkpoints) {
      w.markup("- ").integer(cp.day).markup("-day checkpoint: ").date(cp.date);
      if (cp.passed) w.markup(" (passed)");
      w.markup("\n");
    }
    w.markup("\n");
  }

  const auto& f = r.followup;
  w.markup("## Next check-in: ").date(f.next_due).markup("\n\n");
  if (f.overdue_days > 0) w.markup("Overdue by ").integer(f.overdue_days).markup(" days.\n\n");
  std::int64_t i = 0;
  for (const auto& a : f.agenda) {
    w.integer(++i).markup(". ").word(name(a.kind));
    if (a.ref) w.markup(": ").text(*a.ref);
    w.markup("\n");
  }
  w.markup("\n");
  if (!r.signals.empty()) {
    w.markup("## Signals\n\n");
    for (const auto& s : r.signals)
      w.markup("- **").word(name(s.id)).markup("** (").word(name(s.severity)).markup("): ").text(s.detail).markup("\n");
    w.markup("\n");
  }
}

}  // namespace rung::render
