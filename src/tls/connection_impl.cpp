// TLS 1.3: record layer, key schedule, alerts, application data and post-handshake messages.
#include "tls/connection_impl.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>

#include "ember/core/ct.hpp"
#include "tls/msgs/messages.hpp"

namespace ember::tls {

namespace {
// "received alert 51 (decrypt_error)" for the debug trace.
std::string alert_text(const char* what, uint8_t description) {
  std::string s(what);
  s += std::to_string(description);
  s += " (";
  s += alert_name(description);
  s += ')';
  return s;
}
}  // namespace

TlsConnection::TlsConnection(std::shared_ptr<const Config> config, Role role,
                             std::string server_name)
    : config_(std::move(config)),
      provider_(config_->provider ? *config_->provider : crypto::default_provider()),
      role_(role),
      state_(State::hello_request),
      hs_(std::make_unique<Handshake>()) {
  info_.server_name = std::move(server_name);
  limits_ = PeerLimits::from(*config_);
  records_.set_padding_block(config_->record_padding_block);
  update_record_limits();
}

// The record layer follows the handshake: TLS 1.2 rules once 1.2 is negotiated, and the limits
// of RFC 6066 (max_fragment_length) and RFC 8449 (record_size_limit) once agreed.
void TlsConnection::update_record_limits() {
  records_.set_mode(tls12_ ? record::Mode::tls12 : record::Mode::tls13);
  records_.set_send_limit(std::min(config_->max_fragment, max_fragment_));
  records_.set_peer_record_limit(peer_record_limit_);
  records_.set_receive_limit(tls12_ ? max_fragment_ : own_record_limit_);
}

TlsConnection::~TlsConnection() {
  secure_zero(session_blob_.data(), session_blob_.size());  // holds a PSK / master secret
}

Status TlsConnection::random_bytes(MutableByteView out) {
  if (config_->rng) return config_->rng->fill(out);
  // One DRBG per thread, seeded once from the OS and reseeded on its interval (CRYPTO-NOTES:
  // a DRBG per connection costs a seeding and several AES key schedules per handshake).
  thread_local rng::CtrDrbg drbg;
  return drbg.fill(out);
}

void TlsConnection::trace(int level, const std::string& text) const {
  if (config_->debug && level <= config_->debug_level) config_->debug(level, text);
}

void TlsConnection::keylog(std::string_view label, ByteView secret) const {
  if (!config_->keylog) return;
  std::string line(label);
  line += ' ';
  line += to_hex(client_random_);
  line += ' ';
  line += to_hex(secret);
  config_->keylog(line);
}

// ---------------------------------------------------------------------------------------------
// Output

void TlsConnection::send_record(uint8_t type, ByteView data) {
  // The first ClientHello uses legacy_record_version 0x0301 for middlebox compatibility.
  bool first_hello = type == content::kHandshake && role_ == Role::client && !hello_retried_ &&
                     state_ == State::client_hello && !records_.writing_protected();
  if (first_hello) records_.set_plaintext_version(record::kVersion10);
  Status st = records_.send(type, data);
  if (first_hello) records_.set_plaintext_version(record::kVersion12);
  if (!st) {
    fatal_ = Error::internal_error;
    state_ = State::failed;
  }
}

void TlsConnection::send_handshake(uint8_t type, ByteView body) {
  Bytes msg = hs::make_message(type, body);
  if (hs_ && hs_->transcript.started() && type != hs::kHelloRequest) hs_->transcript.add(msg);
  if (tracing(2))
    trace(2, std::string("send handshake message ") + std::to_string(type) + " (" +
                 std::to_string(body.size()) + " bytes)");
  if (flight_.open()) {
    flight_.add(msg);
    return;
  }
  send_record(content::kHandshake, msg);
}

// Handshake messages sent between begin_flight() and end_flight() share records (hs::Flight).
void TlsConnection::begin_flight() {
  flight_.begin();
}

void TlsConnection::end_flight() {
  Bytes flight = flight_.close();
  if (!flight.empty()) send_record(content::kHandshake, flight);
}

void TlsConnection::send_alert(uint8_t description, bool fatal) {
  uint8_t a[2] = {static_cast<uint8_t>(fatal ? 2 : 1), description};
  if (fatal) alert_sent_ = description;
  if (tracing(1))
    trace(1, alert_text(fatal ? "sending fatal alert " : "sending warning alert ", description));
  send_record(content::kAlert, a);
}

void TlsConnection::send_compat_ccs() {
  if (ccs_sent_) return;
  ccs_sent_ = true;
  // Middlebox compatibility (RFC 8446 §D.4): one unprotected change_cipher_spec.
  uint8_t one = 1;
  if (!records_.send_unprotected(content::kChangeCipherSpec, ByteView(&one, 1))) {
    fatal_ = Error::internal_error;
    state_ = State::failed;
  }
}

Status TlsConnection::fail(Error e) {
  if (state_ == State::failed) return fatal_;
  flight_.abandon();  // a flight cut short is never sent
  if (e != Error::peer_alert && e != Error::peer_close_notify && e != Error::want_read)
    send_alert(alert_for(e), true);
  if (tracing(1)) trace(1, std::string("handshake failed: ") + std::string(error_name(e)));
  state_ = State::failed;
  fatal_ = e;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Input

Status TlsConnection::receive(ByteView data) {
  records_.receive(data);
  return {};
}

MutableByteView TlsConnection::input_space(size_t max) {
  return records_.input_space(max);
}

Status TlsConnection::commit_input(size_t n) {
  return records_.commit_input(n);
}

// What a record carried, once opened: handshake bytes are reassembled into messages, alerts
// handled, application data located (in place in the record layer's input) or kept aside
// during a renegotiation.
Status TlsConnection::handle_record(const record::Record& r) {
  ByteView plain = r.fragment;
  // A handshake message is never interleaved with records of another type (RFC 8446 §5.1;
  // both versions here): nothing may come between two of its fragments.
  if (r.type != content::kHandshake && hs_in_.partial()) return Error::unexpected_message;
  if (r.protected_record) protected_received_ = true;
  switch (r.type) {
    case content::kHandshake:
      if (plain.empty()) return Error::unexpected_message;
      EMBER_TRY(hs_in_.add(plain));
      break;
    case content::kAlert:
      return handle_alert(r);
    case content::kApplicationData:
      EMBER_TRY(application_data_received(plain.size()));
      if (hello_request_pending_ && config_->renegotiation_max_records >= 0 &&
          ++records_since_hello_request_ > config_->renegotiation_max_records)
        return Error::no_renegotiation;  // the client ignores our HelloRequest
      if (state_ != State::connected) {
        // TLS 1.2 allows application data interleaved with a renegotiation handshake: keep
        // it aside until read() is called. Never between the peer's ChangeCipherSpec and its
        // Finished: under keys that nothing has authenticated yet.
        bool before_finished = state_ == State::c12_finished || state_ == State::s12_finished;
        if (!(tls12_ && renegotiating_) || before_finished) return Error::unexpected_message;
        reneg_app_.insert(reneg_app_.end(), plain.begin(), plain.end());
        break;
      }
      records_.hold_application_data(r);
      break;
    default:
      return Error::unexpected_message;
  }
  return {};
}

// An alert record (RFC 8446 §6, RFC 5246 §7.2).
Status TlsConnection::handle_alert(const record::Record& r) {
  ByteView plain = r.fragment;
  // An empty alert record is unexpected_message (RFC 8446 §5.1, §6), any other size but two
  // bytes decode_error.
  if (plain.empty()) return Error::unexpected_message;
  if (plain.size() != 2) return Error::tls_decode_error;
  uint8_t level = plain[0], desc = plain[1];
  if (!r.protected_record && records_.reading_protected()) {
    if (state_ == State::connected) return Error::unexpected_message;
    // TLS 1.3: a plaintext alert where an encrypted record belongs (a peer that gave up
    // before it had keys). The connection ends; it is never answered, in plaintext or not.
    alert_received_ = desc;
    if (tracing(1)) trace(1, alert_text("received plaintext alert ", desc));
    return Error::peer_alert;
  }
  // AlertLevel is warning (1) or fatal (2): another value is a field that is wrong
  // (illegal_parameter, RFC 8446 §6.2; OpenSSL answers the same), so {7, 0} is no close_notify.
  if (level != 1 && level != 2) return Error::illegal_parameter;
  if (tls12_ && level == 1 && desc == alert::kNoRenegotiation) {
    // A warning: the peer declines our renegotiation request (RFC 5746 §4.5).
    if (tracing(1)) trace(1, "peer refused renegotiation");
    if (renegotiating_ && role_ == Role::client) return Error::no_renegotiation;
    hello_request_pending_ = false;  // server: the client declined our HelloRequest
    return count(Flood::warning_alert);
  }
  if (desc == alert::kCloseNotify) {
    peer_closed_ = true;
    return {};
  }
  // user_canceled is a closure alert whatever its level in TLS 1.3 (RFC 8446 §6.1: close_notify
  // follows); TLS 1.2 ends at any fatal-level alert (RFC 5246 §7.2).
  if (desc == alert::kUserCanceled && (!tls12_ || level == 1)) return count(Flood::warning_alert);
  alert_received_ = desc;
  if (tracing(1)) trace(1, alert_text("received alert ", desc));
  return Error::peer_alert;
}

Status TlsConnection::process_input() {
  // Stops as soon as a handshake message is complete: it may change the keys that the next
  // record needs. Also stops at application data, which read() then copies straight out of
  // the record layer's input buffer.
  while (!peer_closed_ && !hs_in_.has_message() && !app_pending()) {
    auto r = records_.next_record();
    if (!r) {
      if (r.error() == Error::want_read) break;
      return r.error();
    }
    if (tracing(4))
      trace(4, "record type " + std::to_string(r->type) + " length " +
                   std::to_string(r->fragment.size()));
    if (r->type == content::kChangeCipherSpec) {
      if (tls12_) {
        EMBER_TRY(handle_ccs12(r->fragment));
        break;  // a state of its own (handshake_step)
      }
      // TLS 1.3 (RFC 8446 §5, middlebox compatibility): one change_cipher_spec of the single
      // byte 1 is dropped, before the peer's first encrypted record. A second one, another
      // value, one inside a handshake message, or one after encrypted records or the
      // handshake is unexpected_message.
      // Nor before the peer's first hello (RFC 8446 §5: a client sends it after its first
      // ClientHello, a server after its ServerHello or HelloRetryRequest).
      if (!peer_hello_taken_ || state_ == State::connected || ccs13_received_ ||
          protected_received_ || hs_in_.partial() || r->fragment.size() != 1 || r->fragment[0] != 1)
        return Error::unexpected_message;
      ccs13_received_ = true;
      continue;
    }
    EMBER_TRY(handle_record(*r));
  }
  return {};
}

Status TlsConnection::next_message(HandshakeMessage& msg) {
  if (!hs_in_.has_message()) EMBER_TRY(process_input());
  if (!hs_in_.has_message()) {
    if (peer_closed_) return Error::connection_closed;
    return Error::want_read;
  }
  msg = take_message();
  return {};
}

HandshakeMessage TlsConnection::take_message() {
  HandshakeMessage m = hs_in_.take();
  if (m.type == (role_ == Role::server ? hs::kClientHello : hs::kServerHello))
    peer_hello_taken_ = true;
  if (tracing(2))
    trace(2, "received handshake message " + std::to_string(m.type) + " (" +
                 std::to_string(m.raw.size() - 4) + " bytes)");
  return m;
}

// ---------------------------------------------------------------------------------------------
// Key schedule

Status TlsConnection::init_transcript(crypto::HashAlg h) {
  EMBER_TRY(hs_->transcript.start(provider_, h, tls12_));  // TLS 1.2 keeps the messages too
  return {};
}

Bytes TlsConnection::transcript_hash() const {
  return hs_->transcript.hash();
}

Result<Secret> TlsConnection::expand_label(ByteView secret, std::string_view label,
                                           ByteView context, size_t len) const {
  return crypto::hkdf_expand_label(provider_, suite_->hash, secret, label, context, len);
}

Result<Secret> TlsConnection::derive_secret(ByteView secret, std::string_view label,
                                            ByteView th) const {
  return expand_label(secret, label, th, crypto::hash_size(suite_->hash));
}

Result<Secret> TlsConnection::expand_label(crypto::Hmac& keyed, std::string_view label,
                                           ByteView context, size_t len) const {
  Secret out(len);
  EMBER_TRY(crypto::hkdf_expand_label(keyed, label, context, out.mutable_view()));
  return out;
}

Result<Secret> TlsConnection::derive_secret(crypto::Hmac& keyed, std::string_view label,
                                            ByteView th) const {
  return expand_label(keyed, label, th, crypto::hash_size(suite_->hash));
}

crypto::Hmac* TlsConnection::keyed_traffic_secret(ByteView secret) const {
  for (const record::Tls13Protection* p : {read13_, write13_})
    if (p != nullptr && p->traffic_secret().size() == secret.size() &&
        ct::equal(p->traffic_secret(), secret))
      return &p->keyed_secret();
  return nullptr;
}

// The traffic secret is keyed into one HMAC that derives key and IV now and the Finished key
// or the next KeyUpdate secret later.
Status TlsConnection::set_read_keys(ByteView secret) {
  if (hs_in_.partial()) return Error::unexpected_message;  // a message across a key change
  EMBER_TRY_ASSIGN(auto mac, provider_.make_hmac(suite_->hash, secret));
  EMBER_TRY_ASSIGN(
      auto p, record::Tls13Protection::create(provider_, suite_->aead, secret, std::move(mac)));
  read13_ = p.get();
  records_.set_read_protection(std::move(p));
  return {};
}

Status TlsConnection::set_write_keys(ByteView secret) {
  EMBER_TRY_ASSIGN(auto mac, provider_.make_hmac(suite_->hash, secret));
  EMBER_TRY_ASSIGN(
      auto p, record::Tls13Protection::create(provider_, suite_->aead, secret, std::move(mac)));
  write13_ = p.get();
  records_.set_write_protection(std::move(p));
  return {};
}

// Per hash: the digest of the empty string, and Derive-Secret(Early Secret, "derived", "")
// for a handshake without a PSK, whose early secret is HKDF-Extract(0, 0) — the same value in
// every such handshake (RFC 8446 §7.1), so it is computed once.
struct TlsConnection::ScheduleConstants {
  Bytes empty_hash;
  Bytes no_psk_derived;
};

Result<const TlsConnection::ScheduleConstants*> TlsConnection::schedule_constants() const {
  static std::mutex mu;  // taken only until each hash's constants exist
  static std::array<std::atomic<const ScheduleConstants*>, 5> table{};
  auto& slot = table[static_cast<size_t>(suite_->hash)];
  if (const ScheduleConstants* ready = slot.load(std::memory_order_acquire)) return ready;
  std::lock_guard lock(mu);
  if (const ScheduleConstants* ready = slot.load(std::memory_order_acquire)) return ready;
  auto c = std::make_unique<ScheduleConstants>();
  size_t hl = crypto::hash_size(suite_->hash);
  Bytes zeros(hl, 0);
  c->empty_hash.resize(hl);
  EMBER_TRY(provider_.hash(suite_->hash, {}, c->empty_hash));
  EMBER_TRY_ASSIGN(auto early, crypto::hkdf_extract(provider_, suite_->hash, {}, zeros));
  EMBER_TRY_ASSIGN(auto derived, derive_secret(early, "derived", c->empty_hash));
  c->no_psk_derived.assign(derived.data(), derived.data() + derived.size());
  slot.store(c.release(), std::memory_order_release);  // kept for the process's lifetime
  return slot.load(std::memory_order_acquire);
}

Status TlsConnection::derive_handshake_secrets(ByteView shared) {
  size_t hl = crypto::hash_size(suite_->hash);
  Bytes zeros(hl, 0);
  EMBER_TRY_ASSIGN(const ScheduleConstants* k, schedule_constants());
  ByteView empty_hash = k->empty_hash;
  // Early secret: from the resumption PSK when one was accepted, else from zeros. With psk_ke
  // the (EC)DHE input is zeros too (`shared` is empty).
  if (shared.empty()) shared = zeros;
  Secret derived;
  if (psk_accepted_ && hs_->early_mac && hs_->early_hash == suite_->hash &&
      hs_->early_psk.size() == psk_.size() && ct::equal(hs_->early_psk, psk_)) {
    EMBER_TRY_ASSIGN(derived, derive_secret(*hs_->early_mac, "derived", empty_hash));
  } else if (psk_accepted_) {
    EMBER_TRY_ASSIGN(auto early, crypto::hkdf_extract(provider_, suite_->hash, {}, psk_));
    EMBER_TRY_ASSIGN(derived, derive_secret(early, "derived", empty_hash));
  } else {
    derived = Secret(k->no_psk_derived);
  }
  hs_->early_mac.reset();
  hs_->early_psk.clear();
  EMBER_TRY_ASSIGN(Secret handshake_secret,
                   crypto::hkdf_extract(provider_, suite_->hash, derived, shared));
  EMBER_TRY_ASSIGN(auto hs_mac, provider_.make_hmac(suite_->hash, handshake_secret));
  Bytes th = transcript_hash();
  EMBER_TRY_ASSIGN(hs_->client_hs_secret, derive_secret(*hs_mac, "c hs traffic", th));
  EMBER_TRY_ASSIGN(hs_->server_hs_secret, derive_secret(*hs_mac, "s hs traffic", th));
  keylog("CLIENT_HANDSHAKE_TRAFFIC_SECRET", hs_->client_hs_secret);
  keylog("SERVER_HANDSHAKE_TRAFFIC_SECRET", hs_->server_hs_secret);
  EMBER_TRY_ASSIGN(auto derived2, derive_secret(*hs_mac, "derived", empty_hash));
  EMBER_TRY_ASSIGN(master_secret_, crypto::hkdf_extract(provider_, suite_->hash, derived2, zeros));
  return {};
}

Status TlsConnection::derive_application_secrets() {
  Bytes th = transcript_hash();  // through the server Finished
  EMBER_TRY_ASSIGN(hs_->master_mac, provider_.make_hmac(suite_->hash, master_secret_));
  EMBER_TRY_ASSIGN(hs_->client_ap_secret, derive_secret(*hs_->master_mac, "c ap traffic", th));
  EMBER_TRY_ASSIGN(hs_->server_ap_secret, derive_secret(*hs_->master_mac, "s ap traffic", th));
  keylog("CLIENT_TRAFFIC_SECRET_0", hs_->client_ap_secret);
  keylog("SERVER_TRAFFIC_SECRET_0", hs_->server_ap_secret);
  if (config_->keylog) {  // nothing else uses the exporter secret (no exporter API yet)
    EMBER_TRY_ASSIGN(auto exporter, derive_secret(*hs_->master_mac, "exp master", th));
    keylog("EXPORTER_SECRET", exporter);
  }
  return {};
}

Result<Bytes> TlsConnection::finished_mac(ByteView base_secret, ByteView th) const {
  size_t hl = crypto::hash_size(suite_->hash);
  crypto::Hmac* keyed = keyed_traffic_secret(base_secret);
  EMBER_TRY_ASSIGN(auto fk, keyed ? expand_label(*keyed, "finished", {}, hl)
                                  : expand_label(base_secret, "finished", {}, hl));
  EMBER_TRY_ASSIGN(auto mac, provider_.make_hmac(suite_->hash, fk));
  mac->update(th);
  Bytes out(hl);
  mac->finish(out);
  return out;
}

Result<Bytes> TlsConnection::certificate_verify_input(bool server, ByteView th) const {
  std::string_view ctx =
      server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify";
  Bytes in;
  Writer w(in);
  for (int i = 0; i < 64; ++i) w.u8(0x20);
  w.bytes(ctx);
  w.u8(0);
  w.bytes(th);
  return in;
}

Status TlsConnection::send_finished() {
  ByteView base =
      role_ == Role::client ? ByteView(hs_->client_hs_secret) : ByteView(hs_->server_hs_secret);
  EMBER_TRY_ASSIGN(auto mac, finished_mac(base, transcript_hash()));
  send_handshake(hs::kFinished, mac);
  return {};
}

Status TlsConnection::check_finished(const HandshakeMessage& m, ByteView base_secret) {
  // A verify_data of the wrong length is malformed (decode_error) before any MAC is computed;
  // one of the right length that does not match is decrypt_error (RFC 8446 §4.4.4, §6.2).
  if (m.body().size() != crypto::hash_size(suite_->hash)) return Error::tls_decode_error;
  // The expected value covers the transcript before this message.
  EMBER_TRY_ASSIGN(auto want, finished_mac(base_secret, transcript_hash()));
  if (!ct::equal(m.body(), want)) return Error::decrypt_error;
  hs_->transcript.add(m.raw);
  return {};
}

// ---------------------------------------------------------------------------------------------
// Handshake driver, application data, post-handshake messages

Status TlsConnection::handle_post_handshake(const HandshakeMessage& m) {
  if (tls12_) {  // HelloRequest / ClientHello: renegotiation
    if (state_ == State::connected) return handle_renegotiation_request(m);
    return role_ == Role::client ? client12_receive(m) : server12_receive(m);
  }
  switch (m.type) {
    case hs::kNewSessionTicket:
      if (role_ != Role::client) return Error::unexpected_message;
      return client_handle_new_session_ticket(m);
    case hs::kKeyUpdate: {
      EMBER_TRY(count(Flood::key_update));
      msgs::KeyUpdate ku;
      EMBER_TRY(msgs::decode(m.body(), ku));  // request_update > 1: illegal_parameter
      EMBER_TRY_ASSIGN(auto next, expand_label(read13_->keyed_secret(), "traffic upd", {},
                                               crypto::hash_size(suite_->hash)));
      EMBER_TRY(set_read_keys(next));
      if (tracing(1)) trace(1, "peer key update");
      if (ku.update_requested) EMBER_TRY(key_update(false));
      return check_output_limit();
    }
    default:
      return Error::unexpected_message;
  }
}

Result<size_t> TlsConnection::read(MutableByteView out) {
  records_.drop_input_space();
  if (state_ == State::failed) return fatal_;
  if (state_ != State::connected && state_ != State::closed && !renegotiating_)
    return Error::bad_state;
  if (reneg_app_pos_ < reneg_app_.size()) {
    size_t n = std::min(out.size(), reneg_app_.size() - reneg_app_pos_);
    if (n > 0) std::memcpy(out.data(), reneg_app_.data() + reneg_app_pos_, n);
    reneg_app_pos_ += n;
    if (reneg_app_pos_ == reneg_app_.size()) {
      reneg_app_.clear();
      reneg_app_pos_ = 0;
    }
    return n;
  }
  while (!app_pending()) {
    if (state_ == State::connected && !hs_in_.has_message() && !hs_in_.partial() && !peer_closed_) {
      auto direct = read_direct(out);
      if (direct) {
        if (!*direct) return fail(direct->error()).error();
        if (**direct > 0) return **direct;
        continue;  // an empty record, or a post-handshake message / alert was handled
      }
    }
    if (renegotiating_ && state_ != State::connected) {
      // A TLS 1.2 renegotiation in progress: drive it (application data may come meanwhile).
      Status hs = handshake();
      if (reneg_app_pos_ < reneg_app_.size()) return read(out);
      if (!hs && hs.error() != Error::want_read) return hs.error();
      if (!hs) return Error::want_read;
      continue;
    }
    Status st = process_input();
    if (!st) return fail(st.error()).error();
    bool progressed = hs_in_.has_message();
    while (hs_in_.has_message()) {
      HandshakeMessage m = take_message();
      Status ph = handle_post_handshake(m);
      if (!ph) return fail(ph.error()).error();
    }
    if (app_pending()) break;
    if (peer_closed_) return Error::peer_close_notify;
    if (!progressed) return Error::want_read;
  }
  return records_.read_application_data(out);
}

// The record layer opens the next application_data record straight into the caller's buffer
// when it can; a post-handshake message or an alert that comes that way is handled here.
std::optional<Result<size_t>> TlsConnection::read_direct(MutableByteView out) {
  using Kind = record::StreamLayer::Direct::Kind;
  auto direct = records_.read_direct(out);
  if (direct.kind == Kind::none) return std::nullopt;
  if (direct.kind == Kind::failed) return Result<size_t>(direct.error);
  if (direct.kind == Kind::other) {
    Status st = handle_record(records_.direct_other());
    if (!st) return Result<size_t>(st.error());
    while (hs_in_.has_message()) {
      HandshakeMessage m = take_message();
      if (Status ph = handle_post_handshake(m); !ph) return Result<size_t>(ph.error());
    }
    if (peer_closed_) return Result<size_t>(Error::peer_close_notify);
    return Result<size_t>(size_t{0});
  }
  if (Status st = application_data_received(direct.app_data); !st)
    return Result<size_t>(st.error());
  // A TLS 1.2 server that sent a HelloRequest counts the records the client sends meanwhile.
  if (tls12_ && hello_request_pending_ && config_->renegotiation_max_records >= 0 &&
      ++records_since_hello_request_ > config_->renegotiation_max_records)
    return Result<size_t>(Error::no_renegotiation);
  return Result<size_t>(direct.app_data);
}

Result<size_t> TlsConnection::write(ByteView data) {
  if (state_ == State::failed) return fatal_;
  if (state_ != State::connected && !(renegotiating_ && records_.writing_protected()))
    return Error::bad_state;
  send_record(content::kApplicationData, data);
  if (state_ == State::failed) return fatal_;
  // TLS 1.2: renegotiate when the record counter passes the configured period (keys are
  // refreshed long before a sequence number could wrap).
  if (tls12_ && config_->renegotiation_period != 0 && !renegotiating_ &&
      records_.write_sequence() >= config_->renegotiation_period &&
      config_->renegotiation == Renegotiation::enabled && renegotiation_allowed())
    (void)renegotiate();
  return data.size();
}

Status TlsConnection::close() {
  if (state_ == State::closed || state_ == State::failed) return {};
  send_alert(alert::kCloseNotify, false);
  state_ = State::closed;
  return {};
}

Status TlsConnection::key_update(bool request_peer) {
  if (state_ != State::connected || tls12_) return Error::bad_state;
  uint8_t req = request_peer ? 1 : 0;
  send_handshake(hs::kKeyUpdate, ByteView(&req, 1));
  if (request_peer) key_updates_ = 0;  // the peer's answer is no flood
  EMBER_TRY_ASSIGN(auto next, expand_label(write13_->keyed_secret(), "traffic upd", {},
                                           crypto::hash_size(suite_->hash)));
  EMBER_TRY(set_write_keys(next));
  if (tracing(1)) trace(1, "key update sent");
  return {};
}

// ---------------------------------------------------------------------------------------------
// Limits on what the peer makes a connection do (docs/tls.md "Limits")

TlsConnection::PeerLimits TlsConnection::PeerLimits::from(const Config& c) {
  auto cap = [](uint64_t n) { return n == 0 ? UINT64_MAX : n; };
  return PeerLimits{cap(c.max_key_updates), cap(c.max_empty_records), cap(c.max_warning_alerts),
                    cap(c.max_refused_renegotiations),
                    c.max_pending_output == 0 ? SIZE_MAX : c.max_pending_output};
}

Status TlsConnection::count(Flood f) {
  struct Counter {
    uint64_t& n;
    uint64_t limit;
    const char* what;
  };
  std::array<Counter, 4> counters = {{
      {key_updates_, limits_.key_updates, "KeyUpdate messages in a row"},
      {empty_records_, limits_.empty_records, "empty application-data records in a row"},
      {warning_alerts_, limits_.warning_alerts, "warning alerts in a row"},
      {refused_reneg_, limits_.refused_renegotiations, "refused renegotiation requests"},
  }};
  Counter& c = counters.at(static_cast<size_t>(f));
  if (++c.n <= c.limit) return {};
  if (tracing(1)) trace(1, "peer sent more than " + std::to_string(c.limit) + " " + c.what);
  return Error::peer_flood;
}

Status TlsConnection::application_data_received(size_t n) {
  if (n == 0) return count(Flood::empty_record);
  key_updates_ = empty_records_ = warning_alerts_ = 0;
  return {};
}

Status TlsConnection::check_output_limit() {
  size_t queued = records_.pending_output().size();
  if (queued <= limits_.pending_output) return {};
  if (tracing(1))
    trace(1, "unsent output of " + std::to_string(queued) + " bytes is over the limit of " +
                 std::to_string(limits_.pending_output));
  return Error::output_limit;
}

uint64_t TlsConnection::now_ms() const {
  if (config_->clock_ms) return config_->clock_ms();
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

Result<Bytes> TlsConnection::psk_binder(crypto::HashAlg h, ByteView psk,
                                        ByteView truncated_hello) const {
  size_t hl = crypto::hash_size(h);
  Bytes empty_hash(hl), th(hl);
  EMBER_TRY(provider_.hash(h, {}, empty_hash));
  if (hs_->transcript.started() && hs_->transcript.alg() == h) {
    auto t = hs_->transcript.fork();  // after a HelloRetryRequest: message_hash + HRR + CH2
    t->update(truncated_hello);
    t->finish(th);
  } else {
    EMBER_TRY(provider_.hash(h, truncated_hello, th));
  }
  EMBER_TRY_ASSIGN(auto early, crypto::hkdf_extract(provider_, h, {}, psk));
  EMBER_TRY_ASSIGN(auto early_mac, provider_.make_hmac(h, early));
  Secret binder_key(hl);
  EMBER_TRY(
      crypto::hkdf_expand_label(*early_mac, "res binder", empty_hash, binder_key.mutable_view()));
  // Kept for the key schedule: when this PSK is accepted, its early secret is not derived again.
  hs_->early_psk = Secret(psk);
  hs_->early_hash = h;
  hs_->early_mac = std::move(early_mac);
  EMBER_TRY_ASSIGN(auto fk,
                   crypto::hkdf_expand_label(provider_, h, binder_key, "finished", {}, hl));
  EMBER_TRY_ASSIGN(auto mac, provider_.make_hmac(h, fk));
  mac->update(th);
  Bytes out(hl);
  mac->finish(out);
  return out;
}

Bytes TlsConnection::export_session() const {
  return session_blob_;
}

// Session blob (version 1): u8 1, u16 suite, u8-prefixed psk, u16-prefixed ticket,
// u32 lifetime, u32 age_add, u64 received_ms.
Status TlsConnection::set_session(ByteView session) {
  if (role_ != Role::client || hello_sent_) return Error::bad_state;  // before handshake()
  if (!session.empty() && session[0] == 2) {
    // TLS 1.2 (version 2): u8 2, u16 suite, u8 ems, u8-prefixed master secret, u8-prefixed
    // session ID, u16-prefixed ticket, u32 lifetime, u64 received_ms.
    Reader r(session);
    uint8_t version, ems;
    ClientSession12 cs;
    ByteView master, sid, ticket;
    if (!r.u8(version) || !r.u16(cs.suite) || !r.u8(ems) || !r.u8_prefixed(master) ||
        !r.u8_prefixed(sid) || !r.u16_prefixed(ticket) || !r.u32(cs.lifetime_s) ||
        !r.u64(cs.received_ms) || !read_peer(r, cs.verify_flags, cs.peer) || !r.empty() ||
        master.size() != 48 || sid.size() > 32 || (sid.empty() && ticket.empty()) ||
        tls12_suite(cs.suite) == nullptr || ems > 1)
      return Error::session_invalid;
    if (now_ms() > cs.received_ms + uint64_t{cs.lifetime_s} * 1000) return Error::session_invalid;
    cs.ems = ems == 1;
    cs.master = Secret(master);
    cs.session_id.assign(sid.begin(), sid.end());
    cs.ticket.assign(ticket.begin(), ticket.end());
    resume12_ = std::move(cs);
    resume_.reset();
    return {};
  }
  Reader r(session);
  uint8_t version;
  ClientSession cs;
  ByteView psk, ticket;
  if (!r.u8(version) || version != 1 || !r.u16(cs.suite) || !r.u8_prefixed(psk) ||
      !r.u16_prefixed(ticket) || !r.u32(cs.lifetime_s) || !r.u32(cs.age_add) ||
      !r.u64(cs.received_ms) || !read_peer(r, cs.verify_flags, cs.peer) || !r.empty() ||
      psk.empty() || ticket.empty() || tls13_suite(cs.suite) == nullptr)
    return Error::session_invalid;
  if (now_ms() > cs.received_ms + uint64_t{cs.lifetime_s} * 1000) return Error::session_invalid;
  cs.psk = Secret(psk);
  cs.ticket.assign(ticket.begin(), ticket.end());
  resume_ = std::move(cs);
  resume12_.reset();
  return {};
}

// ---------------------------------------------------------------------------------------------

Wait Connection::waiting_for() const {
  if (!pending_output().empty()) return Wait::output;
  if (!handshake_done()) return Wait::input;
  return Wait::nothing;
}

Result<std::unique_ptr<Connection>> Connection::client(std::shared_ptr<const Config> config,
                                                       std::string server_name) {
  if (!config || config->role != Role::client) return Error::invalid_argument;
  if (config->min_version > config->max_version) return Error::invalid_argument;
  if (config->verify != VerifyMode::none && config->check_host_name && server_name.empty())
    return Error::hostname_required;
  auto c = std::make_unique<TlsConnection>(std::move(config), Role::client, std::move(server_name));
  EMBER_TRY(c->start());
  return std::unique_ptr<Connection>(std::move(c));
}

Result<std::unique_ptr<Connection>> Connection::server(std::shared_ptr<const Config> config) {
  if (!config || config->role != Role::server) return Error::invalid_argument;
  if (config->min_version > config->max_version) return Error::invalid_argument;
  // Certificates are needed unless only TLS 1.2 PSK suites can be negotiated.
  bool psk_only =
      config->max_version == Version::tls12 && (config->psk_callback || !config->psk.empty());
  if (config->certificates.empty() && !psk_only) return Error::invalid_argument;
  return std::unique_ptr<Connection>(
      std::make_unique<TlsConnection>(std::move(config), Role::server, std::string()));
}

}  // namespace ember::tls
