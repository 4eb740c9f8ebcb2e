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

# x509-limbo conformance (9,780 cases from ../shared/conformance): a regression gate on the
# number of passing cases; the per-group report is in the test output.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
if(TARGET ember-x509)
  add_test(NAME x509_limbo
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/x509/limbo.py
                   $<TARGET_FILE:ember-x509>
                   ${PROJECT_SOURCE_DIR}/../shared/conformance/limbo.json.gz --min-pass 9720)
  set_tests_properties(x509_limbo PROPERTIES TIMEOUT 900)
endif()
