// SPDX-License-Identifier: MIT
// Plan (P): map out the path.
#pragma once

#include <algorithm>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rung/ratings.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// P1: 0 goals → `no_goals`; more than `max_goals` → `too_many_goals`.
inline std::optional<SignalId> p1_goal_count(std::size_t goals, const Policy& policy) {
  if (goals == 0) return SignalId::no_goals;
  if (goals > static_cast<std::size_t>(policy.max_goals)) return SignalId::too_many_goals;
  return std::nullopt;
}

/// P2: a text that is empty after trimming ASCII whitespace is missing.
inline bool p2_blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

/// P2: a deadline is valid when present and after `created` (when given).
/// L2 uses the same test.
inline bool p2_valid_deadline(const Milestone& m) {
  return m.deadline && (!m.created || *m.deadline > *m.created);
}

/// P2 SMART: the missing or wrong fields, in the order action, metric,
/// success_criteria, deadline.
inline std::vector<std::string> p2_missing(const Milestone& m) {
  const bool action = p2_blank(m.action), metric = p2_blank(m.metric),
             criteria = p2_blank(m.success_criteria), deadline = !p2_valid_deadline(m);
  std::vector<std::string> missing;
  missing.reserve(action + metric + criteria + deadline);  // one allocation a milestone
  if (action) missing.emplace_back("action");
  if (metric) missing.emplace_back("metric");
  if (criteria) missing.emplace_back("success_criteria");
  if (deadline) missing.emplace_back("deadline");
  return missing;
}

/// P3: an open milestone that lists the gap's competency in `addresses`,
/// or (/2) one of the gap's unmet criteria.
inline bool p3_addresses(const Milestone& m, const Gap& g) {
  if (m.done) return false;
  for (std::size_t c : m.addresses)
    if (c == g.competency_index) return true;
  for (std::size_t k : m.addresses_criteria)
    if (std::find(g.criteria_index.begin(), g.criteria_index.end(), k) != g.criteria_index.end()) return true;
  return false;
}

/// P3: an emerging gap (T5) is always addressed: time closes it.
inline bool p3_addressed(const std::vector<Milestone>& milestones, const Gap& g) {
  if (g.kind == Status::emerging) return true;
  for (const Milestone& m : milestones)
    if (p3_addresses(m, g)) return true;
  return false;
}

/// P4: with `require_alignment`, the goals that name no company objective.
inline std::vector<std::string> p4_unaligned(const std::vector<Goal>& goals, const Policy& policy) {
  std::vector<std::string> ids;
  if (!policy.require_alignment) return ids;
  for (const Goal& g : goals)
    if (g.objectives.empty()) ids.emplace_back(g.id);
  return ids;
}

/// P5: some open milestone has a deadline in [as_of, as_of + 90 days].
inline bool p5_has_short_term_step(const std::vector<Milestone>& milestones, Date as_of) {
  for (const Milestone& m : milestones) {
    if (m.done || !m.deadline) continue;
    const auto ahead = days_between(as_of, *m.deadline);
    if (ahead >= 0 && ahead <= 90) return true;
  }
  return false;
}

/// P6: `30d`, `12w`, `6m`, `1y`: 1-9999 of d, w, m or y.
inline std::optional<Horizon> p6_parse_horizon(std::string_view s) {
  if (s.size() < 2 || s.size() > 5) return std::nullopt;
  Horizon h;
  switch (s.back()) {
    case 'd': h.unit = HorizonUnit::days; break;
    case 'w': h.unit = HorizonUnit::weeks; break;
    case 'm': h.unit = HorizonUnit::months; break;
    case 'y': h.unit = HorizonUnit::years; break;
    default: return std::nullopt;
  }
  int count = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    count = count * 10 + (s[i] - '0');
  }
  if (count < 1 || count > 9999) return std::nullopt;
  h.count = count;
  return h;
}

/// P6: a year or more: >= 365d, 52w, 12m or 1y.
inline bool p6_long_term(const Horizon& h) {
  switch (h.unit) {
    case HorizonUnit::days: return h.count >= 365;
    case HorizonUnit::weeks: return h.count >= 52;
    case HorizonUnit::months: return h.count >= 12;
    case HorizonUnit::years: return h.count >= 1;
  }
  return false;
}

/// P6: at least one goal and none long-term → `no_long_term_goal`.
inline bool p6_missing_long_term(const std::vector<Goal>& goals) {
  if (goals.empty()) return false;
  for (const Goal& g : goals)
    if (g.horizon && p6_long_term(*g.horizon)) return false;
  return true;
}

}  // namespace rung
