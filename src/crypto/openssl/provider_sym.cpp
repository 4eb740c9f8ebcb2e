// Symmetric primitives over libcrypto: algorithms are fetched once (SymState), contexts are keyed
// once per object, and per-record calls only change the nonce.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstring>
#include <vector>

#include "crypto/openssl/openssl_provider.hpp"
#include "crypto/openssl/ossl_util.hpp"
#include "crypto/openssl/sha_direct.hpp"
#include "ember/core/secret.hpp"

namespace ember::crypto::openssl {

namespace {
constexpr std::array<const char*, 5> kMdNames = {"SHA1", "SHA224", "SHA256", "SHA384", "SHA512"};
constexpr std::array<const char*, 9> kAeadNames = {
    "AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305", "AES-128-CCM", "AES-256-CCM",
    "AES-128-CCM", "AES-256-CCM", "ARIA-128-GCM",      "ARIA-256-GCM"};
constexpr std::array<const char*, 6> kCbcNames = {"AES-128-CBC",      "AES-256-CBC",
                                                  "CAMELLIA-128-CBC", "CAMELLIA-256-CBC",
                                                  "ARIA-128-CBC",     "ARIA-256-CBC"};

bool is_ccm(AeadAlg a) {
  return a == AeadAlg::aes128_ccm || a == AeadAlg::aes256_ccm || a == AeadAlg::aes128_ccm8 ||
         a == AeadAlg::aes256_ccm8;
}

// libcrypto gives null pointers a meaning of their own: for CCM, EVP_*Update(ctx, NULL, &len,
// NULL, n) declares the message length instead of processing a message, so an empty message
// handed over as a null span would be neither encrypted nor authenticated, and an open would
// accept any tag (how a 3.0.x point release treats the null final differs too). Every pointer
// given to a cipher update or final is therefore non-null, whether or not the span is empty.
const uint8_t* present(ByteView v) {
  static const uint8_t kNone[1] = {0};
  return v.empty() ? kNone : v.data();
}
uint8_t* present(MutableByteView v, uint8_t (&none)[1]) {
  return v.empty() ? none : v.data();
}
}  // namespace

struct SymState {
  std::array<EVP_MD*, 5> md{};
  std::array<EVP_CIPHER*, kAeadNames.size()> aead{};
  std::array<EVP_CIPHER*, 6> cbc{};
  EVP_MAC* hmac = nullptr;
  // Unkeyed HMAC contexts with their digest already set: make_hmac duplicates one instead of
  // looking the digest up by name on every key (about half the cost of a one-shot HKDF step).
  std::array<EVP_MAC_CTX*, 5> hmac_template{};

  SymState() {
    for (size_t i = 0; i < md.size(); ++i) md[i] = EVP_MD_fetch(nullptr, kMdNames[i], nullptr);
    for (size_t i = 0; i < aead.size(); ++i)
      aead[i] = EVP_CIPHER_fetch(nullptr, kAeadNames[i], nullptr);
    for (size_t i = 0; i < cbc.size(); ++i)
      cbc[i] = EVP_CIPHER_fetch(nullptr, kCbcNames[i], nullptr);
    hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    for (size_t i = 0; hmac != nullptr && i < hmac_template.size(); ++i) {
      EVP_MAC_CTX* c = EVP_MAC_CTX_new(hmac);
      OSSL_PARAM params[2] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                               const_cast<char*>(kMdNames[i]), 0),
                              OSSL_PARAM_construct_end()};
      if (c != nullptr && EVP_MAC_CTX_set_params(c, params) != 1) {
        EVP_MAC_CTX_free(c);
        c = nullptr;
      }
      hmac_template[i] = c;
    }
  }
  ~SymState() {
    for (auto* m : md) EVP_MD_free(m);
    for (auto* c : aead) EVP_CIPHER_free(c);
    for (auto* c : cbc) EVP_CIPHER_free(c);
    for (auto* c : hmac_template) EVP_MAC_CTX_free(c);
    EVP_MAC_free(hmac);
  }
};

namespace {
SymState* g_state = nullptr;  // set once by the provider's constructor (a function-local static)
}

SymState* make_sym_state() {
  auto* s = new SymState();
  g_state = s;
  return s;
}
void destroy(SymState* s) noexcept {
  if (g_state == s) g_state = nullptr;
  delete s;
}

const EVP_MD* fetched_md(int hash_alg_index) {
  if (g_state == nullptr) (void)default_provider();
  return g_state->md[static_cast<size_t>(hash_alg_index)];
}

namespace {

class OsslHash final : public Hash {
 public:
  OsslHash(HashAlg alg, MdCtxPtr ctx) : alg_(alg), ctx_(std::move(ctx)) {}
  HashAlg alg() const override { return alg_; }
  void update(ByteView data) override { EVP_DigestUpdate(ctx_.get(), data.data(), data.size()); }
  void finish(MutableByteView out) override {
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), out.data(), &len);
    reset();
  }
  void peek(MutableByteView out) const override {
    if (!scratch_) scratch_.reset(EVP_MD_CTX_new());
    EVP_MD_CTX_copy_ex(scratch_.get(), ctx_.get());
    unsigned int len = 0;
    EVP_DigestFinal_ex(scratch_.get(), out.data(), &len);
  }
  void reset() override { EVP_DigestInit_ex2(ctx_.get(), nullptr, nullptr); }
  std::unique_ptr<Hash> clone() const override {
    MdCtxPtr copy(EVP_MD_CTX_new());
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx_.get()) != 1) return nullptr;
    return std::make_unique<OsslHash>(alg_, std::move(copy));
  }

 private:
  HashAlg alg_;
  MdCtxPtr ctx_;
  mutable MdCtxPtr scratch_;
};

// Keyed HMAC contexts for the digests that go through EVP_MAC (SHA-1, SHA-224, SHA-512;
// SHA-256/384 HMACs hold their state inline, sha_direct.cpp) are recycled per thread:
// re-keying a used context (EVP_MAC_init) costs no allocation where duplicating the template
// costs about ten. A context is re-keyed with a constant before it is parked, so no secret
// state stays in the pool.
class HmacPool {
 public:
  ~HmacPool() {
    for (auto& list : free_)
      for (EVP_MAC_CTX* c : list) EVP_MAC_CTX_free(c);  // EVP frees cleanse
  }
  EVP_MAC_CTX* take(HashAlg alg) {
    auto& list = free_[static_cast<size_t>(alg)];
    if (list.empty()) return nullptr;
    EVP_MAC_CTX* c = list.back();
    list.pop_back();
    return c;
  }
  void give(HashAlg alg, EVP_MAC_CTX* c) {
    static const uint8_t kScrub[1] = {0};
    auto& list = free_[static_cast<size_t>(alg)];
    if (list.size() >= kMax || EVP_MAC_init(c, kScrub, sizeof kScrub, nullptr) != 1) {
      EVP_MAC_CTX_free(c);
      return;
    }
    list.push_back(c);
  }

 private:
  static constexpr size_t kMax = 16;
  std::array<std::vector<EVP_MAC_CTX*>, 5> free_;
};

HmacPool& hmac_pool() {
  thread_local HmacPool pool;
  return pool;
}

class OsslHmac final : public Hmac {
 public:
  OsslHmac(HashAlg alg, MacCtxPtr ctx) : alg_(alg), ctx_(std::move(ctx)) {}
  ~OsslHmac() override { hmac_pool().give(alg_, ctx_.release()); }
  HashAlg alg() const override { return alg_; }
  void update(ByteView data) override { EVP_MAC_update(ctx_.get(), data.data(), data.size()); }
  void finish(MutableByteView out) override {
    size_t len = 0;
    EVP_MAC_final(ctx_.get(), out.data(), &len, out.size());
    reset();
  }
  void reset() override { EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr); }
  std::unique_ptr<Hmac> clone() const override {
    MacCtxPtr copy(EVP_MAC_CTX_dup(ctx_.get()));
    if (!copy) return nullptr;
    return std::make_unique<OsslHmac>(alg_, std::move(copy));
  }

 private:
  HashAlg alg_;
  MacCtxPtr ctx_;
};

CipherCtxPtr keyed_aead_ctx(EVP_CIPHER* cipher, AeadAlg alg, ByteView key, bool encrypt);

// Each direction's context is keyed on first use: a TLS record protection uses only one, so
// half the key setup of a handshake is saved. The key is held (zeroizing) until both exist.
class OsslAead final : public Aead {
 public:
  OsslAead(AeadAlg alg, EVP_CIPHER* cipher, ByteView key)
      : alg_(alg), cipher_(cipher), key_(key), ccm_(is_ccm(alg)) {}
  AeadAlg alg() const override { return alg_; }

  Status ensure(CipherCtxPtr& ctx, bool encrypt) {
    if (ctx) return {};
    ctx = keyed_aead_ctx(cipher_, alg_, key_, encrypt);
    if (!ctx) return Error::crypto_failure;
    if (enc_ && dec_) key_.clear();
    return {};
  }

  Status seal(ByteView nonce, ByteView aad, MutableByteView data, MutableByteView tag) override {
    return seal_to(nonce, aad, data, {}, data, tag);
  }
  Status open(ByteView nonce, ByteView aad, MutableByteView data, ByteView tag) override {
    return open_to(nonce, aad, data, data, {}, tag);
  }

  Status seal_to(ByteView nonce, ByteView aad, ByteView in, ByteView tail, MutableByteView out,
                 MutableByteView tag) override {
    if (nonce.size() != 12 || tag.size() < tag_size() || in.size() + tail.size() != out.size())
      return Error::invalid_argument;
    EMBER_TRY(ensure(enc_, true));
    EVP_CIPHER_CTX* c = enc_.get();
    int len = 0;
    if (EVP_EncryptInit_ex2(c, nullptr, nullptr, nonce.data(), nullptr) != 1)
      return Error::crypto_failure;
    if (ccm_ && EVP_EncryptUpdate(c, nullptr, &len, nullptr, static_cast<int>(out.size())) != 1)
      return Error::crypto_failure;
    if (!aad.empty() &&
        EVP_EncryptUpdate(c, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1)
      return Error::crypto_failure;
    if (ccm_ && !tail.empty()) {
      // CCM takes the whole message in one update.
      if (in.data() != out.data() && !in.empty()) std::memmove(out.data(), in.data(), in.size());
      std::memmove(out.data() + in.size(), tail.data(), tail.size());
      in = out;
      tail = {};
    }
    uint8_t none[1];
    uint8_t* dst = present(out, none);
    if ((!in.empty() || ccm_) &&
        EVP_EncryptUpdate(c, dst, &len, present(in), static_cast<int>(in.size())) != 1)
      return Error::crypto_failure;
    if (!tail.empty() && EVP_EncryptUpdate(c, dst + in.size(), &len, tail.data(),
                                           static_cast<int>(tail.size())) != 1)
      return Error::crypto_failure;
    if (EVP_EncryptFinal_ex(c, dst + out.size(), &len) != 1) return Error::crypto_failure;
    if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size()), tag.data()) !=
        1)
      return Error::crypto_failure;
    return {};
  }

  Status open_to(ByteView nonce, ByteView aad, ByteView in, MutableByteView out,
                 MutableByteView tail, ByteView tag) override {
    if (nonce.size() != 12 || tag.size() != tag_size() || in.size() != out.size() + tail.size())
      return Error::invalid_argument;
    if (ccm_ && !tail.empty()) return Aead::open_to(nonce, aad, in, out, tail, tag);  // one update
    EMBER_TRY(ensure(dec_, false));
    EVP_CIPHER_CTX* c = dec_.get();
    int len = 0;
    if (EVP_DecryptInit_ex2(c, nullptr, nullptr, nonce.data(), nullptr) != 1)
      return Error::crypto_failure;
    if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag.size()),
                            const_cast<uint8_t*>(tag.data())) != 1)
      return Error::crypto_failure;
    if (ccm_ && EVP_DecryptUpdate(c, nullptr, &len, nullptr, static_cast<int>(in.size())) != 1)
      return Error::crypto_failure;
    if (!aad.empty() &&
        EVP_DecryptUpdate(c, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1)
      return Error::crypto_failure;
    uint8_t none[1];
    uint8_t* dst = present(out, none);
    bool ok;
    if (ccm_) {
      // CCM authenticates inside the update call, which must come even for an empty message.
      ok = EVP_DecryptUpdate(c, dst, &len, present(in), static_cast<int>(in.size())) == 1;
    } else {
      size_t head = out.size();
      ok = (head == 0 || EVP_DecryptUpdate(c, dst, &len, in.data(), static_cast<int>(head)) == 1) &&
           (tail.empty() || EVP_DecryptUpdate(c, tail.data(), &len, in.data() + head,
                                              static_cast<int>(tail.size())) == 1) &&
           EVP_DecryptFinal_ex(c, dst + head, &len) == 1;
    }
    if (!ok) {
      // Never hand out unauthenticated plaintext.
      if (!out.empty()) OPENSSL_cleanse(out.data(), out.size());
      if (!tail.empty()) OPENSSL_cleanse(tail.data(), tail.size());
      return Error::authentication_failed;
    }
    return {};
  }

 private:
  AeadAlg alg_;
  EVP_CIPHER* cipher_;  // prefetched, owned by the provider
  Secret key_;
  CipherCtxPtr enc_, dec_;
  bool ccm_;
};

class OsslCbc final : public CbcCipher {
 public:
  OsslCbc(CbcAlg alg, bool encrypt, CipherCtxPtr ctx)
      : alg_(alg), encrypt_(encrypt), ctx_(std::move(ctx)) {}
  CbcAlg alg() const override { return alg_; }
  bool encrypting() const override { return encrypt_; }
  Status crypt(ByteView iv, MutableByteView data) override {
    if (iv.size() != kCbcBlockSize || data.size() % kCbcBlockSize != 0)
      return Error::invalid_argument;
    if (EVP_CipherInit_ex2(ctx_.get(), nullptr, nullptr, iv.data(), encrypt_ ? 1 : 0, nullptr) != 1)
      return Error::crypto_failure;
    int len = 0;
    if (!data.empty() && EVP_CipherUpdate(ctx_.get(), data.data(), &len, data.data(),
                                          static_cast<int>(data.size())) != 1)
      return Error::crypto_failure;
    return {};
  }

 private:
  CbcAlg alg_;
  bool encrypt_;
  CipherCtxPtr ctx_;
};

CipherCtxPtr keyed_aead_ctx(EVP_CIPHER* cipher, AeadAlg alg, ByteView key, bool encrypt) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return nullptr;
  if (EVP_CipherInit_ex2(ctx.get(), cipher, nullptr, nullptr, encrypt ? 1 : 0, nullptr) != 1)
    return nullptr;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) != 1) return nullptr;
  if (is_ccm(alg) && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG,
                                         static_cast<int>(aead_tag_size(alg)), nullptr) != 1)
    return nullptr;
  if (EVP_CipherInit_ex2(ctx.get(), nullptr, key.data(), nullptr, encrypt ? 1 : 0, nullptr) != 1)
    return nullptr;
  return ctx;
}

}  // namespace

Result<std::unique_ptr<Hash>> OpenSslProvider::make_hash(HashAlg alg) const {
  if (auto direct = direct_hash(alg)) return direct;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), sym_->md[static_cast<size_t>(alg)], nullptr) != 1)
    return Error::crypto_failure;
  return std::unique_ptr<Hash>(new OsslHash(alg, std::move(ctx)));
}

Result<std::unique_ptr<Hmac>> OpenSslProvider::make_hmac(HashAlg alg, ByteView key) const {
  if (auto direct = direct_hmac(alg, key)) return direct;
  EVP_MAC_CTX* tmpl = sym_->hmac_template[static_cast<size_t>(alg)];
  if (tmpl == nullptr) return Error::unsupported_algorithm;
  MacCtxPtr ctx(hmac_pool().take(alg));
  if (!ctx) ctx.reset(EVP_MAC_CTX_dup(tmpl));
  if (!ctx) return Error::crypto_failure;
  static const uint8_t kEmpty[1] = {0};
  if (EVP_MAC_init(ctx.get(), key.empty() ? kEmpty : key.data(), key.size(), nullptr) != 1)
    return Error::crypto_failure;
  return std::unique_ptr<Hmac>(new OsslHmac(alg, std::move(ctx)));
}

Result<std::unique_ptr<Aead>> OpenSslProvider::make_aead(AeadAlg alg, ByteView key) const {
  if (key.size() != aead_key_size(alg)) return Error::invalid_argument;
  EVP_CIPHER* cipher = sym_->aead[static_cast<size_t>(alg)];
  if (cipher == nullptr) return Error::unsupported_algorithm;
  return std::unique_ptr<Aead>(new OsslAead(alg, cipher, key));
}

Result<std::unique_ptr<CbcCipher>> OpenSslProvider::make_cbc(CbcAlg alg, ByteView key,
                                                             bool encrypt) const {
  if (key.size() != cbc_key_size(alg)) return Error::invalid_argument;
  EVP_CIPHER* cipher = sym_->cbc[static_cast<size_t>(alg)];
  if (cipher == nullptr) return Error::unsupported_algorithm;
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), nullptr, encrypt ? 1 : 0, nullptr) != 1)
    return Error::crypto_failure;
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  return std::unique_ptr<CbcCipher>(new OsslCbc(alg, encrypt, std::move(ctx)));
}

bool OpenSslProvider::supports(CbcAlg alg) const {
  return sym_->cbc[static_cast<size_t>(alg)] != nullptr;
}

Status OpenSslProvider::hash(HashAlg alg, ByteView data, MutableByteView out) const {
  if (out.size() < hash_size(alg)) return Error::buffer_too_small;
  if (direct_digest(alg, data, out)) return {};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, sym_->md[static_cast<size_t>(alg)],
                 nullptr) != 1)
    return Error::crypto_failure;
  return {};
}

Status OpenSslProvider::random_bytes(MutableByteView out) const {
  if (out.empty()) return {};
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) return Error::entropy_failure;
  return {};
}

}  // namespace ember::crypto::openssl
