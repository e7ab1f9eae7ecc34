// SPDX-License-Identifier: MIT
// rung's C++ entry point: a framework parsed and indexed once, evaluating
// many cases. An Engine is immutable after `load` and safe to share between
// threads; copies share the same framework.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rung/error.hpp"
#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung {

/// Output formats (docs/rung.1, --format): the report as JSON, or a document for people.
enum class Format { json, json_pretty, text, markdown, html, ics };

class Engine {
 public:
  /// Parses and validates a framework document (`rung.framework/1` or
  /// `/2`). `strict` (docs/rules.md, "Warnings and strict mode"): the
  /// framework's first member that the contract does not name is an
  /// `unknown_field` error, after any other error of the framework.
  static Expected<Engine> load(std::string_view framework_json, bool strict = false);

  const Framework& framework() const { return *fw_; }

  /// How to evaluate: the format, who the report is for, colours for text,
  /// and strict mode: the first member that the contract does not name is
  /// an `unknown_field` error, the framework's before anything in the case,
  /// the case's after the case's other errors.
  struct Options {
    Format format = Format::json;
    Audience audience = Audience::full;
    bool color = false;
    bool strict = false;
  };

  /// Parses, validates and evaluates one case document; the report as
  /// `audience` may see it (refuse() first: a usage error throws
  /// std::invalid_argument).
  Expected<Report> evaluate(std::string_view case_json, Audience audience = Audience::full) const;

  /// The same with options (their format and colour aside).
  Expected<Report> evaluate(std::string_view case_json, const Options& options) const;

  /// Appends the report JSON to `out` and returns true, or appends the
  /// error document and returns false (`error`, when given, gets the
  /// error). `indent` 0 writes one line.
  bool evaluate_json(std::string_view case_json, std::string& out, int indent = 0,
                     InputError* error = nullptr) const;

  /// Like evaluate_json, in any format; `color` adds ANSI colours to text.
  /// Errors are always the JSON error document.
  bool evaluate_as(std::string_view case_json, Format format, std::string& out, InputError* error = nullptr,
                   bool color = false) const;

  /// Why `options` cannot be used with this framework (an audience other
  /// than `full` needs a rung.framework/2), or nothing. A usage error, not
  /// an input error: check it before evaluating.
  std::optional<std::string> refuse(const Options& options) const;

  /// Like evaluate_as, with options (an audience: docs/privacy.md). Throws
  /// std::invalid_argument when refuse(options) says why it cannot.
  /// `warnings`, when given, gets the report's warnings (in any format and
  /// either version; a /1 report's JSON does not show them).
  bool evaluate_for(std::string_view case_json, const Options& options, std::string& out,
                    InputError* error = nullptr, std::vector<Warning>* warnings = nullptr) const;

 private:
  explicit Engine(std::shared_ptr<const Framework> fw) : fw_(std::move(fw)) {}
  std::shared_ptr<const Framework> fw_;
};

/// The report as JSON (`indent` 0: one line).
std::string to_json(const Report& report, int indent = 0);

/// Warnings as a JSON array on one line, as a /2 report lists them.
std::string to_json(const std::vector<Warning>& warnings);

/// The `rung.error/1` document.
std::string to_json(const InputError& error, int indent = 0);

/// The example framework compiled into the library (examples/framework.json).
std::string_view builtin_framework();

}  // namespace rung
