// RFC 8448 §3 ("Simple 1-RTT Handshake") replayed through the real TLS 1.3 client: the trace's
// ClientHello and X25519 key stand in for ours, the server's published records are fed in, and
// the client must verify the server's CertificateVerify and Finished and produce the trace's
// own client Finished and application_data records byte for byte. This checks the transcript,
// the whole key schedule, the record protection and the Finished computation at once.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>

#include "test_access.hpp"
#include "tls_test_util.hpp"

namespace ember::tls {

namespace {

Bytes hx(const char* text) {
  std::string digits;
  for (const char* p = text; *p; ++p)
    if (std::isxdigit(static_cast<unsigned char>(*p))) digits += *p;
  return from_hex(digits);
}

// RFC 8448 §3 values.
const char kClientPrivate[] =
    "49 af 42 ba 7f 79 94 85 2d 71 3e f2 78 4b cb ca a7 91 1d e2 6a dc 56 42 cb 63 45 40 e7 ea "
    "50 05";
const char kClientRandom[] =
    "cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d "
    "ec e7";
const char kClientHello[] =
    "01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 "
    "a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 "
    "73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 "
    "02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e "
    "43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d "
    "00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 "
    "06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01";
const char kServerHelloRecord[] =
    "16 03 03 00 5a 02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a "
    "c5 cb 14 34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 "
    "76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 "
    "2b 00 02 03 04";
// EncryptedExtensions, Certificate, CertificateVerify, Finished in one protected record.
const char kServerFlightRecord[] =
    "17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a "
    "f3 5e df 78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96 0b 40 68 90 "
    "51 23 ea 78 b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8 "
    "28 b5 ec f7 b1 3b d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9 b1 18 3e "
    "f3 ab 20 e3 7d 57 a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf 51 42 73 25 25 0c 7d 0e 50 92 89 44 "
    "4c 9b 3a 64 8f 1d 71 03 5d 2e d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55 "
    "cc 74 41 10 c4 53 ba a4 fc d6 10 92 8d 80 98 10 e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79 "
    "7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94 5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 "
    "94 41 ac 66 27 2f d8 fb 33 0e f8 19 05 79 b3 68 45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50 "
    "f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e a5 e2 2f 44 15 cf 95 38 d5 1a 20 0c 27 03 42 "
    "72 96 8a 26 4e d6 54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26 f5 9e ca ba 9a cb bb 31 7b 66 "
    "d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31 7b 49 ee da 0c 62 58 f1 "
    "00 d7 d9 61 ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af "
    "36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da 8c 87 c8 43 "
    "f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4 61 e6 "
    "6f 99 88 2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d f8 81 ed be "
    "5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13 "
    "af bb 99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11 c6 6a 1e "
    "2a c4 c8 59 77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c "
    "0b 3b 66 76 30 38 eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f "
    "60 f0 50 4d e9 3b 5b 84 5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e "
    "f0 4d da 49 f4 b4 40 a3 0c b5 d2 af 93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 "
    "19 bf da bf 02 53 fe 51 75 be 89 8e 75 0e dc 53 37 0d 2b";
const char kClientFinishedRecord[] =
    "17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a "
    "4b fc 44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46";
// The server's NewSessionTicket (§3, as the handshake message inside its record).
const char kNewSessionTicket[] =
    "04 00 00 c9 00 00 00 1e fa d6 aa c5 02 00 00 00 b2 2c 03 5d 82 93 59 ee 5f f7 af 4e c9 00 "
    "00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 70 ad 3c 49 88 83 c9 36 7c 09 "
    "a2 be 78 5a bc 55 cd 22 60 97 a3 a9 82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 "
    "be 7f d6 1d 28 27 db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 9e e0 37 25 a6 a4 da fc "
    "d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5 90 6c 5b 3f 7d 8f 92 f2 28 bd a4 0d da 72 14 "
    "70 f9 fb f2 97 b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6 21 a7 91 41 ef 5f 7d e6 50 5e "
    "5b fb c3 88 e9 33 43 69 40 93 93 4a e4 d3 57 00 08 00 2a 00 04 00 00 04 00";
// §4: the resumed ClientHello offering that ticket; its last 32 bytes are the PSK binder.
const char kResumedClientHello[] =
    "01 00 01 fc 03 03 1b c3 ce b6 bb e3 9c ff 93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 "
    "bc 41 9d 78 76 48 7d 95 00 00 06 13 01 13 03 13 02 01 00 01 cd 00 00 00 0b 00 09 00 00 06 "
    "73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 "
    "02 01 03 01 04 00 33 00 26 00 24 00 1d 00 20 e4 ff b6 8a c0 5f 8d 96 c9 9d a2 66 98 34 6c "
    "6b e1 64 82 ba dd da fe 05 1a 66 b4 f1 8d 66 8f 0b 00 2a 00 00 00 2b 00 03 02 03 04 00 0d "
    "00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 "
    "06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 57 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 29 00 dd 00 b8 00 b2 2c 03 5d 82 93 "
    "59 ee 5f f7 af 4e c9 00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 70 ad "
    "3c 49 88 83 c9 36 7c 09 a2 be 78 5a bc 55 cd 22 60 97 a3 a9 82 11 72 83 f8 2a 03 a1 43 ef "
    "d3 ff 5d d3 6d 64 e8 61 be 7f d6 1d 28 27 db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 "
    "9e e0 37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5 90 6c 5b 3f 7d 8f 92 "
    "f2 28 bd a4 0d da 72 14 70 f9 fb f2 97 b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6 21 a7 "
    "91 41 ef 5f 7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a e4 d3 57 fa d6 aa cb 00 21 20 "
    "3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e "
    "5f 9d";
const char kClientAppDataRecord[] =
    "17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa 66 bc "
    "ab 3f 2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd "
    "1e 3d ea e6 3a ee bb 21 69 49 15 e4";

std::unique_ptr<TlsConnection> trace_client() {
  auto cfg = std::make_shared<Config>();
  cfg->role = Role::client;
  cfg->verify = VerifyMode::none;  // the trace's server certificate is a self-signed RSA-1024
  cfg->record_size_limit = 16385;  // the trace's client offered record_size_limit 0x4001
  auto c = std::make_unique<TlsConnection>(cfg, Role::client, "server");
  auto share =
      crypto::default_provider().key_share_from_private(crypto::Group::x25519, hx(kClientPrivate));
  EXPECT_TRUE(share.ok());
  TlsConnectionTestAccess::use_trace_client_hello(*c, hx(kClientHello), hx(kClientRandom),
                                                  std::move(*share));
  return c;
}

TEST(Rfc8448, SimpleOneRttThroughTheRealClient) {
  auto c = trace_client();
  ASSERT_TRUE(c->receive(hx(kServerHelloRecord)).ok());
  ASSERT_TRUE(c->receive(hx(kServerFlightRecord)).ok());
  Status st = c->handshake();
  ASSERT_TRUE(st.ok()) << error_name(st.error());
  EXPECT_EQ(c->info().cipher_suite, 0x1301);
  EXPECT_EQ(c->info().group, crypto::Group::x25519);
  EXPECT_EQ(c->info().signature_scheme, crypto::SignatureScheme::rsa_pss_rsae_sha256);
  ASSERT_EQ(c->info().peer_chain.size(), 1u);

  // Our flight: the compatibility change_cipher_spec (not in the trace, which uses no
  // session ID) followed by exactly the trace's client Finished record.
  ByteView out = c->pending_output();
  Bytes want = hx(kClientFinishedRecord);
  const Bytes ccs = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
  ASSERT_EQ(out.size(), ccs.size() + want.size());
  EXPECT_EQ(Bytes(out.begin(), out.begin() + 6), ccs);
  EXPECT_EQ(Bytes(out.begin() + 6, out.end()), want);
  c->consume_output(out.size());

  // The first application_data record under the client traffic key: the trace's 50 bytes
  // 00 01 .. 31 give the trace's record byte for byte.
  Bytes payload(50);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(c->write(payload).ok());
  ByteView app = c->pending_output();
  EXPECT_EQ(Bytes(app.begin(), app.end()), hx(kClientAppDataRecord));
}

// §3's NewSessionTicket through the client's post-handshake path, exported and offered again:
// the binder our client computes over §4's ClientHello (truncated before its binders) must be
// the trace's. This checks the resumption master secret (from the §3 transcript), the ticket
// PSK (nonce 00 00), the early secret, the binder key and the binder's Finished-style HMAC.
TEST(Rfc8448, TicketPskGivesTheResumedHelloBinder) {
  auto c = trace_client();
  ASSERT_TRUE(c->receive(hx(kServerHelloRecord)).ok());
  ASSERT_TRUE(c->receive(hx(kServerFlightRecord)).ok());
  ASSERT_TRUE(c->handshake().ok());
  ASSERT_TRUE(TlsConnectionTestAccess::post_handshake(*c, hx(kNewSessionTicket)).ok());
  Bytes session = c->export_session();
  ASSERT_FALSE(session.empty());

  auto cfg = std::make_shared<Config>();
  cfg->role = Role::client;
  cfg->verify = VerifyMode::none;
  TlsConnection again(cfg, Role::client, "server");
  ASSERT_TRUE(again.set_session(session).ok());
  Bytes hello = hx(kResumedClientHello);
  ASSERT_EQ(hello.size(), 512u);
  const size_t binders = 2 + 1 + 32;  // binders<33..2^16-1> holding one 32-byte binder
  ByteView ticket = ByteView(hello).subspan(hello.size() - binders - 4 - 0xb2, 0xb2);
  EXPECT_EQ(TlsConnectionTestAccess::offered_ticket(again), Bytes(ticket.begin(), ticket.end()));
  auto binder =
      TlsConnectionTestAccess::binder(again, ByteView(hello).first(hello.size() - binders));
  ASSERT_TRUE(binder.ok()) << error_name(binder.error());
  EXPECT_EQ(to_hex(*binder), to_hex(ByteView(hello).last(32)));
  // The binder depends on every byte before it.
  hello[100] ^= 1;
  auto other =
      TlsConnectionTestAccess::binder(again, ByteView(hello).first(hello.size() - binders));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(to_hex(*other), to_hex(ByteView(hello).last(32)));
}

TEST(Rfc8448, AnyChangeToTheServerFlightIsCaught) {
  // One flipped byte in the encrypted flight: bad_record_mac. A ServerHello for a different
  // key share: the handshake keys differ and the flight cannot be opened.
  auto c = trace_client();
  Bytes flight = hx(kServerFlightRecord);
  flight[200] ^= 0x01;
  (void)c->receive(hx(kServerHelloRecord));
  (void)c->receive(flight);
  EXPECT_EQ(c->handshake().error(), Error::bad_record_mac);

  auto c2 = trace_client();
  Bytes sh = hx(kServerHelloRecord);
  sh[sh.size() - 10] ^= 0x01;  // inside the server's X25519 share
  (void)c2->receive(sh);
  (void)c2->receive(hx(kServerFlightRecord));
  EXPECT_EQ(c2->handshake().error(), Error::bad_record_mac);
}

}  // namespace
}  // namespace ember::tls
