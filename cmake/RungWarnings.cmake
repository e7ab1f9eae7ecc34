# SPDX-License-Identifier: MIT
# rung_warnings(target): -Wall -Wextra -Wpedantic on rung's own code, and
# -Werror when RUNG_WERROR is on (CI turns it on through the presets).
option(RUNG_WERROR "Treat warnings as errors" OFF)

function(rung_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports std::string concatenation at -O3 as overlapping memcpy
    # (GCC bug 105329, a false positive fixed in GCC 13).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(RUNG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
