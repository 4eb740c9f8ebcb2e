// Error values shared by every layer of embertls.
#pragma once

#include <cstdint>
#include <string_view>
#include "ember/core/export.hpp"

namespace ember {

// One list, so that names, descriptions and the alert / MBEDTLS_ERR_* tables stay in step.
// Every value has its number, fixed: each layer has a range (core 0x001, asn1/pem 0x100,
// crypto 0x200, x509 0x300, TLS alerts 0x400, TLS conditions 0x500, io 0x600); a new value
// takes the next free number of its range, and no number is ever reused.
#define EMBER_ERROR_LIST(X)                                                                    \
  X(ok, 0x000, "no error")                                                                     \
  /* core */                                                                                   \
  X(decode_error, 0x001, "malformed or truncated input")                                       \
  X(buffer_too_small, 0x002, "output buffer too small")                                        \
  X(invalid_argument, 0x003, "invalid argument")                                               \
  X(internal_error, 0x004, "internal error")                                                   \
  X(out_of_memory, 0x005, "out of memory")                                                     \
  X(not_found, 0x006, "not found")                                                             \
  X(file_io_error, 0x007, "file could not be read")                                            \
  X(unsupported, 0x008, "feature not supported")                                               \
  /* asn1 / pem */                                                                             \
  X(asn1_truncated, 0x100, "ASN.1: data truncated")                                            \
  X(asn1_bad_length, 0x101, "ASN.1: invalid or non-minimal length")                            \
  X(asn1_unexpected_tag, 0x102, "ASN.1: unexpected tag")                                       \
  X(asn1_trailing_data, 0x103, "ASN.1: trailing data after value")                             \
  X(asn1_bad_value, 0x104, "ASN.1: invalid value encoding")                                    \
  X(asn1_too_deep, 0x105, "ASN.1: nesting too deep")                                           \
  X(pem_no_block, 0x106, "PEM: no PEM block found")                                            \
  X(pem_bad_label, 0x107, "PEM: unexpected or mismatched label")                               \
  X(pem_bad_base64, 0x108, "PEM: invalid base64 data")                                         \
  X(input_too_large, 0x109, "input exceeds the size limit")                                    \
  /* crypto */                                                                                 \
  X(crypto_failure, 0x200, "cryptographic operation failed")                                   \
  X(unsupported_algorithm, 0x201, "algorithm not supported")                                   \
  X(bad_key, 0x202, "invalid or unusable key")                                                 \
  X(bad_password, 0x203, "wrong password or undecryptable key")                                \
  X(password_required, 0x204, "the key is encrypted and no password was given")                \
  X(key_mismatch, 0x205, "private key does not match the certificate")                         \
  X(invalid_signature, 0x206, "signature verification failed")                                 \
  X(invalid_public_value, 0x207, "invalid peer public value")                                  \
  X(authentication_failed, 0x208, "authentication tag mismatch")                               \
  X(entropy_failure, 0x209, "entropy source failed")                                           \
  X(drbg_request_too_big, 0x20a, "DRBG: request too big")                                      \
  X(drbg_input_too_big, 0x20b, "DRBG: input too big")                                          \
  /* x509 */                                                                                   \
  X(x509_bad_format, 0x300, "X.509: invalid certificate format")                               \
  X(x509_bad_version, 0x301, "X.509: invalid or unsupported version")                          \
  X(x509_bad_serial, 0x302, "X.509: invalid serial number")                                    \
  X(x509_bad_algorithm, 0x303, "X.509: invalid or unknown algorithm")                          \
  X(x509_bad_name, 0x304, "X.509: invalid name")                                               \
  X(x509_bad_time, 0x305, "X.509: invalid date")                                               \
  X(x509_bad_public_key, 0x306, "X.509: invalid public key")                                   \
  X(x509_bad_signature, 0x307, "X.509: invalid signature field")                               \
  X(x509_bad_extension, 0x308, "X.509: invalid extension")                                     \
  X(x509_duplicate_extension, 0x309, "X.509: duplicate extension")                             \
  X(x509_verify_failed, 0x30a, "X.509: certificate verification failed")                       \
  X(x509_bad_crl, 0x30b, "X.509: invalid CRL")                                                 \
  /* tls: errors that end a connection with an alert (see tls/alerts) */                       \
  X(unexpected_message, 0x400, "TLS: unexpected message")                                      \
  X(bad_record_mac, 0x401, "TLS: bad record MAC")                                              \
  X(record_overflow, 0x402, "TLS: record overflow")                                            \
  X(handshake_failure, 0x403, "TLS: handshake failure")                                        \
  X(bad_certificate, 0x404, "TLS: bad certificate")                                            \
  X(unsupported_certificate, 0x405, "TLS: unsupported certificate")                            \
  X(certificate_revoked, 0x406, "TLS: certificate revoked")                                    \
  X(certificate_expired, 0x407, "TLS: certificate expired")                                    \
  X(certificate_unknown, 0x408, "TLS: certificate unknown")                                    \
  X(illegal_parameter, 0x409, "TLS: illegal parameter")                                        \
  X(unknown_ca, 0x40a, "TLS: unknown CA")                                                      \
  X(access_denied, 0x40b, "TLS: access denied")                                                \
  X(tls_decode_error, 0x40c, "TLS: message decode error")                                      \
  X(decrypt_error, 0x40d, "TLS: decrypt error")                                                \
  X(protocol_version, 0x40e, "TLS: protocol version not supported")                            \
  X(insufficient_security, 0x40f, "TLS: insufficient security")                                \
  X(inappropriate_fallback, 0x410, "TLS: inappropriate fallback")                              \
  X(user_canceled, 0x411, "TLS: user canceled")                                                \
  X(no_renegotiation, 0x412, "TLS: renegotiation refused")                                     \
  X(missing_extension, 0x413, "TLS: missing extension")                                        \
  X(unsupported_extension, 0x414, "TLS: unsupported extension")                                \
  X(unrecognized_name, 0x415, "TLS: unrecognized server name")                                 \
  X(unknown_psk_identity, 0x416, "TLS: unknown PSK identity")                                  \
  X(certificate_required, 0x417, "TLS: certificate required")                                  \
  X(no_application_protocol, 0x418, "TLS: no application protocol")                            \
  X(downgrade_detected, 0x419, "TLS: downgrade detected")                                      \
  /* tls: states and conditions that are not alerts */                                         \
  X(want_read, 0x500, "TLS: more input needed")                                                \
  X(want_write, 0x501, "TLS: output pending")                                                  \
  X(peer_close_notify, 0x502, "TLS: peer closed the connection (close_notify)")                \
  X(peer_alert, 0x503, "TLS: fatal alert received from peer")                                  \
  X(connection_closed, 0x504, "TLS: connection already closed")                                \
  X(bad_state, 0x505, "TLS: operation not allowed in this state")                              \
  X(hostname_required, 0x506, "TLS: certificate verification requested without a host name")   \
  X(no_shared_cipher, 0x507, "TLS: no cipher suite in common")                                 \
  X(weak_protocol_version, 0x508, "TLS: peer offered only SSL 3.0/TLS 1.0/TLS 1.1 (RFC 8996)") \
  X(session_invalid, 0x509, "TLS: invalid or expired session")                                 \
  X(timeout, 0x50a, "operation timed out")                                                     \
  X(peer_flood, 0x50b, "TLS: too many KeyUpdates, empty records, warnings or renegotiations")  \
  X(output_limit, 0x50c, "TLS: unsent output over its limit (peer does not read)")             \
  /* io */                                                                                     \
  X(net_unknown_host, 0x600, "NET: unknown host")                                              \
  X(net_connect_failed, 0x601, "NET: connection failed")                                       \
  X(net_bind_failed, 0x602, "NET: bind failed")                                                \
  X(net_listen_failed, 0x603, "NET: listen failed")                                            \
  X(net_accept_failed, 0x604, "NET: accept failed")                                            \
  X(net_send_failed, 0x605, "NET: send failed")                                                \
  X(net_recv_failed, 0x606, "NET: recv failed")                                                \
  X(net_conn_reset, 0x607, "NET: connection reset by peer")                                    \
  X(net_socket_failed, 0x608, "NET: socket creation failed")

enum class Error : uint16_t {
#define EMBER_ERROR_ENUM(name, value, text) name = (value),
  EMBER_ERROR_LIST(EMBER_ERROR_ENUM)
#undef EMBER_ERROR_ENUM
};

// Identifier of the value, e.g. "bad_record_mac".
EMBER_API std::string_view error_name(Error e) noexcept;
// Human-readable sentence, e.g. "TLS: bad record MAC".
EMBER_API std::string_view error_message(Error e) noexcept;

}  // namespace ember
