/**
 * \file ssl.h
 *
 * \brief SSL/TLS functions, Mbed TLS 2.28 API, implemented by embertls.
 *
 * Offered versions: TLS 1.2 and TLS 1.3 by default (as Mbed TLS 3.6);
 * mbedtls_ssl_conf_max_version(conf, 3, 3) gives 2.28's TLS 1.2-only behaviour. SSL 3.0,
 * TLS 1.0 and TLS 1.1 do not exist here (RFC 8996). docs/capi.md lists, function by function,
 * what is provided and how it differs from Mbed TLS 2.28.
 */
#ifndef MBEDTLS_SSL_H
#define MBEDTLS_SSL_H

#include "mbedtls/config.h"
#include "mbedtls/platform_time.h"
#include "mbedtls/ssl_ciphersuites.h"
#include "mbedtls/x509_crl.h"
#include "mbedtls/x509_crt.h"

#include <stddef.h>
#include <stdint.h>

/*
 * SSL error codes
 */
#define MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME -0x5D80
#define MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND -0x5E00
#define MBEDTLS_ERR_SSL_BAD_CONFIG -0x5E80
#define MBEDTLS_ERR_SSL_VERSION_MISMATCH -0x5F00
#define MBEDTLS_ERR_SSL_UNEXPECTED_CID -0x6000
#define MBEDTLS_ERR_SSL_EARLY_MESSAGE -0x6480
#define MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS -0x6500
#define MBEDTLS_ERR_SSL_CONTINUE_PROCESSING -0x6580
#define MBEDTLS_ERR_SSL_INVALID_VERIFY_HASH -0x6600
#define MBEDTLS_ERR_SSL_NON_FATAL -0x6680
#define MBEDTLS_ERR_SSL_UNEXPECTED_RECORD -0x6700
#define MBEDTLS_ERR_SSL_CLIENT_RECONNECT -0x6780
#define MBEDTLS_ERR_SSL_TIMEOUT -0x6800
#define MBEDTLS_ERR_SSL_WANT_WRITE -0x6880
#define MBEDTLS_ERR_SSL_WANT_READ -0x6900
#define MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE -0x6980
#define MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL -0x6A00
#define MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED -0x6A80
#define MBEDTLS_ERR_SSL_WAITING_SERVER_HELLO_RENEGO -0x6B00
#define MBEDTLS_ERR_SSL_COUNTER_WRAPPING -0x6B80
#define MBEDTLS_ERR_SSL_INTERNAL_ERROR -0x6C00
#define MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY -0x6C80
#define MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH -0x6D00
#define MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED -0x6D80
#define MBEDTLS_ERR_SSL_BAD_HS_NEW_SESSION_TICKET -0x6E00
#define MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION -0x6E80
#define MBEDTLS_ERR_SSL_COMPRESSION_FAILED -0x6F00
#define MBEDTLS_ERR_SSL_HW_ACCEL_FALLTHROUGH -0x6F80
#define MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS -0x7000
#define MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE -0x7080
#define MBEDTLS_ERR_SSL_BAD_INPUT_DATA -0x7100
#define MBEDTLS_ERR_SSL_INVALID_MAC -0x7180
#define MBEDTLS_ERR_SSL_INVALID_RECORD -0x7200
#define MBEDTLS_ERR_SSL_CONN_EOF -0x7280
#define MBEDTLS_ERR_SSL_UNKNOWN_CIPHER -0x7300
#define MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN -0x7380
#define MBEDTLS_ERR_SSL_NO_RNG -0x7400
#define MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE -0x7480
#define MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE -0x7500
#define MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED -0x7580
#define MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED -0x7600
#define MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED -0x7680
#define MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE -0x7700
#define MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE -0x7780
#define MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED -0x7800
#define MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY -0x7880
#define MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO -0x7900
#define MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO -0x7980
#define MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE -0x7A00
#define MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_REQUEST -0x7A80
#define MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE -0x7B00
#define MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO_DONE -0x7B80
#define MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE -0x7C00
#define MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_RP -0x7C80
#define MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_CS -0x7D00
#define MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_VERIFY -0x7D80
#define MBEDTLS_ERR_SSL_BAD_HS_CHANGE_CIPHER_SPEC -0x7E00
#define MBEDTLS_ERR_SSL_BAD_HS_FINISHED -0x7E80
#define MBEDTLS_ERR_SSL_ALLOC_FAILED -0x7F00
#define MBEDTLS_ERR_SSL_HW_ACCEL_FAILED -0x7F80

/*
 * Various constants
 */
#define MBEDTLS_SSL_MAJOR_VERSION_3 3
#define MBEDTLS_SSL_MINOR_VERSION_0 0 /*!< SSL v3.0 (refused) */
#define MBEDTLS_SSL_MINOR_VERSION_1 1 /*!< TLS v1.0 (refused) */
#define MBEDTLS_SSL_MINOR_VERSION_2 2 /*!< TLS v1.1 (refused) */
#define MBEDTLS_SSL_MINOR_VERSION_3 3 /*!< TLS v1.2 */
#define MBEDTLS_SSL_MINOR_VERSION_4 4 /*!< TLS v1.3 */

#define MBEDTLS_SSL_TRANSPORT_STREAM 0   /*!< TLS */
#define MBEDTLS_SSL_TRANSPORT_DATAGRAM 1 /*!< DTLS (not available yet) */

#define MBEDTLS_SSL_MAX_HOST_NAME_LEN 255
#define MBEDTLS_SSL_MAX_ALPN_NAME_LEN 255
#define MBEDTLS_SSL_MAX_ALPN_LIST_LEN 65535

#define MBEDTLS_SSL_MAX_FRAG_LEN_NONE 0
#define MBEDTLS_SSL_MAX_FRAG_LEN_512 1
#define MBEDTLS_SSL_MAX_FRAG_LEN_1024 2
#define MBEDTLS_SSL_MAX_FRAG_LEN_2048 3
#define MBEDTLS_SSL_MAX_FRAG_LEN_4096 4
#define MBEDTLS_SSL_MAX_FRAG_LEN_INVALID 5

#define MBEDTLS_SSL_IS_CLIENT 0
#define MBEDTLS_SSL_IS_SERVER 1

#define MBEDTLS_SSL_IS_NOT_FALLBACK 0
#define MBEDTLS_SSL_IS_FALLBACK 1

#define MBEDTLS_SSL_EXTENDED_MS_DISABLED 0
#define MBEDTLS_SSL_EXTENDED_MS_ENABLED 1

#define MBEDTLS_SSL_ETM_DISABLED 0
#define MBEDTLS_SSL_ETM_ENABLED 1

#define MBEDTLS_SSL_COMPRESS_NULL 0

#define MBEDTLS_SSL_VERIFY_NONE 0
#define MBEDTLS_SSL_VERIFY_OPTIONAL 1
#define MBEDTLS_SSL_VERIFY_REQUIRED 2
#define MBEDTLS_SSL_VERIFY_UNSET 3

#define MBEDTLS_SSL_LEGACY_RENEGOTIATION 0
#define MBEDTLS_SSL_SECURE_RENEGOTIATION 1

#define MBEDTLS_SSL_RENEGOTIATION_DISABLED 0
#define MBEDTLS_SSL_RENEGOTIATION_ENABLED 1

#define MBEDTLS_SSL_ANTI_REPLAY_DISABLED 0
#define MBEDTLS_SSL_ANTI_REPLAY_ENABLED 1

#define MBEDTLS_SSL_RENEGOTIATION_NOT_ENFORCED -1
#define MBEDTLS_SSL_RENEGO_MAX_RECORDS_DEFAULT 16

#define MBEDTLS_SSL_LEGACY_NO_RENEGOTIATION 0
#define MBEDTLS_SSL_LEGACY_ALLOW_RENEGOTIATION 1
#define MBEDTLS_SSL_LEGACY_BREAK_HANDSHAKE 2

#define MBEDTLS_SSL_TRUNC_HMAC_DISABLED 0
#define MBEDTLS_SSL_TRUNC_HMAC_ENABLED 1 /*!< refused: truncated HMAC is not implemented */
#define MBEDTLS_SSL_TRUNCATED_HMAC_LEN 10

#define MBEDTLS_SSL_SESSION_TICKETS_DISABLED 0
#define MBEDTLS_SSL_SESSION_TICKETS_ENABLED 1

#define MBEDTLS_SSL_CBC_RECORD_SPLITTING_DISABLED 0
#define MBEDTLS_SSL_CBC_RECORD_SPLITTING_ENABLED 1

#define MBEDTLS_SSL_ARC4_ENABLED 0
#define MBEDTLS_SSL_ARC4_DISABLED 1

#define MBEDTLS_SSL_PRESET_DEFAULT 0
#define MBEDTLS_SSL_PRESET_SUITEB 2

#define MBEDTLS_SSL_CERT_REQ_CA_LIST_ENABLED 1
#define MBEDTLS_SSL_CERT_REQ_CA_LIST_DISABLED 0

#define MBEDTLS_SSL_DEFAULT_TICKET_LIFETIME 86400

#define MBEDTLS_SSL_MAX_CONTENT_LEN 16384
#define MBEDTLS_SSL_IN_CONTENT_LEN MBEDTLS_SSL_MAX_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN MBEDTLS_SSL_MAX_CONTENT_LEN

#define MBEDTLS_SSL_VERIFY_DATA_MAX_LEN 12

#define MBEDTLS_SSL_EMPTY_RENEGOTIATION_INFO 0xFF
#define MBEDTLS_SSL_FALLBACK_SCSV_VALUE 0x5600

/* Signature and hash algorithms of TLS 1.2 (RFC 5246 7.4.1.4.1) */
#define MBEDTLS_SSL_HASH_NONE 0
#define MBEDTLS_SSL_HASH_MD5 1
#define MBEDTLS_SSL_HASH_SHA1 2
#define MBEDTLS_SSL_HASH_SHA224 3
#define MBEDTLS_SSL_HASH_SHA256 4
#define MBEDTLS_SSL_HASH_SHA384 5
#define MBEDTLS_SSL_HASH_SHA512 6

#define MBEDTLS_SSL_SIG_ANON 0
#define MBEDTLS_SSL_SIG_RSA 1
#define MBEDTLS_SSL_SIG_ECDSA 3

#define MBEDTLS_SSL_CERT_TYPE_RSA_SIGN 1
#define MBEDTLS_SSL_CERT_TYPE_ECDSA_SIGN 64

/* Record types */
#define MBEDTLS_SSL_MSG_CHANGE_CIPHER_SPEC 20
#define MBEDTLS_SSL_MSG_ALERT 21
#define MBEDTLS_SSL_MSG_HANDSHAKE 22
#define MBEDTLS_SSL_MSG_APPLICATION_DATA 23

/* Alerts */
#define MBEDTLS_SSL_ALERT_LEVEL_WARNING 1
#define MBEDTLS_SSL_ALERT_LEVEL_FATAL 2

#define MBEDTLS_SSL_ALERT_MSG_CLOSE_NOTIFY 0
#define MBEDTLS_SSL_ALERT_MSG_UNEXPECTED_MESSAGE 10
#define MBEDTLS_SSL_ALERT_MSG_BAD_RECORD_MAC 20
#define MBEDTLS_SSL_ALERT_MSG_DECRYPTION_FAILED 21
#define MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW 22
#define MBEDTLS_SSL_ALERT_MSG_DECOMPRESSION_FAILURE 30
#define MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE 40
#define MBEDTLS_SSL_ALERT_MSG_NO_CERT 41
#define MBEDTLS_SSL_ALERT_MSG_BAD_CERT 42
#define MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_CERT 43
#define MBEDTLS_SSL_ALERT_MSG_CERT_REVOKED 44
#define MBEDTLS_SSL_ALERT_MSG_CERT_EXPIRED 45
#define MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN 46
#define MBEDTLS_SSL_ALERT_MSG_ILLEGAL_PARAMETER 47
#define MBEDTLS_SSL_ALERT_MSG_UNKNOWN_CA 48
#define MBEDTLS_SSL_ALERT_MSG_ACCESS_DENIED 49
#define MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR 50
#define MBEDTLS_SSL_ALERT_MSG_DECRYPT_ERROR 51
#define MBEDTLS_SSL_ALERT_MSG_EXPORT_RESTRICTION 60
#define MBEDTLS_SSL_ALERT_MSG_PROTOCOL_VERSION 70
#define MBEDTLS_SSL_ALERT_MSG_INSUFFICIENT_SECURITY 71
#define MBEDTLS_SSL_ALERT_MSG_INTERNAL_ERROR 80
#define MBEDTLS_SSL_ALERT_MSG_INAPROPRIATE_FALLBACK 86
#define MBEDTLS_SSL_ALERT_MSG_USER_CANCELED 90
#define MBEDTLS_SSL_ALERT_MSG_NO_RENEGOTIATION 100
#define MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_EXT 110
#define MBEDTLS_SSL_ALERT_MSG_UNRECOGNIZED_NAME 112
#define MBEDTLS_SSL_ALERT_MSG_UNKNOWN_PSK_IDENTITY 115
#define MBEDTLS_SSL_ALERT_MSG_NO_APPLICATION_PROTOCOL 120

/* Handshake message types */
#define MBEDTLS_SSL_HS_HELLO_REQUEST 0
#define MBEDTLS_SSL_HS_CLIENT_HELLO 1
#define MBEDTLS_SSL_HS_SERVER_HELLO 2
#define MBEDTLS_SSL_HS_HELLO_VERIFY_REQUEST 3
#define MBEDTLS_SSL_HS_NEW_SESSION_TICKET 4
#define MBEDTLS_SSL_HS_CERTIFICATE 11
#define MBEDTLS_SSL_HS_SERVER_KEY_EXCHANGE 12
#define MBEDTLS_SSL_HS_CERTIFICATE_REQUEST 13
#define MBEDTLS_SSL_HS_SERVER_HELLO_DONE 14
#define MBEDTLS_SSL_HS_CERTIFICATE_VERIFY 15
#define MBEDTLS_SSL_HS_CLIENT_KEY_EXCHANGE 16
#define MBEDTLS_SSL_HS_FINISHED 20

/* TLS extensions */
#define MBEDTLS_TLS_EXT_SERVERNAME 0
#define MBEDTLS_TLS_EXT_SERVERNAME_HOSTNAME 0
#define MBEDTLS_TLS_EXT_MAX_FRAGMENT_LENGTH 1
#define MBEDTLS_TLS_EXT_TRUNCATED_HMAC 4
#define MBEDTLS_TLS_EXT_SUPPORTED_ELLIPTIC_CURVES 10
#define MBEDTLS_TLS_EXT_SUPPORTED_POINT_FORMATS 11
#define MBEDTLS_TLS_EXT_SIG_ALG 13
#define MBEDTLS_TLS_EXT_USE_SRTP 14
#define MBEDTLS_TLS_EXT_ALPN 16
#define MBEDTLS_TLS_EXT_ENCRYPT_THEN_MAC 22
#define MBEDTLS_TLS_EXT_EXTENDED_MASTER_SECRET 0x0017
#define MBEDTLS_TLS_EXT_SESSION_TICKET 35
#define MBEDTLS_TLS_EXT_RENEGOTIATION_INFO 0xFF01

#ifdef __cplusplus
extern "C" {
#endif

/** The handshake states, as mbedtls_ssl_context.state reports them. TLS 1.3 handshakes map
 *  onto them coarsely (docs/tls.md "Handshake states"). */
typedef enum {
  MBEDTLS_SSL_HELLO_REQUEST,
  MBEDTLS_SSL_CLIENT_HELLO,
  MBEDTLS_SSL_SERVER_HELLO,
  MBEDTLS_SSL_SERVER_CERTIFICATE,
  MBEDTLS_SSL_SERVER_KEY_EXCHANGE,
  MBEDTLS_SSL_CERTIFICATE_REQUEST,
  MBEDTLS_SSL_SERVER_HELLO_DONE,
  MBEDTLS_SSL_CLIENT_CERTIFICATE,
  MBEDTLS_SSL_CLIENT_KEY_EXCHANGE,
  MBEDTLS_SSL_CERTIFICATE_VERIFY,
  MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC,
  MBEDTLS_SSL_CLIENT_FINISHED,
  MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC,
  MBEDTLS_SSL_SERVER_FINISHED,
  MBEDTLS_SSL_FLUSH_BUFFERS,
  MBEDTLS_SSL_HANDSHAKE_WRAPUP,
  MBEDTLS_SSL_HANDSHAKE_OVER,
  MBEDTLS_SSL_SERVER_NEW_SESSION_TICKET,
  MBEDTLS_SSL_SERVER_HELLO_VERIFY_REQUEST_SENT
} mbedtls_ssl_states;

/** Write callback: bytes sent, or MBEDTLS_ERR_SSL_WANT_WRITE, or a negative error. */
typedef int mbedtls_ssl_send_t(void* ctx, const unsigned char* buf, size_t len);
/** Read callback: bytes read, 0 at EOF, MBEDTLS_ERR_SSL_WANT_READ, or a negative error. */
typedef int mbedtls_ssl_recv_t(void* ctx, unsigned char* buf, size_t len);
/** Read callback with a timeout in ms (0: none); MBEDTLS_ERR_SSL_TIMEOUT when it expires. */
typedef int mbedtls_ssl_recv_timeout_t(void* ctx, unsigned char* buf, size_t len, uint32_t timeout);

/** Largest PSK accepted by mbedtls_ssl_set_hs_psk (2.28's default). */
#if !defined(MBEDTLS_PSK_MAX_LEN)
#define MBEDTLS_PSK_MAX_LEN 32
#endif

/** What a negotiated session holds (filled at the end of the handshake). */
typedef struct mbedtls_ssl_session {
  mbedtls_time_t start;
  int ciphersuite;
  int compression;
  size_t id_len;
  unsigned char id[32];
  unsigned char master[48]; /**< embertls: never exported, always zero */
  mbedtls_x509_crt* peer_cert;
  uint32_t verify_result;
  unsigned char* ticket;
  size_t ticket_len;
  uint32_t ticket_lifetime;
  unsigned char mfl_code;
  int trunc_hmac;
  int encrypt_then_mac;
  unsigned char* ember_state; /**< embertls: the resumable state (library-allocated) */
  size_t ember_state_len;     /**< embertls: its length (0: nothing to resume) */
} mbedtls_ssl_session;

/**
 * \brief Server: writes a ticket for \p session into [start, end), its length into *tlen
 *        and its lifetime in seconds into *lifetime. 0 or a negative error.
 */
typedef int mbedtls_ssl_ticket_write_t(void* p_ticket, const mbedtls_ssl_session* session,
                                       unsigned char* start, const unsigned char* end, size_t* tlen,
                                       uint32_t* lifetime);
/**
 * \brief Server: checks and opens the ticket in buf[0, len) into \p session (which it may
 *        use as scratch space). 0, MBEDTLS_ERR_SSL_INVALID_MAC,
 * MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED or another negative error.
 */
typedef int mbedtls_ssl_ticket_parse_t(void* p_ticket, mbedtls_ssl_session* session,
                                       unsigned char* buf, size_t len);

/**
 * \brief SSL configuration, shared by the contexts set up with it (it must outlive them).
 *        Declared by value; mbedtls_ssl_config_init(), then mbedtls_ssl_config_defaults().
 *        The public fields mirror the settings; change them with the mbedtls_ssl_conf_*
 *        functions only.
 */
typedef struct mbedtls_ssl_config {
  int endpoint;  /**< MBEDTLS_SSL_IS_CLIENT or _SERVER */
  int transport; /**< MBEDTLS_SSL_TRANSPORT_STREAM */
  int authmode;  /**< MBEDTLS_SSL_VERIFY_* */
  unsigned char max_major_ver;
  unsigned char max_minor_ver;
  unsigned char min_major_ver;
  unsigned char min_minor_ver;
  int (*f_rng)(void*, unsigned char*, size_t);
  void* p_rng;
  void (*f_dbg)(void*, int, const char*, int, const char*);
  void* p_dbg;
  mbedtls_x509_crt* ca_chain;
  mbedtls_x509_crl* ca_crl;
  const int* ciphersuite_list;
  const char** alpn_list;
  void* ember_impl; /**< embertls: the configuration builder (do not touch) */
} mbedtls_ssl_config;

/**
 * \brief One TLS connection. Declared by value; mbedtls_ssl_init(), mbedtls_ssl_setup(),
 *        mbedtls_ssl_set_bio(), then handshake / read / write. `state` is updated by every
 *        call (MBEDTLS_SSL_HANDSHAKE_OVER once the handshake is done), `session` points to the
 *        negotiated session after the handshake (NULL before).
 */
typedef struct mbedtls_ssl_context {
  const mbedtls_ssl_config* conf;
  int state;
  int major_ver;
  int minor_ver;
  mbedtls_ssl_send_t* f_send;
  mbedtls_ssl_recv_t* f_recv;
  mbedtls_ssl_recv_timeout_t* f_recv_timeout;
  void* p_bio;
  mbedtls_ssl_session* session;
  void* ember_impl; /**< embertls: the connection (do not touch) */
} mbedtls_ssl_context;

/* --- Configuration --- */

/** Initialises an empty configuration. */
void mbedtls_ssl_config_init(mbedtls_ssl_config* conf) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Loads the defaults: endpoint, transport (MBEDTLS_SSL_TRANSPORT_STREAM only) and
 *        preset (MBEDTLS_SSL_PRESET_DEFAULT or _SUITEB). Clients verify the server
 *        (MBEDTLS_SSL_VERIFY_REQUIRED), servers do not ask for certificates.
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (bad endpoint/preset, NULL conf) or
 *         MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE (DTLS).
 */
int mbedtls_ssl_config_defaults(mbedtls_ssl_config* conf, int endpoint, int transport,
                                int preset) MBEDTLS_EMBER_NOEXCEPT;
/** Frees the configuration (the certificates and keys it refers to stay the caller's). */
void mbedtls_ssl_config_free(mbedtls_ssl_config* conf) MBEDTLS_EMBER_NOEXCEPT;

/** Sets the endpoint (MBEDTLS_SSL_IS_CLIENT / _SERVER). */
void mbedtls_ssl_conf_endpoint(mbedtls_ssl_config* conf, int endpoint) MBEDTLS_EMBER_NOEXCEPT;
/** Sets the transport; only MBEDTLS_SSL_TRANSPORT_STREAM is available. */
void mbedtls_ssl_conf_transport(mbedtls_ssl_config* conf, int transport) MBEDTLS_EMBER_NOEXCEPT;
/** Peer verification: MBEDTLS_SSL_VERIFY_NONE, _OPTIONAL or _REQUIRED. */
void mbedtls_ssl_conf_authmode(mbedtls_ssl_config* conf, int authmode) MBEDTLS_EMBER_NOEXCEPT;
/** The random generator (required). */
void mbedtls_ssl_conf_rng(mbedtls_ssl_config* conf, int (*f_rng)(void*, unsigned char*, size_t),
                          void* p_rng) MBEDTLS_EMBER_NOEXCEPT;
/** The debug callback: f_dbg(p_dbg, level, file, line, text). */
void mbedtls_ssl_conf_dbg(mbedtls_ssl_config* conf,
                          void (*f_dbg)(void*, int, const char*, int, const char*),
                          void* p_dbg) MBEDTLS_EMBER_NOEXCEPT;
/** Read timeout in ms for mbedtls_ssl_read() with a recv_timeout callback (0: none). */
void mbedtls_ssl_conf_read_timeout(mbedtls_ssl_config* conf,
                                   uint32_t timeout) MBEDTLS_EMBER_NOEXCEPT;
/** Trusted CAs (a chain list) and optional CRLs, read when a handshake starts. */
void mbedtls_ssl_conf_ca_chain(mbedtls_ssl_config* conf, mbedtls_x509_crt* ca_chain,
                               mbedtls_x509_crl* ca_crl) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Adds an own certificate chain and its private key (may be called several times:
 *        the handshake picks by key type).
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (NULL, empty, key not matching the certificate)
 *         or MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_conf_own_cert(mbedtls_ssl_config* conf, mbedtls_x509_crt* own_cert,
                              mbedtls_pk_context* pk_key) MBEDTLS_EMBER_NOEXCEPT;
/** Ciphersuite preference list (IANA ids, 0-terminated; kept by reference). */
void mbedtls_ssl_conf_ciphersuites(mbedtls_ssl_config* conf,
                                   const int* ciphersuites) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Highest version offered: major 3, minor 3 (TLS 1.2) or 4 (TLS 1.3, the default).
 *        Lower minors (SSL 3.0, TLS 1.0/1.1) are refused: the setting is left unchanged and the
 *        next mbedtls_ssl_setup() / handshake returns MBEDTLS_ERR_SSL_BAD_INPUT_DATA.
 */
void mbedtls_ssl_conf_max_version(mbedtls_ssl_config* conf, int major,
                                  int minor) MBEDTLS_EMBER_NOEXCEPT;
/** Lowest version accepted: 3.3 (TLS 1.2, the default) or 3.4. As above for lower ones. */
void mbedtls_ssl_conf_min_version(mbedtls_ssl_config* conf, int major,
                                  int minor) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The pre-shared key and its identity (TLS 1.2 PSK suites, RFC 4279). Client: what it
 *        offers. Server: the one identity it accepts. Copied.
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (NULL, empty, longer than 2^16-1 bytes) or
 *         MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_conf_psk(mbedtls_ssl_config* conf, const unsigned char* psk, size_t psk_len,
                         const unsigned char* psk_identity,
                         size_t psk_identity_len) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Server: looks PSK identities up (TLS 1.2 PSK suites). f_psk(p_psk, ssl, identity,
 *        identity_len) returns 0 after giving the key with mbedtls_ssl_set_hs_psk(), or
 *        non-zero for an unknown identity (the handshake then fails with
 *        MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY). Takes precedence over mbedtls_ssl_conf_psk's pair.
 */
void mbedtls_ssl_conf_psk_cb(mbedtls_ssl_config* conf,
                             int (*f_psk)(void*, struct mbedtls_ssl_context*, const unsigned char*,
                                          size_t),
                             void* p_psk) MBEDTLS_EMBER_NOEXCEPT;
/** ALPN protocols, NULL-terminated list kept by reference. */
int mbedtls_ssl_conf_alpn_protocols(mbedtls_ssl_config* conf,
                                    const char** protos) MBEDTLS_EMBER_NOEXCEPT;
/** Session tickets on/off (MBEDTLS_SSL_SESSION_TICKETS_*). */
void mbedtls_ssl_conf_session_tickets(mbedtls_ssl_config* conf,
                                      int use_tickets) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Server: the session cache for TLS 1.2 session-ID resumption. embertls resumes
 *        through it when f_get_cache and f_set_cache are mbedtls_ssl_cache_get and
 *        mbedtls_ssl_cache_set (p_cache an mbedtls_ssl_cache_context); other callbacks are
 *        not called (docs/capi.md): sessions are then not cached.
 */
void mbedtls_ssl_conf_session_cache(
    mbedtls_ssl_config* conf, void* p_cache, int (*f_get_cache)(void*, mbedtls_ssl_session*),
    int (*f_set_cache)(void*, const mbedtls_ssl_session*)) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Server: session tickets (TLS 1.2 RFC 5077 and TLS 1.3 NewSessionTicket). A server
 *        sends tickets only when this is set; embertls seals them when f_ticket_write and
 *        f_ticket_parse are mbedtls_ssl_ticket_write and mbedtls_ssl_ticket_parse (p_ticket an
 *        mbedtls_ssl_ticket_context); NULL or other callbacks: no tickets (docs/capi.md).
 */
void mbedtls_ssl_conf_session_tickets_cb(mbedtls_ssl_config* conf,
                                         mbedtls_ssl_ticket_write_t* f_ticket_write,
                                         mbedtls_ssl_ticket_parse_t* f_ticket_parse,
                                         void* p_ticket) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The certificate verification callback: called for each certificate of the peer's
 *        chain, from the top (the trusted CA, highest depth) down to the peer's own
 *        certificate (depth 0), with that certificate's flags, which it may clear or set. A
 *        non-zero return ends the handshake with that code. mbedtls_ssl_set_verify() on a
 *        context takes precedence.
 */
void mbedtls_ssl_conf_verify(mbedtls_ssl_config* conf,
                             int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                             void* p_vrfy) MBEDTLS_EMBER_NOEXCEPT;
/** Encrypt-then-MAC on/off (TLS 1.2 CBC suites). */
void mbedtls_ssl_conf_encrypt_then_mac(mbedtls_ssl_config* conf, char etm) MBEDTLS_EMBER_NOEXCEPT;
/** Extended master secret on/off (TLS 1.2). */
void mbedtls_ssl_conf_extended_master_secret(mbedtls_ssl_config* conf,
                                             char ems) MBEDTLS_EMBER_NOEXCEPT;
/** Marks the connection as a fallback retry (TLS_FALLBACK_SCSV). */
void mbedtls_ssl_conf_fallback(mbedtls_ssl_config* conf, char fallback) MBEDTLS_EMBER_NOEXCEPT;
/** Renegotiation on/off (TLS 1.2). */
void mbedtls_ssl_conf_renegotiation(mbedtls_ssl_config* conf,
                                    int renegotiation) MBEDTLS_EMBER_NOEXCEPT;
/** Handling of peers without secure renegotiation (MBEDTLS_SSL_LEGACY_*). */
void mbedtls_ssl_conf_legacy_renegotiation(mbedtls_ssl_config* conf,
                                           int allow_legacy) MBEDTLS_EMBER_NOEXCEPT;
/** Records accepted while waiting for a requested renegotiation (negative: not enforced). */
void mbedtls_ssl_conf_renegotiation_enforced(mbedtls_ssl_config* conf,
                                             int max_records) MBEDTLS_EMBER_NOEXCEPT;
/** Maximum fragment length the client asks for (MBEDTLS_SSL_MAX_FRAG_LEN_*). */
int mbedtls_ssl_conf_max_frag_len(mbedtls_ssl_config* conf,
                                  unsigned char mfl_code) MBEDTLS_EMBER_NOEXCEPT;
/** Server: list the CAs in CertificateRequest (MBEDTLS_SSL_CERT_REQ_CA_LIST_*). */
void mbedtls_ssl_conf_cert_req_ca_list(mbedtls_ssl_config* conf,
                                       char cert_req_ca_list) MBEDTLS_EMBER_NOEXCEPT;
/** RC4 is never available: accepted and ignored. */
void mbedtls_ssl_conf_arc4_support(mbedtls_ssl_config* conf, char arc4) MBEDTLS_EMBER_NOEXCEPT;

/* --- Context --- */

/** Initialises an empty context. */
void mbedtls_ssl_init(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Binds the context to a configuration (kept by pointer: it must stay alive and
 *        unmodified while the session runs; changes take effect after mbedtls_ssl_session_reset).
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA or MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_setup(mbedtls_ssl_context* ssl,
                      const mbedtls_ssl_config* conf) MBEDTLS_EMBER_NOEXCEPT;
/** Back to the state after mbedtls_ssl_setup() (configuration and BIO kept). */
int mbedtls_ssl_session_reset(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** Frees the context. */
void mbedtls_ssl_free(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;

/** The transport callbacks; f_recv_timeout is used instead of f_recv when both are set. */
void mbedtls_ssl_set_bio(mbedtls_ssl_context* ssl, void* p_bio, mbedtls_ssl_send_t* f_send,
                         mbedtls_ssl_recv_t* f_recv,
                         mbedtls_ssl_recv_timeout_t* f_recv_timeout) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The server name: sent as SNI and checked against the server certificate. A client
 *        that verifies the server must call it (NULL opts out of the name check), or the
 *        handshake fails with MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME
 *        (as Mbed TLS 2.28.10 and 3.6).
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (too long, after the handshake started) or
 *         MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_set_hostname(mbedtls_ssl_context* ssl, const char* hostname) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Performs the handshake. Non-blocking BIOs: MBEDTLS_ERR_SSL_WANT_READ / _WANT_WRITE,
 *        call again when ready. A failed verification of the peer (VERIFY_REQUIRED) returns
 *        MBEDTLS_ERR_X509_CERT_VERIFY_FAILED; mbedtls_ssl_get_verify_result() says why.
 */
int mbedtls_ssl_handshake(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** One step of the handshake (ssl->state tells which comes next). */
int mbedtls_ssl_handshake_step(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** Starts a renegotiation (TLS 1.2, when enabled) and performs it. */
int mbedtls_ssl_renegotiate(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;

/**
 * \brief Reads application data (handshakes first if needed).
 * \return bytes read (> 0), MBEDTLS_ERR_SSL_WANT_READ / _WANT_WRITE,
 *         MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY, MBEDTLS_ERR_SSL_CONN_EOF, or another error.
 */
int mbedtls_ssl_read(mbedtls_ssl_context* ssl, unsigned char* buf,
                     size_t len) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Writes application data: at most one record's worth (partial writes: call again
 *        with the rest). After MBEDTLS_ERR_SSL_WANT_WRITE call again with the same data.
 * \return bytes written (> 0, or 0 for len 0) or a negative error.
 */
int mbedtls_ssl_write(mbedtls_ssl_context* ssl, const unsigned char* buf,
                      size_t len) MBEDTLS_EMBER_NOEXCEPT;
/** Sends close_notify (MBEDTLS_ERR_SSL_WANT_WRITE: call again). */
int mbedtls_ssl_close_notify(mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;

/** The verification callback of this context (as mbedtls_ssl_conf_verify, which it overrides). */
void mbedtls_ssl_set_verify(mbedtls_ssl_context* ssl,
                            int (*f_vrfy)(void*, mbedtls_x509_crt*, int, uint32_t*),
                            void* p_vrfy) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief The PSK of the next or current handshake (copied): from the PSK callback, or before
 *        the handshake (kept when the callback accepts without giving a key, as 2.28).
 * \return 0, or MBEDTLS_ERR_SSL_BAD_INPUT_DATA (empty or longer than MBEDTLS_PSK_MAX_LEN).
 */
int mbedtls_ssl_set_hs_psk(mbedtls_ssl_context* ssl, const unsigned char* psk,
                           size_t psk_len) MBEDTLS_EMBER_NOEXCEPT;
/** Initialises an empty session (for mbedtls_ssl_get_session). */
void mbedtls_ssl_session_init(mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/** Frees what a session holds (its peer certificate and resumable state) and zeroes it. */
void mbedtls_ssl_session_free(mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Client: copies the negotiated session into \p session (initialised; what it held is
 *        freed first) to resume it later with mbedtls_ssl_set_session(). Only the peer's leaf
 *        certificate is copied. TLS 1.3: the session is resumable once the server's
 *        NewSessionTicket was read (after the first mbedtls_ssl_read()).
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (server side, handshake not done),
 *         MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_get_session(const mbedtls_ssl_context* ssl,
                            mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/**
 * \brief Client: asks to resume \p session (copied) in the next handshake: TLS 1.2 session ID
 *        or ticket, TLS 1.3 ticket. Call before the handshake starts.
 * \return 0, MBEDTLS_ERR_SSL_BAD_INPUT_DATA (server side, handshake started, bad session),
 *         MBEDTLS_ERR_SSL_ALLOC_FAILED.
 */
int mbedtls_ssl_set_session(mbedtls_ssl_context* ssl,
                            const mbedtls_ssl_session* session) MBEDTLS_EMBER_NOEXCEPT;
/** Whether data is pending: decrypted bytes (get_bytes_avail) or received, unprocessed input. */
int mbedtls_ssl_check_pending(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;

/** Bytes of application data already decrypted and readable without I/O. */
size_t mbedtls_ssl_get_bytes_avail(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** Verification flags of the peer's certificate: 0 when verified, 0xFFFFFFFF before. */
uint32_t mbedtls_ssl_get_verify_result(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** "TLSv1.2", "TLSv1.3", ... (before the handshake: the highest configured version). */
const char* mbedtls_ssl_get_version(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** The negotiated suite's name, NULL before the handshake. */
const char* mbedtls_ssl_get_ciphersuite(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** The negotiated suite's id, 0 before the handshake (Mbed TLS 3.x). */
int mbedtls_ssl_get_ciphersuite_id_from_ssl(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** The negotiated ALPN protocol, NULL when none. */
const char* mbedtls_ssl_get_alpn_protocol(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;
/** The peer's leaf certificate (NULL before the handshake or without one). */
const mbedtls_x509_crt* mbedtls_ssl_get_peer_cert(const mbedtls_ssl_context* ssl)
    MBEDTLS_EMBER_NOEXCEPT;
/** Maximum payload of one mbedtls_ssl_write() call. */
int mbedtls_ssl_get_max_out_record_payload(const mbedtls_ssl_context* ssl) MBEDTLS_EMBER_NOEXCEPT;

/** The suite name ("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256"), "unknown" for other ids. */
const char* mbedtls_ssl_get_ciphersuite_name(const int ciphersuite_id) MBEDTLS_EMBER_NOEXCEPT;
/** The suite id of a name, 0 when unknown. */
int mbedtls_ssl_get_ciphersuite_id(const char* ciphersuite_name) MBEDTLS_EMBER_NOEXCEPT;
/** The suites embertls offers by default (0-terminated), in preference order. */
const int* mbedtls_ssl_list_ciphersuites(void) MBEDTLS_EMBER_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_SSL_H */
