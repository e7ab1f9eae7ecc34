#include "rung/engine.hpp"

#include "json/decode.hpp"
#include "json/encode.hpp"
#include "json/parse.hpp"
#include "render/render.hpp"
#include "rung/evaluate.hpp"

namespace rung {
namespace {

/// One parser per thread, reused: a case's text (rung::Text) points into its
/// document, which lives until this thread's next parse.
json::DocumentParser& thread_parser() {
  thread_local json::DocumentParser parser;
  return parser;
}

}  // namespace

Expected<Engine> Engine::load(std::string_view framework_json) {
  json::DocumentParser parser;
  auto doc = parser.parse(framework_json, Document::framework);
  if (!doc) return doc.error();
  auto fw = json::decode_framework(**doc);
  if (!fw) return fw.error();
  return Engine(std::make_shared<const Framework>(std::move(*fw)));
}

Expected<Report> Engine::evaluate(std::string_view case_json) const {
  auto doc = thread_parser().parse(case_json, Document::case_);
  if (!doc) return doc.error();
  auto c = json::decode_case(**doc, *fw_);
  if (!c) return c.error();
  return rung::evaluate(*fw_, *c);
}

bool Engine::evaluate_json(std::string_view case_json, std::string& out, int indent, InputError* error) const {
  return evaluate_as(case_json, indent ? Format::json_pretty : Format::json, out, error);
}

bool Engine::evaluate_as(std::string_view case_json, Format format, std::string& out, InputError* error,
                         bool color) const {
  auto fail = [&](const InputError& e) {
    json::encode_error(e, out, format == Format::json ? 0 : 2);
    if (error) *error = e;
    return false;
  };
  auto doc = thread_parser().parse(case_json, Document::case_);
  if (!doc) return fail(doc.error());
  auto c = json::decode_case(**doc, *fw_);
  if (!c) return fail(c.error());
  const Report report = rung::evaluate(*fw_, *c);  // the case's text lives in *doc until the next parse
  switch (format) {
    case Format::json: json::encode_report(report, out, 0); break;
    case Format::json_pretty: json::encode_report(report, out, 2); break;
    case Format::text: render::text(*fw_, *c, report, out, {color}); break;
    case Format::markdown: render::markdown(*fw_, *c, report, out); break;
    case Format::html: render::html(*fw_, *c, report, out); break;
    case Format::ics: render::ics(*fw_, *c, report, out); break;
  }
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
