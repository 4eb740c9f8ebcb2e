// TLS 1.2 server handshake (RFC 5246 §7.3): one function per received message.
#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/client_hello.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {

namespace {

// RFC 7919 ffdhe2048, the group a DHE server offers (g = 2).
constexpr std::string_view kFfdhe2048Hex =
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695"
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a"
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935"
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a"
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4"
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61"
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005"
    "c58ef1837d1683b2c6f34a26c1b2effa886b423861285c97ffffffffffffffff";

bool cert_fits_kex(Kex kex, const CertifiedKey& ck) {
  if (!ck.key || ck.chain.empty() || !key_fits_kex(kex, ck.key->type())) return false;
  // RSA key transport encrypts to the key.
  return (kex != Kex::rsa && kex != Kex::rsa_psk) ||
         ck.chain[0]->key_usage_allows(x509::ku::kKeyEncipherment);
}

}  // namespace

ByteView ffdhe2048_prime() {
  static const Bytes p = from_hex(kFfdhe2048Hex);
  return p;
}

// Resumption by ticket (RFC 5077) or by session ID from the cache. The session must use a
// suite the client still offers and that we still allow, and agree on EMS (RFC 7627 §5.3).
Result<bool> TlsConnection::server12_try_resume(const ClientHelloInfo& ch) {
  std::optional<Secret> state;
  // A ticket is only resumed with a session ID to echo: that is how the client learns that
  // the ticket was accepted (RFC 5077 §3.4).
  if (ch.session_ticket && !ch.session_ticket->empty() && config_->tickets &&
      !ch.session_id.empty()) {
    auto keys = config_->ticket_keys ? config_->ticket_keys : default_ticket_keys();
    if (auto plain = keys->open(*ch.session_ticket)) {
      Reader r(*plain);
      ByteView session;
      uint64_t issued;
      uint32_t lifetime;
      uint64_t now = now_ms();
      if (r.u16_prefixed(session) && r.u64(issued) && r.u32(lifetime) && r.empty() &&
          now >= issued && now - issued <= uint64_t{lifetime} * 1000)
        state = Secret(session);
    }
  }
  if (!state && config_->session_cache && !ch.session_id.empty())
    state = config_->session_cache->find(ch.session_id, now_ms());
  if (!state) return false;
  const Suite12* saved_suite = suite12_;
  Secret saved_master = master_secret_;
  bool saved_ems = ems_;
  uint32_t flags = 0;
  x509::CertPtr peer;
  bool ok = static_cast<bool>(restore_session12(*state, flags, peer));
  // RFC 7627 §5.3: resuming a session that used the extended master secret without the
  // extension is aborted, not downgraded to a full handshake.
  if (ok && ems_ && !ch.ems) {
    suite12_ = saved_suite;
    master_secret_ = saved_master;
    ems_ = saved_ems;
    return Error::handshake_failure;
  }
  if (ok) {
    const auto& ours = our_suites12();
    ok = std::find(ch.suites.begin(), ch.suites.end(), suite12_->id) != ch.suites.end() &&
         std::find(ours.begin(), ours.end(), suite12_->id) != ours.end() &&
         ems_ == (ch.ems && config_->extended_master_secret);
  }
  if (!ok) {
    suite12_ = saved_suite;
    master_secret_ = saved_master;
    ems_ = saved_ems;
    return false;
  }
  apply_peer(flags, std::move(peer));  // the client certificate of the original handshake
  return true;
}

Status TlsConnection::server12_handle_client_hello(const HandshakeMessage& m,
                                                   const ClientHelloInfo& ch) {
  EMBER_TRY(server12_check_renegotiation_info(ch));
  tls12_ = true;
  info_.version = Version::tls12;
  std::memcpy(client_random_.data(), ch.random.data(), 32);
  client_version12_ = ch.legacy_version;
  info_.server_name = ch.sni;
  EMBER_TRY(choose_alpn(config_->alpn, ch.alpn, info_.alpn));
  etm_ = false;
  ticket_ext_ = ch.session_ticket.has_value() && config_->tickets;
  EMBER_TRY_ASSIGN(bool resumed, server12_try_resume(ch));
  // RFC 8422 §5.1.2: a client that names elliptic curves must accept uncompressed points.
  bool ec_groups = std::any_of(ch.groups.begin(), ch.groups.end(),
                               [](crypto::Group g) { return !crypto::is_ffdhe(g); });
  if (ch.has_ec_point_formats && !ch.uncompressed_points && ec_groups)
    return Error::illegal_parameter;
  std::optional<crypto::Group> ec_group = server12_choose_ec_group(ch);
  if (!resumed) {
    EMBER_TRY(server12_choose_suite(ch, ec_group.has_value()));
    ems_ = ch.ems && config_->extended_master_secret;
  }
  info_.resumed = resumed;
  resuming12_ = resumed;
  etm_ = !suite12_->aead && ch.etm && config_->encrypt_then_mac;
  if (ch.max_fragment_length != 0) {
    mfl_code_ = ch.max_fragment_length;
    max_fragment_ = size_t{256} << mfl_code_;
  }
  update_record_limits();
  EMBER_TRY(init_transcript(suite12_->prf));
  absorb(m);

  // Session ID: a resumed session keeps the client's; a new one gets a fresh ID when we cache.
  if (resumed) {
    session_id_.assign(ch.session_id.begin(), ch.session_id.end());
  } else if (config_->session_cache) {
    session_id_.resize(32);
    EMBER_TRY(random_bytes(session_id_));
  } else {
    session_id_.clear();
  }
  EMBER_TRY(random_bytes(server_random_));
  if (config_->max_version == Version::tls13)  // RFC 8446 §4.1.3 downgrade sentinel
    std::memcpy(server_random_.data() + 24, kDowngradeTls12, 8);

  hs_->s12.ec_group = ec_group;
  hs_->s12.ec_point_formats = ch.has_ec_point_formats;
  hs_->s12.sni = !ch.sni.empty();
  Kex kex = suite12_->kex;
  hs_->s12.send_ske =
      kex_is_ecdhe(kex) || kex_is_dhe(kex) ||
      ((kex == Kex::psk || kex == Kex::rsa_psk) && !config_->psk_identity_hint.empty());
  state_ = State::s12_send_server_hello;
  return {};
}

// RFC 5746: the initial handshake carries an empty renegotiation_info (or the SCSV); a
// renegotiation carries our client_verify_data and never the SCSV.
Status TlsConnection::server12_check_renegotiation_info(const ClientHelloInfo& ch) {
  if (renegotiating_) {
    if (ch.reneg_scsv) return Error::handshake_failure;
    // A renegotiation keeps the extended master secret that the connection has (RFC 7627).
    if (ems_ && !ch.ems) return Error::handshake_failure;
    if (secure_reneg_) {
      if (!ch.reneg_info || ch.reneg_info->size() != client_verify_data_.size() ||
          !ct::equal(*ch.reneg_info, client_verify_data_))
        return Error::handshake_failure;
    } else if (ch.reneg_info) {
      return Error::handshake_failure;
    }
    return {};
  }
  if (ch.reneg_info && !ch.reneg_info->empty()) return Error::handshake_failure;
  secure_reneg_ = ch.reneg_info.has_value();
  if (!secure_reneg_ && config_->legacy_renegotiation == LegacyRenegotiation::break_handshake)
    return Error::handshake_failure;
  return {};
}

namespace {

// RFC 8422 §4: without supported_groups the client supports secp256r1 (and x25519 is never
// assumed).
bool client_has_group(const ClientHelloInfo& ch, crypto::Group g) {
  return ch.groups.empty() ? g == crypto::Group::secp256r1
                           : std::find(ch.groups.begin(), ch.groups.end(), g) != ch.groups.end();
}

}  // namespace

// The ECDHE group: our preference among the client's elliptic curves.
std::optional<crypto::Group> TlsConnection::server12_choose_ec_group(
    const ClientHelloInfo& ch) const {
  for (auto g : our_groups())
    if (!crypto::is_ffdhe(g) && client_has_group(ch, g)) return g;
  return std::nullopt;
}

// Whether one of our certificates serves suite s for this client: its key fits the key
// exchange, an ECDSA key's curve is one the client supports (RFC 8422 §5.1), and, where the
// key exchange signs, a signature scheme both sides accept (set in scheme).
bool TlsConnection::server12_certificate_fits(const Suite12& s, const CertifiedKey& c,
                                              const ClientHelloInfo& ch,
                                              crypto::SignatureScheme& scheme) const {
  if (!cert_fits_kex(s.kex, c)) return false;
  if (auto curve = c.key->curve(); curve && c.key->type() == crypto::KeyType::ec) {
    auto g = *curve == crypto::Curve::p256   ? crypto::Group::secp256r1
             : *curve == crypto::Curve::p384 ? crypto::Group::secp384r1
                                             : crypto::Group::secp521r1;
    if (!client_has_group(ch, g)) return false;
  }
  if (s.kex == Kex::rsa || s.kex == Kex::rsa_psk) return true;  // no signature
  static const std::vector<crypto::SignatureScheme> kNone;
  const auto& client_schemes = ch.schemes ? *ch.schemes : kNone;
  for (auto sc : our_schemes())
    if (std::find(client_schemes.begin(), client_schemes.end(), sc) != client_schemes.end() &&
        scheme_fits_key12(sc, c.key->type())) {
      scheme = sc;
      return true;
    }
  return false;
}

// The certificate for suite s: the SNI callback's choice, else one whose name matches the
// server name, else the first that fits.
const CertifiedKey* TlsConnection::server12_certificate_for(const Suite12& s,
                                                            const ClientHelloInfo& ch,
                                                            crypto::SignatureScheme& scheme) const {
  const auto& certs = config_->certificates;
  if (config_->sni_callback) {
    auto idx = config_->sni_callback(ch.sni);
    if (idx && *idx < certs.size() && server12_certificate_fits(s, certs[*idx], ch, scheme))
      return &certs[*idx];
  }
  if (!ch.sni.empty())
    for (const auto& c : certs)
      if (x509::matches_host(*c.chain[0], ch.sni) && server12_certificate_fits(s, c, ch, scheme))
        return &c;
  for (const auto& c : certs)
    if (server12_certificate_fits(s, c, ch, scheme)) return &c;
  return nullptr;
}

// Suite: our preference among the client's, usable with what we have (an ECDHE group, a PSK,
// a certificate that fits).
Status TlsConnection::server12_choose_suite(const ClientHelloInfo& ch, bool have_ec_group) {
  bool have_psk = static_cast<bool>(config_->psk_callback) ||
                  (!config_->psk.empty() && !config_->psk_identity.empty());
  suite12_ = nullptr;
  own_cert_ = nullptr;
  for (uint16_t id : our_suites12()) {
    const Suite12* s = tls12_suite(id);
    if (s == nullptr || std::find(ch.suites.begin(), ch.suites.end(), id) == ch.suites.end())
      continue;
    if (!s->aead && !provider_.supports(s->cbc_alg)) continue;
    if (kex_is_ecdhe(s->kex) && !have_ec_group) continue;
    if (kex_is_psk(s->kex) && !have_psk) continue;
    const CertifiedKey* ck = nullptr;
    crypto::SignatureScheme scheme{};
    if (kex_uses_certificate(s->kex)) {
      ck = server12_certificate_for(*s, ch, scheme);
      if (ck == nullptr) continue;
    }
    suite12_ = s;
    own_cert_ = ck;
    own_scheme_ = scheme;
    return {};
  }
  return Error::no_shared_cipher;
}

Status TlsConnection::server12_send_server_hello() {
  bool ecc = kex_is_ecdhe(suite12_->kex) || suite12_->kex == Kex::ecdhe_ecdsa;
  Bytes sh;
  Writer w(sh);
  w.u16(0x0303);
  w.bytes(server_random_);
  w.u8_prefixed([&] { w.bytes(session_id_); });
  w.u16(suite12_->id);
  w.u8(0);
  w.u16_prefixed([&] {
    if (secure_reneg_) {
      w.u16(ext::kRenegotiationInfo);
      w.u16_prefixed([&] {
        w.u8_prefixed([&] {
          w.bytes(client_verify_data_);
          w.bytes(server_verify_data_);
        });
      });
    }
    if (ems_) {
      w.u16(ext::kExtendedMasterSecret);
      w.u16(0);
    }
    if (etm_) {
      w.u16(ext::kEncryptThenMac);
      w.u16(0);
    }
    if (ticket_ext_) {
      w.u16(ext::kSessionTicket);
      w.u16(0);
    }
    if (ecc && hs_->s12.ec_point_formats) {
      w.u16(ext::kEcPointFormats);
      w.u16_prefixed([&] { w.u8_prefixed([&] { w.u8(0); }); });
    }
    if (!info_.alpn.empty()) {
      w.u16(ext::kAlpn);
      w.u16_prefixed([&] {
        w.u16_prefixed([&] { w.u8_prefixed([&] { w.bytes(std::string_view(info_.alpn)); }); });
      });
    }
    if (hs_->s12.sni && !resuming12_) {
      w.u16(ext::kServerName);
      w.u16(0);
    }
    if (mfl_code_ != 0) {
      w.u16(ext::kMaxFragmentLength);
      w.u16_prefixed([&] { w.u8(mfl_code_); });
    }
  });
  send_handshake(hs::kServerHello, sh);
  if (resuming12_) {
    state_ = State::s12_send_new_session_ticket;  // then our CCS and Finished, theirs second
    if (tracing(1)) trace(1, "resuming TLS 1.2 session");
    return {};
  }
  state_ = State::s12_send_certificate;
  return {};
}

Status TlsConnection::server12_send_server_key_exchange() {
  if (!hs_->s12.send_ske) {
    state_ = State::s12_send_certificate_request;
    return {};
  }
  Kex kex = suite12_->kex;
  // ServerKeyExchange.
  Bytes ske;
  Writer k(ske);
  if (kex_is_psk(kex)) {
    k.u16_prefixed([&] { k.bytes(std::string_view(config_->psk_identity_hint)); });
  }
  size_t params_start = ske.size();
  if (kex_is_ecdhe(kex)) {
    EMBER_TRY_ASSIGN(auto share, provider_.generate_key_share(*hs_->s12.ec_group));
    k.u8(3);  // named_curve
    k.u16(static_cast<uint16_t>(*hs_->s12.ec_group));
    k.u8_prefixed([&] { k.bytes(share->public_value()); });
    hs_->key_shares.clear();
    hs_->key_shares.push_back(std::move(share));
    info_.group = hs_->s12.ec_group;
  } else if (kex_is_dhe(kex)) {
    ByteView p = ffdhe2048_prime();
    uint8_t g = 2;
    EMBER_TRY_ASSIGN(hs_->dh, provider_.generate_dh(p, ByteView(&g, 1), 2048));
    k.u16_prefixed([&] { k.bytes(p); });
    k.u16_prefixed([&] { k.u8(g); });
    k.u16_prefixed([&] { k.bytes(hs_->dh->public_value()); });
    info_.group = crypto::Group::ffdhe2048;
  }
  if (kex == Kex::ecdhe_ecdsa || kex == Kex::ecdhe_rsa || kex == Kex::dhe_rsa) {
    Bytes signed_data(client_random_.begin(), client_random_.end());
    signed_data.insert(signed_data.end(), server_random_.begin(), server_random_.end());
    signed_data.insert(signed_data.end(), ske.begin() + static_cast<long>(params_start), ske.end());
    EMBER_TRY(sign12(*own_cert_, own_scheme_, signed_data, k));
    info_.signature_scheme.reset();
  }
  if (!k.ok()) return Error::internal_error;
  send_handshake(hs::kServerKeyExchange, ske);
  state_ = State::s12_send_certificate_request;
  return {};
}

Status TlsConnection::server12_send_certificate_request() {
  Kex kex = suite12_->kex;
  const auto& ours_schemes = our_schemes();
  // CertificateRequest (not with PSK suites, RFC 4279 §2).
  peer_cert_requested_ = false;
  if (config_->verify != VerifyMode::none && !kex_is_psk(kex)) {
    Bytes cr;
    Writer c(cr);
    c.u8_prefixed([&] {
      c.u8(1);   // rsa_sign
      c.u8(64);  // ecdsa_sign
    });
    c.u16_prefixed([&] {
      // rsa_pss_pss_* included: RFC 8446 §4.2.3 defines them for TLS 1.2 too, and a client
      // with an RSASSA-PSS key (certificate type rsa_sign) can answer with nothing else.
      for (auto s : ours_schemes) c.u16(static_cast<uint16_t>(s));
    });
    c.u16_prefixed([&] {
      if (config_->cert_req_ca_list && config_->trust != nullptr)
        for (const auto& root : config_->trust->roots())
          c.u16_prefixed([&] { c.bytes(root->subject().der()); });
    });
    if (!c.ok()) return Error::internal_error;
    send_handshake(hs::kCertificateRequest, cr);
    peer_cert_requested_ = true;
  }
  state_ = State::s12_send_server_hello_done;
  return {};
}

Status TlsConnection::server12_handle_client_certificate(const HandshakeMessage& m) {
  EMBER_TRY(parse_certificate12(m));
  Status st = verify_peer_chain(false);
  // TLS 1.2 has no certificate_required alert: a missing required certificate is a
  // handshake_failure (RFC 5246 §7.4.6).
  if (!st && st.error() == Error::certificate_required) return Error::handshake_failure;
  EMBER_TRY(st);
  state_ = State::s12_client_key_exchange;
  return {};
}

Status TlsConnection::server12_handle_client_key_exchange(const HandshakeMessage& m) {
  Kex kex = suite12_->kex;
  Reader r(m.body());
  if (kex_is_psk(kex)) {
    ByteView identity;
    if (!r.u16_prefixed(identity) || identity.empty() || identity.size() > 128)
      return Error::tls_decode_error;
    std::string id(identity.begin(), identity.end());
    if (config_->psk_callback) {
      auto key = config_->psk_callback(id);
      if (!key || key->empty()) return Error::unknown_psk_identity;
      psk_ = std::move(*key);
    } else {
      // Constant-time comparison of the identity is not needed (identities are public), but
      // a wrong one must be indistinguishable from a wrong key to a guesser: RFC 4279 §2 lets
      // us answer unknown_psk_identity, which Mbed TLS does too.
      if (id != config_->psk_identity) return Error::unknown_psk_identity;
      psk_ = Secret(ByteView(config_->psk));
    }
    info_.psk_identity = id;
  }
  if (kex_is_ecdhe(kex)) {
    ByteView point;
    if (!r.u8_prefixed(point) || point.empty()) return Error::tls_decode_error;
    if (hs_->key_shares.empty()) return Error::internal_error;
    auto shared = hs_->key_shares.front()->derive(point);
    if (!shared) return Error::illegal_parameter;
    hs_->premaster = std::move(*shared);
  } else if (kex_is_dhe(kex)) {
    ByteView yc;
    if (!r.u16_prefixed(yc) || yc.empty()) return Error::tls_decode_error;
    auto shared = hs_->dh->derive(yc);
    if (!shared) return Error::illegal_parameter;
    hs_->premaster = std::move(*shared);
  } else if (kex == Kex::rsa || kex == Kex::rsa_psk) {
    ByteView enc;
    if (!r.u16_prefixed(enc)) return Error::tls_decode_error;
    // Bleichenbacher-safe (RFC 5246 §7.4.7.1): always 48 bytes, a random premaster for any
    // ciphertext that does not decrypt (wrong length, zero, not below the modulus, bad
    // padding or version), no error: the Finished check fails later instead.
    EMBER_TRY_ASSIGN(hs_->premaster, own_cert_->key->rsa_decrypt_premaster(enc, client_version12_));
  }
  if (!r.empty()) return Error::tls_decode_error;
  if (kex_is_psk(kex)) {
    Secret other = kex == Kex::psk ? Secret(psk_.size()) : hs_->premaster;
    EMBER_TRY_ASSIGN(hs_->premaster, psk_premaster(other));
  }
  absorb(m);
  EMBER_TRY(derive_master_secret12());
  EMBER_TRY(derive_keys12());
  state_ = State::s12_certificate_verify;  // passed without a message when no certificate came
  return {};
}

Status TlsConnection::server12_handle_certificate_verify(const HandshakeMessage& m) {
  Reader r(m.body());
  EMBER_TRY(verify12(hs_->transcript.messages(), r));
  if (!r.empty()) return Error::tls_decode_error;
  absorb(m);
  state_ = State::s12_change_cipher_spec;
  return {};
}

Status TlsConnection::server12_handle_finished(const HandshakeMessage& m) {
  EMBER_TRY(check_finished12(m));
  // A full handshake answers with [NewSessionTicket,] CCS and Finished; a resumed one is done.
  state_ = resuming12_ ? State::flush_buffers : State::s12_send_new_session_ticket;
  return {};
}

// Ticket plaintext: u16-prefixed session state, u64 issued_ms, u32 lifetime_s.
Status TlsConnection::server12_send_new_session_ticket() {
  auto keys = config_->ticket_keys ? config_->ticket_keys : default_ticket_keys();
  uint32_t lifetime = config_->ticket_lifetime_s;
  uint64_t now = now_ms();
  Secret state = serialize_session12();
  Secret plain(2 + state.size() + 8 + 4);
  Writer pw(plain.mutable_view());
  pw.u16_prefixed([&] { pw.bytes(ByteView(state)); });
  pw.u64(now);
  pw.u32(lifetime);
  if (!pw.ok()) return Error::internal_error;
  EMBER_TRY_ASSIGN(auto ticket, keys->seal(plain, now));
  Bytes body;
  Writer w(body);
  w.u32(lifetime);
  w.u16_prefixed([&] { w.bytes(ticket); });
  send_handshake(hs::kNewSessionTicket, body);
  return {};
}

// Dispatches a TLS 1.2 handshake message by state (the TLS 1.3 states are handled in
// handshake() itself; renegotiation starts here when a connected peer sends a hello).
// The TLS 1.2 server states that wait for a message.
Status TlsConnection::server12_receive(const HandshakeMessage& m) {
  using S = State;
  switch (state_) {
    case S::s12_client_certificate:
      if (m.type == hs::kCertificate) return server12_handle_client_certificate(m);
      break;
    case S::s12_client_key_exchange:
      if (m.type == hs::kClientKeyExchange) return server12_handle_client_key_exchange(m);
      break;
    case S::s12_certificate_verify:
      if (m.type == hs::kCertificateVerify) return server12_handle_certificate_verify(m);
      break;
    case S::s12_finished:
      if (m.type == hs::kFinished) return server12_handle_finished(m);
      break;
    default:
      break;
  }
  return Error::unexpected_message;
}

// The TLS 1.2 server states that send a message.
Status TlsConnection::server12_step() {
  switch (state_) {
    case State::s12_send_server_hello:
      return server12_send_server_hello();
    case State::s12_send_certificate:
      if (kex_uses_certificate(suite12_->kex)) EMBER_TRY(send_certificate12(own_cert_));
      state_ = State::s12_send_server_key_exchange;
      return {};
    case State::s12_send_server_key_exchange:
      return server12_send_server_key_exchange();
    case State::s12_send_certificate_request:
      return server12_send_certificate_request();
    case State::s12_send_server_hello_done:
      send_handshake(hs::kServerHelloDone, {});
      state_ = State::s12_client_certificate;
      return {};
    case State::s12_send_new_session_ticket:
      if (ticket_ext_) EMBER_TRY(server12_send_new_session_ticket());
      state_ = State::s12_send_change_cipher_spec;
      return {};
    case State::s12_send_change_cipher_spec:
      if (resuming12_) EMBER_TRY(derive_keys12());
      send_ccs12();
      state_ = State::s12_send_finished;
      return {};
    case State::s12_send_finished:
      EMBER_TRY(send_finished12());
      if (resuming12_) {
        state_ = State::s12_change_cipher_spec;
      } else {
        if (config_->session_cache && !session_id_.empty())
          config_->session_cache->store(session_id_, serialize_session12(), now_ms());
        state_ = State::flush_buffers;
      }
      return {};
    default:
      return receive_step();  // a state that waits for a message
  }
}

}  // namespace ember::tls
