// SPDX-License-Identifier: MIT
// Reports and errors to JSON (docs/documents.md), members in the schemas' order.
#pragma once

#include <string>
#include <vector>

#include "rung/error.hpp"
#include "rung/report.hpp"

namespace rung::json {

/// Appends the `rung.report/1` document; `indent` 0 writes one line.
void encode_report(const Report& r, std::string& out, int indent = 0);

/// Appends the warnings as a JSON array on one line, each as a `/2` report
/// lists it: `{"document", "code": "unknown_member", "path"}`.
void encode_warnings(const std::vector<Warning>& warnings, std::string& out);

/// Appends the `rung.error/1` document. `line` > 0 adds the batch line number.
void encode_error(const InputError& e, std::string& out, int indent = 0, std::size_t line = 0);

}  // namespace rung::json
