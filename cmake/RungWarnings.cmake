# rung_warnings(target): -Wall -Wextra -Wpedantic on rung's own code, and
# -Werror when RUNG_WERROR is on (CI turns it on through the presets).
option(RUNG_WERROR "Treat warnings as errors" OFF)

function(rung_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(RUNG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
