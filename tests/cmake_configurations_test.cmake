# SPDX-License-Identifier: MIT
# Every combination of rung's options configures as the top project, the
# build type defaults to Release only there, and a linker without GNU ld's
# --version-script and --no-undefined gets neither. Configure only: the
# subproject tests build.
# cmake -DSOURCE=repo -DWORK=scratch -DGENERATOR=Ninja -DCXX=c++ -P cmake_configurations_test.cmake
file(REMOVE_RECURSE ${WORK})

# configure(NAME ARGS...): configures SOURCE into WORK/NAME, or fails the test.
function(configure name)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/${name} -G ${GENERATOR} ${ARGN}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "configure ${name} (${ARGN}): exit ${status}\n${out}\n${err}")
  endif()
endfunction()

# cached(NAME VARIABLE OUT): a variable of WORK/NAME's cache.
function(cached name variable out)
  load_cache(${WORK}/${name} READ_WITH_PREFIX cache_ ${variable})
  set(${out} "${cache_${variable}}" PARENT_SCOPE)
endfunction()

set(options RUNG_BUILD_TESTS RUNG_BUILD_CLI RUNG_BUILD_BENCH RUNG_BUILD_PYTHON RUNG_INSTALL)
set(off ${options})
list(TRANSFORM off PREPEND -D)
list(TRANSFORM off APPEND =OFF)
foreach(option IN LISTS options)
  # Each option alone, then everything but it.
  set(alone ${off})
  list(TRANSFORM alone REPLACE "^-D${option}=OFF$" "-D${option}=ON")
  configure(only-${option} ${alone})
  set(but ${off})
  list(TRANSFORM but REPLACE "=OFF$" "=ON")
  list(TRANSFORM but REPLACE "^-D${option}=ON$" "-D${option}=OFF")
  configure(without-${option} ${but})
endforeach()
configure(none ${off})

# The tests without the command line leave out what needs it.
file(READ ${WORK}/without-RUNG_BUILD_CLI/tests/CTestTestfile.cmake tests)
if(tests MATCHES "add_test\\(\\[=\\[(cli|cli_io|cli_docs|python|python_pip_install)\\]=\\]")
  message(FATAL_ERROR "without the CLI, the test ${CMAKE_MATCH_1} is still there")
endif()
if(NOT tests MATCHES "add_test\\(\\[=\\[capi\\]=\\]")
  message(FATAL_ERROR "without the CLI, the C ABI tests are gone too")
endif()

# At the top, no build type given: Release. One given: kept.
cached(none CMAKE_BUILD_TYPE type)
if(NOT type STREQUAL "Release")
  message(FATAL_ERROR "top level without a build type: '${type}', expected Release")
endif()
configure(debug ${off} -DCMAKE_BUILD_TYPE=Debug)
cached(debug CMAKE_BUILD_TYPE type)
if(NOT type STREQUAL "Debug")
  message(FATAL_ERROR "-DCMAKE_BUILD_TYPE=Debug became '${type}'")
endif()

# Without install rules, nothing to install.
if(EXISTS ${WORK}/only-RUNG_BUILD_TESTS/cmake_install.cmake)
  file(READ ${WORK}/only-RUNG_BUILD_TESTS/cmake_install.cmake install_script)
  if(install_script MATCHES "file\\(INSTALL")
    message(FATAL_ERROR "RUNG_INSTALL=OFF still installs files")
  endif()
endif()

# A linker without GNU ld's flags (as Apple's ld64): the compiler driver
# below refuses them, so the checks fail and the library links without them.
set(strict ${WORK}/strict-linker/c++)
file(WRITE ${strict} "#!/bin/sh
for arg in \"$@\"; do
  case $arg in *--version-script*|*--no-undefined*) echo \"unknown option: $arg\" >&2; exit 1 ;; esac
done
exec '${CXX}' \"$@\"
")
file(CHMOD ${strict} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
configure(strict-linker-build ${off} -DCMAKE_CXX_COMPILER=${strict})
cached(strict-linker-build RUNG_LINKER_VERSION_SCRIPT version_script)
cached(strict-linker-build RUNG_LINKER_NO_UNDEFINED no_undefined)
if(version_script OR no_undefined)
  message(FATAL_ERROR "the checks took flags the linker refuses: '${version_script}' '${no_undefined}'")
endif()
# The link commands: build.ninja (Ninja), link.txt (Makefiles).
file(GLOB_RECURSE link_files ${WORK}/strict-linker-build/build.ninja ${WORK}/strict-linker-build/link.txt)
if(NOT link_files)
  message(FATAL_ERROR "no link commands found in ${WORK}/strict-linker-build")
endif()
foreach(f IN LISTS link_files)
  file(READ ${f} text)
  if(text MATCHES "--version-script|--no-undefined")
    message(FATAL_ERROR "${f} still passes a GNU ld flag")
  endif()
endforeach()
cached(only-RUNG_BUILD_TESTS RUNG_LINKER_VERSION_SCRIPT version_script)
if(NOT version_script)
  message(FATAL_ERROR "GNU ld's --version-script was not detected with ${CXX}")
endif()
message(STATUS "every option combination configures")
