// SPDX-License-Identifier: MIT
#include "json/members.hpp"

#include <span>
#include <string_view>

#include "json/pointer.hpp"

namespace rung::json {

namespace {

/// A member the contract names. `kind` lists the members of the object (or of
/// each object of the array) it holds; empty for a scalar, an array of
/// strings or ids, or `policy`: nothing inside is a member to check.
struct Member {
  std::string_view name;
  int since;                     // the first schema version that names it
  std::span<const Member> kind;  // members of the object(s) inside
  bool array;                    // an array of such objects, not one
};

constexpr Member leaf(std::string_view name, int since = 1) { return {name, since, {}, false}; }
constexpr Member object(std::string_view name, std::span<const Member> kind, int since = 1) {
  return {name, since, kind, false};
}
constexpr Member objects(std::string_view name, std::span<const Member> kind, int since = 1) {
  return {name, since, kind, true};
}

// The schema, innermost kinds first (a kind must be defined before it is
// used). Members are those of the documents of docs/rules.md (versions 1 and 2) and of their
// examples; `since = 2` marks what only /2 names.

// Framework.
constexpr Member kCompetency[] = {leaf("id"), leaf("name"), leaf("category")};
constexpr Member kCriterion[] = {leaf("id"), leaf("text"), leaf("weight")};
constexpr Member kExpectation[] = {leaf("competency"), leaf("level"), leaf("weight"), leaf("critical"),
                                   leaf("description"), objects("criteria", kCriterion, 2)};
// `track` stays valid in /2 (it means `tracks: [track]`).
constexpr Member kLevel[] = {leaf("id"), leaf("name"), leaf("track"), leaf("tracks", 2), leaf("rank"),
                             leaf("gate", 2), objects("expectations", kExpectation)};
constexpr Member kCycle[] = {leaf("id"), leaf("decision"), leaf("effective")};
constexpr Member kCalendar[] = {objects("cycles", kCycle), leaf("every_months"), leaf("first_decision"),
                                leaf("effective_after_days"), leaf("weekend"), leaf("holidays")};
// `policy` is a leaf here: its unknown keys are errors, and its `x-`
// keys in /2 are allowed, both decided by the decoder.
constexpr Member kFramework[] = {leaf("schema"), leaf("id"), leaf("name"), leaf("scale"),
                                 objects("competencies", kCompetency), objects("levels", kLevel),
                                 leaf("policy"), object("calendar", kCalendar)};

// Case.
constexpr Member kReview[] = {leaf("rating"), leaf("date")};
constexpr Member kEmployee[] = {leaf("id"), leaf("name", 2), leaf("level"), leaf("track", 2), leaf("target"),
                                leaf("in_level_since"), object("last_review", kReview), leaf("motivation")};
constexpr Member kAssessment[] = {leaf("competency"), leaf("rater"), leaf("rater_id"), leaf("level"),
                                  leaf("date")};
constexpr Member kEvidence[] = {leaf("id"), leaf("title"), leaf("date"), leaf("competencies"),
                                leaf("criteria", 2), leaf("visibility"), leaf("link")};
constexpr Member kGoal[] = {leaf("id"), leaf("title"), leaf("horizon"), leaf("objectives")};
constexpr Member kProgress[] = {leaf("date"), leaf("value")};
constexpr Member kMilestone[] = {leaf("id"), leaf("goal"), leaf("addresses"), leaf("action"), leaf("metric"),
                                 leaf("success_criteria"), leaf("created"), leaf("deadline"),
                                 objects("progress", kProgress), leaf("done")};
constexpr Member kPlan[] = {leaf("agreed_on"), leaf("target_cycle"), objects("goals", kGoal),
                            objects("milestones", kMilestone)};
// Feedback in a check-in has no `date` of its own: it is the check-in's.
constexpr Member kCheckinFeedback[] = {leaf("kind"), leaf("channel"), leaf("text"), leaf("from")};
constexpr Member kBlocker[] = {leaf("text"), leaf("resolved")};
constexpr Member kCheckin[] = {leaf("date"), leaf("with"), objects("feedback", kCheckinFeedback),
                               objects("blockers", kBlocker)};
constexpr Member kFeedback[] = {leaf("date"), leaf("kind"), leaf("channel"), leaf("text"), leaf("from")};
constexpr Member kCase[] = {leaf("schema"), leaf("as_of"), object("employee", kEmployee),
                            objects("assessments", kAssessment), objects("evidence", kEvidence),
                            object("plan", kPlan), objects("checkins", kCheckin),
                            objects("feedback", kFeedback)};

/// Walks a document along the schema, collecting what the schema lacks.
class Walk {
 public:
  Walk(Document document, int version, std::size_t limit)
      : document_(document), version_(version), limit_(limit) {}

  void object(const Node& o, std::span<const Member> kind) {
    std::size_t hint = 0;  // documents mostly list members in the schema's order
    for (const Node::Member& kv : o) {
      if (full()) return;
      const std::string_view key = kv.key();
      if (key.starts_with("x-")) continue;  // an extension: the platform's data, nothing of ours inside
      const Member* m = find(kind, key, hint);
      if (m && m->kind.empty()) continue;  // a known leaf: nothing inside to check
      const std::size_t depth = path_.size();
      path_.push(key);
      if (m) value(kv.value(), *m);
      else found_.push_back({document_, path_.str()});
      path_.truncate(depth);
    }
  }

  std::vector<UnknownMember> take() { return std::move(found_); }

 private:
  // Only values of the expected type are entered: a wrong type is the
  // decoder's type_error, and its insides mean nothing.
  void value(const Node& v, const Member& m) {
    if (!m.array) {
      if (v.is_object()) object(v, m.kind);
      return;
    }
    if (!v.is_array()) return;
    std::size_t i = 0;
    for (const Node& item : v.items()) {
      if (full()) return;
      if (item.is_object()) {
        const std::size_t depth = path_.size();
        path_.push(i);
        object(item, m.kind);
        path_.truncate(depth);
      }
      ++i;
    }
  }

  // A member of a later version than the document's is unknown to it. The
  // search starts at `hint`, just after the last member found.
  const Member* find(std::span<const Member> kind, std::string_view key, std::size_t& hint) const {
    for (std::size_t n = 0, i = hint; n < kind.size(); ++n, i = i + 1 == kind.size() ? 0 : i + 1) {
      if (!same_name(kind[i].name, key)) continue;
      hint = i + 1 == kind.size() ? 0 : i + 1;
      return kind[i].since <= version_ ? &kind[i] : nullptr;
    }
    return nullptr;
  }

  bool full() const { return found_.size() >= limit_; }

  Document document_;
  int version_;
  std::size_t limit_;
  Pointer path_;  // the schema nests 6 tokens at most, far below Pointer's bound
  std::vector<UnknownMember> found_;
};

}  // namespace

std::vector<UnknownMember> unknown_members(const Node& doc, Document which, int version, std::size_t limit) {
  if (!doc.is_object()) return {};
  Walk walk(which, version, limit);
  walk.object(doc, which == Document::framework ? std::span<const Member>(kFramework)
                                                  : std::span<const Member>(kCase));
  return walk.take();
}

}  // namespace rung::json
