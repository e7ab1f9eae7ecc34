// SPDX-License-Identifier: MIT
// F1-F5: the cadence of 1:1s on business days, feedback signals and the
// agenda of the next check-in.
#include <doctest/doctest.h>

#include "rung/followup.hpp"
#include "test_support.hpp"

using namespace rung;
using rung::test::d;
using rung::test::milestone;

namespace {

Checkin checkin(const char* date, const char* with = "manager") {
  Checkin c;
  c.date = d(date);
  c.with = with;
  return c;
}

BusinessCalendar holidays(std::vector<const char*> days) {
  BusinessCalendar cal;
  for (const char* h : days) cal.holidays.push_back(d(h));
  return cal;
}

std::vector<std::string> dates(const std::vector<Date>& v) {
  std::vector<std::string> out;
  for (Date x : v) out.push_back(format_date(x));
  return out;
}

}  // namespace

TEST_CASE("F1 last manager check-in, next due on a business day" * doctest::test_suite("followup")) {
  const std::vector<Checkin> cs{checkin("2026-10-27"), checkin("2026-11-10", "skip-level"), checkin("2026-12-01")};
  const Date as_of = d("2026-11-23");
  const Checkin* last = f1_last_checkin(cs, as_of);
  REQUIRE(last);
  CHECK(last->date == d("2026-10-27"));  // the other one is not with the manager, the third is after as_of
  const auto cal = holidays({"2026-11-26"});
  // 10-27 + 30 = 11-26, a Thursday holiday -> Friday 11-27.
  CHECK(f1_next_due(last, as_of, Policy{}, cal) == d("2026-11-27"));
  CHECK(f1_overdue_days(d("2026-11-27"), as_of) == 0);
  // No check-in: as_of moved forward (Saturday -> Monday).
  CHECK(f1_next_due(nullptr, d("2026-11-28"), Policy{}, cal) == d("2026-11-30"));
}

TEST_CASE("F1 overdue_days" * doctest::test_suite("followup")) {
  CHECK(f1_overdue_days(d("2026-11-02"), d("2026-11-23")) == 21);
  CHECK(f1_overdue_days(d("2026-11-23"), d("2026-11-23")) == 0);
}

TEST_CASE("F2 moved dates do not drift the ones after them" * doctest::test_suite("followup")) {
  const auto cal = holidays({"2026-11-26"});
  const std::vector<Checkin> cs{checkin("2026-10-27")};
  // base 11-26 (unmoved): 11-26 -> 11-27, 12-26 Sat -> 12-28, 01-25, 02-24, 03-26.
  const auto s = f2_schedule(&cs[0], d("2026-11-23"), d("2027-03-26"), Policy{}, cal);
  CHECK(dates(s) == std::vector<std::string>{"2026-11-27", "2026-12-28", "2027-01-25", "2027-02-24", "2027-03-26"});
}

TEST_CASE("F2 an overdue check-in restarts the rhythm from as_of" * doctest::test_suite("followup")) {
  const std::vector<Checkin> cs{checkin("2026-09-01")};
  const auto s = f2_schedule(&cs[0], d("2026-11-23"), d("2027-01-31"), Policy{}, BusinessCalendar{});
  // base as_of 11-23: 11-23, 12-23, 01-22.
  CHECK(dates(s) == std::vector<std::string>{"2026-11-23", "2026-12-23", "2027-01-22"});
}

TEST_CASE("F2 schedule_max and repeats" * doctest::test_suite("followup")) {
  Policy p;
  p.cadence_days = 1;
  p.schedule_max = 4;
  // Fri 11-27, Sat -> Mon, Sun -> Mon (a repeat, dropped), Mon, Tue.
  const auto s = f2_schedule(nullptr, d("2026-11-27"), d("2026-12-31"), p, BusinessCalendar{});
  CHECK(dates(s) == std::vector<std::string>{"2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"});
  p.schedule_max = 0;
  CHECK(f2_schedule(nullptr, d("2026-11-27"), d("2026-12-31"), p, BusinessCalendar{}).empty());
}

TEST_CASE("F2 the end date bounds the moved dates" * doctest::test_suite("followup")) {
  // as_of Sat 11-28 -> Mon 11-30 is past the end 11-29.
  CHECK(f2_schedule(nullptr, d("2026-11-28"), d("2026-11-29"), Policy{}, BusinessCalendar{}).empty());
  CHECK(f2_end(d("2027-03-15"), d("2027-09-15"), d("2026-11-23")) == d("2027-03-15"));
  CHECK(f2_end(d("2026-09-15"), d("2027-09-15"), d("2026-11-23")) == d("2027-09-15"));  // requested is past
  CHECK(f2_end(d("2026-09-15"), std::nullopt, d("2026-11-23")) == d("2027-11-23"));
}

TEST_CASE("F3 feedback signals in the window" * doctest::test_suite("followup")) {
  const Date as_of = d("2026-11-23");
  std::vector<Checkin> cs{checkin("2026-08-25", "peer")};  // exactly 90 days
  cs[0].feedback.push_back({d("2026-08-25"), FeedbackKind::constructive, Channel::direct});
  auto s = f3_feedback(cs, {}, as_of, Policy{});
  CHECK_FALSE(s.no_constructive);
  CHECK_FALSE(s.indirect_only);
  cs[0].date = d("2026-08-24");  // 91 days: out of the window
  s = f3_feedback(cs, {}, as_of, Policy{});
  CHECK(s.no_constructive);
  CHECK_FALSE(s.indirect_only);  // no feedback at all
  const std::vector<Feedback> top{{d("2026-11-01"), FeedbackKind::constructive, Channel::indirect},
                                  {d("2026-11-02"), FeedbackKind::praise, Channel::indirect}};
  s = f3_feedback({}, top, as_of, Policy{});
  CHECK(s.no_constructive);
  CHECK(s.indirect_only);
}

TEST_CASE("F4 no regular check-ins beyond 2 x cadence" * doctest::test_suite("followup")) {
  const Date as_of = d("2026-11-23");
  CHECK(f4_no_regular_checkins(nullptr, as_of, Policy{}));
  const Checkin at60 = checkin("2026-09-24");  // 60 days
  const Checkin at61 = checkin("2026-09-23");  // 61 days
  CHECK_FALSE(f4_no_regular_checkins(&at60, as_of, Policy{}));
  CHECK(f4_no_regular_checkins(&at61, as_of, Policy{}));
}

TEST_CASE("F5 agenda: kinds in order, each milestone once" * doctest::test_suite("followup")) {
  const Date next_due = d("2026-12-01");
  Milestone both = milestone("both");  // overdue and at risk: listed once, as overdue
  Milestone risky = milestone("risky");
  Milestone due = milestone("due");
  due.deadline = d("2026-12-31");  // <= 12-01 + 30
  Milestone later = milestone("later");
  later.deadline = d("2027-01-01");
  Milestone done = milestone("done");
  done.done = true;
  const std::vector<Milestone> ms{risky, both, due, later, done};
  std::vector<MilestoneStatus> st(5);
  st[0].at_risk = true;
  st[1].overdue = true;
  st[1].at_risk = true;
  std::vector<ExpectationResult> xs(2);
  xs[0].competency = "design";
  xs[0].competency_index = 0;
  xs[0].flags = {Flag::blind_spot};
  xs[1].expectation = 1;
  xs[1].competency = "ops";
  xs[1].competency_index = 1;
  Gap g0, g1;
  g0.competency = "design";
  g0.competency_index = 0;
  g0.addressed = true;
  g1.expectation = 1;  // gaps find their expectation by its key
  g1.competency = "ops";
  g1.competency_index = 1;
  Checkin last = checkin("2026-11-01");
  last.blockers = {{"no budget", false}, {"fixed", true}};
  const auto agenda = f5_agenda(ms, st, {g0, g1}, xs, &last, next_due, Policy{});
  std::vector<std::string> got;
  for (const auto& a : agenda) got.push_back(std::string(name(a.kind)) + ":" + a.ref.value_or("-"));
  CHECK(got == std::vector<std::string>{"overdue_milestone:both", "at_risk_milestone:risky", "due_milestone:due",
                                        "agree_gap:design", "unaddressed_gap:ops", "blocker:no budget",
                                        "ask_feedback:-", "offer_feedback:-"});
}
