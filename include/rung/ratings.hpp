// SPDX-License-Identifier: MIT
// Ratings (R): who rated a competency how, and what counts as agreed.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "rung/id_set.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// R1, and every other look-back window: `as_of - days <= date <= as_of`.
inline bool within_days(Date date, Date as_of, int days) {
  const auto age = days_between(date, as_of);
  return age >= 0 && age <= days;
}

/// R2: the median of the stakeholders' values; with an even count the lower
/// middle value. `values` is taken by value and sorted.
inline std::optional<int> r2_median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

/// R3: what counts as agreed. Self ratings never do.
inline std::optional<int> r3_agreed(std::optional<int> manager, std::optional<int> stakeholders,
                                    AgreedRating policy) {
  if (policy == AgreedRating::calibrated && manager && stakeholders)
    return std::min(*manager, *stakeholders);
  return manager;
}

/// R1-R3 for one competency. R1: assessments inside the window; per rater
/// (self, manager, each stakeholder `rater_id`) the latest counts, and on
/// the same date the later in the array.
/// R2 in /2: the median exists only from `anonymity_min` distinct
/// stakeholder raters up (1 for /1 frameworks: any rater shows).
inline Ratings rate(const std::vector<Assessment>& assessments, std::size_t competency, Date as_of,
                    const Policy& policy, int anonymity_min = 1) {
  struct Latest {
    Date date;
    int level;
  };
  std::optional<Latest> self, manager;
  // Each stakeholder's latest, by rater_id (the median does not depend on
  // the order in which they are listed).
  IdMap<Latest> stakeholders;
  auto keep = [](std::optional<Latest>& slot, const Assessment& a) {
    if (!slot || a.date >= slot->date) slot = Latest{a.date, a.level};
  };
  for (const Assessment& a : assessments) {
    if (a.competency != competency || !within_days(a.date, as_of, policy.assessment_window_days))
      continue;
    switch (a.rater) {
      case Rater::self: keep(self, a); break;
      case Rater::manager: keep(manager, a); break;
      case Rater::stakeholder: {
        bool added = false;
        Latest& latest = stakeholders.try_emplace(a.rater_id, added);
        if (added || a.date >= latest.date) latest = Latest{a.date, a.level};
        break;
      }
    }
  }
  Ratings r;
  if (self) r.self = self->level;
  if (manager) r.manager = manager->level;
  std::vector<int> values;
  values.reserve(stakeholders.size());
  stakeholders.each([&](const Latest& latest) { values.push_back(latest.level); });
  r.stakeholder_raters = static_cast<int>(values.size());
  if (r.stakeholder_raters >= anonymity_min) r.stakeholders = r2_median(std::move(values));
  r.agreed = r3_agreed(r.manager, r.stakeholders, policy.agreed_rating);
  return r;
}

}  // namespace rung
