// SPDX-License-Identifier: MIT
// Vocabulary types: the framework and case documents (docs/documents.md) as plain
// structs. The JSON mapping lives in src/json; rules never see JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rung/date.hpp"
#include "rung/id_set.hpp"

namespace rung {

/// Text of a case: a view into the case document, which outlives the
/// evaluation (ids, titles, notes). Frameworks own their strings.
using Text = std::string_view;

/// A proficiency: an index into the framework's `scale`.
using Proficiency = int;

enum class Rater { self, manager, stakeholder };

/// Ordered: private < manager < stakeholders < decision_makers.
enum class Visibility { private_, manager, stakeholders, decision_makers };

enum class FeedbackKind { constructive, praise, generic };
enum class Channel { direct, indirect };

/// Policy `agreed_rating` (R3).
enum class AgreedRating { manager, calibrated };

/// Policy `credit` (T2 in /2): how an expectation with criteria counts when
/// only some of them are shown.
enum class Credit { all_or_nothing, partial };

/// A level's `gate` (/2): how a move into it is decided.
enum class Gate { open, application, vacancy };

/// The policy (docs/documents.md); every member has its documented default.
struct Policy {
  double coverage_min = 0.8;
  double close_margin = 0.15;
  double current_min = 1.0;
  std::vector<std::string> review_scale{"below", "partially", "meets", "exceeds", "outstanding"};
  int review_min = 2;  ///< index into review_scale ("meets")
  AgreedRating agreed_rating = AgreedRating::manager;
  int assessment_window_days = 365;
  int evidence_min = 1;
  int evidence_window_days = 365;
  Visibility evidence_visibility_min = Visibility::manager;
  int disagreement_delta = 1;
  int min_months_in_level = 0;
  int plan_lead_days = 182;
  int max_goals = 3;
  bool require_alignment = true;
  int cadence_days = 30;
  int stale_days = 45;
  int feedback_window_days = 90;
  int schedule_max = 24;
  // Accepted by both versions; they act on /2 frameworks only.
  Credit credit = Credit::all_or_nothing;
  double criteria_min = 1.0;
  int sustained_days = 0;  ///< T5; 0: off
  int anonymity_min = 3;   ///< R2 in /2: distinct stakeholder raters before their median shows
};

struct Competency {
  std::string id;
  std::string name;
  std::string category;
};

/// One observable statement of a competency at a level (/2).
struct Criterion {
  std::string id;
  std::string text;
  double weight = 1.0;
};

/// What a level expects of one competency.
struct Expectation {
  std::string competency;
  std::size_t competency_index = 0;  ///< into Framework::competencies
  Proficiency level = 0;
  double weight = 1.0;
  bool critical = false;
  std::string description;
  std::vector<Criterion> criteria;  ///< /2; empty: the competency alone is evidenced
  std::size_t first_criterion = 0;  ///< index of criteria[0] in Framework::criteria
};

struct Level {
  std::string id;
  std::string name;
  std::vector<std::string> tracks;  ///< /1: the one `track`
  std::int64_t rank = 0;
  Gate gate = Gate::open;
  std::vector<Expectation> expectations;

  bool on_track(std::string_view track) const {
    for (const auto& t : tracks)
      if (t == track) return true;
    return false;
  }
};

/// A track and its levels, lowest rank first (a level shared by several
/// tracks is on each of them).
struct Track {
  std::string id;
  std::vector<std::size_t> levels;  ///< indexes into Framework::levels
};

/// Where a criterion sits: Framework::levels[level].expectations[expectation].criteria[index].
struct CriterionRef {
  std::size_t level = 0, expectation = 0, index = 0;
};

/// A promotion cycle: decisions are taken on `decision`.
struct Cycle {
  std::string id;
  Date decision;
  Date effective;
};

struct Calendar {
  std::vector<Cycle> cycles;  ///< sorted by decision date, ties in list order
  BusinessCalendar business;
};

/// One organisation's framework, indexed once when loaded.
struct Framework {
  int version = 1;  ///< rung.framework/1 or /2: it decides the rules and the report
  std::string id;
  std::string name;
  std::vector<std::string> scale;
  std::vector<Competency> competencies;
  std::vector<Level> levels;
  Policy policy;
  Calendar calendar;

  std::vector<CriterionRef> criteria;  ///< every criterion, in framework order
  std::vector<Track> tracks;           ///< in the order they first appear

  IdIndex competency_index;
  IdIndex level_index;
  IdIndex cycle_index;      ///< into calendar.cycles
  IdIndex criterion_index;  ///< into criteria
  IdIndex track_index;      ///< into tracks
  std::vector<std::string> unknown_members;  ///< paths of members the contract does not name, in text order, at most 100

  const Level* find_level(std::string_view id) const {
    auto it = level_index.find(id);
    return it == level_index.end() ? nullptr : &levels[it->second];
  }
};

// ---------------------------------------------------------------- case

struct Review {
  int rating = 0;  ///< index into Policy::review_scale
  Date date;
};

struct Employee {
  Text id;
  Text level;
  std::optional<Text> track;  ///< /2
  Text name;                  ///< /2, for people's outputs only
  std::optional<Text> target;
  std::optional<Date> in_level_since;
  std::optional<Review> last_review;
  Text motivation;
};

struct Assessment {
  std::size_t competency = 0;  ///< index into Framework::competencies
  Rater rater = Rater::self;
  Text rater_id;  ///< stakeholders only
  Proficiency level = 0;
  Date date;
};

struct Evidence {
  Text id;
  Text title;
  Text link;
  Date date;
  std::vector<std::size_t> competencies;  ///< indexes, as listed
  std::vector<std::size_t> criteria;      ///< /2: indexes into Framework::criteria, as listed
  Visibility visibility = Visibility::private_;
};

enum class HorizonUnit { days, weeks, months, years };

/// A goal's horizon: `30d`, `12w`, `6m`, `1y` (P6).
struct Horizon {
  int count = 0;
  HorizonUnit unit = HorizonUnit::days;
};

struct Goal {
  Text id;
  Text title;
  std::optional<Horizon> horizon;
  std::vector<Text> objectives;
};

struct Progress {
  Date date;
  double value = 0.0;
};

struct Milestone {
  Text id;
  Text goal;
  std::size_t goal_index = 0;  ///< with a goal: its index in Plan::goals (compile sets it)
  std::vector<std::size_t> addresses;  ///< competency indexes
  std::vector<std::size_t> addresses_criteria;  ///< /2: indexes into Framework::criteria
  Text action;
  Text metric;
  Text success_criteria;
  std::optional<Date> created;
  std::optional<Date> deadline;
  std::vector<Progress> progress;  ///< case order
  bool done = false;
};

struct Plan {
  std::optional<Date> agreed_on;
  std::optional<std::size_t> target_cycle;  ///< index into Calendar::cycles
  std::vector<Goal> goals;
  std::vector<Milestone> milestones;
};

struct Feedback {
  Date date;
  FeedbackKind kind = FeedbackKind::generic;
  Channel channel = Channel::direct;
};

struct Blocker {
  Text text;
  bool resolved = false;
};

struct Checkin {
  Date date;
  Text with;
  std::vector<Feedback> feedback;  ///< dated as the check-in
  std::vector<Blocker> blockers;

  bool with_manager() const { return with == "manager"; }
};

/// One employee's case, resolved against a framework.
struct Case {
  int version = 1;  ///< rung.case/1 or /2
  Date as_of;
  Employee employee;
  std::size_t level = 0;                ///< index of employee.level in Framework::levels
  std::optional<std::size_t> target;    ///< the target level; none: no_target
  std::vector<std::string> tracks;      ///< M1: the employee's tracks
  std::vector<std::size_t> candidates;  ///< M1: levels tied for the automatic target (choose_track)
  std::vector<Assessment> assessments;
  std::vector<Evidence> evidence;
  Plan plan;
  std::vector<Checkin> checkins;
  std::vector<Feedback> feedback;  ///< the top-level list
  std::vector<std::string> unknown_members;  ///< paths of members the contract does not name, in text order, at most 100
};

}  // namespace rung
