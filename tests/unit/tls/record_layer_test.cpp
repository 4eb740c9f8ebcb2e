// The record layer on its own: the framing codec, each protection against an independent
// construction of its nonce and additional data, and the stream layer's fragmentation, limits,
// padding, partial input and direct reads, between two layers that share keys.
#include <gtest/gtest.h>

#include <cstring>

#include "ember/crypto/provider.hpp"
#include "tls/record/codec.hpp"
#include "tls/record/protection.hpp"
#include "tls/record/stream_layer.hpp"

namespace ember::tls::record {
namespace {

const crypto::Provider& P() {
  return crypto::default_provider();
}

std::unique_ptr<Tls13Protection> tls13(crypto::AeadAlg alg, uint8_t fill) {
  Secret secret(32);
  std::memset(secret.data(), fill, 32);
  auto keyed = P().make_hmac(crypto::HashAlg::sha256, secret);
  EXPECT_TRUE(keyed.ok());
  auto p = Tls13Protection::create(P(), alg, secret, std::move(*keyed));
  EXPECT_TRUE(p.ok());
  return std::move(*p);
}

TEST(RecordCodec, HeaderAadAndHandshakeHeader) {
  uint8_t h[kHeaderSize];
  write_header(h, 23, 0x0303, 0x1234);
  EXPECT_EQ(Bytes(h, h + 5), (Bytes{23, 3, 3, 0x12, 0x34}));
  Header r = read_header(h);
  EXPECT_EQ(r.type, 23);
  EXPECT_EQ(r.version, 0x0303);
  EXPECT_EQ(r.length, 0x1234u);
  uint8_t aad[kAad12Size];
  write_aad12(aad, 0x0102030405060708, 22, 0x0303, 300);
  EXPECT_EQ(Bytes(aad, aad + 13), (Bytes{1, 2, 3, 4, 5, 6, 7, 8, 22, 3, 3, 1, 44}));
  auto hh = handshake_header(11, 0x010203);
  EXPECT_EQ(Bytes(hh.begin(), hh.end()), (Bytes{11, 1, 2, 3}));
  EXPECT_EQ(handshake_length(hh.data()), 0x010203u);
  EXPECT_EQ(handshake_message(20, Bytes{9, 9}), (Bytes{20, 0, 0, 2, 9, 9}));
}

// A TLS 1.2 GCM record is salt || explicit nonce (= sequence number) with the RFC 5246 AAD:
// opened here with a bare AEAD and a nonce and AAD built by hand.
TEST(RecordProtection, Tls12GcmMatchesRfc5288Layout) {
  Bytes key(16, 0x11), salt = {0xa0, 0xa1, 0xa2, 0xa3};
  auto p = Tls12AeadProtection::create(P(), crypto::AeadAlg::aes128_gcm, key, salt);
  ASSERT_TRUE(p.ok());
  Bytes msg = {'h', 'e', 'l', 'l', 'o'};
  Bytes body((*p)->sealed_size(msg.size()));
  ASSERT_EQ(body.size(), 8 + 5 + 16u);
  RecordContext ctx{7, 23, 0x0303, {}};
  ASSERT_TRUE((*p)->seal(ctx, msg, {}, body).ok());
  EXPECT_EQ(Bytes(body.begin(), body.begin() + 8), (Bytes{0, 0, 0, 0, 0, 0, 0, 7}));
  auto raw = P().make_aead(crypto::AeadAlg::aes128_gcm, key);
  ASSERT_TRUE(raw.ok());
  Bytes nonce = salt;
  nonce.insert(nonce.end(), body.begin(), body.begin() + 8);
  uint8_t aad[13];
  write_aad12(aad, 7, 23, 0x0303, 5);
  Bytes data(body.begin() + 8, body.begin() + 13);
  ASSERT_TRUE((*raw)->open(nonce, ByteView(aad, 13), data, ByteView(body).subspan(13)).ok());
  EXPECT_EQ(data, msg);
  // Our own open, in place and out of place; a wrong sequence number or type fails.
  Bytes copy = body;
  auto opened = (*p)->open(ctx, copy);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(Bytes(opened->begin(), opened->end()), msg);
  Bytes out(5);
  EXPECT_TRUE((*p)->open_to(ctx, body, out, {}).ok());
  EXPECT_EQ(out, msg);
  copy = body;
  EXPECT_EQ((*p)->open(RecordContext{8, 23, 0x0303, {}}, copy).error(), Error::bad_record_mac);
  copy = body;
  EXPECT_EQ((*p)->open(RecordContext{7, 22, 0x0303, {}}, copy).error(), Error::bad_record_mac);
  EXPECT_EQ((*p)->plaintext_size(23), std::nullopt);
}

// ChaCha20-Poly1305 in TLS 1.2: no explicit nonce, iv XOR sequence number (RFC 7905 §2).
TEST(RecordProtection, Tls12ChachaXorsTheSequenceNumber) {
  Bytes key(32, 0x22), iv(12, 0x5a);
  auto p = Tls12AeadProtection::create(P(), crypto::AeadAlg::chacha20_poly1305, key, iv);
  ASSERT_TRUE(p.ok());
  Bytes msg(100, 0x42), body((*p)->sealed_size(100));
  ASSERT_EQ(body.size(), 116u);
  ASSERT_TRUE((*p)->seal(RecordContext{0x0102, 23, 0x0303, {}}, msg, {}, body).ok());
  auto raw = P().make_aead(crypto::AeadAlg::chacha20_poly1305, key);
  Bytes nonce = iv;
  nonce[10] ^= 0x01;
  nonce[11] ^= 0x02;
  uint8_t aad[13];
  write_aad12(aad, 0x0102, 23, 0x0303, 100);
  Bytes data(body.begin(), body.begin() + 100);
  ASSERT_TRUE((*raw)->open(nonce, ByteView(aad, 13), data, ByteView(body).subspan(100)).ok());
  EXPECT_EQ(data, msg);
}

// TLS 1.3: the header is the additional data and the type byte is sealed with the content.
TEST(RecordProtection, Tls13SealsTheTypeAndAuthenticatesTheHeader) {
  auto sender = tls13(crypto::AeadAlg::aes128_gcm, 1);
  auto receiver = tls13(crypto::AeadAlg::aes128_gcm, 1);
  Bytes content(300, 0x33);
  uint8_t type = 22;
  size_t frag = sender->sealed_size(301);
  Bytes record(kHeaderSize + frag);
  write_header(record.data(), 23, 0x0303, frag);
  RecordContext ctx{5, 23, 0x0303, ByteView(record).first(5)};
  ASSERT_TRUE(
      sender->seal(ctx, content, ByteView(&type, 1), MutableByteView(record).subspan(5)).ok());
  Bytes copy = record;
  RecordContext rctx{5, 23, 0x0303, ByteView(copy).first(5)};
  auto plain = receiver->open(rctx, MutableByteView(copy).subspan(5));
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->size(), 301u);
  EXPECT_EQ((*plain)[300], 22);
  // A changed header byte (the length's high byte stands for any) fails.
  copy = record;
  copy[1] = 0x01;
  RecordContext bad{5, 23, 0x0301, ByteView(copy).first(5)};
  EXPECT_EQ(receiver->open(bad, MutableByteView(copy).subspan(5)).error(), Error::bad_record_mac);
  EXPECT_EQ(receiver->plaintext_size(16), std::nullopt);  // no room for the type byte
  EXPECT_EQ(receiver->traffic_secret().size(), 32u);
}

struct Pair {
  StreamLayer a, b;
  void keys(Mode mode, crypto::AeadAlg alg = crypto::AeadAlg::aes128_gcm) {
    a.set_mode(mode);
    b.set_mode(mode);
    if (mode == Mode::tls13) {
      a.set_write_protection(tls13(alg, 9));
      b.set_read_protection(tls13(alg, 9));
    } else {
      Bytes key(crypto::aead_key_size(alg), 3), iv(4, 4);
      a.set_write_protection(std::move(*Tls12AeadProtection::create(P(), alg, key, iv)));
      b.set_read_protection(std::move(*Tls12AeadProtection::create(P(), alg, key, iv)));
    }
  }
  void move() {
    b.receive(a.pending_output());
    a.consume_output(a.pending_output().size());
  }
};

// Records of the header's layout, counted and measured in what a layer sent.
std::vector<Header> records_of(ByteView out) {
  std::vector<Header> hs;
  while (out.size() >= kHeaderSize) {
    hs.push_back(read_header(out.data()));
    out = out.subspan(kHeaderSize + hs.back().length);
  }
  return hs;
}

TEST(StreamLayer, FragmentsAtTheSendLimitAndPeerRecordLimit) {
  for (Mode mode : {Mode::tls12, Mode::tls13}) {
    Pair p;
    p.keys(mode);
    p.a.set_send_limit(1000);
    Bytes data(2500, 0x61);
    ASSERT_TRUE(p.a.send(23, data).ok());
    auto hs = records_of(p.a.pending_output());
    ASSERT_EQ(hs.size(), 3u);
    size_t overhead = mode == Mode::tls13 ? 1 + 16 : 8 + 16;
    EXPECT_EQ(hs[0].length, 1000 + overhead);
    EXPECT_EQ(hs[2].length, 500 + overhead);
    p.move();
    Bytes got;
    for (;;) {
      auto r = p.b.next_record();
      if (!r) {
        EXPECT_EQ(r.error(), Error::want_read);
        break;
      }
      EXPECT_EQ(r->type, 23);
      EXPECT_TRUE(r->protected_record);
      got.insert(got.end(), r->fragment.begin(), r->fragment.end());
    }
    EXPECT_EQ(got, data);
    // RFC 8449: the peer's limit counts the inner plaintext, content type included.
    p.a.set_send_limit(kMaxPlaintext);
    p.a.set_peer_record_limit(64);
    ASSERT_TRUE(p.a.send(23, Bytes(100, 1)).ok());
    hs = records_of(p.a.pending_output());
    ASSERT_EQ(hs.size(), 2u);
    EXPECT_EQ(hs[0].length, 63 + overhead);
  }
}

TEST(StreamLayer, Tls13PaddingIsStrippedAndAlertsAreNotPadded) {
  Pair p;
  p.keys(Mode::tls13);
  p.a.set_padding_block(64);
  ASSERT_TRUE(p.a.send(23, Bytes(10, 7)).ok());
  ASSERT_TRUE(p.a.send(21, Bytes{1, 0}).ok());
  auto hs = records_of(p.a.pending_output());
  ASSERT_EQ(hs.size(), 2u);
  EXPECT_EQ(hs[0].length, 64 + 16u);
  EXPECT_EQ(hs[1].length, 3 + 16u);
  p.move();
  auto r = p.b.next_record();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fragment.size(), 10u);
  r = p.b.next_record();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, 21);
}

TEST(StreamLayer, PartialInputWaitsAndLimitsAreEnforced) {
  Pair p;
  p.keys(Mode::tls13);
  ASSERT_TRUE(p.a.send(23, Bytes(50, 1)).ok());
  Bytes wire(p.a.pending_output().begin(), p.a.pending_output().end());
  for (size_t i = 0; i + 1 < wire.size(); ++i) {
    p.b.receive(ByteView(wire).subspan(i, 1));
    ASSERT_EQ(p.b.next_record().error(), Error::want_read) << i;
  }
  p.b.receive(ByteView(wire).subspan(wire.size() - 1));
  auto r = p.b.next_record();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fragment.size(), 50u);

  StreamLayer plain;
  Bytes too_long = {22, 3, 3, 0x40, 0x01};  // 16385 > 2^14 unprotected
  too_long.resize(5 + 0x4001, 0);
  plain.receive(too_long);
  EXPECT_EQ(plain.next_record().error(), Error::record_overflow);
  StreamLayer bad_version;
  bad_version.receive(Bytes{22, 2, 0, 0, 1, 1});
  EXPECT_EQ(bad_version.next_record().error(), Error::tls_decode_error);
  StreamLayer early_data;
  early_data.receive(Bytes{23, 3, 3, 0, 1, 1});
  EXPECT_EQ(early_data.next_record().error(), Error::unexpected_message);
}

TEST(StreamLayer, InnerPlaintextOverTheLimitIsRecordOverflow) {
  Pair p;
  p.keys(Mode::tls13);
  // The sender pads past 2^14 + 1 bytes of inner plaintext (as a hostile peer could).
  auto prot = tls13(crypto::AeadAlg::aes128_gcm, 9);
  Bytes inner(kMaxInnerPlaintext13 + 1, 0);
  inner[0] = 'x';
  inner[1] = 23;  // content "x", type, then padding
  size_t frag = prot->sealed_size(inner.size());
  Bytes rec(kHeaderSize + frag);
  write_header(rec.data(), 23, 0x0303, frag);
  RecordContext ctx{0, 23, 0x0303, ByteView(rec).first(5)};
  ASSERT_TRUE(prot->seal(ctx, inner, {}, MutableByteView(rec).subspan(5)).ok());
  p.b.receive(rec);
  EXPECT_EQ(p.b.next_record().error(), Error::record_overflow);
}

TEST(StreamLayer, DirectReadsIntoTheCallersBuffer) {
  using Kind = StreamLayer::Direct::Kind;
  for (Mode mode : {Mode::tls12, Mode::tls13}) {
    Pair p;
    p.keys(mode);
    Bytes data(5000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
    ASSERT_TRUE(p.a.send(23, data).ok());
    p.move();
    Bytes out(6000);
    auto d = p.b.read_direct(out);
    ASSERT_EQ(d.kind, Kind::app_data);
    EXPECT_EQ(d.app_data, 5000u);
    EXPECT_EQ(Bytes(out.begin(), out.begin() + 5000), data);
    EXPECT_FALSE(p.b.input_pending());
  }
  // TLS 1.3 with a buffer smaller than the record: the rest is held for the next read.
  Pair p;
  p.keys(Mode::tls13);
  Bytes data(1000, 0x77);
  data[999] = 0x01;
  ASSERT_TRUE(p.a.send(23, data).ok());
  ASSERT_TRUE(p.a.send(22, Bytes{24, 0, 0, 1, 0}).ok());  // then a KeyUpdate-like message
  p.move();
  // (600 bytes would leave more than the 256-byte spill: the general path's job.)
  Bytes six(600);
  EXPECT_EQ(p.b.read_direct(six).kind, Kind::none);
  Bytes small(800);
  auto d = p.b.read_direct(small);
  ASSERT_EQ(d.kind, Kind::app_data);
  EXPECT_EQ(d.app_data, 800u);
  EXPECT_EQ(p.b.application_data_size(), 200u);
  Bytes rest(200);
  EXPECT_EQ(p.b.read_application_data(rest), 200u);
  EXPECT_EQ(rest.back(), 0x01);
  d = p.b.read_direct(small);
  ASSERT_EQ(d.kind, Kind::other);
  EXPECT_EQ(p.b.direct_other().type, 22);
  EXPECT_EQ(p.b.direct_other().fragment.size(), 5u);
  // A record whose tag does not verify fails on this path too.
  ASSERT_TRUE(p.a.send(23, data).ok());
  Bytes wire(p.a.pending_output().begin(), p.a.pending_output().end());
  p.a.consume_output(wire.size());
  wire.back() ^= 1;
  p.b.receive(wire);
  d = p.b.read_direct(small);
  ASSERT_EQ(d.kind, Kind::failed);
  EXPECT_EQ(d.error, Error::bad_record_mac);
}

TEST(StreamLayer, ZeroCopyInputAndUnprotectedSends) {
  StreamLayer a, b;
  a.set_plaintext_version(kVersion10);
  ASSERT_TRUE(a.send(22, Bytes{1, 0, 0, 0}).ok());
  EXPECT_EQ(a.pending_output()[2], 0x01);  // legacy_record_version 0x0301
  a.set_plaintext_version(kVersion12);
  ASSERT_TRUE(a.send_unprotected(20, Bytes{1}).ok());
  Bytes wire(a.pending_output().begin(), a.pending_output().end());
  MutableByteView space = b.input_space(wire.size() + 100);
  std::memcpy(space.data(), wire.data(), wire.size());
  ASSERT_TRUE(b.commit_input(wire.size()).ok());
  auto r = b.next_record();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, 22);
  EXPECT_FALSE(r->protected_record);
  r = b.next_record();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, 20);
  EXPECT_EQ(b.commit_input(1).error(), Error::bad_state);  // no space outstanding
}

}  // namespace
}  // namespace ember::tls::record
