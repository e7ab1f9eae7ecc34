// SPDX-License-Identifier: MIT
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

/// The character at `s[i]`: its length in bytes (`*bytes`) and the columns
/// it takes on a terminal or in a line of text: 2 for the wide East Asian
/// scripts, else 1.
std::size_t char_columns(std::string_view s, std::size_t i, std::size_t* bytes);

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

// ------------------------------------------------------------ plain words
// What the documents for people say, written once here and shown by every
// format: rung's codes in plain words, and the sentences that explain a
// report (why a case is blocked, why evidence does not count, what each
// cause and agenda item means, the warnings).

/// A code of the report in plain words: `label` stands where the code would
/// (a table cell, a list), `meaning` explains it in a legend. The code
/// itself is kept for reference (the JSON report and the trace say it).
struct Words {
  const char* code;
  const char* label;
  const char* meaning;
};
const Words& words(Verdict v);
const Words& words(Status s);
const Words& words(Flag f);
const Words& words(Cause c);
const Words& words(AgendaKind k);

/// The codes the report shows, each once, for a legend: its verdict, the
/// statuses, flags, causes (L4's and L2's reason) and agenda kinds that
/// occur, in that order and each group in its enum's order.
std::vector<const Words*> legend(const Report& r);

/// A sentence for people, built once and written by every format with its
/// own escaping: text (the documents' words and rung's phrases), codes
/// (ids: a code span where the format has one), dates and numbers.
class Sentence {
 public:
  enum class Kind { text, code, date, integer, percent };
  struct Part {
    Kind kind = Kind::text;
    std::string text;
    Date date;
    std::int64_t integer = 0;
    double share = 0.0;
  };
  Sentence& text(std::string_view s);
  Sentence& code(std::string_view s);
  Sentence& date(Date d);
  Sentence& integer(std::int64_t i);
  Sentence& percent(double share);
  const std::vector<Part>& parts() const { return parts_; }

  int depth = 0;  ///< 1: a detail of the sentence at depth 0 before it

 private:
  std::vector<Part> parts_;
};

/// Writes `s` with writer `w`: text escaped, dates and numbers as the
/// writer writes them, and each code as `code(w, id)` writes it.
template <class W, class Code>
void write(W& w, const Sentence& s, Code&& code) {
  for (const Sentence::Part& p : s.parts()) {
    switch (p.kind) {
      case Sentence::Kind::text: w.text(p.text); break;
      case Sentence::Kind::code: code(w, p.text); break;
      case Sentence::Kind::date: w.date(p.date); break;
      case Sentence::Kind::integer: w.integer(p.integer); break;
      case Sentence::Kind::percent: w.percent(p.share); break;
    }
  }
}

/// A level as people name it: "Senior Engineer (E4)", or its id alone.
std::string level_label(const Framework& fw, std::string_view id);
/// A rating on the framework's scale: "3 (strong)".
std::string rating_label(const Framework& fw, int rating);

/// Why a blocked case is blocked (T1): the last review that counts against
/// it (its date, rating and the minimum) and, when the current role's
/// coverage is short, each current expectation not delivered, by name.
/// Empty unless the verdict is `blocked`.
std::vector<Sentence> why_blocked(const Framework& fw, const Case& c, const Report& r);
/// Why a `close` or `not_ready` case is not ready: coverage short of the
/// minimum, critical expectations not met. Empty for other verdicts.
std::vector<Sentence> why_not_ready(const Framework& fw, const Report& r);
/// For an expectation with an evidence gap: what counts, which items name
/// it but do not count (shared too narrowly, too old) and what would make
/// them count, and, with criteria, items that prove no statement. Only
/// items the report's audience may see are named (view() keeps no other),
/// at most a few of each.
std::vector<Sentence> evidence_notes(const Framework& fw, const Case& c, const ExpectationResult& x);
/// An L4 cause (or L2's reason) in plain words, with the dates behind it.
Sentence cause_sentence(const Framework& fw, const Case& c, const Report& r, Cause cause);
/// The agenda of the next check-in in plain words, with names.
std::vector<Sentence> agenda_sentences(const Framework& fw, const Case& c, const Report& r);
/// A warning: a member the contract does not name, ignored.
Sentence warning_sentence(const Warning& w);
/// A milestone as people name it: its action, then its id.
Sentence milestone_label(const Milestone& m);
/// The title of each milestone's goal, in plan order (empty without one).
std::vector<std::string_view> goal_titles(const Case& c);
/// The open milestones that address a gap (P3), at most `most`, and how many in all.
std::vector<const Milestone*> addressing(const Case& c, const Gap& g, std::size_t most, std::size_t* all);

/// The next check-in as people read it: F1's date, or, when that is
/// overdue, the first date of the schedule (an overdue check-in is held
/// now); `later` the schedule's other dates.
struct NextCheckin {
  Date date;
  std::vector<Date> later;
};
NextCheckin next_checkin(const FollowupReport& f);

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
