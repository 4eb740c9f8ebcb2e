# Installation: headers, shared and static libraries, a CMake package (find_package(embertls)
# -> embertls::embertls, embertls::embertls_static) and a pkg-config file (embertls.pc).
include(CMakePackageConfigHelpers)

set(EMBER_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/embertls)

install(TARGETS embertls embertls_static EXPORT embertlsTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# include/mbedtls/ (the Mbed TLS 2.28 C API) is not installed yet: it comes with its libraries
# (libmbedtls/libmbedx509/libmbedcrypto names) and mbedtls.pc in a later slice (docs/capi.md).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp" PATTERN "mbedtls" EXCLUDE)

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
