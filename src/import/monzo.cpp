// SPDX-License-Identifier: MIT
// `rung import monzo`: a framework page of monzo/progression-framework as a
// rung.framework/2 document. The page is YAML front matter between "---"
// lines; with `yaml: true` its `topics` hold the statements (each topic's
// criteria by level), otherwise its Markdown body does ("## Level N"
// headings, "### Topic" headings under them, paragraphs and list items).
// The Markdown reader is purpose-built for that subset (docs/import.md).
#include <algorithm>
#include <deque>
#include <map>

#include "import/model.hpp"
#include "import/yaml.hpp"

namespace rung::import {

namespace detail {
namespace {

constexpr std::int64_t kMaxLevel = 1000;

/// Monzo's site titles a topic without a title from its name, each word
/// capitalised (the rest lowercased).
std::string title_case(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    else if (!space && !start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
    start = space;
  }
  return fold(out);
}

/// "---", "***" or "___" (three or more, spaces between allowed).
bool thematic_break(std::string_view t) {
  if (t.empty() || (t[0] != '-' && t[0] != '*' && t[0] != '_')) return false;
  std::size_t marks = 0;
  for (char c : t) {
    if (c == t[0]) ++marks;
    else if (c != ' ') return false;
  }
  return marks >= 3;
}

/// The line without a final "\r".
std::string_view chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

struct Topic {
  std::string id, name;
  std::map<std::int64_t, std::vector<std::string>> statements;  // by level
};

class MonzoImporter {
 public:
  explicit MonzoImporter(std::vector<std::string>& warnings) : warnings_(warnings) {}

  Framework run(std::string_view text, const Options& options) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at <= text.size();) {
      const auto end = std::min(text.find('\n', at), text.size());
      lines.push_back(chomp(text.substr(at, end - at)));
      at = end + 1;
    }
    auto rule = [](std::string_view l) {
      return l.substr(0, 3) == "---" && l.find_first_not_of(' ', 3) == std::string_view::npos;
    };
    if (lines.empty() || !rule(lines[0]))
      throw Failure{{"monzo", ErrorCode::parse_error, "",
                     "a Monzo framework page starts with YAML front matter between \"---\" lines", 1, 1}};
    std::size_t close = 1;
    while (close < lines.size() && !rule(lines[close])) ++close;
    if (close == lines.size())
      throw Failure{{"monzo", ErrorCode::parse_error, "", "the front matter opened here has no closing \"---\" line",
                     1, 1}};
    std::string front;
    for (std::size_t i = 1; i < close; ++i) (front += lines[i]) += '\n';

    Yaml y("monzo", 2);
    const YAML::Node root = y.load(front);
    y.mapping(root, {"path", "title", "sidebarTitle", "sidebarGroup", "yaml", "levels", "homepage", "topics"});
    std::string path, title;
    for (const char* key : {"path", "title", "sidebarTitle", "sidebarGroup"})
      if (const YAML::Node v = root[key]) {
        auto s = y.at(key);
        const std::string t = fold(y.text(v));
        if (std::string_view(key) == "path") path = t;
        if (std::string_view(key) == "title") title = t;
      }
    if (const YAML::Node v = root["homepage"]; v && !v.IsNull()) {
      auto s = y.at("homepage");
      y.boolean(v);
    }
    bool yaml = false;
    if (const YAML::Node v = root["yaml"]; v && !v.IsNull()) {
      auto s = y.at("yaml");
      yaml = y.boolean(v);
    }
    std::int64_t shown = 0;
    if (const YAML::Node v = root["levels"]; v && !v.IsNull()) {
      auto s = y.at("levels");
      shown = y.integer(v, 1, kMaxLevel);
    }

    Framework fw;
    fw.name = title;
    const std::string last = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    fw.id = !options.id.empty()      ? options.id
            : !slug(path).empty()  ? slug(path)
            : !slug(title).empty() ? slug(title)
                                   : "monzo";
    const std::string track = slug(last).empty() ? "main" : slug(last);

    if (yaml) {
      from_topics(y, root);
      bool body = false;
      for (std::size_t i = close + 1; i < lines.size(); ++i) body = body || !fold(lines[i]).empty();
      if (body) warnings_.push_back("the page's Markdown text (its introduction) is not imported: yaml is true");
    } else {
      if (root["topics"]) warnings_.push_back("topics: ignored, as yaml is not true: the page is its Markdown text");
      from_markdown(lines, close + 1);
    }

    std::int64_t top = 0;
    for (const auto& t : topics_)
      if (!t.statements.empty()) top = std::max(top, t.statements.rbegin()->first);
    if (top > shown && shown > 0)
      warnings_.push_back("levels: the page shows " + std::to_string(shown) + " but has statements up to level " +
                          std::to_string(top) + "; all are imported");
    std::vector<std::int64_t> numbers;
    if (yaml) {
      for (std::int64_t n = 1; n <= std::max(shown, top); ++n) numbers.push_back(n);
    } else {
      numbers = headed_;
      std::sort(numbers.begin(), numbers.end());
    }
    if (numbers.empty())
      throw Failure{{"monzo", ErrorCode::invalid_value, "", "the page has no levels", 0, 0}};
    const std::int64_t max_level = *std::max_element(numbers.begin(), numbers.end());

    fw.scale.push_back("none");
    for (std::int64_t n = 1; n <= max_level; ++n) fw.scale.push_back("level " + std::to_string(n));
    for (const auto& t : topics_) fw.competencies.push_back({t.id, t.name});
    std::map<std::int64_t, std::vector<const Topic*>> at_level;  // the topics with statements there, in order
    for (const auto& t : topics_)
      for (const auto& [n, statements] : t.statements)
        if (!statements.empty()) at_level[n].push_back(&t);
    for (const std::int64_t n : numbers) {
      Level l;
      l.id = "L" + std::to_string(n);
      l.name = "Level " + std::to_string(n);
      l.tracks = {track};
      l.rank = n;
      for (const Topic* t : at_level[n]) {
        Expectation e{t->id, "level " + std::to_string(n), {}};
        std::size_t k = 0;
        for (const auto& text : t->statements.at(n))
          e.criteria.push_back({ids_.unique(l.id + "-" + t->id + "-" + std::to_string(++k)), text});
        l.expectations.push_back(std::move(e));
      }
      if (l.expectations.empty()) warnings_.push_back("level " + l.id + ": no statements, so it expects nothing");
      fw.levels.push_back(std::move(l));
    }

    warnings_.push_back("levels: L1, L2, ... from the page's level numbers, which are their ranks, on one track \"" +
                        track + "\" (from the page's path); every level open: the page names no other track and no "
                        "interviewed role (--gate LEVEL=application gates one)");
    warnings_.push_back("scale: \"none\" (rated 0), then \"level 1\" to \"level " + std::to_string(max_level) +
                        "\"; a topic's statements at level N ask for that topic at \"level N\"");
    warnings_.push_back(
        "competencies: the topics, ids made from their names (lowercase letters and digits joined by \"-\"; a "
        "repeat gets -2, -3, ...)");
    warnings_.push_back("criteria: one a statement, ids LEVEL-TOPIC-N in the page's order");
    if (examples_) warnings_.push_back("examples: " + std::to_string(examples_) +
                                       " dropped (the statements they illustrate are kept as criteria)");
    fw.policy = {{"credit", "partial"}};
    warnings_.push_back(
        "policy: credit partial (the page's statements are not a checklist: a share of them counts in proportion); "
        "weights 1, nothing critical, the rest of rung's defaults (docs/rules.md)");
    return fw;
  }

 private:
  /// The topic titled `title`, new (its id made from `name`) the first time.
  Topic& topic(const std::string& name, const std::string& title) {
    const auto [it, fresh] = by_title_.emplace(title, topics_.size());
    if (!fresh) return topics_[it->second];
    Topic& t = topics_.emplace_back();
    const std::string base = slug(name).empty() ? "topic-" + std::to_string(topics_.size()) : slug(name);
    t.id = ids_.unique(base);
    t.name = title;
    return t;
  }

  void from_topics(Yaml& y, const YAML::Node& root) {
    auto scope = y.at("topics");
    const YAML::Node list = y.required(root, "topics");
    const std::size_t n = y.sequence(list);
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      auto item = y.at(i);
      const YAML::Node o = list[i];
      y.mapping(o, {"name", "title", "content"});
      std::string name, title;
      {
        auto s = y.at("name");
        name = fold(y.nonblank(y.required(o, "name")));
      }
      if (const YAML::Node v = o["title"]) {
        auto s = y.at("title");
        title = fold(y.text(v));
      }
      if (title.empty()) {
        title = title_case(name);
        warnings_.push_back("topic " + quoted(name) + ": no title, so named " + quoted(title) +
                            " from its name (the site would take a title from generic.md)");
      }
      if (by_title_.count(title)) {
        auto s = y.at("title");
        y.fail(ErrorCode::duplicate_id, "two topics are titled " + quoted(title), o);
      }
      Topic& t = topic(name, title);
      auto content_scope = y.at("content");
      const YAML::Node content = y.required(o, "content");
      const std::size_t m = y.sequence(content);
      for (std::size_t j = 0; j < m; ++j) {
        auto cs = y.at(j);
        const YAML::Node c = content[j];
        y.mapping(c, {"level", "criteria", "exampleCriteria"});
        std::int64_t level = 0;
        {
          auto s = y.at("level");
          const YAML::Node v = y.required(c, "level");
          level = y.integer(v, 1, kMaxLevel);
          if (t.statements.count(level))
            y.fail(ErrorCode::duplicate_id, "level " + std::to_string(level) + " is given twice in this topic", v);
        }
        auto& out = t.statements[level];
        if (const YAML::Node v = c["criteria"]) {
          auto s = y.at("criteria");
          for (std::size_t k = 0; k < y.sequence(v); ++k) {
            auto is = y.at(k);
            out.push_back(fold(y.nonblank(v[k])));
          }
        }
        if (const YAML::Node v = c["exampleCriteria"]) {
          auto s = y.at("exampleCriteria");
          for (std::size_t k = 0; k < y.sequence(v); ++k) {
            auto is = y.at(k);
            y.mapping(v[k], {"criteria", "examples"});
            {
              auto cr = y.at("criteria");
              out.push_back(fold(y.nonblank(y.required(v[k], "criteria"))));
            }
            if (const YAML::Node ex = v[k]["examples"]) {
              auto es = y.at("examples");
              const std::size_t count = y.sequence(ex);
              for (std::size_t e = 0; e < count; ++e) {
                auto xs = y.at(e);
                y.text(ex[e]);
              }
              examples_ += count;
            }
          }
        }
        total += out.size();
        if (total > kMaxStatements) y.fail(ErrorCode::limit_exceeded, "more than 100000 statements", c);
      }
    }
  }

  /// The body from line index `from` (0-based; the file's line from + 1).
  void from_markdown(const std::vector<std::string_view>& lines, std::size_t from) {
    std::int64_t level = 0;
    std::vector<std::string>* out = nullptr;  // the current level's statements of the current topic
    std::string item;
    bool open = false;  // an item (paragraph or list item) is being read
    std::size_t total = 0;
    auto fail = [&](ErrorCode code, std::string message, std::size_t i) {
      throw Failure{{"monzo", code, "", std::move(message), static_cast<int>(i + 1), 1}};
    };
    auto flush = [&](std::size_t i) {
      if (open && out && !fold(item).empty()) {
        out->push_back(fold(item));
        if (++total > kMaxStatements) fail(ErrorCode::limit_exceeded, "more than 100000 statements", i);
      }
      item.clear();
      open = false;
    };
    std::size_t outside = 0;  // the first line of text outside a topic, 1-based
    for (std::size_t i = from; i < lines.size(); ++i) {
      const std::string_view l = lines[i];
      const auto indent = l.find_first_not_of(' ');
      const std::string_view t = indent == std::string_view::npos || indent > 3 ? l : l.substr(indent);
      std::size_t hashes = 0;
      while (hashes < t.size() && t[hashes] == '#') ++hashes;
      const bool heading = hashes > 0 && hashes <= 6 && (hashes == t.size() || t[hashes] == ' ');
      if (heading) {
        flush(i);
        const std::string text = fold(t.substr(hashes));
        if (hashes == 2) {
          std::int64_t n = -1;
          if (text.size() > 6 && slug(text.substr(0, 5)) == "level" && text[5] == ' ') {
            const std::string digits = text.substr(6);
            if (!digits.empty() && digits.size() <= 4 && digits.find_first_not_of("0123456789") == std::string::npos)
              n = std::stoll(digits);
          }
          if (n < 1 || n > kMaxLevel)
            fail(ErrorCode::invalid_value, "a level heading is \"## Level N\", N from 1 to 1000", i);
          if (std::find(headed_.begin(), headed_.end(), n) != headed_.end())
            fail(ErrorCode::duplicate_id, "level " + std::to_string(n) + " is headed twice", i);
          headed_.push_back(n);
          level = n;
          out = nullptr;
        } else if (hashes == 3) {
          if (level == 0) fail(ErrorCode::invalid_value, "a \"### Topic\" heading comes under a \"## Level N\" one", i);
          if (text.empty()) fail(ErrorCode::invalid_value, "a topic heading names its topic", i);
          Topic& t = topic(text, text);
          if (t.statements.count(level))
            fail(ErrorCode::duplicate_id, "topic " + quoted(text) + " twice in level " + std::to_string(level), i);
          out = &t.statements[level];
        } else if (level != 0) {
          fail(ErrorCode::invalid_value, "after the first level, only \"## Level N\" and \"### Topic\" headings", i);
        }
        continue;
      }
      if (fold(t).empty()) {
        flush(i);
        continue;
      }
      if (thematic_break(t)) {
        flush(i);
        continue;
      }
      std::size_t marker = 0;
      while (marker < t.size() && t[marker] >= '0' && t[marker] <= '9') ++marker;
      if (marker > 0 && marker < t.size() && (t[marker] == '.' || t[marker] == ')')) ++marker;
      else if (marker == 0 && (t[0] == '-' || t[0] == '*' || t[0] == '+')) marker = 1;
      else marker = 0;
      if (marker && marker < t.size() && t[marker] != ' ') marker = 0;
      if (marker) flush(i);
      if (!out && outside == 0) outside = i + 1;
      item += ' ';
      item += t.substr(marker);
      open = true;
    }
    flush(lines.size());
    if (outside)
      warnings_.push_back("line " + std::to_string(outside) +
                          ": text outside any \"### Topic\" section (an introduction, say) is not imported; this is "
                          "the first such line");
  }

  std::vector<std::string>& warnings_;
  std::deque<Topic> topics_;  // a deque: a statement list stays where it is while topics are added
  std::map<std::string, std::size_t> by_title_;  // topic title -> index in topics_
  Ids ids_;                                      // competency and criterion ids
  std::vector<std::int64_t> headed_;  // level numbers of the Markdown headings, in order
  std::size_t examples_ = 0;
};

}  // namespace
}  // namespace detail

Result monzo(std::string_view markdown, const Options& options) {
  using namespace detail;
  return import_with(markdown, "monzo", options,
                     [&](std::vector<std::string>& warnings) { return MonzoImporter(warnings).run(markdown, options); });
}

}  // namespace rung::import
