/**
 * \file debug.h
 *
 * \brief Debug output of the SSL module (through the callback of mbedtls_ssl_conf_dbg()).
 */
#ifndef MBEDTLS_DEBUG_H
#define MBEDTLS_DEBUG_H

#include "mbedtls/config.h"
#include "mbedtls/ssl.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief Sets the level up to which messages reach the debug callback (process-wide):
 *        0 none, 1 errors and states, 2 messages, 3 informational, 4 verbose (records).
 */
void mbedtls_debug_set_threshold(int threshold) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_DEBUG_H */
