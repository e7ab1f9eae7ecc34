// Fuzz target: `rung batch` on the input as JSONL (one thread and two):
// one output line per non-blank input line, the same bytes either way.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "cli/batch.hpp"

namespace {
const rung::Engine& engine() {
  static const rung::Engine e = *rung::Engine::load(rung::builtin_framework());
  return e;
}

std::string run(const std::string& input, unsigned threads) {
  std::istringstream in(input);
  std::ostringstream out;
  rung::cli::BatchOptions options;
  options.threads = threads;
  options.window = 4;
  rung::cli::run_batch(engine(), in, out, options);
  return out.str();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string one = run(input, 1);
  if (run(input, 2) != one) std::abort();
  std::size_t lines = 0;
  std::istringstream in(input);
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) ++lines;
  std::size_t out_lines = 0;
  for (char c : one) out_lines += c == '\n';
  if (lines != out_lines) std::abort();
  return 0;
}
