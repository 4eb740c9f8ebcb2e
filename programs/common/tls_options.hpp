// Option handling shared by ember-client and ember-server (header-only).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ember/tls/connection.hpp"
#include "messages.hpp"

namespace ember::programs {

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t p = s.find(sep, start);
    if (p == std::string::npos) p = s.size();
    if (p > start) out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
  return out;
}

[[noreturn]] inline void die(const char* prog, const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", prog, msg.c_str());
  std::exit(1);
}

// Help lines of the options common_option() accepts, one per option with its default (the
// programs' --help prints them after their own; docs/cli.md lists the same).
inline const char* common_help() {
  return "Protocol:\n"
         "  --min-version tls1.2|tls1.3   lowest version to use (default: tls1.2; SSL 3.0, TLS "
         "1.0/1.1 are refused)\n"
         "  --max-version tls1.2|tls1.3   highest version to use (default: tls1.3)\n"
         "  --groups G1:G2:...            key-exchange groups in preference order (default: "
         "x25519:secp256r1:secp384r1:x448:\n"
         "                                secp521r1:ffdhe2048:ffdhe3072:ffdhe4096)\n"
         "  --ciphersuites S1:S2:...      IANA suite names, TLS 1.3 and 1.2 (default: the "
         "library's list, AEAD first)\n"
         "  --sigalgs A1:A2:...           signature algorithms, e.g. ecdsa_secp256r1_sha256 "
         "(default: the library's list)\n"
         "  --alpn P1,P2,...              ALPN protocols, offered or accepted in order (default: "
         "none)\n"
         "  --tickets on|off              session tickets (default: on)\n"
         "Trust:\n"
         "  --cafile FILE                 trusted CA certificates, PEM (repeatable; default: "
         "none)\n"
         "  --capath DIR                  directory of trusted CA certificates (default: none)\n"
         "  --crl FILE                    CRLs checked for revocation, PEM or DER (repeatable; "
         "default: none)\n"
         "TLS 1.2:\n"
         "  --psk HEX                     pre-shared key, hex (default: none; enables the PSK "
         "suites)\n"
         "  --psk-identity ID             identity of --psk (default: none)\n"
         "  --ems on|off                  extended master secret, RFC 7627 (default: on)\n"
         "  --etm on|off                  encrypt-then-MAC for CBC suites, RFC 7366 (default: "
         "on)\n"
         "  --renegotiation on|off        accept secure renegotiation, RFC 5746 (default: off)\n"
         "  --legacy-renegotiation no|allow|break\n"
         "                                peers without RFC 5746 (default: no = connect, never "
         "renegotiate)\n"
         "Limits (0 = no limit; exceeding one ends that connection):\n"
         "  --max-key-updates N           TLS 1.3 KeyUpdates in a row without data (default: "
         "32)\n"
         "  --max-empty-records N         empty application-data records in a row (default: "
         "32)\n"
         "  --max-warning-alerts N        warning alerts in a row (default: 5)\n"
         "  --max-refused-renegotiations N\n"
         "                                TLS 1.2 renegotiation requests declined per connection "
         "(default: 4)\n"
         "  --max-pending-output BYTES    unsent output when answering the peer (default: "
         "65536)\n"
         "Diagnostics:\n"
         "  --keylog FILE                 append NSS key log lines for Wireshark (default: "
         "none)\n"
         "  --debug N                     trace to stderr: 1 states, 2 messages, 3 extensions, 4 "
         "records (default: 0)\n"
         "  -h, --help                    print this help and exit 0\n";
}

// Applies the options common to both programs; returns false if `arg` is not one of them.
// `next` yields the option's value (dies when missing).
template <class Next>
bool common_option(const char* prog, const std::string& arg, Next&& next, tls::Config& cfg,
                   std::shared_ptr<x509::TrustStore>& trust) {
  auto ensure_trust = [&] {
    if (!trust) trust = std::make_shared<x509::TrustStore>();
  };
  if (arg == "--min-version" || arg == "--max-version") {
    std::string v = next();
    tls::Version ver;
    if (v == "tls1.3")
      ver = tls::Version::tls13;
    else if (v == "tls1.2")
      ver = tls::Version::tls12;
    else
      die(prog,
          "unknown version " + v + " (tls1.2 or tls1.3; SSL 3.0, TLS 1.0 and 1.1 are refused)");
    (arg == "--min-version" ? cfg.min_version : cfg.max_version) = ver;
  } else if (arg == "--groups") {
    for (const auto& g : split(next(), ':')) {
      auto id = crypto::group_from_name(g);
      if (!id) die(prog, "unknown group " + g);
      cfg.groups.push_back(*id);
    }
  } else if (arg == "--ciphersuites") {
    for (const auto& s : split(next(), ':')) {
      auto id = tls::suite_from_name(s);
      if (!id) die(prog, "unknown cipher suite " + s);
      cfg.cipher_suites.push_back(*id);
    }
  } else if (arg == "--sigalgs") {
    for (const auto& s : split(next(), ':')) {
      auto id = crypto::signature_scheme_from_name(s);
      if (!id) die(prog, "unknown signature algorithm " + s);
      cfg.signature_schemes.push_back(*id);
    }
  } else if (arg == "--alpn") {
    cfg.alpn = split(next(), ',');
  } else if (arg == "--tickets") {
    std::string v = next();
    if (v != "on" && v != "off") die(prog, "--tickets wants on or off");
    cfg.tickets = v == "on";
  } else if (arg == "--psk") {
    std::string hex = next();
    if (!from_hex(hex, cfg.psk) || cfg.psk.empty()) die(prog, "--psk wants a non-empty hex key");
  } else if (arg == "--psk-identity") {
    cfg.psk_identity = next();
    if (cfg.psk_identity.empty()) die(prog, "--psk-identity must not be empty");
  } else if (arg == "--ems" || arg == "--etm" || arg == "--renegotiation") {
    std::string v = next();
    if (v != "on" && v != "off") die(prog, arg + " wants on or off");
    if (arg == "--ems") cfg.extended_master_secret = v == "on";
    if (arg == "--etm") cfg.encrypt_then_mac = v == "on";
    if (arg == "--renegotiation")
      cfg.renegotiation = v == "on" ? tls::Renegotiation::enabled : tls::Renegotiation::disabled;
  } else if (arg == "--legacy-renegotiation") {
    std::string v = next();
    if (v == "no")
      cfg.legacy_renegotiation = tls::LegacyRenegotiation::no_renegotiation;
    else if (v == "allow")
      cfg.legacy_renegotiation = tls::LegacyRenegotiation::allow_renegotiation;
    else if (v == "break")
      cfg.legacy_renegotiation = tls::LegacyRenegotiation::break_handshake;
    else
      die(prog, "--legacy-renegotiation wants no, allow or break");
  } else if (arg == "--cafile") {
    ensure_trust();
    std::string f = next();
    if (auto st = trust->add_file(f); !st)
      die(prog, f + ": " + std::string(error_message(st.error())));
  } else if (arg == "--capath") {
    ensure_trust();
    std::string d = next();
    if (auto st = trust->add_dir(d); !st)
      die(prog, d + ": " + std::string(error_message(st.error())));
  } else if (arg == "--crl") {
    ensure_trust();
    std::string f = next();
    if (auto st = trust->add_crl_file(f); !st)
      die(prog, f + ": " + std::string(error_message(st.error())));
  } else if (arg == "--keylog") {
    auto file = std::make_shared<std::ofstream>(next(), std::ios::app);
    if (!*file) die(prog, "cannot open the key log file");
    auto mu = std::make_shared<std::mutex>();
    cfg.keylog = [file, mu](std::string_view line) {
      std::lock_guard<std::mutex> lock(*mu);
      *file << line << '\n';
      file->flush();
    };
  } else if (arg == "--max-key-updates" || arg == "--max-empty-records" ||
             arg == "--max-warning-alerts" || arg == "--max-refused-renegotiations" ||
             arg == "--max-pending-output") {
    std::string v = next();
    char* end = nullptr;
    unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || v[0] == '-' || n > UINT32_MAX)
      die(prog, arg + " wants a number from 0 to 4294967295 (0 = no limit)");
    auto n32 = static_cast<uint32_t>(n);
    if (arg == "--max-key-updates") cfg.max_key_updates = n32;
    if (arg == "--max-empty-records") cfg.max_empty_records = n32;
    if (arg == "--max-warning-alerts") cfg.max_warning_alerts = n32;
    if (arg == "--max-refused-renegotiations") cfg.max_refused_renegotiations = n32;
    if (arg == "--max-pending-output") cfg.max_pending_output = n32;
  } else if (arg == "--debug") {
    cfg.debug_level = std::atoi(next().c_str());
    cfg.debug = [prog](int level, std::string_view text) {
      std::fprintf(stderr, "%s [%d] %.*s\n", prog, level, static_cast<int>(text.size()),
                   text.data());
    };
  } else {
    return false;
  }
  return true;
}

// "EC P-256, 256 bits", "RSA, 2048 bits": for messages about a key or a certificate's key.
template <class HasKey>
std::string describe_key(const HasKey& k) {
  std::string s(crypto::key_type_name(k.type()));
  if (auto c = k.curve())
    s += *c == crypto::Curve::p256 ? " P-256" : *c == crypto::Curve::p384 ? " P-384" : " P-521";
  return s + ", " + std::to_string(k.bits()) + " bits";
}
inline std::string describe_key(const x509::Certificate& c) {
  if (c.public_key() == nullptr) return std::string(crypto::key_type_name(c.public_key_type()));
  return describe_key(*c.public_key());
}

// Loads a chain and its key into cfg (Config::add_certificate); dies naming both files when the
// key is not the certificate's.
inline void add_cert_and_key(const char* prog, tls::Config& cfg, const std::string& cert,
                             const std::string& key) {
  tls::CertifiedKey ck;
  auto chain = x509::load_certificates_file(cert);
  if (!chain) die(prog, cert + ": " + std::string(error_message(chain.error())));
  auto bytes = x509::read_file(key);
  if (!bytes) die(prog, key + ": " + std::string(error_message(bytes.error())));
  auto k = crypto::default_provider().load_private_key(*bytes);
  if (!k) die(prog, key + ": " + std::string(error_message(k.error())));
  ck.chain = std::move(*chain);
  ck.key = std::shared_ptr<const crypto::PrivateKey>(std::move(*k));
  std::string leaf = ck.chain[0]->subject().to_string() + "\" (" + describe_key(*ck.chain[0]);
  std::string key_desc = describe_key(*ck.key);
  if (auto st = cfg.add_certificate(std::move(ck)); !st) {
    if (st.error() != Error::key_mismatch)
      die(prog, cert + ": " + std::string(error_message(st.error())));
    die(prog, key + " does not match " + cert + ": the private key (" + key_desc +
                  ") is not the key of the certificate \"" + leaf + ")");
  }
}

// Why a handshake or read failed, in words: the error, the alert received or sent by name
// ("alert 51 (decrypt_error)"), the verify flags with their names and explanations, and for a
// host-name mismatch the names the certificate has. `host` is the name the client checked
// (empty on the server).
inline std::string describe_failure(const tls::Connection& c, Error e, std::string_view host = {}) {
  std::string s(error_message(e));
  if (e == Error::peer_alert && c.alert_received())
    s += ": " + describe_alert(*c.alert_received());
  else if (c.alert_sent() && *c.alert_sent() != 0)
    s += " (sent " + describe_alert(*c.alert_sent()) + ")";
  uint32_t flags = c.info().verify_flags;
  if (flags != 0 && flags != x509::flag::kSkipVerify) {
    std::string info = x509::verify_info(flags, "");
    while (!info.empty() && info.back() == '\n') info.pop_back();
    for (auto& ch : info)
      if (ch == '\n') ch = ';';
    s += " [verify flags " + describe_verify_flags(flags) + ": " + info + "]";
    if ((flags & x509::flag::kCnMismatch) != 0 && !host.empty() && !c.info().peer_chain.empty())
      s += "; " + host_mismatch(host, *c.info().peer_chain[0]);
  }
  return s;
}

}  // namespace ember::programs
