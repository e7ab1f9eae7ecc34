// SPDX-License-Identifier: MIT
// Properties over hundreds of seeded, generated cases against the example
// framework: determinism, order independence, monotonicity, and error paths
// that resolve in the input.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include <boost/json.hpp>

#include "rung/engine.hpp"

namespace bj = boost::json;
using namespace rung;

namespace {

constexpr int kCases = 300;

const Engine& engine() {
  static const Engine e = *Engine::load(builtin_framework());
  return e;
}

/// Random valid cases for the example framework (examples/framework.json).
class CaseGen {
 public:
  explicit CaseGen(std::uint64_t seed) : rnd_(seed) {}

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rnd_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rnd_); }
  template <class T>
  const T& one(const std::vector<T>& v) { return v[static_cast<std::size_t>(pick(0, static_cast<int>(v.size()) - 1))]; }
  std::string date(int offset) { return format_date(add_days(as_of_, offset)); }
  std::mt19937_64& rnd() { return rnd_; }

  bj::object make() {
    as_of_ = add_days(Date(2026, 1, 1), pick(0, 700));
    static const std::vector<std::string> comps{"design", "delivery", "quality", "mentoring", "influence", "ops"};
    static const std::vector<std::pair<std::string, std::vector<std::string>>> moves{
        {"E2", {"", "E3", "E4", "M4"}}, {"E3", {"", "E4", "E5", "M4"}}, {"E4", {"", "E5", "M4", "M5"}}, {"M4", {"", "M5"}}};
    const auto& move = one(moves);
    bj::object employee{{"id", "e-" + std::to_string(pick(1, 999))}, {"level", move.first}};
    if (const std::string& t = one(move.second); !t.empty()) employee["target"] = t;
    if (chance(0.7)) employee["in_level_since"] = date(-pick(30, 900));
    if (chance(0.6))
      employee["last_review"] = {{"rating", one(std::vector<std::string>{"below", "partially", "meets", "exceeds"})},
                                 {"date", date(-pick(-10, 500))}};
    bj::array assessments;
    for (int i = pick(0, 22); i > 0; --i) {
      const std::string rater = one(std::vector<std::string>{"self", "manager", "manager", "stakeholder"});
      bj::object a{{"competency", one(comps)}, {"rater", rater}, {"date", date(-pick(-5, 420))}};
      if (chance(0.2)) a["level"] = one(std::vector<std::string>{"none", "basic", "working", "strong", "expert"});
      else a["level"] = pick(0, 4);
      if (rater == "stakeholder") a["rater_id"] = "p-" + std::to_string(pick(1, 4));
      assessments.push_back(std::move(a));
    }
    bj::array evidence;
    for (int i = 0, n = pick(0, 6); i < n; ++i) {
      bj::array cs;
      for (const auto& c : comps)
        if (chance(0.3)) cs.push_back(bj::value(c));
      evidence.push_back(bj::object{{"id", "ev-" + std::to_string(i)}, {"date", date(-pick(-5, 420))},
                                    {"competencies", std::move(cs)},
                                    {"visibility", one(std::vector<std::string>{"private", "manager", "stakeholders",
                                                                                "decision_makers"})}});
    }
    bj::object c{{"schema", "rung.case/1"}, {"as_of", format_date(as_of_)}, {"employee", std::move(employee)},
                 {"assessments", std::move(assessments)}, {"evidence", std::move(evidence)}};
    if (chance(0.8)) c["plan"] = plan(comps);
    bj::array checkins;
    std::vector<int> days;  // distinct dates: same-date ties are order-sensitive by design
    for (int i = pick(0, 6); i > 0; --i) days.push_back(pick(-5, 200));
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    for (int d : days) {
      bj::array feedback, blockers;
      for (int k = pick(0, 2); k > 0; --k)
        feedback.push_back(bj::object{{"kind", one(std::vector<std::string>{"constructive", "praise", "generic"})},
                                      {"channel", chance(0.5) ? "direct" : "indirect"}});
      for (int k = pick(0, 2); k > 0; --k)
        blockers.push_back(bj::object{{"text", "blocker " + std::to_string(pick(1, 9))}, {"resolved", chance(0.5)}});
      checkins.push_back(bj::object{{"date", date(-d)}, {"with", chance(0.7) ? "manager" : "peer"},
                                    {"feedback", std::move(feedback)}, {"blockers", std::move(blockers)}});
    }
    c["checkins"] = std::move(checkins);
    return c;
  }

 private:
  bj::object plan(const std::vector<std::string>& comps) {
    bj::object p;
    if (chance(0.8)) p["agreed_on"] = date(-pick(-10, 400));
    if (chance(0.5)) p["target_cycle"] = one(std::vector<std::string>{"2026-H2", "2027-H1", "2027-H2", "2028-H1"});
    bj::array goals;
    for (int i = 0, n = pick(0, 4); i < n; ++i) {
      bj::object g{{"id", "g-" + std::to_string(i)}};
      if (chance(0.7)) g["horizon"] = one(std::vector<std::string>{"30d", "6m", "51w", "52w", "1y", "2y"});
      if (chance(0.7)) g["objectives"] = bj::array{"okr-1"};
      goals.push_back(std::move(g));
    }
    bj::array milestones;
    for (int i = 0, n = pick(0, 5); i < n; ++i) {
      bj::array progress;
      double v = 0;
      for (int k = pick(0, 3); k > 0; --k) {
        v = std::min(1.0, v + pick(0, 40) / 100.0);
        progress.push_back(bj::object{{"date", date(-pick(-10, 120))}, {"value", v}});
      }
      bj::object m{{"id", "m-" + std::to_string(i)}, {"addresses", bj::array{bj::value(one(comps))}},
                   {"action", chance(0.9) ? "act" : " "}, {"metric", "metric"}, {"success_criteria", "done when"},
                   {"progress", std::move(progress)}, {"done", chance(0.15)}};
      if (chance(0.8)) m["created"] = date(-pick(0, 200));
      if (chance(0.85)) m["deadline"] = date(pick(-60, 240));
      milestones.push_back(std::move(m));
    }
    p["goals"] = std::move(goals);
    p["milestones"] = std::move(milestones);
    return p;
  }

  std::mt19937_64 rnd_;
  Date as_of_;
};

std::string report_json(const bj::object& c) {
  std::string out;
  REQUIRE(engine().evaluate_json(bj::serialize(c), out));
  return out;
}

Report report(const bj::object& c) {
  auto r = engine().evaluate(bj::serialize(c));
  REQUIRE(r);
  return std::move(*r);
}

/// Worse-to-better rank of a verdict.
int rank(Verdict v) {
  switch (v) {
    case Verdict::blocked: return 0;
    case Verdict::not_ready: return 1;
    case Verdict::close: return 2;
    case Verdict::ready: return 3;
    case Verdict::no_target: return -1;
  }
  return -1;
}

/// The report with each expectation's evidence_ids sorted (their order is
/// the case's evidence order, docs/rules.md).
std::string without_evidence_order(const std::string& json) {
  bj::value v = bj::parse(json);
  for (auto& x : v.at("expectations").as_array()) {
    auto& ids = x.at("evidence_ids").as_array();
    std::sort(ids.begin(), ids.end(), [](const bj::value& a, const bj::value& b) { return a.as_string() < b.as_string(); });
  }
  return bj::serialize(v);
}

/// Replaces or removes one member or item somewhere in `doc`.
void mutate(CaseGen& gen, bj::value& doc, const std::vector<bj::value>& junk) {
  bj::value* at = &doc;
  for (int depth = gen.pick(1, 4); depth > 0; --depth) {
    if (at->is_object() && !at->as_object().empty()) {
      auto& o = at->as_object();
      auto it = o.begin() + gen.pick(0, static_cast<int>(o.size()) - 1);
      if (depth == 1) {
        if (gen.chance(0.3)) o.erase(it);
        else it->value() = gen.one(junk);
        return;
      }
      at = &it->value();
    } else if (at->is_array() && !at->as_array().empty()) {
      auto& a = at->as_array();
      auto& item = a[static_cast<std::size_t>(gen.pick(0, static_cast<int>(a.size()) - 1))];
      if (depth == 1) {
        item = gen.one(junk);
        return;
      }
      at = &item;
    } else {
      *at = gen.one(junk);
      return;
    }
  }
}

/// The error's path resolves in the document; for `missing_field` its
/// parent does (and, when `absent`, the member itself does not).
void check_error_path(const bj::value& doc, const InputError& e, bool absent) {
  CAPTURE(e.path);
  CAPTURE(name(e.code));
  bj::error_code ec;
  if (e.code == ErrorCode::missing_field) {
    const auto slash = e.path.rfind('/');
    REQUIRE(slash != std::string::npos);
    CHECK(doc.find_pointer(e.path.substr(0, slash), ec) != nullptr);
    if (absent) CHECK(doc.find_pointer(e.path, ec) == nullptr);
  } else {
    CHECK(doc.find_pointer(e.path, ec) != nullptr);
  }
}

}  // namespace

TEST_CASE("property: the same input gives byte-identical output" * doctest::test_suite("property")) {
  CaseGen gen(1);
  for (int i = 0; i < kCases; ++i) {
    const std::string text = bj::serialize(gen.make());
    std::string a, b, c;
    engine().evaluate_json(text, a);
    engine().evaluate_json(text, b);
    auto fresh = Engine::load(builtin_framework());
    fresh->evaluate_json(text, c);
    CHECK(a == b);
    CHECK(a == c);
  }
}

TEST_CASE("property: order of evidence, check-ins and framework competencies does not matter" *
          doctest::test_suite("property")) {
  CaseGen gen(2);
  bj::value fw = bj::parse(builtin_framework());
  auto& comps = fw.at("competencies").as_array();
  std::reverse(comps.begin(), comps.end());
  auto reversed = Engine::load(bj::serialize(fw));
  REQUIRE(reversed);
  for (int i = 0; i < kCases; ++i) {
    bj::object c = gen.make();
    const std::string before = report_json(c);
    std::string other_framework;
    reversed->evaluate_json(bj::serialize(c), other_framework);
    CHECK(other_framework == before);
    std::shuffle(c["evidence"].as_array().begin(), c["evidence"].as_array().end(), gen.rnd());
    std::shuffle(c["checkins"].as_array().begin(), c["checkins"].as_array().end(), gen.rnd());
    CHECK(without_evidence_order(report_json(c)) == without_evidence_order(before));
  }
}

TEST_CASE("property: a higher manager rating or more counted evidence never lowers coverage or the verdict" *
          doctest::test_suite("property")) {
  CaseGen gen(3);
  int raised = 0, added = 0;
  for (int i = 0; i < kCases; ++i) {
    bj::object c = gen.make();
    const Report base = report(c);
    if (base.verdict == Verdict::no_target) continue;
    // Raise the level of one manager assessment.
    bj::object higher = c;
    for (auto& a : higher["assessments"].as_array()) {
      auto& o = a.as_object();
      if (o["rater"] != "manager" || !o["level"].is_int64() || o["level"].as_int64() >= 4) continue;
      o["level"] = o["level"].as_int64() + 1;
      const Report r = report(higher);
      CHECK(*r.coverage >= *base.coverage - 1e-12);
      CHECK(*r.current_coverage >= *base.current_coverage - 1e-12);
      CHECK(rank(r.verdict) >= rank(base.verdict));
      ++raised;
      break;
    }
    // Add an evidence item that counts.
    bj::object more = c;
    more["evidence"].as_array().push_back(bj::object{{"id", "ev-new"}, {"date", c["as_of"]},
                                                     {"competencies", bj::array{gen.one(std::vector<std::string>{
                                                                          "design", "delivery", "ops"})}},
                                                     {"visibility", "decision_makers"}});
    const Report r = report(more);
    CHECK(*r.coverage >= *base.coverage - 1e-12);
    CHECK(rank(r.verdict) >= rank(base.verdict));
    ++added;
  }
  CHECK(raised > kCases / 4);
  CHECK(added > kCases / 2);
}

TEST_CASE("property: a later manager check-in never raises overdue_days" * doctest::test_suite("property")) {
  CaseGen gen(4);
  int checked = 0;
  for (int i = 0; i < kCases; ++i) {
    bj::object c = gen.make();
    const Report base = report(c);
    if (!base.followup.last_checkin) continue;  // "later" needs an earlier one
    const Date last = *base.followup.last_checkin;
    const int span = static_cast<int>(std::min<std::int64_t>(days_between(last, base.as_of), 400));
    if (span < 1) continue;
    const Date when = add_days(last, gen.pick(1, span));
    c["checkins"].as_array().push_back(bj::object{{"date", format_date(when)}, {"with", "manager"}});
    const Report r = report(c);
    CHECK(r.followup.overdue_days <= base.followup.overdue_days);
    CHECK(r.followup.last_checkin == when);
    ++checked;
  }
  CHECK(checked > kCases / 4);
}

TEST_CASE("property: every error path resolves in the input document" * doctest::test_suite("property")) {
  CaseGen gen(5);
  int errors = 0;
  for (int i = 0; i < kCases * 2; ++i) {
    bj::value doc = gen.make();
    mutate(gen, doc, {nullptr, true, 2.5, -1, "x", "2027-02-29", bj::array{}, bj::object{}});
    auto r = engine().evaluate(bj::serialize(doc));
    if (r) continue;
    ++errors;
    check_error_path(doc, r.error(), true);
  }
  CHECK(errors > kCases / 2);
}

// ------------------------------------------------------------ version 2

namespace {

/// The example framework as rung.framework/2: E2 and E3 shared by the ic and
/// mgmt tracks, two criteria on every expectation of E4, E5, M4 and M5, M5
/// gated, partial credit, 60 sustained days, anonymity from 2 raters.
const Engine& engine_v2() {
  static const Engine e = [] {
    bj::value fw = bj::parse(builtin_framework());
    fw.as_object()["schema"] = "rung.framework/2";
    for (auto& lv : fw.at("levels").as_array()) {
      auto& l = lv.as_object();
      const std::string id(l["id"].as_string());
      if (id == "E2" || id == "E3") l["tracks"] = bj::array{"ic", "mgmt"};
      else l["tracks"] = bj::array{l["track"]};
      l.erase("track");
      if (id == "M5") l["gate"] = "application";
      if (id == "E2" || id == "E3") continue;
      for (auto& x : l["expectations"].as_array()) {
        const std::string c(x.at("competency").as_string());
        x.as_object()["criteria"] = bj::array{bj::object{{"id", id + "-" + c + "-1"}, {"text", "first"}, {"weight", 2}},
                                              bj::object{{"id", id + "-" + c + "-2"}, {"text", "second"}}};
      }
    }
    auto& policy = fw.at("policy").as_object();
    policy["credit"] = "partial";
    policy["criteria_min"] = 0.6;
    policy["sustained_days"] = 60;
    policy["anonymity_min"] = 2;
    auto engine = Engine::load(bj::serialize(fw));
    REQUIRE(engine);
    return *engine;
  }();
  return e;
}

/// A generated case made rung.case/2: evidence items also name criteria of
/// the levels above, some name only criteria.
bj::object make_v2(CaseGen& gen) {
  static const std::vector<std::string> criteria{"E4-design-1", "E4-design-2", "E4-delivery-1", "E4-mentoring-2",
                                                 "E4-ops-1",    "E5-design-1", "E5-influence-2", "M4-delivery-1",
                                                 "M4-ops-2",    "M5-mentoring-1"};
  bj::object c = gen.make();
  c["schema"] = "rung.case/2";
  for (auto& ev : c["evidence"].as_array()) {
    auto& o = ev.as_object();
    bj::array named;
    for (int k = gen.pick(0, 3); k > 0; --k) named.push_back(bj::value(gen.one(criteria)));
    if (!named.empty()) o["criteria"] = std::move(named);
    if (o["competencies"].as_array().empty() && !o.contains("criteria")) o["criteria"] = bj::array{"E4-ops-1"};
    if (gen.chance(0.2) && o.contains("criteria")) o.erase("competencies");
  }
  return c;
}

std::string report_json_v2(const bj::object& c) {
  std::string out;
  REQUIRE(engine_v2().evaluate_json(bj::serialize(c), out));
  return out;
}

/// A /2 report with every evidence_ids list sorted (the expectation's and
/// each criterion's: their order is the case's evidence order).
std::string without_evidence_order_v2(const std::string& json) {
  bj::value v = bj::parse(json);
  auto sort_ids = [](bj::value& ids) {
    auto& a = ids.as_array();
    std::sort(a.begin(), a.end(), [](const bj::value& x, const bj::value& y) { return x.as_string() < y.as_string(); });
  };
  for (auto& x : v.at("expectations").as_array()) {
    sort_ids(x.at("evidence_ids"));
    for (auto& k : x.at("criteria").as_array()) sort_ids(k.at("evidence_ids"));
  }
  return bj::serialize(v);
}

}  // namespace

TEST_CASE("property /2: byte-identical output, and the order of evidence and check-ins does not matter" *
          doctest::test_suite("property")) {
  CaseGen gen(6);
  for (int i = 0; i < kCases; ++i) {
    bj::object c = make_v2(gen);
    const std::string before = report_json_v2(c);
    CHECK(before.rfind("{\"schema\":\"rung.report/2\"", 0) == 0);
    CHECK(report_json_v2(c) == before);
    std::shuffle(c["evidence"].as_array().begin(), c["evidence"].as_array().end(), gen.rnd());
    std::shuffle(c["checkins"].as_array().begin(), c["checkins"].as_array().end(), gen.rnd());
    CHECK(without_evidence_order_v2(report_json_v2(c)) == without_evidence_order_v2(before));
  }
}

TEST_CASE("property /2: more counted evidence never lowers coverage, credit or the verdict" *
          doctest::test_suite("property")) {
  CaseGen gen(7);
  int added = 0;
  for (int i = 0; i < kCases; ++i) {
    bj::object c = make_v2(gen);
    auto base = engine_v2().evaluate(bj::serialize(c));
    REQUIRE(base);
    if (base->verdict == Verdict::no_target) continue;
    bj::object more = c;
    more["evidence"].as_array().push_back(
        bj::object{{"id", "ev-new"}, {"date", c["as_of"]}, {"competencies", bj::array{"design"}},
                   {"criteria", bj::array{"E4-design-1", "E5-design-2", "M4-delivery-1"}}, {"visibility", "decision_makers"}});
    auto r = engine_v2().evaluate(bj::serialize(more));
    REQUIRE(r);
    CHECK(*r->coverage >= *base->coverage - 1e-12);
    CHECK(rank(r->verdict) >= rank(base->verdict));
    for (std::size_t k = 0; k < r->expectations.size(); ++k) CHECK(r->expectations[k].credit >= base->expectations[k].credit - 1e-12);
    ++added;
  }
  CHECK(added > kCases / 2);
}

TEST_CASE("property /2: every error path resolves in the input document" * doctest::test_suite("property")) {
  CaseGen gen(8);
  int errors = 0;
  for (int i = 0; i < kCases * 2; ++i) {
    bj::value doc = make_v2(gen);
    mutate(gen, doc, {nullptr, true, 2.5, -1, "x", "E9-nope", bj::array{}, bj::object{}});
    auto r = engine_v2().evaluate(bj::serialize(doc));
    if (r) continue;
    ++errors;
    // In /2 an evidence item's empty `competencies` may be where the missing
    // member is reported (it must name a competency or a criterion).
    check_error_path(doc, r.error(), false);
  }
  CHECK(errors > kCases / 2);
}

// ------------------------------------------------------------ audiences

namespace {

/// A /2 case whose private data is recognisable: rater ids, feedback
/// authors and texts, evidence ids and titles by visibility, blockers.
bj::object make_private(CaseGen& gen) {
  bj::object c = make_v2(gen);
  for (auto& a : c["assessments"].as_array())
    if (auto* id = a.as_object().if_contains("rater_id")) *id = "RATER-" + std::string(id->as_string());
  int n = 0;
  for (auto& ev : c["evidence"].as_array()) {
    auto& o = ev.as_object();
    const std::string vis(o["visibility"].as_string());
    o["id"] = "EV-" + vis + "-" + std::to_string(n);
    o["title"] = "TITLE-" + vis + "-" + std::to_string(n++);
  }
  for (auto& ci : c["checkins"].as_array()) {
    auto& o = ci.as_object();
    for (auto& f : o["feedback"].as_array()) f.as_object()["text"] = "TEXT-" + std::to_string(n++);
    for (auto& b : o["blockers"].as_array()) b.as_object()["text"] = "BLOCKER-" + std::to_string(n++);
  }
  bj::array feedback;
  for (int k = gen.pick(0, 3); k > 0; --k)
    feedback.push_back(bj::object{{"date", c["as_of"]}, {"kind", "praise"}, {"channel", "indirect"},
                                  {"from", "FROM-" + std::to_string(n++)}, {"text", "TEXT-" + std::to_string(n++)}});
  c["feedback"] = std::move(feedback);
  return c;
}

/// The decision of a report: everything but what an audience may not see.
std::string decision(std::string json) {
  bj::value v = bj::parse(json);
  auto& o = v.as_object();
  o.erase("audience");
  for (auto& x : o["expectations"].as_array()) {
    x.as_object().erase("evidence_ids");
    for (auto& k : x.as_object()["criteria"].as_array()) k.as_object().erase("evidence_ids");
  }
  auto& agenda = o["followup"].as_object()["agenda"].as_array();
  agenda.erase(std::remove_if(agenda.begin(), agenda.end(), [](const bj::value& a) { return a.at("kind") == "blocker"; }),
               agenda.end());
  return bj::serialize(v);
}

}  // namespace

TEST_CASE("privacy: no audience sees a rater, a feedback author or text; the committee no private evidence nor "
          "blocker; the decision is the same for all" * doctest::test_suite("property")) {
  CaseGen gen(9);
  const Format formats[] = {Format::json, Format::text, Format::markdown, Format::html, Format::ics};
  int blockers = 0, private_items = 0, hidden_medians = 0;
  for (int i = 0; i < kCases / 3; ++i) {
    const std::string text = bj::serialize(make_private(gen));
    std::string full_decision;
    for (Audience a : {Audience::full, Audience::employee, Audience::manager, Audience::committee}) {
      CAPTURE(name(a));
      for (Format f : formats) {
        std::string out;
        REQUIRE(engine_v2().evaluate_for(text, {f, a, false}, out));
        CHECK(out.find("RATER-") == std::string::npos);
        CHECK(out.find("FROM-") == std::string::npos);
        CHECK(out.find("TEXT-") == std::string::npos);
        if (a == Audience::committee) {
          for (const char* hidden : {"-private-", "-manager-", "-stakeholders-"}) CHECK(out.find(hidden) == std::string::npos);
          CHECK(out.find("BLOCKER-") == std::string::npos);
        }
        if (a == Audience::manager) CHECK(out.find("-private-") == std::string::npos);
        if (f != Format::json) continue;
        if (a == Audience::full) full_decision = decision(out);
        else CHECK(decision(out) == full_decision);
        if (a == Audience::full) {
          blockers += out.find("BLOCKER-") != std::string::npos;
          private_items += out.find("EV-manager-") != std::string::npos;  // counted, not for the committee
          // Anonymity: fewer than 2 stakeholder raters show no median and raise no divergence.
          const bj::value report = bj::parse(out);
          for (const auto& x : report.at("expectations").as_array())
            if (x.at("stakeholder_raters").as_int64() < 2) {
              CHECK(x.at("stakeholders").is_null());
              for (const auto& flag : x.at("flags").as_array()) CHECK(flag != "stakeholder_divergence");
              hidden_medians += x.at("stakeholder_raters").as_int64() == 1;
            }
        }
      }
    }
  }
  // The property had something to hide.
  CHECK(blockers > 5);
  CHECK(private_items > 5);
  CHECK(hidden_medians > 5);
}
