// SPDX-License-Identifier: MIT
// Reading YAML for the importers with yaml-cpp (Debian's libyaml-cpp-dev):
// every node has its line and column, and this walker keeps the path to
// it, so that bad input fails with both (docs/import.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "import/model.hpp"

namespace rung::import::detail {

class Yaml {
 public:
  /// `document`: the error documents' `document`; `first_line`: the file's
  /// line (1-based) where the YAML text starts (front matter starts later).
  Yaml(std::string document, int first_line) : document_(std::move(document)), first_line_(first_line) {}

  /// The one YAML document in `text`, or parse_error with its line and column.
  YAML::Node load(const std::string& text) const;

  /// The path grows for the life of the returned scope.
  class Scope {
   public:
    Scope(Yaml& y, std::size_t size) : y_(y), size_(size) {}
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    ~Scope() { y_.path_.resize(size_); }

   private:
    Yaml& y_;
    std::size_t size_;
  };
  [[nodiscard]] Scope at(std::string_view key);
  [[nodiscard]] Scope at(std::size_t index);

  [[noreturn]] void fail(ErrorCode code, std::string message, const YAML::Node& where) const;
  [[noreturn]] void fail_at(ErrorCode code, std::string message, const YAML::Mark& mark) const;

  /// The node as a mapping whose keys are all in `known` (unknown_field
  /// otherwise; a key given twice is duplicate_id).
  void mapping(const YAML::Node& node, std::initializer_list<std::string_view> known);
  /// The node as a sequence (type_error otherwise; limit_exceeded over
  /// 100,000 items, as rung's arrays); a null node is empty.
  std::size_t sequence(const YAML::Node& node) const;
  /// The member, or missing_field (at the mapping's line and column; the
  /// caller has pushed `key`, so that the path points where it would be).
  YAML::Node required(const YAML::Node& map, std::string_view key);
  /// A scalar as text (type_error for a mapping or sequence; a null is "").
  std::string text(const YAML::Node& node) const;
  /// Text that is not blank (invalid_value otherwise).
  std::string nonblank(const YAML::Node& node) const;
  /// An integer from lo to hi (type_error or invalid_value otherwise).
  std::int64_t integer(const YAML::Node& node, std::int64_t lo, std::int64_t hi) const;
  /// true/false (type_error otherwise).
  bool boolean(const YAML::Node& node) const;

 private:
  std::string path() const;

  std::string document_;
  int first_line_;
  std::vector<std::string> path_;  // reference tokens, unescaped
};

/// One import: `read(warnings)` turns the checked text into a framework,
/// the --gate choices go over the importer's, and the framework is written;
/// or the result holds the error (bad input, YAML that does not parse) or
/// the usage message.
template <class Read>
Result import_with(std::string_view text, const char* document, const Options& options, Read&& read) {
  Result r;
  try {
    check_text(text, document);
    Framework fw = read(r.warnings);
    r.usage = apply_gates(fw, options, r.warnings);
    if (r.usage.empty()) r.json = write(fw);
  } catch (Failure& f) {
    r.error = std::move(f.error);
  } catch (const YAML::Exception& e) {
    r.error = Error{document, ErrorCode::parse_error, "", "not YAML: " + mend_utf8(e.msg, Mend::replace), 0, 0};
  }
  return r;
}

}  // namespace rung::import::detail
