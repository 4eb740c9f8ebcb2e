# TLS 1.2 interop tests against OpenSSL, GnuTLS and real Mbed TLS 2.28: the Mbed TLS peer
# (tests/interop/tls12/mbed_peer.c, linked with libmbedtls only — never with embertls) and one
# CTest test per line of tests/interop/tls12/cases.txt, label "interop12", one port each.
# A missing peer (libmbedtls-dev, openssl, gnutls-bin: scripts/install-deps.sh) is an error.
if(NOT EMBER_BUILD_PROGRAMS)
  return()
endif()
find_path(EMBER_MBEDTLS_INCLUDE mbedtls/ssl.h REQUIRED)
find_library(EMBER_MBEDTLS_LIB mbedtls REQUIRED)
find_library(EMBER_MBEDX509_LIB mbedx509 REQUIRED)
find_library(EMBER_MBEDCRYPTO_LIB mbedcrypto REQUIRED)
add_executable(mbed_peer ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12/mbed_peer.c)
target_include_directories(mbed_peer PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_link_libraries(mbed_peer PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                        ${EMBER_MBEDCRYPTO_LIB})
target_compile_options(mbed_peer PRIVATE -Wall -Wextra)

set(ember_i12_cases ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12/cases.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ember_i12_cases})
file(STRINGS ${ember_i12_cases} ember_i12_lines)
set(ember_i12_port 26000)
foreach(line IN LISTS ember_i12_lines)
  if(line MATCHES "^[ \t]*#" OR NOT line MATCHES "\\|")
    continue()
  endif()
  string(REGEX REPLACE "\\|.*$" "" case_name "${line}")
  string(STRIP "${case_name}" case_name)
  string(REGEX REPLACE "[^A-Za-z0-9]+" "_" test_name "${case_name}")
  add_test(NAME interop12.${test_name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12/run.sh ${PROJECT_BINARY_DIR}
                   --case "${case_name}" ${ember_i12_port})
  set_tests_properties(interop12.${test_name} PROPERTIES LABELS interop12 TIMEOUT 30
                       FAIL_REGULAR_EXPRESSION "FAIL")
  math(EXPR ember_i12_port "${ember_i12_port} + 1")
endforeach()
