// SPDX-License-Identifier: MIT
// `rung import ft`: a job-family file of Financial-Times/engineering-progression
// (name, levels, themes, and one entry a statement naming its level, theme
// and proficiency) as a rung.framework/2 document. The choices are in
// docs/import.md and come out as warnings.
#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "import/model.hpp"
#include "import/yaml.hpp"

namespace rung::import {

namespace detail {
namespace {

/// The FT's proficiencies, in order; the scale puts "None" before them.
constexpr std::array<const char*, 5> kProficiencies = {"Awareness", "Foundational", "Working knowledge", "Practitioner",
                                                       "Expert"};
/// Level id endings that name a track (senior-2-ic, principal-pm).
constexpr std::array<const char*, 2> kTrackEndings = {"ic", "pm"};
constexpr const char* kManagerTrack = "pm";

/// A statement's items: one a line when it is written as a numbered or
/// bulleted list ("1. ...", "- ..."; a line without a marker continues the
/// item before it), else the whole text as one.
std::vector<std::string> items(const std::string& summary) {
  auto marker = [](std::string_view line) -> std::optional<std::string_view> {
    const auto from = line.find_first_not_of(" \t");
    if (from == std::string_view::npos) return std::nullopt;
    line.remove_prefix(from);
    std::size_t n = 0;
    while (n < line.size() && line[n] >= '0' && line[n] <= '9') ++n;
    if (n > 0 && n < line.size() && (line[n] == '.' || line[n] == ')')) ++n;
    else if (n == 0 && !line.empty() && (line[0] == '-' || line[0] == '*')) n = 1;
    else return std::nullopt;
    if (n < line.size() && line[n] != ' ' && line[n] != '\t') return std::nullopt;
    return line.substr(n);
  };
  std::vector<std::string> lines;
  for (std::size_t at = 0; at <= summary.size();) {
    const auto end = std::min(summary.find('\n', at), summary.size());
    lines.push_back(summary.substr(at, end - at));
    at = end + 1;
  }
  const auto first = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return !fold(l).empty(); });
  if (first == lines.end() || !marker(*first)) return {fold(summary)};
  std::vector<std::string> out;
  for (auto it = first; it != lines.end(); ++it) {
    if (auto rest = marker(*it)) out.emplace_back(*rest);
    else out.back() += " " + *it;
  }
  for (auto& s : out) s = fold(s);
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  if (out.empty()) return {fold(summary)};  // markers and nothing else
  return out;
}

struct Statement {
  std::size_t level, theme, proficiency;
  std::vector<std::string> items;
};

class FtImporter {
 public:
  FtImporter(Yaml& y, std::vector<std::string>& warnings) : y_(y), warnings_(warnings) {}

  Framework run(const YAML::Node& root, const Options& options) {
    y_.mapping(root, {"name", "summary", "googleSheetId", "isLegacy", "levels", "themes", "competencies"});
    Framework fw;
    {
      auto s = y_.at("name");
      fw.name = fold(y_.nonblank(y_.required(root, "name")));
    }
    fw.id = !options.id.empty() ? options.id : !slug(fw.name).empty() ? slug(fw.name) : "ft";
    for (const char* key : {"summary", "googleSheetId"})
      if (const YAML::Node v = root[key]) {
        auto s = y_.at(key);
        y_.text(v);
      }
    if (const YAML::Node v = root["isLegacy"]) {
      auto s = y_.at("isLegacy");
      if (y_.boolean(v)) warnings_.push_back("the file marks itself legacy (isLegacy: true); imported all the same");
    }
    read_named(root, "levels", levels_, level_index_);
    read_named(root, "themes", themes_, theme_index_);
    read_statements(root);

    fw.scale.push_back("None");
    for (const char* p : kProficiencies) fw.scale.emplace_back(p);
    warnings_.push_back(
        "scale: \"None\" (rated 0), then the FT's five proficiencies from \"Awareness\" to \"Expert\"; an expectation "
        "asks for its statements' proficiency");

    Ids ids;
    for (const auto& t : themes_) {
      ids.add(t.id);
      fw.competencies.push_back({t.id, t.name});
    }
    warnings_.push_back("competencies: the " + std::to_string(themes_.size()) + " themes, with their ids and names");
    place_levels(fw);
    expectations(fw, ids);
    warnings_.push_back("weights: 1 everywhere, nothing critical; no policy: rung's defaults (docs/rules.md)");
    return fw;
  }

 private:
  struct Named {
    std::string id, name;
  };

  /// `levels` or `themes`: a non-empty list of {id, name} with distinct ids.
  void read_named(const YAML::Node& root, const char* key, std::vector<Named>& out,
                  std::map<std::string, std::size_t>& index) {
    auto scope = y_.at(key);
    const YAML::Node list = y_.required(root, key);
    const std::size_t n = y_.sequence(list);
    if (n == 0) y_.fail(ErrorCode::invalid_value, std::string("the file lists no ") + key, list);
    const bool levels = std::string_view(key) == "levels";
    for (std::size_t i = 0; i < n; ++i) {
      auto item = y_.at(i);
      const YAML::Node o = list[i];
      if (levels) y_.mapping(o, {"id", "name"});
      else y_.mapping(o, {"id", "name", "summary"});
      Named x;
      {
        auto s = y_.at("id");
        const YAML::Node id = y_.required(o, "id");
        x.id = fold(y_.nonblank(id));
        if (!index.emplace(x.id, out.size()).second)
          y_.fail(ErrorCode::duplicate_id, "duplicate id " + quoted(x.id), id);
      }
      {
        auto s = y_.at("name");
        x.name = fold(y_.nonblank(y_.required(o, "name")));
      }
      if (const YAML::Node v = o["summary"]) {
        auto s = y_.at("summary");
        y_.text(v);
      }
      out.push_back(std::move(x));
    }
  }

  std::size_t find(const std::map<std::string, std::size_t>& index, const YAML::Node& o, const char* key) {
    auto s = y_.at(key);
    const YAML::Node v = y_.required(o, key);
    const std::string id = fold(y_.nonblank(v));
    const auto it = index.find(id);
    if (it == index.end())
      y_.fail(ErrorCode::unknown_reference, std::string("no ") + key + " " + quoted(id) + " in the file's " + key + "s",
              v);
    return it->second;
  }

  void read_statements(const YAML::Node& root) {
    auto scope = y_.at("competencies");
    const YAML::Node list = y_.required(root, "competencies");
    const std::size_t n = y_.sequence(list);
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      auto item = y_.at(i);
      const YAML::Node o = list[i];
      y_.mapping(o, {"id", "level", "theme", "summary", "proficiency", "examples", "supportingUrls"});
      Statement st{};
      if (const YAML::Node v = o["id"]) {
        auto s = y_.at("id");
        y_.text(v);
      }
      st.level = find(level_index_, o, "level");
      st.theme = find(theme_index_, o, "theme");
      {
        auto s = y_.at("summary");
        st.items = items(y_.nonblank(y_.required(o, "summary")));
      }
      {
        auto s = y_.at("proficiency");
        const YAML::Node v = y_.required(o, "proficiency");
        const std::string p = y_.text(v);
        const auto it = std::find(kProficiencies.begin(), kProficiencies.end(), p);
        if (it == kProficiencies.end())
          y_.fail(ErrorCode::invalid_value,
                  quoted(p) +
                      " is not a proficiency: Awareness, Foundational, Working knowledge, Practitioner or Expert",
                  v);
        st.proficiency = static_cast<std::size_t>(it - kProficiencies.begin());
      }
      examples_ += count_list(o, "examples", false);
      urls_ += count_list(o, "supportingUrls", true);
      total += st.items.size();
      if (total > kMaxStatements)
        y_.fail(ErrorCode::limit_exceeded, "more than 100000 statements", o);
      by_place_[{st.level, st.theme}].push_back(std::move(st));
    }
  }

  /// The items of an optional list that rung has no place for.
  std::size_t count_list(const YAML::Node& o, const char* key, bool links) {
    const YAML::Node v = o[key];
    if (!v) return 0;
    auto s = y_.at(key);
    const std::size_t n = y_.sequence(v);
    for (std::size_t k = 0; k < n; ++k) {
      auto item = y_.at(k);
      if (links) {
        y_.mapping(v[k], {"label", "url"});
        for (const char* member : {"label", "url"}) {
          auto m = y_.at(member);
          y_.text(y_.required(v[k], member));
        }
      } else {
        y_.text(v[k]);
      }
    }
    return n;
  }

  static std::string ending(const std::string& id) {
    for (const char* e : kTrackEndings) {
      const std::string tail = std::string("-") + e;
      if (id.size() > tail.size() && id.compare(id.size() - tail.size(), tail.size(), tail) == 0) return e;
    }
    return {};
  }

  /// Tracks from the level ids' endings, ranks from the levels' order (a
  /// level and its twins on other tracks share one), the trunk on every
  /// track, the levels above it that name no track on the manager track,
  /// and the gates of interviewed roles.
  void place_levels(Framework& fw) {
    std::vector<std::string> tracks;
    std::map<std::string, std::int64_t> rank_of;  // "s:" + stem for a track's level, "u:" + id otherwise
    std::int64_t split = 0;                        // the lowest rank of a level on one track
    for (const auto& l : levels_) {
      Level out;
      out.id = l.id;
      out.name = l.name;
      const std::string e = ending(l.id);
      const std::string key = e.empty() ? "u:" + l.id : "s:" + l.id.substr(0, l.id.size() - e.size() - 1);
      auto [it, fresh] = rank_of.emplace(key, static_cast<std::int64_t>(rank_of.size()) + 1);
      out.rank = it->second;
      if (!e.empty()) {
        out.tracks = {e};
        if (std::find(tracks.begin(), tracks.end(), e) == tracks.end()) tracks.push_back(e);
        if (split == 0) split = out.rank;
      }
      fw.levels.push_back(std::move(out));
    }
    if (tracks.empty()) {
      tracks = {"main"};
      warnings_.push_back(
          "tracks: no level id ends in -ic or -pm, so every level is on one track, \"main\"; ranks follow the "
          "levels' order");
    } else {
      std::string list;
      for (const auto& t : tracks) list += (list.empty() ? "" : ", ") + t;
      warnings_.push_back("tracks: " + list +
                          ", from the level ids ending in -ic or -pm; ranks follow the levels' order, a level "
                          "and its twin on the other track sharing one");
    }
    const bool manager = std::find(tracks.begin(), tracks.end(), kManagerTrack) != tracks.end();
    std::string trunk;
    for (auto& l : fw.levels) {
      if (!l.tracks.empty()) continue;
      if (split == 0 || l.rank < split || !manager) {
        l.tracks = tracks;
        if (split != 0 && l.rank < split) trunk += (trunk.empty() ? "" : ", ") + l.id;
        else if (split != 0)
          warnings_.push_back("level " + l.id +
                              ": no -ic or -pm ending, above the split, and no pm track: on every track");
      } else {
        l.tracks = {kManagerTrack};
        warnings_.push_back("level " + l.id +
                            ": no -ic or -pm ending, above the split: on the people-manager track pm (the FT puts "
                            "its Technology Director after Principal on that track)");
      }
    }
    if (tracks.size() > 1 && !trunk.empty())
      warnings_.push_back("trunk: " + trunk + " (below the first -ic or -pm level) on every track");
    // Interviewed roles: every people-manager level, and the individual-
    // contributor levels above the first of their track (the FT promotes
    // up to Senior 2 (IC) and interviews for Principal).
    std::int64_t first_ic = 0;
    for (const auto& l : fw.levels)
      if (split != 0 && l.rank >= split && l.tracks == std::vector<std::string>{"ic"} &&
          (first_ic == 0 || l.rank < first_ic))
        first_ic = l.rank;
    std::string gated;
    for (auto& l : fw.levels) {
      if (split == 0 || l.rank < split) continue;  // the trunk
      const bool pm_only = l.tracks == std::vector<std::string>{kManagerTrack};
      const bool ic_above = l.tracks == std::vector<std::string>{"ic"} && l.rank > first_ic;
      if (!pm_only && !ic_above) continue;
      l.gate = "application";
      gated += (gated.empty() ? "" : ", ") + l.id;
    }
    warnings_.push_back(gated.empty() ? std::string("gates: every level open")
                                      : "gates: application for " + gated +
                                            " (the FT interviews for every people-manager role and for the "
                                            "individual-contributor levels above the first of that track); the "
                                            "rest open");
  }

  void expectations(Framework& fw, Ids& ids) {
    std::size_t lists = 0, items = 0;
    for (const auto& [place, statements] : by_place_) {  // levels in order, and themes in order within each
      Level& level = fw.levels[place.first];
      Expectation e;
      e.competency = themes_[place.second].id;
      std::size_t lo = kProficiencies.size(), hi = 0, k = 0;
      for (const auto& st : statements) {
        lo = std::min(lo, st.proficiency);
        hi = std::max(hi, st.proficiency);
        if (st.items.size() > 1) {
          ++lists;
          items += st.items.size();
        }
        for (const auto& text : st.items)
          e.criteria.push_back({ids.unique(level.id + "-" + e.competency + "-" + std::to_string(++k)), text});
      }
      e.level = kProficiencies[hi];
      if (lo != hi)
        warnings_.push_back("level " + level.id + ", theme " + e.competency + ": statements from " +
                            kProficiencies[lo] + " to " + kProficiencies[hi] + "; the expectation asks for " +
                            kProficiencies[hi]);
      level.expectations.push_back(std::move(e));
    }
    for (const auto& level : fw.levels)
      if (level.expectations.empty())
        warnings_.push_back("level " + level.id + ": no statements, so it expects nothing");
    std::string how = "criteria: one a statement, ids LEVEL-THEME-N in the file's order (the statements' UUIDs are "
                      "not kept)";
    if (lists)
      how += "; " + std::to_string(lists) + (lists == 1 ? " statement" : " statements") + " written as a list gave " +
             std::to_string(items) + " criteria, one an item";
    warnings_.push_back(how);
    if (examples_)
      warnings_.push_back("examples: " + std::to_string(examples_) + " dropped (rung has no place for them)");
    if (urls_)
      warnings_.push_back("supportingUrls: " + std::to_string(urls_) + " dropped (rung has no place for them)");
  }

  Yaml& y_;
  std::vector<std::string>& warnings_;
  std::vector<Named> levels_, themes_;
  std::map<std::string, std::size_t> level_index_, theme_index_;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<Statement>> by_place_;  // by (level, theme), in file order
  std::size_t examples_ = 0, urls_ = 0;
};

}  // namespace
}  // namespace detail

Result ft(std::string_view yaml, const Options& options) {
  using namespace detail;
  return import_with(yaml, "ft", options, [&](std::vector<std::string>& warnings) {
    Yaml y("ft", 1);
    const YAML::Node root = y.load(std::string(yaml));
    return FtImporter(y, warnings).run(root, options);
  });
}

}  // namespace rung::import
