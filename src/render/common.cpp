#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

#include "render/render.hpp"

namespace rung::render {

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_printable(out, s);
  return out;
}

std::size_t unsafe_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned c = b(i);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 1;
  if (c == 0xC2 && b(i + 1) >= 0x80 && b(i + 1) <= 0x9F) return 2;                  // C1
  if (c == 0xE2 && b(i + 1) == 0x80 && b(i + 2) >= 0xAA && b(i + 2) <= 0xAE) return 3;  // U+202A..U+202E
  if (c == 0xE2 && b(i + 1) == 0x81 && b(i + 2) >= 0xA6 && b(i + 2) <= 0xA9) return 3;  // U+2066..U+2069
  return 0;
}

void append_printable(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '\t' || ch == '\n' || ch == '\r') {
      out += ' ';
    } else if (const std::size_t n = unsafe_at(s, i)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n - 1;
    } else {
      out += ch;
    }
  }
}

std::string number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::string title_of(const Framework& fw, const std::string& competency) {
  auto it = fw.competency_index.find(competency);
  if (it == fw.competency_index.end()) return competency;
  const auto& name = fw.competencies[it->second].name;
  return name.empty() ? competency : name;
}

std::string person(const Case& c, const Report& r) {
  if (r.version < 2 || c.employee.name.empty()) return r.employee;
  return std::string(c.employee.name) + " (" + r.employee + ")";
}

std::string view_of(const Report& r) {
  switch (r.audience) {
    case Audience::full: return "";
    case Audience::employee: return "the employee's view";
    case Audience::manager: return "the manager's view";
    case Audience::committee: return "the committee's view";
  }
  return "";
}

std::string short_person(const Case& c, const Report& r) {
  if (r.version < 2 || c.employee.name.empty()) return r.employee;
  return std::string(c.employee.name);
}

const char* gate_phrase(Gate g) {
  switch (g) {
    case Gate::open: return "";
    case Gate::application: return "through an application";
    case Gate::vacancy: return "through an open vacancy";
  }
  return "";
}

const Criterion& criterion_at(const Framework& fw, std::size_t index) {
  const CriterionRef& ref = fw.criteria[index];
  return fw.levels[ref.level].expectations[ref.expectation].criteria[ref.index];
}

std::optional<Date> counts_from(const Framework& fw, const ExpectationResult& x) {
  if (!x.sustained_since) return std::nullopt;
  return add_days_checked(*x.sustained_since, fw.policy.sustained_days);
}

}  // namespace rung::render
