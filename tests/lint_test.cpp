// SPDX-License-Identifier: MIT
// Lints of `rung check-framework` (rung/lint.hpp), each worked by hand on a
// small framework.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rung/engine.hpp"
#include "rung/lint.hpp"

using namespace rung;

namespace {

Framework framework(const std::string& json) {
  auto engine = Engine::load(json);
  REQUIRE(engine);
  return engine->framework();
}

/// "code path" of each lint, in order.
std::vector<std::string> lints(const Framework& fw, std::optional<Date> as_of = std::nullopt) {
  std::vector<std::string> out;
  for (const auto& l : lint(fw, as_of)) out.push_back(std::string(name(l.code)) + " " + l.path);
  return out;
}

using Lines = std::vector<std::string>;

// The contract's /2 example: S1 on both tracks (rank 3), S2 (ic, 4, open),
// EM (manager, 4, application).
const char* kExample = R"({"schema": "rung.framework/2", "id": "x", "scale": ["none", "basic", "working", "strong"],
  "competencies": [{"id": "design"}],
  "levels": [
    {"id": "S1", "tracks": ["ic", "manager"], "rank": 3, "expectations": [{"competency": "design", "level": 2}]},
    {"id": "S2", "track": "ic", "rank": 4, "expectations": [{"competency": "design", "level": 3}]},
    {"id": "EM", "track": "manager", "rank": 4, "gate": "application", "expectations": [{"competency": "design", "level": 3}]}],
  "calendar": {"cycles": [{"id": "c1", "decision": "2027-03-15"}]}})";

}  // namespace

TEST_CASE("lint: a clean framework has none" * doctest::test_suite("lint")) {
  // From S1 on both tracks M1 ties S2 and EM (choose_track), but a person on
  // the manager track (employee.track) gets EM alone: reachable. The cycle
  // decides on the day asked about: that counts as ahead.
  CHECK(lints(framework(kExample), Date(2027, 3, 15)).empty());
}

TEST_CASE("lint: a competency no level expects" * doctest::test_suite("lint")) {
  const auto fw = framework(R"({"schema": "rung.framework/1", "id": "x", "scale": ["no", "yes"],
    "competencies": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "levels": [{"id": "L1", "track": "ic", "rank": 1, "expectations": [{"competency": "c", "level": 1}]},
               {"id": "L2", "track": "ic", "rank": 2, "expectations": [{"competency": "a", "level": 1}]}]})");
  CHECK(lints(fw) == Lines{"unused_competency /competencies/1"});
  CHECK(lint(fw, std::nullopt).front().message == R"(competency "b" is expected by no level)");
}

TEST_CASE("lint: a level above the lowest rank with no expectations" * doctest::test_suite("lint")) {
  // L1 is the lowest rank: empty is fine. M2 (rank 2, another track) and
  // L3 (rank 3) are empty: a promotion into either has coverage 1.
  const auto fw = framework(R"({"schema": "rung.framework/1", "id": "x", "scale": ["no", "yes"],
    "competencies": [{"id": "a"}],
    "levels": [{"id": "L1", "track": "ic", "rank": 1, "expectations": []},
               {"id": "L2", "track": "ic", "rank": 2, "expectations": [{"competency": "a", "level": 1}]},
               {"id": "M2", "track": "mgmt", "rank": 2, "expectations": []},
               {"id": "L3", "track": "ic", "rank": 3, "expectations": []}]})");
  CHECK(lints(fw) == Lines{"empty_level /levels/2/expectations", "empty_level /levels/3/expectations"});
}

TEST_CASE("lint: no cycle decides on or after the date asked about" * doctest::test_suite("lint")) {
  const auto fw = framework(kExample);
  CHECK(lints(fw, Date(2027, 3, 16)) == Lines{"no_decision_ahead /calendar"});
  CHECK(lint(fw, Date(2027, 3, 16)).front().message ==
        "no cycle decides on or after 2027-03-16: no report can find a target cycle");
  CHECK(lints(fw).empty());  // without a date, not checked
  // No calendar at all: no cycle, whatever the date.
  auto doc = std::string(kExample);
  doc = doc.substr(0, doc.find(",\n  \"calendar\"")) + "}";
  CHECK(lints(framework(doc), Date(2000, 1, 1)) == Lines{"no_decision_ahead /calendar"});
}

TEST_CASE("lint: two criteria of one level with the same text" * doctest::test_suite("lint")) {
  // In L2, "Designs systems" (a-1) and "  designs SYSTEMS\t" (b-2, another
  // expectation) are the same statement; b-1 in L3 repeats a-1 on another
  // level: allowed (a criterion belongs to one expectation of one level).
  const auto fw = framework(R"({"schema": "rung.framework/2", "id": "x", "scale": ["no", "yes"],
    "competencies": [{"id": "a"}, {"id": "b"}],
    "levels": [
      {"id": "L2", "track": "ic", "rank": 2, "expectations": [
        {"competency": "a", "level": 1, "criteria": [{"id": "a-1", "text": "Designs systems"}]},
        {"competency": "b", "level": 1, "criteria": [{"id": "b-1", "text": "Reviews"},
                                                     {"id": "b-2", "text": "  designs SYSTEMS\t"}]}]},
      {"id": "L3", "track": "ic", "rank": 3, "expectations": [
        {"competency": "a", "level": 1, "criteria": [{"id": "a-3", "text": "Designs systems"}]},
        {"competency": "b", "level": 1}]}]})");
  CHECK(lints(fw) == Lines{"duplicate_criterion_text /levels/0/expectations/1/criteria/1/text"});
  CHECK(lint(fw, std::nullopt).front().message ==
        R"(criterion "b-2" says the same as "a-1" in level "L2" (rank 2))");
}

TEST_CASE("lint: a gated level nobody reaches without an explicit target" * doctest::test_suite("lint")) {
  // EM moves to its own track "people", which no lower level is on: from S1
  // (on ic and manager, or either alone) the next level is S2 only. EM is
  // nobody's automatic target. A gated S2 would be S1's: no lint for it.
  auto doc = std::string(kExample);
  doc.replace(doc.find(R"("track": "manager", "rank": 4)"), 29, R"("track": "people", "rank": 4)");
  CHECK(lints(framework(doc)) == Lines{"unreachable_gated_level /levels/2/gate"});
  CHECK(lint(framework(doc), std::nullopt).front().message ==
        R"(level "EM" (rank 4), gate application, is nobody's automatic target: only an explicit )"
        "employee.target reaches it");
  // Two ranks up with nothing between still is the automatic target.
  const auto skip = framework(R"({"schema": "rung.framework/2", "id": "x", "scale": ["no", "yes"],
    "competencies": [{"id": "a"}],
    "levels": [{"id": "L1", "track": "ic", "rank": 1, "expectations": [{"competency": "a", "level": 1}]},
               {"id": "L3", "track": "ic", "rank": 3, "gate": "vacancy", "expectations": [{"competency": "a", "level": 1}]}]})");
  CHECK(lints(skip).empty());
  // On a track of its own and another with a lower level: reachable.
  doc.replace(doc.find(R"("track": "people", "rank": 4)"), 28, R"("tracks": ["people", "manager"], "rank": 4)");
  CHECK(lints(framework(doc)).empty());
}

