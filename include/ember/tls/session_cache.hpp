// Server-side TLS 1.2 session cache for session-ID resumption (mbedtls_ssl_cache): a bounded,
// thread-safe map from session ID to the serialized session state, with a lifetime. Share one
// cache between the configs of all servers that should resume each other's sessions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/secret.hpp"

namespace ember::tls {

class EMBER_API SessionCache {
 public:
  // max_entries 0 = unlimited; lifetime_s 0 = sessions never expire (Mbed TLS semantics;
  // defaults are Mbed TLS's: 50 entries, 86400 s).
  explicit SessionCache(size_t max_entries = 50, uint32_t lifetime_s = 86400);

  // Stores (or replaces) the state for id; evicts the oldest entry when full.
  void store(ByteView id, ByteView state, uint64_t now_ms);
  // The state stored for id if present and not expired.
  std::optional<Secret> find(ByteView id, uint64_t now_ms);
  void remove(ByteView id);
  size_t size() const;

  void set_max_entries(size_t n);
  void set_lifetime(uint32_t seconds);

 private:
  struct Entry {
    Secret state;
    uint64_t stored_ms = 0;
    std::list<Bytes>::iterator order;
  };
  struct Hash {
    size_t operator()(const Bytes& b) const noexcept;
  };
  void evict_locked(uint64_t now_ms);
  mutable std::mutex mutex_;
  size_t max_entries_;
  uint32_t lifetime_s_;
  std::unordered_map<Bytes, Entry, Hash> map_;
  std::list<Bytes> order_;  // insertion order, oldest first
};

}  // namespace ember::tls
