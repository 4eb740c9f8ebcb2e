// Empty inputs at every provider entry point that can receive one, as a null span (an empty
// Bytes) and as an empty span pointing into a buffer: libcrypto gives null pointers meanings of
// their own (CCM read a null update as "set the length"), so each result is checked against
// known values, never only for success. Expected values: FIPS 180 empty-message digests;
// HMAC, HKDF and the TLS 1.2 PRF with empty key/salt/IKM/info/seed computed with Python's
// hmac module (RFC 2104 written in Python over hashlib).
#include "test_util.hpp"

namespace ember::test {
namespace {
using crypto::HashAlg;

struct Empties {
  uint8_t storage[1] = {0x77};
  ByteView null_view() const { return {}; }
  ByteView pointing_view() const { return ByteView(storage, 0); }
};

struct HashCase {
  HashAlg alg;
  const char* digest;  // of ""
  const char* hmac;    // HMAC(key = "", message = "")
};
const HashCase kHashes[] = {
    {HashAlg::sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d"},
    {HashAlg::sha224, "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
     "5ce14f72894662213e2748d2a6ba234b74263910cedde2f5a9271524"},
    {HashAlg::sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},
    {HashAlg::sha384,
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f1489"
     "8b95b",
     "6c1f2ee938fad2e24bd91298474382ca218c75db3d83e114b3d4367776d14d3551289e75e8209cd4b7923028402"
     "34adc"},
    {HashAlg::sha512,
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877"
     "eec2f63b931bd47417a81a538327af927da3e",
     "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac6730c6c515421b327ec1d69402e53d"
     "fb49ad7381eb067b338fd7b0cb22247225d47"},
};

TEST(EmptyInput, HashesOfTheEmptyMessage) {
  Empties e;
  for (const auto& c : kHashes) {
    SCOPED_TRACE(c.digest);
    for (ByteView empty : {e.null_view(), e.pointing_view()}) {
      Bytes out(crypto::hash_size(c.alg));
      ASSERT_TRUE(P().hash(c.alg, empty, out).ok());
      EXPECT_EQ(hexs(out), c.digest);
      auto h = P().make_hash(c.alg);
      ASSERT_TRUE(h.ok());
      (*h)->update(empty);
      (*h)->update(empty);
      Bytes inc(crypto::hash_size(c.alg));
      (*h)->finish(inc);
      EXPECT_EQ(hexs(inc), c.digest);
    }
  }
}

TEST(EmptyInput, HmacWithEmptyKeyAndMessage) {
  Empties e;
  for (const auto& c : kHashes) {
    SCOPED_TRACE(c.hmac);
    for (ByteView key : {e.null_view(), e.pointing_view()}) {
      for (ByteView msg : {e.null_view(), e.pointing_view()}) {
        auto m = P().make_hmac(c.alg, key);
        ASSERT_TRUE(m.ok());
        (*m)->update(msg);
        Bytes out(crypto::hash_size(c.alg));
        (*m)->finish(out);
        EXPECT_EQ(hexs(out), c.hmac);
      }
    }
  }
}

TEST(EmptyInput, HkdfAndTls12PrfWithEmptyInputs) {
  Empties e;
  for (ByteView empty : {e.null_view(), e.pointing_view()}) {
    // Extract(salt = "", IKM = "") is HMAC-SHA256("", "") (RFC 5869 §2.2: an empty salt is
    // HashLen zeros, which HMAC pads to the same block).
    auto prk = crypto::hkdf_extract(P(), HashAlg::sha256, empty, empty);
    ASSERT_TRUE(prk.ok());
    EXPECT_EQ(hexs(prk->view()),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    Bytes okm(42);
    ASSERT_TRUE(crypto::hkdf_expand(P(), HashAlg::sha256, prk->view(), empty, okm).ok());
    EXPECT_EQ(hexs(okm),
              "eb70f01dede9afafa449eee1b1286504e1f62388b3f7dd4f956697b0e828fe181e59c2ec0fe6e7e7a"
              "c26");
    Bytes prf(48);
    ASSERT_TRUE(crypto::tls12_prf(P(), HashAlg::sha256, empty, "", empty, prf).ok());
    EXPECT_EQ(hexs(prf),
              "a6f991ab2b5f9ee8063c115ab7b4009b0f3bcb8f1090e1afc4a3ff202e82ed000060a35fe41d2be86"
              "182bceead4564fa");
    ASSERT_TRUE(crypto::tls12_prf(P(), HashAlg::sha384, empty, "", empty, prf).ok());
    EXPECT_EQ(hexs(prf),
              "99b6d960ba82695541677bf7925b2f6ab193ac515a16ee5513dbafb11e0aaa7681e18584b6060302a"
              "2f571a9a0bb8cbe");
  }
}

TEST(EmptyInput, CbcOfNoBlocksIsANoOp) {
  Bytes key(16, 0x11), iv(16, 0x22);
  uint8_t storage[1] = {0x77};
  for (bool encrypt : {true, false}) {
    auto cbc = P().make_cbc(crypto::CbcAlg::aes128, key, encrypt);
    ASSERT_TRUE(cbc.ok());
    EXPECT_TRUE((*cbc)->crypt(iv, MutableByteView{}).ok());
    EXPECT_TRUE((*cbc)->crypt(iv, MutableByteView(storage, 0)).ok());
    EXPECT_EQ(storage[0], 0x77);
    // The context still works after the empty calls (SP 800-38A F.2.1, first block).
    Bytes k = hex("2b7e151628aed2a6abf7158809cf4f3c");
    auto real = P().make_cbc(crypto::CbcAlg::aes128, k, true);
    ASSERT_TRUE(real.ok());
    ASSERT_TRUE((*real)->crypt(iv, MutableByteView{}).ok());
    Bytes block = hex("6bc1bee22e409f96e93d7e117393172a");
    ASSERT_TRUE((*real)->crypt(hex("000102030405060708090a0b0c0d0e0f"), block).ok());
    EXPECT_EQ(hexs(block), "7649abac8119b246cee98e9b12e9197d");
  }
}

}  // namespace
}  // namespace ember::test
