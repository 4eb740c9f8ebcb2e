# Extra TLS 1.2 interop tests (tests/interop/tls12_cases.txt, run by tls12_interop.sh), one
# CTest test per line, one TCP port each (from 26400; tests/interop_tls12.cmake uses 26000+):
# - "mbedpeer ..." lines check the Mbed TLS 2.28 peer (tests/mbed_peer, built by
#   tests/interop_tls12.cmake) against OpenSSL alone, always registered, label "mbedpeer";
# - the others (version negotiation 1.2/1.3 both ways, peer-side EMS/EtM/MFL/PSK/client-auth
#   options) are registered unless -DEMBER_INTEROP12=OFF, label "interop12".
# A missing program or peer makes a test FAIL, never skip.
option(EMBER_INTEROP12 "Extra TLS 1.2 interop tests (version negotiation, peer-side options)" ON)
if(NOT EMBER_BUILD_PROGRAMS)
  return()
endif()
set(ember_i12x_script ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12_interop.sh)
set(ember_i12x_cases ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12_cases.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ember_i12x_cases})
file(STRINGS ${ember_i12x_cases} ember_i12x_lines)
set(ember_i12x_port 26400)
foreach(line IN LISTS ember_i12x_lines)
  if(line MATCHES "^[ \t]*#" OR NOT line MATCHES "\\|")
    continue()
  endif()
  string(REGEX REPLACE "\\|.*$" "" case_name "${line}")
  string(STRIP "${case_name}" case_name)
  string(REGEX REPLACE "[^A-Za-z0-9]+" "_" test_name "${case_name}")
  if(case_name MATCHES "^mbedpeer ")
    set(label mbedpeer)
    string(REGEX REPLACE "^mbedpeer_" "mbedpeer." test_name "${test_name}")
  elseif(EMBER_INTEROP12)
    set(label interop12)
    set(test_name interop12x.${test_name})
  else()
    math(EXPR ember_i12x_port "${ember_i12x_port} + 1")
    continue()
  endif()
  add_test(NAME ${test_name}
           COMMAND bash ${ember_i12x_script} ${PROJECT_BINARY_DIR} --case "${case_name}"
                   ${ember_i12x_port})
  set_tests_properties(${test_name} PROPERTIES LABELS ${label} TIMEOUT 20
                       FAIL_REGULAR_EXPRESSION "FAIL")
  math(EXPR ember_i12x_port "${ember_i12x_port} + 1")
endforeach()
