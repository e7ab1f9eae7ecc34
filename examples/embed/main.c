/* SPDX-License-Identifier: MIT */
/* Embedding rung from C: evaluate one case file, print the report, or say
 * what is wrong and where. Usage: embed_c CASE.json [FRAMEWORK.json] */
#include <stdio.h>
#include <stdlib.h>

#include <rung.h>

static char* slurp(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    data = (char*)malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) == (size_t)n) {
      *len = (size_t)n;
    } else {
      free(data);
      data = NULL;
    }
  }
  fclose(f);
  return data;
}

int main(int argc, char** argv) {
  rung_engine* engine = NULL;
  rung_error* err = NULL;
  rung_buf report = {NULL, 0};
  char *case_json, *framework_json = NULL;
  size_t case_len = 0, framework_len = 0;
  int rc;

  if (argc < 2) {
    fprintf(stderr, "usage: %s CASE.json [FRAMEWORK.json]\n", argv[0]);
    return 2;
  }
  if (rung_version_number() / 1000000 != RUNG_VERSION_MAJOR) {
    fprintf(stderr, "rung %s does not match this header's major version\n", rung_version());
    return 2;
  }
  if (argc > 2) {
    framework_json = slurp(argv[2], &framework_len);
    if (!framework_json) return 2;
    rc = rung_engine_new(&engine, framework_json, framework_len, &err);
    free(framework_json);
  } else {
    const char* builtin = rung_example_framework(&framework_len);
    rc = rung_engine_new(&engine, builtin, framework_len, &err);
  }
  if (rc != RUNG_OK) {
    fprintf(stderr, "framework error %s at '%s': %s\n", rung_error_code_name(err), rung_error_path(err),
            rung_error_message(err));
    rung_error_free(err);
    return 1;
  }

  case_json = slurp(argv[1], &case_len);
  if (!case_json) {
    rung_engine_free(engine);
    return 2;
  }
  rc = rung_evaluate(&report, engine, case_json, case_len, RUNG_FORMAT_JSON, &err);
  free(case_json);
  if (rc == RUNG_OK) {
    printf("%s\n", report.data);
    rung_buf_dispose(&report);
  } else {
    fprintf(stderr, "case error %s at '%s': %s\n", rung_error_code_name(err), rung_error_path(err),
            rung_error_message(err));
    rung_error_free(err);
  }
  rung_engine_free(engine);
  return rc == RUNG_OK ? 0 : 1;
}
