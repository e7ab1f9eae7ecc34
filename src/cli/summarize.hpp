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

  std::size_t cases = 0, errors = 0;
  std::map<std::string, std::size_t> verdicts, cycles, blind_spots;
  std::map<std::string, GapStat> gap_stats;
  std::vector<Overdue> overdue;

  /// Adds one line of `rung batch` output; false (with `problem`) when it is
  /// neither a report nor an error document.
  bool add(std::string_view line, std::string& problem);

  /// Gaps by count, then summed priority, then competency id.
  std::vector<std::pair<std::string, GapStat>> top_gaps() const;
  /// Most overdue first, then employee id.
  std::vector<Overdue> overdue_sorted() const;

  /// "text", "markdown" or "html".
  void render(const std::string& format, std::string& out) const;
};

}  // namespace rung::cli
