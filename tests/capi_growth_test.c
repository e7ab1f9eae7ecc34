/* SPDX-License-Identifier: MIT */
/* The C ABI over a long run: one engine evaluates cases whose size grows
 * from about 1 KB to about 11 MB (100,000 evidence items, the array limit)
 * and shrinks again, a small case between every two, in every format, then
 * a case of exactly 16 MiB (the size limit).
 * Every call must give a report: an engine (and the thread it runs on)
 * never degrades with what it evaluated before. Regression: after a few
 * cases over 20 KB, every later large case on a thread returned
 * `internal: out of memory`.
 * Usage: rung_capi_growth_test [ROUNDS]   (ctest runs 1; docs/robustness.md) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rung.h"

static char* case_with_evidence(size_t n, size_t* len) {
  static const char head[] =
      "{\"schema\":\"rung.case/1\",\"as_of\":\"2026-11-23\",\"employee\":{\"id\":\"e\",\"level\":\"E3\","
      "\"target\":\"E4\"},\"assessments\":[{\"competency\":\"design\",\"rater\":\"manager\",\"level\":3,"
      "\"date\":\"2026-10-05\"}],\"evidence\":[";
  const size_t item = 120;
  char* doc = (char*)malloc(sizeof head + n * item + 8);
  size_t at, i;
  if (!doc) return NULL;
  memcpy(doc, head, sizeof head - 1);
  at = sizeof head - 1;
  for (i = 0; i < n; ++i)
    at += (size_t)sprintf(doc + at,
                          "%s{\"id\":\"x-%zu\",\"date\":\"2026-06-01\",\"competencies\":[\"design\"],"
                          "\"visibility\":\"decision_makers\"}",
                          i ? "," : "", i);
  memcpy(doc + at, "]}", 3);
  *len = at + 2;
  return doc;
}

/* A small case padded with spaces to exactly `size` bytes. */
static char* padded_case(size_t size, size_t* len) {
  size_t small = 0;
  char* doc = case_with_evidence(0, &small);
  char* big = doc ? (char*)malloc(size + 1) : NULL;
  if (big) {
    memcpy(big, doc, small - 1);
    memset(big + small - 1, ' ', size - small);
    big[size - 1] = '}';
    big[size] = '\0';
    *len = size;
  }
  free(doc);
  return big;
}

static int evaluate(const rung_engine* engine, size_t items, int format) {
  size_t len = 0;
  /* items == 0 with format -1: the largest document there may be, 16 MiB */
  char* doc = format < 0 ? padded_case((size_t)16 << 20, &len) : case_with_evidence(items, &len);
  rung_buf out = {NULL, 0};
  rung_error* err = NULL;
  int rc;
  if (!doc) return 0;
  if (format < 0) format = RUNG_FORMAT_JSON;
  rc = rung_evaluate(&out, engine, doc, len, format, &err);
  if (rc != RUNG_OK) {
    fprintf(stderr, "%zu items (%zu bytes), format %d: %s\n", items, len, format, rung_error_json(err));
  } else if (out.size == 0 || strlen(out.data) != out.size ||
             (format == RUNG_FORMAT_JSON && strncmp(out.data, "{\"schema\":\"rung.report/1\"", 25) != 0)) {
    fprintf(stderr, "%zu items, format %d: not a report\n", items, format);
    rc = -1;
  }
  rung_buf_dispose(&out);
  rung_error_free(err);
  free(doc);
  return rc == RUNG_OK;
}

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? atoi(argv[1]) : 1;
  static const size_t sizes[] = {0, 10, 100, 140, 1000, 5000, 20000, 65536, 100000};
  const size_t count = sizeof sizes / sizeof sizes[0];
  rung_engine* engine = NULL;
  size_t n = 0;
  const char* fw = rung_example_framework(&n);
  int round, calls = 0, good = 0;
  size_t i;
  if (rung_engine_new(&engine, fw, n, NULL) != RUNG_OK) return 1;
  for (round = 0; round < rounds; ++round) {
    for (i = 0; i < 2 * count; ++i) {  /* up, then down */
      const size_t items = sizes[i < count ? i : 2 * count - 1 - i];
      const int format = (int)((i + (size_t)round) % 6);
      good += evaluate(engine, items, RUNG_FORMAT_JSON);
      good += evaluate(engine, items, items <= 20000 ? format : RUNG_FORMAT_JSON);
      good += evaluate(engine, 1, RUNG_FORMAT_JSON);
      calls += 3;
    }
    good += evaluate(engine, 0, -1);
    good += evaluate(engine, 1, RUNG_FORMAT_JSON);
    calls += 2;
  }
  rung_engine_free(engine);
  printf("%d of %d evaluations gave a report\n", good, calls);
  return good == calls ? 0 : 1;
}
