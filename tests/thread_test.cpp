// SPDX-License-Identifier: MIT
// One C++ engine shared by 8 threads: the results equal a single-thread run
// (and ThreadSanitizer, in the tsan preset, finds no race).
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "rung/engine.hpp"

TEST_CASE("thread: one engine shared by 8 threads" * doctest::test_suite("thread")) {
  const auto engine = rung::Engine::load(rung::builtin_framework());
  REQUIRE(engine);
  std::vector<std::string> cases;
  for (int day = 1; day <= 28; ++day) {
    const std::string d = (day < 10 ? "0" : "") + std::to_string(day);
    cases.push_back(R"({"schema":"rung.case/1","as_of":"2026-12-)" + d +
                    R"(","employee":{"id":"e","level":"E3","in_level_since":"2025-01-)" + d +
                    R"("},"assessments":[{"competency":"design","rater":"manager","level":3,"date":"2026-11-01"}],)"
                    R"("checkins":[{"date":"2026-11-)" + d + R"(","with":"manager"}]})");
  }
  cases.push_back("{not json");
  std::vector<std::string> expected(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) engine->evaluate_json(cases[i], expected[i]);

  std::vector<std::vector<std::string>> got(8, std::vector<std::string>(cases.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 4; ++round)
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const std::size_t k = (i + t * 5) % cases.size();
          got[t][k].clear();
          engine->evaluate_json(cases[k], got[t][k]);
        }
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) CHECK(g == expected);
}
