// HKDF (RFC 5869), HKDF-Expand-Label (RFC 8446 §7.1) and the TLS 1.2 PRF (RFC 5246 §5), built on
// the Provider's keyed HMAC so that a key schedule can reuse one keyed context per secret.
#include <array>
#include <cstring>

#include "ember/crypto/provider.hpp"

namespace ember::crypto {

Result<Secret> hkdf_extract(const Provider& p, HashAlg alg, ByteView salt, ByteView ikm) {
  std::array<uint8_t, kMaxHashSize> zeros{};
  ByteView key = salt.empty() ? ByteView(zeros.data(), hash_size(alg)) : salt;
  EMBER_TRY_ASSIGN(auto hmac, p.make_hmac(alg, key));
  hmac->update(ikm);
  Secret prk(hash_size(alg));
  hmac->finish(prk.mutable_view());
  return prk;
}

namespace {
// T(i) = HMAC(PRK, T(i-1) | info | i) with a keyed, re-armed HMAC.
Status expand_with(Hmac& keyed_prk, ByteView info_a, ByteView info_b, MutableByteView out) {
  const size_t n = keyed_prk.size();
  if (out.size() > 255 * n) return Error::invalid_argument;
  std::array<uint8_t, kMaxHashSize> block{};
  size_t done = 0;
  keyed_prk.reset();
  for (uint8_t counter = 1; done < out.size(); ++counter) {
    if (counter > 1) keyed_prk.update(ByteView(block.data(), n));
    keyed_prk.update(info_a);
    keyed_prk.update(info_b);
    keyed_prk.update(ByteView(&counter, 1));
    keyed_prk.finish(MutableByteView(block.data(), n));
    size_t take = std::min(n, out.size() - done);
    std::memcpy(out.data() + done, block.data(), take);
    done += take;
  }
  secure_zero(block.data(), block.size());
  return {};
}
}  // namespace

Status hkdf_expand(const Provider& p, HashAlg alg, ByteView prk, ByteView info,
                   MutableByteView out) {
  EMBER_TRY_ASSIGN(auto hmac, p.make_hmac(alg, prk));
  return expand_with(*hmac, info, {}, out);
}

Status hkdf_expand_label(Hmac& keyed_secret, std::string_view label, ByteView context,
                         MutableByteView out) {
  // HkdfLabel = uint16 length || opaque label<7..255> ("tls13 " + label) || opaque context<0..255>
  constexpr std::string_view kPrefix = "tls13 ";
  if (label.size() + kPrefix.size() > 255 || context.size() > 255 || out.size() > 0xffff)
    return Error::invalid_argument;
  std::array<uint8_t, 2 + 1 + 255 + 1 + 255> buf;
  Writer w{MutableByteView(buf)};
  w.u16(static_cast<uint16_t>(out.size()));
  w.u8_prefixed([&] {
    w.bytes(kPrefix);
    w.bytes(label);
  });
  w.u8_prefixed([&] { w.bytes(context); });
  if (!w.ok()) return Error::internal_error;
  return expand_with(keyed_secret, w.written(), {}, out);
}

Result<Secret> hkdf_expand_label(const Provider& p, HashAlg alg, ByteView secret,
                                 std::string_view label, ByteView context, size_t length) {
  EMBER_TRY_ASSIGN(auto hmac, p.make_hmac(alg, secret));
  Secret out(length);
  EMBER_TRY(hkdf_expand_label(*hmac, label, context, out.mutable_view()));
  return out;
}

Status tls12_prf(Hmac& hmac, std::string_view label, ByteView seed, MutableByteView out) {
  // P_hash(secret, label + seed): A(0) = label+seed, A(i) = HMAC(secret, A(i-1)),
  // output = HMAC(secret, A(1) + label + seed) || HMAC(secret, A(2) + label + seed) || ...
  const size_t n = hmac.size();
  std::array<uint8_t, kMaxHashSize> a{}, block{};
  hmac.reset();
  hmac.update(as_bytes(label));
  hmac.update(seed);
  hmac.finish(MutableByteView(a.data(), n));
  size_t done = 0;
  while (done < out.size()) {
    hmac.update(ByteView(a.data(), n));
    hmac.update(as_bytes(label));
    hmac.update(seed);
    hmac.finish(MutableByteView(block.data(), n));
    size_t take = std::min(n, out.size() - done);
    std::memcpy(out.data() + done, block.data(), take);
    done += take;
    hmac.update(ByteView(a.data(), n));
    hmac.finish(MutableByteView(a.data(), n));
  }
  secure_zero(a.data(), a.size());
  secure_zero(block.data(), block.size());
  return {};
}

Status tls12_prf(const Provider& p, HashAlg alg, ByteView secret, std::string_view label,
                 ByteView seed, MutableByteView out) {
  EMBER_TRY_ASSIGN(auto hmac, p.make_hmac(alg, secret));
  return tls12_prf(*hmac, label, seed, out);
}

}  // namespace ember::crypto
