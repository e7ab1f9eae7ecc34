// SPDX-License-Identifier: MIT
// The promotion case: a document the employee and manager take into the
// decision meeting. For each target expectation, the work that shows it;
// what blocks the case or keeps it from ready, why evidence does not count,
// and a legend of the codes it uses (plain words: common.cpp).
#include <algorithm>
#include <string>

#include "render/writer.hpp"
#include "rung/gaps.hpp"

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

/// A sentence, its codes as code spans.
MarkdownWriter& say(MarkdownWriter& w, const Sentence& s) {
  write(w, s, [](MarkdownWriter& m, const std::string& code) { m.code(code); });
  return w;
}

/// Sentences as a list, each indented by `indent` spaces (two more for a detail).
void bullets(MarkdownWriter& w, const std::vector<Sentence>& sentences, Markup indent = "") {
  for (const Sentence& s : sentences) {
    w.markup(indent);
    if (s.depth > 0) w.markup("  ");
    say(w.markup("- "), s).markup("\n");
  }
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
  w.markup("- Statements shown: ").integer(met).markup(" of ").integer(static_cast<std::int64_t>(x.criteria.size()));
  w.markup(" (").percent(x.criteria_met.value_or(0)).markup(" of their weight; needs ");
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
  const bool v2 = r.version >= 2;
  w.markup("# Promotion case: ").text(person(c, r));
  if (*view_of(r)) w.markup(" — ").word(view_of(r));
  w.markup("\n\n| | |\n|---|---|\n| Move | ").text(level_label(fw, r.move.from)).markup(" → ");
  if (r.move.to) w.text(level_label(fw, *r.move.to));
  else if (choosing_track(c, r)) w.markup("a track to choose");
  else w.markup("no higher level");
  if (r.move.kind) w.markup(", ").word(name(*r.move.kind));
  if (v2 && r.move.gate && *r.move.gate != Gate::open) w.markup(", ").word(gate_phrase(*r.move.gate));
  w.markup(" |\n");
  if (choosing_track(c, r)) {
    w.markup("| Next on each track |");
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      w.markup(k ? Markup("; ") : Markup(" ")).text(level_label(fw, l.id)).markup(" on ");
      List tracks(w);
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) tracks.next().text(t);
    }
    w.markup(" |\n");
  }
  w.markup("| Verdict | **").text(words(r.verdict).label).markup("** |\n");
  if (r.coverage) {
    w.markup("| Coverage | ").percent(*r.coverage).markup(" of the weighted expectations (needs ");
    w.percent(fw.policy.coverage_min).markup("); current role ").percent(r.current_coverage.value_or(0));
    w.markup(" (needs ").percent(fw.policy.current_min).markup(") |\n");
  }
  w.markup("| Target cycle | ");
  text_or_dash(w, r.timeline.target_cycle);
  if (r.timeline.target_decision) w.markup(" (decision ").date(*r.timeline.target_decision).markup(")");
  w.markup(" |\n| As of | ").date(r.as_of).markup(" |\n\n");
  if (const auto why = why_blocked(fw, c, r); !why.empty()) {
    w.markup("## Why blocked: the current role comes first\n\n");
    bullets(w, why);
    w.markup("\n");
  }
  if (const auto why = why_not_ready(fw, r); !why.empty()) {
    w.markup("## Why not ready yet\n\n");
    bullets(w, why);
    w.markup("\n");
  }
  if (!c.employee.motivation.empty())
    w.markup("## Why this move matters\n\n> ").text(c.employee.motivation).markup("\n\n");

  if (target && !r.expectations.empty()) {
    w.markup("## The expectations of ").text(level_label(fw, target->id)).markup("\n\n");
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      const auto& e = target->expectations[x.expectation];
      w.markup("### ").text(title_of(fw, x.competency)).markup(" — ").text(words(x.status).label);
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
      if (std::any_of(x.flags.begin(), x.flags.end(), [](Flag f) { return f != Flag::not_visible; })) {
        w.markup("- To agree on: ");
        List flags(w);
        for (Flag f : x.flags)
          if (f != Flag::not_visible) flags.next().text(words(f).label);
        w.markup("\n");
      }
      if (has_flag(x, Flag::not_visible))
        w.markup("- Not seen by the deciders: none of the evidence that counts is shared with stakeholders or decision "
                 "makers\n");
      if (v2 && !x.criteria.empty()) criteria_lines(fw, c, x, w);
      const std::vector<Sentence> notes = evidence_notes(fw, c, x);
      if (!x.evidence_ids.empty()) {
        w.markup("- Evidence that counts (").integer(x.evidence).markup("):\n");
        for_each_counted(c, x, [&](const Evidence& ev) {
          w.markup("  - ").date(ev.date).markup(" — ").text(ev.title.empty() ? ev.id : ev.title);
          if (!ev.link.empty()) {
            w.markup(" (");
            w.link(ev.link).markup(")");
          }
          w.markup(", seen by ").word(visibility_name(ev.visibility)).markup(" ");
          w.code(ev.id).markup("\n");
        });
      } else if (notes.empty()) {
        w.markup("- Evidence: none that counts yet\n");
      }
      const auto& u = x.uncounted;
      if (!notes.empty()) {
        w.markup("- Why the evidence falls short:\n");
        bullets(w, notes, "  ");
      } else if (v2 && (u.below_visibility > 0 || u.outside_window > 0)) {
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
      w.markup("| # | Competency | Gap | Size | Priority | Statements not shown yet | Addressed by |\n"
               "|---|---|---|---|---|---|---|\n");
    else
      w.markup("| # | Competency | Gap | Size | Priority | Addressed by |\n|---|---|---|---|---|---|\n");
    std::int64_t i = 0;
    for (const auto& g : r.gaps) {
      w.markup("| ").integer(++i).markup(" | ").text(title_of(fw, g.competency));
      w.markup(" | ").text(words(g.kind).label).markup(" | ").integer(g.size).markup(" | ").number(g.priority).markup(" | ");
      if (v2) {
        List criteria(w, "; ");
        for (std::size_t k : g.criteria_index) criteria.next().text(criterion_at(fw, k).text);
        if (criteria.empty()) w.markup("—");
        w.markup(" | ");
      }
      if (v2 && g.kind == Status::emerging && g.emerging_until) {
        w.markup("time: it counts from ").date(*g.emerging_until);
      } else if (g.addressed) {
        std::size_t all = 0;
        List by(w, "; ");
        for (const Milestone* m : addressing(c, g, 3, &all)) say(by.next(), milestone_label(*m));
        if (all > 3) w.markup(" and ").integer(static_cast<std::int64_t>(all - 3)).markup(" more");
      } else {
        w.markup("**no open milestone**");
      }
      w.markup(" |\n");
    }
    w.markup("\n");
  }
  if (!c.plan.milestones.empty()) {
    w.markup("## Milestones\n\n");
    const std::vector<std::string_view> goals = goal_titles(c);
    for (const MilestoneStatus& s : r.plan.milestones) {
      const Milestone& m = c.plan.milestones[s.milestone];
      say(w.markup("### "), milestone_label(m));
      w.markup(m.done ? Markup(" (done)\n\n") : Markup("\n\n"));
      if (!goals[s.milestone].empty()) w.markup("- Goal: ").text(goals[s.milestone]).markup("\n");
      if (!m.addresses.empty() || !m.addresses_criteria.empty()) {
        w.markup("- Addresses: ");
        List addresses(w, "; ");
        for (std::size_t k : m.addresses) addresses.next().text(title_of(fw, fw.competencies[k].id));
        for (std::size_t k : m.addresses_criteria) addresses.next().text(criterion_at(fw, k).text);
        w.markup("\n");
      }
      const auto field = [&](Markup label, Text text) {
        w.markup(label);
        if (text.empty()) w.markup("—");
        else w.text(text);
        w.markup("\n");
      };
      if (m.action.empty()) field("- Action: ", m.action);
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
        w.markup("- Not SMART yet, missing: ");
        List missing(w);
        for (const auto& f : s.missing) {
          std::string field_name = f;  // P2's own field names, in words
          std::replace(field_name.begin(), field_name.end(), '_', ' ');
          missing.next().text(field_name);
        }
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
    date_or(w, t.projected_ready, "none");
    if (t.projected_reason) say(w.markup(" — "), cause_sentence(fw, c, r, *t.projected_reason));
    w.markup("\n- Earliest eligible: ");
    date_or(w, t.earliest_eligible, "none");
    w.markup("\n- Target cycle: ");
    text_or_dash(w, t.target_cycle);
    if (t.target_decision) w.markup(" (decision ").date(*t.target_decision).markup(")");
    w.markup("\n");
    if (const auto& q = t.requested_cycle) {
      w.markup("- Requested cycle ").text(q->id).markup(" (decision ").date(q->decision).markup("): ");
      w.markup(q->feasible ? Markup("feasible\n") : Markup("**not feasible**\n"));
      for (Cause cause : q->causes) say(w.markup("  - "), cause_sentence(fw, c, r, cause)).markup("\n");
    }
    for (const auto& cp : t.checkpoints) {
      w.markup("- ").integer(cp.day).markup("-day checkpoint: ").date(cp.date);
      if (cp.passed) w.markup(" (passed)");
      w.markup("\n");
    }
    w.markup("\n");
  }

  const auto& f = r.followup;
  const NextCheckin next = next_checkin(f);
  w.markup("## Next check-in: ").date(next.date).markup("\n\n");
  if (f.overdue_days > 0)
    w.markup("**Now: ").integer(f.overdue_days).markup(" days overdue** (it was due ").date(f.next_due).markup("). ");
  w.markup("Last check-in: ");
  date_or(w, f.last_checkin, "none yet");
  w.markup(".\n\n");
  std::int64_t i = 0;
  for (const Sentence& s : agenda_sentences(fw, c, r)) say(w.integer(++i).markup(". "), s).markup("\n");
  if (!next.later.empty()) {
    w.markup("\nLater check-ins: ");
    for (std::size_t k = 0; k < next.later.size(); ++k) w.markup(k ? Markup(", ") : Markup("")).date(next.later[k]);
    w.markup("\n");
  }
  w.markup("\n");
  if (!r.signals.empty()) {
    w.markup("## Signals\n\n");
    for (const auto& s : r.signals)
      w.markup("- ").word(name(s.severity)).markup(": ").text(s.detail).markup(" (").code(name(s.id)).markup(")\n");
    w.markup("\n");
  }
  w.markup("## Legend\n\n");
  for (const Words* entry : legend(r))
    w.markup("- **").text(entry->label).markup("** (").code(entry->code).markup("): ").text(entry->meaning).markup("\n");
  if (!r.warnings.empty()) {
    w.markup("\n## Warnings\n\n");
    for (const Warning& warning : r.warnings) say(w.markup("- "), warning_sentence(warning)).markup("\n");
  }
}

}  // namespace rung::render
