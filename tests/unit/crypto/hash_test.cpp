// Hash and HMAC known-answer tests: FIPS 180-4 examples, RFC 4231.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "test_util.hpp"

namespace ember::test {
namespace {
using crypto::HashAlg;

std::string digest(HashAlg alg, ByteView data) {
  Bytes out(crypto::hash_size(alg));
  EXPECT_TRUE(P().hash(alg, data, out).ok());
  return hexs(out);
}

TEST(Hash, Fips180Abc) {
  auto abc = str_bytes("abc");
  EXPECT_EQ(digest(HashAlg::sha1, abc), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(digest(HashAlg::sha224, abc),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(digest(HashAlg::sha256, abc),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digest(HashAlg::sha384, abc),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(digest(HashAlg::sha512, abc),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Hash, Fips180TwoBlockAndEmpty) {
  auto m = str_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(digest(HashAlg::sha256, m),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(digest(HashAlg::sha1, m), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(digest(HashAlg::sha256, {}),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Hash, IncrementalCloneAndPeek) {
  auto h = P().make_hash(HashAlg::sha256);
  ASSERT_TRUE(h.ok());
  auto& hash = **h;
  hash.update(str_bytes("a"));
  auto snapshot = hash.clone();
  hash.update(str_bytes("bc"));
  Bytes peeked(32), fin(32), snap(32);
  hash.peek(peeked);
  hash.finish(fin);
  EXPECT_EQ(peeked, fin);
  EXPECT_EQ(hexs(fin), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // The clone continues independently from "a".
  snapshot->update(str_bytes("bc"));
  snapshot->finish(snap);
  EXPECT_EQ(snap, fin);
  // finish() resets: the next digest is of the empty string.
  hash.finish(fin);
  EXPECT_EQ(hexs(fin), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

struct HmacCase {
  const char* key;
  const char* data;
  const char* sha256;
  const char* sha384;
  const char* sha512;
};

// RFC 4231 test cases 1, 2, 3, 6 (6 has a key longer than the block).
const HmacCase kRfc4231[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
     "faea9ea9076ede7f4af152e8b2fa9cb6",
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
     "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
    {"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
     "8e2240ca5e69e2c78b3239ecfab21649",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
     "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
    {"aa*20", "dd*50", "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
     "2a5ab39dc13814b94e3ab6e101a34f27",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
     "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
    {"aa*131",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
     "65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
     "0c2ef6ab4030fe8296248df163f44952",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
     "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
};

// "xx*n" stands for n bytes of 0xxx.
Bytes expand(std::string_view s) {
  auto star = s.find('*');
  if (star == std::string_view::npos) return hex(s);
  return Bytes(std::stoul(std::string(s.substr(star + 1))), hex(s.substr(0, star))[0]);
}

TEST(Hmac, Rfc4231) {
  for (const auto& c : kRfc4231) {
    auto key = expand(c.key);
    auto data = expand(c.data);
    for (auto [alg, want] :
         {std::pair{HashAlg::sha256, c.sha256}, std::pair{HashAlg::sha384, c.sha384},
          std::pair{HashAlg::sha512, c.sha512}}) {
      auto h = P().make_hmac(alg, key);
      ASSERT_TRUE(h.ok());
      Bytes out((*h)->size());
      (*h)->update(data);
      (*h)->finish(out);
      EXPECT_EQ(hexs(out), want) << crypto::hash_name(alg) << " key " << c.key;
      // finish() re-arms with the same key: a second run gives the same MAC.
      (*h)->update(data);
      Bytes again(out.size());
      (*h)->finish(again);
      EXPECT_EQ(again, out);
      auto copy = (*h)->clone();
      copy->update(data);
      copy->finish(again);
      EXPECT_EQ(again, out);
    }
  }
}

// Recycled HMAC contexts (SHA-512 and SHA-1 go through the EVP context pool; SHA-256/384
// HMACs hold their state inline) are handed out again re-keyed: every MAC must come out
// right, whatever the release order.
TEST(Hmac, RecycledContextsStayCorrect) {
  auto mac = [](HashAlg alg, const Bytes& key, const Bytes& data) {
    auto h = P().make_hmac(alg, key);
    EXPECT_TRUE(h.ok());
    Bytes out((*h)->size());
    (*h)->update(data);
    (*h)->finish(out);
    return out;
  };
  Bytes data = str_bytes("the quick brown fox");
  std::vector<Bytes> want;
  for (int i = 0; i < 40; ++i) want.push_back(mac(HashAlg::sha512, Bytes(1 + i, uint8_t(i)), data));
  for (int round = 0; round < 3; ++round) {
    std::vector<std::unique_ptr<crypto::Hmac>> live;
    for (int i = 0; i < 40; ++i) {
      auto h = P().make_hmac(HashAlg::sha512, Bytes(1 + i, uint8_t(i)));
      ASSERT_TRUE(h.ok());
      live.push_back(std::move(*h));
      if (i % 3 == 2) live.erase(live.begin() + (i % 2));  // release out of order
      Bytes out(64);
      live.back()->update(data);
      live.back()->finish(out);
      EXPECT_EQ(out, want[static_cast<size_t>(i)]) << "round " << round << " key " << i;
      // A SHA-1 context in between must not disturb the SHA-512 ones.
      EXPECT_EQ(mac(HashAlg::sha1, Bytes(3, 9), data).size(), 20u);
    }
  }
  for (int i = 0; i < 40; ++i)
    EXPECT_EQ(mac(HashAlg::sha512, Bytes(1 + i, uint8_t(i)), data), want[static_cast<size_t>(i)]);
}

// Every algorithm's HMAC and hash against libcrypto's one-shot HMAC() / EVP_Digest over keys
// and messages of every length around the block sizes, fed in uneven pieces, through
// finish() re-arming, peek() and clone(): the SHA-256/384 ones are our own HMAC construction
// on libcrypto's compression function.
TEST(Hmac, MatchesLibcryptoForEveryLength) {
  const std::pair<HashAlg, const EVP_MD*> algs[] = {{HashAlg::sha1, EVP_sha1()},
                                                    {HashAlg::sha224, EVP_sha224()},
                                                    {HashAlg::sha256, EVP_sha256()},
                                                    {HashAlg::sha384, EVP_sha384()},
                                                    {HashAlg::sha512, EVP_sha512()}};
  Bytes bytes(300);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 151 + 7);
  for (auto [alg, md] : algs) {
    for (size_t klen : {0, 1, 31, 32, 48, 63, 64, 65, 127, 128, 129, 200}) {
      ByteView key = ByteView(bytes).first(klen);
      auto h = P().make_hmac(alg, key);
      ASSERT_TRUE(h.ok());
      auto hash = P().make_hash(alg);
      ASSERT_TRUE(hash.ok());
      for (size_t mlen : {0, 1, 55, 56, 64, 111, 112, 128, 257}) {
        ByteView msg = ByteView(bytes).subspan(13, mlen);
        uint8_t want[64];
        unsigned int want_len = 0;
        ASSERT_NE(HMAC(md, key.data(), static_cast<int>(key.size()), msg.data(), msg.size(), want,
                       &want_len),
                  nullptr);
        for (size_t cut = 0; cut <= mlen; cut += 1 + mlen / 3) {
          (*h)->update(msg.first(cut));
          auto copy = (*h)->clone();
          (*h)->update(msg.subspan(cut));
          Bytes got((*h)->size());
          (*h)->finish(got);
          EXPECT_EQ(got, Bytes(want, want + want_len))
              << crypto::hash_name(alg) << " key " << klen << " msg " << mlen << " cut " << cut;
          copy->update(msg.subspan(cut));
          Bytes from_clone(copy->size());
          copy->finish(from_clone);
          EXPECT_EQ(from_clone, got);
        }
        if (klen == 0) {  // the plain digest, once per message length
          unsigned int dlen = 0;
          ASSERT_EQ(EVP_Digest(msg.data(), msg.size(), want, &dlen, md, nullptr), 1);
          (*hash)->update(msg.first(mlen / 2));
          Bytes peeked((*hash)->size()), got((*hash)->size());
          (*hash)->update(msg.subspan(mlen / 2));
          (*hash)->peek(peeked);
          (*hash)->finish(got);
          EXPECT_EQ(got, Bytes(want, want + dlen)) << crypto::hash_name(alg) << " msg " << mlen;
          EXPECT_EQ(peeked, got);
        }
      }
    }
  }
}

}  // namespace
}  // namespace ember::test
