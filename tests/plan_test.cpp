// SPDX-License-Identifier: MIT
// P1-P6: goals, SMART milestones, gap coverage, alignment, micro-steps and
// horizons.
#include <doctest/doctest.h>

#include "rung/move.hpp"
#include "rung/plan.hpp"
#include "test_support.hpp"

using namespace rung;
using rung::test::d;
using rung::test::milestone;

TEST_CASE("P1 no goals and too many goals" * doctest::test_suite("plan")) {
  const Policy p;  // max_goals 3
  CHECK(p1_goal_count(0, p) == SignalId::no_goals);
  CHECK_FALSE(p1_goal_count(3, p));
  CHECK(p1_goal_count(4, p) == SignalId::too_many_goals);
}

TEST_CASE("P2 missing fields in order, blanks and a deadline not after created" * doctest::test_suite("plan")) {
  Milestone m = milestone("m");
  m.deadline = d("2027-01-01");
  CHECK(p2_missing(m).empty());
  m.action = " \t\n\r\f\v";
  m.success_criteria = "";
  m.created = d("2027-01-01");  // deadline == created is wrong
  CHECK(p2_missing(m) == std::vector<std::string>{"action", "success_criteria", "deadline"});
  Milestone bare;
  CHECK(p2_missing(bare) == std::vector<std::string>{"action", "metric", "success_criteria", "deadline"});
  m.created = d("2026-12-31");
  CHECK(p2_valid_deadline(m));
}

TEST_CASE("P3 only open milestones address a gap" * doctest::test_suite("plan")) {
  Milestone open = milestone("a", {2});
  Milestone done = milestone("b", {1});
  done.done = true;
  const std::vector<Milestone> ms{open, done};
  auto gap = [](std::size_t competency) {
    Gap g;
    g.competency_index = competency;
    return g;
  };
  CHECK(p3_addressed(ms, gap(2)));
  CHECK_FALSE(p3_addressed(ms, gap(1)));
  CHECK_FALSE(p3_addressed(ms, gap(0)));
}

TEST_CASE("P3 in /2: a milestone naming one of the gap's unmet criteria addresses it; an emerging gap always is" *
          doctest::test_suite("plan")) {
  Gap g;
  g.competency_index = 0;
  g.kind = Status::evidence_gap;
  g.criteria_index = {4, 5};  // the unmet ones
  Milestone met_one = milestone("a", {});
  met_one.addresses_criteria = {3};  // a criterion of the same expectation, already met
  CHECK_FALSE(p3_addressed({met_one}, g));
  Milestone unmet = milestone("b", {});
  unmet.addresses_criteria = {5};
  CHECK(p3_addressed({met_one, unmet}, g));
  unmet.done = true;
  CHECK_FALSE(p3_addressed({unmet}, g));
  g.kind = Status::emerging;
  CHECK(p3_addressed({}, g));
}

TEST_CASE("P4 goals without objectives, unless alignment is not required" * doctest::test_suite("plan")) {
  Goal aligned{"g1", "", std::nullopt, {"okr-1"}};
  Goal loose{"g2", "", std::nullopt, {}};
  Policy p;
  CHECK(p4_unaligned({aligned, loose}, p) == std::vector<std::string>{"g2"});
  p.require_alignment = false;
  CHECK(p4_unaligned({aligned, loose}, p).empty());
}

TEST_CASE("P5 an open milestone due within 90 days after as_of" * doctest::test_suite("plan")) {
  const Date as_of = d("2026-11-23");
  auto due = [&](const char* date, bool done = false) {
    Milestone m = milestone("m");
    m.deadline = d(date);
    m.done = done;
    return std::vector<Milestone>{m};
  };
  CHECK(p5_has_short_term_step(due("2026-11-23"), as_of));   // on as_of
  CHECK(p5_has_short_term_step(due("2027-02-21"), as_of));   // +90
  CHECK_FALSE(p5_has_short_term_step(due("2027-02-22"), as_of));  // +91
  CHECK_FALSE(p5_has_short_term_step(due("2026-11-22"), as_of));  // already past
  CHECK_FALSE(p5_has_short_term_step(due("2026-12-01", true), as_of));
  CHECK_FALSE(p5_has_short_term_step({}, as_of));
}

TEST_CASE("P6 horizons: 52w is long-term, 51w is not, soon is invalid" * doctest::test_suite("plan")) {
  auto long_term = [](const char* h) { return p6_long_term(*p6_parse_horizon(h)); };
  CHECK(long_term("52w"));
  CHECK_FALSE(long_term("51w"));
  CHECK(long_term("365d"));
  CHECK_FALSE(long_term("364d"));
  CHECK(long_term("12m"));
  CHECK_FALSE(long_term("11m"));
  CHECK(long_term("1y"));
  CHECK(long_term("10y"));
  CHECK(long_term("9999d"));
  for (const char* bad : {"soon", "0d", "10000d", "1", "d", "1h", "-1d", "1.5y", "", "1 y"})
    CHECK_FALSE(p6_parse_horizon(bad).has_value());
}

TEST_CASE("P6 no long-term goal needs at least one goal" * doctest::test_suite("plan")) {
  Goal short_goal{"g", "", p6_parse_horizon("6m"), {}};
  Goal no_horizon{"h", "", std::nullopt, {}};
  Goal long_goal{"l", "", p6_parse_horizon("2y"), {}};
  CHECK_FALSE(p6_missing_long_term({}));
  CHECK(p6_missing_long_term({short_goal, no_horizon}));
  CHECK_FALSE(p6_missing_long_term({short_goal, long_goal}));
}

TEST_CASE("M1 automatic target over shared tracks: the lowest higher rank, ties to choose from" *
          doctest::test_suite("plan")) {
  // T2 (rank 2) on ic and mgmt; S3 (3, ic), M3 (3, mgmt), S4 (4, ic).
  Framework fw;
  auto level = [&](const char* id, std::vector<std::string> tracks, std::int64_t rank) {
    Level l;
    l.id = id;
    l.tracks = std::move(tracks);
    l.rank = rank;
    fw.levels.push_back(l);
  };
  level("T2", {"ic", "mgmt"}, 2);
  level("S3", {"ic"}, 3);
  level("M3", {"mgmt"}, 3);
  level("S4", {"ic"}, 4);
  // No track given: both rank-3 levels share one of T2's tracks -> choose_track.
  CHECK(m1_candidates(fw, 0, m1_tracks(fw.levels[0], std::nullopt)) == std::vector<std::size_t>{1, 2});
  // On mgmt: M3 only.
  CHECK(m1_candidates(fw, 0, m1_tracks(fw.levels[0], std::string_view("mgmt"))) == std::vector<std::size_t>{2});
  // From S3 on ic: S4.
  CHECK(m1_candidates(fw, 1, m1_tracks(fw.levels[1], std::nullopt)) == std::vector<std::size_t>{3});
  // T2 -> S3 shares ic: not a track change; on mgmt it is.
  CHECK_FALSE(is_track_change(fw.levels[0], fw.levels[1], {"ic", "mgmt"}));
  CHECK(is_track_change(fw.levels[0], fw.levels[1], {"mgmt"}));
  // Same rank, another level: sideways; a lower rank or the same level: none.
  CHECK(classify_move(fw.levels[1], fw.levels[2]) == MoveKind::sideways);
  CHECK_FALSE(classify_move(fw.levels[1], fw.levels[0]));
  CHECK_FALSE(classify_move(fw.levels[1], fw.levels[1]));
}
