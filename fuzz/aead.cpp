// Fuzz target: every AEAD of the provider as a property check. Input: [alg][flags][aad_len]
// then aad and message bytes. The message is sealed and must open back to itself, in place and
// out of place, whether an empty message or AAD is a null span or points into a buffer; then
// one bit of the tag, nonce, AAD or ciphertext (chosen by the flags) is flipped and the open
// must fail. A violation traps. Zero-length messages are where libcrypto's CCM once took a
// null update for "set the length" and opened with any tag.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ember/crypto/provider.hpp"

namespace {
using namespace ember;
using crypto::AeadAlg;

constexpr AeadAlg kAlgs[] = {AeadAlg::aes128_gcm,  AeadAlg::aes256_gcm,  AeadAlg::chacha20_poly1305,
                             AeadAlg::aes128_ccm,  AeadAlg::aes256_ccm,  AeadAlg::aes128_ccm8,
                             AeadAlg::aes256_ccm8, AeadAlg::aria128_gcm, AeadAlg::aria256_gcm};

void check(bool ok) {
  if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* in, size_t size) {
  if (size < 3) return 0;
  AeadAlg alg = kAlgs[in[0] % std::size(kAlgs)];
  uint8_t flags = in[1];
  size_t aad_len = in[2];
  in += 3;
  size_t rest = size - 3;
  if (aad_len > rest) aad_len = rest;
  std::vector<uint8_t> key(crypto::aead_key_size(alg), 0x5c), nonce(12, flags);
  auto made = crypto::default_provider().make_aead(alg, key);
  check(made.ok());
  crypto::Aead& aead = **made;
  std::vector<uint8_t> aad(in, in + aad_len), msg(in + aad_len, in + rest);
  uint8_t storage[1] = {0};
  bool null_spans = (flags & 0x80) != 0;
  auto view = [&](std::vector<uint8_t>& v) {
    if (v.empty()) return null_spans ? MutableByteView{} : MutableByteView(storage, 0);
    return MutableByteView(v.data(), v.size());
  };

  std::vector<uint8_t> data = msg, tag(aead.tag_size());
  check(aead.seal(nonce, view(aad), view(data), tag).ok());
  std::vector<uint8_t> sealed = data;
  std::vector<uint8_t> out(data.size());
  check(aead.open_to(nonce, view(aad), view(sealed), view(out), {}, tag).ok());
  check(out == msg);
  check(aead.open(nonce, view(aad), view(data), tag).ok());
  check(data == msg);

  // One flipped bit anywhere must make the open fail (and wipe the output).
  std::vector<uint8_t> t = tag, n = nonce, a = aad, c = sealed;
  switch ((flags >> 4) & 3) {
    case 0:
      t[flags % t.size()] ^= static_cast<uint8_t>(1u << (flags & 7));
      break;
    case 1:
      n[flags % n.size()] ^= 1;
      break;
    case 2:
      if (a.empty())
        a.push_back(0);  // AAD added where there was none
      else
        a[flags % a.size()] ^= 1;
      break;
    case 3:
      if (c.empty())
        t[0] ^= 0x80;  // no ciphertext to change: change the tag
      else
        c[flags % c.size()] ^= 1;
      break;
  }
  std::vector<uint8_t> wiped(c.size(), 0xEE);
  check(aead.open_to(n, view(a), view(c), view(wiped), {}, t).error() ==
        Error::authentication_failed);
  for (uint8_t b : wiped) check(b == 0);
  return 0;
}
