// The promotion case as one self-contained page: inline CSS, no scripts, no
// external assets, and an SVG timeline of milestones, check-ins,
// checkpoints, as_of and the decision dates.
#include <algorithm>
#include <string>
#include <vector>

#include "render/render.hpp"

namespace rung::render {

std::string html_escape(std::string_view text) {
  std::string out;
  append_html_escape(out, text);
  return out;
}

void append_html_escape(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': case '\n': case '\r': out += ' '; break;  // as printable()
      default:
        if (const std::size_t n = unsafe_at(text, i)) {
          out += "\xEF\xBF\xBD";  // U+FFFD, as printable()
          i += n - 1;
        } else {
          out += ch;
        }
    }
  }
}

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string date_or(const std::optional<Date>& d, const char* none = "&#8212;") { return d ? format_date(*d) : none; }

const char* kCss = R"(body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #e6e9ef;padding:.3rem .45rem;text-align:left}
th{background:#f4f6f9}.v{display:inline-block;padding:.15rem .6rem;border-radius:.3rem;color:#fff;font-weight:600}
.ready{background:#2d8a4e}.close{background:#c58a00}.not_ready{background:#c0392b}.blocked{background:#7d3c98}.no_target{background:#6b7280}
.met{color:#2d8a4e}.gap{color:#b45309}.flag{background:#eef1f6;border-radius:.25rem;padding:0 .3rem;margin-right:.2rem;font-size:.82rem}
.muted{color:#6b7280}svg{width:100%;height:auto;border:1px solid #e6e9ef;border-radius:.3rem;background:#fcfcfd}
blockquote{border-left:3px solid #c7cfdc;margin:0;padding:.2rem .8rem;color:#3b4556}code{font-size:.85rem}
)";

/// Appends the SVG timeline: one row a milestone, a row of check-ins,
/// vertical lines for as_of and the decisions, diamonds for the checkpoints.
void timeline_svg(const Case& c, const Report& r, std::string& s) {
  std::vector<Date> dates{r.as_of};
  for (std::size_t i = 0; i < c.plan.milestones.size(); ++i) {
    const Milestone& m = c.plan.milestones[i];
    if (m.created) dates.push_back(*m.created);
    if (m.deadline) dates.push_back(*m.deadline);
    if (r.plan.milestones[i].forecast_finish) dates.push_back(*r.plan.milestones[i].forecast_finish);
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
  auto x = [&](Date d) { return std::to_string(left + static_cast<int>(days_between(first, d) / span * width)); };

  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(left + width + 60) + " " +
       std::to_string(height) + "\" role=\"img\" aria-label=\"timeline\">\n";
  s += "<style>text{font:11px sans-serif;fill:#1d2330}.m{fill:#6d8fd1}.late{fill:#c0392b}.risk{fill:#e08e0b}"
       ".done{fill:#9fb7a8}.tick{stroke:#2d5bd1;stroke-width:2}.line{stroke-width:1.5;stroke-dasharray:4 3}</style>\n";
  // Month labels.
  for (Date m = Date(first.year(), first.month(), 1); m <= last; m = add_months(m, 1)) {
    if (m < first) continue;
    s += "<line x1=\"" + x(m) + "\" y1=\"" + std::to_string(top - 8) + "\" x2=\"" + x(m) + "\" y2=\"" +
         std::to_string(height - 30) + "\" stroke=\"#eceff4\"/>";
    s += "<text x=\"" + x(m) + "\" y=\"" + std::to_string(top - 12) + "\">" + format_year_month(m) + "</text>\n";
  }
  int y = top;
  for (std::size_t i = 0; i < c.plan.milestones.size(); ++i, y += row) {
    const Milestone& m = c.plan.milestones[i];
    const MilestoneStatus& st = r.plan.milestones[i];
    const std::string id = esc(m.id);
    append(s, "<text x=\"4\" y=\"", std::to_string(y + 14), "\">", id, "</text>");
    const Date from = m.created.value_or(r.timeline.agreed_on.value_or(r.as_of));
    const Date to = m.deadline.value_or(from);
    if (to >= from) {
      const char* cls = m.done ? "done" : st.overdue ? "late" : st.at_risk ? "risk" : "m";
      append(s, "<rect class=\"", cls, "\" x=\"", x(from), "\" y=\"", std::to_string(y + 4), "\" width=\"",
             std::to_string(std::max(2, std::stoi(x(to)) - std::stoi(x(from)))), "\" height=\"14\" rx=\"3\"><title>", id,
             ": ", format_date(from), " to ", format_date(to), ", ", percent(st.progress),
             st.overdue ? ", overdue" : "", st.at_risk ? ", at risk" : "", "</title></rect>");
    }
    if (st.forecast_finish)
      append(s, "<circle cx=\"", x(*st.forecast_finish), "\" cy=\"", std::to_string(y + 11),
             "\" r=\"4\" fill=\"#fff\" stroke=\"#1d2330\"><title>forecast finish ", format_date(*st.forecast_finish),
             "</title></circle>");
    s += "\n";
  }
  s += "<text x=\"4\" y=\"" + std::to_string(y + 14) + "\">check-ins</text>";
  for (Date d : r.followup.schedule)
    s += "<line class=\"tick\" x1=\"" + x(d) + "\" y1=\"" + std::to_string(y + 3) + "\" x2=\"" + x(d) + "\" y2=\"" +
         std::to_string(y + 19) + "\"><title>check-in " + format_date(d) + "</title></line>";
  for (const auto& cp : r.timeline.checkpoints) {
    const int cx = std::stoi(x(cp.date)), cy = y + 11;
    s += "<polygon points=\"" + std::to_string(cx) + "," + std::to_string(cy - 6) + " " + std::to_string(cx + 6) + "," +
         std::to_string(cy) + " " + std::to_string(cx) + "," + std::to_string(cy + 6) + " " + std::to_string(cx - 6) + "," +
         std::to_string(cy) + "\" fill=\"" + (cp.passed ? "#2d8a4e" : "#fff") + "\" stroke=\"#2d8a4e\"><title>" +
         std::to_string(cp.day) + "-day checkpoint " + format_date(cp.date) + "</title></polygon>";
  }
  s += "\n";
  auto vline = [&](Date d, const char* color, const std::string& label, int dy) {
    s += "<line class=\"line\" x1=\"" + x(d) + "\" y1=\"" + std::to_string(top - 6) + "\" x2=\"" + x(d) + "\" y2=\"" +
         std::to_string(height - 24) + "\" stroke=\"" + color + "\"/><text x=\"" + x(d) + "\" y=\"" +
         std::to_string(height - 12 + dy) + "\" text-anchor=\"middle\" style=\"fill:" + color + "\">" + esc(label) +
         "</text>\n";
  };
  vline(r.as_of, "#1d2330", "as of " + format_date(r.as_of), 0);
  if (r.timeline.target_decision)
    vline(*r.timeline.target_decision, "#2d8a4e", "target " + r.timeline.target_cycle.value_or(""), 0);
  if (const auto& q = r.timeline.requested_cycle; q && q->id != r.timeline.target_cycle.value_or(""))
    vline(q->decision, q->feasible ? "#2d8a4e" : "#c0392b", "requested " + q->id, 10);
  s += "</svg>\n";
}

/// /2: the row under a target expectation with criteria: each criterion
/// with the evidence that shows it, and the expectation's credit.
void criteria_row(const Framework& fw, const Case& c, const ExpectationResult& x, std::string& o) {
  std::size_t met = 0;
  for (const auto& cr : x.criteria) met += cr.met ? 1 : 0;
  o += "<tr><td></td><td colspan=\"7\"><span class=\"muted\">Criteria: " + std::to_string(met) + " of " +
       std::to_string(x.criteria.size()) + " shown (" + percent(x.criteria_met.value_or(0)) + " of their weight; needs " +
       percent(fw.policy.criteria_min) + "); credit towards coverage " + percent(x.credit) + " of its weight";
  if (x.credit > 0 && x.credit < 1) o += " (partial)";
  else if (x.status == Status::emerging) o += " until it has held long enough";
  o += "</span>\n<ul>\n";
  for (const auto& cr : x.criteria) {
    const Criterion& def = criterion_at(fw, cr.index);
    o += "<li>";
    append_html_escape(o, def.text);
    if (def.weight != 1.0) o += " (weight " + number(def.weight) + ")";
    o += " &#8212; ";
    std::string shown;
    for_each_showing(
        c, x, cr,
        [&](const Evidence& ev) {
          shown += shown.empty() ? "" : "; ";
          append_html_escape(shown, ev.title.empty() ? ev.id : ev.title);
        },
        [&](const std::string& id) {
          shown += shown.empty() ? "<code>" : "; <code>";
          append_html_escape(shown, id);
          shown += "</code>";
        });
    if (cr.met) {
      o += "<span class=\"met\">shown</span> by " +
           (shown.empty() ? std::to_string(cr.evidence) + (cr.evidence == 1 ? " item" : " items") + " not listed here" : shown);
    } else {
      o += "<span class=\"gap\">not shown yet</span>";
      if (cr.evidence > 0)
        o += " (" + std::to_string(cr.evidence) + (cr.evidence == 1 ? " item" : " items") + ", needs " +
             std::to_string(fw.policy.evidence_min) + (shown.empty() ? "" : ": " + shown) + ")";
    }
    o += "</li>\n";
  }
  o += "</ul></td></tr>\n";
}

}  // namespace

void html(const Framework& fw, const Case& c, const Report& r, std::string& o) {
  const bool v2 = r.version >= 2;
  const std::string who = esc(person(c, r)) + (view_of(r).empty() ? "" : " &#8212; " + view_of(r));
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Promotion case: " + who +
       "</title>\n<style>\n" + kCss + "</style>\n</head>\n<body>\n";
  std::string to = esc(r.move.to.value_or("no higher level"));
  if (choosing_track(c, r)) {
    to = "a track to choose:";
    for (std::size_t k = 0; k < c.candidates.size(); ++k) {
      const Level& l = fw.levels[c.candidates[k]];
      std::string tracks;
      for (const auto& t : l.tracks)
        if (std::find(c.tracks.begin(), c.tracks.end(), t) != c.tracks.end()) tracks += (tracks.empty() ? "" : ", ") + t;
      to += (k ? "; " : " ") + esc(l.id) + (l.name.empty() ? "" : " " + esc(l.name)) + " (" + esc(tracks) + ")";
    }
  }
  std::string kind = r.move.kind ? name(*r.move.kind) : "";
  if (v2 && r.move.gate && *r.move.gate != Gate::open) kind += std::string(", ") + gate_phrase(*r.move.gate);
  o += "<h1>Promotion case: " + who + "</h1>\n<p class=\"muted\">" + esc(r.move.from) + " &#8594; " + to +
       (kind.empty() ? "" : " (" + kind + ")") + " &#183; as of " + format_date(r.as_of) + " &#183; framework " +
       esc(v2 && !fw.name.empty() ? fw.name : fw.id) + "</p>\n";
  o += std::string("<p><span class=\"v ") + name(r.verdict) + "\">" + name(r.verdict) + "</span>";
  if (r.coverage)
    o += " coverage <strong>" + percent(*r.coverage) + "</strong> (needs " + percent(fw.policy.coverage_min) +
         "), current role " + percent(r.current_coverage.value_or(0));
  o += ", target cycle <strong>" + esc(r.timeline.target_cycle.value_or("none")) + "</strong></p>\n";
  if (!c.employee.motivation.empty()) o += "<blockquote>" + esc(c.employee.motivation) + "</blockquote>\n";

  o += "<h2>Timeline</h2>\n";
  timeline_svg(c, r, o);
  const auto& t = r.timeline;
  if (r.verdict != Verdict::no_target) {
    o += "<p>Plan agreed " + date_or(t.agreed_on, "never") + " &#183; projected ready " + date_or(t.projected_ready) +
         (t.projected_reason ? std::string(" (") + name(*t.projected_reason) + ")" : "") + " &#183; earliest eligible " +
         date_or(t.earliest_eligible);
    if (const auto& q = t.requested_cycle) {
      o += " &#183; requested " + esc(q->id) + " (" + format_date(q->decision) + "): ";
      if (q->feasible) {
        o += "feasible";
      } else {
        o += "<strong>not feasible</strong>:";
        for (Cause cause : q->causes) o += std::string(" ") + name(cause);
      }
    }
    o += "</p>\n";
  }

  const Level* target = r.move.to ? fw.find_level(*r.move.to) : nullptr;
  if (target && !r.expectations.empty()) {
    o += "<h2>Expectations of " + esc(target->id) + "</h2>\n<table>\n<tr><th>Competency</th><th>Level</th><th>Self</th>"
         "<th>Manager</th><th>Stakeholders</th><th>Agreed</th><th>Status</th><th>Evidence</th></tr>\n";
    auto cell = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("&#8212;"); };
    for (std::size_t i = 0; i < r.expectations.size(); ++i) {
      const auto& x = r.expectations[i];
      o += "<tr><td><strong>" + esc(title_of(fw, x.competency)) + "</strong>" + (x.critical ? " (critical)" : "");
      if (!target->expectations[i].description.empty())
        o += "<br><span class=\"muted\">" + esc(target->expectations[i].description) + "</span>";
      for (Flag f : x.flags) o += std::string("<br><span class=\"flag\">") + name(f) + "</span>";
      std::string stakeholders = cell(x.ratings.stakeholders), status = name(x.status);
      if (v2 && !x.ratings.stakeholders && x.ratings.stakeholder_raters > 0)
        stakeholders += "<br><span class=\"muted\">" + std::to_string(x.ratings.stakeholder_raters) +
                        (x.ratings.stakeholder_raters == 1 ? " rater" : " raters") + "; shown from " +
                        std::to_string(fw.policy.anonymity_min) + "</span>";
      if (v2 && x.status == Status::emerging) {
        const auto from = counts_from(fw, x);
        status += x.sustained_since ? "<br><span class=\"muted\">held since " + format_date(*x.sustained_since) +
                                          (from ? ", counts from " + format_date(*from) : std::string()) + "</span>"
                                    : std::string("<br><span class=\"muted\">not held yet</span>");
      }
      o += "</td><td>" + std::to_string(x.level) + "</td><td>" + cell(x.ratings.self) + "</td><td>" +
           cell(x.ratings.manager) + "</td><td>" + stakeholders + "</td><td>" + cell(x.ratings.agreed) +
           "</td><td class=\"" + (x.status == Status::met ? "met" : "gap") + "\">" + status + "</td><td>";
      for_each_counted(c, x, [&](const Evidence& ev) {
        o += format_date(ev.date);
        o += ' ';
        append_html_escape(o, ev.title.empty() ? ev.id : ev.title);
        if (!ev.link.empty()) {
          o += " <code>";
          append_html_escape(o, ev.link);
          o += "</code>";
        }
        o += "<br>";
      });
      if (x.evidence_ids.empty()) o += "<span class=\"muted\">none</span>";
      if (v2 && (x.uncounted.below_visibility > 0 || x.uncounted.outside_window > 0)) {
        o += x.evidence_ids.empty() ? "<br><span class=\"muted\">not counted:" : "<span class=\"muted\">not counted:";
        if (x.uncounted.below_visibility > 0)
          o += " " + std::to_string(x.uncounted.below_visibility) + " not shared widely enough" +
               (x.uncounted.outside_window > 0 ? "," : "");
        if (x.uncounted.outside_window > 0)
          o += " " + std::to_string(x.uncounted.outside_window) + " older than " +
               std::to_string(fw.policy.evidence_window_days) + " days";
        o += "</span>";
      }
      o += "</td></tr>\n";
      if (v2 && !x.criteria.empty()) criteria_row(fw, c, x, o);
    }
    o += "</table>\n";
  }
  if (!r.gaps.empty() && v2) {
    o += "<h2>Gaps by priority</h2>\n<table>\n<tr><th>#</th><th>Competency</th><th>Gap</th><th>Size</th><th>Priority</th>"
         "<th>Criteria not shown</th><th>Addressed</th></tr>\n";
    int i = 0;
    for (const auto& g : r.gaps) {
      std::string criteria;
      for (const auto& id : g.criteria) criteria += (criteria.empty() ? "" : ", ") + esc(id);
      o += "<tr><td>" + std::to_string(++i) + "</td><td>" + esc(title_of(fw, g.competency)) + "</td><td>" + name(g.kind) +
           "</td><td>" + std::to_string(g.size) + "</td><td>" + number(g.priority) + "</td><td>" +
           (criteria.empty() ? std::string("&#8212;") : criteria) + "</td><td>" +
           (g.kind == Status::emerging && g.emerging_until ? "by time: counts from " + format_date(*g.emerging_until)
            : g.addressed                                  ? std::string("yes")
                                                           : std::string("<strong>no</strong>")) +
           "</td></tr>\n";
    }
    o += "</table>\n";
  } else if (!r.gaps.empty()) {
    o += "<h2>Gaps by priority</h2>\n<table>\n<tr><th>#</th><th>Competency</th><th>Gap</th><th>Size</th><th>Priority</th>"
         "<th>Addressed</th></tr>\n";
    int i = 0;
    for (const auto& g : r.gaps)
      o += "<tr><td>" + std::to_string(++i) + "</td><td>" + esc(g.competency) + "</td><td>" + name(g.kind) + "</td><td>" +
           std::to_string(g.size) + "</td><td>" + number(g.priority) + "</td><td>" + (g.addressed ? "yes" : "<strong>no</strong>") +
           "</td></tr>\n";
    o += "</table>\n";
  }
  if (!c.plan.milestones.empty()) {
    o += "<h2>Milestones</h2>\n<table>\n<tr><th>Milestone</th><th>Action, metric, success</th><th>Deadline</th>"
         "<th>Progress</th><th>Forecast</th><th>State</th></tr>\n";
    for (std::size_t i = 0; i < c.plan.milestones.size(); ++i) {
      const Milestone& m = c.plan.milestones[i];
      const MilestoneStatus& s = r.plan.milestones[i];
      std::string state = m.done ? "done" : "";
      if (s.overdue) state += " overdue";
      if (s.at_risk) state += " at risk";
      if (s.stalled) state += " stalled";
      for (const auto& f : s.missing) state += " missing " + f;
      append(o, "<tr><td>", esc(m.id), "</td><td>", esc(m.action), "<br><span class=\"muted\">", esc(m.metric), " / ",
             esc(m.success_criteria), "</span></td><td>", date_or(m.deadline), "</td><td>", percent(s.progress),
             "</td><td>", date_or(s.forecast_finish), "</td><td>", esc(state), "</td></tr>\n");
    }
    o += "</table>\n";
  }
  const auto& f = r.followup;
  o += "<h2>Next check-in " + format_date(f.next_due) + "</h2>\n";
  if (f.overdue_days > 0) o += "<p><strong>" + std::to_string(f.overdue_days) + " days overdue</strong></p>\n";
  o += "<ol>\n";
  for (const auto& a : f.agenda) {
    append(o, "<li>", name(a.kind));
    if (a.ref) {
      o += ": ";
      append_html_escape(o, *a.ref);
    }
    o += "</li>\n";
  }
  o += "</ol>\n";
  if (!r.signals.empty()) {
    o += "<h2>Signals</h2>\n<ul>\n";
    for (const auto& s : r.signals)
      o += std::string("<li><strong>") + name(s.id) + "</strong> (" + name(s.severity) + "): " + esc(s.detail) + "</li>\n";
    o += "</ul>\n";
  }
  o += "</body>\n</html>\n";
}

}  // namespace rung::render
