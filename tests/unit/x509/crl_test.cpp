// Revocation with CRLs (RFC 5280 §5, §6.3) over the chains and CRLs of tests/data/crl
// (make-crl-cases.sh): loading bundles with unusable CRLs, IDP scopes, reasons masks, delta
// CRLs, indirect CRLs, CRL signers found by path (separate CRL keys, self-issued key rollover)
// and the strict modes of VerifyOptions::crl_check. Each case names the NIST PKITS 1.0.1 test
// whose situation it mirrors (our own certificates: the shape and the expected outcome follow
// PKITS, not the bytes).
#include <gtest/gtest.h>

#include "ember/x509/verify.hpp"

namespace ember::x509 {
namespace {

std::string data(const std::string& rel) {
  return std::string(EMBER_TEST_DATA_DIR) + "/crl/" + rel;
}

constexpr int64_t kNow = 1906502400;  // 2030-06-01T00:00:00Z

uint32_t verify(const std::string& chain, std::initializer_list<const char*> crls,
                CrlCheck mode = CrlCheck::if_present) {
  TrustStore trust;
  EXPECT_TRUE(trust.add_file(data("root.crt")).ok());
  EXPECT_TRUE(trust.add_file(data("other-root.crt")).ok());
  for (const char* c : crls) EXPECT_TRUE(trust.add_crl_file(data(c)).ok()) << c;
  auto certs = load_certificates_file(data(chain));
  EXPECT_TRUE(certs.ok()) << chain;
  if (!certs) return 0xffffffffu;
  VerifyOptions o;
  o.trust = &trust;
  o.now = kNow;
  o.crl_check = mode;
  return verify_chain(*certs, o).flags;
}

// Flags per certificate (depth 0 = leaf ... trust anchor) as a verify callback sees them, with
// CrlCheck::all.
std::vector<uint32_t> depth_flags(const std::string& chain,
                                  std::initializer_list<const char*> crls) {
  TrustStore trust;
  EXPECT_TRUE(trust.add_file(data("root.crt")).ok());
  for (const char* c : crls) EXPECT_TRUE(trust.add_crl_file(data(c)).ok()) << c;
  auto certs = load_certificates_file(data(chain));
  EXPECT_TRUE(certs.ok()) << chain;
  if (!certs) return {};
  std::vector<uint32_t> out(4, 0);
  VerifyOptions o;
  o.trust = &trust;
  o.now = kNow;
  o.crl_check = CrlCheck::all;
  o.callback = [&](const Certificate&, int depth, uint32_t& flags) {
    if (depth >= 0 && depth < 4) out[static_cast<size_t>(depth)] = flags;
    return 0;
  };
  verify_chain(*certs, o);
  return out;
}

constexpr auto kLeaf = CrlCheck::leaf;
constexpr auto kAll = CrlCheck::all;

TEST(CrlLoad, UnusableCrlsLoadWithTheOthers) {
  // Issue 19 item 14: one CRL that cannot be used never fails the file.
  auto crls = load_crl_file(data("bundle-mixed.crl"));
  ASSERT_TRUE(crls.ok());
  ASSERT_EQ(crls->size(), 6u);
  const auto& v = *crls;
  EXPECT_FALSE(v[0]->usable());
  EXPECT_NE(v[0]->unusable_reason().find("unsupported critical extension"), std::string::npos);
  EXPECT_FALSE(v[1]->usable());  // DSA
  EXPECT_FALSE(v[1]->signature_supported());
  EXPECT_NE(v[1]->unusable_reason().find("unsupported signature algorithm"), std::string::npos);
  EXPECT_TRUE(v[2]->usable());  // a bad signature is found at verification
  EXPECT_TRUE(v[3]->is_delta());
  EXPECT_FALSE(v[4]->usable());
  EXPECT_NE(v[4]->unusable_reason().find("critical entry extension"), std::string::npos);
  EXPECT_TRUE(v[5]->usable());
  ASSERT_TRUE(v[5]->crl_number().has_value());
  auto crit = load_crl_file(data("ca-crit-number.crl"));
  ASSERT_TRUE(crit.ok());
  EXPECT_EQ((*crit)[0]->unusable_reason(), "critical cRLNumber");  // RFC 5280 §5.2.3
  EXPECT_EQ(*v[5]->crl_number(), Bytes{10});
}

TEST(CrlVerify, CompleteCrl) {
  EXPECT_EQ(verify("good.crt", {"ca.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("hold.crt", {"ca.crl"}), flag::kRevoked);  // certificateHold revokes
  EXPECT_EQ(verify("good.crt", {}), 0u);  // Mbed TLS: no CRL of the issuer, not revoked
}

// PKITS 4.4.x / 4.14.x invalid-CRL cases: an unusable CRL cannot prove "not revoked".
TEST(CrlVerify, UnusableCrlMakesStatusUnknown) {
  for (const char* crl :
       {"ca-crit-ext.crl", "ca-crit-entry.crl", "ca-crit-number.crl", "ca-dsa.crl", "ca-badsig.crl",
        "ca-delta-nobase.crl", "bundle-unusable.crl"}) {
    SCOPED_TRACE(crl);
    EXPECT_EQ(verify("good.crt", {crl}), flag::kCrlNotTrusted);
    EXPECT_EQ(verify("revoked.crt", {crl}), flag::kCrlNotTrusted);
    EXPECT_EQ(verify("good.crt", {crl, "ca.crl"}), 0u);  // a usable CRL settles it
  }
  EXPECT_EQ(verify("good.crt", {"bundle-mixed.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"bundle-mixed.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("hold.crt", {"bundle-mixed.crl"}, kAll), flag::kCrlNotTrusted | flag::kRevoked);
}

// PKITS 4.14.x: onlyContainsUserCerts / onlyContainsCACerts / onlyContainsAttributeCerts.
TEST(CrlVerify, IdpOnlyContainsScopes) {
  EXPECT_EQ(verify("revoked.crt", {"ca-user.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("good.crt", {"ca-user.crl"}, kLeaf), 0u);
  // The onlyCA CRL lists 0x102 but does not cover end entities.
  EXPECT_EQ(verify("revoked.crt", {"ca-ca.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca-ca.crl"}, kLeaf), flag::kCrlNotTrusted);
  // It does cover the sub CA (serial 0x20, listed), and the user CRL does not.
  EXPECT_EQ(verify("sub-ee.crt", {"ca-ca.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("sub-ee.crt", {"ca-user.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca-attr.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca-attr.crl"}, kLeaf), flag::kCrlNotTrusted);
}

// PKITS 4.14.x onlySomeReasons: the reasons mask accumulates over CRLs (§6.3.3 (c)-(d)).
TEST(CrlVerify, OnlySomeReasons) {
  EXPECT_EQ(verify("revoked.crt", {"ca-reasons-key.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("good.crt", {"ca-reasons-key.crl"}), 0u);
  EXPECT_EQ(verify("good.crt", {"ca-reasons-key.crl"}, kLeaf), flag::kCrlNotTrusted);
  EXPECT_EQ(verify("good.crt", {"ca-reasons-key.crl", "ca-reasons-rest.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("hold.crt", {"ca-reasons-key.crl", "ca-reasons-rest.crl"}), flag::kRevoked);
}

// PKITS 4.14.x distribution point names: the leaves' DP is http://crl.example/ca.crl.
TEST(CrlVerify, DistributionPointNames) {
  EXPECT_EQ(verify("revoked.crt", {"ca-idp-name.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("good.crt", {"ca-idp-name.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca-idp-other.crl"}), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca-idp-other.crl"}, kLeaf), flag::kCrlNotTrusted);
  // nameRelativeToCRLIssuer (CN=part1 under CN=CRL CA), in the certificate and in the IDP, and
  // the same name as a full directoryName.
  EXPECT_EQ(verify("rel.crt", {"ca-idp-rel.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("rel.crt", {"ca-idp-dirname.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("rel.crt", {"ca-idp-rel-other.crl"}), 0u);
  EXPECT_EQ(verify("rel.crt", {"ca-idp-rel-other.crl"}, kLeaf), flag::kCrlNotTrusted);
  EXPECT_EQ(verify("revoked.crt", {"ca-idp-rel.crl"}, kLeaf), flag::kCrlNotTrusted);
  // The sub CA certificate has no cRLDistributionPoints: a CRL with an IDP name does not
  // cover it (depth 1), ca.crl does; nothing covers its end entity (depth 0).
  EXPECT_EQ(depth_flags("sub-ee.crt", {"ca-idp-name.crl", "root.crl"}),
            (std::vector<uint32_t>{flag::kCrlNotTrusted, flag::kCrlNotTrusted, 0, 0}));
  EXPECT_EQ(depth_flags("sub-ee.crt", {"ca.crl", "root.crl"}),
            (std::vector<uint32_t>{flag::kCrlNotTrusted, 0, 0, 0}));
}

// PKITS 4.15.x delta CRLs (§5.2.4): removeFromCRL takes a hold back, a delta revokes, a delta
// needs its base.
TEST(CrlVerify, DeltaCrls) {
  EXPECT_EQ(verify("hold.crt", {"ca.crl", "ca-delta.crl"}), 0u);
  EXPECT_EQ(verify("hold.crt", {"ca-delta.crl", "ca.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("later.crt", {"ca.crl"}), 0u);
  EXPECT_EQ(verify("later.crt", {"ca.crl", "ca-delta.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("revoked.crt", {"ca.crl", "ca-delta.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("good.crt", {"ca.crl", "ca-delta.crl"}, kLeaf), 0u);
  // A delta alone (or with the wrong base) proves nothing.
  EXPECT_EQ(verify("later.crt", {"ca-delta.crl"}), flag::kCrlNotTrusted);
  EXPECT_EQ(verify("later.crt", {"ca-delta-nobase.crl"}), flag::kCrlNotTrusted);
  EXPECT_EQ(verify("later.crt", {"ca.crl", "ca-delta-nobase.crl"}), 0u);
  EXPECT_EQ(verify("hold.crt", {"ca.crl", "ca-delta-expired.crl"}), flag::kCrlExpired);
}

// PKITS 4.14.x indirect CRLs: cRLIssuer in the DP, indirectCRL in the IDP, certificateIssuer
// entries.
TEST(CrlVerify, IndirectCrls) {
  EXPECT_EQ(verify("ind-revoked.crt", {"indirect.crl"}), flag::kRevoked);
  // 0x111 is on the CRL for another CA.
  EXPECT_EQ(verify("ind-good.crt", {"indirect.crl"}, kLeaf), 0u);
  // A CRL from the named CRL issuer that is not marked indirect does not cover them.
  EXPECT_EQ(verify("ind-revoked.crt", {"indirect-not-flagged.crl"}), 0u);
  EXPECT_EQ(verify("ind-revoked.crt", {"indirect-not-flagged.crl"}, kLeaf), flag::kCrlNotTrusted);
  // The certificate's own CA is not its CRL issuer.
  EXPECT_EQ(verify("ind-good.crt", {"ca.crl"}, kLeaf), flag::kCrlNotTrusted);
  // A cRLIssuer naming the certificate's own CA needs no indirect CRL.
  EXPECT_EQ(verify("own-crl-issuer.crt", {"ca-own.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("own-crl-issuer.crt", {"indirect.crl"}, kLeaf), flag::kCrlNotTrusted);
  // No certificate of the CRL issuer: its CRL cannot be verified.
  EXPECT_EQ(verify("ind-no-issuer-cert.crt", {"indirect.crl"}), flag::kCrlNotTrusted);
}

// PKITS 4.4.19 (separate certificate and CRL keys) and its invalid counterpart: the CRL signer
// is found by path (§6.3.3 (f)), to the same trust anchor.
TEST(CrlVerify, SeparateCrlSigningKey) {
  EXPECT_EQ(verify("sepkey-good.crt", {"ca-sepkey.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("sepkey-revoked.crt", {"ca-sepkey.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("good.crt", {"ca-sepkey.crl"}), flag::kCrlNotTrusted);  // signer unknown
  // PKITS 4.4.20: the CRL-signing certificate is itself revoked.
  EXPECT_EQ(verify("sepkey-good.crt", {"ca-sepkey.crl", "root-revokes-crl-signer.crl"}),
            flag::kCrlNotTrusted);
  EXPECT_EQ(verify("sepkey-revoked.crt", {"ca-sepkey.crl", "root-revokes-crl-signer.crl"}),
            flag::kCrlNotTrusted);
  EXPECT_EQ(verify("sepkey-good.crt", {"ca-sepkey.crl", "root.crl"}, kAll), 0u);
  // A CRL-signing certificate of the same name under another trust anchor is not the signer.
  EXPECT_EQ(verify("otherkey-good.crt", {"ca-otherkey.crl"}), flag::kCrlNotTrusted);
}

// PKITS 4.5.x: the CA rolled over to a new key; certificates issued with the old key, CRL signed
// with the new one, the old key certified by the new (self-issued).
TEST(CrlVerify, SelfIssuedKeyRollover) {
  EXPECT_EQ(verify("roll-good.crt", {"roll.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("roll-revoked.crt", {"roll.crl"}), flag::kRevoked);
  EXPECT_EQ(verify("roll-good.crt", {"roll.crl", "root.crl"}, kAll), 0u);
  EXPECT_EQ(verify("roll-good.crt", {"roll.crl"}, kAll), flag::kCrlNotTrusted);
}

// Issue 19 item 15: strict modes.
TEST(CrlVerify, StrictModes) {
  EXPECT_EQ(verify("good.crt", {}, kLeaf), flag::kCrlNotTrusted);
  EXPECT_EQ(verify("good.crt", {"root.crl"}), 0u);
  EXPECT_EQ(verify("good.crt", {"root.crl"}, kLeaf), flag::kCrlNotTrusted);  // other issuer
  EXPECT_EQ(verify("good.crt", {"ca.crl"}, kLeaf), 0u);
  EXPECT_EQ(verify("good.crt", {"ca.crl"}, kAll), flag::kCrlNotTrusted);  // the CA's status
  EXPECT_EQ(verify("good.crt", {"ca.crl", "root.crl"}, kAll), 0u);
  EXPECT_EQ(verify("revoked.crt", {"ca.crl", "root.crl"}, kAll), flag::kRevoked);
  EXPECT_EQ(verify("sub-ee.crt", {"ca.crl", "root.crl"}, kAll), flag::kCrlNotTrusted);
}

TEST(CrlVerify, StrictModeWithoutTrustStoreCrls) {
  TrustStore trust;
  ASSERT_TRUE(trust.add_file(data("root.crt")).ok());
  auto certs = load_certificates_file(data("good.crt"));
  ASSERT_TRUE(certs.ok());
  VerifyOptions o;
  o.trust = &trust;
  o.now = kNow;
  VerifyResult r = verify_chain(*certs, o);
  EXPECT_TRUE(r.ok());
  o.crl_check = CrlCheck::all;
  r = verify_chain(*certs, o);
  EXPECT_EQ(r.flags, flag::kCrlNotTrusted);
  EXPECT_EQ(r.path.size(), 3u);  // the path is still reported
}

}  // namespace
}  // namespace ember::x509
