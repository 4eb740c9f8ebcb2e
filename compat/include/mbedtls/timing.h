/**
 * \file timing.h
 *
 * \brief Timers, Mbed TLS 2.28 API: a millisecond stopwatch, a cycle-ish counter, and the
 *        delay context that DTLS programs give mbedtls_ssl_set_timer_cb. Monotonic clock.
 */
#ifndef MBEDTLS_TIMING_H
#define MBEDTLS_TIMING_H

#include "mbedtls/config.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A point in time (opaque). */
struct mbedtls_timing_hr_time {
  unsigned char opaque[32];
};

/** Intermediate and final delays (mbedtls_timing_set_delay / get_delay). */
typedef struct mbedtls_timing_delay_context {
  struct mbedtls_timing_hr_time timer;
  uint32_t int_ms;
  uint32_t fin_ms;
} mbedtls_timing_delay_context;

/** A fast-moving counter for benchmarks (nanoseconds of the monotonic clock here). */
unsigned long mbedtls_timing_hardclock(void) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief reset != 0: stores the current time in \p val and returns 0; reset == 0: the
 *        milliseconds elapsed since \p val was stored.
 */
unsigned long mbedtls_timing_get_timer(struct mbedtls_timing_hr_time* val,
                                       int reset) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Starts the delays of \p data (an mbedtls_timing_delay_context): an intermediate one of
 *        int_ms and a final one of fin_ms milliseconds. fin_ms 0 cancels them.
 */
void mbedtls_timing_set_delay(void* data, uint32_t int_ms, uint32_t fin_ms) MBEDTLS_EMBER_NOEXCEPT;
/** -1: cancelled; 0: no delay passed; 1: the intermediate one passed; 2: the final one. */
int mbedtls_timing_get_delay(void* data) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_TIMING_H */
