// Handshake message codecs: one plain struct per message with decode (of the body, without the
// 4-byte header) and encode. A decode checks structure only — lengths, prefixes, nothing left
// over — and returns decode_error for malformed input; what the contents mean is for the
// handshake machines to judge. Byte fields are views into the decoded body, or into the
// caller's data when encoding.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/algorithms.hpp"
#include "tls/common.hpp"
#include "tls/ext/extensions.hpp"

namespace ember::tls::msgs {

// --- hellos (RFC 8446 §4.1.2-4.1.4, RFC 5246 §7.4.1) -----------------------------------------

struct ClientHello {
  uint16_t legacy_version = 0x0303;
  ByteView random;
  ByteView session_id;
  std::vector<uint16_t> cipher_suites;
  ByteView compression_methods;  // encode: always {null}
  ext::Extensions extensions;
  bool has(uint16_t suite) const;
  bool null_compression_only() const;  // exactly {0}: what TLS 1.3 requires
  bool offers_null_compression() const;
};
Status decode(ByteView body, ClientHello& out);
Bytes encode(const ClientHello& in);
// Bytes at the end of an encoded ClientHello that its PSK binders occupy (with their length
// prefix): the binders are computed over the message without them (RFC 8446 §4.2.11.2).
size_t binders_size(const ClientHello& in);

// ServerHello, for both versions and for HelloRetryRequest. The extensions are decoded by
// decode_extensions once the client knows which of the three it is.
struct ServerHello {
  uint16_t legacy_version = 0x0303;
  ByteView random;
  ByteView session_id;
  uint16_t cipher_suite = 0;
  uint8_t compression_method = 0;
  ByteView extensions_block;  // decode: the raw block
  ext::Extensions extensions;
  bool is_hello_retry_request() const;
  bool has_supported_versions() const;  // a TLS 1.3 (or retry) answer
};
Status decode(ByteView body, ServerHello& out);
Status decode_extensions(ServerHello& sh, ext::Message kind, const std::vector<uint16_t>& offered);
Bytes encode(const ServerHello& in, ext::Message kind);

struct EncryptedExtensions {
  ext::Extensions extensions;
};
Status decode(ByteView body, EncryptedExtensions& out, const std::vector<uint16_t>& offered);
Bytes encode(const EncryptedExtensions& in);

// --- authentication ---------------------------------------------------------------------------

struct CertificateEntry {
  ByteView der;
  ByteView extensions;  // TLS 1.3 per-entry extensions (not acted on)
};
// TLS 1.3 Certificate (RFC 8446 §4.4.2).
struct Certificate13 {
  ByteView request_context;
  std::vector<CertificateEntry> entries;
};
Status decode(ByteView body, Certificate13& out);
Bytes encode(const Certificate13& in);
// TLS 1.2 Certificate (RFC 5246 §7.4.2).
struct Certificate12 {
  std::vector<ByteView> chain;
};
Status decode(ByteView body, Certificate12& out);
Bytes encode(const Certificate12& in);

struct CertificateRequest13 {
  ByteView request_context;
  ext::Extensions extensions;
};
Status decode(ByteView body, CertificateRequest13& out);
Bytes encode(const CertificateRequest13& in);

struct CertificateRequest12 {
  ByteView certificate_types;
  std::vector<crypto::SignatureScheme> schemes;
  std::vector<ByteView> authorities;  // DER distinguished names
};
Status decode(ByteView body, CertificateRequest12& out);
Bytes encode(const CertificateRequest12& in);

// A signature with its scheme: TLS 1.3 CertificateVerify, and TLS 1.2's digitally-signed
// struct (CertificateVerify, the end of a ServerKeyExchange).
struct DigitallySigned {
  crypto::SignatureScheme scheme{};
  ByteView signature;
};
Status decode(ByteView body, DigitallySigned& out);
[[nodiscard]] bool read(Reader& r, DigitallySigned& out);
void write(Writer& w, const DigitallySigned& in);
Bytes encode(const DigitallySigned& in);

// --- post-handshake and tickets ----------------------------------------------------------------

struct NewSessionTicket13 {
  uint32_t lifetime = 0;
  uint32_t age_add = 0;
  ByteView nonce;
  ByteView ticket;
  ext::Extensions extensions;
};
Status decode(ByteView body, NewSessionTicket13& out);
Bytes encode(const NewSessionTicket13& in);

struct NewSessionTicket12 {  // RFC 5077 §3.3
  uint32_t lifetime = 0;
  ByteView ticket;  // empty: the server issues none after all
};
Status decode(ByteView body, NewSessionTicket12& out);
Bytes encode(const NewSessionTicket12& in);

struct KeyUpdate {
  bool update_requested = false;
};
// request_update other than update_not_requested (0) / update_requested (1) is
// illegal_parameter (RFC 8446 §4.6.3).
Status decode(ByteView body, KeyUpdate& out);
Bytes encode(const KeyUpdate& in);

// --- TLS 1.2 key exchange (RFC 5246 §7.4.3, §7.4.7; RFC 8422 §5.4, §5.7; RFC 4279) -----------

struct ServerKeyExchange12 {
  std::optional<ByteView> psk_identity_hint;  // PSK key exchanges
  // ECDHE: named_curve (3) and the point.
  uint8_t curve_type = 3;
  crypto::Group group{};
  ByteView point;
  // DHE: the group and the server's value.
  ByteView dh_p, dh_g, dh_ys;
  ByteView params;  // decode: the bytes the signature covers (after the identity hint)
  std::optional<DigitallySigned> signature;
};
// What a ServerKeyExchange of this key exchange holds; signed: whether it carries a signature.
Status decode(ByteView body, Kex kex, ServerKeyExchange12& out);
// Encodes the parameters only (what the signature covers, after any identity hint).
Bytes encode_params(const ServerKeyExchange12& in, Kex kex);

struct ClientKeyExchange12 {
  std::optional<ByteView> psk_identity;
  ByteView exchange;  // the ECDH point, the DH Yc, or the RSA-encrypted premaster secret
};
Status decode(ByteView body, Kex kex, ClientKeyExchange12& out);
Bytes encode(const ClientKeyExchange12& in, Kex kex);

}  // namespace ember::tls::msgs
