// JSON Pointers (RFC 6901), built as the decoder walks a document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rung::json {

/// A growing JSON Pointer: `push` appends a reference token (escaping `~`
/// as `~0` and `/` as `~1`), `truncate` goes back to an earlier length.
class Pointer {
 public:
  void push(std::string_view key) {
    s_ += '/';
    for (char c : key) {
      if (c == '~') s_ += "~0";
      else if (c == '/') s_ += "~1";
      else s_ += c;
    }
  }
  void push(std::size_t index) {
    s_ += '/';
    s_ += std::to_string(index);
  }
  std::size_t size() const { return s_.size(); }
  void truncate(std::size_t n) { s_.resize(n); }
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

}  // namespace rung::json
