# The library is built layer by layer, bottom up (../shared/DESIGN.md "Layers"): one OBJECT
# library per layer, each compiled with include roots that hold only its own and the lower
# layers' headers (include/ember/<layer>/ and the private src/<layer>/), so an upward include
# fails to build. The roots are trees of symbolic links in the build directory.
#
# Every folder of src/ must be a layer listed here, in its place in the order, or a facade
# built as its own library on top of the public API (EMBER_FACADES: src/compat/, the Mbed TLS
# 2.28 C API, target ember_compat in the top-level CMakeLists.txt).
set(EMBER_LAYERS core crypto rng asn1 x509 tls io)
set(EMBER_FACADES compat)

file(GLOB ember_src_dirs LIST_DIRECTORIES true RELATIVE ${PROJECT_SOURCE_DIR}/src
     ${PROJECT_SOURCE_DIR}/src/*)
foreach(dir IN LISTS ember_src_dirs)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/src/${dir} AND NOT dir IN_LIST EMBER_LAYERS
     AND NOT dir IN_LIST EMBER_FACADES)
    message(FATAL_ERROR "src/${dir} is not a layer: add it to EMBER_LAYERS in cmake/Layers.cmake")
  endif()
endforeach()

set(EMBER_LAYER_OBJECTS)
set(ember_visible)
foreach(layer IN LISTS EMBER_LAYERS)
  list(APPEND ember_visible ${layer})
  set(root ${PROJECT_BINARY_DIR}/layers/${layer})
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root}/include/ember ${root}/src)
  foreach(v IN LISTS ember_visible)
    if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/include/ember/${v})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/ember/${v} ${root}/include/ember/${v} SYMBOLIC)
    endif()
    if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/src/${v})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${v} ${root}/src/${v} SYMBOLIC)
    endif()
  endforeach()
  file(GLOB_RECURSE layer_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${layer}/*.cpp)
  add_library(ember_${layer} OBJECT ${layer_sources})
  target_include_directories(ember_${layer} PRIVATE ${root}/include ${root}/src)
  # Only the public API (EMBER_API, include/ember/core/export.hpp) leaves the shared library.
  set_target_properties(ember_${layer} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                                  VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(ember_${layer} PUBLIC Threads::Threads)
  if(layer STREQUAL "crypto")
    target_link_libraries(ember_${layer} PRIVATE OpenSSL::Crypto)
  endif()
  list(APPEND EMBER_LAYER_OBJECTS $<TARGET_OBJECTS:ember_${layer}>)
endforeach()
