// SPDX-License-Identifier: MIT
// `rung import ft|monzo FILE`: another organisation's progression framework
// as a rung.framework/2 document on standard output, the choices made on
// the way as warnings on standard error (docs/import.md).
#pragma once

#include <string>
#include <vector>

namespace rung::cli {

/// `format` is "ft" or "monzo"; `gates` are LEVEL=GATE. Returns the exit
/// status: 0 framework written, 1 bad input (the error document written),
/// 2 usage or I/O error.
int import_framework(const std::string& format, const std::string& path, const std::string& id,
                     const std::vector<std::string>& gates);

}  // namespace rung::cli
