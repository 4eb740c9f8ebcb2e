// Key exchange over libcrypto: (EC)DHE key shares for both TLS versions, server-chosen DHE
// groups, and EC points into keys (split from provider_asym.cpp, which keeps public and private
// keys, signatures and key loading).
//
// Cost rules (CRYPTO-NOTES.md): key-generation contexts are kept per thread and reused; peer
// values get our own cheap checks and libcrypto's expensive re-validation is skipped
// (EVP_PKEY_derive_set_peer_ex(..., 0)); EC points are checked on-curve at import.
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "crypto/openssl/openssl_provider.hpp"
#include "crypto/openssl/ossl_util.hpp"
#include "ember/core/ct.hpp"

namespace ember::crypto::openssl {

namespace {

const char* curve_ossl_name(Curve c) {
  switch (c) {
    case Curve::p256:
      return "P-256";
    case Curve::p384:
      return "P-384";
    case Curve::p521:
      return "P-521";
  }
  return "P-256";
}

// Group index for the per-thread key-generation context cache.
int group_index(Group g) {
  switch (g) {
    case Group::secp256r1:
      return 0;
    case Group::secp384r1:
      return 1;
    case Group::secp521r1:
      return 2;
    case Group::x25519:
      return 3;
    case Group::x448:
      return 4;
    case Group::ffdhe2048:
      return 5;
    case Group::ffdhe3072:
      return 6;
    case Group::ffdhe4096:
      return 7;
  }
  return -1;
}

std::optional<Curve> group_curve(Group g) {
  switch (g) {
    case Group::secp256r1:
      return Curve::p256;
    case Group::secp384r1:
      return Curve::p384;
    case Group::secp521r1:
      return Curve::p521;
    default:
      return std::nullopt;
  }
}

EVP_PKEY_CTX* new_keygen_ctx(Group g) {
  PkeyCtxPtr ctx;
  const char* group_name = nullptr;
  switch (g) {
    case Group::x25519:
      ctx.reset(EVP_PKEY_CTX_new_from_name(nullptr, "X25519", nullptr));
      break;
    case Group::x448:
      ctx.reset(EVP_PKEY_CTX_new_from_name(nullptr, "X448", nullptr));
      break;
    case Group::secp256r1:
    case Group::secp384r1:
    case Group::secp521r1:
      ctx.reset(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
      group_name = curve_ossl_name(*group_curve(g));
      break;
    case Group::ffdhe2048:
    case Group::ffdhe3072:
    case Group::ffdhe4096:
      ctx.reset(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
      group_name = g == Group::ffdhe2048   ? "ffdhe2048"
                   : g == Group::ffdhe3072 ? "ffdhe3072"
                                           : "ffdhe4096";
      break;
  }
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0) return nullptr;
  if (group_name != nullptr && EVP_PKEY_CTX_set_group_name(ctx.get(), group_name) <= 0)
    return nullptr;
  return ctx.release();
}

// Per-thread reusable key-generation contexts (a context is not safe to share across threads).
EVP_PKEY_CTX* keygen_ctx(Group g) {
  thread_local std::array<PkeyCtxPtr, 8> cache;
  int i = group_index(g);
  if (i < 0) return nullptr;
  auto& slot = cache[static_cast<size_t>(i)];
  if (!slot) slot.reset(new_keygen_ctx(g));
  return slot.get();
}

Bytes bn_to_padded(const BIGNUM* bn, size_t len) {
  Bytes out(len);
  if (BN_bn2binpad(bn, out.data(), static_cast<int>(len)) < 0) out.clear();
  return out;
}

// Big-endian unsigned compare of equal-length values (public data: not constant time).
int be_compare(ByteView a, ByteView b) {
  return std::memcmp(a.data(), b.data(), a.size());
}

// 1 < y < p - 1 for a big-endian y padded to p's length (RFC 7919 §5.1, SP 800-56A).
bool dh_public_in_range(ByteView y, ByteView p) {
  if (y.size() != p.size() || p.empty()) return false;
  bool gt_one = false;
  for (size_t i = 0; i + 1 < y.size(); ++i) gt_one |= y[i] != 0;
  gt_one |= y.back() > 1;
  if (!gt_one) return false;
  Bytes p_minus_1(p.begin(), p.end());
  for (size_t i = p_minus_1.size(); i-- > 0;) {  // p is odd, so no borrow past the last byte
    if (p_minus_1[i]-- != 0) break;
  }
  return be_compare(y, p_minus_1) < 0;
}

Result<Secret> derive_raw(EVP_PKEY* ours, EVP_PKEY* peer, bool dh_pad) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, ours, nullptr));
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0) return Error::crypto_failure;
  if (dh_pad && EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) <= 0) return Error::crypto_failure;
  if (EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 0) <= 0) return Error::invalid_public_value;
  size_t len = 0;
  if (EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0) return Error::crypto_failure;
  Secret out(len);
  if (EVP_PKEY_derive(ctx.get(), out.data(), &len) <= 0) {
    ERR_clear_error();
    return Error::invalid_public_value;
  }
  if (len != out.size()) return Secret(out.view().first(len));
  return out;
}

// Domain-parameter-only keys, one per curve, built once: new public keys copy the group from
// them instead of re-creating it from its name (which recomputes the Montgomery constants and
// costs about 15 us per key).
const EVP_PKEY* ec_template(Curve c) {
  static const std::array<EVP_PKEY*, 3> templates = [] {
    std::array<EVP_PKEY*, 3> t{};
    for (Curve cv : {Curve::p256, Curve::p384, Curve::p521}) {
      PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
      EVP_PKEY* params = nullptr;
      if (ctx && EVP_PKEY_paramgen_init(ctx.get()) > 0 &&
          EVP_PKEY_CTX_set_group_name(ctx.get(), curve_ossl_name(cv)) > 0 &&
          EVP_PKEY_paramgen(ctx.get(), &params) > 0)
        t[static_cast<size_t>(cv)] = params;
    }
    return t;
  }();
  return templates[static_cast<size_t>(c)];
}

Result<PkeyPtr> ec_pkey_from_point(Curve c, ByteView point) {
  size_t fb = curve_field_bytes(c);
  // Uncompressed points only (RFC 8446 §4.2.8.2; RFC 8422 without point-format negotiation).
  if (point.size() != 1 + 2 * fb || point[0] != 0x04) return Error::invalid_public_value;
  const EVP_PKEY* tmpl = ec_template(c);
  PkeyPtr key(EVP_PKEY_new());
  if (tmpl == nullptr || !key || EVP_PKEY_copy_parameters(key.get(), tmpl) <= 0)
    return Error::crypto_failure;
  // Decoding the point checks that it is on the curve.
  if (EVP_PKEY_set1_encoded_public_key(key.get(), point.data(), point.size()) <= 0) {
    ERR_clear_error();
    return Error::invalid_public_value;
  }
  return key;
}

Result<PkeyPtr> dh_pkey_from_public(const char* group_name, const BIGNUM* p, const BIGNUM* g,
                                    ByteView y) {
  BnPtr ybn(BN_bin2bn(y.data(), static_cast<int>(y.size()), nullptr));
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!ybn || !bld) return Error::out_of_memory;
  if (group_name != nullptr) {
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group_name, 0);
  } else {
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, p);
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, g);
  }
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, ybn.get());
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    ERR_clear_error();
    return Error::invalid_public_value;
  }
  return PkeyPtr(pkey);
}

Bytes get_bn_padded(const EVP_PKEY* pkey, const char* name, size_t len) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) <= 0) return {};
  BnPtr owned(bn);
  return len == 0 ? bn_to_padded(bn, static_cast<size_t>(BN_num_bytes(bn))) : bn_to_padded(bn, len);
}

// X25519 / X448 without a new EVP_PKEY per peer: the peer's public value is written into a
// per-thread key object (EVP_PKEY_set1_encoded_public_key, ~30 ns) where importing it into a
// fresh one costs ~1.3 us. derive_raw() lets go of the object before it returns, so the next
// use on this thread cannot race with it.
Result<Secret> ecx_derive(Group g, EVP_PKEY* ours, ByteView peer) {
  auto make = [](const char* name, size_t len) {
    Bytes nine(len, 0);
    nine[0] = 9;  // any valid public value; replaced before every use
    return PkeyPtr(EVP_PKEY_new_raw_public_key_ex(nullptr, name, nullptr, nine.data(), len));
  };
  thread_local PkeyPtr x25519_peer = make("X25519", 32);
  thread_local PkeyPtr x448_peer = make("X448", 56);
  EVP_PKEY* p = g == Group::x25519 ? x25519_peer.get() : x448_peer.get();
  if (p == nullptr || EVP_PKEY_set1_encoded_public_key(p, peer.data(), peer.size()) <= 0) {
    ERR_clear_error();
    return Error::invalid_public_value;
  }
  return derive_raw(ours, p, false);
}

// An X25519 / X448 key pair: the private key is random bytes from libcrypto's private DRBG
// and the public key is the private key times the base point (RFC 7748 §6), computed with the
// same variable-base ladder as every derive. EVP_PKEY_generate computes it with a slower
// fixed-base routine in OpenSSL 3.0 (36.5 vs 34.3 us per X25519 key here). The key object is
// built with the base point as a placeholder public value: it only ever serves derive, which
// reads the private key alone; the true public value is returned.
Result<std::pair<PkeyPtr, Bytes>> ecx_generate(Group g) {
  const bool x25519 = g == Group::x25519;
  const size_t len = x25519 ? 32 : 56;
  auto make = [](const char* name) {
    PkeyCtxPtr c(EVP_PKEY_CTX_new_from_name(nullptr, name, nullptr));
    if (c && EVP_PKEY_fromdata_init(c.get()) <= 0) c.reset();
    return c;
  };
  thread_local PkeyCtxPtr x25519_ctx = make("X25519");
  thread_local PkeyCtxPtr x448_ctx = make("X448");
  EVP_PKEY_CTX* ctx = x25519 ? x25519_ctx.get() : x448_ctx.get();
  Secret priv(len);
  Bytes base(len, 0);
  base[0] = 9;  // u = 9 (X25519) and u = 5 (X448) are the base points
  if (!x25519) base[0] = 5;
  if (ctx == nullptr || RAND_priv_bytes(priv.data(), static_cast<int>(len)) != 1)
    return Error::crypto_failure;
  OSSL_PARAM params[3] = {
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, priv.data(), len),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, base.data(), len),
      OSSL_PARAM_construct_end()};
  EVP_PKEY* k = nullptr;
  if (EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_KEYPAIR, params) <= 0) {
    ERR_clear_error();
    return Error::crypto_failure;
  }
  PkeyPtr key(k);
  EMBER_TRY_ASSIGN(auto pub, ecx_derive(g, key.get(), base));
  return std::pair<PkeyPtr, Bytes>(std::move(key), Bytes(pub.data(), pub.data() + pub.size()));
}

class OsslKeyShare final : public KeyShare {
 public:
  OsslKeyShare(Group g, PkeyPtr key, Bytes pub, Bytes prime)
      : group_(g), key_(std::move(key)), pub_(std::move(pub)), prime_(std::move(prime)) {}
  Group group() const override { return group_; }
  ByteView public_value() const override { return pub_; }

  Result<PkeyPtr> import_peer(ByteView peer) const {
    if (auto c = group_curve(group_)) return ec_pkey_from_point(*c, peer);
    if (!dh_public_in_range(peer, prime_)) return Error::invalid_public_value;
    const char* gname = group_ == Group::ffdhe2048   ? "ffdhe2048"
                        : group_ == Group::ffdhe3072 ? "ffdhe3072"
                                                     : "ffdhe4096";
    return dh_pkey_from_public(gname, nullptr, nullptr, peer);
  }

  Result<Secret> derive(ByteView peer) override {
    if (group_ == Group::x25519 || group_ == Group::x448) {
      if (peer.size() != pub_.size()) return Error::invalid_public_value;
      EMBER_TRY_ASSIGN(auto secret, ecx_derive(group_, key_.get(), peer));
      uint8_t acc = 0;  // RFC 7748 §6: reject the all-zero output (small-order peer points)
      for (uint8_t b : ByteView(secret)) acc |= b;
      if (acc == 0) return Error::invalid_public_value;
      return secret;
    }
    EMBER_TRY_ASSIGN(PkeyPtr peer_key, import_peer(peer));
    return derive_raw(key_.get(), peer_key.get(), is_ffdhe(group_));
  }

 private:
  Group group_;
  PkeyPtr key_;
  Bytes pub_;
  Bytes prime_;  // FFDHE only
};

class OsslDhKey final : public DhKey {
 public:
  OsslDhKey(PkeyPtr key, BnPtr p, BnPtr g, Bytes pub)
      : key_(std::move(key)), p_(std::move(p)), g_(std::move(g)), pub_(std::move(pub)) {}
  size_t prime_bits() const override { return static_cast<size_t>(BN_num_bits(p_.get())); }
  ByteView public_value() const override { return pub_; }
  Result<Secret> derive(ByteView peer) override {
    size_t plen = static_cast<size_t>(BN_num_bytes(p_.get()));
    if (peer.empty() || peer.size() > plen) return Error::invalid_public_value;
    Bytes padded(plen - peer.size(), 0);
    padded.insert(padded.end(), peer.begin(), peer.end());
    Bytes prime = bn_to_padded(p_.get(), plen);
    if (!dh_public_in_range(padded, prime)) return Error::invalid_public_value;
    EMBER_TRY_ASSIGN(auto k, dh_pkey_from_public(nullptr, p_.get(), g_.get(), padded));
    EMBER_TRY_ASSIGN(auto secret, derive_raw(key_.get(), k.get(), false));
    size_t lead = 0;  // RFC 5246 §8.1.2: leading zero bytes are stripped
    while (lead + 1 < secret.size() && secret.data()[lead] == 0) ++lead;
    if (lead > 0) {
      Secret stripped(ByteView(secret).subspan(lead));
      return stripped;
    }
    return secret;
  }

 private:
  PkeyPtr key_;
  BnPtr p_, g_;
  Bytes pub_;
};

}  // namespace

EVP_PKEY* new_ec_pkey_from_point(Curve c, ByteView point) {
  auto key = ec_pkey_from_point(c, point);
  return key ? key->release() : nullptr;
}

Result<std::unique_ptr<KeyShare>> OpenSslProvider::generate_key_share(Group group) const {
  if (group == Group::x25519 || group == Group::x448) {
    EMBER_TRY_ASSIGN(auto pair, ecx_generate(group));
    return std::unique_ptr<KeyShare>(
        new OsslKeyShare(group, std::move(pair.first), std::move(pair.second), {}));
  }
  EVP_PKEY_CTX* ctx = keygen_ctx(group);
  if (ctx == nullptr) return Error::unsupported_algorithm;
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_keygen(ctx, &raw) <= 0) return Error::crypto_failure;
  PkeyPtr key(raw);
  Bytes pub;
  Bytes prime;
  if (group == Group::x25519 || group == Group::x448) {
    size_t len = group == Group::x25519 ? 32 : 56;
    pub.resize(len);
    if (EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) <= 0) return Error::crypto_failure;
  } else if (group_curve(group)) {
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0,
                                        &len) <= 0)
      return Error::crypto_failure;
    pub.resize(len);
    if (EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub.data(),
                                        pub.size(), &len) <= 0)
      return Error::crypto_failure;
  } else {
    prime = get_bn_padded(key.get(), OSSL_PKEY_PARAM_FFC_P, 0);
    pub = get_bn_padded(key.get(), OSSL_PKEY_PARAM_PUB_KEY, prime.size());
    if (prime.empty() || pub.empty()) return Error::crypto_failure;
  }
  return std::unique_ptr<KeyShare>(
      new OsslKeyShare(group, std::move(key), std::move(pub), std::move(prime)));
}

Result<std::unique_ptr<KeyShare>> OpenSslProvider::key_share_from_private(
    Group group, ByteView private_key) const {
  if (group != Group::x25519 && group != Group::x448) return Error::unsupported_algorithm;
  size_t len = group == Group::x25519 ? 32 : 56;
  if (private_key.size() != len) return Error::bad_key;
  PkeyPtr key(EVP_PKEY_new_raw_private_key_ex(nullptr, group == Group::x25519 ? "X25519" : "X448",
                                              nullptr, private_key.data(), private_key.size()));
  if (!key) return Error::bad_key;
  Bytes pub(len);
  if (EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) <= 0) return Error::crypto_failure;
  return std::unique_ptr<KeyShare>(new OsslKeyShare(group, std::move(key), std::move(pub), {}));
}

Result<std::unique_ptr<DhKey>> OpenSslProvider::generate_dh(ByteView p, ByteView g,
                                                            size_t min_prime_bits) const {
  BnPtr pbn(BN_bin2bn(p.data(), static_cast<int>(p.size()), nullptr));
  BnPtr gbn(BN_bin2bn(g.data(), static_cast<int>(g.size()), nullptr));
  if (!pbn || !gbn) return Error::out_of_memory;
  size_t bits = static_cast<size_t>(BN_num_bits(pbn.get()));
  if (bits < min_prime_bits) return Error::insufficient_security;
  if (bits > 10000 || !BN_is_odd(pbn.get()) || BN_is_zero(gbn.get()) || BN_is_one(gbn.get()) ||
      BN_cmp(gbn.get(), pbn.get()) >= 0)
    return Error::invalid_public_value;
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld) return Error::out_of_memory;
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_P, pbn.get());
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_FFC_G, gbn.get());
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  EVP_PKEY* dom = nullptr;
  if (!params || !pctx || EVP_PKEY_fromdata_init(pctx.get()) <= 0 ||
      EVP_PKEY_fromdata(pctx.get(), &dom, EVP_PKEY_KEY_PARAMETERS, params.get()) <= 0)
    return Error::invalid_public_value;
  PkeyPtr domain(dom);
  PkeyCtxPtr kctx(EVP_PKEY_CTX_new_from_pkey(nullptr, domain.get(), nullptr));
  EVP_PKEY* raw = nullptr;
  if (!kctx || EVP_PKEY_keygen_init(kctx.get()) <= 0 || EVP_PKEY_keygen(kctx.get(), &raw) <= 0) {
    ERR_clear_error();
    return Error::crypto_failure;
  }
  PkeyPtr key(raw);
  Bytes pub = get_bn_padded(key.get(), OSSL_PKEY_PARAM_PUB_KEY, 0);
  if (pub.empty()) return Error::crypto_failure;
  return std::unique_ptr<DhKey>(
      new OsslDhKey(std::move(key), std::move(pbn), std::move(gbn), std::move(pub)));
}

}  // namespace ember::crypto::openssl
