/* SPDX-License-Identifier: MIT */
/* The C ABI, compiled as C: a successful evaluation, every error family,
 * NULL arguments, garbage bytes and input over the size limit. Run under
 * valgrind memcheck by ctest (capi_valgrind): every error and buffer is freed.
 * Usage: rung_capi_test EXAMPLE_CASE.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rung.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    ++checks;                                                         \
    if (!(cond)) {                                                    \
      ++failures;                                                     \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = (char*)malloc((size_t)n + 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data) data[n] = '\0';
  *len = (size_t)n;
  return data;
}

static rung_engine* example_engine(void) {
  size_t len = 0;
  const char* fw = rung_example_framework(&len);
  rung_engine* engine = NULL;
  rung_error* err = NULL;
  CHECK(rung_engine_new(&engine, fw, len, &err) == RUNG_OK);
  CHECK(err == NULL);
  CHECK(engine != NULL);
  return engine;
}

/* Evaluates `text` and checks the error's code, name, document and path. */
static void expect_case_error(const rung_engine* engine, const char* text, int code, const char* name,
                              const char* path) {
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  int rc = rung_evaluate(&out, engine, text, strlen(text), RUNG_FORMAT_JSON, &err);
  CHECK(rc == code);
  CHECK(out.data == NULL && out.size == 0);
  CHECK(err != NULL);
  CHECK(rung_error_code(err) == code);
  CHECK(strcmp(rung_error_code_name(err), name) == 0);
  CHECK(strcmp(rung_error_document(err), "case") == 0);
  CHECK(strcmp(rung_error_path(err), path) == 0);
  CHECK(strlen(rung_error_message(err)) > 0);
  CHECK(strstr(rung_error_json(err), "\"schema\":\"rung.error/1\"") != NULL);
  if (strcmp(rung_error_path(err), path) != 0)
    fprintf(stderr, "  %s: path %s, expected %s\n", name, rung_error_path(err), path);
  rung_error_free(err);
}

static void expect_framework_error(const char* text, int code, const char* path) {
  rung_engine* engine = (rung_engine*)1;
  rung_error* err = NULL;
  CHECK(rung_engine_new(&engine, text, strlen(text), &err) == code);
  CHECK(engine == NULL);
  CHECK(rung_error_code(err) == code);
  CHECK(strcmp(rung_error_document(err), "framework") == 0);
  CHECK(strcmp(rung_error_path(err), path) == 0);
  rung_error_free(err);
}

static void test_version(void) {
  char expected[32];
  CHECK(rung_version_number() == RUNG_VERSION_NUMBER);
  snprintf(expected, sizeof expected, "%d.%d.%d", RUNG_VERSION_MAJOR, RUNG_VERSION_MINOR, RUNG_VERSION_PATCH);
  CHECK(strcmp(rung_version(), expected) == 0);
}

static void test_success(const rung_engine* engine, const char* path) {
  size_t len = 0;
  char* text = read_file(path, &len);
  rung_buf out = {NULL, 0};
  rung_buf pretty = {NULL, 0};
  rung_error* err = NULL;
  CHECK(text != NULL);
  if (!text) return;
  CHECK(rung_evaluate(&out, engine, text, len, RUNG_FORMAT_JSON, &err) == RUNG_OK);
  CHECK(err == NULL);
  CHECK(out.data != NULL && out.size == strlen(out.data));
  CHECK(strncmp(out.data, "{\"schema\":\"rung.report/1\"", 25) == 0);
  CHECK(strchr(out.data, '\n') == NULL);
  CHECK(rung_evaluate(&pretty, engine, text, len, RUNG_FORMAT_JSON_PRETTY, NULL) == RUNG_OK);
  CHECK(pretty.size > out.size);
  CHECK(strstr(pretty.data, "\n  \"verdict\": ") != NULL);
  rung_buf_dispose(&out);
  CHECK(out.data == NULL && out.size == 0);
  {
    int format;
    for (format = RUNG_FORMAT_TEXT; format <= RUNG_FORMAT_ICS; ++format) {
      CHECK(rung_evaluate(&out, engine, text, len, format, &err) == RUNG_OK);
      CHECK(out.size > 100 && out.data[0] != '{');
      rung_buf_dispose(&out);
    }
  }
  rung_buf_dispose(&pretty);
  rung_buf_dispose(&pretty); /* twice is harmless */
  rung_buf_dispose(NULL);
  free(text);
}

static void test_error_families(const rung_engine* engine) {
  expect_case_error(engine, "{\"schema\":", RUNG_E_PARSE, "parse_error", "");
  expect_case_error(engine, "[1, 2]", RUNG_E_TYPE, "type_error", "");
  expect_case_error(engine, "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\"}", RUNG_E_MISSING_FIELD,
                    "missing_field", "/employee");
  expect_case_error(engine,
                    "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"X9\"}}",
                    RUNG_E_UNKNOWN_REFERENCE, "unknown_reference", "/employee/level");
  expect_case_error(engine, "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-02-29\"}", RUNG_E_INVALID_DATE,
                    "invalid_date", "/as_of");
  expect_case_error(engine, "{\"schema\":\"rung.case/2\"}", RUNG_E_INVALID_VALUE, "invalid_value", "/schema");
  expect_case_error(engine,
                    "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"E3\"},"
                    "\"evidence\":[{\"id\":\"a\",\"date\":\"2026-01-01\",\"competencies\":[],\"visibility\":\"manager\"},"
                    "{\"id\":\"a\",\"date\":\"2026-01-01\",\"competencies\":[],\"visibility\":\"manager\"}]}",
                    RUNG_E_DUPLICATE_ID, "duplicate_id", "/evidence/1/id");
  expect_case_error(engine,
                    "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"E4\","
                    "\"target\":\"E3\"}}",
                    RUNG_E_INVALID_MOVE, "invalid_move", "/employee/target");
  expect_framework_error("{\"schema\":\"rung.framework/1\",\"id\":\"f\",\"scale\":[\"a\",\"b\"],\"competencies\":[],"
                         "\"levels\":[],\"policy\":{\"cadense_days\":30}}",
                         RUNG_E_UNKNOWN_FIELD, "/policy/cadense_days");
}

static void test_limits_and_garbage(const rung_engine* engine) {
  const size_t big = 16u * 1024u * 1024u + 1u;
  char* huge = (char*)malloc(big);
  unsigned char garbage[512];
  size_t i;
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  CHECK(huge != NULL);
  if (huge) {
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    CHECK(rung_evaluate(&out, engine, huge, big, RUNG_FORMAT_JSON, &err) == RUNG_E_LIMIT_EXCEEDED);
    CHECK(strcmp(rung_error_code_name(err), "limit_exceeded") == 0);
    CHECK(strcmp(rung_error_path(err), "") == 0);
    rung_error_free(err);
    free(huge);
  }
  /* Garbage bytes, embedded NULs included: an error, never a crash. */
  for (i = 0; i < sizeof garbage; ++i) garbage[i] = (unsigned char)((i * 7919u + 13u) % 256u);
  for (i = 0; i < sizeof garbage; i += 37) {
    int rc = rung_evaluate(&out, engine, (const char*)garbage + i, sizeof garbage - i, RUNG_FORMAT_JSON, &err);
    CHECK(rc == RUNG_E_PARSE);
    rung_error_free(err);
  }
  /* Empty input. */
  CHECK(rung_evaluate(&out, engine, "", 0, RUNG_FORMAT_JSON, &err) == RUNG_E_PARSE);
  rung_error_free(err);
  /* A framework that is not JSON. */
  expect_framework_error("\x01\x02 not json", RUNG_E_PARSE, "");
}

static void test_null_arguments(const rung_engine* engine) {
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  rung_engine* made = NULL;
  const char* ok = "{}";
  CHECK(rung_engine_new(NULL, ok, 2, &err) == RUNG_E_ARGUMENT);
  CHECK(strcmp(rung_error_code_name(err), "invalid_argument") == 0);
  CHECK(strcmp(rung_error_document(err), "") == 0);
  rung_error_free(err);
  CHECK(rung_engine_new(&made, NULL, 5, &err) == RUNG_E_ARGUMENT);
  CHECK(made == NULL);
  rung_error_free(err);
  CHECK(rung_engine_new(&made, NULL, 0, &err) == RUNG_E_PARSE); /* an empty document */
  rung_error_free(err);
  CHECK(rung_evaluate(NULL, engine, ok, 2, RUNG_FORMAT_JSON, &err) == RUNG_E_ARGUMENT);
  rung_error_free(err);
  CHECK(rung_evaluate(&out, NULL, ok, 2, RUNG_FORMAT_JSON, &err) == RUNG_E_ARGUMENT);
  rung_error_free(err);
  CHECK(rung_evaluate(&out, engine, NULL, 2, RUNG_FORMAT_JSON, &err) == RUNG_E_ARGUMENT);
  rung_error_free(err);
  CHECK(rung_evaluate(&out, engine, ok, 2, 42, &err) == RUNG_E_ARGUMENT); /* unknown format */
  rung_error_free(err);
  CHECK(rung_evaluate(&out, engine, ok, 2, -1, &err) == RUNG_E_ARGUMENT);
  CHECK(strstr(rung_error_json(err), "invalid_argument") != NULL);
  rung_error_free(err);
  /* err itself may be NULL: the code still says what happened. */
  CHECK(rung_evaluate(&out, engine, "nope", 4, RUNG_FORMAT_JSON, NULL) == RUNG_E_PARSE);
  /* Accessors and frees accept NULL. */
  CHECK(rung_error_code(NULL) == RUNG_E_ARGUMENT);
  CHECK(strcmp(rung_error_path(NULL), "") == 0);
  CHECK(strcmp(rung_error_message(NULL), "") == 0);
  rung_error_free(NULL);
  rung_engine_free(NULL);
  CHECK(rung_example_framework(NULL) != NULL);
}

/* Version 2 through the same entry points: the framework's schema decides. */
static void test_version_2(void) {
  static const char fw[] =
      "{\"schema\":\"rung.framework/2\",\"id\":\"v2\",\"scale\":[\"no\",\"yes\"],"
      "\"competencies\":[{\"id\":\"a\"}],\"levels\":["
      "{\"id\":\"L1\",\"tracks\":[\"ic\",\"mgmt\"],\"rank\":1,\"expectations\":[]},"
      "{\"id\":\"L2\",\"track\":\"ic\",\"rank\":2,\"expectations\":[]},"
      "{\"id\":\"M2\",\"track\":\"mgmt\",\"rank\":2,\"gate\":\"application\",\"expectations\":[]}]}";
  static const char on_trunk[] =
      "{\"schema\":\"rung.case/2\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"L1\"}}";
  static const char on_mgmt[] =
      "{\"schema\":\"rung.case/2\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"L1\","
      "\"track\":\"mgmt\"}}";
  rung_engine* engine = NULL;
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  CHECK(rung_engine_new(&engine, fw, sizeof fw - 1, &err) == RUNG_OK);
  /* Two levels at rank 2 share a track with L1: no target, choose_track. */
  CHECK(rung_evaluate(&out, engine, on_trunk, sizeof on_trunk - 1, RUNG_FORMAT_JSON, &err) == RUNG_OK);
  CHECK(out.data && strncmp(out.data, "{\"schema\":\"rung.report/2\"", 25) == 0);
  CHECK(out.data && strstr(out.data, "\"verdict\":\"no_target\"") != NULL);
  CHECK(out.data && strstr(out.data, "\"id\":\"choose_track\"") != NULL);
  rung_buf_dispose(&out);
  /* On the mgmt track the target is M2, through an application. */
  CHECK(rung_evaluate(&out, engine, on_mgmt, sizeof on_mgmt - 1, RUNG_FORMAT_JSON, &err) == RUNG_OK);
  CHECK(out.data && strstr(out.data, "\"move\":{\"from\":\"L1\",\"to\":\"M2\",\"kind\":\"promotion\",\"gate\":\"application\"}") != NULL);
  rung_buf_dispose(&out);
  rung_engine_free(engine);
}

/* Options: the audience, by name; unknown names and values refused. */
static void test_options(rung_engine* v1) {
  static const char fw[] =
      "{\"schema\":\"rung.framework/2\",\"id\":\"v2\",\"scale\":[\"no\",\"yes\"],"
      "\"competencies\":[{\"id\":\"a\"}],\"levels\":["
      "{\"id\":\"L1\",\"track\":\"ic\",\"rank\":1,\"expectations\":[]},"
      "{\"id\":\"L2\",\"track\":\"ic\",\"rank\":2,\"expectations\":[{\"competency\":\"a\",\"level\":1}]}]}";
  static const char kase[] =
      "{\"schema\":\"rung.case/2\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"L1\"},"
      "\"assessments\":[{\"competency\":\"a\",\"rater\":\"manager\",\"level\":1,\"date\":\"2026-10-01\"}],"
      "\"evidence\":[{\"id\":\"mine\",\"date\":\"2026-10-01\",\"competencies\":[\"a\"],\"visibility\":\"manager\"},"
      "{\"id\":\"shared\",\"date\":\"2026-10-02\",\"competencies\":[\"a\"],\"visibility\":\"decision_makers\"}]}";
  rung_engine* engine = NULL;
  rung_options* options = NULL;
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  CHECK(rung_engine_new(&engine, fw, sizeof fw - 1, NULL) == RUNG_OK);
  CHECK(rung_options_new(&options, &err) == RUNG_OK && options != NULL);
  CHECK(rung_options_set(options, "audience", "boss", &err) == RUNG_E_ARGUMENT);
  CHECK(err && strstr(rung_error_message(err), "committee") != NULL);
  rung_error_free(err);
  CHECK(rung_options_set(options, "colour", "red", &err) == RUNG_E_ARGUMENT);
  rung_error_free(err);
  CHECK(rung_options_set(NULL, "audience", "full", NULL) == RUNG_E_ARGUMENT);
  CHECK(rung_options_set(options, "audience", "committee", &err) == RUNG_OK && err == NULL);
  /* The committee sees only what is shared with decision makers; the count stays. */
  CHECK(rung_evaluate_with(&out, engine, kase, sizeof kase - 1, RUNG_FORMAT_JSON, options, &err) == RUNG_OK);
  CHECK(out.data && strstr(out.data, "\"audience\":\"committee\"") != NULL);
  CHECK(out.data && strstr(out.data, "\"evidence\":2,\"evidence_ids\":[\"shared\"]") != NULL);
  rung_buf_dispose(&out);
  /* NULL options: the defaults, as rung_evaluate. */
  CHECK(rung_evaluate_with(&out, engine, kase, sizeof kase - 1, RUNG_FORMAT_JSON, NULL, &err) == RUNG_OK);
  CHECK(out.data && strstr(out.data, "\"evidence_ids\":[\"mine\",\"shared\"]") != NULL);
  rung_buf_dispose(&out);
  /* An audience needs a /2 framework: a usage error on the /1 example. */
  CHECK(rung_evaluate_with(&out, v1, kase, sizeof kase - 1, RUNG_FORMAT_JSON, options, &err) == RUNG_E_ARGUMENT);
  CHECK(err && strstr(rung_error_message(err), "rung.framework/2") != NULL);
  CHECK(out.data == NULL);
  rung_error_free(err);
  rung_options_free(options);
  rung_options_free(NULL);
  rung_engine_free(engine);
}

/* The schemas compiled in: by short name or a document's `schema` value, NULL otherwise. */
static void test_schemas(void) {
  static const char* const names[] = {"framework/1", "framework/2", "case/1", "case/2", "report/1", "report/2",
                                      "error/1"};
  static const char head[] = "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n";
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; ++i) {
    const char* text = rung_schema(names[i]);
    char title[64];
    snprintf(title, sizeof title, "\"title\": \"rung.%s\"", names[i]);
    CHECK(text != NULL && strncmp(text, head, sizeof head - 1) == 0);
    CHECK(text != NULL && strstr(text, title) != NULL);
  }
  CHECK(rung_schema("rung.case/2") == rung_schema("case/2"));
  CHECK(rung_schema("case/3") == NULL);
  CHECK(rung_schema("") == NULL);
  CHECK(rung_schema("rung.") == NULL);
  CHECK(rung_schema(NULL) == NULL);
}

/* Warnings and strict mode: a misspelt member is a warning, listed by
 * rung_evaluate_with_warnings for a rung.report/1 too (its JSON has no
 * `warnings`), and with "strict" an unknown_field error at its path; the
 * framework's members come before the case's. */
static void test_warnings_and_strict(rung_engine* v1) {
  /* E3 exists in the example framework; "assesments" and "zz" are typos,
   * "x-row" an extension. */
  static const char typo[] =
      "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-22\",\"x-row\":7,"
      "\"employee\":{\"id\":\"e\",\"level\":\"E3\"},\"assesments\":[],\"zz\":1}";
  static const char clean[] =
      "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-22\",\"employee\":{\"id\":\"e\",\"level\":\"E3\"}}";
  static const char fw[] =
      "{\"schema\":\"rung.framework/1\",\"id\":\"w\",\"scale\":[\"no\",\"yes\"],\"notes\":\"n\","
      "\"competencies\":[{\"id\":\"a\"}],\"levels\":[{\"id\":\"E3\",\"track\":\"ic\",\"rank\":1,\"expectations\":[]}]}";
  rung_options* strict = NULL;
  rung_engine* engine = (rung_engine*)1;
  rung_buf out = {NULL, 0}, warnings = {(char*)1, 1};
  rung_error* err = NULL;

  CHECK(rung_evaluate_with_warnings(&out, &warnings, v1, typo, sizeof typo - 1, RUNG_FORMAT_JSON, NULL, &err) == RUNG_OK);
  CHECK(err == NULL);
  CHECK(out.data && strstr(out.data, "\"schema\":\"rung.report/1\"") != NULL);
  CHECK(out.data && strstr(out.data, "warnings") == NULL);
  CHECK(warnings.data && strcmp(warnings.data,
                                "[{\"document\":\"case\",\"code\":\"unknown_member\",\"path\":\"/assesments\"},"
                                "{\"document\":\"case\",\"code\":\"unknown_member\",\"path\":\"/zz\"}]") == 0);
  CHECK(warnings.size == strlen(warnings.data));
  rung_buf_dispose(&out);
  rung_buf_dispose(&warnings);
  CHECK(rung_evaluate_with_warnings(&out, &warnings, v1, clean, sizeof clean - 1, RUNG_FORMAT_TEXT, NULL, &err) == RUNG_OK);
  CHECK(warnings.data && strcmp(warnings.data, "[]") == 0 && warnings.size == 2);
  rung_buf_dispose(&out);
  rung_buf_dispose(&warnings);
  /* NULL warnings: exactly rung_evaluate_with. */
  CHECK(rung_evaluate_with_warnings(&out, NULL, v1, typo, sizeof typo - 1, RUNG_FORMAT_JSON, NULL, &err) == RUNG_OK);
  rung_buf_dispose(&out);

  CHECK(rung_options_new(&strict, &err) == RUNG_OK);
  CHECK(rung_options_set(strict, "strict", "yes", &err) == RUNG_E_ARGUMENT);
  CHECK(err && strstr(rung_error_message(err), "true or false") != NULL);
  rung_error_free(err);
  CHECK(rung_options_set(strict, "strict", "true", &err) == RUNG_OK);
  /* The first unknown member in text order; the warnings buffer stays empty on failure. */
  warnings.data = (char*)1;
  CHECK(rung_evaluate_with_warnings(&out, &warnings, v1, typo, sizeof typo - 1, RUNG_FORMAT_JSON, strict, &err) ==
        RUNG_E_UNKNOWN_FIELD);
  CHECK(out.data == NULL && warnings.data == NULL && warnings.size == 0);
  CHECK(err && strcmp(rung_error_document(err), "case") == 0);
  CHECK(err && strcmp(rung_error_path(err), "/assesments") == 0);
  CHECK(err && strcmp(rung_error_code_name(err), "unknown_field") == 0);
  rung_error_free(err);
  CHECK(rung_evaluate_with(&out, v1, clean, sizeof clean - 1, RUNG_FORMAT_JSON, strict, &err) == RUNG_OK);
  rung_buf_dispose(&out);

  /* The framework: refused at once with "strict", else kept and reported
   * first by a strict evaluation, before the case's own members. */
  CHECK(rung_engine_new_with(&engine, fw, sizeof fw - 1, strict, &err) == RUNG_E_UNKNOWN_FIELD);
  CHECK(engine == NULL);
  CHECK(err && strcmp(rung_error_document(err), "framework") == 0 && strcmp(rung_error_path(err), "/notes") == 0);
  rung_error_free(err);
  CHECK(rung_engine_new_with(&engine, fw, sizeof fw - 1, NULL, &err) == RUNG_OK && engine != NULL);
  CHECK(rung_evaluate_with_warnings(&out, &warnings, engine, typo, sizeof typo - 1, RUNG_FORMAT_JSON, NULL, &err) ==
        RUNG_OK);
  CHECK(warnings.data && strncmp(warnings.data, "[{\"document\":\"framework\",\"code\":\"unknown_member\",\"path\":\"/notes\"},",
                                 66) == 0);
  rung_buf_dispose(&out);
  rung_buf_dispose(&warnings);
  CHECK(rung_evaluate_with(&out, engine, typo, sizeof typo - 1, RUNG_FORMAT_JSON, strict, &err) == RUNG_E_UNKNOWN_FIELD);
  CHECK(err && strcmp(rung_error_document(err), "framework") == 0 && strcmp(rung_error_path(err), "/notes") == 0);
  rung_error_free(err);
  CHECK(rung_options_set(strict, "strict", "false", &err) == RUNG_OK);
  CHECK(rung_evaluate_with(&out, engine, typo, sizeof typo - 1, RUNG_FORMAT_JSON, strict, &err) == RUNG_OK);
  rung_buf_dispose(&out);
  rung_engine_free(engine);
  rung_options_free(strict);
}

int main(int argc, char** argv) {
  rung_engine* engine;
  if (argc < 2) {
    fprintf(stderr, "usage: %s EXAMPLE_CASE.json\n", argv[0]);
    return 2;
  }
  test_version();
  engine = example_engine();
  test_success(engine, argv[1]);
  test_error_families(engine);
  test_limits_and_garbage(engine);
  test_null_arguments(engine);
  test_version_2();
  test_options(engine);
  test_schemas();
  test_warnings_and_strict(engine);
  rung_engine_free(engine);
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures ? 1 : 0;
}
