// AEAD and CBC known-answer tests: GCM (McGrew-Viega test cases from the GCM spec),
// ChaCha20-Poly1305 (RFC 8439 §2.8.2), CCM (NIST SP 800-38C example 3, RFC 3610-style with
// 12-byte nonces), AES-CBC (NIST SP 800-38A F.2).
#include "test_util.hpp"

namespace ember::test {
namespace {
using crypto::AeadAlg;

struct AeadCase {
  AeadAlg alg;
  const char* key;
  const char* nonce;
  const char* aad;
  const char* pt;
  const char* ct;
  const char* tag;
};

const char kGcmPt[] =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6"
    "b525b16aedf5aa0de657ba637b39";
const char kGcmIv[] = "cafebabefacedbaddecaf888";
const char kGcmAad[] = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

const char kCcmPt[] =
    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f4041424344454647";
const char kCcmKey256[] = "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";

const AeadCase kCases[] = {
    // GCM spec test case 4 (AES-128) and 16 (AES-256).
    {AeadAlg::aes128_gcm, "feffe9928665731c6d6a8f9467308308", kGcmIv, kGcmAad, kGcmPt,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac"
     "84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {AeadAlg::aes256_gcm, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     kGcmIv, kGcmAad, kGcmPt,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
     "828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    // GCM test case 2: empty AAD, one zero block.
    {AeadAlg::aes128_gcm, "00000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    // RFC 8439 §2.8.2.
    {AeadAlg::chacha20_poly1305, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
     "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
     "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966"
     "204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f722074686520667574757265"
     "2c2073756e73637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da"
     "92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585"
     "808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
    // SP 800-38C appendix C example 3 (12-byte nonce, 8-byte tag).
    {AeadAlg::aes128_ccm8, "404142434445464748494a4b4c4d4e4f", "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", "202122232425262728292a2b2c2d2e2f3031323334353637",
     "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5", "484392fbc1b09951"},
    // The same key/nonce/AAD layout with a 40-byte payload, 16- and 8-byte tags, AES-128 and
    // AES-256: expected values computed with Mbed TLS 2.28's independent CCM implementation
    // (mbedtls_ccm_encrypt_and_tag); the first 24 ciphertext bytes agree with SP 800-38C.
    {AeadAlg::aes128_ccm, "404142434445464748494a4b4c4d4e4f", "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", kCcmPt,
     "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5541bd1d416fa0ce3ec37af206e6278ae",
     "8bbfc225e90e623490adb6f9d3be2928"},
    {AeadAlg::aes128_ccm8, "404142434445464748494a4b4c4d4e4f", "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", kCcmPt,
     "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5541bd1d416fa0ce3ec37af206e6278ae",
     "60b94187458bb2f6"},
    {AeadAlg::aes256_ccm, kCcmKey256, "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", kCcmPt,
     "04f883aeb3bd0730eaf50bb6de4fa2212034e4e41b0e75e577f6bf2422c0f6d266a55d0cdd5f7c5c",
     "2c2a9f819a6dc122e159956fa45ff75d"},
    {AeadAlg::aes256_ccm8, kCcmKey256, "101112131415161718191a1b",
     "000102030405060708090a0b0c0d0e0f10111213", kCcmPt,
     "04f883aeb3bd0730eaf50bb6de4fa2212034e4e41b0e75e577f6bf2422c0f6d266a55d0cdd5f7c5c",
     "b4411f5f437cb8e0"},
};

TEST(Aead, KnownAnswers) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(static_cast<int>(c.alg));
    auto key = hex(c.key);
    auto nonce = hex(c.nonce);
    auto aad = hex(c.aad);
    auto data = hex(c.pt);
    auto aead = P().make_aead(c.alg, key);
    ASSERT_TRUE(aead.ok());
    Bytes tag((*aead)->tag_size());
    ASSERT_TRUE((*aead)->seal(nonce, aad, data, tag).ok());
    EXPECT_EQ(hexs(data), c.ct);
    EXPECT_EQ(hexs(tag), c.tag);
    // Open restores the plaintext (same object: one context per direction is keyed once).
    ASSERT_TRUE((*aead)->open(nonce, aad, data, tag).ok());
    EXPECT_EQ(hexs(data), c.pt);
  }
}

TEST(Aead, TamperedInputsFailToOpen) {
  for (AeadAlg alg :
       {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm, AeadAlg::chacha20_poly1305, AeadAlg::aes128_ccm,
        AeadAlg::aes256_ccm, AeadAlg::aes128_ccm8, AeadAlg::aes256_ccm8}) {
    SCOPED_TRACE(static_cast<int>(alg));
    Bytes key(crypto::aead_key_size(alg), 0x42);
    auto aead = P().make_aead(alg, key);
    ASSERT_TRUE(aead.ok());
    Bytes nonce(12, 7), aad = str_bytes("header"), msg = str_bytes("attack at dawn, bring snacks");
    Bytes data = msg, tag((*aead)->tag_size());
    ASSERT_TRUE((*aead)->seal(nonce, aad, data, tag).ok());
    EXPECT_NE(data, msg);
    for (int which = 0; which < 4; ++which) {
      Bytes d = data, t = tag, a = aad, n = nonce;
      if (which == 0) d[3] ^= 1;
      if (which == 1) t[0] ^= 0x80;
      if (which == 2) a[0] ^= 1;
      if (which == 3) n[11] ^= 1;
      EXPECT_EQ((*aead)->open(n, a, d, t).error(), Error::authentication_failed) << which;
    }
    // And the untampered record still opens after failures (context state recovered).
    ASSERT_TRUE((*aead)->open(nonce, aad, data, tag).ok());
    EXPECT_EQ(data, msg);
    // Empty plaintext is fine.
    Bytes none;
    ASSERT_TRUE((*aead)->seal(nonce, aad, none, tag).ok());
    EXPECT_TRUE((*aead)->open(nonce, aad, none, tag).ok());
  }
}

// Every AEAD the provider offers.
constexpr AeadAlg kAllAeads[] = {
    AeadAlg::aes128_gcm,  AeadAlg::aes256_gcm,  AeadAlg::chacha20_poly1305,
    AeadAlg::aes128_ccm,  AeadAlg::aes256_ccm,  AeadAlg::aes128_ccm8,
    AeadAlg::aes256_ccm8, AeadAlg::aria128_gcm, AeadAlg::aria256_gcm};

// Zero-length messages with published or independently computed tags.
struct EmptyCase {
  AeadAlg alg;
  const char* key;
  const char* nonce;
  const char* aad;
  const char* tag;
};
const char kZero128[] = "00000000000000000000000000000000";
const char kZero96[] = "000000000000000000000000";
const char kCcmKey128[] = "404142434445464748494a4b4c4d4e4f";
const char kCcmNonce[] = "101112131415161718191a1b";
const char kCcmAad[] = "000102030405060708090a0b0c0d0e0f10111213";
const EmptyCase kEmptyCases[] = {
    // GCM spec test cases 1 (AES-128) and 13 (AES-256): zero key and IV, P and A empty.
    {AeadAlg::aes128_gcm, kZero128, kZero96, "", "58e2fccefa7e3061367f1d57a4e7455a"},
    {AeadAlg::aes256_gcm, "0000000000000000000000000000000000000000000000000000000000000000",
     kZero96, "", "530f8afbc74536b9a963b4f1c4cb738b"},
    // Wycheproof chacha20_poly1305_test tcId 1 (RFC 8439's key and nonce, empty message).
    {AeadAlg::chacha20_poly1305, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
     "070000004041424344454647", "", "a0784d7a4716f3feb4f64e7f4b39bf04"},
    // CCM with Plen = 0 on SP 800-38C's key, a 12-byte nonce and its AAD (and none): tags
    // computed with Mbed TLS 2.28's independent CCM (mbedtls_ccm_encrypt_and_tag).
    {AeadAlg::aes128_ccm, kCcmKey128, kCcmNonce, "", "538f76630f36a98a2f502d9b23d86343"},
    {AeadAlg::aes128_ccm, kCcmKey128, kCcmNonce, kCcmAad, "551d5d5f39de73135b5b67518627e990"},
    {AeadAlg::aes128_ccm8, kCcmKey128, kCcmNonce, "", "68e23e70e7b69aae"},
    {AeadAlg::aes128_ccm8, kCcmKey128, kCcmNonce, kCcmAad, "c96092cdd7b84d88"},
    {AeadAlg::aes256_ccm, kCcmKey256, kCcmNonce, "", "a5527c0b301c3a15d72d20a423a97630"},
    {AeadAlg::aes256_ccm, kCcmKey256, kCcmNonce, kCcmAad, "17ba4d5a20a9522f817b1297f49a1888"},
    {AeadAlg::aes256_ccm8, kCcmKey256, kCcmNonce, "", "76d6c7fbc32d7585"},
    {AeadAlg::aes256_ccm8, kCcmKey256, kCcmNonce, kCcmAad, "c2595aa45dc54229"},
};

// The two shapes an empty message takes: a span without storage (data() == nullptr, as an
// empty Bytes gives) and an empty span that points into a buffer.
struct EmptySpans {
  uint8_t storage[1] = {0x5a};
  MutableByteView null_span() { return {}; }
  MutableByteView pointing_span() { return MutableByteView(storage, 0); }
};

TEST(Aead, EmptyMessageKnownAnswers) {
  for (const auto& c : kEmptyCases) {
    SCOPED_TRACE(std::string(c.tag));
    auto aead = P().make_aead(c.alg, hex(c.key));
    ASSERT_TRUE(aead.ok());
    auto nonce = hex(c.nonce), aad = hex(c.aad), expected = hex(c.tag);
    EmptySpans spans;
    for (MutableByteView empty : {spans.null_span(), spans.pointing_span()}) {
      Bytes tag((*aead)->tag_size(), 0);
      ASSERT_TRUE((*aead)->seal(nonce, aad, empty, tag).ok());
      EXPECT_EQ(hexs(tag), c.tag);
      Bytes tag2((*aead)->tag_size(), 0);
      ASSERT_TRUE((*aead)->seal_to(nonce, aad, {}, {}, empty, tag2).ok());
      EXPECT_EQ(tag2, expected);
      EXPECT_TRUE((*aead)->open(nonce, aad, empty, expected).ok());
      EXPECT_TRUE((*aead)->open_to(nonce, aad, {}, empty, {}, expected).ok());
    }
    EXPECT_EQ(spans.storage[0], 0x5a);  // nothing written through the pointing empty span
  }
}

// An empty ciphertext authenticates its tag, nonce and AAD like any other: the forgery of
// an empty CCM message with any tag (libcrypto reading a null update as "set the length").
TEST(Aead, EmptyMessageWithWrongTagNonceOrAadFailsToOpen) {
  for (AeadAlg alg : kAllAeads) {
    SCOPED_TRACE(static_cast<int>(alg));
    Bytes key(crypto::aead_key_size(alg), 0x42);
    auto aead = P().make_aead(alg, key);
    ASSERT_TRUE(aead.ok()) << "the provider must offer every AEAD";
    Bytes nonce(12, 7), aad = str_bytes("record header");
    EmptySpans spans;
    for (MutableByteView empty : {spans.null_span(), spans.pointing_span()}) {
      Bytes tag((*aead)->tag_size());
      ASSERT_TRUE((*aead)->seal(nonce, aad, empty, tag).ok());
      Bytes junk((*aead)->tag_size(), 0xAA);
      EXPECT_EQ((*aead)->open(nonce, aad, empty, junk).error(), Error::authentication_failed);
      EXPECT_EQ((*aead)->open_to(nonce, aad, {}, empty, {}, junk).error(),
                Error::authentication_failed);
      for (size_t i = 0; i < tag.size(); ++i) {
        Bytes t = tag;
        t[i] ^= 0x01;
        EXPECT_EQ((*aead)->open(nonce, aad, empty, t).error(), Error::authentication_failed) << i;
      }
      Bytes n = nonce, a = aad;
      n[0] ^= 1;
      a[5] ^= 1;
      EXPECT_EQ((*aead)->open(n, aad, empty, tag).error(), Error::authentication_failed);
      EXPECT_EQ((*aead)->open(nonce, a, empty, tag).error(), Error::authentication_failed);
      EXPECT_EQ((*aead)->open(nonce, {}, empty, tag).error(), Error::authentication_failed);
      // The genuine empty message still opens after the failures, with or without storage.
      EXPECT_TRUE((*aead)->open(nonce, aad, spans.null_span(), tag).ok());
      EXPECT_TRUE((*aead)->open(nonce, aad, spans.pointing_span(), tag).ok());
    }
    // Empty AAD too, and an empty message that is the tail of nothing (TLS 1.3 split opens).
    Bytes tag((*aead)->tag_size());
    ASSERT_TRUE((*aead)->seal(nonce, {}, spans.null_span(), tag).ok());
    EXPECT_TRUE((*aead)->open_to(nonce, {}, {}, spans.null_span(), {}, tag).ok());
    tag[0] ^= 0x80;
    EXPECT_EQ((*aead)->open_to(nonce, {}, {}, spans.null_span(), {}, tag).error(),
              Error::authentication_failed);
  }
}

TEST(Aead, OutOfPlaceMatchesInPlace) {
  for (AeadAlg alg :
       {AeadAlg::aes128_gcm, AeadAlg::aes256_gcm, AeadAlg::chacha20_poly1305, AeadAlg::aes128_ccm,
        AeadAlg::aes256_ccm, AeadAlg::aes128_ccm8, AeadAlg::aes256_ccm8}) {
    SCOPED_TRACE(static_cast<int>(alg));
    Bytes key(crypto::aead_key_size(alg), 0x24);
    auto aead = P().make_aead(alg, key);
    ASSERT_TRUE(aead.ok());
    Bytes nonce(12, 3), aad = str_bytes("aad");
    for (size_t n : {0, 1, 15, 16, 17, 1000}) {
      Bytes content(n), tail = {0x17, 0, 0};
      for (size_t i = 0; i < n; ++i) content[i] = static_cast<uint8_t>(i * 7);
      // In place over content || tail ...
      Bytes whole = content;
      whole.insert(whole.end(), tail.begin(), tail.end());
      Bytes tag1((*aead)->tag_size()), tag2((*aead)->tag_size());
      ASSERT_TRUE((*aead)->seal(nonce, aad, whole, tag1).ok());
      // ... equals out of place from two pieces.
      Bytes out(n + tail.size());
      ASSERT_TRUE((*aead)->seal_to(nonce, aad, content, tail, out, tag2).ok());
      EXPECT_EQ(out, whole);
      EXPECT_EQ(tag1, tag2);
      Bytes plain(out.size());
      ASSERT_TRUE((*aead)->open_to(nonce, aad, out, plain, {}, tag2).ok());
      EXPECT_EQ(Bytes(plain.begin(), plain.begin() + static_cast<long>(n)), content);
      // Split output: the content into one buffer, the TLS 1.3 tail into another.
      Bytes head(n, 0xEE), rest(tail.size(), 0xEE);
      ASSERT_TRUE((*aead)->open_to(nonce, aad, out, head, rest, tag2).ok());
      EXPECT_EQ(head, content);
      EXPECT_EQ(rest, tail);
      // A bad tag leaves the output zeroed.
      tag2[0] ^= 1;
      Bytes wiped(out.size(), 0xEE);
      EXPECT_EQ((*aead)->open_to(nonce, aad, out, wiped, {}, tag2).error(),
                Error::authentication_failed);
      EXPECT_EQ(wiped, Bytes(out.size(), 0));
      Bytes wiped_head(n, 0xEE), wiped_tail(tail.size(), 0xEE);
      EXPECT_EQ((*aead)->open_to(nonce, aad, out, wiped_head, wiped_tail, tag2).error(),
                Error::authentication_failed);
      EXPECT_EQ(wiped_head, Bytes(n, 0));
      EXPECT_EQ(wiped_tail, Bytes(tail.size(), 0));
    }
  }
}

TEST(Aead, RejectsWrongKeyAndNonceSizes) {
  EXPECT_FALSE(P().make_aead(AeadAlg::aes128_gcm, Bytes(15)).ok());
  auto aead = P().make_aead(AeadAlg::aes128_gcm, Bytes(16));
  ASSERT_TRUE(aead.ok());
  Bytes d(4), tag(16);
  EXPECT_FALSE((*aead)->seal(Bytes(11), {}, d, tag).ok());
  Bytes short_tag(8);
  EXPECT_FALSE((*aead)->seal(Bytes(12), {}, d, short_tag).ok());
}

TEST(Cbc, Sp800_38A) {
  auto iv = hex("000102030405060708090a0b0c0d0e0f");
  auto pt = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
  struct {
    crypto::CbcAlg alg;
    const char* key;
    const char* ct;
  } cases[] = {
      {crypto::CbcAlg::aes128, "2b7e151628aed2a6abf7158809cf4f3c",
       "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"},
      {crypto::CbcAlg::aes256, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
       "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"},
  };
  for (const auto& c : cases) {
    auto enc = P().make_cbc(c.alg, hex(c.key), true);
    auto dec = P().make_cbc(c.alg, hex(c.key), false);
    ASSERT_TRUE(enc.ok() && dec.ok());
    Bytes data = pt;
    ASSERT_TRUE((*enc)->crypt(iv, data).ok());
    EXPECT_EQ(hexs(data), c.ct);
    ASSERT_TRUE((*dec)->crypt(iv, data).ok());
    EXPECT_EQ(data, pt);
    Bytes odd(17);
    EXPECT_FALSE((*enc)->crypt(iv, odd).ok());
  }
}

TEST(Cbc, CamelliaAndAriaRoundTripWhenSupported) {
  for (auto alg : {crypto::CbcAlg::camellia128, crypto::CbcAlg::camellia256,
                   crypto::CbcAlg::aria128, crypto::CbcAlg::aria256}) {
    // Debian's libcrypto provides both; a build without them must say so, not fail later.
    ASSERT_TRUE(P().supports(alg));
    Bytes key(crypto::cbc_key_size(alg), 9), iv(16, 3), msg(48, 0x5a);
    auto enc = P().make_cbc(alg, key, true);
    auto dec = P().make_cbc(alg, key, false);
    ASSERT_TRUE(enc.ok() && dec.ok());
    Bytes data = msg;
    ASSERT_TRUE((*enc)->crypt(iv, data).ok());
    EXPECT_NE(data, msg);
    ASSERT_TRUE((*dec)->crypt(iv, data).ok());
    EXPECT_EQ(data, msg);
  }
}

}  // namespace
}  // namespace ember::test
