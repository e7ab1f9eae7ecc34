// Parsing a document under the SPEC's limits (§4, §6): 16 MiB, nesting
// depth 64 (the root container is depth 1), 100,000 items per array. The
// limits are enforced while parsing, never after building a huge tree.
#pragma once

#include <cstddef>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "rung/error.hpp"

namespace rung::json {

inline constexpr std::size_t kMaxDocumentBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxArrayItems = 100000;

/// Parses one JSON document. Errors: `limit_exceeded` (at "" for size and
/// depth, at the array for its item count) or `parse_error` at "" with the
/// line and column.
Expected<boost::json::value> parse_document(std::string_view text, Document document,
                                            boost::json::storage_ptr sp = {});

}  // namespace rung::json
