// Zero-length records under every AEAD suite of both versions: a forged one (junk tag) is
// bad_record_mac and kills the connection, whether the application reads into an empty buffer
// (TLS 1.2's direct-read path opens into it) or a real one; a genuine one (write of zero bytes,
// RFC 5246 §6.2.1 / RFC 8446 §5.1 allow it) is accepted and the connection goes on.
#include <string>

#include "tls/common.hpp"
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

Bytes take(Connection& c) {
  auto out = c.pending_output();
  Bytes b(out.begin(), out.end());
  c.consume_output(out.size());
  return b;
}

struct SuiteCase {
  Version version;
  uint16_t suite;
  crypto::AeadAlg aead;
  Kex kex;  // TLS 1.2 only
};

std::string case_name(const SuiteCase& c) {
  return suite_name(c.suite).empty() ? std::to_string(c.suite) : std::string(suite_name(c.suite));
}

// Every TLS 1.2 AEAD suite the library implements, and every TLS 1.3 suite.
std::vector<SuiteCase> all_aead_suites() {
  std::vector<SuiteCase> cases;
  for (uint32_t id = 0; id <= 0xFFFF; ++id) {
    if (const Suite12* s = tls12_suite(static_cast<uint16_t>(id)); s != nullptr && s->aead)
      cases.push_back({Version::tls12, s->id, s->aead_alg, s->kex});
    if (const SuiteInfo* s = tls13_suite(static_cast<uint16_t>(id)); s != nullptr)
      cases.push_back({Version::tls13, s->id, s->aead, Kex::ecdhe_ecdsa});
  }
  return cases;
}

Pair connect_with(const SuiteCase& c) {
  bool rsa = c.kex == Kex::ecdhe_rsa || c.kex == Kex::dhe_rsa || c.kex == Kex::rsa ||
             c.kex == Kex::rsa_psk;
  std::string pki = c.version == Version::tls12 && rsa ? "rsa2048" : "p256";
  auto cc = client_config(pki);
  auto sc = server_config(pki);
  for (auto* cfg : {cc.get(), sc.get()}) {
    cfg->min_version = cfg->max_version = c.version;
    cfg->cipher_suites = {c.suite};
    if (c.version == Version::tls12 && kex_is_psk(c.kex)) {
      cfg->psk = from_hex("0102030405060708090a0b0c0d0e0f10");
      cfg->psk_identity = "client1";
    }
  }
  return connect(cc, sc);
}

// An application_data record whose content is empty and whose tag is junk: what an attacker
// can send without any key. TLS 1.2: explicit nonce (8 bytes, none for ChaCha20) + tag;
// TLS 1.3: `inner` bytes of ciphertext (0, or 1 for the content-type byte) + tag.
Bytes forged_empty_record(const SuiteCase& c, size_t inner) {
  size_t tag = crypto::aead_tag_size(c.aead);
  size_t explicit_nonce =
      c.version == Version::tls12 && c.aead != crypto::AeadAlg::chacha20_poly1305 ? 8 : 0;
  size_t len = explicit_nonce + inner + tag;
  Bytes rec = {23, 3, 3, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
  rec.resize(5 + explicit_nonce, 0x01);  // explicit nonce: a fresh, plausible value
  rec.resize(5 + len, 0xAA);
  return rec;
}

void expect_dead(Connection& c) {
  uint8_t buf[16];
  EXPECT_FALSE(c.read(buf).ok());
  const uint8_t msg[] = "after";
  EXPECT_FALSE(c.write(msg).ok());
}

TEST(EmptyRecord, ForgedEmptyRecordIsBadRecordMacUnderEveryAeadSuite) {
  auto cases = all_aead_suites();
  ASSERT_GE(cases.size(), 30u);  // 20 CCM / CCM_8, GCM, ChaCha20, ARIA-GCM, and TLS 1.3's five
  for (const auto& c : cases) {
    std::vector<size_t> inners = {0};
    if (c.version == Version::tls13) inners.push_back(1);
    for (size_t inner : inners) {
      for (bool empty_buffer : {true, false}) {
        SCOPED_TRACE(case_name(c) + " inner=" + std::to_string(inner) +
                     (empty_buffer ? " read into an empty buffer" : " read into 64 bytes"));
        auto p = connect_with(c);
        ASSERT_TRUE(p.client->handshake_done() && p.server->handshake_done());
        ASSERT_EQ(p.server->info().cipher_suite, c.suite);
        ASSERT_TRUE(p.server->receive(forged_empty_record(c, inner)).ok());
        uint8_t buf[64];
        MutableByteView out = empty_buffer ? MutableByteView{} : MutableByteView(buf);
        EXPECT_EQ(p.server->read(out).error(), Error::bad_record_mac);
        EXPECT_EQ(p.server->alert_sent(), 20);
        expect_dead(*p.server);
      }
    }
  }
}

TEST(EmptyRecord, GenuineEmptyRecordIsAcceptedUnderEveryAeadSuite) {
  for (const auto& c : all_aead_suites()) {
    for (bool empty_buffer : {true, false}) {
      SCOPED_TRACE(case_name(c) + (empty_buffer ? " empty buffer" : " 64-byte buffer"));
      auto p = connect_with(c);
      ASSERT_TRUE(p.client->handshake_done() && p.server->handshake_done());
      ASSERT_TRUE(p.client->write(ByteView{}).ok());
      Bytes rec = take(*p.client);
      ASSERT_FALSE(rec.empty()) << "a zero-byte write sends one empty record";
      ASSERT_TRUE(p.server->receive(rec).ok());
      uint8_t buf[64];
      MutableByteView out = empty_buffer ? MutableByteView{} : MutableByteView(buf);
      EXPECT_EQ(p.server->read(out).error(), Error::want_read);
      EXPECT_FALSE(p.server->alert_sent().has_value());
      // The connection goes on in both directions.
      const uint8_t ping[] = {'p', 'i', 'n', 'g'};
      ASSERT_TRUE(p.client->write(ping).ok());
      ASSERT_TRUE(p.server->receive(take(*p.client)).ok());
      auto n = p.server->read(buf);
      ASSERT_TRUE(n.ok()) << error_name(n.error());
      EXPECT_EQ(Bytes(buf, buf + *n), Bytes(ping, ping + 4));
      ASSERT_TRUE(p.server->write(ping).ok());
      ASSERT_TRUE(p.client->receive(take(*p.server)).ok());
      n = p.client->read(buf);
      ASSERT_TRUE(n.ok()) << error_name(n.error());
      EXPECT_EQ(*n, 4u);
    }
  }
}

}  // namespace
}  // namespace ember::tls::test
