# X.509 tests beyond the unit tests: the differential test against real Mbed TLS 2.28 and the
# ember-x509 CLI behaviour.
find_library(EMBER_MBEDX509 mbedx509 REQUIRED)
find_library(EMBER_MBEDCRYPTO_LIB mbedcrypto REQUIRED)
add_executable(mbedtls_x509_checker ${CMAKE_CURRENT_SOURCE_DIR}/x509/mbedtls_checker.c)
target_link_libraries(mbedtls_x509_checker PRIVATE ${EMBER_MBEDX509} ${EMBER_MBEDCRYPTO_LIB})
set_target_properties(mbedtls_x509_checker PROPERTIES ENABLE_EXPORTS ON)  # time() interposition
target_compile_definitions(mbedtls_x509_checker PRIVATE _GNU_SOURCE)
if(TARGET ember-x509)
  add_test(NAME x509_differential_mbedtls
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/x509/differential.sh
                   $<TARGET_FILE:ember-x509> $<TARGET_FILE:mbedtls_x509_checker>
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/data)
  add_test(NAME x509_cli
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/x509/cli_test.sh $<TARGET_FILE:ember-x509>
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/data)
endif()

# The x509-limbo conformance gate (9,780 cases, data in ../shared/conformance, kept out of the
# repository) is not a CTest test: scripts/conformance.sh runs it, and .ci/run calls that.
