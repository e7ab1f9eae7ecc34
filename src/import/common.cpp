// SPDX-License-Identifier: MIT
// What the two importers share: ids, text, the --gate choices, and the
// JSON they write (the framework, or the error document).
#include <algorithm>

#include "import/model.hpp"
#include "json/writer.hpp"

namespace rung::import {

namespace detail {

std::string slug(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (!alnum) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '-';
    gap = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  bool ok = n > 0 && i + n <= text.size();
  for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
  if (ok && n > 1) {  // no overlong forms, surrogates or code points past U+10FFFF
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    ok = !(n == 2 && b < 0xC2) && !(n == 3 && b == 0xE0 && b1 < 0xA0) && !(n == 3 && b == 0xED && b1 >= 0xA0) &&
         !(n == 4 && b == 0xF0 && b1 < 0x90) && !(n == 4 && (b > 0xF4 || (b == 0xF4 && b1 >= 0x90)));
  }
  return ok ? n : 0;
}

std::string mend_utf8(std::string_view text, Mend mend) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = utf8_length(text, i)) {
      out.append(text, i, n);
      i += n;
      continue;
    }
    const auto b = static_cast<unsigned char>(text[i++]);
    if (mend == Mend::replace) {
      out += "\uFFFD";
    } else {  // U+0080-U+00FF, in two bytes
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

void check_text(std::string_view text, const std::string& document) {
  if (text.size() > kMaxBytes)
    throw Failure{{document, ErrorCode::limit_exceeded, "", "the file is over 16 MiB", 0, 0}};
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    if (n == 0) throw Failure{{document, ErrorCode::parse_error, "", "the file is not UTF-8 text", line, column}};
    if (b == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
}

std::string Ids::unique(const std::string& base) {
  std::string id = base;
  for (int k = 2; taken(id); ++k) id = base + "-" + std::to_string(k);
  add(id);
  return id;
}

std::string apply_gates(Framework& fw, const Options& options, std::vector<std::string>& warnings) {
  for (const auto& choice : options.gates) {
    const std::string& level = choice.first;  // a name, not a structured binding: a lambda below captures it
    const std::string& gate = choice.second;
    if (gate != "open" && gate != "application" && gate != "vacancy")
      return "--gate " + level + "=" + gate + ": a gate is open, application or vacancy";
    auto it = std::find_if(fw.levels.begin(), fw.levels.end(), [&](const Level& l) { return l.id == level; });
    if (it == fw.levels.end()) return "--gate " + level + "=" + gate + ": the framework has no level " + quoted(level);
    if (it->gate != gate) warnings.push_back("level " + level + ": gate " + gate + " (--gate), not " + it->gate);
    it->gate = gate;
  }
  return {};
}

std::string write(const Framework& fw) {
  json::Writer w(std::string(), 2);
  w.begin_object();
  w.key("schema").string("rung.framework/2");
  w.key("id").string(fw.id);
  if (!fw.name.empty()) w.key("name").string(fw.name);
  w.key("scale").begin_array(true);
  for (const auto& s : fw.scale) w.string(s);
  w.end_array();
  w.key("competencies").begin_array();
  for (const auto& c : fw.competencies) {
    w.begin_object(true);
    w.key("id").string(c.id);
    w.key("name").string(c.name);
    w.end_object();
  }
  w.end_array();
  w.key("levels").begin_array();
  for (const auto& l : fw.levels) {
    w.begin_object();
    w.key("id").string(l.id);
    w.key("name").string(l.name);
    w.key("tracks").begin_array(true);
    for (const auto& t : l.tracks) w.string(t);
    w.end_array();
    w.key("rank").integer(l.rank);
    w.key("gate").string(l.gate);
    w.key("expectations").begin_array();
    for (const auto& e : l.expectations) {
      w.begin_object();
      w.key("competency").string(e.competency);
      w.key("level").string(e.level);
      w.key("criteria").begin_array();
      for (const auto& c : e.criteria) {
        w.begin_object(true);
        w.key("id").string(c.id);
        w.key("text").string(c.text);
        w.end_object();
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  if (!fw.policy.empty()) {
    w.key("policy").begin_object();
    for (const auto& [k, v] : fw.policy) w.key(k).string(v);
    w.end_object();
  }
  w.end_object();
  return std::move(w).take() + '\n';
}

}  // namespace detail

std::string to_json(const Error& e) {
  json::Writer w(std::string(), 2);
  w.begin_object();
  w.key("schema").string("rung.error/1");
  w.key("document").string(e.document);
  w.key("code").string(name(e.code));
  w.key("path").string(e.path);
  w.key("message").string(e.message);
  if (e.line > 0) {
    w.key("line").integer(e.line);
    w.key("column").integer(e.column);
  }
  w.end_object();
  return std::move(w).take() + '\n';
}

}  // namespace rung::import
