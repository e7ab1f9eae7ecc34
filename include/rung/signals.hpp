// SPDX-License-Identifier: MIT
// Signals (S): ids, severities and the report order.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "rung/report.hpp"

namespace rung {

/// The library's choice of severity for each signal (the contract leaves it open; docs/rules.md).
inline Severity severity_of(SignalId id) {
  switch (id) {
    case SignalId::track_change:
    case SignalId::no_long_term_goal:
    case SignalId::no_constructive_feedback:
    case SignalId::indirect_feedback_only:
      return Severity::info;
    case SignalId::no_regular_checkins:
    case SignalId::checkin_overdue:
      return Severity::critical;
    default:
      return Severity::warning;
  }
}

/// Signals in the order of docs/rules.md's list of ids (the enum order).
inline void sort_signals(std::vector<Signal>& signals) {
  std::stable_sort(signals.begin(), signals.end(),
                   [](const Signal& a, const Signal& b) { return a.id < b.id; });
}

}  // namespace rung
