/**
 * \file ssl_cache.h
 *
 * \brief Server-side TLS 1.2 session cache (session-ID resumption), Mbed TLS 2.28 API over
 *        embertls's ember::tls::SessionCache (bounded, thread-safe, with a lifetime).
 *        Use: mbedtls_ssl_cache_init(&cache); mbedtls_ssl_conf_session_cache(&conf, &cache,
 *        mbedtls_ssl_cache_get, mbedtls_ssl_cache_set); ... mbedtls_ssl_cache_free(&cache).
 */
#ifndef MBEDTLS_SSL_CACHE_H
#define MBEDTLS_SSL_CACHE_H

#include "mbedtls/ssl.h"

#define MBEDTLS_SSL_CACHE_DEFAULT_TIMEOUT 86400  /**< one day */
#define MBEDTLS_SSL_CACHE_DEFAULT_MAX_ENTRIES 50 /**< entries kept */

#ifdef __cplusplus
extern "C" {
#endif

/** A session cache. Declared by value; mbedtls_ssl_cache_init() first. */
typedef struct mbedtls_ssl_cache_context {
  int timeout;      /**< seconds a session stays (0: forever) */
  int max_entries;  /**< sessions kept (0: no limit) */
  void* ember_impl; /**< embertls: the SessionCache (do not touch) */
} mbedtls_ssl_cache_context;

/** Initialises a cache with the defaults (86400 s, 50 entries). */
void mbedtls_ssl_cache_init(mbedtls_ssl_cache_context* cache) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Looks up session->id (id_len bytes): on a hit, loads the stored state into
 *        \p session. 0, or MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND.
 */
int mbedtls_ssl_cache_get(void* data, mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/** Stores the state of \p session under session->id. 0 or a negative error. */
int mbedtls_ssl_cache_set(void* data, const mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/** Lifetime of cached sessions in seconds (0: forever; negative values count as 0). */
void mbedtls_ssl_cache_set_timeout(mbedtls_ssl_cache_context* cache,
                                   int timeout) MBEDTLS_EMBER_NOEXCEPT;
/** Most sessions kept; the oldest goes when it is full (0: no limit). */
void mbedtls_ssl_cache_set_max_entries(mbedtls_ssl_cache_context* cache,
                                       int max) MBEDTLS_EMBER_NOEXCEPT;
/** Frees the cache (configurations that use it keep their reference alive). */
void mbedtls_ssl_cache_free(mbedtls_ssl_cache_context* cache) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_SSL_CACHE_H */
