// Asymmetric primitives over libcrypto: public keys built from already-parsed parts (never the
// generic DER decoders), private-key loading, signatures and RSA encryption. Key exchange (key
// shares, DHE) is in provider_kex.cpp.
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
  PkeyPtr pkey(new_ec_pkey_from_point(curve, point));
  if (!pkey) return Error::bad_key;
  return wrap_public(std::move(pkey));
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
  // The DER to decode: the input, or the private-key block of a PEM text.
  ByteView der = input;
  const char* format = "DER";
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
    der = ByteView(reinterpret_cast<const uint8_t*>(found->text.data()), found->text.size());
    format = "PEM";
  }
  Result<PkeyPtr> key = decode_private(der, format, nullptr, password);
  if (!key) return key.error();
  PkeyPtr pkey = std::move(*key);
  if (!pkey) return Error::bad_key;
  bool ok = false;
  KeyType t = pkey_key_type(pkey.get(), &ok);
  if (!ok) return Error::unsupported_algorithm;
  if (t == KeyType::ec && !pkey_curve(pkey.get())) return Error::unsupported_algorithm;
  return std::unique_ptr<PrivateKey>(new OsslPrivateKey(std::move(pkey), t));
}

}  // namespace ember::crypto::openssl
