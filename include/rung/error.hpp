// SPDX-License-Identifier: MIT
// Input errors (rung.error/1, docs/documents.md): one error document per failed evaluation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace rung {

/// The error codes of docs/documents.md; `internal` is for what no input should cause (the C ABI's
/// catch-all).
enum class ErrorCode {
  parse_error,
  type_error,
  missing_field,
  unknown_field,
  unknown_reference,
  invalid_date,
  invalid_value,
  duplicate_id,
  invalid_move,
  limit_exceeded,
  internal,
};

enum class Document { framework, case_ };

inline const char* name(ErrorCode c) {
  switch (c) {
    case ErrorCode::parse_error: return "parse_error";
    case ErrorCode::type_error: return "type_error";
    case ErrorCode::missing_field: return "missing_field";
    case ErrorCode::unknown_field: return "unknown_field";
    case ErrorCode::unknown_reference: return "unknown_reference";
    case ErrorCode::invalid_date: return "invalid_date";
    case ErrorCode::invalid_value: return "invalid_value";
    case ErrorCode::duplicate_id: return "duplicate_id";
    case ErrorCode::invalid_move: return "invalid_move";
    case ErrorCode::limit_exceeded: return "limit_exceeded";
    case ErrorCode::internal: return "internal";
  }
  return "";
}

inline const char* name(Document d) { return d == Document::framework ? "framework" : "case"; }

/// What was wrong, where: `path` is a JSON Pointer (RFC 6901) into the
/// document, "" for the whole document.
struct InputError {
  Document document = Document::case_;
  ErrorCode code = ErrorCode::internal;
  std::string path;
  std::string message;
};

/// A value from a document as an error message shows it: in double quotes,
/// at most 64 characters (then "..."), control characters (C0, DEL, C1)
/// written as \u00XX, so that a message stays short and printable whatever
/// the document holds (docs/robustness.md).
inline std::string quoted(std::string_view s) {
  constexpr std::size_t kMaxChars = 64;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) == 0x80) {  // a continuation byte: part of the character before
      out += s[i];
      continue;
    }
    if (chars++ == kMaxChars) {
      out += "...";
      break;
    }
    unsigned control = 0x100;  // none
    if (b < 0x20 || b == 0x7F) control = b;
    else if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
             static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      control = static_cast<unsigned char>(s[++i]);  // U+0080..U+009F
    if (control == 0x100) {
      out += s[i];
    } else {
      out += "\\u00";
      out += kHex[control >> 4];
      out += kHex[control & 15];
    }
  }
  return out + "\"";
}

/// A value or the input error that prevented it.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(InputError error) : v_(std::move(error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const InputError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, InputError> v_;
};

}  // namespace rung
