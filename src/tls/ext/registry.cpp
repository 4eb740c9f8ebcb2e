// The extension registry: see extensions.hpp.
#include <algorithm>
#include <array>
#include <bitset>
#include <memory>

#include "tls/common.hpp"
#include "tls/ext/extensions.hpp"

namespace ember::tls::ext {

namespace {

using M = Message;
constexpr uint16_t bit(Message m) {
  return static_cast<uint16_t>(1u << static_cast<unsigned>(m));
}
constexpr uint16_t kCH = bit(M::client_hello), kSH12 = bit(M::server_hello12),
                   kSH = bit(M::server_hello), kHRR = bit(M::hello_retry_request),
                   kEE = bit(M::encrypted_extensions), kCR = bit(M::certificate_request),
                   kCT = bit(M::certificate), kNST = bit(M::new_session_ticket);

// Answers to a ClientHello: every extension in them must have been offered.
bool is_answer(Message m) {
  return m == M::server_hello12 || m == M::server_hello || m == M::hello_retry_request ||
         m == M::encrypted_extensions;
}

using Parse = Status (*)(Message, Reader&, Extensions&);
using Write = void (*)(Message, const Extensions&, Writer&);

struct Entry {  // NOLINT(clang-analyzer-optin.performance.Padding): one static table
  uint16_t type;
  std::string_view name;
  uint16_t allowed;  // the messages it may appear in
  Parse parse;
  Write write;  // nullptr: read only (we never send it)
  bool present(Message m, const Extensions& e) const;
};

template <class T>
Status u16_list(Reader& d, int prefix, std::optional<std::vector<T>>& out, bool allow_empty) {
  out.emplace();
  if (!read_u16_list(d.take_rest(), prefix, *out, allow_empty)) return Error::tls_decode_error;
  return {};
}

template <class T>
void write_u16_list(Writer& w, int prefix, const std::vector<T>& v) {
  auto body = [&] {
    for (T x : v) w.u16(static_cast<uint16_t>(x));
  };
  if (prefix == 1)
    w.u8_prefixed(body);
  else
    w.u16_prefixed(body);
}

Status parse_server_name(Message m, Reader& d, Extensions& e) {
  if (m != M::client_hello) {
    if (!d.empty()) return Error::tls_decode_error;
    e.server_name_ack = true;
    return {};
  }
  Reader list, name;
  uint8_t kind;
  if (!d.u16_prefixed(list) || !d.empty() || !list.u8(kind) || !list.u16_prefixed(name))
    return Error::tls_decode_error;
  e.server_name.emplace();
  if (kind == 0) {  // host_name; other kinds are ignored (RFC 6066 §3)
    ByteView n = name.take_rest();
    if (n.empty() || n.size() > 255) return Error::tls_decode_error;
    e.server_name->assign(n.begin(), n.end());
  }
  return {};
}
void write_server_name(Message m, const Extensions& e, Writer& w) {
  if (m != M::client_hello) return;  // the acknowledgement is empty
  w.u16_prefixed([&] {
    w.u8(0);  // host_name
    w.u16_prefixed([&] { w.bytes(std::string_view(*e.server_name)); });
  });
}

Status parse_max_fragment_length(Message, Reader& d, Extensions& e) {
  uint8_t code;
  if (!d.u8(code) || !d.empty()) return Error::tls_decode_error;
  if (code < 1 || code > 4) return Error::illegal_parameter;
  e.max_fragment_length = code;
  return {};
}
void write_max_fragment_length(Message, const Extensions& e, Writer& w) {
  w.u8(*e.max_fragment_length);
}

Status parse_supported_groups(Message m, Reader& d, Extensions& e) {
  // In EncryptedExtensions the server's preferences are informational: not parsed.
  if (m == M::encrypted_extensions) {
    (void)d.take_rest();
    return {};
  }
  return u16_list(d, 2, e.supported_groups, true);
}
void write_supported_groups(Message, const Extensions& e, Writer& w) {
  write_u16_list(w, 2, *e.supported_groups);
}

Status parse_ec_point_formats(Message, Reader& d, Extensions& e) {
  ByteView formats;
  if (!d.u8_prefixed(formats) || !d.empty() || formats.empty()) return Error::tls_decode_error;
  e.ec_point_formats = formats;
  return {};
}
void write_ec_point_formats(Message, const Extensions& e, Writer& w) {
  w.u8_prefixed([&] { w.bytes(*e.ec_point_formats); });
}

Status parse_signature_algorithms(Message, Reader& d, Extensions& e) {
  return u16_list(d, 2, e.signature_algorithms, false);
}
void write_signature_algorithms(Message, const Extensions& e, Writer& w) {
  write_u16_list(w, 2, *e.signature_algorithms);
}

Status parse_signature_algorithms_cert(Message, Reader& d, Extensions& e) {
  return u16_list(d, 2, e.signature_algorithms_cert, false);
}

Status parse_alpn(Message m, Reader& d, Extensions& e) {
  Reader list;
  if (!d.u16_prefixed(list) || !d.empty() || list.empty()) return Error::tls_decode_error;
  e.alpn.emplace();
  while (!list.empty()) {
    ByteView p;
    if (!list.u8_prefixed(p) || p.empty()) return Error::tls_decode_error;
    e.alpn->emplace_back(p.begin(), p.end());
  }
  // An answer names exactly one protocol (RFC 7301 §3.1).
  if (m != M::client_hello && e.alpn->size() != 1) return Error::tls_decode_error;
  return {};
}
void write_alpn(Message, const Extensions& e, Writer& w) {
  w.u16_prefixed([&] {
    for (const auto& p : *e.alpn) w.u8_prefixed([&] { w.bytes(std::string_view(p)); });
  });
}

Status parse_flag(Reader& d, bool& flag) {
  if (!d.empty()) return Error::tls_decode_error;
  flag = true;
  return {};
}
Status parse_encrypt_then_mac(Message, Reader& d, Extensions& e) {
  return parse_flag(d, e.encrypt_then_mac);
}
Status parse_extended_master_secret(Message, Reader& d, Extensions& e) {
  return parse_flag(d, e.extended_master_secret);
}
void write_empty(Message, const Extensions&, Writer&) {}

Status parse_session_ticket(Message m, Reader& d, Extensions& e) {
  e.session_ticket = d.take_rest();
  if (m != M::client_hello && !e.session_ticket->empty()) return Error::tls_decode_error;
  return {};
}
void write_session_ticket(Message, const Extensions& e, Writer& w) {
  w.bytes(*e.session_ticket);
}

Status parse_record_size_limit(Message, Reader& d, Extensions& e) {
  uint16_t v;
  if (!d.u16(v) || !d.empty()) return Error::tls_decode_error;
  if (v < 64) return Error::illegal_parameter;  // RFC 8449 §4
  e.record_size_limit = v;
  return {};
}
void write_record_size_limit(Message, const Extensions& e, Writer& w) {
  w.u16(*e.record_size_limit);
}

Status parse_pre_shared_key(Message m, Reader& d, Extensions& e) {
  if (m == M::server_hello) {
    uint16_t selected;
    if (!d.u16(selected) || !d.empty()) return Error::tls_decode_error;
    e.psk_selected = selected;
    return {};
  }
  Reader ids, binders;
  if (!d.u16_prefixed(ids) || ids.empty()) return Error::tls_decode_error;
  size_t binders_start = d.position();
  if (!d.u16_prefixed(binders) || !d.empty() || binders.empty()) return Error::tls_decode_error;
  e.psk_binders_size = d.position() - binders_start;
  while (!ids.empty()) {
    PskIdentity id;
    if (!ids.u16_prefixed(id.identity) || !ids.u32(id.obfuscated_ticket_age) || id.identity.empty())
      return Error::tls_decode_error;
    e.psk_identities.push_back(id);
  }
  while (!binders.empty()) {
    ByteView b;
    if (!binders.u8_prefixed(b) || b.size() < 32) return Error::tls_decode_error;
    e.psk_binders.push_back(b);
  }
  return {};
}
void write_pre_shared_key(Message m, const Extensions& e, Writer& w) {
  if (m == M::server_hello) {
    w.u16(*e.psk_selected);
    return;
  }
  w.u16_prefixed([&] {
    for (const auto& id : e.psk_identities) {
      w.u16_prefixed([&] { w.bytes(id.identity); });
      w.u32(id.obfuscated_ticket_age);
    }
  });
  w.u16_prefixed([&] {
    for (ByteView b : e.psk_binders) w.u8_prefixed([&] { w.bytes(b); });
  });
}

Status parse_early_data(Message m, Reader& d, Extensions& e) {
  if (m == M::new_session_ticket) {
    uint32_t max_early_data;
    if (!d.u32(max_early_data) || !d.empty()) return Error::tls_decode_error;
  } else if (!d.empty()) {
    return Error::tls_decode_error;
  }
  e.early_data = true;
  return {};
}

Status parse_supported_versions(Message m, Reader& d, Extensions& e) {
  if (m == M::client_hello) return u16_list(d, 1, e.supported_versions, false);
  uint16_t v;
  if (!d.u16(v) || !d.empty()) return Error::tls_decode_error;
  e.selected_version = v;
  return {};
}
void write_supported_versions(Message m, const Extensions& e, Writer& w) {
  if (m == M::client_hello)
    write_u16_list(w, 1, *e.supported_versions);
  else
    w.u16(*e.selected_version);
}

Status parse_cookie(Message, Reader& d, Extensions& e) {
  ByteView cookie;
  if (!d.u16_prefixed(cookie) || !d.empty() || cookie.empty()) return Error::tls_decode_error;
  e.cookie = cookie;
  return {};
}
void write_cookie(Message, const Extensions& e, Writer& w) {
  w.u16_prefixed([&] { w.bytes(*e.cookie); });
}

Status parse_psk_key_exchange_modes(Message, Reader& d, Extensions& e) {
  ByteView modes;
  if (!d.u8_prefixed(modes) || !d.empty() || modes.empty()) return Error::tls_decode_error;
  e.psk_key_exchange_modes = modes;
  return {};
}
void write_psk_key_exchange_modes(Message, const Extensions& e, Writer& w) {
  w.u8_prefixed([&] { w.bytes(*e.psk_key_exchange_modes); });
}

Status parse_ignored(Message, Reader& d, Extensions&) {
  (void)d.take_rest();  // recognised, but nothing embertls acts on
  return {};
}

Status parse_key_share(Message m, Reader& d, Extensions& e) {
  if (m == M::hello_retry_request) {
    uint16_t g;
    if (!d.u16(g) || !d.empty()) return Error::tls_decode_error;
    e.server_share = KeyShare{static_cast<crypto::Group>(g), {}};
    return {};
  }
  if (m == M::server_hello) {
    uint16_t g;
    ByteView kx;
    if (!d.u16(g) || !d.u16_prefixed(kx) || !d.empty()) return Error::tls_decode_error;
    e.server_share = KeyShare{static_cast<crypto::Group>(g), kx};
    return {};
  }
  Reader list;
  if (!d.u16_prefixed(list) || !d.empty()) return Error::tls_decode_error;
  e.client_shares.emplace();
  while (!list.empty()) {
    uint16_t g;
    ByteView kx;
    if (!list.u16(g) || !list.u16_prefixed(kx) || kx.empty()) return Error::tls_decode_error;
    for (const auto& s : *e.client_shares)  // RFC 8446 §4.2.8: one share per group
      if (static_cast<uint16_t>(s.group) == g) return Error::illegal_parameter;
    e.client_shares->push_back({static_cast<crypto::Group>(g), kx});
  }
  return {};
}
void write_key_share(Message m, const Extensions& e, Writer& w) {
  if (m == M::client_hello) {
    w.u16_prefixed([&] {
      for (const auto& s : *e.client_shares) {
        w.u16(static_cast<uint16_t>(s.group));
        w.u16_prefixed([&] { w.bytes(s.key_exchange); });
      }
    });
    return;
  }
  w.u16(static_cast<uint16_t>(e.server_share->group));
  if (m == M::server_hello) w.u16_prefixed([&] { w.bytes(e.server_share->key_exchange); });
}

Status parse_renegotiation_info(Message, Reader& d, Extensions& e) {
  ByteView info;
  if (!d.u8_prefixed(info) || !d.empty()) return Error::tls_decode_error;
  e.renegotiation_info = info;
  return {};
}
void write_renegotiation_info(Message, const Extensions& e, Writer& w) {
  w.u8_prefixed([&] { w.bytes(*e.renegotiation_info); });
}

// RFC 8446 §4.2's table (and RFC 5246/7627/7366/5077/5746/6066/8422 for the TLS 1.2
// ServerHello). Extensions recognised but never acted on (status_request, SCTs, padding,
// certificate_authorities, post_handshake_auth, heartbeat...) are absent: in a ClientHello
// they are ignored as unknown, and we never offer them, so an answer may not carry them.
constexpr Entry kRegistry[] = {
    {0, "server_name", kCH | kSH12 | kEE, parse_server_name, write_server_name},
    {1, "max_fragment_length", kCH | kSH12 | kEE, parse_max_fragment_length,
     write_max_fragment_length},
    {10, "supported_groups", kCH | kEE, parse_supported_groups, write_supported_groups},
    {11, "ec_point_formats", kCH | kSH12, parse_ec_point_formats, write_ec_point_formats},
    {13, "signature_algorithms", kCH | kCR, parse_signature_algorithms, write_signature_algorithms},
    {16, "application_layer_protocol_negotiation", kCH | kSH12 | kEE, parse_alpn, write_alpn},
    {22, "encrypt_then_mac", kCH | kSH12, parse_encrypt_then_mac, write_empty},
    {23, "extended_master_secret", kCH | kSH12, parse_extended_master_secret, write_empty},
    {28, "record_size_limit", kCH | kEE, parse_record_size_limit, write_record_size_limit},
    {35, "session_ticket", kCH | kSH12, parse_session_ticket, write_session_ticket},
    {41, "pre_shared_key", kCH | kSH, parse_pre_shared_key, write_pre_shared_key},
    {42, "early_data", kCH | kEE | kNST, parse_early_data, nullptr},
    {43, "supported_versions", kCH | kSH | kHRR, parse_supported_versions,
     write_supported_versions},
    {44, "cookie", kCH | kHRR, parse_cookie, write_cookie},
    {45, "psk_key_exchange_modes", kCH, parse_psk_key_exchange_modes, write_psk_key_exchange_modes},
    {47, "certificate_authorities", kCH | kCR, parse_ignored, nullptr},
    {50, "signature_algorithms_cert", kCH | kCR, parse_signature_algorithms_cert, nullptr},
    {51, "key_share", kCH | kSH | kHRR, parse_key_share, write_key_share},
    {0xff01, "renegotiation_info", kCH | kSH12, parse_renegotiation_info, write_renegotiation_info},
};

const Entry* find(uint16_t type) {
  for (const auto& e : kRegistry)
    if (e.type == type) return &e;
  return nullptr;
}

bool Entry::present(Message m, const Extensions& e) const {
  switch (type) {
    case 0:
      return m == M::client_hello ? e.server_name.has_value() : e.server_name_ack;
    case 1:
      return e.max_fragment_length.has_value();
    case 10:
      return e.supported_groups.has_value();
    case 11:
      return e.ec_point_formats.has_value();
    case 13:
      return e.signature_algorithms.has_value();
    case 16:
      return e.alpn.has_value();
    case 22:
      return e.encrypt_then_mac;
    case 23:
      return e.extended_master_secret;
    case 28:
      return e.record_size_limit.has_value();
    case 35:
      return e.session_ticket.has_value();
    case 41:
      return m == M::client_hello ? !e.psk_identities.empty() : e.psk_selected.has_value();
    case 43:
      return m == M::client_hello ? e.supported_versions.has_value()
                                  : e.selected_version.has_value();
    case 44:
      return e.cookie.has_value();
    case 45:
      return e.psk_key_exchange_modes.has_value();
    case 51:
      return m == M::client_hello ? e.client_shares.has_value() : e.server_share.has_value();
    case 0xff01:
      return e.renegotiation_info.has_value();
    default:
      return false;
  }
}

// The order each message's extensions are sent in (pre_shared_key last in a ClientHello,
// RFC 8446 §4.2.11).
constexpr uint16_t kClientHelloOrder[] = {0,  43, 0xff01, 23, 22, 11, 35, 1,
                                          10, 13, 51,     16, 44, 28, 45, 41};
constexpr uint16_t kServerHello12Order[] = {0xff01, 23, 22, 35, 11, 16, 0, 1};
constexpr uint16_t kServerHelloOrder[] = {43, 51, 41};
constexpr uint16_t kHelloRetryOrder[] = {43, 51, 44};
constexpr uint16_t kEncryptedExtensionsOrder[] = {16, 0, 28};
constexpr uint16_t kCertificateRequestOrder[] = {13};

std::span<const uint16_t> order(Message m) {
  switch (m) {
    case M::client_hello:
      return kClientHelloOrder;
    case M::server_hello12:
      return kServerHello12Order;
    case M::server_hello:
      return kServerHelloOrder;
    case M::hello_retry_request:
      return kHelloRetryOrder;
    case M::encrypted_extensions:
      return kEncryptedExtensionsOrder;
    case M::certificate_request:
      return kCertificateRequestOrder;
    case M::certificate:
    case M::new_session_ticket:
      return {};
  }
  return {};
}

}  // namespace

bool Extensions::has(uint16_t type) const {
  return std::find(received.begin(), received.end(), type) != received.end();
}

Status decode(Message where, ByteView block, Extensions& out,
              const std::vector<uint16_t>* offered) {
  Reader exts(block);
  // Duplicates: a scan of the few types seen so far; past 32 of them a bitmap, so that a block
  // of 16,000 empty extensions costs no quadratic scan (and a usual one no 8 KiB to clear).
  std::unique_ptr<std::bitset<65536>> many;
  bool psk_seen = false;
  while (!exts.empty()) {
    uint16_t type;
    ByteView data;
    if (!exts.u16(type) || !exts.u16_prefixed(data)) return Error::tls_decode_error;
    if (many ? many->test(type) : out.has(type)) return Error::illegal_parameter;  // RFC 8446 §4.2
    if (many) {
      many->set(type);
    } else if (out.received.size() >= 32) {
      many = std::make_unique<std::bitset<65536>>();
      for (uint16_t t : out.received) many->set(t);
      many->set(type);
    }
    // pre_shared_key must be the last extension of a ClientHello (§4.2.11).
    if (where == M::client_hello && psk_seen) return Error::illegal_parameter;
    psk_seen |= type == 41;
    out.received.push_back(type);
    const Entry* e = find(type);
    if (is_answer(where)) {
      bool was_offered =
          offered == nullptr || std::find(offered->begin(), offered->end(), type) != offered->end();
      if (e == nullptr || !was_offered) return Error::unsupported_extension;
    }
    if (e == nullptr) continue;  // unknown: ignored where the peer may add its own
    if ((e->allowed & bit(where)) == 0) {
      // TLS 1.3: a known extension where it is not specified; TLS 1.2 has no such rule and
      // refuses any extension it did not ask for (RFC 5246 §7.4.1.4).
      return where == M::server_hello12 ? Error::unsupported_extension : Error::illegal_parameter;
    }
    Reader d(data);
    EMBER_TRY(e->parse(where, d, out));
    if (!d.empty()) return Error::tls_decode_error;
  }
  return {};
}

void encode(Message where, const Extensions& in, Writer& w) {
  w.u16_prefixed([&] {
    for (uint16_t type : order(where)) {
      const Entry* e = find(type);
      if (e == nullptr || e->write == nullptr || !e->present(where, in)) continue;
      w.u16(type);
      w.u16_prefixed([&] { e->write(where, in, w); });
    }
  });
}

std::string_view name(uint16_t type) {
  const Entry* e = find(type);
  return e != nullptr ? e->name : "unknown";
}

}  // namespace ember::tls::ext
