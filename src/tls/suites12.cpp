// The TLS 1.2 cipher suites embertls implements: every suite Mbed TLS 2.28 offers that is
// worth keeping (no RC4, 3DES, NULL, export or anonymous suites), with IANA values and names.
#include <algorithm>

#include "tls/common.hpp"

namespace ember::tls {

namespace {

using A = crypto::AeadAlg;
using C = crypto::CbcAlg;
using H = crypto::HashAlg;

struct Entry {
  Suite12 s;
  std::string_view name;
};

constexpr Entry aead(uint16_t id, Kex k, A a, H prf, std::string_view name) {
  return {{id, k, true, a, C::aes128, H::sha256, prf}, name};
}
constexpr Entry cbc(uint16_t id, Kex k, C c, H mac, H prf, std::string_view name) {
  return {{id, k, false, A::aes128_gcm, c, mac, prf}, name};
}

constexpr Entry kTable[] = {
    // ECDHE-ECDSA
    aead(0xC02B, Kex::ecdhe_ecdsa, A::aes128_gcm, H::sha256,
         "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
    aead(0xC02C, Kex::ecdhe_ecdsa, A::aes256_gcm, H::sha384,
         "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
    aead(0xCCA9, Kex::ecdhe_ecdsa, A::chacha20_poly1305, H::sha256,
         "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
    aead(0xC0AC, Kex::ecdhe_ecdsa, A::aes128_ccm, H::sha256, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"),
    aead(0xC0AD, Kex::ecdhe_ecdsa, A::aes256_ccm, H::sha256, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"),
    aead(0xC0AE, Kex::ecdhe_ecdsa, A::aes128_ccm8, H::sha256, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"),
    aead(0xC0AF, Kex::ecdhe_ecdsa, A::aes256_ccm8, H::sha256, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"),
    cbc(0xC023, Kex::ecdhe_ecdsa, C::aes128, H::sha256, H::sha256,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
    cbc(0xC024, Kex::ecdhe_ecdsa, C::aes256, H::sha384, H::sha384,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
    cbc(0xC009, Kex::ecdhe_ecdsa, C::aes128, H::sha1, H::sha256,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
    cbc(0xC00A, Kex::ecdhe_ecdsa, C::aes256, H::sha1, H::sha256,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
    cbc(0xC072, Kex::ecdhe_ecdsa, C::camellia128, H::sha256, H::sha256,
        "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0xC073, Kex::ecdhe_ecdsa, C::camellia256, H::sha384, H::sha384,
        "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384"),
    cbc(0xC048, Kex::ecdhe_ecdsa, C::aria128, H::sha256, H::sha256,
        "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC049, Kex::ecdhe_ecdsa, C::aria256, H::sha384, H::sha384,
        "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384"),
    // ECDHE-RSA
    aead(0xC02F, Kex::ecdhe_rsa, A::aes128_gcm, H::sha256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
    aead(0xC030, Kex::ecdhe_rsa, A::aes256_gcm, H::sha384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
    aead(0xCCA8, Kex::ecdhe_rsa, A::chacha20_poly1305, H::sha256,
         "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
    cbc(0xC027, Kex::ecdhe_rsa, C::aes128, H::sha256, H::sha256,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
    cbc(0xC028, Kex::ecdhe_rsa, C::aes256, H::sha384, H::sha384,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
    cbc(0xC013, Kex::ecdhe_rsa, C::aes128, H::sha1, H::sha256,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
    cbc(0xC014, Kex::ecdhe_rsa, C::aes256, H::sha1, H::sha256,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
    cbc(0xC076, Kex::ecdhe_rsa, C::camellia128, H::sha256, H::sha256,
        "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0xC077, Kex::ecdhe_rsa, C::camellia256, H::sha384, H::sha384,
        "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384"),
    cbc(0xC04C, Kex::ecdhe_rsa, C::aria128, H::sha256, H::sha256,
        "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC04D, Kex::ecdhe_rsa, C::aria256, H::sha384, H::sha384,
        "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384"),
    // DHE-RSA
    aead(0x009E, Kex::dhe_rsa, A::aes128_gcm, H::sha256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
    aead(0x009F, Kex::dhe_rsa, A::aes256_gcm, H::sha384, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
    aead(0xCCAA, Kex::dhe_rsa, A::chacha20_poly1305, H::sha256,
         "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
    aead(0xC09E, Kex::dhe_rsa, A::aes128_ccm, H::sha256, "TLS_DHE_RSA_WITH_AES_128_CCM"),
    aead(0xC09F, Kex::dhe_rsa, A::aes256_ccm, H::sha256, "TLS_DHE_RSA_WITH_AES_256_CCM"),
    aead(0xC0A2, Kex::dhe_rsa, A::aes128_ccm8, H::sha256, "TLS_DHE_RSA_WITH_AES_128_CCM_8"),
    aead(0xC0A3, Kex::dhe_rsa, A::aes256_ccm8, H::sha256, "TLS_DHE_RSA_WITH_AES_256_CCM_8"),
    cbc(0x0067, Kex::dhe_rsa, C::aes128, H::sha256, H::sha256,
        "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
    cbc(0x006B, Kex::dhe_rsa, C::aes256, H::sha256, H::sha256,
        "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
    cbc(0x0033, Kex::dhe_rsa, C::aes128, H::sha1, H::sha256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
    cbc(0x0039, Kex::dhe_rsa, C::aes256, H::sha1, H::sha256, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
    cbc(0x00BE, Kex::dhe_rsa, C::camellia128, H::sha256, H::sha256,
        "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0x00C4, Kex::dhe_rsa, C::camellia256, H::sha256, H::sha256,
        "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256"),
    // RSA key transport
    aead(0x009C, Kex::rsa, A::aes128_gcm, H::sha256, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
    aead(0x009D, Kex::rsa, A::aes256_gcm, H::sha384, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
    aead(0xC09C, Kex::rsa, A::aes128_ccm, H::sha256, "TLS_RSA_WITH_AES_128_CCM"),
    aead(0xC09D, Kex::rsa, A::aes256_ccm, H::sha256, "TLS_RSA_WITH_AES_256_CCM"),
    aead(0xC0A0, Kex::rsa, A::aes128_ccm8, H::sha256, "TLS_RSA_WITH_AES_128_CCM_8"),
    aead(0xC0A1, Kex::rsa, A::aes256_ccm8, H::sha256, "TLS_RSA_WITH_AES_256_CCM_8"),
    cbc(0x003C, Kex::rsa, C::aes128, H::sha256, H::sha256, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
    cbc(0x003D, Kex::rsa, C::aes256, H::sha256, H::sha256, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
    cbc(0x002F, Kex::rsa, C::aes128, H::sha1, H::sha256, "TLS_RSA_WITH_AES_128_CBC_SHA"),
    cbc(0x0035, Kex::rsa, C::aes256, H::sha1, H::sha256, "TLS_RSA_WITH_AES_256_CBC_SHA"),
    cbc(0x00BA, Kex::rsa, C::camellia128, H::sha256, H::sha256,
        "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0x00C0, Kex::rsa, C::camellia256, H::sha256, H::sha256,
        "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256"),
    // PSK
    aead(0x00A8, Kex::psk, A::aes128_gcm, H::sha256, "TLS_PSK_WITH_AES_128_GCM_SHA256"),
    aead(0x00A9, Kex::psk, A::aes256_gcm, H::sha384, "TLS_PSK_WITH_AES_256_GCM_SHA384"),
    aead(0xCCAB, Kex::psk, A::chacha20_poly1305, H::sha256,
         "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    aead(0xC0A4, Kex::psk, A::aes128_ccm, H::sha256, "TLS_PSK_WITH_AES_128_CCM"),
    aead(0xC0A5, Kex::psk, A::aes256_ccm, H::sha256, "TLS_PSK_WITH_AES_256_CCM"),
    aead(0xC0A8, Kex::psk, A::aes128_ccm8, H::sha256, "TLS_PSK_WITH_AES_128_CCM_8"),
    aead(0xC0A9, Kex::psk, A::aes256_ccm8, H::sha256, "TLS_PSK_WITH_AES_256_CCM_8"),
    cbc(0x00AE, Kex::psk, C::aes128, H::sha256, H::sha256, "TLS_PSK_WITH_AES_128_CBC_SHA256"),
    cbc(0x00AF, Kex::psk, C::aes256, H::sha384, H::sha384, "TLS_PSK_WITH_AES_256_CBC_SHA384"),
    cbc(0x008C, Kex::psk, C::aes128, H::sha1, H::sha256, "TLS_PSK_WITH_AES_128_CBC_SHA"),
    cbc(0x008D, Kex::psk, C::aes256, H::sha1, H::sha256, "TLS_PSK_WITH_AES_256_CBC_SHA"),
    // DHE-PSK
    aead(0x00AA, Kex::dhe_psk, A::aes128_gcm, H::sha256, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"),
    aead(0x00AB, Kex::dhe_psk, A::aes256_gcm, H::sha384, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"),
    aead(0xCCAD, Kex::dhe_psk, A::chacha20_poly1305, H::sha256,
         "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    aead(0xC0A6, Kex::dhe_psk, A::aes128_ccm, H::sha256, "TLS_DHE_PSK_WITH_AES_128_CCM"),
    aead(0xC0A7, Kex::dhe_psk, A::aes256_ccm, H::sha256, "TLS_DHE_PSK_WITH_AES_256_CCM"),
    cbc(0x00B2, Kex::dhe_psk, C::aes128, H::sha256, H::sha256,
        "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256"),
    cbc(0x00B3, Kex::dhe_psk, C::aes256, H::sha384, H::sha384,
        "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384"),
    cbc(0x0090, Kex::dhe_psk, C::aes128, H::sha1, H::sha256, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA"),
    cbc(0x0091, Kex::dhe_psk, C::aes256, H::sha1, H::sha256, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA"),
    // ECDHE-PSK
    aead(0xCCAC, Kex::ecdhe_psk, A::chacha20_poly1305, H::sha256,
         "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    cbc(0xC037, Kex::ecdhe_psk, C::aes128, H::sha256, H::sha256,
        "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"),
    cbc(0xC038, Kex::ecdhe_psk, C::aes256, H::sha384, H::sha384,
        "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384"),
    cbc(0xC035, Kex::ecdhe_psk, C::aes128, H::sha1, H::sha256,
        "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"),
    cbc(0xC036, Kex::ecdhe_psk, C::aes256, H::sha1, H::sha256,
        "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"),
    // RSA-PSK
    aead(0x00AC, Kex::rsa_psk, A::aes128_gcm, H::sha256, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"),
    aead(0x00AD, Kex::rsa_psk, A::aes256_gcm, H::sha384, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"),
    aead(0xCCAE, Kex::rsa_psk, A::chacha20_poly1305, H::sha256,
         "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256"),
    cbc(0x00B6, Kex::rsa_psk, C::aes128, H::sha256, H::sha256,
        "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256"),
    cbc(0x00B7, Kex::rsa_psk, C::aes256, H::sha384, H::sha384,
        "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384"),
    cbc(0x0094, Kex::rsa_psk, C::aes128, H::sha1, H::sha256, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA"),
    cbc(0x0095, Kex::rsa_psk, C::aes256, H::sha1, H::sha256, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA"),
    // ARIA (RFC 6209) and more Camellia (RFC 6367), as Mbed TLS 2.28 offers them; libcrypto
    // has no Camellia-GCM, so those are left out.
    aead(0xC05C, Kex::ecdhe_ecdsa, A::aria128_gcm, H::sha256,
         "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC05D, Kex::ecdhe_ecdsa, A::aria256_gcm, H::sha384,
         "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC060, Kex::ecdhe_rsa, A::aria128_gcm, H::sha256,
         "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC061, Kex::ecdhe_rsa, A::aria256_gcm, H::sha384,
         "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC052, Kex::dhe_rsa, A::aria128_gcm, H::sha256, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC053, Kex::dhe_rsa, A::aria256_gcm, H::sha384, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC050, Kex::rsa, A::aria128_gcm, H::sha256, "TLS_RSA_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC051, Kex::rsa, A::aria256_gcm, H::sha384, "TLS_RSA_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC06A, Kex::psk, A::aria128_gcm, H::sha256, "TLS_PSK_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC06B, Kex::psk, A::aria256_gcm, H::sha384, "TLS_PSK_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC06C, Kex::dhe_psk, A::aria128_gcm, H::sha256, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC06D, Kex::dhe_psk, A::aria256_gcm, H::sha384, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384"),
    aead(0xC06E, Kex::rsa_psk, A::aria128_gcm, H::sha256, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256"),
    aead(0xC06F, Kex::rsa_psk, A::aria256_gcm, H::sha384, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384"),
    cbc(0xC044, Kex::dhe_rsa, C::aria128, H::sha256, H::sha256,
        "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC045, Kex::dhe_rsa, C::aria256, H::sha384, H::sha384,
        "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384"),
    cbc(0xC03C, Kex::rsa, C::aria128, H::sha256, H::sha256, "TLS_RSA_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC03D, Kex::rsa, C::aria256, H::sha384, H::sha384, "TLS_RSA_WITH_ARIA_256_CBC_SHA384"),
    cbc(0xC064, Kex::psk, C::aria128, H::sha256, H::sha256, "TLS_PSK_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC065, Kex::psk, C::aria256, H::sha384, H::sha384, "TLS_PSK_WITH_ARIA_256_CBC_SHA384"),
    cbc(0xC070, Kex::ecdhe_psk, C::aria128, H::sha256, H::sha256,
        "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256"),
    cbc(0xC071, Kex::ecdhe_psk, C::aria256, H::sha384, H::sha384,
        "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384"),
    cbc(0xC094, Kex::psk, C::camellia128, H::sha256, H::sha256,
        "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0xC095, Kex::psk, C::camellia256, H::sha384, H::sha384,
        "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384"),
    cbc(0xC09A, Kex::ecdhe_psk, C::camellia128, H::sha256, H::sha256,
        "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256"),
    cbc(0xC09B, Kex::ecdhe_psk, C::camellia256, H::sha384, H::sha384,
        "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384"),
};

}  // namespace

const Suite12* tls12_suite(uint16_t id) {
  // Looked up for every suite of every ClientHello: a sorted index, built once.
  static const std::vector<const Suite12*> index = [] {
    std::vector<const Suite12*> v;
    for (const auto& e : kTable) v.push_back(&e.s);
    std::sort(v.begin(), v.end(), [](const Suite12* a, const Suite12* b) { return a->id < b->id; });
    return v;
  }();
  auto it = std::lower_bound(index.begin(), index.end(), id,
                             [](const Suite12* s, uint16_t v) { return s->id < v; });
  return it != index.end() && (*it)->id == id ? *it : nullptr;
}

std::string_view suite12_name(uint16_t id) {
  for (const auto& e : kTable)
    if (e.s.id == id) return e.name;
  return {};
}

std::optional<uint16_t> suite12_from_name(std::string_view name) {
  for (const auto& e : kTable)
    if (e.name == name) return e.s.id;
  return std::nullopt;
}

bool kex_uses_certificate(Kex k) {
  return k == Kex::ecdhe_ecdsa || k == Kex::ecdhe_rsa || k == Kex::dhe_rsa || k == Kex::rsa ||
         k == Kex::rsa_psk;
}
bool kex_is_psk(Kex k) {
  return k == Kex::psk || k == Kex::dhe_psk || k == Kex::ecdhe_psk || k == Kex::rsa_psk;
}
bool kex_is_ecdhe(Kex k) {
  return k == Kex::ecdhe_ecdsa || k == Kex::ecdhe_rsa || k == Kex::ecdhe_psk;
}
bool key_fits_kex(Kex kex, crypto::KeyType type) {
  switch (kex) {
    case Kex::ecdhe_ecdsa:
      return type == crypto::KeyType::ec || type == crypto::KeyType::ed25519 ||
             type == crypto::KeyType::ed448;
    case Kex::ecdhe_rsa:
    case Kex::dhe_rsa:
      // A signing key: RSASSA-PSS keys sign with rsa_pss_pss_* (RFC 8446 §4.2.3 code points,
      // usable in TLS 1.2 signature_algorithms too).
      return type == crypto::KeyType::rsa || type == crypto::KeyType::rsa_pss;
    case Kex::rsa:
    case Kex::rsa_psk:
      return type == crypto::KeyType::rsa;  // key transport: an encryption key
    default:
      return false;
  }
}

bool kex_is_dhe(Kex k) {
  return k == Kex::dhe_rsa || k == Kex::dhe_psk;
}

// Forward-secret AEAD suites first, then CBC with forward secrecy, then RSA key transport.
// PSK suites are offered only when a PSK is configured.
const std::vector<uint16_t>& default_suites12() {
  static const std::vector<uint16_t> v = {
      0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC0AC, 0xC0AD, 0xC0AE, 0xC0AF, 0x009E,
      0x009F, 0xCCAA, 0xC09E, 0xC09F, 0xC023, 0xC027, 0xC024, 0xC028, 0xC009, 0xC013, 0xC00A,
      0xC014, 0x0067, 0x006B, 0x0033, 0x0039, 0x009C, 0x009D, 0xC09C, 0xC09D, 0x003C, 0x003D,
      0x002F, 0x0035, 0xC072, 0xC076, 0xC073, 0xC077, 0xC048, 0xC04C, 0xC049, 0xC04D, 0x00BE,
      0x00C4, 0x00BA, 0x00C0, 0xC0A0, 0xC0A1, 0xC0A2, 0xC0A3, 0xC05C, 0xC060, 0xC05D, 0xC061,
      0xC052, 0xC053, 0xC050, 0xC051, 0xC044, 0xC045, 0xC03C, 0xC03D,
      // PSK family (filtered out without a PSK)
      0xCCAC, 0xC037, 0xC038, 0xC035, 0xC036, 0x00AA, 0x00AB, 0xCCAD, 0xC0A6, 0xC0A7, 0x00B2,
      0x00B3, 0x0090, 0x0091, 0x00AC, 0x00AD, 0xCCAE, 0x00B6, 0x00B7, 0x0094, 0x0095, 0x00A8,
      0x00A9, 0xCCAB, 0xC0A4, 0xC0A5, 0xC0A8, 0xC0A9, 0x00AE, 0x00AF, 0x008C, 0x008D, 0xC06A,
      0xC06B, 0xC06C, 0xC06D, 0xC06E, 0xC06F, 0xC064, 0xC065, 0xC070, 0xC071, 0xC094, 0xC095,
      0xC09A, 0xC09B};
  return v;
}

bool scheme_fits_key12(crypto::SignatureScheme s, crypto::KeyType type) {
  using S = crypto::SignatureScheme;
  switch (s) {
    case S::ecdsa_secp256r1_sha256:
    case S::ecdsa_secp384r1_sha384:
    case S::ecdsa_secp521r1_sha512:
      return type == crypto::KeyType::ec;
    case S::ed25519:
      return type == crypto::KeyType::ed25519;
    case S::ed448:
      return type == crypto::KeyType::ed448;
    case S::rsa_pkcs1_sha256:
    case S::rsa_pkcs1_sha384:
    case S::rsa_pkcs1_sha512:
    case S::rsa_pss_rsae_sha256:
    case S::rsa_pss_rsae_sha384:
    case S::rsa_pss_rsae_sha512:
      return type == crypto::KeyType::rsa;
    case S::rsa_pss_pss_sha256:
    case S::rsa_pss_pss_sha384:
    case S::rsa_pss_pss_sha512:
      return type == crypto::KeyType::rsa_pss;
    default:
      return false;
  }
}

}  // namespace ember::tls
