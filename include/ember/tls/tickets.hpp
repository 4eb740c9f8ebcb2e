// Server session-ticket keys: tickets are sealed with AES-256-GCM under a named key; keys
// rotate (the previous key still opens tickets until the next rotation). Thread-safe; share
// one TicketKeys between the configs of all servers that should accept each other's tickets.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/provider.hpp"

namespace ember::tls {

class EMBER_API TicketKeys {
 public:
  // Keys rotate when the current one is older than rotate_after_ms (checked at seal()).
  explicit TicketKeys(uint64_t rotate_after_ms = uint64_t{3600} * 1000,
                      const crypto::Provider& provider = crypto::default_provider());
  ~TicketKeys();
  // ticket = key name (16) || nonce (12) || AES-256-GCM(plaintext) || tag (16)
  Result<Bytes> seal(ByteView plaintext, uint64_t now_ms);
  Result<Bytes> open(ByteView ticket);
  void rotate();

 private:
  struct Key;
  Status make_key(Key& k);
  std::mutex mutex_;
  const crypto::Provider& provider_;
  uint64_t rotate_after_ms_;
  uint64_t current_since_ms_ = 0;
  std::unique_ptr<Key> current_, previous_;
};

// A process-wide instance used by servers whose Config has no ticket_keys.
EMBER_API std::shared_ptr<TicketKeys> default_ticket_keys();

}  // namespace ember::tls
