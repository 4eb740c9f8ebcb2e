// Sessions for resumption: mbedtls_ssl_session's resumable state (the core's exported session
// bytes), mbedtls_ssl_cache_* over tls::SessionCache and mbedtls_ssl_ticket_* over
// tls::TicketKeys. The core drives the cache and the keys itself once a configuration names
// them (mbedtls_ssl_conf_session_cache / _tickets_cb in ssl_config.cpp); the C functions here
// also work when a program calls them directly.
#include <chrono>
#include <cstdlib>
#include <new>

#include "compat.hpp"

namespace ember::compat {
namespace {

using CachePtr = std::shared_ptr<tls::SessionCache>;
using KeysPtr = std::shared_ptr<tls::TicketKeys>;

CachePtr* cache_impl(mbedtls_ssl_cache_context* cache) {
  if (cache == nullptr) return nullptr;
  if (cache->ember_impl == nullptr) {
    auto* p = new (std::nothrow) CachePtr();
    if (p == nullptr) return nullptr;
    *p = std::shared_ptr<tls::SessionCache>(new (std::nothrow) tls::SessionCache(
        static_cast<size_t>(cache->max_entries > 0 ? cache->max_entries : 0),
        static_cast<uint32_t>(cache->timeout > 0 ? cache->timeout : 0)));
    if (!*p) {
      delete p;
      return nullptr;
    }
    cache->ember_impl = p;
  }
  return static_cast<CachePtr*>(cache->ember_impl);
}

KeysPtr* keys_impl(void* p_ticket) {
  auto* ctx = static_cast<mbedtls_ssl_ticket_context*>(p_ticket);
  if (ctx == nullptr || ctx->ember_impl == nullptr) return nullptr;
  return static_cast<KeysPtr*>(ctx->ember_impl);
}

uint64_t now_ms() {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  using std::chrono::system_clock;
  return static_cast<uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace

int session_set_state(mbedtls_ssl_session* session, ByteView state) noexcept {
  if (session == nullptr) return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  unsigned char* copy = nullptr;
  if (!state.empty()) {
    copy = static_cast<unsigned char*>(std::malloc(state.size()));
    if (copy == nullptr) return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    std::memcpy(copy, state.data(), state.size());
  }
  if (session->ember_state != nullptr) {
    std::memset(session->ember_state, 0, session->ember_state_len);
    std::free(session->ember_state);
  }
  session->ember_state = copy;
  session->ember_state_len = state.size();
  return 0;
}

std::shared_ptr<tls::SessionCache> cache_of(void* p_cache) noexcept {
  CachePtr* p = cache_impl(static_cast<mbedtls_ssl_cache_context*>(p_cache));
  return p == nullptr ? nullptr : *p;
}

std::shared_ptr<tls::TicketKeys> ticket_keys_of(void* p_ticket, uint32_t* lifetime) noexcept {
  KeysPtr* p = keys_impl(p_ticket);
  if (p == nullptr) return nullptr;
  if (lifetime != nullptr)
    *lifetime = static_cast<mbedtls_ssl_ticket_context*>(p_ticket)->ticket_lifetime;
  return *p;
}

}  // namespace ember::compat

using ember::ByteView;
using ember::compat::cache_impl;
using ember::compat::keys_impl;
using ember::compat::session_set_state;

extern "C" {

void mbedtls_ssl_session_init(mbedtls_ssl_session* session) noexcept {
  if (session != nullptr) std::memset(session, 0, sizeof *session);
}

void mbedtls_ssl_session_free(mbedtls_ssl_session* session) noexcept {
  if (session == nullptr) return;
  if (session->peer_cert != nullptr) {
    mbedtls_x509_crt_free(session->peer_cert);
    std::free(session->peer_cert);
  }
  (void)session_set_state(session, {});
  std::free(session->ticket);
  std::memset(session, 0, sizeof *session);
}

void mbedtls_ssl_cache_init(mbedtls_ssl_cache_context* cache) noexcept {
  if (cache == nullptr) return;
  std::memset(cache, 0, sizeof *cache);
  cache->timeout = MBEDTLS_SSL_CACHE_DEFAULT_TIMEOUT;
  cache->max_entries = MBEDTLS_SSL_CACHE_DEFAULT_MAX_ENTRIES;
}

int mbedtls_ssl_cache_get(void* data, mbedtls_ssl_session* session) noexcept {
  auto* p = cache_impl(static_cast<mbedtls_ssl_cache_context*>(data));
  if (p == nullptr || session == nullptr || session->id_len > sizeof session->id)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto state = (*p)->find(ByteView(session->id, session->id_len), ember::compat::now_ms());
  if (!state) return MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND;
  return session_set_state(session, state->view());
}

int mbedtls_ssl_cache_set(void* data, const mbedtls_ssl_session* session) noexcept {
  auto* p = cache_impl(static_cast<mbedtls_ssl_cache_context*>(data));
  if (p == nullptr || session == nullptr || session->id_len == 0 ||
      session->id_len > sizeof session->id || session->ember_state_len == 0)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  (*p)->store(ByteView(session->id, session->id_len),
              ByteView(session->ember_state, session->ember_state_len), ember::compat::now_ms());
  return 0;
}

void mbedtls_ssl_cache_set_timeout(mbedtls_ssl_cache_context* cache, int timeout) noexcept {
  if (cache == nullptr) return;
  cache->timeout = timeout > 0 ? timeout : 0;
  if (auto* p = cache_impl(cache)) (*p)->set_lifetime(static_cast<uint32_t>(cache->timeout));
}

void mbedtls_ssl_cache_set_max_entries(mbedtls_ssl_cache_context* cache, int max) noexcept {
  if (cache == nullptr) return;
  cache->max_entries = max > 0 ? max : 0;
  if (auto* p = cache_impl(cache)) (*p)->set_max_entries(static_cast<size_t>(cache->max_entries));
}

void mbedtls_ssl_cache_free(mbedtls_ssl_cache_context* cache) noexcept {
  if (cache == nullptr) return;
  delete static_cast<ember::compat::CachePtr*>(cache->ember_impl);
  std::memset(cache, 0, sizeof *cache);
}

void mbedtls_ssl_ticket_init(mbedtls_ssl_ticket_context* ctx) noexcept {
  if (ctx != nullptr) std::memset(ctx, 0, sizeof *ctx);
}

int mbedtls_ssl_ticket_setup(mbedtls_ssl_ticket_context* ctx,
                             int (*f_rng)(void*, unsigned char*, size_t), void* p_rng,
                             mbedtls_cipher_type_t cipher, uint32_t lifetime) noexcept {
  if (ctx == nullptr || f_rng == nullptr || ctx->ember_impl != nullptr)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  if (cipher != MBEDTLS_CIPHER_AES_128_GCM && cipher != MBEDTLS_CIPHER_AES_192_GCM &&
      cipher != MBEDTLS_CIPHER_AES_256_GCM)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  // Keys rotate every lifetime seconds (a lifetime of 0 would rotate at every ticket: once a
  // second at least, so that a ticket opens under the previous key).
  uint64_t rotate_ms = uint64_t{lifetime > 0 ? lifetime : 1} * 1000;
  auto* p = new (std::nothrow) ember::compat::KeysPtr(std::shared_ptr<ember::tls::TicketKeys>(
      new (std::nothrow) ember::tls::TicketKeys(rotate_ms)));
  if (p == nullptr || !*p) {
    delete p;
    return MBEDTLS_ERR_SSL_ALLOC_FAILED;
  }
  ctx->ember_impl = p;
  ctx->f_rng = f_rng;
  ctx->p_rng = p_rng;
  ctx->ticket_lifetime = lifetime;
  return 0;
}

int mbedtls_ssl_ticket_write(void* p_ticket, const mbedtls_ssl_session* session,
                             unsigned char* start, const unsigned char* end, size_t* tlen,
                             uint32_t* lifetime) noexcept {
  auto* p = keys_impl(p_ticket);
  if (p == nullptr || session == nullptr || start == nullptr || end == nullptr || end < start ||
      tlen == nullptr || lifetime == nullptr || session->ember_state_len == 0)
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto sealed =
      (*p)->seal(ByteView(session->ember_state, session->ember_state_len), ember::compat::now_ms());
  if (!sealed) return ember::compat::to_mbedtls(sealed.error(), ember::compat::Module::ssl);
  if (sealed->size() > static_cast<size_t>(end - start)) return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
  std::memcpy(start, sealed->data(), sealed->size());
  *tlen = sealed->size();
  *lifetime = static_cast<mbedtls_ssl_ticket_context*>(p_ticket)->ticket_lifetime;
  return 0;
}

int mbedtls_ssl_ticket_parse(void* p_ticket, mbedtls_ssl_session* session, unsigned char* buf,
                             size_t len) noexcept {
  auto* p = keys_impl(p_ticket);
  if (p == nullptr || session == nullptr || (buf == nullptr && len > 0))
    return MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
  auto opened = (*p)->open(ByteView(buf, len));
  if (!opened) return MBEDTLS_ERR_SSL_INVALID_MAC;  // not ours, altered, or its key is gone
  return session_set_state(session, ByteView(*opened));
}

void mbedtls_ssl_ticket_free(mbedtls_ssl_ticket_context* ctx) noexcept {
  if (ctx == nullptr) return;
  delete static_cast<ember::compat::KeysPtr*>(ctx->ember_impl);
  std::memset(ctx, 0, sizeof *ctx);
}

}  // extern "C"
