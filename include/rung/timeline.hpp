// SPDX-License-Identifier: MIT
// Timeline (L): timing matters.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "rung/plan.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// L1's ceil guard: `ceil(x - 1e-9)`, so that 30.000000000000004 days of
/// remaining work is 30 days, not 31.
inline constexpr double kCeilGuard = 1e-9;

/// L1: the latest and the first progress entry dated <= as_of. On the same
/// date the later in the array is the latest, the earlier the first.
struct ProgressSpan {
  const Progress* first = nullptr;
  const Progress* latest = nullptr;
};

inline ProgressSpan l1_span(const std::vector<Progress>& entries, Date as_of) {
  ProgressSpan s;
  for (const Progress& p : entries) {
    if (p.date > as_of) continue;
    if (!s.latest || p.date >= s.latest->date) s.latest = &p;
    if (!s.first || p.date < s.first->date) s.first = &p;
  }
  return s;
}

/// L1: days of work left at a positive `rate` per day, with the ceil guard.
/// Nothing when the count does not fit in a date.
inline std::optional<std::int64_t> l1_days_left(double remaining, double rate) {
  const double days = std::ceil(remaining / rate - kCeilGuard);
  if (!(days < 4.0e6)) return std::nullopt;  // past any representable date
  return static_cast<std::int64_t>(days);
}

/// L1 facts of one milestone (`missing` is P2's).
inline MilestoneStatus l1_status(const Milestone& m, const std::optional<Date>& agreed_on, Date as_of,
                                 const Policy& policy) {
  MilestoneStatus s;
  s.id = m.id;
  const ProgressSpan span = l1_span(m.progress, as_of);
  s.progress = m.done ? 1.0 : (span.latest ? span.latest->value : 0.0);
  s.overdue = !m.done && m.deadline && *m.deadline < as_of;
  if (m.done) return s;

  std::optional<Date> reference;
  if (span.latest) reference = span.latest->date;
  else if (m.created) reference = m.created;
  else reference = agreed_on;
  s.stalled = !reference || days_between(*reference, as_of) > policy.stale_days;

  if (span.latest && span.first->date != span.latest->date) {
    const double v_first = span.first->value, v_latest = span.latest->value;
    const double rate = (v_latest - v_first) /
                        static_cast<double>(days_between(span.first->date, span.latest->date));
    if (rate > 0) {
      if (v_latest >= 1) {
        s.forecast_finish = span.latest->date;
      } else {
        const auto left = l1_days_left(1 - v_latest, rate);
        if (left) s.forecast_finish = add_days_checked(span.latest->date, *left);
        s.forecast_overflow = !s.forecast_finish;
      }
    }
  }
  // A forecast past 9999-12-31 is null and at risk (docs/rules.md, L1).
  s.at_risk = s.forecast_overflow || (s.forecast_finish && m.deadline && *s.forecast_finish > *m.deadline);
  return s;
}

/// L2: projected readiness, or why there is none.
struct Projection {
  std::optional<Date> date;
  std::optional<Cause> reason;
};

/// L2: a milestone's expected finish, max(deadline, forecast finish, as_of);
/// none without a valid deadline. A forecast past 9999-12-31 counts as none.
inline std::optional<Date> l2_expected_finish(const Milestone& m, const MilestoneStatus& s, Date as_of) {
  if (!p2_valid_deadline(m)) return std::nullopt;
  Date finish = std::max(*m.deadline, as_of);
  if (s.forecast_finish) finish = std::max(finish, *s.forecast_finish);
  return finish;
}

/// L2: `statuses[i]` are the L1 facts of `milestones[i]`.
inline Projection l2_projected(Verdict verdict, const std::vector<Gap>& gaps,
                               const std::vector<Milestone>& milestones,
                               const std::vector<MilestoneStatus>& statuses, Date as_of) {
  if (verdict == Verdict::ready) return {as_of, std::nullopt};
  if (verdict == Verdict::blocked) return {std::nullopt, Cause::current_delivery};
  bool unaddressed = false, undated = false;
  std::optional<Date> latest;
  for (const Gap& g : gaps) {
    if (g.emerging_until) {  // T5: it closes by itself, whatever milestones name it
      if (!latest || *g.emerging_until > *latest) latest = g.emerging_until;
      continue;
    }
    bool addressed = false;
    std::optional<Date> earliest;
    for (std::size_t i = 0; i < milestones.size(); ++i) {
      if (!p3_addresses(milestones[i], g)) continue;
      addressed = true;
      const auto finish = l2_expected_finish(milestones[i], statuses[i], as_of);
      if (finish && (!earliest || *finish < *earliest)) earliest = finish;
    }
    if (!addressed) unaddressed = true;
    else if (!earliest) undated = true;
    else if (!latest || *earliest > *latest) latest = earliest;
  }
  if (unaddressed) return {std::nullopt, Cause::unaddressed_gaps};
  if (undated) return {std::nullopt, Cause::undated_milestones};
  return {latest, std::nullopt};
}

/// L3's terms. `lead` uses as_of when no plan is agreed.
struct EligibilityTerms {
  Date lead;
  std::optional<Date> time_in_level;
};

inline EligibilityTerms l3_terms(const std::optional<Date>& agreed_on, const std::optional<Date>& in_level_since,
                                 Date as_of, const Policy& policy) {
  EligibilityTerms t{add_days(agreed_on.value_or(as_of), policy.plan_lead_days), std::nullopt};
  if (in_level_since) t.time_in_level = add_months(*in_level_since, policy.min_months_in_level);
  return t;
}

/// L3: max(as_of, lead time, time in level, projected readiness); null when
/// projected readiness is.
inline std::optional<Date> l3_earliest_eligible(const EligibilityTerms& t, const std::optional<Date>& projected,
                                                Date as_of) {
  if (!projected) return std::nullopt;
  Date d = std::max({as_of, t.lead, *projected});
  if (t.time_in_level) d = std::max(d, *t.time_in_level);
  return d;
}

/// L4: the first cycle deciding on or after the earliest eligible date.
inline const Cycle* l4_target_cycle(const std::vector<Cycle>& cycles, const std::optional<Date>& earliest) {
  if (!earliest) return nullptr;
  for (const Cycle& c : cycles)
    if (c.decision >= *earliest) return &c;
  return nullptr;
}

/// L4: a requested cycle is feasible when earliest eligible is not null and
/// the decision is on or after it; otherwise each cause that alone pushes
/// past it, in order.
inline RequestedCycle l4_requested(const Cycle& cycle, const std::optional<Date>& earliest,
                                   const EligibilityTerms& t, const Projection& projected, Date as_of) {
  RequestedCycle r{cycle.id, cycle.decision, false, {}};
  r.feasible = earliest && cycle.decision >= *earliest;
  if (r.feasible) return r;
  if (cycle.decision < as_of) r.causes.push_back(Cause::past);
  if (t.lead > cycle.decision) r.causes.push_back(Cause::lead_time);
  if (t.time_in_level && *t.time_in_level > cycle.decision) r.causes.push_back(Cause::time_in_level);
  if (projected.date && *projected.date > cycle.decision) r.causes.push_back(Cause::readiness);
  if (!projected.date && projected.reason) r.causes.push_back(*projected.reason);
  return r;
}

/// `late_start`: the requested decision is not past but less than
/// `plan_lead_days` after the plan was agreed (after as_of without a plan).
inline bool l4_late_start(const Cycle& cycle, const std::optional<Date>& agreed_on, Date as_of,
                          const Policy& policy) {
  if (cycle.decision < as_of) return false;
  return days_between(agreed_on.value_or(as_of), cycle.decision) < policy.plan_lead_days;
}

/// L5: agreed_on + 30, 60, 90 days; passed when on or before as_of.
inline std::vector<Checkpoint> l5_checkpoints(const std::optional<Date>& agreed_on, Date as_of) {
  std::vector<Checkpoint> out;
  if (!agreed_on) return out;
  for (int day : {30, 60, 90}) {
    const Date d = add_days(*agreed_on, day);
    out.push_back({day, d, d <= as_of});
  }
  return out;
}

}  // namespace rung
