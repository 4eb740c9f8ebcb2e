// The TLS 1.3 connection (RFC 8446), both roles. One class: the record layer, key schedule
// and post-handshake messages are shared (tls13.cpp); each role's handshake is an explicit
// state machine with one function per state (tls13_client.cpp, tls13_server.cpp).
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/secret.hpp"
#include "ember/rng/ctr_drbg.hpp"
#include "ember/tls/connection.hpp"
#include "tls/common.hpp"

namespace ember::tls {

// One direction's record protection: AEAD keyed once, static IV, sequence number.
struct Protection {
  std::unique_ptr<crypto::Aead> aead;
  std::array<uint8_t, 12> iv{};
  uint64_t seq = 0;
  Secret secret;  // the traffic secret (for KeyUpdate)
  bool active() const { return aead != nullptr; }
};

// A handshake message as received: type and body (without the 4-byte header), plus the whole
// encoding for the transcript.
struct HandshakeMessage {
  uint8_t type = 0;
  Bytes body;
  Bytes raw;
};

class Tls13Connection final : public Connection {
 public:
  Tls13Connection(std::shared_ptr<const Config> config, Role role, std::string server_name);
  ~Tls13Connection() override;

  Status start();  // client: queue the ClientHello

  Status receive(ByteView data) override;
  ByteView pending_output() const override { return ByteView(out_).subspan(out_pos_); }
  void consume_output(size_t n) override;
  Status handshake() override;
  bool handshake_done() const override { return state_ == State::connected; }
  Result<size_t> read(MutableByteView out) override;
  Result<size_t> write(ByteView data) override;
  Status close() override;
  Status key_update(bool request_peer) override;
  const SessionInfo& info() const override { return info_; }
  std::optional<uint8_t> alert_sent() const override { return alert_sent_; }
  std::optional<uint8_t> alert_received() const override { return alert_received_; }
  Bytes export_session() const override;
  Status set_session(ByteView session) override;

 private:
  enum class State {
    // client
    client_wait_server_hello,
    client_wait_encrypted_extensions,
    client_wait_cert_or_cert_request,
    client_wait_certificate,
    client_wait_certificate_verify,
    client_wait_finished,
    // server
    server_wait_client_hello,
    server_wait_client_certificate,
    server_wait_client_certificate_verify,
    server_wait_client_finished,
    // both
    connected,
    closed,
    failed,
  };

  // --- records and messages (tls13.cpp) ---
  Status fail(Error e);    // queue the alert for e, enter failed, return e
  Status process_input();  // decode records into hs_msgs_ / app_in_ until want_read
  Status next_message(HandshakeMessage& msg);  // want_read if none
  void send_record(uint8_t type, ByteView data);
  void send_handshake(uint8_t type, ByteView body);  // also updates the transcript
  void send_alert(uint8_t description, bool fatal);
  void send_compat_ccs();
  Status set_protection(Protection& p, ByteView secret);
  Status handle_post_handshake(const HandshakeMessage& msg);
  bool tracing(int level) const { return config_->debug && level <= config_->debug_level; }
  void trace(int level, const std::string& text) const;
  void keylog(std::string_view label, ByteView secret) const;

  // --- key schedule ---
  Status init_transcript(crypto::HashAlg h);
  Bytes transcript_hash() const;
  Result<Secret> expand_label(ByteView secret, std::string_view label, ByteView context,
                              size_t len) const;
  Result<Secret> derive_secret(ByteView secret, std::string_view label, ByteView th) const;
  Status derive_handshake_secrets(ByteView shared);
  Status derive_application_secrets();
  Result<Bytes> finished_mac(ByteView base_secret, ByteView th) const;
  Result<Bytes> certificate_verify_input(bool server, ByteView th) const;

  // --- client (tls13_client.cpp) ---
  Status client_send_hello(std::optional<crypto::Group> retry_group, ByteView cookie);
  Status client_handle_server_hello(const HandshakeMessage& m);
  Status client_handle_encrypted_extensions(const HandshakeMessage& m);
  Status client_handle_cert_request(const HandshakeMessage& m);
  Status client_handle_certificate(const HandshakeMessage& m);
  Status client_handle_certificate_verify(const HandshakeMessage& m);
  Status client_handle_finished(const HandshakeMessage& m);
  Status client_handle_new_session_ticket(const HandshakeMessage& m);

  // --- server (tls13_server.cpp) ---
  Status server_handle_client_hello(const HandshakeMessage& m);
  Status server_handle_client_certificate(const HandshakeMessage& m);
  Status server_handle_client_certificate_verify(const HandshakeMessage& m);
  Status server_handle_client_finished(const HandshakeMessage& m);
  Status server_send_new_session_ticket();
  Status server_try_psk(const HandshakeMessage& m, ByteView identity_ticket,
                        uint32_t obfuscated_age, ByteView binder, size_t binders_len);

  // shared handshake pieces
  Status send_certificate(const CertifiedKey* ck, ByteView request_context);
  Status send_certificate_verify(const CertifiedKey& ck, crypto::SignatureScheme scheme);
  Status parse_certificate(const HandshakeMessage& m, std::vector<x509::CertPtr>& chain,
                           bool expect_empty_context);
  Status verify_peer_chain(bool peer_is_server);
  Status check_certificate_verify(const HandshakeMessage& m, bool peer_is_server);
  Status send_finished();
  Status check_finished(const HandshakeMessage& m, ByteView base_secret);
  const CertifiedKey* choose_certificate(const std::vector<crypto::SignatureScheme>& peer_schemes,
                                         std::string_view sni,
                                         crypto::SignatureScheme& scheme) const;
  Status random_bytes(MutableByteView out);

  std::shared_ptr<const Config> config_;
  const crypto::Provider& provider_;
  Role role_;
  State state_;
  SessionInfo info_;

  // I/O buffers.
  Bytes in_;  // undecoded transport bytes
  size_t in_pos_ = 0;
  Bytes out_;  // records ready for the transport
  size_t out_pos_ = 0;
  Bytes hs_buf_;  // handshake bytes not yet forming a whole message
  std::deque<HandshakeMessage> hs_msgs_;
  // Decrypted application data not yet read: a range of in_ (opened in place, never copied).
  size_t app_off_ = 0;
  size_t app_end_ = 0;
  bool app_pending() const { return app_off_ < app_end_; }
  Bytes scratch_;  // record sealing buffer (reused)
  bool peer_closed_ = false;
  std::optional<uint8_t> alert_sent_, alert_received_;
  Error fatal_ = Error::ok;
  bool ccs_sent_ = false;

  // Handshake state.
  const SuiteInfo* suite_ = nullptr;
  std::unique_ptr<crypto::Hash> transcript_;
  Bytes client_hello_1_;  // first ClientHello (kept until the suite is known)
  std::array<uint8_t, 32> client_random_{};
  std::array<uint8_t, 32> server_random_{};
  Bytes session_id_;
  std::vector<std::unique_ptr<crypto::KeyShare>> key_shares_;  // client: offered shares
  std::vector<uint16_t> offered_suites_;
  bool hello_retried_ = false;
  Secret master_secret_;
  Secret client_hs_secret_, server_hs_secret_, client_ap_secret_, server_ap_secret_;
  Secret resumption_secret_;
  Protection read_, write_;
  Bytes cert_request_context_;
  bool cert_requested_ = false;
  std::vector<crypto::SignatureScheme> peer_sig_schemes_;  // signature_algorithms received
  const CertifiedKey* own_cert_ = nullptr;
  crypto::SignatureScheme own_scheme_ = crypto::SignatureScheme::ecdsa_secp256r1_sha256;
  // Session resumption.
  struct ClientSession {
    uint16_t suite = 0;
    Secret psk;
    Bytes ticket;
    uint32_t lifetime_s = 0;
    uint32_t age_add = 0;
    uint64_t received_ms = 0;
  };
  Bytes session_blob_;                   // client: latest ticket, exportable
  std::optional<ClientSession> resume_;  // client: the session offered in the ClientHello
  bool psk_offered_ = false;
  bool psk_accepted_ = false;
  Secret psk_;  // the PSK in use (resumption)
  uint8_t tickets_sent_ = 0;
  bool psk_ke_ = false;               // resumed without (EC)DHE
  size_t peer_record_limit_ = 16385;  // RFC 8449, inner plaintext incl. content type
  size_t own_record_limit_ = 16385;
  uint64_t now_ms() const;
  Result<Bytes> psk_binder(crypto::HashAlg h, ByteView psk, ByteView truncated_hello) const;
};

}  // namespace ember::tls
