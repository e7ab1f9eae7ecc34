// SPDX-License-Identifier: MIT
#include "cli/check.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "json/writer.hpp"
#include "rung/error.hpp"
#include "rung/lint.hpp"
#include "rung/report.hpp"

namespace rung::cli {
namespace {

/// A warning of check-framework: a member the contract does not name, or a lint.
struct Finding {
  const char* code;
  std::string path;
  std::string message;
};

/// The framework's unknown members (text order), then its lints.
std::vector<Finding> findings(const Framework& fw, std::optional<Date> as_of) {
  std::vector<Finding> out;
  for (const auto& path : fw.unknown_members)
    out.push_back({"unknown_member", path, "a member the contract does not name: ignored (--strict makes it an error)"});
  for (auto& l : lint(fw, as_of)) out.push_back({name(l.code), std::move(l.path), std::move(l.message)});
  return out;
}

/// Text from the document, made safe for a terminal (as render::printable).
std::string safe(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\t' || c == '\n' || c == '\r') out += ' ';
    else if (c < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";  // U+FFFD
    else out += ch;
  }
  return out;
}

void text(const Framework& fw, std::optional<Date> as_of, std::string& out) {
  std::ostringstream o;
  std::map<std::string, std::map<std::int64_t, std::string>> tracks;
  for (const auto& l : fw.levels)
    for (const auto& t : l.tracks) tracks[t][l.rank] = l.id;
  o << "framework " << fw.id << ": valid\n";
  const bool v2 = fw.version >= 2;
  if (v2 && !fw.name.empty()) o << "  name: " << safe(fw.name) << "\n";
  o << "  scale: " << fw.scale.size() << " proficiencies (" << fw.scale.front() << " .. " << fw.scale.back()
            << ")\n";
  o << "  competencies: " << fw.competencies.size() << "\n";
  o << "  levels: " << fw.levels.size() << " in " << tracks.size() << " tracks\n";
  for (const auto& [track, levels] : tracks) {
    o << "    " << track << ":";
    for (const auto& [rank, id] : levels) o << " " << id << " (" << rank << ")";
    o << "\n";
  }
  if (v2) {
    // The trunk: levels on more than one track, by rank; consecutive ones on
    // the same tracks are listed together.
    std::vector<const Level*> trunk;
    for (const auto& l : fw.levels)
      if (l.tracks.size() > 1) trunk.push_back(&l);
    std::stable_sort(trunk.begin(), trunk.end(), [](const Level* a, const Level* b) { return a->rank < b->rank; });
    auto joined = [&](const std::vector<std::string>& v) {
      std::string list;
      for (const auto& t : v) list += (list.empty() ? "" : ", ") + safe(t);
      return list;
    };
    o << "  trunk (levels on more than one track):";
    if (trunk.empty()) o << " none";
    for (std::size_t i = 0; i < trunk.size(); ++i) {
      const bool same_as_next = i + 1 < trunk.size() && trunk[i + 1]->tracks == trunk[i]->tracks;
      o << " " << safe(trunk[i]->id) << " (" << trunk[i]->rank << ")"
        << (same_as_next ? "," : " on " + joined(trunk[i]->tracks) + (i + 1 < trunk.size() ? ";" : ""));
    }
    o << "\n";
    // Where the tracks split: a trunk level whose tracks lead on to
    // different levels (or some to none).
    for (const Level* l : trunk) {
      std::vector<std::pair<std::string, std::vector<std::string>>> next;  // next level, its tracks
      for (const auto& t : l->tracks) {
        const auto& on = tracks[t];
        const auto it = on.upper_bound(l->rank);
        const std::string to = it == on.end() ? "(no higher level)" : safe(it->second) + " (" + std::to_string(it->first) + ")";
        auto group = std::find_if(next.begin(), next.end(), [&](const auto& g) { return g.first == to; });
        if (group == next.end()) next.push_back({to, {t}});
        else group->second.push_back(t);
      }
      if (next.size() < 2) continue;
      o << "  tracks split after " << safe(l->id) << " (" << l->rank << "):";
      for (std::size_t k = 0; k < next.size(); ++k)
        o << (k ? "; " : " ") << joined(next[k].second) << " -> " << next[k].first;
      o << "\n";
    }
    // Each level: its expectations, criteria, and gate when not open.
    std::size_t all_criteria = 0;
    o << "  levels in detail:\n";
    for (const auto& l : fw.levels) {
      std::size_t criteria = 0, with = 0;
      for (const auto& e : l.expectations) {
        criteria += e.criteria.size();
        with += e.criteria.empty() ? 0 : 1;
      }
      all_criteria += criteria;
      o << "    " << safe(l.id) << " (" << l.rank << "): " << l.expectations.size()
        << (l.expectations.size() == 1 ? " expectation" : " expectations");
      if (criteria)
        o << ", " << criteria << (criteria == 1 ? " criterion" : " criteria") << " on " << with << " of them";
      if (l.gate != Gate::open) o << ", gate " << name(l.gate);
      o << "\n";
    }
    o << "  criteria: " << all_criteria << " in all\n";
  }
  std::size_t shown = 0, ahead = 0;
  for (const auto& c : fw.calendar.cycles)
    if (!as_of || c.decision >= *as_of) ++ahead;
  o << "  cycles" << (as_of ? " ahead of " + format_date(*as_of) : std::string()) << ": " << ahead
            << "\n";
  for (const auto& c : fw.calendar.cycles) {
    if (as_of && c.decision < *as_of) continue;
    if (++shown > 6) break;
    o << "    " << c.id << " decides " << format_date(c.decision) << ", effective "
              << format_date(c.effective) << "\n";
  }
  const auto warnings = findings(fw, as_of);
  if (!warnings.empty()) {
    o << "  warnings: " << warnings.size() << "\n";
    for (const auto& w : warnings) o << "    " << safe(w.path) << ": " << w.message << " [" << w.code << "]\n";
  }
  out += o.str();
}

void json_summary(const Framework& fw, std::optional<Date> as_of, std::string& out) {
  const auto string_or_null = [](json::Writer& w, const std::string& s) {
    if (s.empty()) w.null();
    else w.string(s);
  };
  json::Writer w(std::move(out), 2);
  w.begin_object();
  w.key("schema").string("rung.framework-check/1");
  w.key("framework").string(fw.id);
  w.key("version").integer(fw.version);
  w.key("name");
  string_or_null(w, fw.name);
  w.key("as_of");
  if (as_of) w.string(format_date(*as_of));
  else w.null();
  w.key("scale").begin_array(true);
  for (const auto& label : fw.scale) w.string(label);
  w.end_array();
  std::vector<std::vector<std::size_t>> expected_by(fw.competencies.size());  // levels, in framework order
  for (std::size_t l = 0; l < fw.levels.size(); ++l)
    for (const auto& x : fw.levels[l].expectations) expected_by[x.competency_index].push_back(l);
  w.key("competencies").begin_array();
  for (std::size_t i = 0; i < fw.competencies.size(); ++i) {
    w.begin_object(true);
    w.key("id").string(fw.competencies[i].id);
    w.key("name");
    string_or_null(w, fw.competencies[i].name);
    w.key("levels").begin_array();
    for (std::size_t l : expected_by[i]) w.string(fw.levels[l].id);  // a level lists a competency once
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("tracks").begin_array();
  for (const auto& t : fw.tracks) {
    w.begin_object(true);
    w.key("id").string(t.id);
    w.key("levels").begin_array();
    for (std::size_t l : t.levels) w.string(fw.levels[l].id);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  std::vector<const Level*> trunk;
  for (const auto& l : fw.levels)
    if (l.tracks.size() > 1) trunk.push_back(&l);
  std::stable_sort(trunk.begin(), trunk.end(), [](const Level* a, const Level* b) { return a->rank < b->rank; });
  w.key("trunk").begin_array(true);
  for (const Level* l : trunk) w.string(l->id);
  w.end_array();
  w.key("levels").begin_array();
  for (const auto& l : fw.levels) {
    std::size_t criteria = 0;
    for (const auto& x : l.expectations) criteria += x.criteria.size();
    w.begin_object(true);
    w.key("id").string(l.id);
    w.key("name");
    string_or_null(w, l.name);
    w.key("tracks").begin_array();
    for (const auto& t : l.tracks) w.string(t);
    w.end_array();
    w.key("rank").integer(l.rank);
    w.key("gate").string(name(l.gate));
    w.key("expectations").integer(static_cast<std::int64_t>(l.expectations.size()));
    w.key("criteria").integer(static_cast<std::int64_t>(criteria));
    w.end_object();
  }
  w.end_array();
  w.key("cycles").begin_array();
  for (const auto& c : fw.calendar.cycles) {
    if (as_of && c.decision < *as_of) continue;
    w.begin_object(true);
    w.key("id").string(c.id);
    w.key("decision").string(format_date(c.decision));
    w.key("effective").string(format_date(c.effective));
    w.end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& f : findings(fw, as_of)) {
    w.begin_object(true);
    w.key("code").string(f.code);
    w.key("path").string(f.path);
    w.key("message").string(f.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out = std::move(w).take() + "\n";
}

}  // namespace

void check_framework(const Framework& fw, std::optional<Date> as_of, const std::string& format, std::string& out) {
  if (format == "json") json_summary(fw, as_of, out);
  else text(fw, as_of, out);
}

}  // namespace rung::cli
