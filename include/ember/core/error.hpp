// Error values shared by every layer of embertls.
#pragma once

#include <cstdint>
#include <string_view>
#include "ember/core/export.hpp"

namespace ember {

// One list, so that names, descriptions and the alert / MBEDTLS_ERR_* tables stay in step.
// Append new values at the end of their group; never renumber.
#define EMBER_ERROR_LIST(X)                                                             \
  X(ok, "no error")                                                                     \
  /* core */                                                                            \
  X(decode_error, "malformed or truncated input")                                       \
  X(buffer_too_small, "output buffer too small")                                        \
  X(invalid_argument, "invalid argument")                                               \
  X(internal_error, "internal error")                                                   \
  X(out_of_memory, "out of memory")                                                     \
  X(not_found, "not found")                                                             \
  X(file_io_error, "file could not be read")                                            \
  X(unsupported, "feature not supported")                                               \
  /* asn1 / pem */                                                                      \
  X(asn1_truncated, "ASN.1: data truncated")                                            \
  X(asn1_bad_length, "ASN.1: invalid or non-minimal length")                            \
  X(asn1_unexpected_tag, "ASN.1: unexpected tag")                                       \
  X(asn1_trailing_data, "ASN.1: trailing data after value")                             \
  X(asn1_bad_value, "ASN.1: invalid value encoding")                                    \
  X(asn1_too_deep, "ASN.1: nesting too deep")                                           \
  X(pem_no_block, "PEM: no PEM block found")                                            \
  X(pem_bad_label, "PEM: unexpected or mismatched label")                               \
  X(pem_bad_base64, "PEM: invalid base64 data")                                         \
  X(input_too_large, "input exceeds the size limit")                                    \
  /* crypto */                                                                          \
  X(crypto_failure, "cryptographic operation failed")                                   \
  X(unsupported_algorithm, "algorithm not supported")                                   \
  X(bad_key, "invalid or unusable key")                                                 \
  X(bad_password, "wrong password or undecryptable key")                                \
  X(password_required, "the key is encrypted and no password was given")                \
  X(key_mismatch, "private key does not match the certificate")                         \
  X(invalid_signature, "signature verification failed")                                 \
  X(invalid_public_value, "invalid peer public value")                                  \
  X(authentication_failed, "authentication tag mismatch")                               \
  X(entropy_failure, "entropy source failed")                                           \
  X(drbg_request_too_big, "DRBG: request too big")                                      \
  X(drbg_input_too_big, "DRBG: input too big")                                          \
  /* x509 */                                                                            \
  X(x509_bad_format, "X.509: invalid certificate format")                               \
  X(x509_bad_version, "X.509: invalid or unsupported version")                          \
  X(x509_bad_serial, "X.509: invalid serial number")                                    \
  X(x509_bad_algorithm, "X.509: invalid or unknown algorithm")                          \
  X(x509_bad_name, "X.509: invalid name")                                               \
  X(x509_bad_time, "X.509: invalid date")                                               \
  X(x509_bad_public_key, "X.509: invalid public key")                                   \
  X(x509_bad_signature, "X.509: invalid signature field")                               \
  X(x509_bad_extension, "X.509: invalid extension")                                     \
  X(x509_duplicate_extension, "X.509: duplicate extension")                             \
  X(x509_verify_failed, "X.509: certificate verification failed")                       \
  X(x509_bad_crl, "X.509: invalid CRL")                                                 \
  /* tls: errors that end a connection with an alert (see tls/alerts) */                \
  X(unexpected_message, "TLS: unexpected message")                                      \
  X(bad_record_mac, "TLS: bad record MAC")                                              \
  X(record_overflow, "TLS: record overflow")                                            \
  X(handshake_failure, "TLS: handshake failure")                                        \
  X(bad_certificate, "TLS: bad certificate")                                            \
  X(unsupported_certificate, "TLS: unsupported certificate")                            \
  X(certificate_revoked, "TLS: certificate revoked")                                    \
  X(certificate_expired, "TLS: certificate expired")                                    \
  X(certificate_unknown, "TLS: certificate unknown")                                    \
  X(illegal_parameter, "TLS: illegal parameter")                                        \
  X(unknown_ca, "TLS: unknown CA")                                                      \
  X(access_denied, "TLS: access denied")                                                \
  X(tls_decode_error, "TLS: message decode error")                                      \
  X(decrypt_error, "TLS: decrypt error")                                                \
  X(protocol_version, "TLS: protocol version not supported")                            \
  X(insufficient_security, "TLS: insufficient security")                                \
  X(inappropriate_fallback, "TLS: inappropriate fallback")                              \
  X(user_canceled, "TLS: user canceled")                                                \
  X(no_renegotiation, "TLS: renegotiation refused")                                     \
  X(missing_extension, "TLS: missing extension")                                        \
  X(unsupported_extension, "TLS: unsupported extension")                                \
  X(unrecognized_name, "TLS: unrecognized server name")                                 \
  X(unknown_psk_identity, "TLS: unknown PSK identity")                                  \
  X(certificate_required, "TLS: certificate required")                                  \
  X(no_application_protocol, "TLS: no application protocol")                            \
  X(downgrade_detected, "TLS: downgrade detected")                                      \
  /* tls: states and conditions that are not alerts */                                  \
  X(want_read, "TLS: more input needed")                                                \
  X(want_write, "TLS: output pending")                                                  \
  X(peer_close_notify, "TLS: peer closed the connection (close_notify)")                \
  X(peer_alert, "TLS: fatal alert received from peer")                                  \
  X(connection_closed, "TLS: connection already closed")                                \
  X(bad_state, "TLS: operation not allowed in this state")                              \
  X(hostname_required, "TLS: certificate verification requested without a host name")   \
  X(no_shared_cipher, "TLS: no cipher suite in common")                                 \
  X(weak_protocol_version, "TLS: peer offered only SSL 3.0/TLS 1.0/TLS 1.1 (RFC 8996)") \
  X(session_invalid, "TLS: invalid or expired session")                                 \
  X(timeout, "operation timed out")                                                     \
  /* io */                                                                              \
  X(net_unknown_host, "NET: unknown host")                                              \
  X(net_connect_failed, "NET: connection failed")                                       \
  X(net_bind_failed, "NET: bind failed")                                                \
  X(net_listen_failed, "NET: listen failed")                                            \
  X(net_accept_failed, "NET: accept failed")                                            \
  X(net_send_failed, "NET: send failed")                                                \
  X(net_recv_failed, "NET: recv failed")                                                \
  X(net_conn_reset, "NET: connection reset by peer")                                    \
  X(net_socket_failed, "NET: socket creation failed")

enum class Error : uint16_t {
#define EMBER_ERROR_ENUM(name, text) name,
  EMBER_ERROR_LIST(EMBER_ERROR_ENUM)
#undef EMBER_ERROR_ENUM
};

// Identifier of the value, e.g. "bad_record_mac".
EMBER_API std::string_view error_name(Error e) noexcept;
// Human-readable sentence, e.g. "TLS: bad record MAC".
EMBER_API std::string_view error_message(Error e) noexcept;

}  // namespace ember
