#include "cli/batch.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "json/encode.hpp"

namespace rung::cli {
namespace {

/// One line in flight. The reading thread fills it (kEmpty -> kFilled), a
/// worker evaluates it (kFilled -> kClaimed -> kDone), the reading thread
/// writes it out in input order (kDone -> kEmpty).
struct alignas(128) Slot {  // a cache line pair of its own: no false sharing between threads
  enum : int { kEmpty, kFilled, kClaimed, kDone };
  std::atomic<int> state{kEmpty};
  std::string text;
  std::size_t line = 0;  // 1-based
  std::string output;    // one JSON line
  int verdict = -1;      // -1: an error document
};

void evaluate(const Engine& engine, Slot& s) {
  s.output.clear();
  auto report = engine.evaluate(s.text);
  if (report) {
    json::encode_report(*report, s.output);
    s.verdict = static_cast<int>(report->verdict);
  } else {
    json::encode_error(report.error(), s.output, 0, s.line);
    s.verdict = -1;
  }
  s.state.store(Slot::kDone, std::memory_order_release);
}

/// The ring of slots and the three sequence numbers that walk it. Only
/// atomics on the hot path: no lock.
class Ring {
 public:
  explicit Ring(std::size_t size) : slots_(size) {}

  Slot& at(std::size_t seq) { return slots_[seq % slots_.size()]; }
  std::size_t size() const { return slots_.size(); }

  /// Claims the next filled slot and evaluates it; false when none is ready.
  bool work_one(const Engine& engine) {
    std::size_t seq = claimed_.load(std::memory_order_relaxed);
    while (seq < filled_.load(std::memory_order_acquire)) {
      if (claimed_.compare_exchange_weak(seq, seq + 1, std::memory_order_acq_rel)) {
        Slot& s = at(seq);
        s.state.store(Slot::kClaimed, std::memory_order_relaxed);
        evaluate(engine, s);
        return true;
      }
    }
    return false;
  }

  void publish(std::size_t filled) { filled_.store(filled, std::memory_order_release); }
  void finish() { done_.store(true, std::memory_order_release); }
  bool finished() const { return done_.load(std::memory_order_acquire); }

 private:
  std::vector<Slot> slots_;
  alignas(128) std::atomic<std::size_t> filled_{0};   // slots [0, filled) hold lines
  alignas(128) std::atomic<std::size_t> claimed_{0};  // slots [0, claimed) are taken by a worker
  alignas(128) std::atomic<bool> done_{false};        // no more lines will come
};

/// Waits a little longer each time nothing was there to do.
class Backoff {
 public:
  void idle() {
    if (++spins_ < 64) return std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  void reset() { spins_ = 0; }

 private:
  int spins_ = 0;
};

void draw_progress(std::size_t done, std::size_t bytes, std::size_t total_bytes, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  if (total_bytes > 0 && bytes > 0) {
    const double share = static_cast<double>(bytes) / static_cast<double>(total_bytes);
    const int width = 30, fill = static_cast<int>(share * width);
    const double eta = share > 0 ? seconds * (1 - share) / share : 0;
    std::fprintf(stderr, "\r\033[K[%.*s%*s] %3.0f%%  %zu cases  %.0f cases/s  ETA %.0f s", fill,
                 "##############################", width - fill, "", share * 100, done, rate, eta);
  } else {
    std::fprintf(stderr, "\r\033[Krung batch: %zu cases, %.1f MB, %.0f cases/s", done,
                 static_cast<double>(bytes) / 1e6, rate);
  }
  std::fflush(stderr);
}

}  // namespace

BatchSummary run_batch(const Engine& engine, std::istream& in, std::ostream& out, const BatchOptions& options) {
  const unsigned threads = options.threads ? options.threads : 1;
  Ring ring(options.window ? options.window : 64u * threads);
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  // threads - 1 workers; this thread reads, writes, and evaluates when idle.
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t)
    workers.emplace_back([&] {
      Backoff backoff;
      while (true) {
        if (ring.work_one(engine)) {
          backoff.reset();
        } else if (ring.finished()) {
          if (!ring.work_one(engine)) return;
        } else {
          backoff.idle();
        }
      }
    });

  BatchSummary summary;
  std::size_t line_number = 0, bytes = 0, filled = 0, written = 0;
  double last_draw = 0;
  bool eof = false;
  std::string line;
  Backoff backoff;
  while (!eof || written < filled) {
    bool progress = false;
    // Write what is done, in input order.
    while (written < filled) {
      Slot& s = ring.at(written);
      if (s.state.load(std::memory_order_acquire) != Slot::kDone) break;
      out << s.output << '\n';
      ++summary.cases;
      if (s.verdict < 0) ++summary.errors;
      else ++summary.verdicts[s.verdict];
      s.state.store(Slot::kEmpty, std::memory_order_relaxed);
      ++written;
      progress = true;
    }
    // Read into the free slots (a quarter of the ring at a time, so that
    // writing keeps up); blank lines are skipped but counted.
    for (std::size_t n = 0; !eof && filled - written < ring.size() && n < ring.size() / 4 + 1;) {
      if (!std::getline(in, line)) {
        eof = true;
        ring.finish();
        break;
      }
      ++line_number;
      bytes += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Slot& s = ring.at(filled);
      s.text.swap(line);
      s.line = line_number;
      s.state.store(Slot::kFilled, std::memory_order_relaxed);
      ring.publish(++filled);
      ++n;
      progress = true;
    }
    // Help the workers (with one thread, this is where all the work is done).
    if (ring.work_one(engine)) progress = true;
    if (progress) backoff.reset();
    else backoff.idle();

    if (options.progress && elapsed() - last_draw > 0.2) {
      last_draw = elapsed();
      draw_progress(summary.cases, bytes, options.total_bytes, last_draw);
    }
  }
  ring.finish();
  for (auto& w : workers) w.join();
  out.flush();
  summary.seconds = elapsed();
  if (options.progress) {
    draw_progress(summary.cases, bytes, options.total_bytes, summary.seconds);
    std::fputc('\n', stderr);
  }
  return summary;
}

}  // namespace rung::cli
