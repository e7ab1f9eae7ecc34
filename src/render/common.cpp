#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "render/render.hpp"
#include "rung/threshold.hpp"

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
  append_printable_with(out, s, [](std::string& o, char ch) { o += ch; });
}

/// Appends printable() text with what Markdown would read as markup escaped.
void append_md(std::string& out, std::string_view text) {
  append_printable_with(out, text, [](std::string& o, char c) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#' || c == '\\')
      o += '\\';
    o += c;
  });
}

/// A code span of printable() text: fenced by more backticks than the text
/// holds in a row (CommonMark), with a space inside when the text starts or
/// ends with one, so that a backtick in an id cannot end the span early.
void append_code(std::string& out, std::string_view text) {
  const std::string safe = printable(text);
  std::size_t run = 0, longest = 0;
  for (char c : safe) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(longest + 1, '`');
  const bool space = !safe.empty() && (safe.front() == '`' || safe.back() == '`');
  out += fence;
  if (space) out += ' ';
  out += safe;
  if (space) out += ' ';
  out += fence;
}

/// A link shown as a link only when it is http(s) and plain: anything else
/// (`javascript:`, spaces, angle brackets) is shown as code, never followed.
void append_link(std::string& out, std::string_view link) {
  const auto starts = [&](std::string_view p) {
    if (link.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(link[i])) != p[i]) return false;
    return true;
  };
  bool plain = starts("https://") || starts("http://");
  for (std::size_t i = 0; plain && i < link.size(); ++i) {
    const auto c = static_cast<unsigned char>(link[i]);
    plain = c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '`' && c != '\\';
  }
  if (plain) {
    out += '<';
    out += link;
    out += '>';
  } else {
    append_code(out, link);
  }
}

/// TEXT escaping: backslash, semicolon, comma, newline; other control
/// characters are not allowed in iCalendar text.
void append_ical(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (const std::size_t n = unsafe_at(s, i); n || c == '\t') {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n ? n - 1 : 0;
    } else if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
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

const char* view_of(const Report& r) {
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
  return t5_counts_from(*x.sustained_since, fw.policy);
}

}  // namespace rung::render
