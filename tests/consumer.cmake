# SPDX-License-Identifier: MIT
# For the scripts that build consumers of rung (capi_install_test.cmake,
# cmake_subproject_test.cmake): run(COMMAND...) and check_consumer(EXE).
# They read SOURCE (the repository) and WORK (a scratch folder).

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${ARGN}: exit ${status}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# A consumer evaluates the example case (exit 0, a report) and handles a bad one (exit 1, the path).
function(check_consumer exe)
  run(${exe} ${SOURCE}/examples/close.json)
  if(NOT last_output MATCHES "\"verdict\": ?\"close\"")
    message(FATAL_ERROR "${exe}: no report\n${last_output}")
  endif()
  file(WRITE ${WORK}/bad.json [[{"schema": "rung.case/1", "as_of": "2026-11-23", "employee": {"id": "e", "level": "E9"}}]])
  execute_process(COMMAND ${exe} ${WORK}/bad.json RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT status EQUAL 1 OR NOT err MATCHES "unknown_reference at '/employee/level'")
    message(FATAL_ERROR "${exe} on a bad case: exit ${status}: ${err}")
  endif()
endfunction()
