/**
 * \file version.h
 *
 * \brief The Mbed TLS version this API is compatible with.
 */
#ifndef MBEDTLS_VERSION_H
#define MBEDTLS_VERSION_H

#include "mbedtls/config.h"

/* The API level implemented: Mbed TLS 2.28.9. */
#define MBEDTLS_VERSION_MAJOR 2
#define MBEDTLS_VERSION_MINOR 28
#define MBEDTLS_VERSION_PATCH 9

/* 0xMMNNPP00: major, minor, patch. */
#define MBEDTLS_VERSION_NUMBER 0x021C0900
#define MBEDTLS_VERSION_STRING "2.28.9"
#define MBEDTLS_VERSION_STRING_FULL "Mbed TLS 2.28.9"

#ifdef __cplusplus
extern "C" {
#endif

/** The version number (MBEDTLS_VERSION_NUMBER). */
unsigned int mbedtls_version_get_number(void) MBEDTLS_EMBER_NOEXCEPT;
/** Writes MBEDTLS_VERSION_STRING into a buffer of at least 9 bytes. */
void mbedtls_version_get_string(char* string) MBEDTLS_EMBER_NOEXCEPT;
/** Writes MBEDTLS_VERSION_STRING_FULL into a buffer of at least 18 bytes. */
void mbedtls_version_get_string_full(char* string) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_VERSION_H */
