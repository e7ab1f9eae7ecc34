// SPDX-License-Identifier: MIT
// Ratings (R): who rated a competency how, and what counts as agreed.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <span>
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
/// middle value. `values` is sorted in place.
inline std::optional<int> r2_median_in_place(std::span<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}
/// The same, of a copy.
inline std::optional<int> r2_median(std::vector<int> values) { return r2_median_in_place(values); }

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
  // the order in which they are listed): the first few in a flat list,
  // searched in turn; past that, all of them in a table.
  struct Stakeholder {
    Text id;
    Latest latest;
  };
  std::array<Stakeholder, 8> few;
  std::size_t listed = 0;
  IdMap<Latest> many;
  bool spilled = false;
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
        Latest* latest = nullptr;
        bool added = false;
        if (!spilled) {
          for (std::size_t i = 0; i < listed && !latest; ++i)
            if (few[i].id == a.rater_id) latest = &few[i].latest;
          if (!latest && listed < few.size()) {
            few[listed++] = {a.rater_id, {a.date, a.level}};
            break;
          }
          if (!latest) {  // a ninth rater: all of them go to the table
            spilled = true;
            for (std::size_t i = 0; i < listed; ++i) many.try_emplace(few[i].id, added) = few[i].latest;
          }
        }
        if (spilled) latest = &many.try_emplace(a.rater_id, added);
        if (added || a.date >= latest->date) *latest = Latest{a.date, a.level};
        break;
      }
    }
  }
  Ratings r;
  if (self) r.self = self->level;
  if (manager) r.manager = manager->level;
  if (!spilled) {
    std::array<int, 8> values;
    for (std::size_t i = 0; i < listed; ++i) values[i] = few[i].latest.level;
    r.stakeholder_raters = static_cast<int>(listed);
    if (r.stakeholder_raters >= anonymity_min)
      r.stakeholders = r2_median_in_place(std::span<int>(values.data(), listed));
  } else {
    std::vector<int> values;
    values.reserve(many.size());
    many.each([&](const Latest& latest) { values.push_back(latest.level); });
    r.stakeholder_raters = static_cast<int>(values.size());
    if (r.stakeholder_raters >= anonymity_min) r.stakeholders = r2_median_in_place(values);
  }
  r.agreed = r3_agreed(r.manager, r.stakeholders, policy.agreed_rating);
  return r;
}

}  // namespace rung
