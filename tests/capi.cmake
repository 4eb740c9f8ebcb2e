# The Mbed TLS 2.28 C API (compat/include/mbedtls/, src/compat/): label "capi".
# - capi.headers_c99 / capi.headers_cxx: one translation unit including every header, compiled
#   as C99 (-pedantic) and as C++20, warnings as errors.
# - capi.facts: every MBEDTLS_* macro and enumerator of our headers (the list is generated from
#   them at build time by tests/capi/gen_facts.sh), mbedtls_strerror texts, verify_info texts
#   and ciphersuite names, printed by one program built against Debian's Mbed TLS 2.28 and
#   against embertls; tests/capi/capi_diff.sh compares the two.
# Debian's libmbedtls-dev is required (scripts/install-deps.sh): missing, configuration fails.
find_path(EMBER_MBEDTLS_INCLUDE mbedtls/ssl.h REQUIRED)
find_library(EMBER_MBEDTLS_LIB mbedtls REQUIRED)
find_library(EMBER_MBEDX509_LIB mbedx509 REQUIRED)
find_library(EMBER_MBEDCRYPTO_LIB mbedcrypto REQUIRED)

file(GLOB EMBER_CAPI_HEADERS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/compat/include/mbedtls/*.h)
set(capi_all ${CMAKE_CURRENT_BINARY_DIR}/capi/all_headers.c)
set(capi_all_text "/* Generated: includes every header of compat/include/mbedtls/. */\n")
foreach(h IN LISTS EMBER_CAPI_HEADERS)
  get_filename_component(hname ${h} NAME)
  string(APPEND capi_all_text "#include \"mbedtls/${hname}\"\n")
endforeach()
string(APPEND capi_all_text "int ember_capi_all_headers(void);\nint ember_capi_all_headers(void) { return MBEDTLS_SSL_IS_CLIENT; }\n")
file(WRITE ${capi_all} "${capi_all_text}")
add_test(NAME capi.headers_c99
         COMMAND ${CMAKE_C_COMPILER} -std=c99 -Wall -Wextra -pedantic -Werror
                 -I${PROJECT_SOURCE_DIR}/compat/include -fsyntax-only ${capi_all})
add_test(NAME capi.headers_cxx
         COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -Wall -Wextra -Werror
                 -I${PROJECT_SOURCE_DIR}/compat/include -fsyntax-only -x c++ ${capi_all})
set_tests_properties(capi.headers_c99 capi.headers_cxx PROPERTIES LABELS capi)

# The facts program, generated from our headers at build time.
set(capi_facts_c ${CMAKE_CURRENT_BINARY_DIR}/capi/facts.c)
add_custom_command(OUTPUT ${capi_facts_c}
                   COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/gen_facts.sh ${capi_facts_c}
                           ${EMBER_CAPI_HEADERS}
                   DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/capi/gen_facts.sh ${EMBER_CAPI_HEADERS}
                   COMMENT "Generating the C API facts program from compat/include/mbedtls/")
add_executable(capi_facts_real ${capi_facts_c})
target_compile_definitions(capi_facts_real PRIVATE CAPI_FACTS_REAL CAPI_FACTS_FUNCTIONS)
target_include_directories(capi_facts_real BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_compile_options(capi_facts_real PRIVATE -Wno-cpp)  # Mbed TLS's net.h warns it is old
target_link_libraries(capi_facts_real PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                              ${EMBER_MBEDCRYPTO_LIB})
add_executable(capi_facts_ours ${capi_facts_c})
target_include_directories(capi_facts_ours BEFORE PRIVATE ${PROJECT_SOURCE_DIR}/compat/include)
if(TARGET ember_compat)
  target_compile_definitions(capi_facts_ours PRIVATE CAPI_FACTS_FUNCTIONS)
  target_link_libraries(capi_facts_ours PRIVATE ember_compat)
else()
  # Constants only until src/compat/ provides the functions: the real program prints more
  # lines, which capi_diff.sh reports.
endif()
add_test(NAME capi.facts
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/capi_diff.sh
                 $<TARGET_FILE:capi_facts_real> $<TARGET_FILE:capi_facts_ours>)
set_tests_properties(capi.facts PROPERTIES LABELS capi FAIL_REGULAR_EXPRESSION "FAIL")

# programs/compat/ssl_client1.c against openssl s_server: embertls alone (ours.*), and the same
# source built against Debian's Mbed TLS 2.28 compared with it in TLS 1.2 (diff.*).
if(EMBER_BUILD_PROGRAMS)
  add_executable(ssl_client1_mbedtls ${PROJECT_SOURCE_DIR}/programs/compat/ssl_client1.c)
  target_include_directories(ssl_client1_mbedtls BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
  target_link_libraries(ssl_client1_mbedtls PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                                    ${EMBER_MBEDCRYPTO_LIB})
  foreach(case_name ours.tls13 ours.tls13_nbio ours.tls13_step ours.tls12 ours.tls12_step_nbio
                    ours.wrong_ca ours.min_tls1 ours.hostname_null ours.hostname_unset diff.rsa diff.rsa_step diff.rsa_nbio diff.ecdsa
                    diff.wrong_ca diff.wrong_host diff.expired diff.untrusted diff.revoked
                    diff.crl_ok diff.alpn diff.alpn_none ours.debug ours.tls13_alpn
                    ours.tls13_revoked ours.tls13_reconnect ours.tls12_reconnect
                    ours.tls12_reconnect_id diff.reconnect diff.reconnect_id
                    diff.verify_print diff.verify_clear_wrong_ca diff.verify_print_expired
                    diff.verify_fail ours.tls13_verify_clear ours.tls13_verify_fail)
    add_test(NAME capi.client1.${case_name}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/client1.sh
                     $<TARGET_FILE:ssl_client1> $<TARGET_FILE:ssl_client1_mbedtls> ${case_name})
    set_tests_properties(capi.client1.${case_name} PROPERTIES LABELS capi TIMEOUT 60
                         FAIL_REGULAR_EXPRESSION "FAIL")
  endforeach()
endif()

# tests/capi/x509_facts.c: certificate fields, dn/serial/info texts, pk queries and parse errors
# of the bundled PKI, through embertls and through Debian's Mbed TLS 2.28: outputs compared.
if(EMBER_BUILD_PROGRAMS)
  # programs/compat/ssl_server.c against openssl s_client (session resumption by ID and
  # ticket), alone (ours.*) and beside the same program built against Mbed TLS 2.28 (diff.*).
  add_executable(ssl_server_mbedtls ${PROJECT_SOURCE_DIR}/programs/compat/ssl_server.c)
  target_include_directories(ssl_server_mbedtls BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
  target_link_libraries(ssl_server_mbedtls PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                                   ${EMBER_MBEDCRYPTO_LIB})
  foreach(case_name ours.tls13_ticket ours.tls13_ticket_nbio ours.tls13_no_tickets ours.tls12_id
                    ours.tls12_ticket ours.tls12_ticket_nbio diff.tls12_id diff.tls12_ticket
                    diff.tls12_none diff.tls12_ticket_nbio diff.tls12_client_auth
                    ours.tls12_no_client_cert)
    add_test(NAME capi.server.${case_name}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/server.sh
                     $<TARGET_FILE:ssl_server> $<TARGET_FILE:ssl_server_mbedtls> ${case_name})
    set_tests_properties(capi.server.${case_name} PROPERTIES LABELS capi TIMEOUT 90
                         FAIL_REGULAR_EXPRESSION "FAIL")
  endforeach()
  # ssl_client1 reconnect=1 against ssl_server, each library's client against each server.
  foreach(case_name c1.ours_ours.tls13 c1.ours_ours.tls12_ticket c1.ours_ours.tls12_id
                    c1.real_ours.tls12_ticket c1.real_ours.tls12_id c1.ours_real.tls12_ticket
                    c1.ours_real.tls12_id c1.real_real.tls12_ticket)
    add_test(NAME capi.server.${case_name}
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/server.sh
                     $<TARGET_FILE:ssl_server> $<TARGET_FILE:ssl_server_mbedtls> ${case_name}
                     $<TARGET_FILE:ssl_client1> $<TARGET_FILE:ssl_client1_mbedtls>)
    set_tests_properties(capi.server.${case_name} PROPERTIES LABELS capi TIMEOUT 90
                         FAIL_REGULAR_EXPRESSION "FAIL")
  endforeach()
endif()

add_executable(capi_x509_facts_ours ${CMAKE_CURRENT_SOURCE_DIR}/capi/x509_facts.c)
target_link_libraries(capi_x509_facts_ours PRIVATE ember_compat)
add_executable(capi_x509_facts_real ${CMAKE_CURRENT_SOURCE_DIR}/capi/x509_facts.c)
target_include_directories(capi_x509_facts_real BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_link_libraries(capi_x509_facts_real PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                                   ${EMBER_MBEDCRYPTO_LIB})
add_test(NAME capi.x509_facts
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/capi/x509_diff.sh
                 $<TARGET_FILE:capi_x509_facts_real> $<TARGET_FILE:capi_x509_facts_ours>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/pki)
set_tests_properties(capi.x509_facts PROPERTIES LABELS capi FAIL_REGULAR_EXPRESSION "FAIL")

# tests/capi/memio.c: client and server through the C API over in-memory BIOs that return
# WANT_READ / WANT_WRITE every other call and move one byte at a time (TLS 1.2 and 1.3, RSA and
# ECDSA): handshake, partial writes, close_notify, session_reset; and bad input.
add_executable(capi_memio ${CMAKE_CURRENT_SOURCE_DIR}/capi/memio.c)
target_link_libraries(capi_memio PRIVATE ember_compat)
add_test(NAME capi.memio COMMAND capi_memio ${CMAKE_CURRENT_SOURCE_DIR}/data/pki)
add_test(NAME capi.memio_bulk COMMAND capi_memio ${CMAKE_CURRENT_SOURCE_DIR}/data/pki)
set_tests_properties(capi.memio_bulk PROPERTIES ENVIRONMENT MEMIO_BULK=1)
add_executable(capi_timing_ours ${CMAKE_CURRENT_SOURCE_DIR}/capi/timing.c)
target_link_libraries(capi_timing_ours PRIVATE ember_compat)
add_executable(capi_timing_real ${CMAKE_CURRENT_SOURCE_DIR}/capi/timing.c)
target_include_directories(capi_timing_real BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_link_libraries(capi_timing_real PRIVATE ${EMBER_MBEDCRYPTO_LIB})
add_test(NAME capi.timing
         COMMAND bash -c "diff -u <(\"$1\") <(\"$2\") && \"$2\" && echo 'identical to Mbed TLS 2.28' || echo FAIL"
                 timing $<TARGET_FILE:capi_timing_real> $<TARGET_FILE:capi_timing_ours>)
set_tests_properties(capi.timing PROPERTIES LABELS capi TIMEOUT 30 FAIL_REGULAR_EXPRESSION "FAIL")
add_executable(capi_psk_cb_ours ${CMAKE_CURRENT_SOURCE_DIR}/capi/psk_cb.c)
target_link_libraries(capi_psk_cb_ours PRIVATE ember_compat)
add_executable(capi_psk_cb_real ${CMAKE_CURRENT_SOURCE_DIR}/capi/psk_cb.c)
target_include_directories(capi_psk_cb_real BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_link_libraries(capi_psk_cb_real PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                               ${EMBER_MBEDCRYPTO_LIB})
add_test(NAME capi.psk_cb
         COMMAND bash -c "diff -u <(\"$1\") <(\"$2\") && \"$2\" && echo 'identical to Mbed TLS 2.28' || echo FAIL"
                 psk_cb $<TARGET_FILE:capi_psk_cb_real> $<TARGET_FILE:capi_psk_cb_ours>)
set_tests_properties(capi.psk_cb PROPERTIES LABELS capi TIMEOUT 30 FAIL_REGULAR_EXPRESSION "FAIL")
add_executable(capi_sessions ${CMAKE_CURRENT_SOURCE_DIR}/capi/sessions.c)
target_link_libraries(capi_sessions PRIVATE ember_compat)
add_test(NAME capi.sessions COMMAND capi_sessions ${CMAKE_CURRENT_SOURCE_DIR}/data/pki/rsa2048)
set_tests_properties(capi.sessions PROPERTIES LABELS capi TIMEOUT 120 FAIL_REGULAR_EXPRESSION "FAIL")
set_tests_properties(capi.memio capi.memio_bulk PROPERTIES LABELS capi TIMEOUT 120
                     FAIL_REGULAR_EXPRESSION "FAIL")

# tests/capi/hsbench.c: handshakes/s and 16 KiB-record throughput through the C API, built
# against embertls and against Debian's Mbed TLS 2.28 (a measurement, not a test):
#   build/tests/capi_hsbench tests/data/pki tls12 rsa2048 200 64
#   build/tests/capi_hsbench_mbedtls tests/data/pki tls12 rsa2048 200 64
add_executable(capi_hsbench ${CMAKE_CURRENT_SOURCE_DIR}/capi/hsbench.c)
target_link_libraries(capi_hsbench PRIVATE ember_compat)
add_executable(capi_hsbench_mbedtls ${CMAKE_CURRENT_SOURCE_DIR}/capi/hsbench.c)
target_include_directories(capi_hsbench_mbedtls BEFORE PRIVATE ${EMBER_MBEDTLS_INCLUDE})
target_link_libraries(capi_hsbench_mbedtls PRIVATE ${EMBER_MBEDTLS_LIB} ${EMBER_MBEDX509_LIB}
                                                   ${EMBER_MBEDCRYPTO_LIB})
