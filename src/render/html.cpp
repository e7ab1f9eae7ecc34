// The promotion case as one self-contained page: inline CSS, no scripts, no
// external assets, and an SVG timeline of milestones, check-ins,
// checkpoints, as_of and the decision dates. Everything is written through
// an HtmlWriter: markup is a string literal, a document's text is escaped.
#include <algorithm>
#include <string>
#include <vector>

#include "render/render.hpp"
#include "render/writer.hpp"

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
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #e6e9ef;padding:.3rem .45rem;text-align:left}
th{background:#f4f6f9}.v{display:inline-block;padding:.15rem .6rem;border-radius:.3rem;color:#fff;font-weight:600}
.ready{background:#2d8a4e}.close{background:#c58a00}.not_ready{background:#c0392b}.blocked{background:#7d3c98}.no_target{background:#6b7280}
.met{color:#2d8a4e}.gap{color:#b45309}.flag{background:#eef1f6;border-radius:.25rem;padding:0 .3rem;margin-right:.2rem;font-size:.82rem}
.muted{color:#6b7280}svg{width:100%;height:auto;border:1px solid #e6e9ef;border-radius:.3rem;background:#fcfcfd}
blockquote{border-left:3px solid #c7cfdc;margin:0;padding:.2rem .8rem;color:#3b4556}code{font-size:.85rem}
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

/// Writes the SVG timeline: one row a milestone, a row of check-ins,
/// vertical lines for as_of and the decisions, diamonds for the checkpoints.
void timeline_svg(HtmlWriter& w, const Case& c, const Report& r) {
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
  const int left = 130, width = 820, row = 26, top = 34;
  const int rows = static_cast<int>(c.plan.milestones.size()) + 1;
  const int height = top + rows * row + 40;
  auto x = [&](Date d) { return left + static_cast<int>(days_between(first, d) / span * width); };

  w.markup("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").integer(left + width + 60).markup(" ")
      .integer(height).markup("\" role=\"img\" aria-label=\"timeline\">\n");
  w.markup("<style>text{font:11px sans-serif;fill:#1d2330}.m{fill:#6d8fd1}.late{fill:#c0392b}.risk{fill:#e08e0b}"
           ".done{fill:#9fb7a8}.tick{stroke:#2d5bd1;stroke-width:2}.line{stroke-width:1.5;stroke-dasharray:4 3}</style>\n");
  // Month labels.
  for (Date m = Date(first.year(), first.month(), 1); m <= last; m = add_months(m, 1)) {
    if (m < first) continue;
    w.markup("<line x1=\"").integer(x(m)).markup("\" y1=\"").integer(top - 8).markup("\" x2=\"").integer(x(m))
        .markup("\" y2=\"").integer(height - 30).markup("\" stroke=\"#eceff4\"/>");
    w.markup("<text x=\"").integer(x(m)).markup("\" y=\"").integer(top - 12).markup("\">")
        .text(format_year_month(m)).markup("</text>\n");
  }
  int y = top;
  for (const MilestoneStatus& st : r.plan.milestones) {
    const Milestone& m = c.plan.milestones[st.milestone];
    w.markup("<text x=\"4\" y=\"").integer(y + 14).markup("\">").text(m.id).markup("</text>");
    const Date from = m.created.value_or(r.timeline.agreed_on.value_or(r.as_of));
    const Date to = m.deadline.value_or(from);
    if (to >= from) {
      const char* cls = m.done ? "done" : st.overdue ? "late" : st.at_risk ? "risk" : "m";
      w.markup("<rect class=\"").word(cls).markup("\" x=\"").integer(x(from)).markup("\" y=\"").integer(y + 4)
          .markup("\" width=\"").integer(std::max(2, x(to) - x(from))).markup("\" height=\"14\" rx=\"3\"><title>")
          .text(m.id).markup(": ").date(from).markup(" to ").date(to).markup(", ").percent(st.progress);
      if (st.overdue) w.markup(", overdue");
      if (st.at_risk) w.markup(", at risk");
      w.markup("</title></rect>");
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
        .markup("</title></polygon>");
  }
  w.markup("\n");
  // A dashed line with its label below the rows; the caller writes the label's text.
  auto vline = [&](Date d, Markup color, int dy) -> HtmlWriter& {
    return w.markup("<line class=\"line\" x1=\"").integer(x(d)).markup("\" y1=\"").integer(top - 6)
        .markup("\" x2=\"").integer(x(d)).markup("\" y2=\"").integer(height - 24).markup("\" stroke=\"")
        .markup(color).markup("\"/><text x=\"").integer(x(d)).markup("\" y=\"").integer(height - 12 + dy)
        .markup("\" text-anchor=\"middle\" style=\"fill:").markup(color).markup("\">");
  };
  vline(r.as_of, "#1d2330", 0).markup("as of ").date(r.as_of).markup("</text>\n");
  if (r.timeline.target_decision)
    vline(*r.timeline.target_decision, "#2d8a4e", 0).markup("target ").text(r.timeline.target_cycle.value_or(""))
        .markup("</text>\n");
  if (const auto& q = r.timeline.requested_cycle; q && q->id != r.timeline.target_cycle.value_or(""))
    vline(q->decision, q->feasible ? Markup("#2d8a4e") : Markup("#c0392b"), 10).markup("requested ").text(q->id)
        .markup("</text>\n");
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
void criteria_row(HtmlWriter& w, const Framework& fw, const Case& c, const ExpectationResult& x) {
  std::size_t met = 0;
  for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
  w.markup("<tr><td></td><td colspan=\"7\"><span class=\"muted\">Criteria: ").integer(met).markup(" of ")
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
  w.markup("</h1>\n<p class=\"muted\">").text(r.move.from).markup(" &#8594; ");
  if (choosing_track(c, r)) {
    w.markup("a track to choose:");
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      w.markup(k ? Markup("; ") : Markup(" ")).text(l.id);
      if (!l.name.empty()) w.markup(" ").text(l.name);
      w.markup(" (");
      const std::size_t start = w.written().size();
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) {
          separate(w, start, ", ");
          w.text(t);
        }
      w.markup(")");
    }
  } else {
    w.text(r.move.to.value_or("no higher level"));
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
  w.markup("<p><span class=\"v ").word(name(r.verdict)).markup("\">").word(name(r.verdict)).markup("</span>");
  if (r.coverage)
    w.markup(" coverage <strong>").percent(*r.coverage).markup("</strong> (needs ").percent(fw.policy.coverage_min)
        .markup("), current role ").percent(r.current_coverage.value_or(0));
  w.markup(", target cycle <strong>").text(r.timeline.target_cycle.value_or("none")).markup("</strong></p>\n");
  if (!c.employee.motivation.empty()) w.markup("<blockquote>").text(c.employee.motivation).markup("</blockquote>\n");

  w.markup("<h2>Timeline</h2>\n");
  timeline_svg(w, c, r);
  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    w.markup("<p>Plan agreed ");
    date_or(w, t.agreed_on, "never");
    w.markup(" &#183; projected ready ");
    date_or(w, t.projected_ready);
    if (t.projected_reason) w.markup(" (").word(name(*t.projected_reason)).markup(")");
    w.markup(" &#183; earliest eligible ");
    date_or(w, t.earliest_eligible);
    if (const auto& q = t.requested_cycle) {
      w.markup(" &#183; requested ").text(q->id).markup(" (").date(q->decision).markup("): ");
      if (q->feasible) {
        w.markup("feasible");
      } else {
        w.markup("<strong>not feasible</strong>:");
        for (Cause cause : q->causes) w.markup(" ").word(name(cause));
      }
    }
    w.markup("</p>\n");
  }

  const Level* target = r.move.to ? fw.find_level(*r.move.to) : nullptr;
  if (target && !r.expectations.empty()) {
    w.markup("<h2>Expectations of ").text(target->id).markup("</h2>\n<table>\n<tr><th>Competency</th><th>Level</th>"
             "<th>Self</th><th>Manager</th><th>Stakeholders</th><th>Agreed</th><th>Status</th><th>Evidence</th></tr>\n");
    auto rating = [&](const std::optional<int>& v) -> HtmlWriter& { return v ? w.integer(*v) : w.markup("&#8212;"); };
    auto cell = [&](const std::optional<int>& v) {
      w.markup("<td>");
      rating(v).markup("</td>");
    };
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      w.markup("<tr><td><strong>").text(title_of(fw, x.competency)).markup("</strong>");
      if (x.critical) w.markup(" (critical)");
      if (const Expectation& e = target->expectations[x.expectation]; !e.description.empty())
        w.markup("<br><span class=\"muted\">").text(e.description).markup("</span>");
      for (Flag f : x.flags) w.markup("<br><span class=\"flag\">").word(name(f)).markup("</span>");
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
      w.markup("<td class=\"").word(x.status == Status::met ? "met" : "gap").markup("\">").word(name(x.status));
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
      if (x.evidence_ids.empty()) w.markup("<span class=\"muted\">none</span>");
      if (v2 && (x.uncounted.below_visibility > 0 || x.uncounted.outside_window > 0)) {
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
      if (v2 && !x.criteria.empty()) criteria_row(w, fw, c, x);
    }
    w.markup("</table>\n");
  }
  if (!r.gaps.empty()) {
    w.markup("<h2>Gaps by priority</h2>\n<table>\n<tr><th>#</th><th>Competency</th><th>Gap</th><th>Size</th>"
             "<th>Priority</th>");
    if (v2) w.markup("<th>Criteria not shown</th>");
    w.markup("<th>Addressed</th></tr>\n");
    int i = 0;
    for (const auto& g : r.gaps) {
      w.markup("<tr><td>").integer(++i).markup("</td><td>").text(v2 ? title_of(fw, g.competency) : g.competency)
          .markup("</td><td>").word(name(g.kind)).markup("</td><td>").integer(g.size).markup("</td><td>")
          .number(g.priority).markup("</td><td>");
      if (v2) {
        const std::size_t start = w.written().size();
        for (const auto& id : g.criteria) {
          separate(w, start, ", ");
          w.text(id);
        }
        if (w.written().size() == start) w.markup("&#8212;");
        w.markup("</td><td>");
      }
      if (v2 && g.kind == Status::emerging && g.emerging_until) w.markup("by time: counts from ").date(*g.emerging_until);
      else if (g.addressed) w.markup("yes");
      else w.markup("<strong>no</strong>");
      w.markup("</td></tr>\n");
    }
    w.markup("</table>\n");
  }
  if (!c.plan.milestones.empty()) {
    w.markup("<h2>Milestones</h2>\n<table>\n<tr><th>Milestone</th><th>Action, metric, success</th><th>Deadline</th>"
             "<th>Progress</th><th>Forecast</th><th>State</th></tr>\n");
    for (const MilestoneStatus& s : r.plan.milestones) {
      const Milestone& m = c.plan.milestones[s.milestone];
      w.markup("<tr><td>").text(m.id).markup("</td><td>").text(m.action).markup("<br><span class=\"muted\">")
          .text(m.metric).markup(" / ").text(m.success_criteria).markup("</span></td><td>");
      date_or(w, m.deadline);
      w.markup("</td><td>").percent(s.progress).markup("</td><td>");
      date_or(w, s.forecast_finish);
      w.markup("</td><td>");
      if (m.done) w.markup("done");
      if (s.overdue) w.markup(" overdue");
      if (s.at_risk) w.markup(" at risk");
      if (s.stalled) w.markup(" stalled");
      for (const auto& f : s.missing) w.markup(" missing ").text(f);
      w.markup("</td></tr>\n");
    }
    w.markup("</table>\n");
  }
  const auto& f = r.followup;
  w.markup("<h2>Next check-in ").date(f.next_due).markup("</h2>\n");
  if (f.overdue_days > 0) w.markup("<p><strong>").integer(f.overdue_days).markup(" days overdue</strong></p>\n");
  w.markup("<ol>\n");
  for (const auto& a : f.agenda) {
    w.markup("<li>").word(name(a.kind));
    if (a.ref) w.markup(": ").text(*a.ref);
    w.markup("</li>\n");
  }
  w.markup("</ol>\n");
  if (!r.signals.empty()) {
    w.markup("<h2>Signals</h2>\n<ul>\n");
    for (const auto& s : r.signals)
      w.markup("<li><strong>").word(name(s.id)).markup("</strong> (").word(name(s.severity)).markup("): ")
          .text(s.detail).markup("</li>\n");
    w.markup("</ul>\n");
  }
  w.markup("</body>\n</html>\n");
}

}  // namespace rung::render
