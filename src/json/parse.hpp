// SPDX-License-Identifier: MIT
// Parsing a document under the documented limits (docs/robustness.md): 16 MiB, nesting
// depth 64 (the root container is depth 1), 100,000 items per array. The
// limits are enforced while parsing, never after building a huge tree.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include <boost/json/value.hpp>

#include "rung/error.hpp"

namespace rung::json {

inline constexpr std::size_t kMaxDocumentBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxArrayItems = 100000;

/// Parses documents one after the other, reusing its stacks and a 64 KiB
/// arena: a document whose values fit in the arena allocates nothing, a
/// larger one takes heap blocks that are freed by the next call, so memory
/// never grows from document to document. Not thread-safe: one parser per
/// thread.
class DocumentParser {
 public:
  DocumentParser();
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  /// Parses one JSON document. The value lives until the next call.
  /// Errors: `limit_exceeded` (at "" for size and depth, at the array for
  /// its item count) or `parse_error` at "" with the line and column.
  Expected<const boost::json::value*> parse(std::string_view text, Document document);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rung::json
