// SPDX-License-Identifier: MIT
// Reading JSON documents (rung.framework/1 and /2, rung.case/1 and /2) into
// drafts (rung/draft.hpp): every value checked on its own — types, dates,
// labels, ranges, members that go together — with a JSON Pointer to it on
// error; rung/compile.hpp then checks what needs the rest of the documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "json/tape.hpp"

#include "rung/draft.hpp"

namespace rung::json {

/// A framework document as a draft; `stop` holds the first error met, if
/// any, and the draft what came before it. Without an error, the members the
/// contract does not name are listed (json/members.hpp): the reports'
/// warnings, strict mode's error.
FrameworkDraft read_framework(const Node& doc);

/// A case document as a draft, the same way. `members`: how many members
/// the document holds in all (DocumentParser::members()); when the reader
/// asked for each of them by name, none is unknown and the document is not
/// walked again for them.
CaseDraft read_case(const Node& doc, std::size_t members = SIZE_MAX);

/// `YYYY-MM-DD` between 1900-01-01 and 9000-12-31, or nothing.
std::optional<Date> parse_date(std::string_view s);

}  // namespace rung::json
