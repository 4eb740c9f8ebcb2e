// TLS 1.3 server handshake: one function per state.
#include <algorithm>
#include <cstring>

#include "ember/core/ct.hpp"
#include "tls/tls13.hpp"

namespace ember::tls {

namespace {

struct ClientHelloInfo {
  uint16_t legacy_version = 0;
  ByteView random;
  ByteView session_id;
  std::vector<uint16_t> suites;
  std::optional<std::vector<uint16_t>> versions;
  std::vector<crypto::Group> groups;
  std::vector<std::pair<crypto::Group, ByteView>> shares;
  bool has_key_share = false;
  std::optional<std::vector<crypto::SignatureScheme>> schemes;
  std::string sni;
  std::optional<std::vector<std::string>> alpn;
  ByteView cookie;
  bool has_psk = false;
  bool psk_dhe_ke = false;
  bool psk_ke = false;
  std::optional<uint16_t> record_size_limit;
  ByteView psk_identity;  // the first identity's ticket
  uint32_t psk_obfuscated_age = 0;
  ByteView psk_binder;         // the first binder
  size_t psk_binders_len = 0;  // bytes of the binders list, with its length prefix
};

Status parse_client_hello(ByteView body, ClientHelloInfo& ch) {
  Reader r(body);
  Reader suites, exts;
  ByteView compression;
  if (!r.u16(ch.legacy_version) || !r.bytes(32, ch.random) || !r.u8_prefixed(ch.session_id) ||
      !r.u16_prefixed(suites) || !r.u8_prefixed(compression) || ch.session_id.size() > 32)
    return Error::tls_decode_error;
  if (suites.empty() || suites.remaining() % 2) return Error::tls_decode_error;
  while (!suites.empty()) {
    uint16_t s;
    (void)suites.u16(s);
    ch.suites.push_back(s);
  }
  if (r.empty()) return {};  // no extensions: an old client
  if (!r.u16_prefixed(exts) || !r.empty()) return Error::tls_decode_error;
  std::vector<uint16_t> seen;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (Error e = next_extension(exts, seen, type, data); e != Error::ok) return e;
    if (ch.has_psk) return Error::illegal_parameter;  // pre_shared_key must be last
    Reader d(data);
    switch (type) {
      case ext::kSupportedVersions:
        ch.versions.emplace();
        if (!read_u16_list(data, 1, *ch.versions)) return Error::tls_decode_error;
        break;
      case ext::kSupportedGroups:
        if (!read_u16_list(data, 2, ch.groups, true)) return Error::tls_decode_error;
        break;
      case ext::kKeyShare: {
        Reader list;
        if (!d.u16_prefixed(list) || !d.empty()) return Error::tls_decode_error;
        ch.has_key_share = true;
        while (!list.empty()) {
          uint16_t g;
          ByteView kx;
          if (!list.u16(g) || !list.u16_prefixed(kx) || kx.empty()) return Error::tls_decode_error;
          for (const auto& s : ch.shares)
            if (static_cast<uint16_t>(s.first) == g) return Error::illegal_parameter;
          ch.shares.emplace_back(static_cast<crypto::Group>(g), kx);
        }
        break;
      }
      case ext::kSignatureAlgorithms:
        ch.schemes.emplace();
        if (!read_u16_list(data, 2, *ch.schemes)) return Error::tls_decode_error;
        break;
      case ext::kServerName: {
        Reader list, name;
        uint8_t kind;
        if (!d.u16_prefixed(list) || !d.empty() || !list.u8(kind) || !list.u16_prefixed(name))
          return Error::tls_decode_error;
        if (kind == 0) {
          ByteView n = name.take_rest();
          if (n.empty() || n.size() > 255) return Error::tls_decode_error;
          ch.sni.assign(n.begin(), n.end());
        }
        break;
      }
      case ext::kAlpn: {
        Reader list;
        if (!d.u16_prefixed(list) || !d.empty() || list.empty()) return Error::tls_decode_error;
        ch.alpn.emplace();
        while (!list.empty()) {
          ByteView p;
          if (!list.u8_prefixed(p) || p.empty()) return Error::tls_decode_error;
          ch.alpn->emplace_back(p.begin(), p.end());
        }
        break;
      }
      case ext::kRecordSizeLimit: {
        uint16_t v;
        if (!d.u16(v) || !d.empty()) return Error::tls_decode_error;
        if (v < 64) return Error::illegal_parameter;
        ch.record_size_limit = v;
        break;
      }
      case ext::kCookie:
        if (!d.u16_prefixed(ch.cookie) || !d.empty()) return Error::tls_decode_error;
        break;
      case ext::kPreSharedKey: {
        Reader ids, binders;
        if (!d.u16_prefixed(ids) || ids.empty()) return Error::tls_decode_error;
        size_t binders_start = d.position();
        if (!d.u16_prefixed(binders) || !d.empty() || binders.empty())
          return Error::tls_decode_error;
        ch.psk_binders_len = d.position() - binders_start;
        if (!ids.u16_prefixed(ch.psk_identity) || !ids.u32(ch.psk_obfuscated_age) ||
            !binders.u8_prefixed(ch.psk_binder) || ch.psk_identity.empty())
          return Error::tls_decode_error;
        ch.has_psk = true;
        break;
      }
      case ext::kPskKeyExchangeModes: {
        Reader modes;
        if (!d.u8_prefixed(modes) || !d.empty() || modes.empty()) return Error::tls_decode_error;
        while (!modes.empty()) {
          uint8_t mode;
          (void)modes.u8(mode);
          ch.psk_dhe_ke |= mode == 1;
          ch.psk_ke |= mode == 0;
        }
        break;
      }
      default:
        break;  // unknown extensions are ignored
    }
  }
  bool null_compression = compression.size() == 1 && compression[0] == 0;
  if (!null_compression) return Error::illegal_parameter;
  return {};
}

}  // namespace

Status Tls13Connection::server_handle_client_hello(const HandshakeMessage& m) {
  ClientHelloInfo ch;
  EMBER_TRY(parse_client_hello(m.body, ch));
  if (!ch.versions ||
      std::find(ch.versions->begin(), ch.versions->end(), 0x0304) == ch.versions->end()) {
    // TLS 1.2 is issue 5; SSL 3.0/TLS 1.0/1.1 are refused for good (RFC 8996).
    uint16_t best = ch.legacy_version;
    if (ch.versions)
      for (uint16_t v : *ch.versions) best = std::max(best, v);
    return best < 0x0303 ? Error::weak_protocol_version : Error::protocol_version;
  }
  if (hello_retried_) {
    // The second ClientHello must match the first apart from key_share/cookie.
    if (!ct::equal(ch.random, client_random_) || !ct::equal(ch.session_id, session_id_))
      return Error::illegal_parameter;
  }
  std::memcpy(client_random_.data(), ch.random.data(), 32);
  session_id_.assign(ch.session_id.begin(), ch.session_id.end());
  info_.server_name = ch.sni;

  // Cipher suite: our preference among the client's.
  const auto& ours = config_->cipher_suites.empty() ? default_suites() : config_->cipher_suites;
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

  // Group: our preference among the client's shares; otherwise a HelloRetryRequest for our
  // preferred group among the client's supported_groups.
  const auto& groups = config_->groups.empty() ? default_groups() : config_->groups;
  std::optional<std::pair<crypto::Group, ByteView>> use;
  for (auto g : groups) {
    for (const auto& s : ch.shares)
      if (s.first == g && std::find(ch.groups.begin(), ch.groups.end(), g) != ch.groups.end())
        use = s;
    if (use) break;
  }
  if (!transcript_) {
    EMBER_TRY(init_transcript(suite_->hash));
  }
  if (!use) {
    if (hello_retried_) return Error::illegal_parameter;  // still no acceptable share
    std::optional<crypto::Group> want;
    for (auto g : groups)
      if (std::find(ch.groups.begin(), ch.groups.end(), g) != ch.groups.end()) {
        want = g;
        break;
      }
    if (!want) return Error::handshake_failure;
    // Transcript: message_hash(ClientHello1) then the HelloRetryRequest.
    transcript_->update(m.raw);
    Bytes ch1 = transcript_hash();
    EMBER_TRY(init_transcript(suite_->hash));
    Bytes synthetic = {hs::kMessageHash, 0, 0, static_cast<uint8_t>(ch1.size())};
    synthetic.insert(synthetic.end(), ch1.begin(), ch1.end());
    transcript_->update(synthetic);
    Bytes body;
    Writer w(body);
    w.u16(0x0303);
    w.bytes(ByteView(kHelloRetryRandom, 32));
    w.u8_prefixed([&] { w.bytes(session_id_); });
    w.u16(suite_->id);
    w.u8(0);
    w.u16_prefixed([&] {
      w.u16(ext::kSupportedVersions);
      w.u16_prefixed([&] { w.u16(0x0304); });
      w.u16(ext::kKeyShare);
      w.u16_prefixed([&] { w.u16(static_cast<uint16_t>(*want)); });
    });
    send_handshake(hs::kServerHello, body);
    if (!session_id_.empty()) send_compat_ccs();
    hello_retried_ = true;
    info_.hello_retry = true;
    if (tracing(1)) trace(1, "hello retry request sent");
    return {};  // stay in server_wait_client_hello
  }

  bool psk_ke_ok = ch.psk_ke && config_->allow_psk_ke;
  if (ch.has_psk && (ch.psk_dhe_ke || psk_ke_ok) && config_->tickets) {
    EMBER_TRY(server_try_psk(m, ch.psk_identity, ch.psk_obfuscated_age, ch.psk_binder,
                             ch.psk_binders_len));
    // A server configured for psk_ke uses it whenever the client offers it (no (EC)DHE cost).
    psk_ke_ = psk_accepted_ && psk_ke_ok;
  }
  transcript_->update(m.raw);
  std::unique_ptr<crypto::KeyShare> share;
  Secret shared;
  if (!psk_ke_) {
    EMBER_TRY_ASSIGN(share, provider_.generate_key_share(use->first));
    EMBER_TRY_ASSIGN(shared, share->derive(use->second));
  }
  if (ch.record_size_limit) {
    peer_record_limit_ = std::min<size_t>(*ch.record_size_limit, kMaxPlaintext + 1);
    own_record_limit_ = config_->record_size_limit >= 64
                            ? std::min<size_t>(config_->record_size_limit, kMaxPlaintext + 1)
                            : kMaxPlaintext + 1;
  }
  EMBER_TRY(random_bytes(server_random_));

  // ALPN: our preference among the client's offers.
  if (ch.alpn && !config_->alpn.empty()) {
    for (const auto& p : config_->alpn)
      if (std::find(ch.alpn->begin(), ch.alpn->end(), p) != ch.alpn->end()) {
        info_.alpn = p;
        break;
      }
    if (info_.alpn.empty()) return Error::no_application_protocol;
  }

  Bytes sh;
  Writer w(sh);
  w.u16(0x0303);
  w.bytes(server_random_);
  w.u8_prefixed([&] { w.bytes(session_id_); });
  w.u16(suite_->id);
  w.u8(0);
  w.u16_prefixed([&] {
    w.u16(ext::kSupportedVersions);
    w.u16_prefixed([&] { w.u16(0x0304); });
    if (share) {
      w.u16(ext::kKeyShare);
      w.u16_prefixed([&] {
        w.u16(static_cast<uint16_t>(use->first));
        w.u16_prefixed([&] { w.bytes(share->public_value()); });
      });
    }
    if (psk_accepted_) {
      w.u16(ext::kPreSharedKey);
      w.u16_prefixed([&] { w.u16(0); });  // selected_identity
    }
  });
  send_handshake(hs::kServerHello, sh);
  EMBER_TRY(derive_handshake_secrets(shared));
  if (share) info_.group = use->first;
  info_.cipher_suite = suite_->id;
  if (!session_id_.empty()) send_compat_ccs();
  EMBER_TRY(set_protection(write_, server_hs_secret_));
  EMBER_TRY(set_protection(read_, client_hs_secret_));

  Bytes ee;
  Writer e(ee);
  e.u16_prefixed([&] {
    if (!info_.alpn.empty()) {
      e.u16(ext::kAlpn);
      e.u16_prefixed([&] {
        e.u16_prefixed([&] { e.u8_prefixed([&] { e.bytes(std::string_view(info_.alpn)); }); });
      });
    }
    if (!ch.sni.empty()) {
      e.u16(ext::kServerName);
      e.u16(0);
    }
    if (ch.record_size_limit) {
      e.u16(ext::kRecordSizeLimit);
      e.u16_prefixed([&] { e.u16(static_cast<uint16_t>(own_record_limit_)); });
    }
  });
  send_handshake(hs::kEncryptedExtensions, ee);

  if (psk_accepted_) {  // resumption: no certificates (RFC 8446 §2.2)
    EMBER_TRY(send_finished());
    EMBER_TRY(derive_application_secrets());
    EMBER_TRY(set_protection(write_, server_ap_secret_));
    state_ = State::server_wait_client_finished;
    return {};
  }
  if (config_->verify != VerifyMode::none) {
    Bytes cr;
    Writer c(cr);
    c.u8(0);  // empty certificate_request_context
    c.u16_prefixed([&] {
      c.u16(ext::kSignatureAlgorithms);
      c.u16_prefixed([&] {
        c.u16_prefixed([&] {
          const auto& schemes = config_->signature_schemes.empty() ? default_signature_schemes()
                                                                   : config_->signature_schemes;
          for (auto s : schemes) c.u16(static_cast<uint16_t>(s));
        });
      });
    });
    send_handshake(hs::kCertificateRequest, cr);
    cert_requested_ = true;
  }
  EMBER_TRY(send_certificate(own_cert_, {}));
  EMBER_TRY(send_certificate_verify(*own_cert_, own_scheme_));
  EMBER_TRY(send_finished());
  EMBER_TRY(derive_application_secrets());
  EMBER_TRY(set_protection(write_, server_ap_secret_));
  state_ =
      cert_requested_ ? State::server_wait_client_certificate : State::server_wait_client_finished;
  return {};
}

Status Tls13Connection::server_handle_client_certificate(const HandshakeMessage& m) {
  EMBER_TRY(parse_certificate(m, info_.peer_chain, true));
  transcript_->update(m.raw);
  EMBER_TRY(verify_peer_chain(false));
  state_ = info_.peer_chain.empty() ? State::server_wait_client_finished
                                    : State::server_wait_client_certificate_verify;
  return {};
}

Status Tls13Connection::server_handle_client_certificate_verify(const HandshakeMessage& m) {
  EMBER_TRY(check_certificate_verify(m, false));
  state_ = State::server_wait_client_finished;
  return {};
}

Status Tls13Connection::server_handle_client_finished(const HandshakeMessage& m) {
  EMBER_TRY(check_finished(m, client_hs_secret_));
  EMBER_TRY(set_protection(read_, client_ap_secret_));
  EMBER_TRY_ASSIGN(resumption_secret_,
                   derive_secret(master_secret_, "res master", transcript_hash()));
  state_ = State::connected;
  if (config_->tickets) EMBER_TRY(server_send_new_session_ticket());
  return {};
}

// Ticket plaintext: u16 suite, u8-prefixed psk, u64 issued_ms, u32 lifetime_s, u32 age_add.
Status Tls13Connection::server_send_new_session_ticket() {
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
  Secret plain(2 + 1 + hl + 8 + 4 + 4);
  Writer pw(plain.mutable_view());
  pw.u16(suite_->id);
  pw.u8_prefixed([&] { pw.bytes(ByteView(psk)); });
  pw.u64(now);
  pw.u32(lifetime);
  pw.u32(age_add);
  if (!pw.ok()) return Error::internal_error;
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
Status Tls13Connection::server_try_psk(const HandshakeMessage& m, ByteView identity,
                                       uint32_t obfuscated_age, ByteView binder,
                                       size_t binders_len) {
  auto keys = config_->ticket_keys ? config_->ticket_keys : default_ticket_keys();
  auto plain = keys->open(identity);
  if (!plain) return {};  // unknown or foreign ticket: full handshake
  Reader r(*plain);
  uint16_t suite;
  ByteView psk;
  uint64_t issued;
  uint32_t lifetime, age_add;
  if (!r.u16(suite) || !r.u8_prefixed(psk) || !r.u64(issued) || !r.u32(lifetime) ||
      !r.u32(age_add) || !r.empty())
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
  trace(1, "resuming session");
  return {};
}

}  // namespace ember::tls
