/**
 * \file cipher.h
 *
 * \brief The cipher identifiers that the SSL API takes (mbedtls_ssl_ticket_setup), Mbed TLS
 *        2.28 numbering. embertls has no generic cipher API in C: only the types are declared.
 */
#ifndef MBEDTLS_CIPHER_H
#define MBEDTLS_CIPHER_H

#include "mbedtls/config.h"

/** Cipher and mode (the AEAD ones that session tickets can use, with 2.28's values). */
typedef enum {
  MBEDTLS_CIPHER_NONE = 0,
  MBEDTLS_CIPHER_AES_128_GCM = 14,
  MBEDTLS_CIPHER_AES_192_GCM = 15,
  MBEDTLS_CIPHER_AES_256_GCM = 16
} mbedtls_cipher_type_t;

#endif /* MBEDTLS_CIPHER_H */
