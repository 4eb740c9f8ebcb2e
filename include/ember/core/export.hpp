// EMBER_API marks what the shared library exports: the public API of include/ember/. The
// library is compiled with -fvisibility=hidden (cmake/Layers.cmake), so everything else —
// src/'s classes and functions, libcrypto glue — stays private to it and cannot clash with
// or be reached from a program.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define EMBER_API __attribute__((visibility("default")))
#else
#define EMBER_API
#endif
