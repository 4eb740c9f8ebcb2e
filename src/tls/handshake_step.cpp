// The handshake driver: handshake_step() advances one state (handles or produces one message,
// or passes a state whose message is absent), dispatches a received message to the current
// state's handler, and at handshake_wrapup lets the handshake's own state go. The states and
// their MBEDTLS_SSL_* numbers: docs/tls.md "Handshake states".
#include "tls/connection_impl.hpp"

namespace ember::tls {

// The MBEDTLS_SSL_* number of every state (HandshakeState): TLS 1.2 follows Mbed TLS 2.28's
// sequence; TLS 1.3 maps onto it coarsely (docs/tls.md "Handshake states").
HandshakeState TlsConnection::mbed_state(State s) {
  using H = HandshakeState;
  switch (s) {
    case State::hello_request:
      return H::hello_request;
    case State::client_hello:
    case State::server_wait_client_hello:
      return H::client_hello;
    case State::client_wait_server_hello:
    case State::client_wait_encrypted_extensions:
    case State::s12_send_server_hello:
    case State::s13_send_server_hello:
    case State::s13_send_encrypted_extensions:
      return H::server_hello;
    case State::client_wait_cert_or_cert_request:
    case State::client_wait_certificate:
    case State::c12_certificate:
    case State::s12_send_certificate:
    case State::s13_send_certificate:
      return H::server_certificate;
    case State::client_wait_certificate_verify:  // TLS 1.3: the server proves its key
    case State::c12_server_key_exchange:
    case State::s12_send_server_key_exchange:
    case State::s13_send_certificate_verify:
      return H::server_key_exchange;
    case State::c12_cert_request_or_done:
    case State::s12_send_certificate_request:
    case State::s13_send_certificate_request:
      return H::certificate_request;
    case State::c12_server_hello_done:
    case State::s12_send_server_hello_done:
      return H::server_hello_done;
    case State::server_wait_client_certificate:
    case State::c13_send_certificate:
    case State::c12_send_certificate:
    case State::s12_client_certificate:
      return H::client_certificate;
    case State::c12_send_client_key_exchange:
    case State::s12_client_key_exchange:
      return H::client_key_exchange;
    case State::server_wait_client_certificate_verify:
    case State::c13_send_certificate_verify:
    case State::c12_send_certificate_verify:
    case State::s12_certificate_verify:
      return H::certificate_verify;
    case State::c12_send_change_cipher_spec:
    case State::s12_change_cipher_spec:
      return H::client_change_cipher_spec;
    case State::server_wait_client_finished:
    case State::c13_send_finished:
    case State::c12_send_finished:
    case State::s12_finished:
      return H::client_finished;
    // Mbed TLS 2.28 handles a NewSessionTicket in the server_change_cipher_spec state.
    case State::c12_new_session_ticket:
    case State::c12_change_cipher_spec:
    case State::s12_send_new_session_ticket:
    case State::s12_send_change_cipher_spec:
      return H::server_change_cipher_spec;
    case State::client_wait_finished:
    case State::c12_finished:
    case State::s12_send_finished:
    case State::s13_send_finished:
      return H::server_finished;
    case State::flush_buffers:
      return H::flush_buffers;
    case State::handshake_wrapup:
      return H::handshake_wrapup;
    case State::connected:
    case State::closed:
    case State::failed:
      return H::handshake_over;
  }
  return H::handshake_over;
}

Status TlsConnection::handshake() {
  while (state_ != State::connected) EMBER_TRY(handshake_step());
  return {};
}

Status TlsConnection::handshake_step() {
  if (state_ == State::failed) return fatal_;
  if (state_ == State::connected) return {};
  if (state_ == State::closed) return Error::connection_closed;
  Status st = step();
  if (st || st.error() == Error::want_read) {
    if (st && state_ == State::connected && tracing(1)) trace(1, "handshake complete");
    return st;
  }
  // The peer closed in the middle of a renegotiation: the connection ends normally (data
  // received meanwhile stays readable).
  if (st.error() == Error::connection_closed && renegotiating_) return Error::peer_close_notify;
  return fail(st.error() == Error::connection_closed ? Error::handshake_failure : st.error());
}

Status TlsConnection::step() {
  switch (state_) {
    case State::hello_request:
      state_ = role_ == Role::client ? State::client_hello : State::server_wait_client_hello;
      return {};
    case State::client_hello:
      // (A test replaying a published trace has put its own ClientHello in place.)
      if (!hello_sent_) EMBER_TRY(client_send_hello(std::nullopt, {}));
      hello_sent_ = true;
      state_ = State::client_wait_server_hello;
      return {};
    case State::flush_buffers:
      state_ = State::handshake_wrapup;
      return {};
    case State::handshake_wrapup:
      return finish_handshake();
    default:
      break;
  }
  // Every other state belongs to one machine: the role's, at the version.
  if (role_ == Role::client) return tls12_ ? client12_step() : client13_step();
  return tls12_ ? server12_step() : server13_step();
}

// States whose message may be absent (Mbed TLS passes them too): moves on without taking a
// message, or nullopt when the state's message is expected. The next message is looked at,
// not taken, where its type decides.
std::optional<Status> TlsConnection::skip_absent_message() {
  auto next_type = [&]() -> std::optional<uint8_t> {
    return hs_in_.has_message() ? std::optional<uint8_t>(hs_in_.peek_type()) : std::nullopt;
  };
  switch (state_) {
    case State::c12_certificate:
      if (kex_uses_certificate(suite12_->kex)) return std::nullopt;
      state_ = State::c12_server_key_exchange;
      return Status{};
    case State::c12_server_key_exchange: {
      Kex kex = suite12_->kex;
      bool optional = kex == Kex::psk || kex == Kex::rsa_psk;  // only with an identity hint
      if (kex != Kex::rsa && !optional) return std::nullopt;
      if (optional) {
        auto t = next_type();
        if (!t) return std::nullopt;  // wait for it
        if (*t == hs::kServerKeyExchange) return std::nullopt;
      }
      state_ = State::c12_cert_request_or_done;
      return Status{};
    }
    case State::c12_cert_request_or_done: {
      auto t = next_type();
      if (!t || *t == hs::kCertificateRequest) return std::nullopt;
      state_ = State::c12_server_hello_done;
      return Status{};
    }
    case State::s12_client_certificate:
      if (peer_cert_requested_) return std::nullopt;
      state_ = State::s12_client_key_exchange;
      return Status{};
    case State::s12_certificate_verify:
      if (!info_.peer_chain.empty()) return std::nullopt;
      state_ = State::s12_change_cipher_spec;
      return Status{};
    default:
      return std::nullopt;
  }
}

Status TlsConnection::receive_step() {
  // A state whose message is absent is passed before any input is read: the next record (a
  // ChangeCipherSpec) may be for a later state.
  if (auto skipped = skip_absent_message()) return *skipped;
  State before = state_;
  if (!hs_in_.has_message()) EMBER_TRY(process_input());
  if (state_ != before) return {};                            // a ChangeCipherSpec was this step
  if (auto skipped = skip_absent_message()) return *skipped;  // decided by the next message
  if (!hs_in_.has_message()) return peer_closed_ ? Error::connection_closed : Error::want_read;
  HandshakeMessage m = take_message();
  // RFC 5246 §7.4.1.1: a HelloRequest that arrives during a handshake (a server repeating
  // its request while our renegotiation is under way) is ignored.
  if (tls12_ && role_ == Role::client && m.type == hs::kHelloRequest && m.body().empty()) return {};
  return dispatch(m);
}

Status TlsConnection::dispatch(const HandshakeMessage& m) {
  // The hellos decide the version, so both versions' first states take them here; every
  // other message goes to the machine of the role at the negotiated version.
  switch (state_) {
    case State::client_wait_server_hello:
      return m.type == hs::kServerHello ? client_handle_server_hello(m)
                                        : Status{Error::unexpected_message};
    case State::server_wait_client_hello:
      return m.type == hs::kClientHello ? server_handle_client_hello(m)
                                        : Status{Error::unexpected_message};
    case State::connected:  // TLS 1.2: HelloRequest / ClientHello, a renegotiation
      return tls12_ ? handle_renegotiation_request(m) : Status{Error::unexpected_message};
    default:
      break;
  }
  if (role_ == Role::client) return tls12_ ? client12_receive(m) : client13_receive(m);
  return tls12_ ? server12_receive(m) : server13_receive(m);
}

Status TlsConnection::finish_handshake() {
  EMBER_TRY(tls12_ ? finish_handshake12() : finish_handshake13());
  release_handshake_state();
  return {};
}

// What only the handshake needed goes (the Handshake context: transcript, key shares,
// premaster and handshake traffic secrets, the key-schedule HMACs, the first ClientHello),
// secrets wiped by their destructors. The connection keeps its traffic keys (in the record
// layer), the session, the resumption secret for tickets, and the verify_data that a
// renegotiation needs.
void TlsConnection::release_handshake_state() {
  hs_.reset();
}

}  // namespace ember::tls
