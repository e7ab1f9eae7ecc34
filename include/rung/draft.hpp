// SPDX-License-Identifier: MIT
// Drafts: what a reader (JSON /1 or /2 today, other formats later) makes of
// a framework or case document before anything is resolved. A reader checks
// each value on its own (types, dates, labels, ranges, members that go
// together) and a case's ids for duplicates; `compile` and `resolve`
// (compile.hpp) check everything that needs another part of the documents
// (references, the framework's duplicates, the scale, the move) and build
// the model. A case's lists go from the draft to the model as they are,
// their references kept beside them.
//
// The first error in document order wins, whoever finds it. So a reader
// numbers the values it reads (`Mark`), stops at its first error and keeps
// it with its mark; the draft it hands over holds what came before. The
// compile step checks in document order and reports the reader's error as
// soon as it reaches a value marked after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rung/error.hpp"
#include "rung/id_set.hpp"
#include "rung/types.hpp"

namespace rung {

/// How many values the reader had begun when it read a value (or when a
/// check on a whole object falls due): document order.
using Mark = std::uint32_t;

/// What a compile-time error points at, in the draft's own terms; the
/// reader that made the draft turns it into a path in its document.
enum class Field {
  // framework
  scale,                   // the scale as a whole
  scale_label,             // i
  competency_id,           // i
  level_id,                // i
  level_rank,              // i
  expectation_competency,  // level i, expectation j
  expectation_level,       // level i, expectation j
  criterion_id,            // level i, expectation j, criterion k
  review_min,
  cycle_id,  // i
  // case
  schema,
  employee_level,
  employee_track,
  employee_target,
  review_rating,
  assessment_competency,  // i
  assessment_level,       // i
  evidence_competency,    // item i, j
  evidence_criterion,     // item i, j
  target_cycle,
  milestone_goal,     // i
  milestone_address,  // milestone i, j
};

/// A mark never reached: a value the reader did not get to (it stopped
/// first) comes after any error it stopped at.
inline constexpr Mark kNotReached = ~Mark{0};

/// Where in its document a value was: its mark and its indexes.
struct Source {
  Mark mark = kNotReached;
  std::uint32_t i = 0, j = 0, k = 0;
};

/// A reader's way back from a Field and a Source to a path in its document
/// (for JSON: an RFC 6901 JSON Pointer).
struct Locator {
  virtual ~Locator() = default;
  virtual std::string path(Field field, const Source& at) const = 0;
};

/// A value from the document and where it was.
template <class T>
struct At {
  T value{};
  Source at;
};

/// A proficiency as written: a label (resolved against the scale) or an
/// integer (checked against it).
struct ProficiencyDraft {
  std::optional<std::string_view> label;
  std::int64_t number = 0;  ///< INT64_MAX: out of range whatever the scale
};

/// What the reader stopped at, and where.
struct ReaderStop {
  InputError error;
  Mark mark = 0;
};

// ------------------------------------------------------------ framework

struct CriterionDraft {
  At<std::string> id;
  std::string text;
  double weight = 1.0;
};

struct ExpectationDraft {
  At<std::string> competency;
  At<ProficiencyDraft> level;
  double weight = 1.0;
  bool critical = false;
  std::string description;
  std::vector<CriterionDraft> criteria;
};

struct LevelDraft {
  At<std::string> id;
  std::string name;
  std::vector<std::string> tracks;  ///< distinct (the reader checks)
  At<std::int64_t> rank;
  Gate gate = Gate::open;
  std::vector<ExpectationDraft> expectations;
};

struct CycleDraft {
  At<std::string> id;
  Date decision;
  std::optional<Date> effective;
};

struct FrameworkDraft {
  int version = 1;
  std::string id;
  std::string name;
  std::vector<At<std::string>> scale;
  Mark scale_end = kNotReached;  ///< after the last label: the size check falls due
  std::vector<At<std::string>> competencies;  ///< ids
  std::vector<Competency> competency_texts;   ///< name and category, in the same order
  std::vector<LevelDraft> levels;
  Policy policy;                            ///< with review_min unresolved
  At<std::string> review_min{"meets", {}};  ///< its mark: the end of the policy
  std::vector<CycleDraft> cycles;
  bool cycles_listed = false;  ///< `cycles` was given (even empty)
  std::optional<std::pair<int, Date>> every;  ///< every_months, first_decision
  int effective_after_days = 0;
  BusinessCalendar business;
  std::vector<std::string> unknown_members;  ///< warnings: paths of members the contract does not name
  std::optional<ReaderStop> stop;
  const Locator* locator = nullptr;
};

// ------------------------------------------------------------ case

/// What compile resolves of an assessment; the rest is already in
/// CaseDraft::assessments, which becomes the case's list as it is.
struct AssessmentRefs {
  At<Text> competency;
  At<ProficiencyDraft> level;
};

/// References of one item, as a range of CaseDraft::refs: one list for the
/// whole case rather than a list an item (a case may hold 100,000 items).
struct Refs {
  std::uint32_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};

/// What compile resolves of an evidence item; the rest is already in
/// CaseDraft::evidence, which becomes the case's list as it is.
struct EvidenceRefs {
  Source at;  ///< of its id
  Refs competencies;
  Refs criteria;
};

/// What compile resolves of a milestone (its goal and what it addresses).
struct MilestoneRefs {
  std::optional<Source> goal;
  Refs addresses;
};

struct CaseDraft {
  At<int> version{1, {}};
  Date as_of;
  Text employee_id;
  At<Text> level;
  std::optional<At<Text>> track;
  Text name;
  std::optional<At<Text>> target;
  std::optional<Date> in_level_since;
  std::optional<At<Text>> review_rating;
  Date review_date;
  Text motivation;
  std::vector<Assessment> assessments;          ///< without competency and level yet
  std::vector<AssessmentRefs> assessment_refs;  ///< the same items' references
  std::vector<Evidence> evidence;          ///< without competencies and criteria yet
  std::vector<EvidenceRefs> evidence_refs;  ///< the same items' references
  std::optional<Date> agreed_on;
  std::optional<At<Text>> target_cycle;
  std::vector<Goal> goals;
  std::vector<Milestone> milestones;  ///< without what they address yet
  std::vector<MilestoneRefs> milestone_refs;
  std::vector<At<Text>> refs;  ///< the competency, criterion and address references of every item, in order
  IdMap<std::size_t> goal_ids;  ///< each goal's index by id (the reader checks them distinct, as those of evidence and milestones)
  std::vector<Checkin> checkins;
  std::vector<Feedback> feedback;
  std::vector<std::string> unknown_members;  ///< warnings: paths of members the contract does not name
  std::optional<ReaderStop> stop;
  const Locator* locator = nullptr;
};

}  // namespace rung
