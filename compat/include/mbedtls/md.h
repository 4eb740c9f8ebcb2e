/**
 * \file md.h
 *
 * \brief Message digest identifiers (the types certificates and keys refer to).
 *
 * embertls provides the identifiers only: the generic digest functions (mbedtls_md_*) are not
 * part of the C API yet, so MBEDTLS_MD_C is not defined.
 */
#ifndef MBEDTLS_MD_H
#define MBEDTLS_MD_H

#include "mbedtls/config.h"

/** The selected feature is not available. */
#define MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE -0x5080
/** Bad input parameters to function. */
#define MBEDTLS_ERR_MD_BAD_INPUT_DATA -0x5100
/** Failed to allocate memory. */
#define MBEDTLS_ERR_MD_ALLOC_FAILED -0x5180
/** Opening or reading of file failed. */
#define MBEDTLS_ERR_MD_FILE_IO_ERROR -0x5200

#define MBEDTLS_MD_MAX_SIZE 64
#define MBEDTLS_MD_MAX_BLOCK_SIZE 128

#ifdef __cplusplus
extern "C" {
#endif

/** Supported message digests. */
typedef enum {
  MBEDTLS_MD_NONE = 0,
  MBEDTLS_MD_MD2,
  MBEDTLS_MD_MD4,
  MBEDTLS_MD_MD5,
  MBEDTLS_MD_SHA1,
  MBEDTLS_MD_SHA224,
  MBEDTLS_MD_SHA256,
  MBEDTLS_MD_SHA384,
  MBEDTLS_MD_SHA512,
  MBEDTLS_MD_RIPEMD160
} mbedtls_md_type_t;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_MD_H */
