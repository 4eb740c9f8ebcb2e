// ClientHello parsing (both versions).
#include "tls/client_hello.hpp"

#include <algorithm>

#include "tls/common.hpp"
#include "tls/ext/extensions.hpp"

namespace ember::tls {

namespace {

// What the handshake code reads of a ClientHello's extensions.
void take_extensions(ext::Extensions& e, ClientHelloInfo& ch) {
  ch.versions = std::move(e.supported_versions);
  if (e.supported_groups) ch.groups = std::move(*e.supported_groups);
  ch.has_key_share = e.client_shares.has_value();
  if (e.client_shares)
    for (const auto& s : *e.client_shares) ch.shares.emplace_back(s.group, s.key_exchange);
  ch.schemes = std::move(e.signature_algorithms);
  if (e.server_name) ch.sni = std::move(*e.server_name);
  ch.alpn = std::move(e.alpn);
  if (e.cookie) ch.cookie = *e.cookie;
  if (!e.psk_identities.empty()) {  // the registry has checked there is a binder too
    ch.has_psk = true;
    ch.psk_identity = e.psk_identities[0].identity;
    ch.psk_obfuscated_age = e.psk_identities[0].obfuscated_ticket_age;
    ch.psk_binder = e.psk_binders[0];
    ch.psk_binders_len = e.psk_binders_size;
  }
  if (e.psk_key_exchange_modes)
    for (uint8_t mode : *e.psk_key_exchange_modes) {
      ch.psk_dhe_ke |= mode == 1;
      ch.psk_ke |= mode == 0;
    }
  ch.record_size_limit = e.record_size_limit;
  ch.ems = e.extended_master_secret;
  ch.etm = e.encrypt_then_mac;
  ch.reneg_info = e.renegotiation_info;
  ch.session_ticket = e.session_ticket;
  if (e.ec_point_formats) {
    ch.has_ec_point_formats = true;
    for (uint8_t f : *e.ec_point_formats) ch.uncompressed_points |= f == 0;
  }
  ch.max_fragment_length = e.max_fragment_length.value_or(0);
}

}  // namespace

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
    if (s == kEmptyRenegotiationInfoScsv) ch.reneg_scsv = true;
    if (s == kFallbackScsv) ch.fallback_scsv = true;
  }
  // No extensions at all: an old client (exts stays empty).
  if (!r.empty() && (!r.u16_prefixed(exts) || !r.empty())) return Error::tls_decode_error;
  // The extensions, through the registry (duplicates, pre_shared_key last, each one's syntax).
  ext::Extensions e;
  EMBER_TRY(ext::decode(ext::Message::client_hello, exts.take_rest(), e));
  take_extensions(e, ch);
  if (ch.reneg_scsv && !ch.reneg_info) ch.reneg_info = ByteView();
  // Every ClientHello offers null compression (RFC 5246 §7.4.1.2); a TLS 1.3 one offers
  // nothing else, which the server checks once it has chosen the version.
  if (std::find(compression.begin(), compression.end(), 0) == compression.end())
    return Error::illegal_parameter;
  ch.compression = compression;
  return {};
}

}  // namespace ember::tls
