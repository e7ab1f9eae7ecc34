// SPDX-License-Identifier: MIT
// Small builders for the unit tests: dates and plain structs in one line.
#pragma once

#include <string>
#include <vector>

#include "json/read.hpp"
#include "rung/types.hpp"

namespace rung::test {

inline Date d(const char* ymd) { return *json::parse_date(ymd); }

// Text members are views: the builders take literals.
inline Assessment assess(Rater rater, int level, const char* date, std::size_t competency = 0,
                         const char* rater_id = "") {
  Assessment a;
  a.competency = competency;
  a.rater = rater;
  a.rater_id = rater_id;
  a.level = level;
  a.date = d(date);
  return a;
}

inline Milestone milestone(const char* id, std::vector<std::size_t> addresses = {}) {
  Milestone m;
  m.id = id;
  m.addresses = std::move(addresses);
  m.action = "a";
  m.metric = "m";
  m.success_criteria = "s";
  return m;
}

}  // namespace rung::test
