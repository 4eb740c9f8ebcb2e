// TLS configuration: built once, then frozen and shared (std::shared_ptr<const Config>) by any
// number of connections and threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/core/secret.hpp"
#include "ember/crypto/provider.hpp"
#include "ember/rng/rng.hpp"
#include "ember/tls/session_cache.hpp"
#include "ember/tls/tickets.hpp"
#include "ember/x509/verify.hpp"

namespace ember::tls {

enum class Role : uint8_t { client, server };

enum class Version : uint16_t { tls12 = 0x0303, tls13 = 0x0304 };
EMBER_API std::string_view version_name(Version v);  // "TLSv1.2", "TLSv1.3"
// The registry name of a TLS AlertDescription ("decrypt_error" for 51), "unknown" for a value
// without one: for logs and error messages (Connection::alert_sent / alert_received).
EMBER_API std::string_view alert_name(uint8_t description);

// Cipher suites (IANA values).
enum class CipherSuite : uint16_t {
  tls_aes_128_gcm_sha256 = 0x1301,
  tls_aes_256_gcm_sha384 = 0x1302,
  tls_chacha20_poly1305_sha256 = 0x1303,
  tls_aes_128_ccm_sha256 = 0x1304,
  tls_aes_128_ccm_8_sha256 = 0x1305,
};
EMBER_API std::string_view suite_name(uint16_t suite);  // IANA name, "TLS_AES_128_GCM_SHA256"
EMBER_API std::optional<uint16_t> suite_from_name(std::string_view name);

// Verification of the peer's certificate (mbedtls_ssl_conf_authmode).
enum class VerifyMode : uint8_t { none, optional, required };

// TLS 1.2 renegotiation (RFC 5746; mbedtls_ssl_conf_renegotiation / _legacy_renegotiation).
enum class Renegotiation : uint8_t { disabled, enabled };
enum class LegacyRenegotiation : uint8_t {
  no_renegotiation,     // peers without RFC 5746: connect, but never renegotiate (default)
  allow_renegotiation,  // also renegotiate with them (insecure: RFC 5746 §1)
  break_handshake,      // refuse peers without RFC 5746
};

// A certificate chain (leaf first) with its private key.
struct CertifiedKey {
  std::vector<x509::CertPtr> chain;
  std::shared_ptr<const crypto::PrivateKey> key;

  // Checks the pair: Error::key_mismatch when `key` is not the private half of the leaf
  // certificate's public key (mbedtls_pk_check_pair), invalid_argument when either is missing.
  EMBER_API Status check() const;
};

struct Config {
  Role role = Role::client;
  // Versions spoken. SSL 3.0, TLS 1.0 and 1.1 do not exist here (RFC 8996).
  Version min_version = Version::tls12;
  Version max_version = Version::tls13;
  // Preference order, TLS 1.3 and TLS 1.2 suites in one list (each version uses its own).
  // Empty = library defaults.
  std::vector<uint16_t> cipher_suites;
  std::vector<crypto::Group> groups;  // first = key share sent by the client
  std::vector<crypto::SignatureScheme> signature_schemes;

  // Own certificates: several, chosen by SNI and by the peer's signature schemes. Fill it with
  // add_certificate(), which refuses a key that does not match its certificate.
  std::vector<CertifiedKey> certificates;
  EMBER_API Status add_certificate(CertifiedKey certified_key);

  // Peer verification. Client default: required, and a host name is required too
  // (Error::hostname_required) unless check_host_name is false.
  const x509::TrustStore* trust = nullptr;
  std::shared_ptr<const x509::TrustStore> trust_owner;  // optional ownership of `trust`
  VerifyMode verify = VerifyMode::required;
  bool check_host_name = true;
  x509::Profile profile = x509::Profile::default_;
  x509::VerifyCallback verify_callback;

  std::vector<std::string> alpn;  // offered (client) / accepted in order (server)

  // Server: called with the client's SNI (empty if none); returns the index into
  // `certificates` to prefer, or nullopt for the default choice.
  std::function<std::optional<size_t>(std::string_view sni)> sni_callback;

  // Session tickets (TLS 1.3 NewSessionTicket / resumption). Servers seal tickets with
  // ticket_keys (default: a process-wide rotating key set).
  bool tickets = true;
  uint32_t ticket_lifetime_s = 7200;
  std::shared_ptr<TicketKeys> ticket_keys;
  // Milliseconds since the epoch, for ticket ages and lifetimes (the core never reads the clock
  // itself). Default: the system clock.
  std::function<uint64_t()> clock_ms;

  // Randomness for protocol values; default: a CTR_DRBG per connection seeded from the OS.
  std::shared_ptr<Rng> rng;
  const crypto::Provider* provider = nullptr;  // default: crypto::default_provider()

  // NSS key log lines ("CLIENT_HANDSHAKE_TRAFFIC_SECRET <client_random> <secret>").
  std::function<void(std::string_view line)> keylog;
  // Debug trace: level 1 = states, 2 = messages, 3 = extensions, 4 = records.
  int debug_level = 0;
  std::function<void(int level, std::string_view text)> debug;

  size_t max_fragment = 16384;  // plaintext bytes per record we send
  // Pads protected records so that their inner plaintext is a multiple of this many bytes
  // (RFC 8446 §5.4; 0 = no padding). Hides exact message lengths at some bandwidth cost.
  size_t record_padding_block = 0;
  // RFC 8449 record_size_limit to advertise (64..16385; 0 = do not send the extension; a
  // server answers a client that sent one with this value or 16385).
  uint16_t record_size_limit = 0;
  // Also allow resumption without (EC)DHE (psk_ke): fewer computations, no forward secrecy for
  // the resumed session. Off by default.
  bool allow_psk_ke = false;

  // --- TLS 1.2 ---
  bool extended_master_secret = true;  // RFC 7627: offered / accepted
  bool encrypt_then_mac = true;        // RFC 7366: offered / accepted for CBC suites
  // Server: session-ID resumption (none = session IDs are not cached).
  std::shared_ptr<SessionCache> session_cache;
  // Pre-shared key suites (RFC 4279). Client: the key and identity to use. Server: psk_callback
  // looks identities up (nullopt = unknown identity); without it, psk/psk_identity are the one
  // accepted pair.
  Bytes psk;
  std::string psk_identity;
  std::string psk_identity_hint;  // server
  std::function<std::optional<Secret>(std::string_view identity)> psk_callback;
  // Finite-field DHE: minimum prime size accepted by a client; a server uses ffdhe2048.
  size_t dh_min_bits = 2048;
  // RFC 6066 max_fragment_length the client asks for: 0 = none, 1..4 = 512/1024/2048/4096.
  uint8_t max_fragment_length = 0;
  Renegotiation renegotiation = Renegotiation::disabled;
  LegacyRenegotiation legacy_renegotiation = LegacyRenegotiation::no_renegotiation;
  // Records a peer may send after we asked for renegotiation before we give up (server:
  // HelloRequest ignored; Mbed TLS default 16; negative = never enforce).
  int renegotiation_max_records = 16;
  // Renegotiate automatically when the outgoing record counter passes this (0 = never).
  uint64_t renegotiation_period = 0;
  // Client: this connection is a fallback retry (RFC 7507: sends TLS_FALLBACK_SCSV).
  bool fallback_scsv = false;
  // Server: list the trust anchors' names in CertificateRequest
  // (mbedtls_ssl_conf_cert_req_ca_list).
  bool cert_req_ca_list = true;
  // Server with renegotiation enabled: also accept a renegotiation the client starts (a
  // ClientHello we did not ask for with a HelloRequest). Off by default, as in OpenSSL: such a
  // ClientHello is declined with the warning no_renegotiation (RFC 5746 §4.4) and the
  // connection goes on; server-initiated renegotiation (renegotiate()) is not affected.
  bool client_renegotiation = false;

  // --- Limits on what a peer can make a connection do (docs/tls.md "Limits"; 0 = no limit) ---
  // Exceeding one of the first four ends the connection with Error::peer_flood and the alert
  // unexpected_message (10), as OpenSSL does; "in a row" means without a non-empty
  // application-data record between.
  // TLS 1.3 KeyUpdate messages received in a row.
  uint32_t max_key_updates = 32;
  // Empty application-data records received in a row (OpenSSL: 32).
  uint32_t max_empty_records = 32;
  // Warning alerts (user_canceled, no_renegotiation) received in a row (OpenSSL: 5).
  uint32_t max_warning_alerts = 5;
  // TLS 1.2 renegotiation requests (ClientHello / HelloRequest) we decline, per connection: the
  // first ones are answered with the warning no_renegotiation, one more ends the connection.
  uint32_t max_refused_renegotiations = 4;
  // Bytes of output a connection may hold unsent (pending_output()) when it queues an answer to
  // the peer that the peer can ask for again and again (a KeyUpdate, a no_renegotiation
  // warning): a peer that keeps asking but never reads ends with Error::output_limit and the
  // alert internal_error (80). (A renegotiation's flight is not checked: one per handshake.)
  size_t max_pending_output = 65536;
};

}  // namespace ember::tls
