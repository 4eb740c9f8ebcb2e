/* timing.h: delays and timers, built against embertls and against Mbed TLS 2.28; both must
 * print the same lines (capi.timing compares them). */
#include <stdio.h>
#include <time.h>

#include "mbedtls/timing.h"

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

int main(void) {
  mbedtls_timing_delay_context d;
  struct mbedtls_timing_hr_time t;
  unsigned long c0, c1, ms;

  mbedtls_timing_set_delay(&d, 0, 0);
  printf("cancelled: %d\n", mbedtls_timing_get_delay(&d));
  mbedtls_timing_set_delay(&d, 100, 250);
  printf("at once: %d\n", mbedtls_timing_get_delay(&d));
  sleep_ms(150);
  printf("after the intermediate delay: %d\n", mbedtls_timing_get_delay(&d));
  sleep_ms(150);
  printf("after the final delay: %d\n", mbedtls_timing_get_delay(&d));
  mbedtls_timing_set_delay(&d, 0, 0);
  printf("cancelled again: %d\n", mbedtls_timing_get_delay(&d));

  printf("timer reset: %lu\n", mbedtls_timing_get_timer(&t, 1));
  sleep_ms(120);
  ms = mbedtls_timing_get_timer(&t, 0);
  printf("timer after 120 ms: %s\n", ms >= 120 && ms < 1000 ? "120..999" : "wrong");
  c0 = mbedtls_timing_hardclock();
  sleep_ms(5);
  c1 = mbedtls_timing_hardclock();
  printf("hardclock moves: %s\n", c1 != c0 ? "yes" : "no");
  return 0;
}
