/* SPDX-License-Identifier: MIT */
/*
 * rung.h -- the C ABI of rung: is this person ready to be promoted, and if
 * not, what is missing, by when can it close, what should the next 1:1 cover?
 *
 * Plain C99. Documents go in as bytes (pointer + length, no NUL needed) and
 * come out as bytes that the caller owns.
 *
 * Ownership, in one place:
 *   - rung_engine*  created by rung_engine_new, freed by rung_engine_free.
 *   - rung_error*   created by a failing call (through its `err` out-param),
 *                   freed by rung_error_free. Strings read from it live as
 *                   long as the error.
 *   - rung_buf      filled by rung_evaluate (and the warnings of
 *                   rung_evaluate_with_warnings), its bytes freed by
 *                   rung_buf_dispose.
 *   Every free function accepts NULL. Input pointers are borrowed for the
 *   duration of the call only.
 *
 * Threads: an engine is immutable once built; any number of threads may
 * call rung_evaluate on one engine at once. Errors and buffers belong to the
 * thread that received them (no global last-error: each call returns its own).
 *
 * No C++ exception crosses this boundary: anything unexpected becomes an
 * error with code RUNG_E_INTERNAL.
 */
#ifndef RUNG_H
#define RUNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this header; rung_version_number() is the library's. */
#define RUNG_VERSION_MAJOR 0
#define RUNG_VERSION_MINOR 7
#define RUNG_VERSION_PATCH 0
#define RUNG_VERSION_NUMBER (RUNG_VERSION_MAJOR * 1000000 + RUNG_VERSION_MINOR * 1000 + RUNG_VERSION_PATCH)

#if defined(_WIN32)
#  if defined(RUNG_BUILDING)
#    define RUNG_API __declspec(dllexport)
#  elif defined(RUNG_STATIC)
#    define RUNG_API
#  else
#    define RUNG_API __declspec(dllimport)
#  endif
#else
#  define RUNG_API __attribute__((visibility("default")))
#endif

/* One parsed and indexed framework. Free with rung_engine_free; immutable;
 * share it between threads freely. */
typedef struct rung_engine rung_engine;

/* What went wrong in one call. Free with rung_error_free; not shared. */
typedef struct rung_error rung_error;

/* Bytes owned by the caller after a successful call: `data` holds `size`
 * bytes followed by a NUL. Release with rung_buf_dispose. */
typedef struct rung_buf {
  char* data;
  size_t size;
} rung_buf;

/* Result codes. RUNG_OK is 0; the input errors (the codes of a rung.error/1
 * document: rung_schema("error/1"), docs/documents.md) come next; then
 * misuse and internal failure. */
typedef enum rung_code {
  RUNG_OK = 0,
  RUNG_E_PARSE = 1,             /* "parse_error" */
  RUNG_E_TYPE = 2,              /* "type_error" */
  RUNG_E_MISSING_FIELD = 3,     /* "missing_field" */
  RUNG_E_UNKNOWN_FIELD = 4,     /* "unknown_field" */
  RUNG_E_UNKNOWN_REFERENCE = 5, /* "unknown_reference" */
  RUNG_E_INVALID_DATE = 6,      /* "invalid_date" */
  RUNG_E_INVALID_VALUE = 7,     /* "invalid_value" */
  RUNG_E_DUPLICATE_ID = 8,      /* "duplicate_id" */
  RUNG_E_INVALID_MOVE = 9,      /* "invalid_move" */
  RUNG_E_LIMIT_EXCEEDED = 10,   /* "limit_exceeded" */
  RUNG_E_ARGUMENT = 100,        /* "invalid_argument": NULL or unknown option; a caller's bug */
  RUNG_E_INTERNAL = 101         /* "internal": no input should cause it */
} rung_code;

/* Output formats for rung_evaluate. New formats get new numbers; an unknown
 * number is RUNG_E_ARGUMENT, so old libraries refuse new formats cleanly. */
typedef enum rung_format {
  RUNG_FORMAT_JSON = 0,         /* the report on one line (as `rung batch`): rung.report/1 or /2, as the framework */
  RUNG_FORMAT_JSON_PRETTY = 1,  /* indented by 2 (as `rung evaluate --format json`) */
  RUNG_FORMAT_TEXT = 2,         /* the terminal view, without colours (UTF-8 text) */
  RUNG_FORMAT_MARKDOWN = 3,     /* the promotion case as Markdown */
  RUNG_FORMAT_HTML = 4,         /* the promotion case as one self-contained HTML page with an SVG timeline */
  RUNG_FORMAT_ICS = 5           /* the follow-up calendar, RFC 5545 (CRLF line endings) */
} rung_format;

/* The library's version, "MAJOR.MINOR.PATCH"; static, do not free. */
RUNG_API const char* rung_version(void);

/* The library's RUNG_VERSION_NUMBER, to check against the header's. */
RUNG_API int rung_version_number(void);

/* The example framework compiled into the library (examples/framework.json):
 * static bytes, do not free. `*len` receives their length when len != NULL. */
RUNG_API const char* rung_example_framework(size_t* len);

/*
 * The JSON Schema (draft 2020-12) of a document format, compiled into the
 * library: static NUL-terminated UTF-8 text, do not free; NULL for an
 * unknown name or NULL. Names: "framework/1", "framework/2", "case/1",
 * "case/2", "report/1", "report/2", "error/1"; a document's `schema` value
 * ("rung.case/2") works too. The same bytes as the files installed in
 * share/rung/schemas and printed by `rung schema NAME`; docs/documents.md
 * is their field reference. Thread-safe. Since 0.5.
 */
RUNG_API const char* rung_schema(const char* name);

/*
 * Parses and indexes a framework document (`rung.framework/1` or `/2`; the
 * framework decides the version of every report).
 * @param[out] out  the new engine on success (caller owns: rung_engine_free),
 *                  NULL on failure.
 * @param framework_json, len  the document's bytes, borrowed.
 * @param[out] err  on failure, when err != NULL: a new error (caller owns:
 *                  rung_error_free); NULL on success.
 * @return RUNG_OK or the error's code.
 * Thread-safe.
 */
RUNG_API int rung_engine_new(rung_engine** out, const char* framework_json, size_t len, rung_error** err);

/* Frees an engine; accepts NULL. No call may be using it. */
RUNG_API void rung_engine_free(rung_engine* engine);

/*
 * Evaluates one case document (`rung.case/1`, or `/2` against a /2 framework)
 * against the engine's framework.
 * @param[out] out  on success the report in `format` (caller owns:
 *                  rung_buf_dispose); {NULL, 0} on failure.
 * @param engine    borrowed; may be shared with other threads.
 * @param case_json, len  the case's bytes, borrowed.
 * @param format    a rung_format.
 * @param[out] err  on failure, when err != NULL: a new error (caller owns:
 *                  rung_error_free); NULL on success.
 * @return RUNG_OK or the error's code.
 * Thread-safe.
 */
RUNG_API int rung_evaluate(rung_buf* out, const rung_engine* engine, const char* case_json, size_t len, int format,
                           rung_error** err);

/*
 * Options for rung_evaluate_with, set by name, so that later options need no
 * new entry point (as DuckDB's configuration and zstd's parameters). An
 * options object is not shared between threads while it is being set;
 * once set, any number of evaluations may read it at the same time.
 * Since 0.4.
 */
typedef struct rung_options rung_options;

/* A new options object with every option at its default (caller owns:
 * rung_options_free). @return RUNG_OK, or RUNG_E_ARGUMENT for a NULL out. */
RUNG_API int rung_options_new(rung_options** out, rung_error** err);

/*
 * Sets one option by name; both strings borrowed. Known options:
 *   "audience": "full" (default), "employee", "manager" or "committee" —
 *               who the report is for (docs/privacy.md); anything but
 *               "full" needs a rung.framework/2 engine.
 *   "strict":   "false" (default) or "true" — strict mode (docs/rules.md,
 *               "Warnings and strict mode"): the first member of a document
 *               that the contract does not name (a typo such as
 *               "assesments"; never a member named "x-...") is the error
 *               RUNG_E_UNKNOWN_FIELD at its path instead of a warning. It is
 *               found after every other error of its document, and the
 *               framework's comes before the case's. An engine keeps its
 *               framework's unknown members, so a strict evaluation on an
 *               engine built without strict mode still reports them first;
 *               rung_engine_new_with refuses them at once.
 * @return RUNG_OK, or RUNG_E_ARGUMENT for an unknown name or value (the
 *         message lists what is allowed); the options are then unchanged.
 */
RUNG_API int rung_options_set(rung_options* options, const char* name, const char* value, rung_error** err);

/* Frees an options object; accepts NULL. */
RUNG_API void rung_options_free(rung_options* options);

/*
 * rung_evaluate with options; `options` borrowed, NULL for the defaults
 * (then exactly rung_evaluate). An audience other than "full" asked of a
 * rung.framework/1 engine is RUNG_E_ARGUMENT, with a message that says how
 * to move the framework to /2. Thread-safe. Since 0.4.
 */
RUNG_API int rung_evaluate_with(rung_buf* out, const rung_engine* engine, const char* case_json, size_t len,
                                int format, const rung_options* options, rung_error** err);

/*
 * rung_engine_new with options; `options` borrowed, NULL for the defaults
 * (then exactly rung_engine_new). With "strict", a framework naming a member
 * the contract does not name is RUNG_E_UNKNOWN_FIELD. The audience is not
 * the engine's: each evaluation takes its own. Thread-safe. Since 0.5.
 */
RUNG_API int rung_engine_new_with(rung_engine** out, const char* framework_json, size_t len,
                                  const rung_options* options, rung_error** err);

/*
 * rung_evaluate_with, and the warnings: every member of the framework and of
 * the case that the contract does not name, as a JSON array on one line,
 *   [{"document":"framework"|"case","code":"unknown_member","path":POINTER}, ...]
 * framework first, each document in text order, at most 100; "[]" when
 * none. It is the `warnings` list of a rung.report/2, given here for either
 * report version and every format (a rung.report/1 has no such member).
 * @param[out] warnings  on success the array (caller owns: rung_buf_dispose);
 *                       {NULL, 0} on failure. NULL: exactly rung_evaluate_with.
 * Other parameters and the result as rung_evaluate_with. Thread-safe. Since 0.5.
 */
RUNG_API int rung_evaluate_with_warnings(rung_buf* out, rung_buf* warnings, const rung_engine* engine,
                                         const char* case_json, size_t len, int format, const rung_options* options,
                                         rung_error** err);

/* Frees the bytes of a buffer and resets it to {NULL, 0}; accepts NULL. */
RUNG_API void rung_buf_dispose(rung_buf* buf);

/* The error's code (a rung_code); RUNG_E_ARGUMENT for a NULL error. */
RUNG_API int rung_error_code(const rung_error* err);

/* The contract's name of the code: "invalid_date", ..., "invalid_argument",
 * "internal". The strings below are owned by the error and NUL-terminated;
 * for a NULL error they are "". */
RUNG_API const char* rung_error_code_name(const rung_error* err);

/* "framework" or "case": which document was wrong; "" when neither. */
RUNG_API const char* rung_error_document(const rung_error* err);

/* JSON Pointer (RFC 6901) to the offending value; "" for the whole document.
 * A member name holding a NUL character ends this C string early;
 * rung_error_json has the whole path, escaped. */
RUNG_API const char* rung_error_path(const rung_error* err);

/* A sentence for people. */
RUNG_API const char* rung_error_message(const rung_error* err);

/* The whole error as a `rung.error/1` document on one line. */
RUNG_API const char* rung_error_json(const rung_error* err);

/* Frees an error; accepts NULL. */
RUNG_API void rung_error_free(rung_error* err);

#ifdef __cplusplus
}
#endif

#endif /* RUNG_H */
