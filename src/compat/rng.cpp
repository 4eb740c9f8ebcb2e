// entropy.h and ctr_drbg.h over ember::rng (getrandom source, CTR_DRBG). The DRBG is locked
// per call, as Mbed TLS with MBEDTLS_THREADING_C, so one context can serve several threads.
#include <new>

#include "compat.hpp"
#include "ember/rng/entropy.hpp"

namespace ember::compat {
namespace {

struct DrbgImpl {
  DrbgImpl(rng::CallbackEntropy::Fn fn, void* ctx) : source(fn, ctx), drbg(source) {}
  rng::CallbackEntropy source;
  rng::CtrDrbg drbg;
  std::mutex lock;
};

DrbgImpl* drbg_of(const mbedtls_ctr_drbg_context* ctx) {
  return ctx == nullptr ? nullptr : static_cast<DrbgImpl*>(ctx->ember_impl);
}

}  // namespace
}  // namespace ember::compat

using ember::compat::drbg_of;
using ember::compat::DrbgImpl;
using ember::compat::Module;
using ember::compat::to_mbedtls;

extern "C" {

void mbedtls_entropy_init(mbedtls_entropy_context* ctx) noexcept {
  if (ctx == nullptr) return;
  std::memset(ctx, 0, sizeof *ctx);
  ctx->initialized = 1;
}

void mbedtls_entropy_free(mbedtls_entropy_context* ctx) noexcept {
  if (ctx == nullptr) return;
  std::memset(ctx, 0, sizeof *ctx);
}

int mbedtls_entropy_func(void* data, unsigned char* output, size_t len) noexcept {
  auto* ctx = static_cast<mbedtls_entropy_context*>(data);
  if (ctx == nullptr || ctx->initialized != 1) return MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED;
  if (len > MBEDTLS_ENTROPY_BLOCK_SIZE) return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
  if (output == nullptr && len > 0) return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
  if (len == 0) return 0;
  auto st = ember::rng::system_entropy().gather({output, len});
  return st ? 0 : MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
}

void mbedtls_ctr_drbg_init(mbedtls_ctr_drbg_context* ctx) noexcept {
  if (ctx == nullptr) return;
  std::memset(ctx, 0, sizeof *ctx);
  ctx->reseed_interval = MBEDTLS_CTR_DRBG_RESEED_INTERVAL;
}

void mbedtls_ctr_drbg_free(mbedtls_ctr_drbg_context* ctx) noexcept {
  if (ctx == nullptr) return;
  delete drbg_of(ctx);
  std::memset(ctx, 0, sizeof *ctx);
}

int mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context* ctx,
                          int (*f_entropy)(void*, unsigned char*, size_t), void* p_entropy,
                          const unsigned char* custom, size_t len) noexcept {
  if (ctx == nullptr || f_entropy == nullptr || (custom == nullptr && len > 0))
    return MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG;
  delete drbg_of(ctx);
  ctx->ember_impl = nullptr;
  auto* impl = new (std::nothrow) DrbgImpl(f_entropy, p_entropy);
  if (impl == nullptr) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
  impl->drbg.set_entropy_len(ctx->entropy_len);
  impl->drbg.set_prediction_resistance(ctx->prediction_resistance != 0);
  impl->drbg.set_reseed_interval(static_cast<uint32_t>(ctx->reseed_interval));
  auto st = impl->drbg.seed({custom, len});
  if (!st) {
    delete impl;
    return to_mbedtls(st.error(), Module::rng);
  }
  ctx->ember_impl = impl;
  ctx->f_entropy = f_entropy;
  ctx->p_entropy = p_entropy;
  ctx->entropy_len = impl->drbg.entropy_len();
  ctx->reseed_counter = 1;
  return 0;
}

void mbedtls_ctr_drbg_set_prediction_resistance(mbedtls_ctr_drbg_context* ctx,
                                                int resistance) noexcept {
  if (ctx == nullptr) return;
  ctx->prediction_resistance = resistance;
  if (auto* impl = drbg_of(ctx)) {
    std::lock_guard<std::mutex> g(impl->lock);
    impl->drbg.set_prediction_resistance(resistance != 0);
  }
}

void mbedtls_ctr_drbg_set_entropy_len(mbedtls_ctr_drbg_context* ctx, size_t len) noexcept {
  if (ctx == nullptr) return;
  ctx->entropy_len = len;
  if (auto* impl = drbg_of(ctx)) {
    std::lock_guard<std::mutex> g(impl->lock);
    impl->drbg.set_entropy_len(len);
  }
}

void mbedtls_ctr_drbg_set_reseed_interval(mbedtls_ctr_drbg_context* ctx, int interval) noexcept {
  if (ctx == nullptr) return;
  ctx->reseed_interval = interval;
  if (auto* impl = drbg_of(ctx)) {
    std::lock_guard<std::mutex> g(impl->lock);
    impl->drbg.set_reseed_interval(static_cast<uint32_t>(interval));
  }
}

int mbedtls_ctr_drbg_reseed(mbedtls_ctr_drbg_context* ctx, const unsigned char* additional,
                            size_t len) noexcept {
  auto* impl = drbg_of(ctx);
  if (impl == nullptr) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
  if (additional == nullptr && len > 0) return MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG;
  std::lock_guard<std::mutex> g(impl->lock);
  auto st = impl->drbg.reseed({additional, len});
  return st ? 0 : to_mbedtls(st.error(), Module::rng);
}

int mbedtls_ctr_drbg_random_with_add(void* p_rng, unsigned char* output, size_t output_len,
                                     const unsigned char* additional, size_t add_len) noexcept {
  auto* ctx = static_cast<mbedtls_ctr_drbg_context*>(p_rng);
  auto* impl = drbg_of(ctx);
  // An unseeded context cannot produce anything: Mbed TLS would output from a zero state.
  if (impl == nullptr) return MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
  if (output_len > MBEDTLS_CTR_DRBG_MAX_REQUEST) return MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG;
  if (add_len > MBEDTLS_CTR_DRBG_MAX_INPUT) return MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG;
  if ((output == nullptr && output_len > 0) || (additional == nullptr && add_len > 0))
    return MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG;
  std::lock_guard<std::mutex> g(impl->lock);
  auto st = impl->drbg.generate({output, output_len}, {additional, add_len});
  if (!st) return to_mbedtls(st.error(), Module::rng);
  ctx->reseed_counter = static_cast<int>(impl->drbg.reseed_counter());
  return 0;
}

int mbedtls_ctr_drbg_random(void* p_rng, unsigned char* output, size_t output_len) noexcept {
  return mbedtls_ctr_drbg_random_with_add(p_rng, output, output_len, nullptr, 0);
}

}  // extern "C"
