// SPDX-License-Identifier: MIT
// L1-L5: progress and forecasts, projected readiness, the earliest eligible
// date, the target and requested cycles, and the 30/60/90-day checkpoints.
#include <doctest/doctest.h>

#include "rung/timeline.hpp"
#include "test_support.hpp"

using namespace rung;
using rung::test::d;
using rung::test::milestone;

namespace {

Milestone with_progress(std::vector<std::pair<const char*, double>> entries, const char* deadline = nullptr) {
  Milestone m = milestone("m", {0});
  for (auto [date, value] : entries) m.progress.push_back({d(date), value});
  if (deadline) m.deadline = d(deadline);
  return m;
}

}  // namespace

TEST_CASE("L1 float trap: 0.0 -> 0.6 over 45 days finishes 30 days later, not 31" * doctest::test_suite("timeline")) {
  // (1 - 0.6) / (0.6 / 45) = 30.000000000000004 in doubles.
  CHECK((1 - 0.6) / (0.6 / 45) > 30.0);
  const Milestone m = with_progress({{"2026-09-01", 0.0}, {"2026-10-16", 0.6}}, "2026-11-15");
  const auto s = l1_status(m, std::nullopt, d("2026-11-01"), Policy{});
  CHECK(s.forecast_finish == d("2026-11-15"));  // 2026-10-16 + 30
  CHECK_FALSE(s.at_risk);
  CHECK(s.progress == doctest::Approx(0.6));
}

TEST_CASE("L1 at_risk when the forecast passes the deadline" * doctest::test_suite("timeline")) {
  const Milestone m = with_progress({{"2026-09-01", 0.0}, {"2026-10-16", 0.6}}, "2026-11-14");
  CHECK(l1_status(m, std::nullopt, d("2026-11-01"), Policy{}).at_risk);
}

TEST_CASE("L1 stalled through its created date" * doctest::test_suite("timeline")) {
  Milestone m = milestone("m");
  m.created = d("2026-10-08");  // 46 days before 2026-11-23
  CHECK(l1_status(m, d("2026-11-20"), d("2026-11-23"), Policy{}).stalled);
  m.created = d("2026-10-09");  // exactly 45 days: not stalled
  CHECK_FALSE(l1_status(m, std::nullopt, d("2026-11-23"), Policy{}).stalled);
}

TEST_CASE("L1 stalled through plan.agreed_on, or with no reference date at all" * doctest::test_suite("timeline")) {
  const Milestone m = milestone("m");
  CHECK(l1_status(m, d("2026-10-01"), d("2026-11-23"), Policy{}).stalled);
  CHECK_FALSE(l1_status(m, d("2026-11-01"), d("2026-11-23"), Policy{}).stalled);
  CHECK(l1_status(m, std::nullopt, d("2026-11-23"), Policy{}).stalled);
}

TEST_CASE("L1 same-date entries: the later in the array is the latest" * doctest::test_suite("timeline")) {
  const Milestone m = with_progress({{"2026-11-01", 0.2}, {"2026-11-10", 0.5}, {"2026-11-10", 0.4}});
  const auto s = l1_status(m, std::nullopt, d("2026-11-23"), Policy{});
  CHECK(s.progress == doctest::Approx(0.4));
  // rate (0.4 - 0.2) / 9 days; (1 - 0.4) / rate = 27 -> 2026-12-07
  CHECK(s.forecast_finish == d("2026-12-07"));
}

TEST_CASE("L1 no forecast: one date, falling progress, entries after as_of, done" * doctest::test_suite("timeline")) {
  const Date as_of = d("2026-11-23");
  CHECK_FALSE(l1_status(with_progress({{"2026-11-01", 0.2}, {"2026-11-01", 0.5}}), {}, as_of, {}).forecast_finish);
  CHECK_FALSE(l1_status(with_progress({{"2026-10-01", 0.6}, {"2026-11-01", 0.3}}), {}, as_of, {}).forecast_finish);
  CHECK_FALSE(l1_status(with_progress({{"2026-10-01", 0.2}, {"2026-12-01", 0.9}}), {}, as_of, {}).forecast_finish);
  Milestone done = with_progress({{"2026-10-01", 0.2}, {"2026-11-01", 0.5}}, "2026-11-02");
  done.done = true;
  const auto s = l1_status(done, {}, as_of, {});
  CHECK(s.progress == 1.0);
  CHECK_FALSE(s.forecast_finish);
  CHECK_FALSE(s.overdue);
  CHECK_FALSE(s.stalled);
}

TEST_CASE("L1 a forecast past 9999-12-31 is null and at risk" * doctest::test_suite("timeline")) {
  // 1e-6 progress a day from 8999: about 2700 years to go.
  const Milestone m = with_progress({{"8999-01-01", 0.0}, {"8999-01-02", 0.000001}}, "9000-01-01");
  const auto s = l1_status(m, std::nullopt, d("8999-02-01"), Policy{});
  CHECK_FALSE(s.forecast_finish);
  CHECK(s.at_risk);
}

TEST_CASE("L1 overdue: deadline before as_of and not done" * doctest::test_suite("timeline")) {
  CHECK(l1_status(with_progress({}, "2026-11-22"), {}, d("2026-11-23"), {}).overdue);
  CHECK_FALSE(l1_status(with_progress({}, "2026-11-23"), {}, d("2026-11-23"), {}).overdue);
}

TEST_CASE("L2 ready is as_of, blocked has no date" * doctest::test_suite("timeline")) {
  const Date as_of = d("2026-11-23");
  CHECK(l2_projected(Verdict::ready, {}, {}, {}, as_of).date == as_of);
  const auto blocked = l2_projected(Verdict::blocked, {}, {}, {}, as_of);
  CHECK_FALSE(blocked.date);
  CHECK(blocked.reason == Cause::current_delivery);
}

TEST_CASE("L2 latest over gaps of the earliest expected finish" * doctest::test_suite("timeline")) {
  const Date as_of = d("2026-11-23");
  Gap g0, g1;
  g0.competency_index = 0;
  g1.competency_index = 1;
  Milestone a = milestone("a", {0});
  a.deadline = d("2027-02-01");
  Milestone b = milestone("b", {0});
  b.deadline = d("2026-12-15");  // earlier: gap 0 finishes 12-15
  Milestone c = milestone("c", {1});
  c.deadline = d("2026-11-01");  // past: expected finish is as_of
  const std::vector<Milestone> ms{a, b, c};
  std::vector<MilestoneStatus> st(3);
  st[1].forecast_finish = d("2027-01-10");  // b's forecast is later than its deadline
  const auto p = l2_projected(Verdict::close, {g0, g1}, ms, st, as_of);
  // gap 0: min(max(02-01), max(12-15, 01-10)) = 2027-01-10; gap 1: as_of.
  CHECK(p.date == d("2027-01-10"));
}

TEST_CASE("L2 unaddressed gaps win over undated milestones" * doctest::test_suite("timeline")) {
  Gap g0, g1;
  g0.competency_index = 0;
  g1.competency_index = 1;
  Milestone undated = milestone("u", {0});
  const std::vector<Milestone> ms{undated};
  const std::vector<MilestoneStatus> st(1);
  CHECK(l2_projected(Verdict::not_ready, {g0}, ms, st, d("2026-11-23")).reason == Cause::undated_milestones);
  CHECK(l2_projected(Verdict::not_ready, {g0, g1}, ms, st, d("2026-11-23")).reason == Cause::unaddressed_gaps);
}

TEST_CASE("L3 earliest eligible from lead time, time in level and readiness" * doctest::test_suite("timeline")) {
  Policy p;
  p.min_months_in_level = 13;
  const Date as_of = d("2026-11-23");
  const auto t = l3_terms(d("2026-06-01"), d("2026-01-31"), as_of, p);
  CHECK(t.lead == d("2026-11-30"));             // 06-01 + 182
  CHECK(t.time_in_level == d("2027-02-28"));    // 01-31 + 13 months, clamped
  CHECK(l3_earliest_eligible(t, as_of, as_of) == d("2027-02-28"));
  CHECK(l3_earliest_eligible(t, d("2027-05-01"), as_of) == d("2027-05-01"));
  CHECK_FALSE(l3_earliest_eligible(t, std::nullopt, as_of));
  const auto unplanned = l3_terms(std::nullopt, std::nullopt, as_of, Policy{});
  CHECK(unplanned.lead == d("2027-05-24"));  // as_of + 182
  CHECK_FALSE(unplanned.time_in_level);
}

TEST_CASE("L4 target cycle and an infeasible requested cycle with every cause" * doctest::test_suite("timeline")) {
  const std::vector<Cycle> cycles{{"2026-H2", d("2026-09-15"), d("2026-10-01")},
                                  {"2027-H1", d("2027-03-15"), d("2027-04-01")}};
  CHECK(l4_target_cycle(cycles, d("2026-11-30"))->id == "2027-H1");
  CHECK(l4_target_cycle(cycles, d("2027-03-15"))->id == "2027-H1");
  CHECK_FALSE(l4_target_cycle(cycles, d("2027-03-16")));
  CHECK_FALSE(l4_target_cycle(cycles, std::nullopt));

  const Date as_of = d("2026-11-23");
  EligibilityTerms t{d("2027-05-24"), d("2027-06-30")};
  const auto past = l4_requested(cycles[0], d("2027-07-01"), t, {d("2027-07-01"), {}}, as_of);
  CHECK_FALSE(past.feasible);
  CHECK(past.causes == std::vector<Cause>{Cause::past, Cause::lead_time, Cause::time_in_level, Cause::readiness});
  const auto unaddressed = l4_requested(cycles[1], std::nullopt, t, {std::nullopt, Cause::unaddressed_gaps}, as_of);
  CHECK(unaddressed.causes == std::vector<Cause>{Cause::lead_time, Cause::time_in_level, Cause::unaddressed_gaps});
  EligibilityTerms ok{d("2027-01-01"), std::nullopt};
  const auto feasible = l4_requested(cycles[1], d("2027-01-01"), ok, {as_of, {}}, as_of);
  CHECK(feasible.feasible);
  CHECK(feasible.causes.empty());
}

TEST_CASE("L4 late_start: decision less than plan_lead_days after the plan" * doctest::test_suite("timeline")) {
  const Policy p;  // 182
  const Cycle c{"2027-H1", d("2027-03-15"), d("2027-04-01")};
  CHECK(l4_late_start(c, d("2026-09-15"), d("2026-11-23"), p));        // 181 days
  CHECK_FALSE(l4_late_start(c, d("2026-09-14"), d("2026-11-23"), p));  // 182 days
  CHECK(l4_late_start(c, std::nullopt, d("2026-11-23"), p));           // from as_of: 112 days
  CHECK_FALSE(l4_late_start(c, d("2026-01-01"), d("2027-03-16"), p));  // past
}

TEST_CASE("L5 checkpoints at 30, 60, 90 days" * doctest::test_suite("timeline")) {
  const auto cps = l5_checkpoints(d("2026-09-24"), d("2026-11-23"));
  REQUIRE(cps.size() == 3);
  CHECK(cps[0].date == d("2026-10-24"));
  CHECK(cps[0].passed);
  CHECK(cps[1].date == d("2026-11-23"));  // on as_of: passed
  CHECK(cps[1].passed);
  CHECK(cps[2].date == d("2026-12-23"));
  CHECK_FALSE(cps[2].passed);
  CHECK(l5_checkpoints(std::nullopt, d("2026-11-23")).empty());
}
