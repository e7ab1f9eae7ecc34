// SPDX-License-Identifier: MIT
#include "json/read.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "json/members.hpp"
#include "json/pointer.hpp"
#include "rung/id_set.hpp"
#include "rung/plan.hpp"

namespace rung::json {


std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (static_cast<unsigned>(s[i] - '0') > 9) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1900 || y > 9000 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                  static_cast<unsigned short>(m)))
    return std::nullopt;
  // Days since 1900-01-01 (H. Hinnant's days_from_civil), added to that
  // date: the same Date as Boost's (year, month, day) constructor, without
  // its checks made again.
  const int yy = y - (m <= 2);
  const int era = yy / 400, yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  constexpr int kDays1900 = 693901;  // era * 146097 + doe of 1900-01-01
  static const Date epoch(1900, 1, 1);
  return epoch + boost::gregorian::days(era * 146097 + doe - kDays1900);
}

namespace {

/// Thrown inside the reader only: where it stops, with the mark it had.
struct Failure {
  InputError error;
  Mark mark;
};

const char* kind_name(const Node& v) {
  switch (v.kind()) {
    case Kind::null: return "null";
    case Kind::bool_: return "a boolean";
    case Kind::int64:
    case Kind::uint64: return "an integer";
    case Kind::double_: return "a number";
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "a value";
}

/// Walks one document, keeping the JSON Pointer of where it is.
class Walker {
 public:
  explicit Walker(Document doc) : doc_(doc) {}

  [[noreturn]] void fail(ErrorCode code, std::string message) const {
    throw Failure{InputError{doc_, code, path_.str(), std::move(message)}, count_};
  }

  /// Document order: how many members and items have been entered so far.
  Mark mark() const { return count_; }

  /// Members asked for by name, each counted once.
  std::size_t looked_up() const { return looked_up_; }

  /// Enters a member or an item for the scope's lifetime.
  class Scope {
   public:
    Scope(Walker& w, std::size_t len) : w_(w), len_(len) {}
    ~Scope() { w_.path_.truncate(len_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Walker& w_;
    std::size_t len_;
  };
  [[nodiscard]] Scope at(std::string_view key) {
    const std::size_t len = path_.size();
    path_.push(key);
    ++count_;
    return Scope(*this, len);
  }
  [[nodiscard]] Scope at(std::size_t index) {
    const std::size_t len = path_.size();
    path_.push(index);
    ++count_;
    return Scope(*this, len);
  }

  // ---- types of the value at the current path
  const Node& object(const Node& v) const {
    if (!v.is_object()) fail(ErrorCode::type_error, std::string("expected an object, found ") + kind_name(v));
    return v;
  }
  const Node& array(const Node& v) const {
    if (!v.is_array()) fail(ErrorCode::type_error, std::string("expected an array, found ") + kind_name(v));
    return v;
  }
  std::string_view string(const Node& v) const {
    if (!v.is_string()) fail(ErrorCode::type_error, std::string("expected a string, found ") + kind_name(v));
    return v.get_string();
  }
  bool boolean(const Node& v) const {
    if (!v.is_bool()) fail(ErrorCode::type_error, std::string("expected a boolean, found ") + kind_name(v));
    return v.get_bool();
  }
  /// An integer in [lo, hi]: `2.0` is a type_error, out of range an invalid_value.
  std::int64_t integer(const Node& v, std::int64_t lo, std::int64_t hi) const {
    std::int64_t i = 0;
    if (v.is_int64()) {
      i = v.get_int64();
    } else if (v.is_uint64()) {
      fail(ErrorCode::invalid_value, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    } else {
      fail(ErrorCode::type_error, std::string("expected an integer, found ") + kind_name(v));
    }
    if (i < lo || i > hi)
      fail(ErrorCode::invalid_value, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return i;
  }
  /// Any JSON number.
  double number(const Node& v) const {
    if (v.is_double()) return v.get_double();
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    fail(ErrorCode::type_error, std::string("expected a number, found ") + kind_name(v));
  }
  double share(const Node& v) const {
    const double d = number(v);
    if (!(d >= 0.0 && d <= 1.0)) fail(ErrorCode::invalid_value, "must be a number from 0 to 1");
    return d;
  }
  Date date(const Node& v) const {
    const auto s = string(v);
    const auto d = parse_date(s);
    if (!d) fail(ErrorCode::invalid_date, "expected a date YYYY-MM-DD from 1900-01-01 to 9000-12-31");
    return *d;
  }
  /// Looks up a label in `labels`; fails with invalid_value.
  template <std::size_t N>
  std::size_t choice(const Node& v, const std::array<std::string_view, N>& labels) const {
    const auto s = string(v);
    for (std::size_t i = 0; i < N; ++i)
      if (same_name(s, labels[i])) return i;
    std::string message = "must be one of";
    for (std::size_t i = 0; i < N; ++i) message += std::string(i ? ", " : " ") + std::string(labels[i]);
    fail(ErrorCode::invalid_value, message);
  }

  // ---- members: `null` on an optional member means absent
  const Node* optional(const Node& o, std::string_view key) const {
    const Node* v = member(o, key);
    return v && !v->is_null() ? v : nullptr;
  }
  const Node& required(const Node& o, std::string_view key) {
    const Node* v = member(o, key);
    auto scope = at(key);
    if (!v) fail(ErrorCode::missing_field, "missing member \"" + std::string(key) + "\"");
    if (v->is_null()) fail(ErrorCode::type_error, "required member \"" + std::string(key) + "\" is null");
    return *v;
  }

  // ---- common shapes
  /// The number of items of the array member `key` (0 when absent or not an array).
  std::size_t size_of(const Node& o, std::string_view key) const {
    const Node* v = optional(o, key);
    return v && v->is_array() ? v->size() : 0;
  }

  /// Calls `f(item, i)` for each item of the array `v` (at the current
  /// path), each item entered as it is read.
  template <class F>
  void items(const Node& v, F&& f) {
    std::size_t i = 0;
    for (const Node& item : array(v).items()) {
      auto scope = at(i);
      f(item, i++);
    }
  }
  template <class F>
  void each(const Node& o, std::string_view key, F&& f) {
    const Node* v = optional(o, key);
    if (!v) return;
    auto scope = at(key);
    items(*v, f);
  }
  template <class F>
  void each_required(const Node& o, std::string_view key, F&& f) {
    const Node& v = required(o, key);
    auto scope = at(key);
    items(v, f);
  }
  /// Views into the document: they live as long as it does.
  std::string_view required_string(const Node& o, std::string_view key) {
    const Node& v = required(o, key);
    auto scope = at(key);
    return string(v);
  }
  std::string_view optional_string(const Node& o, std::string_view key) {
    const Node* v = optional(o, key);
    if (!v) return {};
    auto scope = at(key);
    return string(*v);
  }
  Date required_date(const Node& o, std::string_view key) {
    const Node& v = required(o, key);
    auto scope = at(key);
    return date(v);
  }
  std::optional<Date> optional_date(const Node& o, std::string_view key) {
    const Node* v = optional(o, key);
    if (!v) return std::nullopt;
    auto scope = at(key);
    return date(*v);
  }
  bool optional_bool(const Node& o, std::string_view key, bool fallback) {
    const Node* v = optional(o, key);
    if (!v) return fallback;
    auto scope = at(key);
    return boolean(*v);
  }
  /// Checks `schema` first: a document of another kind says so at once.
  /// Returns the version: 1 for `KIND/1`, 2 for `KIND/2`.
  int schema(const Node& root, std::string_view kind, int max) {
    const Node& v = required(root, "schema");
    auto scope = at("schema");
    const std::string_view s = string(v);
    for (int version = 1; version <= max; ++version)
      if (s == std::string(kind) + "/" + std::to_string(version)) return version;
    fail(ErrorCode::invalid_value, "expected schema " + quoted(std::string(kind) + "/1") +
                                       (max >= 2 ? " or " + quoted(std::string(kind) + "/2") : std::string()));
  }

 private:
  /// The member `key` of `o`, or null. The readers ask for an object's
  /// members in the order documents usually list them (sometimes one twice
  /// in a row), so the search starts at the member found last (keys are
  /// unique: the parser merges repeated ones).
  const Node* member(const Node& o, std::string_view key) const {
    if (&o == last_object_ && same_name(last_.key(), key)) return &last_.value();  // asked again
    const Node::Member end = *o.end();
    const Node::Member from = &o == last_object_ ? last_.next() : *o.begin();
    for (Node::Member m = from; m != end; m = m.next())
      if (same_name(m.key(), key)) return found(o, m);
    for (Node::Member m = *o.begin(); m != from; m = m.next())
      if (same_name(m.key(), key)) return found(o, m);
    return nullptr;
  }
  const Node* found(const Node& o, Node::Member m) const {
    if (m.key_node()->mark_looked_up()) ++looked_up_;
    last_object_ = &o;
    last_ = m;
    return &m.value();
  }

  Document doc_;
  Pointer path_;
  mutable std::size_t looked_up_ = 0;
  Mark count_ = 0;
  mutable const Node* last_object_ = nullptr;  // member(): where the last search ended
  mutable Node::Member last_{nullptr};  // and the member it found
};

/// A proficiency as written: a label or an integer (the scale decides later).
ProficiencyDraft proficiency(const Walker& w, const Node& v) {
  ProficiencyDraft p;
  if (v.is_string()) {
    p.label = w.string(v);
  } else if (v.is_int64()) {
    p.number = v.get_int64();
  } else if (v.is_uint64()) {
    p.number = std::numeric_limits<std::int64_t>::max();  // out of any scale
  } else {
    w.fail(ErrorCode::type_error, std::string("expected a proficiency (integer or label), found ") + kind_name(v));
  }
  return p;
}

constexpr std::array<std::string_view, 3> kRaters{"self", "manager", "stakeholder"};
constexpr std::array<std::string_view, 4> kVisibilities{"private", "manager", "stakeholders", "decision_makers"};
constexpr std::array<std::string_view, 3> kFeedbackKinds{"constructive", "praise", "generic"};
constexpr std::array<std::string_view, 2> kChannels{"direct", "indirect"};
constexpr std::array<std::string_view, 2> kAgreedRatings{"manager", "calibrated"};
constexpr std::array<std::string_view, 2> kCredits{"all_or_nothing", "partial"};
constexpr std::array<std::string_view, 3> kGates{"open", "application", "vacancy"};
// Boost's day_of_week numbering: 0 = Sunday.
constexpr std::array<std::string_view, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

constexpr std::int64_t kMaxDays = 36500;
constexpr std::int64_t kMaxCount = 1000000;
constexpr std::int64_t kMaxRank = 1000000000;

std::uint32_t u32(std::size_t i) { return static_cast<std::uint32_t>(i); }

/// The JSON Pointer of each Field: the same for /1 and /2 documents.
class JsonLocator final : public Locator {
 public:
  std::string path(Field field, const Source& s) const override {
    const auto n = [](std::uint32_t i) { return std::to_string(i); };
    switch (field) {
      case Field::scale: return "/scale";
      case Field::scale_label: return "/scale/" + n(s.i);
      case Field::competency_id: return "/competencies/" + n(s.i) + "/id";
      case Field::level_id: return "/levels/" + n(s.i) + "/id";
      case Field::level_rank: return "/levels/" + n(s.i) + "/rank";
      case Field::expectation_competency: return "/levels/" + n(s.i) + "/expectations/" + n(s.j) + "/competency";
      case Field::expectation_level: return "/levels/" + n(s.i) + "/expectations/" + n(s.j) + "/level";
      case Field::criterion_id:
        return "/levels/" + n(s.i) + "/expectations/" + n(s.j) + "/criteria/" + n(s.k) + "/id";
      case Field::review_min: return "/policy/review_min";
      case Field::cycle_id: return "/calendar/cycles/" + n(s.i) + "/id";
      case Field::schema: return "/schema";
      case Field::employee_level: return "/employee/level";
      case Field::employee_track: return "/employee/track";
      case Field::employee_target: return "/employee/target";
      case Field::review_rating: return "/employee/last_review/rating";
      case Field::assessment_competency: return "/assessments/" + n(s.i) + "/competency";
      case Field::assessment_level: return "/assessments/" + n(s.i) + "/level";
      case Field::evidence_competency: return "/evidence/" + n(s.i) + "/competencies/" + n(s.j);
      case Field::evidence_criterion: return "/evidence/" + n(s.i) + "/criteria/" + n(s.j);
      case Field::target_cycle: return "/plan/target_cycle";
      case Field::milestone_goal: return "/plan/milestones/" + n(s.i) + "/goal";
      case Field::milestone_address: return "/plan/milestones/" + n(s.i) + "/addresses/" + n(s.j);
    }
    return "";
  }
};

const JsonLocator kLocator;

// ------------------------------------------------------------ framework

class FrameworkReader {
 public:
  explicit FrameworkReader(FrameworkDraft& d) : d_(d) {}

  void run(const Node& doc) {
    const Node& root = w_.object(doc);
    d_.version = w_.schema(root, "rung.framework", 2);
    d_.id = w_.required_string(root, "id");
    d_.name = w_.optional_string(root, "name");
    w_.each_required(root, "scale", [&](const Node& v, std::size_t i) {
      d_.scale.push_back({std::string(w_.string(v)), {w_.mark(), u32(i)}});
    });
    d_.scale_end = w_.mark();
    w_.each_required(root, "competencies", [&](const Node& v, std::size_t i) {
      const Node& o = w_.object(v);
      d_.competencies.emplace_back();
      d_.competencies.back() = {std::string(w_.required_string(o, "id")), {w_.mark(), u32(i)}};
      Competency& c = d_.competency_texts.emplace_back();
      c.name = w_.optional_string(o, "name");
      c.category = w_.optional_string(o, "category");
    });
    w_.each_required(root, "levels", [&](const Node& v, std::size_t i) { level(w_.object(v), i); });
    if (const Node* p = w_.optional(root, "policy")) {
      auto scope = w_.at("policy");
      policy(w_.object(*p));
    }
    d_.review_min.at.mark = w_.mark();  // checked against review_scale once the policy is read
    if (const Node* c = w_.optional(root, "calendar")) {
      auto scope = w_.at("calendar");
      calendar(w_.object(*c));
    }
  }

 private:
  void level(const Node& o, std::size_t i) {
    LevelDraft& l = d_.levels.emplace_back();
    l.id = {std::string(w_.required_string(o, "id")), {w_.mark(), u32(i)}};
    l.name = w_.optional_string(o, "name");
    if (d_.version == 1) l.tracks.emplace_back(w_.required_string(o, "track"));
    else tracks(o, l);
    {
      const Node& rank = w_.required(o, "rank");
      auto scope = w_.at("rank");
      l.rank = {w_.integer(rank, -kMaxRank, kMaxRank), {w_.mark(), u32(i)}};
    }
    if (d_.version >= 2)
      if (const Node* g = w_.optional(o, "gate")) {
        auto scope = w_.at("gate");
        l.gate = static_cast<Gate>(w_.choice(*g, kGates));
      }
    w_.each_required(o, "expectations", [&](const Node& ev, std::size_t j) {
      const Node& eo = w_.object(ev);
      ExpectationDraft& x = l.expectations.emplace_back();
      x.competency = {std::string(w_.required_string(eo, "competency")), {w_.mark(), u32(i), u32(j)}};
      {
        const Node& lv = w_.required(eo, "level");
        auto scope = w_.at("level");
        x.level = {proficiency(w_, lv), {w_.mark(), u32(i), u32(j)}};
      }
      if (const Node* wv = w_.optional(eo, "weight")) {
        auto scope = w_.at("weight");
        x.weight = weight(*wv);
      }
      x.critical = w_.optional_bool(eo, "critical", false);
      x.description = w_.optional_string(eo, "description");
      if (d_.version >= 2)
        w_.each(eo, "criteria", [&](const Node& cv, std::size_t k) {
          const Node& co = w_.object(cv);
          CriterionDraft& c = x.criteria.emplace_back();
          c.id = {std::string(w_.required_string(co, "id")), {w_.mark(), u32(i), u32(j), u32(k)}};
          c.text = w_.required_string(co, "text");
          if (c.text.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
            auto scope = w_.at("text");
            w_.fail(ErrorCode::invalid_value, "a criterion's text is not blank");
          }
          if (const Node* wv = w_.optional(co, "weight")) {
            auto scope = w_.at("weight");
            c.weight = weight(*wv);
          }
        });
    });
  }

  double weight(const Node& v) {
    const double d = w_.number(v);
    if (!(d > 0.0 && d <= 1e6)) w_.fail(ErrorCode::invalid_value, "a weight is > 0 and <= 1e6");
    return d;
  }

  /// /2: `tracks`, or `track` as its one-item form (never both).
  void tracks(const Node& o, LevelDraft& l) {
    const Node* many = w_.optional(o, "tracks");
    const Node* one = w_.optional(o, "track");
    if (!many && !one) {
      auto scope = w_.at("tracks");
      w_.fail(ErrorCode::missing_field, "missing member \"tracks\" (or \"track\")");
    }
    if (many && one) {
      auto scope = w_.at("tracks");
      w_.fail(ErrorCode::invalid_value, "a level has \"tracks\" or \"track\", not both");
    }
    if (one) {
      l.tracks.emplace_back(w_.required_string(o, "track"));
      return;
    }
    auto scope = w_.at("tracks");
    if (w_.array(*many).size() == 0) w_.fail(ErrorCode::invalid_value, "a level is on at least one track");
    IdSet seen;
    w_.items(*many, [&](const Node& t, std::size_t) {
      const std::string_view track = w_.string(t);
      if (!seen.insert(track)) w_.fail(ErrorCode::duplicate_id, "duplicate track " + quoted(track));
      l.tracks.emplace_back(track);
    });
  }

  void policy(const Node& o) {
    for (const auto& member : o) {
      const std::string_view key = member.key();
      const Node& v = member.value();
      auto scope = w_.at(key);
      const auto* known = std::find_if(std::begin(kPolicyKeys), std::end(kPolicyKeys),
                                       [&](const PolicyKey& k) { return k.name == key; });
      if (known == std::end(kPolicyKeys)) {
        if (d_.version >= 2 && key.substr(0, 2) == "x-") continue;  // the platform's own data
        w_.fail(ErrorCode::unknown_field, "unknown policy key " + quoted(key));
      }
      if (v.is_null()) continue;  // null: absent, the default applies
      known->set(*this, d_.policy, v);
    }
  }

  /// One policy key: its name, and how its value is read into the policy.
  struct PolicyKey {
    std::string_view name;
    void (*set)(FrameworkReader& r, Policy& p, const Node& v);
  };
  static const PolicyKey kPolicyKeys[23];

  int days(const Node& v, std::int64_t lo) { return static_cast<int>(w_.integer(v, lo, kMaxDays)); }

  void review_scale(const Node& v) {
    std::vector<std::string> labels;
    IdSet seen;
    w_.items(v, [&](const Node& item, std::size_t) {
      const std::string_view label = w_.string(item);
      if (!seen.insert(label)) w_.fail(ErrorCode::duplicate_id, "duplicate review rating " + quoted(label));
      labels.emplace_back(label);
    });
    if (labels.empty()) w_.fail(ErrorCode::invalid_value, "a review scale needs at least 1 label");
    d_.policy.review_scale = std::move(labels);
  }

  void calendar(const Node& o) {
    if (const Node* v = w_.optional(o, "effective_after_days")) {
      auto scope = w_.at("effective_after_days");
      d_.effective_after_days = static_cast<int>(w_.integer(*v, 0, kMaxDays));
    }
    d_.cycles_listed = w_.optional(o, "cycles") != nullptr;
    w_.each(o, "cycles", [&](const Node& v, std::size_t i) {
      const Node& co = w_.object(v);
      CycleDraft& c = d_.cycles.emplace_back();
      c.id = {std::string(w_.required_string(co, "id")), {w_.mark(), u32(i)}};
      c.decision = w_.required_date(co, "decision");
      c.effective = w_.optional_date(co, "effective");
    });
    const Node* every = w_.optional(o, "every_months");
    const Node* first = w_.optional(o, "first_decision");
    std::int64_t every_months = 0;
    std::optional<Date> first_decision;
    if (every) {
      auto scope = w_.at("every_months");
      every_months = w_.integer(*every, 1, 120);
    }
    if (first) {
      auto scope = w_.at("first_decision");
      first_decision = w_.date(*first);
    }
    if (every && !first) {
      auto scope = w_.at("first_decision");
      w_.fail(ErrorCode::missing_field, "every_months needs first_decision");
    }
    if (first && !every) {
      auto scope = w_.at("every_months");
      w_.fail(ErrorCode::missing_field, "first_decision needs every_months");
    }
    if (every) d_.every = std::make_pair(static_cast<int>(every_months), *first_decision);
    BusinessCalendar& b = d_.business;
    if (const Node* v = w_.optional(o, "weekend")) {
      auto scope = w_.at("weekend");
      b.weekend.fill(false);
      w_.items(*v, [&](const Node& day, std::size_t) { b.weekend[w_.choice(day, kWeekdays)] = true; });
      if (std::all_of(b.weekend.begin(), b.weekend.end(), [](bool x) { return x; }))
        w_.fail(ErrorCode::invalid_value, "every day of the week is a weekend day");
    }
    w_.each(o, "holidays", [&](const Node& v, std::size_t) { b.holidays.push_back(w_.date(v)); });
  }

  FrameworkDraft& d_;
  Walker w_{Document::framework};
};

const FrameworkReader::PolicyKey FrameworkReader::kPolicyKeys[] = {
    {"coverage_min", [](FrameworkReader& r, Policy& p, const Node& v) { p.coverage_min = r.w_.share(v); }},
    {"close_margin", [](FrameworkReader& r, Policy& p, const Node& v) { p.close_margin = r.w_.share(v); }},
    {"current_min", [](FrameworkReader& r, Policy& p, const Node& v) { p.current_min = r.w_.share(v); }},
    {"review_scale", [](FrameworkReader& r, Policy&, const Node& v) { r.review_scale(v); }},
    {"review_min",
     [](FrameworkReader& r, Policy&, const Node& v) { r.d_.review_min.value = std::string(r.w_.string(v)); }},
    {"agreed_rating",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.agreed_rating = static_cast<AgreedRating>(r.w_.choice(v, kAgreedRatings));
     }},
    {"assessment_window_days",
     [](FrameworkReader& r, Policy& p, const Node& v) { p.assessment_window_days = r.days(v, 0); }},
    {"evidence_min",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.evidence_min = static_cast<int>(r.w_.integer(v, 0, kMaxCount));
     }},
    {"evidence_window_days",
     [](FrameworkReader& r, Policy& p, const Node& v) { p.evidence_window_days = r.days(v, 0); }},
    {"evidence_visibility_min",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.evidence_visibility_min = static_cast<Visibility>(r.w_.choice(v, kVisibilities));
     }},
    {"disagreement_delta",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.disagreement_delta = static_cast<int>(r.w_.integer(v, 1, kMaxCount));
     }},
    {"min_months_in_level",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.min_months_in_level = static_cast<int>(r.w_.integer(v, 0, 1200));
     }},
    {"plan_lead_days", [](FrameworkReader& r, Policy& p, const Node& v) { p.plan_lead_days = r.days(v, 0); }},
    {"max_goals",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.max_goals = static_cast<int>(r.w_.integer(v, 0, kMaxCount));
     }},
    {"require_alignment",
     [](FrameworkReader& r, Policy& p, const Node& v) { p.require_alignment = r.w_.boolean(v); }},
    {"cadence_days", [](FrameworkReader& r, Policy& p, const Node& v) { p.cadence_days = r.days(v, 1); }},
    {"stale_days", [](FrameworkReader& r, Policy& p, const Node& v) { p.stale_days = r.days(v, 0); }},
    {"feedback_window_days",
     [](FrameworkReader& r, Policy& p, const Node& v) { p.feedback_window_days = r.days(v, 0); }},
    {"schedule_max",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.schedule_max = static_cast<int>(r.w_.integer(v, 0, 1000));
     }},
    {"credit",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.credit = static_cast<Credit>(r.w_.choice(v, kCredits));
     }},
    {"criteria_min", [](FrameworkReader& r, Policy& p, const Node& v) { p.criteria_min = r.w_.share(v); }},
    {"sustained_days", [](FrameworkReader& r, Policy& p, const Node& v) { p.sustained_days = r.days(v, 0); }},
    {"anonymity_min",
     [](FrameworkReader& r, Policy& p, const Node& v) {
       p.anonymity_min = static_cast<int>(r.w_.integer(v, 1, kMaxCount));
     }},
};

// ------------------------------------------------------------ case

class CaseReader {
 public:
  explicit CaseReader(CaseDraft& d) : d_(d) {}

  /// Members of the document read by name, each once.
  std::size_t looked_up() const { return w_.looked_up(); }

  void run(const Node& doc) {
    const Node& root = w_.object(doc);
    {
      const int version = w_.schema(root, "rung.case", 2);
      d_.version = {version, {w_.mark()}};
    }
    d_.as_of = w_.required_date(root, "as_of");
    {
      const Node& e = w_.required(root, "employee");
      auto scope = w_.at("employee");
      employee(w_.object(e));
    }
    d_.assessments.reserve(w_.size_of(root, "assessments"));
    d_.assessment_refs.reserve(w_.size_of(root, "assessments"));
    w_.each(root, "assessments", [&](const Node& v, std::size_t i) { assessment(w_.object(v), i); });
    d_.evidence.reserve(w_.size_of(root, "evidence"));
    d_.evidence_refs.reserve(w_.size_of(root, "evidence"));
    evidence_ids_ = IdSet(w_.size_of(root, "evidence"));
    d_.refs.reserve(2 * w_.size_of(root, "evidence"));
    w_.each(root, "evidence", [&](const Node& v, std::size_t i) { evidence(w_.object(v), i); });
    if (const Node* p = w_.optional(root, "plan")) {
      auto scope = w_.at("plan");
      plan(w_.object(*p));
    }
    d_.checkins.reserve(w_.size_of(root, "checkins"));
    w_.each(root, "checkins", [&](const Node& v, std::size_t) { checkin(w_.object(v)); });
    d_.feedback.reserve(w_.size_of(root, "feedback"));
    w_.each(root, "feedback", [&](const Node& v, std::size_t) {
      const Node& o = w_.object(v);
      Feedback f = feedback(o);
      f.date = w_.required_date(o, "date");
      d_.feedback.push_back(f);
    });
  }

 private:
  /// The object's `id`, which must be new in `seen`: a duplicate is found
  /// while the list is read, where its text is at hand.
  At<Text> unique_id(const Node& o, IdSet& seen, const char* what, std::size_t i) {
    At<Text> id = text_at(o, "id", i);
    if (!seen.insert(id.value)) duplicate(what, id.value);
    return id;
  }
  /// The same, and `seen` maps the id to `i`.
  At<Text> unique_id(const Node& o, IdMap<std::size_t>& seen, const char* what, std::size_t i) {
    At<Text> id = text_at(o, "id", i);
    bool added = false;
    std::size_t& index = seen.try_emplace(id.value, added);
    if (!added) duplicate(what, id.value);
    index = i;
    return id;
  }
  [[noreturn]] void duplicate(const char* what, Text id) {
    auto scope = w_.at("id");
    w_.fail(ErrorCode::duplicate_id, std::string("duplicate ") + what + " " + quoted(id));
  }

  At<Text> text_at(const Node& o, std::string_view key, std::size_t i = 0, std::size_t j = 0) {
    const Text t = w_.required_string(o, key);
    return {t, {w_.mark(), u32(i), u32(j)}};
  }

  void employee(const Node& o) {
    d_.employee_id = w_.required_string(o, "id");
    d_.level = text_at(o, "level");
    if (d_.version.value >= 2) {
      if (const Node* t = w_.optional(o, "track")) {
        auto scope = w_.at("track");
        d_.track = At<Text>{w_.string(*t), {w_.mark()}};
      }
      if (const Node* n = w_.optional(o, "name")) {
        auto scope = w_.at("name");
        d_.name = w_.string(*n);
        if (d_.name.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
          w_.fail(ErrorCode::invalid_value, "a name is not blank");
      }
    }
    if (const Node* t = w_.optional(o, "target")) {
      auto scope = w_.at("target");
      d_.target = At<Text>{w_.string(*t), {w_.mark()}};
    }
    d_.in_level_since = w_.optional_date(o, "in_level_since");
    if (const Node* r = w_.optional(o, "last_review")) {
      auto scope = w_.at("last_review");
      const Node& ro = w_.object(*r);
      d_.review_rating = text_at(ro, "rating");
      d_.review_date = w_.required_date(ro, "date");
    }
    d_.motivation = w_.optional_string(o, "motivation");
  }

  void assessment(const Node& o, std::size_t i) {
    Assessment& a = d_.assessments.emplace_back();
    AssessmentRefs& refs = d_.assessment_refs.emplace_back();
    refs.competency = text_at(o, "competency", i);
    {
      const Node& v = w_.required(o, "rater");
      auto scope = w_.at("rater");
      a.rater = static_cast<Rater>(w_.choice(v, kRaters));
    }
    if (a.rater == Rater::stakeholder) a.rater_id = w_.required_string(o, "rater_id");
    else w_.optional_string(o, "rater_id");
    {
      const Node& v = w_.required(o, "level");
      auto scope = w_.at("level");
      refs.level = {proficiency(w_, v), {w_.mark(), u32(i)}};
    }
    a.date = w_.required_date(o, "date");
  }

  void evidence(const Node& o, std::size_t i) {
    Evidence& ev = d_.evidence.emplace_back();
    EvidenceRefs& e = d_.evidence_refs.emplace_back();
    const At<Text> id = unique_id(o, evidence_ids_, "evidence", i);
    e.at = id.at;
    ev.id = id.value;
    ev.title = w_.optional_string(o, "title");
    ev.link = w_.optional_string(o, "link");
    ev.date = w_.required_date(o, "date");
    auto item = [&](Refs& into) {
      into.begin = into.end = u32(d_.refs.size());
      return [&](const Node& v, std::size_t j) {
        d_.refs.push_back({w_.string(v), {w_.mark(), u32(i), u32(j)}});
        into.end = u32(d_.refs.size());
      };
    };
    if (d_.version.value == 1) {
      w_.each_required(o, "competencies", item(e.competencies));
    } else {
      // /2: competencies, criteria or both, at least one of either.
      w_.each(o, "competencies", item(e.competencies));
      w_.each(o, "criteria", item(e.criteria));
      if (e.competencies.size() == 0 && e.criteria.size() == 0) {
        auto scope = w_.at("competencies");
        w_.fail(ErrorCode::missing_field, "an evidence item names at least one competency or criterion");
      }
    }
    {
      const Node& v = w_.required(o, "visibility");
      auto scope = w_.at("visibility");
      ev.visibility = static_cast<Visibility>(w_.choice(v, kVisibilities));
    }
  }

  void plan(const Node& o) {
    d_.agreed_on = w_.optional_date(o, "agreed_on");
    if (const Node* t = w_.optional(o, "target_cycle")) {
      auto scope = w_.at("target_cycle");
      d_.target_cycle = At<Text>{w_.string(*t), {w_.mark()}};
    }
    d_.goals.reserve(w_.size_of(o, "goals"));
    d_.goal_ids = IdMap<std::size_t>(w_.size_of(o, "goals"));
    w_.each(o, "goals", [&](const Node& v, std::size_t i) {
      const Node& go = w_.object(v);
      Goal& g = d_.goals.emplace_back();
      g.id = unique_id(go, d_.goal_ids, "goal", i).value;
      g.title = w_.optional_string(go, "title");
      if (const Node* h = w_.optional(go, "horizon")) {
        auto scope = w_.at("horizon");
        g.horizon = p6_parse_horizon(w_.string(*h));
        if (!g.horizon) w_.fail(ErrorCode::invalid_value, "a horizon is 1-9999 of d, w, m or y, like 6m or 1y");
      }
      g.objectives.reserve(w_.size_of(go, "objectives"));
      w_.each(go, "objectives", [&](const Node& ov, std::size_t) { g.objectives.push_back(w_.string(ov)); });
    });
    d_.milestones.reserve(w_.size_of(o, "milestones"));
    d_.milestone_refs.reserve(w_.size_of(o, "milestones"));
    IdSet milestone_ids(w_.size_of(o, "milestones"));
    w_.each(o, "milestones", [&](const Node& v, std::size_t i) {
      const Node& mo = w_.object(v);
      Milestone& m = d_.milestones.emplace_back();
      MilestoneRefs& md = d_.milestone_refs.emplace_back();
      m.id = unique_id(mo, milestone_ids, "milestone", i).value;
      if (const Node* g = w_.optional(mo, "goal")) {
        auto scope = w_.at("goal");
        m.goal = w_.string(*g);
        md.goal = Source{w_.mark(), u32(i)};
      }
      md.addresses.begin = md.addresses.end = u32(d_.refs.size());
      w_.each(mo, "addresses", [&](const Node& av, std::size_t j) {
        d_.refs.push_back({w_.string(av), {w_.mark(), u32(i), u32(j)}});
        md.addresses.end = u32(d_.refs.size());
      });
      m.action = w_.optional_string(mo, "action");
      m.metric = w_.optional_string(mo, "metric");
      m.success_criteria = w_.optional_string(mo, "success_criteria");
      m.created = w_.optional_date(mo, "created");
      m.deadline = w_.optional_date(mo, "deadline");
      m.progress.reserve(w_.size_of(mo, "progress"));
      w_.each(mo, "progress", [&](const Node& pv, std::size_t) {
        const Node& po = w_.object(pv);
        Progress entry;
        entry.date = w_.required_date(po, "date");
        const Node& value = w_.required(po, "value");
        auto scope = w_.at("value");
        entry.value = w_.share(value);
        m.progress.push_back(entry);
      });
      m.done = w_.optional_bool(mo, "done", false);
    });
  }

  /// `kind` and `channel` of a feedback item (its date depends on where it sits).
  Feedback feedback(const Node& o) {
    Feedback f;
    {
      const Node& v = w_.required(o, "kind");
      auto scope = w_.at("kind");
      f.kind = static_cast<FeedbackKind>(w_.choice(v, kFeedbackKinds));
    }
    {
      const Node& v = w_.required(o, "channel");
      auto scope = w_.at("channel");
      f.channel = static_cast<Channel>(w_.choice(v, kChannels));
    }
    w_.optional_string(o, "from");
    w_.optional_string(o, "text");
    return f;
  }

  void checkin(const Node& o) {
    Checkin c;
    c.date = w_.required_date(o, "date");
    c.with = w_.required_string(o, "with");
    c.feedback.reserve(w_.size_of(o, "feedback"));
    w_.each(o, "feedback", [&](const Node& v, std::size_t) {
      Feedback f = feedback(w_.object(v));
      f.date = c.date;
      c.feedback.push_back(f);
    });
    c.blockers.reserve(w_.size_of(o, "blockers"));
    w_.each(o, "blockers", [&](const Node& v, std::size_t) {
      const Node& bo = w_.object(v);
      Blocker b;
      b.text = w_.required_string(bo, "text");
      b.resolved = w_.optional_bool(bo, "resolved", false);
      c.blockers.push_back(std::move(b));
    });
    d_.checkins.push_back(std::move(c));
  }

  CaseDraft& d_;
  Walker w_{Document::case_};
  IdSet evidence_ids_;
};

}  // namespace

FrameworkDraft read_framework(const Node& doc) {
  FrameworkDraft d;
  d.locator = &kLocator;
  try {
    FrameworkReader(d).run(doc);
  } catch (Failure& f) {
    d.stop = ReaderStop{std::move(f.error), f.mark};
  }
  if (!d.stop)  // the warnings of every report, and strict mode's errors
    for (auto& m : unknown_members(doc, Document::framework, d.version)) d.unknown_members.push_back(std::move(m.path));
  return d;
}

CaseDraft read_case(const Node& doc, std::size_t members) {
  CaseDraft d;
  d.locator = &kLocator;
  CaseReader reader(d);
  try {
    reader.run(doc);
  } catch (Failure& f) {
    d.stop = ReaderStop{std::move(f.error), f.mark};
  }
  // The reader asks only for members the contract names for the
  // document's version: when it asked for each one, none is unknown.
  if (!d.stop && reader.looked_up() != members)
    for (auto& m : unknown_members(doc, Document::case_, d.version.value)) d.unknown_members.push_back(std::move(m.path));
  return d;
}

}  // namespace rung::json
