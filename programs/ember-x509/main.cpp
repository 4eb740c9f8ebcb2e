// ember-x509: show certificates and CRLs, and verify a chain the way the TLS layer does.
//
//   ember-x509 show FILE
//   ember-x509 verify --cafile FILE [--capath DIR] [--crl FILE]... [--host NAME]
//              [--time YYYY-MM-DDTHH:MM:SSZ] [--profile default|next|suiteb]
//              [--purpose any|server|client] [--max-intermediates N] [--no-cn-fallback]
//              [--crl-check leaf|all|if-present]
//              [--policy OID]... [--explicit-policy] [--inhibit-policy-mapping] [--inhibit-any]
//              CHAIN.pem
//
// --crl-check leaf|all (VerifyOptions::crl_check): the leaf's (every certificate's) revocation
// status must be settled by the --crl files, or the certificate gets "CRL not trusted"; the
// default (if-present) is Mbed TLS's: a certificate no CRL covers is not revoked.
//
// verify prints "flags=0x%08x" and one explanation line per flag; exit status 0 when the chain
// is valid, 1 when verification fails, 2 when an input cannot be read or parsed. Then
// "policies: OID, ..." (the policies the path is valid for, when a policy option is given or
// a certificate of the path has certificatePolicies) and "policy error: ..." when policy processing
// failed.
#include <cstdio>
#include <cstring>
#include <functional>
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
    "                  [--crl-check leaf|all|if-present] [--policy OID]...\n"
    "                  [--explicit-policy] [--inhibit-policy-mapping] [--inhibit-any] CHAIN.pem\n"
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
      "  --crl-check leaf|all|if-present  revocation status the CRLs must settle: the leaf's,\n"
      "                                every certificate's, or only where a CRL covers it\n"
      "                                (default: if-present, as Mbed TLS)\n"
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

struct VerifyArgs {
  TrustStore trust;
  VerifyOptions opt;
  std::string chain_file;
  bool have_ca = false;
  bool policy_given = false;
};

constexpr int kNotMine = -1;

// Trust anchors, CRLs and time: 0 when handled, kNotMine, or an exit status.
int input_option(const std::string& a, const std::function<const char*()>& value, VerifyArgs& v) {
  if (a == "--cafile" || a == "--capath" || a == "--crl") {
    const char* f = value();
    if (f == nullptr) return usage();
    Status st = a == "--cafile"   ? v.trust.add_file(f)
                : a == "--capath" ? v.trust.add_dir(f)
                                  : v.trust.add_crl_file(f);
    if (!st) return fail_input(f, st.error(), a == "--crl" ? "bad CRL file" : "bad CA file");
    v.have_ca |= a != "--crl";
  } else if (a == "--crl-check") {
    const char* m = value();
    std::string mode = m ? m : "";
    if (mode == "leaf") {
      v.opt.crl_check = CrlCheck::leaf;
    } else if (mode == "all") {
      v.opt.crl_check = CrlCheck::all;
    } else if (mode == "if-present") {
      v.opt.crl_check = CrlCheck::if_present;
    } else {
      std::fprintf(stderr, "ember-x509: --crl-check wants leaf, all or if-present\n");
      return 2;
    }
  } else if (a == "--time") {
    const char* t = value();
    auto when = t ? parse_time(t) : std::nullopt;
    if (!when) {
      std::fprintf(stderr, "ember-x509: --time wants YYYY-MM-DDTHH:MM:SSZ\n");
      return 2;
    }
    v.opt.now = *when;
  } else {
    return kNotMine;
  }
  return 0;
}

// Host, profile, purpose, path length and policy options: as input_option.
int check_option(const std::string& a, const std::function<const char*()>& value, VerifyArgs& v) {
  if (a == "--host") {
    const char* h = value();
    if (h == nullptr) return usage();
    v.opt.host = h;
  } else if (a == "--profile") {
    const char* n = value();
    auto p = n ? profile_from_name(n) : std::nullopt;
    if (!p) {
      std::fprintf(stderr, "ember-x509: --profile wants default, next or suiteb\n");
      return 2;
    }
    v.opt.profile = *p;
  } else if (a == "--purpose") {
    const char* n = value();
    std::string p = n ? n : "";
    if (p != "server" && p != "client" && p != "any") return usage();
    v.opt.purpose = p == "server"   ? Purpose::server
                    : p == "client" ? Purpose::client
                                    : Purpose::any;
  } else if (a == "--no-cn-fallback") {
    v.opt.cn_fallback = false;
  } else if (a == "--policy") {
    const char* n = value();
    auto oid = n ? asn1::oid_from_string(n) : Result<Bytes>(Error::invalid_argument);
    if (!oid) {
      std::fprintf(stderr, "ember-x509: --policy wants a dotted OID (2.5.29.32.0)\n");
      return 2;
    }
    if (!v.policy_given) v.opt.policy.initial_policies.clear();
    v.policy_given = true;
    v.opt.policy.initial_policies.push_back(std::move(*oid));
  } else if (a == "--explicit-policy") {
    v.opt.policy.explicit_policy = true;
  } else if (a == "--inhibit-policy-mapping") {
    v.opt.policy.inhibit_policy_mapping = true;
  } else if (a == "--inhibit-any") {
    v.opt.policy.inhibit_any_policy = true;
  } else if (a == "--max-intermediates") {
    const char* n = value();
    if (n == nullptr) return usage();
    v.opt.max_intermediates = std::atoi(n);
  } else {
    return kNotMine;
  }
  return 0;
}

int verify(int argc, char** argv) {
  VerifyArgs v;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    std::function<const char*()> value = [&]() -> const char* {
      return i + 1 < argc ? argv[++i] : nullptr;
    };
    if (a == "--help" || a == "-h") return help();
    int rc = input_option(a, value, v);
    if (rc == kNotMine) rc = check_option(a, value, v);
    if (rc != kNotMine) {
      if (rc != 0) return rc;
    } else if (!a.empty() && a[0] == '-') {
      return usage();
    } else if (v.chain_file.empty()) {
      v.chain_file = a;
    } else {
      return usage();
    }
  }
  if (v.chain_file.empty() || !v.have_ca) return usage();
  auto chain = load_certificates_file(v.chain_file);
  if (!chain) return fail_input(v.chain_file, chain.error(), "cannot load chain");
  v.opt.trust = &v.trust;
  VerifyResult r = verify_chain(*chain, v.opt);
  std::printf("flags=0x%08x\n%s", r.flags, verify_info(r.flags).c_str());
  std::string policies;
  for (const auto& p : r.policies) {
    auto dotted = asn1::oid_to_string(p);
    policies += (policies.empty() ? "" : ", ") + (dotted ? *dotted : std::string("?"));
  }
  // Only when policies are in play, so that other output stays Mbed TLS's byte for byte.
  const auto& po = v.opt.policy;
  bool policies_in_play =
      v.policy_given || po.explicit_policy || po.inhibit_policy_mapping || po.inhibit_any_policy;
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
