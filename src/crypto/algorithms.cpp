#include "ember/crypto/algorithms.hpp"

#include <array>

namespace ember::crypto {

size_t hash_size(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1:
      return 20;
    case HashAlg::sha224:
      return 28;
    case HashAlg::sha256:
      return 32;
    case HashAlg::sha384:
      return 48;
    case HashAlg::sha512:
      return 64;
  }
  return 0;
}

size_t hash_block_size(HashAlg alg) noexcept {
  return (alg == HashAlg::sha384 || alg == HashAlg::sha512) ? 128 : 64;
}

std::string_view hash_name(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1:
      return "SHA1";
    case HashAlg::sha224:
      return "SHA224";
    case HashAlg::sha256:
      return "SHA256";
    case HashAlg::sha384:
      return "SHA384";
    case HashAlg::sha512:
      return "SHA512";
  }
  return "?";
}

size_t aead_key_size(AeadAlg alg) noexcept {
  switch (alg) {
    case AeadAlg::aes128_gcm:
    case AeadAlg::aes128_ccm:
    case AeadAlg::aes128_ccm8:
    case AeadAlg::aria128_gcm:
      return 16;
    case AeadAlg::aes256_gcm:
    case AeadAlg::aes256_ccm:
    case AeadAlg::aes256_ccm8:
    case AeadAlg::chacha20_poly1305:
    case AeadAlg::aria256_gcm:
      return 32;
  }
  return 0;
}

size_t aead_tag_size(AeadAlg alg) noexcept {
  return (alg == AeadAlg::aes128_ccm8 || alg == AeadAlg::aes256_ccm8) ? 8 : 16;
}

size_t cbc_key_size(CbcAlg alg) noexcept {
  switch (alg) {
    case CbcAlg::aes128:
    case CbcAlg::camellia128:
    case CbcAlg::aria128:
      return 16;
    case CbcAlg::aes256:
    case CbcAlg::camellia256:
    case CbcAlg::aria256:
      return 32;
  }
  return 0;
}

namespace {
struct GroupName {
  Group group;
  std::string_view name;
};
constexpr std::array kGroupNames = {
    GroupName{Group::x25519, "x25519"},       GroupName{Group::secp256r1, "secp256r1"},
    GroupName{Group::secp384r1, "secp384r1"}, GroupName{Group::secp521r1, "secp521r1"},
    GroupName{Group::x448, "x448"},           GroupName{Group::ffdhe2048, "ffdhe2048"},
    GroupName{Group::ffdhe3072, "ffdhe3072"}, GroupName{Group::ffdhe4096, "ffdhe4096"},
};

struct SchemeName {
  SignatureScheme scheme;
  std::string_view name;
  SignatureParams params;
};
constexpr SignatureParams ecdsa(HashAlg h) {
  return {KeyType::ec, h, SignaturePadding::none, -1, {}};
}
constexpr SignatureParams pkcs1(HashAlg h) {
  return {KeyType::rsa, h, SignaturePadding::pkcs1, -1, {}};
}
constexpr SignatureParams pss(KeyType t, HashAlg h) {
  return {t, h, SignaturePadding::pss, -1, {}};
}
constexpr SignatureParams eddsa(KeyType t) {
  return {t, HashAlg::sha512, SignaturePadding::none, -1, {}};
}
const std::array kSchemes = {
    SchemeName{SignatureScheme::ecdsa_secp256r1_sha256, "ecdsa_secp256r1_sha256",
               ecdsa(HashAlg::sha256)},
    SchemeName{SignatureScheme::ecdsa_secp384r1_sha384, "ecdsa_secp384r1_sha384",
               ecdsa(HashAlg::sha384)},
    SchemeName{SignatureScheme::ecdsa_secp521r1_sha512, "ecdsa_secp521r1_sha512",
               ecdsa(HashAlg::sha512)},
    SchemeName{SignatureScheme::rsa_pss_rsae_sha256, "rsa_pss_rsae_sha256",
               pss(KeyType::rsa, HashAlg::sha256)},
    SchemeName{SignatureScheme::rsa_pss_rsae_sha384, "rsa_pss_rsae_sha384",
               pss(KeyType::rsa, HashAlg::sha384)},
    SchemeName{SignatureScheme::rsa_pss_rsae_sha512, "rsa_pss_rsae_sha512",
               pss(KeyType::rsa, HashAlg::sha512)},
    SchemeName{SignatureScheme::ed25519, "ed25519", eddsa(KeyType::ed25519)},
    SchemeName{SignatureScheme::ed448, "ed448", eddsa(KeyType::ed448)},
    SchemeName{SignatureScheme::rsa_pss_pss_sha256, "rsa_pss_pss_sha256",
               pss(KeyType::rsa_pss, HashAlg::sha256)},
    SchemeName{SignatureScheme::rsa_pss_pss_sha384, "rsa_pss_pss_sha384",
               pss(KeyType::rsa_pss, HashAlg::sha384)},
    SchemeName{SignatureScheme::rsa_pss_pss_sha512, "rsa_pss_pss_sha512",
               pss(KeyType::rsa_pss, HashAlg::sha512)},
    SchemeName{SignatureScheme::rsa_pkcs1_sha256, "rsa_pkcs1_sha256", pkcs1(HashAlg::sha256)},
    SchemeName{SignatureScheme::rsa_pkcs1_sha384, "rsa_pkcs1_sha384", pkcs1(HashAlg::sha384)},
    SchemeName{SignatureScheme::rsa_pkcs1_sha512, "rsa_pkcs1_sha512", pkcs1(HashAlg::sha512)},
    SchemeName{SignatureScheme::rsa_pkcs1_sha224, "rsa_pkcs1_sha224", pkcs1(HashAlg::sha224)},
    SchemeName{SignatureScheme::rsa_pkcs1_sha1, "rsa_pkcs1_sha1", pkcs1(HashAlg::sha1)},
    SchemeName{SignatureScheme::ecdsa_sha224, "ecdsa_sha224", ecdsa(HashAlg::sha224)},
    SchemeName{SignatureScheme::ecdsa_sha1, "ecdsa_sha1", ecdsa(HashAlg::sha1)},
};
}  // namespace

std::string_view group_name(Group g) noexcept {
  for (const auto& e : kGroupNames)
    if (e.group == g) return e.name;
  return "unknown";
}

std::optional<Group> group_from_name(std::string_view name) noexcept {
  for (const auto& e : kGroupNames)
    if (e.name == name) return e.group;
  if (name == "P-256" || name == "prime256v1") return Group::secp256r1;
  if (name == "P-384") return Group::secp384r1;
  if (name == "P-521") return Group::secp521r1;
  if (name == "X25519") return Group::x25519;
  if (name == "X448") return Group::x448;
  return std::nullopt;
}

bool is_ffdhe(Group g) noexcept {
  return g == Group::ffdhe2048 || g == Group::ffdhe3072 || g == Group::ffdhe4096;
}

size_t curve_field_bytes(Curve c) noexcept {
  switch (c) {
    case Curve::p256:
      return 32;
    case Curve::p384:
      return 48;
    case Curve::p521:
      return 66;
  }
  return 0;
}

std::string_view signature_scheme_name(SignatureScheme s) noexcept {
  for (const auto& e : kSchemes)
    if (e.scheme == s) return e.name;
  return "unknown";
}

std::optional<SignatureScheme> signature_scheme_from_name(std::string_view name) noexcept {
  for (const auto& e : kSchemes)
    if (e.name == name) return e.scheme;
  return std::nullopt;
}

std::optional<SignatureParams> signature_params(SignatureScheme s) noexcept {
  for (const auto& e : kSchemes)
    if (e.scheme == s) return e.params;
  return std::nullopt;
}

std::string_view key_type_name(KeyType t) noexcept {
  switch (t) {
    case KeyType::rsa:
      return "RSA";
    case KeyType::rsa_pss:
      return "RSASSA-PSS";
    case KeyType::ec:
      return "EC";
    case KeyType::ed25519:
      return "Ed25519";
    case KeyType::ed448:
      return "Ed448";
  }
  return "?";
}

}  // namespace ember::crypto
