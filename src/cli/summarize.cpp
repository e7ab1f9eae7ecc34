#include "cli/summarize.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "render/writer.hpp"

namespace rung::cli {
namespace {

namespace bj = boost::json;

/// A string member, made printable (reports may carry any text).
std::string str(const bj::value* v) {
  return v && v->is_string() ? render::printable(std::string_view(v->get_string().data(), v->get_string().size()))
                             : std::string();
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
  const bool version2 = schema == "rung.report/2";
  if (version2) v2 = true;
  ++cases;
  ++verdicts[str(o.if_contains("verdict"))];
  const bj::value* timeline = o.if_contains("timeline");
  const bj::value* cycle = timeline && timeline->is_object() ? timeline->get_object().if_contains("target_cycle") : nullptr;
  const std::string c = str(cycle);
  ++cycles[c.empty() ? "(none)" : c];
  if (const bj::value* gaps = o.if_contains("gaps"); gaps && gaps->is_array())
    for (const auto& g : gaps->get_array()) {
      if (!g.is_object()) continue;
      auto& stat = gap_stats[str(g.get_object().if_contains("competency"))];
      ++stat.count;
      if (const bj::value* p = g.get_object().if_contains("priority"); p && p->is_number()) stat.priority += p->to_number<double>();
      const bj::value* criteria = version2 ? g.get_object().if_contains("criteria") : nullptr;
      if (criteria && criteria->is_array() && !criteria->get_array().empty()) {
        auto& cg = criteria_gaps[str(g.get_object().if_contains("competency"))];
        ++cg.count;
        cg.criteria += criteria->get_array().size();
      }
    }
  if (const bj::value* xs = o.if_contains("expectations"); xs && xs->is_array())
    for (const auto& x : xs->get_array()) {
      if (!x.is_object()) continue;
      if (const bj::value* status = x.get_object().if_contains("status");
          version2 && status && status->is_string() && status->get_string() == "emerging")
        ++emerging[str(x.get_object().if_contains("competency"))];
      const bj::value* flags = x.get_object().if_contains("flags");
      if (!flags || !flags->is_array()) continue;
      for (const auto& f : flags->get_array())
        if (f.is_string() && f.get_string() == "blind_spot") ++blind_spots[str(x.get_object().if_contains("competency"))];
    }
  const bj::value* followup = o.if_contains("followup");
  if (followup && followup->is_object()) {
    const bj::value* days = followup->get_object().if_contains("overdue_days");
    if (days && days->is_int64() && days->get_int64() > 0)
      overdue.push_back({str(o.if_contains("employee")), days->get_int64(), str(followup->get_object().if_contains("next_due"))});
  }
  return true;
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
  static const char* kVerdicts[] = {"ready", "close", "not_ready", "blocked", "no_target"};
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
    w.markup("Team view: ").integer(cases).markup(" cases, ").integer(errors).markup(" input errors\n\nVerdicts\n");
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
    w.markup("# Team view\n\n").integer(cases).markup(" cases, ").integer(errors).markup(" input errors.\n\n");
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
  w.integer(cases).markup(" cases, ").integer(errors).markup(" input errors.</p>\n<h2>Verdicts</h2>\n");
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

}  // namespace rung::cli
