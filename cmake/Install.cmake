# Installation: headers, shared and static libraries, a CMake package (find_package(embertls)
# -> embertls::embertls, embertls::embertls_static) and a pkg-config file (embertls.pc).
include(CMakePackageConfigHelpers)

set(EMBER_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/embertls)

install(TARGETS embertls embertls_static EXPORT embertlsTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/compat/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

install(EXPORT embertlsTargets NAMESPACE embertls:: DESTINATION ${EMBER_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/embertlsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/embertlsConfig.cmake INSTALL_DESTINATION ${EMBER_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/embertlsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/embertlsConfig.cmake
  ${PROJECT_BINARY_DIR}/embertlsConfigVersion.cmake DESTINATION ${EMBER_CMAKE_DIR})

# pkg-config file for `c++ prog.cpp $(pkg-config --cflags --libs embertls)`.
# The prefix is found relative to the .pc file, so `cmake --install --prefix` anywhere works.
file(RELATIVE_PATH EMBER_PC_TO_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
configure_file(${CMAKE_CURRENT_LIST_DIR}/embertls.pc.in ${PROJECT_BINARY_DIR}/embertls.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/embertls.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# Programs install themselves (programs/CMakeLists.txt).

# The Mbed TLS 2.28 C API (docs/capi.md "Installing"): libembertls-mbedtls.so, and
# libmbedtls.so / libmbedx509.so / libmbedcrypto.so as linker scripts naming it, so that
# `-lmbedtls -lmbedx509 -lmbedcrypto` links it (programs then need libembertls-mbedtls.so.0 at
# run time); mbedtls.pc; the headers are compat/include/mbedtls/, installed as include/mbedtls/ above. The names are Debian's
# libmbedtls-dev's: install into another prefix than /usr (the default /usr/local is one).
install(TARGETS embertls_mbedtls LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(name mbedtls mbedx509 mbedcrypto)
  file(WRITE ${PROJECT_BINARY_DIR}/lib${name}.so
       "/* GNU ld script: the Mbed TLS 2.28 C API of embertls */\nINPUT(-lembertls-mbedtls -lembertls)\n")
  install(FILES ${PROJECT_BINARY_DIR}/lib${name}.so DESTINATION ${CMAKE_INSTALL_LIBDIR})
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/mbedtls.pc.in ${PROJECT_BINARY_DIR}/mbedtls.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/mbedtls.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
