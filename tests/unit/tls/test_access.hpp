// White-box access to TlsConnection for the TLS tests (a friend of the class): the RFC 8448
// replay's injected ClientHello, post-handshake messages, binders, buffer sizes.
#pragma once

#include <cstring>

#include "tls/connection_impl.hpp"

namespace ember::tls {

struct TlsConnectionTestAccess {
  // What start() + the ClientHello would have set, taken from the trace instead.
  static void use_trace_client_hello(TlsConnection& c, ByteView client_hello, ByteView random,
                                     std::unique_ptr<crypto::KeyShare> share) {
    std::memcpy(c.client_random_.data(), random.data(), 32);
    c.session_id_.clear();  // the trace's client sends an empty legacy_session_id
    c.offered_suites_ = {0x1301, 0x1303, 0x1302};
    c.key_shares_.clear();
    c.key_shares_.push_back(std::move(share));
    c.client_hello_1_.assign(client_hello.begin(), client_hello.end());
    c.hello_sent_ = true;
    c.offered12_ = false;
  }
  // Transport bytes held in the input buffer (undecoded, or opened but not yet read).
  static size_t input_buffered(const TlsConnection& c) { return c.records_.input_buffered(); }
  // A post-handshake message as it would come out of a record.
  static Status post_handshake(TlsConnection& c, ByteView message) {
    HandshakeMessage m;
    m.type = message[0];
    m.raw.assign(message.begin(), message.end());
    m.body.assign(message.begin() + 4, message.end());
    return c.handle_post_handshake(m);
  }
  // The offered session's ticket and the binder our client computes for it over a
  // ClientHello truncated before its binders (RFC 8446 §4.2.11.2).
  static Bytes offered_ticket(TlsConnection& c) { return c.resume_ ? c.resume_->ticket : Bytes{}; }
  static Result<Bytes> binder(TlsConnection& c, ByteView truncated_hello) {
    if (!c.resume_) return Error::bad_state;
    return c.psk_binder(crypto::HashAlg::sha256, c.resume_->psk, truncated_hello);
  }
};

}  // namespace ember::tls
