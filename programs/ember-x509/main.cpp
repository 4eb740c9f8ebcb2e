// ember-x509: show certificates and CRLs, and verify a chain the way the TLS layer does.
//
//   ember-x509 show FILE
//   ember-x509 verify --cafile FILE [--capath DIR] [--crl FILE]... [--host NAME]
//              [--time YYYY-MM-DDTHH:MM:SSZ] [--profile default|next|suiteb]
//              [--purpose any|server|client] [--max-intermediates N] [--no-cn-fallback]
//              [--policy OID]... [--explicit-policy] [--inhibit-policy-mapping] [--inhibit-any]
//              CHAIN.pem
//
// verify prints "flags=0x%08x" and one explanation line per flag; exit status 0 when the chain
// is valid, 1 when verification fails, 2 when an input cannot be read or parsed. Then
// "policies: OID, ..." (the policies the path is valid for, when a policy option is given or
// a certificate of the path has certificatePolicies) and "policy error: ..." when policy processing
// failed.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ember/asn1/der.hpp"
#include "ember/asn1/pem.hpp"
#include "ember/x509/verify.hpp"

namespace {

using namespace ember;
using namespace ember::x509;

constexpr const char* kSynopsis =
    "usage: ember-x509 show FILE\n"
    "       ember-x509 verify --cafile FILE [--capath DIR] [--crl FILE]... [--host NAME]\n"
    "                  [--time YYYY-MM-DDTHH:MM:SSZ] [--profile default|next|suiteb]\n"
    "                  [--purpose any|server|client] [--max-intermediates N] [--no-cn-fallback]\n"
    "                  [--policy OID]... [--explicit-policy] [--inhibit-policy-mapping]\n"
    "                  [--inhibit-any] CHAIN.pem\n"
    "       ember-x509 --help\n";

// Wrong arguments: the synopsis on stderr, exit status 2.
int usage() {
  std::fprintf(stderr, "%s(ember-x509 --help describes every option)\n", kSynopsis);
  return 2;
}

int help() {
  std::printf(
      "ember-x509: show certificates and CRLs, and verify a chain the way the TLS layer does\n"
      "(Mbed TLS 2.28 flag values and texts).\n"
      "\n"
      "%s"
      "\n"
      "show FILE: prints every certificate and CRL of FILE (PEM, or one DER object).\n"
      "\n"
      "verify options:\n"
      "  --cafile FILE                 trusted CA certificates, PEM (repeatable; this or "
      "--capath is required)\n"
      "  --capath DIR                  directory of trusted CA certificates (default: none)\n"
      "  --crl FILE                    CRLs checked for revocation, PEM or DER (repeatable; "
      "default: none)\n"
      "  --host NAME                   host name the leaf must match, DNS or IP SAN (default: "
      "no check)\n"
      "  --time YYYY-MM-DDTHH:MM:SSZ   verification time, UTC (default: now)\n"
      "  --profile default|next|suiteb allowed algorithms and key sizes (default: default)\n"
      "  --purpose any|server|client   keyUsage/extKeyUsage the leaf must allow (default: "
      "any)\n"
      "  --max-intermediates N         longest chain of intermediates (default: 8)\n"
      "  --no-cn-fallback              never match --host against the CN, SAN only (default: "
      "CN when no SAN)\n"
      "  --policy OID                  acceptable policy, dotted (repeatable; default: "
      "anyPolicy 2.5.29.32.0)\n"
      "  --explicit-policy             require a valid policy on the path (default: no)\n"
      "  --inhibit-policy-mapping      ignore policyMappings (default: no)\n"
      "  --inhibit-any                 anyPolicy in a CA certificate matches nothing (default: "
      "no)\n"
      "  -h, --help                    print this help and exit 0\n"
      "\n"
      "verify prints \"flags=0x%%08x\" and one explanation line per flag, then \"policies: "
      "OID, ...\" when\n"
      "policies are in play and \"policy error: ...\" when policy processing failed.\n"
      "Exit status: 0 valid, 1 verification failed, 2 unreadable input or wrong arguments.\n"
      "\n"
      "Examples:\n"
      "  ember-x509 show tests/data/pki/p256/server-chain.crt\n"
      "  ember-x509 verify --cafile tests/data/pki/p256/ca.crt --host localhost \\\n"
      "      tests/data/pki/p256/server-chain.crt\n",
      kSynopsis);
  return 0;
}

int fail_input(const std::string& file, Error e, const char* what) {
  std::fprintf(stderr, "ember-x509: %s: %s: %s\n", file.c_str(), what,
               std::string(error_message(e)).c_str());
  return 2;
}

int show(const std::string& file) {
  auto data = read_file(file, 64u << 20);
  if (!data) return fail_input(file, data.error(), "cannot read");
  std::vector<std::pair<std::string, Bytes>> items;  // label, DER
  if (asn1::looks_like_pem(*data)) {
    auto blocks = asn1::pem_decode_all(
        std::string_view(reinterpret_cast<const char*>(data->data()), data->size()));
    if (!blocks) return fail_input(file, blocks.error(), "bad PEM");
    for (auto& b : *blocks) items.emplace_back(b.label, std::move(b.der));
  } else {
    items.emplace_back("", *data);
  }
  int shown = 0;
  for (const auto& [label, der] : items) {
    if (label == "CERTIFICATE" || label.empty()) {
      auto c = Certificate::parse_der(der);
      if (c) {
        std::printf("%sCertificate #%d:\n%s", shown ? "\n" : "", shown + 1,
                    (*c)->info("  ").c_str());
        ++shown;
        continue;
      }
      if (!label.empty()) return fail_input(file, c.error(), "bad certificate");
    }
    if (label == "X509 CRL" || label.empty()) {
      auto crl = Crl::parse_der(der);
      if (!crl) return fail_input(file, crl.error(), "bad CRL");
      std::printf("%sCRL #%d:\n%s", shown ? "\n" : "", shown + 1, (*crl)->info("  ").c_str());
      ++shown;
      continue;
    }
    std::fprintf(stderr, "ember-x509: %s: skipping PEM block \"%s\"\n", file.c_str(),
                 label.c_str());
  }
  if (shown == 0) {
    std::fprintf(stderr, "ember-x509: %s: no certificate or CRL found\n", file.c_str());
    return 2;
  }
  return 0;
}

std::optional<int64_t> parse_time(const std::string& s) {
  int y, mo, d, h, mi, se;
  char z;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
      z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
    return std::nullopt;
  return asn1::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + se;
}

int verify(int argc, char** argv) {
  TrustStore trust;
  VerifyOptions opt;
  std::string chain_file;
  bool have_ca = false;
  bool policy_given = false;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--help" || a == "-h") return help();
    if (a == "--cafile" || a == "--capath" || a == "--crl") {
      const char* v = value();
      if (v == nullptr) return usage();
      Status st = a == "--cafile"   ? trust.add_file(v)
                  : a == "--capath" ? trust.add_dir(v)
                                    : trust.add_crl_file(v);
      if (!st) return fail_input(v, st.error(), a == "--crl" ? "bad CRL file" : "bad CA file");
      have_ca |= a != "--crl";
    } else if (a == "--host") {
      const char* v = value();
      if (v == nullptr) return usage();
      opt.host = v;
    } else if (a == "--time") {
      const char* v = value();
      auto t = v ? parse_time(v) : std::nullopt;
      if (!t) {
        std::fprintf(stderr, "ember-x509: --time wants YYYY-MM-DDTHH:MM:SSZ\n");
        return 2;
      }
      opt.now = *t;
    } else if (a == "--profile") {
      const char* v = value();
      auto p = v ? profile_from_name(v) : std::nullopt;
      if (!p) {
        std::fprintf(stderr, "ember-x509: --profile wants default, next or suiteb\n");
        return 2;
      }
      opt.profile = *p;
    } else if (a == "--purpose") {
      const char* v = value();
      std::string p = v ? v : "";
      if (p == "server")
        opt.purpose = Purpose::server;
      else if (p == "client")
        opt.purpose = Purpose::client;
      else if (p == "any")
        opt.purpose = Purpose::any;
      else
        return usage();
    } else if (a == "--no-cn-fallback") {
      opt.cn_fallback = false;
    } else if (a == "--policy") {
      const char* v = value();
      auto oid = v ? asn1::oid_from_string(v) : Result<Bytes>(Error::invalid_argument);
      if (!oid) {
        std::fprintf(stderr, "ember-x509: --policy wants a dotted OID (2.5.29.32.0)\n");
        return 2;
      }
      if (!policy_given) opt.policy.initial_policies.clear();
      policy_given = true;
      opt.policy.initial_policies.push_back(std::move(*oid));
    } else if (a == "--explicit-policy") {
      opt.policy.explicit_policy = true;
    } else if (a == "--inhibit-policy-mapping") {
      opt.policy.inhibit_policy_mapping = true;
    } else if (a == "--inhibit-any") {
      opt.policy.inhibit_any_policy = true;
    } else if (a == "--max-intermediates") {
      const char* v = value();
      if (v == nullptr) return usage();
      opt.max_intermediates = std::atoi(v);
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else if (chain_file.empty()) {
      chain_file = a;
    } else {
      return usage();
    }
  }
  if (chain_file.empty() || !have_ca) return usage();
  auto chain = load_certificates_file(chain_file);
  if (!chain) return fail_input(chain_file, chain.error(), "cannot load chain");
  opt.trust = &trust;
  VerifyResult r = verify_chain(*chain, opt);
  std::printf("flags=0x%08x\n%s", r.flags, verify_info(r.flags).c_str());
  std::string policies;
  for (const auto& p : r.policies) {
    auto dotted = asn1::oid_to_string(p);
    policies += (policies.empty() ? "" : ", ") + (dotted ? *dotted : std::string("?"));
  }
  // Only when policies are in play, so that other output stays Mbed TLS's byte for byte.
  bool policies_in_play = policy_given || opt.policy.explicit_policy ||
                          opt.policy.inhibit_policy_mapping || opt.policy.inhibit_any_policy;
  for (const auto& c : r.path) policies_in_play |= c->has_policies();
  if (!policies.empty() && policies_in_play) std::printf("policies: %s\n", policies.c_str());
  if (!r.policy_error.empty()) std::printf("policy error: %s\n", r.policy_error.c_str());
  return r.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") return help();
  if (cmd == "show" && argc == 3) return show(argv[2]);
  if (cmd == "verify") return verify(argc - 2, argv + 2);
  return usage();
}
