// timing.h over std::chrono::steady_clock: a time point is its nanosecond count, stored at the
// start of the opaque bytes.
#include <chrono>
#include <cstring>

#include "mbedtls/timing.h"

namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

extern "C" {

unsigned long mbedtls_timing_hardclock(void) noexcept {
  return static_cast<unsigned long>(now_ns());
}

unsigned long mbedtls_timing_get_timer(struct mbedtls_timing_hr_time* val, int reset) noexcept {
  if (val == nullptr) return 0;
  int64_t now = now_ns();
  if (reset != 0) {
    std::memcpy(val->opaque, &now, sizeof now);
    return 0;
  }
  int64_t then = 0;
  std::memcpy(&then, val->opaque, sizeof then);
  return now > then ? static_cast<unsigned long>((now - then) / 1000000) : 0;
}

void mbedtls_timing_set_delay(void* data, uint32_t int_ms, uint32_t fin_ms) noexcept {
  auto* ctx = static_cast<mbedtls_timing_delay_context*>(data);
  if (ctx == nullptr) return;
  ctx->int_ms = int_ms;
  ctx->fin_ms = fin_ms;
  if (fin_ms != 0) (void)mbedtls_timing_get_timer(&ctx->timer, 1);
}

int mbedtls_timing_get_delay(void* data) noexcept {
  auto* ctx = static_cast<mbedtls_timing_delay_context*>(data);
  if (ctx == nullptr || ctx->fin_ms == 0) return -1;
  unsigned long elapsed = mbedtls_timing_get_timer(&ctx->timer, 0);
  if (elapsed >= ctx->fin_ms) return 2;
  if (elapsed >= ctx->int_ms) return 1;
  return 0;
}

}  // extern "C"
