// Uses an installed embertls through its public headers only: hashes "abc", seals and opens a
// record, and draws from the CTR_DRBG. Exits non-zero on any mismatch.
#include <cstdio>
#include <cstring>
#include <string>

#include "ember/core/bytes.hpp"
#include "ember/crypto/provider.hpp"
#include "ember/rng/ctr_drbg.hpp"

int main() {
  const auto& p = ember::crypto::default_provider();
  const uint8_t abc[] = {'a', 'b', 'c'};
  uint8_t digest[32];
  if (!p.hash(ember::crypto::HashAlg::sha256, abc, digest).ok()) return 1;
  std::string hex = ember::to_hex(digest);
  if (hex != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") {
    std::fprintf(stderr, "consumer: wrong SHA-256: %s\n", hex.c_str());
    return 1;
  }
  uint8_t key[16] = {}, nonce[12] = {}, data[5] = {'h', 'e', 'l', 'l', 'o'}, tag[16];
  auto aead = p.make_aead(ember::crypto::AeadAlg::aes128_gcm, key);
  if (!aead || !(*aead)->seal(nonce, {}, data, tag).ok() ||
      !(*aead)->open(nonce, {}, data, tag).ok() || std::memcmp(data, "hello", 5) != 0) {
    std::fprintf(stderr, "consumer: AEAD round trip failed\n");
    return 1;
  }
  ember::rng::CtrDrbg drbg;
  uint8_t random[32];
  if (!drbg.fill(random).ok()) return 1;
  std::printf("consumer ok: sha256(abc)=%s\n", hex.c_str());
  return 0;
}
