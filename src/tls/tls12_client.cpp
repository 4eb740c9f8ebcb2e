// TLS 1.2 client handshake (RFC 5246 §7.3): one function per received message.
#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {

// The extensions of a TLS 1.2 ServerHello: each at most once, only what we offered.
Status TlsConnection::client12_parse_server_hello_extensions(Reader exts, const Suite12& chosen,
                                                             ServerHelloExts12& sh) {
  std::vector<uint16_t> seen;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (Error e = next_extension(exts, seen, type, data); e != Error::ok) return e;
    Reader d(data);
    switch (type) {
      case ext::kRenegotiationInfo: {
        ByteView info;
        if (!d.u8_prefixed(info) || !d.empty()) return Error::tls_decode_error;
        // Initial handshake: empty. Renegotiation: client_verify_data || server_verify_data.
        Bytes want = client_verify_data_;
        want.insert(want.end(), server_verify_data_.begin(), server_verify_data_.end());
        if (info.size() != want.size() || !ct::equal(info, want)) return Error::handshake_failure;
        sh.reneg = true;
        break;
      }
      case ext::kExtendedMasterSecret:
        if (!data.empty()) return Error::tls_decode_error;
        if (!config_->extended_master_secret) return Error::unsupported_extension;
        sh.ems = true;
        break;
      case ext::kEncryptThenMac:
        if (!data.empty()) return Error::tls_decode_error;
        if (!config_->encrypt_then_mac) return Error::unsupported_extension;
        // RFC 7366 §3: never for AEAD suites.
        if (chosen.aead) return Error::illegal_parameter;
        sh.etm = true;
        break;
      case ext::kSessionTicket:
        if (!data.empty()) return Error::tls_decode_error;
        if (!config_->tickets) return Error::unsupported_extension;
        sh.ticket = true;
        break;
      case ext::kEcPointFormats: {
        ByteView formats;
        if (!d.u8_prefixed(formats) || !d.empty() || formats.empty())
          return Error::tls_decode_error;
        if (std::find(formats.begin(), formats.end(), 0) == formats.end())
          return Error::illegal_parameter;  // uncompressed must be supported
        break;
      }
      case ext::kAlpn:
        EMBER_TRY(parse_alpn_answer(data, config_->alpn, info_.alpn));
        break;
      case ext::kServerName:
        if (!data.empty()) return Error::tls_decode_error;
        break;
      case ext::kMaxFragmentLength: {
        uint8_t code;
        if (!d.u8(code) || !d.empty()) return Error::tls_decode_error;
        if (code != config_->max_fragment_length) return Error::illegal_parameter;
        mfl_code_ = code;
        break;
      }
      default:
        return Error::unsupported_extension;
    }
  }
  return {};
}

Status TlsConnection::client12_handle_server_hello(const HandshakeMessage& m, ByteView random,
                                                   ByteView session_id, uint16_t suite,
                                                   Reader exts) {
  const Suite12* chosen = tls12_suite(suite);
  if (chosen == nullptr) return Error::illegal_parameter;
  ServerHelloExts12 sh;
  EMBER_TRY(client12_parse_server_hello_extensions(exts, *chosen, sh));
  bool reneg_ext = sh.reneg, ems = sh.ems;
  if (renegotiating_) {
    if (secure_reneg_ && !reneg_ext) return Error::handshake_failure;
    if (ems_ && !ems) return Error::handshake_failure;  // a renegotiation keeps EMS (RFC 7627)
    if (suite12_ == nullptr) return Error::illegal_parameter;
  } else {
    secure_reneg_ = reneg_ext;
    if (!reneg_ext && config_->legacy_renegotiation == LegacyRenegotiation::break_handshake)
      return Error::handshake_failure;
  }
  tls12_ = true;
  info_.version = Version::tls12;
  suite12_ = chosen;
  suite_ = nullptr;
  std::memcpy(server_random_.data(), random.data(), 32);
  EMBER_TRY(init_transcript(chosen->prf));
  hs_->transcript.add(hs_->client_hello_1);
  absorb(m);
  hs_->key_shares.clear();  // TLS 1.3 shares are of no use now
  ticket_ext_ = sh.ticket;
  etm_ = sh.etm;
  if (mfl_code_ != 0) max_fragment_ = size_t{256} << mfl_code_;
  update_record_limits();

  // Resumption: the server echoes the session ID we offered (RFC 5246 §7.4.1.3, RFC 5077 §3.4).
  bool resumed = resume12_ && !session_id.empty() && session_id.size() == session_id_.size() &&
                 ct::equal(session_id, session_id_);
  session_id_.assign(session_id.begin(), session_id.end());
  if (resumed) {
    // RFC 7627 §5.3: the resumed session and the new handshake must agree on EMS.
    if (suite != resume12_->suite || ems != resume12_->ems) return Error::handshake_failure;
    ems_ = ems;
    master_secret_ = resume12_->master;
    hs_->master_mac.reset();
    apply_peer(resume12_->verify_flags, resume12_->peer);
    if (ticket12_.empty()) ticket12_ = resume12_->ticket;
    ticket12_lifetime_ = resume12_->lifetime_s;
    resuming12_ = true;
    info_.resumed = true;
    EMBER_TRY(derive_keys12());
    state_ = sh.ticket ? State::c12_new_session_ticket : State::c12_change_cipher_spec;
    if (tracing(1)) trace(1, "resuming TLS 1.2 session");
    return {};
  }
  ems_ = ems;
  info_.resumed = false;
  resuming12_ = false;
  if (kex_is_psk(chosen->kex)) info_.psk_identity = config_->psk_identity;
  state_ = State::c12_certificate;  // passed without a message for certificate-less suites
  if (tracing(1)) trace(1, "TLS 1.2 server hello");
  return {};
}

Status TlsConnection::client12_handle_certificate(const HandshakeMessage& m) {
  EMBER_TRY(parse_certificate12(m));
  if (info_.peer_chain.empty()) return Error::tls_decode_error;
  const auto& leaf = *info_.peer_chain[0];
  if (!key_fits_kex(suite12_->kex, leaf.public_key_type())) return Error::unsupported_certificate;
  bool transport = suite12_->kex == Kex::rsa || suite12_->kex == Kex::rsa_psk;
  EMBER_TRY(verify_peer_chain(
      true, transport ? x509::ku::kKeyEncipherment : x509::ku::kDigitalSignature));
  state_ = State::c12_server_key_exchange;  // passed without a message for RSA
  return {};
}

Status TlsConnection::client12_handle_server_key_exchange(const HandshakeMessage& m) {
  Kex kex = suite12_->kex;
  Reader r(m.body());
  if (kex_is_psk(kex)) {
    ByteView hint;
    if (!r.u16_prefixed(hint)) return Error::tls_decode_error;  // identity hint: informational
  }
  size_t params_start = m.body().size() - r.remaining();
  if (kex_is_ecdhe(kex)) {
    uint8_t curve_type;
    uint16_t group_id;
    ByteView point;
    if (!r.u8(curve_type) || !r.u16(group_id) || !r.u8_prefixed(point) || point.empty())
      return Error::tls_decode_error;
    auto group = static_cast<crypto::Group>(group_id);
    const auto& groups = our_groups();
    if (curve_type != 3 || crypto::is_ffdhe(group) ||
        std::find(groups.begin(), groups.end(), group) == groups.end())
      return Error::illegal_parameter;
    EMBER_TRY_ASSIGN(auto share, provider_.generate_key_share(group));
    auto shared = share->derive(point);
    if (!shared) return Error::illegal_parameter;
    hs_->premaster = std::move(*shared);
    hs_->key_shares.clear();
    hs_->key_shares.push_back(std::move(share));
    info_.group = group;
  } else if (kex_is_dhe(kex)) {
    ByteView p, g, ys;
    if (!r.u16_prefixed(p) || !r.u16_prefixed(g) || !r.u16_prefixed(ys) || p.empty() || g.empty() ||
        ys.empty())
      return Error::tls_decode_error;
    auto dh = provider_.generate_dh(p, g, config_->dh_min_bits);
    if (!dh) {
      return dh.error() == Error::invalid_argument || dh.error() == Error::insufficient_security
                 ? Status{Error::insufficient_security}
                 : Status{Error::illegal_parameter};
    }
    auto shared = (*dh)->derive(ys);
    if (!shared) return Error::illegal_parameter;
    hs_->premaster = std::move(*shared);
    hs_->dh = std::move(*dh);
    info_.group.reset();
    if (p.size() == ffdhe2048_prime().size() && ct::equal(p, ffdhe2048_prime()))
      info_.group = crypto::Group::ffdhe2048;  // the RFC 7919 group, named for the user
  } else if (kex != Kex::psk && kex != Kex::rsa_psk) {
    return Error::unexpected_message;  // RSA key transport has no ServerKeyExchange
  }
  if (kex == Kex::ecdhe_ecdsa || kex == Kex::ecdhe_rsa || kex == Kex::dhe_rsa) {
    // The signature covers client_random || server_random || params.
    ByteView params =
        ByteView(m.body()).subspan(params_start, m.body().size() - r.remaining() - params_start);
    Bytes signed_data(client_random_.begin(), client_random_.end());
    signed_data.insert(signed_data.end(), server_random_.begin(), server_random_.end());
    signed_data.insert(signed_data.end(), params.begin(), params.end());
    EMBER_TRY(verify12(signed_data, r));
  }
  if (!r.empty()) return Error::tls_decode_error;
  absorb(m);
  state_ = State::c12_cert_request_or_done;
  return {};
}

Status TlsConnection::client12_handle_cert_request(const HandshakeMessage& m) {
  Reader r(m.body());
  ByteView types;
  Reader cas;
  Reader sigs;
  peer_sig_schemes_.clear();
  if (!r.u8_prefixed(types) || types.empty() || !r.u16_prefixed(sigs) || sigs.empty() ||
      sigs.remaining() % 2 != 0 || !r.u16_prefixed(cas) || !r.empty())
    return Error::tls_decode_error;
  while (!sigs.empty()) {
    uint16_t v = 0;
    (void)sigs.u16(v);
    peer_sig_schemes_.push_back(static_cast<crypto::SignatureScheme>(v));
  }
  if (suite12_->kex != Kex::ecdhe_ecdsa && suite12_->kex != Kex::ecdhe_rsa &&
      suite12_->kex != Kex::dhe_rsa && suite12_->kex != Kex::rsa)
    return Error::unexpected_message;  // no client certificates with PSK suites
  cert_requested_ = true;
  absorb(m);
  state_ = State::c12_server_hello_done;
  return {};
}

Status TlsConnection::client12_handle_server_hello_done(const HandshakeMessage& m) {
  if (!m.body().empty()) return Error::tls_decode_error;
  Kex kex = suite12_->kex;
  if ((kex_is_ecdhe(kex) || kex_is_dhe(kex)) && hs_->premaster.empty())
    return Error::unexpected_message;  // the ServerKeyExchange was missing
  absorb(m);
  state_ = State::c12_send_certificate;
  return {};
}

// Our certificate, when asked: one whose key can sign with a scheme the server accepts (an
// empty Certificate when none can).
Status TlsConnection::client12_send_certificate() {
  own_cert_ = nullptr;
  if (cert_requested_) {
    const auto& ours = our_schemes();
    for (const auto& c : config_->certificates) {
      if (!c.key || c.chain.empty()) continue;
      for (auto s : ours)
        if (std::find(peer_sig_schemes_.begin(), peer_sig_schemes_.end(), s) !=
                peer_sig_schemes_.end() &&
            scheme_fits_key12(s, c.key->type())) {
          own_cert_ = &c;
          own_scheme_ = s;
          break;
        }
      if (own_cert_) break;
    }
    EMBER_TRY(send_certificate12(own_cert_));
  }
  state_ = State::c12_send_client_key_exchange;
  return {};
}

Status TlsConnection::client12_send_client_key_exchange() {
  Kex kex = suite12_->kex;
  Bytes body;
  Writer w(body);
  if (kex_is_psk(kex)) {
    psk_ = Secret(ByteView(config_->psk));
    w.u16_prefixed([&] { w.bytes(std::string_view(config_->psk_identity)); });
  }
  if (kex_is_ecdhe(kex)) {
    if (hs_->key_shares.empty()) return Error::internal_error;
    w.u8_prefixed([&] { w.bytes(hs_->key_shares.front()->public_value()); });
  } else if (kex_is_dhe(kex)) {
    w.u16_prefixed([&] { w.bytes(hs_->dh->public_value()); });
  } else if (kex == Kex::rsa || kex == Kex::rsa_psk) {
    // RFC 5246 §7.4.7.1: client_version (the version we offered at most: 1.2) || 46 random.
    Secret pms(48);
    EMBER_TRY(random_bytes(pms.mutable_view().subspan(2)));
    pms.data()[0] = 0x03;
    pms.data()[1] = 0x03;
    if (info_.peer_chain.empty()) return Error::unexpected_message;
    const auto* key = info_.peer_chain.front()->public_key();
    if (key == nullptr) return Error::unsupported_certificate;
    EMBER_TRY_ASSIGN(auto enc, key->rsa_encrypt_pkcs1(pms));
    w.u16_prefixed([&] { w.bytes(enc); });
    hs_->premaster = std::move(pms);
  }
  if (!w.ok()) return Error::internal_error;
  if (kex_is_psk(kex)) {
    Secret other = kex == Kex::psk ? Secret(psk_.size()) : hs_->premaster;  // zeros for plain PSK
    EMBER_TRY_ASSIGN(hs_->premaster, psk_premaster(other));
  }
  send_handshake(hs::kClientKeyExchange, body);
  EMBER_TRY(derive_master_secret12());
  state_ = State::c12_send_certificate_verify;
  return {};
}

Status TlsConnection::client12_send_certificate_verify() {
  if (cert_requested_ && own_cert_ != nullptr) {
    Bytes cv;
    Writer cw(cv);
    EMBER_TRY(sign12(*own_cert_, own_scheme_, hs_->transcript.messages(), cw));
    send_handshake(hs::kCertificateVerify, cv);
  }
  EMBER_TRY(derive_keys12());
  state_ = State::c12_send_change_cipher_spec;
  return {};
}

Status TlsConnection::client12_handle_new_session_ticket(const HandshakeMessage& m) {
  Reader r(m.body());
  uint32_t lifetime;
  ByteView ticket;
  if (!r.u32(lifetime) || !r.u16_prefixed(ticket) || !r.empty()) return Error::tls_decode_error;
  absorb(m);
  ticket12_.assign(ticket.begin(), ticket.end());  // empty: the server issues none
  ticket12_lifetime_ = lifetime;
  state_ = State::c12_change_cipher_spec;
  return {};
}

Status TlsConnection::client12_handle_finished(const HandshakeMessage& m) {
  EMBER_TRY(check_finished12(m));
  if (resuming12_) {
    state_ = State::c12_send_change_cipher_spec;  // our CCS and Finished come second
    return {};
  }
  store_session12();
  state_ = State::flush_buffers;
  return {};
}

// The session, exportable for resumption by ID or ticket (format: see set_session()).
void TlsConnection::store_session12() {
  if (session_id_.empty() && ticket12_.empty()) return;
  secure_zero(session_blob_.data(), session_blob_.size());
  session_blob_.clear();
  Writer w(session_blob_);
  w.u8(2);
  w.u16(suite12_->id);
  w.u8(ems_ ? 1 : 0);
  w.u8_prefixed([&] { w.bytes(ByteView(master_secret_)); });
  w.u8_prefixed([&] { w.bytes(session_id_); });
  w.u16_prefixed([&] { w.bytes(ticket12_); });
  w.u32(ticket12_lifetime_ != 0 ? ticket12_lifetime_ : 86400);
  w.u64(resuming12_ && resume12_ ? resume12_->received_ms : now_ms());
  write_peer(w);
}

// The TLS 1.2 client states that wait for a message.
Status TlsConnection::client12_receive(const HandshakeMessage& m) {
  using S = State;
  // RFC 5246 §7.4.1.1: a HelloRequest during a handshake is ignored (and never hashed).
  if (m.type == hs::kHelloRequest) {
    if (!m.body().empty()) return Error::tls_decode_error;
    return {};
  }
  switch (state_) {
    case S::c12_certificate:
      if (m.type == hs::kCertificate) return client12_handle_certificate(m);
      break;
    case S::c12_server_key_exchange:
      if (m.type == hs::kServerKeyExchange) return client12_handle_server_key_exchange(m);
      break;
    case S::c12_cert_request_or_done:
      if (m.type == hs::kCertificateRequest) return client12_handle_cert_request(m);
      if (m.type == hs::kServerHelloDone) return client12_handle_server_hello_done(m);
      break;
    case S::c12_server_hello_done:
      if (m.type == hs::kServerHelloDone) return client12_handle_server_hello_done(m);
      break;
    case S::c12_new_session_ticket:
      if (m.type == hs::kNewSessionTicket) return client12_handle_new_session_ticket(m);
      break;
    case S::c12_finished:
      if (m.type == hs::kFinished) return client12_handle_finished(m);
      break;
    default:
      break;
  }
  return Error::unexpected_message;
}

// The TLS 1.2 client states that send a message (its flight after ServerHelloDone).
Status TlsConnection::client12_step() {
  switch (state_) {
    case State::c12_send_certificate:
      return client12_send_certificate();
    case State::c12_send_client_key_exchange:
      return client12_send_client_key_exchange();
    case State::c12_send_certificate_verify:
      return client12_send_certificate_verify();
    case State::c12_send_change_cipher_spec:
      send_ccs12();
      state_ = State::c12_send_finished;
      return {};
    case State::c12_send_finished:
      EMBER_TRY(send_finished12());
      if (resuming12_) {
        store_session12();
        state_ = State::flush_buffers;
      } else {
        state_ = ticket_ext_ ? State::c12_new_session_ticket : State::c12_change_cipher_spec;
      }
      return {};
    default:
      return receive_step();  // a state that waits for a message
  }
}

}  // namespace ember::tls
