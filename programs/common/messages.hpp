// Text helpers shared by the programs (header-only): alert names, verify flag names, and the
// host-name mismatch sentence, so that every failure the CLIs print says what went wrong in
// words and not only in numbers.
#pragma once

#include <arpa/inet.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "ember/tls/config.hpp"
#include "ember/x509/certificate.hpp"
#include "ember/x509/verify.hpp"

namespace ember::programs {

// Appends `item` to the list `out`, separated by `sep`. (Piece by piece: GCC 12 at -O3 reports
// a false -Wrestrict for `(cond ? "" : sep) + string`, which the Release build turns into an
// error.)
inline void append_item(std::string& out, std::string_view sep, std::string_view item) {
  if (!out.empty()) out.append(sep);
  out.append(item);
}

// "alert 51 (decrypt_error)"
inline std::string describe_alert(uint8_t a) {
  return "alert " + std::to_string(a) + " (" + std::string(tls::alert_name(a)) + ")";
}

// The names of the verify flags set in `flags`, Mbed TLS's MBEDTLS_X509_BADCERT_* /
// MBEDTLS_X509_BADCRL_* without the prefix, joined by '|': "EXPIRED|CN_MISMATCH". Bits
// without a name are given in hex. Empty for 0.
inline std::string verify_flag_names(uint32_t flags) {
  namespace f = x509::flag;
  static constexpr struct {
    uint32_t bit;
    const char* name;
  } kNames[] = {
      {f::kExpired, "EXPIRED"},
      {f::kRevoked, "REVOKED"},
      {f::kCnMismatch, "CN_MISMATCH"},
      {f::kNotTrusted, "NOT_TRUSTED"},
      {f::kCrlNotTrusted, "CRL_NOT_TRUSTED"},
      {f::kCrlExpired, "CRL_EXPIRED"},
      {f::kMissing, "MISSING"},
      {f::kSkipVerify, "SKIP_VERIFY"},
      {f::kOther, "OTHER"},
      {f::kFuture, "FUTURE"},
      {f::kCrlFuture, "CRL_FUTURE"},
      {f::kKeyUsage, "KEY_USAGE"},
      {f::kExtKeyUsage, "EXT_KEY_USAGE"},
      {f::kNsCertType, "NS_CERT_TYPE"},
      {f::kBadMd, "BAD_MD"},
      {f::kBadPk, "BAD_PK"},
      {f::kBadKey, "BAD_KEY"},
      {f::kCrlBadMd, "CRL_BAD_MD"},
      {f::kCrlBadPk, "CRL_BAD_PK"},
      {f::kCrlBadKey, "CRL_BAD_KEY"},
  };
  std::string out;
  uint32_t rest = flags;
  for (const auto& n : kNames) {
    if ((flags & n.bit) == 0) continue;
    append_item(out, "|", n.name);
    rest &= ~n.bit;
  }
  if (rest != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", rest);
    append_item(out, "|", buf);
  }
  return out;
}

// "0x00000080 (SKIP_VERIFY)": the hex value with the flags' names beside it.
inline std::string describe_verify_flags(uint32_t flags) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", flags);
  if (flags == 0) return buf;
  return std::string(buf) + " (" + verify_flag_names(flags) + ")";
}

// What the leaf's host-name check looked at: "SAN: DNS:localhost, IP:127.0.0.1", or
// "CN: name" when the certificate has no subjectAltName.
inline std::string certificate_names(const x509::Certificate& leaf) {
  if (!leaf.has_subject_alt_names()) {
    static const uint8_t kCn[] = {0x55, 0x04, 0x03};  // 2.5.4.3 commonName
    std::string cn = leaf.subject().first(ByteView(kCn, sizeof kCn));
    return cn.empty() ? "no SAN and no CN" : "no SAN; CN: " + cn;
  }
  std::string out;
  for (const auto& n : leaf.subject_alt_names()) {
    std::string item;
    if (n.type == x509::GeneralNameType::dns) {
      item = "DNS:" + std::string(n.value.begin(), n.value.end());
    } else if (n.type == x509::GeneralNameType::ip &&
               (n.value.size() == 4 || n.value.size() == 16)) {
      char text[INET6_ADDRSTRLEN] = {};
      inet_ntop(n.value.size() == 4 ? AF_INET : AF_INET6, n.value.data(), text, sizeof text);
      item = std::string("IP:") + text;
    } else if (n.type == x509::GeneralNameType::rfc822) {
      item = "email:" + std::string(n.value.begin(), n.value.end());
    } else if (n.type == x509::GeneralNameType::uri) {
      item = "URI:" + std::string(n.value.begin(), n.value.end());
    } else {
      continue;
    }
    append_item(out, ", ", item);
  }
  return "SAN: " + (out.empty() ? std::string("no DNS or IP name") : out);
}

// "host name server.test does not match the certificate (SAN: DNS:localhost, IP:127.0.0.1)"
inline std::string host_mismatch(std::string_view host, const x509::Certificate& leaf) {
  return "host name " + std::string(host) + " does not match the certificate (" +
         certificate_names(leaf) + ")";
}

}  // namespace ember::programs
