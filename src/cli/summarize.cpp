// SPDX-License-Identifier: MIT
#include "cli/summarize.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "json/writer.hpp"
#include "render/writer.hpp"

namespace rung::cli {
namespace {

namespace bj = boost::json;

/// A string member as it is ("" when absent or not a string): every
/// format escapes it when writing it (the writers of the human formats make
/// it printable, JSON escapes it).
std::string str(const bj::value* v) {
  return v && v->is_string() ? std::string(v->get_string().data(), v->get_string().size()) : std::string();
}

const bj::object* object(const bj::value* v) { return v ? v->if_object() : nullptr; }

/// An array member's items (none when absent or not an array).
const bj::array& array(const bj::value* v) {
  static const bj::array kNone;
  const bj::array* a = v ? v->if_array() : nullptr;
  return a ? *a : kNone;
}

using render::HtmlWriter;
using render::MarkdownWriter;
using render::PlainWriter;

/// Spaces that end a text column of `width` begun at `from` (one at least).
PlainWriter& pad(PlainWriter& w, std::size_t from, std::size_t width) {
  std::size_t used = w.written().size() - from;
  do w.markup(" ");
  while (++used < width);
  return w;
}

/// A horizontal SVG bar chart of counts.
void bars(HtmlWriter& w, const std::vector<std::pair<std::string, double>>& data) {
  double top = 1;
  for (const auto& [label, v] : data) top = std::max(top, v);
  const int row = 22, left = 170, width = 420;
  w.markup("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").integer(left + width + 60).markup(" ");
  w.integer(static_cast<int>(data.size()) * row + 8).markup("\" role=\"img\">\n");
  int y = 4;
  for (const auto& [label, v] : data) {
    const int length = static_cast<int>(v / top * width);
    w.markup("<text x=\"0\" y=\"").integer(y + 14).markup("\" font-size=\"12\">").text(label);
    w.markup("</text><rect x=\"").integer(left).markup("\" y=\"").integer(y + 3);
    w.markup("\" width=\"").integer(std::max(length, 1)).markup("\" height=\"14\" fill=\"#5b7fd1\"/>");
    w.markup("<text x=\"").integer(left + length + 6).markup("\" y=\"").integer(y + 14);
    w.markup("\" font-size=\"12\">").number(v).markup("</text>\n");
    y += row;
  }
  w.markup("</svg>\n");
}

constexpr const char* kVerdicts[] = {"ready", "close", "not_ready", "blocked", "no_target"};

}  // namespace

bool Team::add(std::string_view line, std::string& problem) {
  bj::error_code ec;
  const bj::value v = bj::parse(bj::string_view(line.data(), line.size()), ec);
  if (ec || !v.is_object()) {
    problem = "not a JSON object";
    return false;
  }
  const bj::object& o = v.get_object();
  const std::string schema = str(o.if_contains("schema"));
  if (schema == "rung.error/1") {
    ++errors;
    return true;
  }
  if (schema != "rung.report/1" && schema != "rung.report/2") {
    problem = "neither a rung.report/1, a rung.report/2 nor a rung.error/1 document";
    return false;
  }
  Person p;
  p.v2 = schema == "rung.report/2";
  p.employee = str(o.if_contains("employee"));
  p.as_of = str(o.if_contains("as_of"));
  p.verdict = str(o.if_contains("verdict"));
  if (const bj::object* move = object(o.if_contains("move"))) {
    p.from = str(move->if_contains("from"));
    p.to = str(move->if_contains("to"));
  }
  if (const bj::value* c = o.if_contains("coverage"); c && c->is_number()) p.coverage = c->to_number<double>();
  if (const bj::object* timeline = object(o.if_contains("timeline")))
    p.target_cycle = str(timeline->if_contains("target_cycle"));
  for (const bj::value& g : array(o.if_contains("gaps"))) {
    if (!g.is_object()) continue;
    Person::Gap gap{str(g.get_object().if_contains("competency"))};
    if (const bj::value* pr = g.get_object().if_contains("priority"); pr && pr->is_number())
      gap.priority = pr->to_number<double>();
    if (p.v2) gap.criteria = array(g.get_object().if_contains("criteria")).size();
    p.gaps.push_back(std::move(gap));
  }
  for (const bj::value& x : array(o.if_contains("expectations"))) {
    if (!x.is_object()) continue;
    const std::string competency = str(x.get_object().if_contains("competency"));
    if (p.v2 && str(x.get_object().if_contains("status")) == "emerging") p.emerging.push_back(competency);
    for (const bj::value& f : array(x.get_object().if_contains("flags")))
      if (f.is_string() && f.get_string() == "blind_spot") p.blind_spots.push_back(competency);
  }
  if (const bj::object* followup = object(o.if_contains("followup"))) {
    const bj::value* days = followup->if_contains("overdue_days");
    if (days && days->is_int64() && days->get_int64() > 0) {
      p.overdue_days = days->get_int64();
      p.next_due = str(followup->if_contains("next_due"));
    }
  }
  // One entry per employee: a later as_of replaces, and so does a later
  // line on the same as_of (dates as YYYY-MM-DD compare as text).
  auto [it, added] = people.try_emplace(p.employee);
  if (!added) {
    ++duplicates;
    if (p.as_of < it->second.as_of) return true;
  }
  it->second = std::move(p);
  return true;
}

void Team::finish() {
  cases = people.size();
  for (const auto& [id, p] : people) {
    if (p.v2) v2 = true;
    ++verdicts[p.verdict];
    ++cycles[p.target_cycle.empty() ? "(none)" : p.target_cycle];
    for (const auto& g : p.gaps) {
      auto& stat = gap_stats[g.competency];
      ++stat.count;
      stat.priority += g.priority;
      if (g.criteria > 0) {
        auto& cg = criteria_gaps[g.competency];
        ++cg.count;
        cg.criteria += g.criteria;
      }
    }
    for (const auto& c : p.emerging) ++emerging[c];
    for (const auto& c : p.blind_spots) ++blind_spots[c];
    if (p.overdue_days > 0) overdue.push_back({p.employee, p.overdue_days, p.next_due});
  }
}

std::vector<std::pair<std::string, Team::GapStat>> Team::top_gaps() const {
  std::vector<std::pair<std::string, GapStat>> v(gap_stats.begin(), gap_stats.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    if (a.second.count != b.second.count) return a.second.count > b.second.count;
    return a.second.priority > b.second.priority;
  });
  return v;
}

std::vector<Team::Overdue> Team::overdue_sorted() const {
  auto v = overdue;
  std::stable_sort(v.begin(), v.end(), [](const Overdue& a, const Overdue& b) {
    if (a.days != b.days) return a.days > b.days;
    return a.employee < b.employee;
  });
  return v;
}

void Team::render(const std::string& format, std::string& out) const {
  if (format == "json") return render_json(out);
  const auto gaps = top_gaps();
  const auto late = overdue_sorted();
  std::size_t total_emerging = 0, total_criteria_gaps = 0;
  for (const auto& [c, n] : emerging) total_emerging += n;
  for (const auto& [c, s] : criteria_gaps) total_criteria_gaps += s.count;
  auto count = [&](const std::map<std::string, std::size_t>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::size_t{0} : it->second;
  };
  if (format == "text") {
    PlainWriter w(out);
    // "  label", then spaces to column `width` of the label.
    auto row = [&w](const std::string& label, std::size_t width) -> PlainWriter& {
      const std::size_t from = w.markup("  ").written().size();
      return pad(w.text(label), from, width);
    };
    w.markup("Team view: ").integer(cases).markup(" cases, ").integer(errors).markup(" input errors");
    if (duplicates) w.markup(", ").integer(duplicates).markup(" duplicates dropped (the latest report of each person counts)");
    w.markup("\n\nVerdicts\n");
    for (const char* v : kVerdicts) {
      const std::size_t from = w.markup("  ").written().size();
      pad(w.word(v), from, 12).integer(count(verdicts, v)).markup("\n");
    }
    w.markup("\nTarget cycles\n");
    for (const auto& [c, n] : cycles) row(c, 12).integer(n).markup("\n");
    w.markup("\nCompetencies with the most gaps (count, summed priority)\n");
    for (const auto& [c, s] : gaps) row(c, 16).integer(s.count).markup("  ").number(s.priority).markup("\n");
    w.markup("\nBlind spots by competency\n");
    for (const auto& [c, n] : blind_spots) row(c, 16).integer(n).markup("\n");
    if (v2) {
      w.markup("\nEmerging expectations by competency (").integer(total_emerging);
      w.markup(" in all; level reached, not yet held long enough)\n");
      for (const auto& [c, n] : emerging) row(c, 16).integer(n).markup("\n");
      w.markup("\nCriteria gaps by competency (").integer(total_criteria_gaps).markup(" in all; count, criteria not shown)\n");
      for (const auto& [c, s] : criteria_gaps) row(c, 16).integer(s.count).markup("  ").integer(s.criteria).markup("\n");
    }
    w.markup("\nOverdue check-ins (").integer(late.size()).markup(")\n");
    for (const auto& o : late)
      w.markup("  ").text(o.employee).markup("  ").integer(o.days).markup(" days (due ").text(o.next_due).markup(")\n");
    return;
  }
  if (format == "markdown") {
    MarkdownWriter w(out);
    w.markup("# Team view\n\n").integer(cases).markup(" cases, ").integer(errors).markup(" input errors");
    if (duplicates) w.markup(", ").integer(duplicates).markup(" duplicates dropped (the latest report of each person counts)");
    w.markup(".\n\n");
    w.markup("## Verdicts\n\n| Verdict | Cases |\n|---|---|\n");
    for (const char* v : kVerdicts) w.markup("| ").word(v).markup(" | ").integer(count(verdicts, v)).markup(" |\n");
    w.markup("\n## Target cycles\n\n| Cycle | Cases |\n|---|---|\n");
    for (const auto& [c, n] : cycles) w.markup("| ").text(c).markup(" | ").integer(n).markup(" |\n");
    w.markup("\n## Competencies with the most gaps\n\n| Competency | Gaps | Summed priority |\n|---|---|---|\n");
    for (const auto& [c, s] : gaps)
      w.markup("| ").text(c).markup(" | ").integer(s.count).markup(" | ").number(s.priority).markup(" |\n");
    w.markup("\n## Blind spots\n\n| Competency | Blind spots |\n|---|---|\n");
    for (const auto& [c, n] : blind_spots) w.markup("| ").text(c).markup(" | ").integer(n).markup(" |\n");
    if (v2) {
      w.markup("\n## Emerging expectations\n\n").integer(total_emerging);
      w.markup(" in all: the level is reached, not yet held long enough to count.\n\n| Competency | Emerging |\n|---|---|\n");
      for (const auto& [c, n] : emerging) w.markup("| ").text(c).markup(" | ").integer(n).markup(" |\n");
      w.markup("\n## Criteria gaps\n\n").integer(total_criteria_gaps);
      w.markup(" in all: gaps with criteria not shown yet.\n\n| Competency | Gaps | Criteria not shown |\n|---|---|---|\n");
      for (const auto& [c, s] : criteria_gaps)
        w.markup("| ").text(c).markup(" | ").integer(s.count).markup(" | ").integer(s.criteria).markup(" |\n");
    }
    w.markup("\n## Overdue check-ins\n\n| Employee | Days overdue | Was due |\n|---|---|---|\n");
    for (const auto& o : late)
      w.markup("| ").text(o.employee).markup(" | ").integer(o.days).markup(" | ").text(o.next_due).markup(" |\n");
    return;
  }
  // html
  HtmlWriter w(out);
  std::vector<std::pair<std::string, double>> v, cy, g, b;
  for (const char* k : kVerdicts) v.emplace_back(k, static_cast<double>(count(verdicts, k)));
  for (const auto& [c, n] : cycles) cy.emplace_back(c, static_cast<double>(n));
  for (const auto& [c, s] : gaps) g.emplace_back(c, static_cast<double>(s.count));
  for (const auto& [c, n] : blind_spots) b.emplace_back(c, static_cast<double>(n));
  w.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Team view</title>\n<style>"
           "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:900px;padding:0 1rem;color:#1d2330}"
           "svg{width:100%;height:auto}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #e6e9ef}"
           "</style>\n</head>\n<body>\n<h1>Team view</h1>\n<p>");
  w.integer(cases).markup(" cases, ").integer(errors).markup(" input errors");
  if (duplicates) w.markup(", ").integer(duplicates).markup(" duplicates dropped (the latest report of each person counts)");
  w.markup(".</p>\n<h2>Verdicts</h2>\n");
  bars(w, v);
  w.markup("<h2>Target cycles</h2>\n");
  bars(w, cy);
  w.markup("<h2>Competencies with the most gaps</h2>\n");
  bars(w, g);
  w.markup("<table>\n<tr><th>Competency</th><th>Gaps</th><th>Summed priority</th></tr>\n");
  for (const auto& [c, s] : gaps)
    w.markup("<tr><td>").text(c).markup("</td><td>").integer(s.count).markup("</td><td>").number(s.priority).markup("</td></tr>\n");
  w.markup("</table>\n<h2>Blind spots</h2>\n");
  bars(w, b);
  if (v2) {
    std::vector<std::pair<std::string, double>> em, cg;
    for (const auto& [c, n] : emerging) em.emplace_back(c, static_cast<double>(n));
    for (const auto& [c, s] : criteria_gaps) cg.emplace_back(c, static_cast<double>(s.count));
    w.markup("<h2>Emerging expectations</h2>\n<p>").integer(total_emerging);
    w.markup(" in all: the level is reached, not yet held long enough to count.</p>\n");
    bars(w, em);
    w.markup("<h2>Criteria gaps</h2>\n<p>").integer(total_criteria_gaps).markup(" in all: gaps with criteria not shown yet.</p>\n");
    bars(w, cg);
    w.markup("<table>\n<tr><th>Competency</th><th>Gaps</th><th>Criteria not shown</th></tr>\n");
    for (const auto& [c, s] : criteria_gaps)
      w.markup("<tr><td>").text(c).markup("</td><td>").integer(s.count).markup("</td><td>").integer(s.criteria).markup("</td></tr>\n");
    w.markup("</table>\n");
  }
  w.markup("<h2>Overdue check-ins</h2>\n<table>\n<tr><th>Employee</th><th>Days overdue</th><th>Was due</th></tr>\n");
  for (const auto& o : late)
    w.markup("<tr><td>").text(o.employee).markup("</td><td>").integer(o.days).markup("</td><td>").text(o.next_due).markup("</td></tr>\n");
  w.markup("</table>\n</body>\n</html>\n");
}

void Team::render_json(std::string& out) const {
  json::Writer w(std::move(out), 2);
  const auto ids = [&w](const std::vector<const std::string*>& v) {
    w.begin_array(true);
    for (const std::string* id : v) w.string(*id);
    w.end_array();
  };
  const auto string_or_null = [&w](const std::string& s) {
    if (s.empty()) w.null();
    else w.string(s);
  };
  w.begin_object();
  w.key("schema").string("rung.team/1");
  w.key("cases").integer(static_cast<std::int64_t>(cases));
  w.key("errors").integer(static_cast<std::int64_t>(errors));
  w.key("duplicates_dropped").integer(static_cast<std::int64_t>(duplicates));

  // Employees by verdict (rung's five), and by target cycle (by id; those
  // without one last), in employee id order.
  std::map<std::string, std::vector<const std::string*>> by_verdict, by_cycle;
  std::vector<const std::string*> no_cycle;
  for (const auto& [id, p] : people) {
    by_verdict[p.verdict].push_back(&id);
    if (p.target_cycle.empty()) no_cycle.push_back(&id);
    else by_cycle[p.target_cycle].push_back(&id);
  }
  w.key("by_verdict").begin_object();
  for (const char* v : kVerdicts) {
    w.key(v);
    ids(by_verdict[v]);
  }
  w.end_object();
  w.key("by_cycle").begin_array();
  for (const auto& [cycle, list] : by_cycle) {
    w.begin_object(true);
    w.key("cycle").string(cycle);
    w.key("people");
    ids(list);
    w.end_object();
  }
  if (!no_cycle.empty()) {
    w.begin_object(true);
    w.key("cycle").null();
    w.key("people");
    ids(no_cycle);
    w.end_object();
  }
  w.end_array();

  w.key("people").begin_array();
  for (const auto& [id, p] : people) {
    w.begin_object(true);
    w.key("employee").string(id);
    w.key("as_of");
    string_or_null(p.as_of);
    w.key("verdict").string(p.verdict);
    w.key("from");
    string_or_null(p.from);
    w.key("to");
    string_or_null(p.to);
    w.key("coverage");
    if (p.coverage) w.number(*p.coverage);
    else w.null();
    w.key("target_cycle");
    string_or_null(p.target_cycle);
    w.key("gaps").integer(static_cast<std::int64_t>(p.gaps.size()));
    w.key("overdue_days").integer(p.overdue_days);
    w.end_object();
  }
  w.end_array();

  w.key("gaps").begin_array();
  for (const auto& [c, stat] : top_gaps()) {
    w.begin_object(true);
    w.key("competency").string(c);
    w.key("count").integer(static_cast<std::int64_t>(stat.count));
    w.key("priority").number(stat.priority);
    w.end_object();
  }
  w.end_array();
  const auto counts = [&w](const char* key, const std::map<std::string, std::size_t>& m) {
    w.key(key).begin_array();
    for (const auto& [c, n] : m) {
      w.begin_object(true);
      w.key("competency").string(c);
      w.key("count").integer(static_cast<std::int64_t>(n));
      w.end_object();
    }
    w.end_array();
  };
  counts("blind_spots", blind_spots);
  counts("emerging", emerging);
  w.key("criteria_gaps").begin_array();
  for (const auto& [c, stat] : criteria_gaps) {
    w.begin_object(true);
    w.key("competency").string(c);
    w.key("count").integer(static_cast<std::int64_t>(stat.count));
    w.key("criteria").integer(static_cast<std::int64_t>(stat.criteria));
    w.end_object();
  }
  w.end_array();
  w.key("overdue").begin_array();
  for (const auto& o : overdue_sorted()) {
    w.begin_object(true);
    w.key("employee").string(o.employee);
    w.key("days").integer(o.days);
    w.key("next_due");
    string_or_null(o.next_due);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out = std::move(w).take() + "\n";
}

}  // namespace rung::cli
