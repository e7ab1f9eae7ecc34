// Documents for people, from a report and what it was computed from: the
// terminal view (text), the promotion case (Markdown, HTML with an SVG
// timeline) and the check-in calendar (iCalendar). Deterministic: the same
// inputs give the same bytes; no clock is read (DTSTAMP comes from as_of).
#pragma once

#include <string>
#include <vector>

#include "rung/report.hpp"
#include "rung/types.hpp"

namespace rung::render {

struct TextOptions {
  bool color = false;  ///< ANSI colours (the CLI decides: a terminal, and no NO_COLOR)
};

void text(const Framework& fw, const Case& c, const Report& r, std::string& out, const TextOptions& options = {});
void markdown(const Framework& fw, const Case& c, const Report& r, std::string& out);
void html(const Framework& fw, const Case& c, const Report& r, std::string& out);
void ics(const Framework& fw, const Case& c, const Report& r, std::string& out);

/// The length of a character at `s[i]` that no document may show as it is:
/// a C0 control but tab, line feed and carriage return, DEL, a C1 control
/// (U+0080..U+009F: U+009B starts a terminal sequence) or a bidirectional
/// override or isolate (U+202A..U+202E, U+2066..U+2069: they reorder what a
/// reader sees); 0 for any other.
std::size_t unsafe_at(std::string_view s, std::size_t i);

/// User text made safe to show: unsafe characters (unsafe_at) become
/// U+FFFD, and line breaks and tabs a space. Every renderer passes the
/// documents' text through it.
std::string printable(std::string_view s);
void append_printable(std::string& out, std::string_view s);  ///< out += printable(s)

/// printable() text, each of its other characters' bytes written by
/// `escape(out, byte)`: the one loop behind every format's escaping.
template <class Escape>
void append_printable_with(std::string& out, std::string_view s, Escape escape) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '\t' || ch == '\n' || ch == '\r') {
      out += ' ';
    } else if (const std::size_t n = unsafe_at(s, i)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n - 1;
    } else {
      escape(out, ch);
    }
  }
}

/// printable() text with what Markdown would read as markup backslash-escaped.
void append_md(std::string& out, std::string_view text);
/// A Markdown code span of printable() text, fenced by more backticks than it holds.
void append_code(std::string& out, std::string_view text);
/// A Markdown link when `link` is a plain http(s) address, else a code span.
void append_link(std::string& out, std::string_view link);
/// iCalendar TEXT: backslash, semicolon, comma, newline escaped; unsafe characters U+FFFD.
void append_ical(std::string& out, std::string_view text);

/// printable() text with &, <, >, " and ' as HTML entities.
void append_html_escape(std::string& out, std::string_view s);

/// Calls `f(item)` for each evidence item counted for an expectation (its
/// evidence_ids), in case order, asking the processor for the text of the
/// item a few places ahead: in a case of 100,000 items that text is spread
/// over a tree larger than the caches, and waiting for it was most of the
/// time of a line (bench/scale).
template <class F>
void for_each_counted(const Case& c, const ExpectationResult& x, F&& f) {
  constexpr std::size_t kAhead = 8;
  const std::vector<std::size_t>& items = x.evidence_items;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k + kAhead < items.size()) {
      const Evidence& next = c.evidence[items[k + kAhead]];
      __builtin_prefetch(next.title.data());
      __builtin_prefetch(next.id.data());
    }
    f(c.evidence[items[k]]);
  }
}

/// Shared wording.
std::string percent(double share);
std::string number(double d);  ///< shortest: 2, 0.5, 1.25
std::string title_of(const Framework& fw, const std::string& competency);

// ------------------------------------------------------------ /2
// Everything below is for version-2 reports (report.version >= 2); the
// version-1 documents never call it.

/// The person, for headings: "Name (id)" when the /2 case gives a name,
/// else the id. Raw text: the caller escapes it for its format.
std::string person(const Case& c, const Report& r);
/// Whose view a report is ("the committee's view"), empty for the full one.
const char* view_of(const Report& r);
/// The name alone when given, else the id (calendar summaries).
std::string short_person(const Case& c, const Report& r);

/// "through an application", "through an open vacancy"; empty when open.
const char* gate_phrase(Gate g);

/// The criterion at `index` in Framework::criteria.
const Criterion& criterion_at(const Framework& fw, std::size_t index);

/// T5: the date an emerging (or met) expectation has held, or will have
/// held, long enough: sustained_since + sustained_days.
std::optional<Date> counts_from(const Framework& fw, const ExpectationResult& x);

/// No target because two or more levels are tied for it (M1, choose_track).
inline bool choosing_track(const Case& c, const Report& r) {
  return r.version >= 2 && !r.move.to && !c.candidates.empty();
}

/// Calls `f(item)` for each evidence item that shows criterion `cr` of the
/// expectation `x` and that the report lists (cr.evidence_ids, a
/// subsequence of x's counted items in case order); then `rest(id)` for any
/// listed id not found among them.
template <class F, class Rest>
void for_each_showing(const Case& c, const ExpectationResult& x, const CriterionResult& cr, F&& f, Rest&& rest) {
  std::size_t next = 0;
  for (std::size_t k = 0; k < x.evidence_items.size() && next < cr.evidence_ids.size(); ++k) {
    const Evidence& ev = c.evidence[x.evidence_items[k]];
    if (ev.id == cr.evidence_ids[next]) {
      f(ev);
      ++next;
    }
  }
  for (; next < cr.evidence_ids.size(); ++next) rest(cr.evidence_ids[next]);
}

}  // namespace rung::render
