// SPDX-License-Identifier: MIT
// G1-G2: gaps by priority, and the flags that say what to agree on.
#include <doctest/doctest.h>

#include "rung/gaps.hpp"

using namespace rung;

namespace {

ExpectationResult x(const char* competency, int level, std::optional<int> self, std::optional<int> manager,
                    std::optional<int> stakeholders, Status status, double weight = 1.0, bool critical = false) {
  ExpectationResult r;
  r.competency = competency;
  r.level = level;
  r.weight = weight;
  r.critical = critical;
  r.ratings.self = self;
  r.ratings.manager = manager;
  r.ratings.stakeholders = stakeholders;
  r.ratings.agreed = manager;
  r.status = status;
  return r;
}

std::vector<std::string> ids(const std::vector<Gap>& gaps) {
  std::vector<std::string> out;
  for (const auto& g : gaps) out.push_back(g.competency);
  return out;
}

std::vector<Flag> flags(const ExpectationResult& r, int delta = 1) {
  Policy p;
  p.disagreement_delta = delta;
  return g2_flags(r, p);
}

}  // namespace

TEST_CASE("G1 size and priority" * doctest::test_suite("gaps")) {
  const Gap skill = g1_gap(x("a", 4, {}, 1, {}, Status::skill_gap, 0.5, true));
  CHECK(skill.size == 3);
  CHECK(skill.priority == doctest::Approx(3.0));  // 0.5 * 3 * 2
  const Gap evidence = g1_gap(x("b", 2, {}, 3, {}, Status::evidence_gap, 2.0));
  CHECK(evidence.size == 1);
  CHECK(evidence.priority == doctest::Approx(2.0));
  const Gap unassessed = g1_gap(x("c", 2, 4, {}, {}, Status::unassessed, 1.5));
  CHECK(unassessed.size == 1);
  CHECK(unassessed.priority == doctest::Approx(1.5));
}

TEST_CASE("G1 order: critical first, priority descending, then id" * doctest::test_suite("gaps")) {
  const std::vector<ExpectationResult> xs{
      x("zeta", 3, {}, 2, {}, Status::skill_gap),                     // 1
      x("big", 4, {}, 0, {}, Status::skill_gap),                      // 4
      x("crit", 3, {}, 2, {}, Status::skill_gap, 0.25, true),         // 0.5, critical
      x("alpha", 3, {}, 2, {}, Status::skill_gap),                    // 1, ties zeta
      x("done", 1, {}, 1, {}, Status::met),                           // not a gap
      x("mid", 2, {}, 3, {}, Status::evidence_gap, 2.0),              // 2
  };
  CHECK(ids(g1_gaps(xs)) == std::vector<std::string>{"crit", "big", "mid", "alpha", "zeta"});
}

TEST_CASE("G1 priorities equal within 1e-9 are a tie broken by id" * doctest::test_suite("gaps")) {
  // 0.1 * 3 = 0.30000000000000004 and 0.3 * 1 = 0.3: a tie.
  const std::vector<ExpectationResult> xs{x("b", 3, {}, 0, {}, Status::skill_gap, 0.1),
                                          x("a", 1, {}, {}, {}, Status::unassessed, 0.3)};
  CHECK(ids(g1_gaps(xs)) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("G2 blind_spot: self >= level > agreed" * doctest::test_suite("gaps")) {
  CHECK(flags(x("a", 3, 3, 2, {}, Status::skill_gap)) ==
        std::vector<Flag>{Flag::blind_spot, Flag::disagreement});
  CHECK(flags(x("a", 3, 2, 1, {}, Status::skill_gap)) == std::vector<Flag>{Flag::disagreement});
  // Null agreed: no blind spot, whatever self says.
  CHECK(flags(x("a", 3, 4, {}, {}, Status::unassessed)).empty());
}

TEST_CASE("G2 disagreement and hidden_strength" * doctest::test_suite("gaps")) {
  CHECK(flags(x("a", 2, 1, 3, {}, Status::evidence_gap)) ==
        std::vector<Flag>{Flag::disagreement, Flag::hidden_strength});
  CHECK(flags(x("a", 2, 1, 3, {}, Status::evidence_gap), 2) ==
        std::vector<Flag>{Flag::disagreement, Flag::hidden_strength});
  CHECK(flags(x("a", 2, 2, 3, {}, Status::evidence_gap), 2).empty());
}

TEST_CASE("G2 stakeholder_divergence" * doctest::test_suite("gaps")) {
  CHECK(flags(x("a", 2, {}, 2, 4, Status::evidence_gap)) == std::vector<Flag>{Flag::stakeholder_divergence});
  CHECK(flags(x("a", 2, {}, {}, 4, Status::unassessed)).empty());
}

TEST_CASE("G2 not_visible: met without evidence seen by stakeholders" * doctest::test_suite("gaps")) {
  ExpectationResult met = x("a", 2, {}, 2, {}, Status::met);
  CHECK(flags(met) == std::vector<Flag>{Flag::not_visible});
  met.stakeholder_visible = true;
  CHECK(flags(met).empty());
}

TEST_CASE("G2 all flags in order" * doctest::test_suite("gaps")) {
  // self 4 >= level 3 > agreed 2; |4-2| >= 1; stakeholders 4 vs 2.
  CHECK(flags(x("a", 3, 4, 2, 4, Status::skill_gap)) ==
        std::vector<Flag>{Flag::blind_spot, Flag::disagreement, Flag::stakeholder_divergence});
}
