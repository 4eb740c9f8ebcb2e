/**
 * \file platform_time.h
 *
 * \brief Time types of the platform layer.
 */
#ifndef MBEDTLS_PLATFORM_TIME_H
#define MBEDTLS_PLATFORM_TIME_H

#include "mbedtls/config.h"

#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef time_t mbedtls_time_t;

#define mbedtls_time time

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_PLATFORM_TIME_H */
