// ClientHello parsing (both versions).
#include "tls/client_hello.hpp"

#include <algorithm>

#include "tls/common.hpp"

namespace ember::tls {

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
      case ext::kExtendedMasterSecret:
        if (!data.empty()) return Error::tls_decode_error;
        ch.ems = true;
        break;
      case ext::kEncryptThenMac:
        if (!data.empty()) return Error::tls_decode_error;
        ch.etm = true;
        break;
      case ext::kRenegotiationInfo: {
        ByteView info;
        if (!d.u8_prefixed(info) || !d.empty()) return Error::tls_decode_error;
        ch.reneg_info = info;
        break;
      }
      case ext::kSessionTicket:
        ch.session_ticket = data;
        break;
      case ext::kEcPointFormats: {
        ByteView formats;
        if (!d.u8_prefixed(formats) || !d.empty() || formats.empty())
          return Error::tls_decode_error;
        ch.has_ec_point_formats = true;
        for (uint8_t f : formats) ch.uncompressed_points |= f == 0;
        break;
      }
      case ext::kMaxFragmentLength:
        if (!d.u8(ch.max_fragment_length) || !d.empty()) return Error::tls_decode_error;
        if (ch.max_fragment_length < 1 || ch.max_fragment_length > 4)
          return Error::illegal_parameter;
        break;
      default:
        break;  // unknown extensions are ignored
    }
  }
  if (ch.reneg_scsv && !ch.reneg_info) ch.reneg_info = ByteView();
  // Every ClientHello offers null compression (RFC 5246 §7.4.1.2); a TLS 1.3 one offers
  // nothing else, which the server checks once it has chosen the version.
  if (std::find(compression.begin(), compression.end(), 0) == compression.end())
    return Error::illegal_parameter;
  ch.compression = compression;
  return {};
}

}  // namespace ember::tls
