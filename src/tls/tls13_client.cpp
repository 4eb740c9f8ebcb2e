// TLS 1.3 client handshake: one function per state.
#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/connection_impl.hpp"
#include "tls/msgs/messages.hpp"

namespace ember::tls {

namespace {

bool is_ip_literal(const std::string& host) {
  uint8_t buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

// The ClientHello is built by the first handshake() call, so that set_session() before it
// costs nothing (no key share generated twice for a resumed connection).
Status TlsConnection::start() {
  // One DRBG call for the client random and the session ID the first ClientHello may need
  // (each call costs about a microsecond: the CTR_DRBG re-keys after every request).
  std::array<uint8_t, 64> r;
  EMBER_TRY(random_bytes(r));
  std::memcpy(client_random_.data(), r.data(), 32);
  std::array<uint8_t, 32> sid;
  std::memcpy(sid.data(), r.data() + 32, 32);
  spare_session_id_ = sid;
  return {};
}

// Whether this client can use the TLS 1.2 suite now (PSK configured, CBC available).
static bool usable12(const Suite12& s, const Config& c, const crypto::Provider& p) {
  if (kex_is_psk(s.kex) && (c.psk.empty() || c.psk_identity.empty())) return false;
  if (!s.aead && !p.supports(s.cbc_alg)) return false;
  return true;
}

// The suites of this ClientHello (hs_->offered_suites) and what they imply. offer13 / offer12 come
// in as what the configuration allows and go out as what is really offered.
Status TlsConnection::choose_client_suites(ClientOffer& o) {
  hs_->offered_suites.clear();
  if (config_->cipher_suites.empty()) {
    if (o.offer13) hs_->offered_suites = our_suites13();
    if (o.offer12)
      for (uint16_t id : our_suites12())
        if (usable12(*tls12_suite(id), *config_, provider_)) hs_->offered_suites.push_back(id);
  } else {
    for (uint16_t id : config_->cipher_suites) {
      if (o.offer13 && tls13_suite(id) != nullptr) hs_->offered_suites.push_back(id);
      const Suite12* s12 = tls12_suite(id);
      if (o.offer12 && s12 != nullptr && usable12(*s12, *config_, provider_))
        hs_->offered_suites.push_back(id);
    }
  }
  if (our_groups().empty() || hs_->offered_suites.empty()) return Error::invalid_argument;
  bool any13 = false, any12 = false;
  for (uint16_t id : hs_->offered_suites) {
    if (tls13_suite(id) != nullptr) any13 = true;
    if (const Suite12* s12 = tls12_suite(id)) {
      any12 = true;
      o.ecc12 |= kex_is_ecdhe(s12->kex);
      o.cbc12 |= !s12->aead;
    }
  }
  if (!any13) o.offer13 = false;
  if (!any12) o.offer12 = offered12_ = false;
  if (!o.offer13 && !o.offer12) return Error::no_shared_cipher;
  return {};
}

// Session ID: a TLS 1.2 session to resume by ID sends its ID; otherwise a random one when
// offering 1.3 (compatibility mode, RFC 8446 §D.4) or a 1.2 ticket (RFC 5077 §3.4). A retried
// ClientHello keeps the first one's.
Status TlsConnection::choose_client_session_id(const ClientOffer& o) {
  if (hello_retried_) return {};
  // RFC 7627 §5.3: an EMS session is only offered with the extension (a server must abort the
  // resumption of one without it).
  bool resume12 = o.offer12 && resume12_ && tls12_suite(resume12_->suite) != nullptr &&
                  std::find(hs_->offered_suites.begin(), hs_->offered_suites.end(),
                            resume12_->suite) != hs_->offered_suites.end() &&
                  (!resume12_->ems || config_->extended_master_secret);
  if (!resume12) resume12_.reset();
  if (resume12_ && resume12_->ticket.empty()) {
    session_id_ = resume12_->session_id;
  } else if (o.offer13 || resume12_) {
    session_id_.resize(32);
    if (spare_session_id_) {
      std::memcpy(session_id_.data(), spare_session_id_->data(), 32);
    } else {
      EMBER_TRY(random_bytes(session_id_));
    }
  } else {
    session_id_.clear();
  }
  return {};
}

// The hash of the TLS 1.3 ticket this ClientHello offers, or nullopt when none is offered (no
// ticket, its suite not offered, or a retry whose transcript hash differs).
std::optional<crypto::HashAlg> TlsConnection::client_psk_hash(const ClientOffer& o) const {
  if (!resume_ || !o.offer13) return std::nullopt;
  const SuiteInfo* rs = tls13_suite(resume_->suite);
  if (rs == nullptr ||
      std::find(hs_->offered_suites.begin(), hs_->offered_suites.end(), rs->id) ==
          hs_->offered_suites.end() ||
      (hs_->transcript.started() && hs_->transcript.alg() != rs->hash))
    return std::nullopt;
  return rs->hash;
}

// The extensions of the ClientHello (the registry sends them in its order, pre_shared_key last;
// the binder is a placeholder of zeros until the message around it is known).
ext::Extensions TlsConnection::client_hello_extensions(const ClientOffer& o, ByteView cookie,
                                                       const Bytes& binder_placeholder) {
  ext::Extensions e;
  if (!info_.server_name.empty() && !is_ip_literal(info_.server_name))
    e.server_name = info_.server_name;
  if (o.offer13) {
    e.supported_versions = std::vector<uint16_t>{0x0304};
    if (o.offer12) e.supported_versions->push_back(0x0303);
  }
  if (o.offer12) {
    // RFC 5746: the renegotiation_info extension (with our last verify_data when
    // renegotiating) rather than the SCSV, so both cases look the same.
    e.renegotiation_info = ByteView(client_verify_data_);
    e.extended_master_secret = config_->extended_master_secret;
    e.encrypt_then_mac = config_->encrypt_then_mac && o.cbc12;
    static constexpr uint8_t kUncompressed[] = {0};
    if (o.ecc12) e.ec_point_formats = ByteView(kUncompressed, 1);
    if (config_->tickets) e.session_ticket = resume12_ ? ByteView(resume12_->ticket) : ByteView();
    if (config_->max_fragment_length >= 1 && config_->max_fragment_length <= 4)
      e.max_fragment_length = config_->max_fragment_length;
  }
  e.supported_groups = our_groups();
  e.signature_algorithms = our_schemes();
  if (o.offer13) {
    e.client_shares.emplace();
    for (const auto& ks : hs_->key_shares)
      e.client_shares->push_back({ks->group(), ks->public_value()});
  }
  if (!config_->alpn.empty()) e.alpn = config_->alpn;
  if (!cookie.empty()) e.cookie = cookie;
  if (config_->record_size_limit >= 64 && o.offer13) {
    own_record_limit_ = std::min<size_t>(config_->record_size_limit, kMaxPlaintext + 1);
    update_record_limits();
    e.record_size_limit = static_cast<uint16_t>(own_record_limit_);
  }
  bool offer_psk = !binder_placeholder.empty();
  if (o.offer13 && (config_->tickets || offer_psk)) {
    static constexpr uint8_t kDheOnly[] = {1};         // psk_dhe_ke
    static constexpr uint8_t kDheAndPlain[] = {1, 0};  // psk_dhe_ke, psk_ke
    e.psk_key_exchange_modes =
        config_->allow_psk_ke ? ByteView(kDheAndPlain, 2) : ByteView(kDheOnly, 1);
  }
  if (offer_psk) {
    uint32_t age = static_cast<uint32_t>(now_ms() - resume_->received_ms) + resume_->age_add;
    e.psk_identities.push_back({resume_->ticket, age});
    e.psk_binders.push_back(binder_placeholder);
  }
  return e;
}

Status TlsConnection::client_send_hello(std::optional<crypto::Group> retry_group, ByteView cookie) {
  // Versions: 1.3 unless renegotiating a 1.2 connection; 1.2 when allowed.
  ClientOffer o;
  o.offer13 = config_->max_version == Version::tls13 && !renegotiating_;
  o.offer12 = config_->min_version == Version::tls12 && !hello_retried_;
  offered12_ = o.offer12;
  EMBER_TRY(choose_client_suites(o));
  hs_->key_shares.clear();
  if (o.offer13) {
    EMBER_TRY_ASSIGN(auto share,
                     provider_.generate_key_share(retry_group.value_or(our_groups()[0])));
    hs_->key_shares.push_back(std::move(share));
  }
  EMBER_TRY(choose_client_session_id(o));
  spare_session_id_.reset();
  std::optional<crypto::HashAlg> psk_hash = client_psk_hash(o);
  psk_offered_ = false;

  msgs::ClientHello ch;
  ch.random = client_random_;
  ch.session_id = session_id_;
  ch.cipher_suites = hs_->offered_suites;
  if (o.offer12 && config_->fallback_scsv) ch.cipher_suites.push_back(kFallbackScsv);
  Bytes placeholder(psk_hash ? crypto::hash_size(*psk_hash) : 0, 0);
  ch.extensions = client_hello_extensions(o, cookie, placeholder);
  Bytes body = msgs::encode(ch);
  if (psk_hash) {
    // The binder covers the ClientHello up to (not including) the binders list.
    Bytes msg = record::handshake_message(hs::kClientHello, body);
    ByteView truncated = ByteView(msg).first(msg.size() - msgs::binders_size(ch));
    EMBER_TRY_ASSIGN(auto binder, psk_binder(*psk_hash, resume_->psk, truncated));
    std::memcpy(body.data() + body.size() - placeholder.size(), binder.data(), placeholder.size());
    psk_offered_ = true;
  }
  if (!hs_->transcript.started()) {
    // The hash is not known before ServerHello: keep the first ClientHello for the transcript.
    hs_->client_hello_1 = record::handshake_message(hs::kClientHello, body);
  }
  send_handshake(hs::kClientHello, body);
  if (tracing(1)) trace(1, "client hello sent");
  return {};
}

Status TlsConnection::client_handle_server_hello(const HandshakeMessage& m) {
  Reader r(m.body());
  uint16_t legacy_version, suite;
  ByteView random, sid;
  uint8_t compression;
  Reader exts;
  if (!r.u16(legacy_version) || !r.bytes(32, random) || !r.u8_prefixed(sid) || !r.u16(suite) ||
      !r.u8(compression) || !r.u16_prefixed(exts) || !r.empty())
    return Error::tls_decode_error;
  bool hrr = std::memcmp(random.data(), kHelloRetryRandom, 32) == 0;
  bool has_supported_versions = false;
  for (Reader scan = exts; !scan.empty();) {
    uint16_t type;
    ByteView data;
    if (!scan.u16(type) || !scan.u16_prefixed(data)) return Error::tls_decode_error;
    has_supported_versions |= type == ext::kSupportedVersions;
  }
  if (!has_supported_versions && !hrr) {
    // A TLS 1.2 (or older) server. The sentinel tells a downgrade by an active attacker from
    // a server that also speaks 1.3 (RFC 8446 §4.1.3).
    bool sentinel = std::memcmp(random.data() + 24, kDowngradeTls12, 8) == 0 ||
                    std::memcmp(random.data() + 24, kDowngradeTls11, 8) == 0;
    if (legacy_version < 0x0303) return Error::weak_protocol_version;
    if (legacy_version != 0x0303) return Error::illegal_parameter;
    if (sentinel && config_->max_version == Version::tls13 && !renegotiating_)
      return Error::downgrade_detected;
    if (!offered12_ || hello_retried_) return Error::protocol_version;
    if (compression != 0) return Error::illegal_parameter;
    if (std::find(hs_->offered_suites.begin(), hs_->offered_suites.end(), suite) ==
        hs_->offered_suites.end())
      return Error::illegal_parameter;
    return client12_handle_server_hello(m, random, sid, suite, exts);
  }
  if (renegotiating_) return Error::illegal_parameter;
  if (legacy_version != 0x0303 || compression != 0) return Error::illegal_parameter;
  if (sid.size() != session_id_.size() || !ct::equal(sid, session_id_))
    return Error::illegal_parameter;
  if (std::find(hs_->offered_suites.begin(), hs_->offered_suites.end(), suite) ==
      hs_->offered_suites.end())
    return Error::illegal_parameter;
  if (suite_ != nullptr && suite_->id != suite) return Error::illegal_parameter;  // != HRR's

  ServerHelloExts13 sh;
  EMBER_TRY(client13_parse_server_hello_extensions(exts, hrr, sh));
  if (!sh.version || *sh.version != 0x0304 || config_->max_version != Version::tls13)
    return Error::illegal_parameter;
  suite_ = tls13_suite(suite);
  if (suite_ == nullptr) return Error::illegal_parameter;
  if (!hs_->transcript.started()) {
    EMBER_TRY(init_transcript(suite_->hash));
    hs_->transcript.add(hs_->client_hello_1);
  }
  if (hrr) return client13_handle_hello_retry_request(m, sh);
  std::memcpy(server_random_.data(), random.data(), 32);
  return client13_accept_server_hello(m, sh);
}

// The extensions of a TLS 1.3 ServerHello or HelloRetryRequest (each at most once, only
// those these messages may carry); an accepted PSK is noted.
Status TlsConnection::client13_parse_server_hello_extensions(Reader exts, bool hrr,
                                                             ServerHelloExts13& sh) {
  std::vector<uint16_t> seen;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (Error e = next_extension(exts, seen, type, data); e != Error::ok) return e;
    Reader d(data);
    switch (type) {
      case ext::kSupportedVersions: {
        uint16_t v;
        if (!d.u16(v) || !d.empty()) return Error::tls_decode_error;
        sh.version = v;
        break;
      }
      case ext::kKeyShare: {
        uint16_t g;
        if (!d.u16(g)) return Error::tls_decode_error;
        sh.selected_group = g;
        if (!hrr && (!d.u16_prefixed(sh.server_share) || !d.empty()))
          return Error::tls_decode_error;
        if (hrr && !d.empty()) return Error::tls_decode_error;
        break;
      }
      case ext::kCookie:
        if (!hrr || !d.u16_prefixed(sh.cookie) || !d.empty() || sh.cookie.empty())
          return Error::tls_decode_error;
        break;
      case ext::kPreSharedKey: {
        uint16_t selected;
        if (hrr || !d.u16(selected) || !d.empty()) return Error::tls_decode_error;
        if (!psk_offered_ || selected != 0) return Error::illegal_parameter;
        psk_accepted_ = true;
        break;
      }
      default:
        return Error::unsupported_extension;
    }
  }
  return {};
}

// A HelloRetryRequest: a second ClientHello with a share of the requested group (and the
// cookie), after the transcript restarts with message_hash(ClientHello1).
Status TlsConnection::client13_handle_hello_retry_request(const HandshakeMessage& m,
                                                          const ServerHelloExts13& sh) {
  if (hello_retried_) return Error::unexpected_message;
  if (!sh.selected_group && sh.cookie.empty()) return Error::illegal_parameter;  // no change
  const auto& groups = our_groups();
  std::optional<crypto::Group> retry;
  if (sh.selected_group) {
    auto g = static_cast<crypto::Group>(*sh.selected_group);
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) return Error::illegal_parameter;
    for (const auto& ks : hs_->key_shares)
      if (ks->group() == g) return Error::illegal_parameter;  // already offered
    retry = g;
  }
  // Transcript: message_hash(ClientHello1) || HelloRetryRequest (RFC 8446 §4.4.1).
  EMBER_TRY(hs_->transcript.restart_with_message_hash(provider_));
  hs_->transcript.add(m.raw);
  hello_retried_ = true;
  info_.hello_retry = true;
  if (tracing(1)) trace(1, "hello retry request");
  send_compat_ccs();
  Bytes cookie_copy(sh.cookie.begin(), sh.cookie.end());
  if (!retry) retry = hs_->key_shares[0]->group();
  return client_send_hello(retry, cookie_copy);
}

// The ServerHello is accepted: the (EC)DHE secret (or psk_ke), the resumed session, the
// handshake secrets and keys.
Status TlsConnection::client13_accept_server_hello(const HandshakeMessage& m,
                                                   const ServerHelloExts13& sh) {
  Secret shared;
  if (!sh.selected_group) {
    // Only a psk_ke resumption may go without (EC)DHE.
    if (!psk_accepted_ || !config_->allow_psk_ke) return Error::missing_extension;
    psk_ke_ = true;
  } else {
    crypto::KeyShare* share = nullptr;
    for (const auto& ks : hs_->key_shares)
      if (static_cast<uint16_t>(ks->group()) == *sh.selected_group) share = ks.get();
    if (share == nullptr) return Error::illegal_parameter;
    EMBER_TRY_ASSIGN(shared, share->derive(sh.server_share));
    info_.group = share->group();
  }
  if (psk_accepted_) {
    if (tls13_suite(resume_->suite)->hash != suite_->hash) return Error::illegal_parameter;
    psk_ = resume_->psk;
    apply_peer(resume_->verify_flags, resume_->peer);
    info_.resumed = true;
  }
  hs_->transcript.add(m.raw);
  EMBER_TRY(derive_handshake_secrets(shared));
  info_.cipher_suite = suite_->id;
  hs_->key_shares.clear();
  EMBER_TRY(set_read_keys(hs_->server_hs_secret));
  send_compat_ccs();
  EMBER_TRY(set_write_keys(hs_->client_hs_secret));
  state_ = State::client_wait_encrypted_extensions;
  return {};
}

Status TlsConnection::client_handle_encrypted_extensions(const HandshakeMessage& m) {
  Reader r(m.body());
  Reader exts;
  if (!r.u16_prefixed(exts) || !r.empty()) return Error::tls_decode_error;
  std::vector<uint16_t> seen;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (Error e = next_extension(exts, seen, type, data); e != Error::ok) return e;
    Reader d(data);
    switch (type) {
      case ext::kAlpn:
        EMBER_TRY(parse_alpn_answer(data, config_->alpn, info_.alpn));
        break;
      case ext::kServerName:
        if (!data.empty()) return Error::tls_decode_error;
        break;
      case ext::kSupportedGroups:  // the server's preferences: informational
        break;
      case ext::kRecordSizeLimit: {
        uint16_t v;
        if (!d.u16(v) || !d.empty()) return Error::tls_decode_error;
        if (v < 64 || config_->record_size_limit < 64) return Error::illegal_parameter;
        peer_record_limit_ = std::min<size_t>(v, kMaxPlaintext + 1);
        update_record_limits();
        break;
      }
      case ext::kKeyShare:
      case ext::kSupportedVersions:
      case ext::kPreSharedKey:
      case ext::kCookie:
      case ext::kSignatureAlgorithms:
        return Error::illegal_parameter;  // not allowed in EncryptedExtensions
      default:
        return Error::unsupported_extension;
    }
  }
  hs_->transcript.add(m.raw);
  state_ = psk_accepted_ ? State::client_wait_finished : State::client_wait_cert_or_cert_request;
  return {};
}

Status TlsConnection::client_handle_cert_request(const HandshakeMessage& m) {
  Reader r(m.body());
  ByteView context;
  Reader exts;
  if (!r.u8_prefixed(context) || !r.u16_prefixed(exts) || !r.empty())
    return Error::tls_decode_error;
  if (!context.empty()) return Error::illegal_parameter;  // must be empty in the handshake
  bool have_sigs = false;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (!exts.u16(type) || !exts.u16_prefixed(data)) return Error::tls_decode_error;
    if (type == ext::kSignatureAlgorithms) {
      if (!read_u16_list(data, 2, peer_sig_schemes_)) return Error::tls_decode_error;
      have_sigs = true;
    }
  }
  if (!have_sigs) return Error::missing_extension;
  cert_requested_ = true;
  cert_request_context_.assign(context.begin(), context.end());
  hs_->transcript.add(m.raw);
  state_ = State::client_wait_certificate;
  return {};
}

Status TlsConnection::client_handle_certificate(const HandshakeMessage& m) {
  EMBER_TRY(parse_certificate(m, info_.peer_chain, true));
  if (info_.peer_chain.empty()) return Error::tls_decode_error;
  hs_->transcript.add(m.raw);
  EMBER_TRY(verify_peer_chain(true));
  state_ = State::client_wait_certificate_verify;
  return {};
}

Status TlsConnection::client_handle_certificate_verify(const HandshakeMessage& m) {
  EMBER_TRY(check_certificate_verify(m, true));
  state_ = State::client_wait_finished;
  return {};
}

Status TlsConnection::client_handle_finished(const HandshakeMessage& m) {
  EMBER_TRY(check_finished(m, hs_->server_hs_secret));
  EMBER_TRY(derive_application_secrets());
  EMBER_TRY(set_read_keys(hs_->server_ap_secret));
  // A resumed handshake has no certificate states (RFC 8446 §2.2).
  state_ = psk_accepted_ ? State::c13_send_finished : State::c13_send_certificate;
  return {};
}

// The client's Certificate when the server asked for one (empty if no key of ours fits its
// signature_algorithms); the state is passed otherwise.
Status TlsConnection::client13_send_certificate() {
  own_cert_ = nullptr;
  if (cert_requested_) {
    crypto::SignatureScheme scheme{};
    own_cert_ = choose_certificate(peer_sig_schemes_, {}, scheme);
    own_scheme_ = scheme;
    EMBER_TRY(send_certificate(own_cert_, cert_request_context_));
  }
  state_ = State::c13_send_certificate_verify;
  return {};
}

// Finished; then the application keys for writing and the resumption secret.
Status TlsConnection::client13_send_finished() {
  EMBER_TRY(send_finished());
  EMBER_TRY(set_write_keys(hs_->client_ap_secret));
  EMBER_TRY_ASSIGN(resumption_secret_,
                   derive_secret(*hs_->master_mac, "res master", transcript_hash()));
  state_ = State::flush_buffers;
  return {};
}

Status TlsConnection::client_handle_new_session_ticket(const HandshakeMessage& m) {
  Reader r(m.body());
  uint32_t lifetime, age_add;
  ByteView nonce, ticket;
  Reader exts;
  if (!r.u32(lifetime) || !r.u32(age_add) || !r.u8_prefixed(nonce) || !r.u16_prefixed(ticket) ||
      !r.u16_prefixed(exts) || !r.empty() || ticket.empty())
    return Error::tls_decode_error;
  if (lifetime > 604800) return Error::illegal_parameter;  // at most 7 days (§4.6.1)
  EMBER_TRY_ASSIGN(auto psk, expand_label(resumption_secret_, "resumption", nonce,
                                          crypto::hash_size(suite_->hash)));
  secure_zero(session_blob_.data(), session_blob_.size());
  session_blob_.clear();
  Writer w(session_blob_);  // format: see set_session()
  w.u8(1);
  w.u16(suite_->id);
  w.u8_prefixed([&] { w.bytes(ByteView(psk)); });
  w.u16_prefixed([&] { w.bytes(ticket); });
  w.u32(lifetime);
  w.u32(age_add);
  w.u64(now_ms());
  write_peer(w);
  if (tracing(1)) trace(1, "new session ticket");
  return {};
}

// The TLS 1.3 client states that send a message (after the server's Finished).
Status TlsConnection::client13_step() {
  switch (state_) {
    case State::c13_send_certificate:
      return client13_send_certificate();
    case State::c13_send_certificate_verify:
      if (own_cert_ != nullptr) EMBER_TRY(send_certificate_verify(*own_cert_, own_scheme_));
      state_ = State::c13_send_finished;
      return {};
    case State::c13_send_finished:
      return client13_send_finished();
    default:
      return receive_step();  // a state that waits for a message
  }
}

// The TLS 1.3 client states that wait for a message: each takes one type.
Status TlsConnection::client13_receive(const HandshakeMessage& m) {
  switch (state_) {
    case State::client_wait_encrypted_extensions:
      return m.type == hs::kEncryptedExtensions ? client_handle_encrypted_extensions(m)
                                                : Status{Error::unexpected_message};
    case State::client_wait_cert_or_cert_request:
      return m.type == hs::kCertificateRequest ? client_handle_cert_request(m)
             : m.type == hs::kCertificate      ? client_handle_certificate(m)
                                               : Status{Error::unexpected_message};
    case State::client_wait_certificate:
      return m.type == hs::kCertificate ? client_handle_certificate(m)
                                        : Status{Error::unexpected_message};
    case State::client_wait_certificate_verify:
      return m.type == hs::kCertificateVerify ? client_handle_certificate_verify(m)
                                              : Status{Error::unexpected_message};
    case State::client_wait_finished:
      return m.type == hs::kFinished ? client_handle_finished(m)
                                     : Status{Error::unexpected_message};
    default:
      return Error::unexpected_message;
  }
}

}  // namespace ember::tls
