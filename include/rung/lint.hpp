// SPDX-License-Identifier: MIT
// Lints (docs/rules.md, "check-framework"): what a valid framework may
// still get wrong. `rung check-framework` shows them as warnings; they never
// make a framework invalid, and no evaluation reads them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rung/date.hpp"
#include "rung/error.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

enum class LintCode {
  unused_competency,         ///< a competency no level expects
  empty_level,               ///< a level above the lowest rank with no expectations
  no_decision_ahead,         ///< no cycle decides on or after the date asked about
  duplicate_criterion_text,  ///< two criteria of one level say the same
  unreachable_gated_level,   ///< a gated level that is nobody's automatic target
};

inline const char* name(LintCode c) {
  switch (c) {
    case LintCode::unused_competency: return "unused_competency";
    case LintCode::empty_level: return "empty_level";
    case LintCode::no_decision_ahead: return "no_decision_ahead";
    case LintCode::duplicate_criterion_text: return "duplicate_criterion_text";
    case LintCode::unreachable_gated_level: return "unreachable_gated_level";
  }
  return "";
}

/// One lint: `path` is a JSON Pointer into the framework document.
struct Lint {
  LintCode code;
  std::string path;
  std::string message;
};

namespace detail {

/// A criterion's text as the duplicate check compares it: ASCII whitespace
/// trimmed, ASCII letters lower-cased.
inline std::string criterion_key(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  text = text.substr(first, text.find_last_not_of(kSpace) - first + 1);
  std::string key(text);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

}  // namespace detail

/// The lints of a framework, grouped by code in the order of LintCode, each
/// group in framework order. `as_of`: the date `no_decision_ahead` looks
/// from (without it, that lint is not checked).
///  - unused_competency: no level's expectations name the competency.
///  - empty_level: a level with no expectations whose rank is above the
///    framework's lowest: every promotion into it has coverage 1.
///  - no_decision_ahead: no cycle decides on or after `as_of` (or there is
///    no cycle at all), so no report finds a target cycle.
///  - duplicate_criterion_text: a criterion whose text equals that of an
///    earlier criterion of the same level (ASCII whitespace trimmed, ASCII
///    case ignored); at the later one.
///  - unreachable_gated_level: a level gated `application` or `vacancy` that
///    M1 never picks as anyone's automatic target (no level of lower rank
///    is on any of its tracks): only an explicit `employee.target` reaches
///    it, so its `gated_move` signal and agenda item only show for cases
///    that name it.
inline std::vector<Lint> lint(const Framework& fw, std::optional<Date> as_of) {
  std::vector<Lint> out;
  const auto level_name = [&](const Level& l) { return "level " + quoted(l.id) + " (rank " + std::to_string(l.rank) + ")"; };

  std::vector<bool> used(fw.competencies.size());
  for (const auto& l : fw.levels)
    for (const auto& x : l.expectations) used[x.competency_index] = true;
  for (std::size_t i = 0; i < fw.competencies.size(); ++i)
    if (!used[i])
      out.push_back({LintCode::unused_competency, "/competencies/" + std::to_string(i),
                     "competency " + quoted(fw.competencies[i].id) + " is expected by no level"});

  if (!fw.levels.empty()) {
    const auto lowest = std::min_element(fw.levels.begin(), fw.levels.end(),
                                         [](const Level& a, const Level& b) { return a.rank < b.rank; })->rank;
    for (std::size_t i = 0; i < fw.levels.size(); ++i)
      if (fw.levels[i].expectations.empty() && fw.levels[i].rank > lowest)
        out.push_back({LintCode::empty_level, "/levels/" + std::to_string(i) + "/expectations",
                       level_name(fw.levels[i]) + " has no expectations: every promotion into it has coverage 1"});
  }

  if (as_of && std::none_of(fw.calendar.cycles.begin(), fw.calendar.cycles.end(),
                            [&](const Cycle& c) { return c.decision >= *as_of; }))
    out.push_back({LintCode::no_decision_ahead, "/calendar",
                   "no cycle decides on or after " + format_date(*as_of) + ": no report can find a target cycle"});

  for (std::size_t i = 0; i < fw.levels.size(); ++i) {
    std::unordered_map<std::string, const Criterion*> seen;
    const auto& xs = fw.levels[i].expectations;
    for (std::size_t j = 0; j < xs.size(); ++j)
      for (std::size_t k = 0; k < xs[j].criteria.size(); ++k) {
        const Criterion& c = xs[j].criteria[k];
        const auto [it, added] = seen.emplace(detail::criterion_key(c.text), &c);
        if (!added)
          out.push_back({LintCode::duplicate_criterion_text,
                         "/levels/" + std::to_string(i) + "/expectations/" + std::to_string(j) + "/criteria/" +
                             std::to_string(k) + "/text",
                         "criterion " + quoted(c.id) + " says the same as " + quoted(it->second->id) + " in " +
                             level_name(fw.levels[i])});
      }
  }

  // M1 gives anyone below a level on one of its tracks that level as their
  // automatic target when it is the next on that track (with
  // `employee.track`, a person on several tracks is on one; a track holds
  // one level a rank). So a level is someone's automatic target exactly when
  // one of its tracks has a level of lower rank.
  for (std::size_t i = 0; i < fw.levels.size(); ++i) {
    const Level& l = fw.levels[i];
    const bool reached = std::any_of(l.tracks.begin(), l.tracks.end(), [&](const std::string& t) {
      return fw.tracks[fw.track_index.find(t)->second].levels.front() != i;  // lowest rank first
    });
    if (l.gate != Gate::open && !reached)
      out.push_back({LintCode::unreachable_gated_level, "/levels/" + std::to_string(i) + "/gate",
                     level_name(l) + ", gate " + name(l.gate) +
                         ", is nobody's automatic target: only an explicit employee.target reaches it"});
  }
  return out;
}

}  // namespace rung
