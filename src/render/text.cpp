// The terminal view: fits 100 columns; colour only when asked.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "render/render.hpp"

namespace rung::render {
namespace {

/// Text already made printable, with rung's own colour codes.
struct Painted {
  std::string text;
};

/// Writes lines: every string goes through printable() (ours keep their
/// line breaks), painted ones as they are.
class Out {
 public:
  Out(std::string& out, bool color) : out_(out), color_(color) {}
  Out& operator<<(std::string_view s) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = s.find('\n', start)) != std::string_view::npos; start = nl + 1) {
      append_printable(out_, s.substr(start, nl - start));
      out_ += '\n';
    }
    append_printable(out_, s.substr(start));
    return *this;
  }
  Out& operator<<(const std::string& s) { return *this << std::string_view(s); }
  Out& operator<<(const char* s) { return *this << std::string_view(s); }
  Out& operator<<(const Painted& p) {
    out_ += p.text;
    return *this;
  }
  /// `s` in an SGR colour (e.g. "1;32") when colour is on.
  Painted paint(const std::string& s, const char* sgr) const {
    const std::string safe = printable(s);
    return {color_ ? "\033[" + std::string(sgr) + "m" + safe + "\033[0m" : safe};
  }

 private:
  std::string& out_;
  bool color_;
};

/// Columns a text takes: one a character (not a byte: names need not be ASCII).
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// The text in exactly `width` columns: padded with spaces, or cut between
/// characters (never inside one) with a `~`.
std::string pad(std::string s, std::size_t width) {
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

std::string rpad(const std::string& s, std::size_t width) {
  const std::size_t n = columns(s);
  return n >= width ? s : std::string(width - n, ' ') + s;
}

std::string num(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

const char* verdict_color(Verdict v) {
  switch (v) {
    case Verdict::ready: return "1;32";
    case Verdict::close: return "1;33";
    case Verdict::not_ready: return "1;31";
    case Verdict::blocked: return "1;35";
    case Verdict::no_target: return "1";
  }
  return "1";
}

std::string upper(std::string s) {
  for (char& c : s) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string date_or(const std::optional<Date>& d, const char* none = "-") { return d ? format_date(*d) : none; }

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

/// `lead`, then `words` (made printable) separated by commas, on lines of
/// at most 100 columns; later lines are indented like the first word.
std::string wrapped(const std::string& lead, const std::vector<std::string>& words) {
  std::string out = lead;
  std::size_t col = lead.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string word = printable(words[i]) + (i + 1 < words.size() ? "," : "");
    if (i > 0 && col + 1 + word.size() > 100) {
      out += "\n" + std::string(lead.size(), ' ');
      col = lead.size();
    }
    out += ' ';
    out += word;
    col += word.size() + 1;
  }
  return out + "\n";
}

/// /2: the line under an expectation: its criteria shown, its partial
/// credit, and when an emerging one will count.
std::string expectation_note(const Framework& fw, const ExpectationResult& x) {
  std::string note;
  if (!x.criteria.empty()) {
    std::size_t met = 0;
    for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
    note += "criteria " + std::to_string(met) + "/" + std::to_string(x.criteria.size());
    if (x.credit > 0 && x.credit < 1) note += ", partial credit " + percent(x.credit);
  }
  if (x.status == Status::emerging) {
    if (!note.empty()) note += "; ";
    const auto from = counts_from(fw, x);
    note += x.sustained_since ? "emerging: held since " + format_date(*x.sustained_since) +
                                    (from ? ", counts from " + format_date(*from) : std::string())
                              : std::string("emerging: not held yet");
  }
  return note;
}

void text_lines(const Framework& fw, const Case& c, const Report& r, std::string& buffer, const TextOptions& options) {
  Out o(buffer, options.color);
  const bool v2 = r.version >= 2;
  o << o.paint("rung", "1") << "  " << (v2 ? printable(person(c, r)) : r.employee) << "  " << r.move.from << " -> "
    << r.move.to.value_or(choosing_track(c, r) ? "(choose a track)" : "(no higher level)");
  if (r.move.kind) o << " (" << name(*r.move.kind) << ")";
  o << "  as of " << format_date(r.as_of) << "  [" << fw.id << "]\n";
  if (!view_of(r).empty()) o << "This is " << view_of(r) << ": it shows what they may see; the decision is the same.\n";
  o << "\n";

  o << "Verdict: " << o.paint(upper(name(r.verdict)), verdict_color(r.verdict));
  if (r.coverage) {
    const int width = 40;
    const int filled = static_cast<int>(std::lround(*r.coverage * width));
    const int mark = static_cast<int>(std::lround(fw.policy.coverage_min * width));
    std::string bar;
    for (int i = 0; i < width; ++i) bar += i < filled ? "#" : (i == mark ? "|" : ".");
    o << "   coverage " << percent(*r.coverage) << " [" << o.paint(bar.substr(0, static_cast<std::size_t>(filled)), verdict_color(r.verdict))
      << bar.substr(static_cast<std::size_t>(filled)) << "] needs " << percent(fw.policy.coverage_min) << "\n";
    o << "Current role delivered: " << percent(r.current_coverage.value_or(0)) << " (needs "
      << percent(fw.policy.current_min) << ")\n";
  } else if (choosing_track(c, r)) {
    o << "   choose a track first: only the follow-up applies until then\n";
    std::vector<std::string> next;
    for (std::size_t i : c.candidates) {
      const Level& l = fw.levels[i];
      std::string tracks;
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) tracks += (tracks.empty() ? "" : ", ") + t;
      next.push_back(l.id + (l.name.empty() ? "" : " " + l.name) + " (" + tracks + ")");
    }
    o << wrapped("Next on each track:", next);
  } else {
    o << "   the track has no higher level: only the follow-up applies\n";
  }
  if (v2 && r.move.gate && *r.move.gate != Gate::open)
    o << "Gate: " << printable(*r.move.to) << " is decided " << gate_phrase(*r.move.gate) << "\n";

  if (!r.expectations.empty()) {
    o << "\n" << o.paint("Expectations", "1") << " of " << r.move.to.value_or("") << "\n";
    o << "  " << pad("competency", 22) << pad("need", 5) << pad("self", 5) << pad("mgr", 5) << pad("stk", 5)
      << pad("agreed", 7) << pad("ev", 4) << pad("status", 14) << "flags\n";
    for (const auto& x : r.expectations) {
      std::string flags;
      for (Flag f : x.flags) flags += (flags.empty() ? "" : ", ") + std::string(name(f));
      const std::string status = name(x.status);
      o << "  " << pad(x.competency + (x.critical ? " *" : ""), 22) << pad(std::to_string(x.level), 5)
        << pad(num(x.ratings.self), 5) << pad(num(x.ratings.manager), 5) << pad(num(x.ratings.stakeholders), 5)
        << pad(num(x.ratings.agreed), 7) << pad(std::to_string(x.evidence), 4)
        << o.paint(pad(status, 14), x.status == Status::met ? "32" : "33") << pad(flags, 33) << "\n";
      if (v2) {
        const std::string note = expectation_note(fw, x);
        if (!note.empty()) o << "    " << note << "\n";
      }
    }
    o << "  (* critical; ratings on the scale 0-" << std::to_string(fw.scale.size() - 1) << ")\n";
  }

  if (!r.gaps.empty()) {
    o << "\n" << o.paint("Gaps", "1") << " by priority\n";
    int i = 0;
    for (const auto& g : r.gaps) {
      o << "  " << rpad(std::to_string(++i), 2) << ". " << pad(g.competency, 20) << pad(name(g.kind), 14) << "size "
        << std::to_string(g.size) << "  priority " << pad(number(g.priority), 6);
      if (v2 && g.kind == Status::emerging && g.emerging_until)
        o << "closes by itself on " << format_date(*g.emerging_until);
      else
        o << (g.addressed ? Painted{"addressed by the plan"} : o.paint("not addressed by any milestone", "33"));
      o << "\n";
      if (v2 && !g.criteria.empty()) o << wrapped("       criteria not shown:", g.criteria);
    }
  }

  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    o << "\n" << o.paint("Timeline", "1") << "\n";
    o << "  plan agreed " << date_or(t.agreed_on, "never") << ", projected ready " << date_or(t.projected_ready);
    if (t.projected_reason) o << " (" << name(*t.projected_reason) << ")";
    o << ", earliest eligible " << date_or(t.earliest_eligible) << "\n";
    o << "  target cycle " << t.target_cycle.value_or("-");
    if (t.target_decision) o << " (decides " << format_date(*t.target_decision) << ")";
    o << "\n";
    if (const auto& q = t.requested_cycle) {
      o << "  requested " << q->id << " (decides " << format_date(q->decision) << "): ";
      if (q->feasible) {
        o << o.paint("feasible", "32") << "\n";
      } else {
        std::string causes;
        for (Cause cause : q->causes) causes += (causes.empty() ? "" : ", ") + std::string(name(cause));
        o << o.paint("not feasible", "31") << " - " << causes << "\n";
      }
    }
    if (!t.checkpoints.empty()) {
      o << "  checkpoints:";
      bool first = true;
      for (const auto& cp : t.checkpoints) {
        // One space before the first, so that three passed ones fit 100 columns.
        o << (first ? " " : "  ") << std::to_string(cp.day) << " days " << format_date(cp.date)
          << (cp.passed ? " (passed)" : "");
        first = false;
      }
      o << "\n";
    }
  }
  if (!r.plan.milestones.empty()) {
    o << "\n" << o.paint("Milestones", "1") << "\n";
    for (const auto& m : r.plan.milestones) {
      std::string state;
      if (m.overdue) state += " overdue";
      if (m.at_risk) state += " at-risk";
      if (m.stalled) state += " stalled";
      o << "  " << pad(m.id, 16) << rpad(percent(m.progress), 7) << "  forecast " << pad(date_or(m.forecast_finish), 11)
        << o.paint(state, "33");
      if (!m.missing.empty()) {
        std::string missing;
        for (const auto& f : m.missing) missing += (missing.empty() ? "" : ", ") + f;
        o << "  missing: " << missing;
      }
      o << "\n";
    }
  }

  const auto& f = r.followup;
  o << "\n" << o.paint("Next check-in", "1") << " " << format_date(f.next_due);
  if (f.overdue_days > 0) o << o.paint(" (" + std::to_string(f.overdue_days) + " days overdue)", "31");
  o << ", last " << date_or(f.last_checkin, "never") << "\n";
  int i = 0;
  for (const auto& a : f.agenda)
    o << "  " << rpad(std::to_string(++i), 2) << ". " << pad(name(a.kind), 20) << a.ref.value_or("") << "\n";
  if (!f.schedule.empty()) {
    o << "  then:";
    std::size_t col = 8;
    for (const auto& d : f.schedule) {
      if (col + 11 > 98) {
        o << "\n       ";
        col = 7;
      }
      o << " " << format_date(d);
      col += 11;
    }
    o << "\n";
  }

  if (!r.signals.empty()) {
    o << "\n" << o.paint("Signals", "1") << "\n";
    for (const auto& s : r.signals)
      o << "  " << o.paint(pad(name(s.severity), 9), s.severity == Severity::info ? "36" : s.severity == Severity::warning ? "33" : "31")
        << pad(name(s.id), 26) << s.detail << "\n";
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
