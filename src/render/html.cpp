// SPDX-License-Identifier: MIT
// The promotion case as one self-contained page: inline CSS, no scripts, no
// external assets, and an SVG timeline of milestones (their progress drawn
// on the bars), check-ins, checkpoints, as_of and the decision dates, with
// a legend of its marks. Like the Markdown case it says why: what blocks
// the case, why evidence does not count, and the codes in plain words with
// a legend. Everything is written through an HtmlWriter (an SvgWriter in
// the timeline): markup is a string literal, a document's text is escaped.
#include <algorithm>
#include <string>
#include <vector>

#include "render/render.hpp"
#include "render/writer.hpp"
#include "rung/plan.hpp"

namespace rung::render {

void append_html_escape(std::string& out, std::string_view text) {
  append_printable_with(out, text, [](std::string& o, char c) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  });
}

namespace {

constexpr Markup kCss = R"(body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #e6e9ef;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f9}.v{display:inline-block;padding:.15rem .6rem;border-radius:.3rem;color:#fff;font-weight:600}
.ready{background:#2d8a4e}.close{background:#c58a00}.not_ready{background:#c0392b}.blocked{background:#7d3c98}.no_target{background:#6b7280}
.met{color:#2d8a4e}.gap{color:#b45309}.flag{background:#eef1f6;border-radius:.25rem;padding:0 .3rem;margin-right:.2rem;font-size:.82rem;white-space:nowrap}
.muted{color:#6b7280}svg{width:100%;height:auto;border:1px solid #e6e9ef;border-radius:.3rem;background:#fcfcfd}
blockquote{border-left:3px solid #c7cfdc;margin:1rem 0 0;padding:.2rem .8rem;color:#3b4556}code{font-size:.85rem}
time,code.id{white-space:nowrap}.why{border-left:4px solid #7d3c98;background:#f8f5fb;padding:.1rem 1rem .4rem;margin-top:1rem}
.why.notready{border-color:#c58a00;background:#fdf9ef}.why h2{border:0;margin-top:.6rem}
tr.notes td{border-bottom:1px solid #e6e9ef;padding-top:0}tr.lead td{border-bottom:0}ul.notes{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem}
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.92rem}dl.legend dd{margin:0}
footer{margin-top:2rem;font-size:.92rem}.s+.s{margin-top:.3rem}
)";

/// A date, or `none` (a dash) without one.
void date_or(HtmlWriter& w, const std::optional<Date>& d, Markup none = "&#8212;") {
  if (d) w.date(*d);
  else w.markup(none);
}

/// "1 item", "3 items".
HtmlWriter& count(HtmlWriter& w, std::int64_t n, Markup one, Markup many) {
  return w.integer(n).markup(n == 1 ? one : many);
}

/// A separator before the next item of a list, unless the list, begun when
/// `start` bytes were written, has shown nothing yet.
void separate(HtmlWriter& w, std::size_t start, Markup separator) {
  if (w.written().size() > start) w.markup(separator);
}

/// A sentence, its codes (ids) in <code> kept on one line.
HtmlWriter& say(HtmlWriter& w, const Sentence& s) {
  write(w, s, [](HtmlWriter& h, const std::string& code) { h.markup("<code class=\"id\">").text(code).markup("</code>"); });
  return w;
}

/// Text rung wrote with dates in it (a signal's detail): each date in a
/// <time>, so that it never breaks across lines; the rest escaped.
HtmlWriter& text_with_dates(HtmlWriter& w, std::string_view s) {
  const auto is_date = [&](std::size_t i) {
    if (i + 10 > s.size()) return false;
    for (std::size_t k = 0; k < 10; ++k) {
      const char ch = s[i + k];
      if ((k == 4 || k == 7) ? ch != '-' : (ch < '0' || ch > '9')) return false;
    }
    return true;
  };
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_date(i)) continue;
    w.text(s.substr(from, i - from)).markup("<time>").text(s.substr(i, 10)).markup("</time>");
    from = i + 10;
    i += 9;
  }
  return w.text(s.substr(from));
}

/// Sentences as a list (a detail in a list of its own under the one before).
void bullets(HtmlWriter& w, const std::vector<Sentence>& sentences, Markup open = "<ul>") {
  w.markup(open).markup("\n");
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const bool detail = sentences[i].depth > 0;
    say(w.markup("<li>"), sentences[i]);
    const bool next_detail = i + 1 < sentences.size() && sentences[i + 1].depth > 0;
    if (!detail && next_detail) w.markup("\n<ul>\n");
    else w.markup("</li>\n");
    if (detail && !next_detail) w.markup("</ul></li>\n");
  }
  w.markup("</ul>\n");
}

/// The start of `s` that fits `most` columns (a wide character takes two;
/// whole UTF-8 sequences), and `…` when that cut it.
std::string shortened(std::string_view s, std::size_t most) {
  std::size_t i = 0, cols = 0, bytes = 0;
  while (i < s.size()) {
    const std::size_t c = char_columns(s, i, &bytes);
    if (cols + c > most) return std::string(s.substr(0, i)) + "\u2026";
    cols += c;
    i += bytes;
  }
  return std::string(s);
}

/// The marks the timeline can draw; its legend shows those it drew.
enum class Mark { planned, progress, at_risk, overdue, done, forecast, checkin, checkpoint, line };

const char* mark_label(Mark m) {
  switch (m) {
    case Mark::planned: return "milestone, created to deadline";
    case Mark::progress: return "done so far";
    case Mark::at_risk: return "at risk";
    case Mark::overdue: return "overdue";
    case Mark::done: return "done";
    case Mark::forecast: return "forecast finish";
    case Mark::checkin: return "check-in";
    case Mark::checkpoint: return "30/60/90-day checkpoint (filled: passed)";
    case Mark::line: return "as of, decision dates";
  }
  return "";
}

/// Writes mark `m`'s sample with its top left at (x, y), 18 by 14.
void sample(SvgWriter& w, Mark m, int x, int y) {
  const auto rect = [&](Markup cls, int width) {
    w.markup("<rect class=\"").markup(cls).markup("\" x=\"").integer(x).markup("\" y=\"").integer(y).markup("\" width=\"")
        .integer(width).markup("\" height=\"14\" rx=\"3\"/>");
  };
  switch (m) {
    case Mark::planned: rect("m", 18); break;
    case Mark::progress:
      rect("m", 18);
      rect("p", 9);
      break;
    case Mark::at_risk: rect("risk", 18); break;
    case Mark::overdue: rect("late", 18); break;
    case Mark::done: rect("done", 18); break;
    case Mark::forecast:
      w.markup("<circle cx=\"").integer(x + 9).markup("\" cy=\"").integer(y + 7)
          .markup("\" r=\"4\" fill=\"#fff\" stroke=\"#1d2330\"/>");
      break;
    case Mark::checkin:
      w.markup("<line class=\"tick\" x1=\"").integer(x + 9).markup("\" y1=\"").integer(y).markup("\" x2=\"")
          .integer(x + 9).markup("\" y2=\"").integer(y + 14).markup("\"/>");
      break;
    case Mark::checkpoint:
      w.markup("<polygon points=\"").integer(x + 5).markup(",").integer(y + 1).markup(" ").integer(x + 11).markup(",")
          .integer(y + 7).markup(" ").integer(x + 5).markup(",").integer(y + 13).markup(" ").integer(x - 1).markup(",")
          .integer(y + 7).markup("\" fill=\"#2d8a4e\" stroke=\"#2d8a4e\"/>");
      break;
    case Mark::line:
      w.markup("<line class=\"line\" x1=\"").integer(x + 9).markup("\" y1=\"").integer(y).markup("\" x2=\"").integer(x + 9)
          .markup("\" y2=\"").integer(y + 14).markup("\" stroke=\"#1d2330\"/>");
      break;
  }
}

/// Writes the SVG timeline: one row a milestone (its progress drawn on its
/// bar, its share done beside its name), a row of check-ins and
/// checkpoints, dashed lines for as_of and the decisions, then a legend of
/// the marks drawn.
void timeline_svg(SvgWriter& w, const Case& c, const Report& r) {
  std::vector<Date> dates{r.as_of};
  for (const MilestoneStatus& st : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[st.milestone];
    if (m.created) dates.push_back(*m.created);
    if (m.deadline) dates.push_back(*m.deadline);
    if (st.forecast_finish) dates.push_back(*st.forecast_finish);
  }
  for (Date d : r.followup.schedule) dates.push_back(d);
  for (const auto& cp : r.timeline.checkpoints) dates.push_back(cp.date);
  if (r.timeline.target_decision) dates.push_back(*r.timeline.target_decision);
  if (r.timeline.requested_cycle) dates.push_back(r.timeline.requested_cycle->decision);
  if (r.timeline.agreed_on) dates.push_back(*r.timeline.agreed_on);
  const Date first = add_days(*std::min_element(dates.begin(), dates.end()), -7);
  const Date last = add_days(*std::max_element(dates.begin(), dates.end()), 7);
  const double span = static_cast<double>(std::max<std::int64_t>(1, days_between(first, last)));
  const int left = 240, width = 720, row = 26, top = 34, right = 30, total = left + width + right;
  const int rows = static_cast<int>(c.plan.milestones.size()) + 1;
  const int plot = top + rows * row + 40;  // the bottom of the plot, with the labels of its lines
  auto x = [&](Date d) { return left + static_cast<int>(days_between(first, d) / span * width); };

  // The marks drawn, in the legend's order, and the legend's layout.
  bool drawn[static_cast<std::size_t>(Mark::line) + 1] = {};
  const auto draw = [&](Mark m) { drawn[static_cast<std::size_t>(m)] = true; };
  for (const MilestoneStatus& st : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[st.milestone];
    const Date from = m.created.value_or(r.timeline.agreed_on.value_or(r.as_of));
    if (m.deadline.value_or(from) >= from) {
      draw(m.done ? Mark::done : st.overdue ? Mark::overdue : st.at_risk ? Mark::at_risk : Mark::planned);
      if (!m.done && st.progress > 0) draw(Mark::progress);
    }
    if (st.forecast_finish) draw(Mark::forecast);
  }
  if (!r.followup.schedule.empty()) draw(Mark::checkin);
  if (!r.timeline.checkpoints.empty()) draw(Mark::checkpoint);
  draw(Mark::line);
  struct Key {
    Mark mark;
    int x, y;
  };
  std::vector<Key> keys;
  int kx = 8, ky = plot + 6;
  for (std::size_t k = 0; k < std::size(drawn); ++k) {
    if (!drawn[k]) continue;
    const Mark m = static_cast<Mark>(k);
    const int size = 18 + 6 + static_cast<int>(std::string_view(mark_label(m)).size()) * 6 + 22;
    if (kx + size > total) kx = 8, ky += 20;
    keys.push_back({m, kx, ky});
    kx += size;
  }
  const int height = ky + 26;

  w.markup("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").integer(total).markup(" ").integer(height)
      .markup("\" role=\"img\" aria-label=\"timeline\">\n");
  w.markup("<style>text{font:11px sans-serif;fill:#1d2330}.m{fill:#6d8fd1}.late{fill:#c0392b}.risk{fill:#e08e0b}"
           ".done{fill:#9fb7a8}.p{fill:#1d2330;fill-opacity:.35}.tick{stroke:#2d5bd1;stroke-width:2}"
           ".line{stroke-width:1.5;stroke-dasharray:4 3}.pct{fill:#6b7280}</style>\n");
  // Month labels.
  for (Date m = Date(first.year(), first.month(), 1); m <= last; m = add_months(m, 1)) {
    if (m < first) continue;
    w.markup("<line x1=\"").integer(x(m)).markup("\" y1=\"").integer(top - 8).markup("\" x2=\"").integer(x(m))
        .markup("\" y2=\"").integer(plot - 30).markup("\" stroke=\"#eceff4\"/>");
    w.markup("<text x=\"").integer(x(m)).markup("\" y=\"").integer(top - 12).markup("\">")
        .text(format_year_month(m)).markup("</text>\n");
  }
  int y = top;
  for (const MilestoneStatus& st : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[st.milestone];
    const std::string name = p2_blank(m.action) ? std::string(m.id) : std::string(m.action);
    w.markup("<text x=\"4\" y=\"").integer(y + 14).markup("\">").text(shortened(name, 30)).markup("<title>")
        .text(name).markup(" (").text(m.id).markup(")</title></text>");
    w.markup("<text class=\"pct\" x=\"").integer(left - 8).markup("\" y=\"").integer(y + 14)
        .markup("\" text-anchor=\"end\">").percent(st.progress).markup("</text>");
    const Date from = m.created.value_or(r.timeline.agreed_on.value_or(r.as_of));
    const Date to = m.deadline.value_or(from);
    if (to >= from) {
      const char* cls = m.done ? "done" : st.overdue ? "late" : st.at_risk ? "risk" : "m";
      const int bar = std::max(2, x(to) - x(from));
      w.markup("<rect class=\"").word(cls).markup("\" x=\"").integer(x(from)).markup("\" y=\"").integer(y + 4)
          .markup("\" width=\"").integer(bar).markup("\" height=\"14\" rx=\"3\"><title>").text(name).markup(" (")
          .text(m.id).markup("): ").date(from).markup(" to ").date(to).markup(", ").percent(st.progress).markup(" done");
      if (st.overdue) w.markup(", overdue");
      if (st.at_risk) w.markup(", at risk");
      w.markup("</title></rect>");
      if (!m.done && st.progress > 0)
        w.markup("<rect class=\"p\" x=\"").integer(x(from)).markup("\" y=\"").integer(y + 4).markup("\" width=\"")
            .integer(std::max(1, static_cast<int>(bar * std::min(1.0, st.progress) + 0.5)))
            .markup("\" height=\"14\" rx=\"3\"/>");
    }
    if (st.forecast_finish)
      w.markup("<circle cx=\"").integer(x(*st.forecast_finish)).markup("\" cy=\"").integer(y + 11)
          .markup("\" r=\"4\" fill=\"#fff\" stroke=\"#1d2330\"><title>forecast finish ").date(*st.forecast_finish)
          .markup("</title></circle>");
    w.markup("\n");
    y += row;
  }
  w.markup("<text x=\"4\" y=\"").integer(y + 14).markup("\">check-ins</text>");
  for (Date d : r.followup.schedule)
    w.markup("<line class=\"tick\" x1=\"").integer(x(d)).markup("\" y1=\"").integer(y + 3).markup("\" x2=\"")
        .integer(x(d)).markup("\" y2=\"").integer(y + 19).markup("\"><title>check-in ").date(d)
        .markup("</title></line>");
  for (const auto& cp : r.timeline.checkpoints) {
    const int cx = x(cp.date), cy = y + 11;
    w.markup("<polygon points=\"").integer(cx).markup(",").integer(cy - 6).markup(" ").integer(cx + 6).markup(",")
        .integer(cy).markup(" ").integer(cx).markup(",").integer(cy + 6).markup(" ").integer(cx - 6).markup(",")
        .integer(cy).markup("\" fill=\"").markup(cp.passed ? Markup("#2d8a4e") : Markup("#fff"))
        .markup("\" stroke=\"#2d8a4e\"><title>").integer(cp.day).markup("-day checkpoint ").date(cp.date)
        .markup(cp.passed ? Markup(", passed") : Markup("")).markup("</title></polygon>");
  }
  w.markup("\n");
  // A dashed line with its label below the rows; the caller writes the label's text.
  auto vline = [&](Date d, Markup color, int dy) -> SvgWriter& {
    return w.markup("<line class=\"line\" x1=\"").integer(x(d)).markup("\" y1=\"").integer(top - 6)
        .markup("\" x2=\"").integer(x(d)).markup("\" y2=\"").integer(plot - 24).markup("\" stroke=\"")
        .markup(color).markup("\"/><text x=\"").integer(x(d)).markup("\" y=\"").integer(plot - 12 + dy)
        .markup("\" text-anchor=\"middle\" style=\"fill:").markup(color).markup("\">");
  };
  vline(r.as_of, "#1d2330", 0).markup("as of ").date(r.as_of).markup("</text>\n");
  if (r.timeline.target_decision)
    vline(*r.timeline.target_decision, "#2d8a4e", 0).markup("target ").text(r.timeline.target_cycle.value_or(""))
        .markup("</text>\n");
  if (const auto& q = r.timeline.requested_cycle; q && q->id != r.timeline.target_cycle.value_or(""))
    vline(q->decision, q->feasible ? Markup("#2d8a4e") : Markup("#c0392b"), 10).markup("requested ").text(q->id)
        .markup("</text>\n");
  // The legend.
  w.markup("<line x1=\"0\" y1=\"").integer(plot).markup("\" x2=\"").integer(total).markup("\" y2=\"").integer(plot)
      .markup("\" stroke=\"#e6e9ef\"/>\n");
  for (const Key& k : keys) {
    sample(w, k.mark, k.x, k.y);
    w.markup("<text x=\"").integer(k.x + 24).markup("\" y=\"").integer(k.y + 11).markup("\">").word(mark_label(k.mark))
        .markup("</text>\n");
  }
  w.markup("</svg>\n");
}

/// Writes the evidence that shows a criterion, "; " between items and an id
/// the case does not hold as code; with no writer, only tells whether that
/// is anything (an item with neither title nor id shows nothing).
bool showing(HtmlWriter* w, const Case& c, const ExpectationResult& x, const CriterionResult& cr) {
  bool any = false;
  for_each_showing(
      c, x, cr,
      [&](const Evidence& ev) {
        const std::string_view shown = ev.title.empty() ? ev.id : ev.title;
        if (w && any) w->markup("; ");
        if (w) w->text(shown);
        any = any || !shown.empty();
      },
      [&](const std::string& id) {
        if (w) w->markup(any ? Markup("; <code>") : Markup("<code>")).text(id).markup("</code>");
        any = true;
      });
  return any;
}

/// /2: the row under a target expectation with criteria: each criterion
/// with the evidence that shows it, and the expectation's credit.
void criteria_row(HtmlWriter& w, const Framework& fw, const Case& c, const ExpectationResult& x, bool notes_follow) {
  std::size_t met = 0;
  for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
  w.markup(notes_follow ? Markup("<tr class=\"notes lead\">") : Markup("<tr class=\"notes\">"))
      .markup("<td></td><td colspan=\"7\"><span class=\"muted\">Statements: ").integer(met).markup(" of ")
      .integer(x.criteria.size()).markup(" shown (").percent(x.criteria_met.value_or(0)).markup(" of their weight; needs ")
      .percent(fw.policy.criteria_min).markup("); credit towards coverage ").percent(x.credit).markup(" of its weight");
  if (x.credit > 0 && x.credit < 1) w.markup(" (partial)");
  else if (x.status == Status::emerging) w.markup(" until it has held long enough");
  w.markup("</span>\n<ul>\n");
  for (const auto& cr : x.criteria) {
    const Criterion& def = criterion_at(fw, cr.index);
    w.markup("<li>").text(def.text);
    if (def.weight != 1.0) w.markup(" (weight ").number(def.weight).markup(")");
    w.markup(" &#8212; ");
    // Whether anything shows, before writing it: any id that is not empty
    // does; only when all are empty is the evidence walked to find out.
    const bool any = std::any_of(cr.evidence_ids.begin(), cr.evidence_ids.end(), [](auto& id) { return !id.empty(); }) ||
                     showing(nullptr, c, x, cr);
    if (cr.met) {
      w.markup("<span class=\"met\">shown</span> by ");
      if (any) showing(&w, c, x, cr);
      else count(w, cr.evidence, " item", " items").markup(" not listed here");
    } else {
      w.markup("<span class=\"gap\">not shown yet</span>");
      if (cr.evidence > 0) {
        w.markup(" (");
        count(w, cr.evidence, " item", " items").markup(", needs ").integer(fw.policy.evidence_min);
        if (any) {
          w.markup(": ");
          showing(&w, c, x, cr);
        }
        w.markup(")");
      }
    }
    w.markup("</li>\n");
  }
  w.markup("</ul></td></tr>\n");
}

}  // namespace

void html(const Framework& fw, const Case& c, const Report& r, std::string& o) {
  HtmlWriter w(o);
  const bool v2 = r.version >= 2;
  const std::string_view view = view_of(r);
  auto who = [&] {
    w.text(person(c, r));
    if (!view.empty()) w.markup(" &#8212; ").word(view_of(r));
  };
  w.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Promotion case: ");
  who();
  w.markup("</title>\n<style>\n").markup(kCss).markup("</style>\n</head>\n<body>\n");

  w.markup("<h1>Promotion case: ");
  who();
  w.markup("</h1>\n<p class=\"muted\">").text(level_label(fw, r.move.from)).markup(" &#8594; ");
  if (choosing_track(c, r)) {
    w.markup("a track to choose:");
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      w.markup(k ? Markup("; ") : Markup(" ")).text(level_label(fw, l.id)).markup(" on ");
      const std::size_t start = w.written().size();
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) {
          separate(w, start, ", ");
          w.text(t);
        }
    }
  } else if (r.move.to) {
    w.text(level_label(fw, *r.move.to));
  } else {
    w.markup("no higher level");
  }
  const bool gated = v2 && r.move.gate && *r.move.gate != Gate::open;
  if (r.move.kind || gated) {
    w.markup(" (");
    if (r.move.kind) w.word(name(*r.move.kind));
    if (gated) w.markup(", ").word(gate_phrase(*r.move.gate));
    w.markup(")");
  }
  w.markup(" &#183; as of ").date(r.as_of).markup(" &#183; framework ")
      .text(v2 && !fw.name.empty() ? fw.name : fw.id).markup("</p>\n");
  w.markup("<p><span class=\"v ").word(name(r.verdict)).markup("\" title=\"").word(name(r.verdict)).markup("\">")
      .word(words(r.verdict).label).markup("</span>");
  if (r.coverage)
    w.markup(" coverage <strong>").percent(*r.coverage).markup("</strong> (needs ").percent(fw.policy.coverage_min)
        .markup("), current role ").percent(r.current_coverage.value_or(0)).markup(" (needs ")
        .percent(fw.policy.current_min).markup(")");
  w.markup(", target cycle <strong>").text(r.timeline.target_cycle.value_or("none")).markup("</strong></p>\n");
  if (const auto why = why_blocked(fw, c, r); !why.empty()) {
    w.markup("<section class=\"why\">\n<h2>Why blocked: the current role comes first</h2>\n");
    bullets(w, why);
    w.markup("</section>\n");
  }
  if (const auto why = why_not_ready(fw, r); !why.empty()) {
    w.markup("<section class=\"why notready\">\n<h2>Why not ready yet</h2>\n");
    bullets(w, why);
    w.markup("</section>\n");
  }
  if (!c.employee.motivation.empty()) w.markup("<blockquote>").text(c.employee.motivation).markup("</blockquote>\n");

  w.markup("<h2>Timeline</h2>\n");
  SvgWriter svg(o);
  timeline_svg(svg, c, r);
  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    w.markup("<p>Plan agreed ");
    date_or(w, t.agreed_on, "not yet");
    w.markup(" &#183; projected ready ");
    date_or(w, t.projected_ready, "none");
    w.markup(" &#183; earliest eligible ");
    date_or(w, t.earliest_eligible, "none");
    if (const auto& q = t.requested_cycle) {
      w.markup(" &#183; requested ").text(q->id).markup(" (").date(q->decision).markup("): ");
      w.markup(q->feasible ? Markup("feasible") : Markup("<strong>not feasible</strong>"));
    }
    w.markup("</p>\n");
    std::vector<Sentence> causes;
    if (t.projected_reason) causes.push_back(cause_sentence(fw, c, r, *t.projected_reason));
    if (const auto& q = t.requested_cycle)
      for (Cause cause : q->causes)
        if (cause != t.projected_reason) causes.push_back(cause_sentence(fw, c, r, cause));
    if (!causes.empty()) bullets(w, causes);
  }

  const Level* target = r.move.to ? fw.find_level(*r.move.to) : nullptr;
  if (target && !r.expectations.empty()) {
    w.markup("<h2>Expectations of ").text(level_label(fw, target->id)).markup("</h2>\n<table>\n<tr><th>Competency</th>"
             "<th>Level</th><th>Self</th><th>Manager</th><th>Stakeholders</th><th>Agreed</th><th>Status</th><th>Evidence"
             "</th></tr>\n");
    auto rating = [&](const std::optional<int>& v) -> HtmlWriter& { return v ? w.integer(*v) : w.markup("&#8212;"); };
    auto cell = [&](const std::optional<int>& v) {
      w.markup("<td>");
      rating(v).markup("</td>");
    };
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      const std::vector<Sentence> notes = evidence_notes(fw, c, x);
      const bool more = !notes.empty() || (v2 && !x.criteria.empty());
      w.markup(more ? Markup("<tr class=\"lead\">") : Markup("<tr>")).markup("<td><strong>")
          .text(title_of(fw, x.competency)).markup("</strong>");
      if (x.critical) w.markup(" (critical)");
      if (const Expectation& e = target->expectations[x.expectation]; !e.description.empty())
        w.markup("<br><span class=\"muted\">").text(e.description).markup("</span>");
      for (Flag f : x.flags)
        w.markup("<br><span class=\"flag\" title=\"").word(name(f)).markup("\">").word(words(f).label).markup("</span>");
      w.markup("</td><td>").integer(x.level).markup("</td>");
      cell(x.ratings.self);
      cell(x.ratings.manager);
      w.markup("<td>");
      rating(x.ratings.stakeholders);
      if (v2 && !x.ratings.stakeholders && x.ratings.stakeholder_raters > 0) {
        w.markup("<br><span class=\"muted\">");
        count(w, x.ratings.stakeholder_raters, " rater", " raters").markup("; shown from ").integer(fw.policy.anonymity_min)
            .markup("</span>");
      }
      w.markup("</td>");
      cell(x.ratings.agreed);
      w.markup("<td class=\"").word(x.status == Status::met ? "met" : "gap").markup("\" title=\"").word(name(x.status))
          .markup("\">").word(words(x.status).label);
      if (v2 && x.status == Status::emerging) {
        if (x.sustained_since) {
          w.markup("<br><span class=\"muted\">held since ").date(*x.sustained_since);
          if (const auto from = counts_from(fw, x)) w.markup(", counts from ").date(*from);
          w.markup("</span>");
        } else {
          w.markup("<br><span class=\"muted\">not held yet</span>");
        }
      }
      w.markup("</td><td>");
      for_each_counted(c, x, [&](const Evidence& ev) {
        w.date(ev.date).markup(" ").text(ev.title.empty() ? ev.id : ev.title);
        if (!ev.link.empty()) w.markup(" <code>").text(ev.link).markup("</code>");
        w.markup("<br>");
      });
      if (x.evidence_ids.empty()) w.markup("<span class=\"muted\">none that counts</span>");
      if (notes.empty() && v2 && (x.uncounted.below_visibility > 0 || x.uncounted.outside_window > 0)) {
        if (x.evidence_ids.empty()) w.markup("<br>");
        w.markup("<span class=\"muted\">not counted:");
        if (x.uncounted.below_visibility > 0) {
          w.markup(" ").integer(x.uncounted.below_visibility).markup(" not shared widely enough");
          if (x.uncounted.outside_window > 0) w.markup(",");
        }
        if (x.uncounted.outside_window > 0)
          w.markup(" ").integer(x.uncounted.outside_window).markup(" older than ")
              .integer(fw.policy.evidence_window_days).markup(" days");
        w.markup("</span>");
      }
      w.markup("</td></tr>\n");
      if (v2 && !x.criteria.empty()) criteria_row(w, fw, c, x, !notes.empty());
      if (!notes.empty()) {
        w.markup("<tr class=\"notes\"><td></td><td colspan=\"7\"><span class=\"muted\">Why the evidence falls short:"
                 "</span>\n");
        bullets(w, notes, "<ul class=\"notes\">");
        w.markup("</td></tr>\n");
      }
    }
    w.markup("</table>\n");
  }
  if (!r.gaps.empty()) {
    w.markup("<h2>Gaps by priority</h2>\n<table>\n<tr><th>#</th><th>Competency</th><th>Gap</th><th>Size</th>"
             "<th>Priority</th>");
    if (v2) w.markup("<th>Statements not shown yet</th>");
    w.markup("<th>Addressed by</th></tr>\n");
    int i = 0;
    for (const auto& g : r.gaps) {
      w.markup("<tr><td>").integer(++i).markup("</td><td>").text(title_of(fw, g.competency)).markup("</td><td title=\"")
          .word(name(g.kind)).markup("\">").word(words(g.kind).label).markup("</td><td>").integer(g.size)
          .markup("</td><td>").number(g.priority).markup("</td><td>");
      if (v2) {
        for (std::size_t k : g.criteria_index) w.markup("<div class=\"s\">").text(criterion_at(fw, k).text).markup("</div>");
        if (g.criteria_index.empty()) w.markup("&#8212;");
        w.markup("</td><td>");
      }
      if (v2 && g.kind == Status::emerging && g.emerging_until) {
        w.markup("time: it counts from ").date(*g.emerging_until);
      } else if (g.addressed) {
        std::size_t all = 0;
        for (const Milestone* m : addressing(c, g, 3, &all)) say(w.markup("<div class=\"s\">"), milestone_label(*m)).markup("</div>");
        if (all > 3) w.markup(" and ").integer(static_cast<std::int64_t>(all - 3)).markup(" more");
      } else {
        w.markup("<strong>no open milestone</strong>");
      }
      w.markup("</td></tr>\n");
    }
    w.markup("</table>\n");
  }
  if (!c.plan.milestones.empty()) {
    w.markup("<h2>Milestones</h2>\n<table>\n<tr><th>Milestone</th><th>Metric / success</th><th>Deadline</th>"
             "<th>Progress</th><th>Forecast</th><th>State</th></tr>\n");
    const std::vector<std::string_view> goals = goal_titles(c);
    for (const MilestoneStatus& s : r.plan.milestones) {
      const Milestone& m = c.plan.milestones[s.milestone];
      say(w.markup("<tr><td>"), milestone_label(m));
      if (!goals[s.milestone].empty()) w.markup("<br><span class=\"muted\">goal: ").text(goals[s.milestone]).markup("</span>");
      w.markup("</td><td>").text(m.metric).markup("<br><span class=\"muted\">").text(m.success_criteria)
          .markup("</span></td><td>");
      date_or(w, m.deadline);
      w.markup("</td><td>").percent(s.progress).markup("</td><td>");
      date_or(w, s.forecast_finish);
      w.markup("</td><td>");
      const std::size_t start = w.written().size();
      if (m.done) w.markup("done");
      if (s.overdue) separate(w, start, ", "), w.markup("<strong>overdue</strong>");
      if (s.at_risk) separate(w, start, ", "), w.markup("<strong>at risk</strong>");
      if (s.stalled) separate(w, start, ", "), w.markup("stalled");
      if (!s.missing.empty()) {
        separate(w, start, "<br>");
        w.markup("not SMART yet, missing:");
        for (const auto& f : s.missing) {
          std::string field = f;  // P2's own field names, in words
          std::replace(field.begin(), field.end(), '_', ' ');
          w.markup(" ").text(field);
        }
      }
      w.markup("</td></tr>\n");
    }
    w.markup("</table>\n");
  }
  const auto& f = r.followup;
  const NextCheckin next = next_checkin(f);
  w.markup("<h2>Next check-in ").date(next.date).markup("</h2>\n<p>");
  if (f.overdue_days > 0)
    w.markup("<strong>Now: ").integer(f.overdue_days).markup(" days overdue</strong> (it was due ").date(f.next_due)
        .markup("). ");
  w.markup("Last check-in: ");
  date_or(w, f.last_checkin, "none yet");
  w.markup(".</p>\n<ol>\n");
  for (const Sentence& s : agenda_sentences(fw, c, r)) say(w.markup("<li>"), s).markup("</li>\n");
  w.markup("</ol>\n");
  if (!next.later.empty()) {
    w.markup("<p>Later check-ins: ");
    for (std::size_t k = 0; k < next.later.size(); ++k) w.markup(k ? Markup(", ") : Markup("")).date(next.later[k]);
    w.markup("</p>\n");
  }
  if (!r.signals.empty()) {
    w.markup("<h2>Signals</h2>\n<ul>\n");
    for (const auto& s : r.signals)
      text_with_dates(w.markup("<li>").word(name(s.severity)).markup(": "), s.detail).markup(" <code class=\"id\">").word(name(s.id))
          .markup("</code></li>\n");
    w.markup("</ul>\n");
  }
  w.markup("<h2>Legend</h2>\n<dl class=\"legend\">\n");
  for (const Words* entry : legend(r))
    w.markup("<dt><strong>").text(entry->label).markup("</strong> <code>").text(entry->code).markup("</code></dt><dd>")
        .text(entry->meaning).markup("</dd>\n");
  w.markup("</dl>\n");
  if (!r.warnings.empty()) {
    w.markup("<footer>\n<h2>Warnings</h2>\n");
    std::vector<Sentence> warnings;
    for (const Warning& warning : r.warnings) warnings.push_back(warning_sentence(warning));
    bullets(w, warnings);
    w.markup("</footer>\n");
  }
  w.markup("</body>\n</html>\n");
}

}  // namespace rung::render
