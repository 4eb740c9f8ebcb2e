// Names, suite table and the error <-> alert mapping.
#include "tls/common.hpp"

#include <algorithm>

#include "ember/tls/config.hpp"

namespace ember::tls {

const uint8_t kHelloRetryRandom[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};
const uint8_t kDowngradeTls12[8] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};
const uint8_t kDowngradeTls11[8] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00};

namespace {
constexpr SuiteInfo kSuites[] = {
    {0x1301, crypto::AeadAlg::aes128_gcm, crypto::HashAlg::sha256},
    {0x1302, crypto::AeadAlg::aes256_gcm, crypto::HashAlg::sha384},
    {0x1303, crypto::AeadAlg::chacha20_poly1305, crypto::HashAlg::sha256},
    {0x1304, crypto::AeadAlg::aes128_ccm, crypto::HashAlg::sha256},
    {0x1305, crypto::AeadAlg::aes128_ccm8, crypto::HashAlg::sha256},
};
struct SuiteName {
  uint16_t id;
  std::string_view name;
};
constexpr SuiteName kSuiteNames[] = {
    {0x1301, "TLS_AES_128_GCM_SHA256"},       {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"}, {0x1304, "TLS_AES_128_CCM_SHA256"},
    {0x1305, "TLS_AES_128_CCM_8_SHA256"},
};
}  // namespace

const SuiteInfo* tls13_suite(uint16_t id) {
  for (const auto& s : kSuites)
    if (s.id == id) return &s;
  return nullptr;
}

std::string_view version_name(Version v) {
  return v == Version::tls13 ? "TLSv1.3" : "TLSv1.2";
}

// IANA TLS AlertDescription registry (RFC 8446 §6, RFC 5246 §7.2, RFC 7507, RFC 8879...).
std::string_view alert_name(uint8_t a) {
  switch (a) {
    case 0:
      return "close_notify";
    case 10:
      return "unexpected_message";
    case 20:
      return "bad_record_mac";
    case 21:
      return "decryption_failed";
    case 22:
      return "record_overflow";
    case 30:
      return "decompression_failure";
    case 40:
      return "handshake_failure";
    case 41:
      return "no_certificate";
    case 42:
      return "bad_certificate";
    case 43:
      return "unsupported_certificate";
    case 44:
      return "certificate_revoked";
    case 45:
      return "certificate_expired";
    case 46:
      return "certificate_unknown";
    case 47:
      return "illegal_parameter";
    case 48:
      return "unknown_ca";
    case 49:
      return "access_denied";
    case 50:
      return "decode_error";
    case 51:
      return "decrypt_error";
    case 60:
      return "export_restriction";
    case 70:
      return "protocol_version";
    case 71:
      return "insufficient_security";
    case 80:
      return "internal_error";
    case 86:
      return "inappropriate_fallback";
    case 90:
      return "user_canceled";
    case 100:
      return "no_renegotiation";
    case 109:
      return "missing_extension";
    case 110:
      return "unsupported_extension";
    case 111:
      return "certificate_unobtainable";
    case 112:
      return "unrecognized_name";
    case 113:
      return "bad_certificate_status_response";
    case 114:
      return "bad_certificate_hash_value";
    case 115:
      return "unknown_psk_identity";
    case 116:
      return "certificate_required";
    case 120:
      return "no_application_protocol";
    default:
      return "unknown";
  }
}

std::string_view suite_name(uint16_t suite) {
  for (const auto& s : kSuiteNames)
    if (s.id == suite) return s.name;
  if (auto n = suite12_name(suite); !n.empty()) return n;
  return "unknown";
}

std::optional<uint16_t> suite_from_name(std::string_view name) {
  for (const auto& s : kSuiteNames)
    if (s.name == name) return s.id;
  return suite12_from_name(name);
}

// Every Error has its alert here, with no default: a new Error value that is not placed is a
// compile error (-Wswitch under -Werror), not a silent internal_error.
uint8_t alert_for(Error e) {
  switch (e) {
    case Error::unexpected_message:
    case Error::peer_flood:
      return alert::kUnexpectedMessage;
    case Error::bad_record_mac:
      return alert::kBadRecordMac;
    case Error::record_overflow:
      return alert::kRecordOverflow;
    case Error::handshake_failure:
    case Error::no_shared_cipher:
    case Error::no_renegotiation:
      return alert::kHandshakeFailure;
    case Error::bad_certificate:
      return alert::kBadCertificate;
    case Error::unsupported_certificate:
      return alert::kUnsupportedCertificate;
    case Error::certificate_revoked:
      return alert::kCertificateRevoked;
    case Error::certificate_expired:
      return alert::kCertificateExpired;
    case Error::certificate_unknown:
      return alert::kCertificateUnknown;
    case Error::illegal_parameter:
    case Error::invalid_public_value:
    case Error::downgrade_detected:
      return alert::kIllegalParameter;
    case Error::unknown_ca:
      return alert::kUnknownCa;
    case Error::access_denied:
      return alert::kAccessDenied;
    case Error::tls_decode_error:
    case Error::decode_error:
      return alert::kDecodeError;
    case Error::decrypt_error:
    case Error::invalid_signature:
      return alert::kDecryptError;
    case Error::protocol_version:
    case Error::weak_protocol_version:
      return alert::kProtocolVersion;
    case Error::insufficient_security:
      return alert::kInsufficientSecurity;
    case Error::inappropriate_fallback:
      return alert::kInappropriateFallback;
    case Error::missing_extension:
      return alert::kMissingExtension;
    case Error::unsupported_extension:
      return alert::kUnsupportedExtension;
    case Error::unrecognized_name:
      return alert::kUnrecognizedName;
    case Error::unknown_psk_identity:
      return alert::kUnknownPskIdentity;
    case Error::certificate_required:
      return alert::kCertificateRequired;
    case Error::no_application_protocol:
      return alert::kNoApplicationProtocol;
    case Error::user_canceled:
      return alert::kUserCanceled;
    // Local failures (resources, misuse, our own keys and files): the peer is told only that we
    // failed.
    case Error::ok:
    case Error::buffer_too_small:
    case Error::invalid_argument:
    case Error::internal_error:
    case Error::out_of_memory:
    case Error::not_found:
    case Error::file_io_error:
    case Error::unsupported:
    case Error::input_too_large:
    case Error::crypto_failure:
    case Error::unsupported_algorithm:
    case Error::bad_key:
    case Error::bad_password:
    case Error::password_required:
    case Error::key_mismatch:
    case Error::authentication_failed:
    case Error::entropy_failure:
    case Error::drbg_request_too_big:
    case Error::drbg_input_too_big:
    case Error::bad_state:
    case Error::hostname_required:
    case Error::session_invalid:
    case Error::output_limit:
    // Parse errors of DER/PEM/X.509 never reach here from peer data: the handshake turns them into
    // decode_error or bad_certificate where it parses (a local file or key would be ours).
    case Error::asn1_truncated:
    case Error::asn1_bad_length:
    case Error::asn1_unexpected_tag:
    case Error::asn1_trailing_data:
    case Error::asn1_bad_value:
    case Error::asn1_too_deep:
    case Error::pem_no_block:
    case Error::pem_bad_label:
    case Error::pem_bad_base64:
    case Error::x509_bad_format:
    case Error::x509_bad_version:
    case Error::x509_bad_serial:
    case Error::x509_bad_algorithm:
    case Error::x509_bad_name:
    case Error::x509_bad_time:
    case Error::x509_bad_public_key:
    case Error::x509_bad_signature:
    case Error::x509_bad_extension:
    case Error::x509_duplicate_extension:
    case Error::x509_verify_failed:
    case Error::x509_bad_crl:
    // Not failures of the protocol (fail() sends nothing for the peer's own alerts), or transport
    // conditions: nothing the peer could be told matches better.
    case Error::want_read:
    case Error::want_write:
    case Error::peer_close_notify:
    case Error::peer_alert:
    case Error::connection_closed:
    case Error::timeout:
    case Error::net_unknown_host:
    case Error::net_connect_failed:
    case Error::net_bind_failed:
    case Error::net_listen_failed:
    case Error::net_accept_failed:
    case Error::net_send_failed:
    case Error::net_recv_failed:
    case Error::net_conn_reset:
    case Error::net_socket_failed:
      return alert::kInternalError;
  }
  return alert::kInternalError;  // not an Error value at all
}

Error error_for_alert(uint8_t d) {
  switch (d) {
    case alert::kCloseNotify:
      return Error::peer_close_notify;
    default:
      return Error::peer_alert;
  }
}

}  // namespace ember::tls

namespace ember::tls {

Status parse_alpn_answer(ByteView data, const std::vector<std::string>& offered, std::string& out) {
  Reader d(data), list;
  ByteView proto;
  if (offered.empty()) return Error::unsupported_extension;
  if (!d.u16_prefixed(list) || !d.empty() || !list.u8_prefixed(proto) || !list.empty() ||
      proto.empty())
    return Error::tls_decode_error;
  std::string p(proto.begin(), proto.end());
  if (std::find(offered.begin(), offered.end(), p) == offered.end())
    return Error::illegal_parameter;
  out = std::move(p);
  return {};
}

Status choose_alpn(const std::vector<std::string>& ours,
                   const std::optional<std::vector<std::string>>& offered, std::string& out) {
  out.clear();
  if (!offered || ours.empty()) return {};
  for (const auto& p : ours)
    if (std::find(offered->begin(), offered->end(), p) != offered->end()) {
      out = p;
      return {};
    }
  return Error::no_application_protocol;
}

const std::vector<uint16_t>& default_suites() {
  static const std::vector<uint16_t> v = {0x1301, 0x1302, 0x1303, 0x1304, 0x1305};
  return v;
}

const std::vector<crypto::Group>& default_groups() {
  using G = crypto::Group;
  static const std::vector<G> v = {G::x25519,    G::secp256r1, G::secp384r1, G::x448,
                                   G::secp521r1, G::ffdhe2048, G::ffdhe3072, G::ffdhe4096};
  return v;
}

const std::vector<crypto::SignatureScheme>& default_signature_schemes() {
  using S = crypto::SignatureScheme;
  static const std::vector<S> v = {S::ecdsa_secp256r1_sha256,
                                   S::ecdsa_secp384r1_sha384,
                                   S::ecdsa_secp521r1_sha512,
                                   S::ed25519,
                                   S::ed448,
                                   S::rsa_pss_rsae_sha256,
                                   S::rsa_pss_rsae_sha384,
                                   S::rsa_pss_rsae_sha512,
                                   S::rsa_pss_pss_sha256,
                                   S::rsa_pss_pss_sha384,
                                   S::rsa_pss_pss_sha512,
                                   S::rsa_pkcs1_sha256,
                                   S::rsa_pkcs1_sha384,
                                   S::rsa_pkcs1_sha512};
  return v;
}

bool scheme_fits_key(crypto::SignatureScheme s, crypto::KeyType type,
                     std::optional<crypto::Curve> curve) {
  using S = crypto::SignatureScheme;
  switch (s) {
    case S::ecdsa_secp256r1_sha256:
      return type == crypto::KeyType::ec && curve == crypto::Curve::p256;
    case S::ecdsa_secp384r1_sha384:
      return type == crypto::KeyType::ec && curve == crypto::Curve::p384;
    case S::ecdsa_secp521r1_sha512:
      return type == crypto::KeyType::ec && curve == crypto::Curve::p521;
    case S::ed25519:
      return type == crypto::KeyType::ed25519;
    case S::ed448:
      return type == crypto::KeyType::ed448;
    case S::rsa_pss_rsae_sha256:
    case S::rsa_pss_rsae_sha384:
    case S::rsa_pss_rsae_sha512:
      return type == crypto::KeyType::rsa;
    case S::rsa_pss_pss_sha256:
    case S::rsa_pss_pss_sha384:
    case S::rsa_pss_pss_sha512:
      return type == crypto::KeyType::rsa_pss;
    default:
      return false;  // PKCS#1 v1.5 and SHA-1 never sign a TLS 1.3 handshake
  }
}

}  // namespace ember::tls
