# CLI behaviour of ember-server, ember-client and ember-x509 (ember-x509 verify/show output:
# x509.cmake).
# Every CLI's --help exits 0 and lists every option its source accepts, as docs/cli.md does.
if(EMBER_BUILD_PROGRAMS)
  add_test(NAME cli_help
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli_help.sh ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE_DIR:ember-x509>)
  set_tests_properties(cli_help PROPERTIES LABELS cli)
endif()

# Failures say why (address, port and OS error; host-name mismatch with the certificate's
# names; alerts and verify flags by name), with real processes on 127.0.0.1.
if(EMBER_BUILD_PROGRAMS)
  add_test(NAME cli_messages
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli_messages.sh $<TARGET_FILE_DIR:ember-server>
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(cli_messages PROPERTIES LABELS cli TIMEOUT 60)
endif()
