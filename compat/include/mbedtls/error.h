/**
 * \file error.h
 *
 * \brief Error-to-string conversion, and the generic error codes.
 */
#ifndef MBEDTLS_ERROR_H
#define MBEDTLS_ERROR_H

#include "mbedtls/config.h"

#include <stddef.h>

/** Generic error */
#define MBEDTLS_ERR_ERROR_GENERIC_ERROR -0x0001
/** This is a bug in the library */
#define MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED -0x006E

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief Writes the text of an error code into buf (always NUL-terminated when buflen > 0):
 *        "MODULE - text" for a known code, "HIGH : LOW" when a high-level and a low-level code
 *        are combined, "UNKNOWN ERROR CODE (XXXX)" otherwise, as Mbed TLS prints them.
 */
void mbedtls_strerror(int errnum, char* buffer, size_t buflen) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_ERROR_H */
