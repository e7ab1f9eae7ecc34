// SPDX-License-Identifier: MIT
// Follow-up (F): keep it going.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "rung/gaps.hpp"
#include "rung/ratings.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// F1: the latest check-in with the manager dated <= as_of (on the same
/// date, the later in the array).
inline const Checkin* f1_last_checkin(const std::vector<Checkin>& checkins, Date as_of) {
  const Checkin* last = nullptr;
  for (const Checkin& c : checkins)
    if (c.with_manager() && c.date <= as_of && (!last || c.date >= last->date)) last = &c;
  return last;
}

/// F1: last + cadence moved forward to a business day; as_of moved forward
/// when there is no check-in yet.
inline Date f1_next_due(const Checkin* last, Date as_of, const Policy& policy, const BusinessCalendar& cal) {
  return cal.next_business_day(last ? add_days(last->date, policy.cadence_days) : as_of);
}

/// F1: as_of - next_due when positive, else 0.
inline std::int64_t f1_overdue_days(Date next_due, Date as_of) {
  return std::max<std::int64_t>(0, days_between(next_due, as_of));
}

/// F2: `base + k * cadence_days`, each moved forward to a business day,
/// counted from the unmoved base so that moves do not drift; dates before
/// as_of and repeats dropped; moved dates up to and including `end`; at
/// most `schedule_max` dates. The base is last + cadence, or as_of when
/// there is no check-in or that date is already past.
inline std::vector<Date> f2_schedule(const Checkin* last, Date as_of, Date end, const Policy& policy,
                                     const BusinessCalendar& cal) {
  std::vector<Date> out;
  Date base = as_of;
  if (last) {
    const Date next = add_days(last->date, policy.cadence_days);
    if (next >= as_of) base = next;
  }
  const std::int64_t cadence = policy.cadence_days;
  for (std::int64_t k = 0; static_cast<int>(out.size()) < policy.schedule_max; ++k) {
    const auto offset = k * cadence;
    if (days_between(base, end) < offset) break;  // unmoved past the end: so is the moved date
    const Date d = add_days(base, offset);
    if (!out.empty() && d <= out.back()) {
      // d moves onto the previous date: every day from d to it is closed.
      k = days_between(base, out.back()) / cadence;
      continue;
    }
    const Date moved = cal.next_business_day(d);
    if (moved > end) break;
    if (moved < as_of) continue;
    out.push_back(moved);
  }
  return out;
}

/// F2's end date: the requested cycle's decision when that is >= as_of,
/// else the target cycle's, else as_of + 365.
inline Date f2_end(const std::optional<Date>& requested, const std::optional<Date>& target, Date as_of) {
  if (requested && *requested >= as_of) return *requested;
  if (target) return *target;
  return add_days(as_of, 365);
}

/// F3: feedback dated within `feedback_window_days`, from the top-level list
/// and from every check-in (dated as the check-in).
struct FeedbackSignals {
  bool no_constructive = true;
  bool indirect_only = false;
  int count = 0;
};

inline FeedbackSignals f3_feedback(const std::vector<Checkin>& checkins, const std::vector<Feedback>& feedback,
                                   Date as_of, const Policy& policy) {
  FeedbackSignals s;
  bool any_direct = false;
  auto see = [&](const Feedback& f, Date date) {
    if (!within_days(date, as_of, policy.feedback_window_days)) return;
    ++s.count;
    if (f.channel == Channel::direct) any_direct = true;
    if (f.kind == FeedbackKind::constructive && f.channel == Channel::direct) s.no_constructive = false;
  };
  for (const Checkin& c : checkins)
    for (const Feedback& f : c.feedback) see(f, c.date);
  for (const Feedback& f : feedback) see(f, f.date);
  s.indirect_only = s.count > 0 && !any_direct;
  return s;
}

/// F4: no manager check-in, or the last more than 2 × cadence_days ago.
inline bool f4_no_regular_checkins(const Checkin* last, Date as_of, const Policy& policy) {
  return !last || days_between(last->date, as_of) > 2 * static_cast<std::int64_t>(policy.cadence_days);
}

/// F5: the agenda of the next check-in. `statuses[i]` are the L1 facts of
/// `milestones[i]`; each milestone is listed once, under its first kind.
inline std::vector<AgendaItem> f5_agenda(const std::vector<Milestone>& milestones,
                                         const std::vector<MilestoneStatus>& statuses,
                                         const std::vector<Gap>& gaps,
                                         const std::vector<ExpectationResult>& expectations,
                                         const Checkin* last, Date next_due, const Policy& policy,
                                         Gate gate = Gate::open) {
  const Date due_by = add_days(next_due, policy.cadence_days);
  // The milestones' items come first, by kind in this order, each kind in
  // milestone order: counted by kind, then placed in one pass over the
  // milestones (a case of 100,000 reads their ids once, in order).
  constexpr std::array<AgendaKind, 4> kKinds{AgendaKind::overdue_milestone, AgendaKind::at_risk_milestone,
                                             AgendaKind::stalled_milestone, AgendaKind::due_milestone};
  constexpr std::uint8_t kNone = kKinds.size();
  auto kind_of = [&](std::size_t i) -> std::uint8_t {  // a position in kKinds
    const Milestone& m = milestones[i];
    const MilestoneStatus& s = statuses[i];
    if (s.overdue) return 0;
    if (s.at_risk) return 1;
    if (s.stalled) return 2;
    if (!m.done && m.deadline && *m.deadline <= due_by) return 3;
    return kNone;
  };
  std::vector<std::uint8_t> kinds(milestones.size());  // each milestone's, found once
  std::array<std::size_t, kKinds.size() + 1> at{};     // where each kind's items start
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    kinds[i] = kind_of(i);
    if (kinds[i] != kNone) ++at[kinds[i] + 1];
  }
  for (std::size_t k = 1; k < at.size(); ++k) at[k] += at[k - 1];
  std::vector<AgendaItem> agenda(at.back());
  agenda.reserve(at.back() + 2 * gaps.size() + 3 + (last ? last->blockers.size() : 0));
  for (std::size_t i = 0; i < milestones.size(); ++i)
    if (kinds[i] != kNone) agenda[at[kinds[i]]++] = {kKinds[kinds[i]], std::string(milestones[i].id), i};
  for (const Gap& g : gaps) {
    const ExpectationResult& x = expectations[g.expectation];
    if (has_flag(x, Flag::disagreement) || has_flag(x, Flag::blind_spot))
      agenda.push_back({AgendaKind::agree_gap, g.competency});
  }
  for (const Gap& g : gaps)
    if (!g.addressed) agenda.push_back({AgendaKind::unaddressed_gap, g.competency});
  // /2: a gated move needs its application or vacancy prepared.
  if (gate != Gate::open) agenda.push_back({AgendaKind::gate, std::string(name(gate))});
  if (last)
    for (const Blocker& b : last->blockers)
      if (!b.resolved) agenda.push_back({AgendaKind::blocker, std::string(b.text)});
  agenda.push_back({AgendaKind::ask_feedback, std::nullopt});
  agenda.push_back({AgendaKind::offer_feedback, std::nullopt});
  return agenda;
}

}  // namespace rung
