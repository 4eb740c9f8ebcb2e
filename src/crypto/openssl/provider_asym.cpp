// Asymmetric primitives over libcrypto: key shares, server-chosen DHE, public keys built from
// already-parsed parts (never the generic DER decoders), private-key loading and signatures.
//
// Cost rules (CRYPTO-NOTES.md): key-generation contexts are kept per thread and reused; peer
// values get our own cheap checks and libcrypto's expensive re-validation is skipped
// (EVP_PKEY_derive_set_peer_ex(..., 0)); EC points are checked on-curve at import.
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <string>

#include "crypto/openssl/openssl_provider.hpp"
#include "crypto/openssl/ossl_util.hpp"
#include "crypto/openssl/sha_direct.hpp"
#include "ember/core/ct.hpp"

namespace ember::crypto::openssl {

struct AsymState {};
AsymState* make_asym_state() {
  return new AsymState();
}
void destroy(AsymState* s) noexcept {
  delete s;
}

namespace {

using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, Free<OSSL_DECODER_CTX_free>>;

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

KeyType pkey_key_type(const EVP_PKEY* k, bool* ok) {
  *ok = true;
  switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA:
      return KeyType::rsa;
    case EVP_PKEY_RSA_PSS:
      return KeyType::rsa_pss;
    case EVP_PKEY_EC:
      return KeyType::ec;
    case EVP_PKEY_ED25519:
      return KeyType::ed25519;
    case EVP_PKEY_ED448:
      return KeyType::ed448;
    default:
      *ok = false;
      return KeyType::rsa;
  }
}

std::optional<Curve> pkey_curve(const EVP_PKEY* k) {
  if (EVP_PKEY_get_base_id(k) != EVP_PKEY_EC) return std::nullopt;
  std::array<char, 64> name{};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name.data(), name.size(),
                                     &len) <= 0)
    return std::nullopt;
  std::string_view n(name.data(), len);
  if (n == "prime256v1" || n == "P-256" || n == "secp256r1") return Curve::p256;
  if (n == "secp384r1" || n == "P-384") return Curve::p384;
  if (n == "secp521r1" || n == "P-521") return Curve::p521;
  return std::nullopt;
}

bool is_eddsa(KeyType t) {
  return t == KeyType::ed25519 || t == KeyType::ed448;
}

// EdDSA (pure, no separate hash): a one-shot DigestSign/Verify context. RSA and ECDSA go
// through prehashed_ctx below.
Status eddsa_ctx(EVP_MD_CTX* md, EVP_PKEY* key, KeyType type, const SignatureParams& params,
                 bool sign) {
  if (params.key_type != type) return Error::unsupported_algorithm;
  int rc = sign ? EVP_DigestSignInit_ex(md, nullptr, nullptr, nullptr, nullptr, key, nullptr)
                : EVP_DigestVerifyInit_ex(md, nullptr, nullptr, nullptr, nullptr, key, nullptr);
  return rc > 0 ? Status{} : Status{Error::crypto_failure};
}

// A context initialised for signing (or verifying) with one key, duplicated for each call:
// EVP_PKEY_CTX_new_from_pkey + EVP_PKEY_sign_init fetch the signature algorithm by name every
// time (1.36 us for P-256 here), a duplicate costs 78 ns. Made on first use; thread-safe.
class InitCtxCache {
 public:
  InitCtxCache() = default;
  InitCtxCache(const InitCtxCache&) = delete;
  InitCtxCache& operator=(const InitCtxCache&) = delete;
  ~InitCtxCache() { EVP_PKEY_CTX_free(tmpl_.load()); }

  PkeyCtxPtr make(EVP_PKEY* key, bool sign) const {
    EVP_PKEY_CTX* t = tmpl_.load(std::memory_order_acquire);
    if (t == nullptr) {
      EVP_PKEY_CTX* fresh = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
      if (fresh == nullptr ||
          (sign ? EVP_PKEY_sign_init(fresh) : EVP_PKEY_verify_init(fresh)) <= 0) {
        EVP_PKEY_CTX_free(fresh);
        return nullptr;
      }
      if (tmpl_.compare_exchange_strong(t, fresh, std::memory_order_acq_rel)) {
        t = fresh;
      } else {
        EVP_PKEY_CTX_free(fresh);  // another thread's won; t holds it now
      }
    }
    return PkeyCtxPtr(EVP_PKEY_CTX_dup(t));
  }

 private:
  mutable std::atomic<EVP_PKEY_CTX*> tmpl_{nullptr};
};

// RSA and ECDSA: hash with the prefetched digest, then a bare EVP_PKEY_sign/verify. This skips
// the by-name digest and signature fetches EVP_DigestSignInit_ex/VerifyInit_ex do on every call.
Status prehashed_ctx(EVP_PKEY* key, KeyType type, const SignatureParams& params, ByteView message,
                     bool sign, const InitCtxCache& init, PkeyCtxPtr& ctx,
                     std::array<uint8_t, EVP_MAX_MD_SIZE>& digest, unsigned int& dlen) {
  bool rsa_key = type == KeyType::rsa || type == KeyType::rsa_pss;
  if (rsa_key) {
    if ((params.key_type != KeyType::rsa && params.key_type != KeyType::rsa_pss) ||
        (params.padding == SignaturePadding::pkcs1 && type == KeyType::rsa_pss) ||
        (params.padding != SignaturePadding::pkcs1 && params.padding != SignaturePadding::pss))
      return Error::unsupported_algorithm;
  } else if (params.key_type != type) {
    return Error::unsupported_algorithm;
  }
  const EVP_MD* md = fetched_md(static_cast<int>(params.hash));
  if (md == nullptr) return Error::crypto_failure;
  if (direct_digest(params.hash, message, MutableByteView(digest.data(), digest.size()))) {
    dlen = static_cast<unsigned int>(hash_size(params.hash));
  } else if (EVP_Digest(message.data(), message.size(), digest.data(), &dlen, md, nullptr) != 1) {
    return Error::crypto_failure;
  }
  ctx = init.make(key, sign);
  if (!ctx) return Error::crypto_failure;
  if (rsa_key) {
    if (params.padding == SignaturePadding::pss) {
      int salt = params.pss_salt_length < 0 ? RSA_PSS_SALTLEN_DIGEST : params.pss_salt_length;
      const EVP_MD* mgf = fetched_md(static_cast<int>(params.pss_mgf1_hash.value_or(params.hash)));
      if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) <= 0 ||
          EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), salt) <= 0 ||
          EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), mgf) <= 0)
        return Error::crypto_failure;
    } else if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0) {
      return Error::crypto_failure;
    }
  }
  if (EVP_PKEY_CTX_set_signature_md(ctx.get(), md) <= 0) return Error::crypto_failure;
  return {};
}

class OsslPublicKey final : public PublicKey {
 public:
  OsslPublicKey(PkeyPtr key, KeyType type) : key_(std::move(key)), type_(type) {
    curve_ = pkey_curve(key_.get());
  }
  KeyType type() const override { return type_; }
  size_t bits() const override { return static_cast<size_t>(EVP_PKEY_get_bits(key_.get())); }
  std::optional<Curve> curve() const override { return curve_; }

  Status verify(const SignatureParams& params, ByteView message,
                ByteView signature) const override {
    if (!is_eddsa(type_)) return verify_prehashed(params, message, signature);
    MdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return Error::out_of_memory;
    EMBER_TRY(eddsa_ctx(md.get(), key_.get(), type_, params, false));
    int rc = EVP_DigestVerify(md.get(), signature.data(), signature.size(), message.data(),
                              message.size());
    ERR_clear_error();
    return rc == 1 ? Status{} : Status{Error::invalid_signature};
  }

  Status verify_prehashed(const SignatureParams& params, ByteView message,
                          ByteView signature) const {
    PkeyCtxPtr ctx;
    std::array<uint8_t, EVP_MAX_MD_SIZE> digest;
    unsigned int dlen = 0;
    EMBER_TRY(
        prehashed_ctx(key_.get(), type_, params, message, false, verify_init_, ctx, digest, dlen));
    int rc = EVP_PKEY_verify(ctx.get(), signature.data(), signature.size(), digest.data(), dlen);
    ERR_clear_error();
    return rc == 1 ? Status{} : Status{Error::invalid_signature};
  }

  Result<Bytes> rsa_encrypt_pkcs1(ByteView plaintext) const override {
    if (type_ != KeyType::rsa) return Error::unsupported_algorithm;
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key_.get(), nullptr));
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0)
      return Error::crypto_failure;
    size_t len = 0;
    if (EVP_PKEY_encrypt(ctx.get(), nullptr, &len, plaintext.data(), plaintext.size()) <= 0)
      return Error::crypto_failure;
    Bytes out(len);
    if (EVP_PKEY_encrypt(ctx.get(), out.data(), &len, plaintext.data(), plaintext.size()) <= 0)
      return Error::crypto_failure;
    out.resize(len);
    return out;
  }

  Result<Bytes> spki_der() const override {
    int len = i2d_PUBKEY(key_.get(), nullptr);
    if (len <= 0) return Error::crypto_failure;
    Bytes out(static_cast<size_t>(len));
    uint8_t* p = out.data();
    i2d_PUBKEY(key_.get(), &p);
    return out;
  }

  bool same_key(const PublicKey& other) const override {
    const auto* o = dynamic_cast<const OsslPublicKey*>(&other);
    if (o == nullptr) return false;
    if (is_rsa(type_) && is_rsa(o->type_)) {  // RSA and RSA-PSS keys: compare the numbers
      return same_bn(key_.get(), o->key_.get(), OSSL_PKEY_PARAM_RSA_N) &&
             same_bn(key_.get(), o->key_.get(), OSSL_PKEY_PARAM_RSA_E);
    }
    if (type_ != o->type_) return false;
    int rc = EVP_PKEY_eq(key_.get(), o->key_.get());
    ERR_clear_error();
    return rc == 1;
  }

  EVP_PKEY* raw() const { return key_.get(); }

 private:
  static bool is_rsa(KeyType t) { return t == KeyType::rsa || t == KeyType::rsa_pss; }
  static bool same_bn(const EVP_PKEY* a, const EVP_PKEY* b, const char* param) {
    BIGNUM* x = nullptr;
    BIGNUM* y = nullptr;
    bool same = EVP_PKEY_get_bn_param(a, param, &x) == 1 &&
                EVP_PKEY_get_bn_param(b, param, &y) == 1 && BN_cmp(x, y) == 0;
    BN_free(x);
    BN_free(y);
    ERR_clear_error();
    return same;
  }

  PkeyPtr key_;
  KeyType type_;
  std::optional<Curve> curve_;
  InitCtxCache verify_init_;
};

class OsslPrivateKey final : public PrivateKey {
 public:
  OsslPrivateKey(PkeyPtr key, KeyType type)
      : key_(std::move(key)), type_(type), curve_(pkey_curve(key_.get())) {
    EVP_PKEY_up_ref(key_.get());
    pub_ = std::make_unique<OsslPublicKey>(PkeyPtr(key_.get()), type_);
  }
  KeyType type() const override { return type_; }
  size_t bits() const override { return static_cast<size_t>(EVP_PKEY_get_bits(key_.get())); }
  std::optional<Curve> curve() const override { return curve_; }
  const PublicKey& public_key() const override { return *pub_; }

  Result<Bytes> sign(const SignatureParams& params, ByteView message) const override {
    if (!is_eddsa(type_)) {
      PkeyCtxPtr ctx;
      std::array<uint8_t, EVP_MAX_MD_SIZE> digest;
      unsigned int dlen = 0;
      EMBER_TRY(
          prehashed_ctx(key_.get(), type_, params, message, true, sign_init_, ctx, digest, dlen));
      size_t len = 0;
      if (EVP_PKEY_sign(ctx.get(), nullptr, &len, digest.data(), dlen) <= 0)
        return Error::crypto_failure;
      Bytes out(len);
      if (EVP_PKEY_sign(ctx.get(), out.data(), &len, digest.data(), dlen) <= 0)
        return Error::crypto_failure;
      out.resize(len);
      return out;
    }
    MdCtxPtr md(EVP_MD_CTX_new());
    if (!md) return Error::out_of_memory;
    EMBER_TRY(eddsa_ctx(md.get(), key_.get(), type_, params, true));
    size_t len = 0;
    if (EVP_DigestSign(md.get(), nullptr, &len, message.data(), message.size()) <= 0)
      return Error::crypto_failure;
    Bytes out(len);
    if (EVP_DigestSign(md.get(), out.data(), &len, message.data(), message.size()) <= 0)
      return Error::crypto_failure;
    out.resize(len);
    return out;
  }

  Result<Secret> rsa_decrypt_premaster(ByteView ciphertext,
                                       uint16_t client_version) const override {
    if (type_ != KeyType::rsa) return Error::unsupported_algorithm;
    // What a ciphertext that cannot be decrypted yields (RFC 5246 §7.4.7.1): random bytes,
    // drawn first. The branches below depend on public facts only (the ciphertext's length,
    // whether it is below the modulus); padding and version are checked by libcrypto's TLS
    // padding mode in constant time, which substitutes its own random premaster.
    Secret fallback(48);
    if (RAND_bytes(fallback.mutable_view().data(), 48) != 1) return Error::crypto_failure;
    if (ciphertext.size() != static_cast<size_t>(EVP_PKEY_get_size(key_.get()))) return fallback;
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key_.get(), nullptr));
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0) return Error::crypto_failure;
    // libcrypto's TLS padding mode checks padding, length and version in constant time and
    // substitutes a random premaster generated before decryption (RFC 5246 §7.4.7.1).
    unsigned int cv = client_version;
    std::array<OSSL_PARAM, 4> params = {
        OSSL_PARAM_construct_utf8_string(OSSL_ASYM_CIPHER_PARAM_PAD_MODE,
                                         const_cast<char*>(OSSL_PKEY_RSA_PAD_MODE_PKCSV15), 0),
        OSSL_PARAM_construct_uint(OSSL_ASYM_CIPHER_PARAM_TLS_CLIENT_VERSION, &cv),
        OSSL_PARAM_construct_uint(OSSL_ASYM_CIPHER_PARAM_TLS_NEGOTIATED_VERSION, &cv),
        OSSL_PARAM_construct_end()};
    if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_WITH_TLS_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_params(ctx.get(), params.data() + 1) <= 0)
      return Error::crypto_failure;
    Secret out(48);
    size_t len = out.size();
    int rc = EVP_PKEY_decrypt(ctx.get(), out.data(), &len, ciphertext.data(), ciphertext.size());
    ERR_clear_error();
    if (rc <= 0 || len != 48) return fallback;  // e.g. a ciphertext not below the modulus
    return out;
  }

 private:
  PkeyPtr key_;
  KeyType type_;
  std::optional<Curve> curve_;
  std::unique_ptr<OsslPublicKey> pub_;
  InitCtxCache sign_init_;
};

Result<std::unique_ptr<PublicKey>> wrap_public(PkeyPtr key) {
  bool ok = false;
  KeyType t = pkey_key_type(key.get(), &ok);
  if (!ok) return Error::unsupported_algorithm;
  return std::unique_ptr<PublicKey>(new OsslPublicKey(std::move(key), t));
}

// --- private-key loading ---

struct PemBlockText {
  std::string label;
  std::string_view text;  // from "-----BEGIN" through the END line
};

// Finds the PEM blocks of a text by their armour lines (the base64 inside is left to the
// decoder, which also understands legacy "Proc-Type: 4,ENCRYPTED" headers).
Result<std::vector<PemBlockText>> pem_blocks(std::string_view s) {
  std::vector<PemBlockText> out;
  size_t pos = 0;
  constexpr std::string_view kBegin = "-----BEGIN ";
  while ((pos = s.find(kBegin, pos)) != std::string_view::npos) {
    size_t label_start = pos + kBegin.size();
    size_t label_end = s.find("-----", label_start);
    if (label_end == std::string_view::npos) return Error::decode_error;
    std::string label(s.substr(label_start, label_end - label_start));
    std::string end_line = "-----END " + label + "-----";
    size_t end = s.find(end_line, label_end);
    if (end == std::string_view::npos) return Error::pem_bad_label;
    size_t stop = end + end_line.size();
    out.push_back({label, s.substr(pos, stop - pos)});
    pos = stop;
  }
  if (out.empty()) return Error::pem_no_block;
  return out;
}

struct PassState {
  std::optional<std::string_view> password;
  bool asked = false;
};

int passphrase_cb(char* buf, int size, int /*rwflag*/, void* u) {
  auto* st = static_cast<PassState*>(u);
  st->asked = true;
  if (!st->password || st->password->size() > static_cast<size_t>(size)) return -1;
  std::memcpy(buf, st->password->data(), st->password->size());
  return static_cast<int>(st->password->size());
}

Result<PkeyPtr> decode_private(ByteView data, const char* input_type, const char* structure,
                               std::optional<std::string_view> password) {
  EVP_PKEY* pkey = nullptr;
  DecoderCtxPtr dctx(OSSL_DECODER_CTX_new_for_pkey(&pkey, input_type, structure, nullptr,
                                                   EVP_PKEY_KEYPAIR, nullptr, nullptr));
  if (!dctx) return Error::crypto_failure;
  PassState st{password, false};
  OSSL_DECODER_CTX_set_pem_password_cb(dctx.get(), passphrase_cb, &st);
  const unsigned char* p = data.data();
  size_t len = data.size();
  int rc = OSSL_DECODER_from_data(dctx.get(), &p, &len);
  ERR_clear_error();
  if (rc <= 0 || pkey == nullptr) {
    if (st.asked) return password ? Error::bad_password : Error::password_required;
    return Error::bad_key;
  }
  return PkeyPtr(pkey);
}

}  // namespace

// --- Provider methods ---

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

Result<std::unique_ptr<PublicKey>> OpenSslProvider::rsa_public_key(ByteView modulus,
                                                                   ByteView exponent) const {
  while (modulus.size() > 1 && modulus[0] == 0) modulus = modulus.subspan(1);
  while (exponent.size() > 1 && exponent[0] == 0) exponent = exponent.subspan(1);
  if (modulus.empty() || exponent.empty() || modulus.size() > 2048 || exponent.size() > 32)
    return Error::bad_key;
  size_t bits = modulus.size() * 8;
  for (uint8_t top = modulus[0]; top < 0x80 && bits > 0; top = static_cast<uint8_t>(top << 1))
    --bits;
  bool e_is_one = exponent.size() == 1 && exponent[0] == 1;
  if (bits < 512 || bits > 16384 || (modulus.back() & 1) == 0 || (exponent.back() & 1) == 0 ||
      e_is_one)
    return Error::bad_key;
  // OSSL_PARAM integers are native-endian (little-endian here): build them directly instead of
  // going through BIGNUMs and a param builder.
  std::array<uint8_t, 2048> n_le;
  std::array<uint8_t, 32> e_le;
  std::reverse_copy(modulus.begin(), modulus.end(), n_le.begin());
  std::reverse_copy(exponent.begin(), exponent.end(), e_le.begin());
  std::array<OSSL_PARAM, 3> params = {
      OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_RSA_N, n_le.data(), modulus.size()),
      OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_RSA_E, e_le.data(), exponent.size()),
      OSSL_PARAM_construct_end()};
  // One import context per thread, initialised once (fetching the key manager by name on every
  // certificate is measurable).
  thread_local PkeyCtxPtr ctx = [] {
    PkeyCtxPtr c(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    if (c && EVP_PKEY_fromdata_init(c.get()) <= 0) c.reset();
    return c;
  }();
  EVP_PKEY* pkey = nullptr;
  if (!ctx || EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.data()) <= 0) {
    ERR_clear_error();
    return Error::bad_key;
  }
  return wrap_public(PkeyPtr(pkey));
}

Result<std::unique_ptr<PublicKey>> OpenSslProvider::ec_public_key(Curve curve,
                                                                  ByteView point) const {
  auto key = ec_pkey_from_point(curve, point);
  if (!key) return Error::bad_key;
  return wrap_public(std::move(*key));
}

Result<std::unique_ptr<PublicKey>> OpenSslProvider::eddsa_public_key(KeyType type,
                                                                     ByteView raw) const {
  if (!is_eddsa(type)) return Error::unsupported_algorithm;
  size_t want = type == KeyType::ed25519 ? 32 : 57;
  if (raw.size() != want) return Error::bad_key;
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key_ex(
      nullptr, type == KeyType::ed25519 ? "ED25519" : "ED448", nullptr, raw.data(), raw.size());
  if (pkey == nullptr) {
    ERR_clear_error();
    return Error::bad_key;
  }
  return wrap_public(PkeyPtr(pkey));
}

Result<std::unique_ptr<PrivateKey>> OpenSslProvider::load_private_key(
    ByteView input, std::optional<std::string_view> password) const {
  if (input.size() > (1u << 20)) return Error::input_too_large;
  std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
  Result<PkeyPtr> key = Error::bad_key;
  if (text.find("-----BEGIN ") != std::string_view::npos) {
    EMBER_TRY_ASSIGN(auto blocks, pem_blocks(text));
    const PemBlockText* found = nullptr;
    for (const auto& b : blocks) {
      if (b.label == "EC PARAMETERS") continue;  // `openssl ecparam -genkey` writes it first
      if (b.label != "PRIVATE KEY" && b.label != "RSA PRIVATE KEY" && b.label != "EC PRIVATE KEY" &&
          b.label != "ENCRYPTED PRIVATE KEY")
        return Error::pem_bad_label;
      found = &b;
      break;
    }
    if (found == nullptr) return Error::pem_no_block;
    ByteView block(reinterpret_cast<const uint8_t*>(found->text.data()), found->text.size());
    key = decode_private(block, "PEM", nullptr, password);
  } else {
    key = decode_private(input, "DER", nullptr, password);
  }
  if (!key) return key.error();
  bool ok = false;
  KeyType t = pkey_key_type(key->get(), &ok);
  if (!ok) return Error::unsupported_algorithm;
  if (t == KeyType::ec && !pkey_curve(key->get())) return Error::unsupported_algorithm;
  return std::unique_ptr<PrivateKey>(new OsslPrivateKey(std::move(*key), t));
}

}  // namespace ember::crypto::openssl
