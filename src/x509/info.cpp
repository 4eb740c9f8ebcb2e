// Human-readable dumps of certificates and CRLs, laid out like mbedtls_x509_crt_info and
// mbedtls_x509_crl_info (embertls adds lines for the extensions it parses beyond Mbed TLS).
#include <arpa/inet.h>

#include <cstdio>
#include <string>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"
#include "ember/x509/certificate.hpp"
#include "ember/x509/crl.hpp"

namespace ember::x509 {

namespace {

std::string key_name(const Certificate& c) {
  switch (c.public_key_type()) {
    case crypto::KeyType::rsa:
      return "RSA";
    case crypto::KeyType::rsa_pss:
      return "RSASSA-PSS";
    case crypto::KeyType::ec:
      return "EC";
    case crypto::KeyType::ed25519:
      return "Ed25519";
    case crypto::KeyType::ed448:
      return "Ed448";
  }
  return "?";
}

std::string general_name(const GeneralName& gn) {
  std::string v(gn.value.begin(), gn.value.end());
  switch (gn.type) {
    case GeneralNameType::dns:
      return "dNSName : " + v;
    case GeneralNameType::rfc822:
      return "rfc822Name : " + v;
    case GeneralNameType::uri:
      return "uniformResourceIdentifier : " + v;
    case GeneralNameType::ip: {
      char buf[64] = "?";
      if (gn.value.size() == 4) inet_ntop(AF_INET, gn.value.data(), buf, sizeof buf);
      if (gn.value.size() == 16) inet_ntop(AF_INET6, gn.value.data(), buf, sizeof buf);
      if (gn.value.size() == 8 || gn.value.size() == 32) return "iPAddress : " + to_hex(gn.value);
      return std::string("iPAddress : ") + buf;
    }
    case GeneralNameType::directory: {
      auto n = Name::parse(gn.value);
      return "directoryName : " + (n ? n->to_string() : std::string("?"));
    }
    case GeneralNameType::other_name:
      return "otherName : <unsupported>";
    default:
      return "<unsupported>";
  }
}

std::string oid_text(ByteView oid) {
  if (const auto* i = asn1::oid_lookup(oid)) return std::string(i->description);
  auto s = asn1::oid_to_string(oid);
  return s ? *s : "?";
}

void line(std::string& out, std::string_view prefix, const char* label, const std::string& v) {
  out += prefix;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%-18s: ", label);
  out += buf;
  out += v;
  out += '\n';
}

}  // namespace

std::string Certificate::info(std::string_view prefix) const {
  std::string out;
  line(out, prefix, "cert. version", std::to_string(version_));
  line(out, prefix, "serial number", serial_to_string(serial_));
  line(out, prefix, "issuer name", issuer_.to_string());
  line(out, prefix, "subject name", subject_.to_string());
  line(out, prefix, "issued  on", asn1::format_time(not_before_));
  line(out, prefix, "expires on", asn1::format_time(not_after_));
  line(out, prefix, "signed using", sig_alg_.name);
  line(out, prefix, (key_name(*this) + " key size").c_str(), std::to_string(key_bits_) + " bits");
  if (has_bc_) {
    std::string v = std::string("CA=") + (is_ca_ ? "true" : "false");
    if (path_len_) v += ", max_pathlen=" + std::to_string(*path_len_);
    line(out, prefix, "basic constraints", v);
  }
  if (has_san_) {
    line(out, prefix, "subject alt name", "");
    out.pop_back();  // no trailing space before the list, as Mbed TLS
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    for (const auto& gn : san_) out += std::string(prefix) + "    " + general_name(gn) + "\n";
  }
  if (has_ns_) {
    static const char* kNs[] = {"SSL Client", "SSL Server", "Email",    "Object Signing",
                                "Reserved",   "SSL CA",     "Email CA", "Object Signing CA"};
    std::string v;
    for (int i = 0; i < 8; ++i)
      if (ns_cert_type_ & (0x80 >> i)) v += (v.empty() ? "" : ", ") + std::string(kNs[i]);
    line(out, prefix, "cert. type", v);
  }
  if (has_ku_) {
    static const std::pair<uint32_t, const char*> kKu[] = {
        {ku::kDigitalSignature, "Digital Signature"},
        {ku::kNonRepudiation, "Non Repudiation"},
        {ku::kKeyEncipherment, "Key Encipherment"},
        {ku::kDataEncipherment, "Data Encipherment"},
        {ku::kKeyAgreement, "Key Agreement"},
        {ku::kKeyCertSign, "Key Cert Sign"},
        {ku::kCrlSign, "CRL Sign"},
        {ku::kEncipherOnly, "Encipher Only"},
        {ku::kDecipherOnly, "Decipher Only"}};
    std::string v;
    for (const auto& [bit, name] : kKu)
      if (key_usage_ & bit) v += (v.empty() ? "" : ", ") + std::string(name);
    line(out, prefix, "key usage", v);
  }
  if (!eku_.empty()) {
    std::string v;
    for (const auto& e : eku_) v += (v.empty() ? "" : ", ") + oid_text(e);
    line(out, prefix, "ext key usage", v);
  }
  if (!policies_.empty()) {
    std::string v;
    for (const auto& p : policies_) v += (v.empty() ? "" : ", ") + oid_text(p);
    line(out, prefix, "certificate policies", v);
  }
  if (name_constraints_) {
    for (const auto& s : name_constraints_->permitted)
      line(out, prefix, "permitted subtree", general_name(s.base));
    for (const auto& s : name_constraints_->excluded)
      line(out, prefix, "excluded subtree", general_name(s.base));
  }
  if (!ski_.empty()) line(out, prefix, "subject key id", to_hex(ski_));
  if (!aki_.empty()) line(out, prefix, "authority key id", to_hex(aki_));
  for (const auto& dp : crl_dps_) line(out, prefix, "CRL distribution", dp);
  for (const auto& ad : aia_)
    line(out, prefix, "authority info",
         oid_text(ad.method_oid) + " - " + general_name(ad.location));
  if (unhandled_critical_) line(out, prefix, "unhandled ext.", "critical extension not supported");
  return out;
}

std::string Crl::info(std::string_view prefix) const {
  std::string out;
  auto l = [&](const char* label, const std::string& v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%-14s: ", label);
    out += std::string(prefix) + buf + v + "\n";
  };
  l("CRL version", std::to_string(version_));
  l("issuer name", issuer_.to_string());
  l("this update", asn1::format_time(this_update_));
  l("next update", next_update_ ? asn1::format_time(*next_update_) : std::string("(none)"));
  out += std::string(prefix) + "Revoked certificates:\n";
  for (const auto& e : revoked_) {
    out += std::string(prefix) + "serial number: " + serial_to_string(e.serial) +
           " revocation date: " + asn1::format_time(e.revocation_date);
    if (e.reason) out += " reason: " + std::to_string(*e.reason);
    out += "\n";
  }
  l("signed using", sig_alg_.name);
  // What revocation checking acts on (after Mbed TLS's layout, which has none of it).
  if (crl_number_) l("CRL number", serial_to_string(*crl_number_));
  if (delta_base_) l("delta of CRL", serial_to_string(*delta_base_));
  if (idp_) {
    std::string scope = idp_->only_user_certs        ? "user certificates"
                        : idp_->only_ca_certs        ? "CA certificates"
                        : idp_->only_attribute_certs ? "attribute certificates"
                                                     : "all certificates";
    if (idp_->reasons != reasons::kAll) scope += ", some reasons";
    if (idp_->indirect) scope += ", indirect";
    if (idp_->name) scope += ", named distribution point";
    l("scope", scope);
  }
  if (!usable()) l("unusable", unusable_reason_);
  return out;
}

}  // namespace ember::x509
