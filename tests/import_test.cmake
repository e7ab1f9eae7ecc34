# SPDX-License-Identifier: MIT
# rung import ft|monzo (docs/import.md): each importer's output is the
# hand-checked framework in tests/import/expected, the same bytes on every
# run, valid for check-framework, and evaluates a /2 case worked by hand;
# bad input gives the error document with its path, line and column.
# cmake -DRUNG=path/to/rung -DSOURCE=repo -DWORK=scratch -P import_test.cmake
cmake_policy(VERSION 3.25)  # lists keep their empty items (an empty path)
file(MAKE_DIRECTORY ${WORK})
set(DIR ${SOURCE}/tests/import)

include(${CMAKE_CURRENT_LIST_DIR}/cli_support.cmake)

# Each test file: the expected framework byte for byte, twice, and valid.
foreach(item "ft;ft-harbour.yml;harbour-engineering" "monzo;monzo-tooling.md;engineering-tooling"
             "monzo;monzo-kiln.md;design-kiln")
  list(GET item 0 format)
  list(GET item 1 file)
  list(GET item 2 id)
  get_filename_component(stem ${file} NAME_WE)
  foreach(n 1 2)
    execute_process(COMMAND ${RUNG} import ${format} ${DIR}/${file} RESULT_VARIABLE status
                    OUTPUT_FILE ${WORK}/${stem}-${n}.json ERROR_VARIABLE warnings)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "import ${format} ${file}: exit ${status}\n${warnings}")
    endif()
  endforeach()
  foreach(n 1 2)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/${stem}-${n}.json ${DIR}/expected/${stem}.json
                    RESULT_VARIABLE differ)
    if(differ)
      message(FATAL_ERROR "import ${format} ${file} (run ${n}) differs from tests/import/expected/${stem}.json")
    endif()
  endforeach()
  run(0 summary check-framework ${WORK}/${stem}-1.json)
  expect_match("${summary}" "framework ${id}: valid" "check-framework ${stem}")
  set(${stem}_warnings "${warnings}")
endforeach()

# The choices are warnings on standard error, one a line.
expect_match("${ft-harbour_warnings}" "rung import ft: trunk: associate, engineer \\(below" "ft trunk")
expect_match("${ft-harbour_warnings}" "gates: application for lead-pm, staff-ic, staff-pm, head " "ft gates")
expect_match("${ft-harbour_warnings}" "level head: no -ic or -pm ending, above the split: on the people-manager track pm"
             "ft head")
expect_match("${ft-harbour_warnings}" "level engineer, theme delivery: statements from Foundational to Working knowledge"
             "ft highest proficiency")
expect_match("${ft-harbour_warnings}" "examples: 1 dropped" "ft examples")
expect_match("${monzo-tooling_warnings}" "levels: the page shows 3 but has statements up to level 4" "monzo levels")
expect_match("${monzo-tooling_warnings}" "topic \"reliability\": no title, so named \"Reliability\"" "monzo title")
expect_match("${monzo-kiln_warnings}" "line 10: text outside any \"### Topic\" section" "monzo introduction")

# Standard input, as a file.
execute_process(COMMAND ${RUNG} import ft - INPUT_FILE ${DIR}/ft-harbour.yml OUTPUT_VARIABLE stdin_out
                ERROR_QUIET RESULT_VARIABLE status)
file(READ ${DIR}/expected/ft-harbour.json expected)
if(NOT status EQUAL 0 OR NOT stdin_out STREQUAL expected)
  message(FATAL_ERROR "import ft - differs from import ft FILE")
endif()

# A /2 case against each imported framework (worked by hand in docs/import.md).
run(0 ready evaluate --framework ${WORK}/ft-harbour-1.json --format json ${DIR}/ft-harbour-case.json)
expect_member("${ready}" ready verdict)
expect_member("${ready}" lead-ic move to)
expect_member("${ready}" open move gate)
expect_member("${ready}" 1 coverage)
file(READ ${DIR}/ft-harbour-case.json case_text)
string(REPLACE "\"track\": \"ic\"," "" no_track "${case_text}")
file(WRITE ${WORK}/no-track.json "${no_track}")
run(0 choose evaluate --framework ${WORK}/ft-harbour-1.json --format json ${WORK}/no-track.json)
expect_member("${choose}" no_target verdict)
expect_member("${choose}" choose_track signals 0 id)
string(REPLACE "\"track\": \"ic\"," "\"track\": \"ic\", \"target\": \"lead-pm\"," to_pm "${case_text}")
file(WRITE ${WORK}/to-pm.json "${to_pm}")
run(0 gated evaluate --framework ${WORK}/ft-harbour-1.json --format json ${WORK}/to-pm.json)
expect_member("${gated}" application move gate)
expect_member("${gated}" gated_move signals 1 id)
run(0 close evaluate --framework ${WORK}/monzo-kiln-1.json --format json ${DIR}/monzo-kiln-case.json)
expect_member("${close}" close verdict)
expect_member("${close}" 0.75 coverage)
expect_member("${close}" 0.5 expectations 0 credit)

# The YAML escapes \_ and \N are U+00A0 and U+0085 in UTF-8: yaml-cpp 0.7
# gives single bytes, which made a framework no JSON reader takes
# (found by fuzz/fuzz_import.cpp). The expected name holds both characters.
file(READ ${DIR}/monzo-kiln.md kiln)
string(REPLACE "title: \"🏺 Kiln Design Framework\"" "title: \"Kiln\\_Design\\N\"" escaped "${kiln}")
file(WRITE ${WORK}/monzo-escapes.md "${escaped}")
run(0 escapes import monzo ${WORK}/monzo-escapes.md)
file(WRITE ${WORK}/monzo-escapes.json "${escapes}")
run(0 checked check-framework ${WORK}/monzo-escapes.json)
expect_member("${escapes}" "Kiln Design" name)

# --id and --gate decide instead of the importer.
run(0 gate import ft --id harbour --gate lead-ic=vacancy --gate head=open ${DIR}/ft-harbour.yml)
expect_member("${gate}" harbour id)
expect_member("${gate}" vacancy levels 2 gate)
expect_member("${gate}" open levels 6 gate)
expect_match("${gate_err}" "level lead-ic: gate vacancy \\(--gate\\), not open" "--gate warning")
run(0 gate import monzo --gate L2=application ${DIR}/monzo-kiln.md)
expect_member("${gate}" application levels 1 gate)

# Usage and I/O errors: exit 2, nothing on standard output.
foreach(args "ft;--gate;nowhere=open;${DIR}/ft-harbour.yml" "ft;--gate;lead-ic=shut;${DIR}/ft-harbour.yml"
             "ft;--gate;lead-ic;${DIR}/ft-harbour.yml" "ft;${WORK}/does-not-exist.yml" "yaml;${DIR}/ft-harbour.yml"
             "ft")
  run(2 usage import ${args})
  if(NOT usage STREQUAL "")
    message(FATAL_ERROR "import ${args}: a usage error wrote to standard output\n${usage}")
  endif()
endforeach()

# Bad input: exit 1 and one error document (format, code, path, line, column),
# each position counted by hand in the file. Each run is stopped after 10 s:
# the stray commas once made the YAML reader loop, allocating without end.
set(RUNG_RUN_TIMEOUT 10)
foreach(item
    "ft;ft-syntax.yml;parse_error;;4;20"
    "ft;ft-proficiency.yml;invalid_value;/competencies/1/proficiency;16;18"
    "ft;ft-unknown-theme.yml;unknown_reference;/competencies/0/theme;10;12"
    "ft;ft-typo.yml;unknown_field;/competencies/0/sumary;11;5"
    "ft;ft-no-levels.yml;missing_field;/levels;1;1"
    "ft;ft-duplicate-level.yml;duplicate_id;/levels/1/id;5;9"
    "ft;ft-not-utf8.yml;parse_error;;3;12"
    "ft;ft-stray-comma.yml;parse_error;;3;10"
    "monzo;monzo-no-front-matter.md;parse_error;;1;1"
    "monzo;monzo-unclosed.md;parse_error;;1;1"
    "monzo;monzo-level-word.md;type_error;/topics/0/content/0/level;10;16"
    "monzo;monzo-heading.md;invalid_value;;12;1"
    "monzo;monzo-stray-comma.md;parse_error;;2;9")
  list(GET item 0 format)
  list(GET item 1 file)
  list(GET item 2 code)
  list(GET item 3 path)
  list(GET item 4 line)
  list(GET item 5 column)
  run(1 bad import ${format} ${DIR}/bad/${file})
  expect_member("${bad}" rung.error/1 schema)
  expect_member("${bad}" ${format} document)
  expect_member("${bad}" ${code} code)
  expect_member("${bad}" "${path}" path)
  expect_member("${bad}" ${line} line)
  expect_member("${bad}" ${column} column)
endforeach()

# A message of the YAML reader that quotes one byte of a character says
# U+FFFD instead (the error document stays UTF-8; fuzz/fuzz_import.cpp).
run(1 bad import ft ${DIR}/bad/ft-bad-escape.yml)
expect_member("${bad}" parse_error code)
expect_member("${bad}" 3 line)
expect_member("${bad}" "not YAML: unknown escape character: �" message)
