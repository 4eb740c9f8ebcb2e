// version.h, platform.h and debug.h of the C API.
#include <atomic>
#include <cstring>

#include "compat.hpp"
#include "mbedtls/debug.h"
#include "mbedtls/platform.h"
#include "mbedtls/version.h"

namespace ember::compat {
// mbedtls_debug_set_threshold: read by the debug adapter of ssl_config.cpp.
std::atomic<int> g_debug_threshold{0};
}  // namespace ember::compat

extern "C" {

unsigned int mbedtls_version_get_number(void) noexcept {
  return MBEDTLS_VERSION_NUMBER;
}

void mbedtls_version_get_string(char* string) noexcept {
  if (string != nullptr) std::memcpy(string, MBEDTLS_VERSION_STRING, sizeof MBEDTLS_VERSION_STRING);
}

void mbedtls_version_get_string_full(char* string) noexcept {
  if (string != nullptr)
    std::memcpy(string, MBEDTLS_VERSION_STRING_FULL, sizeof MBEDTLS_VERSION_STRING_FULL);
}

int mbedtls_platform_setup(mbedtls_platform_context* ctx) noexcept {
  (void)ctx;
  return 0;
}

void mbedtls_platform_teardown(mbedtls_platform_context* ctx) noexcept {
  (void)ctx;
}

void mbedtls_platform_zeroize(void* buf, size_t len) noexcept {
  if (buf == nullptr) return;
  // A volatile pointer: the stores cannot be removed as dead.
  auto* p = static_cast<volatile unsigned char*>(buf);
  for (size_t i = 0; i < len; ++i) p[i] = 0;
}

void mbedtls_debug_set_threshold(int threshold) noexcept {
  ember::compat::g_debug_threshold.store(threshold, std::memory_order_relaxed);
}

}  // extern "C"
