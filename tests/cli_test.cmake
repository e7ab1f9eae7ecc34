# SPDX-License-Identifier: MIT
# The command line (docs/rung.1): exit codes, the built-in framework, byte-identical
# output across processes, and the error document on bad input.
# cmake -DRUNG=path/to/rung -DSOURCE=repo -DWORK=scratch -P cli_test.cmake
file(MAKE_DIRECTORY ${WORK})

include(${CMAKE_CURRENT_LIST_DIR}/cli_support.cmake)

# Each example evaluates with exit 0; the built-in framework is examples/framework.json.
foreach(example ready close blocked)
  run(0 builtin evaluate ${SOURCE}/examples/${example}.json)
  run(0 explicit evaluate --framework ${SOURCE}/examples/framework.json ${SOURCE}/examples/${example}.json)
  if(NOT builtin STREQUAL explicit)
    message(FATAL_ERROR "${example}: the built-in framework differs from examples/framework.json")
  endif()
  expect_member("${builtin}" "rung.report/1" schema)
endforeach()
run(0 ready evaluate ${SOURCE}/examples/ready.json)
expect_member("${ready}" ready verdict)
run(0 close evaluate ${SOURCE}/examples/close.json)
expect_member("${close}" close verdict)
run(0 blocked evaluate ${SOURCE}/examples/blocked.json)
expect_member("${blocked}" blocked verdict)

# Two processes, byte-identical output.
execute_process(COMMAND ${RUNG} evaluate ${SOURCE}/examples/close.json OUTPUT_FILE ${WORK}/a.json)
execute_process(COMMAND ${RUNG} evaluate ${SOURCE}/examples/close.json OUTPUT_FILE ${WORK}/b.json)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/a.json ${WORK}/b.json RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "two runs on the same case differ")
endif()

# Standard input.
execute_process(COMMAND ${RUNG} evaluate - INPUT_FILE ${SOURCE}/examples/close.json OUTPUT_VARIABLE stdin_out
                RESULT_VARIABLE status)
file(READ ${WORK}/a.json file_out)
if(NOT status EQUAL 0 OR NOT stdin_out STREQUAL file_out)
  message(FATAL_ERROR "evaluate - differs from evaluate FILE")
endif()

# An input error: exit 1 and one error document with its JSON Pointer.
file(WRITE ${WORK}/bad.json [[{"schema": "rung.case/1", "as_of": "2026-02-30", "employee": {"id": "e", "level": "E3"}}]])
run(1 bad evaluate ${WORK}/bad.json)
expect_member("${bad}" "rung.error/1" schema)
expect_member("${bad}" invalid_date code)
expect_member("${bad}" "/as_of" path)
expect_member("${bad}" case document)

# A bad framework: exit 1 with the framework's error document.
file(WRITE ${WORK}/bad-framework.json [[{"schema": "rung.framework/1", "id": "x", "scale": ["a"], "competencies": [], "levels": []}]])
run(1 badfw evaluate --framework ${WORK}/bad-framework.json ${SOURCE}/examples/close.json)
expect_member("${badfw}" framework document)
expect_member("${badfw}" invalid_value code)
expect_member("${badfw}" "/scale" path)

# Usage and I/O errors: exit 2.
run(2 ignored evaluate ${WORK}/does-not-exist.json)
run(2 ignored evaluate)
run(2 ignored frobnicate)

# check-framework: a summary, or the error document.
run(0 summary check-framework --as-of 2026-11-23 ${SOURCE}/examples/framework.json)
if(NOT summary MATCHES "framework acme-eng: valid" OR NOT summary MATCHES "cycles ahead of 2026-11-23: 3")
  message(FATAL_ERROR "check-framework summary:\n${summary}")
endif()
run(1 badsummary check-framework ${WORK}/bad-framework.json)
expect_member("${badsummary}" invalid_value code)

# The README's report excerpt is the real output of `bash scripts/demo`.
file(READ ${SOURCE}/README.md readme)
string(FIND "${readme}" "```json\n" start)
string(FIND "${readme}" "\n```\n\nOther examples" stop)
math(EXPR start "${start} + 8")
math(EXPR length "${stop} - ${start} + 1")
string(SUBSTRING "${readme}" ${start} ${length} excerpt)
run(0 demo evaluate ${SOURCE}/examples/close.json)
if(NOT excerpt STREQUAL demo)
  message(FATAL_ERROR "README's report excerpt differs from `rung evaluate examples/close.json`")
endif()

# batch: one line out per non-blank line in, in order; a bad line yields its
# error document with its 1-based line number (blank lines count), and the
# exit status 1 once any line was an input error.
file(READ ${SOURCE}/examples/ready.json ready_text)
file(READ ${SOURCE}/examples/blocked.json blocked_text)
string(REPLACE "\n" "" ready_line "${ready_text}")
string(REPLACE "\n" "" blocked_line "${blocked_text}")
file(WRITE ${WORK}/in.jsonl "${ready_line}\n\n{\"schema\": \"rung.case/1\"\n${blocked_line}\n")
foreach(threads 1 3)
  execute_process(COMMAND ${RUNG} batch --threads ${threads} ${WORK}/in.jsonl
                  OUTPUT_VARIABLE batch_out ERROR_VARIABLE batch_err RESULT_VARIABLE status)
  if(NOT status EQUAL 1)
    message(FATAL_ERROR "batch: exit ${status}\n${batch_err}")
  endif()
  string(REGEX REPLACE "\n$" "" batch_out "${batch_out}")
  string(REPLACE "\n" ";" batch_lines "${batch_out}")
  list(LENGTH batch_lines n)
  if(NOT n EQUAL 3)
    message(FATAL_ERROR "batch: ${n} lines, expected 3\n${batch_out}")
  endif()
  list(GET batch_lines 0 first)
  list(GET batch_lines 1 second)
  list(GET batch_lines 2 third)
  expect_member("${first}" ready verdict)
  expect_member("${second}" parse_error code)
  expect_member("${second}" 3 line)
  expect_member("${third}" blocked verdict)
  if(NOT batch_err MATCHES "3 cases \\(ready 1, close 0, not_ready 0, blocked 1, no_target 0\\), 1 errors")
    message(FATAL_ERROR "batch summary: ${batch_err}")
  endif()
endforeach()

# schema: each compiled-in schema is its file's bytes; no name lists them; an
# unknown name is a usage error that lists them too.
run(0 names schema)
if(NOT names STREQUAL "framework/1\nframework/2\ncase/1\ncase/2\nreport/1\nreport/2\nerror/1\n")
  message(FATAL_ERROR "rung schema: ${names}")
endif()
foreach(name framework-1 framework-2 case-1 case-2 report-1 report-2 error-1)
  string(REPLACE "-" "/" short ${name})
  execute_process(COMMAND ${RUNG} schema ${short} OUTPUT_FILE ${WORK}/${name}.json RESULT_VARIABLE status)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/${name}.json
                  ${SOURCE}/schemas/${name}.schema.json RESULT_VARIABLE differ)
  if(NOT status EQUAL 0 OR differ)
    message(FATAL_ERROR "rung schema ${short}: exit ${status}, differs from schemas/${name}.schema.json: ${differ}")
  endif()
endforeach()
execute_process(COMMAND ${RUNG} schema case/3 RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2 OR NOT out STREQUAL "" OR NOT err MATCHES "no schema named \"case/3\".*\ncase/2\n")
  message(FATAL_ERROR "rung schema case/3: exit ${status}\n${out}\n${err}")
endif()
# Every line a report: exit 0.
file(WRITE ${WORK}/good.jsonl "${ready_line}\n\n${blocked_line}\n")
run(0 good_batch batch --no-progress ${WORK}/good.jsonl)

# --version and -V: "rung MAJOR.MINOR.PATCH" as capi/rung.h defines it.
file(STRINGS ${SOURCE}/capi/rung.h version_lines REGEX "^#define RUNG_VERSION_(MAJOR|MINOR|PATCH) ")
foreach(line IN LISTS version_lines)
  string(REGEX MATCH "RUNG_VERSION_([A-Z]+) ([0-9]+)" _ "${line}")
  set(version_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
endforeach()
foreach(flag --version -V)
  run(0 version ${flag})
  if(NOT version STREQUAL "rung ${version_MAJOR}.${version_MINOR}.${version_PATCH}\n")
    message(FATAL_ERROR "rung ${flag}: '${version}'")
  endif()
endforeach()
