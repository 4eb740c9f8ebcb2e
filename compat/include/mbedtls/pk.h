/**
 * \file pk.h
 *
 * \brief Public key abstraction: keys parsed from files or taken from certificates.
 */
#ifndef MBEDTLS_PK_H
#define MBEDTLS_PK_H

#include "mbedtls/config.h"
#include "mbedtls/md.h"

#include <stddef.h>

#define MBEDTLS_ERR_PK_HW_ACCEL_FAILED -0x3880
#define MBEDTLS_ERR_PK_SIG_LEN_MISMATCH -0x3900
#define MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE -0x3980
#define MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE -0x3A00
#define MBEDTLS_ERR_PK_INVALID_ALG -0x3A80
#define MBEDTLS_ERR_PK_INVALID_PUBKEY -0x3B00
#define MBEDTLS_ERR_PK_PASSWORD_MISMATCH -0x3B80
#define MBEDTLS_ERR_PK_PASSWORD_REQUIRED -0x3C00
#define MBEDTLS_ERR_PK_UNKNOWN_PK_ALG -0x3C80
#define MBEDTLS_ERR_PK_KEY_INVALID_FORMAT -0x3D00
#define MBEDTLS_ERR_PK_KEY_INVALID_VERSION -0x3D80
#define MBEDTLS_ERR_PK_FILE_IO_ERROR -0x3E00
#define MBEDTLS_ERR_PK_BAD_INPUT_DATA -0x3E80
#define MBEDTLS_ERR_PK_TYPE_MISMATCH -0x3F00
#define MBEDTLS_ERR_PK_ALLOC_FAILED -0x3F80

#ifdef __cplusplus
extern "C" {
#endif

/** Public key types. */
typedef enum {
  MBEDTLS_PK_NONE = 0,
  MBEDTLS_PK_RSA,
  MBEDTLS_PK_ECKEY,
  MBEDTLS_PK_ECKEY_DH,
  MBEDTLS_PK_ECDSA,
  MBEDTLS_PK_RSA_ALT,
  MBEDTLS_PK_RSASSA_PSS,
  MBEDTLS_PK_OPAQUE
} mbedtls_pk_type_t;

/** Information about a key type (opaque). */
typedef struct mbedtls_pk_info_t mbedtls_pk_info_t;

/**
 * \brief A public or private key. Declared by value; mbedtls_pk_init() before use,
 *        mbedtls_pk_free() after. pk_info describes the type (NULL: no key), pk_ctx holds the
 *        embertls key object.
 */
typedef struct mbedtls_pk_context {
  const mbedtls_pk_info_t* pk_info;
  void* pk_ctx;
} mbedtls_pk_context;

/** Initialises an empty context. */
void mbedtls_pk_init(mbedtls_pk_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** Frees the key (safe on an initialised or already freed context). */
void mbedtls_pk_free(mbedtls_pk_context* ctx) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Parses a private key (PEM with a NUL terminator counted in keylen, or DER): PKCS#1,
 *        SEC1, PKCS#8 and encrypted PKCS#8 with pwd.
 * \return 0, or MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_PK_PASSWORD_REQUIRED,
 *         MBEDTLS_ERR_PK_PASSWORD_MISMATCH, MBEDTLS_ERR_PK_BAD_INPUT_DATA, ...
 */
int mbedtls_pk_parse_key(mbedtls_pk_context* ctx, const unsigned char* key, size_t keylen,
                         const unsigned char* pwd, size_t pwdlen) MBEDTLS_EMBER_NOEXCEPT;
/** Reads and parses a private key file (pwd may be NULL). */
int mbedtls_pk_parse_keyfile(mbedtls_pk_context* ctx, const char* path,
                             const char* password) MBEDTLS_EMBER_NOEXCEPT;

/** The key type, MBEDTLS_PK_NONE for an empty context. */
mbedtls_pk_type_t mbedtls_pk_get_type(const mbedtls_pk_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** The key size in bits (0 for an empty context). */
size_t mbedtls_pk_get_bitlen(const mbedtls_pk_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/** The key size in bytes, rounded up. */
static inline size_t mbedtls_pk_get_len(const mbedtls_pk_context* ctx) {
  return (mbedtls_pk_get_bitlen(ctx) + 7) / 8;
}
/** The name of the key type ("RSA", "EC", "ECDSA", ...), "invalid PK" for an empty context. */
const char* mbedtls_pk_get_name(const mbedtls_pk_context* ctx) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Whether \p prv is the private key of the public key \p pub (a certificate's `pk`,
 *        or another private key). 0 when it is; MBEDTLS_ERR_PK_BAD_INPUT_DATA without keys,
 *        MBEDTLS_ERR_PK_TYPE_MISMATCH for keys of different types, and as 2.28 for a mismatch:
 *        -0x4200 (RSA key check failed) or -0x4F80 (ECP bad input data).
 */
int mbedtls_pk_check_pair(const mbedtls_pk_context* pub,
                          const mbedtls_pk_context* prv) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_PK_H */
