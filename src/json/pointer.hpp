// SPDX-License-Identifier: MIT
// JSON Pointers (RFC 6901), kept as the decoder walks a document.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <stdexcept>

namespace rung::json {

/// A stack of reference tokens (member names or array indexes). Pushing
/// and popping cost next to nothing on the happy path: the text, with `~`
/// escaped as `~0` and `/` as `~1`, is only built when an error needs it.
/// Keys are views: they must outlive the pointer's use (they live in the
/// document). Documents nest at most 64 deep (the parser's limit), so the
/// tokens fit in a fixed array.
class Pointer {
 public:
  static constexpr std::size_t kMaxTokens = 80;

  void push(std::string_view key) { tokens_[next()] = {key, 0, false}; }
  void push(std::size_t index) { tokens_[next()] = {{}, index, true}; }
  std::size_t size() const { return size_; }
  void truncate(std::size_t n) { size_ = n; }

  std::string str() const {
    std::string s;
    for (std::size_t i = 0; i < size_; ++i) {
      const Token& t = tokens_[i];
      s += '/';
      if (t.is_index) {
        s += std::to_string(t.index);
        continue;
      }
      for (char c : t.key) {
        if (c == '~') s += "~0";
        else if (c == '/') s += "~1";
        else s += c;
      }
    }
    return s;
  }

 private:
  struct Token {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };
  std::size_t next() {
    if (size_ == kMaxTokens) [[unlikely]]
      too_deep();
    return size_++;
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void too_deep() {
    throw std::length_error("JSON Pointer deeper than the parser allows");
  }
  std::array<Token, kMaxTokens> tokens_{};
  std::size_t size_ = 0;
};

}  // namespace rung::json
