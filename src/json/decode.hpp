// JSON documents to the vocabulary types, validated field by field (SPEC §1,
// §4, §6). Every error carries a JSON Pointer to the offending value.
#pragma once

#include <boost/json/value.hpp>

#include "rung/error.hpp"
#include "rung/types.hpp"

namespace rung::json {

/// A framework document, indexed once.
Expected<Framework> decode_framework(const boost::json::value& doc);

/// A case document, resolved against `fw` (levels, competencies, cycles and
/// the move are checked here).
Expected<Case> decode_case(const boost::json::value& doc, const Framework& fw);

/// `YYYY-MM-DD` between 1900-01-01 and 9000-12-31, or nothing.
std::optional<Date> parse_date(std::string_view s);

}  // namespace rung::json
