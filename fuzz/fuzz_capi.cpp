// SPDX-License-Identifier: MIT
// Fuzz target: the C ABI entry points. The first byte picks the entry
// point and the format; the rest is the document. Every buffer and error
// is freed (LeakSanitizer checks), no call returns RUNG_E_INTERNAL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "rung.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const char* doc = reinterpret_cast<const char*>(data + 1);
  const std::size_t len = size - 1;
  rung_error* err = nullptr;
  if (mode & 1) {
    rung_engine* engine = nullptr;
    const int rc = rung_engine_new(&engine, doc, len, &err);
    if (rc == RUNG_E_INTERNAL || (rc == RUNG_OK) != (engine != nullptr)) std::abort();
    if (rc != RUNG_OK && (!err || rung_error_code(err) != rc || !rung_error_json(err)[0])) std::abort();
    rung_engine_free(engine);
  } else {
    static rung_engine* engine = [] {
      size_t n = 0;
      const char* fw = rung_example_framework(&n);
      rung_engine* e = nullptr;
      if (rung_engine_new(&e, fw, n, nullptr) != RUNG_OK) std::abort();
      return e;
    }();
    rung_buf out{nullptr, 0};
    const int format = (mode >> 1) % 7;  // 6 is not a format: RUNG_E_ARGUMENT
    // Bit 4: through an options object with an audience (the example
    // framework is /1: any but "full" is RUNG_E_ARGUMENT, never internal).
    static const char* const kAudiences[] = {"full", "employee", "manager", "committee"};
    rung_options* options = nullptr;
    if (mode & 0x10) {
      if (rung_options_new(&options, nullptr) != RUNG_OK) std::abort();
      if (rung_options_set(options, "audience", kAudiences[(mode >> 5) % 4], nullptr) != RUNG_OK) std::abort();
    }
    // Bit 7: strict mode (with an options object) and the warnings list.
    const bool warned = mode & 0x80;
    if (options && warned && rung_options_set(options, "strict", "true", nullptr) != RUNG_OK) std::abort();
    rung_buf warnings{nullptr, 0};
    const int rc = warned    ? rung_evaluate_with_warnings(&out, &warnings, engine, doc, len, format, options, &err)
                   : options ? rung_evaluate_with(&out, engine, doc, len, format, options, &err)
                             : rung_evaluate(&out, engine, doc, len, format, &err);
    if (options && (mode >> 5) % 4 != 0 && format != 6 && rc != RUNG_E_ARGUMENT) std::abort();
    rung_options_free(options);
    if (rc == RUNG_E_INTERNAL) std::abort();
    if (format == 6 && rc != RUNG_E_ARGUMENT) std::abort();
    if (rc == RUNG_OK && (!out.data || std::strlen(out.data) != out.size)) std::abort();
    if (warned && (rc == RUNG_OK) != (warnings.data != nullptr && warnings.data[0] == '[')) std::abort();
    rung_buf_dispose(&out);
    rung_buf_dispose(&warnings);
  }
  rung_error_free(err);
  return 0;
}
