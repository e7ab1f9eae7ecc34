// SPDX-License-Identifier: MIT
// `rung check-framework`: a valid framework's shape — tracks, trunk, levels,
// competencies, the cycles ahead — and its warnings (members the contract
// does not name, then lints: rung/lint.hpp), as text or as a
// `rung.framework-check/1` document (docs/data-outputs.md).
#pragma once

#include <optional>
#include <string>

#include "rung/date.hpp"
#include "rung/types.hpp"

namespace rung::cli {

/// Appends the summary of `fw` in `format` ("text" or "json"); `as_of`
/// limits the cycles to those deciding on or after it and turns on the
/// `no_decision_ahead` lint.
void check_framework(const Framework& fw, std::optional<Date> as_of, const std::string& format, std::string& out);

}  // namespace rung::cli
