// SPDX-License-Identifier: MIT
// Errors and limits (docs/documents.md, docs/robustness.md) at the level of whole documents: parse errors and limits
// that a JSON fixture cannot hold (sizes, invalid UTF-8), JSON Pointer
// escaping, and byte-identical output.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "json/parse.hpp"
#include "json/pointer.hpp"
#include "json/writer.hpp"
#include "rung/engine.hpp"

using namespace rung;

namespace {

const char* kFramework = R"({"schema":"rung.framework/1","id":"f","scale":["no","yes"],
  "competencies":[{"id":"p"}],
  "levels":[{"id":"A","track":"ic","rank":1,"expectations":[]},
            {"id":"B","track":"ic","rank":2,"expectations":[{"competency":"p","level":1}]}]})";

const char* kCase = R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":"e","level":"A"}})";

InputError case_error(const std::string& text) {
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  auto r = engine->evaluate(text);
  REQUIRE_FALSE(r);
  return r.error();
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string with_extra(const std::string& extra) {
  std::string c = kCase;
  c.insert(c.size() - 1, std::string(",\"extra\":") + extra);
  return c;
}

}  // namespace

TEST_CASE("writer: numbers in their shortest round-trip form, as std::to_chars writes them" * doctest::test_suite("json")) {
  auto shortest = [](double d) {
    char buf[32];
    return std::string(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, d).ptr - buf));
  };
  auto written = [](double d) {
    rung::json::Writer w{std::string()};
    w.number(d);
    return std::move(w).take();
  };
  // Whole numbers take a shortcut: it must agree with to_chars on both sides of its edges.
  for (double d = -20000; d <= 20000; d += 0.5) REQUIRE(written(d) == shortest(d));
  for (double d : {-0.0, 0.0, 1e4, -1e4, 9999.0, 1e5, 1e6, 123456789.0, 1e15, 1e16, 0.1, 1.0 / 3, 2.5e-8, 1e300}) {
    CAPTURE(d);
    CHECK(written(d) == shortest(d));
  }
  // Short decimals take another: every one to three-decimal value on both
  // sides of its edges (0.01 and 10^4), and values just off them.
  for (std::int64_t m = -10001000; m <= 10001000; m += m > -2000 && m < 2000 ? 1 : 997) {
    for (double scale : {10.0, 100.0, 1000.0}) {
      const double d = static_cast<double>(m) / scale;
      CAPTURE(d);
      REQUIRE(written(d) == shortest(d));
      REQUIRE(written(std::nextafter(d, 1e9)) == shortest(std::nextafter(d, 1e9)));
    }
  }
  for (double d : {0.01, 0.009, 0.0099, 0.015, 0.001, 9999.999, 9999.9995, 1e4 - 1e-9, 0.1 + 0.2, 2.0 / 3})
    CHECK(written(d) == shortest(d));
  CHECK(written(-0.0) == "-0");
  CHECK(written(1e6) == "1e+06");
  CHECK(written(std::nan("")) == "null");
}

TEST_CASE("writer: every byte that needs an escape gets one, wherever it falls in a word" * doctest::test_suite("json")) {
  // The writer tests eight bytes at a time: the reference escapes byte by byte.
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') out += std::string("\\") + ch;
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c == '\b') out += "\\b";
      else if (c == '\f') out += "\\f";
      else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else out += ch;
    }
    return out + "\"";
  };
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string s(19, 'a');
      s[at] = static_cast<char>(c);
      if (at + 9 < s.size()) s[at + 9] = '\x7f';  // and bytes that need none around it
      rung::json::Writer w{std::string()};
      w.string(s);
      CAPTURE(c);
      CAPTURE(at);
      REQUIRE(std::move(w).take() == reference(s));
    }
  }
}

TEST_CASE("writer: escapes, nesting, indentation" * doctest::test_suite("json")) {
  rung::json::Writer w(std::string("x"), 2);
  w.begin_object();
  w.key("a").string(std::string("q\"\\\n\x01\x7f\xc3\xa9", 8));
  w.key(std::string_view("ids")).begin_array(true);
  w.string("e-1").string("e-2");
  w.end_array();
  w.key("o").begin_object();
  w.key("n").null();
  w.key("b").boolean(false);
  w.end_object();
  w.key("empty").begin_array();
  w.end_array();
  w.end_object();
  CHECK(std::move(w).take() ==
        "x{\n  \"a\": \"q\\\"\\\\\\n\\u0001\x7f\xc3\xa9\",\n  \"ids\": [\"e-1\", \"e-2\"],\n"
        "  \"o\": {\n    \"n\": null,\n    \"b\": false\n  },\n  \"empty\": []\n}");
}

TEST_CASE("E pointer escapes ~ and / (RFC 6901)" * doctest::test_suite("json")) {
  json::Pointer p;
  const std::string key = "a/b~c";
  p.push("policy");
  p.push(key);
  p.push(std::size_t{3});
  CHECK(p.str() == "/policy/a~1b~0c/3");
}

TEST_CASE("E limit_exceeded: 16 MiB and one byte over" * doctest::test_suite("json")) {
  const std::size_t limit = 16u * 1024u * 1024u;
  std::string exact = kCase;
  exact.insert(exact.size() - 1, std::string(limit - exact.size(), ' '));
  REQUIRE(exact.size() == limit);
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  CHECK(engine->evaluate(exact).has_value());
  const auto e = case_error(exact + " ");
  CHECK(e.code == ErrorCode::limit_exceeded);
  CHECK(e.path == "");
}

TEST_CASE("E limit_exceeded: depth 64 passes, 65 fails" * doctest::test_suite("json")) {
  // The root object is depth 1; "extra" holds 63 more levels.
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  CHECK(engine->evaluate(with_extra(nested(63))).has_value());
  const auto e = case_error(with_extra(nested(64)));
  CHECK(e.code == ErrorCode::limit_exceeded);
  CHECK(e.path == "");
  CHECK(case_error(nested(65)).code == ErrorCode::limit_exceeded);
  CHECK(case_error(nested(64)).code == ErrorCode::type_error);  // a valid array, not an object
}

TEST_CASE("E limit_exceeded: 100,000 items pass, 100,001 fail at the array" * doctest::test_suite("json")) {
  auto items = [](std::size_t n) {
    std::string s = "[";
    for (std::size_t i = 0; i < n; ++i) s += i ? ",0" : "0";
    return s + "]";
  };
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  CHECK(engine->evaluate(with_extra("{\"a/b\":" + items(100000) + "}")).has_value());
  const auto e = case_error(with_extra("{\"a/b\":" + items(100001) + "}"));
  CHECK(e.code == ErrorCode::limit_exceeded);
  CHECK(e.path == "/extra/a~1b");
  const auto nested_in_array = case_error(with_extra("[1,[2," + items(100001) + "]]"));
  CHECK(nested_in_array.path == "/extra/1/1");
  // A key with an escape is unescaped by the parser outside the text: the
  // path still names it, after later keys have come and gone.
  const auto escaped = case_error(with_extra("{\"x\":{\"y\":1},\"c\\u002fd\":{\"z\":0,\"e\":" + items(100001) + "}}"));
  CHECK(escaped.path == "/extra/c~1d/e");
  const auto escaped_outer = case_error(with_extra("{\"c\\nd\":[{\"k\":1}," + items(100001) + "]}"));
  CHECK(escaped_outer.path == "/extra/c\nd/1");
}

TEST_CASE("E parse_error: invalid UTF-8, BOM, NaN, trailing data, with line and column" * doctest::test_suite("json")) {
  for (const std::string& bad : {std::string("{\"schema\":\"rung.case/1\xff\"}"), std::string("\xEF\xBB\xBF") + kCase,
                                std::string("{\"a\":NaN}"), std::string("{\"a\":Infinity}"), std::string(kCase) + "x",
                                std::string("{\"a\":1e400}"), std::string(""), std::string("{\"a\":1,}")}) {
    CAPTURE(bad);
    const auto e = case_error(bad);
    CHECK(e.code == ErrorCode::parse_error);
    CHECK(e.path == "");
  }
  const auto e = case_error("{\n  \"schema\": x}");
  CHECK(e.message.find("line 2") != std::string::npos);
}

TEST_CASE("E \\u0000 in a string is data, not an error" * doctest::test_suite("json")) {
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  const std::string c = R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":"e\u0000x","level":"A"}})";
  auto r = engine->evaluate(c);
  REQUIRE(r);
  CHECK(r->employee == std::string("e\0x", 3));
  CHECK(to_json(*r).find(R"("employee":"e\u0000x")") != std::string::npos);
}

TEST_CASE("E numbers where integers belong" * doctest::test_suite("json")) {
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  auto assessment = [](const char* level) {
    return std::string(R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":"e","level":"A"},
      "assessments":[{"competency":"p","rater":"manager","date":"2026-11-01","level":)") + level + "}]}";
  };
  CHECK(case_error(assessment("2.5")).code == ErrorCode::type_error);
  CHECK(case_error(assessment("1.0")).code == ErrorCode::type_error);
  CHECK(case_error(assessment("true")).code == ErrorCode::type_error);
  // -0 is the integer zero: a valid proficiency.
  auto zero = engine->evaluate(assessment("-0"));
  REQUIRE(zero);
  REQUIRE(zero->expectations.size() == 1);  // B's, the default target
  CHECK(zero->expectations[0].ratings.manager == 0);
  CHECK(case_error(assessment("2")).path == "/assessments/0/level");
  CHECK(engine->evaluate(assessment("1")).has_value());
  CHECK(engine->evaluate(assessment("0")).has_value());
}

TEST_CASE("determinism: the same input gives byte-identical output" * doctest::test_suite("json")) {
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  std::string a, b;
  engine->evaluate_json(kCase, a);
  engine->evaluate_json(kCase, b);
  CHECK(a == b);
  auto again = Engine::load(kFramework);
  std::string c;
  again->evaluate_json(kCase, c);
  CHECK(a == c);
}

TEST_CASE("E strings of megabytes are data, dates at the edges are checked" * doctest::test_suite("json")) {
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  const std::string id(3 * 1024 * 1024, 'x');
  auto r = engine->evaluate(R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":")" + id +
                            R"(","level":"A"}})");
  REQUIRE(r);
  CHECK(r->employee == id);
  auto as_of = [](const char* date) {
    return std::string(R"({"schema":"rung.case/1","as_of":")") + date + R"(","employee":{"id":"e","level":"A"}})";
  };
  for (const char* bad : {"0000-01-01", "9999-12-31", "2027-02-29", "2027-13-01", "2027-1-5", "2027-01-05 "}) {
    CAPTURE(bad);
    const auto e = case_error(as_of(bad));
    CHECK(e.code == ErrorCode::invalid_date);
    CHECK(e.path == "/as_of");
  }
  CHECK(engine->evaluate(as_of("9000-12-31")).has_value());
  CHECK(engine->evaluate(as_of("1900-01-01")).has_value());
  CHECK(engine->evaluate(as_of("2028-02-29")).has_value());
}

TEST_CASE("E one parser reads large documents one after the other without growing" * doctest::test_suite("json")) {
  // Regression: a parser reused across documents whose values spill out of
  // its 64 KiB arena doubled its next heap block every time and failed with
  // bad_alloc after about twenty 22 KB documents.
  json::DocumentParser parser;
  std::string big = "[";
  for (int i = 0; i < 20000; ++i) big += (i ? ",{\"id\":\"x-" : "{\"id\":\"x-") + std::to_string(i) + "\"}";
  big += "]";  // about 300 KB of text, megabytes of values
  for (int round = 0; round < 200; ++round) {
    auto doc = parser.parse(round % 3 ? big : std::string("{\"a\":1}"), Document::case_);
    REQUIRE(doc);
    CHECK((*doc)->is_array() == (round % 3 != 0));
    CHECK((*doc)->size() == (round % 3 ? 20000u : 1u));
  }
}

TEST_CASE("E messages quote a document's value short and printable" * doctest::test_suite("json")) {
  CHECK(quoted("E3") == "\"E3\"");
  CHECK(quoted("a\x1b[31m\x07\x7f") == "\"a\\u001b[31m\\u0007\\u007f\"");
  CHECK(quoted("\xc2\x85x") == "\"\\u0085x\"");  // C1 NEL
  CHECK(quoted(std::string(64, 'x')) == "\"" + std::string(64, 'x') + "\"");
  CHECK(quoted(std::string(65, 'x')) == "\"" + std::string(64, 'x') + "...\"");
  // 64 characters of two bytes each: cut between characters, never inside one.
  std::string e_acute;
  for (int i = 0; i < 70; ++i) e_acute += "\xc3\xa9";
  CHECK(quoted(e_acute) == "\"" + e_acute.substr(0, 128) + "...\"");

  // A level id of 15 MB: the message stays short, the path exact.
  std::string c = kCase;
  c.replace(c.find("\"level\":\"A\""), 11, "\"level\":\"" + std::string(15'000'000, 'Q') + "\"");
  const auto e = case_error(c);
  CHECK(e.code == ErrorCode::unknown_reference);
  CHECK(e.path == "/employee/level");
  CHECK(e.message == "unknown level \"" + std::string(64, 'Q') + "...\"");
}

TEST_CASE("E the first error in document order wins, whether the reader or the compile step finds it" *
          doctest::test_suite("json")) {
  // A duplicate competency (found by compile) before a type error in a level
  // (found by the reader), and the other way round.
  const std::string dup_first = R"({"schema":"rung.framework/1","id":"f","scale":["no","yes"],
    "competencies":[{"id":"p"},{"id":"p"}],
    "levels":[{"id":"A","track":"ic","rank":"1","expectations":[]}]})";
  auto e = Engine::load(dup_first);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::duplicate_id);
  CHECK(e.error().path == "/competencies/1/id");
  const std::string type_first = R"({"schema":"rung.framework/1","id":"f","scale":["no","yes"],
    "competencies":[{"id":"p","name":5}],
    "levels":[{"id":"A","track":"ic","rank":1,"expectations":[{"competency":"zz","level":1}]}]})";
  e = Engine::load(type_first);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::type_error);
  CHECK(e.error().path == "/competencies/0/name");
  // Within one level: an unknown competency (compile) in the first
  // expectation comes before a bad weight (reader) in the second.
  const std::string in_level = R"({"schema":"rung.framework/1","id":"f","scale":["no","yes"],
    "competencies":[{"id":"p"}],
    "levels":[{"id":"A","track":"ic","rank":1,"expectations":[{"competency":"zz","level":1},
                                                            {"competency":"p","level":1,"weight":0}]}]})";
  e = Engine::load(in_level);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::unknown_reference);
  CHECK(e.error().path == "/levels/0/expectations/0/competency");
  // A case: a duplicate evidence id (compile) after a bad date (reader) in an
  // assessment: the date comes first in the document.
  auto engine = Engine::load(kFramework);
  REQUIRE(engine);
  auto r = engine->evaluate(R"({"schema":"rung.case/1","as_of":"2026-11-23","employee":{"id":"e","level":"A"},
    "assessments":[{"competency":"p","rater":"self","level":1,"date":"2026-02-30"}],
    "evidence":[{"id":"x","date":"2026-01-01","competencies":["p"],"visibility":"manager"},
                {"id":"x","date":"2026-01-01","competencies":["p"],"visibility":"manager"}]})");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::invalid_date);
  CHECK(r.error().path == "/assessments/0/date");
}

TEST_CASE("M1 tracks are entities that list their levels, lowest rank first, shared levels on each" *
          doctest::test_suite("json")) {
  auto e = Engine::load(R"({"schema":"rung.framework/2","id":"f","scale":["no","yes"],"competencies":[{"id":"p"}],
    "levels":[{"id":"S3","track":"ic","rank":3,"expectations":[]},
              {"id":"T1","tracks":["ic","mgmt"],"rank":1,"expectations":[]},
              {"id":"M2","track":"mgmt","rank":2,"expectations":[]},
              {"id":"T0","tracks":["mgmt","ic"],"rank":0,"expectations":[]}]})");
  REQUIRE(e);
  const Framework& fw = e->framework();
  REQUIRE(fw.tracks.size() == 2);
  CHECK(fw.tracks[0].id == "ic");
  CHECK(fw.tracks[0].levels == std::vector<std::size_t>{3, 1, 0});  // T0, T1, S3
  CHECK(fw.tracks[1].id == "mgmt");
  CHECK(fw.tracks[1].levels == std::vector<std::size_t>{3, 1, 2});  // T0, T1, M2
  CHECK(fw.track_index.at("mgmt") == 1);
}

namespace {

/// The tape written back as JSON, as Boost.JSON's serializer writes a value.
std::string written(const json::Node& n) {
  switch (n.kind()) {
    case json::Kind::null: return "null";
    case json::Kind::bool_: return n.get_bool() ? "true" : "false";
    case json::Kind::int64: return boost::json::serialize(boost::json::value(n.get_int64()));
    case json::Kind::uint64: return boost::json::serialize(boost::json::value(n.get_uint64()));
    case json::Kind::double_: return boost::json::serialize(boost::json::value(n.get_double()));
    case json::Kind::string: return boost::json::serialize(boost::json::value(n.get_string()));
    case json::Kind::array: {
      std::string s = "[";
      for (const json::Node& item : n.items()) s += (s.size() > 1 ? "," : "") + written(item);
      return s + "]";
    }
    case json::Kind::object: {
      std::string s = "{";
      std::size_t members = 0;
      for (const auto& m : n) {
        s += (members++ ? "," : "") + boost::json::serialize(boost::json::value(m.key())) + ":" + written(m.value());
      }
      CHECK(members == n.size());
      return s + "}";
    }
  }
  return "?";
}

}  // namespace

TEST_CASE("E the parser's tape holds what Boost.JSON's value holds" * doctest::test_suite("json")) {
  // Repeated keys keep the first one's place and the last one's value, as
  // Boost.JSON's object does; escapes are unescaped; numbers keep their kind.
  json::DocumentParser parser;
  std::string many = "{";  // 40 keys, each twice: past the small-object path
  for (int i = 0; i < 80; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i % 40) + "\":" + std::to_string(i);
  many += "}";
  for (const std::string& text : {
           std::string(R"({"a":1,"b":[true,false,null],"c":{"d":-2.5e-3,"e":"x"}})"),
           std::string(R"({"a":1,"b":2,"a":{"x":[1,{"y":2}]},"c":3,"b":4})"),
           std::string(R"({"k":{"k":1,"k":2},"k":[{"z":1,"z":[3]}]})"),
           std::string(R"(["\u00e9\n\"\\", "a\u002fb", {"c\td": "\ud83d\ude00"}, 18446744073709551615, -9223372036854775808, 1.0, 2])"),
           std::string(R"({"":0,"":1,"a":[[],{},[[]]]})"),
           many,
           std::string("  [1, 2] "),
           std::string("\"top\""),
       }) {
    CAPTURE(text);
    auto doc = parser.parse(text, Document::case_);
    REQUIRE(doc);
    CHECK(written(**doc) == boost::json::serialize(boost::json::parse(text)));
  }
}
