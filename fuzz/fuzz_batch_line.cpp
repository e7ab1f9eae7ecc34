// SPDX-License-Identifier: MIT
// Fuzz target: `rung batch` on the input as a stream of JSONL documents of
// mixed sizes. A line may ask to be expanded, so that a small input makes a
// large document:
//   "@N"       the example case with N more evidence items (a document of
//              many values; N up to 9999, about 1.6 MB)
//   "+K:TEXT"  TEXT followed by K KiB of spaces (K up to 17000: past the
//              16 MiB limit, answered without holding the line)
// The stream is read in chunks of a size the input picks, sometimes "not
// ready yet", through a window of 1 MiB in flight. Checks: one output line
// per non-blank input line, every line whole, the same bytes with 1 and 3
// threads.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "cli/batch.hpp"

namespace {

const rung::Engine& engine() {
  static const rung::Engine e = *rung::Engine::load(rung::builtin_framework());
  return e;
}

/// The example case with `n` more evidence items, on one line.
std::string case_with_evidence(std::size_t n) {
  std::string c =
      R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":"e","level":"E3","target":"E4"},)"
      R"("assessments":[{"competency":"design","rater":"manager","level":3,"date":"2026-10-05"}],"evidence":[)";
  for (std::size_t i = 0; i < n; ++i)
    c += (i ? "," : "") + std::string(R"({"id":"x-)") + std::to_string(i) +
         R"(","title":"An item","date":"2026-06-01","competencies":["design"],"visibility":"decision_makers"})";
  return c + "]}";
}

/// The input with its "@N" and "+K:" lines expanded; at most ~48 MiB.
std::string expand(const std::string& input) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= input.size() && out.size() < (std::size_t{48} << 20)) {
    std::size_t end = input.find('\n', begin);
    if (end == std::string::npos) end = input.size();
    const std::string line = input.substr(begin, end - begin);
    std::size_t digits = 0;
    while (1 + digits < line.size() && digits < 5 && line[1 + digits] >= '0' && line[1 + digits] <= '9') ++digits;
    const std::size_t n = digits ? std::stoul(line.substr(1, digits)) : 0;
    if (line.size() > 1 && line[0] == '@' && digits)
      out += case_with_evidence(std::min<std::size_t>(n, 9999));
    else if (line.size() > 1 && line[0] == '+' && digits && 1 + digits < line.size() && line[1 + digits] == ':')
      out += line.substr(2 + digits) + std::string(std::min<std::size_t>(n, 17000) << 10, ' ');
    else
      out += line;
    if (end < input.size()) out += '\n';
    begin = end + 1;
  }
  return out;
}

std::string run(const std::string& input, unsigned threads, std::size_t chunk) {
  std::size_t at = 0, calls = 0;
  const rung::cli::Input in{[&](char* data, std::size_t size, bool wait) -> long {
    if (!wait && ++calls % 3 == 0) return rung::cli::Input::kWouldBlock;
    const std::size_t n = std::min({size, chunk, input.size() - at});
    std::copy_n(input.data() + at, n, data);
    at += n;
    return static_cast<long>(n);
  }};
  std::string out;
  const rung::cli::Output sink{[&](std::span<const std::string_view> pieces) {
    for (std::string_view piece : pieces) out.append(piece);
    return true;
  }};
  rung::cli::BatchOptions options;
  options.threads = threads;
  options.window = 4;
  options.window_bytes = std::size_t{1} << 20;
  const auto summary = rung::cli::run_batch(engine(), in, sink, options);
  if (summary.read_errno || summary.write_errno || summary.stopped) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = expand(std::string(reinterpret_cast<const char*>(data), size));
  const std::size_t chunk = size ? 1 + data[0] % 3 * 4093 + data[size - 1] : 1 << 16;  // 1 byte to ~8 KB
  const std::string one = run(input, 1, chunk);
  if (run(input, 3, 1 << 16) != one) std::abort();
  std::size_t lines = 0, begin = 0;
  while (begin < input.size()) {
    std::size_t end = input.find('\n', begin);
    if (end == std::string::npos) end = input.size();
    if (input.find_first_not_of(" \t\r", begin) < end) ++lines;
    begin = end + 1;
  }
  std::size_t out_lines = 0;
  for (char c : one) out_lines += c == '\n';
  if (lines != out_lines || (!one.empty() && one.back() != '\n')) std::abort();
  return 0;
}
