// TLS 1.2 in memory: every key exchange x cipher family, resumption by ID and ticket,
// renegotiation, EMS/EtM, version negotiation between 1.2 and 1.3.
#include <gtest/gtest.h>

#include <cstring>

#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

std::shared_ptr<Config> client12(const std::string& pki, std::vector<uint16_t> suites = {}) {
  auto c = client_config(pki);
  c->min_version = Version::tls12;
  c->max_version = Version::tls12;
  c->cipher_suites = std::move(suites);
  return c;
}

std::shared_ptr<Config> server12(const std::string& pki) {
  auto s = server_config(pki);
  s->min_version = Version::tls12;
  s->max_version = Version::tls12;
  return s;
}

void expect_data_flows(Pair& p) {
  const char msg[] = "ping over TLS 1.2";
  ASSERT_TRUE(p.client->write(ByteView(reinterpret_cast<const uint8_t*>(msg), sizeof msg)).ok());
  auto out = p.client->pending_output();
  ASSERT_TRUE(p.server->receive(out).ok());
  p.client->consume_output(out.size());
  uint8_t buf[64];
  auto n = p.server->read(buf);
  ASSERT_TRUE(n.ok()) << error_name(n.error());
  ASSERT_EQ(*n, sizeof msg);
  EXPECT_EQ(std::memcmp(buf, msg, sizeof msg), 0);
  // And back.
  ASSERT_TRUE(p.server->write(ByteView(buf, *n)).ok());
  auto back = p.server->pending_output();
  ASSERT_TRUE(p.client->receive(back).ok());
  p.server->consume_output(back.size());
  auto m = p.client->read(buf);
  ASSERT_TRUE(m.ok()) << error_name(m.error());
  EXPECT_EQ(*m, sizeof msg);
}

struct SuiteCase {
  uint16_t suite;
  const char* pki;
};
// gtest would otherwise print the struct's bytes, padding included (valgrind: uninitialised).
void PrintTo(const SuiteCase& s, std::ostream* os) {
  *os << suite_name(s.suite) << " " << s.pki;
}

class Tls12Suites : public ::testing::TestWithParam<SuiteCase> {};

TEST_P(Tls12Suites, HandshakeAndData) {
  auto [suite, pki] = GetParam();
  auto c = client12(pki, {suite});
  auto s = server12(pki);
  c->psk = from_hex("0102030405060708090a0b0c0d0e0f10");
  c->psk_identity = "client1";
  s->psk = c->psk;
  s->psk_identity = "client1";
  auto p = connect(c, s);
  ASSERT_TRUE(p.client && p.server);
  ASSERT_TRUE(p.client->handshake_done()) << "client: " << error_name(p.client_status.error())
                                          << " server: " << error_name(p.server_status.error());
  ASSERT_TRUE(p.server->handshake_done());
  EXPECT_EQ(p.client->info().version, Version::tls12);
  EXPECT_EQ(p.client->info().cipher_suite, suite);
  EXPECT_EQ(p.server->info().cipher_suite, suite);
  EXPECT_TRUE(p.client->info().extended_master_secret);
  EXPECT_TRUE(p.client->info().secure_renegotiation);
  expect_data_flows(p);

  // Both resumption kinds with the same suite: by ticket, then by session ID.
  s->session_cache = std::make_shared<SessionCache>();
  for (bool tickets : {true, false}) {
    c->tickets = tickets;
    auto full = connect(c, s);
    ASSERT_TRUE(full.client->handshake_done());
    Bytes session = full.client->export_session();
    ASSERT_FALSE(session.empty());
    Pair r;
    r.client = std::move(*Connection::client(c, "localhost"));
    r.server = std::move(*Connection::server(s));
    ASSERT_TRUE(r.client->set_session(session).ok());
    pump(r);
    ASSERT_TRUE(r.client->handshake_done())
        << (tickets ? "ticket: " : "id: ") << error_name(r.client_status.error());
    EXPECT_TRUE(r.client->info().resumed) << (tickets ? "ticket" : "id");
    EXPECT_TRUE(r.server->info().resumed);
    EXPECT_EQ(r.client->info().cipher_suite, suite);
    expect_data_flows(r);
  }
}

std::vector<SuiteCase> all_aead_suites() {
  std::vector<SuiteCase> v;
  for (uint16_t id : {0xC02B, 0xC02C, 0xCCA9, 0xC0AC, 0xC0AD, 0xC0AE, 0xC0AF, 0xC05C, 0xC05D})
    v.push_back({id, "p256"});
  for (uint16_t id : {0xC02F, 0xC030, 0xCCA8, 0x009E, 0x009F, 0xCCAA, 0xC09E, 0xC09F, 0xC0A2,
                      0xC0A3, 0x009C, 0x009D, 0xC09C, 0xC09D, 0xC0A0, 0xC0A1, 0x00AC, 0x00AD,
                      0xCCAE, 0xC060, 0xC061, 0xC052, 0xC053, 0xC050, 0xC051, 0xC06E, 0xC06F})
    v.push_back({id, "rsa2048"});
  for (uint16_t id : {0x00A8, 0x00A9, 0xCCAB, 0xC0A4, 0xC0A5, 0xC0A8, 0xC0A9, 0x00AA, 0x00AB,
                      0xCCAD, 0xC0A6, 0xC0A7, 0xCCAC, 0xC06A, 0xC06B, 0xC06C, 0xC06D})
    v.push_back({id, "p256"});
  return v;
}

std::vector<SuiteCase> all_cbc_suites() {
  std::vector<SuiteCase> v;
  for (uint16_t id : {0xC023, 0xC024, 0xC009, 0xC00A, 0xC072, 0xC073, 0xC048, 0xC049})
    v.push_back({id, "p256"});
  for (uint16_t id :
       {0xC027, 0xC028, 0xC013, 0xC014, 0xC076, 0xC077, 0xC04C, 0xC04D, 0x0067, 0x006B,
        0x0033, 0x0039, 0x00BE, 0x00C4, 0xC044, 0xC045, 0x003C, 0x003D, 0x002F, 0x0035,
        0x00BA, 0x00C0, 0xC03C, 0xC03D, 0x00B6, 0x00B7, 0x0094, 0x0095})
    v.push_back({id, "rsa2048"});
  for (uint16_t id :
       {0x00AE, 0x00AF, 0x008C, 0x008D, 0x00B2, 0x00B3, 0x0090, 0x0091, 0xC037, 0xC038,
        0xC035, 0xC036, 0xC064, 0xC065, 0xC070, 0xC071, 0xC094, 0xC095, 0xC09A, 0xC09B})
    v.push_back({id, "p256"});
  return v;
}

INSTANTIATE_TEST_SUITE_P(Cbc, Tls12Suites, ::testing::ValuesIn(all_cbc_suites()),
                         [](const auto& info) {
                           return std::string(suite_name(info.param.suite));
                         });

TEST(Tls12, EncryptThenMacOnAndOff) {
  for (bool etm : {true, false}) {
    auto c = client12("p256", {0xC023});
    c->encrypt_then_mac = etm;
    auto p = connect(c, server12("p256"));
    ASSERT_TRUE(p.client->handshake_done()) << etm;
    EXPECT_EQ(p.client->info().encrypt_then_mac, etm);
    EXPECT_EQ(p.server->info().encrypt_then_mac, etm);
    expect_data_flows(p);
  }
  // Never with an AEAD suite.
  auto p = connect(client12("p256", {0xC02B}), server12("p256"));
  ASSERT_TRUE(p.client->handshake_done());
  EXPECT_FALSE(p.client->info().encrypt_then_mac);
}

INSTANTIATE_TEST_SUITE_P(Aead, Tls12Suites, ::testing::ValuesIn(all_aead_suites()),
                         [](const auto& info) {
                           return std::string(suite_name(info.param.suite));
                         });

// Resumes `session` with fresh connections; returns the pair.
Pair resume(std::shared_ptr<Config> c, std::shared_ptr<Config> s, const Bytes& session) {
  Pair p;
  p.client = std::move(*Connection::client(c, "localhost"));
  p.server = std::move(*Connection::server(s));
  EXPECT_TRUE(p.client->set_session(session).ok());
  pump(p);
  return p;
}

TEST(Tls12Resumption, BySessionIdFromTheCache) {
  auto c = client12("p256");
  c->tickets = false;
  auto s = server12("p256");
  s->session_cache = std::make_shared<SessionCache>();
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  EXPECT_FALSE(p.client->info().resumed);
  Bytes session = p.client->export_session();
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(s->session_cache->size(), 1u);
  auto r = resume(c, s, session);
  ASSERT_TRUE(r.client->handshake_done()) << error_name(r.client_status.error());
  EXPECT_TRUE(r.client->info().resumed);
  EXPECT_TRUE(r.server->info().resumed);
  expect_data_flows(r);
  // A server with another cache does a full handshake instead.
  auto other = server12("p256");
  other->session_cache = std::make_shared<SessionCache>();
  auto f = resume(c, other, session);
  ASSERT_TRUE(f.client->handshake_done());
  EXPECT_FALSE(f.client->info().resumed);
}

TEST(Tls12Resumption, ByTicketWithoutServerState) {
  auto c = client12("p256");
  auto s = server12("p256");
  s->ticket_keys = std::make_shared<TicketKeys>();
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  Bytes session = p.client->export_session();
  ASSERT_FALSE(session.empty());
  auto r = resume(c, s, session);
  ASSERT_TRUE(r.client->handshake_done()) << error_name(r.client_status.error());
  EXPECT_TRUE(r.client->info().resumed);
  EXPECT_TRUE(r.server->info().resumed);
  expect_data_flows(r);
  // Rotated twice: the ticket key is gone, full handshake.
  s->ticket_keys->rotate();
  s->ticket_keys->rotate();
  auto f = resume(c, s, session);
  ASSERT_TRUE(f.client->handshake_done());
  EXPECT_FALSE(f.client->info().resumed);
}

TEST(Tls12Resumption, EmsMismatchFallsBackToAFullHandshake) {
  auto c = client12("p256");
  c->tickets = false;
  auto s = server12("p256");
  s->session_cache = std::make_shared<SessionCache>();
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  EXPECT_TRUE(p.client->info().extended_master_secret);
  Bytes session = p.client->export_session();
  auto c2 = client12("p256");
  c2->tickets = false;
  c2->extended_master_secret = false;  // RFC 7627 §5.3: never resume across EMS states
  auto r = resume(c2, s, session);
  ASSERT_TRUE(r.client->handshake_done()) << error_name(r.client_status.error());
  EXPECT_FALSE(r.client->info().resumed);
  EXPECT_FALSE(r.client->info().extended_master_secret);
}

TEST(Tls12Resumption, ServerKeepsTheClientIdentity) {
  auto c = client12("p256");
  c->certificates.push_back(load_pair("p256", "client"));
  auto s = server12("p256");
  require_client_certificates(*s, "p256");
  s->session_cache = std::make_shared<SessionCache>();
  for (bool tickets : {true, false}) {
    c->tickets = tickets;
    auto p = connect(c, s);
    ASSERT_TRUE(p.client->handshake_done());
    auto r = resume(c, s, p.client->export_session());
    ASSERT_TRUE(r.server->handshake_done());
    EXPECT_TRUE(r.server->info().resumed);
    ASSERT_EQ(r.server->info().peer_chain.size(), 1u) << tickets;
    EXPECT_EQ(r.server->info().peer_chain[0]->der().size(),
              p.server->info().peer_chain[0]->der().size());
    EXPECT_EQ(r.server->info().verify_flags, 0u);
    ASSERT_EQ(r.client->info().peer_chain.size(), 1u);
  }
}

TEST(Tls12, EcdsaCertificateOnlyOnACurveTheClientSupports) {
  // RFC 8422 §5.1: a client that only supports secp521r1 must not get the P-256 certificate;
  // with an RSA certificate available the server picks ECDHE-RSA instead.
  auto c = client12("p256");
  c->groups = {crypto::Group::secp521r1};
  c->verify = VerifyMode::none;
  auto s = server12("p256");
  auto p = connect(c, s);
  EXPECT_EQ(p.server_status.error(), Error::no_shared_cipher);
  s->certificates.push_back(load_pair("rsa2048"));
  auto p2 = connect(c, s);
  ASSERT_TRUE(p2.client->handshake_done()) << error_name(p2.server_status.error());
  EXPECT_NE(std::string(suite_name(p2.client->info().cipher_suite)).find("_RSA_"),
            std::string::npos);
}

// RSASSA-PSS keys sign (ECDHE-RSA, DHE-RSA with rsa_pss_pss_*) but cannot take RSA key
// transport: a server with only such a key has no RSA-kx suite to offer.
TEST(Tls12, RsaPssKeysSignButDoNotTransportKeys) {
  for (uint16_t suite : {uint16_t{0xC02F}, uint16_t{0x009E}}) {  // ECDHE-RSA, DHE-RSA GCM
    auto p = connect(client12("rsapss", {suite}), server12("rsapss"));
    ASSERT_TRUE(p.client->handshake_done())
        << error_name(p.client_status.error()) << " / " << error_name(p.server_status.error());
    EXPECT_EQ(p.client->info().cipher_suite, suite);
    EXPECT_EQ(p.client->info().signature_scheme, crypto::SignatureScheme::rsa_pss_pss_sha256);
    EXPECT_EQ(p.client->info().verify_flags, 0u);
    expect_data_flows(p);
  }
  auto p = connect(client12("rsapss", {0x009C}), server12("rsapss"));  // RSA kx AES-128-GCM
  EXPECT_EQ(p.server_status.error(), Error::no_shared_cipher);
}

TEST(Tls12, WithoutExtendedMasterSecret) {
  auto c = client12("p256");
  c->extended_master_secret = false;
  auto p = connect(c, server12("p256"));
  ASSERT_TRUE(p.client->handshake_done());
  EXPECT_FALSE(p.client->info().extended_master_secret);
  EXPECT_FALSE(p.server->info().extended_master_secret);
  expect_data_flows(p);
}

TEST(Tls12, ClientAuthenticationAndAlpn) {
  for (const char* pki : {"p256", "rsa2048", "rsapss"}) {
    auto c = client12(pki);
    c->certificates.push_back(load_pair(pki, "client"));
    c->alpn = {"h2", "http/1.1"};
    auto s = server12(pki);
    require_client_certificates(*s, pki);
    s->alpn = {"http/1.1"};
    auto p = connect(c, s);
    ASSERT_TRUE(p.client->handshake_done()) << pki << " " << error_name(p.client_status.error())
                                            << " / " << error_name(p.server_status.error());
    EXPECT_EQ(p.server->info().peer_chain.size(), 2u);
    EXPECT_EQ(p.server->info().verify_flags, 0u);
    EXPECT_EQ(p.client->info().alpn, "http/1.1");
    EXPECT_EQ(p.server->info().alpn, "http/1.1");
    expect_data_flows(p);
  }
  // Required but absent: handshake_failure (TLS 1.2 has no certificate_required alert).
  auto s = server12("p256");
  require_client_certificates(*s, "p256");
  auto p = connect(client12("p256"), s);
  EXPECT_EQ(p.server_status.error(), Error::handshake_failure);
  EXPECT_EQ(p.client->alert_received(), 40);
}

TEST(Tls12, MaxFragmentLengthLimitsRecords) {
  auto c = client12("p256");
  c->max_fragment_length = 1;  // 512
  auto p = connect(c, server12("p256"));
  ASSERT_TRUE(p.client->handshake_done());
  Bytes big(3000, 0x61);
  ASSERT_TRUE(p.server->write(big).ok());
  auto out = p.server->pending_output();
  // Every record carries at most 512 bytes of plaintext (+ 8 explicit nonce + 16 tag).
  size_t off = 0, records = 0;
  while (off + 5 <= out.size()) {
    size_t len = (size_t(out[off + 3]) << 8) | out[off + 4];
    EXPECT_LE(len, 512u + 8 + 16);
    off += 5 + len;
    ++records;
  }
  EXPECT_EQ(records, 6u);
  (void)p.client->receive(out);
  p.server->consume_output(out.size());
  uint8_t buf[4096];
  size_t got = 0;
  while (got < big.size()) {
    auto n = p.client->read(MutableByteView(buf + got, sizeof buf - got));
    ASSERT_TRUE(n.ok());
    got += *n;
  }
  EXPECT_EQ(got, big.size());
}

// Moves whatever is pending from one side to the other.
void shuttle(Connection& from, Connection& to) {
  auto out = from.pending_output();
  (void)to.receive(out);
  from.consume_output(out.size());
}

TEST(Tls12Renegotiation, ClientInitiatedWithDataInBetween) {
  auto c = client12("p256");
  c->renegotiation = Renegotiation::enabled;
  auto s = server12("p256");
  s->renegotiation = Renegotiation::enabled;
  s->client_renegotiation = true;  // the client starts it (off by default since issue 17)
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  ASSERT_TRUE(p.client->renegotiate().ok());
  EXPECT_TRUE(p.client->renegotiating());
  // The server sends data before it sees the new ClientHello.
  const uint8_t early[] = "during renegotiation";
  ASSERT_TRUE(p.server->write(early).ok());
  uint8_t buf[64];
  for (int i = 0; i < 10 && p.client->renegotiating(); ++i) {
    shuttle(*p.client, *p.server);
    (void)p.server->read(buf);  // drives the server's side of the new handshake
    shuttle(*p.server, *p.client);
    Status st = p.client->handshake();
    ASSERT_TRUE(st.ok() || st.error() == Error::want_read) << error_name(st.error());
  }
  EXPECT_FALSE(p.client->renegotiating());
  EXPECT_EQ(p.client->info().renegotiations, 1u);
  auto n = p.client->read(buf);
  ASSERT_TRUE(n.ok()) << error_name(n.error());
  EXPECT_EQ(*n, sizeof early);
  shuttle(*p.client, *p.server);
  expect_data_flows(p);
  EXPECT_EQ(p.server->info().renegotiations, 1u);
}

TEST(Tls12Renegotiation, ServerInitiated) {
  auto c = client12("rsa2048");
  c->renegotiation = Renegotiation::enabled;
  auto s = server12("rsa2048");
  s->renegotiation = Renegotiation::enabled;
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  ASSERT_TRUE(p.server->renegotiate().ok());  // HelloRequest
  uint8_t buf[64];
  for (int i = 0; i < 10; ++i) {
    shuttle(*p.server, *p.client);
    (void)p.client->read(buf);
    shuttle(*p.client, *p.server);
    (void)p.server->read(buf);
  }
  EXPECT_EQ(p.client->info().renegotiations, 1u);
  EXPECT_EQ(p.server->info().renegotiations, 1u);
  expect_data_flows(p);
}

TEST(Tls12Renegotiation, RefusedWhenDisabled) {
  auto c = client12("p256");
  c->renegotiation = Renegotiation::enabled;
  auto p = connect(c, server12("p256"));  // server: disabled (the default)
  ASSERT_TRUE(p.client->renegotiate().ok());
  uint8_t buf[16];
  shuttle(*p.client, *p.server);
  EXPECT_EQ(p.server->read(buf).error(), Error::want_read);  // declined with a warning
  shuttle(*p.server, *p.client);
  EXPECT_EQ(p.client->handshake().error(), Error::no_renegotiation);
  // A disabled client cannot even start one.
  auto p2 = connect(client12("p256"), server12("p256"));
  EXPECT_EQ(p2.client->renegotiate().error(), Error::bad_state);
}

TEST(Tls12Renegotiation, PeriodTriggersItAutomatically) {
  auto c = client12("p256");
  c->renegotiation = Renegotiation::enabled;
  c->renegotiation_period = 3;  // records
  auto s = server12("p256");
  s->renegotiation = Renegotiation::enabled;
  s->client_renegotiation = true;  // the client starts it (off by default since issue 17)
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done());
  const uint8_t rec[] = "r";
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(p.client->write(rec).ok());
  EXPECT_TRUE(p.client->renegotiating());
  uint8_t buf[64];
  for (int i = 0; i < 10 && p.client->renegotiating(); ++i) {
    shuttle(*p.client, *p.server);
    while (p.server->read(buf).ok()) {
    }
    shuttle(*p.server, *p.client);
    (void)p.client->handshake();
  }
  EXPECT_FALSE(p.client->renegotiating());
  EXPECT_EQ(p.client->info().renegotiations, 1u);
}

struct VersionCase {
  Version cmin, cmax, smin, smax;
  std::optional<Version> expect;  // nullopt: no common version
};

class Tls12Versions : public ::testing::TestWithParam<VersionCase> {};

TEST_P(Tls12Versions, Negotiation) {
  auto v = GetParam();
  auto c = client_config("p256");
  c->min_version = v.cmin;
  c->max_version = v.cmax;
  auto s = server_config("p256");
  s->min_version = v.smin;
  s->max_version = v.smax;
  auto p = connect(c, s);
  if (v.expect) {
    ASSERT_TRUE(p.client->handshake_done())
        << error_name(p.client_status.error()) << " / " << error_name(p.server_status.error());
    EXPECT_EQ(p.client->info().version, *v.expect);
    EXPECT_EQ(p.server->info().version, *v.expect);
    expect_data_flows(p);
  } else {
    EXPECT_FALSE(p.client->handshake_done());
    EXPECT_EQ(p.server_status.error(), Error::protocol_version);
    EXPECT_EQ(p.client->alert_received(), 70);
  }
}

constexpr auto V2 = Version::tls12;
constexpr auto V3 = Version::tls13;
INSTANTIATE_TEST_SUITE_P(
    All, Tls12Versions,
    ::testing::Values(VersionCase{V2, V3, V2, V3, V3}, VersionCase{V2, V3, V2, V2, V2},
                      VersionCase{V2, V3, V3, V3, V3}, VersionCase{V2, V2, V2, V3, V2},
                      VersionCase{V3, V3, V2, V3, V3}, VersionCase{V2, V2, V3, V3, std::nullopt},
                      VersionCase{V3, V3, V2, V2, std::nullopt}));

TEST(Tls12, PskOnlyServerWithCallback) {
  auto c = client12("p256", {0xC0A4});  // TLS_PSK_WITH_AES_128_CCM
  c->psk = from_hex("00112233445566778899aabbccddeeff");
  c->psk_identity = "device-7";
  c->verify = VerifyMode::none;
  auto s = std::make_shared<Config>();
  s->role = Role::server;
  s->min_version = s->max_version = Version::tls12;
  s->psk_callback = [](std::string_view id) -> std::optional<Secret> {
    if (id != "device-7") return std::nullopt;
    return Secret(from_hex("00112233445566778899aabbccddeeff"));
  };
  auto p = connect(c, s);
  ASSERT_TRUE(p.client->handshake_done()) << error_name(p.server_status.error());
  EXPECT_EQ(p.server->info().psk_identity, "device-7");
  expect_data_flows(p);
}

}  // namespace
}  // namespace ember::tls::test
