// TLS 1.3 server handshake: one function per state.
#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/client_hello.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {

Status TlsConnection::server_handle_client_hello(const HandshakeMessage& m) {
  ClientHelloInfo ch;
  EMBER_TRY(parse_client_hello(m.body(), ch));
  // Version: 1.3 when both sides speak it, else 1.2; SSL 3.0/TLS 1.0/1.1 are refused for good
  // (RFC 8996). A renegotiation stays at 1.2.
  auto offers = [&](uint16_t v) {
    return ch.versions
               ? std::find(ch.versions->begin(), ch.versions->end(), v) != ch.versions->end()
               : ch.legacy_version >= v && v == 0x0303;
  };
  bool we13 = config_->max_version == Version::tls13 && !renegotiating_;
  bool we12 = config_->min_version == Version::tls12 && !hello_retried_;
  if (!(we13 && offers(0x0304))) {
    if (we12 && offers(0x0303)) {
      // RFC 7507: a fallback retry from a client that could have done better with us.
      if (ch.fallback_scsv && config_->max_version == Version::tls13 && !renegotiating_)
        return Error::inappropriate_fallback;
      return server12_handle_client_hello(m, ch);
    }
    uint16_t best = ch.legacy_version;
    if (ch.versions)
      for (uint16_t v : *ch.versions) best = std::max(best, v);
    return best < 0x0303 ? Error::weak_protocol_version : Error::protocol_version;
  }
  EMBER_TRY(server13_check_client_hello(ch));
  EMBER_TRY(server13_choose_suite_and_certificate(ch));
  auto use = server13_choose_share(ch);
  if (!hs_->transcript.started()) {
    EMBER_TRY(init_transcript(suite_->hash));
  }
  if (!use) return server13_send_hello_retry_request(m, ch);
  return server13_accept_client_hello(m, ch, *use);
}

// The rules a TLS 1.3 ClientHello must follow beyond its syntax, and what the handshake keeps
// of it (random, legacy_session_id, server name).
Status TlsConnection::server13_check_client_hello(const ClientHelloInfo& ch) {
  // A TLS 1.3 ClientHello says legacy_version 0x0303 (RFC 8446 §4.1.2, Appendix D.5): one
  // that names SSL 3.0 or older while offering 1.3 is refused.
  if (ch.legacy_version < 0x0303) return Error::protocol_version;
  // legacy_compression_methods: exactly null (RFC 8446 §4.1.2).
  if (ch.compression.size() != 1) return Error::illegal_parameter;
  if (hello_retried_) {
    // The second ClientHello must match the first apart from key_share/cookie.
    if (!ct::equal(ch.random, client_random_) || !ct::equal(ch.session_id, session_id_))
      return Error::illegal_parameter;
    // It must echo our cookie (RFC 8446 §4.2.2).
    if (ch.cookie.size() != hs_->hrr_cookie.size() || !ct::equal(ch.cookie, hs_->hrr_cookie))
      return Error::illegal_parameter;
  }
  std::memcpy(client_random_.data(), ch.random.data(), 32);
  session_id_.assign(ch.session_id.begin(), ch.session_id.end());
  info_.server_name = ch.sni;
  return {};
}

// Cipher suite: our preference among the client's (the same one after a HelloRetryRequest);
// the certificate and signature scheme that fit its signature_algorithms and server name.
Status TlsConnection::server13_choose_suite_and_certificate(const ClientHelloInfo& ch) {
  const auto& ours = our_suites13();
  const SuiteInfo* chosen = nullptr;
  for (uint16_t s : ours)
    if (std::find(ch.suites.begin(), ch.suites.end(), s) != ch.suites.end() &&
        (chosen = tls13_suite(s)) != nullptr)
      break;
  if (chosen == nullptr) return Error::no_shared_cipher;
  if (suite_ != nullptr && suite_ != chosen) return Error::illegal_parameter;
  suite_ = chosen;

  if (!ch.schemes) return Error::missing_extension;
  if (!ch.has_key_share || ch.groups.empty()) return Error::missing_extension;
  crypto::SignatureScheme scheme{};
  own_cert_ = choose_certificate(*ch.schemes, ch.sni, scheme);
  if (own_cert_ == nullptr) return Error::handshake_failure;
  own_scheme_ = scheme;
  return {};
}

// Group: our preference among the client's key shares (of groups it also lists in
// supported_groups); nullopt when none fits.
std::optional<std::pair<crypto::Group, ByteView>> TlsConnection::server13_choose_share(
    const ClientHelloInfo& ch) const {
  std::optional<std::pair<crypto::Group, ByteView>> use;
  for (auto g : our_groups()) {
    for (const auto& s : ch.shares)
      if (s.first == g && std::find(ch.groups.begin(), ch.groups.end(), g) != ch.groups.end())
        use = s;
    if (use) break;
  }
  return use;
}

// A TLS 1.3 ServerHello (or HelloRetryRequest) up to its extensions: legacy_version, random,
// the echoed legacy_session_id, the suite, null compression.
void TlsConnection::write_server_hello_head(Writer& w, ByteView random) const {
  w.u16(0x0303);
  w.bytes(random);
  w.u8_prefixed([&] { w.bytes(session_id_); });
  w.u16(suite_->id);
  w.u8(0);
}

// No acceptable key share: a HelloRetryRequest for our preferred group among the client's
// supported_groups, with a cookie; the state stays server_wait_client_hello.
Status TlsConnection::server13_send_hello_retry_request(const HandshakeMessage& m,
                                                        const ClientHelloInfo& ch) {
  if (hello_retried_) return Error::illegal_parameter;  // still no acceptable share
  std::optional<crypto::Group> want;
  for (auto g : our_groups())
    if (std::find(ch.groups.begin(), ch.groups.end(), g) != ch.groups.end()) {
      want = g;
      break;
    }
  if (!want) return Error::handshake_failure;
  // A cookie the second ClientHello must echo: random, so a client cannot skip the retry
  // by replaying another connection's second ClientHello.
  hs_->hrr_cookie.resize(16);
  EMBER_TRY(random_bytes(hs_->hrr_cookie));
  // Transcript: message_hash(ClientHello1) then the HelloRetryRequest.
  hs_->transcript.add(m.raw);
  EMBER_TRY(hs_->transcript.restart_with_message_hash(provider_));
  Bytes body;
  Writer w(body);
  write_server_hello_head(w, ByteView(kHelloRetryRandom, 32));
  w.u16_prefixed([&] {
    w.u16(ext::kSupportedVersions);
    w.u16_prefixed([&] { w.u16(0x0304); });
    w.u16(ext::kKeyShare);
    w.u16_prefixed([&] { w.u16(static_cast<uint16_t>(*want)); });
    w.u16(ext::kCookie);
    w.u16_prefixed([&] { w.u16_prefixed([&] { w.bytes(hs_->hrr_cookie); }); });
  });
  send_handshake(hs::kServerHello, body);
  if (!session_id_.empty()) send_compat_ccs();
  hello_retried_ = true;
  info_.hello_retry = true;
  if (tracing(1)) trace(1, "hello retry request sent");
  return {};
}

// The ClientHello is accepted: PSK, our key share and the (EC)DHE secret, record size
// limits, the server random, ALPN. The flight is sent by the states that follow.
Status TlsConnection::server13_accept_client_hello(const HandshakeMessage& m,
                                                   const ClientHelloInfo& ch,
                                                   const std::pair<crypto::Group, ByteView>& use) {
  bool psk_ke_ok = ch.psk_ke && config_->allow_psk_ke;
  if (ch.has_psk && (ch.psk_dhe_ke || psk_ke_ok) && config_->tickets) {
    EMBER_TRY(server_try_psk(m, ch.psk_identity, ch.psk_obfuscated_age, ch.psk_binder,
                             ch.psk_binders_len));
    // A server configured for psk_ke uses it whenever the client offers it (no (EC)DHE cost).
    psk_ke_ = psk_accepted_ && psk_ke_ok;
  }
  hs_->transcript.add(m.raw);
  auto& plan = hs_->s13;
  if (!psk_ke_) {
    EMBER_TRY_ASSIGN(auto share, provider_.generate_key_share(use.first));
    EMBER_TRY_ASSIGN(plan.shared, share->derive(use.second));
    plan.group = use.first;
    hs_->key_shares.push_back(std::move(share));
  }
  if (ch.record_size_limit) {
    peer_record_limit_ = std::min<size_t>(*ch.record_size_limit, kMaxPlaintext + 1);
    own_record_limit_ = config_->record_size_limit >= 64
                            ? std::min<size_t>(config_->record_size_limit, kMaxPlaintext + 1)
                            : kMaxPlaintext + 1;
    update_record_limits();
  }
  plan.ack_record_size_limit = ch.record_size_limit.has_value();
  plan.ack_sni = !ch.sni.empty();
  EMBER_TRY(random_bytes(server_random_));

  // ALPN: our preference among the client's offers.
  EMBER_TRY(choose_alpn(config_->alpn, ch.alpn, info_.alpn));
  state_ = State::s13_send_server_hello;
  return {};
}

// ServerHello, then the handshake keys (and the compatibility ChangeCipherSpec).
Status TlsConnection::server13_send_server_hello() {
  const auto& plan = hs_->s13;
  const crypto::KeyShare* share = hs_->key_shares.empty() ? nullptr : hs_->key_shares[0].get();
  Bytes sh;
  Writer w(sh);
  write_server_hello_head(w, server_random_);
  w.u16_prefixed([&] {
    w.u16(ext::kSupportedVersions);
    w.u16_prefixed([&] { w.u16(0x0304); });
    if (share) {
      w.u16(ext::kKeyShare);
      w.u16_prefixed([&] {
        w.u16(static_cast<uint16_t>(*plan.group));
        w.u16_prefixed([&] { w.bytes(share->public_value()); });
      });
    }
    if (psk_accepted_) {
      w.u16(ext::kPreSharedKey);
      w.u16_prefixed([&] { w.u16(0); });  // selected_identity
    }
  });
  send_handshake(hs::kServerHello, sh);
  EMBER_TRY(derive_handshake_secrets(plan.shared));
  hs_->s13.shared.clear();
  if (share) info_.group = *plan.group;
  info_.cipher_suite = suite_->id;
  if (!session_id_.empty()) send_compat_ccs();
  EMBER_TRY(set_write_keys(hs_->server_hs_secret));
  EMBER_TRY(set_read_keys(hs_->client_hs_secret));
  state_ = State::s13_send_encrypted_extensions;
  return {};
}

// EncryptedExtensions opens the flight sent under the handshake keys (through Finished).
Status TlsConnection::server13_send_encrypted_extensions() {
  const auto& plan = hs_->s13;
  begin_flight();
  Bytes ee;
  Writer e(ee);
  e.u16_prefixed([&] {
    if (!info_.alpn.empty()) {
      e.u16(ext::kAlpn);
      e.u16_prefixed([&] {
        e.u16_prefixed([&] { e.u8_prefixed([&] { e.bytes(std::string_view(info_.alpn)); }); });
      });
    }
    if (plan.ack_sni) {
      e.u16(ext::kServerName);
      e.u16(0);
    }
    if (plan.ack_record_size_limit) {
      e.u16(ext::kRecordSizeLimit);
      e.u16_prefixed([&] { e.u16(static_cast<uint16_t>(own_record_limit_)); });
    }
  });
  send_handshake(hs::kEncryptedExtensions, ee);
  // Resumption: no certificates (RFC 8446 §2.2).
  state_ = psk_accepted_ ? State::s13_send_finished : State::s13_send_certificate_request;
  return {};
}

// A CertificateRequest when the configuration verifies clients (absent otherwise).
Status TlsConnection::server13_send_certificate_request() {
  if (config_->verify != VerifyMode::none) {
    Bytes cr;
    Writer c(cr);
    c.u8(0);  // empty certificate_request_context
    c.u16_prefixed([&] {
      c.u16(ext::kSignatureAlgorithms);
      c.u16_prefixed([&] {
        c.u16_prefixed([&] {
          const auto& schemes = our_schemes();
          for (auto s : schemes) c.u16(static_cast<uint16_t>(s));
        });
      });
    });
    send_handshake(hs::kCertificateRequest, cr);
    cert_requested_ = true;
  }
  state_ = State::s13_send_certificate;
  return {};
}

// Finished closes the flight; the server's application keys take over for writing.
Status TlsConnection::server13_send_finished() {
  EMBER_TRY(send_finished());
  end_flight();
  EMBER_TRY(derive_application_secrets());
  EMBER_TRY(set_write_keys(hs_->server_ap_secret));
  state_ =
      cert_requested_ ? State::server_wait_client_certificate : State::server_wait_client_finished;
  return {};
}

Status TlsConnection::server_handle_client_certificate(const HandshakeMessage& m) {
  EMBER_TRY(parse_certificate(m, info_.peer_chain, true));
  hs_->transcript.add(m.raw);
  EMBER_TRY(verify_peer_chain(false));
  state_ = info_.peer_chain.empty() ? State::server_wait_client_finished
                                    : State::server_wait_client_certificate_verify;
  return {};
}

Status TlsConnection::server_handle_client_certificate_verify(const HandshakeMessage& m) {
  EMBER_TRY(check_certificate_verify(m, false));
  state_ = State::server_wait_client_finished;
  return {};
}

Status TlsConnection::server_handle_client_finished(const HandshakeMessage& m) {
  EMBER_TRY(check_finished(m, hs_->client_hs_secret));
  EMBER_TRY(set_read_keys(hs_->client_ap_secret));
  EMBER_TRY_ASSIGN(resumption_secret_,
                   derive_secret(*hs_->master_mac, "res master", transcript_hash()));
  state_ = State::flush_buffers;
  return {};
}

Status TlsConnection::finish_handshake13() {
  state_ = State::connected;
  if (role_ == Role::server && config_->tickets) EMBER_TRY(server_send_new_session_ticket());
  return {};
}

// Ticket plaintext: u16 suite, u8-prefixed psk, u64 issued_ms, u32 lifetime_s, u32 age_add.
Status TlsConnection::server_send_new_session_ticket() {
  auto keys = config_->ticket_keys ? config_->ticket_keys : default_ticket_keys();
  size_t hl = crypto::hash_size(suite_->hash);
  uint8_t nonce = tickets_sent_++;
  EMBER_TRY_ASSIGN(auto psk,
                   expand_label(resumption_secret_, "resumption", ByteView(&nonce, 1), hl));
  std::array<uint8_t, 4> age_add_bytes;
  EMBER_TRY(random_bytes(age_add_bytes));
  uint32_t age_add = (uint32_t{age_add_bytes[0]} << 24) | (uint32_t{age_add_bytes[1]} << 16) |
                     (uint32_t{age_add_bytes[2]} << 8) | age_add_bytes[3];
  uint32_t lifetime = std::min<uint32_t>(config_->ticket_lifetime_s, 604800);
  uint64_t now = now_ms();
  Bytes tmp;
  Writer pw(tmp);
  pw.u16(suite_->id);
  pw.u8_prefixed([&] { pw.bytes(ByteView(psk)); });
  pw.u64(now);
  pw.u32(lifetime);
  pw.u32(age_add);
  write_peer(pw);  // the client certificate, if any, for resumed connections
  Secret plain{ByteView(tmp)};
  secure_zero(tmp.data(), tmp.size());
  EMBER_TRY_ASSIGN(auto ticket, keys->seal(plain, now));
  Bytes body;
  Writer w(body);
  w.u32(lifetime);
  w.u32(age_add);
  w.u8_prefixed([&] { w.u8(nonce); });
  w.u16_prefixed([&] { w.bytes(ticket); });
  w.u16(0);  // no extensions
  send_handshake(hs::kNewSessionTicket, body);
  return {};
}

// Accepts the client's first PSK identity when its ticket opens, is within its lifetime and
// age, uses a suite with the negotiated hash, and its binder verifies (a wrong binder is fatal).
Status TlsConnection::server_try_psk(const HandshakeMessage& m, ByteView identity,
                                     uint32_t obfuscated_age, ByteView binder, size_t binders_len) {
  auto keys = config_->ticket_keys ? config_->ticket_keys : default_ticket_keys();
  auto plain = keys->open(identity);
  if (!plain) return {};  // unknown or foreign ticket: full handshake
  Reader r(*plain);
  uint16_t suite;
  ByteView psk;
  uint64_t issued;
  uint32_t lifetime, age_add, flags = 0;
  x509::CertPtr peer;
  if (!r.u16(suite) || !r.u8_prefixed(psk) || !r.u64(issued) || !r.u32(lifetime) ||
      !r.u32(age_add) || !read_peer(r, flags, peer) || !r.empty())
    return {};
  const SuiteInfo* ts = tls13_suite(suite);
  if (ts == nullptr || ts->hash != suite_->hash) return {};
  uint64_t now = now_ms();
  if (now < issued || now - issued > uint64_t{lifetime} * 1000) return {};  // expired
  uint32_t client_age = obfuscated_age - age_add;
  uint64_t real_age = now - issued;
  if (client_age > real_age + 10000 || real_age > uint64_t{client_age} + 60000)
    return {};  // implausible age: treat as a different session
  if (m.raw.size() < binders_len) return Error::tls_decode_error;
  ByteView truncated = ByteView(m.raw).first(m.raw.size() - binders_len);
  EMBER_TRY_ASSIGN(auto want, psk_binder(suite_->hash, psk, truncated));
  if (binder.size() != want.size() || !ct::equal(binder, want)) return Error::decrypt_error;
  psk_ = Secret(psk);
  psk_accepted_ = true;
  info_.resumed = true;
  apply_peer(flags, std::move(peer));
  trace(1, "resuming session");
  return {};
}

// The TLS 1.3 server states that send a message: its flight, ServerHello .. Finished.
Status TlsConnection::server13_step() {
  switch (state_) {
    case State::s13_send_server_hello:
      return server13_send_server_hello();
    case State::s13_send_encrypted_extensions:
      return server13_send_encrypted_extensions();
    case State::s13_send_certificate_request:
      return server13_send_certificate_request();
    case State::s13_send_certificate:
      EMBER_TRY(send_certificate(own_cert_, {}));
      state_ = State::s13_send_certificate_verify;
      return {};
    case State::s13_send_certificate_verify:
      EMBER_TRY(send_certificate_verify(*own_cert_, own_scheme_));
      state_ = State::s13_send_finished;
      return {};
    case State::s13_send_finished:
      return server13_send_finished();
    default:
      return receive_step();  // a state that waits for a message
  }
}

// The TLS 1.3 server states that wait for a message (after its flight).
Status TlsConnection::server13_receive(const HandshakeMessage& m) {
  switch (state_) {
    case State::server_wait_client_certificate:
      return m.type == hs::kCertificate ? server_handle_client_certificate(m)
                                        : Status{Error::unexpected_message};
    case State::server_wait_client_certificate_verify:
      return m.type == hs::kCertificateVerify ? server_handle_client_certificate_verify(m)
                                              : Status{Error::unexpected_message};
    case State::server_wait_client_finished:
      return m.type == hs::kFinished ? server_handle_client_finished(m)
                                     : Status{Error::unexpected_message};
    default:
      return Error::unexpected_message;
  }
}

}  // namespace ember::tls
