// SPDX-License-Identifier: MIT
// The rule families composed into one Report, with a trace entry per rule.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rung/followup.hpp"
#include "rung/gaps.hpp"
#include "rung/move.hpp"
#include "rung/plan.hpp"
#include "rung/ratings.hpp"
#include "rung/report.hpp"
#include "rung/signals.hpp"
#include "rung/threshold.hpp"
#include "rung/timeline.hpp"
#include "rung/types.hpp"

namespace rung {

namespace detail {

inline std::int64_t count_if_true(const std::vector<MilestoneStatus>& v, bool MilestoneStatus::*field) {
  std::int64_t n = 0;
  for (const auto& s : v) n += (s.*field) ? 1 : 0;
  return n;
}

inline std::string date_text(const std::optional<Date>& d) { return d ? format_date(*d) : "none"; }

}  // namespace detail

/// `current`: the current level, the competencies of its expectations not
/// delivered (agreed below the level, or none), and the last review as T1
/// read it. Filled in both versions (people's outputs say why a case is
/// blocked); only /2 reports write it.
inline CurrentReport current_report(const Framework& fw, const Level& current, const std::vector<Ratings>& ratings,
                                    const std::optional<Review>& review, Date as_of) {
  CurrentReport cr;
  cr.level = current.id;
  for (std::size_t i = 0; i < current.expectations.size(); ++i)
    if (!t1_delivered(current.expectations[i], ratings[i])) {
      cr.failed.push_back(current.expectations[i].competency);
      cr.shortfalls.push_back({i, ratings[i].agreed});
    }
  if (review) {
    CurrentReview rv;
    rv.rating = fw.policy.review_scale[static_cast<std::size_t>(review->rating)];
    rv.date = review->date;
    rv.counted = t1_review_counted(*review, as_of);
    rv.below_min = t1_review_below_min(*review, fw.policy);
    cr.review = rv;
  }
  return cr;
}

/// Evaluates one case against its framework. Pure: no clock, no I/O; the
/// case was resolved against `fw` by the decoder (levels, competencies and
/// cycles are indexes into it).
inline Report evaluate(const Framework& fw, const Case& c) {
  using detail::date_text;
  const Policy& policy = fw.policy;
  const Date as_of = c.as_of;
  const Plan& plan = c.plan;
  const Level& current = fw.levels[c.level];
  const Level* target = c.target ? &fw.levels[*c.target] : nullptr;

  const bool v2 = fw.version >= 2;
  Report r;
  r.version = fw.version;
  r.framework = fw.id;
  r.employee = c.employee.id;
  r.as_of = as_of;
  r.move.from = current.id;
  auto signal = [&](SignalId id, std::string detail) {
    r.signals.push_back({id, severity_of(id), std::move(detail)});
  };
  r.trace.reserve(32);  // an entry per rule: no regrowth
  auto trace = [&](const char* rule, std::string outcome, std::vector<std::pair<std::string_view, Fact>> facts) {
    r.trace.push_back({rule, std::move(outcome), std::move(facts)});
  };

  // L1 facts hold with or without a target.
  std::vector<MilestoneStatus>& statuses = r.plan.milestones;
  statuses.reserve(plan.milestones.size());
  for (const Milestone& m : plan.milestones) {
    statuses.push_back(l1_status(m, plan.agreed_on, as_of, policy));
    statuses.back().milestone = statuses.size() - 1;
    if (target) statuses.back().missing = p2_missing(m);  // P2, traced with the P rules
  }
  r.plan.goals = static_cast<int>(plan.goals.size());

  std::optional<Date> requested_decision, target_decision;
  if (plan.target_cycle) requested_decision = fw.calendar.cycles[*plan.target_cycle].decision;

  if (v2) {
    std::string tracks;
    for (const auto& t : c.tracks) tracks += (tracks.empty() ? "" : ", ") + t;
    trace("M1", target ? target->id : c.candidates.empty() ? "no_target" : "choose_track",
          {{"tracks", tracks}, {"candidates", static_cast<std::int64_t>(c.candidates.size())}});
  }
  if (!target) {
    r.verdict = Verdict::no_target;
    if (!c.candidates.empty()) {
      std::string names;
      for (std::size_t i : c.candidates)
        names += (names.empty() ? "" : ", ") + fw.levels[i].id + " (" + fw.levels[i].tracks.front() + ")";
      signal(SignalId::choose_track, "choose a track: " + names);
    }
    trace("T4", "no_target", {{"track", current.tracks.front()}, {"rank", current.rank}});
  } else {
    r.move.to = target->id;
    r.move.kind = classify_move(current, *target);
    if (v2) r.move.gate = target->gate;
    if (is_skip_level(current, *target))
      signal(SignalId::skip_level, "moves " + std::to_string(target->rank - current.rank) + " ranks up");
    if (is_track_change(current, *target, c.tracks))
      signal(SignalId::track_change, "promotion from track " + c.tracks.front() + " into " + target->tracks.front());
    if (v2 && target->gate != Gate::open)
      signal(SignalId::gated_move, std::string("the move goes through ") +
                                       (target->gate == Gate::application ? "an application" : "an open vacancy"));

    // R1-R3, once for each competency: the two levels share most of them.
    std::vector<std::optional<Ratings>> ratings_by_competency(fw.competencies.size());
    auto ratings_of = [&](std::size_t competency) -> const Ratings& {
      std::optional<Ratings>& slot = ratings_by_competency[competency];
      if (!slot) slot = rate(c.assessments, competency, as_of, policy, v2 ? policy.anonymity_min : 1);
      return *slot;
    };

    // R1-R3 and T1: the current role first.
    std::vector<Ratings> current_ratings;
    current_ratings.reserve(current.expectations.size());
    for (const Expectation& x : current.expectations) current_ratings.push_back(ratings_of(x.competency_index));
    const CurrentDelivery delivery =
        t1_current_delivery(current, current_ratings, c.employee.last_review, as_of, policy);
    r.current_coverage = delivery.coverage;
    r.current = current_report(fw, current, current_ratings, c.employee.last_review, as_of);

    // R1-R3, T2, G2 on the target level.
    std::int64_t rated = 0, by_stakeholders = 0;
    r.expectations.reserve(target->expectations.size());
    const auto counted = t2_counted_by_competency(c.evidence, fw.competencies.size(), as_of, policy);
    const auto by_criterion =
        v2 ? t2_counted_by_criterion(c.evidence, fw.criteria.size(), as_of, policy) : decltype(counted){};
    auto uncounted = t2_uncounted_each(target->expectations, c.evidence, as_of, policy, fw.competencies.size(),
                                       fw.criteria.size());
    for (const Expectation& x : target->expectations) {
      const Ratings& ratings = ratings_of(x.competency_index);
      if (ratings.agreed) ++rated;
      if (ratings.stakeholders) ++by_stakeholders;
      Uncounted& u = uncounted[r.expectations.size()];
      r.expectations.push_back(v2 ? t2_assess_v2(x, ratings, c, counted, by_criterion, std::move(u), policy)
                                  : t2_assess(x, ratings, c.evidence, counted[x.competency_index], policy));
      if (!v2) r.expectations.back().uncounted = std::move(u);  // for people's outputs
      r.expectations.back().expectation = r.expectations.size() - 1;
      r.expectations.back().flags = g2_flags(r.expectations.back(), policy);
    }
    trace("R1", "ok", {{"assessments", static_cast<std::int64_t>(c.assessments.size())},
                       {"window_days", static_cast<std::int64_t>(policy.assessment_window_days)}});
    trace("R2", "ok", {{"target_expectations_with_stakeholders", by_stakeholders}});
    trace("R3", policy.agreed_rating == AgreedRating::manager ? "manager" : "calibrated",
          {{"target_expectations_rated", rated},
           {"target_expectations", static_cast<std::int64_t>(target->expectations.size())}});
    trace("T1", delivery.passed ? "pass" : "fail",
          {{"current_coverage", delivery.coverage},
           {"current_min", policy.current_min},
           {"review_failed", delivery.review_failed}});

    const double coverage =
        v2 ? t2_coverage_v2(target->expectations, r.expectations) : t2_coverage(target->expectations, r.expectations);
    r.coverage = coverage;
    std::int64_t met = 0, emerging = 0;
    for (const auto& x : r.expectations) {
      met += x.status == Status::met ? 1 : 0;
      emerging += x.status == Status::emerging ? 1 : 0;
    }
    trace("T2", "ok", {{"coverage", coverage}, {"met", met},
                       {"expectations", static_cast<std::int64_t>(r.expectations.size())}});
    if (v2)
      trace("T5", policy.sustained_days > 0 ? "on" : "off",
            {{"sustained_days", static_cast<std::int64_t>(policy.sustained_days)}, {"emerging", emerging}});
    const bool critical_met = t3_critical_met(r.expectations);
    std::int64_t critical = 0;
    for (const auto& x : r.expectations) critical += x.critical ? 1 : 0;
    trace("T3", critical_met ? "pass" : "fail", {{"critical_expectations", critical}});
    r.verdict = t4_verdict(delivery.passed, coverage, critical_met, policy);
    trace("T4", name(r.verdict), {{"coverage", coverage}, {"coverage_min", policy.coverage_min},
                                  {"close_margin", policy.close_margin}});

    // G1 with P3's `addressed`.
    r.gaps = g1_gaps(r.expectations);
    for (Gap& g : r.gaps) {
      const ExpectationResult& x = r.expectations[g.expectation];
      if (g.kind == Status::emerging && x.sustained_since)  // T5: the level holds long enough on this date
        g.emerging_until = t5_counts_from(*x.sustained_since, policy);
      g.addressed = p3_addressed(plan.milestones, g);
      if (!g.addressed) r.plan.unaddressed_gaps.push_back(g.competency);
    }
    trace("G1", std::to_string(r.gaps.size()) + " gaps",
          {{"top", r.gaps.empty() ? Fact(nullptr) : Fact(r.gaps.front().competency)}});
    std::int64_t flagged = 0;
    for (const auto& x : r.expectations) flagged += x.flags.empty() ? 0 : 1;
    trace("G2", "ok", {{"flagged_expectations", flagged}});

    // P1-P6.
    if (auto s = p1_goal_count(plan.goals.size(), policy)) {
      signal(*s, *s == SignalId::no_goals ? "no career goal in the plan"
                                          : std::to_string(plan.goals.size()) + " goals, at most " +
                                                std::to_string(policy.max_goals));
    }
    trace("P1", std::to_string(plan.goals.size()) + " goals", {{"max_goals", static_cast<std::int64_t>(policy.max_goals)}});
    std::int64_t incomplete = 0;
    for (const MilestoneStatus& st : statuses) incomplete += st.missing.empty() ? 0 : 1;
    trace("P2", incomplete ? "incomplete" : "smart", {{"milestones_incomplete", incomplete}});
    trace("P3", r.plan.unaddressed_gaps.empty() ? "addressed" : "unaddressed",
          {{"unaddressed_gaps", static_cast<std::int64_t>(r.plan.unaddressed_gaps.size())}});
    r.plan.unaligned_goals = p4_unaligned(plan.goals, policy);
    trace("P4", r.plan.unaligned_goals.empty() ? "aligned" : "unaligned",
          {{"require_alignment", policy.require_alignment}});
    const bool short_term = p5_has_short_term_step(plan.milestones, as_of);
    if (!short_term) signal(SignalId::no_short_term_step, "no open milestone due within 90 days");
    trace("P5", short_term ? "pass" : "fail", {});
    const bool no_long = p6_missing_long_term(plan.goals);
    if (no_long) signal(SignalId::no_long_term_goal, "no goal with a horizon of a year or more");
    trace("P6", no_long ? "fail" : "pass", {});

    // L1-L5.
    trace("L1", "ok", {{"overdue", detail::count_if_true(statuses, &MilestoneStatus::overdue)},
                       {"stalled", detail::count_if_true(statuses, &MilestoneStatus::stalled)},
                       {"at_risk", detail::count_if_true(statuses, &MilestoneStatus::at_risk)}});
    TimelineReport& t = r.timeline;
    t.agreed_on = plan.agreed_on;
    const Projection projected = l2_projected(r.verdict, r.gaps, plan.milestones, statuses, as_of);
    t.projected_ready = projected.date;
    t.projected_reason = projected.reason;
    trace("L2", projected.date ? format_date(*projected.date) : name(*projected.reason), {});
    if (!plan.agreed_on) signal(SignalId::plan_not_agreed, "no development plan agreed with the manager");
    const EligibilityTerms terms = l3_terms(plan.agreed_on, c.employee.in_level_since, as_of, policy);
    t.earliest_eligible = l3_earliest_eligible(terms, projected.date, as_of);
    trace("L3", date_text(t.earliest_eligible),
          {{"lead_time", format_date(terms.lead)}, {"time_in_level", date_fact(terms.time_in_level)},
           {"projected_ready", date_fact(projected.date)}});
    if (const Cycle* cycle = l4_target_cycle(fw.calendar.cycles, t.earliest_eligible)) {
      t.target_cycle = cycle->id;
      target_decision = cycle->decision;
    }
    if (plan.target_cycle) {
      const Cycle& requested = fw.calendar.cycles[*plan.target_cycle];
      t.requested_cycle = l4_requested(requested, t.earliest_eligible, terms, projected, as_of);
      if (l4_late_start(requested, plan.agreed_on, as_of, policy))
        signal(SignalId::late_start, "cycle " + requested.id + " decides less than " +
                                         std::to_string(policy.plan_lead_days) + " days after the plan");
    }
    trace("L4", t.target_cycle.value_or("none"),
          {{"requested", t.requested_cycle ? Fact(t.requested_cycle->id) : Fact(nullptr)},
           {"feasible", t.requested_cycle ? Fact(t.requested_cycle->feasible) : Fact(nullptr)}});
    t.checkpoints = l5_checkpoints(plan.agreed_on, as_of);
    trace("L5", std::to_string(t.checkpoints.size()) + " checkpoints", {});
  }
  r.timeline.target_decision = target_decision;

  // F1-F5: they run for every case, with or without a target.
  FollowupReport& f = r.followup;
  const Checkin* last = f1_last_checkin(c.checkins, as_of);
  if (last) f.last_checkin = last->date;
  f.next_due = f1_next_due(last, as_of, policy, fw.calendar.business);
  f.overdue_days = f1_overdue_days(f.next_due, as_of);
  trace("F1", format_date(f.next_due), {{"last_checkin", date_fact(f.last_checkin)}, {"overdue_days", f.overdue_days}});
  const Date end = f2_end(requested_decision, target_decision, as_of);
  f.schedule = f2_schedule(last, as_of, end, policy, fw.calendar.business);
  trace("F2", std::to_string(f.schedule.size()) + " check-ins", {{"until", format_date(end)}});
  const FeedbackSignals fb = f3_feedback(c.checkins, c.feedback, as_of, policy);
  if (fb.no_constructive)
    signal(SignalId::no_constructive_feedback,
           "no direct constructive feedback in " + std::to_string(policy.feedback_window_days) + " days");
  if (fb.indirect_only) signal(SignalId::indirect_feedback_only, "all recent feedback came indirectly");
  trace("F3", "ok", {{"feedback", static_cast<std::int64_t>(fb.count)}});
  const bool irregular = f4_no_regular_checkins(last, as_of, policy);
  if (irregular)
    signal(SignalId::no_regular_checkins, last ? "last manager check-in on " + format_date(*f.last_checkin)
                                               : "no manager check-in yet");
  if (f.overdue_days > 0)
    signal(SignalId::checkin_overdue, "check-in due " + format_date(f.next_due) + ", " +
                                          std::to_string(f.overdue_days) + " days overdue");
  trace("F4", irregular ? "irregular" : "regular", {});
  f.agenda = f5_agenda(plan.milestones, statuses, r.gaps, r.expectations, last, f.next_due, policy,
                       r.move.gate.value_or(Gate::open));
  trace("F5", std::to_string(f.agenda.size()) + " items", {});

  sort_signals(r.signals);
  // The framework's unknown members first, then the case's, at most 100; in
  // both versions (a /1 report's JSON does not show them, its other
  // surfaces do).
  for (const auto& path : fw.unknown_members)
    if (r.warnings.size() < kMaxWarnings) r.warnings.push_back({"framework", path});
  for (const auto& path : c.unknown_members)
    if (r.warnings.size() < kMaxWarnings) r.warnings.push_back({"case", path});
  return r;
}

}  // namespace rung
