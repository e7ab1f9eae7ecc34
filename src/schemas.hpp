// SPDX-License-Identifier: MIT
// The JSON Schemas (draft 2020-12) of rung's documents, compiled in from
// schemas/*.schema.json (cmake/RungSchemas.cmake): the field reference of
// docs/documents.md, printed by `rung schema NAME` and returned by the C
// ABI's rung_schema().
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace rung {

struct Schema {
  std::string_view name;  ///< "framework/1", "case/2", ...: the document's `schema` without "rung."
  std::string_view text;  ///< the file's bytes, followed by a NUL (a C string too)
};

/// Every schema, in the order of docs/documents.md.
std::span<const Schema> schemas() noexcept;

/// The text of the schema `name` ("case/2", or a document's `schema` value
/// such as "rung.case/2"); nullopt for any other name.
std::optional<std::string_view> schema(std::string_view name) noexcept;

}  // namespace rung
