// The TLS connection, both roles and both versions. One class: the record layer, key schedule
// and post-handshake messages (connection_impl.cpp); TLS 1.3 handshakes as explicit state
// machines with one function per state (tls13_client.cpp, tls13_server.cpp, tls13_auth.cpp);
// TLS 1.2 the same way (tls12.cpp for keys/records/sessions, tls12_client.cpp,
// tls12_server.cpp). The version is chosen by the first ClientHello/ServerHello exchange.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/secret.hpp"
#include "ember/rng/ctr_drbg.hpp"
#include "ember/tls/connection.hpp"
#include "tls/common.hpp"
#include "tls/ext/extensions.hpp"
#include "tls/hs/handshake_io.hpp"
#include "tls/record/stream_layer.hpp"

namespace ember::tls {

// Largest handshake message accepted (a certificate chain; docs/tls.md "Limits").
constexpr size_t kMaxHandshakeMessage = 256 * 1024;

struct ClientHelloInfo;

// A handshake message as received: type and body (without the 4-byte header), plus the whole
// encoding for the transcript.
using HandshakeMessage = hs::Message;

class TlsConnection final : public Connection {
 public:
  TlsConnection(std::shared_ptr<const Config> config, Role role, std::string server_name);
  ~TlsConnection() override;

  Status start();  // client: queue the ClientHello

  Status receive(ByteView data) override;
  MutableByteView input_space(size_t max) override;
  Status commit_input(size_t n) override;
  ByteView pending_output() const override { return records_.pending_output(); }
  void consume_output(size_t n) override { records_.consume_output(n); }
  Status handshake() override;
  bool handshake_done() const override { return state_ == State::connected; }
  Status handshake_step() override;
  HandshakeState handshake_state() const override { return mbed_state(state_); }
  Wait waiting_for() const override {
    if (!records_.pending_output().empty()) return Wait::output;
    bool over = state_ == State::connected || state_ == State::failed || state_ == State::closed;
    return over ? Wait::nothing : Wait::input;  // (a renegotiation leaves connected)
  }
  Result<size_t> read(MutableByteView out) override;
  size_t bytes_available() const override {
    return records_.application_data_size() + (reneg_app_.size() - reneg_app_pos_);
  }
  bool input_pending() const override { return records_.input_pending(); }
  Result<size_t> write(ByteView data) override;
  Status close() override;
  Status key_update(bool request_peer) override;
  Status renegotiate() override;
  bool renegotiating() const override { return renegotiating_; }
  const SessionInfo& info() const override { return info_; }
  std::optional<uint8_t> alert_sent() const override { return alert_sent_; }
  std::optional<uint8_t> alert_received() const override { return alert_received_; }
  Bytes export_session() const override;
  Status set_session(ByteView session) override;

 private:
  // Known-answer tests (tests/unit/tls/rfc8448_test.cpp) replay published traces through the
  // real handshake code: they set the ClientHello and key shares the trace used.
  friend struct TlsConnectionTestAccess;

  // Handshake states. Each handles or produces one message (or passes one whose message is
  // absent) and names the next state; kMbedState (connection_impl.cpp) gives each one its
  // HandshakeState (mbedtls_ssl_states) number.
  enum class State {
    hello_request,  // before the first step (both roles)
    // client, both versions until the ServerHello
    client_hello,  // sends the ClientHello
    client_wait_server_hello,
    // TLS 1.3 client
    client_wait_encrypted_extensions,
    client_wait_cert_or_cert_request,
    client_wait_certificate,
    client_wait_certificate_verify,
    client_wait_finished,
    c13_send_certificate,         // (absent: no CertificateRequest)
    c13_send_certificate_verify,  // (absent: no certificate sent)
    c13_send_finished,
    // TLS 1.3 server
    server_wait_client_hello,
    s13_send_server_hello,
    s13_send_encrypted_extensions,  // opens the flight that Finished closes
    s13_send_certificate_request,   // (absent: the server does not verify clients)
    s13_send_certificate,
    s13_send_certificate_verify,
    s13_send_finished,
    server_wait_client_certificate,
    server_wait_client_certificate_verify,
    server_wait_client_finished,
    // TLS 1.2 client
    c12_certificate,
    c12_server_key_exchange,
    c12_cert_request_or_done,
    c12_server_hello_done,
    c12_send_certificate,
    c12_send_client_key_exchange,
    c12_send_certificate_verify,
    c12_send_change_cipher_spec,
    c12_send_finished,
    c12_new_session_ticket,
    c12_change_cipher_spec,
    c12_finished,
    // TLS 1.2 server
    s12_send_server_hello,
    s12_send_certificate,
    s12_send_server_key_exchange,
    s12_send_certificate_request,
    s12_send_server_hello_done,
    s12_client_certificate,
    s12_client_key_exchange,
    s12_certificate_verify,
    s12_change_cipher_spec,
    s12_finished,
    s12_send_new_session_ticket,
    s12_send_change_cipher_spec,
    s12_send_finished,
    // both
    flush_buffers,
    handshake_wrapup,  // the handshake's state is let go
    connected,
    closed,
    failed,
  };
  static HandshakeState mbed_state(State s);

  // --- records and messages (connection_impl.cpp) ---
  Status fail(Error e);    // queue the alert for e, enter failed, return e
  Status process_input();  // decode records into hs_in_ / application data until want_read
  Status handle_record(const record::Record& r);
  // read() fast path: opens the next application-data record straight into out. nullopt when
  // the next record is not one (or does not fit): the general path takes it.
  std::optional<Result<size_t>> read_direct(MutableByteView out);
  void update_record_limits();  // the record layer's mode and size limits from the handshake
  Status next_message(HandshakeMessage& msg);  // want_read if none
  HandshakeMessage take_message();             // the next reassembled message (traced)
  void send_record(uint8_t type, ByteView data);
  void send_handshake(uint8_t type, ByteView body);  // also updates the transcript
  void begin_flight();  // coalesce the handshake messages that follow into shared records
  void end_flight();
  void send_alert(uint8_t description, bool fatal);
  void send_compat_ccs();
  // TLS 1.3 traffic keys from a traffic secret, for reading or writing.
  Status set_read_keys(ByteView secret);
  Status set_write_keys(ByteView secret);
  Status handle_post_handshake(const HandshakeMessage& msg);
  // --- limits on what the peer makes us do (connection_impl.cpp; docs/tls.md "Limits") ---
  // Config's limits with 0 ("no limit") made explicit: resolved once, here.
  struct PeerLimits {
    uint64_t key_updates, empty_records, warning_alerts, refused_renegotiations;
    size_t pending_output;
    static PeerLimits from(const Config& c);
  };
  enum class Flood : uint8_t { key_update, empty_record, warning_alert, refused_renegotiation };
  // Counts one more of `f`: Error::peer_flood (and a log line) once over its limit.
  Status count(Flood f);
  // Resets the "in a row" counts, or counts an empty record (n == 0).
  Status application_data_received(size_t n);
  Status check_output_limit();  // after queueing an answer to the peer
  Status handle_alert(const record::Record& r);
  bool tracing(int level) const { return config_->debug && level <= config_->debug_level; }
  void trace(int level, const std::string& text) const;
  void keylog(std::string_view label, ByteView secret) const;

  // --- key schedule ---
  Status init_transcript(crypto::HashAlg h);
  Bytes transcript_hash() const;
  Result<Secret> expand_label(ByteView secret, std::string_view label, ByteView context,
                              size_t len) const;
  Result<Secret> derive_secret(ByteView secret, std::string_view label, ByteView th) const;
  struct ScheduleConstants;
  Result<const ScheduleConstants*> schedule_constants() const;
  // The same with an HMAC already keyed with the secret (one key setup for several labels).
  Result<Secret> expand_label(crypto::Hmac& keyed, std::string_view label, ByteView context,
                              size_t len) const;
  Result<Secret> derive_secret(crypto::Hmac& keyed, std::string_view label, ByteView th) const;
  crypto::Hmac* keyed_traffic_secret(ByteView secret) const;  // read_/write_'s, if it is one
  Status derive_handshake_secrets(ByteView shared);
  Status derive_application_secrets();
  Result<Bytes> finished_mac(ByteView base_secret, ByteView th) const;
  Result<Bytes> certificate_verify_input(bool server, ByteView th) const;

  // --- client (tls13_client.cpp) ---
  // What a ClientHello offers (client_send_hello's parts).
  struct ClientOffer {
    bool offer13 = false, offer12 = false;
    bool ecc12 = false, cbc12 = false;  // an offered TLS 1.2 suite is ECDHE / CBC
  };
  Status client_send_hello(std::optional<crypto::Group> retry_group, ByteView cookie);
  Status choose_client_suites(ClientOffer& o);
  Status choose_client_session_id(const ClientOffer& o);
  std::optional<crypto::HashAlg> client_psk_hash(const ClientOffer& o) const;
  ext::Extensions client_hello_extensions(const ClientOffer& o, ByteView cookie,
                                          const Bytes& binder_placeholder);
  Status client_handle_server_hello(const HandshakeMessage& m);
  // The extensions of a TLS 1.3 ServerHello / HelloRetryRequest.
  struct ServerHelloExts13 {
    std::optional<uint16_t> version;         // supported_versions
    std::optional<uint16_t> selected_group;  // key_share
    ByteView server_share;                   // key_share (ServerHello)
    ByteView cookie;                         // HelloRetryRequest
  };
  Status client13_parse_server_hello_extensions(Reader exts, bool hrr, ServerHelloExts13& sh);
  Status client13_handle_hello_retry_request(const HandshakeMessage& m,
                                             const ServerHelloExts13& sh);
  Status client13_accept_server_hello(const HandshakeMessage& m, const ServerHelloExts13& sh);
  Status client_handle_encrypted_extensions(const HandshakeMessage& m);
  Status client_handle_cert_request(const HandshakeMessage& m);
  Status client_handle_certificate(const HandshakeMessage& m);
  Status client_handle_certificate_verify(const HandshakeMessage& m);
  Status client_handle_finished(const HandshakeMessage& m);
  Status client13_send_certificate();
  Status client13_send_finished();
  Status client_handle_new_session_ticket(const HandshakeMessage& m);

  // --- server (tls13_server.cpp) ---
  Status server_handle_client_hello(const HandshakeMessage& m);
  Status server13_check_client_hello(const ClientHelloInfo& ch);
  Status server13_choose_suite_and_certificate(const ClientHelloInfo& ch);
  std::optional<std::pair<crypto::Group, ByteView>> server13_choose_share(
      const ClientHelloInfo& ch) const;
  void write_server_hello_head(Writer& w, ByteView random) const;
  Status server13_send_hello_retry_request(const HandshakeMessage& m, const ClientHelloInfo& ch);
  Status server13_accept_client_hello(const HandshakeMessage& m, const ClientHelloInfo& ch,
                                      const std::pair<crypto::Group, ByteView>& use);
  Status server13_send_server_hello();
  Status server13_send_encrypted_extensions();
  Status server13_send_certificate_request();
  Status server13_send_finished();
  Status server_handle_client_certificate(const HandshakeMessage& m);
  Status server_handle_client_certificate_verify(const HandshakeMessage& m);
  Status server_handle_client_finished(const HandshakeMessage& m);
  Status server_send_new_session_ticket();
  Status server_try_psk(const HandshakeMessage& m, ByteView identity_ticket,
                        uint32_t obfuscated_age, ByteView binder, size_t binders_len);

  // --- TLS 1.2 (tls12.cpp, tls12_client.cpp, tls12_server.cpp) ---
  Status handle_ccs12(ByteView fragment);
  void absorb(const HandshakeMessage& m);  // transcript (+ the TLS 1.2 message log)
  Status derive_master_secret12();
  Status derive_keys12();
  Result<Bytes> finished12(bool client_side) const;
  Status send_finished12();
  Status check_finished12(const HandshakeMessage& m);
  void send_ccs12();
  Status finish_handshake12();
  // --- stepping (connection_impl.cpp) ---
  Status step();  // one state, errors not yet fatal
  // One step of each machine (tls13_client.cpp, tls13_server.cpp, tls12_client.cpp,
  // tls12_server.cpp): a state that produces a message sends it; one that waits for a message
  // goes to receive_step().
  Status client13_step();
  Status server13_step();
  Status client12_step();
  Status server12_step();
  // Each machine's states that take a message (the same files): unexpected_message for a
  // type the state does not take.
  Status client13_receive(const HandshakeMessage& m);
  Status server13_receive(const HandshakeMessage& m);
  Status client12_receive(const HandshakeMessage& m);
  Status server12_receive(const HandshakeMessage& m);
  Status receive_step();                        // a state that waits for a message
  Status dispatch(const HandshakeMessage& m);   // the message for the current state
  std::optional<Status> skip_absent_message();  // a state whose message is not there
  Status finish_handshake();                    // handshake_wrapup
  Status finish_handshake13();
  void release_handshake_state();
  Secret serialize_session12() const;
  Status restore_session12(ByteView state, uint32_t& verify_flags, x509::CertPtr& peer);
  // The peer identity a session keeps (u32 verify flags, u24-prefixed leaf certificate), so
  // that a resumed connection still reports who the peer is.
  void write_peer(Writer& w) const;
  bool read_peer(Reader& r, uint32_t& verify_flags, x509::CertPtr& peer) const;
  void apply_peer(uint32_t verify_flags, x509::CertPtr peer);
  Status send_certificate12(const CertifiedKey* ck);
  Status parse_certificate12(const HandshakeMessage& m);
  Status sign12(const CertifiedKey& ck, crypto::SignatureScheme scheme, ByteView data, Writer& w);
  Status verify12(ByteView data, Reader& r);
  Result<Secret> psk_premaster(ByteView other) const;
  Status client12_handle_server_hello(const HandshakeMessage& m, ByteView random,
                                      ByteView session_id, uint16_t suite, Reader exts);
  struct ServerHelloExts12 {  // what a TLS 1.2 ServerHello's extensions agreed
    bool reneg = false, ems = false, etm = false, ticket = false;
  };
  Status client12_parse_server_hello_extensions(Reader exts, const Suite12& chosen,
                                                ServerHelloExts12& sh);
  Status client12_handle_certificate(const HandshakeMessage& m);
  Status client12_handle_server_key_exchange(const HandshakeMessage& m);
  Status client12_handle_cert_request(const HandshakeMessage& m);
  Status client12_handle_server_hello_done(const HandshakeMessage& m);
  Status client12_handle_new_session_ticket(const HandshakeMessage& m);
  Status client12_handle_finished(const HandshakeMessage& m);
  Status client12_send_certificate();
  Status client12_send_client_key_exchange();
  Status client12_send_certificate_verify();
  void store_session12();  // the client's exportable session
  Status server12_send_server_hello();
  Status server12_send_server_key_exchange();
  Status server12_send_certificate_request();
  Status server12_handle_client_hello(const HandshakeMessage& m, const ClientHelloInfo& ch);
  Status server12_check_renegotiation_info(const ClientHelloInfo& ch);
  std::optional<crypto::Group> server12_choose_ec_group(const ClientHelloInfo& ch) const;
  bool server12_certificate_fits(const Suite12& s, const CertifiedKey& c, const ClientHelloInfo& ch,
                                 crypto::SignatureScheme& scheme) const;
  const CertifiedKey* server12_certificate_for(const Suite12& s, const ClientHelloInfo& ch,
                                               crypto::SignatureScheme& scheme) const;
  Status server12_choose_suite(const ClientHelloInfo& ch, bool have_ec_group);
  Status server12_handle_client_certificate(const HandshakeMessage& m);
  Status server12_handle_client_key_exchange(const HandshakeMessage& m);
  Status server12_handle_certificate_verify(const HandshakeMessage& m);
  Status server12_handle_finished(const HandshakeMessage& m);
  Status server12_send_new_session_ticket();
  Status handle_renegotiation_request(const HandshakeMessage& m);
  Status refuse_renegotiation();  // the warning no_renegotiation, within the limits
  bool renegotiation_allowed() const;
  void reset_for_renegotiation();
  Result<bool> server12_try_resume(const ClientHelloInfo& ch);

  // shared handshake pieces
  Status send_certificate(const CertifiedKey* ck, ByteView request_context);
  Status send_certificate_verify(const CertifiedKey& ck, crypto::SignatureScheme scheme);
  Status parse_certificate(const HandshakeMessage& m, std::vector<x509::CertPtr>& chain,
                           bool expect_empty_context);
  Status verify_peer_chain(bool peer_is_server, uint32_t key_usage = 0x80 /* digitalSignature */);
  Status check_certificate_verify(const HandshakeMessage& m, bool peer_is_server);
  Status send_finished();
  Status check_finished(const HandshakeMessage& m, ByteView base_secret);
  const CertifiedKey* choose_certificate(const std::vector<crypto::SignatureScheme>& peer_schemes,
                                         std::string_view sni,
                                         crypto::SignatureScheme& scheme) const;
  Status random_bytes(MutableByteView out);
  // The configuration's preference lists, or the library's defaults where one is empty:
  // resolved here and nowhere else.
  const std::vector<crypto::Group>& our_groups() const {
    return config_->groups.empty() ? default_groups() : config_->groups;
  }
  const std::vector<crypto::SignatureScheme>& our_schemes() const {
    return config_->signature_schemes.empty() ? default_signature_schemes()
                                              : config_->signature_schemes;
  }
  const std::vector<uint16_t>& our_suites13() const {
    return config_->cipher_suites.empty() ? default_suites() : config_->cipher_suites;
  }
  const std::vector<uint16_t>& our_suites12() const {
    return config_->cipher_suites.empty() ? default_suites12() : config_->cipher_suites;
  }

  std::shared_ptr<const Config> config_;
  const crypto::Provider& provider_;
  Role role_;
  State state_;
  SessionInfo info_;

  // Records: framing, protection, input and output buffers.
  record::StreamLayer records_;
  record::Tls13Protection* read13_ = nullptr;    // the TLS 1.3 protections installed in records_
  record::Tls13Protection* write13_ = nullptr;   // (their traffic secrets and keyed HMACs)
  hs::Flight flight_;                            // begin_flight() .. end_flight()
  hs::Reassembler hs_in_{kMaxHandshakeMessage};  // incoming handshake messages
  bool app_pending() const { return records_.application_data_pending(); }
  bool peer_closed_ = false;
  bool ccs13_received_ = false;    // TLS 1.3: the one change_cipher_spec dropped
  bool peer_hello_taken_ = false;  // the peer's first ClientHello / ServerHello was taken
  PeerLimits limits_{};
  // What count() counts: KeyUpdates, empty records and warnings in a row; refusals in all.
  uint64_t key_updates_ = 0, empty_records_ = 0, warning_alerts_ = 0, refused_reneg_ = 0;
  bool protected_received_ = false;  // a record opened under keys has come
  std::optional<uint8_t> alert_sent_, alert_received_;
  Error fatal_ = Error::ok;
  bool ccs_sent_ = false;

  // What only one handshake needs: created when a handshake begins (construction, a
  // renegotiation) and destroyed, its secrets wiped, at handshake_wrapup. An established
  // connection keeps its traffic keys (in records_), the session, the resumption secret and
  // the verify_data a renegotiation needs; nothing here.
  struct Handshake {
    hs::Transcript transcript;
    Bytes client_hello_1;  // first ClientHello (kept until the suite is known)
    std::vector<std::unique_ptr<crypto::KeyShare>> key_shares;  // client: offered; server: its own
    std::vector<uint16_t> offered_suites;
    Bytes hrr_cookie;  // server: the cookie sent in the HelloRetryRequest
    Secret client_hs_secret, server_hs_secret, client_ap_secret, server_ap_secret;
    std::unique_ptr<crypto::Hmac> master_mac;  // keyed with master_secret_
    // The early secret of the PSK whose binder was computed last (reused by the key schedule).
    std::unique_ptr<crypto::Hmac> early_mac;
    Secret early_psk;
    crypto::HashAlg early_hash = crypto::HashAlg::sha256;
    std::unique_ptr<crypto::DhKey> dh;
    Secret premaster;
    Bytes peer_kx;  // client: the server's (EC)DH public value
    // TLS 1.2 server: what the ClientHello decided for the messages sent in later steps.
    struct Server12Plan {
      std::optional<crypto::Group> ec_group;
      bool ec_point_formats = false;  // the client sent the extension
      bool sni = false;               // the client sent server_name
      bool send_ske = false;
    } s12;
    // TLS 1.3 server: what the ClientHello decided for the flight that follows.
    struct Server13Plan {
      std::optional<crypto::Group> group;  // of the server's share (key_shares[0])
      Secret shared;                       // the (EC)DHE secret, until the handshake secrets
      bool ack_sni = false;                // the client sent server_name
      bool ack_record_size_limit = false;  // the client sent record_size_limit
    } s13;
  };
  // Non-null from construction (or a renegotiation's start) to handshake_wrapup.
  std::unique_ptr<Handshake> hs_;

  // Handshake state.
  const SuiteInfo* suite_ = nullptr;
  std::array<uint8_t, 32> client_random_{};
  std::array<uint8_t, 32> server_random_{};
  Bytes session_id_;
  std::optional<std::array<uint8_t, 32>> spare_session_id_;  // drawn with the client random
  bool hello_retried_ = false;
  bool hello_sent_ = false;  // client: the first ClientHello was built (by handshake())
  Secret master_secret_;
  Secret resumption_secret_;
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
    uint32_t verify_flags = 0;
    x509::CertPtr peer;
  };
  Bytes session_blob_;                   // client: latest ticket, exportable
  std::optional<ClientSession> resume_;  // client: the session offered in the ClientHello
  struct ClientSession12 {
    uint16_t suite = 0;
    bool ems = false;
    Secret master;
    Bytes session_id;
    Bytes ticket;
    uint32_t lifetime_s = 0;
    uint64_t received_ms = 0;
    uint32_t verify_flags = 0;
    x509::CertPtr peer;
  };
  std::optional<ClientSession12> resume12_;  // client: a TLS 1.2 session to resume
  bool psk_offered_ = false;
  bool psk_accepted_ = false;
  Secret psk_;  // the PSK in use (resumption)
  uint8_t tickets_sent_ = 0;
  bool psk_ke_ = false;               // resumed without (EC)DHE
  size_t peer_record_limit_ = 16385;  // RFC 8449, inner plaintext incl. content type
  size_t own_record_limit_ = 16385;
  uint64_t now_ms() const;

  // TLS 1.2 state.
  bool tls12_ = false;
  const Suite12* suite12_ = nullptr;
  // Keys that take effect at the next ChangeCipherSpec (sent / received).
  std::unique_ptr<record::Protection> pending_read_, pending_write_;
  bool ems_ = false;           // extended master secret in use
  bool etm_ = false;           // encrypt-then-MAC in use
  bool secure_reneg_ = false;  // peer supports RFC 5746
  Bytes client_verify_data_, server_verify_data_;
  bool ticket_ext_ = false;  // client: offered / server: will send NewSessionTicket
  bool resuming12_ = false;
  Bytes ticket12_;                  // client: ticket from the server / offered
  uint32_t ticket12_lifetime_ = 0;  // client
  uint64_t session12_received_ms_ = 0;
  bool peer_cert_requested_ = false;     // server: CertificateRequest sent
  size_t max_fragment_ = kMaxPlaintext;  // RFC 6066 max_fragment_length in force
  uint8_t mfl_code_ = 0;
  bool renegotiating_ = false;
  bool hello_request_pending_ = false;  // server: HelloRequest sent, no ClientHello yet
  int records_since_hello_request_ = 0;
  Bytes reneg_app_;  // application data received during a renegotiation handshake
  size_t reneg_app_pos_ = 0;
  bool offered12_ = false;              // client: TLS 1.2 was offered
  uint16_t client_version12_ = 0x0303;  // server: ClientHello.legacy_version (RSA premaster)
  std::optional<crypto::Group> group12_;
  Result<Bytes> psk_binder(crypto::HashAlg h, ByteView psk, ByteView truncated_hello) const;
};

}  // namespace ember::tls
