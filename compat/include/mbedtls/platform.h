/**
 * \file platform.h
 *
 * \brief The platform abstraction: embertls always uses the C library directly.
 */
#ifndef MBEDTLS_PLATFORM_H
#define MBEDTLS_PLATFORM_H

#include "mbedtls/config.h"
#include "mbedtls/platform_time.h"

#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#define mbedtls_free free
#define mbedtls_calloc calloc
#define mbedtls_fprintf fprintf
#define mbedtls_printf printf
#define mbedtls_snprintf snprintf
#define mbedtls_vsnprintf vsnprintf
#define mbedtls_exit exit
#define MBEDTLS_EXIT_SUCCESS EXIT_SUCCESS
#define MBEDTLS_EXIT_FAILURE EXIT_FAILURE

/** Platform context (unused by embertls; kept for programs that declare one). */
typedef struct mbedtls_platform_context {
  char dummy;
} mbedtls_platform_context;

/** Nothing to set up: returns 0. */
int mbedtls_platform_setup(mbedtls_platform_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Nothing to tear down. */
void mbedtls_platform_teardown(mbedtls_platform_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Zeroes a buffer in a way the compiler does not remove. */
void mbedtls_platform_zeroize(void* buf, size_t len) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_PLATFORM_H */
