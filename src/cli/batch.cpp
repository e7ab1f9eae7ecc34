#include "cli/batch.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "json/encode.hpp"

namespace rung::cli {
namespace {

struct Slot {
  std::string text;     // the input line
  std::size_t line = 0; // 1-based
  std::string output;   // one JSON line
  int verdict = -1;     // -1: an error document
};

void draw_progress(std::size_t done, std::size_t bytes, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::fprintf(stderr, "\r\033[Krung batch: %zu cases, %.1f MB, %.0f cases/s", done,
               static_cast<double>(bytes) / 1e6, rate);
  std::fflush(stderr);
}

}  // namespace

BatchSummary run_batch(const Engine& engine, std::istream& in, std::ostream& out, const BatchOptions& options) {
  const unsigned threads = options.threads ? options.threads : 1;
  const std::size_t window = options.window ? options.window : 256u * threads;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  BatchSummary summary;
  std::vector<Slot> slots(window);
  std::size_t line_number = 0, bytes = 0;
  std::string line;
  double last_draw = 0;
  bool more = true;
  while (more) {
    // Read up to `window` non-blank lines; blank lines still count.
    std::size_t filled = 0;
    while (filled < window) {
      if (!std::getline(in, line)) {
        more = false;
        break;
      }
      ++line_number;
      bytes += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      slots[filled].text.swap(line);
      slots[filled].line = line_number;
      ++filled;
    }
    // Evaluate them on the worker threads; each slot is written by one thread.
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < filled;) {
        Slot& s = slots[i];
        s.output.clear();
        auto report = engine.evaluate(s.text);
        if (report) {
          json::encode_report(*report, s.output);
          s.verdict = static_cast<int>(report->verdict);
        } else {
          json::encode_error(report.error(), s.output, 0, s.line);
          s.verdict = -1;
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < filled; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    // Write in input order.
    for (std::size_t i = 0; i < filled; ++i) {
      out << slots[i].output << '\n';
      ++summary.cases;
      if (slots[i].verdict < 0) ++summary.errors;
      else ++summary.verdicts[slots[i].verdict];
    }
    if (options.progress && elapsed() - last_draw > 0.2) {
      last_draw = elapsed();
      draw_progress(summary.cases, bytes, last_draw);
    }
  }
  out.flush();
  summary.seconds = elapsed();
  if (options.progress) {
    draw_progress(summary.cases, bytes, summary.seconds);
    std::fputc('\n', stderr);
  }
  return summary;
}

}  // namespace rung::cli
