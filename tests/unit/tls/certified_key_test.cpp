// CertifiedKey::check / Config::add_certificate: a key that is not the certificate's is refused
// when the configuration is built, not discovered as a peer's decrypt_error alert.
#include "tls_test_util.hpp"

namespace ember::tls::test {
namespace {

// The chain of `cert_type` with the key `key_file` (a path under tests/data).
CertifiedKey mixed(const std::string& cert_type, const std::string& key_file) {
  CertifiedKey ck = load_pair(cert_type);
  auto bytes = x509::read_file(data_path(key_file));
  EXPECT_TRUE(bytes.ok()) << key_file;
  auto key = crypto::default_provider().load_private_key(*bytes);
  EXPECT_TRUE(key.ok()) << key_file;
  if (key) ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(*key));
  return ck;
}

TEST(CertifiedKey, EveryBundledPairMatches) {
  for (const char* type : {"p256", "p384", "rsa2048", "rsa3072", "rsapss", "ed25519", "ed448"}) {
    Status st = load_pair(type).check();
    EXPECT_TRUE(st.ok()) << type << ": " << error_name(st.error());
    Status client = load_pair(type, "client").check();
    EXPECT_TRUE(client.ok()) << type << " client: " << error_name(client.error());
  }
}

TEST(CertifiedKey, KeyOfAnotherCertificateIsRefused) {
  struct Case {
    const char* cert;
    const char* key;
  } cases[] = {
      {"p256", "pki/p256/inter.key"},      // same curve, another key
      {"p256", "pki/p384/server.key"},     // another curve
      {"p256", "pki/rsa2048/server.key"},  // another algorithm
      {"rsa2048", "pki/rsa3072/server.key"},
      {"rsa2048", "keys/rsa2048.pkcs8.pem"},  // same size, another modulus
      {"rsapss", "pki/rsa2048/server.key"},
      {"ed25519", "keys/ed25519.pem"},
      {"ed25519", "pki/ed448/server.key"},
      {"ed448", "keys/ed448.pem"},
  };
  for (const auto& c : cases) {
    Status st = mixed(c.cert, c.key).check();
    ASSERT_FALSE(st.ok()) << c.cert << " with " << c.key;
    EXPECT_EQ(st.error(), Error::key_mismatch) << c.cert << " with " << c.key;
  }
}

TEST(CertifiedKey, MissingHalvesAreInvalid) {
  CertifiedKey no_chain = load_pair("p256");
  no_chain.chain.clear();
  EXPECT_EQ(no_chain.check().error(), Error::invalid_argument);
  CertifiedKey no_key = load_pair("p256");
  no_key.key.reset();
  EXPECT_EQ(no_key.check().error(), Error::invalid_argument);
}

TEST(CertifiedKey, ConfigAddsOnlyMatchingPairs) {
  Config cfg;
  cfg.role = Role::server;
  Status bad = cfg.add_certificate(mixed("p256", "pki/p384/server.key"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), Error::key_mismatch);
  EXPECT_TRUE(cfg.certificates.empty());
  ASSERT_TRUE(cfg.add_certificate(load_pair("p256")).ok());
  ASSERT_TRUE(cfg.add_certificate(load_pair("rsa2048")).ok());
  EXPECT_EQ(cfg.certificates.size(), 2u);
}

TEST(CertifiedKey, SameKeyIgnoresTheContainer) {
  // One RSA key read from PKCS#1 and from PKCS#8; one P-256 key from SEC1 and PKCS#8.
  auto load = [](const std::string& f) {
    auto bytes = x509::read_file(data_path("keys/" + f));
    EXPECT_TRUE(bytes.ok()) << f;
    auto key = crypto::default_provider().load_private_key(*bytes);
    EXPECT_TRUE(key.ok()) << f;
    return std::move(*key);
  };
  auto rsa1 = load("rsa2048.pkcs1.pem"), rsa8 = load("rsa2048.pkcs8.pem");
  EXPECT_TRUE(rsa1->public_key().same_key(rsa8->public_key()));
  auto ec1 = load("p256.sec1.pem"), ec8 = load("p256.pkcs8.pem");
  EXPECT_TRUE(ec1->public_key().same_key(ec8->public_key()));
  EXPECT_FALSE(ec1->public_key().same_key(rsa1->public_key()));
  EXPECT_FALSE(rsa1->public_key().same_key(load("rsapss2048.pem")->public_key()));
}

}  // namespace
}  // namespace ember::tls::test
