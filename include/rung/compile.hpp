// SPDX-License-Identifier: MIT
// Compiling drafts (draft.hpp) into the model the rules read: every check
// that needs more than one value — references, the framework's duplicates,
// the scale, the review scale, the move — and the indexes, the calendar's
// cycles and the targets. (A case's own ids are checked for duplicates by
// the reader, while it reads them.) Checks run in document order; the reader's own error, when it
// stopped at one, is reported as soon as a check comes after it, so the
// first error in the document wins whoever finds it (docs/rules.md).
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "rung/draft.hpp"
#include "rung/error.hpp"
#include "rung/id_set.hpp"
#include "rung/move.hpp"
#include "rung/types.hpp"

namespace rung {

/// Cycles generated from `every_months` and `first_decision`: k = 0 .. 39
/// (docs/rules.md, "Calendar").
inline constexpr int kGeneratedCycles = 40;

namespace detail {

/// Runs a draft's checks in document order against the reader's stop.
class Checks {
 public:
  Checks(Document document, const std::optional<ReaderStop>& stop, const Locator* locator)
      : document_(document), stop_(stop), locator_(locator) {}

  /// A check on the value at `at` is due: the reader's error comes first
  /// when the reader met it before (or never got to the value).
  void reach(const Source& at) const {
    if (stop_ && at.mark >= stop_->mark) throw stop_->error;
  }
  /// After the last check: the reader's error, if there is one.
  void finish() const {
    if (stop_) throw stop_->error;
  }
  [[noreturn]] void fail(ErrorCode code, Field field, const Source& at, std::string message) const {
    throw InputError{document_, code, locator_ ? locator_->path(field, at) : std::string(), std::move(message)};
  }

 private:
  Document document_;
  const std::optional<ReaderStop>& stop_;
  const Locator* locator_;
};

/// A proficiency against the scale: a label of it, or an integer in it.
inline Proficiency resolve_proficiency(const Checks& checks, const std::vector<std::string>& scale,
                                       const At<ProficiencyDraft>& p, Field field) {
  if (p.value.label) {
    for (std::size_t i = 0; i < scale.size(); ++i)
      if (scale[i] == *p.value.label) return static_cast<Proficiency>(i);
    checks.fail(ErrorCode::invalid_value, field, p.at, quoted(*p.value.label) + " is not a label of the scale");
  }
  const auto top = static_cast<std::int64_t>(scale.size()) - 1;
  if (p.value.number < 0 || p.value.number > top)
    checks.fail(ErrorCode::invalid_value, field, p.at, "must be an integer from 0 to " + std::to_string(top));
  return static_cast<Proficiency>(p.value.number);
}

inline Framework compile_framework(const FrameworkDraft& d) {
  const Checks checks(Document::framework, d.stop, d.locator);
  Framework fw;
  fw.version = d.version;
  fw.id = d.id;
  fw.name = d.name;
  IdSet labels(d.scale.size());
  for (const auto& label : d.scale) {
    checks.reach(label.at);
    if (!labels.insert(label.value))
      checks.fail(ErrorCode::duplicate_id, Field::scale_label, label.at, "duplicate scale label " + quoted(label.value));
    fw.scale.push_back(label.value);
  }
  checks.reach({d.scale_end});
  if (fw.scale.size() < 2) checks.fail(ErrorCode::invalid_value, Field::scale, {}, "a scale needs at least 2 labels");

  for (std::size_t i = 0; i < d.competencies.size(); ++i) {
    const auto& id = d.competencies[i];
    checks.reach(id.at);
    if (!fw.competency_index.emplace(id.value, i).second)
      checks.fail(ErrorCode::duplicate_id, Field::competency_id, id.at, "duplicate competency " + quoted(id.value));
    Competency c = d.competency_texts[i];
    c.id = id.value;
    fw.competencies.push_back(std::move(c));
  }

  std::set<std::pair<std::string, std::int64_t>> track_ranks;
  IdSet criterion_ids;
  for (std::size_t i = 0; i < d.levels.size(); ++i) {
    const LevelDraft& ld = d.levels[i];
    checks.reach(ld.id.at);
    if (!fw.level_index.emplace(ld.id.value, i).second)
      checks.fail(ErrorCode::duplicate_id, Field::level_id, ld.id.at, "duplicate level " + quoted(ld.id.value));
    Level l;
    l.id = ld.id.value;
    l.name = ld.name;
    l.tracks = ld.tracks;
    checks.reach(ld.rank.at);
    l.rank = ld.rank.value;
    for (const auto& track : l.tracks)
      if (!track_ranks.emplace(track, l.rank).second)
        checks.fail(ErrorCode::duplicate_id, Field::level_rank, ld.rank.at,
                    "track " + quoted(track) + " already has a level of rank " + std::to_string(l.rank));
    l.gate = ld.gate;
    std::vector<bool> listed(d.competencies.size());
    for (std::size_t j = 0; j < ld.expectations.size(); ++j) {
      const ExpectationDraft& xd = ld.expectations[j];
      Expectation x;
      checks.reach(xd.competency.at);
      x.competency = xd.competency.value;
      auto it = fw.competency_index.find(x.competency);
      if (it == fw.competency_index.end())
        checks.fail(ErrorCode::unknown_reference, Field::expectation_competency, xd.competency.at,
                    "unknown competency " + quoted(x.competency));
      x.competency_index = it->second;
      if (listed[it->second])
        checks.fail(ErrorCode::duplicate_id, Field::expectation_competency, xd.competency.at,
                    "competency " + quoted(x.competency) + " is listed twice in this level");
      listed[it->second] = true;
      checks.reach(xd.level.at);
      x.level = resolve_proficiency(checks, fw.scale, xd.level, Field::expectation_level);
      x.weight = xd.weight;
      x.critical = xd.critical;
      x.description = xd.description;
      x.first_criterion = fw.criteria.size();
      for (std::size_t k = 0; k < xd.criteria.size(); ++k) {
        const CriterionDraft& cd = xd.criteria[k];
        checks.reach(cd.id.at);
        if (fw.competency_index.count(cd.id.value))
          checks.fail(ErrorCode::duplicate_id, Field::criterion_id, cd.id.at,
                      "criterion " + quoted(cd.id.value) + " has the id of a competency");
        if (!criterion_ids.insert(cd.id.value))
          checks.fail(ErrorCode::duplicate_id, Field::criterion_id, cd.id.at, "duplicate criterion " + quoted(cd.id.value));
        fw.criterion_index.emplace(cd.id.value, fw.criteria.size());
        fw.criteria.push_back({i, j, k});
        x.criteria.push_back({cd.id.value, cd.text, cd.weight});
      }
      l.expectations.push_back(std::move(x));
    }
    fw.levels.push_back(std::move(l));
  }

  fw.policy = d.policy;
  checks.reach(d.review_min.at);
  const auto& review_scale = fw.policy.review_scale;
  auto rating = std::find(review_scale.begin(), review_scale.end(), d.review_min.value);
  if (rating == review_scale.end())
    checks.fail(ErrorCode::invalid_value, Field::review_min, d.review_min.at,
                "review_min " + quoted(d.review_min.value) + " is not a label of review_scale");
  fw.policy.review_min = static_cast<int>(rating - review_scale.begin());

  Calendar& cal = fw.calendar;
  IdSet cycle_ids(d.cycles.size());
  for (const CycleDraft& cd : d.cycles) {
    checks.reach(cd.id.at);
    if (!cycle_ids.insert(cd.id.value))
      checks.fail(ErrorCode::duplicate_id, Field::cycle_id, cd.id.at, "duplicate cycle " + quoted(cd.id.value));
  }
  checks.finish();

  cal.business = d.business;
  auto& h = cal.business.holidays;
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  if (d.cycles_listed) {
    // By decision date, ties in list order: the (date, position) pairs are
    // sorted, then each cycle is made once in its place.
    std::vector<std::pair<Date, std::size_t>> order(d.cycles.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = {d.cycles[i].decision, i};
    std::sort(order.begin(), order.end());
    cal.cycles.reserve(order.size());
    for (const auto& [decision, i] : order)
      cal.cycles.push_back(
          {d.cycles[i].id.value, decision, d.cycles[i].effective.value_or(add_days(decision, d.effective_after_days))});
  } else if (d.every) {
    // Cycle k decides on first_decision + k * every_months (never chained).
    for (int k = 0; k < kGeneratedCycles; ++k) {
      Cycle c;
      c.decision = add_months(d.every->second, k * d.every->first);
      c.effective = add_days(c.decision, d.effective_after_days);
      c.id = format_year_month(c.decision);
      cal.cycles.push_back(std::move(c));
    }
  }
  fw.cycle_index.reserve(cal.cycles.size());
  for (std::size_t i = 0; i < cal.cycles.size(); ++i) fw.cycle_index.emplace(cal.cycles[i].id, i);
  for (std::size_t i = 0; i < fw.levels.size(); ++i)
    for (const auto& t : fw.levels[i].tracks) {
      auto [it, added] = fw.track_index.emplace(t, fw.tracks.size());
      if (added) fw.tracks.push_back({t, {}});
      fw.tracks[it->second].levels.push_back(i);
    }
  for (Track& t : fw.tracks)
    std::stable_sort(t.levels.begin(), t.levels.end(),
                     [&](std::size_t a, std::size_t b) { return fw.levels[a].rank < fw.levels[b].rank; });
  fw.unknown_members = d.unknown_members;
  return fw;
}

inline Case resolve_case(CaseDraft& d, const Framework& fw) {
  const Checks checks(Document::case_, d.stop, d.locator);
  Case c;
  checks.reach(d.version.at);
  c.version = d.version.value;
  if (c.version > fw.version)
    checks.fail(ErrorCode::invalid_value, Field::schema, d.version.at, "a rung.case/2 needs a rung.framework/2");
  c.as_of = d.as_of;
  Employee& e = c.employee;
  e.id = d.employee_id;
  auto level_of = [&](const At<Text>& id, Field field) {
    auto it = fw.level_index.find(id.value);
    if (it == fw.level_index.end()) checks.fail(ErrorCode::unknown_reference, field, id.at, "unknown level " + quoted(id.value));
    return it->second;
  };
  checks.reach(d.level.at);
  e.level = d.level.value;
  c.level = level_of(d.level, Field::employee_level);
  const Level& from = fw.levels[c.level];
  if (d.track) {
    checks.reach(d.track->at);
    e.track = d.track->value;
    if (!from.on_track(*e.track))
      checks.fail(ErrorCode::invalid_value, Field::employee_track, d.track->at,
                  "level " + quoted(from.id) + " is not on track " + quoted(*e.track));
  }
  e.name = d.name;
  c.tracks = m1_tracks(from, e.track);
  if (d.target) {
    checks.reach(d.target->at);
    e.target = d.target->value;
    const std::size_t target = level_of(*d.target, Field::employee_target);
    const Level& to = fw.levels[target];
    if (!classify_move(from, to))
      checks.fail(ErrorCode::invalid_move, Field::employee_target, d.target->at,
                  target == c.level ? "the target is the current level"
                                    : "the target " + quoted(to.id) + " is not a promotion or a sideways move");
    c.target = target;
  }
  e.in_level_since = d.in_level_since;
  if (d.review_rating) {
    checks.reach(d.review_rating->at);
    const auto& scale = fw.policy.review_scale;
    auto it = std::find(scale.begin(), scale.end(), d.review_rating->value);
    if (it == scale.end())
      checks.fail(ErrorCode::invalid_value, Field::review_rating, d.review_rating->at,
                  quoted(d.review_rating->value) + " is not a label of review_scale");
    e.last_review = Review{static_cast<int>(it - scale.begin()), d.review_date};
  }
  e.motivation = d.motivation;

  auto competency = [&](const At<Text>& id, Field field) {
    checks.reach(id.at);
    auto it = fw.competency_index.find(id.value);
    if (it == fw.competency_index.end())
      checks.fail(ErrorCode::unknown_reference, field, id.at, "unknown competency " + quoted(id.value));
    return it->second;
  };
  auto criterion = [&](const At<Text>& id, Field field) {
    checks.reach(id.at);
    auto it = fw.criterion_index.find(id.value);
    if (it == fw.criterion_index.end())
      checks.fail(ErrorCode::unknown_reference, field, id.at, "unknown criterion " + quoted(id.value));
    return it->second;
  };
  for (std::size_t i = 0; i < d.assessment_refs.size(); ++i) {
    const AssessmentRefs& refs = d.assessment_refs[i];
    Assessment& a = d.assessments[i];
    a.competency = competency(refs.competency, Field::assessment_competency);
    checks.reach(refs.level.at);
    a.level = resolve_proficiency(checks, fw.scale, refs.level, Field::assessment_level);
  }
  c.assessments = std::move(d.assessments);
  for (std::size_t i = 0; i < d.evidence_refs.size(); ++i) {
    const EvidenceRefs& refs = d.evidence_refs[i];
    checks.reach(refs.at);
    Evidence& ev = d.evidence[i];
    ev.competencies.reserve(refs.competencies.size());
    for (auto k = refs.competencies.begin; k < refs.competencies.end; ++k)
      ev.competencies.push_back(competency(d.refs[k], Field::evidence_competency));
    ev.criteria.reserve(refs.criteria.size());
    for (auto k = refs.criteria.begin; k < refs.criteria.end; ++k)
      ev.criteria.push_back(criterion(d.refs[k], Field::evidence_criterion));
  }
  c.evidence = std::move(d.evidence);
  Plan& p = c.plan;
  p.agreed_on = d.agreed_on;
  if (d.target_cycle) {
    checks.reach(d.target_cycle->at);
    auto it = fw.cycle_index.find(d.target_cycle->value);
    if (it == fw.cycle_index.end())
      checks.fail(ErrorCode::unknown_reference, Field::target_cycle, d.target_cycle->at,
                  "unknown cycle " + quoted(d.target_cycle->value));
    p.target_cycle = it->second;
  }
  p.goals = std::move(d.goals);
  for (std::size_t i = 0; i < d.milestone_refs.size(); ++i) {
    const MilestoneRefs& md = d.milestone_refs[i];
    Milestone& m = d.milestones[i];
    if (md.goal) {
      checks.reach(*md.goal);
      const std::size_t* goal = d.goal_ids.get(m.goal);
      if (!goal)
        checks.fail(ErrorCode::unknown_reference, Field::milestone_goal, *md.goal, "unknown goal " + quoted(m.goal));
      m.goal_index = *goal;
    }
    m.addresses.reserve(md.addresses.size());
    for (auto k = md.addresses.begin; k < md.addresses.end; ++k) {
      const At<Text>& id = d.refs[k];
      // /2: a criterion id beside the competency ids.
      if (c.version >= 2 && fw.criterion_index.count(id.value)) m.addresses_criteria.push_back(criterion(id, Field::milestone_address));
      else m.addresses.push_back(competency(id, Field::milestone_address));
    }
  }
  p.milestones = std::move(d.milestones);
  checks.finish();

  if (!c.target) {
    auto candidates = m1_candidates(fw, c.level, c.tracks);
    if (candidates.size() == 1) c.target = candidates.front();
    else if (candidates.size() > 1) c.candidates = std::move(candidates);
  }
  c.checkins = std::move(d.checkins);
  c.feedback = std::move(d.feedback);
  c.unknown_members = std::move(d.unknown_members);
  return c;
}

}  // namespace detail

/// A framework draft, checked and indexed: the first error in document
/// order, or the framework the rules read.
inline Expected<Framework> compile(const FrameworkDraft& draft) {
  try {
    return detail::compile_framework(draft);
  } catch (InputError& e) {
    return std::move(e);
  }
}

/// A case draft resolved against its framework (levels, competencies,
/// criteria, cycles, goals, the move and the automatic target). The draft's
/// lists are moved from.
inline Expected<Case> resolve(CaseDraft& draft, const Framework& fw) {
  try {
    return detail::resolve_case(draft, fw);
  } catch (InputError& e) {
    return std::move(e);
  }
}

}  // namespace rung
