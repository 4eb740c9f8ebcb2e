# TLS 1.3 interop tests against OpenSSL and GnuTLS: one CTest test per line of
# tests/interop/cases.txt, label "interop". Servers listen on ports the kernel picks, so
# `ctest -j` and several checkouts on one machine are safe.
# They need the ember-client and ember-server targets built, and openssl + gnutls-bin
# installed (scripts/install-deps.sh); a missing tool makes the tests FAIL, never skip.

# ember_interop_cases(FILE OUT): the case names of an interop case file (the text before the
# first '|' of each line that is not a comment). Also used by interop_tls12.cmake, which the
# sorted glob in tests/CMakeLists.txt includes after this file.
function(ember_interop_cases file out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(STRINGS ${file} lines)
  set(names)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*#" OR NOT line MATCHES "\\|")
      continue()
    endif()
    string(REGEX REPLACE "\\|.*$" "" case_name "${line}")
    string(STRIP "${case_name}" case_name)
    list(APPEND names "${case_name}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

if(NOT EMBER_BUILD_PROGRAMS)
  return()
endif()
set(EMBER_INTEROP_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls13_interop.sh)
set(EMBER_INTEROP_CASES ${CMAKE_CURRENT_SOURCE_DIR}/interop/cases.txt)
ember_interop_cases(${EMBER_INTEROP_CASES} ember_interop_names)
foreach(case_name IN LISTS ember_interop_names)
  string(REGEX REPLACE "[^A-Za-z0-9]+" "_" test_name "${case_name}")
  add_test(NAME interop.${test_name}
           COMMAND bash ${EMBER_INTEROP_SCRIPT} ${PROJECT_BINARY_DIR} --case "${case_name}")
  set_tests_properties(interop.${test_name} PROPERTIES LABELS interop TIMEOUT 20
                       FAIL_REGULAR_EXPRESSION "FAIL")
endforeach()
