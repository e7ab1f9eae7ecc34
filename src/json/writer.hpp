// SPDX-License-Identifier: MIT
// A small streaming JSON writer: members come out in the order they are
// written (the report's order in docs/rules.md), numbers in their shortest
// round-trip form.
//
// The writer owns the text while it writes: it moves `out` in and hands
// it back with take(), so nothing can read a document half written. It
// writes through a cursor into a buffer grown ahead of it (one bounds check
// per token, no append per piece).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace rung::json {

class Writer {
 public:
  /// `indent` 0 writes one line; otherwise that many spaces a level.
  /// What `out` holds already is kept; the document is appended.
  explicit Writer(std::string&& out, int indent = 0) : out_(std::move(out)), size_(out_.size()), indent_(indent) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  /// The text: what `out` held, then everything written.
  [[nodiscard]] std::string take() && {
    out_.resize(size_);
    return std::move(out_);
  }

  /// A `compact` container is written on one line even when indenting
  /// (lists of ids, small records), and so is everything inside it.
  Writer& begin_object(bool compact = false) { return open('{', compact); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array(bool compact = false) { return open('[', compact); }
  Writer& end_array() { return close(']'); }

  /// `k` is one of rung's member names: plain ASCII, written as it is.
  /// A literal's length is known here, so its copy is inlined.
  template <std::size_t N>
  Writer& key(const char (&k)[N]) {
    separate();
    char* p = grab(N + 3);
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    size_ = static_cast<std::size_t>(p - out_.data());
    if (indent_) put(' ');
    after_key_ = true;
    return *this;
  }
  Writer& key(std::string_view k) {
    separate();
    char* p = grab(k.size() + 4);
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    size_ = static_cast<std::size_t>(p - out_.data());
    if (indent_) put(' ');
    after_key_ = true;
    return *this;
  }

  Writer& null() { return raw("null"); }
  Writer& boolean(bool b) { return raw(b ? std::string_view("true") : std::string_view("false")); }
  Writer& integer(std::int64_t i) {
    separate();
    char* p = grab(24);
    size_ = static_cast<std::size_t>(std::to_chars(p, p + 24, i).ptr - out_.data());
    return *this;
  }
  Writer& number(double d) {
    if (!std::isfinite(d)) return null();
    // A small whole number is written as an integer: the same digits as
    // the shortest form of the double, which is fixed notation below 10^4.
    if (d > -1e4 && d < 1e4 && d == static_cast<double>(static_cast<int>(d)) && (d != 0 || !std::signbit(d)))
      return integer(static_cast<int>(d));
    // One to three decimals from 0.01 to 10^4 (weights, shares, scores):
    // the fewest decimals that read back as `d` are its shortest form,
    // written here as to_chars would write them.
    if (const double a = std::fabs(d); a >= 0.01 && a < 1e4) {
      constexpr double kScale[] = {10.0, 100.0, 1000.0};
      for (int k = 0; k < 3; ++k) {
        const double m = std::round(a * kScale[k]);
        if (m / kScale[k] == a) return decimal(d < 0, static_cast<std::int64_t>(m), k + 1);
      }
    }
    separate();
    char* p = grab(32);
    size_ = static_cast<std::size_t>(std::to_chars(p, p + 32, d).ptr - out_.data());
    return *this;
  }
  Writer& string(std::string_view s) {
    separate();
    quote(s);
    return *this;
  }

 private:
  /// `m` / 10^`decimals` in fixed notation, every decimal written.
  Writer& decimal(bool negative, std::int64_t m, int decimals) {
    separate();
    char* p = grab(32);
    if (negative) *p++ = '-';
    std::int64_t unit = 1;
    for (int k = 0; k < decimals; ++k) unit *= 10;
    p = std::to_chars(p, p + 24, m / unit).ptr;
    *p++ = '.';
    std::int64_t fraction = m % unit;
    for (int k = decimals - 1; k >= 0; --k, fraction /= 10) p[k] = static_cast<char>('0' + fraction % 10);
    size_ = static_cast<std::size_t>(p + decimals - out_.data());
    return *this;
  }

  struct Frame {
    bool first = true;
    bool compact = false;
  };

  /// Room for `n` more bytes at the cursor; the pointer to them.
  char* grab(std::size_t n) {
    if (size_ + n > out_.size()) [[unlikely]]
      grow(n);
    return out_.data() + size_;
  }
  [[gnu::noinline]] void grow(std::size_t n) { out_.resize(std::max(out_.size() * 2, size_ + n + 1024)); }
  void put(char c) { *grab(1) = c, ++size_; }
  void append(const char* s, std::size_t n) {
    std::memcpy(grab(n), s, n);
    size_ += n;
  }
  Writer& raw(std::string_view text) {
    separate();
    append(text.data(), text.size());
    return *this;
  }

  Writer& open(char c, bool compact) {
    separate();
    put(c);
    if (depth_ == frames_.size()) throw std::length_error("rung::json::Writer: nesting too deep");
    const bool inherit = in_compact();
    frames_[depth_++] = {true, compact || inherit};
    return *this;
  }
  Writer& close(char c) {
    const Frame f = frames_[--depth_];
    if (!f.first && !f.compact) newline();
    put(c);
    return *this;
  }
  bool in_compact() const { return depth_ && frames_[depth_ - 1].compact; }
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!depth_) return;
    Frame& f = frames_[depth_ - 1];
    if (!f.first) {
      if (f.compact && indent_) append(", ", 2);
      else put(',');
    }
    f.first = false;
    if (!f.compact) newline();
  }
  void newline() {
    if (!indent_) return;
    const std::size_t n = depth_ * static_cast<std::size_t>(indent_);
    char* p = grab(n + 1);
    *p = '\n';
    std::memset(p + 1, ' ', n);
    size_ += n + 1;
  }

  void quote(std::string_view s) {
    // Each byte is at most 6 bytes escaped: room for all of them at once.
    char* p = grab(s.size() * 6 + 2);
    *p++ = '"';
    const char* in = s.data();
    const char* const end = in + s.size();
    while (in != end) {
      // Eight bytes at a time while none needs an escape (most text).
      while (end - in >= 8) {
        std::uint64_t w;
        std::memcpy(&w, in, 8);
        if (needs_escape(w)) break;
        std::memcpy(p, in, 8);
        p += 8, in += 8;
      }
      if (in == end) break;
      // Fewer than eight left of a string of eight or more: the last eight,
      // which overlap what was copied, are tested at once.
      if (end - in < 8 && s.size() >= 8) {
        std::uint64_t w;
        std::memcpy(&w, end - 8, 8);
        if (!needs_escape(w)) {
          const auto n = static_cast<std::size_t>(end - in);
          std::memcpy(p, in, n);
          p += n, in = end;
          break;
        }
      }
      const auto c = static_cast<unsigned char>(*in++);
      if (c >= 0x20 && c != '"' && c != '\\') {
        *p++ = static_cast<char>(c);
        continue;
      }
      *p++ = '\\';
      switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        default: {
          static constexpr char hex[] = "0123456789abcdef";
          *p++ = 'u', *p++ = '0', *p++ = '0', *p++ = hex[c >> 4], *p++ = hex[c & 15];
        }
      }
    }
    *p++ = '"';
    size_ = static_cast<std::size_t>(p - out_.data());
  }
  /// Whether any of eight bytes is below 0x20, a quote or a backslash (the
  /// exact "has a zero byte" test of each, on the bytes as a word).
  static bool needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & high; };
    return ((w - ones * 0x20) & ~w & high) | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'));
  }

  std::string out_;
  std::size_t size_;  ///< bytes written; `out_` is longer until take()
  int indent_;
  std::array<Frame, 32> frames_{};
  std::size_t depth_ = 0;
  bool after_key_ = false;
};

}  // namespace rung::json
