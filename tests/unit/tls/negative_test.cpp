// Protocol violations end with the RFC's alert and a specific error, never a crash or hang.
#include <algorithm>
#include <iterator>

#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

struct Manual {
  std::unique_ptr<Connection> client, server;
};

Manual start(std::shared_ptr<Config> cc = nullptr, std::shared_ptr<Config> sc = nullptr) {
  Manual m;
  m.client = std::move(*Connection::client(cc ? cc : client_config("p256"), "localhost"));
  m.server = std::move(*Connection::server(sc ? sc : server_config("p256")));
  return m;
}

Bytes take(Connection& c) {
  auto out = c.pending_output();
  Bytes b(out.begin(), out.end());
  c.consume_output(out.size());
  return b;
}

TEST(Tls13Negative, TamperedServerFlightIsBadRecordMac) {
  auto m = start();
  (void)m.client->handshake();
  (void)m.server->receive(take(*m.client));
  (void)m.server->handshake();
  Bytes flight = take(*m.server);
  flight[flight.size() - 20] ^= 1;  // inside the last encrypted record (Finished)
  (void)m.client->receive(flight);
  EXPECT_EQ(m.client->handshake().error(), Error::bad_record_mac);
  EXPECT_EQ(m.client->alert_sent(), 20);
}

TEST(Tls13Negative, CertificateVerifyWithTheWrongKeyIsDecryptError) {
  auto sc = server_config("p256");
  // The right chain, a different P-256 key: the signature cannot verify.
  sc->certificates[0].key = load_pair("p256", "client").key;
  auto m = start(nullptr, sc);
  Pair p{std::move(m.client), std::move(m.server), {}, {}};
  pump(p);
  EXPECT_EQ(p.client_status.error(), Error::decrypt_error);
  EXPECT_EQ(p.server->alert_received(), 51);
}

TEST(Tls13Negative, OversizedRecordIsRecordOverflow) {
  auto m = start();
  Bytes rec = {22, 3, 3, 0x41, 0x01};  // 16641 > 2^14 + 256
  rec.resize(5 + 0x4101, 0);
  (void)m.server->receive(rec);
  EXPECT_EQ(m.server->handshake().error(), Error::record_overflow);
  EXPECT_EQ(m.server->alert_sent(), 22);
}

TEST(Tls13Negative, TruncatedInputWaits) {
  auto m = start();
  (void)m.client->handshake();
  Bytes ch = take(*m.client);
  (void)m.server->receive(ByteView(ch).first(ch.size() - 1));
  EXPECT_EQ(m.server->handshake().error(), Error::want_read);
  (void)m.server->receive(ByteView(ch).last(1));
  EXPECT_EQ(m.server->handshake().error(), Error::want_read);  // now waits for the client
  EXPECT_FALSE(take(*m.server).empty());                       // after sending its flight
}

TEST(Tls13Negative, UnexpectedMessages) {
  // A ClientHello sent to a client.
  auto m = start();
  (void)m.client->handshake();
  Bytes ch = take(*m.client);
  (void)m.client->receive(ch);
  EXPECT_EQ(m.client->handshake().error(), Error::unexpected_message);
  EXPECT_EQ(m.client->alert_sent(), 10);
  // A plaintext handshake record after the keys changed.
  auto m2 = start();
  (void)m2.client->handshake();
  Bytes ch2 = take(*m2.client);
  (void)m2.server->receive(ch2);
  (void)m2.server->handshake();
  (void)m2.server->receive(ch2);
  EXPECT_EQ(m2.server->handshake().error(), Error::unexpected_message);
  // Garbage that is not TLS at all.
  auto m3 = start();
  (void)m3.server->receive(as_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_FALSE(m3.server->handshake().ok());
}

// A TLS 1.2 ServerHello carrying the RFC 8446 downgrade sentinel.
TEST(Tls13Negative, DowngradeSentinelIsDetected) {
  auto m = start();
  (void)m.client->handshake();
  Bytes ch = take(*m.client);
  ByteView sid = ByteView(ch).subspan(5 + 4 + 2 + 32 + 1, 32);
  Bytes body = {0x03, 0x03};
  for (int i = 0; i < 24; ++i) body.push_back(static_cast<uint8_t>(i));
  for (uint8_t b : {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01}) body.push_back(b);
  body.push_back(32);
  body.insert(body.end(), sid.begin(), sid.end());
  body.insert(body.end(), {0x13, 0x01, 0x00, 0x00, 0x00});
  Bytes msg = {2, 0, 0, static_cast<uint8_t>(body.size())};
  msg.insert(msg.end(), body.begin(), body.end());
  Bytes rec = {22, 3, 3, 0, static_cast<uint8_t>(msg.size())};
  rec.insert(rec.end(), msg.begin(), msg.end());
  (void)m.client->receive(rec);
  EXPECT_EQ(m.client->handshake().error(), Error::downgrade_detected);
  EXPECT_EQ(m.client->alert_sent(), 47);
}

TEST(Tls13Negative, OldClientsAreRefusedWithProtocolVersion) {
  // A TLS 1.0 ClientHello without supported_versions.
  auto sc = server_config("p256");
  auto server = std::move(*Connection::server(sc));
  // version, random (32 bytes of 7), empty session ID, one suite, null compression. Built in
  // one piece: insert() after resize() makes GCC 12 at -O3 report a false -Warray-bounds.
  const uint8_t tail[] = {0x00, 0x00, 0x02, 0x00, 0x2f, 0x01, 0x00};
  Bytes body(2 + 32 + sizeof tail, 7);
  body[0] = 0x03;
  body[1] = 0x01;
  std::copy(std::begin(tail), std::end(tail), body.begin() + 34);
  Bytes msg = {1, 0, 0, static_cast<uint8_t>(body.size())};
  msg.insert(msg.end(), body.begin(), body.end());
  Bytes rec = {22, 3, 1, 0, static_cast<uint8_t>(msg.size())};
  rec.insert(rec.end(), msg.begin(), msg.end());
  (void)server->receive(rec);
  EXPECT_EQ(server->handshake().error(), Error::weak_protocol_version);
  EXPECT_EQ(server->alert_sent(), 70);
}

TEST(Tls13Negative, NoCommonCipherSuiteOrGroup) {
  auto cc = client_config("p256");
  cc->cipher_suites = {0x1305};
  auto sc = server_config("p256");
  sc->cipher_suites = {0x1301};
  auto p = connect(cc, sc);
  EXPECT_EQ(p.server_status.error(), Error::no_shared_cipher);
  EXPECT_EQ(p.client->alert_received(), 40);
  auto cc2 = client_config("p256");
  cc2->groups = {crypto::Group::x448};
  auto sc2 = server_config("p256");
  sc2->groups = {crypto::Group::secp256r1};
  auto p2 = connect(cc2, sc2);
  EXPECT_EQ(p2.server_status.error(), Error::handshake_failure);
}

TEST(Tls13Negative, SecondClientHelloMustEchoTheCookie) {
  auto cc = client_config("p256");
  cc->groups = {crypto::Group::x25519, crypto::Group::secp384r1};
  auto sc = server_config("p256");
  sc->groups = {crypto::Group::secp384r1};
  auto m = start(cc, sc);
  (void)m.client->handshake();
  (void)m.server->receive(take(*m.client));
  (void)m.server->handshake();
  Bytes hrr = take(*m.server);
  // The cookie extension: type 44, length 18, cookie length 16.
  const uint8_t pattern[] = {0x00, 0x2c, 0x00, 0x12, 0x00, 0x10};
  auto it = std::search(hrr.begin(), hrr.end(), std::begin(pattern), std::end(pattern));
  ASSERT_NE(it, hrr.end());
  Bytes cookie(it + 6, it + 22);
  (void)m.client->receive(hrr);
  (void)m.client->handshake();
  Bytes ch2 = take(*m.client);
  auto at = std::search(ch2.begin(), ch2.end(), cookie.begin(), cookie.end());
  ASSERT_NE(at, ch2.end());  // the client echoes it
  *at ^= 1;
  (void)m.server->receive(ch2);
  EXPECT_EQ(m.server->handshake().error(), Error::illegal_parameter);
  EXPECT_EQ(m.server->alert_sent(), 47);
}

}  // namespace
}  // namespace ember::tls::test
