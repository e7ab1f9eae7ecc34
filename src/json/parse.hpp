// SPDX-License-Identifier: MIT
// Parsing a document under the documented limits (docs/robustness.md): 16 MiB, nesting
// depth 64 (the root container is depth 1), 100,000 items per array. The
// limits are enforced while parsing, never after building a huge tree.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "json/tape.hpp"
#include "rung/error.hpp"

namespace rung::json {

inline constexpr std::size_t kMaxDocumentBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxArrayItems = 100000;

/// Parses documents one after the other into a tape (json/tape.hpp),
/// reusing its memory: a document allocates nothing once one of its size
/// has been read, and the memory of a much larger one is freed by the next
/// call, so memory never grows from document to document. Not
/// thread-safe: one parser per thread.
class DocumentParser {
 public:
  DocumentParser();
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  /// Parses one JSON document into its root node, which lives until the
  /// next call; its strings are views into `text` or into the parser.
  /// Errors: `limit_exceeded` (at "" for size and depth, at the array for
  /// its item count) or `parse_error` at "" with the line and column.
  Expected<const Node*> parse(std::string_view text, Document document);

  /// The members (key nodes) of the document parsed last, in all its objects.
  std::size_t members() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rung::json
