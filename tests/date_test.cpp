// SPDX-License-Identifier: MIT
// Calendar facts (docs/rules.md): month addition clamps to the month's length,
// business days skip weekend days and holidays.
#include <doctest/doctest.h>

#include <cstdio>

#include "json/read.hpp"
#include "rung/date.hpp"
#include "test_support.hpp"

using namespace rung;
using rung::test::d;

TEST_CASE("calendar add_months keeps the day and clamps to the month" * doctest::test_suite("calendar")) {
  CHECK(add_months(d("2027-01-31"), 1) == d("2027-02-28"));
  CHECK(add_months(d("2027-01-31"), 13) == d("2028-02-29"));
  CHECK(add_months(d("2027-02-28"), 1) == d("2027-03-28"));  // not Boost's month-end snap
  CHECK(add_months(d("2027-01-31"), 2) == d("2027-03-31"));
  CHECK(add_months(d("2027-01-31"), 3) == d("2027-04-30"));
  CHECK(add_months(d("2026-11-15"), 0) == d("2026-11-15"));
  CHECK(add_months(d("2026-12-31"), 2) == d("2027-02-28"));
  CHECK(add_months(d("2024-02-29"), 12) == d("2025-02-28"));
}

TEST_CASE("calendar business days skip a weekend followed by holidays" * doctest::test_suite("calendar")) {
  BusinessCalendar cal;  // Sat, Sun
  cal.holidays = {d("2026-12-25"), d("2026-12-28"), d("2026-12-29"), d("2027-01-01")};
  // Fri 2026-12-25 holiday, Sat, Sun, Mon 28 and Tue 29 holidays -> Wed 30.
  CHECK(cal.next_business_day(d("2026-12-25")) == d("2026-12-30"));
  CHECK(cal.next_business_day(d("2026-12-30")) == d("2026-12-30"));
  // Fri 2027-01-01 holiday -> Mon 2027-01-04.
  CHECK(cal.next_business_day(d("2027-01-01")) == d("2027-01-04"));
  CHECK_FALSE(cal.is_business_day(d("2026-11-28")));  // a Saturday
  CHECK(cal.is_business_day(d("2026-11-23")));        // a Monday
}

TEST_CASE("calendar dates are strict YYYY-MM-DD from 1900 to 9000" * doctest::test_suite("calendar")) {
  CHECK(json::parse_date("2028-02-29").has_value());
  CHECK_FALSE(json::parse_date("2027-02-29").has_value());
  CHECK_FALSE(json::parse_date("2027-13-01").has_value());
  CHECK_FALSE(json::parse_date("2027-1-5").has_value());
  CHECK_FALSE(json::parse_date("2027-01-05T00:00").has_value());
  CHECK_FALSE(json::parse_date("1899-12-31").has_value());
  CHECK(json::parse_date("1900-01-01").has_value());
  CHECK(json::parse_date("9000-12-31").has_value());
  CHECK_FALSE(json::parse_date("9001-01-01").has_value());
  CHECK_FALSE(json::parse_date("0000-01-01").has_value());
  CHECK(format_date(d("2027-03-05")) == "2027-03-05");
  CHECK(format_year_month(d("2027-03-05")) == "2027-03");
}

TEST_CASE("every calendar date reads as Boost.Date_Time's constructor makes it" * doctest::test_suite("calendar")) {
  // The reader counts days itself: each day from 1900 to 9000 against
  // Boost's (year, month, day), and days 29 to 31 of every month, valid or not.
  char text[11] = "0000-00-00";
  std::size_t dates = 0;
  for (int y = 1900; y <= 9000; ++y) {
    for (int m = 1; m <= 12; ++m) {
      const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                               static_cast<unsigned short>(m));
      for (int day = 1; day <= 31; ++day) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, day);
        const auto parsed = json::parse_date(text);
        if (day > last) {
          REQUIRE_FALSE(parsed.has_value());
          continue;
        }
        REQUIRE(parsed.has_value());
        REQUIRE(*parsed == Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                static_cast<unsigned short>(day)));
        ++dates;
      }
    }
  }
  CHECK(dates == static_cast<std::size_t>((Date(9000, 12, 31) - Date(1900, 1, 1)).days() + 1));
}

TEST_CASE("calendar add_days_checked stops at 9999-12-31" * doctest::test_suite("calendar")) {
  CHECK(add_days_checked(d("9000-12-31"), 365) == Date(9001, 12, 31));
  const Date last(9999, 12, 31);
  CHECK(add_days_checked(last, 0) == last);
  CHECK_FALSE(add_days_checked(last, 1).has_value());
}
