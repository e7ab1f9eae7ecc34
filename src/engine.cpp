#include "rung/engine.hpp"

#include "json/decode.hpp"
#include "json/encode.hpp"
#include "json/parse.hpp"
#include "rung/evaluate.hpp"

namespace rung {

Expected<Engine> Engine::load(std::string_view framework_json) {
  json::DocumentParser parser;
  auto doc = parser.parse(framework_json, Document::framework);
  if (!doc) return doc.error();
  auto fw = json::decode_framework(**doc);
  if (!fw) return fw.error();
  return Engine(std::make_shared<const Framework>(std::move(*fw)));
}

Expected<Report> Engine::evaluate(std::string_view case_json) const {
  // One parser per thread, reused: the case's text (rung::Text) points into
  // its document, which lives until this thread's next evaluation.
  thread_local json::DocumentParser parser;
  auto doc = parser.parse(case_json, Document::case_);
  if (!doc) return doc.error();
  auto c = json::decode_case(**doc, *fw_);
  if (!c) return c.error();
  return rung::evaluate(*fw_, *c);
}

bool Engine::evaluate_json(std::string_view case_json, std::string& out, int indent, InputError* error) const {
  auto report = evaluate(case_json);
  if (!report) {
    json::encode_error(report.error(), out, indent);
    if (error) *error = report.error();
    return false;
  }
  json::encode_report(*report, out, indent);
  return true;
}

std::string to_json(const Report& report, int indent) {
  std::string out;
  json::encode_report(report, out, indent);
  return out;
}

std::string to_json(const InputError& error, int indent) {
  std::string out;
  json::encode_error(error, out, indent);
  return out;
}

}  // namespace rung
