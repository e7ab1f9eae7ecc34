// SPDX-License-Identifier: MIT
// The C ABI over rung::Engine: the same engine code as the CLI. Every body
// catches everything: no exception crosses into C.
#include "rung.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "json/writer.hpp"
#include "rung/audience.hpp"
#include "rung/engine.hpp"
#include "schemas.hpp"

struct rung_engine {
  rung::Engine engine;
};

struct rung_options {
  rung::Audience audience = rung::Audience::full;
  bool strict = false;
};

struct rung_error {
  int code = RUNG_E_INTERNAL;
  std::string code_name, document, path, message, json;
};

namespace {

#define RUNG_STRINGIFY2(x) #x
#define RUNG_STRINGIFY(x) RUNG_STRINGIFY2(x)
constexpr const char* kVersion =
    RUNG_STRINGIFY(RUNG_VERSION_MAJOR) "." RUNG_STRINGIFY(RUNG_VERSION_MINOR) "." RUNG_STRINGIFY(RUNG_VERSION_PATCH);

int code_of(rung::ErrorCode c) {
  switch (c) {
    case rung::ErrorCode::parse_error: return RUNG_E_PARSE;
    case rung::ErrorCode::type_error: return RUNG_E_TYPE;
    case rung::ErrorCode::missing_field: return RUNG_E_MISSING_FIELD;
    case rung::ErrorCode::unknown_field: return RUNG_E_UNKNOWN_FIELD;
    case rung::ErrorCode::unknown_reference: return RUNG_E_UNKNOWN_REFERENCE;
    case rung::ErrorCode::invalid_date: return RUNG_E_INVALID_DATE;
    case rung::ErrorCode::invalid_value: return RUNG_E_INVALID_VALUE;
    case rung::ErrorCode::duplicate_id: return RUNG_E_DUPLICATE_ID;
    case rung::ErrorCode::invalid_move: return RUNG_E_INVALID_MOVE;
    case rung::ErrorCode::limit_exceeded: return RUNG_E_LIMIT_EXCEEDED;
    case rung::ErrorCode::internal: return RUNG_E_INTERNAL;
  }
  return RUNG_E_INTERNAL;
}

/// Hands an error to the caller when they asked for one; returns its code.
/// Never throws: without memory for the error, only the code gets out.
int report(rung_error** err, int code, const char* code_name, const char* document, std::string path,
           std::string message, std::string json) noexcept {
  if (!err) return code;
  *err = nullptr;
  try {
    auto* e = new rung_error;
    e->code = code;
    e->code_name = code_name;
    e->document = document;
    e->path = std::move(path);
    e->message = std::move(message);
    e->json = std::move(json);
    *err = e;
  } catch (...) {
  }
  return code;
}

int report(rung_error** err, const rung::InputError& e) noexcept {
  try {
    return report(err, code_of(e.code), rung::name(e.code), rung::name(e.document), e.path, e.message,
                  rung::to_json(e));
  } catch (...) {
    return report(err, code_of(e.code), rung::name(e.code), rung::name(e.document), {}, {}, {});
  }
}

/// An error that no document caused: misuse by the caller (`invalid_argument`)
/// or an internal failure; its document is "".
int failure(rung_error** err, int code, const char* code_name, const char* what) noexcept {
  try {
    rung::json::Writer w{std::string()};
    w.begin_object();
    w.key("schema").string("rung.error/1");
    w.key("document").string("");
    w.key("code").string(code_name);
    w.key("path").string("");
    w.key("message").string(what);
    w.end_object();
    return report(err, code, code_name, "", "", what, std::move(w).take());
  } catch (...) {
    return report(err, code, code_name, "", {}, {}, {});
  }
}

int argument(rung_error** err, const char* what) noexcept {
  return failure(err, RUNG_E_ARGUMENT, "invalid_argument", what);
}

int internal(rung_error** err, const char* what) noexcept {
  return failure(err, RUNG_E_INTERNAL, "internal", what);
}

/// Runs a C body; whatever it throws becomes an `internal` error.
template <class Body>
int guarded(rung_error** err, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return internal(err, "out of memory");
  } catch (const std::exception& e) {
    return internal(err, e.what());
  } catch (...) {
    return internal(err, "unknown exception");
  }
}

/// Copies `s` into a malloc'ed, NUL-terminated buffer the caller owns.
bool fill(rung_buf* out, const std::string& s) noexcept {
  char* data = static_cast<char*>(std::malloc(s.size() + 1));
  if (!data) return false;
  std::memcpy(data, s.data(), s.size());
  data[s.size()] = '\0';
  out->data = data;
  out->size = s.size();
  return true;
}

const char* text(const rung_error* e, const std::string rung_error::*field) noexcept {
  return e ? (e->*field).c_str() : "";
}

}  // namespace

extern "C" {

const char* rung_version(void) { return kVersion; }

int rung_version_number(void) { return RUNG_VERSION_NUMBER; }

const char* rung_example_framework(size_t* len) {
  const std::string_view fw = rung::builtin_framework();
  if (len) *len = fw.size();
  return fw.data();
}

const char* rung_schema(const char* name) {
  if (!name) return nullptr;
  const auto text = rung::schema(name);
  return text ? text->data() : nullptr;  // NUL-terminated: see schemas.hpp
}

int rung_engine_new(rung_engine** out, const char* framework_json, size_t len, rung_error** err) {
  return rung_engine_new_with(out, framework_json, len, nullptr, err);
}

int rung_engine_new_with(rung_engine** out, const char* framework_json, size_t len, const rung_options* options,
                         rung_error** err) {
  if (err) *err = nullptr;
  if (!out) return argument(err, "rung_engine_new: out is NULL");
  *out = nullptr;
  if (!framework_json && len) return argument(err, "rung_engine_new: framework_json is NULL");
  return guarded(err, [&] {
    auto engine = rung::Engine::load(std::string_view(framework_json ? framework_json : "", len),
                                     options && options->strict);
    if (!engine) return report(err, engine.error());
    *out = new rung_engine{std::move(*engine)};
    return static_cast<int>(RUNG_OK);
  });
}

void rung_engine_free(rung_engine* engine) { delete engine; }

int rung_evaluate(rung_buf* out, const rung_engine* engine, const char* case_json, size_t len, int format,
                  rung_error** err) {
  return rung_evaluate_with(out, engine, case_json, len, format, nullptr, err);
}

int rung_options_new(rung_options** out, rung_error** err) {
  if (err) *err = nullptr;
  if (!out) return argument(err, "rung_options_new: out is NULL");
  *out = nullptr;
  return guarded(err, [&] {
    *out = new rung_options;
    return static_cast<int>(RUNG_OK);
  });
}

int rung_options_set(rung_options* options, const char* name, const char* value, rung_error** err) {
  if (err) *err = nullptr;
  if (!options || !name || !value) return argument(err, "rung_options_set: options, name and value are not NULL");
  return guarded(err, [&] {
    if (std::string_view(name) == "audience") {
      auto audience = rung::audience_from(value);
      if (!audience) return argument(err, "rung_options_set: audience is full, employee, manager or committee");
      options->audience = *audience;
      return static_cast<int>(RUNG_OK);
    }
    if (std::string_view(name) == "strict") {
      const std::string_view v(value);
      if (v != "true" && v != "false") return argument(err, "rung_options_set: strict is true or false");
      options->strict = v == "true";
      return static_cast<int>(RUNG_OK);
    }
    return argument(err, "rung_options_set: unknown option (known: audience, strict)");
  });
}

void rung_options_free(rung_options* options) { delete options; }

int rung_evaluate_with(rung_buf* out, const rung_engine* engine, const char* case_json, size_t len, int format,
                       const rung_options* options, rung_error** err) {
  return rung_evaluate_with_warnings(out, nullptr, engine, case_json, len, format, options, err);
}

int rung_evaluate_with_warnings(rung_buf* out, rung_buf* warnings, const rung_engine* engine, const char* case_json,
                                size_t len, int format, const rung_options* options, rung_error** err) {
  if (err) *err = nullptr;
  if (warnings) *warnings = {nullptr, 0};
  if (!out) return argument(err, "rung_evaluate: out is NULL");
  out->data = nullptr;
  out->size = 0;
  if (!engine) return argument(err, "rung_evaluate: engine is NULL");
  if (!case_json && len) return argument(err, "rung_evaluate: case_json is NULL");
  if (format < RUNG_FORMAT_JSON || format > RUNG_FORMAT_ICS) return argument(err, "rung_evaluate: unknown format");
  return guarded(err, [&] {
    // rung_format and rung::Format list the formats in the same order.
    const rung::Engine::Options how{static_cast<rung::Format>(format),
                                    options ? options->audience : rung::Audience::full, false,
                                    options && options->strict};
    if (auto why = engine->engine.refuse(how)) return argument(err, ("rung_evaluate: " + *why).c_str());
    std::string text;
    rung::InputError input_error;
    std::vector<rung::Warning> found;
    if (!engine->engine.evaluate_for(std::string_view(case_json ? case_json : "", len), how, text, &input_error,
                                     warnings ? &found : nullptr))
      return report(err, input_error);
    const std::string listed = warnings ? rung::to_json(found) : std::string();  // may throw: before any fill
    if (!fill(out, text)) return internal(err, "out of memory");
    if (warnings && !fill(warnings, listed)) {
      rung_buf_dispose(out);
      return internal(err, "out of memory");
    }
    return static_cast<int>(RUNG_OK);
  });
}

void rung_buf_dispose(rung_buf* buf) {
  if (!buf) return;
  std::free(buf->data);
  buf->data = nullptr;
  buf->size = 0;
}

int rung_error_code(const rung_error* err) { return err ? err->code : RUNG_E_ARGUMENT; }
const char* rung_error_code_name(const rung_error* err) { return text(err, &rung_error::code_name); }
const char* rung_error_document(const rung_error* err) { return text(err, &rung_error::document); }
const char* rung_error_path(const rung_error* err) { return text(err, &rung_error::path); }
const char* rung_error_message(const rung_error* err) { return text(err, &rung_error::message); }
const char* rung_error_json(const rung_error* err) { return text(err, &rung_error::json); }
void rung_error_free(rung_error* err) { delete err; }

}  // extern "C"
