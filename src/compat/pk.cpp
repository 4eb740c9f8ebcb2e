// pk.h over ember::crypto keys: a mbedtls_pk_context holds either a private key parsed by
// mbedtls_pk_parse_key*, or the public key of a certificate (crt->pk).
#include <new>

#include "compat.hpp"

// The type descriptor pk_info points to (opaque in the header).
struct mbedtls_pk_info_t {
  mbedtls_pk_type_t type;
  const char* name;
};

namespace ember::compat {
namespace {

constexpr mbedtls_pk_info_t kRsaInfo = {MBEDTLS_PK_RSA, "RSA"};
constexpr mbedtls_pk_info_t kEcInfo = {MBEDTLS_PK_ECKEY, "EC"};
// EdDSA keys have no Mbed TLS 2.28 type: MBEDTLS_PK_NONE, named for what they are.
constexpr mbedtls_pk_info_t kEd25519Info = {MBEDTLS_PK_NONE, "Ed25519"};
constexpr mbedtls_pk_info_t kEd448Info = {MBEDTLS_PK_NONE, "Ed448"};

const mbedtls_pk_info_t* info_for(crypto::KeyType t) {
  switch (t) {
    case crypto::KeyType::rsa:
    case crypto::KeyType::rsa_pss:
      return &kRsaInfo;
    case crypto::KeyType::ec:
      return &kEcInfo;
    case crypto::KeyType::ed25519:
      return &kEd25519Info;
    case crypto::KeyType::ed448:
      return &kEd448Info;
  }
  return &kRsaInfo;
}

}  // namespace

const PkKey* pk_of(const mbedtls_pk_context* pk) noexcept {
  return pk == nullptr ? nullptr : static_cast<const PkKey*>(pk->pk_ctx);
}

void pk_set_public(mbedtls_pk_context* pk, x509::CertPtr owner) noexcept {
  const crypto::PublicKey* pub = owner->public_key();
  if (pub == nullptr) return;  // unsupported key: an empty context, as Mbed TLS cannot parse it
  auto* key = new (std::nothrow) PkKey();
  if (key == nullptr) return;
  key->pub = pub;
  key->owner = std::move(owner);
  pk->pk_info = info_for(pub->type());
  pk->pk_ctx = key;
}

}  // namespace ember::compat

using ember::compat::Module;
using ember::compat::PkKey;
using ember::compat::to_mbedtls;

extern "C" {

void mbedtls_pk_init(mbedtls_pk_context* ctx) noexcept {
  if (ctx == nullptr) return;
  ctx->pk_info = nullptr;
  ctx->pk_ctx = nullptr;
}

void mbedtls_pk_free(mbedtls_pk_context* ctx) noexcept {
  if (ctx == nullptr) return;
  delete static_cast<PkKey*>(ctx->pk_ctx);
  ctx->pk_info = nullptr;
  ctx->pk_ctx = nullptr;
}

int mbedtls_pk_parse_key(mbedtls_pk_context* ctx, const unsigned char* key, size_t keylen,
                         const unsigned char* pwd, size_t pwdlen) noexcept {
  if (ctx == nullptr || key == nullptr || keylen == 0 || ctx->pk_info != nullptr)
    return MBEDTLS_ERR_PK_BAD_INPUT_DATA;
  if (pwd == nullptr && pwdlen > 0) return MBEDTLS_ERR_PK_BAD_INPUT_DATA;
  ember::ByteView data(key, keylen);
  if (data.back() == 0) data = data.first(data.size() - 1);  // PEM: the NUL is counted
  std::optional<std::string_view> password;
  if (pwd != nullptr && pwdlen > 0)
    password = std::string_view(reinterpret_cast<const char*>(pwd), pwdlen);
  auto parsed = ember::crypto::default_provider().load_private_key(data, password);
  if (!parsed) return to_mbedtls(parsed.error(), Module::pk);
  auto* k = new (std::nothrow) PkKey();
  if (k == nullptr) return MBEDTLS_ERR_PK_ALLOC_FAILED;
  k->priv = std::shared_ptr<const ember::crypto::PrivateKey>(std::move(*parsed));
  k->pub = &k->priv->public_key();
  ctx->pk_info = ember::compat::info_for(k->priv->type());
  ctx->pk_ctx = k;
  return 0;
}

int mbedtls_pk_parse_keyfile(mbedtls_pk_context* ctx, const char* path,
                             const char* password) noexcept {
  if (ctx == nullptr || path == nullptr) return MBEDTLS_ERR_PK_BAD_INPUT_DATA;
  auto data = ember::x509::read_file(path);
  if (!data) return MBEDTLS_ERR_PK_FILE_IO_ERROR;
  if (data->empty()) return MBEDTLS_ERR_PK_KEY_INVALID_FORMAT;
  size_t pwdlen = password == nullptr ? 0 : std::strlen(password);
  return mbedtls_pk_parse_key(ctx, data->data(), data->size(),
                              reinterpret_cast<const unsigned char*>(password), pwdlen);
}

mbedtls_pk_type_t mbedtls_pk_get_type(const mbedtls_pk_context* ctx) noexcept {
  if (ctx == nullptr || ctx->pk_info == nullptr) return MBEDTLS_PK_NONE;
  return ctx->pk_info->type;
}

size_t mbedtls_pk_get_bitlen(const mbedtls_pk_context* ctx) noexcept {
  const PkKey* k = ember::compat::pk_of(ctx);
  if (k == nullptr || k->pub == nullptr) return 0;
  return k->pub->bits();
}

const char* mbedtls_pk_get_name(const mbedtls_pk_context* ctx) noexcept {
  if (ctx == nullptr || ctx->pk_info == nullptr) return "invalid PK";
  return ctx->pk_info->name;
}

int mbedtls_pk_check_pair(const mbedtls_pk_context* pub, const mbedtls_pk_context* prv) noexcept {
  const PkKey* p = ember::compat::pk_of(pub);
  const PkKey* k = ember::compat::pk_of(prv);
  if (p == nullptr || k == nullptr || p->pub == nullptr || !k->priv)
    return MBEDTLS_ERR_PK_BAD_INPUT_DATA;
  mbedtls_pk_type_t type = mbedtls_pk_get_type(pub);
  if (type != mbedtls_pk_get_type(prv)) return MBEDTLS_ERR_PK_TYPE_MISMATCH;
  if (k->priv->public_key().same_key(*p->pub)) return 0;
  // The module codes 2.28 returns for a mismatch (rsa_check_pub_priv / ecp_check_pub_priv).
  constexpr int kRsaKeyCheckFailed = -0x4200, kEcpBadInputData = -0x4F80;
  return type == MBEDTLS_PK_RSA ? kRsaKeyCheckFailed : kEcpBadInputData;
}

}  // extern "C"
