// SPDX-License-Identifier: MIT
#include "cli/batch.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <signal.h>

#include "cli/io.hpp"
#include "json/encode.hpp"
#include "json/parse.hpp"

namespace rung::cli {
namespace {

/// One line in flight. The reading thread fills it (kEmpty -> kFilled), a
/// worker evaluates it (kFilled -> kClaimed -> kDone), the reading thread
/// writes it out in input order (kDone -> kEmpty).
struct alignas(128) Slot {  // a cache line pair of its own: no false sharing between threads
  enum : int { kEmpty, kFilled, kClaimed, kDone };
  std::atomic<int> state{kEmpty};
  std::string text;
  std::size_t line = 0;       // 1-based
  std::size_t too_long = 0;   // the size of a line over the limit (its text was never kept)
  std::string output;         // one JSON line
  int verdict = -1;           // -1: an error document
  std::vector<std::string> warnings;  // paths of the case's members the contract does not name
};

void evaluate(const Engine& engine, const BatchOptions& options, Slot& s) {
  s.output.clear();
  s.warnings.clear();
  if (s.too_long) {
    const InputError e{Document::case_, ErrorCode::limit_exceeded, "",
                       "the document has " + std::to_string(s.too_long) + " bytes, more than 16 MiB"};
    json::encode_error(e, s.output, 0, s.line);
    s.verdict = -1;
  } else if (auto report = engine.evaluate(s.text, {Format::json, options.audience, false, options.strict})) {
    json::encode_report(*report, s.output);
    s.verdict = static_cast<int>(report->verdict);
    for (auto& w : report->warnings)
      if (w.document == "case") s.warnings.push_back(std::move(w.path));
  } else {
    json::encode_error(report.error(), s.output, 0, s.line);
    s.verdict = -1;
  }
  trim_capacity(s.text);
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
  bool work_one(const Engine& engine, const BatchOptions& options) {
    std::size_t seq = claimed_.load(std::memory_order_relaxed);
    while (seq < filled_.load(std::memory_order_acquire)) {
      if (claimed_.compare_exchange_weak(seq, seq + 1, std::memory_order_acq_rel)) {
        Slot& s = at(seq);
        s.state.store(Slot::kClaimed, std::memory_order_relaxed);
        evaluate(engine, options, s);
        return true;
      }
    }
    return false;
  }

  void publish(std::size_t filled) {
    filled_.store(filled, std::memory_order_release);
    wake();
  }
  void finish() {
    done_.store(true, std::memory_order_release);
    wake();
  }
  bool finished() const { return done_.load(std::memory_order_acquire); }

  /// Blocks a worker until more lines are published (or the batch ends).
  void wait_for_more() {
    const std::uint32_t seen = events_.load(std::memory_order_acquire);
    if (claimed_.load(std::memory_order_acquire) >= filled_.load(std::memory_order_acquire) && !finished())
      events_.wait(seen, std::memory_order_acquire);
  }

 private:
  std::vector<Slot> slots_;
  alignas(128) std::atomic<std::size_t> filled_{0};   // slots [0, filled) hold lines
  alignas(128) std::atomic<std::size_t> claimed_{0};  // slots [0, claimed) are taken by a worker
  alignas(128) std::atomic<bool> done_{false};        // no more lines will come
  std::atomic<std::uint32_t> events_{0};               // bumped by publish and finish: wakes waiting workers

  void wake() {
    events_.fetch_add(1, std::memory_order_release);
    events_.notify_all();  // no system call while no worker waits
  }
};

/// Spins a little, then yields, then sleeps: an idle thread must not take
/// the core from the one that has work.
class Backoff {
 public:
  bool patient() const { return spins_ >= 64; }
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
    const double share = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes));
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

/// Lines on their way out: held, and counted in the summary only once the
/// output took their bytes. A line's text is taken from its slot as it is
/// (the slot gets back a string written out before) and written with the
/// others in one call: reports are never copied on their way out.
class Writer {
 public:
  Writer(const Output& out, BatchSummary& summary) : out_(out), summary_(summary) {}

  void add(std::string& line, int verdict, bool warned) {
    bytes_ += line.size() + 1;
    lines_.push_back(std::move(line));
    line = std::string();
    if (!spare_.empty()) {
      line.swap(spare_.back());
      spare_.pop_back();
    }
    ++pending_.cases;
    if (verdict < 0) ++pending_.errors;
    else ++pending_.verdicts[verdict];
    if (warned) ++pending_.warned;
  }
  bool full() const { return bytes_ >= (256u << 10) || lines_.size() >= 64; }
  bool failed() const { return summary_.write_errno != 0; }
  std::size_t pending_cases() const { return pending_.cases; }

  void flush() {
    if (lines_.empty() || failed()) return;
    pieces_.clear();
    for (const std::string& line : lines_) {
      pieces_.emplace_back(line);
      pieces_.emplace_back("\n", 1);
    }
    if (!out_.write(pieces_)) {
      summary_.write_errno = errno ? errno : EIO;
      return;
    }
    summary_.cases += pending_.cases;
    summary_.errors += pending_.errors;
    summary_.warned += pending_.warned;
    for (int v = 0; v < 5; ++v) summary_.verdicts[v] += pending_.verdicts[v];
    pending_ = {};
    for (std::string& line : lines_) {
      trim_capacity(line);
      spare_.push_back(std::move(line));
    }
    lines_.clear();
    bytes_ = 0;
  }

 private:
  const Output& out_;
  BatchSummary& summary_;
  std::vector<std::string> lines_;  // taken from the slots, not written yet
  std::vector<std::string> spare_;  // written: handed back to the slots
  std::vector<std::string_view> pieces_;
  std::size_t bytes_ = 0;
  struct {
    std::size_t cases = 0, errors = 0, warned = 0, verdicts[5] = {};
  } pending_;
};

}  // namespace

std::string warning_text(const Warning& warning) {
  return "unknown member " + quoted(warning.path) + " in the " + warning.document +
         ", ignored (--strict makes it an error)";
}

BatchSummary run_batch(const Engine& engine, const Input& in, const Output& out,
                       const BatchOptions& options) {
  const unsigned threads = options.threads ? options.threads : 1;
  Ring ring(options.window ? options.window : 64u * threads);
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  auto stopping = [&] { return options.stop && options.stop->load(std::memory_order_relaxed); };

  // threads - 1 workers; this thread reads, writes, and evaluates when idle.
  // Workers block SIGINT and SIGTERM, so that a stop signal reaches this
  // thread and interrupts its read.
  sigset_t stop_signals, before;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &before);
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t)
    workers.emplace_back([&] {
      Backoff backoff;
      while (true) {
        if (ring.work_one(engine, options)) {
          backoff.reset();
        } else if (ring.finished()) {
          if (!ring.work_one(engine, options)) return;
        } else if (backoff.patient()) {
          ring.wait_for_more();  // sleeps in the kernel until the reader publishes
          backoff.reset();
        } else {
          backoff.idle();
        }
      }
    });

  pthread_sigmask(SIG_SETMASK, &before, nullptr);

  BatchSummary summary;
  Writer writer(out, summary);
  LineReader reader(in, json::kMaxDocumentBytes, options.stop);
  std::size_t bytes = 0, in_flight = 0, filled = 0, written = 0, warning_lines = 0;
  std::vector<std::size_t> sizes(ring.size());  // input bytes of each slot in flight
  double last_draw = 0;
  bool eof = false;
  std::string line;
  Backoff backoff;
  while (!eof || written < filled) {
    bool progress = false;
    // Write what is done, in input order.
    while (written < filled && !writer.failed()) {
      Slot& s = ring.at(written);
      if (s.state.load(std::memory_order_acquire) != Slot::kDone) break;
      for (const auto& path : s.warnings) {
        if (warning_lines++ == kMaxWarningLines)
          std::fputs("rung: further warnings are not shown (the summary counts the reports with warnings)\n", stderr);
        if (warning_lines > kMaxWarningLines) break;
        std::fprintf(stderr, "%srung: line %zu: warning: %s\n", options.progress ? "\r\033[K" : "", s.line,
                     warning_text({"case", path}).c_str());
      }
      writer.add(s.output, s.verdict, !s.warnings.empty());
      in_flight -= sizes[written % ring.size()];
      s.state.store(Slot::kEmpty, std::memory_order_relaxed);
      ++written;
      progress = true;
      if (writer.full()) writer.flush();
    }
    if (writer.failed()) break;  // nothing more can be written: stop here
    // Read into the free slots (a quarter of the ring at a time, so that
    // writing keeps up) while the bytes in flight are within the window.
    // Blank lines are skipped but counted.
    for (std::size_t n = 0; !eof && filled - written < ring.size() && in_flight < options.window_bytes &&
                            n < ring.size() / 4 + 1;) {
      if (stopping()) {
        summary.stopped = true;
        eof = true;
        ring.finish();
        break;
      }
      // With nothing in flight, wait for input, after handing out what is
      // done: a peer that sends one case at a time gets each report.
      const bool wait = filled == written;
      if (wait) writer.flush();
      std::size_t size = 0;
      const auto status = reader.next(line, size, wait);
      if (status == LineReader::Status::would_block) break;
      if (status == LineReader::Status::end || status == LineReader::Status::failed) {
        if (status == LineReader::Status::failed) summary.read_errno = errno ? errno : EIO;
        summary.stopped = stopping();
        eof = true;
        ring.finish();
        break;
      }
      ++summary.lines;
      const bool too_long = status == LineReader::Status::too_long;
      bytes += (too_long ? size : line.size()) + 1;
      if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Slot& s = ring.at(filled);
      s.text.swap(line);
      s.too_long = too_long ? size : 0;
      s.line = summary.lines;
      sizes[filled % ring.size()] = s.text.size();
      in_flight += s.text.size();
      s.state.store(Slot::kFilled, std::memory_order_relaxed);
      ring.publish(++filled);
      ++n;
      progress = true;
    }
    // Help the workers (with one thread, this is where all the work is done).
    if (ring.work_one(engine, options)) progress = true;
    if (progress) backoff.reset();
    else backoff.idle();

    if (options.progress && elapsed() - last_draw > 0.2) {
      last_draw = elapsed();
      draw_progress(summary.cases + writer.pending_cases(), bytes, options.total_bytes, last_draw);
    }
  }
  ring.finish();
  for (auto& w : workers) w.join();
  writer.flush();
  summary.seconds = elapsed();
  if (options.progress) {
    draw_progress(summary.cases, bytes, options.total_bytes, summary.seconds);
    std::fputc('\n', stderr);
  }
  return summary;
}

}  // namespace rung::cli
