// Certificate policies: parsing of the four policy extensions (good and malformed DER) and
// RFC 5280 §6.1 policy processing over the PKITS-style chains of tests/data/policy
// (make-policy-cases.sh), plus the size bound of the policy tree. Each case names the PKITS
// 1.0.1 test whose situation it mirrors (our own certificates: the shape and the expected
// outcome follow PKITS, not the bytes).
#include <gtest/gtest.h>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"
#include "ember/x509/verify.hpp"
#include "x509/policy.hpp"

namespace ember::x509 {
namespace {

std::string data(const std::string& rel) {
  return std::string(EMBER_TEST_DATA_DIR) + "/" + rel;
}

constexpr int64_t kNow = 1906502400;  // 2030-06-01T00:00:00Z
constexpr const char* kP1 = "2.16.840.1.101.3.2.1.48.1";
constexpr const char* kP2 = "2.16.840.1.101.3.2.1.48.2";
constexpr const char* kAny = "2.5.29.32.0";

// --- DER for synthetic certificates (the signature is not valid: parsing only) ---
Bytes tlv(uint8_t tag, ByteView v) {
  Bytes out{tag};
  if (v.size() < 0x80) {
    out.push_back(static_cast<uint8_t>(v.size()));
  } else if (v.size() < 0x100) {
    out.push_back(0x81);
    out.push_back(static_cast<uint8_t>(v.size()));
  } else if (v.size() < 0x10000) {
    out.push_back(0x82);
    out.push_back(static_cast<uint8_t>(v.size() >> 8));
    out.push_back(static_cast<uint8_t>(v.size()));
  } else {
    out.push_back(0x83);
    out.push_back(static_cast<uint8_t>(v.size() >> 16));
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
Bytes seq(std::initializer_list<Bytes> parts) {
  return tlv(0x30, cat(parts));
}
Bytes oid(std::string_view dotted) {
  return tlv(0x06, *asn1::oid_from_string(dotted));
}
Bytes name_cn(std::string_view cn) {
  return seq({tlv(0x31, seq({oid("2.5.4.3"), tlv(0x0c, Bytes(cn.begin(), cn.end()))}))});
}

// A certificate from `issuer` to `subject` with the given extensions (OID, critical, value).
Result<CertPtr> synth(std::vector<std::tuple<std::string, bool, Bytes>> exts,
                      std::string_view issuer = "issuer", std::string_view subject = "subject") {
  static const Bytes spki = [] {
    auto c = load_certificates_file(data("pki/p256/server.crt"));
    ByteView s = (*c)[0]->spki_der();
    return Bytes(s.begin(), s.end());
  }();
  Bytes all;
  for (const auto& [id, critical, value] : exts)
    all =
        cat({all, seq({oid(id), critical ? Bytes{0x01, 0x01, 0xff} : Bytes{}, tlv(0x04, value)})});
  Bytes validity =
      seq({tlv(0x17, Bytes{'2', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'}),
           tlv(0x17, Bytes{'4', '9', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'})});
  Bytes alg = seq({oid("1.2.840.10045.4.3.2")});
  Bytes tbs = seq({tlv(0xa0, Bytes{0x02, 0x01, 0x02}), Bytes{0x02, 0x01, 0x07}, alg,
                   name_cn(issuer), validity, name_cn(subject), spki, tlv(0xa3, seq({all}))});
  return Certificate::parse_der(seq({tbs, alg, tlv(0x03, Bytes{0x00, 0x30, 0x00})}));
}
Result<CertPtr> with_ext(const char* id, Bytes value) {
  return synth({{id, true, std::move(value)}});
}
std::string dotted(ByteView o) {
  return *asn1::oid_to_string(o);
}

constexpr const char* kCertificatePolicies = "2.5.29.32";
constexpr const char* kPolicyMappings = "2.5.29.33";
constexpr const char* kPolicyConstraints = "2.5.29.36";
constexpr const char* kInhibitAnyPolicy = "2.5.29.54";

TEST(PolicyParsing, CertificatePolicies) {
  // Two policies, the second with a CPS pointer and a user notice (parsed, ignored).
  Bytes cps = seq({oid("1.3.6.1.5.5.7.2.1"), tlv(0x16, Bytes{'h', 't', 't', 'p'})});
  Bytes notice = seq({oid("1.3.6.1.5.5.7.2.2"), seq({tlv(0x0c, Bytes{'h', 'i'})})});
  auto c =
      with_ext(kCertificatePolicies, seq({seq({oid(kP1)}), seq({oid(kAny), seq({cps, notice})})}));
  ASSERT_TRUE(c.ok()) << error_name(c.error());
  ASSERT_EQ((*c)->policies().size(), 2u);
  EXPECT_EQ(dotted((*c)->policies()[0]), kP1);
  EXPECT_EQ(dotted((*c)->policies()[1]), kAny);
  EXPECT_FALSE((*c)->has_unhandled_critical_extension());

  const Bytes malformed[] = {
      seq({}),                                  // no PolicyInformation
      seq({seq({oid(kP1)}), seq({oid(kP1)})}),  // the same policy twice
      seq({seq({})}),                           // PolicyInformation without OID
      seq({seq({oid(kP1), seq({})})}),          // empty policyQualifiers
      seq({seq({oid(kP1), seq({seq({oid("1.3.6.1.5.5.7.2.1")})})})}),  // qualifier without value
      seq({seq({oid(kP1), seq({cps}), Bytes{0x05, 0x00}})}),           // trailing element
      seq({seq({oid(kP1), seq({tlv(0x16, Bytes{'x'})})})}),            // qualifier not a SEQUENCE
      seq({oid(kP1)}),                                                 // OID not wrapped
  };
  for (size_t i = 0; i < std::size(malformed); ++i) {
    auto bad = with_ext(kCertificatePolicies, malformed[i]);
    ASSERT_FALSE(bad.ok()) << "case " << i;
    EXPECT_EQ(bad.error(), Error::x509_bad_extension) << "case " << i;
  }
}

TEST(PolicyParsing, PolicyMappings) {
  auto c = with_ext(kPolicyMappings, seq({seq({oid(kP1), oid(kP2)}), seq({oid(kP1), oid(kAny)})}));
  ASSERT_TRUE(c.ok()) << error_name(c.error());
  ASSERT_EQ((*c)->policy_mappings().size(), 2u);
  EXPECT_EQ(dotted((*c)->policy_mappings()[0].issuer_domain), kP1);
  EXPECT_EQ(dotted((*c)->policy_mappings()[0].subject_domain), kP2);
  EXPECT_EQ(dotted((*c)->policy_mappings()[1].subject_domain), kAny);  // refused by validation
  EXPECT_FALSE((*c)->has_unhandled_critical_extension());
  const Bytes malformed[] = {
      seq({}),
      seq({seq({oid(kP1)})}),
      seq({seq({oid(kP1), oid(kP2), oid(kP2)})}),
      seq({seq({oid(kP1), Bytes{0x02, 0x01, 0x01}})}),
      seq({oid(kP1), oid(kP2)}),
  };
  for (size_t i = 0; i < std::size(malformed); ++i)
    EXPECT_FALSE(with_ext(kPolicyMappings, malformed[i]).ok()) << "case " << i;
}

TEST(PolicyParsing, PolicyConstraints) {
  auto both = with_ext(kPolicyConstraints, seq({Bytes{0x80, 0x01, 0x02}, Bytes{0x81, 0x01, 0x00}}));
  ASSERT_TRUE(both.ok()) << error_name(both.error());
  ASSERT_TRUE((*both)->policy_constraints());
  EXPECT_EQ((*both)->policy_constraints()->require_explicit_policy, 2);
  EXPECT_EQ((*both)->policy_constraints()->inhibit_policy_mapping, 0);
  EXPECT_FALSE((*both)->has_unhandled_critical_extension());
  auto only_ipm = with_ext(kPolicyConstraints, seq({Bytes{0x81, 0x01, 0x05}}));
  ASSERT_TRUE(only_ipm.ok());
  EXPECT_FALSE((*only_ipm)->policy_constraints()->require_explicit_policy);
  EXPECT_EQ((*only_ipm)->policy_constraints()->inhibit_policy_mapping, 5);
  const Bytes malformed[] = {
      seq({}),                                                  // empty: RFC 5280 §4.2.1.11
      seq({Bytes{0x81, 0x01, 0x00}, Bytes{0x80, 0x01, 0x00}}),  // out of order
      seq({Bytes{0x80, 0x01, 0xff}}),                           // negative SkipCerts
      seq({Bytes{0x02, 0x01, 0x01}}),                           // universal INTEGER tag
      seq({Bytes{0x80, 0x01, 0x01}, Bytes{0x80, 0x01, 0x01}}),  // [0] twice
      Bytes{0x80, 0x01, 0x01},                                  // not a SEQUENCE
  };
  for (size_t i = 0; i < std::size(malformed); ++i)
    EXPECT_FALSE(with_ext(kPolicyConstraints, malformed[i]).ok()) << "case " << i;
}

TEST(PolicyParsing, InhibitAnyPolicy) {
  auto c = with_ext(kInhibitAnyPolicy, Bytes{0x02, 0x01, 0x03});
  ASSERT_TRUE(c.ok()) << error_name(c.error());
  EXPECT_EQ((*c)->inhibit_any_policy(), 3);
  EXPECT_FALSE((*c)->has_unhandled_critical_extension());
  EXPECT_FALSE(with_ext(kInhibitAnyPolicy, Bytes{0x02, 0x01, 0xff}).ok());        // negative
  EXPECT_FALSE(with_ext(kInhibitAnyPolicy, Bytes{0x04, 0x01, 0x03}).ok());        // not INTEGER
  EXPECT_FALSE(with_ext(kInhibitAnyPolicy, Bytes{0x02, 0x01, 0x03, 0x00}).ok());  // trailing
}

// --- policy processing over the generated chains ---
struct Outcome {
  bool ok;
  std::vector<std::string> policies;
  uint32_t flags;
  std::string error;
};

Outcome run(const std::string& name, std::vector<const char*> initial = {kAny},
            bool explicit_policy = false, bool inhibit_mapping = false, bool inhibit_any = false) {
  TrustStore trust;
  EXPECT_TRUE(trust.add_file(data("policy/root.crt")).ok());
  auto chain = load_certificates_file(data("policy/" + name + ".crt"));
  EXPECT_TRUE(chain.ok()) << name;
  if (!chain.ok()) return {};
  VerifyOptions o;
  o.trust = &trust;
  o.now = kNow;
  o.policy.initial_policies.clear();
  for (const char* p : initial) o.policy.initial_policies.push_back(*asn1::oid_from_string(p));
  o.policy.explicit_policy = explicit_policy;
  o.policy.inhibit_policy_mapping = inhibit_mapping;
  o.policy.inhibit_any_policy = inhibit_any;
  VerifyResult r = verify_chain(*chain, o);
  EXPECT_EQ(r.path.size(), chain->size() + 1) << name << ": path did not reach the root";
  Outcome out{r.ok(), {}, r.flags, r.policy_error};
  for (const auto& p : r.policies) out.policies.push_back(dotted(p));
  // A policy failure is BADCERT_OTHER and nothing else, with a reason; success has no reason.
  if (!r.ok()) {
    EXPECT_EQ(r.flags, flag::kOther) << name;
  }
  EXPECT_EQ(r.ok(), r.policy_error.empty()) << name << ": " << r.policy_error;
  return out;
}
using Set = std::vector<std::string>;

TEST(PolicyProcessing, Pkits48CertificatePolicies) {
  // 4.8.1 All Certificates Same Policy Test1
  EXPECT_EQ(run("same-policy").policies, Set{kP1});
  EXPECT_TRUE(run("same-policy").ok);
  EXPECT_EQ(run("same-policy", {kP1}, true).policies, Set{kP1});
  EXPECT_TRUE(run("same-policy", {kP1}, true).ok);
  EXPECT_FALSE(run("same-policy", {kP2}, true).ok);
  EXPECT_TRUE(run("same-policy", {kP2}).ok);  // no explicit policy: valid, empty set
  EXPECT_EQ(run("same-policy", {kP2}).policies, Set{});
  EXPECT_EQ(run("same-policy", {kP1, kP2}, true).policies, Set{kP1});
  // 4.8.2 All Certificates No Policies Test2
  EXPECT_TRUE(run("no-policies").ok);
  EXPECT_EQ(run("no-policies").policies, Set{});
  EXPECT_FALSE(run("no-policies", {kAny}, true).ok);
  // 4.8.3 Different Policies Test3 (CA P2, EE P1)
  EXPECT_TRUE(run("different-policies").ok);
  EXPECT_EQ(run("different-policies").policies, Set{});
  EXPECT_FALSE(run("different-policies", {kAny}, true).ok);
  // 4.8.4 Different Policies Test4 (CA P1, sub-CA P1, EE P2)
  EXPECT_FALSE(run("different-policies-deep", {kAny}, true).ok);
  // 4.8.6 Overlapping Policies Test6 (CA P1 P2, sub-CA P1, EE P1 P2)
  EXPECT_EQ(run("overlapping-policies").policies, Set{kP1});
  EXPECT_FALSE(run("overlapping-policies", {kP2}, true).ok);
  // 4.8.10 All Certificates Same Policies Test10
  EXPECT_EQ(run("same-policies-two").policies, (Set{kP1, kP2}));
  EXPECT_EQ(run("same-policies-two", {kP1}, true).policies, Set{kP1});
  EXPECT_EQ(run("same-policies-two", {kP2}, true).policies, Set{kP2});
  // 4.8.14 AnyPolicy Test14 (CA anyPolicy, EE P1)
  EXPECT_EQ(run("any-policy", {kP1}, true).policies, Set{kP1});
  EXPECT_FALSE(run("any-policy", {kP2}, true).ok);
  // 4.8.18 User Notice Qualifier Test18 (CPS and user notice qualifiers are ignored)
  EXPECT_EQ(run("qualifiers", {kP1}, true).policies, Set{kP1});
}

TEST(PolicyProcessing, Pkits49RequireExplicitPolicy) {
  // 4.9.1 Valid RequireExplicitPolicy Test1: requireExplicitPolicy 4 never reached
  EXPECT_TRUE(run("require-explicit-later").ok);
  // 4.9.3 Invalid RequireExplicitPolicy Test3: requireExplicitPolicy 0, sub-CA without policies
  auto now = run("require-explicit-now");
  EXPECT_FALSE(now.ok);
  EXPECT_NE(now.error.find("certificate 2 of 3"), std::string::npos) << now.error;
  // 4.9.6 Valid Self-Issued requireExplicitPolicy Test6: a self-issued CA does not count
  EXPECT_TRUE(run("require-explicit-self-issued").ok);
  // 4.9.7 Invalid Self-Issued requireExplicitPolicy Test7: a sub-CA below it does
  EXPECT_FALSE(run("require-explicit-self-issued-deep").ok);
  // RFC 5280 §6.1.5 (b): requireExplicitPolicy 0 in the end entity itself
  EXPECT_FALSE(run("require-explicit-in-ee").ok);
}

TEST(PolicyProcessing, Pkits410PolicyMappings) {
  // 4.10.1 Valid Policy Mapping Test1 (CA P1 maps P1 -> P2, EE P2); the set is in the anchor's
  // domain
  EXPECT_EQ(run("mapping", {kP1}, true).policies, Set{kP1});
  EXPECT_EQ(run("mapping").policies, Set{kP1});
  EXPECT_FALSE(run("mapping", {kP2}, true).ok);
  // 4.10.1 again, with initial-policy-mapping-inhibit: invalid
  auto inhibited = run("mapping", {kAny}, true, true);
  EXPECT_FALSE(inhibited.ok);
  EXPECT_NE(inhibited.error.find("policy mapping inhibited"), std::string::npos);
  // §6.1.4 (b)(1): the mapped policy hangs off the anyPolicy node (CA asserts anyPolicy)
  EXPECT_EQ(run("mapping-through-any", {kP1}, true).policies, Set{kP1});
  // one issuer policy mapped to two subject policies
  EXPECT_EQ(run("mapping-one-to-many", {kP1}, true).policies, Set{kP1});
  // 4.10.7 Invalid Mapping From anyPolicy Test7, 4.10.8 Invalid Mapping To anyPolicy Test8
  auto from_any = run("mapping-from-any");
  EXPECT_FALSE(from_any.ok);
  EXPECT_NE(from_any.error.find("maps anyPolicy"), std::string::npos);
  EXPECT_FALSE(run("mapping-to-any").ok);
}

TEST(PolicyProcessing, Pkits411InhibitPolicyMapping) {
  // 4.11.1 Invalid inhibitPolicyMapping Test1: inhibitPolicyMapping 0 above the mapping CA
  EXPECT_FALSE(run("inhibit-mapping", {kAny}, true).ok);
  EXPECT_TRUE(run("inhibit-mapping").ok);
  EXPECT_EQ(run("inhibit-mapping").policies, Set{});
  // 4.11.2 Valid inhibitPolicyMapping Test2: inhibitPolicyMapping 1 allows the next mapping
  EXPECT_EQ(run("inhibit-mapping-later", {kP1}, true).policies, Set{kP1});
  // 4.11.3 Invalid inhibitPolicyMapping Test3: ... but not the one after it
  EXPECT_FALSE(run("inhibit-mapping-later-deep", {kAny}, true).ok);
}

TEST(PolicyProcessing, Pkits412InhibitAnyPolicy) {
  // 4.12.1 Invalid inhibitAnyPolicy Test1: inhibitAnyPolicy 0, sub-CA asserts only anyPolicy
  EXPECT_FALSE(run("inhibit-any", {kAny}, true).ok);
  EXPECT_TRUE(run("inhibit-any").ok);
  EXPECT_EQ(run("inhibit-any").policies, Set{});
  // 4.12.2 Valid inhibitAnyPolicy Test2: inhibitAnyPolicy 1 lets the sub-CA's anyPolicy count
  EXPECT_EQ(run("inhibit-any-later", {kP1}, true).policies, Set{kP1});
  // 4.12.3 inhibitAnyPolicy Test3 (end entity asserting only anyPolicy after the skip count)
  EXPECT_FALSE(run("inhibit-any-later-ee-any", {kAny}, true).ok);
  // 4.12.7 Valid Self-Issued inhibitAnyPolicy Test7: a self-issued CA does not count
  EXPECT_EQ(run("inhibit-any-self-issued", {kP1}, true).policies, Set{kP1});
  // 4.12 with initial-any-policy-inhibit: the CA's anyPolicy matches nothing
  EXPECT_FALSE(run("any-policy-ca-only", {kAny}, true, false, true).ok);
  EXPECT_EQ(run("any-policy-ca-only", {kAny}, true).policies, Set{kP1});
}

TEST(PolicyProcessing, CriticalPolicyExtensionsAreProcessed) {
  for (const char* name :
       {"same-policy", "mapping", "inhibit-mapping", "inhibit-any", "require-explicit-now"}) {
    auto chain = load_certificates_file(data(std::string("policy/") + name + ".crt"));
    ASSERT_TRUE(chain.ok());
    for (const auto& c : *chain) EXPECT_FALSE(c->has_unhandled_critical_extension()) << name;
  }
}

TEST(PolicyProcessing, DefaultsLeaveOrdinaryChainsAlone) {
  TrustStore trust;
  ASSERT_TRUE(trust.add_file(data("pki/p256/ca.crt")).ok());
  auto chain = load_certificates_file(data("pki/p256/server-chain.crt"));
  ASSERT_TRUE(chain.ok());
  VerifyOptions o;
  o.trust = &trust;
  o.now = kNow;
  VerifyResult r = verify_chain(*chain, o);
  EXPECT_EQ(r.flags, 0u);
  EXPECT_TRUE(r.policies.empty());
  EXPECT_TRUE(r.policy_error.empty());
  o.policy.explicit_policy = true;  // the same chain has no policies at all
  EXPECT_EQ(verify_chain(*chain, o).flags, flag::kOther);
}

// --- the tree representation and its bound, on synthetic certificates ---
std::string test_policy(int i) {
  return "2.999." + std::to_string(i);
}
Bytes policies_ext(int first, int count) {
  Bytes all;
  for (int i = first; i < first + count; ++i) {
    Bytes one = seq({oid(test_policy(i))});
    all.insert(all.end(), one.begin(), one.end());
  }
  return tlv(0x30, all);
}
Bytes mappings_all_to_all(int count) {
  Bytes all;
  for (int i = 0; i < count; ++i) {
    for (int j = 0; j < count; ++j) {
      Bytes one = seq({oid(test_policy(i)), oid(test_policy(j))});
      all.insert(all.end(), one.begin(), one.end());
    }
  }
  return tlv(0x30, all);
}

TEST(PolicyProcessing, ManyMappingsDoNotGrowExponentially) {
  // Six CAs each asserting 8 policies and mapping each to all 8: RFC 5280's literal tree would
  // hold 8^6 leaves (the CVE-2023-0464 shape); one node per (depth, policy) holds 8 per depth.
  std::vector<CertPtr> certs;
  for (int i = 0; i < 6; ++i) {
    auto c = synth({{kCertificatePolicies, true, policies_ext(0, 8)},
                    {kPolicyMappings, true, mappings_all_to_all(8)}},
                   "CA" + std::to_string(i), "CA" + std::to_string(i + 1));
    ASSERT_TRUE(c.ok()) << error_name(c.error());
    certs.push_back(*c);
  }
  auto ee = synth({{kCertificatePolicies, false, policies_ext(3, 1)}}, "CA6", "EE");
  ASSERT_TRUE(ee.ok());
  certs.push_back(*ee);
  std::vector<const Certificate*> path;
  for (const auto& c : certs) path.push_back(c.get());
  PolicyOptions o;
  o.explicit_policy = true;
  auto out = process_policies(path, o);
  ASSERT_TRUE(out.ok) << out.reason;
  EXPECT_EQ(out.policies.size(), 8u);  // every one of the first CA's policies reaches the EE
}

TEST(PolicyProcessing, TreeSizeIsBounded) {
  // 130 policies each mapped to all 130 (16,900 mappings) make 16,900 parent links at the next
  // depth: over kMaxPolicyTreeSize, refused with a reason instead of evaluated.
  auto ca = synth({{kCertificatePolicies, true, policies_ext(0, 130)},
                   {kPolicyMappings, true, mappings_all_to_all(130)}},
                  "CA0", "CA1");
  ASSERT_TRUE(ca.ok()) << error_name(ca.error());
  auto sub = synth({{kCertificatePolicies, true, policies_ext(0, 130)}}, "CA1", "CA2");
  auto ee = synth({{kCertificatePolicies, false, policies_ext(0, 1)}}, "CA2", "EE");
  ASSERT_TRUE(sub.ok() && ee.ok());
  std::vector<const Certificate*> path = {ca->get(), sub->get(), ee->get()};
  auto out = process_policies(path, PolicyOptions{});
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.reason.find("policy tree larger than"), std::string::npos) << out.reason;
}

}  // namespace
}  // namespace ember::x509
