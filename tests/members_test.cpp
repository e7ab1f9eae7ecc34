// SPDX-License-Identifier: MIT
// `warnings` and strict mode (docs/rules.md): the members a document holds that
// the contract does not name, as JSON Pointers in text order.
#include <doctest/doctest.h>

#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "json/members.hpp"
#include "json/parse.hpp"
#include "json/read.hpp"
#include "rung/engine.hpp"

using namespace rung;
using rung::json::unknown_members;

namespace {

/// A document parsed as rung parses one; text and tape live to the test's end.
const json::Node& parsed(std::string text) {
  static std::deque<std::string> texts;
  static std::deque<json::DocumentParser> parsers;
  auto doc = parsers.emplace_back().parse(texts.emplace_back(std::move(text)), Document::case_);
  REQUIRE(doc);
  return **doc;
}
const json::Node& parsed(const boost::json::object& o) { return parsed(boost::json::serialize(o)); }

std::vector<std::string> paths(const char* text, Document which, int version, std::size_t limit = 100) {
  std::vector<std::string> out;
  for (const auto& m : unknown_members(parsed(text), which, version, limit)) {
    CHECK(m.document == which);
    out.push_back(m.path);
  }
  return out;
}

std::vector<std::string> case_paths(const char* text, int version = 1) {
  return paths(text, Document::case_, version);
}

using Paths = std::vector<std::string>;

// A /1 case with every optional member.
const char* kFullCase = R"({
  "schema": "rung.case/1", "as_of": "2026-11-22",
  "employee": {"id": "e-123", "level": "E3", "target": "E4", "in_level_since": "2025-03-01",
               "last_review": {"rating": "meets", "date": "2026-04-15"}, "motivation": "m"},
  "assessments": [{"competency": "design", "rater": "stakeholder", "rater_id": "p-9", "level": 3,
                   "date": "2026-09-20"}],
  "evidence": [{"id": "ev-1", "title": "t", "date": "2026-05-10", "competencies": ["design"],
                "visibility": "stakeholders", "link": "https://x"}],
  "plan": {"agreed_on": "2026-06-01", "target_cycle": "2027-H1",
           "goals": [{"id": "g-1", "title": "t", "horizon": "1y", "objectives": ["okr-7"]}],
           "milestones": [{"id": "m-1", "goal": "g-1", "addresses": ["design"], "action": "a", "metric": "m",
                           "success_criteria": "s", "created": "2026-06-01", "deadline": "2027-02-28",
                           "progress": [{"date": "2026-07-01", "value": 0.1}], "done": false}]},
  "checkins": [{"date": "2026-10-15", "with": "manager",
                "feedback": [{"kind": "constructive", "channel": "direct", "text": "t", "from": "p-9"}],
                "blockers": [{"text": "t", "resolved": false}]}],
  "feedback": [{"date": "2026-09-01", "kind": "praise", "channel": "indirect", "text": "t", "from": "p-9"}]
})";

// A /2 framework like the contract's example, with a calendar of every member and a name.
const char* kFramework2 = R"({"schema": "rung.framework/2", "id": "acme-eng", "name": "Acme",
 "scale": ["none", "basic", "working", "strong", "expert"],
 "competencies": [{"id": "design", "name": "System design", "category": "technical"}],
 "levels": [
   {"id": "S1", "name": "Senior 1", "tracks": ["ic", "manager"], "rank": 3,
    "expectations": [{"competency": "design", "level": 3}]},
   {"id": "S2", "name": "Senior 2", "track": "ic", "rank": 4, "gate": "open",
    "expectations": [
      {"competency": "design", "level": 3, "weight": 2, "critical": true, "description": "d",
       "criteria": [
         {"id": "s2-design-1", "text": "Designs systems that other teams build on", "weight": 2},
         {"id": "s2-design-2", "text": "Reviews designs across the group"}]}]},
   {"id": "EM", "name": "Engineering manager", "track": "manager", "rank": 4, "gate": "application",
    "expectations": []}
 ],
 "policy": {"credit": "partial", "criteria_min": 1, "sustained_days": 90, "anonymity_min": 3},
 "calendar": {"cycles": [{"id": "2027-H1", "decision": "2027-03-15", "effective": "2027-04-01"}],
              "every_months": 6, "first_decision": "2027-03-15", "effective_after_days": 17,
              "weekend": ["Sat", "Sun"], "holidays": ["2026-12-25"]}})";

std::string read(const std::string& name) {
  std::ifstream in(std::string(RUNG_EXAMPLES_DIR) + "/" + name);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("W unknown members in text order" * doctest::test_suite("members")) {
  CHECK(case_paths(R"({"schema": "rung.case/1", "zeta": 1, "as_of": "2026-11-22",
                       "assesments": [{"competency": "design"}], "alpha": {"id": 1}})") ==
        Paths{"/zeta", "/assesments", "/alpha"});
  // The framework too, with its document.
  const auto fw = unknown_members(parsed(R"({"schema": "rung.framework/1", "levls": []})"),
                                  Document::framework, 1);
  REQUIRE(fw.size() == 1);
  CHECK(fw[0] == json::UnknownMember{Document::framework, "/levls"});
}

TEST_CASE("W nested unknown members carry their array indexes" * doctest::test_suite("members")) {
  CHECK(case_paths(R"({"employee": {"id": "e", "levle": "E3", "last_review": {"rating": "meets", "score": 3}},
      "evidence": [{"id": "a", "title": "t"}, {"id": "b", "titel": "t"}],
      "plan": {"goals": [{"id": "g", "horizon": "1y", "okr": []}],
               "milestones": [{"id": "m", "progress": [{"date": "2026-01-01"}, {"valeu": 0.5}]}]},
      "checkins": [{"date": "2026-10-15", "feedback": [{"kind": "praise", "date": "2026-10-14"}],
                    "blockers": [{"text": "t", "resolvd": true}]}],
      "feedback": [{"date": "2026-09-01", "chanel": "direct"}]})") ==
        Paths{"/employee/levle", "/employee/last_review/score", "/evidence/1/titel", "/plan/goals/0/okr",
              "/plan/milestones/0/progress/1/valeu",
              "/checkins/0/feedback/0/date",  // a check-in's feedback is dated by the check-in
              "/checkins/0/blockers/0/resolvd", "/feedback/0/chanel"});
  CHECK(paths(R"({"competencies": [{"id": "a", "label": "x"}],
      "levels": [{"id": "E3", "expectations": [{"competency": "a", "level": 1, "wieght": 2}]}],
      "calendar": {"cycles": [{"id": "c", "decided": "2027-01-01"}], "weekends": ["Sat"]}})",
              Document::framework, 2) ==
        Paths{"/competencies/0/label", "/levels/0/expectations/0/wieght", "/calendar/cycles/0/decided",
              "/calendar/weekends"});
}

TEST_CASE("W keys with / and ~ are escaped in the path" * doctest::test_suite("members")) {
  CHECK(case_paths(R"({"a/b": 1, "m~n": 2, "~/": 3, "employee": {"x~1": 4}})") ==
        Paths{"/a~1b", "/m~0n", "/~0~1", "/employee/x~01"});
}

TEST_CASE("W x- extensions are skipped with everything inside" * doctest::test_suite("members")) {
  CHECK(case_paths(R"({"x-source": {"titel": 1, "deep": [{"more": 2}]},
      "evidence": [{"id": "a", "x-db": {"titel": 1}, "x-": 2, "titel": 3}],
      "employee": {"x-row": 7, "X-row": 8, "xrow": 9}})") ==
        Paths{"/evidence/0/titel", "/employee/X-row", "/employee/xrow"});
  CHECK(paths(R"({"x-owner": "hr", "levels": [{"id": "E3", "x-grade": {"band": 4}}]})", Document::framework, 1)
            .empty());
}

TEST_CASE("W a /1 case cannot name criteria, a track or a name; a /2 case can" *
          doctest::test_suite("members")) {
  const char* c = R"({"employee": {"id": "e", "name": "Ada", "track": "ic"},
                      "evidence": [{"id": "a", "criteria": ["s2-design-1"]}]})";
  // A /1 case evaluated against a /2 framework is still a /1 case.
  CHECK(case_paths(c, 1) == Paths{"/employee/name", "/employee/track", "/evidence/0/criteria"});
  CHECK(case_paths(c, 2).empty());
}

TEST_CASE("W a /1 framework cannot name tracks, gates or criteria; a /2 framework can" *
          doctest::test_suite("members")) {
  CHECK(paths(kFramework2, Document::framework, 1) ==
        Paths{"/levels/0/tracks", "/levels/1/gate", "/levels/1/expectations/0/criteria", "/levels/2/gate"});
  CHECK(paths(kFramework2, Document::framework, 2).empty());
  // Criteria are walked in /2 (their members are named too).
  CHECK(paths(R"({"levels": [{"expectations": [{"criteria": [{"id": "c", "txt": "t"}]}]}]})",
              Document::framework, 2) == Paths{"/levels/0/expectations/0/criteria/0/txt"});
}

TEST_CASE("W every member the contract names is known" * doctest::test_suite("members")) {
  CHECK(case_paths(kFullCase, 1).empty());
  CHECK(case_paths(kFullCase, 2).empty());
}

TEST_CASE("W policy is the decoder's: never inspected here" * doctest::test_suite("members")) {
  CHECK(paths(R"({"policy": {"coverge_min": 0.8, "x-team": 1}})", Document::framework, 2).empty());
}

TEST_CASE("W at most limit members, the first ones in text order" * doctest::test_suite("members")) {
  boost::json::object top;
  boost::json::array evidence;
  for (int i = 0; i < 150; ++i) {
    top[std::string("u") + std::to_string(1000 + i)] = i;
    evidence.push_back(boost::json::object{{"id", "e"}, {"bad", i}});
  }
  auto found = unknown_members(parsed(top), Document::case_, 1);
  REQUIRE(found.size() == 100);
  CHECK(found.front().path == "/u1000");
  CHECK(found.back().path == "/u1099");

  top = {{"evidence", evidence}};
  found = unknown_members(parsed(top), Document::case_, 2);
  REQUIRE(found.size() == 100);
  CHECK(found[99].path == "/evidence/99/bad");

  CHECK(unknown_members(parsed(top), Document::case_, 2, 0).empty());
  CHECK(unknown_members(parsed(top), Document::case_, 2, 1000).size() == 150);
}

// Through the engine: the warnings of a report, and strict mode's error.
// The framework is the built-in example (rung.framework/1, level E3).

namespace {

const char* kTypoCase = R"({"schema": "rung.case/1", "as_of": "2026-11-22",
  "employee": {"id": "e", "level": "E3", "lvl": "E4"}, "assesments": [], "x-source": {"row": 7}, "zz": 1})";

std::string with_member(std::string_view doc, const char* key) {
  auto v = boost::json::parse(doc);
  v.as_object()[key] = 1;
  return boost::json::serialize(v);
}

}  // namespace

TEST_CASE("W every report carries its warnings, /1 too; only /2 JSON shows them" * doctest::test_suite("members")) {
  const auto engine = Engine::load(builtin_framework());
  REQUIRE(engine);
  const auto report = engine->evaluate(kTypoCase);
  REQUIRE(report);
  // Text order; `x-source` is an extension, never listed.
  REQUIRE(report->warnings.size() == 3);
  CHECK(report->warnings[0].document == "case");
  CHECK(report->warnings[0].path == "/employee/lvl");
  CHECK(report->warnings[1].path == "/assesments");
  CHECK(report->warnings[2].path == "/zz");
  CHECK(to_json(*report).find("\"warnings\"") == std::string::npos);  // rung.report/1 has no such member
  std::vector<Warning> warnings;
  std::string out;
  CHECK(engine->evaluate_for(kTypoCase, {Format::text, Audience::full, false, false}, out, nullptr, &warnings));
  CHECK(warnings.size() == 3);
  CHECK(to_json(warnings).starts_with(R"([{"document":"case","code":"unknown_member","path":"/employee/lvl"},)"));

  // A /2 framework: the framework's member first, then the case's, in the JSON too.
  auto fw2 = boost::json::parse(builtin_framework());
  fw2.as_object()["schema"] = "rung.framework/2";
  fw2.as_object()["notes"] = "n";
  const auto engine2 = Engine::load(boost::json::serialize(fw2));
  REQUIRE(engine2);
  const auto report2 = engine2->evaluate(kTypoCase);
  REQUIRE(report2);
  REQUIRE(report2->warnings.size() == 4);
  CHECK(report2->warnings[0].document == "framework");
  CHECK(report2->warnings[0].path == "/notes");
  CHECK(to_json(*report2).find(R"("warnings":[{"document":"framework","code":"unknown_member","path":"/notes"},)") !=
        std::string::npos);
}

TEST_CASE("W strict mode: the first unknown member is unknown_field at its path" * doctest::test_suite("members")) {
  const auto engine = Engine::load(builtin_framework());
  REQUIRE(engine);
  const Engine::Options strict{Format::json, Audience::full, false, true};
  auto r = engine->evaluate(kTypoCase, strict);
  REQUIRE_FALSE(r);
  CHECK(r.error().document == Document::case_);
  CHECK(r.error().code == ErrorCode::unknown_field);
  CHECK(r.error().path == "/employee/lvl");  // the first in text order, not /assesments
  CHECK(r.error().message.find("\"lvl\"") != std::string::npos);
  // The member's name unescaped in the message, its pointer escaped (RFC 6901).
  r = engine->evaluate(R"({"schema": "rung.case/1", "as_of": "2026-11-22", "employee": {"id": "e", "level": "E3"},
                           "a/b~c": 1})",
                       strict);
  REQUIRE_FALSE(r);
  CHECK(r.error().path == "/a~1b~0c");
  CHECK(r.error().message.find("\"a/b~c\"") != std::string::npos);
  // Extensions are never errors; without unknown members strict changes nothing.
  CHECK(engine->evaluate(R"({"schema": "rung.case/1", "as_of": "2026-11-22", "x-id": 3,
                             "employee": {"id": "e", "level": "E3", "x-row": 1}})",
                         strict));
}

TEST_CASE("W strict mode: an unknown member comes after the document's other errors" * doctest::test_suite("members")) {
  const auto engine = Engine::load(builtin_framework());
  REQUIRE(engine);
  const Engine::Options strict{Format::json, Audience::full, false, true};
  // The typo is first in the text, the bad date after it: the date is the error.
  auto r = engine->evaluate(R"({"assesments": [], "schema": "rung.case/1", "as_of": "2026-02-30",
                                "employee": {"id": "e", "level": "E3"}})",
                            strict);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::invalid_date);
  CHECK(r.error().path == "/as_of");
  // An unknown level (a compile-time check) comes first too.
  r = engine->evaluate(R"({"zz": 1, "schema": "rung.case/1", "as_of": "2026-11-22", "employee": {"id": "e", "level": "E9"}})",
                       strict);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::unknown_reference);
}

TEST_CASE("W strict mode: the framework's unknown member comes before the case's" * doctest::test_suite("members")) {
  const std::string fw = with_member(builtin_framework(), "notes");
  auto loaded = Engine::load(fw, true);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().document == Document::framework);
  CHECK(loaded.error().code == ErrorCode::unknown_field);
  CHECK(loaded.error().path == "/notes");
  // Loaded without strict mode, the engine keeps the member: a strict
  // evaluation reports it before anything in the case, even a parse error.
  const auto engine = Engine::load(fw);
  REQUIRE(engine);
  auto r = engine->evaluate("{not json", {Format::json, Audience::full, false, true});
  REQUIRE_FALSE(r);
  CHECK(r.error().document == Document::framework);
  CHECK(r.error().path == "/notes");
  // A framework's other error comes before its unknown member.
  auto bad = boost::json::parse(fw);
  bad.as_object()["scale"] = boost::json::array{"one"};
  loaded = Engine::load(boost::json::serialize(bad), true);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().code == ErrorCode::invalid_value);
  CHECK(loaded.error().path == "/scale");
}

TEST_CASE("W a member of the wrong type is not descended" * doctest::test_suite("members")) {
  // The decoder reports the type_error; what is inside means nothing.
  CHECK(case_paths(R"({"evidence": 5, "employee": "e", "plan": [{"x": 1}], "assessments": {"bogus": 1},
                       "checkins": [1, null, {"feedback": {"x": 1}, "blockers": [["y"]], "wth": 2}],
                       "feedback": null})") == Paths{"/checkins/2/wth"});
  CHECK(paths(R"({"scale": [{"label": 1}], "calendar": [], "competencies": [{"id": "a", "nme": "n"}]})",
              Document::framework, 1) == Paths{"/competencies/0/nme"});
  // A root that is not an object has no members.
  CHECK(unknown_members(parsed("[{\"a\": 1}]"), Document::case_, 1).empty());
}

TEST_CASE("W the example documents name no unknown member" * doctest::test_suite("members")) {
  for (int version : {1, 2}) {
    CAPTURE(version);
    CHECK(unknown_members(parsed(read("framework.json")), Document::framework, version).empty());
    for (const char* name : {"close.json", "ready.json", "blocked.json"}) {
      CAPTURE(name);
      CHECK(unknown_members(parsed(read(name)), Document::case_, version).empty());
    }
  }
}

namespace {

/// Key nodes under `n` that a reader asked for by name.
std::size_t looked_up(const json::Node& n) {
  std::size_t count = 0;
  if (n.is_object()) {
    for (const auto& m : n) count += (m.key_node()->looked_up() ? 1 : 0) + looked_up(m.value());
  } else if (n.is_array()) {
    for (const json::Node& item : n.items()) count += looked_up(item);
  }
  return count;
}

}  // namespace

TEST_CASE("W the reader skips the walk only when it read every member by name" * doctest::test_suite("members")) {
  // read_case() with the document's member count trusts the reader: it asks
  // only for members the contract names for the version. Every variant
  // must list what the plain walk lists.
  std::vector<std::string> documents;
  for (const char* name : {"close.json", "ready.json", "blocked.json", "v2-choose-track.json", "v2-emerging.json",
                           "v2-partial.json"}) {
    const std::string text = read(name);
    documents.push_back(text);
    auto add = [&](auto&& edit) {
      boost::json::value v = boost::json::parse(text);
      edit(v.as_object());
      documents.push_back(boost::json::serialize(v));
    };
    add([](boost::json::object& o) { o["employee"].as_object()["nmae"] = "x"; });
    add([](boost::json::object& o) { o["employee"].as_object()["name"] = "Ann"; });    // /2 only
    add([](boost::json::object& o) { o["employee"].as_object()["track"] = "ic"; });    // /2 only
    add([](boost::json::object& o) { o["x-platform"] = boost::json::object{{"a", 1}}; });
    add([](boost::json::object& o) {
      if (auto* e = o.if_contains("evidence"); e && !e->as_array().empty())
        e->as_array()[0].as_object()["criteria"] = boost::json::array{};  // /2 only
    });
    add([](boost::json::object& o) {
      if (auto* c = o.if_contains("checkins"); c && !c->as_array().empty())
        c->as_array().back().as_object()["mood"] = "ok";
    });
    add([](boost::json::object& o) {
      if (auto* p = o.if_contains("plan"))
        if (auto* m = p->as_object().if_contains("milestones"); m && !m->as_array().empty())
          m->as_array()[0].as_object()["owner"] = "me";
    });
  }
  std::size_t shortcuts = 0;
  for (const std::string& text : documents) {
    CAPTURE(text);
    json::DocumentParser parser, plain;
    auto doc = parser.parse(text, Document::case_);
    auto again = plain.parse(text, Document::case_);
    REQUIRE(doc);
    REQUIRE(again);
    const CaseDraft trusted = json::read_case(**doc, parser.members());
    const CaseDraft walked = json::read_case(**again);
    CHECK(trusted.unknown_members == walked.unknown_members);
    if (looked_up(**doc) == parser.members()) {
      ++shortcuts;
      CHECK(walked.unknown_members.empty());
    }
  }
  CHECK(shortcuts >= 6);  // the examples as they are: every member read by name
}
