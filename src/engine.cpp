#include "rung/engine.hpp"

#include "json/encode.hpp"
#include "json/read.hpp"
#include "json/parse.hpp"
#include "render/render.hpp"
#include <stdexcept>

#include "rung/audience.hpp"
#include "rung/compile.hpp"
#include "rung/evaluate.hpp"

namespace rung {
namespace {

/// Parses and decodes a case with this thread's parser, reused from case to
/// case: the case's text (rung::Text) points into its document, which lives
/// until the thread's next call.
Expected<Case> read_case(std::string_view case_json, const Framework& fw) {
  thread_local json::DocumentParser parser;
  auto doc = parser.parse(case_json, Document::case_);
  if (!doc) return doc.error();
  CaseDraft draft = json::read_case(**doc, fw.version >= 2);
  return resolve(draft, fw);
}

}  // namespace

Expected<Engine> Engine::load(std::string_view framework_json) {
  json::DocumentParser parser;
  auto doc = parser.parse(framework_json, Document::framework);
  if (!doc) return doc.error();
  auto fw = compile(json::read_framework(**doc));
  if (!fw) return fw.error();
  return Engine(std::make_shared<const Framework>(std::move(*fw)));
}

Expected<Report> Engine::evaluate(std::string_view case_json, Audience audience) const {
  if (auto why = refuse({Format::json, audience, false})) throw std::invalid_argument(*why);
  auto c = read_case(case_json, *fw_);
  if (!c) return c.error();
  return view(rung::evaluate(*fw_, *c), *c, audience);
}

bool Engine::evaluate_json(std::string_view case_json, std::string& out, int indent, InputError* error) const {
  return evaluate_as(case_json, indent ? Format::json_pretty : Format::json, out, error);
}

bool Engine::evaluate_as(std::string_view case_json, Format format, std::string& out, InputError* error,
                         bool color) const {
  return evaluate_for(case_json, {format, Audience::full, color}, out, error);
}

std::optional<std::string> Engine::refuse(const Options& options) const {
  if (options.audience != Audience::full && fw_->version < 2)
    return std::string("the audience \"") + name(options.audience) +
           "\" needs a rung.framework/2 framework (a rung.framework/1 document becomes one by changing its schema)";
  return std::nullopt;
}

bool Engine::evaluate_for(std::string_view case_json, const Options& options, std::string& out,
                          InputError* error) const {
  if (auto why = refuse(options)) throw std::invalid_argument(*why);
  const Format format = options.format;
  const bool color = options.color;
  auto c = read_case(case_json, *fw_);
  if (!c) {
    json::encode_error(c.error(), out, format == Format::json ? 0 : 2);
    if (error) *error = c.error();
    return false;
  }
  // Every output is written from the audience's view of the report.
  const Report report = view(rung::evaluate(*fw_, *c), *c, options.audience);
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
