// Key exchange, signatures and private-key loading: RFC 7748 and RFC 8032 known answers,
// round trips over every supported key type and container, and bad-input errors.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "test_util.hpp"

namespace ember::test {
namespace {
using crypto::Group;
using crypto::HashAlg;
using crypto::KeyType;
using crypto::SignatureScheme;

// RFC 7919 ffdhe2048 prime (as printed by `openssl pkeyparam` for group ffdhe2048).
const char kFfdhe2048P[] =
    "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC939DCE249B"
    "3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E"
    "7F57C935984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182B324FB61D108"
    "A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2EC"
    "C03404CD28342F619172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D16"
    "83B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF";

TEST(KeyExchange, X25519Rfc7748) {
  auto alice = P().key_share_from_private(
      Group::x25519, hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  auto bob = P().key_share_from_private(
      Group::x25519, hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
  ASSERT_TRUE(alice.ok() && bob.ok());
  EXPECT_EQ(hexs((*alice)->public_value()),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  EXPECT_EQ(hexs((*bob)->public_value()),
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  auto s1 = (*alice)->derive((*bob)->public_value());
  auto s2 = (*bob)->derive((*alice)->public_value());
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(hexs(*s1), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_EQ(hexs(*s2), hexs(*s1));
}

TEST(KeyExchange, X448Rfc7748) {
  auto alice = P().key_share_from_private(
      Group::x448, hex("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a94197"
                       "44897391006382a6f127ab1d9ac2d8c0a598726b"));
  auto bob = P().key_share_from_private(
      Group::x448, hex("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee897"
                       "2b0d3e21374c9c921b09d1b0366f10b65173992d"));
  ASSERT_TRUE(alice.ok() && bob.ok());
  EXPECT_EQ(hexs((*alice)->public_value()),
            "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b"
            "12da88120d53177f80e532c41fa0");
  auto s = (*alice)->derive((*bob)->public_value());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(hexs(*s),
            "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c"
            "24403085d59a449a5037514a879d");
}

TEST(KeyExchange, EveryGroupAgreesAndRejectsBadPeers) {
  for (Group g : {Group::x25519, Group::x448, Group::secp256r1, Group::secp384r1, Group::secp521r1,
                  Group::ffdhe2048, Group::ffdhe3072, Group::ffdhe4096}) {
    SCOPED_TRACE(std::string(crypto::group_name(g)));
    auto a = P().generate_key_share(g);
    auto b = P().generate_key_share(g);
    ASSERT_TRUE(a.ok() && b.ok());
    auto pub = (*a)->public_value();
    size_t want = 0;
    switch (g) {
      case Group::x25519:
        want = 32;
        break;
      case Group::x448:
        want = 56;
        break;
      case Group::secp256r1:
        want = 65;
        break;
      case Group::secp384r1:
        want = 97;
        break;
      case Group::secp521r1:
        want = 133;
        break;
      case Group::ffdhe2048:
        want = 256;
        break;
      case Group::ffdhe3072:
        want = 384;
        break;
      case Group::ffdhe4096:
        want = 512;
        break;
    }
    EXPECT_EQ(pub.size(), want);
    auto s1 = (*a)->derive((*b)->public_value());
    auto s2 = (*b)->derive((*a)->public_value());
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_EQ(hexs(*s1), hexs(*s2));
    if (crypto::is_ffdhe(g)) {
      EXPECT_EQ(s1->size(), want);  // padded to the prime (TLS 1.3)
    }

    // Empty (null or pointing), wrong length, all-zero, and (for EC) a point off the curve or
    // compressed.
    uint8_t storage[1] = {0};
    EXPECT_EQ((*a)->derive(ByteView{}).error(), Error::invalid_public_value);
    EXPECT_EQ((*a)->derive(ByteView(storage, 0)).error(), Error::invalid_public_value);
    Bytes bad(pub.begin(), pub.end());
    bad.pop_back();
    EXPECT_EQ((*a)->derive(bad).error(), Error::invalid_public_value);
    Bytes zero(pub.size(), 0);
    if ((g == Group::secp256r1 || g == Group::secp384r1 || g == Group::secp521r1)) zero[0] = 0x04;
    EXPECT_EQ((*a)->derive(zero).error(), Error::invalid_public_value);
    if ((g == Group::secp256r1 || g == Group::secp384r1 || g == Group::secp521r1)) {
      Bytes off(pub.begin(), pub.end());
      off.back() ^= 1;
      EXPECT_EQ((*a)->derive(off).error(), Error::invalid_public_value);
      Bytes compressed(pub.begin(), pub.begin() + 1 + (pub.size() - 1) / 2);
      compressed[0] = 0x02;
      EXPECT_EQ((*a)->derive(compressed).error(), Error::invalid_public_value);
    }
    if (crypto::is_ffdhe(g)) {
      Bytes one(pub.size(), 0);
      one.back() = 1;
      EXPECT_EQ((*a)->derive(one).error(), Error::invalid_public_value);
      Bytes big(pub.size(), 0xff);  // >= p
      EXPECT_EQ((*a)->derive(big).error(), Error::invalid_public_value);
    }
  }
}

TEST(KeyExchange, ServerChosenDhParameters) {
  auto p = hex(kFfdhe2048P);
  Bytes g = {2};
  auto a = P().generate_dh(p, g, 2048);
  auto b = P().generate_dh(p, g, 2048);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->prime_bits(), 2048u);
  auto s1 = (*a)->derive((*b)->public_value());
  auto s2 = (*b)->derive((*a)->public_value());
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(hexs(*s1), hexs(*s2));
  EXPECT_NE(s1->data()[0], 0);  // TLS 1.2: leading zeros stripped
  EXPECT_EQ(P().generate_dh(p, g, 3072).error(), Error::insufficient_security);
  Bytes one = {1};
  EXPECT_EQ((*a)->derive(one).error(), Error::invalid_public_value);
  Bytes p_itself = p;
  EXPECT_EQ((*a)->derive(p_itself).error(), Error::invalid_public_value);
  Bytes even = p;
  ASSERT_FALSE(even.empty());  // (also tells GCC 12 -O3 that back() exists: -Warray-bounds)
  even.back() ^= 1;
  EXPECT_FALSE(P().generate_dh(even, g, 1024).ok());
}

// PKCS#8 wrapper for a raw Ed25519 seed (RFC 8410).
Bytes ed25519_pkcs8(ByteView seed) {
  Bytes der = hex("302e020100300506032b657004220420");
  der.insert(der.end(), seed.begin(), seed.end());
  return der;
}

TEST(Signature, Ed25519Rfc8032) {
  struct {
    const char *seed, *pub, *msg, *sig;
  } cases[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
       "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
       "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
  };
  auto params = *crypto::signature_params(SignatureScheme::ed25519);
  for (const auto& c : cases) {
    auto key = P().load_private_key(ed25519_pkcs8(hex(c.seed)));
    ASSERT_TRUE(key.ok()) << error_name(key.error());
    EXPECT_EQ((*key)->type(), KeyType::ed25519);
    auto sig = (*key)->sign(params, hex(c.msg));
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(hexs(*sig), c.sig);  // EdDSA is deterministic
    auto pub = P().eddsa_public_key(KeyType::ed25519, hex(c.pub));
    ASSERT_TRUE(pub.ok());
    EXPECT_TRUE((*pub)->verify(params, hex(c.msg), hex(c.sig)).ok());
    Bytes tampered = hex(c.sig);
    tampered[5] ^= 1;
    EXPECT_EQ((*pub)->verify(params, hex(c.msg), tampered).error(), Error::invalid_signature);
  }
  EXPECT_EQ(P().eddsa_public_key(KeyType::ed25519, Bytes(31)).error(), Error::bad_key);
}

struct KeyFile {
  const char* file;
  KeyType type;
  size_t bits;
  std::vector<SignatureScheme> schemes;
};

std::vector<KeyFile> key_files() {
  using S = SignatureScheme;
  std::vector<S> rsa = {S::rsa_pkcs1_sha256, S::rsa_pkcs1_sha384, S::rsa_pss_rsae_sha256,
                        S::rsa_pss_rsae_sha512, S::rsa_pkcs1_sha1};
  return {
      {"rsa2048.pkcs8.pem", KeyType::rsa, 2048, rsa},
      {"rsa2048.pkcs1.pem", KeyType::rsa, 2048, rsa},
      {"rsa2048.pkcs8.der", KeyType::rsa, 2048, rsa},
      {"rsa2048.pkcs1.der", KeyType::rsa, 2048, rsa},
      {"p256.sec1.pem", KeyType::ec, 256, {S::ecdsa_secp256r1_sha256, S::ecdsa_sha1}},
      {"p256.sec1.der", KeyType::ec, 256, {S::ecdsa_secp256r1_sha256}},
      {"p256.pkcs8.pem", KeyType::ec, 256, {S::ecdsa_secp256r1_sha256}},
      {"p384.pkcs8.pem", KeyType::ec, 384, {S::ecdsa_secp384r1_sha384}},
      {"p521.pkcs8.pem", KeyType::ec, 521, {S::ecdsa_secp521r1_sha512}},
      {"ed25519.pem", KeyType::ed25519, 256, {S::ed25519}},
      {"ed448.pem", KeyType::ed448, 456, {S::ed448}},
      {"rsapss2048.pem", KeyType::rsa_pss, 2048, {S::rsa_pss_pss_sha256, S::rsa_pss_pss_sha384}},
  };
}

TEST(PrivateKey, LoadsEveryContainerAndSigns) {
  for (const auto& kf : key_files()) {
    SCOPED_TRACE(kf.file);
    auto key = P().load_private_key(read_data_file(std::string("keys/") + kf.file));
    ASSERT_TRUE(key.ok()) << error_name(key.error());
    EXPECT_EQ((*key)->type(), kf.type);
    EXPECT_EQ((*key)->bits(), kf.bits);
    auto msg = str_bytes("the handshake transcript");
    for (auto scheme : kf.schemes) {
      SCOPED_TRACE(std::string(crypto::signature_scheme_name(scheme)));
      auto params = *crypto::signature_params(scheme);
      auto sig = (*key)->sign(params, msg);
      ASSERT_TRUE(sig.ok()) << error_name(sig.error());
      EXPECT_TRUE((*key)->public_key().verify(params, msg, *sig).ok());
      Bytes other = msg;
      other[0] ^= 1;
      EXPECT_EQ((*key)->public_key().verify(params, other, *sig).error(), Error::invalid_signature);
    }
  }
}

// An empty message signs and verifies for every key type and scheme, whether the span is null
// or points into a buffer; a signature over an empty message does not verify another message,
// and a signature over another message does not verify the empty one.
TEST(PrivateKey, SignsAndVerifiesTheEmptyMessage) {
  uint8_t storage[1] = {0};
  for (const auto& kf : key_files()) {
    SCOPED_TRACE(kf.file);
    auto key = P().load_private_key(read_data_file(std::string("keys/") + kf.file));
    ASSERT_TRUE(key.ok()) << error_name(key.error());
    for (auto scheme : kf.schemes) {
      SCOPED_TRACE(std::string(crypto::signature_scheme_name(scheme)));
      auto params = *crypto::signature_params(scheme);
      for (ByteView empty : {ByteView{}, ByteView(storage, 0)}) {
        auto sig = (*key)->sign(params, empty);
        ASSERT_TRUE(sig.ok()) << error_name(sig.error());
        EXPECT_TRUE((*key)->public_key().verify(params, ByteView{}, *sig).ok());
        EXPECT_TRUE((*key)->public_key().verify(params, ByteView(storage, 0), *sig).ok());
        EXPECT_EQ((*key)->public_key().verify(params, Bytes(1, 0), *sig).error(),
                  Error::invalid_signature);
        Bytes bad = *sig;
        bad[bad.size() / 2] ^= 1;
        EXPECT_EQ((*key)->public_key().verify(params, empty, bad).error(),
                  Error::invalid_signature);
      }
      auto other = (*key)->sign(params, Bytes(1, 0));
      ASSERT_TRUE(other.ok());
      EXPECT_EQ((*key)->public_key().verify(params, ByteView{}, *other).error(),
                Error::invalid_signature);
      // No signature at all is refused, not read.
      EXPECT_FALSE((*key)->public_key().verify(params, ByteView{}, ByteView{}).ok());
    }
  }
}

// One key signing and verifying on several threads at once, from its first use on: the
// sign/verify contexts a key keeps for duplication are created by whichever thread comes
// first, and every signature must verify whatever the interleaving.
TEST(PrivateKey, SignsAndVerifiesFromManyThreads) {
  for (auto [file, scheme] :
       {std::pair{"p256.pkcs8.pem", SignatureScheme::ecdsa_secp256r1_sha256},
        std::pair{"rsa2048.pkcs8.pem", SignatureScheme::rsa_pss_rsae_sha256}}) {
    SCOPED_TRACE(file);
    auto key = P().load_private_key(read_data_file(std::string("keys/") + file));
    ASSERT_TRUE(key.ok()) << error_name(key.error());
    auto params = *crypto::signature_params(scheme);
    std::atomic<int> good{0}, bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 10; ++i) {
          Bytes msg = str_bytes("message " + std::to_string(t) + "/" + std::to_string(i));
          auto sig = (*key)->sign(params, msg);
          bool ok = sig.ok() && (*key)->public_key().verify(params, msg, *sig).ok();
          msg[0] ^= 1;
          ok = ok && !(*key)->public_key().verify(params, msg, *sig).ok();
          (ok ? good : bad)++;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(good.load(), 40);
    EXPECT_EQ(bad.load(), 0);
  }
}

TEST(PrivateKey, RejectsSchemesThatDoNotFitTheKey) {
  auto ec = P().load_private_key(read_data_file("keys/p256.pkcs8.pem"));
  auto pss = P().load_private_key(read_data_file("keys/rsapss2048.pem"));
  ASSERT_TRUE(ec.ok() && pss.ok());
  auto msg = str_bytes("m");
  EXPECT_FALSE(
      (*ec)->sign(*crypto::signature_params(SignatureScheme::rsa_pss_rsae_sha256), msg).ok());
  // An RSASSA-PSS key must not make PKCS#1 v1.5 signatures.
  EXPECT_FALSE(
      (*pss)->sign(*crypto::signature_params(SignatureScheme::rsa_pkcs1_sha256), msg).ok());
}

TEST(PrivateKey, EncryptedKeysNeedTheRightPassword) {
  for (const char* f :
       {"keys/rsa2048.enc.pem", "keys/rsa2048.enc.der", "keys/rsa2048.legacy-enc.pem"}) {
    SCOPED_TRACE(f);
    auto data = read_data_file(f);
    EXPECT_EQ(P().load_private_key(data).error(), Error::password_required);
    EXPECT_EQ(P().load_private_key(data, "wrong").error(), Error::bad_password);
    auto ok = P().load_private_key(data, "ember-test");
    ASSERT_TRUE(ok.ok()) << error_name(ok.error());
    EXPECT_EQ((*ok)->bits(), 2048u);
  }
}

TEST(PrivateKey, BadInputGivesClearErrors) {
  EXPECT_EQ(P().load_private_key(read_data_file("keys/rsa2048.pub.pem")).error(),
            Error::pem_bad_label);
  auto pem = read_data_file("keys/rsa2048.pkcs8.pem");
  Bytes truncated(pem.begin(), pem.begin() + static_cast<long>(pem.size() / 2));
  EXPECT_FALSE(P().load_private_key(truncated).ok());
  auto der = read_data_file("keys/rsa2048.pkcs8.der");
  Bytes der_trunc(der.begin(), der.end() - 10);
  EXPECT_EQ(P().load_private_key(der_trunc).error(), Error::bad_key);
  EXPECT_EQ(P().load_private_key(str_bytes("not a key at all")).error(), Error::bad_key);
  EXPECT_EQ(P().load_private_key(Bytes{}).error(), Error::bad_key);
  EXPECT_EQ(P().load_private_key(read_data_file("keys/x25519.pem")).error(),
            Error::unsupported_algorithm);
  // A PEM with a mismatched END label.
  std::string s(pem.begin(), pem.end());
  s.replace(s.find("END PRIVATE KEY"), 15, "END RSA PRIVATE KEY");
  EXPECT_EQ(P().load_private_key(str_bytes(s)).error(), Error::pem_bad_label);
}

TEST(PublicKey, BuiltFromParsedPartsVerifies) {
  auto key = P().load_private_key(read_data_file("keys/p256.pkcs8.pem"));
  ASSERT_TRUE(key.ok());
  auto spki = (*key)->public_key().spki_der();
  ASSERT_TRUE(spki.ok());
  ASSERT_EQ(spki->size(), 91u);  // fixed-size P-256 SubjectPublicKeyInfo: 26-byte header
  Bytes point(spki->begin() + 26, spki->end());
  auto pub = P().ec_public_key(crypto::Curve::p256, point);
  ASSERT_TRUE(pub.ok());
  auto params = *crypto::signature_params(SignatureScheme::ecdsa_secp256r1_sha256);
  auto sig = (*key)->sign(params, str_bytes("x"));
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE((*pub)->verify(params, str_bytes("x"), *sig).ok());
  EXPECT_EQ(*(*pub)->spki_der(), *spki);
  EXPECT_EQ((*pub)->curve(), crypto::Curve::p256);
  point[40] ^= 1;  // off the curve
  EXPECT_EQ(P().ec_public_key(crypto::Curve::p256, point).error(), Error::bad_key);
  EXPECT_EQ(P().rsa_public_key(Bytes(256, 0xff), Bytes{2}).error(), Error::bad_key);  // even e
}

TEST(Rsa, PremasterDecryptionHidesPaddingErrors) {
  auto key = P().load_private_key(read_data_file("keys/rsa2048.pkcs8.pem"));
  ASSERT_TRUE(key.ok());
  Bytes pms(48, 0x33);
  pms[0] = 0x03;
  pms[1] = 0x03;
  auto ct = (*key)->public_key().rsa_encrypt_pkcs1(pms);
  ASSERT_TRUE(ct.ok());
  ASSERT_EQ(ct->size(), 256u);
  auto good = (*key)->rsa_decrypt_premaster(*ct, 0x0303);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(hexs(*good), hexs(pms));
  // Version mismatch, garbage and a wrong-length plaintext all yield 48 unrelated bytes and
  // no error: the caller cannot tell them apart from success until Finished fails.
  auto wrong_version = (*key)->rsa_decrypt_premaster(*ct, 0x0302);
  ASSERT_TRUE(wrong_version.ok());
  EXPECT_EQ(wrong_version->size(), 48u);
  EXPECT_NE(hexs(*wrong_version), hexs(pms));
  Bytes garbage(256, 0x5a);
  auto g1 = (*key)->rsa_decrypt_premaster(garbage, 0x0303);
  auto g2 = (*key)->rsa_decrypt_premaster(garbage, 0x0303);
  ASSERT_TRUE(g1.ok() && g2.ok());
  EXPECT_EQ(g1->size(), 48u);
  EXPECT_NE(hexs(*g1), hexs(*g2));  // fresh random each time
  auto short_ct = (*key)->public_key().rsa_encrypt_pkcs1(Bytes(47, 3));
  ASSERT_TRUE(short_ct.ok());
  auto s = (*key)->rsa_decrypt_premaster(*short_ct, 0x0303);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->size(), 48u);
  // Not the modulus length, empty, zero, or not below the modulus: random too, never an error
  // (RFC 5246 §7.4.7.1; issue 19 item 10).
  for (const Bytes& bad :
       {Bytes(255, 1), Bytes(257, 1), Bytes{}, Bytes(256, 0), Bytes(256, 0xff)}) {
    auto r1 = (*key)->rsa_decrypt_premaster(bad, 0x0303);
    auto r2 = (*key)->rsa_decrypt_premaster(bad, 0x0303);
    ASSERT_TRUE(r1.ok() && r2.ok()) << bad.size();
    EXPECT_EQ(r1->size(), 48u);
    EXPECT_NE(hexs(*r1), hexs(*r2));
  }
}

}  // namespace
}  // namespace ember::test

namespace ember::test {
namespace {

// Every private key of the bundled test PKI loads and matches its certificate's type.
TEST(PrivateKey, TestPkiKeysLoad) {
  struct {
    const char* dir;
    crypto::KeyType type;
    size_t bits;
  } sets[] = {{"p256", crypto::KeyType::ec, 256},
              {"p384", crypto::KeyType::ec, 384},
              {"rsa2048", crypto::KeyType::rsa, 2048},
              {"rsa3072", crypto::KeyType::rsa, 3072},
              {"ed25519", crypto::KeyType::ed25519, 256}};
  for (const auto& s : sets) {
    for (const char* role : {"root", "inter", "server", "client"}) {
      std::string path = std::string("pki/") + s.dir + "/" + role + ".key";
      auto key = P().load_private_key(read_data_file(path));
      ASSERT_TRUE(key.ok()) << path << ": " << error_name(key.error());
      EXPECT_EQ((*key)->type(), s.type) << path;
      EXPECT_EQ((*key)->bits(), s.bits) << path;
    }
  }
}

}  // namespace
}  // namespace ember::test
