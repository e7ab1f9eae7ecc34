// SPDX-License-Identifier: MIT
#include "rung/engine.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "json/encode.hpp"
#include "json/parse.hpp"
#include "json/read.hpp"
#include "render/render.hpp"

#include "rung/audience.hpp"
#include "rung/compile.hpp"
#include "rung/evaluate.hpp"

namespace rung {
namespace {

/// Strict mode (docs/rules.md): the first member of a document that the
/// contract does not name (`unknown`, in text order) is an error, found
/// after every other error of that document.
std::optional<InputError> strict_error(Document document, const std::vector<std::string>& unknown) {
  if (unknown.empty()) return std::nullopt;
  const std::string& path = unknown.front();
  // The member's name: the pointer's last token, unescaped (RFC 6901).
  std::string name;
  for (std::size_t i = path.rfind('/') + 1; i < path.size(); ++i) {
    if (path[i] == '~' && i + 1 < path.size()) name += path[++i] == '1' ? '/' : '~';
    else name += path[i];
  }
  return InputError{document, ErrorCode::unknown_field, path,
                    "unknown member " + quoted(name) + " (strict mode; a member named x-... is an extension)"};
}

/// Parses and decodes a case with this thread's parser, reused from case to
/// case: the case's text (rung::Text) points into its document, which lives
/// until the thread's next call. In strict mode, the framework's unknown
/// members come first (it is checked before the case), the case's last.
Expected<Case> read_case(std::string_view case_json, const Framework& fw, bool strict) {
  if (strict)
    if (auto e = strict_error(Document::framework, fw.unknown_members)) return std::move(*e);
  thread_local json::DocumentParser parser;
  auto doc = parser.parse(case_json, Document::case_);
  if (!doc) return doc.error();
  CaseDraft draft = json::read_case(**doc, parser.members());
  auto c = resolve(draft, fw);
  if (c && strict)
    if (auto e = strict_error(Document::case_, c->unknown_members)) return std::move(*e);
  return c;
}

}  // namespace

Expected<Engine> Engine::load(std::string_view framework_json, bool strict) {
  json::DocumentParser parser;
  auto doc = parser.parse(framework_json, Document::framework);
  if (!doc) return doc.error();
  auto fw = compile(json::read_framework(**doc));
  if (!fw) return fw.error();
  if (strict)
    if (auto e = strict_error(Document::framework, fw->unknown_members)) return std::move(*e);
  return Engine(std::make_shared<const Framework>(std::move(*fw)));
}

Expected<Report> Engine::evaluate(std::string_view case_json, Audience audience) const {
  return evaluate(case_json, Options{Format::json, audience, false, false});
}

Expected<Report> Engine::evaluate(std::string_view case_json, const Options& options) const {
  if (auto why = refuse(options)) throw std::invalid_argument(*why);
  auto c = read_case(case_json, *fw_, options.strict);
  if (!c) return c.error();
  return view(rung::evaluate(*fw_, *c), *c, options.audience);
}

bool Engine::evaluate_json(std::string_view case_json, std::string& out, int indent, InputError* error) const {
  return evaluate_as(case_json, indent ? Format::json_pretty : Format::json, out, error);
}

bool Engine::evaluate_as(std::string_view case_json, Format format, std::string& out, InputError* error,
                         bool color) const {
  return evaluate_for(case_json, {format, Audience::full, color, false}, out, error);
}

std::optional<std::string> Engine::refuse(const Options& options) const {
  if (options.audience != Audience::full && fw_->version < 2)
    return std::string("the audience \"") + name(options.audience) +
           "\" needs a rung.framework/2 framework (a rung.framework/1 document becomes one by changing its schema)";
  return std::nullopt;
}

bool Engine::evaluate_for(std::string_view case_json, const Options& options, std::string& out,
                          InputError* error, std::vector<Warning>* warnings) const {
  if (auto why = refuse(options)) throw std::invalid_argument(*why);
  const Format format = options.format;
  const bool color = options.color;
  auto c = read_case(case_json, *fw_, options.strict);
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
  if (warnings) *warnings = report.warnings;
  return true;
}

std::string to_json(const Report& report, int indent) {
  std::string out;
  json::encode_report(report, out, indent);
  return out;
}

std::string to_json(const std::vector<Warning>& warnings) {
  std::string out;
  json::encode_warnings(warnings, out);
  return out;
}

std::string to_json(const InputError& error, int indent) {
  std::string out;
  json::encode_error(error, out, indent);
  return out;
}

}  // namespace rung
