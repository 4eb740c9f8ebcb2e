// TLS 1.2 CBC record protection (record/cbc): round trips over every cipher x MAC x EtM,
// known answers computed independently with OpenSSL EVP/HMAC, bit flips, bad paddings.
//
// No timing test here on purpose (timing tests are flaky on shared machines); the argument
// that open() is constant-time for MAC-then-encrypt is the comment block at the top of
// src/tls/record/cbc.cpp.
#include "tls/record/cbc.hpp"

#include "tls_test_util.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>
#include <string>
#include <tuple>
#include <vector>

namespace ember::tls {
namespace {

using crypto::CbcAlg;
using crypto::HashAlg;

constexpr uint8_t kType = 23;
constexpr uint16_t kVersion = 0x0303;

const EVP_CIPHER* evp_cipher(CbcAlg alg) {
  switch (alg) {
    case CbcAlg::aes128:
      return EVP_aes_128_cbc();
    case CbcAlg::aes256:
      return EVP_aes_256_cbc();
    case CbcAlg::camellia128:
      return EVP_camellia_128_cbc();
    case CbcAlg::camellia256:
      return EVP_camellia_256_cbc();
    case CbcAlg::aria128:
      return EVP_aria_128_cbc();
    case CbcAlg::aria256:
      return EVP_aria_256_cbc();
  }
  return nullptr;
}

const EVP_MD* evp_md(HashAlg alg) {
  switch (alg) {
    case HashAlg::sha1:
      return EVP_sha1();
    case HashAlg::sha256:
      return EVP_sha256();
    case HashAlg::sha384:
      return EVP_sha384();
    default:
      return nullptr;
  }
}

Bytes pattern(size_t n, uint8_t seed) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed + i * 7 + (i >> 3));
  return b;
}

// Independent reference: CBC with OpenSSL, no padding.
Bytes ref_cbc(CbcAlg alg, ByteView key, ByteView iv, ByteView data, bool encrypt) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  Bytes out(data.size() + 16);
  int len = 0, fin = 0;
  EXPECT_EQ(EVP_CipherInit_ex(ctx, evp_cipher(alg), nullptr, key.data(), iv.data(), encrypt), 1);
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  EXPECT_EQ(EVP_CipherUpdate(ctx, out.data(), &len, data.data(), static_cast<int>(data.size())), 1);
  EXPECT_EQ(EVP_CipherFinal_ex(ctx, out.data() + len, &fin), 1);
  EVP_CIPHER_CTX_free(ctx);
  out.resize(static_cast<size_t>(len + fin));
  return out;
}

Bytes ref_header(uint64_t seq, uint8_t type, uint16_t version, size_t length) {
  Bytes h;
  for (int i = 7; i >= 0; --i) h.push_back(static_cast<uint8_t>(seq >> (8 * i)));
  h.push_back(type);
  h.push_back(static_cast<uint8_t>(version >> 8));
  h.push_back(static_cast<uint8_t>(version));
  h.push_back(static_cast<uint8_t>(length >> 8));
  h.push_back(static_cast<uint8_t>(length));
  return h;
}

Bytes ref_hmac(HashAlg alg, ByteView key, ByteView header, ByteView data) {
  Bytes msg(header.begin(), header.end());
  msg.insert(msg.end(), data.begin(), data.end());
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  HMAC(evp_md(alg), key.data(), static_cast<int>(key.size()), msg.data(), msg.size(), out.data(),
       &len);
  out.resize(len);
  return out;
}

struct Config {
  CbcAlg cipher;
  HashAlg mac;
  bool etm;
};

std::string config_name(const Config& c) {
  static const char* const ciphers[] = {"AES128",      "AES256",  "CAMELLIA128",
                                        "CAMELLIA256", "ARIA128", "ARIA256"};
  const char* mac = c.mac == HashAlg::sha1     ? "SHA1"
                    : c.mac == HashAlg::sha256 ? "SHA256"
                                               : "SHA384";
  return std::string(ciphers[static_cast<int>(c.cipher)]) + "_" + mac + (c.etm ? "_EtM" : "_MtE");
}
void PrintTo(const Config& c, std::ostream* os) {
  *os << config_name(c);
}

std::vector<Config> all_configs() {
  std::vector<Config> out;
  for (CbcAlg c : {CbcAlg::aes128, CbcAlg::aes256, CbcAlg::camellia128, CbcAlg::camellia256,
                   CbcAlg::aria128, CbcAlg::aria256})
    for (HashAlg m : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384})
      for (bool etm : {false, true}) out.push_back({c, m, etm});
  return out;
}

// Keys and both directions for one configuration.
struct Fixture {
  explicit Fixture(const Config& c)
      : config(c),
        enc_key(pattern(crypto::cbc_key_size(c.cipher), 0x11)),
        mac_key(pattern(crypto::hash_size(c.mac), 0x55)) {
    auto& p = crypto::default_provider();
    auto s = CbcProtection::create(p, c.cipher, c.mac, enc_key, mac_key, true, c.etm);
    auto o = CbcProtection::create(p, c.cipher, c.mac, enc_key, mac_key, false, c.etm);
    EXPECT_TRUE(s.ok());
    EXPECT_TRUE(o.ok());
    if (s) sealer = std::move(*s);
    if (o) opener = std::move(*o);
  }
  size_t mac_size() const { return crypto::hash_size(config.mac); }

  Bytes seal(uint64_t seq, ByteView plaintext, uint8_t iv_seed = 0xa0) {
    Bytes out(sealer->sealed_size(plaintext.size()));
    Bytes iv = pattern(16, iv_seed);
    EXPECT_TRUE(sealer->seal(seq, kType, kVersion, plaintext, iv, out).ok());
    return out;
  }

  // A MAC-then-encrypt record built by hand: data || mac || padding (padding includes the length
  // byte and may be anything), MAC over the header with data's length.
  Bytes mte_record(uint64_t seq, ByteView data, ByteView padding, bool corrupt_mac = false) {
    Bytes plain(data.begin(), data.end());
    Bytes mac = ref_hmac(config.mac, mac_key, ref_header(seq, kType, kVersion, data.size()), data);
    if (corrupt_mac) mac[0] ^= 1;
    plain.insert(plain.end(), mac.begin(), mac.end());
    plain.insert(plain.end(), padding.begin(), padding.end());
    Bytes iv = pattern(16, 0x42);
    Bytes ct = ref_cbc(config.cipher, enc_key, iv, plain, true);
    iv.insert(iv.end(), ct.begin(), ct.end());
    return iv;
  }

  // An encrypt-then-MAC record: IV || E(data || padding) || MAC (padding may be anything).
  Bytes etm_record(uint64_t seq, ByteView data, ByteView padding) {
    Bytes plain(data.begin(), data.end());
    plain.insert(plain.end(), padding.begin(), padding.end());
    Bytes rec = pattern(16, 0x42);
    Bytes ct = ref_cbc(config.cipher, enc_key, rec, plain, true);
    rec.insert(rec.end(), ct.begin(), ct.end());
    Bytes mac = ref_hmac(config.mac, mac_key, ref_header(seq, kType, kVersion, rec.size()), rec);
    rec.insert(rec.end(), mac.begin(), mac.end());
    return rec;
  }

  Result<Bytes> open(uint64_t seq, Bytes record) {
    auto r = opener->open(seq, kType, kVersion, record);
    if (!r) return r.error();
    return Bytes(r->begin(), r->end());
  }

  Config config;
  Bytes enc_key, mac_key;
  std::unique_ptr<CbcProtection> sealer, opener;
};

Bytes uniform_padding(size_t pad) {
  return Bytes(pad + 1, static_cast<uint8_t>(pad));
}

class CbcMatrix : public ::testing::TestWithParam<Config> {};

TEST_P(CbcMatrix, RoundTripEveryLength) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  EXPECT_EQ(f.sealer->mac_size(), f.mac_size());
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 300; ++n) lengths.push_back(n);
  lengths.push_back(16384);
  uint64_t seq = 0x0102030405060708ull;
  for (size_t n : lengths) {
    Bytes msg = pattern(n, static_cast<uint8_t>(n));
    Bytes rec = f.seal(seq, msg, static_cast<uint8_t>(n * 3));
    ASSERT_EQ(rec.size() % 16, f.config.etm ? f.mac_size() % 16 : 0u) << n;
    ASSERT_GE(rec.size(), 16 + n + f.mac_size() + 1) << n;
    auto got = f.open(seq, rec);
    ASSERT_TRUE(got.ok()) << n;
    EXPECT_EQ(*got, msg) << n;
    // The wrong sequence number, type or version is a MAC failure.
    EXPECT_EQ(f.open(seq + 1, rec).error(), Error::bad_record_mac) << n;
    Bytes copy = rec;
    EXPECT_EQ(f.opener->open(seq, 22, kVersion, copy).error(), Error::bad_record_mac) << n;
    copy = rec;
    EXPECT_EQ(f.opener->open(seq, kType, 0x0302, copy).error(), Error::bad_record_mac) << n;
    ++seq;
  }
}

TEST_P(CbcMatrix, SealedBytesMatchOpenSslReference) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  for (size_t n : {0, 1, 15, 16, 17, 100, 1000}) {
    const uint64_t seq = 0xfedcba9876543210ull + n;
    Bytes msg = pattern(n, 0x33);
    Bytes iv = pattern(16, 0x77);
    Bytes out(f.sealer->sealed_size(n));
    ASSERT_TRUE(f.sealer->seal(seq, kType, kVersion, msg, iv, out).ok());

    // Reference, minimal padding as we produce it.
    Bytes want = iv;
    if (f.config.etm) {
      size_t pad = 15 - n % 16;
      Bytes plain = msg;
      Bytes padding = uniform_padding(pad);
      plain.insert(plain.end(), padding.begin(), padding.end());
      Bytes ct = ref_cbc(f.config.cipher, f.enc_key, iv, plain, true);
      want.insert(want.end(), ct.begin(), ct.end());
      Bytes mac =
          ref_hmac(f.config.mac, f.mac_key, ref_header(seq, kType, kVersion, want.size()), want);
      want.insert(want.end(), mac.begin(), mac.end());
    } else {
      Bytes plain = msg;
      Bytes mac = ref_hmac(f.config.mac, f.mac_key, ref_header(seq, kType, kVersion, n), msg);
      plain.insert(plain.end(), mac.begin(), mac.end());
      size_t pad = 15 - plain.size() % 16;
      Bytes padding = uniform_padding(pad);
      plain.insert(plain.end(), padding.begin(), padding.end());
      Bytes ct = ref_cbc(f.config.cipher, f.enc_key, iv, plain, true);
      want.insert(want.end(), ct.begin(), ct.end());
    }
    EXPECT_EQ(out, want) << n;
    auto got = f.open(seq, want);
    ASSERT_TRUE(got.ok()) << n;
    EXPECT_EQ(*got, msg);
  }
}

TEST_P(CbcMatrix, EverySingleBitFlipRejected) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  for (size_t n : {0, 37}) {
    Bytes rec = f.seal(9, pattern(n, 1));
    for (size_t bit = 0; bit < rec.size() * 8; ++bit) {
      Bytes copy = rec;
      copy[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      EXPECT_EQ(f.open(9, copy).error(), Error::bad_record_mac) << "n=" << n << " bit=" << bit;
    }
  }
}

TEST_P(CbcMatrix, MaximumPaddingAccepted) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  for (size_t n : {0, 5, 300}) {
    Bytes data = pattern(n, 9);
    // 256 padding bytes (value 255) plus whatever aligns the total to whole blocks.
    size_t fixed = f.config.etm ? n : n + f.mac_size();
    size_t pad = 255;
    if ((fixed + pad + 1) % 16 != 0) pad -= (fixed + pad + 1) % 16;
    Bytes rec = f.config.etm ? f.etm_record(4, data, uniform_padding(pad))
                             : f.mte_record(4, data, uniform_padding(pad));
    auto got = f.open(4, rec);
    ASSERT_TRUE(got.ok()) << n << " pad " << pad;
    EXPECT_EQ(*got, data);
  }
  // Exactly 255 when the length allows it (e.g. SHA-1: n + 20 + 256 = 16k).
  size_t fixed_mod = f.config.etm ? 0 : f.mac_size() % 16;
  size_t n = (16 - fixed_mod) % 16 + 32;  // n + fixed part is a whole number of blocks
  Bytes data = pattern(n, 3);
  Bytes rec = f.config.etm ? f.etm_record(5, data, uniform_padding(255))
                           : f.mte_record(5, data, uniform_padding(255));
  auto got = f.open(5, rec);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, data);
}

// Every padding length 0..255 (peers may pad more than needed, RFC 5246 §6.2.3.2), with the
// MAC at every offset of the constant-time window; short records (window starts at 0) and long
// ones (window starts inside the data).
TEST_P(CbcMatrix, EveryPaddingLengthAccepted) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  const size_t fixed = f.config.etm ? 0 : f.mac_size();
  for (size_t pad = 0; pad <= 255; ++pad) {
    for (size_t base : {0, 400}) {
      const size_t n = base + (16 - (fixed + pad + 1) % 16) % 16;
      Bytes data = pattern(n, static_cast<uint8_t>(pad));
      Bytes rec = f.config.etm ? f.etm_record(pad, data, uniform_padding(pad))
                               : f.mte_record(pad, data, uniform_padding(pad));
      auto got = f.open(pad, rec);
      ASSERT_TRUE(got.ok()) << "pad " << pad << " n " << n;
      EXPECT_EQ(*got, data) << "pad " << pad << " n " << n;
    }
  }
}

TEST_P(CbcMatrix, BadPaddingsRejected) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  auto record = [&](ByteView data, ByteView padding) {
    return f.config.etm ? f.etm_record(7, data, padding) : f.mte_record(7, data, padding);
  };
  const size_t fixed_mod = f.config.etm ? 0 : f.mac_size() % 16;
  // Data length such that data (+ MAC) + 32 padding bytes fill whole blocks: pad value 31.
  const size_t n = (16 - fixed_mod) % 16 + 16;
  Bytes data = pattern(n, 0x5a);
  ASSERT_TRUE(f.open(7, record(data, uniform_padding(31))).ok());
  // Each padding byte wrong in turn (including the length byte itself).
  for (size_t i = 0; i < 32; ++i) {
    Bytes padding = uniform_padding(31);
    padding[i] ^= 0x01;
    EXPECT_EQ(f.open(7, record(data, padding)).error(), Error::bad_record_mac) << i;
    padding[i] = 0;
    // (A zero length byte is a valid empty padding; under EtM that record is authentic.)
    if (f.config.etm && i == 31) continue;
    EXPECT_EQ(f.open(7, record(data, padding)).error(), Error::bad_record_mac) << i;
  }
  // A length byte claiming more padding than there is (but up to 255).
  for (size_t claimed : {32, 33, 100, 200, 255}) {
    Bytes padding(32, static_cast<uint8_t>(claimed));
    EXPECT_EQ(f.open(7, record(data, padding)).error(), Error::bad_record_mac) << claimed;
  }
  // Padding longer than the data: all bytes equal to the length byte, covering data and MAC.
  {
    Bytes empty;
    const size_t total = f.config.etm ? 48 : (f.mac_size() + 16) / 16 * 16 + 16;
    const size_t pad_bytes = f.config.etm ? total : total - f.mac_size();
    Bytes padding(pad_bytes, static_cast<uint8_t>(total));  // claims total + 1 bytes
    EXPECT_EQ(f.open(7, record(empty, padding)).error(), Error::bad_record_mac);
    // And the valid padding of the same record shape is accepted (control).
    Bytes good(pad_bytes, static_cast<uint8_t>(pad_bytes - 1));
    EXPECT_TRUE(f.open(7, record(empty, good)).ok());
  }
  // Valid padding, wrong MAC (MtE builds it directly; EtM via a flipped tag).
  if (!f.config.etm) {
    EXPECT_EQ(f.open(7, f.mte_record(7, data, uniform_padding(31), true)).error(),
              Error::bad_record_mac);
  } else {
    Bytes rec = record(data, uniform_padding(31));
    rec.back() ^= 0x80;
    EXPECT_EQ(f.open(7, rec).error(), Error::bad_record_mac);
  }
}

TEST_P(CbcMatrix, BadLengthsRejected) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  Bytes rec = f.seal(3, pattern(100, 2));
  const size_t mac = f.mac_size();
  // Every length that is not a whole number of blocks (after the tag for EtM), and every
  // length too short to hold IV + MAC + the padding length byte.
  for (size_t len = 0; len < rec.size(); ++len) {
    Bytes cut(rec.begin(), rec.begin() + static_cast<std::ptrdiff_t>(len));
    const size_t body = f.config.etm ? (len >= mac ? len - mac : 0) : len;
    const bool aligned = f.config.etm ? (len >= mac && body % 16 == 0) : len % 16 == 0;
    const bool too_short = f.config.etm ? len < 32 + mac : len < 16 + ((mac + 1 + 15) / 16) * 16;
    if (aligned && !too_short) continue;  // well-formed length: fails on the MAC instead
    EXPECT_EQ(f.open(3, cut).error(), Error::bad_record_mac) << len;
  }
  // Zero-length and IV-only fragments.
  EXPECT_EQ(f.open(3, Bytes{}).error(), Error::bad_record_mac);
  EXPECT_EQ(f.open(3, Bytes(16, 0)).error(), Error::bad_record_mac);
  // Longer by one byte or one block is also rejected.
  Bytes longer = rec;
  longer.push_back(0);
  EXPECT_EQ(f.open(3, longer).error(), Error::bad_record_mac);
  longer.insert(longer.end(), 15, 0);
  EXPECT_EQ(f.open(3, longer).error(), Error::bad_record_mac);
}

TEST_P(CbcMatrix, SealInPlaceAndArgumentChecks) {
  Fixture f(GetParam());
  ASSERT_TRUE(f.sealer && f.opener);
  Bytes msg = pattern(77, 0x21);
  Bytes iv = pattern(16, 0x77);
  Bytes expected(f.sealer->sealed_size(msg.size()));
  ASSERT_TRUE(f.sealer->seal(11, kType, kVersion, msg, iv, expected).ok());
  // Plaintext already placed after the IV slot (how a record layer seals in place).
  Bytes buf(expected.size());
  std::memcpy(buf.data() + 16, msg.data(), msg.size());
  ASSERT_TRUE(
      f.sealer->seal(11, kType, kVersion, ByteView(buf.data() + 16, msg.size()), iv, buf).ok());
  EXPECT_EQ(buf, expected);

  Bytes wrong(expected.size() + 16);
  EXPECT_EQ(f.sealer->seal(11, kType, kVersion, msg, iv, wrong).error(), Error::invalid_argument);
  EXPECT_EQ(f.sealer->seal(11, kType, kVersion, msg, ByteView(iv.data(), 8), expected).error(),
            Error::invalid_argument);
  EXPECT_EQ(f.opener->seal(11, kType, kVersion, msg, iv, expected).error(),
            Error::invalid_argument);
  Bytes rec = f.seal(11, msg);
  EXPECT_EQ(f.sealer->open(11, kType, kVersion, rec).error(), Error::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Cbc, CbcMatrix, ::testing::ValuesIn(all_configs()),
                         [](const ::testing::TestParamInfo<Config>& info) {
                           return config_name(info.param);
                         });

TEST(CbcCreate, RejectsWrongKeysAndAlgorithms) {
  auto& p = crypto::default_provider();
  Bytes k16(16, 1), k32(32, 2), m20(20, 3), m32(32, 4);
  EXPECT_TRUE(CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha1, k16, m20, true, false).ok());
  EXPECT_EQ(CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha1, k32, m20, true, false).error(),
            Error::invalid_argument);
  EXPECT_EQ(CbcProtection::create(p, CbcAlg::aes256, HashAlg::sha256, k32, m20, true, true).error(),
            Error::invalid_argument);
  EXPECT_EQ(
      CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha512, k16, Bytes(64, 0), true, false)
          .error(),
      Error::unsupported_algorithm);
}

// RFC 5246 §6.2.3.2 example shape: a decrypting side sees only what the peer sent; a record
// sealed by one direction does not open under different keys.
TEST(CbcCreate, DifferentKeysDoNotOpen) {
  auto& p = crypto::default_provider();
  Bytes k(16, 1), k2(16, 2), m(32, 3), m2(32, 4);
  for (bool etm : {false, true}) {
    auto s = CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha256, k, m, true, etm);
    auto o1 = CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha256, k2, m, false, etm);
    auto o2 = CbcProtection::create(p, CbcAlg::aes128, HashAlg::sha256, k, m2, false, etm);
    ASSERT_TRUE(s && o1 && o2);
    Bytes msg(40, 0x61), iv(16, 0x09);
    Bytes rec((*s)->sealed_size(msg.size()));
    ASSERT_TRUE((*s)->seal(0, kType, kVersion, msg, iv, rec).ok());
    Bytes a = rec, b = rec;
    EXPECT_EQ((*o1)->open(0, kType, kVersion, a).error(), Error::bad_record_mac);
    EXPECT_EQ((*o2)->open(0, kType, kVersion, b).error(), Error::bad_record_mac);
  }
}

// Through the record layer: in-memory TLS 1.2 handshakes on CBC suites, with and without
// encrypt-then-MAC, then application data both ways (including a full 16 KiB record).
struct SuiteEtm {
  uint16_t suite;
  const char* pki;
};
// gtest would otherwise print the struct's bytes, padding included (valgrind: uninitialised).
void PrintTo(const SuiteEtm& s, std::ostream* os) {
  *os << suite_name(s.suite) << " " << s.pki;
}

class CbcHandshake : public ::testing::TestWithParam<SuiteEtm> {};

TEST_P(CbcHandshake, DataFlowsWithAndWithoutEtm) {
  auto [suite, pki] = GetParam();
  for (bool etm : {true, false}) {
    auto c = test::client_config(pki);
    auto s = test::server_config(pki);
    for (auto* cfg : {c.get(), s.get()}) {
      cfg->min_version = Version::tls12;
      cfg->max_version = Version::tls12;
    }
    c->cipher_suites = {suite};
    c->encrypt_then_mac = etm;
    auto p = test::connect(c, s);
    ASSERT_TRUE(p.client && p.server);
    ASSERT_TRUE(p.client->handshake_done()) << "client: " << error_name(p.client_status.error())
                                            << " server: " << error_name(p.server_status.error());
    ASSERT_TRUE(p.server->handshake_done());
    EXPECT_EQ(p.client->info().cipher_suite, suite);
    EXPECT_EQ(p.client->info().encrypt_then_mac, etm);
    EXPECT_EQ(p.server->info().encrypt_then_mac, etm);
    for (size_t n : {1, 100, 16384}) {
      Bytes msg = pattern(n, static_cast<uint8_t>(n));
      ASSERT_TRUE(p.client->write(msg).ok());
      auto out = p.client->pending_output();
      ASSERT_TRUE(p.server->receive(out).ok());
      p.client->consume_output(out.size());
      Bytes got(n + 10);
      size_t have = 0;
      while (have < n) {
        auto r = p.server->read(MutableByteView(got.data() + have, got.size() - have));
        ASSERT_TRUE(r.ok()) << error_name(r.error());
        ASSERT_GT(*r, 0u);
        have += *r;
      }
      got.resize(have);
      EXPECT_EQ(got, msg) << n;
    }
    // A flipped bit in a server record is a bad_record_mac on the client.
    Bytes reply = pattern(50, 1);
    ASSERT_TRUE(p.server->write(reply).ok());
    Bytes wire(p.server->pending_output().begin(), p.server->pending_output().end());
    p.server->consume_output(wire.size());
    wire[wire.size() - 20] ^= 0x04;
    auto st = p.client->receive(wire);
    uint8_t buf[64];
    auto r = p.client->read(buf);
    EXPECT_TRUE(!st.ok() || !r.ok());
    EXPECT_EQ(st.ok() ? r.error() : st.error(), Error::bad_record_mac);
  }
}

INSTANTIATE_TEST_SUITE_P(Cbc, CbcHandshake,
                         ::testing::Values(SuiteEtm{0xC013, "rsa2048"}, SuiteEtm{0xC028, "rsa2048"},
                                           SuiteEtm{0xC009, "p256"}, SuiteEtm{0xC073, "p384"},
                                           SuiteEtm{0xC04C, "rsa2048"}),
                         [](const ::testing::TestParamInfo<SuiteEtm>& info) {
                           char name[16];
                           std::snprintf(name, sizeof name, "suite_%04X", info.param.suite);
                           return std::string(name);
                         });

}  // namespace
}  // namespace ember::tls
