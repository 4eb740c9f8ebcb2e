// Revocation checking with CRLs (RFC 5280 §6.3) and the profile and signature checks that path
// validation shares with it (private to src/x509/).
#pragma once

#include <span>
#include <tuple>
#include <vector>

#include "ember/x509/verify.hpp"

namespace ember::x509 {

// Profile rules (verify.cpp).
bool md_allowed(const ProfileRules& p, const SignatureAlgorithm& a);
bool pk_allowed(const ProfileRules& p, crypto::KeyType t);
bool key_allowed(const ProfileRules& p, const Certificate& c);
bool same_der(const Certificate& a, const Certificate& b);
// True when signer's public key verifies sig over tbs with alg (key type checked).
bool signed_by(const SignatureAlgorithm& alg, ByteView tbs, ByteView sig,
               const Certificate& signer);
// Mbed TLS's x509_crt_check_parent, plus: a v1/v2 parent is accepted without basicConstraints
// only when it is a trust anchor (top).
bool could_be_parent(const Certificate& child, const Certificate& parent, bool top);

// The CRL check of one certificate of a path, with Mbed TLS 2.28 flags. One checker serves one
// verify_chain call (it caches signature results by address).
class RevocationChecker {
 public:
  RevocationChecker(const VerifyOptions& o, std::span<const CertPtr> peer, int64_t now);

  // Flags for cert, issued by issuer on a path that ends at anchor (nullptr: no trust anchor
  // was reached). strict: a status the CRLs do not determine is kCrlNotTrusted.
  uint32_t check(const Certificate& cert, const Certificate& issuer, const Certificate* anchor,
                 bool strict) const;

 private:
  struct State;
  void apply(const Certificate& cert, const DistributionPoint& dp, const Crl& crl, State& st) const;
  const Certificate* find_signer(const Crl& crl, State& st) const;
  const Crl* find_delta(const Crl& base, State& st) const;
  bool chains_to_anchor(const Certificate& c, const Certificate* anchor, int depth) const;
  bool signer_revoked(const Certificate& c, const Certificate& issuer,
                      const Certificate* anchor) const;
  bool crl_signed_by(const Crl& crl, const Certificate& signer) const;
  bool cert_signed_by(const Certificate& child, const Certificate& parent) const;

  const TrustStore* trust_;
  std::span<const CertPtr> peer_;
  const ProfileRules& rules_;
  int64_t now_;
  int max_depth_;
  mutable int budget_ = 0;
  mutable int nested_ = 0;
  mutable std::vector<std::tuple<const void*, const Certificate*, bool>> sig_cache_;
};

}  // namespace ember::x509
