// A small streaming JSON writer: members come out in the order they are
// written (SPEC §3 order), numbers in their shortest round-trip form.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rung::json {

class Writer {
 public:
  /// `indent` 0 writes one line; otherwise that many spaces a level.
  explicit Writer(std::string& out, int indent = 0) : out_(out), indent_(indent) {}

  /// A `compact` container is written on one line even when indenting
  /// (lists of ids, small records), and so is everything inside it.
  Writer& begin_object(bool compact = false) { return open('{', compact); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array(bool compact = false) { return open('[', compact); }
  Writer& end_array() { return close(']'); }

  /// `k` is one of rung's member names: plain ASCII, written as it is.
  Writer& key(std::string_view k) {
    separate();
    out_ += '"';
    out_.append(k);
    out_.append(indent_ ? "\": " : "\":");
    after_key_ = true;
    return *this;
  }

  Writer& null() { return raw("null"); }
  Writer& boolean(bool b) { return raw(b ? "true" : "false"); }
  Writer& integer(std::int64_t i) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    return raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  Writer& number(double d) {
    if (!std::isfinite(d)) return null();
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    return raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  Writer& string(std::string_view s) {
    separate();
    quote(s);
    return *this;
  }

 private:
  Writer& raw(std::string_view text) {
    separate();
    out_ += text;
    return *this;
  }
  struct Frame {
    bool first = true;
    bool compact = false;
  };

  Writer& open(char c, bool compact) {
    separate();
    out_ += c;
    frames_.push_back({true, compact || in_compact()});
    return *this;
  }
  Writer& close(char c) {
    const Frame f = frames_.back();
    frames_.pop_back();
    if (!f.first && !f.compact) newline();
    out_ += c;
    return *this;
  }
  bool in_compact() const { return !frames_.empty() && frames_.back().compact; }
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (!f.first) out_ += (f.compact && indent_) ? ", " : ",";
    f.first = false;
    if (!f.compact) newline();
  }
  void newline() {
    if (!indent_) return;
    out_ += '\n';
    out_.append(frames_.size() * static_cast<std::size_t>(indent_), ' ');
  }
  static bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

  void quote(std::string_view s) {
    out_ += '"';
    std::size_t run = 0;  // start of the pending run of characters copied as they are
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (!needs_escape(c)) continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        default: {
          static const char hex[] = "0123456789abcdef";
          const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
          out_.append(u, sizeof u);
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  int indent_;
  std::vector<Frame> frames_;
  bool after_key_ = false;
};

}  // namespace rung::json
