// SPDX-License-Identifier: MIT
#include "import/yaml.hpp"

#include <charconv>
#include <optional>
#include <set>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

namespace rung::import::detail {

namespace {

/// A scalar's text, in UTF-8 (mend_utf8).
std::string scalar(const YAML::Node& n) { return mend_utf8(n.Scalar(), Mend::latin1); }

const char* kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Null: return "nothing";
    default: return "a scalar";
  }
}

/// Where a document starts: the mark of its first node, read with
/// yaml-cpp's event parser.
class FirstMark final : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> mark;

  void OnDocumentStart(const YAML::Mark&) override { mark.reset(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { see(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { see(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { see(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    see(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    see(m);
  }
  void OnMapEnd() override {}

 private:
  void see(const YAML::Mark& m) {
    if (!mark) mark = m;
  }
};

}  // namespace

YAML::Node Yaml::load(const std::string& text) const {
  // The documents of the stream are counted first, one by one.
  // YAML::LoadAll is not used: in yaml-cpp 0.7 (Debian bookworm) a token no
  // document may hold (a comma after a scalar at the top, `"a",`) makes it
  // read the same empty document forever, allocating as it goes
  // (jbeder/yaml-cpp#1040; found by fuzz/fuzz_import.cpp). A document that
  // starts no further than the one before it is that token: an error there.
  std::vector<YAML::Mark> starts;
  YAML::Node root;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    FirstMark first;
    while (parser.HandleNextDocument(first)) {
      const YAML::Mark m = first.mark.value_or(YAML::Mark());
      if (!starts.empty() && m.pos <= starts.back().pos) {
        const std::size_t at = static_cast<std::size_t>(m.pos);
        const bool shown = at < text.size() && text[at] > ' ' && text[at] < 0x7f;  // one ASCII character
        fail_at(ErrorCode::parse_error, shown ? "not YAML: unexpected " + quoted(text.substr(at, 1)) : "not YAML", m);
      }
      starts.push_back(m);
    }
    if (starts.size() > 1)
      fail_at(ErrorCode::parse_error, "one YAML document is expected, found " + std::to_string(starts.size()),
              starts[1]);
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    fail_at(ErrorCode::limit_exceeded, "the YAML nests deeper than its reader allows", e.mark);
  } catch (const YAML::Exception& e) {
    fail_at(ErrorCode::parse_error, "not YAML: " + mend_utf8(e.msg, Mend::replace), e.mark);
  }
  if (root.IsNull()) fail_at(ErrorCode::parse_error, "the YAML is empty", YAML::Mark());
  return root;
}

Yaml::Scope Yaml::at(std::string_view key) {
  path_.emplace_back(key);
  return Scope(*this, path_.size() - 1);
}

Yaml::Scope Yaml::at(std::size_t index) {
  path_.push_back(std::to_string(index));
  return Scope(*this, path_.size() - 1);
}

std::string Yaml::path() const {
  std::string s;
  for (const auto& token : path_) {
    s += '/';
    for (char c : token) {
      if (c == '~') s += "~0";
      else if (c == '/') s += "~1";
      else s += c;
    }
  }
  return s;
}

void Yaml::fail(ErrorCode code, std::string message, const YAML::Node& where) const {
  fail_at(code, std::move(message), where.IsDefined() ? where.Mark() : YAML::Mark::null_mark());
}

void Yaml::fail_at(ErrorCode code, std::string message, const YAML::Mark& mark) const {
  Error e{document_, code, path(), std::move(message), 0, 0};
  if (!mark.is_null() && mark.line >= 0) {
    e.line = first_line_ + mark.line;
    e.column = mark.column + 1;
  }
  throw Failure{std::move(e)};
}

void Yaml::mapping(const YAML::Node& node, std::initializer_list<std::string_view> known) {
  if (!node.IsMap()) fail(ErrorCode::type_error, std::string("expected a mapping, found ") + kind(node), node);
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) fail(ErrorCode::type_error, "a key is plain text", kv.first);
    const std::string key = scalar(kv.first);
    auto scope = at(key);
    bool ok = false;
    for (auto k : known) ok = ok || k == key;
    if (!ok) fail(ErrorCode::unknown_field, "unknown member " + quoted(key), kv.first);
    if (!seen.insert(key).second) fail(ErrorCode::duplicate_id, "member " + quoted(key) + " given twice", kv.first);
  }
}

std::size_t Yaml::sequence(const YAML::Node& node) const {
  if (node.IsNull()) return 0;
  if (!node.IsSequence()) fail(ErrorCode::type_error, std::string("expected a sequence, found ") + kind(node), node);
  if (node.size() > kMaxStatements) fail(ErrorCode::limit_exceeded, "a list of more than 100000 items", node);
  return node.size();
}

YAML::Node Yaml::required(const YAML::Node& map, std::string_view key) {
  const YAML::Node v = map[std::string(key)];
  if (!v.IsDefined()) fail(ErrorCode::missing_field, "missing member " + quoted(key), map);
  return v;
}

std::string Yaml::text(const YAML::Node& node) const {
  if (node.IsNull()) return {};
  if (!node.IsScalar()) fail(ErrorCode::type_error, std::string("expected text, found ") + kind(node), node);
  return scalar(node);
}

std::string Yaml::nonblank(const YAML::Node& node) const {
  std::string s = text(node);
  if (fold(s).empty()) fail(ErrorCode::invalid_value, "must not be blank", node);
  return s;
}

std::int64_t Yaml::integer(const YAML::Node& node, std::int64_t lo, std::int64_t hi) const {
  const std::string s = node.IsScalar() ? scalar(node) : std::string();
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (!node.IsScalar() || s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
    fail(ErrorCode::type_error, "expected an integer, found " + (node.IsScalar() ? quoted(s) : kind(node)), node);
  if (v < lo || v > hi)
    fail(ErrorCode::invalid_value, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
         node);
  return v;
}

bool Yaml::boolean(const YAML::Node& node) const {
  const std::string s = node.IsScalar() ? scalar(node) : std::string();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  fail(ErrorCode::type_error, "expected true or false, found " + (node.IsScalar() ? quoted(s) : kind(node)), node);
}

}  // namespace rung::import::detail
