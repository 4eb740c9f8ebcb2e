// CRL revocation checking (RFC 5280 §6.3.3), flagged the Mbed TLS 2.28 way: kRevoked for a
// revoked certificate, kCrlNotTrusted when the CRLs that cover it cannot be used (or, in strict
// mode, do not settle its status), kCrlExpired / kCrlFuture / kCrlBadMd / kCrlBadPk / kBadKey for
// the CRLs it was checked against.
#include "x509/revocation.hpp"

#include <algorithm>
#include <cstring>

namespace ember::x509 {

namespace {

bool same_general_name(const GeneralName& a, const GeneralName& b) {
  if (a.type != b.type) return false;
  if (a.type != GeneralNameType::directory) return a.value == b.value;
  auto na = Name::parse(a.value);
  auto nb = Name::parse(b.value);
  return na && nb && na->matches(*nb);
}

bool any_common(const std::vector<GeneralName>& a, const std::vector<GeneralName>& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (same_general_name(x, y)) return true;
  return false;
}

bool names_directory(const std::vector<GeneralName>& names, const Name& n) {
  for (const auto& gn : names) {
    if (gn.type != GeneralNameType::directory) continue;
    auto parsed = Name::parse(gn.value);
    if (parsed && parsed->matches(n)) return true;
  }
  return false;
}

void put_tlv(Bytes& out, uint8_t tag, ByteView contents) {
  out.push_back(tag);
  size_t n = contents.size();
  if (n < 0x80) {
    out.push_back(static_cast<uint8_t>(n));
  } else {
    int len_bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
    out.push_back(static_cast<uint8_t>(0x80 | len_bytes));
    for (int i = len_bytes; i-- > 0;) out.push_back(static_cast<uint8_t>(n >> (8 * i)));
  }
  out.insert(out.end(), contents.begin(), contents.end());
}

// A DistributionPointName as general names: fullName, or nameRelativeToCRLIssuer appended to
// base (the CRL issuer) as a directoryName (RFC 5280 §4.2.1.13, §5.2.5).
std::vector<GeneralName> full_names(const DistributionPointName& dpn, const Name& base) {
  if (!dpn.relative_rdn) return dpn.full_name;
  ByteView base_der = base.der();
  if (base_der.size() < 2) return {};
  // The base Name's contents (after its SEQUENCE header), then the extra RDN as one more SET.
  size_t header = (base_der[1] & 0x80) != 0 ? 2u + (base_der[1] & 0x7fu) : 2u;
  Bytes contents(base_der.begin() + static_cast<long>(std::min(header, base_der.size())),
                 base_der.end());
  put_tlv(contents, 0x31, *dpn.relative_rdn);
  Bytes name;
  put_tlv(name, 0x30, contents);
  return {GeneralName{GeneralNameType::directory, std::move(name)}};
}

bool same_dp_name(const std::optional<DistributionPointName>& a,
                  const std::optional<DistributionPointName>& b) {
  if (!a || !b) return !a && !b;
  if (a->relative_rdn != b->relative_rdn || a->full_name.size() != b->full_name.size())
    return false;
  for (size_t i = 0; i < a->full_name.size(); ++i)
    if (!same_general_name(a->full_name[i], b->full_name[i])) return false;
  return true;
}

// A delta CRL and its base cover the same scope (RFC 5280 §5.2.4).
bool same_scope(const Crl& a, const Crl& b) {
  const auto& x = a.issuing_distribution_point();
  const auto& y = b.issuing_distribution_point();
  if (!x || !y) return !x && !y;
  return same_dp_name(x->name, y->name) && x->only_user_certs == y->only_user_certs &&
         x->only_ca_certs == y->only_ca_certs &&
         x->only_attribute_certs == y->only_attribute_certs && x->indirect == y->indirect &&
         x->reasons == y->reasons;
}

// RFC 5280 §6.3.3 (b): crl covers cert for distribution point dp.
bool in_scope(const Certificate& cert, const DistributionPoint& dp, const Crl& crl) {
  if (!dp.crl_issuer.empty()) {
    // A cRLIssuer naming the certificate's own issuer asks for nothing indirect.
    bool own = crl.issuer().matches(cert.issuer());
    if ((!crl.indirect() && !own) || !names_directory(dp.crl_issuer, crl.issuer())) return false;
  } else if (!crl.issuer().matches(cert.issuer())) {
    return false;
  }
  const auto& idp = crl.issuing_distribution_point();
  if (!idp) return true;
  if (idp->name) {
    auto idp_names = full_names(*idp->name, crl.issuer());
    if (dp.name) {
      // A relative name in the certificate's DP is relative to its CRL issuer (RFC 5280
      // §4.2.1.13): the cRLIssuer when present, the certificate issuer otherwise.
      Name base = cert.issuer();
      for (const auto& gn : dp.crl_issuer) {
        if (gn.type != GeneralNameType::directory) continue;
        if (auto n = Name::parse(gn.value)) base = std::move(*n);
        break;
      }
      if (!any_common(idp_names, full_names(*dp.name, base))) return false;
    } else if (dp.crl_issuer.empty() || !any_common(idp_names, dp.crl_issuer)) {
      return false;  // no DP name to compare the IDP's with (what OpenSSL also does)
    }
  }
  if (idp->only_user_certs && cert.is_ca()) return false;
  if (idp->only_ca_certs && !cert.is_ca()) return false;
  return !idp->only_attribute_certs;
}

}  // namespace

struct RevocationChecker::State {
  const Certificate& issuer;
  const Certificate* anchor;
  uint16_t mask = 0;  // reasons_mask
  bool revoked = false;
  bool unusable = false;  // a CRL in scope could not be used
  uint32_t flags = 0;
  std::vector<const Crl*> deltas_used;
};

RevocationChecker::RevocationChecker(const VerifyOptions& o, std::span<const CertPtr> peer,
                                     int64_t now)
    : trust_(o.trust),
      peer_(peer),
      rules_(profile_rules(o.profile)),
      now_(now),
      max_depth_(o.max_intermediates) {}

bool RevocationChecker::crl_signed_by(const Crl& crl, const Certificate& signer) const {
  for (const auto& [c, s, ok] : sig_cache_)
    if (c == &crl && s == &signer) return ok;
  const auto& alg = crl.signature_algorithm();
  bool ok = crl.signature_supported() && signed_by(alg, crl.tbs(), crl.signature(), signer);
  sig_cache_.emplace_back(&crl, &signer, ok);
  return ok;
}

bool RevocationChecker::cert_signed_by(const Certificate& child, const Certificate& parent) const {
  for (const auto& [c, s, ok] : sig_cache_)
    if (c == &child && s == &parent) return ok;
  bool ok = signed_by(child.signature_algorithm(), child.tbs(), child.signature(), parent);
  sig_cache_.emplace_back(&child, &parent, ok);
  return ok;
}

// §6.3.3 (f): a CRL signer that is not the certificate's issuer must have a path of its own to
// the same trust anchor (bounded: max_intermediates deep, 64 signature links per check).
bool RevocationChecker::chains_to_anchor(const Certificate& c, const Certificate* anchor,
                                         int depth) const {
  if (anchor == nullptr || depth > max_depth_ || ++budget_ > 64) return false;
  if (same_der(c, *anchor)) return true;
  if (now_ > c.not_after() || now_ < c.not_before()) return false;
  if (could_be_parent(c, *anchor, true) && cert_signed_by(c, *anchor))
    return !signer_revoked(c, *anchor, anchor);
  for (const auto& p : peer_) {
    if (same_der(*p, c) || same_der(*p, *anchor) || !could_be_parent(c, *p, false)) continue;
    if (cert_signed_by(c, *p) && chains_to_anchor(*p, anchor, depth + 1))
      return !signer_revoked(c, *p, anchor);
  }
  return false;
}

// A certificate on a CRL signer's path that its issuer's CRLs revoke, or whose CRLs cannot be
// used, cannot vouch for a CRL (checked two signer levels deep; deeper counts as good).
bool RevocationChecker::signer_revoked(const Certificate& c, const Certificate& issuer,
                                       const Certificate* anchor) const {
  if (nested_ >= 2) return false;
  ++nested_;
  uint32_t f = check(c, issuer, anchor, false);
  --nested_;
  return (f & (flag::kRevoked | flag::kCrlNotTrusted)) != 0;
}

// The certificate whose key signed crl: the issuing CA when it did, otherwise another
// certificate (trust store or peer chain) named as the CRL issuer with cRLSign and a path to the
// same trust anchor (key rollover, separate CRL keys, indirect CRL issuers).
const Certificate* RevocationChecker::find_signer(const Crl& crl, State& st) const {
  std::vector<const Certificate*> cands;
  if (crl.issuer().matches(st.issuer.subject())) cands.push_back(&st.issuer);
  auto add = [&](const CertPtr& c) {
    if (!same_der(*c, st.issuer) && c->subject().matches(crl.issuer())) cands.push_back(c.get());
  };
  if (trust_ != nullptr)
    for (const auto& c : trust_->roots()) add(c);
  for (const auto& c : peer_) add(c);
  for (const Certificate* c : cands) {
    if (!c->key_usage_allows(ku::kCrlSign) || !crl_signed_by(crl, *c)) continue;
    if (c != &st.issuer && !chains_to_anchor(*c, st.anchor, 0)) continue;
    if (!key_allowed(rules_, *c)) st.flags |= flag::kBadKey;
    return c;
  }
  return nullptr;
}

// The newest usable delta CRL that applies to base (RFC 5280 §5.2.4: same issuer and scope, its
// BaseCRLNumber not above the base's cRLNumber, its own cRLNumber above it).
const Crl* RevocationChecker::find_delta(const Crl& base, State& st) const {
  if (!base.crl_number() || trust_ == nullptr) return nullptr;
  const Crl* best = nullptr;
  for (const auto& d : trust_->crls()) {
    if (!d->is_delta() || !d->usable() || !d->crl_number()) continue;
    if (!d->issuer().matches(base.issuer()) || !same_scope(base, *d)) continue;
    if (Crl::compare_numbers(*d->delta_base(), *base.crl_number()) > 0) continue;
    if (Crl::compare_numbers(*d->crl_number(), *base.crl_number()) <= 0) continue;
    if (best != nullptr && Crl::compare_numbers(*d->crl_number(), *best->crl_number()) <= 0)
      continue;
    if (find_signer(*d, st) == nullptr) continue;
    best = d.get();
  }
  if (best != nullptr) {
    st.deltas_used.push_back(best);
    if (best->next_update() && now_ > *best->next_update()) st.flags |= flag::kCrlExpired;
    if (now_ < best->this_update()) st.flags |= flag::kCrlFuture;
  }
  return best;
}

// §6.3.3 (b)-(j) for one complete CRL and one distribution point.
void RevocationChecker::apply(const Certificate& cert, const DistributionPoint& dp, const Crl& crl,
                              State& st) const {
  if (!in_scope(cert, dp, crl)) return;
  const auto& idp = crl.issuing_distribution_point();
  auto interim = static_cast<uint16_t>(dp.reasons & (idp ? idp->reasons : reasons::kAll));
  if ((interim & ~st.mask) == 0) return;  // (d): nothing this CRL could add
  if (!crl.usable()) {
    st.unusable = true;
    return;
  }
  const auto& alg = crl.signature_algorithm();
  if (!md_allowed(rules_, alg)) st.flags |= flag::kCrlBadMd;
  if (!pk_allowed(rules_, alg.key_type)) st.flags |= flag::kCrlBadPk;
  if (find_signer(crl, st) == nullptr) {
    st.unusable = true;
    return;
  }
  if (crl.next_update() && now_ > *crl.next_update()) st.flags |= flag::kCrlExpired;
  if (now_ < crl.this_update()) st.flags |= flag::kCrlFuture;
  const RevokedEntry* e = nullptr;
  if (const Crl* delta = find_delta(crl, st)) e = delta->find(cert.serial(), cert.issuer());
  if (e == nullptr) e = crl.find(cert.serial(), cert.issuer());
  // removeFromCRL (a delta taking a hold back) leaves the certificate unrevoked.
  if (e != nullptr && e->reason != crl_reason::kRemoveFromCrl && e->revocation_date <= now_)
    st.revoked = true;
  st.mask = static_cast<uint16_t>(st.mask | interim);
}

uint32_t RevocationChecker::check(const Certificate& cert, const Certificate& issuer,
                                  const Certificate* anchor, bool strict) const {
  if (trust_ == nullptr || trust_->crls().empty()) return strict ? flag::kCrlNotTrusted : 0;
  if (nested_ == 0) budget_ = 0;
  State st{issuer, anchor, 0, false, false, 0, {}};
  // Without cRLDistributionPoints: one distribution point, all reasons, CRLs by the issuer.
  std::vector<DistributionPoint> dps = cert.distribution_points();
  if (dps.empty()) dps.emplace_back();
  for (const auto& dp : dps) {
    for (const auto& crl : trust_->crls()) {
      if (st.revoked || st.mask == reasons::kAll) break;
      if (!crl->is_delta()) apply(cert, dp, *crl, st);
    }
    // A delta CRL that covers the certificate but has no base here cannot be used.
    for (const auto& crl : trust_->crls())
      if (crl->is_delta() && in_scope(cert, dp, *crl) &&
          std::find(st.deltas_used.begin(), st.deltas_used.end(), crl.get()) ==
              st.deltas_used.end())
        st.unusable = true;
  }
  if (st.revoked) return st.flags | flag::kRevoked;
  if (st.mask != reasons::kAll && (st.unusable || strict)) st.flags |= flag::kCrlNotTrusted;
  return st.flags;
}

}  // namespace ember::x509
