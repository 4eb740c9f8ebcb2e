// Wire constants and small helpers shared by the TLS code (private to src/tls/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/error.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/algorithms.hpp"

namespace ember::tls {

namespace content {
constexpr uint8_t kChangeCipherSpec = 20;
constexpr uint8_t kAlert = 21;
constexpr uint8_t kHandshake = 22;
constexpr uint8_t kApplicationData = 23;
}  // namespace content

namespace hs {
constexpr uint8_t kClientHello = 1;
constexpr uint8_t kServerHello = 2;
constexpr uint8_t kNewSessionTicket = 4;
constexpr uint8_t kEndOfEarlyData = 5;
constexpr uint8_t kEncryptedExtensions = 8;
constexpr uint8_t kCertificate = 11;
constexpr uint8_t kCertificateRequest = 13;
constexpr uint8_t kCertificateVerify = 15;
constexpr uint8_t kFinished = 20;
constexpr uint8_t kKeyUpdate = 24;
constexpr uint8_t kHelloRequest = 0;
constexpr uint8_t kServerKeyExchange = 12;
constexpr uint8_t kServerHelloDone = 14;
constexpr uint8_t kClientKeyExchange = 16;
constexpr uint8_t kMessageHash = 254;
}  // namespace hs

namespace ext {
constexpr uint16_t kServerName = 0;
constexpr uint16_t kMaxFragmentLength = 1;
constexpr uint16_t kSupportedGroups = 10;
constexpr uint16_t kEcPointFormats = 11;
constexpr uint16_t kSignatureAlgorithms = 13;
constexpr uint16_t kAlpn = 16;
constexpr uint16_t kRecordSizeLimit = 28;
constexpr uint16_t kPreSharedKey = 41;
constexpr uint16_t kEarlyData = 42;
constexpr uint16_t kSupportedVersions = 43;
constexpr uint16_t kCookie = 44;
constexpr uint16_t kPskKeyExchangeModes = 45;
constexpr uint16_t kCertificateAuthorities = 47;
constexpr uint16_t kSignatureAlgorithmsCert = 50;
constexpr uint16_t kKeyShare = 51;
constexpr uint16_t kRenegotiationInfo = 0xff01;
constexpr uint16_t kEncryptThenMac = 22;
constexpr uint16_t kExtendedMasterSecret = 23;
constexpr uint16_t kSessionTicket = 35;
}  // namespace ext

namespace alert {
constexpr uint8_t kCloseNotify = 0;
constexpr uint8_t kUnexpectedMessage = 10;
constexpr uint8_t kBadRecordMac = 20;
constexpr uint8_t kRecordOverflow = 22;
constexpr uint8_t kHandshakeFailure = 40;
constexpr uint8_t kBadCertificate = 42;
constexpr uint8_t kUnsupportedCertificate = 43;
constexpr uint8_t kCertificateRevoked = 44;
constexpr uint8_t kCertificateExpired = 45;
constexpr uint8_t kCertificateUnknown = 46;
constexpr uint8_t kIllegalParameter = 47;
constexpr uint8_t kUnknownCa = 48;
constexpr uint8_t kAccessDenied = 49;
constexpr uint8_t kDecodeError = 50;
constexpr uint8_t kDecryptError = 51;
constexpr uint8_t kProtocolVersion = 70;
constexpr uint8_t kInsufficientSecurity = 71;
constexpr uint8_t kInternalError = 80;
constexpr uint8_t kInappropriateFallback = 86;
constexpr uint8_t kUserCanceled = 90;
constexpr uint8_t kMissingExtension = 109;
constexpr uint8_t kUnsupportedExtension = 110;
constexpr uint8_t kUnrecognizedName = 112;
constexpr uint8_t kUnknownPskIdentity = 115;
constexpr uint8_t kCertificateRequired = 116;
constexpr uint8_t kNoApplicationProtocol = 120;
constexpr uint8_t kNoRenegotiation = 100;
}  // namespace alert

// ALPN: the server's answer (one protocol it must have been offered), and the server's choice
// (its first preference the client offered; no_application_protocol when none).
Status parse_alpn_answer(ByteView data, const std::vector<std::string>& offered, std::string& out);
Status choose_alpn(const std::vector<std::string>& ours,
                   const std::optional<std::vector<std::string>>& offered, std::string& out);

// The alert that ends a handshake failing with e (one table, DESIGN.md "Errors").
uint8_t alert_for(Error e);
// The error reported when the peer sends a fatal alert.
Error error_for_alert(uint8_t description);

// RFC 8446 §4.1.3: ServerHello.random of a HelloRetryRequest.
extern const uint8_t kHelloRetryRandom[32];
// Downgrade sentinels in the last 8 bytes of ServerHello.random.
extern const uint8_t kDowngradeTls12[8];
extern const uint8_t kDowngradeTls11[8];

constexpr size_t kMaxPlaintext = 16384;
constexpr size_t kMaxCiphertext13 = 16384 + 256;

struct SuiteInfo {
  uint16_t id;
  crypto::AeadAlg aead;
  crypto::HashAlg hash;
};
const SuiteInfo* tls13_suite(uint16_t id);

// TLS 1.2 key exchanges (RFC 5246, RFC 8422, RFC 4279, RFC 5489).
enum class Kex : uint8_t { ecdhe_ecdsa, ecdhe_rsa, dhe_rsa, rsa, psk, dhe_psk, ecdhe_psk, rsa_psk };
struct Suite12 {
  uint16_t id;
  Kex kex;
  bool aead;                 // else CBC with an HMAC
  crypto::AeadAlg aead_alg;  // aead
  crypto::CbcAlg cbc_alg;    // !aead
  crypto::HashAlg mac;       // !aead
  crypto::HashAlg prf;       // PRF and Finished hash
};
const Suite12* tls12_suite(uint16_t id);
std::string_view suite12_name(uint16_t id);  // empty if unknown
std::optional<uint16_t> suite12_from_name(std::string_view name);
bool kex_uses_certificate(Kex k);  // the server sends a Certificate
bool kex_is_psk(Kex k);
bool kex_is_ecdhe(Kex k);
bool kex_is_dhe(Kex k);
// Whether a certificate key of this type can serve the key exchange (ECDHE-ECDSA: ECDSA or
// EdDSA, RFC 8422 §5.3; the RSA key exchanges: RSA).
bool key_fits_kex(Kex k, crypto::KeyType type);
constexpr uint16_t kEmptyRenegotiationInfoScsv = 0x00FF;
constexpr uint16_t kFallbackScsv = 0x5600;
constexpr size_t kMaxCiphertext12 = 16384 + 2048;
// RFC 7919 ffdhe2048 prime (big-endian): what a DHE server offers.
ByteView ffdhe2048_prime();

}  // namespace ember::tls

namespace ember::tls {
// Library defaults, in preference order.
const std::vector<uint16_t>& default_suites();
const std::vector<crypto::Group>& default_groups();
const std::vector<crypto::SignatureScheme>& default_signature_schemes();
// Parses `data` as exactly one list of 16-bit values with a 1- or 2-byte length prefix
// (supported_versions, supported_groups, signature_algorithms). False on any malformation or,
// unless allow_empty, an empty list.
template <class T>
bool read_u16_list(ByteView data, int prefix_bytes, std::vector<T>& out, bool allow_empty = false) {
  Reader d(data), list;
  bool ok = prefix_bytes == 1 ? d.u8_prefixed(list) : d.u16_prefixed(list);
  if (!ok || !d.empty() || list.remaining() % 2 != 0 || (!allow_empty && list.empty()))
    return false;
  while (!list.empty()) {
    uint16_t v = 0;
    (void)list.u16(v);
    out.push_back(static_cast<T>(v));
  }
  return true;
}

// Reads the next extension of an extensions block; a type seen before in the same block is
// illegal_parameter (RFC 8446 §4.2), a malformed entry decode_error.
inline Error next_extension(Reader& exts, std::vector<uint16_t>& seen, uint16_t& type,
                            ByteView& data) {
  if (!exts.u16(type) || !exts.u16_prefixed(data)) return Error::tls_decode_error;
  for (uint16_t t : seen)
    if (t == type) return Error::illegal_parameter;
  seen.push_back(type);
  return Error::ok;
}

// Library default TLS 1.2 suites, in preference order.
const std::vector<uint16_t>& default_suites12();
// Whether a TLS 1.2 signature (ServerKeyExchange / CertificateVerify) with scheme fits the key:
// ECDSA schemes name only the hash in 1.2, PKCS#1 v1.5 is allowed, SHA-1 is not.
bool scheme_fits_key12(crypto::SignatureScheme s, crypto::KeyType type);
// Whether a TLS 1.3 CertificateVerify with scheme can be made/checked with this key.
bool scheme_fits_key(crypto::SignatureScheme s, crypto::KeyType type,
                     std::optional<crypto::Curve> curve);
}  // namespace ember::tls
