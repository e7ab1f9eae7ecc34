// SPDX-License-Identifier: MIT
// The terminal view: fits 80 columns; colour only when asked. It says why:
// what blocks a blocked case, why evidence does not count, each code in
// plain words (common.cpp) with a legend of the codes at the end.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "render/writer.hpp"
#include "rung/gaps.hpp"
#include "rung/threshold.hpp"

namespace rung::render {
namespace {

constexpr std::size_t kColumns = 80;

/// SGR colours: the sequences that start them.
/// A space that para() never breaks a line at ("day 30 2026-10-31" stays
/// whole). Documents' text cannot hold it: printable() makes it U+FFFD.
constexpr Markup kGlue = "\x1F";

/// The line under a met expectation that no decider has seen evidence of.
constexpr Markup kNotVisible = "not seen by the deciders: none of the evidence that counts is shared with stakeholders or decision makers";

constexpr Markup kBold = "\033[1m", kRed = "\033[31m", kGreen = "\033[32m", kYellow = "\033[33m", kCyan = "\033[36m";

/// The view's writer, and its colours: on() and off() are the sequences
/// that start and end a colour, or nothing when colour is off.
class Out {
 public:
  Out(std::string& out, bool color) : w(out), color_(color) {}
  Markup on(Markup sgr) const { return color_ ? sgr : Markup(""); }
  Markup off() const { return on("\033[0m"); }
  /// A section's title in bold, after an empty line.
  PlainWriter& heading(Markup title) { return w.markup("\n").markup(on(kBold)).markup(title).markup(off()); }

  PlainWriter w;

 private:
  bool color_;
};

/// A table cell: a PlainWriter into a string of its own (a base, so that it
/// is made before the writer), which pad() or rpad() then fits to its
/// column. The line writes the padded cell with text() again: the escape is
/// idempotent, so that only adds the padding.
struct CellBuffer {
  std::string buffer;
};
class Cell : CellBuffer, public PlainWriter {
 public:
  Cell() : PlainWriter(buffer) {}
  Cell(const Cell&) = delete;
  Cell& operator=(const Cell&) = delete;
};

/// Columns a text takes (names need not be ASCII).
std::size_t columns(std::string_view s) {
  std::size_t n = 0, bytes = 0;
  for (std::size_t i = 0; i < s.size(); i += bytes) n += char_columns(s, i, &bytes);
  return n;
}

/// The cell in exactly `width` columns: padded with spaces, or cut between
/// characters (never inside one) with a `~`.
std::string pad(const PlainWriter& cell, std::size_t width) {
  std::string s = cell.written();
  std::size_t n = columns(s);
  if (n > width) {
    std::size_t keep = 0, cols = 0, bytes = 0;
    while (keep < s.size()) {
      const std::size_t c = char_columns(s, keep, &bytes);
      if (cols + c > width - 1) break;
      cols += c;
      keep += bytes;
    }
    s = s.substr(0, keep) + "~";
    n = cols + 1;
  }
  s.append(width - n, ' ');
  return s;
}

/// The cell right-aligned in `width` columns (never cut).
std::string rpad(const PlainWriter& cell, std::size_t width) {
  const std::string& s = cell.written();
  const std::size_t n = columns(s);
  return n >= width ? s : std::string(width - n, ' ') + s;
}

/// A rating, or `-` without one.
std::string rating(const std::optional<int>& v, std::size_t width) {
  Cell c;
  v ? c.integer(*v) : c.markup("-");
  return pad(c, width);
}

PlainWriter& date_or(PlainWriter& w, const std::optional<Date>& d, Markup none = "-") {
  return d ? w.date(*d) : w.markup(none);
}

Markup verdict_color(Verdict v) {
  switch (v) {
    case Verdict::ready: return "\033[1;32m";
    case Verdict::close: return "\033[1;33m";
    case Verdict::not_ready: return "\033[1;31m";
    case Verdict::blocked: return "\033[1;35m";
    case Verdict::no_target: return kBold;
  }
  return kBold;
}

/// The verdict as the view shouts it.
const char* shouted(Verdict v) {
  switch (v) {
    case Verdict::ready: return "READY";
    case Verdict::close: return "CLOSE";
    case Verdict::not_ready: return "NOT READY";
    case Verdict::blocked: return "BLOCKED";
    case Verdict::no_target: return "NO TARGET";
  }
  return "";
}

/// Drops the spaces that padding left at the ends of lines (from `from` on),
/// in place: the text only gets shorter.
void trim_line_ends(std::string& s, std::size_t from) {
  std::size_t kept = from, spaces = 0;
  for (std::size_t i = from; i < s.size(); ++i) {
    if (s[i] == ' ') {
      ++spaces;
      continue;
    }
    if (s[i] != '\n') {
      std::fill_n(s.begin() + static_cast<std::ptrdiff_t>(kept), spaces, ' ');  // kept + spaces <= i
      kept += spaces;
    }
    spaces = 0;
    s[kept++] = s[i];
  }
  s.resize(kept);
}

/// Folds every line (from `from` on) longer than kColumns visible columns:
/// at the last space that fits, else between two characters, the rest on
/// lines indented by four spaces. Colour sequences take no column. Every
/// line rung writes fits already; only a word from the documents longer
/// than a line (a long id, a link) is ever folded here.
void fold_long_lines(std::string& s, std::size_t from) {
  std::string out;
  std::size_t line = from;
  bool folded = false;
  while (line < s.size()) {
    std::size_t end = s.find('\n', line);
    if (end == std::string::npos) end = s.size();
    std::string_view rest(s.data() + line, end - line);
    std::string_view indent;
    for (;;) {
      // Find where the line passes kColumns, and the last space before it.
      std::size_t cols = indent.size(), i = 0, cut = std::string_view::npos, space = std::string_view::npos, bytes = 0;
      while (i < rest.size()) {
        if (rest[i] == '\033') {  // a colour sequence: ESC [ ... m
          const std::size_t m = rest.find('m', i);
          i = m == std::string_view::npos ? rest.size() : m + 1;
          continue;
        }
        const std::size_t c = char_columns(rest, i, &bytes);
        if (cols + c > kColumns) {
          cut = i;
          break;
        }
        if (rest[i] == ' ') space = i;
        cols += c;
        i += bytes;
      }
      if (cut == std::string_view::npos) break;
      if (space != std::string_view::npos && space > rest.size() / 4) cut = space;
      if (cut == 0) cut = bytes;  // a character wider than what is left: it goes alone
      if (!folded) out.assign(s, 0, line), folded = true;
      out.append(indent).append(rest.substr(0, cut)).append("\n");
      rest.remove_prefix(cut);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      indent = "    ";
    }
    if (folded) out.append(indent).append(rest).append(end < s.size() ? "\n" : "");
    line = end + 1;
  }
  if (folded) s.swap(out);
}

/// `text` (written already: escaped, no colour) as a paragraph: `indent`
/// spaces and `lead` (as it is) before its first line, `hang` spaces before
/// the others, lines broken between words (never inside one: a date stays
/// whole) to fit kColumns.
void para(PlainWriter& w, std::size_t indent, std::size_t hang, std::string_view text, std::string_view lead = {}) {
  w.text(std::string(indent, ' ')).text(lead);
  std::size_t col = indent + columns(lead);
  bool line_empty = true;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(' '), text.size());
    const std::string_view word = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (word.empty()) continue;
    const std::size_t size = columns(word);
    if (!line_empty && col + 1 + size > kColumns) {
      w.markup("\n").text(std::string(hang, ' '));
      col = hang;
      line_empty = true;
    }
    if (!line_empty) w.markup(" "), ++col;
    std::string glued(word);
    std::replace(glued.begin(), glued.end(), kGlue.view().front(), ' ');
    w.text(glued);
    col += size;
    line_empty = false;
  }
  w.markup("\n");
}

/// A sentence as the text view writes it: codes as they are.
std::string plain(const Sentence& s) {
  Cell c;
  write(c, s, [](PlainWriter& w, const std::string& code) { w.text(code); });
  return c.written();
}

/// Sentences as a list: "- " at `indent` (4 more for a detail), the rest
/// of each sentence under its first word.
void bullets(PlainWriter& w, std::size_t indent, const std::vector<Sentence>& sentences) {
  for (const Sentence& s : sentences) {
    const std::size_t at = indent + 4 * static_cast<std::size_t>(s.depth);
    para(w, at, at + 2, "- " + plain(s));
  }
}

/// /2: the line under an expectation: its criteria shown, its partial
/// credit, and when an emerging one will count.
void expectation_note(PlainWriter& w, const Framework& fw, const ExpectationResult& x) {
  const bool criteria = !x.criteria.empty(), emerging = x.status == Status::emerging;
  if (!criteria && !emerging) return;
  Cell note;
  if (criteria) {
    std::int64_t met = 0;
    for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
    note.markup("statements shown ").integer(met).markup(" of ").integer(static_cast<std::int64_t>(x.criteria.size()));
    if (x.credit > 0 && x.credit < 1) note.markup(", partial credit ").percent(x.credit);
  }
  if (emerging) {
    if (criteria) note.markup("; ");
    if (x.sustained_since) {
      note.markup("emerging: held since ").date(*x.sustained_since);
      if (const auto from = counts_from(fw, x)) note.markup(", counts from ").date(*from);
    } else {
      note.markup("emerging: not held yet");
    }
  }
  para(w, 8, 10, note.written());
}

/// The flags about ratings (all but not_visible), in plain words.
std::string rating_flags(const ExpectationResult& x) {
  std::string s;
  for (Flag f : x.flags)
    if (f != Flag::not_visible) s += (s.empty() ? "" : ", ") + std::string(words(f).label);
  return s;
}

void header(Out& o, const Framework& fw, const Case& c, const Report& r) {
  PlainWriter& w = o.w;
  const bool v2 = r.version >= 2;
  Cell who, when;
  who.text(v2 ? person(c, r) : r.employee);
  when.markup("as of ").date(r.as_of).markup("  [").text(v2 && !fw.name.empty() ? fw.name : fw.id).markup("]");
  w.markup(o.on(kBold)).markup("rung").markup(o.off()).markup("  ").text(who.written());
  const bool one_line = 6 + columns(who.written()) + 2 + columns(when.written()) <= kColumns;
  w.markup(one_line ? Markup("  ") : Markup("\n")).text(when.written()).markup("\n");
  Cell move;
  move.markup("Move: ").text(level_label(fw, r.move.from)).markup(" -> ");
  if (r.move.to) move.text(level_label(fw, *r.move.to));
  else move.markup(choosing_track(c, r) ? Markup("a track to choose") : Markup("no higher level"));
  if (r.move.kind) move.markup(", ").word(name(*r.move.kind));
  if (v2 && r.move.gate && *r.move.gate != Gate::open) move.markup(", ").word(gate_phrase(*r.move.gate));
  para(w, 0, 6, move.written());
  if (*view_of(r)) {
    Cell view;
    view.markup("This is ").word(view_of(r)).markup(": it shows what they may see; the decision is the same.");
    para(w, 0, 0, view.written());
  }
}

void verdict(Out& o, const Framework& fw, const Case& c, const Report& r) {
  PlainWriter& w = o.w;
  const Markup color = verdict_color(r.verdict);
  w.markup("\nVerdict: ").markup(o.on(color)).word(shouted(r.verdict)).markup(o.off()).markup("\n");
  if (r.coverage) {
    const int width = 40;
    const int filled = static_cast<int>(std::lround(*r.coverage * width));
    const int mark = static_cast<int>(std::lround(fw.policy.coverage_min * width));
    w.markup("Coverage ").percent(*r.coverage).markup(" [").markup(o.on(color));
    for (int i = 0; i < filled; ++i) w.markup("#");
    w.markup(o.off());
    for (int i = filled; i < width; ++i) w.markup(i == mark ? Markup("|") : Markup("."));
    w.markup("] needs ").percent(fw.policy.coverage_min).markup("\n");
    w.markup("Current role delivered: ").percent(r.current_coverage.value_or(0)).markup(" (needs ")
        .percent(fw.policy.current_min).markup(")\n");
  } else if (choosing_track(c, r)) {
    w.markup("Choose a track first: only the follow-up applies until then.\n");
    Cell next;
    next.markup("Next on each track:");
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      next.markup(k ? Markup("; ") : Markup(" ")).text(level_label(fw, l.id)).markup(" on ");
      bool first = true;
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) {
          (first ? next : next.markup(", ")).text(t);
          first = false;
        }
    }
    para(w, 0, 2, next.written());
  } else {
    w.markup("The track has no higher level: only the follow-up applies.\n");
  }

  if (const auto why = why_blocked(fw, c, r); !why.empty()) {
    o.heading("Why blocked").markup(": the current role comes first\n");
    bullets(w, 2, why);
  }
  if (const auto why = why_not_ready(fw, r); !why.empty()) {
    o.heading("Why not ready yet").markup("\n");
    bullets(w, 2, why);
  }
}

void expectations(Out& o, const Framework& fw, const Case& c, const Report& r) {
  if (r.expectations.empty()) return;
  PlainWriter& w = o.w;
  const bool v2 = r.version >= 2;
  o.heading("Expectations").markup(" of ").text(level_label(fw, r.move.to.value_or(""))).markup("\n");
  // The titles, padded to the columns of the rows below.
  w.markup("    competency                   need self mgr  stk  agreed ev  status\n");
  for (const auto& x : r.expectations) {
    w.markup("  ").markup(x.critical ? Markup("* ") : Markup("  ")).text(pad(Cell().text(title_of(fw, x.competency)), 28))
        .markup(" ").text(pad(Cell().integer(x.level), 5)).text(rating(x.ratings.self, 5)).text(rating(x.ratings.manager, 5))
        .text(rating(x.ratings.stakeholders, 5)).text(rating(x.ratings.agreed, 7)).text(pad(Cell().integer(x.evidence), 4))
        .markup(o.on(x.status == Status::met ? kGreen : kYellow)).word(words(x.status).label).markup(o.off()).markup("\n");
    if (const std::string flags = rating_flags(x); !flags.empty()) para(w, 8, 10, "to agree on: " + flags);
    if (has_flag(x, Flag::not_visible)) para(w, 8, 10, kNotVisible.view());
    if (v2) expectation_note(w, fw, x);
    for (const Sentence& s : evidence_notes(fw, c, x)) para(w, 8, 10, plain(s));
  }
  Cell scale;
  scale.markup("(* critical; ratings 0-").integer(static_cast<std::int64_t>(fw.scale.size()) - 1).markup(":");
  for (std::size_t k = 0; k < fw.scale.size(); ++k) scale.markup(k ? Markup(", ") : Markup(" ")).text(fw.scale[k]);
  para(w, 2, 3, scale.markup(")").written());
}

void gaps(Out& o, const Framework& fw, const Case& c, const Report& r) {
  if (r.gaps.empty()) return;
  PlainWriter& w = o.w;
  const bool v2 = r.version >= 2;
  o.heading("Gaps").markup(" by priority\n");
  int i = 0;
  for (const auto& g : r.gaps) {
    w.markup("  ").text(rpad(Cell().integer(++i), 2)).markup(". ").text(pad(Cell().text(title_of(fw, g.competency)), 28))
        .markup(" ").text(pad(Cell().word(words(g.kind).label), 14)).markup("size ").integer(g.size).markup("  priority ")
        .number(g.priority).markup("\n");
    if (v2)
      for (std::size_t k : g.criteria_index)
        para(w, 6, 8, "not shown yet: \u201C" + printable(criterion_at(fw, k).text) + "\u201D");
    if (v2 && g.kind == Status::emerging && g.emerging_until) {
      Cell until;
      para(w, 6, 8, until.markup("closes by itself on ").date(*g.emerging_until).markup(" (held long enough)").written());
    } else if (g.addressed) {
      std::size_t all = 0;
      Cell by;
      by.markup("addressed by ");
      const auto ms = addressing(c, g, 3, &all);
      for (std::size_t k = 0; k < ms.size(); ++k) by.markup(k ? Markup("; ") : Markup("")).text(plain(milestone_label(*ms[k])));
      if (all > ms.size()) by.markup(" and ").integer(static_cast<std::int64_t>(all - ms.size())).markup(" more");
      para(w, 6, 8, by.written());
    } else {
      w.markup("      ").markup(o.on(kYellow)).markup("no open milestone addresses it").markup(o.off()).markup("\n");
    }
  }
}

void timeline(Out& o, const Framework& fw, const Case& c, const Report& r) {
  if (r.verdict == Verdict::no_target) return;
  PlainWriter& w = o.w;
  const auto& t = r.timeline;
  o.heading("Timeline").markup("\n");
  w.markup("  plan agreed        ");
  date_or(w, t.agreed_on, "not yet").markup("\n");
  w.markup("  projected ready    ");
  date_or(w, t.projected_ready, "none").markup("\n");
  if (t.projected_reason) para(w, 6, 8, "- " + plain(cause_sentence(fw, c, r, *t.projected_reason)));
  w.markup("  earliest eligible  ");
  date_or(w, t.earliest_eligible, "none").markup("\n");
  w.markup("  target cycle       ");
  t.target_cycle ? w.text(*t.target_cycle) : w.markup("none");
  if (t.target_decision) w.markup(", decides ").date(*t.target_decision);
  w.markup("\n");
  if (const auto& q = t.requested_cycle) {
    w.markup("  requested cycle    ").text(q->id).markup(", decides ").date(q->decision).markup(": ");
    if (q->feasible) w.markup(o.on(kGreen)).markup("feasible").markup(o.off()).markup("\n");
    else w.markup(o.on(kRed)).markup("not feasible").markup(o.off()).markup("\n");
    for (Cause cause : q->causes) para(w, 6, 8, "- " + plain(cause_sentence(fw, c, r, cause)));
  }
  if (!t.checkpoints.empty()) {
    Cell cps;
    for (std::size_t k = 0; k < t.checkpoints.size(); ++k) {
      const auto& cp = t.checkpoints[k];
      cps.markup(k ? Markup(", day") : Markup("day")).markup(kGlue).integer(cp.day).markup(kGlue).date(cp.date);
      if (cp.passed) cps.markup(kGlue).markup("(passed)");
    }
    para(w, 2, 21, cps.written(), "checkpoints        ");
  }
}

void milestones(Out& o, const Case& c, const Report& r) {
  if (r.plan.milestones.empty()) return;
  PlainWriter& w = o.w;
  o.heading("Milestones").markup("\n");
  for (const MilestoneStatus& s : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[s.milestone];
    para(w, 2, 4, plain(milestone_label(m)));
    Cell facts, states;
    facts.percent(s.progress).markup(" done");
    if (m.deadline) facts.markup(", deadline ").date(*m.deadline);
    if (s.forecast_finish) facts.markup(", forecast ").date(*s.forecast_finish);
    if (m.done) states.markup(", done");
    if (s.overdue) states.markup(", overdue");
    if (s.at_risk) states.markup(", at risk");
    if (s.stalled) states.markup(", stalled");
    para(w, 6, 8, facts.written());
    if (!states.written().empty())  // coloured, on a line of their own
      w.markup("      ").markup(o.on(m.done ? kGreen : kYellow)).text(states.written().substr(2)).markup(o.off()).markup("\n");
    if (!s.missing.empty()) {
      Cell missing;
      missing.markup("not SMART yet, missing:");
      for (std::size_t k = 0; k < s.missing.size(); ++k) {
        std::string field = s.missing[k];
        std::replace(field.begin(), field.end(), '_', ' ');
        missing.markup(k ? Markup(", ") : Markup(" ")).text(field);
      }
      para(w, 6, 8, missing.written());
    }
  }
}

void followup(Out& o, const Framework& fw, const Case& c, const Report& r) {
  PlainWriter& w = o.w;
  const auto& f = r.followup;
  const NextCheckin next = next_checkin(f);
  o.heading("Next check-in").markup(" ").date(next.date);
  if (f.overdue_days > 0)
    w.markup(o.on(kRed)).markup(": now, ").integer(f.overdue_days).markup(" days overdue").markup(o.off())
        .markup(" (it was due ").date(f.next_due).markup(")");
  w.markup("\n  last check-in ");
  date_or(w, f.last_checkin, "never").markup("\n");
  const std::vector<Sentence> agenda = agenda_sentences(fw, c, r);
  for (std::size_t i = 0; i < agenda.size(); ++i) {
    Cell n;
    const std::string lead = rpad(n.integer(static_cast<std::int64_t>(i + 1)), agenda.size() > 9 ? 2 : 1) + ". ";
    para(w, 2, 2 + columns(lead), plain(agenda[i]), lead);
  }
  if (!next.later.empty()) {
    Cell later;
    for (Date d : next.later) later.date(d).markup(" ");
    para(w, 2, 9, later.written(), "later: ");
  }
}

void signals_and_notes(Out& o, const Report& r) {
  PlainWriter& w = o.w;
  if (!r.signals.empty()) {
    o.heading("Signals").markup("\n");
    for (const auto& s : r.signals) {
      const Markup color = s.severity == Severity::info ? kCyan : s.severity == Severity::warning ? kYellow : kRed;
      w.markup("  ").markup(o.on(color)).text(pad(Cell().word(name(s.severity)), 9)).markup(o.off());
      Cell detail;
      detail.text(s.detail).markup(" (").word(name(s.id)).markup(")");
      para(w, 0, 11, detail.written());
    }
  }
  o.heading("Legend").markup("\n");
  for (const Words* entry : legend(r)) {
    Cell line;
    line.word(entry->label);
    if (std::string_view(entry->label) != entry->code) line.markup(" (").word(entry->code).markup(")");
    para(w, 2, 4, line.markup(": ").word(entry->meaning).written());
  }
  if (!r.warnings.empty()) {
    o.heading("Warnings").markup("\n");
    std::vector<Sentence> sentences;
    for (const auto& warning : r.warnings) sentences.push_back(warning_sentence(warning));
    bullets(w, 2, sentences);
  }
}

void text_lines(const Framework& fw, const Case& c, const Report& r, std::string& buffer, const TextOptions& options) {
  Out o(buffer, options.color);
  header(o, fw, c, r);
  verdict(o, fw, c, r);
  expectations(o, fw, c, r);
  gaps(o, fw, c, r);
  timeline(o, fw, c, r);
  milestones(o, c, r);
  followup(o, fw, c, r);
  signals_and_notes(o, r);
}

}  // namespace

void text(const Framework& fw, const Case& c, const Report& r, std::string& buffer, const TextOptions& options) {
  const std::size_t start = buffer.size();
  text_lines(fw, c, r, buffer, options);
  trim_line_ends(buffer, start);
  fold_long_lines(buffer, start);
}

}  // namespace rung::render
