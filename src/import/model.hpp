// SPDX-License-Identifier: MIT
// What both importers build: a rung.framework/2 document as plain data,
// written out by write() in one fixed layout (same input, same bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/import.hpp"

namespace rung::import::detail {

struct Criterion {
  std::string id, text;
};

struct Expectation {
  std::string competency;
  std::string level;  ///< a label of the scale
  std::vector<Criterion> criteria;
};

struct Level {
  std::string id, name;
  std::vector<std::string> tracks;
  std::int64_t rank = 0;
  std::string gate = "open";
  std::vector<Expectation> expectations;
};

struct Competency {
  std::string id, name;
};

struct Framework {
  std::string id, name;
  std::vector<std::string> scale;
  std::vector<Competency> competencies;
  std::vector<Level> levels;
  std::vector<std::pair<std::string, std::string>> policy;  ///< key, string value
};

/// Thrown on bad input; ft() and monzo() return it as the Result's error.
struct Failure {
  Error error;
};

/// Most statements (criteria) one import makes, and most items of a list:
/// rung's array limit.
constexpr std::size_t kMaxStatements = 100000;
/// Largest input, as rung's document limit.
constexpr std::size_t kMaxBytes = std::size_t{16} << 20;

/// An id made from a title: ASCII letters and digits lowercased, every other
/// run of characters one "-", none at either end; "" when nothing is left.
std::string slug(std::string_view text);

/// Text with every run of white space (line breaks included) made one
/// space, and none at either end.
std::string fold(std::string_view text);

/// The length of the UTF-8 sequence at `i` (1-4), or 0 when the bytes there
/// are not one (overlong forms, surrogates and code points past U+10FFFF
/// are not).
std::size_t utf8_length(std::string_view text, std::size_t i);

/// What mend_utf8 makes of a byte that is not part of a UTF-8 sequence.
enum class Mend {
  /// The code point of that value (U+0080-U+00FF). yaml-cpp 0.7 decodes the
  /// YAML escapes \_ and \N as the single bytes A0 and 85, not as U+00A0
  /// and U+0085 in UTF-8; the text it reads is checked UTF-8, so these are
  /// the only such bytes its scalars hold.
  latin1,
  /// U+FFFD: yaml-cpp's error messages may quote one byte of a character.
  replace,
};

/// `text` in UTF-8 (found by fuzz/fuzz_import.cpp).
std::string mend_utf8(std::string_view text, Mend mend);

/// Fails (parse_error with line and column) at the first byte that is not
/// UTF-8, or when the input is over kMaxBytes (limit_exceeded).
void check_text(std::string_view text, const std::string& document);

/// Ids unique over one framework: competencies, criteria, and the rest.
class Ids {
 public:
  bool taken(const std::string& id) const { return ids_.count(id) > 0; }
  void add(const std::string& id) { ids_.insert(id); }
  /// `base`, or `base-2`, `base-3`, ... for the first that is free; taken.
  std::string unique(const std::string& base);

 private:
  std::set<std::string> ids_;
};

/// The --gate choices applied over the importer's; an unknown level or gate
/// is a usage error, returned as its message ("" when all went well).
std::string apply_gates(Framework& fw, const Options& options, std::vector<std::string>& warnings);

/// The framework as pretty JSON ending in a newline.
std::string write(const Framework& fw);

}  // namespace rung::import::detail
