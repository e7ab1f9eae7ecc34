// SPDX-License-Identifier: MIT
// Importers: the Financial Times' engineering-progression YAML and Monzo's
// progression-framework Markdown pages turned into rung.framework/2 JSON
// (docs/import.md). A feature of the command line only: nothing here is part
// of librung or its C ABI, and only the CLI links the YAML reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rung/error.hpp"

namespace rung::import {

/// What the user may decide instead of the importer.
struct Options {
  std::string id;                                           ///< the framework's id; empty: made from the file
  std::vector<std::pair<std::string, std::string>> gates;  ///< level id -> "open", "application" or "vacancy"
};

/// Bad input: a rung.error/1 document whose `document` names the format
/// ("ft" or "monzo"), `path` points into the YAML (JSON Pointer syntax),
/// and `line`/`column` (1-based, 0 = unknown) place it in the file.
struct Error {
  std::string document;
  ErrorCode code = ErrorCode::invalid_value;
  std::string path;
  std::string message;
  int line = 0;
  int column = 0;
};

/// One import: the framework JSON (pretty, ending in a newline) and the
/// choices made on the way, or the error.
struct Result {
  std::string json;
  std::vector<std::string> warnings;
  std::optional<Error> error;
  std::string usage;  ///< an option that does not fit the file (--gate): exit 2
};

/// A job-family file of Financial-Times/engineering-progression
/// (`data/job-families/*.yml`).
Result ft(std::string_view yaml, const Options& options);

/// A framework page of monzo/progression-framework (`frameworks/**.md`):
/// YAML front matter with `topics`, or headed Markdown when `yaml` is false.
Result monzo(std::string_view markdown, const Options& options);

/// The error document, pretty, ending in a newline.
std::string to_json(const Error& error);

}  // namespace rung::import
