/**
 * \file entropy.h
 *
 * \brief Entropy accumulator: embertls gathers from the kernel (getrandom).
 */
#ifndef MBEDTLS_ENTROPY_H
#define MBEDTLS_ENTROPY_H

#include "mbedtls/config.h"

#include <stddef.h>

#define MBEDTLS_ERR_ENTROPY_SOURCE_FAILED -0x003C
#define MBEDTLS_ERR_ENTROPY_NO_STRONG_SOURCE -0x003D
#define MBEDTLS_ERR_ENTROPY_MAX_SOURCES -0x003E
#define MBEDTLS_ERR_ENTROPY_FILE_IO_ERROR -0x003F
#define MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED -0x0040

#define MBEDTLS_ENTROPY_MAX_SOURCES 20
#define MBEDTLS_ENTROPY_MAX_GATHER 128
#define MBEDTLS_ENTROPY_BLOCK_SIZE 64
#define MBEDTLS_ENTROPY_MAX_SEED_SIZE 1024
#define MBEDTLS_ENTROPY_SOURCE_MANUAL MBEDTLS_ENTROPY_MAX_SOURCES

#define MBEDTLS_ENTROPY_SOURCE_STRONG 1
#define MBEDTLS_ENTROPY_SOURCE_WEAK 0

#ifdef __cplusplus
extern "C" {
#endif

/** An entropy context. Declared by value; mbedtls_entropy_init() before use. */
typedef struct mbedtls_entropy_context {
  int initialized;  /**< 1 after mbedtls_entropy_init() */
  void* ember_impl; /**< embertls: the entropy source (do not touch) */
} mbedtls_entropy_context;

/** Initialises the context with the system source. */
void mbedtls_entropy_init(mbedtls_entropy_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Frees the context. */
void mbedtls_entropy_free(mbedtls_entropy_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Fills output with len (at most MBEDTLS_ENTROPY_BLOCK_SIZE) bytes of entropy; the
 *        f_entropy callback of mbedtls_ctr_drbg_seed(), with data = the context.
 * \return 0, MBEDTLS_ERR_ENTROPY_SOURCE_FAILED or MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED.
 */
int mbedtls_entropy_func(void* data, unsigned char* output, size_t len) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_ENTROPY_H */
