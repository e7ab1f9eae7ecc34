// `rung batch`: one case a line in, one report or error document a line
// out, in input order, on N threads, in memory bounded by a window of
// in-flight lines (SPEC §5).
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>

#include "rung/engine.hpp"

namespace rung::cli {

struct BatchOptions {
  unsigned threads = 1;
  std::size_t window = 0;  ///< lines in flight; 0: 256 per thread
  bool progress = false;   ///< a live bar on stderr
  std::size_t total_bytes = 0;  ///< the input's size when known: the bar shows a share and an ETA
};

struct BatchSummary {
  std::size_t cases = 0, errors = 0;
  std::size_t verdicts[5] = {};  ///< by rung::Verdict
  double seconds = 0;
};

/// Evaluates every non-blank line of `in`; a bad line yields its error
/// document with its 1-based `line` and never stops the batch.
BatchSummary run_batch(const Engine& engine, std::istream& in, std::ostream& out, const BatchOptions& options);

}  // namespace rung::cli
