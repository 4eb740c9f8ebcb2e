// Name-constraint matching for DNS names, e-mail addresses, URIs, IP addresses and
// directory names.
#include "x509/name_constraints.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "ember/asn1/oid.hpp"

namespace ember::x509 {

namespace {

std::string lower(ByteView v) {
  std::string s(v.begin(), v.end());
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "example.com" covers itself and any subdomain; ".example.com" only subdomains; "" all.
bool dns_within(std::string_view name, std::string_view c) {
  if (c.empty()) return true;
  if (c.front() == '.') return ends_with(name, c);
  return name == c ||
         (name.size() > c.size() && ends_with(name, c) && name[name.size() - c.size() - 1] == '.');
}

// A DNS name against a constraint. A wildcard "*.base" stands for every name one label below
// base: it is permitted only when all of them are within the subtree, and excluded as soon as
// one of them is (so "*.example.com" falls under an excluded "bar.example.com", CVE-2025-61727).
bool dns_constraint_hit(std::string name, std::string_view c, bool excluded) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (!name.starts_with("*.")) return dns_within(name, c);
  std::string_view base = std::string_view(name).substr(2);
  // Every L.base is within c exactly when base is within c with c's leading dot dropped
  // (".example.com" holds every L.example.com), whichever L.
  std::string_view c_domain = !c.empty() && c.front() == '.' ? c.substr(1) : c;
  if (dns_within(base, c_domain)) return true;
  if (!excluded || c.empty() || c.front() == '.') return false;
  // Some L.base is c itself: c is one label below base.
  if (c.size() <= base.size() + 1 || !ends_with(c, base)) return false;
  std::string_view label = c.substr(0, c.size() - base.size());
  return label.size() >= 2 && label.back() == '.' &&
         label.substr(0, label.size() - 1).find('.') == std::string_view::npos;
}

bool email_within(const std::string& mail, const std::string& c) {
  if (c.empty()) return true;
  size_t at = mail.rfind('@');
  if (at == std::string::npos) return false;
  if (c.find('@') != std::string::npos) return mail == c;  // a mailbox
  std::string host = mail.substr(at + 1);
  if (c.front() == '.') return ends_with(host, c);
  return host == c;
}

std::optional<std::string> uri_host(const std::string& uri) {
  size_t p = uri.find("://");
  if (p == std::string::npos) return std::nullopt;
  std::string rest = uri.substr(p + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return std::nullopt;  // IP literal
  rest = rest.substr(0, rest.find(':'));
  if (rest.empty()) return std::nullopt;
  return rest;
}

bool uri_within(const std::string& uri, const std::string& c) {
  auto host = uri_host(uri);
  if (!host) return false;
  if (c.front() == '.') return ends_with(*host, c);
  return *host == c;
}

bool ip_within(ByteView ip, ByteView c) {
  if (c.size() != ip.size() * 2) return false;
  for (size_t i = 0; i < ip.size(); ++i)
    if ((ip[i] & c[ip.size() + i]) != (c[i] & c[ip.size() + i])) return false;
  return true;
}

bool dn_within(const Name& subject, ByteView constraint_der) {
  auto c = Name::parse(constraint_der);
  return c && subject.has_prefix(*c);
}

bool looks_like_host(const std::string& s) {
  if (s.empty() || s.find('.') == std::string::npos) return false;
  for (char ch : s)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.' || ch == '*'))
      return false;
  return true;
}

struct Names {
  std::vector<std::string> dns, email, uri;
  std::vector<Bytes> ip;
  bool has_dn = false;
};

bool within(GeneralNameType t, const GeneralName& base, const std::string& text, ByteView raw,
            const Name* dn, bool excluded) {
  std::string c = lower(base.value);
  switch (t) {
    case GeneralNameType::dns:
      return dns_constraint_hit(text, c, excluded);
    case GeneralNameType::rfc822:
      return email_within(text, c);
    case GeneralNameType::uri:
      return uri_within(text, c);
    case GeneralNameType::ip:
      return ip_within(raw, base.value);
    case GeneralNameType::directory:
      return dn != nullptr && dn_within(*dn, base.value);
    default:
      return false;
  }
}

// One name against the constraint lists of its type.
bool allowed(GeneralNameType t, const NameConstraints& nc, const std::string& text, ByteView raw,
             const Name* dn) {
  for (const auto& ex : nc.excluded)
    if (ex.base.type == t && within(t, ex.base, text, raw, dn, true)) return false;
  bool any_permitted_of_type = false;
  for (const auto& p : nc.permitted) {
    if (p.base.type != t) continue;
    any_permitted_of_type = true;
    if (within(t, p.base, text, raw, dn, false)) return true;
  }
  return !any_permitted_of_type;
}

}  // namespace

bool satisfies_name_constraints(const Certificate& cert, const NameConstraints& nc, bool is_leaf) {
  if (!cert.subject().empty() && !allowed(GeneralNameType::directory, nc, {}, {}, &cert.subject()))
    return false;
  for (const auto& a : cert.subject().attributes()) {
    if (asn1::oid_is(a.oid, asn1::OidId::at_email) &&
        !allowed(GeneralNameType::rfc822, nc, lower(a.value), {}, nullptr))
      return false;
  }
  for (const auto& gn : cert.subject_alt_names()) {
    switch (gn.type) {
      case GeneralNameType::dns:
      case GeneralNameType::rfc822:
      case GeneralNameType::uri:
        if (!allowed(gn.type, nc, lower(gn.value), {}, nullptr)) return false;
        break;
      case GeneralNameType::ip:
        if (!allowed(gn.type, nc, {}, gn.value, nullptr)) return false;
        break;
      case GeneralNameType::directory: {
        auto n = Name::parse(gn.value);
        if (!n || !allowed(gn.type, nc, {}, {}, &*n)) return false;
        break;
      }
      default: {
        // A name form we cannot check against a constraint of the same form fails closed.
        for (const auto& p : nc.permitted)
          if (p.base.type == gn.type) return false;
        for (const auto& e : nc.excluded)
          if (e.base.type == gn.type) return false;
        break;
      }
    }
  }
  if (is_leaf && !cert.has_subject_alt_names()) {
    for (const auto& a : cert.subject().attributes()) {
      if (!asn1::oid_is(a.oid, asn1::OidId::at_cn)) continue;
      std::string cn = lower(a.value);
      if (auto ip = parse_ip_literal(cn)) {
        if (!allowed(GeneralNameType::ip, nc, {}, *ip, nullptr)) return false;
      } else if (looks_like_host(cn) && !allowed(GeneralNameType::dns, nc, cn, {}, nullptr)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace ember::x509
