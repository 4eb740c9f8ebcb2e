// Handshake I/O: see handshake_io.hpp.
#include "tls/hs/handshake_io.hpp"

#include "tls/common.hpp"

namespace ember::tls::hs {

Bytes make_message(uint8_t type, ByteView body) {
  Bytes msg;
  msg.reserve(body.size() + 4);
  msg.push_back(type);
  msg.push_back(static_cast<uint8_t>(body.size() >> 16));
  msg.push_back(static_cast<uint8_t>(body.size() >> 8));
  msg.push_back(static_cast<uint8_t>(body.size()));
  msg.insert(msg.end(), body.begin(), body.end());
  return msg;
}

// --- Reassembler -----------------------------------------------------------------------------

Status Reassembler::add(ByteView fragment) {
  buf_.insert(buf_.end(), fragment.begin(), fragment.end());
  size_t off = 0;
  while (buf_.size() - off >= 4) {
    const uint8_t* h = buf_.data() + off;
    size_t len = (size_t{h[1]} << 16) | (size_t{h[2]} << 8) | h[3];
    if (len > max_) return Error::tls_decode_error;
    if (buf_.size() - off < 4 + len) break;
    Message m;
    m.type = h[0];
    m.raw.assign(h, h + 4 + len);
    queue_.push_back(std::move(m));
    off += 4 + len;
  }
  buf_.erase(buf_.begin(), buf_.begin() + static_cast<long>(off));
  return {};
}

Message Reassembler::take() {
  Message m = std::move(queue_.front());
  queue_.pop_front();
  return m;
}

void Reassembler::clear() {
  buf_.clear();
  queue_.clear();
}

// --- Transcript ------------------------------------------------------------------------------

Status Transcript::start(const crypto::Provider& provider, crypto::HashAlg alg,
                         bool keep_messages) {
  EMBER_TRY_ASSIGN(hash_, provider.make_hash(alg));
  keep_ = keep_messages;
  messages_.clear();
  return {};
}

void Transcript::add(ByteView message) {
  hash_->update(message);
  if (keep_) messages_.insert(messages_.end(), message.begin(), message.end());
}

Bytes Transcript::hash() const {
  Bytes out(hash_->size());
  hash_->peek(out);
  return out;
}

Status Transcript::restart_with_message_hash(const crypto::Provider& provider) {
  Bytes ch1 = hash();
  EMBER_TRY(start(provider, alg(), keep_));
  add(make_message(kMessageHash, ch1));
  return {};
}

void Transcript::forget_messages() {
  messages_.clear();
  messages_.shrink_to_fit();
}

void Transcript::reset() {
  hash_.reset();
  keep_ = false;
  messages_.clear();
}

}  // namespace ember::tls::hs
