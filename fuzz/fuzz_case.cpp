// Fuzz target: evaluating a case against the example framework. A report
// must be complete JSON, twice the same, and render in every format; an
// error must carry a SPEC code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rung/engine.hpp"

namespace {
const rung::Engine& engine() {
  static const rung::Engine e = *rung::Engine::load(rung::builtin_framework());
  return e;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string first, second;
  rung::InputError error;
  const bool ok = engine().evaluate_json(text, first, 0, &error);
  if (!ok && error.code == rung::ErrorCode::internal) std::abort();
  engine().evaluate_json(text, second);
  if (first != second) std::abort();  // same input, same bytes
  if (first.empty() || first.front() != '{' || first.back() != '}') std::abort();
  if (ok)  // the documents for people render too, deterministically
    for (rung::Format f : {rung::Format::text, rung::Format::markdown, rung::Format::html, rung::Format::ics}) {
      std::string a, b;
      if (!engine().evaluate_as(text, f, a) || !engine().evaluate_as(text, f, b, nullptr, true) || a.empty()) std::abort();
    }
  return 0;
}
