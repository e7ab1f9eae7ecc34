// SPDX-License-Identifier: MIT
// Writers of the documents for people. Everything a renderer writes goes
// through one: a value is escaped for its format (`text`) unless it is
// markup, and only a string literal can be markup (`Markup` is consteval),
// so text from a document can never become a tag, a table rule or a new
// calendar property by mistake. The few values rung makes itself and that
// no format needs to escape — numbers, dates, the names of rung's own enums —
// have their own calls; `word` takes only a `const char*` (what name()
// returns), so a document's string cannot be passed to it without asking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/render.hpp"
#include "rung/date.hpp"

namespace rung::render {

/// Markup of an output format: a string literal, and nothing else.
class Markup {
 public:
  template <std::size_t N>
  consteval Markup(const char (&literal)[N]) : text_(literal, N - 1) {}
  constexpr std::string_view view() const { return text_; }

 private:
  std::string_view text_;
};

/// The calls every writer has; each returns the writer itself (`Self`), so
/// that a format's own calls chain with them.
template <class Format, class Self>
class BasicWriter {
 public:
  explicit BasicWriter(std::string& out) : out_(&out) {}

  /// Structure of the format, as is.
  Self& markup(Markup m) {
    out_->append(m.view());
    return self();
  }
  /// Any text that is not the format's own: escaped for the format.
  Self& text(std::string_view s) {
    Format::escape(*out_, s);
    return self();
  }
  /// A name rung made (an enum's name, a fixed phrase from a table).
  Self& word(const char* s) {
    out_->append(s);
    return self();
  }
  Self& integer(std::int64_t i) {
    out_->append(std::to_string(i));
    return self();
  }
  /// A number as `%g` prints it (weights, priorities).
  Self& number(double d) {
    out_->append(render::number(d));
    return self();
  }
  /// A share as a percentage with one decimal ("78.6%").
  Self& percent(double share) {
    out_->append(render::percent(share));
    return self();
  }
  Self& date(Date d) {
    out_->append(format_date(d));
    return self();
  }
  /// What was written so far (for measuring, never for writing).
  const std::string& written() const { return *out_; }

 protected:
  Self& self() { return static_cast<Self&>(*this); }
  std::string* out_;
};

template <class Format>
class Writer : public BasicWriter<Format, Writer<Format>> {
 public:
  using BasicWriter<Format, Writer<Format>>::BasicWriter;
};

/// HTML: &, <, >, " and ' as entities; unsafe characters as U+FFFD.
struct HtmlFormat {
  static void escape(std::string& out, std::string_view s) { append_html_escape(out, s); }
};

/// Markdown: what CommonMark would read as markup backslash-escaped.
struct MarkdownFormat {
  static void escape(std::string& out, std::string_view s) { append_md(out, s); }
};

/// The terminal view: printable() text.
struct PlainFormat {
  static void escape(std::string& out, std::string_view s) { append_printable(out, s); }
};

/// iCalendar TEXT: backslash, semicolon, comma and newline escaped.
struct IcalFormat {
  static void escape(std::string& out, std::string_view s) { append_ical(out, s); }
};

/// HTML: a date is a <time> element, which the page's CSS never breaks
/// across lines.
class HtmlWriter : public BasicWriter<HtmlFormat, HtmlWriter> {
 public:
  using BasicWriter::BasicWriter;
  HtmlWriter& date(Date d) {
    out_->append("<time>").append(format_date(d)).append("</time>");
    return *this;
  }
};
/// SVG in an HTML page: its <text> and <title> hold text only, dates too.
using SvgWriter = Writer<HtmlFormat>;
using PlainWriter = Writer<PlainFormat>;
using IcalWriter = Writer<IcalFormat>;

/// Markdown adds code spans and links, both built safely from any text.
class MarkdownWriter : public BasicWriter<MarkdownFormat, MarkdownWriter> {
 public:
  using BasicWriter::BasicWriter;
  /// A code span fenced by more backticks than the text holds in a row.
  MarkdownWriter& code(std::string_view s) {
    append_code(*out_, s);
    return *this;
  }
  /// A plain http(s) link as a link; anything else as code, never followed.
  MarkdownWriter& link(std::string_view s) {
    append_link(*out_, s);
    return *this;
  }
};

}  // namespace rung::render
