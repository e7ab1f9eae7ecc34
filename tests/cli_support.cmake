# SPDX-License-Identifier: MIT
# What the command-line tests share: include(cli_support.cmake) with RUNG set.

# Runs `rung ARGN`, fails unless it exits with `expected_status`; its stdout
# in `out_var`, its stderr in `out_var`_err. With RUNG_RUN_TIMEOUT set, a
# run that takes longer (seconds) is stopped and fails.
function(run expected_status out_var)
  set(timeout)
  if(DEFINED RUNG_RUN_TIMEOUT)
    set(timeout TIMEOUT ${RUNG_RUN_TIMEOUT})
  endif()
  execute_process(COMMAND ${RUNG} ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err ${timeout})
  if(NOT status EQUAL expected_status)
    message(FATAL_ERROR "rung ${ARGN}: exit ${status}, expected ${expected_status}\n${out}\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${out_var}_err "${err}" PARENT_SCOPE)
endfunction()

# The value at the JSON path ARGN of `json` is `expected`.
function(expect_member json expected)
  string(JSON got ERROR_VARIABLE json_error GET "${json}" ${ARGN})
  if(json_error OR NOT got STREQUAL expected)
    message(FATAL_ERROR "${ARGN}: got '${got}' (${json_error}), expected '${expected}'\n${json}")
  endif()
endfunction()

# `text` matches `regex`; `what` names it in the failure.
function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: no match for '${regex}' in\n${text}")
  endif()
endfunction()
