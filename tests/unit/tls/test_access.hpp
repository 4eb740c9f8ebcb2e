// White-box access to TlsConnection for the TLS tests (a friend of the class): the RFC 8448
// replay's injected ClientHello, post-handshake messages, binders, buffer sizes.
#pragma once

#include <gtest/gtest.h>

#include <cstring>

#include "tls/connection_impl.hpp"
#include "tls/record/protection.hpp"

namespace ember::tls {

namespace record {
// A peer that breaks the record rules: seals whatever it is given under the layer's current
// write keys, with the next sequence number.
struct StreamLayerTestAccess {
  // TLS 1.3: one application_data record around an arbitrary inner plaintext (content, type
  // byte and padding as given, no size limit applied).
  static Bytes seal_inner13(StreamLayer& l, ByteView inner) {
    Protection& p = *l.write_.protection;
    size_t frag = p.sealed_size(inner.size());
    Bytes rec(kHeaderSize + frag);
    write_header(rec.data(), 23, kVersion12, frag);
    RecordContext ctx{l.write_.seq++, 23, kVersion12, ByteView(rec.data(), kHeaderSize)};
    EXPECT_TRUE(p.seal(ctx, inner, {}, MutableByteView(rec).subspan(kHeaderSize)).ok());
    return rec;
  }
  static void set_write_sequence(StreamLayer& l, uint64_t seq) { l.write_.seq = seq; }
};
}  // namespace record

struct TlsConnectionTestAccess {
  static TlsConnection& impl(Connection& c) { return static_cast<TlsConnection&>(c); }
  // Records a hostile peer sends: sealed under c's current write keys (TLS 1.3: `type` is the
  // inner content type), or in plaintext whatever the keys.
  static void send_record(Connection& c, uint8_t type, ByteView data) {
    EXPECT_TRUE(impl(c).records_.send(type, data).ok());
  }
  static void send_plaintext(Connection& c, uint8_t type, ByteView data) {
    EXPECT_TRUE(impl(c).records_.send_unprotected(type, data).ok());
  }
  static Bytes seal_inner13(Connection& c, ByteView inner) {
    return record::StreamLayerTestAccess::seal_inner13(impl(c).records_, inner);
  }
  static void set_write_sequence(Connection& c, uint64_t seq) {
    record::StreamLayerTestAccess::set_write_sequence(impl(c).records_, seq);
  }
  // TLS 1.2: the Finished message c sent last (its verify_data is kept for renegotiation).
  static Bytes last_finished12(Connection& c) {
    const Bytes& vd =
        impl(c).role_ == Role::client ? impl(c).client_verify_data_ : impl(c).server_verify_data_;
    Bytes m = {20, 0, 0, static_cast<uint8_t>(vd.size())};
    m.insert(m.end(), vd.begin(), vd.end());
    return m;
  }
  // TLS 1.3: a copy of the protection `receiver` opens its next record with, so that a test can
  // be the peer that knows those keys (open what the real peer sent, seal forged records).
  static std::unique_ptr<record::Tls13Protection> peer_of_reader13(Connection& receiver) {
    TlsConnection& c = impl(receiver);
    auto* p = dynamic_cast<record::Tls13Protection*>(c.records_.read_protection());
    EXPECT_NE(p, nullptr);
    if (p == nullptr) return nullptr;
    auto keyed = c.provider_.make_hmac(c.suite_->hash, p->traffic_secret().view());
    auto clone = record::Tls13Protection::create(c.provider_, c.suite_->aead,
                                                 p->traffic_secret().view(), std::move(*keyed));
    return std::move(*clone);
  }
  // Whether the handshake's own state is gone (transcript, shares, handshake secrets).
  static bool handshake_state_released(Connection& conn) {
    TlsConnection& c = impl(conn);
    return c.hs_ == nullptr;  // the per-handshake context, secrets wiped
  }
  static uint64_t read_sequence(Connection& c) { return impl(c).records_.read_sequence(); }
  // A peer whose configuration changes between handshakes (for renegotiation tests).
  static void replace_config(Connection& c, std::shared_ptr<const Config> cfg) {
    impl(c).config_ = std::move(cfg);
  }
  // What start() + the ClientHello would have set, taken from the trace instead.
  static void use_trace_client_hello(TlsConnection& c, ByteView client_hello, ByteView random,
                                     std::unique_ptr<crypto::KeyShare> share) {
    std::memcpy(c.client_random_.data(), random.data(), 32);
    c.session_id_.clear();  // the trace's client sends an empty legacy_session_id
    c.hs_->offered_suites = {0x1301, 0x1303, 0x1302};
    c.hs_->key_shares.clear();
    c.hs_->key_shares.push_back(std::move(share));
    c.hs_->client_hello_1.assign(client_hello.begin(), client_hello.end());
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
