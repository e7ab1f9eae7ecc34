// `rung summarize`: the team view of a calibration meeting, from the JSONL
// output of `rung batch`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rung::cli {

struct Team {
  struct GapStat {
    std::size_t count = 0;
    double priority = 0;
  };
  struct Overdue {
    std::string employee;
    std::int64_t days = 0;
    std::string next_due;
  };

  /// /2: gaps of expectations with criteria not shown, by competency.
  struct CriteriaGapStat {
    std::size_t count = 0;
    std::size_t criteria = 0;  ///< criteria not shown, summed
  };

  std::size_t cases = 0, errors = 0;
  std::map<std::string, std::size_t> verdicts, cycles, blind_spots;
  std::map<std::string, GapStat> gap_stats;
  std::vector<Overdue> overdue;
  /// Some line was a rung.report/2: the /2 sections are shown (a team view
  /// of /1 reports only stays as it was).
  bool v2 = false;
  std::map<std::string, std::size_t> emerging;  ///< /2: emerging expectations by competency
  std::map<std::string, CriteriaGapStat> criteria_gaps;

  /// Adds one line of `rung batch` output (rung.report/1 or /2, or
  /// rung.error/1); false (with `problem`) when it is none of them.
  bool add(std::string_view line, std::string& problem);

  /// Gaps by count, then summed priority, then competency id.
  std::vector<std::pair<std::string, GapStat>> top_gaps() const;
  /// Most overdue first, then employee id.
  std::vector<Overdue> overdue_sorted() const;

  /// "text", "markdown" or "html".
  void render(const std::string& format, std::string& out) const;
};

}  // namespace rung::cli
