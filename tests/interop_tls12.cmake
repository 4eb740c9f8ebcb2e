# TLS 1.2 interop tests against OpenSSL, GnuTLS and real Mbed TLS 2.28, all run by
# tests/interop/tls12_interop.sh, one CTest test per case line (servers on ports the kernel picks):
# - tests/interop/tls12/cases.txt (both sides held to TLS 1.2: --pin12),
#   tests "interop12.<name>", label interop12;
# - tests/interop/tls12_cases.txt (version negotiation 1.2/1.3 both ways, peer-side options),
#   tests "interop12x.<name>", label interop12, unless -DEMBER_INTEROP12=OFF;
#   its "mbedpeer ..." lines check the Mbed TLS peer against OpenSSL alone and are always
#   registered ("mbedpeer.<name>", label mbedpeer).
# The Mbed TLS peer (tests/interop/tls12/mbed_peer.c) links libmbedtls only, never embertls.
# A missing peer (libmbedtls-dev, openssl, gnutls-bin: scripts/install-deps.sh) is an error,
# never a skip.
option(EMBER_INTEROP12 "Extra TLS 1.2 interop tests (version negotiation, peer-side options)" ON)
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

# ember_tls12_interop(CASES_FILE PREFIX [--pin12])
function(ember_tls12_interop cases prefix)
  ember_interop_cases(${cases} names)
  foreach(case_name IN LISTS names)
    string(REGEX REPLACE "[^A-Za-z0-9]+" "_" test_name "${case_name}")
    if(case_name MATCHES "^mbedpeer ")
      set(label mbedpeer)
      string(REGEX REPLACE "^mbedpeer_" "mbedpeer." test_name "${test_name}")
    elseif(prefix STREQUAL "interop12x" AND NOT EMBER_INTEROP12)
      continue()
    else()
      set(label interop12)
      set(test_name ${prefix}.${test_name})
    endif()
    add_test(NAME ${test_name}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12_interop.sh
                     ${PROJECT_BINARY_DIR} --cases ${cases} ${ARGN} --case "${case_name}")
    set_tests_properties(${test_name} PROPERTIES LABELS ${label} TIMEOUT 30
                         FAIL_REGULAR_EXPRESSION "FAIL")
  endforeach()
endfunction()

ember_tls12_interop(${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12/cases.txt interop12 --pin12)
ember_tls12_interop(${CMAKE_CURRENT_SOURCE_DIR}/interop/tls12_cases.txt interop12x)
