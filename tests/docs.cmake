# The examples shown in README.md and docs/*.md are docs/examples/*.cpp (C++ API) and *.c (the
# Mbed TLS 2.28 C API, strict C99): built here with -Wall -Wextra -Werror whatever EMBER_WERROR
# says (a warning in an example fails the build), and the test docs_examples checks that the
# documents show them verbatim and that they work.
file(GLOB EMBER_DOC_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/examples/*.cpp)
foreach(example ${EMBER_DOC_EXAMPLES})
  get_filename_component(name ${example} NAME_WE)
  add_executable(example_${name} ${example})
  target_link_libraries(example_${name} PRIVATE embertls)
  target_compile_options(example_${name} PRIVATE -Wall -Wextra -Werror)
  set_target_properties(example_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                        ${PROJECT_BINARY_DIR}/docs_examples)
endforeach()
file(GLOB EMBER_DOC_C_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/examples/*.c)
foreach(example ${EMBER_DOC_C_EXAMPLES})
  get_filename_component(name ${example} NAME_WE)
  add_executable(example_${name} ${example})
  target_link_libraries(example_${name} PRIVATE ember_compat)
  set_target_properties(example_${name} PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON
                        C_EXTENSIONS OFF RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/docs_examples)
  target_compile_options(example_${name} PRIVATE -Wall -Wextra -pedantic -Werror)
endforeach()
if(EMBER_BUILD_PROGRAMS)
  add_test(NAME docs_examples
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/docs_examples.sh ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR})
  set_tests_properties(docs_examples PROPERTIES LABELS docs TIMEOUT 60)
endif()

# The README's interop counts are the registered interop tests (all of them: programs built and
# EMBER_INTEROP12 on, its default; interop_tls12.cmake defines it after this file).
if(EMBER_BUILD_PROGRAMS AND (NOT DEFINED EMBER_INTEROP12 OR EMBER_INTEROP12))
  add_test(NAME readme_interop_counts
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/readme_counts.sh ${PROJECT_SOURCE_DIR}/README.md
                   ${CMAKE_CTEST_COMMAND} ${PROJECT_BINARY_DIR})
  set_tests_properties(readme_interop_counts PROPERTIES LABELS docs)
endif()
