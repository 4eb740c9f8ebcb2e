// Rotating AEAD ticket keys.
#include "ember/tls/tickets.hpp"

#include <cstring>

namespace ember::tls {

struct TicketKeys::Key {
  std::array<uint8_t, 16> name{};
  std::unique_ptr<crypto::Aead> aead;
};

TicketKeys::TicketKeys(uint64_t rotate_after_ms, const crypto::Provider& provider)
    : provider_(provider), rotate_after_ms_(rotate_after_ms) {}

TicketKeys::~TicketKeys() = default;

Status TicketKeys::make_key(Key& k) {
  Secret key(32);
  EMBER_TRY(provider_.random_bytes(k.name));
  EMBER_TRY(provider_.random_bytes(key.mutable_view()));
  EMBER_TRY_ASSIGN(k.aead, provider_.make_aead(crypto::AeadAlg::aes256_gcm, key));
  return {};
}

void TicketKeys::rotate() {
  std::lock_guard<std::mutex> lock(mutex_);
  previous_ = std::move(current_);
  current_.reset();
}

Result<Bytes> TicketKeys::seal(ByteView plaintext, uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (current_ && now_ms - current_since_ms_ > rotate_after_ms_) {
    previous_ = std::move(current_);
  }
  if (!current_) {
    auto k = std::make_unique<Key>();
    EMBER_TRY(make_key(*k));
    current_ = std::move(k);
    current_since_ms_ = now_ms;
  }
  Bytes out(16 + 12 + plaintext.size() + 16);
  std::memcpy(out.data(), current_->name.data(), 16);
  EMBER_TRY(provider_.random_bytes(MutableByteView(out).subspan(16, 12)));
  std::memcpy(out.data() + 28, plaintext.data(), plaintext.size());
  EMBER_TRY(current_->aead->seal(ByteView(out).subspan(16, 12), ByteView(out).first(16),
                                 MutableByteView(out).subspan(28, plaintext.size()),
                                 MutableByteView(out).last(16)));
  return out;
}

Result<Bytes> TicketKeys::open(ByteView ticket) {
  if (ticket.size() < 16 + 12 + 16) return Error::session_invalid;
  std::lock_guard<std::mutex> lock(mutex_);
  Key* k = nullptr;
  for (Key* cand : {current_.get(), previous_.get()})
    if (cand != nullptr && std::memcmp(cand->name.data(), ticket.data(), 16) == 0) k = cand;
  if (k == nullptr) return Error::session_invalid;
  Bytes body(ticket.begin() + 28, ticket.end() - 16);
  if (!k->aead->open(ticket.subspan(16, 12), ticket.first(16), body, ticket.last(16)))
    return Error::session_invalid;
  return body;
}

std::shared_ptr<TicketKeys> default_ticket_keys() {
  static auto keys = std::make_shared<TicketKeys>();
  return keys;
}

}  // namespace ember::tls
