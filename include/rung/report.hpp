// SPDX-License-Identifier: MIT
// The report (rung.report/1 and /2, docs/documents.md) as plain structs, filled by the rule families and
// written to JSON by src/json/encode.cpp in the schemas' member order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "rung/date.hpp"
#include "rung/types.hpp"

namespace rung {

enum class MoveKind { promotion, sideways };

struct Move {
  std::string from;
  std::optional<std::string> to;     ///< null with no_target
  std::optional<MoveKind> kind;      ///< null with no_target
  std::optional<Gate> gate;          ///< /2: the target's gate; null with no_target
};

enum class Verdict { ready, close, not_ready, blocked, no_target };

/// T2 statuses (T5's `emerging` in /2); also the `kind` of a G1 gap.
enum class Status { met, evidence_gap, skill_gap, unassessed, emerging };

/// G2 flags, in the order they are listed.
enum class Flag { blind_spot, disagreement, hidden_strength, stakeholder_divergence, not_visible };

/// R1-R3 for one competency.
struct Ratings {
  std::optional<int> self;
  std::optional<int> manager;
  std::optional<int> stakeholders;
  std::optional<int> agreed;
  int stakeholder_raters = 0;  ///< distinct stakeholders in R1's window (/2 shows it)
};

/// T2 in /2: one criterion of a target expectation.
struct CriterionResult {
  std::string id;
  std::size_t index = 0;  ///< into Framework::criteria
  int evidence = 0;
  std::vector<std::string> evidence_ids;
  bool met = false;
};

/// Evidence dated up to as_of that names an expectation (its competency or,
/// in /2, one of its criteria) but did not count, and why: shared too
/// narrowly (inside the window), or older than the window. The counts are
/// the /2 report's `uncounted`; the items (indexes into the case's
/// evidence, in case order) are for people's outputs, which say what would
/// make them count. Filled in both versions; only /2 reports write it.
struct Uncounted {
  int below_visibility = 0;
  int outside_window = 0;
  std::vector<std::size_t> below_visibility_items;
  std::vector<std::size_t> outside_window_items;
};

/// One target expectation, as assessed (T2, G2).
struct ExpectationResult {
  std::size_t expectation = 0;  ///< its key: the index in the target level's expectations
  std::string competency;
  std::size_t competency_index = 0;
  int level = 0;
  double weight = 1.0;
  bool critical = false;
  Ratings ratings;
  int evidence = 0;
  std::vector<std::string> evidence_ids;
  std::vector<std::size_t> evidence_items;  ///< the same items, as indexes into the case's evidence
  Uncounted uncounted;                      ///< written in /2 reports
  std::vector<CriterionResult> criteria;    ///< /2, framework order; empty without criteria
  std::optional<double> criteria_met;       ///< /2: weight share of met criteria; null without criteria
  double credit = 0.0;                      ///< /2: what it adds to coverage, per unit of weight
  std::optional<Date> sustained_since;      ///< /2, T5
  Status status = Status::unassessed;
  std::vector<Flag> flags;
  bool stakeholder_visible = false;  ///< some counted evidence is seen by stakeholders or up
};

/// G1.
struct Gap {
  std::size_t expectation = 0;  ///< the key of its expectation (ExpectationResult::expectation)
  std::string competency;
  std::size_t competency_index = 0;
  Status kind = Status::unassessed;
  int size = 1;
  double priority = 0.0;
  bool critical = false;
  bool addressed = false;
  std::vector<std::string> criteria;        ///< /2: its expectation's criteria not met, framework order
  std::vector<std::size_t> criteria_index;  ///< the same, as indexes into Framework::criteria
  std::optional<Date> emerging_until;       ///< /2: an emerging gap closes by itself on this date (T5)
};

/// Signal ids (docs/rules.md); the enum order is the report order.
enum class SignalId {
  skip_level,
  track_change,
  choose_track,  ///< /2
  gated_move,    ///< /2
  no_goals,
  too_many_goals,
  no_long_term_goal,
  no_short_term_step,
  plan_not_agreed,
  late_start,
  checkin_overdue,
  no_regular_checkins,
  no_constructive_feedback,
  indirect_feedback_only,
};

enum class Severity { info, warning, critical };

struct Signal {
  SignalId id;
  Severity severity = Severity::info;
  std::string detail;
};

/// L1 facts of one milestone, plus its P2 `missing` fields.
struct MilestoneStatus {
  std::size_t milestone = 0;  ///< its key: the index in the case's plan
  std::string id;
  double progress = 0.0;
  bool overdue = false;
  bool stalled = false;
  std::optional<Date> forecast_finish;
  bool forecast_overflow = false;  ///< the forecast passed 9999-12-31
  bool at_risk = false;
  std::vector<std::string> missing;
};

struct PlanReport {
  int goals = 0;
  std::vector<std::string> unaligned_goals;
  std::vector<std::string> unaddressed_gaps;
  std::vector<MilestoneStatus> milestones;
};

/// L2's reason when projected readiness is null, and L4's causes.
enum class Cause { past, lead_time, time_in_level, readiness, unaddressed_gaps, undated_milestones, current_delivery };

struct RequestedCycle {
  std::string id;
  Date decision;
  bool feasible = false;
  std::vector<Cause> causes;
};

struct Checkpoint {
  int day = 0;
  Date date;
  bool passed = false;
};

struct TimelineReport {
  std::optional<Date> agreed_on;
  std::optional<Date> projected_ready;
  std::optional<Cause> projected_reason;
  std::optional<Date> earliest_eligible;
  std::optional<std::string> target_cycle;
  std::optional<Date> target_decision;
  std::optional<RequestedCycle> requested_cycle;
  std::vector<Checkpoint> checkpoints;
};

enum class AgendaKind {
  overdue_milestone,
  at_risk_milestone,
  stalled_milestone,
  due_milestone,
  agree_gap,
  unaddressed_gap,
  gate,  ///< /2: the move goes through an application or a vacancy
  blocker,
  ask_feedback,
  offer_feedback,
};

struct AgendaItem {
  AgendaKind kind;
  std::optional<std::string> ref;
  std::size_t milestone = 0;  ///< milestone kinds: the index of `ref` in the case's milestones
};

struct FollowupReport {
  std::optional<Date> last_checkin;
  Date next_due;
  std::int64_t overdue_days = 0;
  std::vector<Date> schedule;
  std::vector<AgendaItem> agenda;
};

/// A value in a trace entry's facts.
using Fact = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string>;

/// What one rule decided and from which facts (the report's `trace`).
struct TraceEntry {
  std::string rule;
  std::string outcome;
  std::vector<std::pair<std::string_view, Fact>> facts;  ///< keys are the rules' literals
};

inline Fact date_fact(const std::optional<Date>& d) {
  if (!d) return nullptr;
  return format_date(*d);
}

/// `current`: why T1 passed or failed (written in /2 reports; filled in
/// both versions for people's outputs).
struct CurrentReview {
  std::string rating;
  Date date;
  bool counted = false;
  bool below_min = false;
};
/// A current-level expectation not delivered: its index in the current
/// level's expectations and its agreed rating (none: not rated).
struct Shortfall {
  std::size_t expectation = 0;
  std::optional<int> agreed;
};
struct CurrentReport {
  std::string level;
  std::vector<std::string> failed;
  std::vector<Shortfall> shortfalls;  ///< the same expectations as `failed`, for people's outputs
  std::optional<CurrentReview> review;
};

/// Who a report is shown to (/2; rung/audience.hpp, docs/privacy.md):
/// `full` (everything: the platform's own use), `employee` (their own
/// record), `manager`, `committee` (the people who decide).
enum class Audience { full, employee, manager, committee };

inline const char* name(Audience a) {
  switch (a) {
    case Audience::full: return "full";
    case Audience::employee: return "employee";
    case Audience::manager: return "manager";
    case Audience::committee: return "committee";
  }
  return "";
}

/// `warnings`: a member the contract does not name (code `unknown_member`).
/// A report lists at most kMaxWarnings of them, framework first.
inline constexpr std::size_t kMaxWarnings = 100;
struct Warning {
  std::string document;  ///< "framework" or "case"
  std::string path;
};

struct Report {
  int version = 1;  ///< rung.report/1 or /2 (the framework's version)
  Audience audience = Audience::full;  ///< /2: who it is shown to
  std::string framework;
  std::string employee;
  Date as_of;
  Move move;
  Verdict verdict = Verdict::no_target;
  std::optional<double> coverage;
  std::optional<double> current_coverage;
  std::optional<CurrentReport> current;  ///< written in /2 reports; null with no_target
  std::vector<ExpectationResult> expectations;
  std::vector<Gap> gaps;
  PlanReport plan;
  TimelineReport timeline;
  FollowupReport followup;
  std::vector<Signal> signals;
  std::vector<Warning> warnings;  ///< both versions; only /2 JSON shows them
  std::vector<TraceEntry> trace;
};

// ------------------------------------------------------------ names

inline const char* name(MoveKind k) { return k == MoveKind::promotion ? "promotion" : "sideways"; }

inline const char* name(Gate g) {
  switch (g) {
    case Gate::open: return "open";
    case Gate::application: return "application";
    case Gate::vacancy: return "vacancy";
  }
  return "";
}

inline const char* name(Verdict v) {
  switch (v) {
    case Verdict::ready: return "ready";
    case Verdict::close: return "close";
    case Verdict::not_ready: return "not_ready";
    case Verdict::blocked: return "blocked";
    case Verdict::no_target: return "no_target";
  }
  return "";
}

inline const char* name(Status s) {
  switch (s) {
    case Status::met: return "met";
    case Status::evidence_gap: return "evidence_gap";
    case Status::skill_gap: return "skill_gap";
    case Status::unassessed: return "unassessed";
    case Status::emerging: return "emerging";
  }
  return "";
}

inline const char* name(Flag f) {
  switch (f) {
    case Flag::blind_spot: return "blind_spot";
    case Flag::disagreement: return "disagreement";
    case Flag::hidden_strength: return "hidden_strength";
    case Flag::stakeholder_divergence: return "stakeholder_divergence";
    case Flag::not_visible: return "not_visible";
  }
  return "";
}

inline const char* name(SignalId s) {
  switch (s) {
    case SignalId::skip_level: return "skip_level";
    case SignalId::track_change: return "track_change";
    case SignalId::choose_track: return "choose_track";
    case SignalId::gated_move: return "gated_move";
    case SignalId::no_goals: return "no_goals";
    case SignalId::too_many_goals: return "too_many_goals";
    case SignalId::no_long_term_goal: return "no_long_term_goal";
    case SignalId::no_short_term_step: return "no_short_term_step";
    case SignalId::plan_not_agreed: return "plan_not_agreed";
    case SignalId::late_start: return "late_start";
    case SignalId::checkin_overdue: return "checkin_overdue";
    case SignalId::no_regular_checkins: return "no_regular_checkins";
    case SignalId::no_constructive_feedback: return "no_constructive_feedback";
    case SignalId::indirect_feedback_only: return "indirect_feedback_only";
  }
  return "";
}

inline const char* name(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "";
}

inline const char* name(Cause c) {
  switch (c) {
    case Cause::past: return "past";
    case Cause::lead_time: return "lead_time";
    case Cause::time_in_level: return "time_in_level";
    case Cause::readiness: return "readiness";
    case Cause::unaddressed_gaps: return "unaddressed_gaps";
    case Cause::undated_milestones: return "undated_milestones";
    case Cause::current_delivery: return "current_delivery";
  }
  return "";
}

inline const char* name(AgendaKind k) {
  switch (k) {
    case AgendaKind::overdue_milestone: return "overdue_milestone";
    case AgendaKind::at_risk_milestone: return "at_risk_milestone";
    case AgendaKind::stalled_milestone: return "stalled_milestone";
    case AgendaKind::due_milestone: return "due_milestone";
    case AgendaKind::agree_gap: return "agree_gap";
    case AgendaKind::unaddressed_gap: return "unaddressed_gap";
    case AgendaKind::gate: return "gate";
    case AgendaKind::blocker: return "blocker";
    case AgendaKind::ask_feedback: return "ask_feedback";
    case AgendaKind::offer_feedback: return "offer_feedback";
  }
  return "";
}

}  // namespace rung
