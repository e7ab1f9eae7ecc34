// SPDX-License-Identifier: MIT
// `rung summarize`: the team view of a calibration meeting, from the JSONL
// output of `rung batch`: one entry per employee (their latest report), as
// text, Markdown, HTML or a `rung.team/1` document (docs/data-outputs.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rung::cli {

struct Team {
  /// One employee's report, as the team view reads it.
  struct Person {
    std::string employee, as_of, verdict, from, to, target_cycle;  ///< "" for null
    std::optional<double> coverage;
    bool v2 = false;  ///< a rung.report/2
    struct Gap {
      std::string competency;
      double priority = 0;
      std::size_t criteria = 0;  ///< /2: criteria not shown
    };
    std::vector<Gap> gaps;
    std::vector<std::string> blind_spots, emerging;  ///< competencies
    std::int64_t overdue_days = 0;
    std::string next_due;
  };

  /// By employee id: the report with the latest `as_of`; on the same
  /// `as_of`, the later line.
  std::map<std::string, Person> people;
  std::size_t duplicates = 0;  ///< reports dropped for a later one of the same employee


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

  std::size_t cases = 0, errors = 0;  ///< employees, error lines
  std::map<std::string, std::size_t> verdicts, cycles, blind_spots;
  std::map<std::string, GapStat> gap_stats;
  std::vector<Overdue> overdue;
  /// Some employee's report is a rung.report/2: the /2 sections are shown
  /// (a team view of /1 reports only stays as it was).
  bool v2 = false;
  std::map<std::string, std::size_t> emerging;  ///< /2: emerging expectations by competency
  std::map<std::string, CriteriaGapStat> criteria_gaps;

  /// Adds one line of `rung batch` output (rung.report/1 or /2, or
  /// rung.error/1); false (with `problem`) when it is none of them.
  bool add(std::string_view line, std::string& problem);

  /// After the last add: fills `cases` and the counts and lists above from
  /// `people`.
  void finish();

  /// Gaps by count, then summed priority, then competency id.
  std::vector<std::pair<std::string, GapStat>> top_gaps() const;
  /// Most overdue first, then employee id.
  std::vector<Overdue> overdue_sorted() const;

  /// "text", "markdown", "html" or "json" (after finish()).
  void render(const std::string& format, std::string& out) const;

 private:
  void render_json(std::string& out) const;
};

}  // namespace rung::cli
