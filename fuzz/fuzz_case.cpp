// SPDX-License-Identifier: MIT
// Fuzz target: evaluating a case against the example framework, and against
// a version-2 framework (shared tracks, criteria, a gate, T5, anonymity). A
// report must be complete JSON, twice the same, and render in every format;
// an error must carry a documented code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rung/engine.hpp"

namespace {
const rung::Engine& engine_v1() {
  static const rung::Engine e = *rung::Engine::load(rung::builtin_framework());
  return e;
}

const char* kFrameworkV2 = R"({"schema":"rung.framework/2","id":"fuzz-v2","scale":["none","basic","working","strong","expert"],
 "competencies":[{"id":"design"},{"id":"delivery"},{"id":"quality"},{"id":"mentoring"},{"id":"influence"},{"id":"ops"}],
 "levels":[
  {"id":"E2","tracks":["ic","mgmt"],"rank":2,"expectations":[{"competency":"delivery","level":2},{"competency":"quality","level":2}]},
  {"id":"E3","tracks":["ic","mgmt"],"rank":3,"expectations":[{"competency":"design","level":2},{"competency":"delivery","level":3}]},
  {"id":"E4","track":"ic","rank":4,"expectations":[
    {"competency":"design","level":3,"weight":2,"critical":true,"criteria":[{"id":"E4-design-1","text":"Designs for others","weight":2},{"id":"E4-design-2","text":"Reviews designs"}]},
    {"competency":"mentoring","level":3,"criteria":[{"id":"E4-mentoring-1","text":"Mentors two people"}]},
    {"competency":"ops","level":2}]},
  {"id":"M4","track":"mgmt","rank":4,"gate":"application","expectations":[
    {"competency":"influence","level":3,"criteria":[{"id":"M4-influence-1","text":"Leads a forum"}]},{"competency":"delivery","level":3}]},
  {"id":"M5","track":"mgmt","rank":5,"gate":"vacancy","expectations":[{"competency":"influence","level":4}]}],
 "policy":{"credit":"partial","criteria_min":0.6,"sustained_days":60,"anonymity_min":2,"x-source":"fuzz"},
 "calendar":{"every_months":6,"first_decision":"2026-03-15"}})";

const rung::Engine& engine_v2() {
  static const rung::Engine e = *rung::Engine::load(kFrameworkV2);
  return e;
}

void check(const rung::Engine& engine, std::string_view text) {
  std::string first, second;
  rung::InputError error;
  const bool ok = engine.evaluate_json(text, first, 0, &error);
  if (!ok && error.code == rung::ErrorCode::internal) std::abort();
  engine.evaluate_json(text, second);
  if (first != second) std::abort();  // same input, same bytes
  if (first.empty() || first.front() != '{' || first.back() != '}') std::abort();
  if (ok)  // the documents for people render too, deterministically
    for (rung::Format f : {rung::Format::text, rung::Format::markdown, rung::Format::html, rung::Format::ics}) {
      std::string a, b;
      if (!engine.evaluate_as(text, f, a) || !engine.evaluate_as(text, f, b, nullptr, true) || a.empty()) std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(engine_v1(), text);
  check(engine_v2(), text);
  return 0;
}
