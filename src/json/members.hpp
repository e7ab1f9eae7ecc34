// SPDX-License-Identifier: MIT
// Members the contract does not name: the `warnings` of every report and
// strict mode's `unknown_field` error (docs/rules.md, "Warnings and strict
// mode"). A typo such as "assesments" is ignored by the decoder; listing it
// is what keeps it from silently changing a verdict.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "json/tape.hpp"

#include "rung/error.hpp"
#include "rung/report.hpp"  // kMaxWarnings

namespace rung::json {

/// One member the contract does not name: `path` is its JSON Pointer
/// (RFC 6901: `~` written `~0`, `/` written `~1`).
struct UnknownMember {
  Document document = Document::case_;
  std::string path;
  bool operator==(const UnknownMember&) const = default;
};


/// Every member of `doc` (a framework or case document, as `which` says)
/// that its schema version `version` (1 or 2; 2 and up read as 2) does not
/// name, in text order, at most `limit`. Not listed and not looked into:
/// members named `x-…` (extensions), the framework's `policy` (its unknown
/// keys are errors, checked by the decoder), and any member holding a value
/// of the wrong JSON type (the decoder's type_error). The members of a case
/// depend on the case's own version only: a /1 case evaluated against a /2
/// framework still cannot name `criteria`, a `track` or a `name`. A root that
/// is not an object has no members.
std::vector<UnknownMember> unknown_members(const Node& doc, Document which, int version,
                                           std::size_t limit = kMaxWarnings);

}  // namespace rung::json
