# SPDX-License-Identifier: MIT
# Installs rung into a temporary prefix, checks what is there, then builds
# and runs the consumers of examples/embed against it: with find_package(rung)
# and with pkg-config (shared, and fully static with --static).
# cmake -DBUILD=build -DSOURCE=repo -DWORK=scratch -DGENERATOR=Ninja -P capi_install_test.cmake
file(REMOVE_RECURSE ${WORK})
set(prefix ${WORK}/prefix)

include(${CMAKE_CURRENT_LIST_DIR}/consumer.cmake)

run(${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(f bin/rung include/rung.h include/rung/evaluate.hpp lib/cmake/rung/rungConfig.cmake
          lib/cmake/rung/rungConfigVersion.cmake lib/pkgconfig/rung.pc lib/librung.a
          share/doc/rung/LICENSE share/doc/rung/README.md share/man/man1/rung.1
          share/bash-completion/completions/rung share/rung/examples/framework.json
          share/rung/examples/framework-v2.json)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
# The schemas, as they are in the repository.
foreach(name framework-1 framework-2 case-1 case-2 report-1 report-2 error-1)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${prefix}/share/rung/schemas/${name}.schema.json
                  ${SOURCE}/schemas/${name}.schema.json RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "not installed as in schemas/: share/rung/schemas/${name}.schema.json")
  endif()
endforeach()
file(GLOB sonames ${prefix}/lib/librung.so.*)
if(NOT sonames)
  message(FATAL_ERROR "no versioned librung.so installed")
endif()
file(READ ${prefix}/share/doc/rung/LICENSE licence)
if(NOT licence MATCHES "^MIT License")
  message(FATAL_ERROR "share/doc/rung/LICENSE is not the MIT licence")
endif()
run(${prefix}/bin/rung --version)
if(NOT last_output MATCHES "^rung [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  message(FATAL_ERROR "installed rung --version: ${last_output}")
endif()
run(${prefix}/bin/rung check-framework ${prefix}/share/rung/examples/framework-v2.json)

# 1. find_package(rung)
run(${CMAKE_COMMAND} -S ${SOURCE}/examples/embed -B ${WORK}/cmake -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK}/cmake)
check_consumer(${WORK}/cmake/embed_c)
check_consumer(${WORK}/cmake/embed_c_static)
check_consumer(${WORK}/cmake/embed_cpp)
run(${WORK}/cmake/embed_cpp ${SOURCE}/examples/close.json)
if(NOT last_output MATCHES "eligible from 2027-01-31")
  message(FATAL_ERROR "embed_cpp: header-only rules\n${last_output}")
endif()

# 2. pkg-config
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(${PKG_CONFIG} --cflags --libs rung)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
find_program(CC NAMES cc gcc REQUIRED)
run(${CC} -std=c99 -Wall -Werror ${SOURCE}/examples/embed/main.c ${flags} -Wl,-rpath,${prefix}/lib -o ${WORK}/pkgconfig_c)
check_consumer(${WORK}/pkgconfig_c)
# --static: everything librung.a needs is in Libs.private, so that a C
# program links with no shared library at all.
run(${PKG_CONFIG} --static --cflags --libs rung)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CC} -std=c99 -Wall -Werror ${SOURCE}/examples/embed/main.c ${flags} -static -o ${WORK}/pkgconfig_c_static)
check_consumer(${WORK}/pkgconfig_c_static)
run(readelf -d ${WORK}/pkgconfig_c_static)
if(last_output MATCHES "NEEDED")
  message(FATAL_ERROR "the static consumer needs shared libraries:\n${last_output}")
endif()
message(STATUS "installed tree works with find_package and pkg-config (shared and static)")
