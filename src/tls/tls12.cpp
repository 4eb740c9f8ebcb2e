// TLS 1.2 pieces shared by both roles: record protection (RFC 5246 §6.2.3, RFC 5288 GCM,
// RFC 6655 CCM, RFC 7905 ChaCha20-Poly1305, CBC in tls12_cbc.cpp), the master secret (with
// RFC 7627 extended master secret), the key block, Finished, ChangeCipherSpec, Certificate and
// signatures, PSK premaster secrets and the session encoding used by the cache, tickets and
// session export.
#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {

Status TlsConnection::handle_ccs12(ByteView frag) {
  if (frag.size() != 1 || frag[0] != 1) return Error::unexpected_message;
  bool expected =
      state_ == State::c12_change_cipher_spec || state_ == State::s12_change_cipher_spec;
  // A CCS may not split a handshake message and needs keys to switch to.
  if (!expected || hs_in_.partial() || !pending_read_) return Error::unexpected_message;
  records_.set_read_protection(std::move(pending_read_));
  state_ = role_ == Role::client ? State::c12_finished : State::s12_finished;
  if (tracing(2)) trace(2, "received change_cipher_spec");
  return {};
}

void TlsConnection::send_ccs12() {
  uint8_t one = 1;
  send_record(content::kChangeCipherSpec, ByteView(&one, 1));
  records_.set_write_protection(std::move(pending_write_));
}

Status TlsConnection::derive_master_secret12() {
  master_secret_.reset(48);
  if (ems_) {
    // RFC 7627 §4: session_hash = Hash(handshake messages through ClientKeyExchange).
    Bytes session_hash = transcript_hash();
    EMBER_TRY(crypto::tls12_prf(provider_, suite12_->prf, hs_->premaster, "extended master secret",
                                session_hash, master_secret_.mutable_view()));
  } else {
    uint8_t seed[64];
    std::memcpy(seed, client_random_.data(), 32);
    std::memcpy(seed + 32, server_random_.data(), 32);
    EMBER_TRY(crypto::tls12_prf(provider_, suite12_->prf, hs_->premaster, "master secret",
                                ByteView(seed, 64), master_secret_.mutable_view()));
  }
  hs_->premaster.clear();
  keylog("CLIENT_RANDOM", master_secret_);
  EMBER_TRY_ASSIGN(hs_->master_mac, provider_.make_hmac(suite12_->prf, master_secret_));
  return {};
}

Status TlsConnection::derive_keys12() {
  const Suite12& s = *suite12_;
  size_t mac_len = s.aead ? 0 : crypto::hash_size(s.mac);
  size_t key_len = s.aead ? crypto::aead_key_size(s.aead_alg) : crypto::cbc_key_size(s.cbc_alg);
  size_t iv_len = !s.aead ? 0 : s.aead_alg == crypto::AeadAlg::chacha20_poly1305 ? 12 : 4;
  Secret block(2 * (mac_len + key_len + iv_len));
  uint8_t seed[64];
  std::memcpy(seed, server_random_.data(), 32);
  std::memcpy(seed + 32, client_random_.data(), 32);
  if (!hs_->master_mac) {
    EMBER_TRY_ASSIGN(hs_->master_mac, provider_.make_hmac(s.prf, master_secret_));
  }
  EMBER_TRY(crypto::tls12_prf(*hs_->master_mac, "key expansion", ByteView(seed, 64),
                              block.mutable_view()));
  ByteView b = block;
  ByteView c_mac = b.subspan(0, mac_len), s_mac = b.subspan(mac_len, mac_len);
  ByteView c_key = b.subspan(2 * mac_len, key_len),
           s_key = b.subspan(2 * mac_len + key_len, key_len);
  ByteView c_iv = b.subspan(2 * (mac_len + key_len), iv_len);
  ByteView s_iv = b.subspan(2 * (mac_len + key_len) + iv_len, iv_len);
  auto make = [&](std::unique_ptr<record::Protection>& p, ByteView mac, ByteView key, ByteView iv,
                  bool encrypt) -> Status {
    if (s.aead) {
      EMBER_TRY_ASSIGN(p, record::Tls12AeadProtection::create(provider_, s.aead_alg, key, iv));
    } else {
      auto random = [this](MutableByteView out) { return random_bytes(out); };
      EMBER_TRY_ASSIGN(p, record::make_cbc_protection(provider_, s.cbc_alg, s.mac, key, mac,
                                                      encrypt, etm_, random));
    }
    return {};
  };
  bool client = role_ == Role::client;
  EMBER_TRY(make(client ? pending_write_ : pending_read_, c_mac, c_key, c_iv, client));
  EMBER_TRY(make(client ? pending_read_ : pending_write_, s_mac, s_key, s_iv, !client));
  return {};
}

Result<Bytes> TlsConnection::finished12(bool client_side) const {
  Bytes th = transcript_hash();
  Bytes out(12);
  EMBER_TRY(crypto::tls12_prf(*hs_->master_mac, client_side ? "client finished" : "server finished",
                              th, out));
  return out;
}

Status TlsConnection::send_finished12() {
  EMBER_TRY_ASSIGN(auto vd, finished12(role_ == Role::client));
  (role_ == Role::client ? client_verify_data_ : server_verify_data_) = vd;
  send_handshake(hs::kFinished, vd);
  return {};
}

Status TlsConnection::check_finished12(const HandshakeMessage& m) {
  if (m.body().size() != 12) return Error::tls_decode_error;  // verify_data (RFC 5246 §7.4.9)
  EMBER_TRY_ASSIGN(auto want, finished12(role_ != Role::client));
  if (!ct::equal(m.body(), want)) return Error::decrypt_error;
  (role_ == Role::client ? server_verify_data_ : client_verify_data_) = want;
  absorb(m);
  return {};
}

void TlsConnection::absorb(const HandshakeMessage& m) {
  hs_->transcript.add(m.raw);
}

Status TlsConnection::finish_handshake12() {
  state_ = State::connected;
  hs_->transcript.forget_messages();
  hs_->key_shares.clear();
  hs_->dh.reset();
  info_.version = Version::tls12;
  info_.cipher_suite = suite12_->id;
  info_.extended_master_secret = ems_;
  info_.encrypt_then_mac = etm_;
  info_.secure_renegotiation = secure_reneg_;
  if (renegotiating_) {
    renegotiating_ = false;
    ++info_.renegotiations;
  }
  if (tracing(1)) trace(1, "TLS 1.2 handshake complete");
  return {};
}

// Session state: u8 0x12, u16 suite, u8 ems, u8-prefixed master secret.
// Session state: u8 0x12, u16 suite, u8 ems, u8-prefixed master secret, peer identity.
Secret TlsConnection::serialize_session12() const {
  Bytes tmp;
  Writer w(tmp);
  w.u8(0x12);
  w.u16(suite12_->id);
  w.u8(ems_ ? 1 : 0);
  w.u8_prefixed([&] { w.bytes(ByteView(master_secret_)); });
  write_peer(w);
  Secret out{ByteView(tmp)};
  secure_zero(tmp.data(), tmp.size());
  return out;
}

Status TlsConnection::restore_session12(ByteView state, uint32_t& verify_flags,
                                        x509::CertPtr& peer) {
  Reader r(state);
  uint8_t tag, ems;
  uint16_t suite;
  ByteView master;
  if (!r.u8(tag) || tag != 0x12 || !r.u16(suite) || !r.u8(ems) || !r.u8_prefixed(master) ||
      master.size() != 48 || !read_peer(r, verify_flags, peer) || !r.empty())
    return Error::session_invalid;
  suite12_ = tls12_suite(suite);
  if (suite12_ == nullptr) return Error::session_invalid;
  ems_ = ems == 1;
  master_secret_ = Secret(master);
  hs_->master_mac.reset();
  return {};
}

void TlsConnection::write_peer(Writer& w) const {
  w.u32(info_.verify_flags);
  w.u24_prefixed([&] {
    if (!info_.peer_chain.empty()) w.bytes(info_.peer_chain[0]->der());
  });
}

bool TlsConnection::read_peer(Reader& r, uint32_t& verify_flags, x509::CertPtr& peer) const {
  ByteView der;
  if (!r.u32(verify_flags) || !r.u24_prefixed(der)) return false;
  peer.reset();
  if (der.empty()) return true;
  // Resuming the same peer again and again is the common case: the last certificate parsed on
  // this thread is reused instead of parsed anew (certificates are immutable and shared).
  thread_local x509::CertPtr last;
  if (last && last->der().size() == der.size() &&
      std::memcmp(last->der().data(), der.data(), der.size()) == 0) {
    peer = last;
    return true;
  }
  auto cert = x509::Certificate::parse_der(der, provider_);
  if (!cert) return false;
  peer = std::move(*cert);
  last = peer;
  return true;
}

void TlsConnection::apply_peer(uint32_t verify_flags, x509::CertPtr peer) {
  info_.verify_flags = verify_flags;
  info_.peer_chain.clear();
  if (peer) info_.peer_chain.push_back(std::move(peer));
}

Result<Secret> TlsConnection::psk_premaster(ByteView other) const {
  // RFC 4279 §2: other_secret || psk, each with a 2-byte length.
  ByteView psk = psk_;
  Secret pms(4 + other.size() + psk.size());
  Writer w(pms.mutable_view());
  w.u16_prefixed([&] { w.bytes(other); });
  w.u16_prefixed([&] { w.bytes(psk); });
  if (!w.ok()) return Error::internal_error;
  return pms;
}

Status TlsConnection::send_certificate12(const CertifiedKey* ck) {
  Bytes body;
  Writer w(body);
  w.u24_prefixed([&] {
    if (ck == nullptr) return;
    for (const auto& c : ck->chain) w.u24_prefixed([&] { w.bytes(c->der()); });
  });
  if (!w.ok()) return Error::internal_error;
  send_handshake(hs::kCertificate, body);
  return {};
}

Status TlsConnection::parse_certificate12(const HandshakeMessage& m) {
  Reader r(m.body());
  Reader list;
  if (!r.u24_prefixed(list) || !r.empty()) return Error::tls_decode_error;
  info_.peer_chain.clear();
  while (!list.empty()) {
    ByteView der;
    if (!list.u24_prefixed(der) || der.empty()) return Error::tls_decode_error;
    auto cert = x509::Certificate::parse_der(der, provider_);
    if (!cert) return Error::bad_certificate;
    info_.peer_chain.push_back(std::move(*cert));
    if (info_.peer_chain.size() > 32) return Error::bad_certificate;
  }
  absorb(m);
  return {};
}

Status TlsConnection::sign12(const CertifiedKey& ck, crypto::SignatureScheme scheme, ByteView data,
                             Writer& w) {
  auto params = crypto::signature_params(scheme);
  if (!params) return Error::internal_error;
  EMBER_TRY_ASSIGN(auto sig, ck.key->sign(*params, data));
  w.u16(static_cast<uint16_t>(scheme));
  w.u16_prefixed([&] { w.bytes(sig); });
  return {};
}

// Reads a digitally-signed struct (scheme + signature) and checks it with the peer's leaf key.
Status TlsConnection::verify12(ByteView data, Reader& r) {
  uint16_t scheme_id;
  ByteView sig;
  if (!r.u16(scheme_id) || !r.u16_prefixed(sig)) return Error::tls_decode_error;
  auto scheme = static_cast<crypto::SignatureScheme>(scheme_id);
  const auto& offered = our_schemes();
  if (std::find(offered.begin(), offered.end(), scheme) == offered.end())
    return Error::illegal_parameter;
  if (info_.peer_chain.empty()) return Error::unexpected_message;
  const x509::Certificate& leaf = *info_.peer_chain[0];
  if (!scheme_fits_key12(scheme, leaf.public_key_type()) || leaf.public_key() == nullptr)
    return Error::illegal_parameter;
  auto params = crypto::signature_params(scheme);
  if (!params) return Error::illegal_parameter;
  if (!leaf.public_key()->verify(*params, data, sig)) return Error::decrypt_error;
  info_.signature_scheme = scheme;
  return {};
}

}  // namespace ember::tls

namespace ember::tls {

// ---------------------------------------------------------------------------------------------
// Renegotiation (RFC 5746)

bool TlsConnection::renegotiation_allowed() const {
  return config_->renegotiation == Renegotiation::enabled &&
         (secure_reneg_ ||
          config_->legacy_renegotiation == LegacyRenegotiation::allow_renegotiation);
}

void TlsConnection::reset_for_renegotiation() {
  renegotiating_ = true;
  hs_ = std::make_unique<Handshake>();  // a new handshake: its own transcript, shares, keys
  cert_requested_ = false;
  peer_cert_requested_ = false;
  resuming12_ = false;
  ticket_ext_ = false;
  resume12_.reset();
}

Status TlsConnection::renegotiate() {
  if (!tls12_ || state_ != State::connected || renegotiating_) return Error::bad_state;
  if (config_->renegotiation != Renegotiation::enabled) return Error::bad_state;
  if (!renegotiation_allowed()) return Error::no_renegotiation;
  if (role_ == Role::server) {
    send_handshake(hs::kHelloRequest, {});
    hello_request_pending_ = true;
    records_since_hello_request_ = 0;
    if (tracing(1)) trace(1, "hello request sent");
    return {};
  }
  reset_for_renegotiation();
  EMBER_TRY(random_bytes(client_random_));
  state_ = State::client_wait_server_hello;
  EMBER_TRY(client_send_hello(std::nullopt, {}));
  if (tracing(1)) trace(1, "renegotiation started");
  return {};
}

// RFC 5746 §4.4 / RFC 5246 §7.2.2: decline with a warning; the connection goes on, up to
// max_refused_renegotiations times.
Status TlsConnection::refuse_renegotiation() {
  EMBER_TRY(count(Flood::refused_renegotiation));
  if (tracing(1)) trace(1, "renegotiation request refused");
  send_alert(alert::kNoRenegotiation, false);
  return check_output_limit();
}

Status TlsConnection::handle_renegotiation_request(const HandshakeMessage& m) {
  if (role_ == Role::client && m.type == hs::kHelloRequest) {
    if (!m.body().empty()) return Error::tls_decode_error;
    if (!renegotiation_allowed()) return refuse_renegotiation();
    reset_for_renegotiation();
    EMBER_TRY(random_bytes(client_random_));
    state_ = State::client_wait_server_hello;
    return client_send_hello(std::nullopt, {});
  }
  if (role_ == Role::server && m.type == hs::kClientHello) {
    bool requested = hello_request_pending_;  // or started by the client
    hello_request_pending_ = false;
    if (!renegotiation_allowed() || (!requested && !config_->client_renegotiation))
      return refuse_renegotiation();
    reset_for_renegotiation();
    state_ = State::server_wait_client_hello;
    return server_handle_client_hello(m);
  }
  return Error::unexpected_message;
}

}  // namespace ember::tls
