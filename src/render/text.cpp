// The terminal view: fits 100 columns; colour only when asked.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "render/writer.hpp"

namespace rung::render {
namespace {

/// SGR colours: the sequences that start them.
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

/// Columns a text takes: one a character (not a byte: names need not be ASCII).
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// The cell in exactly `width` columns: padded with spaces, or cut between
/// characters (never inside one) with a `~`.
std::string pad(const PlainWriter& cell, std::size_t width) {
  std::string s = cell.written();
  std::size_t n = columns(s);
  if (n > width) {
    std::size_t keep = 0, chars = 0;
    while (keep < s.size()) {
      std::size_t next = keep + 1;
      while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
      if (++chars > width - 1) break;
      keep = next;
    }
    s = s.substr(0, keep) + "~";
    n = width;
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
/// lines indented by four spaces. Colour sequences take no column. Only
/// text from the documents (names, motivations, notes) is ever that long.
void fold_long_lines(std::string& s, std::size_t from) {
  constexpr std::size_t kColumns = 100;
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
      std::size_t cols = indent.size(), i = 0, cut = std::string_view::npos, space = std::string_view::npos;
      while (i < rest.size()) {
        if (rest[i] == '\033') {  // a colour sequence: ESC [ ... m
          const std::size_t m = rest.find('m', i);
          i = m == std::string_view::npos ? rest.size() : m + 1;
          continue;
        }
        if (cols == kColumns) {
          cut = i;
          break;
        }
        if (rest[i] == ' ') space = i;
        ++cols;
        ++i;
        while (i < rest.size() && (static_cast<unsigned char>(rest[i]) & 0xC0) == 0x80) ++i;
      }
      if (cut == std::string_view::npos) break;
      if (space != std::string_view::npos && space > rest.size() / 4) cut = space;
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

/// `lead`, then `words` separated by commas, on lines of at most 100
/// columns; later lines are indented like the first word.
void wrapped(PlainWriter& w, Markup lead, const std::vector<std::string>& words) {
  w.markup(lead);
  std::size_t col = lead.view().size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    Cell word;
    word.text(words[i]);
    if (i + 1 < words.size()) word.markup(",");
    const std::size_t size = word.written().size();
    if (i > 0 && col + 1 + size > 100) {
      w.markup("\n");
      for (std::size_t k = 0; k < lead.view().size(); ++k) w.markup(" ");
      col = lead.view().size();
    }
    w.markup(" ").text(word.written());
    col += size + 1;
  }
  w.markup("\n");
}

/// /2: the line under an expectation: its criteria shown, its partial
/// credit, and when an emerging one will count.
void expectation_note(PlainWriter& w, const Framework& fw, const ExpectationResult& x) {
  const bool criteria = !x.criteria.empty(), emerging = x.status == Status::emerging;
  if (!criteria && !emerging) return;
  w.markup("    ");
  if (criteria) {
    std::int64_t met = 0;
    for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
    w.markup("criteria ").integer(met).markup("/").integer(static_cast<std::int64_t>(x.criteria.size()));
    if (x.credit > 0 && x.credit < 1) w.markup(", partial credit ").percent(x.credit);
  }
  if (emerging) {
    if (criteria) w.markup("; ");
    if (x.sustained_since) {
      w.markup("emerging: held since ").date(*x.sustained_since);
      if (const auto from = counts_from(fw, x)) w.markup(", counts from ").date(*from);
    } else {
      w.markup("emerging: not held yet");
    }
  }
  w.markup("\n");
}

void text_lines(const Framework& fw, const Case& c, const Report& r, std::string& buffer, const TextOptions& options) {
  Out o(buffer, options.color);
  PlainWriter& w = o.w;
  const bool v2 = r.version >= 2;
  w.markup(o.on(kBold)).markup("rung").markup(o.off()).markup("  ").text(v2 ? person(c, r) : r.employee);
  w.markup("  ").text(r.move.from).markup(" -> ");
  if (r.move.to)
    w.text(*r.move.to);
  else
    w.markup(choosing_track(c, r) ? Markup("(choose a track)") : Markup("(no higher level)"));
  if (r.move.kind) w.markup(" (").word(name(*r.move.kind)).markup(")");
  w.markup("  as of ").date(r.as_of).markup("  [").text(fw.id).markup("]\n");
  if (*view_of(r)) w.markup("This is ").word(view_of(r)).markup(": it shows what they may see; the decision is the same.\n");
  w.markup("\n");

  const Markup verdict = verdict_color(r.verdict);
  w.markup("Verdict: ").markup(o.on(verdict)).word(shouted(r.verdict)).markup(o.off());
  if (r.coverage) {
    const int width = 40;
    const int filled = static_cast<int>(std::lround(*r.coverage * width));
    const int mark = static_cast<int>(std::lround(fw.policy.coverage_min * width));
    w.markup("   coverage ").percent(*r.coverage).markup(" [").markup(o.on(verdict));
    for (int i = 0; i < filled; ++i) w.markup("#");
    w.markup(o.off());
    for (int i = filled; i < width; ++i) w.markup(i == mark ? Markup("|") : Markup("."));
    w.markup("] needs ").percent(fw.policy.coverage_min).markup("\n");
    w.markup("Current role delivered: ").percent(r.current_coverage.value_or(0)).markup(" (needs ")
        .percent(fw.policy.current_min).markup(")\n");
  } else if (choosing_track(c, r)) {
    w.markup("   choose a track first: only the follow-up applies until then\n");
    std::vector<std::string> next;
    for (std::size_t i : c.candidates) {
      const Level& l = fw.levels[i];
      Cell level;
      level.text(l.id);
      if (!l.name.empty()) level.markup(" ").text(l.name);
      level.markup(" (");
      bool first = true;
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) {
          if (!first) level.markup(", ");
          level.text(t);
          first = false;
        }
      level.markup(")");
      next.push_back(level.written());
    }
    wrapped(w, "Next on each track:", next);
  } else {
    w.markup("   the track has no higher level: only the follow-up applies\n");
  }
  if (v2 && r.move.gate && *r.move.gate != Gate::open)
    w.markup("Gate: ").text(*r.move.to).markup(" is decided ").word(gate_phrase(*r.move.gate)).markup("\n");

  if (!r.expectations.empty()) {
    o.heading("Expectations").markup(" of ").text(r.move.to.value_or("")).markup("\n");
    // The titles, padded to the columns of the rows below.
    w.markup("  competency            need self mgr  stk  agreed ev  status        flags\n");
    for (const auto& x : r.expectations) {
      Cell flags;
      for (std::size_t k = 0; k < x.flags.size(); ++k) (k > 0 ? flags.markup(", ") : flags).word(name(x.flags[k]));
      w.markup("  ").text(pad(Cell().text(x.competency).markup(x.critical ? Markup(" *") : Markup("")), 22))
          .text(pad(Cell().integer(x.level), 5)).text(rating(x.ratings.self, 5)).text(rating(x.ratings.manager, 5))
          .text(rating(x.ratings.stakeholders, 5)).text(rating(x.ratings.agreed, 7))
          .text(pad(Cell().integer(x.evidence), 4))
          .markup(o.on(x.status == Status::met ? kGreen : kYellow)).text(pad(Cell().word(name(x.status)), 14))
          .markup(o.off()).text(pad(flags, 33)).markup("\n");
      if (v2) expectation_note(w, fw, x);
    }
    w.markup("  (* critical; ratings on the scale 0-").integer(static_cast<std::int64_t>(fw.scale.size()) - 1)
        .markup(")\n");
  }

  if (!r.gaps.empty()) {
    o.heading("Gaps").markup(" by priority\n");
    int i = 0;
    for (const auto& g : r.gaps) {
      w.markup("  ").text(rpad(Cell().integer(++i), 2)).markup(". ").text(pad(Cell().text(g.competency), 20))
          .text(pad(Cell().word(name(g.kind)), 14)).markup("size ").integer(g.size).markup("  priority ")
          .text(pad(Cell().number(g.priority), 6));
      if (v2 && g.kind == Status::emerging && g.emerging_until)
        w.markup("closes by itself on ").date(*g.emerging_until);
      else if (g.addressed)
        w.markup("addressed by the plan");
      else
        w.markup(o.on(kYellow)).markup("not addressed by any milestone").markup(o.off());
      w.markup("\n");
      if (v2 && !g.criteria.empty()) wrapped(w, "       criteria not shown:", g.criteria);
    }
  }

  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    o.heading("Timeline").markup("\n");
    w.markup("  plan agreed ");
    date_or(w, t.agreed_on, "never").markup(", projected ready ");
    date_or(w, t.projected_ready);
    if (t.projected_reason) w.markup(" (").word(name(*t.projected_reason)).markup(")");
    w.markup(", earliest eligible ");
    date_or(w, t.earliest_eligible).markup("\n");
    w.markup("  target cycle ");
    t.target_cycle ? w.text(*t.target_cycle) : w.markup("-");
    if (t.target_decision) w.markup(" (decides ").date(*t.target_decision).markup(")");
    w.markup("\n");
    if (const auto& q = t.requested_cycle) {
      w.markup("  requested ").text(q->id).markup(" (decides ").date(q->decision).markup("): ");
      if (q->feasible) {
        w.markup(o.on(kGreen)).markup("feasible").markup(o.off());
      } else {
        w.markup(o.on(kRed)).markup("not feasible").markup(o.off()).markup(" - ");
        for (std::size_t k = 0; k < q->causes.size(); ++k) (k > 0 ? w.markup(", ") : w).word(name(q->causes[k]));
      }
      w.markup("\n");
    }
    if (!t.checkpoints.empty()) {
      w.markup("  checkpoints:");
      bool first = true;
      for (const auto& cp : t.checkpoints) {
        // One space before the first, so that three passed ones fit 100 columns.
        w.markup(first ? Markup(" ") : Markup("  ")).integer(cp.day).markup(" days ").date(cp.date);
        if (cp.passed) w.markup(" (passed)");
        first = false;
      }
      w.markup("\n");
    }
  }
  if (!r.plan.milestones.empty()) {
    o.heading("Milestones").markup("\n");
    for (const auto& m : r.plan.milestones) {
      Cell forecast;
      date_or(forecast, m.forecast_finish);
      w.markup("  ").text(pad(Cell().text(m.id), 16)).text(rpad(Cell().percent(m.progress), 7))
          .markup("  forecast ").text(pad(forecast, 11)).markup(o.on(kYellow));
      if (m.overdue) w.markup(" overdue");
      if (m.at_risk) w.markup(" at-risk");
      if (m.stalled) w.markup(" stalled");
      w.markup(o.off());
      if (!m.missing.empty()) w.markup("  missing: ");
      for (std::size_t k = 0; k < m.missing.size(); ++k) (k > 0 ? w.markup(", ") : w).text(m.missing[k]);
      w.markup("\n");
    }
  }

  const auto& f = r.followup;
  o.heading("Next check-in").markup(" ").date(f.next_due);
  if (f.overdue_days > 0)
    w.markup(o.on(kRed)).markup(" (").integer(f.overdue_days).markup(" days overdue)").markup(o.off());
  w.markup(", last ");
  date_or(w, f.last_checkin, "never").markup("\n");
  int i = 0;
  for (const auto& a : f.agenda)
    w.markup("  ").text(rpad(Cell().integer(++i), 2)).markup(". ").text(pad(Cell().word(name(a.kind)), 20))
        .text(a.ref.value_or("")).markup("\n");
  if (!f.schedule.empty()) {
    w.markup("  then:");
    std::size_t col = 8;
    for (const auto& d : f.schedule) {
      if (col + 11 > 98) {
        w.markup("\n       ");
        col = 7;
      }
      w.markup(" ").date(d);
      col += 11;
    }
    w.markup("\n");
  }

  if (!r.signals.empty()) {
    o.heading("Signals").markup("\n");
    for (const auto& s : r.signals) {
      const Markup color = s.severity == Severity::info ? kCyan : s.severity == Severity::warning ? kYellow : kRed;
      w.markup("  ").markup(o.on(color)).text(pad(Cell().word(name(s.severity)), 9)).markup(o.off())
          .text(pad(Cell().word(name(s.id)), 26)).text(s.detail).markup("\n");
    }
  }
}

}  // namespace

void text(const Framework& fw, const Case& c, const Report& r, std::string& buffer, const TextOptions& options) {
  const std::size_t start = buffer.size();
  text_lines(fw, c, r, buffer, options);
  trim_line_ends(buffer, start);
  fold_long_lines(buffer, start);
}

}  // namespace rung::render
