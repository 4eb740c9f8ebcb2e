// ember::Error -> MBEDTLS_ERR_* (the one table), and mbedtls_strerror with the texts Mbed TLS
// 2.28 prints (tests/capi/ compares them with the real library for every code we define).
#include <cstdio>

#include "compat.hpp"
#include "mbedtls/error.h"
#include "mbedtls/md.h"
#include "mbedtls/net_sockets.h"

namespace ember::compat {
namespace {

struct ErrorRow {
  Error error;
  int ssl;   // from mbedtls_ssl_* and mbedtls_net_*
  int x509;  // from mbedtls_x509_*
  int pk;    // from mbedtls_pk_*
  int rng;   // from mbedtls_ctr_drbg_* / mbedtls_entropy_*
};

// A TLS condition: the same code whichever module reports it.
constexpr ErrorRow same(Error e, int code) {
  return {e, code, code, code, code};
}

// Every ember::Error has its row (checked at compile time below).
constexpr ErrorRow kErrors[] = {
    {Error::ok, 0, 0, 0, 0},
    {Error::decode_error, MBEDTLS_ERR_SSL_INVALID_RECORD, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::buffer_too_small, MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL, MBEDTLS_ERR_X509_BUFFER_TOO_SMALL,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG},
    {Error::invalid_argument, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_BAD_INPUT_DATA,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::internal_error, MBEDTLS_ERR_SSL_INTERNAL_ERROR, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED},
    {Error::out_of_memory, MBEDTLS_ERR_SSL_ALLOC_FAILED, MBEDTLS_ERR_X509_ALLOC_FAILED,
     MBEDTLS_ERR_PK_ALLOC_FAILED, MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED},
    {Error::not_found, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_FILE_IO_ERROR,
     MBEDTLS_ERR_PK_FILE_IO_ERROR, MBEDTLS_ERR_CTR_DRBG_FILE_IO_ERROR},
    {Error::file_io_error, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_FILE_IO_ERROR,
     MBEDTLS_ERR_PK_FILE_IO_ERROR, MBEDTLS_ERR_CTR_DRBG_FILE_IO_ERROR},
    {Error::unsupported, MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE, MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE,
     MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_truncated, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_bad_length, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_unexpected_tag, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE,
     MBEDTLS_ERR_X509_INVALID_FORMAT, MBEDTLS_ERR_PK_KEY_INVALID_FORMAT,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_trailing_data, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_bad_value, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::asn1_too_deep, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::pem_no_block, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::pem_bad_label, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::pem_bad_base64, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::input_too_large, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_BAD_INPUT_DATA,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::crypto_failure, MBEDTLS_ERR_SSL_INTERNAL_ERROR, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED},
    {Error::unsupported_algorithm, MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE,
     MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG, MBEDTLS_ERR_PK_UNKNOWN_PK_ALG,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::bad_key, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_PK_INVALID_PUBKEY,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::bad_password, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_PK_PASSWORD_MISMATCH,
     MBEDTLS_ERR_PK_PASSWORD_MISMATCH, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::password_required, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_PK_PASSWORD_REQUIRED,
     MBEDTLS_ERR_PK_PASSWORD_REQUIRED, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::key_mismatch, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_BAD_INPUT_DATA,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::invalid_signature, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_VERIFY,
     MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, MBEDTLS_ERR_PK_BAD_INPUT_DATA,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::invalid_public_value, MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE,
     MBEDTLS_ERR_PK_INVALID_PUBKEY, MBEDTLS_ERR_PK_INVALID_PUBKEY,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::authentication_failed, MBEDTLS_ERR_SSL_INVALID_MAC, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::entropy_failure, MBEDTLS_ERR_SSL_INTERNAL_ERROR, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED},
    {Error::drbg_request_too_big, MBEDTLS_ERR_SSL_INTERNAL_ERROR, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG},
    {Error::drbg_input_too_big, MBEDTLS_ERR_SSL_INTERNAL_ERROR, MBEDTLS_ERR_X509_FATAL_ERROR,
     MBEDTLS_ERR_PK_BAD_INPUT_DATA, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_format, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_version, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_UNKNOWN_VERSION,
     MBEDTLS_ERR_PK_KEY_INVALID_VERSION, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_serial, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_SERIAL,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_algorithm, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_ALG,
     MBEDTLS_ERR_PK_INVALID_ALG, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_name, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_NAME,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_time, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_X509_INVALID_DATE,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_public_key, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE, MBEDTLS_ERR_PK_INVALID_PUBKEY,
     MBEDTLS_ERR_PK_INVALID_PUBKEY, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_signature, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE,
     MBEDTLS_ERR_X509_INVALID_SIGNATURE, MBEDTLS_ERR_PK_KEY_INVALID_FORMAT,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_extension, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE,
     MBEDTLS_ERR_X509_INVALID_EXTENSIONS, MBEDTLS_ERR_PK_KEY_INVALID_FORMAT,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_duplicate_extension, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE,
     MBEDTLS_ERR_X509_INVALID_EXTENSIONS, MBEDTLS_ERR_PK_KEY_INVALID_FORMAT,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_verify_failed, MBEDTLS_ERR_X509_CERT_VERIFY_FAILED,
     MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, MBEDTLS_ERR_X509_CERT_VERIFY_FAILED,
     MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    {Error::x509_bad_crl, MBEDTLS_ERR_SSL_BAD_INPUT_DATA, MBEDTLS_ERR_X509_INVALID_FORMAT,
     MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG},
    same(Error::unexpected_message, MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE),
    same(Error::bad_record_mac, MBEDTLS_ERR_SSL_INVALID_MAC),
    same(Error::record_overflow, MBEDTLS_ERR_SSL_INVALID_RECORD),
    same(Error::handshake_failure, MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE),
    same(Error::bad_certificate, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::unsupported_certificate, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::certificate_revoked, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::certificate_expired, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::certificate_unknown, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::illegal_parameter, MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO),
    same(Error::unknown_ca, MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE),
    same(Error::access_denied, MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED),
    same(Error::tls_decode_error, MBEDTLS_ERR_SSL_INVALID_RECORD),
    same(Error::decrypt_error, MBEDTLS_ERR_SSL_BAD_HS_FINISHED),
    same(Error::protocol_version, MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION),
    same(Error::insufficient_security, MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE),
    same(Error::inappropriate_fallback, MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO),
    same(Error::user_canceled, MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE),
    same(Error::no_renegotiation, MBEDTLS_ERR_SSL_NON_FATAL),
    same(Error::missing_extension, MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO),
    same(Error::unsupported_extension, MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO),
    same(Error::unrecognized_name, MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO),
    same(Error::unknown_psk_identity, MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY),
    same(Error::certificate_required, MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE),
    same(Error::no_application_protocol, MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO),
    same(Error::downgrade_detected, MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO),
    same(Error::want_read, MBEDTLS_ERR_SSL_WANT_READ),
    same(Error::want_write, MBEDTLS_ERR_SSL_WANT_WRITE),
    same(Error::peer_close_notify, MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY),
    same(Error::peer_alert, MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE),
    same(Error::connection_closed, MBEDTLS_ERR_SSL_CONN_EOF),
    same(Error::bad_state, MBEDTLS_ERR_SSL_BAD_INPUT_DATA),
    same(Error::hostname_required, MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME),
    same(Error::no_shared_cipher, MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE),
    same(Error::weak_protocol_version, MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION),
    same(Error::session_invalid, MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED),
    same(Error::timeout, MBEDTLS_ERR_SSL_TIMEOUT),
    same(Error::peer_flood, MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE),
    same(Error::output_limit, MBEDTLS_ERR_SSL_INTERNAL_ERROR),
    same(Error::net_unknown_host, MBEDTLS_ERR_NET_UNKNOWN_HOST),
    same(Error::net_connect_failed, MBEDTLS_ERR_NET_CONNECT_FAILED),
    same(Error::net_bind_failed, MBEDTLS_ERR_NET_BIND_FAILED),
    same(Error::net_listen_failed, MBEDTLS_ERR_NET_LISTEN_FAILED),
    same(Error::net_accept_failed, MBEDTLS_ERR_NET_ACCEPT_FAILED),
    same(Error::net_send_failed, MBEDTLS_ERR_NET_SEND_FAILED),
    same(Error::net_recv_failed, MBEDTLS_ERR_NET_RECV_FAILED),
    same(Error::net_conn_reset, MBEDTLS_ERR_NET_CONN_RESET),
    same(Error::net_socket_failed, MBEDTLS_ERR_NET_SOCKET_FAILED),
};

// Every Error value has a row: the list and the table have the same length.
#define EMBER_COUNT_ERROR(name, value, text) +1  // NOLINT(bugprone-macro-parentheses)
constexpr size_t kErrorCount = 0 EMBER_ERROR_LIST(EMBER_COUNT_ERROR);
#undef EMBER_COUNT_ERROR
static_assert(sizeof(kErrors) / sizeof(kErrors[0]) == kErrorCount,
              "every ember::Error needs a row in kErrors");

struct ErrorText {
  int code;
  const char* text;
};

// Texts of mbedtls_strerror, "MODULE - description", as Mbed TLS 2.28 prints them.
constexpr ErrorText kTexts[] = {
    {MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME,
     "SSL - Attempt to verify a certificate without an expected host name (call "
     "mbedtls_ssl_set_hostname, or pass NULL to opt out)"},
    {MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND, "SSL - Cache entry not found"},
    {MBEDTLS_ERR_SSL_BAD_CONFIG, "SSL - Invalid value in SSL config"},
    {MBEDTLS_ERR_SSL_VERSION_MISMATCH,
     "SSL - An operation failed due to an unexpected version or configuration"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_CID,
     "SSL - An encrypted DTLS-frame with an unexpected CID was received"},
    {MBEDTLS_ERR_SSL_EARLY_MESSAGE,
     "SSL - Internal-only message signaling that a message arrived early"},
    {MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS, "SSL - The asynchronous operation is not completed yet"},
    {MBEDTLS_ERR_SSL_CONTINUE_PROCESSING,
     "SSL - Internal-only message signaling that further message-processing should be done"},
    {MBEDTLS_ERR_SSL_INVALID_VERIFY_HASH,
     "SSL - Couldn't set the hash for verifying CertificateVerify"},
    {MBEDTLS_ERR_SSL_NON_FATAL, "SSL - The alert message received indicates a non-fatal error"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_RECORD, "SSL - Record header looks valid but is not expected"},
    {MBEDTLS_ERR_SSL_CLIENT_RECONNECT, "SSL - The client initiated a reconnect from the same port"},
    {MBEDTLS_ERR_SSL_TIMEOUT, "SSL - The operation timed out"},
    {MBEDTLS_ERR_SSL_WANT_WRITE, "SSL - Connection requires a write call"},
    {MBEDTLS_ERR_SSL_WANT_READ,
     "SSL - No data of requested type currently available on underlying transport"},
    {MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE,
     "SSL - None of the common ciphersuites is usable (eg, no suitable certificate, see debug "
     "messages)"},
    {MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL, "SSL - A buffer is too small to receive or write a message"},
    {MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED, "SSL - DTLS client must retry for hello verification"},
    {MBEDTLS_ERR_SSL_WAITING_SERVER_HELLO_RENEGO,
     "SSL - Unexpected message at ServerHello in renegotiation"},
    {MBEDTLS_ERR_SSL_COUNTER_WRAPPING,
     "SSL - A counter would wrap (eg, too many messages exchanged)"},
    {MBEDTLS_ERR_SSL_INTERNAL_ERROR,
     "SSL - Internal error (eg, unexpected failure in lower-level module)"},
    {MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY, "SSL - Unknown identity received (eg, PSK identity)"},
    {MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH,
     "SSL - Public key type mismatch (eg, asked for RSA key exchange and presented EC key)"},
    {MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED, "SSL - Session ticket has expired"},
    {MBEDTLS_ERR_SSL_BAD_HS_NEW_SESSION_TICKET,
     "SSL - Processing of the NewSessionTicket handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION,
     "SSL - Handshake protocol not within min/max boundaries"},
    {MBEDTLS_ERR_SSL_COMPRESSION_FAILED,
     "SSL - Processing of the compression / decompression failed"},
    {MBEDTLS_ERR_SSL_HW_ACCEL_FALLTHROUGH,
     "SSL - Hardware acceleration function skipped / left alone data"},
    {MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS,
     "SSL - A cryptographic operation is in progress. Try again later"},
    {MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE, "SSL - The requested feature is not available"},
    {MBEDTLS_ERR_SSL_BAD_INPUT_DATA, "SSL - Bad input parameters to function"},
    {MBEDTLS_ERR_SSL_INVALID_MAC, "SSL - Verification of the message MAC failed"},
    {MBEDTLS_ERR_SSL_INVALID_RECORD, "SSL - An invalid SSL record was received"},
    {MBEDTLS_ERR_SSL_CONN_EOF, "SSL - The connection indicated an EOF"},
    {MBEDTLS_ERR_SSL_UNKNOWN_CIPHER, "SSL - An unknown cipher was received"},
    {MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN,
     "SSL - The server has no ciphersuites in common with the client"},
    {MBEDTLS_ERR_SSL_NO_RNG, "SSL - No RNG was provided to the SSL module"},
    {MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE,
     "SSL - No client certification received from the client, but required by the authentication "
     "mode"},
    {MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE,
     "SSL - Our own certificate(s) is/are too large to send in an SSL message"},
    {MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED,
     "SSL - The own certificate is not set, but needed by the server"},
    {MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED,
     "SSL - The own private key or pre-shared key is not set, but needed"},
    {MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED, "SSL - No CA Chain is set, but required to operate"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, "SSL - An unexpected message was received from our peer"},
    {MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, "SSL - A fatal alert message was received from our peer"},
    {MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED, "SSL - Verification of our peer failed"},
    {MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY,
     "SSL - The peer notified us that the connection is going to be closed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO,
     "SSL - Processing of the ClientHello handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO,
     "SSL - Processing of the ServerHello handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE,
     "SSL - Processing of the Certificate handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_REQUEST,
     "SSL - Processing of the CertificateRequest handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE,
     "SSL - Processing of the ServerKeyExchange handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO_DONE,
     "SSL - Processing of the ServerHelloDone handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE,
     "SSL - Processing of the ClientKeyExchange handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_RP,
     "SSL - Processing of the ClientKeyExchange handshake message failed in DHM / ECDH Read "
     "Public"},
    {MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_CS,
     "SSL - Processing of the ClientKeyExchange handshake message failed in DHM / ECDH Calculate "
     "Secret"},
    {MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_VERIFY,
     "SSL - Processing of the CertificateVerify handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_CHANGE_CIPHER_SPEC,
     "SSL - Processing of the ChangeCipherSpec handshake message failed"},
    {MBEDTLS_ERR_SSL_BAD_HS_FINISHED, "SSL - Processing of the Finished handshake message failed"},
    {MBEDTLS_ERR_SSL_ALLOC_FAILED, "SSL - Memory allocation failed"},
    {MBEDTLS_ERR_SSL_HW_ACCEL_FAILED, "SSL - Hardware acceleration function returned with error"},
    {MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE,
     "X509 - Unavailable feature, e.g. RSA hashing/encryption combination"},
    {MBEDTLS_ERR_X509_UNKNOWN_OID, "X509 - Requested OID is unknown"},
    {MBEDTLS_ERR_X509_INVALID_FORMAT,
     "X509 - The CRT/CRL/CSR format is invalid, e.g. different type expected"},
    {MBEDTLS_ERR_X509_INVALID_VERSION, "X509 - The CRT/CRL/CSR version element is invalid"},
    {MBEDTLS_ERR_X509_INVALID_SERIAL, "X509 - The serial tag or value is invalid"},
    {MBEDTLS_ERR_X509_INVALID_ALG, "X509 - The algorithm tag or value is invalid"},
    {MBEDTLS_ERR_X509_INVALID_NAME, "X509 - The name tag or value is invalid"},
    {MBEDTLS_ERR_X509_INVALID_DATE, "X509 - The date tag or value is invalid"},
    {MBEDTLS_ERR_X509_INVALID_SIGNATURE, "X509 - The signature tag or value invalid"},
    {MBEDTLS_ERR_X509_INVALID_EXTENSIONS, "X509 - The extension tag or value is invalid"},
    {MBEDTLS_ERR_X509_UNKNOWN_VERSION, "X509 - CRT/CRL/CSR has an unsupported version number"},
    {MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG, "X509 - Signature algorithm (oid) is unsupported"},
    {MBEDTLS_ERR_X509_SIG_MISMATCH,
     "X509 - Signature algorithms do not match. (see \\c ::mbedtls_x509_crt sig_oid)"},
    {MBEDTLS_ERR_X509_CERT_VERIFY_FAILED,
     "X509 - Certificate verification failed, e.g. CRL, CA or signature check failed"},
    {MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT, "X509 - Format not recognized as DER or PEM"},
    {MBEDTLS_ERR_X509_BAD_INPUT_DATA, "X509 - Input invalid"},
    {MBEDTLS_ERR_X509_ALLOC_FAILED, "X509 - Allocation of memory failed"},
    {MBEDTLS_ERR_X509_FILE_IO_ERROR, "X509 - Read/write of file failed"},
    {MBEDTLS_ERR_X509_BUFFER_TOO_SMALL, "X509 - Destination buffer is too small"},
    {MBEDTLS_ERR_X509_FATAL_ERROR,
     "X509 - A fatal error occurred, eg the chain is too long or the vrfy callback failed"},
    {MBEDTLS_ERR_PK_HW_ACCEL_FAILED, "PK - PK hardware accelerator failed"},
    {MBEDTLS_ERR_PK_SIG_LEN_MISMATCH,
     "PK - The buffer contains a valid signature followed by more data"},
    {MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE, "PK - Unavailable feature, e.g. RSA disabled for RSA key"},
    {MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE,
     "PK - Elliptic curve is unsupported (only NIST curves are supported)"},
    {MBEDTLS_ERR_PK_INVALID_ALG, "PK - The algorithm tag or value is invalid"},
    {MBEDTLS_ERR_PK_INVALID_PUBKEY,
     "PK - The pubkey tag or value is invalid (only RSA and EC are supported)"},
    {MBEDTLS_ERR_PK_PASSWORD_MISMATCH,
     "PK - Given private key password does not allow for correct decryption"},
    {MBEDTLS_ERR_PK_PASSWORD_REQUIRED, "PK - Private key password can't be empty"},
    {MBEDTLS_ERR_PK_UNKNOWN_PK_ALG,
     "PK - Key algorithm is unsupported (only RSA and EC are supported)"},
    {MBEDTLS_ERR_PK_KEY_INVALID_FORMAT, "PK - Invalid key tag or value"},
    {MBEDTLS_ERR_PK_KEY_INVALID_VERSION, "PK - Unsupported key version"},
    {MBEDTLS_ERR_PK_FILE_IO_ERROR, "PK - Read/write of file failed"},
    {MBEDTLS_ERR_PK_BAD_INPUT_DATA, "PK - Bad input parameters to function"},
    {MBEDTLS_ERR_PK_TYPE_MISMATCH, "PK - Type mismatch, eg attempt to encrypt with an ECDSA key"},
    {MBEDTLS_ERR_PK_ALLOC_FAILED, "PK - Memory allocation failed"},
    {MBEDTLS_ERR_NET_SOCKET_FAILED, "NET - Failed to open a socket"},
    {MBEDTLS_ERR_NET_BUFFER_TOO_SMALL, "NET - Buffer is too small to hold the data"},
    {MBEDTLS_ERR_NET_CONNECT_FAILED, "NET - The connection to the given server / port failed"},
    {MBEDTLS_ERR_NET_INVALID_CONTEXT, "NET - The context is invalid, eg because it was free()ed"},
    {MBEDTLS_ERR_NET_BIND_FAILED, "NET - Binding of the socket failed"},
    {MBEDTLS_ERR_NET_POLL_FAILED, "NET - Polling the net context failed"},
    {MBEDTLS_ERR_NET_LISTEN_FAILED, "NET - Could not listen on the socket"},
    {MBEDTLS_ERR_NET_BAD_INPUT_DATA, "NET - Input invalid"},
    {MBEDTLS_ERR_NET_ACCEPT_FAILED, "NET - Could not accept the incoming connection"},
    {MBEDTLS_ERR_NET_RECV_FAILED, "NET - Reading information from the socket failed"},
    {MBEDTLS_ERR_NET_SEND_FAILED, "NET - Sending information through the socket failed"},
    {MBEDTLS_ERR_NET_CONN_RESET, "NET - Connection was reset by peer"},
    {MBEDTLS_ERR_NET_UNKNOWN_HOST, "NET - Failed to get an IP address for the given hostname"},
    {MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED, "CTR_DRBG - The entropy source failed"},
    {MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG,
     "CTR_DRBG - The requested random buffer length is too big"},
    {MBEDTLS_ERR_CTR_DRBG_INPUT_TOO_BIG,
     "CTR_DRBG - The input (entropy + additional data) is too large"},
    {MBEDTLS_ERR_CTR_DRBG_FILE_IO_ERROR, "CTR_DRBG - Read or write error in file"},
    {MBEDTLS_ERR_ENTROPY_SOURCE_FAILED, "ENTROPY - Critical entropy source failure"},
    {MBEDTLS_ERR_ENTROPY_NO_STRONG_SOURCE, "ENTROPY - No strong sources have been added to poll"},
    {MBEDTLS_ERR_ENTROPY_MAX_SOURCES, "ENTROPY - No more sources can be added"},
    {MBEDTLS_ERR_ENTROPY_FILE_IO_ERROR, "ENTROPY - Read/write error in file"},
    {MBEDTLS_ERR_ENTROPY_NO_SOURCES_DEFINED, "ENTROPY - No sources have been added to poll"},
    {MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE, "MD - The selected feature is not available"},
    {MBEDTLS_ERR_MD_BAD_INPUT_DATA, "MD - Bad input parameters to function"},
    {MBEDTLS_ERR_MD_ALLOC_FAILED, "MD - Failed to allocate memory"},
    {MBEDTLS_ERR_MD_FILE_IO_ERROR, "MD - Opening or reading of file failed"},
    {MBEDTLS_ERR_ERROR_GENERIC_ERROR, "ERROR - Generic error"},
    {MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED, "ERROR - This is a bug in the library"},
};

const char* text_of(int code) noexcept {
  for (const auto& t : kTexts)
    if (t.code == code) return t.text;
  return nullptr;
}

}  // namespace

int to_mbedtls(Error e, Module m) noexcept {
  for (const auto& row : kErrors) {
    if (row.error != e) continue;
    switch (m) {
      case Module::ssl:
        return row.ssl;
      case Module::x509:
        return row.x509;
      case Module::pk:
        return row.pk;
      case Module::rng:
        return row.rng;
    }
  }
  return e == Error::ok ? 0 : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

int write_text(char* buf, size_t size, const std::string& text) noexcept {
  if (buf == nullptr || size == 0) return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  if (text.size() >= size) {
    std::memcpy(buf, text.data(), size - 1);
    buf[size - 1] = '\0';
    return MBEDTLS_ERR_X509_BUFFER_TOO_SMALL;
  }
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return static_cast<int>(text.size());
}

}  // namespace ember::compat

extern "C" {

// Mbed TLS's layout: the high-level part (bits 7..15) first, then " : " and the low-level part
// (bits 0..6); a part without a text prints as "UNKNOWN ERROR CODE (XXXX)".
void mbedtls_strerror(int errnum, char* buffer, size_t buflen) noexcept {
  if (buffer == nullptr || buflen == 0) return;
  std::memset(buffer, 0, buflen);
  unsigned int ret =
      errnum < 0 ? 0u - static_cast<unsigned int>(errnum) : static_cast<unsigned int>(errnum);
  unsigned int high = ret & 0xFF80u;
  if (high != 0) {
    const char* t = ember::compat::text_of(-static_cast<int>(high));
    if (t != nullptr)
      std::snprintf(buffer, buflen, "%s", t);
    else
      std::snprintf(buffer, buflen, "UNKNOWN ERROR CODE (%04X)", high);
    // Mbed TLS prints a received fatal alert alone, whatever the low-level bits.
    if (-static_cast<int>(high) == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) return;
  }
  unsigned int low = ret & ~0xFF80u;
  if (low == 0) return;
  size_t len = std::strlen(buffer);
  if (len > 0) {
    if (buflen - len < 5) return;
    std::snprintf(buffer + len, buflen - len, " : ");
    buffer += len + 3;
    buflen -= len + 3;
  }
  const char* t = ember::compat::text_of(-static_cast<int>(low));
  if (t != nullptr)
    std::snprintf(buffer, buflen, "%s", t);
  else
    std::snprintf(buffer, buflen, "UNKNOWN ERROR CODE (%04X)", low);
}

}  // extern "C"
