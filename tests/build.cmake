# Build-shape tests: the shared library exports only the public API, and a layer cannot include
# a higher layer's headers (cmake/Layers.cmake).
add_test(NAME build_shared_library_exports_only_the_api
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/build/exports.sh $<TARGET_FILE:embertls>
                 ${PROJECT_SOURCE_DIR}/include/ember)
set_tests_properties(build_shared_library_exports_only_the_api PROPERTIES
                     FAIL_REGULAR_EXPRESSION "FAIL")

set(ember_layer_roots ${PROJECT_BINARY_DIR}/layers)
add_test(NAME build_upward_include_does_not_compile
         COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only
                 -I${ember_layer_roots}/crypto/include -I${ember_layer_roots}/crypto/src
                 ${CMAKE_CURRENT_SOURCE_DIR}/build/upward_include.cpp)
# It must fail for the reason under test: the TLS header is out of reach (not some other error).
set_tests_properties(build_upward_include_does_not_compile PROPERTIES
                     PASS_REGULAR_EXPRESSION "ember/tls/config.hpp: No such file")
add_test(NAME build_downward_includes_compile
         COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only
                 -I${ember_layer_roots}/tls/include -I${ember_layer_roots}/tls/src
                 ${CMAKE_CURRENT_SOURCE_DIR}/build/downward_include.cpp)
