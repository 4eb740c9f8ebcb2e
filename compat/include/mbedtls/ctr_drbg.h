/**
 * \file ctr_drbg.h
 *
 * \brief CTR_DRBG (NIST SP 800-90A) with AES-256, as Mbed TLS configures it by default.
 */
#ifndef MBEDTLS_CTR_DRBG_H
#define MBEDTLS_CTR_DRBG_H

#include "mbedtls/config.h"

#include <stddef.h>

#define MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED -0x0034
#define MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG -0x0036
#define MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG -0x0038
#define MBEDTLS_ERR_CTR_DRBG_FILE_IO_ERROR -0x003A

#define MBEDTLS_CTR_DRBG_BLOCKSIZE 16
#define MBEDTLS_CTR_DRBG_KEYSIZE 32
#define MBEDTLS_CTR_DRBG_KEYBITS (MBEDTLS_CTR_DRBG_KEYSIZE * 8)
#define MBEDTLS_CTR_DRBG_SEEDLEN (MBEDTLS_CTR_DRBG_KEYSIZE + MBEDTLS_CTR_DRBG_BLOCKSIZE)
#define MBEDTLS_CTR_DRBG_ENTROPY_LEN 48
#define MBEDTLS_CTR_DRBG_RESEED_INTERVAL 10000
#define MBEDTLS_CTR_DRBG_MAX_INPUT 256
#define MBEDTLS_CTR_DRBG_MAX_REQUEST 1024
#define MBEDTLS_CTR_DRBG_MAX_SEED_INPUT 384
#define MBEDTLS_CTR_DRBG_PR_OFF 0
#define MBEDTLS_CTR_DRBG_PR_ON 1
#define MBEDTLS_CTR_DRBG_ENTROPY_NONCE_LEN 0

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief A CTR_DRBG context. Declared by value; mbedtls_ctr_drbg_init() before use.
 *        mbedtls_ctr_drbg_random() locks, so one seeded context may serve several threads.
 */
typedef struct mbedtls_ctr_drbg_context {
  int reseed_counter;
  int prediction_resistance;
  size_t entropy_len;
  int reseed_interval;
  int (*f_entropy)(void*, unsigned char*, size_t);
  void* p_entropy;
  void* ember_impl; /**< embertls: the DRBG and its lock (do not touch) */
} mbedtls_ctr_drbg_context;

/** Initialises an unseeded context. */
void mbedtls_ctr_drbg_init(mbedtls_ctr_drbg_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Clears and frees the context. */
void mbedtls_ctr_drbg_free(mbedtls_ctr_drbg_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Seeds the DRBG from f_entropy(p_entropy, ...) with an optional personalization string.
 * \return 0, MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED or MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG.
 */
int mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context* ctx,
                          int (*f_entropy)(void*, unsigned char*, size_t), void* p_entropy,
                          const unsigned char* custom, size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** Turns prediction resistance on or off (MBEDTLS_CTR_DRBG_PR_ON / _OFF). */
void mbedtls_ctr_drbg_set_prediction_resistance(mbedtls_ctr_drbg_context* ctx,
                                                int resistance) MBEDTLS_EMBER_NOEXCEPT;
/** Sets the amount of entropy gathered per seed/reseed (default 48 bytes). */
void mbedtls_ctr_drbg_set_entropy_len(mbedtls_ctr_drbg_context* ctx,
                                      size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** Sets the reseed interval (default 10000 requests). */
void mbedtls_ctr_drbg_set_reseed_interval(mbedtls_ctr_drbg_context* ctx,
                                          int interval) MBEDTLS_EMBER_NOEXCEPT;
/** Reseeds from the entropy source, mixing in additional data. */
int mbedtls_ctr_drbg_reseed(mbedtls_ctr_drbg_context* ctx, const unsigned char* additional,
                            size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** Generates output_len (at most 1024) bytes, mixing in additional data (at most 256). */
int mbedtls_ctr_drbg_random_with_add(void* p_rng, unsigned char* output, size_t output_len,
                                     const unsigned char* additional,
                                     size_t add_len) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The f_rng callback: p_rng is a seeded mbedtls_ctr_drbg_context. Thread-safe.
 * \return 0, MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG or MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED.
 */
int mbedtls_ctr_drbg_random(void* p_rng, unsigned char* output,
                            size_t output_len) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_CTR_DRBG_H */
