#include "json/decode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "json/pointer.hpp"
#include "rung/move.hpp"
#include "rung/plan.hpp"

namespace rung::json {

namespace bj = boost::json;

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
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
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

namespace {

/// Thrown inside the decoder only; decode_* turn it into an Expected.
struct Failure {
  InputError error;
};

const char* kind_name(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64: return "an integer";
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

/// Walks one document, keeping the JSON Pointer of where it is.
class Walker {
 public:
  explicit Walker(Document doc) : doc_(doc) {}

  [[noreturn]] void fail(ErrorCode code, std::string message) const {
    throw Failure{InputError{doc_, code, path_.str(), std::move(message)}};
  }

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
    return Scope(*this, len);
  }
  [[nodiscard]] Scope at(std::size_t index) {
    const std::size_t len = path_.size();
    path_.push(index);
    return Scope(*this, len);
  }

  // ---- types of the value at the current path
  const bj::object& object(const bj::value& v) const {
    if (!v.is_object()) fail(ErrorCode::type_error, std::string("expected an object, found ") + kind_name(v));
    return v.get_object();
  }
  const bj::array& array(const bj::value& v) const {
    if (!v.is_array()) fail(ErrorCode::type_error, std::string("expected an array, found ") + kind_name(v));
    return v.get_array();
  }
  std::string_view string(const bj::value& v) const {
    if (!v.is_string()) fail(ErrorCode::type_error, std::string("expected a string, found ") + kind_name(v));
    const auto& s = v.get_string();
    return {s.data(), s.size()};
  }
  bool boolean(const bj::value& v) const {
    if (!v.is_bool()) fail(ErrorCode::type_error, std::string("expected a boolean, found ") + kind_name(v));
    return v.get_bool();
  }
  /// An integer in [lo, hi]: `2.0` is a type_error, out of range an invalid_value.
  std::int64_t integer(const bj::value& v, std::int64_t lo, std::int64_t hi) const {
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
  double number(const bj::value& v) const {
    if (v.is_double()) return v.get_double();
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    fail(ErrorCode::type_error, std::string("expected a number, found ") + kind_name(v));
  }
  double share(const bj::value& v) const {
    const double d = number(v);
    if (!(d >= 0.0 && d <= 1.0)) fail(ErrorCode::invalid_value, "must be a number from 0 to 1");
    return d;
  }
  Date date(const bj::value& v) const {
    const auto s = string(v);
    const auto d = parse_date(s);
    if (!d) fail(ErrorCode::invalid_date, "expected a date YYYY-MM-DD from 1900-01-01 to 9000-12-31");
    return *d;
  }
  /// Looks up a label in `labels`; fails with invalid_value.
  template <std::size_t N>
  std::size_t choice(const bj::value& v, const std::array<const char*, N>& labels) const {
    const auto s = string(v);
    for (std::size_t i = 0; i < N; ++i)
      if (s == labels[i]) return i;
    std::string message = "must be one of";
    for (std::size_t i = 0; i < N; ++i) message += std::string(i ? ", " : " ") + labels[i];
    fail(ErrorCode::invalid_value, message);
  }

  // ---- members: `null` on an optional member means absent
  static const bj::value* optional(const bj::object& o, std::string_view key) {
    const bj::value* v = o.if_contains(bj::string_view(key.data(), key.size()));
    return v && !v->is_null() ? v : nullptr;
  }
  const bj::value& required(const bj::object& o, std::string_view key) {
    const bj::value* v = o.if_contains(bj::string_view(key.data(), key.size()));
    auto scope = at(key);
    if (!v) fail(ErrorCode::missing_field, "missing member \"" + std::string(key) + "\"");
    if (v->is_null()) fail(ErrorCode::type_error, "required member \"" + std::string(key) + "\" is null");
    return *v;
  }

  // ---- common shapes
  /// The number of items of the array member `key` (0 when absent or not an array).
  static std::size_t size_of(const bj::object& o, std::string_view key) {
    const bj::value* v = optional(o, key);
    return v && v->is_array() ? v->get_array().size() : 0;
  }

  template <class F>
  void each(const bj::object& o, std::string_view key, F&& f) {
    const bj::value* v = optional(o, key);
    if (!v) return;
    auto scope = at(key);
    const bj::array& a = array(*v);
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto item = at(i);
      f(a[i], i);
    }
  }
  template <class F>
  void each_required(const bj::object& o, std::string_view key, F&& f) {
    const bj::value& v = required(o, key);
    auto scope = at(key);
    const bj::array& a = array(v);
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto item = at(i);
      f(a[i], i);
    }
  }
  /// Views into the document: they live as long as it does.
  std::string_view required_string(const bj::object& o, std::string_view key) {
    const bj::value& v = required(o, key);
    auto scope = at(key);
    return string(v);
  }
  std::string_view optional_string(const bj::object& o, std::string_view key) {
    const bj::value* v = optional(o, key);
    if (!v) return {};
    auto scope = at(key);
    return string(*v);
  }
  Date required_date(const bj::object& o, std::string_view key) {
    const bj::value& v = required(o, key);
    auto scope = at(key);
    return date(v);
  }
  std::optional<Date> optional_date(const bj::object& o, std::string_view key) {
    const bj::value* v = optional(o, key);
    if (!v) return std::nullopt;
    auto scope = at(key);
    return date(*v);
  }
  bool optional_bool(const bj::object& o, std::string_view key, bool fallback) {
    const bj::value* v = optional(o, key);
    if (!v) return fallback;
    auto scope = at(key);
    return boolean(*v);
  }
  /// Checks `schema` first: a document of another kind says so at once.
  /// Returns the version: 1 for `KIND/1`, 2 for `KIND/2` (when `max` >= 2).
  int schema(const bj::object& root, std::string_view kind, int max) {
    const bj::value& v = required(root, "schema");
    auto scope = at("schema");
    const std::string_view s = string(v);
    for (int version = 1; version <= max; ++version)
      if (s == std::string(kind) + "/" + std::to_string(version)) return version;
    fail(ErrorCode::invalid_value, "expected schema " + quoted(std::string(kind) + "/1") +
                                       (max >= 2 ? " or " + quoted(std::string(kind) + "/2") : std::string()));
  }

 private:
  Document doc_;
  Pointer path_;
};

/// Duplicate detection for ids, reported at the later one. An open-addressing
/// table of views into the document: no allocation per id, one probe or two
/// per lookup, so a list of 100,000 ids stays cheap (bench/scale).
class IdSet {
 public:
  IdSet() = default;
  /// Room for `n` ids without growing.
  explicit IdSet(std::size_t n) { rehash(n); }

  /// The object's required `id`, which must be new.
  std::string_view take(Walker& w, const bj::object& o, const char* what) {
    const std::string_view id = w.required_string(o, "id");
    auto scope = w.at("id");
    add(w, id, what);
    return id;
  }

  void add(Walker& w, std::string_view id, const char* what) {
    if (2 * (size_ + 1) > slots_.size()) rehash(size_ + 1);
    const std::size_t hash = std::hash<std::string_view>{}(id);
    Slot& s = find(id, hash);
    if (s.used) w.fail(ErrorCode::duplicate_id, std::string("duplicate ") + what + " " + quoted(id));
    s = {id, hash, true};
    ++size_;
  }

  bool contains(std::string_view id) const {
    return !slots_.empty() && find(id, std::hash<std::string_view>{}(id)).used;
  }

 private:
  struct Slot {
    std::string_view id;
    std::size_t hash = 0;  // compared first: the id's bytes are read only on a likely match
    bool used = false;
  };

  /// The slot holding `id`, or the empty one where it would go.
  Slot& find(std::string_view id, std::size_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used || (s.hash == hash && s.id == id)) return s;
    }
  }

  /// At least twice `n` slots, a power of two; the ids move over.
  void rehash(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    if (size <= slots_.size()) return;
    std::vector<Slot> old(size);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.used) find(s.id, s.hash) = s;
  }

  mutable std::vector<Slot> slots_;  // views into the document
  std::size_t size_ = 0;
};

/// A proficiency: an integer of the scale or one of its labels.
Proficiency proficiency(const Walker& w, const std::vector<std::string>& scale, const bj::value& v) {
  if (v.is_string()) {
    const auto s = w.string(v);
    for (std::size_t i = 0; i < scale.size(); ++i)
      if (scale[i] == s) return static_cast<Proficiency>(i);
    w.fail(ErrorCode::invalid_value, quoted(s) + " is not a label of the scale");
  }
  if (!v.is_int64() && !v.is_uint64())
    w.fail(ErrorCode::type_error, std::string("expected a proficiency (integer or label), found ") + kind_name(v));
  return static_cast<Proficiency>(w.integer(v, 0, static_cast<std::int64_t>(scale.size()) - 1));
}

constexpr std::array<const char*, 3> kRaters{"self", "manager", "stakeholder"};
constexpr std::array<const char*, 4> kVisibilities{"private", "manager", "stakeholders", "decision_makers"};
constexpr std::array<const char*, 3> kFeedbackKinds{"constructive", "praise", "generic"};
constexpr std::array<const char*, 2> kChannels{"direct", "indirect"};
constexpr std::array<const char*, 2> kAgreedRatings{"manager", "calibrated"};
constexpr std::array<const char*, 2> kCredits{"all_or_nothing", "partial"};
constexpr std::array<const char*, 3> kGates{"open", "application", "vacancy"};
// Boost's day_of_week numbering: 0 = Sunday.
constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

constexpr std::int64_t kMaxDays = 36500;
constexpr std::int64_t kMaxCount = 1000000;
constexpr std::int64_t kMaxRank = 1000000000;

// ------------------------------------------------------------ framework

class FrameworkDecoder {
 public:
  Framework run(const bj::value& doc) {
    const bj::object& root = w_.object(doc);
    fw_.version = w_.schema(root, "rung.framework", 2);
    fw_.id = w_.required_string(root, "id");
    fw_.name = w_.optional_string(root, "name");
    scale(root);
    competencies(root);
    levels(root);
    if (const bj::value* p = Walker::optional(root, "policy")) {
      auto scope = w_.at("policy");
      policy(w_.object(*p));
    }
    check_review_min();
    if (const bj::value* c = Walker::optional(root, "calendar")) {
      auto scope = w_.at("calendar");
      calendar(w_.object(*c));
    }
    return std::move(fw_);
  }

 private:
  void scale(const bj::object& root) {
    IdSet labels;
    w_.each_required(root, "scale", [&](const bj::value& v, std::size_t) {
      const std::string_view label = w_.string(v);
      labels.add(w_, label, "scale label");
      fw_.scale.emplace_back(label);
    });
    if (fw_.scale.size() < 2) {
      auto scope = w_.at("scale");
      w_.fail(ErrorCode::invalid_value, "a scale needs at least 2 labels");
    }
  }

  /// The member `id`, which must not be a key of `index` yet.
  std::string unique_id(const bj::object& o, const IdIndex& index, const char* what) {
    std::string id(w_.required_string(o, "id"));
    if (index.count(id)) {
      auto scope = w_.at("id");
      w_.fail(ErrorCode::duplicate_id, std::string("duplicate ") + what + " " + quoted(id));
    }
    return id;
  }

  void competencies(const bj::object& root) {
    w_.each_required(root, "competencies", [&](const bj::value& v, std::size_t i) {
      const bj::object& o = w_.object(v);
      Competency c;
      c.id = unique_id(o, fw_.competency_index, "competency");
      c.name = w_.optional_string(o, "name");
      c.category = w_.optional_string(o, "category");
      fw_.competency_index.emplace(c.id, i);
      fw_.competencies.push_back(std::move(c));
    });
  }

  void levels(const bj::object& root) {
    std::set<std::pair<std::string, std::int64_t>> track_ranks;
    IdSet criterion_ids;
    w_.each_required(root, "levels", [&](const bj::value& v, std::size_t i) {
      const bj::object& o = w_.object(v);
      Level l;
      l.id = unique_id(o, fw_.level_index, "level");
      l.name = w_.optional_string(o, "name");
      if (fw_.version == 1) l.tracks.emplace_back(w_.required_string(o, "track"));
      else tracks(o, l);
      {
        const bj::value& rank = w_.required(o, "rank");
        auto scope = w_.at("rank");
        l.rank = w_.integer(rank, -kMaxRank, kMaxRank);
        for (const auto& track : l.tracks)
          if (!track_ranks.emplace(track, l.rank).second)
            w_.fail(ErrorCode::duplicate_id,
                    "track " + quoted(track) + " already has a level of rank " + std::to_string(l.rank));
      }
      if (fw_.version >= 2)
        if (const bj::value* g = Walker::optional(o, "gate")) {
          auto scope = w_.at("gate");
          l.gate = static_cast<Gate>(w_.choice(*g, kGates));
        }
      std::unordered_set<std::size_t> listed;
      w_.each_required(o, "expectations", [&](const bj::value& ev, std::size_t j) {
        const bj::object& eo = w_.object(ev);
        Expectation x;
        x.competency = w_.required_string(eo, "competency");
        {
          auto scope = w_.at("competency");
          auto it = fw_.competency_index.find(x.competency);
          if (it == fw_.competency_index.end())
            w_.fail(ErrorCode::unknown_reference, "unknown competency " + quoted(x.competency));
          x.competency_index = it->second;
          if (!listed.insert(it->second).second)
            w_.fail(ErrorCode::duplicate_id, "competency " + quoted(x.competency) + " is listed twice in this level");
        }
        {
          const bj::value& lv = w_.required(eo, "level");
          auto scope = w_.at("level");
          x.level = proficiency(w_, fw_.scale, lv);
        }
        if (const bj::value* wv = Walker::optional(eo, "weight")) {
          auto scope = w_.at("weight");
          x.weight = weight(*wv);
        }
        x.critical = w_.optional_bool(eo, "critical", false);
        x.description = w_.optional_string(eo, "description");
        if (fw_.version >= 2) criteria(eo, x, criterion_ids, i, j);
        l.expectations.push_back(std::move(x));
      });
      fw_.level_index.emplace(l.id, i);
      fw_.levels.push_back(std::move(l));
    });
  }

  double weight(const bj::value& v) {
    const double d = w_.number(v);
    if (!(d > 0.0 && d <= 1e6)) w_.fail(ErrorCode::invalid_value, "a weight is > 0 and <= 1e6");
    return d;
  }

  /// /2: `tracks`, or `track` as its one-item form (never both).
  void tracks(const bj::object& o, Level& l) {
    const bj::value* many = Walker::optional(o, "tracks");
    const bj::value* one = Walker::optional(o, "track");
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
    const bj::array& a = w_.array(*many);
    if (a.empty()) w_.fail(ErrorCode::invalid_value, "a level is on at least one track");
    IdSet seen;
    for (std::size_t k = 0; k < a.size(); ++k) {
      auto item = w_.at(k);
      const std::string_view track = w_.string(a[k]);
      seen.add(w_, track, "track");
      l.tracks.emplace_back(track);
    }
  }

  /// /2: an expectation's criteria; their ids are unique in the framework
  /// and differ from every competency id.
  void criteria(const bj::object& eo, Expectation& x, IdSet& ids, std::size_t level, std::size_t expectation) {
    x.first_criterion = fw_.criteria.size();
    w_.each(eo, "criteria", [&](const bj::value& cv, std::size_t k) {
      const bj::object& co = w_.object(cv);
      Criterion c;
      c.id = w_.required_string(co, "id");
      {
        auto scope = w_.at("id");
        if (fw_.competency_index.count(c.id))
          w_.fail(ErrorCode::duplicate_id, "criterion " + quoted(c.id) + " has the id of a competency");
        ids.add(w_, c.id, "criterion");
      }
      c.text = w_.required_string(co, "text");
      if (c.text.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
        auto scope = w_.at("text");
        w_.fail(ErrorCode::invalid_value, "a criterion's text is not blank");
      }
      if (const bj::value* wv = Walker::optional(co, "weight")) {
        auto scope = w_.at("weight");
        c.weight = weight(*wv);
      }
      fw_.criterion_index.emplace(c.id, fw_.criteria.size());
      fw_.criteria.push_back({level, expectation, k});
      x.criteria.push_back(std::move(c));
    });
  }

  void policy(const bj::object& o) {
    Policy& p = fw_.policy;
    for (const auto& member : o) {
      const std::string_view key(member.key().data(), member.key().size());
      const bj::value& v = member.value();
      auto scope = w_.at(key);
      if (v.is_null() && known_policy_key(key)) continue;  // null: absent, the default applies
      if (fw_.version >= 2 && key.substr(0, 2) == "x-") continue;  // the platform's own data
      if (key == "coverage_min") p.coverage_min = w_.share(v);
      else if (key == "close_margin") p.close_margin = w_.share(v);
      else if (key == "current_min") p.current_min = w_.share(v);
      else if (key == "review_scale") review_scale(v);
      else if (key == "review_min") review_min_ = std::string(w_.string(v));
      else if (key == "agreed_rating") p.agreed_rating = static_cast<AgreedRating>(w_.choice(v, kAgreedRatings));
      else if (key == "assessment_window_days") p.assessment_window_days = days(v, 0);
      else if (key == "evidence_min") p.evidence_min = static_cast<int>(w_.integer(v, 0, kMaxCount));
      else if (key == "evidence_window_days") p.evidence_window_days = days(v, 0);
      else if (key == "evidence_visibility_min")
        p.evidence_visibility_min = static_cast<Visibility>(w_.choice(v, kVisibilities));
      else if (key == "disagreement_delta") p.disagreement_delta = static_cast<int>(w_.integer(v, 1, kMaxCount));
      else if (key == "min_months_in_level") p.min_months_in_level = static_cast<int>(w_.integer(v, 0, 1200));
      else if (key == "plan_lead_days") p.plan_lead_days = days(v, 0);
      else if (key == "max_goals") p.max_goals = static_cast<int>(w_.integer(v, 0, kMaxCount));
      else if (key == "require_alignment") p.require_alignment = w_.boolean(v);
      else if (key == "cadence_days") p.cadence_days = days(v, 1);
      else if (key == "stale_days") p.stale_days = days(v, 0);
      else if (key == "feedback_window_days") p.feedback_window_days = days(v, 0);
      else if (key == "schedule_max") p.schedule_max = static_cast<int>(w_.integer(v, 0, 1000));
      else if (key == "credit") p.credit = static_cast<Credit>(w_.choice(v, kCredits));
      else if (key == "criteria_min") p.criteria_min = w_.share(v);
      else if (key == "sustained_days") p.sustained_days = days(v, 0);
      else if (key == "anonymity_min") p.anonymity_min = static_cast<int>(w_.integer(v, 1, kMaxCount));
      else w_.fail(ErrorCode::unknown_field, "unknown policy key " + quoted(key));
    }
  }

  static bool known_policy_key(std::string_view key) {
    static constexpr std::array<std::string_view, 23> kKeys{
        "coverage_min",         "close_margin",        "current_min",          "review_scale",
        "review_min",           "agreed_rating",       "assessment_window_days", "evidence_min",
        "evidence_window_days", "evidence_visibility_min", "disagreement_delta", "min_months_in_level",
        "plan_lead_days",       "max_goals",           "require_alignment",    "cadence_days",
        "stale_days",           "feedback_window_days", "schedule_max",        "credit",
        "criteria_min",         "sustained_days",      "anonymity_min"};
    return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
  }

  int days(const bj::value& v, std::int64_t lo) { return static_cast<int>(w_.integer(v, lo, kMaxDays)); }

  void review_scale(const bj::value& v) {
    const bj::array& a = w_.array(v);
    std::vector<std::string> labels;
    IdSet seen;
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto scope = w_.at(i);
      const std::string_view label = w_.string(a[i]);
      seen.add(w_, label, "review rating");
      labels.emplace_back(label);
    }
    if (labels.empty()) w_.fail(ErrorCode::invalid_value, "a review scale needs at least 1 label");
    fw_.policy.review_scale = std::move(labels);
  }

  /// `review_min` (default "meets") must be a label of `review_scale`.
  void check_review_min() {
    const auto& scale = fw_.policy.review_scale;
    auto it = std::find(scale.begin(), scale.end(), review_min_);
    if (it == scale.end()) {
      auto p = w_.at("policy");
      auto k = w_.at("review_min");
      w_.fail(ErrorCode::invalid_value, "review_min " + quoted(review_min_) + " is not a label of review_scale");
    }
    fw_.policy.review_min = static_cast<int>(it - scale.begin());
  }

  void calendar(const bj::object& o) {
    Calendar& cal = fw_.calendar;
    std::int64_t effective_after = 0;
    if (const bj::value* v = Walker::optional(o, "effective_after_days")) {
      auto scope = w_.at("effective_after_days");
      effective_after = w_.integer(*v, 0, kMaxDays);
    }
    const bool listed = Walker::optional(o, "cycles") != nullptr;
    IdSet ids;
    w_.each(o, "cycles", [&](const bj::value& v, std::size_t) {
      const bj::object& co = w_.object(v);
      Cycle c;
      c.id = ids.take(w_, co, "cycle");
      c.decision = w_.required_date(co, "decision");
      c.effective = w_.optional_date(co, "effective").value_or(add_days(c.decision, effective_after));
      cal.cycles.push_back(std::move(c));
    });
    const bj::value* every = Walker::optional(o, "every_months");
    const bj::value* first = Walker::optional(o, "first_decision");
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
    if (const bj::value* v = Walker::optional(o, "weekend")) {
      auto scope = w_.at("weekend");
      const bj::array& a = w_.array(*v);
      cal.business.weekend.fill(false);
      for (std::size_t i = 0; i < a.size(); ++i) {
        auto item = w_.at(i);
        cal.business.weekend[w_.choice(a[i], kWeekdays)] = true;
      }
      if (std::all_of(cal.business.weekend.begin(), cal.business.weekend.end(), [](bool b) { return b; }))
        w_.fail(ErrorCode::invalid_value, "every day of the week is a weekend day");
    }
    w_.each(o, "holidays", [&](const bj::value& v, std::size_t) { cal.business.holidays.push_back(w_.date(v)); });
    auto& h = cal.business.holidays;
    std::sort(h.begin(), h.end());
    h.erase(std::unique(h.begin(), h.end()), h.end());

    if (listed) {
      std::stable_sort(cal.cycles.begin(), cal.cycles.end(),
                       [](const Cycle& a, const Cycle& b) { return a.decision < b.decision; });
    } else if (every) {
      // Cycle k decides on first_decision + k * every_months (never chained).
      for (int k = 0; k < 40; ++k) {
        Cycle c;
        c.decision = add_months(*first_decision, k * static_cast<int>(every_months));
        c.effective = add_days(c.decision, effective_after);
        c.id = format_year_month(c.decision);
        cal.cycles.push_back(std::move(c));
      }
    }
    for (std::size_t i = 0; i < cal.cycles.size(); ++i) fw_.cycle_index.emplace(cal.cycles[i].id, i);
  }

  Walker w_{Document::framework};
  Framework fw_;
  std::string review_min_ = "meets";
};

// ------------------------------------------------------------ case

class CaseDecoder {
 public:
  explicit CaseDecoder(const Framework& fw) : fw_(fw) {}

  Case run(const bj::value& doc) {
    const bj::object& root = w_.object(doc);
    c_.version = w_.schema(root, "rung.case", 2);
    if (c_.version > fw_.version) {
      auto scope = w_.at("schema");
      w_.fail(ErrorCode::invalid_value, "a rung.case/2 needs a rung.framework/2");
    }
    c_.as_of = w_.required_date(root, "as_of");
    {
      const bj::value& e = w_.required(root, "employee");
      auto scope = w_.at("employee");
      employee(w_.object(e));
    }
    w_.each(root, "assessments", [&](const bj::value& v, std::size_t) { assessment(w_.object(v)); });
    IdSet evidence_ids(Walker::size_of(root, "evidence"));
    w_.each(root, "evidence", [&](const bj::value& v, std::size_t) { evidence(w_.object(v), evidence_ids); });
    if (const bj::value* p = Walker::optional(root, "plan")) {
      auto scope = w_.at("plan");
      plan(w_.object(*p));
    }
    w_.each(root, "checkins", [&](const bj::value& v, std::size_t) { checkin(w_.object(v)); });
    w_.each(root, "feedback", [&](const bj::value& v, std::size_t) {
      const bj::object& o = w_.object(v);
      Feedback f = feedback(o);
      f.date = w_.required_date(o, "date");
      c_.feedback.push_back(f);
    });
    return std::move(c_);
  }

 private:
  std::size_t level(std::string_view id) {
    auto it = fw_.level_index.find(id);
    if (it == fw_.level_index.end())
      w_.fail(ErrorCode::unknown_reference, "unknown level " + quoted(id));
    return it->second;
  }

  std::size_t competency(const bj::value& v) {
    const auto s = w_.string(v);
    auto it = fw_.competency_index.find(s);
    if (it == fw_.competency_index.end())
      w_.fail(ErrorCode::unknown_reference, "unknown competency " + quoted(s));
    return it->second;
  }

  void employee(const bj::object& o) {
    Employee& e = c_.employee;
    e.id = w_.required_string(o, "id");
    e.level = w_.required_string(o, "level");
    {
      auto scope = w_.at("level");
      c_.level = level(e.level);
    }
    const Level& from = fw_.levels[c_.level];
    if (c_.version >= 2) {
      if (const bj::value* t = Walker::optional(o, "track")) {
        auto scope = w_.at("track");
        e.track = w_.string(*t);
        if (!from.on_track(*e.track))
          w_.fail(ErrorCode::invalid_value, "level " + quoted(from.id) + " is not on track " + quoted(*e.track));
      }
      if (const bj::value* n = Walker::optional(o, "name")) {
        auto scope = w_.at("name");
        e.name = w_.string(*n);
        if (e.name.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
          w_.fail(ErrorCode::invalid_value, "a name is not blank");
      }
    }
    c_.tracks = m1_tracks(from, e.track);
    if (const bj::value* t = Walker::optional(o, "target")) {
      auto scope = w_.at("target");
      e.target = w_.string(*t);
      const std::size_t target = level(*e.target);
      const Level& to = fw_.levels[target];
      if (!classify_move(from, to))
        w_.fail(ErrorCode::invalid_move, target == c_.level ? "the target is the current level"
                                                            : "the target " + quoted(to.id) + " is not a promotion or a sideways move");
      c_.target = target;
    } else {
      auto candidates = m1_candidates(fw_, c_.level, c_.tracks);
      if (candidates.size() == 1) c_.target = candidates.front();
      else if (candidates.size() > 1) c_.candidates = std::move(candidates);
    }
    e.in_level_since = w_.optional_date(o, "in_level_since");
    if (const bj::value* r = Walker::optional(o, "last_review")) {
      auto scope = w_.at("last_review");
      const bj::object& ro = w_.object(*r);
      Review review;
      {
        const bj::value& rating = w_.required(ro, "rating");
        auto rs = w_.at("rating");
        const auto label = w_.string(rating);
        const auto& scale = fw_.policy.review_scale;
        auto it = std::find(scale.begin(), scale.end(), label);
        if (it == scale.end())
          w_.fail(ErrorCode::invalid_value, quoted(label) + " is not a label of review_scale");
        review.rating = static_cast<int>(it - scale.begin());
      }
      review.date = w_.required_date(ro, "date");
      e.last_review = review;
    }
    e.motivation = w_.optional_string(o, "motivation");
  }

  void assessment(const bj::object& o) {
    Assessment a;
    {
      const bj::value& v = w_.required(o, "competency");
      auto scope = w_.at("competency");
      a.competency = competency(v);
    }
    {
      const bj::value& v = w_.required(o, "rater");
      auto scope = w_.at("rater");
      a.rater = static_cast<Rater>(w_.choice(v, kRaters));
    }
    if (a.rater == Rater::stakeholder) a.rater_id = w_.required_string(o, "rater_id");
    else w_.optional_string(o, "rater_id");
    {
      const bj::value& v = w_.required(o, "level");
      auto scope = w_.at("level");
      a.level = proficiency(w_, fw_.scale, v);
    }
    a.date = w_.required_date(o, "date");
    c_.assessments.push_back(std::move(a));
  }

  /// A criterion id (/2 cases).
  std::size_t criterion(const bj::value& v) {
    const auto s = w_.string(v);
    auto it = fw_.criterion_index.find(s);
    if (it == fw_.criterion_index.end()) w_.fail(ErrorCode::unknown_reference, "unknown criterion " + quoted(s));
    return it->second;
  }

  void evidence(const bj::object& o, IdSet& ids) {
    Evidence e;
    e.id = ids.take(w_, o, "evidence");
    e.title = w_.optional_string(o, "title");
    e.link = w_.optional_string(o, "link");
    e.date = w_.required_date(o, "date");
    if (c_.version == 1) {
      w_.each_required(o, "competencies", [&](const bj::value& v, std::size_t) { e.competencies.push_back(competency(v)); });
    } else {
      // /2: competencies, criteria or both, at least one of either.
      w_.each(o, "competencies", [&](const bj::value& v, std::size_t) { e.competencies.push_back(competency(v)); });
      w_.each(o, "criteria", [&](const bj::value& v, std::size_t) { e.criteria.push_back(criterion(v)); });
      if (e.competencies.empty() && e.criteria.empty()) {
        auto scope = w_.at("competencies");
        w_.fail(ErrorCode::missing_field, "an evidence item names at least one competency or criterion");
      }
    }
    {
      const bj::value& v = w_.required(o, "visibility");
      auto scope = w_.at("visibility");
      e.visibility = static_cast<Visibility>(w_.choice(v, kVisibilities));
    }
    c_.evidence.push_back(std::move(e));
  }

  void plan(const bj::object& o) {
    Plan& p = c_.plan;
    p.agreed_on = w_.optional_date(o, "agreed_on");
    if (const bj::value* t = Walker::optional(o, "target_cycle")) {
      auto scope = w_.at("target_cycle");
      const std::string_view id = w_.string(*t);
      auto it = fw_.cycle_index.find(id);
      if (it == fw_.cycle_index.end())
        w_.fail(ErrorCode::unknown_reference, "unknown cycle " + quoted(id));
      p.target_cycle = it->second;
    }
    IdSet goal_ids(Walker::size_of(o, "goals"));
    w_.each(o, "goals", [&](const bj::value& v, std::size_t) {
      const bj::object& go = w_.object(v);
      Goal g;
      g.id = goal_ids.take(w_, go, "goal");
      g.title = w_.optional_string(go, "title");
      if (const bj::value* h = Walker::optional(go, "horizon")) {
        auto scope = w_.at("horizon");
        g.horizon = p6_parse_horizon(w_.string(*h));
        if (!g.horizon) w_.fail(ErrorCode::invalid_value, "a horizon is 1-9999 of d, w, m or y, like 6m or 1y");
      }
      w_.each(go, "objectives", [&](const bj::value& ov, std::size_t) { g.objectives.push_back(w_.string(ov)); });
      p.goals.push_back(std::move(g));
    });
    IdSet milestone_ids(Walker::size_of(o, "milestones"));
    w_.each(o, "milestones", [&](const bj::value& v, std::size_t) {
      const bj::object& mo = w_.object(v);
      Milestone m;
      m.id = milestone_ids.take(w_, mo, "milestone");
      if (const bj::value* g = Walker::optional(mo, "goal")) {
        auto scope = w_.at("goal");
        m.goal = w_.string(*g);
        if (!goal_ids.contains(m.goal)) w_.fail(ErrorCode::unknown_reference, "unknown goal " + quoted(m.goal));
      }
      w_.each(mo, "addresses", [&](const bj::value& av, std::size_t) {
        // /2: a criterion id beside the competency ids.
        if (c_.version >= 2 && av.is_string() &&
            fw_.criterion_index.count(std::string_view(av.get_string().data(), av.get_string().size())))
          m.addresses_criteria.push_back(criterion(av));
        else
          m.addresses.push_back(competency(av));
      });
      m.action = w_.optional_string(mo, "action");
      m.metric = w_.optional_string(mo, "metric");
      m.success_criteria = w_.optional_string(mo, "success_criteria");
      m.created = w_.optional_date(mo, "created");
      m.deadline = w_.optional_date(mo, "deadline");
      w_.each(mo, "progress", [&](const bj::value& pv, std::size_t) {
        const bj::object& po = w_.object(pv);
        Progress entry;
        entry.date = w_.required_date(po, "date");
        const bj::value& value = w_.required(po, "value");
        auto scope = w_.at("value");
        entry.value = w_.share(value);
        m.progress.push_back(entry);
      });
      m.done = w_.optional_bool(mo, "done", false);
      p.milestones.push_back(std::move(m));
    });
  }

  /// `kind` and `channel` of a feedback item (its date depends on where it sits).
  Feedback feedback(const bj::object& o) {
    Feedback f;
    {
      const bj::value& v = w_.required(o, "kind");
      auto scope = w_.at("kind");
      f.kind = static_cast<FeedbackKind>(w_.choice(v, kFeedbackKinds));
    }
    {
      const bj::value& v = w_.required(o, "channel");
      auto scope = w_.at("channel");
      f.channel = static_cast<Channel>(w_.choice(v, kChannels));
    }
    w_.optional_string(o, "from");
    w_.optional_string(o, "text");
    return f;
  }

  void checkin(const bj::object& o) {
    Checkin c;
    c.date = w_.required_date(o, "date");
    c.with = w_.required_string(o, "with");
    w_.each(o, "feedback", [&](const bj::value& v, std::size_t) {
      Feedback f = feedback(w_.object(v));
      f.date = c.date;
      c.feedback.push_back(f);
    });
    w_.each(o, "blockers", [&](const bj::value& v, std::size_t) {
      const bj::object& bo = w_.object(v);
      Blocker b;
      b.text = w_.required_string(bo, "text");
      b.resolved = w_.optional_bool(bo, "resolved", false);
      c.blockers.push_back(std::move(b));
    });
    c_.checkins.push_back(std::move(c));
  }

  const Framework& fw_;
  Walker w_{Document::case_};
  Case c_;
};

}  // namespace

Expected<Framework> decode_framework(const bj::value& doc) {
  try {
    return FrameworkDecoder().run(doc);
  } catch (Failure& f) {
    return std::move(f.error);
  }
}

Expected<Case> decode_case(const bj::value& doc, const Framework& fw) {
  try {
    return CaseDecoder(fw).run(doc);
  } catch (Failure& f) {
    return std::move(f.error);
  }
}

}  // namespace rung::json
