// SPDX-License-Identifier: MIT
// Calendar dates and the calendar arithmetic the rules use (docs/rules.md, the calendar).
//
// Dates are Boost.Date_Time Gregorian dates: serial day numbers for day
// arithmetic, year/month/day fields for month arithmetic. Nothing here reads
// a clock: `as_of` is always an input.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace rung {

using Date = boost::gregorian::date;

/// Days from `from` to `to` (negative when `to` is earlier).
inline std::int64_t days_between(Date from, Date to) {
  return (to - from).days();
}

/// The last date Boost can hold; rule arithmetic that passes it yields no
/// date (a forecast past 9999-12-31, docs/rules.md).
inline std::int64_t last_day_number() {
  static const std::int64_t n = static_cast<std::int64_t>(Date(9999, 12, 31).day_number());
  return n;
}

/// `d + n` days, or nothing when the result would pass 9999-12-31.
inline std::optional<Date> add_days_checked(Date d, std::int64_t n) {
  const std::int64_t day = static_cast<std::int64_t>(d.day_number()) + n;
  if (day > last_day_number()) return std::nullopt;
  return d + boost::gregorian::date_duration(n);
}

inline Date add_days(Date d, std::int64_t n) {
  return d + boost::gregorian::date_duration(n);
}

/// Adds `n` months and keeps the day of month, clamped to the length of the
/// target month (docs/rules.md, the calendar): 2027-01-31 + 1 = 2027-02-28, and
/// 2027-02-28 + 1 = 2027-03-28. Boost's `months` would snap month-ends to
/// the 31st, so the fields are computed here.
inline Date add_months(Date d, int n) {
  const auto ymd = d.year_month_day();
  const int index = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) + n;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month));
  const int day = std::min(static_cast<int>(ymd.day), last);
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

/// "YYYY-MM-DD".
inline std::string format_date(Date d) {
  const auto ymd = d.year_month_day();
  char buf[11];
  const int y = ymd.year, m = ymd.month, dd = ymd.day;
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + dd / 10);
  buf[9] = static_cast<char>('0' + dd % 10);
  buf[10] = 0;
  return std::string(buf, 10);
}

/// "YYYY-MM", the id of a generated cycle (docs/rules.md, the calendar).
inline std::string format_year_month(Date d) { return format_date(d).substr(0, 7); }

/// Which dates are business days: neither a weekend day nor a holiday.
struct BusinessCalendar {
  /// Indexed by Boost's day of week: 0 = Sunday .. 6 = Saturday.
  std::array<bool, 7> weekend{true, false, false, false, false, false, true};
  /// Sorted, without repeats.
  std::vector<Date> holidays;

  bool is_business_day(Date d) const {
    if (weekend[d.day_of_week().as_number()]) return false;
    return !std::binary_search(holidays.begin(), holidays.end(), d);
  }

  /// The first business day on or after `d`. Terminates: at least one
  /// weekday is not a weekend day and holidays are finite. A move that
  /// would pass 9999-12-31 stops there.
  Date next_business_day(Date d) const {
    while (!is_business_day(d)) {
      if (static_cast<std::int64_t>(d.day_number()) >= last_day_number()) return d;
      d = d + boost::gregorian::date_duration(1);
    }
    return d;
  }
};

}  // namespace rung
