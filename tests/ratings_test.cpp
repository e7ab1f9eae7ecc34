// SPDX-License-Identifier: MIT
// R1-R3: the latest assessment per rater inside the window; stakeholders'
// median (lower middle); manager or calibrated agreement. Self ratings
// alone never make an expectation met.
#include <doctest/doctest.h>

#include "rung/ratings.hpp"
#include "test_support.hpp"

using namespace rung;
using rung::test::assess;
using rung::test::d;

TEST_CASE("R1 same rater same date: the later in the array counts" * doctest::test_suite("ratings")) {
  const std::vector<Assessment> a{assess(Rater::manager, 3, "2026-10-01"), assess(Rater::manager, 1, "2026-10-01")};
  CHECK(rate(a, 0, d("2026-11-23"), Policy{}).manager == 1);
}

TEST_CASE("R1 the latest date wins whatever the array order" * doctest::test_suite("ratings")) {
  const std::vector<Assessment> a{assess(Rater::self, 4, "2026-10-02"), assess(Rater::self, 1, "2026-10-01")};
  CHECK(rate(a, 0, d("2026-11-23"), Policy{}).self == 4);
}

TEST_CASE("R1 window: exactly assessment_window_days old counts, one more does not" * doctest::test_suite("ratings")) {
  // 2025-11-23 is 365 days before 2026-11-23; 2025-11-22 is 366.
  const Policy p;
  CHECK(rate({assess(Rater::manager, 2, "2025-11-23")}, 0, d("2026-11-23"), p).manager == 2);
  CHECK_FALSE(rate({assess(Rater::manager, 2, "2025-11-22")}, 0, d("2026-11-23"), p).manager.has_value());
  Policy short_window;
  short_window.assessment_window_days = 10;
  CHECK(rate({assess(Rater::manager, 2, "2026-11-13")}, 0, d("2026-11-23"), short_window).manager == 2);
  CHECK_FALSE(rate({assess(Rater::manager, 2, "2026-11-12")}, 0, d("2026-11-23"), short_window).manager);
}

TEST_CASE("R1 an assessment after as_of is ignored" * doctest::test_suite("ratings")) {
  const std::vector<Assessment> a{assess(Rater::manager, 2, "2026-10-01"), assess(Rater::manager, 4, "2026-11-24")};
  CHECK(rate(a, 0, d("2026-11-23"), Policy{}).manager == 2);
}

TEST_CASE("R1 other competencies are not mixed in" * doctest::test_suite("ratings")) {
  const std::vector<Assessment> a{assess(Rater::manager, 2, "2026-10-01", 1)};
  CHECK_FALSE(rate(a, 0, d("2026-11-23"), Policy{}).manager);
}

TEST_CASE("R2 stakeholders: median, lower middle with an even count" * doctest::test_suite("ratings")) {
  CHECK(r2_median({3, 1, 2}) == 2);
  CHECK(r2_median({4, 1, 3, 2}) == 2);  // sorted 1 2 3 4: lower middle 2
  CHECK(r2_median({4, 3}) == 3);
  CHECK_FALSE(r2_median({}).has_value());
}

TEST_CASE("R2 one value per stakeholder: their latest" * doctest::test_suite("ratings")) {
  const std::vector<Assessment> a{
      assess(Rater::stakeholder, 1, "2026-09-01", 0, "p-1"),
      assess(Rater::stakeholder, 4, "2026-10-01", 0, "p-2"),
      assess(Rater::stakeholder, 4, "2026-10-05", 0, "p-1"),  // p-1 now 4
      assess(Rater::stakeholder, 2, "2026-10-01", 0, "p-3"),
  };
  // p-1 4, p-2 4, p-3 2 -> sorted 2 4 4 -> 4
  CHECK(rate(a, 0, d("2026-11-23"), Policy{}).stakeholders == 4);
}

TEST_CASE("R2 one value per stakeholder with more raters than the first few" * doctest::test_suite("ratings")) {
  // Twelve raters p-1..p-12 (rate() lists the first eight, then moves all
  // to a table): p-k rates k % 5 on 2026-09-01; p-2, p-9 and p-12 rate
  // again later (4, 0, 0) and p-3 once earlier (4, superseded by its 3).
  static const char* const ids[] = {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8", "p-9", "p-10", "p-11", "p-12"};
  std::vector<Assessment> a;
  for (int k = 1; k <= 12; ++k) a.push_back(assess(Rater::stakeholder, k % 5, "2026-09-01", 0, ids[k - 1]));
  a.push_back(assess(Rater::stakeholder, 4, "2026-10-01", 0, "p-2"));
  a.push_back(assess(Rater::stakeholder, 0, "2026-10-02", 0, "p-9"));
  a.push_back(assess(Rater::stakeholder, 0, "2026-10-03", 0, "p-12"));
  a.push_back(assess(Rater::stakeholder, 4, "2026-08-01", 0, "p-3"));
  // Latest per rater: p-1 1, p-2 4, p-3 3, p-4 4, p-5 0, p-6 1, p-7 2, p-8 3,
  // p-9 0, p-10 0, p-11 1, p-12 0 -> sorted 0 0 0 0 1 1 1 2 3 3 4 4: lower middle (6th) 1.
  const Ratings r = rate(a, 0, d("2026-11-23"), Policy{});
  CHECK(r.stakeholder_raters == 12);
  CHECK(r.stakeholders == 1);
  // The first eight alone: 1 4 3 4 0 1 2 3 -> sorted 0 1 1 2 3 3 4 4: 2.
  a.resize(8);
  a.push_back(assess(Rater::stakeholder, 4, "2026-10-01", 0, "p-2"));
  const Ratings few = rate(a, 0, d("2026-11-23"), Policy{});
  CHECK(few.stakeholder_raters == 8);
  CHECK(few.stakeholders == 2);
}

TEST_CASE("R3 agreed is the manager's rating by default" * doctest::test_suite("ratings")) {
  CHECK(r3_agreed(3, 1, AgreedRating::manager) == 3);
  CHECK_FALSE(r3_agreed(std::nullopt, 3, AgreedRating::manager));
}

TEST_CASE("R3 calibrated: min(manager, stakeholders) when both exist" * doctest::test_suite("ratings")) {
  CHECK(r3_agreed(3, 2, AgreedRating::calibrated) == 2);
  CHECK(r3_agreed(2, 4, AgreedRating::calibrated) == 2);
  CHECK(r3_agreed(3, std::nullopt, AgreedRating::calibrated) == 3);
  CHECK_FALSE(r3_agreed(std::nullopt, 4, AgreedRating::calibrated));
}

TEST_CASE("R3 self ratings alone never agree" * doctest::test_suite("ratings")) {
  const Ratings r = rate({assess(Rater::self, 4, "2026-10-01")}, 0, d("2026-11-23"), Policy{});
  CHECK(r.self == 4);
  CHECK_FALSE(r.agreed);
}

TEST_CASE("R2 /2 anonymity: the stakeholders' median only from anonymity_min distinct raters" *
          doctest::test_suite("ratings")) {
  using rung::test::assess;
  // p-1 rates 1 then 3 (the latest, 3, counts), p-2 rates 2: two raters.
  const std::vector<Assessment> as{assess(Rater::stakeholder, 1, "2026-05-01", 0, "p-1"),
                                   assess(Rater::stakeholder, 3, "2026-06-01", 0, "p-1"),
                                   assess(Rater::stakeholder, 2, "2026-06-01", 0, "p-2"),
                                   assess(Rater::manager, 3, "2026-06-01")};
  Policy p;
  p.agreed_rating = AgreedRating::calibrated;
  const Ratings hidden = rate(as, 0, d("2026-11-23"), p, 3);
  CHECK(hidden.stakeholder_raters == 2);
  CHECK_FALSE(hidden.stakeholders);
  CHECK(hidden.agreed == 3);  // calibrated falls back to the manager
  // From 2 raters: values {3, 2}, lower middle 2; calibrated min(3, 2) = 2.
  const Ratings shown = rate(as, 0, d("2026-11-23"), p, 2);
  CHECK(shown.stakeholders == 2);
  CHECK(shown.agreed == 2);
}
