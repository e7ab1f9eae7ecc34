// SPDX-License-Identifier: MIT
// One engine shared by 8 threads through the C ABI, half of them through
// rung_evaluate_with and one options object they all read: every result
// equals the single-thread run of the same case. Usage: rung_capi_threads_test CASE.json...
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "rung.h"

namespace {

std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// The report, or the error document.
std::string evaluate(const rung_engine* engine, const std::string& text, const rung_options* options = nullptr) {
  rung_buf out{nullptr, 0};
  rung_error* err = nullptr;
  std::string result;
  const int rc = options ? rung_evaluate_with(&out, engine, text.data(), text.size(), RUNG_FORMAT_JSON, options, &err)
                         : rung_evaluate(&out, engine, text.data(), text.size(), RUNG_FORMAT_JSON, &err);
  if (rc == RUNG_OK)
    result.assign(out.data, out.size);
  else
    result = rung_error_json(err);
  rung_buf_dispose(&out);
  rung_error_free(err);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  // Many distinct cases: each example at 60 different as_of dates, and a bad one.
  std::vector<std::string> cases;
  for (int i = 1; i < argc; ++i) {
    const std::string text = read(argv[i]);
    const auto at = text.find("\"as_of\": \"2026-11-");
    if (at == std::string::npos) {
      std::cerr << argv[i] << ": no as_of in November 2026\n";
      return 2;
    }
    for (int day = 1; day <= 30; ++day)
      for (const char* month : {"11", "12"}) {
        std::string c = text;
        c.replace(at + 10, 10, std::string("2026-") + month + "-" + (day < 10 ? "0" : "") + std::to_string(day));
        cases.push_back(std::move(c));
      }
  }
  cases.push_back("{\"schema\": \"rung.case/1\", \"as_of\": \"2026-13-01\"}");

  size_t len = 0;
  const char* fw = rung_example_framework(&len);
  rung_engine* engine = nullptr;
  if (rung_engine_new(&engine, fw, len, nullptr) != RUNG_OK) return 2;

  std::vector<std::string> expected;
  for (const auto& c : cases) expected.push_back(evaluate(engine, c));
  rung_options* options = nullptr;
  if (rung_options_new(&options, nullptr) != RUNG_OK ||
      rung_options_set(options, "audience", "full", nullptr) != RUNG_OK)
    return 2;

  constexpr int kThreads = 8, kRounds = 5;
  std::vector<std::vector<std::string>> got(kThreads, std::vector<std::string>(cases.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const std::size_t k = (i + static_cast<std::size_t>(t) * 7) % cases.size();  // different orders
          got[t][k] = evaluate(engine, cases[k], t % 2 ? options : nullptr);
        }
    });
  for (auto& th : threads) th.join();
  rung_options_free(options);
  rung_engine_free(engine);

  int failed = 0;
  for (int t = 0; t < kThreads; ++t)
    for (std::size_t i = 0; i < cases.size(); ++i)
      if (got[t][i] != expected[i]) ++failed;
  const int total = kThreads * static_cast<int>(cases.size());
  std::cout << (total - failed) << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
