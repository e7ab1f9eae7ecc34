/* SPDX-License-Identifier: MIT */
/* A program written against the 0.3 header (tests/compat_0_3/rung.h, as it
 * was before the options channel) builds and runs against this library:
 * the C ABI only grows. */
#include <stdio.h>
#include <string.h>

#include "rung.h"

int main(void) {
  size_t n = 0;
  const char* fw = rung_example_framework(&n);
  static const char kase[] = "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"E3\"}}";
  rung_engine* engine = NULL;
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  int ok = rung_engine_new(&engine, fw, n, &err) == RUNG_OK &&
           rung_evaluate(&out, engine, kase, sizeof kase - 1, RUNG_FORMAT_JSON, &err) == RUNG_OK && out.data &&
           strncmp(out.data, "{\"schema\":\"rung.report/1\"", 25) == 0 && rung_version_number() / 1000000 == RUNG_VERSION_MAJOR;
  rung_buf_dispose(&out);
  rung_error_free(err);
  rung_engine_free(engine);
  printf("%s\n", ok ? "1 passed, 0 failed" : "0 passed, 1 failed");
  return ok ? 0 : 1;
}
