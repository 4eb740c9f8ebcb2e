/**
 * \file config.h
 *
 * \brief embertls' Mbed TLS 2.28 compatible configuration.
 *
 * Unlike Mbed TLS, this file is not an option list to edit: a MBEDTLS_* feature macro is
 * defined here exactly when embertls implements the feature and its C API, so that
 * `#if defined(...)` in application code sees the truth. DTLS, SSL 3.0, TLS 1.0/1.1, RC4,
 * truncated HMAC and compression are never defined (docs/capi.md).
 */
#ifndef MBEDTLS_CONFIG_H
#define MBEDTLS_CONFIG_H

/* embertls marker: lets code tell this implementation from Mbed TLS. */
#define MBEDTLS_EMBERTLS 1

/* embertls: the C API functions never throw; C++ callers see them noexcept. */
#if defined(__cplusplus)
#define MBEDTLS_EMBER_NOEXCEPT noexcept
#else
#define MBEDTLS_EMBER_NOEXCEPT
#endif

/* System support */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_FS_IO

/* Modules with a C API */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_NET_C
#define MBEDTLS_ERROR_C
#define MBEDTLS_VERSION_C
#define MBEDTLS_DEBUG_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CRL_PARSE_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_SRV_C

/* Protocol versions: TLS 1.2 and TLS 1.3 (the latter under its Mbed TLS 3.x name). */
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3

/* TLS features */
#define MBEDTLS_SSL_ALPN
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_RENEGOTIATION
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_FALLBACK_SCSV
/* ssl_cache.h, ssl_ticket.h, timing.h */
#define MBEDTLS_SSL_CACHE_C
#define MBEDTLS_SSL_TICKET_C
#define MBEDTLS_TIMING_C

/* TLS 1.2 key exchanges */
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_PSK_ENABLED
#define MBEDTLS_KEY_EXCHANGE_DHE_PSK_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_PSK_ENABLED
#define MBEDTLS_KEY_EXCHANGE_RSA_PSK_ENABLED

#endif /* MBEDTLS_CONFIG_H */
