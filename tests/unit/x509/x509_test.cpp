// X.509 parsing, host names, usage checks, verification flags and callbacks.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"
#include "ember/x509/verify.hpp"
#include "x509/name_constraints.hpp"

namespace ember::x509 {
namespace {

std::string data(const std::string& rel) {
  return std::string(EMBER_TEST_DATA_DIR) + "/" + rel;
}

std::vector<CertPtr> load(const std::string& rel) {
  auto c = load_certificates_file(data(rel));
  EXPECT_TRUE(c.ok()) << rel << ": " << error_name(c.error());
  return c.ok() ? *c : std::vector<CertPtr>{};
}

// 2030-06-01T00:00:00Z, inside every good test certificate's validity.
constexpr int64_t kNow = 1906502400;

// --- a tiny DER builder for synthetic certificates ---
Bytes tlv(uint8_t tag, ByteView v) {
  Bytes out{tag};
  if (v.size() < 0x80) {
    out.push_back(static_cast<uint8_t>(v.size()));
  } else if (v.size() < 0x100) {
    out.push_back(0x81);
    out.push_back(static_cast<uint8_t>(v.size()));
  } else {
    out.push_back(0x82);
    out.push_back(static_cast<uint8_t>(v.size() >> 8));
    out.push_back(static_cast<uint8_t>(v.size()));
  }
  out.insert(out.end(), v.begin(), v.end());
  return out;
}
Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes oid(std::string_view dotted) {
  return tlv(0x06, *asn1::oid_from_string(dotted));
}
Bytes utf8(std::string_view s) {
  return tlv(0x0c, Bytes(s.begin(), s.end()));
}
Bytes name_cn(std::string_view cn) {
  return tlv(0x30, tlv(0x31, tlv(0x30, cat({oid("2.5.4.3"), utf8(cn)}))));
}
Bytes ext(std::string_view dotted, bool critical, ByteView value) {
  Bytes body = oid(dotted);
  if (critical) body = cat({body, Bytes{0x01, 0x01, 0xff}});
  return tlv(0x30, cat({body, tlv(0x04, value)}));
}

struct Synth {
  Bytes version = tlv(0xa0, Bytes{0x02, 0x01, 0x02});
  Bytes serial = Bytes{0x02, 0x01, 0x07};
  Bytes validity = tlv(
      0x30, cat({tlv(0x17, Bytes{'2', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'}),
                 tlv(0x18, Bytes{'2', '0', '5', '0', '0', '1', '0', '1', '0', '0', '0', '0', '0',
                                 '0', 'Z'})}));
  std::vector<Bytes> exts;
  Bytes build() const {
    static const Bytes spki = [] {
      auto c = load_certificates_file(data("pki/p256/server.crt"));
      ByteView s = (*c)[0]->spki_der();
      return Bytes(s.begin(), s.end());
    }();
    Bytes alg = tlv(0x30, oid("1.2.840.10045.4.3.2"));
    Bytes ext_block;
    if (!exts.empty()) {
      Bytes all;
      for (const auto& e : exts) all = cat({all, e});
      ext_block = tlv(0xa3, tlv(0x30, all));
    }
    Bytes tbs = tlv(0x30, cat({version, serial, alg, name_cn("issuer"), validity,
                               name_cn("subject"), spki, ext_block}));
    return tlv(0x30, cat({tbs, alg, tlv(0x03, Bytes{0x00, 0x30, 0x00})}));
  }
};

TEST(Certificate, ParsesTestPkiFields) {
  auto chain = load("pki/p256/server-chain.crt");
  ASSERT_EQ(chain.size(), 2u);
  const Certificate& leaf = *chain[0];
  EXPECT_EQ(leaf.version(), 3);
  EXPECT_EQ(leaf.subject().to_string(), "CN=localhost, O=embertls test, C=NL");
  EXPECT_EQ(leaf.issuer().to_string(), "CN=embertls p256 Intermediate CA, O=embertls test, C=NL");
  EXPECT_EQ(asn1::format_time(leaf.not_before()), "2025-01-01 00:00:00");
  EXPECT_EQ(asn1::format_time(leaf.not_after()), "2050-01-01 00:00:00");
  EXPECT_EQ(leaf.public_key_type(), crypto::KeyType::ec);
  EXPECT_EQ(leaf.curve(), crypto::Curve::p256);
  ASSERT_NE(leaf.public_key(), nullptr);
  EXPECT_TRUE(leaf.has_basic_constraints());
  EXPECT_FALSE(leaf.is_ca());
  EXPECT_EQ(leaf.key_usage(), ku::kDigitalSignature);
  ASSERT_EQ(leaf.subject_alt_names().size(), 3u);
  EXPECT_EQ(leaf.subject_alt_names()[2].type, GeneralNameType::ip);
  EXPECT_EQ(leaf.subject_alt_names()[2].value, (Bytes{127, 0, 0, 1}));
  EXPECT_TRUE(leaf.ext_key_usage_allows(asn1::oid_der(asn1::OidId::kp_server_auth)));
  EXPECT_FALSE(leaf.ext_key_usage_allows(asn1::oid_der(asn1::OidId::kp_client_auth)));
  EXPECT_FALSE(leaf.authority_key_id().empty());
  const Certificate& inter = *chain[1];
  EXPECT_TRUE(inter.is_ca());
  EXPECT_EQ(inter.path_len(), 0);
  EXPECT_EQ(inter.subject_key_id().size(), leaf.authority_key_id().size());
  EXPECT_NE(leaf.info().find("dNSName : server.test"), std::string::npos);
  for (const char* t : {"p384", "rsa2048", "rsa3072", "ed25519"}) {
    auto c = load(std::string("pki/") + t + "/server-chain.crt");
    ASSERT_EQ(c.size(), 2u) << t;
    EXPECT_NE(c[0]->public_key(), nullptr) << t;
  }
  EXPECT_EQ(load("pki/rsa3072/server.crt")[0]->key_bits(), 3072u);
}

TEST(Certificate, SyntheticCertificateParses) {
  Synth s;
  s.exts = {ext("2.5.29.19", true, tlv(0x30, Bytes{0x01, 0x01, 0xff, 0x02, 0x01, 0x03}))};
  auto c = Certificate::parse_der(s.build());
  ASSERT_TRUE(c.ok()) << error_name(c.error());
  EXPECT_TRUE((*c)->is_ca());
  EXPECT_EQ((*c)->path_len(), 3);
  EXPECT_EQ(serial_to_string((*c)->serial()), "07");
}

TEST(Certificate, BadInputIsRefusedWithClearErrors) {
  auto good = Synth().build();
  // Truncation anywhere.
  for (size_t n : {size_t{0}, size_t{1}, size_t{10}, good.size() / 2, good.size() - 1})
    EXPECT_FALSE(Certificate::parse_der(ByteView(good).first(n)).ok()) << n;
  // Trailing garbage after the certificate.
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(Certificate::parse_der(trailing).error(), Error::x509_bad_format);
  // Negative and oversized serials.
  Synth neg;
  neg.serial = Bytes{0x02, 0x01, 0x85};
  EXPECT_EQ(Certificate::parse_der(neg.build()).error(), Error::x509_bad_serial);
  Synth big;
  big.serial = tlv(0x02, Bytes(21, 0x11));
  EXPECT_EQ(Certificate::parse_der(big.build()).error(), Error::x509_bad_serial);
  Synth nonminimal;
  nonminimal.serial = Bytes{0x02, 0x02, 0x00, 0x07};
  EXPECT_EQ(Certificate::parse_der(nonminimal.build()).error(), Error::x509_bad_serial);
  // Bad version and bad time.
  Synth v5;
  v5.version = tlv(0xa0, Bytes{0x02, 0x01, 0x05});
  EXPECT_EQ(Certificate::parse_der(v5.build()).error(), Error::x509_bad_version);
  Synth t;
  t.validity =
      tlv(0x30,
          cat({tlv(0x17, Bytes{'2', '5', '1', '3', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'}),
               tlv(0x17, Bytes{'3', '0', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'})}));
  EXPECT_EQ(Certificate::parse_der(t.build()).error(), Error::x509_bad_time);
  // Duplicate extension.
  Synth dup;
  Bytes bc = ext("2.5.29.19", false, tlv(0x30, Bytes{}));
  dup.exts = {bc, bc};
  EXPECT_EQ(Certificate::parse_der(dup.build()).error(), Error::x509_duplicate_extension);
  // Extensions in a v1 certificate.
  Synth v1;
  v1.version = {};
  v1.exts = {bc};
  EXPECT_EQ(Certificate::parse_der(v1.build()).error(), Error::x509_bad_version);
  // A malformed known extension (basicConstraints that is not a SEQUENCE).
  Synth badext;
  badext.exts = {ext("2.5.29.19", true, Bytes{0x05, 0x00})};
  EXPECT_EQ(Certificate::parse_der(badext.build()).error(), Error::x509_bad_extension);
  // Absurd length claims.
  Bytes absurd = {0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00};
  EXPECT_FALSE(Certificate::parse_der(absurd).ok());
}

TEST(Certificate, UnknownCriticalExtensionParsesButFailsVerification) {
  Synth s;
  s.exts = {ext("1.3.6.1.4.1.55555.1", true, Bytes{0x05, 0x00})};
  auto c = Certificate::parse_der(s.build());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE((*c)->has_unhandled_critical_extension());
  Synth n;
  n.exts = {ext("1.3.6.1.4.1.55555.1", false, Bytes{0x05, 0x00})};
  EXPECT_FALSE((*Certificate::parse_der(n.build()))->has_unhandled_critical_extension());
  auto chain = load("x509/unknown-critical-chain.crt");
  TrustStore ts;
  ASSERT_TRUE(ts.add_file(data("pki/p256/ca.crt")).ok());
  VerifyOptions o;
  o.trust = &ts;
  o.now = kNow;
  EXPECT_EQ(verify_chain(chain, o).flags, flag::kOther);
}

TEST(Name, MatchingIsCaseInsensitiveForPrintableAndUtf8) {
  auto a = Name::parse(name_cn("Example CA"));
  auto b = Name::parse(name_cn("example ca"));
  auto c = Name::parse(name_cn("example cb"));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(a->matches(*b));
  EXPECT_FALSE(a->matches(*c));
  auto esc = Name::parse(name_cn("a,b+c"));
  EXPECT_EQ(esc->to_string(), "CN=a\\,b\\+c");
  EXPECT_FALSE(Name::parse(Bytes{0x30, 0x02, 0x31, 0x00}).ok());  // empty RDN
}

Bytes atv(std::string_view dotted, uint8_t string_tag, std::string_view value) {
  return tlv(0x30, cat({oid(dotted), tlv(string_tag, Bytes(value.begin(), value.end()))}));
}

TEST(Name, Rfc5280Section7Comparison) {
  auto parse = [](std::initializer_list<Bytes> rdns) {
    Bytes all;
    for (const auto& r : rdns) all = cat({all, tlv(0x31, r)});
    auto n = Name::parse(tlv(0x30, all));
    EXPECT_TRUE(n.ok());
    return *n;
  };
  const char* o = "2.5.4.10";
  const char* cn = "2.5.4.3";
  Name plain = parse({atv(o, 0x13, "Test Certificates"), atv(cn, 0x13, "Good CA")});
  // PKITS 4.3.3/4.3.4: leading, trailing and repeated inner spaces do not count.
  EXPECT_TRUE(plain.matches(
      parse({atv(o, 0x13, "  Test   Certificates "), atv(cn, 0x13, "Good    CA  ")})));
  EXPECT_TRUE(plain.matches(parse({atv(o, 0x13, "Test\tCertificates"), atv(cn, 0x13, "Good CA")})));
  // PKITS 4.3.5/4.3.11: case, in PrintableString and in UTF8String.
  EXPECT_TRUE(plain.matches(parse({atv(o, 0x0c, "TEST CERTIFICATES"), atv(cn, 0x0c, "good ca")})));
  // PKITS 4.3.10: PrintableString and UTF8String spellings of one name.
  EXPECT_TRUE(plain.matches(parse({atv(o, 0x0c, "Test Certificates"), atv(cn, 0x13, "Good CA")})));
  // Spaces inside a word, other letters, another order or another attribute type still differ.
  EXPECT_FALSE(plain.matches(parse({atv(o, 0x13, "Test Certificates"), atv(cn, 0x13, "GoodCA")})));
  EXPECT_FALSE(plain.matches(parse({atv(o, 0x13, "Test Certificates"), atv(cn, 0x13, "Good CB")})));
  EXPECT_FALSE(plain.matches(parse({atv(cn, 0x13, "Good CA"), atv(o, 0x13, "Test Certificates")})));
  EXPECT_FALSE(plain.matches(parse({atv(o, 0x13, "Test Certificates"), atv(o, 0x13, "Good CA")})));
  EXPECT_FALSE(plain.matches(parse({atv(o, 0x13, "Test Certificates")})));
  // Non-string types compare byte for byte (an OCTET STRING attribute value, case differs).
  EXPECT_FALSE(parse({atv(cn, 0x04, "ab")}).matches(parse({atv(cn, 0x04, "AB")})));
  EXPECT_TRUE(parse({atv(cn, 0x04, "ab")}).matches(parse({atv(cn, 0x04, "ab")})));
  // A multi-valued RDN is a set: its attributes may come in any order.
  Name multi = parse({cat({atv(o, 0x13, "Org"), atv(cn, 0x13, "Name")})});
  EXPECT_TRUE(multi.matches(parse({cat({atv(cn, 0x0c, "name"), atv(o, 0x13, "ORG")})})));
  EXPECT_FALSE(multi.matches(parse({atv(o, 0x13, "Org"), atv(cn, 0x13, "Name")})));
  EXPECT_FALSE(multi.matches(parse({cat({atv(o, 0x13, "Org"), atv(o, 0x13, "Org")})})));
  // Prefixes (directoryName constraints) use the same comparison.
  EXPECT_TRUE(plain.has_prefix(parse({atv(o, 0x0c, " test certificates")})));
  EXPECT_FALSE(plain.has_prefix(parse({atv(cn, 0x13, "Good CA")})));
}

struct HostCase {
  std::vector<std::string> dns;
  std::string cn;
  std::string host;
  bool match;
};

CertPtr cert_with_names(const std::vector<std::string>& dns, const std::string& cn,
                        const std::vector<Bytes>& ips = {}) {
  Synth s;
  Bytes names;
  for (const auto& d : dns) names = cat({names, tlv(0x82, Bytes(d.begin(), d.end()))});
  for (const auto& ip : ips) names = cat({names, tlv(0x87, ip)});
  if (!names.empty()) s.exts = {ext("2.5.29.17", false, tlv(0x30, names))};
  Bytes der = s.build();
  // Replace the subject CN "subject" by cn: rebuild with a different name.
  auto c = Certificate::parse_der(der);
  EXPECT_TRUE(c.ok());
  if (cn == "subject") return *c;
  std::string from = "subject";
  Bytes needle = utf8(from), repl = utf8(cn);
  auto it = std::search(der.begin(), der.end(), needle.begin(), needle.end());
  // Only used with same-length CNs so the surrounding lengths stay valid.
  EXPECT_EQ(needle.size(), repl.size());
  std::copy(repl.begin(), repl.end(), it);
  return *Certificate::parse_der(der);
}

TEST(HostName, Rfc9525Rules) {
  HostCase cases[] = {
      {{"example.com"}, "subject", "example.com", true},
      {{"example.com"}, "subject", "EXAMPLE.com", true},
      {{"example.com"}, "subject", "example.com.", true},
      {{"example.com"}, "subject", "www.example.com", false},
      {{"*.example.com"}, "subject", "www.example.com", true},
      {{"*.example.com"}, "subject", "example.com", false},
      {{"*.example.com"}, "subject", "a.b.example.com", false},
      {{"*.com"}, "subject", "example.com", false},
      {{"w*.example.com"}, "subject", "www.example.com", false},
      {{"www.*.com"}, "subject", "www.example.com", false},
      {{"other.test", "example.com"}, "subject", "example.com", true},
      {{}, "host.ab", "host.ab", true},  // CN used only without a subjectAltName extension
      {{"x.test"}, "host.ab", "host.ab", false},
  };
  for (const auto& c : cases) {
    auto cert = cert_with_names(c.dns, c.cn);
    EXPECT_EQ(matches_host(*cert, c.host), c.match)
        << c.host << " vs " << (c.dns.empty() ? "CN " + c.cn : c.dns[0]);
  }
  auto ip = cert_with_names({"example.com"}, "subject", {Bytes{10, 0, 0, 1}});
  EXPECT_TRUE(matches_host(*ip, "10.0.0.1"));
  EXPECT_FALSE(matches_host(*ip, "10.0.0.2"));
  auto v6 = cert_with_names({}, "subject",
                            {Bytes{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}});
  EXPECT_TRUE(matches_host(*v6, "2001:db8::1"));
  EXPECT_TRUE(matches_host(*v6, "[2001:db8::1]"));
  // A subjectAltName holding only an IP address still rules the CN out (RFC 6125 §6.4.4, as
  // Mbed TLS 2.28): no fallback, with or without cn_fallback.
  auto ip_only = cert_with_names({}, "host.ab", {Bytes{10, 0, 0, 1}});
  ASSERT_TRUE(ip_only->has_subject_alt_names());
  EXPECT_FALSE(matches_host(*ip_only, "host.ab"));
  EXPECT_FALSE(matches_host(*ip_only, "host.ab", true));
  EXPECT_TRUE(matches_host(*ip_only, "10.0.0.1"));
  EXPECT_TRUE(matches_host(*cert_with_names({}, "host.ab"), "host.ab", true));
  EXPECT_FALSE(matches_host(*cert_with_names({}, "host.ab"), "host.ab", false));
  // An IP literal never matches a dNSName spelled like it.
  auto dns_ip = cert_with_names({"10.0.0.1"}, "subject");
  EXPECT_FALSE(matches_host(*dns_ip, "10.0.0.1"));
  EXPECT_FALSE(matches_host(*dns_ip, ""));
}

NameConstraints dns_constraints(std::vector<std::string> permitted,
                                std::vector<std::string> excluded) {
  NameConstraints nc;
  for (const auto& p : permitted)
    nc.permitted.push_back({GeneralName{GeneralNameType::dns, Bytes(p.begin(), p.end())}});
  for (const auto& e : excluded)
    nc.excluded.push_back({GeneralName{GeneralNameType::dns, Bytes(e.begin(), e.end())}});
  return nc;
}

TEST(NameConstraints, WildcardSansAgainstSubtrees) {
  auto wild = cert_with_names({"*.example.com"}, "subject");
  auto ok = [&](const CertPtr& c, std::vector<std::string> p, std::vector<std::string> e) {
    return satisfies_name_constraints(*c, dns_constraints(std::move(p), std::move(e)), true);
  };
  // x509-limbo nc-forbids-dnsname-wildcard-san / CVE-2025-61727: *.example.com stands for
  // bar.example.com among others, so an excluded bar.example.com rules it out.
  EXPECT_FALSE(ok(wild, {}, {"bar.example.com"}));
  EXPECT_FALSE(ok(wild, {}, {"example.com"}));
  EXPECT_FALSE(ok(wild, {}, {".example.com"}));
  EXPECT_FALSE(ok(wild, {}, {"com"}));
  // Exclusions the wildcard cannot reach: two labels down, or a sibling domain.
  EXPECT_TRUE(ok(wild, {}, {"x.bar.example.com"}));
  EXPECT_TRUE(ok(wild, {}, {".bar.example.com"}));
  EXPECT_TRUE(ok(wild, {}, {"other.com"}));
  EXPECT_TRUE(ok(wild, {}, {"ample.com"}));
  // Permitted subtrees must hold every name the wildcard stands for.
  EXPECT_TRUE(ok(wild, {"example.com"}, {}));
  EXPECT_TRUE(ok(wild, {".example.com"}, {}));
  EXPECT_FALSE(ok(wild, {"bar.example.com"}, {}));
  EXPECT_FALSE(ok(wild, {"ample.com"}, {}));
  // Plain names keep the usual subtree rules.
  auto bar = cert_with_names({"bar.example.com"}, "subject");
  EXPECT_FALSE(ok(bar, {}, {"bar.example.com"}));
  EXPECT_TRUE(ok(bar, {}, {"foo.example.com"}));
  EXPECT_FALSE(ok(bar, {}, {".example.com"}));
  EXPECT_TRUE(ok(cert_with_names({"example.com"}, "subject"), {}, {".example.com"}));
}

TEST(NameConstraints, CriticalInAnEndEntityIsUnprocessed) {
  // nameConstraints { permittedSubtrees { dNSName "example.com" } } in a non-CA certificate.
  Bytes nc = tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, Bytes{'e', 'x', 'a', 'm', 'p', 'l', 'e', '.',
                                                           'c', 'o', 'm'}))));
  VerifyOptions o;
  o.now = kNow;
  for (bool critical : {true, false}) {
    Synth s;
    s.exts = {ext("2.5.29.30", critical, nc)};
    auto c = Certificate::parse_der(s.build());
    ASSERT_TRUE(c.ok());
    EXPECT_EQ((*c)->name_constraints_critical(), critical);
    std::vector<CertPtr> chain = {*c};
    EXPECT_EQ(verify_chain(chain, o).flags & flag::kOther, critical ? flag::kOther : 0u);
  }
}

class Verify : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(trust.add_file(data("pki/p256/ca.crt")).ok());
    opts.trust = &trust;
    opts.now = kNow;
  }
  TrustStore trust;
  VerifyOptions opts;
};

TEST_F(Verify, GoodChainGivesThePath) {
  auto chain = load("pki/p256/server-chain.crt");
  opts.host = "server.test";
  opts.purpose = Purpose::server;
  auto r = verify_chain(chain, opts);
  EXPECT_EQ(r.flags, 0u);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.path.size(), 3u);
  EXPECT_EQ(r.path[2]->subject().first(asn1::oid_der(asn1::OidId::at_cn)), "embertls p256 Root CA");
}

TEST_F(Verify, IntermediatesInAnyOrderAndDuplicates) {
  auto chain = load("x509/pathlen-reversed-chain.crt");  // leaf, inter, inter2 (reversed)
  auto r = verify_chain(chain, opts);
  EXPECT_EQ(r.flags, flag::kNotTrusted);  // pathlen 0 forbids inter2 in either order
  auto good = load("pki/p256/server-chain.crt");
  std::vector<CertPtr> noisy = {good[0], load("pki/p384/inter.crt")[0], good[1], good[1]};
  EXPECT_EQ(verify_chain(noisy, opts).flags, 0u);
}

TEST_F(Verify, CallbackSeesTopDownAndCanChangeFlags) {
  auto chain = load("pki/p256/broken/expired-chain.crt");
  std::vector<int> depths;
  opts.callback = [&](const Certificate&, int depth, uint32_t& flags) {
    depths.push_back(depth);
    if (depth == 0) flags &= ~flag::kExpired;  // the application accepts expiry
    return 0;
  };
  auto r = verify_chain(chain, opts);
  EXPECT_EQ(depths, (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(r.flags, 0u);
  opts.callback = [](const Certificate&, int depth, uint32_t& flags) {
    if (depth == 1) flags |= flag::kOther;
    return 0;
  };
  EXPECT_EQ(verify_chain(load("pki/p256/server-chain.crt"), opts).flags, flag::kOther);
  opts.callback = [](const Certificate&, int, uint32_t&) { return -42; };
  auto aborted = verify_chain(load("pki/p256/server-chain.crt"), opts);
  EXPECT_EQ(aborted.callback_error, -42);
  EXPECT_FALSE(aborted.ok());
}

TEST_F(Verify, MissingChain) {
  std::vector<CertPtr> none;
  EXPECT_TRUE(verify_chain(none, opts).flags & flag::kMissing);
}

TEST_F(Verify, UsageFlags) {
  auto client_only = load("x509/client-only-chain.crt");
  opts.purpose = Purpose::server;
  EXPECT_EQ(verify_chain(client_only, opts).flags, flag::kExtKeyUsage);
  opts.purpose = Purpose::client;
  EXPECT_EQ(verify_chain(client_only, opts).flags, 0u);
  EXPECT_EQ(check_usage(*client_only[0], Purpose::any, ku::kDigitalSignature), flag::kKeyUsage);
  EXPECT_EQ(check_usage(*client_only[0], Purpose::any, ku::kKeyAgreement), 0u);
  auto server = load("pki/p256/server.crt");
  EXPECT_EQ(check_usage(*server[0], Purpose::client), flag::kExtKeyUsage);
}

TEST_F(Verify, CrlFlags) {
  auto good = load("pki/p256/server-chain.crt");
  auto revoked = load("pki/p256/broken/revoked-chain.crt");
  ASSERT_TRUE(trust.add_crl_file(data("pki/p256/inter.crl")).ok());
  EXPECT_EQ(verify_chain(revoked, opts).flags, flag::kRevoked);
  EXPECT_EQ(verify_chain(good, opts).flags, 0u);
  opts.now = asn1::days_from_civil(2025, 6, 1) * 86400;  // before the CRL was issued
  EXPECT_EQ(verify_chain(good, opts).flags, flag::kCrlFuture);
}

TEST(VerifyInfo, EveryFlagHasMbedTlsWording) {
  EXPECT_EQ(verify_info(0), "");
  EXPECT_EQ(verify_info(flag::kExpired | flag::kCnMismatch, "! "),
            "! The certificate validity has expired\n"
            "! The certificate Common Name (CN) does not match with the expected CN\n");
  std::string all = verify_info(0x000fffff);
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 20);
  EXPECT_NE(all.find("Certificate verification was skipped"), std::string::npos);
  EXPECT_NE(all.find("Usage does not match the nsCertType extension"), std::string::npos);
  EXPECT_NE(all.find("The CRL is signed with an unacceptable key"), std::string::npos);
  EXPECT_EQ(verify_info(0x00100000), "Unknown reason (this should not happen)\n");
}

TEST(Crl, ParsesEntries) {
  auto crls = load_crl_file(data("pki/p256/inter.crl"));
  ASSERT_TRUE(crls.ok());
  const Crl& crl = *(*crls)[0];
  EXPECT_EQ(crl.version(), 2);
  ASSERT_EQ(crl.revoked().size(), 1u);
  EXPECT_EQ(crl.revoked()[0].reason, 1);  // keyCompromise
  auto revoked = load("pki/p256/broken/revoked.crt");
  EXPECT_NE(crl.find(revoked[0]->serial()), nullptr);
  EXPECT_TRUE(crl.next_update().has_value());
  EXPECT_NE(crl.info().find("Revoked certificates:"), std::string::npos);
  auto der = crl.der();
  EXPECT_FALSE(Crl::parse_der(der.first(der.size() - 1)).ok());
  EXPECT_EQ(load_crl_file(data("pki/p256/server.crt")).error(), Error::pem_no_block);
}

TEST(Loading, FilesDirsAndErrors) {
  EXPECT_EQ(load_certificates_file(data("nope.crt")).error(), Error::file_io_error);
  auto dir = load_certificates_dir(data("pki/p256"));
  ASSERT_TRUE(dir.ok());
  EXPECT_GE(dir->size(), 8u);  // every .crt in the directory, keys and CRLs skipped
  EXPECT_EQ(load_certificates_dir(data("keys")).error(), Error::not_found);
}

}  // namespace
}  // namespace ember::x509

namespace ember::x509 {
namespace {

TEST(TrustStoreCache, RemembersOnlyGoodAnchorLinks) {
  TrustStore ts;
  ASSERT_TRUE(ts.add_file(std::string(EMBER_TEST_DATA_DIR) + "/pki/p256/ca.crt").ok());
  EXPECT_TRUE(ts.signature_cache());
  VerifyOptions o;
  o.trust = &ts;
  o.now = 1906502400;
  auto chain =
      *load_certificates_file(std::string(EMBER_TEST_DATA_DIR) + "/pki/p256/server-chain.crt");
  EXPECT_EQ(verify_chain(chain, o).flags, 0u);
  EXPECT_EQ(verify_chain(chain, o).flags, 0u);  // second run served from the memo
  // An intermediate with the same name but another key is not covered by the memo.
  auto impostor_chain = *load_certificates_file(std::string(EMBER_TEST_DATA_DIR) +
                                                "/pki/p256/broken/untrusted-chain.crt");
  EXPECT_EQ(verify_chain(impostor_chain, o).flags, flag::kNotTrusted);
  ts.set_signature_cache(false);
  EXPECT_FALSE(ts.signature_cache());
  EXPECT_EQ(verify_chain(chain, o).flags, 0u);
}

}  // namespace
}  // namespace ember::x509
