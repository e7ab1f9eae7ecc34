// SPDX-License-Identifier: MIT
// Checks one hand-worked fixture (tests/cases/*.json) or conformance case
// (tests/conformance/<name>/) against the engine; see tests/cases/README.md.
// Usage: rung_fixture_runner PATH... ; exit 0 when every one passes.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "rung/audience.hpp"
#include "rung/engine.hpp"

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool is_number(const bj::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

/// Conformance matching: objects by the members given, lists item by item
/// (same length), numbers within 1e-9.
void match(const bj::value& want, const bj::value& got, const std::string& where, std::vector<std::string>& bad) {
  if (want.is_object()) {
    if (!got.is_object()) {
      bad.push_back(where + ": expected an object, got " + bj::serialize(got));
      return;
    }
    for (const auto& m : want.get_object()) {
      const std::string k(m.key());
      const bj::value* g = got.get_object().if_contains(m.key());
      if (!g) bad.push_back(where + "." + k + ": missing");
      else match(m.value(), *g, where + "." + k, bad);
    }
  } else if (want.is_array()) {
    if (!got.is_array() || got.get_array().size() != want.get_array().size()) {
      bad.push_back(where + ": expected " + bj::serialize(want) + ", got " + bj::serialize(got));
      return;
    }
    for (std::size_t i = 0; i < want.get_array().size(); ++i)
      match(want.get_array()[i], got.get_array()[i], where + "[" + std::to_string(i) + "]", bad);
  } else if (is_number(want)) {
    if (!is_number(got) || std::fabs(bj::value_to<double>(want) - bj::value_to<double>(got)) > 1e-9)
      bad.push_back(where + ": expected " + bj::serialize(want) + ", got " + bj::serialize(got));
  } else if (want != got) {
    bad.push_back(where + ": expected " + bj::serialize(want) + ", got " + bj::serialize(got));
  }
}

/// A dotted path into the report ("followup.next_due"); `signals` is the
/// list of signal ids.
bj::value lookup(const bj::value& report, const std::string& key) {
  if (key == "signals") {
    bj::array ids;
    for (const auto& s : report.at("signals").as_array()) ids.push_back(s.at("id"));
    return ids;
  }
  const bj::value* v = &report;
  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!v->is_object() || !v->get_object().if_contains(part)) return bj::value("<missing " + key + ">");
    v = &v->get_object().at(part);
    if (dot == std::string::npos) return *v;
    start = dot + 1;
  }
}

/// RFC 7386 JSON merge patch: objects merge member by member (recursively),
/// a null member deletes, any other value (arrays included) replaces. Kept
/// members keep their place and new ones go last, as in tests/cases/rebase.py.
bj::value merge_patch(bj::value target, const bj::value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = bj::object();
  bj::object& t = target.get_object();
  for (const auto& m : patch.get_object()) {
    if (m.value().is_null()) {
      t.stable_erase(m.key());  // erase() would move the last member into the gap
    } else {
      bj::value* old = t.if_contains(m.key());
      bj::value merged = merge_patch(old ? std::move(*old) : bj::value(), m.value());
      t[m.key()] = std::move(merged);
    }
  }
  return target;
}

/// A fixture's `framework`: a file name in tests/frameworks/, a base and a
/// merge patch ({"base": NAME, "patch": {...}}), or an inline framework
/// (an object with a "schema" member is always inline).
std::string framework_text(const bj::value& fw, const fs::path& frameworks) {
  const auto file = [&](const bj::value& name) { return read(frameworks / (std::string(name.as_string()) + ".json")); };
  if (fw.is_string()) return file(fw);
  const bj::object* o = fw.if_object();
  if (!o || o->contains("schema") || !o->contains("base")) return bj::serialize(fw);
  if (o->size() != 2 || !o->contains("patch"))
    throw std::runtime_error("framework: a base framework takes exactly the members \"base\" and \"patch\"");
  return bj::serialize(merge_patch(bj::parse(file(o->at("base"))), o->at("patch")));
}

struct Fixture {
  std::string framework, case_text;
  rung::Audience audience = rung::Audience::full;
  bool strict = false;
  bj::value expect, error;
};

Fixture load(const fs::path& path) {
  Fixture f;
  if (fs::is_directory(path)) {  // a conformance case
    f.framework = read(path / "framework.json");
    f.case_text = read(path / "case.json");
    f.expect = bj::parse(read(path / "expected.json")).at("expect");
    return f;
  }
  const bj::object doc = bj::parse(read(path)).as_object();
  const fs::path frameworks = path.parent_path().parent_path() / "frameworks";
  if (const auto* t = doc.if_contains("framework_text")) f.framework = std::string(t->as_string());
  else f.framework = framework_text(doc.at("framework"), frameworks);
  if (const auto* t = doc.if_contains("case_text")) f.case_text = std::string(t->as_string());
  else f.case_text = bj::serialize(doc.at("case"));
  if (const auto* e = doc.if_contains("expect")) f.expect = *e;
  if (const auto* e = doc.if_contains("error")) f.error = *e;
  if (const auto* a = doc.if_contains("audience")) f.audience = *rung::audience_from(std::string(a->as_string()));
  if (const auto* s = doc.if_contains("strict")) f.strict = s->as_bool();
  return f;
}

std::vector<std::string> check(const fs::path& path) {
  const Fixture f = load(path);
  std::vector<std::string> bad;
  auto engine = rung::Engine::load(f.framework, f.strict);
  std::string out;
  if (!engine) {
    out = rung::to_json(engine.error());
  } else {
    engine->evaluate_for(f.case_text, {rung::Format::json, f.audience, false, f.strict}, out);
  }
  const bj::value got = bj::parse(out);
  if (!f.error.is_null()) {
    if (got.at("schema") != "rung.error/1") {
      bad.push_back("expected error " + bj::serialize(f.error) + ", got a report");
      return bad;
    }
    match(f.error, got, "error", bad);
    return bad;
  }
  if (got.at("schema") != "rung.report/1" && got.at("schema") != "rung.report/2") {
    bad.push_back("expected a report, got " + out);
    return bad;
  }
  for (const auto& m : f.expect.as_object()) {
    const std::string key(m.key());
    match(m.value(), lookup(got, key), key, bad);
  }
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      const auto bad = check(argv[i]);
      for (const auto& b : bad) std::cerr << argv[i] << ": " << b << "\n";
      if (!bad.empty()) ++failed;
    } catch (const std::exception& e) {
      std::cerr << argv[i] << ": " << e.what() << "\n";
      ++failed;
    }
  }
  std::cout << (argc - 1 - failed) << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
