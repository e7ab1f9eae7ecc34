# SPDX-License-Identifier: MIT
# RUNG_SANITIZE: a list of sanitizers for every target, e.g. "address;undefined".
set(RUNG_SANITIZE "" CACHE STRING "Sanitizers to build with (address;undefined or thread)")

if(RUNG_SANITIZE)
  list(JOIN RUNG_SANITIZE "," _rung_sanitizers)
  add_compile_options(-fsanitize=${_rung_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_rung_sanitizers})
endif()
