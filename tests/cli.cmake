# CLI behaviour of ember-server, ember-client and ember-x509 (ember-x509 verify/show output:
# x509.cmake).
# Every CLI's --help exits 0 and lists every option its source accepts, as docs/cli.md does.
if(EMBER_BUILD_PROGRAMS)
  add_test(NAME cli_help
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli_help.sh ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE_DIR:ember-x509>)
  set_tests_properties(cli_help PROPERTIES LABELS cli)
endif()
