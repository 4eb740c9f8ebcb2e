// TLS 1.3 authentication messages shared by both roles: Certificate, CertificateVerify, the
// choice of our certificate and signature scheme, and peer chain verification.
#include <algorithm>

#include "ember/asn1/oid.hpp"
#include "tls/connection_impl.hpp"

namespace ember::tls {

const CertifiedKey* TlsConnection::choose_certificate(
    const std::vector<crypto::SignatureScheme>& peer_schemes, std::string_view sni,
    crypto::SignatureScheme& scheme) const {
  const auto& ours = our_schemes();
  auto usable = [&](const CertifiedKey& ck) {
    if (!ck.key || ck.chain.empty()) return false;
    for (auto s : ours) {
      if (std::find(peer_schemes.begin(), peer_schemes.end(), s) == peer_schemes.end()) continue;
      if (!scheme_fits_key(s, ck.key->type(), ck.key->curve())) continue;
      scheme = s;
      return true;
    }
    return false;
  };
  if (config_->sni_callback && role_ == Role::server) {
    if (auto idx = config_->sni_callback(sni); idx && *idx < config_->certificates.size()) {
      if (usable(config_->certificates[*idx])) return &config_->certificates[*idx];
    }
  }
  // Prefer a certificate whose SAN matches the SNI, then any usable one.
  if (!sni.empty()) {
    for (const auto& ck : config_->certificates)
      if (x509::matches_host(*ck.chain[0], sni) && usable(ck)) return &ck;
  }
  for (const auto& ck : config_->certificates)
    if (usable(ck)) return &ck;
  return nullptr;
}

Status TlsConnection::send_certificate(const CertifiedKey* ck, ByteView request_context) {
  Bytes body;
  Writer w(body);
  w.u8_prefixed([&] { w.bytes(request_context); });
  w.u24_prefixed([&] {
    if (ck == nullptr) return;
    for (const auto& c : ck->chain) {
      w.u24_prefixed([&] { w.bytes(c->der()); });
      w.u16(0);  // no per-certificate extensions
    }
  });
  if (!w.ok()) return Error::internal_error;
  send_handshake(hs::kCertificate, body);
  return {};
}

Status TlsConnection::send_certificate_verify(const CertifiedKey& ck,
                                              crypto::SignatureScheme scheme) {
  EMBER_TRY_ASSIGN(auto input, certificate_verify_input(role_ == Role::server, transcript_hash()));
  auto params = crypto::signature_params(scheme);
  if (!params) return Error::internal_error;
  EMBER_TRY_ASSIGN(auto sig, ck.key->sign(*params, input));
  Bytes body;
  Writer w(body);
  w.u16(static_cast<uint16_t>(scheme));
  w.u16_prefixed([&] { w.bytes(sig); });
  send_handshake(hs::kCertificateVerify, body);
  return {};
}

Status TlsConnection::parse_certificate(const HandshakeMessage& m,
                                        std::vector<x509::CertPtr>& chain,
                                        bool expect_empty_context) {
  Reader r(m.body());
  ByteView context;
  Reader list;
  if (!r.u8_prefixed(context) || !r.u24_prefixed(list) || !r.empty())
    return Error::tls_decode_error;
  if (expect_empty_context ? !context.empty() : (context.size() != cert_request_context_.size()))
    return Error::illegal_parameter;
  chain.clear();
  while (!list.empty()) {
    ByteView der, exts;
    if (!list.u24_prefixed(der) || !list.u16_prefixed(exts) || der.empty())
      return Error::tls_decode_error;
    auto cert = x509::Certificate::parse_der(der, provider_);
    if (!cert) return Error::bad_certificate;
    chain.push_back(std::move(*cert));
    if (chain.size() > 32) return Error::bad_certificate;
  }
  return {};
}

Status TlsConnection::verify_peer_chain(bool peer_is_server, uint32_t key_usage) {
  if (config_->verify == VerifyMode::none) {
    info_.verify_flags = x509::flag::kSkipVerify;
    return {};
  }
  if (info_.peer_chain.empty()) {
    info_.verify_flags = x509::flag::kMissing;
    return config_->verify == VerifyMode::required ? Status{Error::certificate_required} : Status{};
  }
  x509::VerifyOptions o;
  o.trust = config_->trust;
  o.profile = config_->profile;
  o.purpose = peer_is_server ? x509::Purpose::server : x509::Purpose::client;
  o.callback = config_->verify_callback;
  o.now = static_cast<int64_t>(now_ms() / 1000);  // the configured clock, as for tickets
  if (peer_is_server && config_->check_host_name) o.host = info_.server_name;
  auto r = x509::verify_chain(info_.peer_chain, o);
  info_.verify_flags = r.flags;
  if (r.callback_error != 0) return Error::bad_certificate;
  // The key must be usable for what the handshake does with it (signatures; TLS 1.2 RSA key
  // transport: key encipherment).
  if (!info_.peer_chain[0]->key_usage_allows(key_usage))
    info_.verify_flags |= x509::flag::kKeyUsage;
  if (tracing(1))
    trace(1, "peer certificate verification flags " + std::to_string(info_.verify_flags));
  if (info_.verify_flags == 0 || config_->verify == VerifyMode::optional) return {};
  uint32_t f = info_.verify_flags;
  if (f & x509::flag::kRevoked) return Error::certificate_revoked;
  if (f & (x509::flag::kExpired | x509::flag::kFuture)) return Error::certificate_expired;
  if (f & x509::flag::kNotTrusted) return Error::unknown_ca;
  return Error::bad_certificate;
}

Status TlsConnection::check_certificate_verify(const HandshakeMessage& m, bool peer_is_server) {
  Reader r(m.body());
  uint16_t scheme_id;
  ByteView sig;
  if (!r.u16(scheme_id) || !r.u16_prefixed(sig) || !r.empty()) return Error::tls_decode_error;
  auto scheme = static_cast<crypto::SignatureScheme>(scheme_id);
  const auto& offered = our_schemes();
  if (std::find(offered.begin(), offered.end(), scheme) == offered.end())
    return Error::illegal_parameter;
  if (info_.peer_chain.empty()) return Error::unexpected_message;  // no Certificate before it
  const x509::Certificate& leaf = *info_.peer_chain.front();
  if (!scheme_fits_key(scheme, leaf.public_key_type(), leaf.curve()) ||
      leaf.public_key() == nullptr)
    return Error::illegal_parameter;
  auto params = crypto::signature_params(scheme);
  if (!params) return Error::illegal_parameter;
  EMBER_TRY_ASSIGN(auto input, certificate_verify_input(peer_is_server, transcript_hash()));
  if (!leaf.public_key()->verify(*params, input, sig)) return Error::decrypt_error;
  info_.signature_scheme = scheme;
  hs_->transcript.add(m.raw);
  return {};
}

}  // namespace ember::tls
