// HKDF (RFC 5869), HKDF-Expand-Label against RFC 8448's key schedule, TLS 1.2 PRF vectors.
#include "test_util.hpp"

namespace ember::test {
namespace {
using crypto::HashAlg;

Bytes seq(uint8_t from, uint8_t to) {
  Bytes b;
  for (int i = from; i <= to; ++i) b.push_back(static_cast<uint8_t>(i));
  return b;
}

void check_hkdf(ByteView ikm, ByteView salt, ByteView info, size_t len, std::string_view prk,
                std::string_view okm) {
  auto got_prk = crypto::hkdf_extract(P(), HashAlg::sha256, salt, ikm);
  ASSERT_TRUE(got_prk.ok());
  EXPECT_EQ(hexs(*got_prk), prk);
  Bytes out(len);
  ASSERT_TRUE(crypto::hkdf_expand(P(), HashAlg::sha256, *got_prk, info, out).ok());
  EXPECT_EQ(hexs(out), okm);
}

TEST(Hkdf, Rfc5869Case1) {
  check_hkdf(
      Bytes(22, 0x0b), seq(0x00, 0x0c), seq(0xf0, 0xf9), 42,
      "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST(Hkdf, Rfc5869Case2LongInputs) {
  check_hkdf(
      seq(0x00, 0x4f), seq(0x60, 0xaf), seq(0xb0, 0xff), 82,
      "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
      "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c6"
      "5e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

TEST(Hkdf, Rfc5869Case3EmptySaltAndInfo) {
  check_hkdf(
      Bytes(22, 0x0b), {}, {}, 42,
      "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
      "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

TEST(Hkdf, ExpandRejectsTooLongOutput) {
  Bytes prk(32, 1);
  Bytes out(255 * 32 + 1);
  EXPECT_FALSE(crypto::hkdf_expand(P(), HashAlg::sha256, prk, {}, out).ok());
}

// RFC 8448 §3 (simple 1-RTT handshake), TLS_AES_128_GCM_SHA256.
TEST(HkdfExpandLabel, Rfc8448KeySchedule) {
  Bytes zeros(32, 0);
  auto early = crypto::hkdf_extract(P(), HashAlg::sha256, {}, zeros);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(hexs(*early), "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");

  Bytes empty_hash(32);
  ASSERT_TRUE(P().hash(HashAlg::sha256, {}, empty_hash).ok());
  auto derived = crypto::hkdf_expand_label(P(), HashAlg::sha256, *early, "derived", empty_hash, 32);
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(hexs(*derived), "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");

  auto ecdhe = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
  auto hs = crypto::hkdf_extract(P(), HashAlg::sha256, *derived, ecdhe);
  ASSERT_TRUE(hs.ok());
  EXPECT_EQ(hexs(*hs), "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");

  // Server handshake traffic secret and its write key/IV, from the transcript hash
  // ClientHello..ServerHello given in the RFC.
  auto th = hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
  auto s_hs = crypto::hkdf_expand_label(P(), HashAlg::sha256, *hs, "s hs traffic", th, 32);
  ASSERT_TRUE(s_hs.ok());
  EXPECT_EQ(hexs(*s_hs), "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
  auto key = crypto::hkdf_expand_label(P(), HashAlg::sha256, *s_hs, "key", {}, 16);
  auto iv = crypto::hkdf_expand_label(P(), HashAlg::sha256, *s_hs, "iv", {}, 12);
  ASSERT_TRUE(key.ok() && iv.ok());
  EXPECT_EQ(hexs(*key), "3fce516009c21727d0f2e4e86ee403bc");
  EXPECT_EQ(hexs(*iv), "5d313eb2671276ee13000b30");

  // The pre-keyed form gives the same output.
  auto mac = P().make_hmac(HashAlg::sha256, *s_hs);
  ASSERT_TRUE(mac.ok());
  Bytes key2(16);
  ASSERT_TRUE(crypto::hkdf_expand_label(**mac, "key", {}, key2).ok());
  EXPECT_EQ(hexs(key2), "3fce516009c21727d0f2e4e86ee403bc");
}

TEST(Tls12Prf, Sha256Vector) {
  Bytes out(100);
  ASSERT_TRUE(crypto::tls12_prf(P(), HashAlg::sha256, hex("9bbe436ba940f017b17652849a71db35"),
                                "test label", hex("a0ba9f936cda311827a6f796ffd5198c"), out)
                  .ok());
  EXPECT_EQ(
      hexs(out),
      "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e"
      "14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5"
      "a72e5a5110fff70187347b66");
}

TEST(Tls12Prf, Sha384Vector) {
  Bytes out(148);
  ASSERT_TRUE(crypto::tls12_prf(P(), HashAlg::sha384, hex("b80b733d6ceefcdc71566ea48e5567df"),
                                "test label", hex("cd665cf6a8447dd6ff8b27555edb7465"), out)
                  .ok());
  EXPECT_EQ(
      hexs(out),
      "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b123"
      "3c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd"
      "4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a2"
      "6854308d5eaa3be85e0990703d73e56f");
}

}  // namespace
}  // namespace ember::test
