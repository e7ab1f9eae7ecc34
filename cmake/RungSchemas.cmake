# SPDX-License-Identifier: MIT
# The JSON Schemas of the documents (schemas/NAME-VERSION.schema.json),
# compiled into the library by RungEmbed.cmake: one copy serves the C ABI
# (rung_schema), the command line (`rung schema NAME`) and Python
# (rung.schema). Sets RUNG_SCHEMA_SOURCES, the generated files; src/schemas.cpp
# lists the same names.
set(RUNG_SCHEMAS framework-1 framework-2 case-1 case-2 report-1 report-2 error-1)
set(RUNG_SCHEMA_SOURCES)
foreach(schema IN LISTS RUNG_SCHEMAS)
  string(REPLACE "-" "_" function "schema_${schema}")
  set(input ${CMAKE_CURRENT_SOURCE_DIR}/schemas/${schema}.schema.json)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/generated/${function}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DNAME=${function}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RungEmbed.cmake
    DEPENDS ${input} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RungEmbed.cmake
    COMMENT "Embedding schemas/${schema}.schema.json")
  list(APPEND RUNG_SCHEMA_SOURCES ${output})
endforeach()
