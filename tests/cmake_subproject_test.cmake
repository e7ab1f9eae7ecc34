# SPDX-License-Identifier: MIT
# A platform's build takes rung as a subproject (examples/subproject): with
# add_subdirectory on the checkout, or with FetchContent on an archive of it.
# Its consumers run; rung built its libraries only, left the build type
# empty and installs nothing.
# cmake -DSOURCE=repo -DWORK=scratch -DGENERATOR=Ninja -DHOW=add_subdirectory|FetchContent -P cmake_subproject_test.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
include(${CMAKE_CURRENT_LIST_DIR}/consumer.cmake)

if(HOW STREQUAL "FetchContent")
  # The sources as a release archive would hold them: the tracked files and
  # the new ones not ignored, as they are in the working tree.
  execute_process(COMMAND git -C ${SOURCE} ls-files --cached --others --exclude-standard
                  RESULT_VARIABLE status OUTPUT_VARIABLE listed ERROR_QUIET)
  if(status EQUAL 0)
    string(REPLACE "\n" ";" listed "${listed}")
  else()  # not a git checkout: everything but build trees
    file(GLOB_RECURSE listed RELATIVE ${SOURCE} ${SOURCE}/*)
    list(FILTER listed EXCLUDE REGEX "^(build|\\.git)/")
  endif()
  set(files "")
  foreach(f IN LISTS listed)
    if(f AND EXISTS ${SOURCE}/${f} AND NOT IS_DIRECTORY ${SOURCE}/${f})
      string(APPEND files "${f}\n")
    endif()
  endforeach()
  file(WRITE ${WORK}/files.txt "${files}")
  run(${CMAKE_COMMAND} -E chdir ${SOURCE} ${CMAKE_COMMAND} -E tar czf ${WORK}/rung.tar.gz --files-from=${WORK}/files.txt)
  set(where -DRUNG_URL=${WORK}/rung.tar.gz)
else()
  set(where -DRUNG_SOURCE_DIR=${SOURCE})
endif()

# No build type: the platform's choice (and the quickest build here).
run(${CMAKE_COMMAND} -S ${SOURCE}/examples/subproject -B ${WORK}/build -G ${GENERATOR} ${where})
run(${CMAKE_COMMAND} --build ${WORK}/build)
check_consumer(${WORK}/build/embed_c)
check_consumer(${WORK}/build/embed_c_static)
run(${WORK}/build/embed_cpp ${SOURCE}/examples/close.json)
if(NOT last_output MATCHES "eligible from 2027-01-31")
  message(FATAL_ERROR "embed_cpp: header-only rules\n${last_output}")
endif()

load_cache(${WORK}/build READ_WITH_PREFIX cache_ CMAKE_BUILD_TYPE RUNG_BUILD_TESTS RUNG_BUILD_CLI RUNG_BUILD_BENCH
           RUNG_BUILD_PYTHON RUNG_INSTALL)
if(cache_CMAKE_BUILD_TYPE)
  message(FATAL_ERROR "rung set the platform's build type to '${cache_CMAKE_BUILD_TYPE}'")
endif()
foreach(option RUNG_BUILD_TESTS RUNG_BUILD_CLI RUNG_BUILD_BENCH RUNG_BUILD_PYTHON RUNG_INSTALL)
  if(NOT cache_${option} STREQUAL "OFF")
    message(FATAL_ERROR "as a subproject ${option} is '${cache_${option}}', expected OFF")
  endif()
endforeach()
run(${CMAKE_COMMAND} --install ${WORK}/build --prefix ${WORK}/prefix)
file(GLOB_RECURSE installed ${WORK}/prefix/*)
if(installed)
  message(FATAL_ERROR "rung installed files from a subproject:\n${installed}")
endif()
message(STATUS "rung works as a subproject through ${HOW}")
