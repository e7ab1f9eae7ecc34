// SPDX-License-Identifier: MIT
// One engine shared by 8 threads through the C ABI, two threads each through
// rung_evaluate, rung_evaluate_with (one options object they all read),
// rung_evaluate_with_warnings, and the same in strict mode: every result
// (report or error, and the warnings) equals the single-thread run of the
// same case in the same way. Usage: rung_capi_threads_test CASE.json...
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

/// How a thread calls the engine.
enum Mode { kPlain, kOptions, kWarnings, kStrict, kModes };

/// The report, or the error document; and the warnings, in kWarnings and kStrict.
std::string evaluate(const rung_engine* engine, const std::string& text, Mode mode,
                     const rung_options* options = nullptr, const rung_options* strict = nullptr) {
  rung_buf out{nullptr, 0}, warnings{nullptr, 0};
  rung_error* err = nullptr;
  std::string result;
  int rc = RUNG_OK;
  switch (mode) {
    case kPlain: rc = rung_evaluate(&out, engine, text.data(), text.size(), RUNG_FORMAT_JSON, &err); break;
    case kOptions:
      rc = rung_evaluate_with(&out, engine, text.data(), text.size(), RUNG_FORMAT_JSON, options, &err);
      break;
    case kWarnings:
    case kStrict:
      rc = rung_evaluate_with_warnings(&out, &warnings, engine, text.data(), text.size(), RUNG_FORMAT_JSON,
                                       mode == kStrict ? strict : nullptr, &err);
      break;
    case kModes: break;
  }
  if (rc == RUNG_OK)
    result.assign(out.data, out.size);
  else
    result = rung_error_json(err);
  if (warnings.data) result += "\nwarnings " + std::string(warnings.data, warnings.size);
  rung_buf_dispose(&out);
  rung_buf_dispose(&warnings);
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
  // A misspelt member: a warning, or in strict mode the error.
  std::string typo = cases.front();
  typo.replace(typo.find("\"assessments\""), 13, "\"assesments\"");
  cases.push_back(typo);

  size_t len = 0;
  const char* fw = rung_example_framework(&len);
  rung_engine* engine = nullptr;
  if (rung_engine_new(&engine, fw, len, nullptr) != RUNG_OK) return 2;

  rung_options* options = nullptr;
  rung_options* strict = nullptr;
  if (rung_options_new(&options, nullptr) != RUNG_OK ||
      rung_options_set(options, "audience", "full", nullptr) != RUNG_OK ||
      rung_options_new(&strict, nullptr) != RUNG_OK || rung_options_set(strict, "strict", "true", nullptr) != RUNG_OK)
    return 2;
  std::vector<std::vector<std::string>> expected(kModes);
  for (int mode = 0; mode < kModes; ++mode)
    for (const auto& c : cases) expected[mode].push_back(evaluate(engine, c, Mode(mode), options, strict));
  // The modes differ where they should: the typo warns, and is an error when strict.
  if (expected[kWarnings].back().find("\"path\":\"/assesments\"") == std::string::npos ||
      expected[kStrict].back().find("\"code\":\"unknown_field\"") == std::string::npos) {
    std::cerr << "the misspelt case gave no warning or no strict error\n";
    return 1;
  }

  constexpr int kThreads = 8, kRounds = 5;
  std::vector<std::vector<std::string>> got(kThreads, std::vector<std::string>(cases.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const std::size_t k = (i + static_cast<std::size_t>(t) * 7) % cases.size();  // different orders
          got[t][k] = evaluate(engine, cases[k], Mode(t % kModes), options, strict);
        }
    });
  for (auto& th : threads) th.join();
  rung_options_free(options);
  rung_options_free(strict);
  rung_engine_free(engine);

  int failed = 0;
  for (int t = 0; t < kThreads; ++t)
    for (std::size_t i = 0; i < cases.size(); ++i)
      if (got[t][i] != expected[t % kModes][i]) ++failed;
  const int total = kThreads * static_cast<int>(cases.size());
  std::cout << (total - failed) << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
