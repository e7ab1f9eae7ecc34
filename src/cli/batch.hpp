// SPDX-License-Identifier: MIT
// `rung batch`: one case a line in, one report or error document a line
// out, in input order, on N threads, in memory bounded by a window of
// in-flight lines and bytes (docs/rules.md, "The command line").
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

#include "cli/io.hpp"
#include "rung/engine.hpp"

namespace rung::cli {

struct BatchOptions {
  unsigned threads = 1;
  Audience audience = Audience::full;  ///< one audience for the whole batch
  bool strict = false;                 ///< strict mode: a case's unknown member is its error
  std::size_t window = 0;  ///< lines in flight; 0: 64 per thread
  /// Bytes of input lines and reports held in flight: reading pauses above
  /// it, so memory stays bounded by it plus one document of 16 MiB.
  std::size_t window_bytes = std::size_t{64} << 20;
  bool progress = false;        ///< a live bar on stderr
  std::size_t total_bytes = 0;  ///< the input's size when known: the bar shows a share and an ETA
  /// Set (from a signal handler) to stop reading: the lines in flight are
  /// still evaluated and written, so the output ends with a whole line.
  const std::atomic<bool>* stop = nullptr;
};

struct BatchSummary {
  /// What was written to the output, never more: a report or error line
  /// counts once its bytes were accepted by the output.
  std::size_t cases = 0, errors = 0;
  std::size_t verdicts[5] = {};  ///< by rung::Verdict
  std::size_t warned = 0;        ///< reports of cases naming members the contract does not name
  std::size_t lines = 0;         ///< input lines read, blank ones included
  double seconds = 0;
  int read_errno = 0;   ///< reading failed (the batch stopped there)
  int write_errno = 0;  ///< writing failed (the batch stopped there)
  bool stopped = false; ///< `stop` was set before the input ended
};

/// At most this many warning lines go to stderr in one batch (the summary
/// counts the reports with warnings).
inline constexpr std::size_t kMaxWarningLines = 20;

/// A warning as stderr shows it: `unknown member "/assesments" in the case,
/// ignored (--strict makes it an error)`; the path quoted as error messages
/// quote values (at most 64 characters, control characters escaped).
std::string warning_text(const Warning& warning);

/// Evaluates every non-blank line of `in`; a bad line yields its error
/// document with its 1-based `line` and never stops the batch. A line over
/// 16 MiB (not counting its "\r\n") is answered with `limit_exceeded`
/// without being held in memory. The case's warnings (not the framework's:
/// the caller shows those once) go to stderr as `rung: line N: warning:
/// ...`, for the first kMaxWarningLines of them.
BatchSummary run_batch(const Engine& engine, const Input& in, const Output& out,
                       const BatchOptions& options);

}  // namespace rung::cli
