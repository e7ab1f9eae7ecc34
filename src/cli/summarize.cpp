#include "cli/summarize.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "render/render.hpp"

namespace rung::cli {
namespace {

namespace bj = boost::json;

/// A string member, made printable (reports may carry any text).
std::string str(const bj::value* v) {
  return v && v->is_string() ? render::printable(std::string_view(v->get_string().data(), v->get_string().size()))
                             : std::string();
}

std::string num(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string esc(const std::string& s) { return render::html_escape(s); }

/// Markdown cells: printable, no pipes.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : render::printable(s)) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

using Rows = std::vector<std::pair<std::string, std::string>>;  // label, value

/// A horizontal SVG bar chart of counts.
std::string bars(const std::vector<std::pair<std::string, double>>& data) {
  double top = 1;
  for (const auto& [label, v] : data) top = std::max(top, v);
  const int row = 22, left = 170, width = 420;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(left + width + 60) + " " +
                  std::to_string(static_cast<int>(data.size()) * row + 8) + "\" role=\"img\">\n";
  int y = 4;
  for (const auto& [label, v] : data) {
    const int w = static_cast<int>(v / top * width);
    s += "<text x=\"0\" y=\"" + std::to_string(y + 14) + "\" font-size=\"12\">" + esc(label) + "</text><rect x=\"" +
         std::to_string(left) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(std::max(w, 1)) +
         "\" height=\"14\" fill=\"#5b7fd1\"/><text x=\"" + std::to_string(left + w + 6) + "\" y=\"" +
         std::to_string(y + 14) + "\" font-size=\"12\">" + num(v) + "</text>\n";
    y += row;
  }
  return s + "</svg>\n";
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
    out += "Team view: " + std::to_string(cases) + " cases, " + std::to_string(errors) + " input errors\n\nVerdicts\n";
    for (const char* v : kVerdicts) out += "  " + std::string(v) + std::string(12 - std::string(v).size(), ' ') + std::to_string(count(verdicts, v)) + "\n";
    out += "\nTarget cycles\n";
    for (const auto& [c, n] : cycles) out += "  " + c + std::string(c.size() < 12 ? 12 - c.size() : 1, ' ') + std::to_string(n) + "\n";
    out += "\nCompetencies with the most gaps (count, summed priority)\n";
    for (const auto& [c, s] : gaps) out += "  " + c + std::string(c.size() < 16 ? 16 - c.size() : 1, ' ') + std::to_string(s.count) + "  " + num(s.priority) + "\n";
    out += "\nBlind spots by competency\n";
    for (const auto& [c, n] : blind_spots) out += "  " + c + std::string(c.size() < 16 ? 16 - c.size() : 1, ' ') + std::to_string(n) + "\n";
    if (v2) {
      out += "\nEmerging expectations by competency (" + std::to_string(total_emerging) +
             " in all; level reached, not yet held long enough)\n";
      for (const auto& [c, n] : emerging) out += "  " + c + std::string(c.size() < 16 ? 16 - c.size() : 1, ' ') + std::to_string(n) + "\n";
      out += "\nCriteria gaps by competency (" + std::to_string(total_criteria_gaps) +
             " in all; count, criteria not shown)\n";
      for (const auto& [c, s] : criteria_gaps)
        out += "  " + c + std::string(c.size() < 16 ? 16 - c.size() : 1, ' ') + std::to_string(s.count) + "  " + std::to_string(s.criteria) + "\n";
    }
    out += "\nOverdue check-ins (" + std::to_string(late.size()) + ")\n";
    for (const auto& o : late) out += "  " + o.employee + "  " + std::to_string(o.days) + " days (due " + o.next_due + ")\n";
    return;
  }
  if (format == "markdown") {
    out += "# Team view\n\n" + std::to_string(cases) + " cases, " + std::to_string(errors) + " input errors.\n\n";
    out += "## Verdicts\n\n| Verdict | Cases |\n|---|---|\n";
    for (const char* v : kVerdicts) out += "| " + std::string(v) + " | " + std::to_string(count(verdicts, v)) + " |\n";
    out += "\n## Target cycles\n\n| Cycle | Cases |\n|---|---|\n";
    for (const auto& [c, n] : cycles) out += "| " + cell(c) + " | " + std::to_string(n) + " |\n";
    out += "\n## Competencies with the most gaps\n\n| Competency | Gaps | Summed priority |\n|---|---|---|\n";
    for (const auto& [c, s] : gaps) out += "| " + cell(c) + " | " + std::to_string(s.count) + " | " + num(s.priority) + " |\n";
    out += "\n## Blind spots\n\n| Competency | Blind spots |\n|---|---|\n";
    for (const auto& [c, n] : blind_spots) out += "| " + cell(c) + " | " + std::to_string(n) + " |\n";
    if (v2) {
      out += "\n## Emerging expectations\n\n" + std::to_string(total_emerging) +
             " in all: the level is reached, not yet held long enough to count.\n\n| Competency | Emerging |\n|---|---|\n";
      for (const auto& [c, n] : emerging) out += "| " + cell(c) + " | " + std::to_string(n) + " |\n";
      out += "\n## Criteria gaps\n\n" + std::to_string(total_criteria_gaps) +
             " in all: gaps with criteria not shown yet.\n\n| Competency | Gaps | Criteria not shown |\n|---|---|---|\n";
      for (const auto& [c, s] : criteria_gaps)
        out += "| " + cell(c) + " | " + std::to_string(s.count) + " | " + std::to_string(s.criteria) + " |\n";
    }
    out += "\n## Overdue check-ins\n\n| Employee | Days overdue | Was due |\n|---|---|---|\n";
    for (const auto& o : late) out += "| " + cell(o.employee) + " | " + std::to_string(o.days) + " | " + cell(o.next_due) + " |\n";
    return;
  }
  // html
  std::vector<std::pair<std::string, double>> v, cy, g, b;
  for (const char* k : kVerdicts) v.emplace_back(k, static_cast<double>(count(verdicts, k)));
  for (const auto& [c, n] : cycles) cy.emplace_back(c, static_cast<double>(n));
  for (const auto& [c, s] : gaps) g.emplace_back(c, static_cast<double>(s.count));
  for (const auto& [c, n] : blind_spots) b.emplace_back(c, static_cast<double>(n));
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Team view</title>\n<style>"
         "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:900px;padding:0 1rem;color:#1d2330}"
         "svg{width:100%;height:auto}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #e6e9ef}"
         "</style>\n</head>\n<body>\n<h1>Team view</h1>\n<p>" +
         std::to_string(cases) + " cases, " + std::to_string(errors) + " input errors.</p>\n";
  out += "<h2>Verdicts</h2>\n" + bars(v) + "<h2>Target cycles</h2>\n" + bars(cy) +
         "<h2>Competencies with the most gaps</h2>\n" + bars(g) + "<table>\n<tr><th>Competency</th><th>Gaps</th><th>Summed priority</th></tr>\n";
  for (const auto& [c, s] : gaps) out += "<tr><td>" + esc(c) + "</td><td>" + std::to_string(s.count) + "</td><td>" + num(s.priority) + "</td></tr>\n";
  out += "</table>\n<h2>Blind spots</h2>\n" + bars(b);
  if (v2) {
    std::vector<std::pair<std::string, double>> em, cg;
    for (const auto& [c, n] : emerging) em.emplace_back(c, static_cast<double>(n));
    for (const auto& [c, s] : criteria_gaps) cg.emplace_back(c, static_cast<double>(s.count));
    out += "<h2>Emerging expectations</h2>\n<p>" + std::to_string(total_emerging) +
           " in all: the level is reached, not yet held long enough to count.</p>\n" + bars(em) +
           "<h2>Criteria gaps</h2>\n<p>" + std::to_string(total_criteria_gaps) +
           " in all: gaps with criteria not shown yet.</p>\n" + bars(cg) +
           "<table>\n<tr><th>Competency</th><th>Gaps</th><th>Criteria not shown</th></tr>\n";
    for (const auto& [c, s] : criteria_gaps)
      out += "<tr><td>" + esc(c) + "</td><td>" + std::to_string(s.count) + "</td><td>" + std::to_string(s.criteria) + "</td></tr>\n";
    out += "</table>\n";
  }
  out += "<h2>Overdue check-ins</h2>\n<table>\n<tr><th>Employee</th><th>Days overdue</th><th>Was due</th></tr>\n";
  for (const auto& o : late) out += "<tr><td>" + esc(o.employee) + "</td><td>" + std::to_string(o.days) + "</td><td>" + esc(o.next_due) + "</td></tr>\n";
  out += "</table>\n</body>\n</html>\n";
}

}  // namespace rung::cli
