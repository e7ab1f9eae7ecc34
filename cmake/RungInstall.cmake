# SPDX-License-Identifier: MIT
# cmake --install (RUNG_INSTALL): the command line, headers, the C
# libraries, rungConfig.cmake with its version file and exported targets,
# rung.pc for pkg-config, and under share/ the licence, the man page, bash
# completion and the example framework.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(FILES capi/rung.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The header-only domain (vocabulary types and rules). engine.hpp stays
# behind: its implementation is not exported from the C library.
install(DIRECTORY include/rung DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "engine.hpp" EXCLUDE)

install(TARGETS rung_headers rung rung_static EXPORT rung-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set_target_properties(rung_headers PROPERTIES EXPORT_NAME headers)
set_target_properties(rung_static PROPERTIES EXPORT_NAME rung_static)

set(RUNG_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rung)
install(EXPORT rung-targets NAMESPACE rung:: DESTINATION ${RUNG_CMAKE_DIR})
configure_package_config_file(cmake/rungConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/rungConfig.cmake
                              INSTALL_DESTINATION ${RUNG_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/rungConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rungConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/rungConfigVersion.cmake
        DESTINATION ${RUNG_CMAKE_DIR})

file(RELATIVE_PATH RUNG_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" RUNG_PC_TO_PREFIX "${RUNG_PC_TO_PREFIX}")
configure_file(cmake/rung.pc.in ${CMAKE_CURRENT_BINARY_DIR}/rung.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rung.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The documents' JSON Schemas, the same bytes as rung_schema() returns.
install(DIRECTORY schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rung/schemas FILES_MATCHING PATTERN "*.schema.json")

if(RUNG_BUILD_CLI)
  install(TARGETS rung_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES docs/rung.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES scripts/completion/rung.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME rung)
endif()
install(FILES LICENSE README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES examples/framework.json examples/framework-v2.json DESTINATION ${CMAKE_INSTALL_DATADIR}/rung/examples)
