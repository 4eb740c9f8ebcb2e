// Handshake I/O, between the record layer and the handshake machines: incoming handshake
// messages reassembled from records (Reassembler), the transcript they and the outgoing ones
// are hashed into (Transcript), and the outgoing flight a machine appends its messages to
// (Flight) — one message is one append, and a flight is a unit that DTLS can retransmit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/provider.hpp"

namespace ember::tls::hs {

// One whole handshake message: its 4-byte header (type, 24-bit length) and body.
struct Message {
  uint8_t type = 0;
  Bytes raw;  // header and body, as hashed into the transcript
  ByteView body() const { return ByteView(raw).subspan(4); }
};

// Builds a whole message from a type and body.
Bytes make_message(uint8_t type, ByteView body);

// Reassembles handshake messages from the fragments that handshake records carry: a message
// may span records and a record may hold several messages (RFC 8446 §5.1, RFC 5246 §6.2.1).
class Reassembler {
 public:
  explicit Reassembler(size_t max_message) : max_(max_message) {}
  // Appends one record's fragment. A message longer than the limit is decode_error as soon
  // as its header is seen, before its body is buffered.
  Status add(ByteView fragment);
  // Part of a message is buffered: no other record type may come now, nor a key change.
  bool partial() const { return !buf_.empty(); }
  bool has_message() const { return !queue_.empty(); }
  uint8_t peek_type() const { return queue_.front().type; }  // has_message() first
  Message take();
  void clear();

 private:
  size_t max_;
  Bytes buf_;  // bytes not yet forming a whole message
  std::deque<Message> queue_;
};

// The running transcript hash (RFC 8446 §4.4.1, RFC 5246 §7.4.9) and, for TLS 1.2, the
// messages themselves, which a CertificateVerify signs with a hash of its own choosing.
class Transcript {
 public:
  // Starts over with `alg`; keep_messages: also keep the messages (TLS 1.2).
  Status start(const crypto::Provider& provider, crypto::HashAlg alg, bool keep_messages);
  bool started() const { return hash_ != nullptr; }
  crypto::HashAlg alg() const { return hash_->alg(); }
  void add(ByteView message);
  Bytes hash() const;
  // A copy of the running hash (a PSK binder over a truncated ClientHello).
  std::unique_ptr<crypto::Hash> fork() const { return hash_->clone(); }
  // RFC 8446 §4.4.1: after a HelloRetryRequest the transcript restarts with
  // message_hash(Hash(ClientHello1)) in place of ClientHello1.
  Status restart_with_message_hash(const crypto::Provider& provider);
  // TLS 1.2: the messages so far; forgotten once the handshake has no more use for them.
  ByteView messages() const { return messages_; }
  void forget_messages();
  void reset();

 private:
  std::unique_ptr<crypto::Hash> hash_;
  bool keep_ = false;
  Bytes messages_;
};

// Messages sent between begin() and the send of the whole share records (RFC 8446 §5.1
// allows coalescing): a server's EncryptedExtensions .. Finished become one sealed record
// instead of four. The keys must not change while a flight is open.
class Flight {
 public:
  void begin() {
    open_ = true;
    bytes_.clear();
  }
  bool open() const { return open_; }
  void add(ByteView message) { bytes_.insert(bytes_.end(), message.begin(), message.end()); }
  // Closes the flight; what was added, to be sent.
  Bytes close() {
    open_ = false;
    return std::move(bytes_);
  }
  // A flight cut short (the connection failed) is never sent.
  void abandon() {
    open_ = false;
    bytes_.clear();
  }

 private:
  bool open_ = false;
  Bytes bytes_;
};

}  // namespace ember::tls::hs
