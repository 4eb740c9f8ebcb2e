// Algorithm identifiers used across embertls. Numeric values follow the IANA TLS registries
// where one exists, so the TLS layer can use them on the wire directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include "ember/core/export.hpp"

namespace ember::crypto {

enum class HashAlg : uint8_t { sha1, sha224, sha256, sha384, sha512 };
constexpr size_t kMaxHashSize = 64;
EMBER_API size_t hash_size(HashAlg alg) noexcept;
EMBER_API size_t hash_block_size(HashAlg alg) noexcept;
EMBER_API std::string_view hash_name(HashAlg alg) noexcept;  // "SHA256"

enum class AeadAlg : uint8_t {
  aes128_gcm,
  aes256_gcm,
  chacha20_poly1305,
  aes128_ccm,
  aes256_ccm,
  aes128_ccm8,  // 8-byte tag
  aes256_ccm8,
  aria128_gcm,  // TLS 1.2 ARIA-GCM suites (RFC 6209)
  aria256_gcm,
};
EMBER_API size_t aead_key_size(AeadAlg alg) noexcept;
constexpr size_t aead_nonce_size(AeadAlg) noexcept {
  return 12;
}
EMBER_API size_t aead_tag_size(AeadAlg alg) noexcept;
constexpr size_t kMaxAeadTagSize = 16;

// Block ciphers in CBC mode for TLS 1.2 CBC suites.
enum class CbcAlg : uint8_t { aes128, aes256, camellia128, camellia256, aria128, aria256 };
EMBER_API size_t cbc_key_size(CbcAlg alg) noexcept;
constexpr size_t kCbcBlockSize = 16;

// TLS NamedGroup values (RFC 8446 §4.2.7, RFC 7919).
enum class Group : uint16_t {
  secp256r1 = 0x0017,
  secp384r1 = 0x0018,
  secp521r1 = 0x0019,
  x25519 = 0x001d,
  x448 = 0x001e,
  ffdhe2048 = 0x0100,
  ffdhe3072 = 0x0101,
  ffdhe4096 = 0x0102,
};
EMBER_API std::string_view group_name(Group g) noexcept;  // "x25519", "secp256r1", "ffdhe2048"
EMBER_API std::optional<Group> group_from_name(std::string_view name) noexcept;
EMBER_API bool is_ffdhe(Group g) noexcept;

// Elliptic curves as certificate key parameters.
enum class Curve : uint8_t { p256, p384, p521 };
EMBER_API size_t curve_field_bytes(Curve c) noexcept;  // 32, 48, 66

// TLS SignatureScheme values (RFC 8446 §4.2.3).
enum class SignatureScheme : uint16_t {
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
  rsa_pkcs1_sha256 = 0x0401,
  rsa_pkcs1_sha384 = 0x0501,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp256r1_sha256 = 0x0403,
  ecdsa_secp384r1_sha384 = 0x0503,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
  ed25519 = 0x0807,
  ed448 = 0x0808,
  rsa_pss_pss_sha256 = 0x0809,
  rsa_pss_pss_sha384 = 0x080a,
  rsa_pss_pss_sha512 = 0x080b,
  // TLS 1.2 only (hash/signature pairs without a TLS 1.3 name).
  rsa_pkcs1_sha224 = 0x0301,
  ecdsa_sha224 = 0x0303,
};
EMBER_API std::string_view signature_scheme_name(
    SignatureScheme s) noexcept;  // "ecdsa_secp256r1_sha256"
EMBER_API std::optional<SignatureScheme> signature_scheme_from_name(std::string_view name) noexcept;

enum class KeyType : uint8_t { rsa, rsa_pss, ec, ed25519, ed448 };
EMBER_API std::string_view key_type_name(KeyType t) noexcept;

// How a signature is made, independent of TLS code points (X.509 needs combinations such as
// RSA-PSS with a given salt length or ECDSA with SHA-224 on any curve).
enum class SignaturePadding : uint8_t { none, pkcs1, pss };
struct SignatureParams {
  KeyType key_type = KeyType::rsa;  // rsa covers rsa_pss keys for PSS padding (rsae)
  HashAlg hash = HashAlg::sha256;   // ignored for EdDSA (pure)
  SignaturePadding padding = SignaturePadding::none;  // pkcs1 or pss for RSA
  int pss_salt_length = -1;                           // -1: equal to the hash length
  std::optional<HashAlg> pss_mgf1_hash;               // default: same as hash
};
// Returns the parameters for a TLS signature scheme, or nullopt for an unknown value.
EMBER_API std::optional<SignatureParams> signature_params(SignatureScheme s) noexcept;

}  // namespace ember::crypto
