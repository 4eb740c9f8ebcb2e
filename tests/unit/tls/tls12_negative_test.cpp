// TLS 1.2 protocol violations: each ends with the expected error and alert.
#include <algorithm>

#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

Bytes take(Connection& c) {
  auto out = c.pending_output();
  Bytes b(out.begin(), out.end());
  c.consume_output(out.size());
  return b;
}

std::shared_ptr<Config> v12(std::shared_ptr<Config> c) {
  c->min_version = c->max_version = Version::tls12;
  return c;
}

struct Started {
  std::unique_ptr<Connection> client, server;
};

Started start(std::shared_ptr<Config> cc, std::shared_ptr<Config> sc) {
  Started s;
  s.client = std::move(*Connection::client(cc, "localhost"));
  s.server = std::move(*Connection::server(sc));
  return s;
}

// Replaces the first occurrence of `from` in b by `to` (same length); false if absent.
bool patch(Bytes& b, const Bytes& from, const Bytes& to) {
  auto it = std::search(b.begin(), b.end(), from.begin(), from.end());
  if (it == b.end()) return false;
  std::copy(to.begin(), to.end(), it);
  return true;
}

TEST(Tls12Negative, TamperedApplicationRecordIsBadRecordMac) {
  for (uint16_t suite : {0xC02B, 0xC023}) {  // AEAD, and CBC (EtM)
    auto cc = v12(client_config("p256"));
    cc->cipher_suites = {suite};
    auto p = connect(cc, v12(server_config("p256")));
    ASSERT_TRUE(p.client->handshake_done());
    const uint8_t msg[] = "hello";
    ASSERT_TRUE(p.client->write(msg).ok());
    Bytes rec = take(*p.client);
    rec.back() ^= 0x01;
    (void)p.server->receive(rec);
    uint8_t buf[16];
    EXPECT_EQ(p.server->read(buf).error(), Error::bad_record_mac) << suite;
    EXPECT_EQ(p.server->alert_sent(), 20);
  }
}

TEST(Tls12Negative, WrongFinishedIsDecryptError) {
  // Without EMS the keys do not depend on the transcript: a changed server session ID (not
  // a key input) leaves both sides with the same keys but different Finished values.
  auto cc = v12(client_config("p256"));
  cc->extended_master_secret = false;
  auto sc = v12(server_config("p256"));
  sc->session_cache = std::make_shared<SessionCache>();
  auto m = start(cc, sc);
  (void)m.client->handshake();
  (void)m.server->receive(take(*m.client));
  (void)m.server->handshake();
  Bytes flight = take(*m.server);
  // ServerHello: 5-byte record header, 4-byte message header, version, random, then the
  // session ID length (32) and the ID.
  ASSERT_EQ(flight[5 + 4 + 2 + 32], 32);
  flight[5 + 4 + 2 + 32 + 1] ^= 0x01;
  (void)m.client->receive(flight);
  ASSERT_TRUE(m.client->handshake().error() == Error::want_read);
  (void)m.server->receive(take(*m.client));
  EXPECT_EQ(m.server->handshake().error(), Error::decrypt_error);
  EXPECT_EQ(m.server->alert_sent(), 51);
}

TEST(Tls12Negative, UnexpectedChangeCipherSpec) {
  auto m = start(v12(client_config("p256")), v12(server_config("p256")));
  (void)m.client->handshake();
  (void)m.server->receive(take(*m.client));
  (void)m.server->handshake();
  (void)take(*m.server);
  const Bytes ccs = {20, 3, 3, 0, 1, 1};  // before any ClientKeyExchange: no keys to switch to
  (void)m.server->receive(ccs);
  EXPECT_EQ(m.server->handshake().error(), Error::unexpected_message);
  EXPECT_EQ(m.server->alert_sent(), 10);
}

TEST(Tls12Negative, OversizedRecordIsRecordOverflow) {
  auto p = connect(v12(client_config("p256")), v12(server_config("p256")));
  ASSERT_TRUE(p.client->handshake_done());
  Bytes rec = {23, 3, 3, 0x48, 0x01};  // 18433 > 2^14 + 2048
  rec.resize(5 + 0x4801, 0);
  (void)p.server->receive(rec);
  uint8_t buf[16];
  EXPECT_EQ(p.server->read(buf).error(), Error::record_overflow);
  EXPECT_EQ(p.server->alert_sent(), 22);
}

TEST(Tls12Negative, DowngradeToTls12IsDetected) {
  // An attacker rewrites the client's supported_versions {1.3, 1.2} to {1.1, 1.2}: the server
  // (which speaks 1.3) answers 1.2 with the RFC 8446 sentinel and the client refuses.
  auto m = start(client_config("p256"), server_config("p256"));
  (void)m.client->handshake();
  Bytes ch = take(*m.client);
  ASSERT_TRUE(patch(ch, {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03},
                    {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x02, 0x03, 0x03}));
  (void)m.server->receive(ch);
  (void)m.server->handshake();
  EXPECT_EQ(m.server->info().version, Version::tls12);
  (void)m.client->receive(take(*m.server));
  EXPECT_EQ(m.client->handshake().error(), Error::downgrade_detected);
  EXPECT_EQ(m.client->alert_sent(), 47);
}

TEST(Tls12Negative, InsecureFallbackIsRefused) {
  auto cc = v12(client_config("p256"));
  cc->fallback_scsv = true;
  auto p = connect(cc, server_config("p256"));  // the server could have done TLS 1.3
  EXPECT_EQ(p.server_status.error(), Error::inappropriate_fallback);
  EXPECT_EQ(p.client->alert_received(), 86);
}

TEST(Tls12Negative, PeerWithoutSecureRenegotiation) {
  // renegotiation_info removed from the ClientHello (type 0xff01 -> 0xff02, unknown).
  auto strip = [](Bytes& ch) {
    return patch(ch, {0xff, 0x01, 0x00, 0x01, 0x00}, {0xff, 0x02, 0x00, 0x01, 0x00});
  };
  // A server that insists on RFC 5746 refuses the handshake.
  auto sc = v12(server_config("p256"));
  sc->legacy_renegotiation = LegacyRenegotiation::break_handshake;
  auto m = start(v12(client_config("p256")), sc);
  (void)m.client->handshake();
  Bytes ch = take(*m.client);
  ASSERT_TRUE(strip(ch));
  (void)m.server->receive(ch);
  EXPECT_EQ(m.server->handshake().error(), Error::handshake_failure);
  EXPECT_EQ(m.server->alert_sent(), 40);

  // The default server goes on, without claiming RFC 5746 support in its ServerHello (and
  // so it will never renegotiate with this peer).
  auto m2 = start(v12(client_config("p256")), v12(server_config("p256")));
  (void)m2.client->handshake();
  Bytes ch2 = take(*m2.client);
  ASSERT_TRUE(strip(ch2));
  (void)m2.server->receive(ch2);
  EXPECT_EQ(m2.server->handshake().error(), Error::want_read);
  Bytes flight = take(*m2.server);
  const Bytes reneg_ext = {0xff, 0x01, 0x00, 0x01, 0x00};
  EXPECT_EQ(std::search(flight.begin(), flight.end(), reneg_ext.begin(), reneg_ext.end()),
            flight.end());
  // A client that insists on RFC 5746 refuses a server without it: the same ServerHello,
  // from a server that saw no renegotiation_info.
  auto cc3 = v12(client_config("p256"));
  cc3->legacy_renegotiation = LegacyRenegotiation::break_handshake;
  auto m3 = start(cc3, v12(server_config("p256")));
  (void)m3.client->handshake();
  Bytes ch3 = take(*m3.client);
  ASSERT_TRUE(strip(ch3));
  (void)m3.server->receive(ch3);
  (void)m3.server->handshake();
  (void)m3.client->receive(take(*m3.server));
  EXPECT_EQ(m3.client->handshake().error(), Error::handshake_failure);
  EXPECT_EQ(m3.client->alert_sent(), 40);
}

TEST(Tls12Negative, UnknownPskIdentityAndWeakDh) {
  auto cc = v12(client_config("p256"));
  cc->cipher_suites = {0x00A8};
  cc->psk = from_hex("0102030405060708");
  cc->psk_identity = "nobody";
  cc->verify = VerifyMode::none;
  auto sc = v12(server_config("p256"));
  sc->psk = cc->psk;
  sc->psk_identity = "someone";
  auto p = connect(cc, sc);
  EXPECT_EQ(p.server_status.error(), Error::unknown_psk_identity);
  EXPECT_EQ(p.client->alert_received(), 115);

  // A client that wants 3072-bit DH refuses the server's ffdhe2048.
  auto dc = v12(client_config("rsa2048"));
  dc->cipher_suites = {0x009E};
  dc->dh_min_bits = 3072;
  auto p2 = connect(dc, v12(server_config("rsa2048")));
  EXPECT_EQ(p2.client_status.error(), Error::insufficient_security);
  EXPECT_EQ(p2.server->alert_received(), 71);
}

}  // namespace
}  // namespace ember::tls::test
