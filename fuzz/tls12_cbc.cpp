// Fuzz target: TLS 1.2 CBC record protection (src/tls/record/cbc.cpp).
// Input: one selector byte, then the record. Selector bits:
//   value % 6        cipher (AES/Camellia/ARIA, 128/256)
//   value / 6 % 3    MAC (SHA-1, SHA-256, SHA-384)
//   value / 18 % 2   encrypt-then-MAC (RFC 7366) or MAC-then-encrypt
//   value / 36 % 2   0: the rest is a received fragment, fed to open() as is;
//                    1: the rest is a plaintext, sealed then opened (must round-trip), then a
//                       corrupted copy opened (must fail).
// The keys are fixed, so an arbitrary fragment almost never authenticates: mode 0 checks that
// every length, padding byte and MAC position is handled without out-of-bounds access; mode 1
// drives the success paths.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "tls/record/cbc.hpp"

namespace {
using namespace ember;

struct Pair {
  std::unique_ptr<tls::CbcProtection> sealer, opener;
};

Pair make_pair(unsigned selector) {
  static constexpr crypto::CbcAlg kCiphers[] = {
      crypto::CbcAlg::aes128,      crypto::CbcAlg::aes256,  crypto::CbcAlg::camellia128,
      crypto::CbcAlg::camellia256, crypto::CbcAlg::aria128, crypto::CbcAlg::aria256};
  static constexpr crypto::HashAlg kMacs[] = {crypto::HashAlg::sha1, crypto::HashAlg::sha256,
                                              crypto::HashAlg::sha384};
  crypto::CbcAlg cipher = kCiphers[selector % 6];
  crypto::HashAlg mac = kMacs[selector / 6 % 3];
  bool etm = selector / 18 % 2 != 0;
  Bytes enc_key(crypto::cbc_key_size(cipher), 0x4b), mac_key(crypto::hash_size(mac), 0x6d);
  auto& p = crypto::default_provider();
  auto s = tls::CbcProtection::create(p, cipher, mac, enc_key, mac_key, true, etm);
  auto o = tls::CbcProtection::create(p, cipher, mac, enc_key, mac_key, false, etm);
  if (!s || !o) std::abort();
  return {std::move(*s), std::move(*o)};
}

Pair& pair_for(unsigned selector) {
  static std::array<Pair, 36> pairs;
  Pair& p = pairs[selector % 36];
  if (!p.opener) p = make_pair(selector % 36);
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  Pair& pair = pair_for(selector);
  ByteView rest(data + 1, size - 1);
  constexpr uint64_t kSeq = 0x0000000100000002ull;
  if (selector / 36 % 2 == 0) {
    std::vector<uint8_t> fragment(rest.begin(), rest.end());
    auto r = pair.opener->open(kSeq, 23, 0x0303, fragment);
    if (r.ok() &&
        (r->data() < fragment.data() || r->data() + r->size() > fragment.data() + fragment.size()))
      std::abort();  // the plaintext must lie inside the fragment
    if (!r.ok() && r.error() != Error::bad_record_mac) std::abort();
    return 0;
  }
  if (rest.size() > 16384) rest = rest.first(16384);
  static const uint8_t kIv[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  std::vector<uint8_t> record(pair.sealer->sealed_size(rest.size()));
  if (!pair.sealer->seal(kSeq, 23, 0x0303, rest, ByteView(kIv, 16), record).ok()) std::abort();
  std::vector<uint8_t> copy = record;
  auto r = pair.opener->open(kSeq, 23, 0x0303, copy);
  if (!r.ok() || r->size() != rest.size() ||
      (!rest.empty() && std::memcmp(r->data(), rest.data(), rest.size()) != 0))
    std::abort();
  // Corrupt one byte chosen by the input: must never open.
  size_t at = rest.empty() ? 0 : rest[0] % record.size();
  record[at] ^= static_cast<uint8_t>(rest.empty() ? 1 : (rest.size() % 255) + 1);
  if (pair.opener->open(kSeq, 23, 0x0303, record).ok()) std::abort();
  return 0;
}
