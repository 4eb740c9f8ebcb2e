// Certificate, CertificateRequest, CertificateVerify / digitally-signed, NewSessionTicket,
// KeyUpdate, and the TLS 1.2 key exchange messages.
#include "tls/msgs/messages.hpp"

namespace ember::tls::msgs {

// --- Certificate ----------------------------------------------------------------------------

Status decode(ByteView body, Certificate13& out) {
  Reader r(body), list;
  if (!r.u8_prefixed(out.request_context) || !r.u24_prefixed(list) || !r.empty())
    return Error::tls_decode_error;
  while (!list.empty()) {
    CertificateEntry e;
    if (!list.u24_prefixed(e.der) || !list.u16_prefixed(e.extensions) || e.der.empty())
      return Error::tls_decode_error;
    out.entries.push_back(e);
  }
  return {};
}

Bytes encode(const Certificate13& in) {
  Bytes body;
  Writer w(body);
  w.u8_prefixed([&] { w.bytes(in.request_context); });
  w.u24_prefixed([&] {
    for (const auto& e : in.entries) {
      w.u24_prefixed([&] { w.bytes(e.der); });
      w.u16_prefixed([&] { w.bytes(e.extensions); });
    }
  });
  return body;
}

Status decode(ByteView body, Certificate12& out) {
  Reader r(body), list;
  if (!r.u24_prefixed(list) || !r.empty()) return Error::tls_decode_error;
  while (!list.empty()) {
    ByteView der;
    if (!list.u24_prefixed(der) || der.empty()) return Error::tls_decode_error;
    out.chain.push_back(der);
  }
  return {};
}

Bytes encode(const Certificate12& in) {
  Bytes body;
  Writer w(body);
  w.u24_prefixed([&] {
    for (ByteView der : in.chain) w.u24_prefixed([&] { w.bytes(der); });
  });
  return body;
}

// --- CertificateRequest ---------------------------------------------------------------------

Status decode(ByteView body, CertificateRequest13& out) {
  Reader r(body);
  ByteView block;
  if (!r.u8_prefixed(out.request_context) || !r.u16_prefixed(block) || !r.empty())
    return Error::tls_decode_error;
  return ext::decode(ext::Message::certificate_request, block, out.extensions);
}

Bytes encode(const CertificateRequest13& in) {
  Bytes body;
  Writer w(body);
  w.u8_prefixed([&] { w.bytes(in.request_context); });
  ext::encode(ext::Message::certificate_request, in.extensions, w);
  return body;
}

Status decode(ByteView body, CertificateRequest12& out) {
  Reader r(body), sigs, cas;
  if (!r.u8_prefixed(out.certificate_types) || out.certificate_types.empty() ||
      !r.u16_prefixed(sigs) || sigs.empty() || sigs.remaining() % 2 != 0 || !r.u16_prefixed(cas) ||
      !r.empty())
    return Error::tls_decode_error;
  while (!sigs.empty()) {
    uint16_t v = 0;
    (void)sigs.u16(v);
    out.schemes.push_back(static_cast<crypto::SignatureScheme>(v));
  }
  while (!cas.empty()) {
    ByteView dn;
    if (!cas.u16_prefixed(dn) || dn.empty()) return Error::tls_decode_error;
    out.authorities.push_back(dn);
  }
  return {};
}

Bytes encode(const CertificateRequest12& in) {
  Bytes body;
  Writer w(body);
  w.u8_prefixed([&] { w.bytes(in.certificate_types); });
  w.u16_prefixed([&] {
    for (auto s : in.schemes) w.u16(static_cast<uint16_t>(s));
  });
  w.u16_prefixed([&] {
    for (ByteView dn : in.authorities) w.u16_prefixed([&] { w.bytes(dn); });
  });
  return body;
}

// --- signatures -----------------------------------------------------------------------------

bool read(Reader& r, DigitallySigned& out) {
  uint16_t scheme;
  if (!r.u16(scheme) || !r.u16_prefixed(out.signature)) return false;
  out.scheme = static_cast<crypto::SignatureScheme>(scheme);
  return true;
}

Status decode(ByteView body, DigitallySigned& out) {
  Reader r(body);
  if (!read(r, out) || !r.empty()) return Error::tls_decode_error;
  return {};
}

void write(Writer& w, const DigitallySigned& in) {
  w.u16(static_cast<uint16_t>(in.scheme));
  w.u16_prefixed([&] { w.bytes(in.signature); });
}

Bytes encode(const DigitallySigned& in) {
  Bytes body;
  Writer w(body);
  write(w, in);
  return body;
}

// --- tickets and KeyUpdate ------------------------------------------------------------------

Status decode(ByteView body, NewSessionTicket13& out) {
  Reader r(body);
  ByteView block;
  if (!r.u32(out.lifetime) || !r.u32(out.age_add) || !r.u8_prefixed(out.nonce) ||
      !r.u16_prefixed(out.ticket) || !r.u16_prefixed(block) || !r.empty() || out.ticket.empty())
    return Error::tls_decode_error;
  return ext::decode(ext::Message::new_session_ticket, block, out.extensions);
}

Bytes encode(const NewSessionTicket13& in) {
  Bytes body;
  Writer w(body);
  w.u32(in.lifetime);
  w.u32(in.age_add);
  w.u8_prefixed([&] { w.bytes(in.nonce); });
  w.u16_prefixed([&] { w.bytes(in.ticket); });
  ext::encode(ext::Message::new_session_ticket, in.extensions, w);
  return body;
}

Status decode(ByteView body, NewSessionTicket12& out) {
  Reader r(body);
  if (!r.u32(out.lifetime) || !r.u16_prefixed(out.ticket) || !r.empty())
    return Error::tls_decode_error;
  return {};
}

Bytes encode(const NewSessionTicket12& in) {
  Bytes body;
  Writer w(body);
  w.u32(in.lifetime);
  w.u16_prefixed([&] { w.bytes(in.ticket); });
  return body;
}

Status decode(ByteView body, KeyUpdate& out) {
  if (body.size() != 1) return Error::tls_decode_error;
  if (body[0] > 1) return Error::illegal_parameter;
  out.update_requested = body[0] == 1;
  return {};
}

Bytes encode(const KeyUpdate& in) {
  return Bytes{static_cast<uint8_t>(in.update_requested ? 1 : 0)};
}

// --- TLS 1.2 key exchange -------------------------------------------------------------------

Status decode(ByteView body, Kex kex, ServerKeyExchange12& out) {
  Reader r(body);
  if (kex_is_psk(kex)) {
    ByteView hint;
    if (!r.u16_prefixed(hint)) return Error::tls_decode_error;
    out.psk_identity_hint = hint;
  }
  size_t params_start = body.size() - r.remaining();
  if (kex_is_ecdhe(kex)) {
    uint16_t group;
    if (!r.u8(out.curve_type) || !r.u16(group) || !r.u8_prefixed(out.point) || out.point.empty())
      return Error::tls_decode_error;
    out.group = static_cast<crypto::Group>(group);
  } else if (kex_is_dhe(kex)) {
    if (!r.u16_prefixed(out.dh_p) || !r.u16_prefixed(out.dh_g) || !r.u16_prefixed(out.dh_ys) ||
        out.dh_p.empty() || out.dh_g.empty() || out.dh_ys.empty())
      return Error::tls_decode_error;
  }
  out.params = body.subspan(params_start, body.size() - r.remaining() - params_start);
  if (kex == Kex::ecdhe_ecdsa || kex == Kex::ecdhe_rsa || kex == Kex::dhe_rsa) {
    DigitallySigned sig;
    if (!read(r, sig)) return Error::tls_decode_error;
    out.signature = sig;
  }
  if (!r.empty()) return Error::tls_decode_error;
  return {};
}

Bytes encode_params(const ServerKeyExchange12& in, Kex kex) {
  Bytes body;
  Writer w(body);
  if (kex_is_ecdhe(kex)) {
    w.u8(in.curve_type);
    w.u16(static_cast<uint16_t>(in.group));
    w.u8_prefixed([&] { w.bytes(in.point); });
  } else if (kex_is_dhe(kex)) {
    w.u16_prefixed([&] { w.bytes(in.dh_p); });
    w.u16_prefixed([&] { w.bytes(in.dh_g); });
    w.u16_prefixed([&] { w.bytes(in.dh_ys); });
  }
  return body;
}

Status decode(ByteView body, Kex kex, ClientKeyExchange12& out) {
  Reader r(body);
  if (kex_is_psk(kex)) {
    ByteView identity;
    if (!r.u16_prefixed(identity) || identity.empty() || identity.size() > 128)
      return Error::tls_decode_error;
    out.psk_identity = identity;
  }
  bool ok = true;
  if (kex_is_ecdhe(kex)) {
    ok = r.u8_prefixed(out.exchange) && !out.exchange.empty();
  } else if (kex_is_dhe(kex) || kex == Kex::rsa || kex == Kex::rsa_psk) {
    ok = r.u16_prefixed(out.exchange) && !out.exchange.empty();
  }
  if (!ok || !r.empty()) return Error::tls_decode_error;
  return {};
}

Bytes encode(const ClientKeyExchange12& in, Kex kex) {
  Bytes body;
  Writer w(body);
  if (in.psk_identity) w.u16_prefixed([&] { w.bytes(*in.psk_identity); });
  if (kex_is_ecdhe(kex)) {
    w.u8_prefixed([&] { w.bytes(in.exchange); });
  } else if (kex_is_dhe(kex) || kex == Kex::rsa || kex == Kex::rsa_psk) {
    w.u16_prefixed([&] { w.bytes(in.exchange); });
  }
  return body;
}

}  // namespace ember::tls::msgs
