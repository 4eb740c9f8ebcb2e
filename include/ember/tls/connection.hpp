// A sans-IO TLS connection: bytes in (receive), bytes out (pending_output / consume_output),
// no sockets and no clock. Drive it like this:
//
//   auto conn = tls::Connection::client(config, "server.test");
//   while (!conn->handshake_done()) {
//     Status st = conn->handshake();            // processes what was received, queues output
//     send_all(conn->pending_output()); conn->consume_output(n_sent);
//     if (st.error() == Error::want_read) conn->receive(recv_some());
//     else if (!st) fail(st.error());            // an alert was queued: send it, then close
//   }
//   conn->write(data); send_all(...);            // application data
//   conn->receive(bytes); conn->read(buf);       // Error::want_read when no data yet
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/tls/config.hpp"

namespace ember::tls {

// What was negotiated, once the handshake is done.
struct SessionInfo {
  Version version = Version::tls13;
  uint16_t cipher_suite = 0;
  std::optional<crypto::Group> group;
  std::optional<crypto::SignatureScheme> signature_scheme;  // the peer's CertificateVerify
  bool resumed = false;
  bool hello_retry = false;
  bool extended_master_secret = false;  // TLS 1.2 (RFC 7627)
  bool encrypt_then_mac = false;        // TLS 1.2 CBC suites (RFC 7366)
  bool secure_renegotiation = false;    // TLS 1.2: the peer supports RFC 5746
  uint32_t renegotiations = 0;          // completed renegotiations
  std::string psk_identity;             // TLS 1.2 PSK suites
  uint32_t verify_flags = 0;  // x509 flags (0 = verified); kSkipVerify when verify == none
  std::string alpn;
  std::string server_name;  // SNI (sent by the client / received by the server)
  std::vector<x509::CertPtr> peer_chain;
};

// The handshake state, numbered as Mbed TLS 2.28's mbedtls_ssl_states (ssl.h), which the C API
// reports in ssl->state. A TLS 1.2 handshake visits them in Mbed TLS's order, one state per
// handshake_step(), states whose message is absent included (a client not asked for a
// certificate still passes client_certificate). TLS 1.3, which 2.28 has no states for, maps
// onto them coarsely: docs/tls.md "Handshake states" has the table.
enum class HandshakeState : int {
  hello_request = 0,
  client_hello = 1,
  server_hello = 2,
  server_certificate = 3,
  server_key_exchange = 4,
  certificate_request = 5,
  server_hello_done = 6,
  client_certificate = 7,
  client_key_exchange = 8,
  certificate_verify = 9,
  client_change_cipher_spec = 10,
  client_finished = 11,
  server_change_cipher_spec = 12,
  server_finished = 13,
  flush_buffers = 14,
  handshake_wrapup = 15,
  handshake_over = 16,
};

// What a connection waits for after a call returned want_read (or before the next call): the
// sans-IO core says why, so an event loop knows what to poll for. DTLS (timer) and
// asynchronous private keys (async_operation) use the same API.
enum class Wait : uint8_t {
  nothing,          // idle: nothing to do until the application reads or writes
  output,           // pending_output() holds bytes for the transport
  input,            // the handshake cannot go on without bytes from the peer
  timer,            // handle_timeout() is due at next_timeout_ms()
  async_operation,  // an asynchronous operation (a private-key signature) is outstanding
};

class EMBER_API Connection {
 public:
  virtual ~Connection() = default;

  static Result<std::unique_ptr<Connection>> client(std::shared_ptr<const Config> config,
                                                    std::string server_name);
  static Result<std::unique_ptr<Connection>> server(std::shared_ptr<const Config> config);

  // Bytes from the transport. Buffers them; processing happens in handshake()/read().
  virtual Status receive(ByteView data) = 0;
  // The same without a copy: the transport reads into input_space(max) (room for max bytes at
  // the end of the input buffer) and commit_input(n) takes the first n of them, as receive()
  // would. The space is valid until commit_input() or any other call on the connection, which
  // discards it uncommitted.
  virtual MutableByteView input_space(size_t max) = 0;
  virtual Status commit_input(size_t n) = 0;
  // Bytes to give to the transport, and how many were taken.
  virtual ByteView pending_output() const = 0;
  virtual void consume_output(size_t n) = 0;

  // Advances the handshake. ok when done; want_read when more input is needed; any other
  // error is fatal (an alert has been queued in pending_output()).
  virtual Status handshake() = 0;
  virtual bool handshake_done() const = 0;
  // One step of the handshake (mbedtls_ssl_handshake_step): handles or produces one message,
  // or passes one state whose message is absent, then reports like handshake(). handshake()
  // is handshake_step() until handshake_over or an error.
  virtual Status handshake_step() = 0;
  virtual HandshakeState handshake_state() const = 0;

  // Why the connection waits (see Wait): output first, then input while the handshake runs.
  virtual Wait waiting_for() const;
  // Milliseconds until handle_timeout() must be called; nullopt while no timer runs (always
  // over TLS, whose retransmission is the transport's: DTLS sets it).
  virtual std::optional<uint64_t> next_timeout_ms() const { return std::nullopt; }
  // Acts on an expired timer (DTLS: retransmits the last flight). Over TLS: nothing to do.
  virtual Status handle_timeout() { return {}; }

  // Application data. read: want_read when nothing is available yet, peer_close_notify after
  // the peer's close_notify. write: seals the data into records (all of it) in pending_output.
  virtual Result<size_t> read(MutableByteView out) = 0;
  virtual Result<size_t> write(ByteView data) = 0;
  // Queues close_notify.
  virtual Status close() = 0;
  // TLS 1.3 KeyUpdate; request_peer asks the peer to update too.
  virtual Status key_update(bool request_peer) = 0;
  // TLS 1.2 renegotiation (RFC 5746): a client sends a new ClientHello, a server a
  // HelloRequest; then drive handshake() again until it returns ok (application data received
  // meanwhile stays readable). Error::bad_state for TLS 1.3 or when renegotiation is disabled.
  virtual Status renegotiate() = 0;
  // Whether a renegotiation is in progress.
  virtual bool renegotiating() const = 0;

  // Decrypted application data that read() returns without more input, and whether received
  // bytes of a further record wait to be processed (mbedtls_ssl_get_bytes_avail /
  // mbedtls_ssl_check_pending).
  virtual size_t bytes_available() const { return 0; }
  virtual bool input_pending() const { return false; }

  virtual const SessionInfo& info() const = 0;
  // The fatal alert we sent or received, if any (AlertDescription value).
  virtual std::optional<uint8_t> alert_sent() const = 0;
  virtual std::optional<uint8_t> alert_received() const = 0;

  // Client: a resumable session (from a NewSessionTicket), exportable as bytes so another
  // process can resume; empty when none was received (TLS 1.3 tickets, TLS 1.2 session IDs and
  // tickets). set_session before the first handshake() call, which builds the ClientHello.
  virtual Bytes export_session() const = 0;
  virtual Status set_session(ByteView session) = 0;
};

}  // namespace ember::tls
