// SPDX-License-Identifier: MIT
// Embedding rung from C++: the C ABI behind RAII handles for documents,
// and the header-only rules (rung::headers) for what-if questions.
// Usage: embed_cpp CASE.json
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>

#include <rung.h>
#include <rung/date.hpp>

namespace {

struct EngineFree {
  void operator()(rung_engine* e) const { rung_engine_free(e); }
};
struct ErrorFree {
  void operator()(rung_error* e) const { rung_error_free(e); }
};
using Engine = std::unique_ptr<rung_engine, EngineFree>;
using Error = std::unique_ptr<rung_error, ErrorFree>;

/// The report JSON, or std::runtime_error with the error's code and path.
std::string evaluate(const rung_engine* engine, const std::string& case_json) {
  rung_buf out{nullptr, 0};
  rung_error* raw = nullptr;
  const int rc = rung_evaluate(&out, engine, case_json.data(), case_json.size(), RUNG_FORMAT_JSON_PRETTY, &raw);
  Error err(raw);
  if (rc != RUNG_OK)
    throw std::runtime_error(std::string(rung_error_code_name(err.get())) + " at '" + rung_error_path(err.get()) +
                             "': " + rung_error_message(err.get()));
  std::string report(out.data, out.size);
  rung_buf_dispose(&out);
  return report;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " CASE.json\n";
    return 2;
  }
  std::size_t len = 0;
  const char* framework = rung_example_framework(&len);
  rung_engine* raw = nullptr;
  if (rung_engine_new(&raw, framework, len, nullptr) != RUNG_OK) return 2;
  Engine engine(raw);

  std::ifstream in(argv[1], std::ios::binary);
  const std::string case_json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    std::cout << evaluate(engine.get(), case_json) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "case error " << e.what() << "\n";
    return 1;
  }
  // The same calendar arithmetic the rules use: 12 months in level from a month-end.
  const rung::Date since(2026, 1, 31);
  std::cout << "in level since 2026-01-31: eligible from " << rung::format_date(rung::add_months(since, 12))
            << " with min_months_in_level 12\n";
  return 0;
}
