# TLS 1.3 interop tests against OpenSSL and GnuTLS: one CTest test per line of
# tests/interop/cases.txt, each on its own TCP port (so `ctest -j` is safe), label "interop".
# They need the ember-client and ember-server targets built, and openssl + gnutls-bin
# installed (scripts/install-deps.sh); a missing tool makes the tests FAIL, never skip.
if(NOT EMBER_BUILD_PROGRAMS)
  return()
endif()
set(EMBER_INTEROP_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls13_interop.sh)
set(EMBER_INTEROP_CASES ${CMAKE_CURRENT_SOURCE_DIR}/interop/cases.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${EMBER_INTEROP_CASES})
file(STRINGS ${EMBER_INTEROP_CASES} ember_interop_lines)
set(ember_interop_port 24000)
foreach(line IN LISTS ember_interop_lines)
  if(line MATCHES "^[ \t]*#" OR NOT line MATCHES "\\|")
    continue()
  endif()
  string(REGEX REPLACE "\\|.*$" "" case_name "${line}")
  string(STRIP "${case_name}" case_name)
  string(REGEX REPLACE "[^A-Za-z0-9]+" "_" test_name "${case_name}")
  add_test(NAME interop.${test_name}
           COMMAND bash ${EMBER_INTEROP_SCRIPT} ${PROJECT_BINARY_DIR} --case "${case_name}"
                   ${ember_interop_port})
  set_tests_properties(interop.${test_name} PROPERTIES LABELS interop TIMEOUT 20
                       FAIL_REGULAR_EXPRESSION "FAIL")
  math(EXPR ember_interop_port "${ember_interop_port} + 1")
endforeach()
