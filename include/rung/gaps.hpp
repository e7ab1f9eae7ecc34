// SPDX-License-Identifier: MIT
// Gaps (G): agree on the gaps.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <vector>

#include "rung/report.hpp"
#include "rung/threshold.hpp"
#include "rung/types.hpp"

namespace rung {

/// G2: flags of one target expectation, in the order of docs/rules.md; each only when
/// the values it compares are not null.
inline std::vector<Flag> g2_flags(const ExpectationResult& x, const Policy& policy) {
  std::vector<Flag> flags;
  const auto& r = x.ratings;
  const int delta = policy.disagreement_delta;
  // A gap the employee does not see.
  if (r.self && r.agreed && *r.self >= x.level && x.level > *r.agreed) flags.push_back(Flag::blind_spot);
  if (r.self && r.manager && std::abs(*r.self - *r.manager) >= delta) flags.push_back(Flag::disagreement);
  if (r.self && r.manager && *r.manager - *r.self >= delta) flags.push_back(Flag::hidden_strength);
  if (r.stakeholders && r.manager && std::abs(*r.stakeholders - *r.manager) >= delta)
    flags.push_back(Flag::stakeholder_divergence);
  // Met, but the people who decide have not seen it.
  if (x.status == Status::met && !x.stakeholder_visible) flags.push_back(Flag::not_visible);
  return flags;
}

inline bool has_flag(const ExpectationResult& x, Flag f) {
  return std::find(x.flags.begin(), x.flags.end(), f) != x.flags.end();
}

/// G1: size is `level - agreed` for a skill gap, 1 otherwise.
inline Gap g1_gap(const ExpectationResult& x) {
  Gap g;
  g.competency = x.competency;
  g.expectation = x.expectation;
  g.competency_index = x.competency_index;
  g.kind = x.status;
  g.size = x.status == Status::skill_gap ? x.level - *x.ratings.agreed : 1;
  g.priority = x.weight * g.size * (x.critical ? 2 : 1);
  g.critical = x.critical;
  const auto unmet = std::count_if(x.criteria.begin(), x.criteria.end(), [](const auto& c) { return !c.met; });
  g.criteria.reserve(static_cast<std::size_t>(unmet));
  g.criteria_index.reserve(static_cast<std::size_t>(unmet));
  for (const CriterionResult& c : x.criteria)  // /2: what is still to be shown
    if (!c.met) {
      g.criteria.push_back(c.id);
      g.criteria_index.push_back(c.index);
    }
  return g;
}

/// G1: every target expectation not met is a gap. Order: critical first,
/// then priority descending, then competency id ascending. Priorities equal
/// within 1e-9 are a tie: they are first grouped into bands (each band
/// starts at a priority more than 1e-9 below the previous band's start) so
/// that the sort key is a strict weak order even for near-equal doubles.
inline std::vector<Gap> g1_gaps(const std::vector<ExpectationResult>& expectations) {
  std::vector<Gap> gaps;
  gaps.reserve(static_cast<std::size_t>(
      std::count_if(expectations.begin(), expectations.end(), [](const auto& x) { return x.status != Status::met; })));
  for (const auto& x : expectations)
    if (x.status != Status::met) gaps.push_back(g1_gap(x));
  std::vector<double> priorities;
  priorities.reserve(gaps.size());
  for (const Gap& g : gaps) priorities.push_back(g.priority);
  std::sort(priorities.begin(), priorities.end(), std::greater<>());
  std::vector<double> band_start;  // descending
  band_start.reserve(priorities.size());
  for (double p : priorities)
    if (band_start.empty() || band_start.back() - p > kShareTolerance) band_start.push_back(p);
  auto band = [&](double p) {  // index of the band holding p
    auto it = std::upper_bound(band_start.begin(), band_start.end(), p, std::greater<>());
    return (it - band_start.begin()) - 1;
  };
  std::sort(gaps.begin(), gaps.end(), [&](const Gap& a, const Gap& b) {
    if (a.critical != b.critical) return a.critical;
    const auto ba = band(a.priority), bb = band(b.priority);
    if (ba != bb) return ba < bb;
    return a.competency < b.competency;
  });
  return gaps;
}

}  // namespace rung
