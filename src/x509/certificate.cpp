// Certificate parsing (RFC 5280 §4.1) and the extensions a verifier acts on.
#include "ember/x509/certificate.hpp"

#include <algorithm>
#include <cstring>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"
#include "x509/parse_util.hpp"

namespace ember::x509 {

using asn1::DerReader;
using asn1::oid_is;
using asn1::OidId;
namespace tag = asn1::tag;

namespace {

std::optional<crypto::HashAlg> hash_from_oid(ByteView oid) {
  if (oid_is(oid, OidId::sha1)) return crypto::HashAlg::sha1;
  if (oid_is(oid, OidId::sha224)) return crypto::HashAlg::sha224;
  if (oid_is(oid, OidId::sha256)) return crypto::HashAlg::sha256;
  if (oid_is(oid, OidId::sha384)) return crypto::HashAlg::sha384;
  if (oid_is(oid, OidId::sha512)) return crypto::HashAlg::sha512;
  return std::nullopt;
}

// AlgorithmIdentifier of a hash: OID with absent or NULL parameters.
Result<crypto::HashAlg> parse_hash_alg(DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  EMBER_TRY_ASSIGN(auto oid, seq.read_oid());
  if (!seq.empty()) EMBER_TRY(seq.read_null());
  EMBER_TRY(seq.finish());
  auto h = hash_from_oid(oid);
  if (!h) return Error::x509_bad_algorithm;
  return *h;
}

Status parse_pss_params(DerReader& r, SignatureAlgorithm& out) {
  crypto::HashAlg hash = crypto::HashAlg::sha1, mgf_hash = crypto::HashAlg::sha1;
  int64_t salt = 20;
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  EMBER_TRY_ASSIGN(auto h, seq.enter_optional(tag::context(0, true)));
  if (h) {
    EMBER_TRY_ASSIGN(hash, parse_hash_alg(*h));
    EMBER_TRY(h->finish());
  }
  EMBER_TRY_ASSIGN(auto m, seq.enter_optional(tag::context(1, true)));
  if (m) {
    EMBER_TRY_ASSIGN(auto mseq, m->enter(tag::kSequence));
    EMBER_TRY_ASSIGN(auto moid, mseq.read_oid());
    if (!oid_is(moid, OidId::mgf1)) return Error::x509_bad_algorithm;
    EMBER_TRY_ASSIGN(mgf_hash, parse_hash_alg(mseq));
    EMBER_TRY(mseq.finish());
    EMBER_TRY(m->finish());
  }
  EMBER_TRY_ASSIGN(auto s, seq.enter_optional(tag::context(2, true)));
  if (s) {
    EMBER_TRY_ASSIGN(salt, s->read_int64());
    EMBER_TRY(s->finish());
    if (salt < 0 || salt > 1024) return Error::x509_bad_algorithm;
  }
  EMBER_TRY_ASSIGN(auto t, seq.enter_optional(tag::context(3, true)));
  if (t) {
    EMBER_TRY_ASSIGN(auto trailer, t->read_int64());
    if (trailer != 1) return Error::x509_bad_algorithm;
  }
  EMBER_TRY(seq.finish());
  out.hash = hash;
  out.params = {crypto::KeyType::rsa, hash, crypto::SignaturePadding::pss, static_cast<int>(salt),
                mgf_hash};
  out.name = "RSASSA-PSS (" + std::string(crypto::hash_name(hash)) + ", MGF1-" +
             std::string(crypto::hash_name(mgf_hash)) + ", 0x" +
             to_hex(Bytes{static_cast<uint8_t>(salt)}) + ")";
  return {};
}

}  // namespace

Result<SignatureAlgorithm> parse_signature_algorithm(ByteView der) {
  DerReader outer(der);
  auto seq = outer.enter(tag::kSequence);
  if (!seq) return Error::x509_bad_algorithm;
  auto oid = seq->read_oid();
  if (!oid) return Error::x509_bad_algorithm;
  SignatureAlgorithm a;
  const asn1::OidInfo* info = asn1::oid_lookup(*oid);
  if (info == nullptr) return Error::x509_bad_algorithm;
  a.name = std::string(info->description);
  auto rsa = [&](std::optional<crypto::HashAlg> h) {
    a.key_type = crypto::KeyType::rsa;
    a.hash = h;
    a.params = {crypto::KeyType::rsa, h.value_or(crypto::HashAlg::sha256),
                crypto::SignaturePadding::pkcs1, -1, std::nullopt};
  };
  auto ecdsa = [&](crypto::HashAlg h) {
    a.key_type = crypto::KeyType::ec;
    a.hash = h;
    a.params = {crypto::KeyType::ec, h, crypto::SignaturePadding::none, -1, std::nullopt};
  };
  bool params_null_ok = false;  // RSA PKCS#1: parameters NULL (or absent)
  switch (info->id) {
    case OidId::sha1_with_rsa:
      rsa(crypto::HashAlg::sha1);
      params_null_ok = true;
      break;
    case OidId::sha224_with_rsa:
      rsa(crypto::HashAlg::sha224);
      params_null_ok = true;
      break;
    case OidId::sha256_with_rsa:
      rsa(crypto::HashAlg::sha256);
      params_null_ok = true;
      break;
    case OidId::sha384_with_rsa:
      rsa(crypto::HashAlg::sha384);
      params_null_ok = true;
      break;
    case OidId::sha512_with_rsa:
      rsa(crypto::HashAlg::sha512);
      params_null_ok = true;
      break;
    case OidId::md5_with_rsa:
      rsa(std::nullopt);
      a.md5 = true;
      params_null_ok = true;
      break;
    case OidId::ecdsa_with_sha1:
      ecdsa(crypto::HashAlg::sha1);
      break;
    case OidId::ecdsa_with_sha224:
      ecdsa(crypto::HashAlg::sha224);
      break;
    case OidId::ecdsa_with_sha256:
      ecdsa(crypto::HashAlg::sha256);
      break;
    case OidId::ecdsa_with_sha384:
      ecdsa(crypto::HashAlg::sha384);
      break;
    case OidId::ecdsa_with_sha512:
      ecdsa(crypto::HashAlg::sha512);
      break;
    case OidId::ed25519:
    case OidId::ed448:
      a.key_type = info->id == OidId::ed25519 ? crypto::KeyType::ed25519 : crypto::KeyType::ed448;
      a.params = {a.key_type, crypto::HashAlg::sha512, crypto::SignaturePadding::none, -1,
                  std::nullopt};
      break;
    case OidId::rsassa_pss:
      a.key_type = crypto::KeyType::rsa;
      if (!parse_pss_params(*seq, a)) return Error::x509_bad_algorithm;
      break;
    default:
      return Error::x509_bad_algorithm;
  }
  if (params_null_ok && !seq->empty() && !seq->read_null()) return Error::x509_bad_algorithm;
  if (!seq->finish() || !outer.finish()) return Error::x509_bad_algorithm;
  return a;
}

namespace {

bool same_bytes(ByteView a, ByteView b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace

Result<GeneralName> parse_general_name(DerReader& r) {
  EMBER_TRY_ASSIGN(auto e, r.read_any());
  if ((e.tag & 0xc0) != 0x80) return Error::x509_bad_extension;
  GeneralName gn;
  unsigned n = e.tag & 0x1f;
  if (n > 8) return Error::x509_bad_extension;
  gn.type = static_cast<GeneralNameType>(n);
  bool constructed = e.constructed();
  switch (gn.type) {
    case GeneralNameType::rfc822:
    case GeneralNameType::dns:
    case GeneralNameType::uri:
      if (constructed) return Error::x509_bad_extension;
      for (uint8_t c : e.value)
        if (c >= 0x80) return Error::x509_bad_extension;  // IA5String
      gn.value.assign(e.value.begin(), e.value.end());
      break;
    case GeneralNameType::ip:
      if (constructed) return Error::x509_bad_extension;
      gn.value.assign(e.value.begin(), e.value.end());
      break;
    case GeneralNameType::directory: {
      if (!constructed) return Error::x509_bad_extension;
      DerReader inner(e.value, r.depth() + 1);
      EMBER_TRY_ASSIGN(auto name_el, inner.read(tag::kSequence));
      EMBER_TRY(inner.finish());
      if (!Name::parse(name_el.raw)) return Error::x509_bad_extension;
      gn.value.assign(name_el.raw.begin(), name_el.raw.end());
      break;
    }
    default:
      gn.value.assign(e.value.begin(), e.value.end());
      break;
  }
  return gn;
}

Result<std::vector<GeneralName>> parse_general_names(DerReader& r) {
  std::vector<GeneralName> out;
  while (!r.empty()) {
    EMBER_TRY_ASSIGN(auto gn, parse_general_name(r));
    out.push_back(std::move(gn));
  }
  if (out.empty()) return Error::x509_bad_extension;
  return out;
}

Result<DistributionPointName> parse_distribution_point_name(DerReader& r) {
  DistributionPointName name;
  EMBER_TRY_ASSIGN(auto full, r.enter_optional(tag::context(0, true)));
  if (full) {
    EMBER_TRY_ASSIGN(name.full_name, parse_general_names(*full));
  } else {
    EMBER_TRY_ASSIGN(auto rdn, r.read(tag::context(1, true)));
    // The RDN must itself be a valid SET OF AttributeTypeAndValue: parse it as a one-RDN Name.
    Bytes probe = {tag::kSequence};
    Bytes set = {tag::kSet};
    auto put_len = [](Bytes& b, size_t n) {
      if (n < 0x80) {
        b.push_back(static_cast<uint8_t>(n));
      } else if (n < 0x100) {
        b.push_back(0x81);
        b.push_back(static_cast<uint8_t>(n));
      } else {
        b.push_back(0x82);
        b.push_back(static_cast<uint8_t>(n >> 8));
        b.push_back(static_cast<uint8_t>(n));
      }
    };
    if (rdn.value.empty() || rdn.value.size() > 0xffff) return Error::x509_bad_extension;
    put_len(set, rdn.value.size());
    set.insert(set.end(), rdn.value.begin(), rdn.value.end());
    put_len(probe, set.size());
    probe.insert(probe.end(), set.begin(), set.end());
    if (!Name::parse(probe)) return Error::x509_bad_extension;
    name.relative_rdn = Bytes(rdn.value.begin(), rdn.value.end());
  }
  EMBER_TRY(r.finish());
  return name;
}

uint16_t reason_mask(const asn1::BitString& bits) {
  uint16_t mask = 0;
  for (size_t i = 1; i <= 8; ++i)
    if (bits.bit(i)) mask |= static_cast<uint16_t>(1u << i);
  return mask;
}

Result<Extension> read_extension(DerReader& seq, std::vector<ByteView>* seen) {
  EMBER_TRY_ASSIGN(auto ext, seq.enter(tag::kSequence));
  Extension e;
  EMBER_TRY_ASSIGN(e.oid, ext.read_oid());
  if (ext.peek_tag() == tag::kBoolean) {
    EMBER_TRY_ASSIGN(e.critical, ext.read_boolean());
  }
  EMBER_TRY_ASSIGN(e.value, ext.read_octet_string());
  EMBER_TRY(ext.finish());
  if (seen != nullptr) {
    for (ByteView s : *seen)
      if (same_bytes(s, e.oid)) return Error::x509_duplicate_extension;
    seen->push_back(e.oid);
  }
  return e;
}

class CertificateParser {
 public:
  static Status parse(Certificate& c, const crypto::Provider& provider);

 private:
  static Status parse_spki(Certificate& c, ByteView spki, const crypto::Provider& provider);
  static Status parse_extensions(Certificate& c, DerReader& exts);
  static Status parse_extension(Certificate& c, ByteView oid, bool critical, ByteView value);
  static Status parse_basic_constraints(Certificate& c, DerReader& r);
  static Status parse_name_constraints(Certificate& c, DerReader& r, bool critical);
  static Status parse_certificate_policies(Certificate& c, DerReader& r);
  static Status parse_policy_mappings(Certificate& c, DerReader& r);
  static Status parse_policy_constraints(Certificate& c, DerReader& r);
  static Status parse_crl_distribution_points(Certificate& c, DerReader& r);
  static Status parse_authority_info_access(Certificate& c, DerReader& r);
};

Status CertificateParser::parse_spki(Certificate& c, ByteView spki,
                                     const crypto::Provider& provider) {
  DerReader outer(spki);
  EMBER_TRY_ASSIGN(auto seq, outer.enter(tag::kSequence));
  EMBER_TRY_ASSIGN(auto alg, seq.enter(tag::kSequence));
  EMBER_TRY_ASSIGN(auto oid, alg.read_oid());
  EMBER_TRY_ASSIGN(auto bits, seq.read_bit_string());
  EMBER_TRY(seq.finish());
  if (bits.unused_bits != 0) return Error::x509_bad_public_key;
  ByteView key = bits.bytes;
  if (oid_is(oid, OidId::rsa_encryption) || oid_is(oid, OidId::rsassa_pss)) {
    bool pss = oid_is(oid, OidId::rsassa_pss);
    if (!pss && !alg.empty()) EMBER_TRY(alg.read_null());
    if (pss && !alg.empty()) EMBER_TRY(alg.read(tag::kSequence));  // PSS key restrictions
    EMBER_TRY(alg.finish());
    DerReader kr(key);
    EMBER_TRY_ASSIGN(auto rsa, kr.enter(tag::kSequence));
    EMBER_TRY(kr.finish());
    EMBER_TRY_ASSIGN(auto n, rsa.read_unsigned_integer());
    EMBER_TRY_ASSIGN(auto e, rsa.read_unsigned_integer());
    EMBER_TRY(rsa.finish());
    c.key_type_ = pss ? crypto::KeyType::rsa_pss : crypto::KeyType::rsa;
    size_t bitlen = n.size() * 8;
    for (uint8_t top = n[0]; top < 0x80 && bitlen > 0; top = static_cast<uint8_t>(top << 1))
      --bitlen;
    c.key_bits_ = bitlen;
    auto pk = provider.rsa_public_key(n, e);
    if (pk) c.public_key_ = std::move(*pk);
    return {};
  }
  if (oid_is(oid, OidId::ec_public_key)) {
    EMBER_TRY_ASSIGN(auto curve_oid, alg.read_oid());  // namedCurve only (RFC 5480)
    EMBER_TRY(alg.finish());
    c.key_type_ = crypto::KeyType::ec;
    std::optional<crypto::Curve> curve;
    if (oid_is(curve_oid, OidId::secp256r1)) curve = crypto::Curve::p256;
    if (oid_is(curve_oid, OidId::secp384r1)) curve = crypto::Curve::p384;
    if (oid_is(curve_oid, OidId::secp521r1)) curve = crypto::Curve::p521;
    if (!curve) {
      c.key_bits_ = key.empty() ? 0 : (key.size() - 1) / 2 * 8;
      return {};  // parsed, unusable: verification reports BAD_KEY / NOT_TRUSTED
    }
    c.curve_ = curve;
    c.key_bits_ = *curve == crypto::Curve::p521 ? 521 : crypto::curve_field_bytes(*curve) * 8;
    auto pk = provider.ec_public_key(*curve, key);
    if (!pk) return Error::x509_bad_public_key;  // malformed or off-curve point
    c.public_key_ = std::move(*pk);
    return {};
  }
  if (oid_is(oid, OidId::ed25519) || oid_is(oid, OidId::ed448)) {
    EMBER_TRY(alg.finish());
    c.key_type_ = oid_is(oid, OidId::ed25519) ? crypto::KeyType::ed25519 : crypto::KeyType::ed448;
    c.key_bits_ = c.key_type_ == crypto::KeyType::ed25519 ? 256 : 456;
    auto pk = provider.eddsa_public_key(c.key_type_, key);
    if (!pk) return Error::x509_bad_public_key;
    c.public_key_ = std::move(*pk);
    return {};
  }
  return Error::x509_bad_public_key;  // unknown key algorithm (DSA, X25519, ...)
}

// basicConstraints (RFC 5280 §4.2.1.9): cA, pathLenConstraint (0..1000).
Status CertificateParser::parse_basic_constraints(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  c.has_bc_ = true;
  if (seq.peek_tag() == tag::kBoolean) {
    EMBER_TRY_ASSIGN(c.is_ca_, seq.read_boolean());
  }
  if (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto pl, seq.read_int64());
    if (pl < 0 || pl > 1000) return Error::x509_bad_extension;
    c.path_len_ = static_cast<int>(pl);
  }
  EMBER_TRY(seq.finish());
  return {};
}

// nameConstraints (§4.2.1.10): permitted / excluded subtrees, minimum 0 and no maximum.
Status CertificateParser::parse_name_constraints(Certificate& c, DerReader& r, bool critical) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  NameConstraints nc;
  for (unsigned which = 0; which < 2; ++which) {
    EMBER_TRY_ASSIGN(auto trees, seq.enter_optional(tag::context(which, true)));
    if (!trees) continue;
    if (trees->empty()) return Error::x509_bad_extension;
    while (!trees->empty()) {
      EMBER_TRY_ASSIGN(auto st, trees->enter(tag::kSequence));
      EMBER_TRY_ASSIGN(auto base, parse_general_name(st));
      // minimum must be 0 and maximum absent (RFC 5280 §4.2.1.10).
      if (!st.empty()) return Error::x509_bad_extension;
      (which == 0 ? nc.permitted : nc.excluded).push_back({std::move(base)});
    }
  }
  EMBER_TRY(seq.finish());
  if (nc.permitted.empty() && nc.excluded.empty()) return Error::x509_bad_extension;
  c.name_constraints_ = std::move(nc);
  c.name_constraints_critical_ = critical;
  return {};
}

// certificatePolicies (§4.2.1.4): distinct policy OIDs; qualifiers checked, not interpreted.
Status CertificateParser::parse_certificate_policies(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto pi, seq.enter(tag::kSequence));
    EMBER_TRY_ASSIGN(auto p, pi.read_oid());
    for (const auto& existing : c.policies_)
      if (same_bytes(existing, p)) return Error::x509_bad_extension;
    c.policies_.emplace_back(p.begin(), p.end());
    // policyQualifiers: SEQUENCE SIZE (1..MAX) OF { OID, ANY }, checked, not interpreted.
    EMBER_TRY_ASSIGN(auto qualifiers, pi.enter_optional(tag::kSequence));
    if (qualifiers) {
      if (qualifiers->empty()) return Error::x509_bad_extension;
      while (!qualifiers->empty()) {
        EMBER_TRY_ASSIGN(auto q, qualifiers->enter(tag::kSequence));
        EMBER_TRY(q.read_oid());
        EMBER_TRY(q.read_any());
        EMBER_TRY(q.finish());
      }
    }
    EMBER_TRY(pi.finish());
  }
  if (c.policies_.empty()) return Error::x509_bad_extension;
  return {};
}

// policyMappings (§4.2.1.5).
Status CertificateParser::parse_policy_mappings(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto m, seq.enter(tag::kSequence));
    EMBER_TRY_ASSIGN(auto from, m.read_oid());
    EMBER_TRY_ASSIGN(auto to, m.read_oid());
    EMBER_TRY(m.finish());
    c.policy_mappings_.push_back({Bytes(from.begin(), from.end()), Bytes(to.begin(), to.end())});
  }
  if (c.policy_mappings_.empty()) return Error::x509_bad_extension;
  return {};
}

// policyConstraints (§4.2.1.11): SkipCerts, clamped; never empty.
Status CertificateParser::parse_policy_constraints(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  PolicyConstraints pc;
  for (unsigned which = 0; which < 2; ++which) {
    if (seq.peek_tag() != tag::context(which, false)) continue;
    EMBER_TRY_ASSIGN(auto skip, seq.read_int64(tag::context(which, false)));
    if (skip < 0) return Error::x509_bad_extension;
    int v = static_cast<int>(std::min<int64_t>(skip, 1 << 20));
    (which == 0 ? pc.require_explicit_policy : pc.inhibit_policy_mapping) = v;
  }
  EMBER_TRY(seq.finish());
  // RFC 5280 §4.2.1.11: an empty sequence MUST NOT be issued.
  if (!pc.require_explicit_policy && !pc.inhibit_policy_mapping) return Error::x509_bad_extension;
  c.policy_constraints_ = pc;
  return {};
}

// cRLDistributionPoints (§4.2.1.13): each a name or a cRLIssuer, with reasons.
Status CertificateParser::parse_crl_distribution_points(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto dp_seq, seq.enter(tag::kSequence));
    DistributionPoint dp;
    EMBER_TRY_ASSIGN(auto dpn, dp_seq.enter_optional(tag::context(0, true)));
    if (dpn) {
      EMBER_TRY_ASSIGN(dp.name, parse_distribution_point_name(*dpn));
      for (const auto& gn : dp.name->full_name)
        if (gn.type == GeneralNameType::uri)
          c.crl_dps_.emplace_back(gn.value.begin(), gn.value.end());
    }
    if (dp_seq.peek_tag() == tag::context(1, false)) {
      EMBER_TRY_ASSIGN(auto bits, dp_seq.read_bit_string(tag::context(1, false)));
      dp.reasons = reason_mask(bits);
    }
    EMBER_TRY_ASSIGN(auto issuer, dp_seq.enter_optional(tag::context(2, true)));
    if (issuer) {
      EMBER_TRY_ASSIGN(dp.crl_issuer, parse_general_names(*issuer));
    }
    EMBER_TRY(dp_seq.finish());
    // RFC 5280 §4.2.1.13: a DistributionPoint holds a name or a cRLIssuer (or both).
    if (!dp.name && dp.crl_issuer.empty()) return Error::x509_bad_extension;
    c.dps_.push_back(std::move(dp));
  }
  if (c.dps_.empty()) return Error::x509_bad_extension;
  return {};
}

// authorityInfoAccess (§4.2.2.1).
Status CertificateParser::parse_authority_info_access(Certificate& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto ad, seq.enter(tag::kSequence));
    EMBER_TRY_ASSIGN(auto method, ad.read_oid());
    EMBER_TRY_ASSIGN(auto loc, parse_general_name(ad));
    EMBER_TRY(ad.finish());
    c.aia_.push_back({Bytes(method.begin(), method.end()), std::move(loc)});
  }
  return {};
}

Status CertificateParser::parse_extension(Certificate& c, ByteView oid, bool critical,
                                          ByteView value) {
  DerReader r(value, 2);
  const asn1::OidInfo* info = asn1::oid_lookup(oid);
  OidId id = info != nullptr ? info->id : OidId::sha1;  // sha1: "not an extension" below
  switch (id) {
    case OidId::ext_basic_constraints:
      EMBER_TRY(parse_basic_constraints(c, r));
      break;
    case OidId::ext_key_usage: {
      EMBER_TRY_ASSIGN(auto bs, r.read_bit_string());
      c.has_ku_ = true;
      uint32_t v = 0;
      for (size_t i = 0; i < 8; ++i)
        if (bs.bit(i)) v |= 0x80u >> i;
      if (bs.bit(8)) v |= ku::kDecipherOnly;
      c.key_usage_ = v;
      break;
    }
    case OidId::ext_extended_key_usage: {
      EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
      while (!seq.empty()) {
        EMBER_TRY_ASSIGN(auto p, seq.read_oid());
        c.eku_.emplace_back(p.begin(), p.end());
      }
      if (c.eku_.empty()) return Error::x509_bad_extension;
      break;
    }
    case OidId::ext_subject_alt_name: {
      EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
      while (!seq.empty()) {
        EMBER_TRY_ASSIGN(auto gn, parse_general_name(seq));
        c.san_.push_back(std::move(gn));
      }
      if (c.san_.empty()) return Error::x509_bad_extension;
      c.has_san_ = true;
      break;
    }
    case OidId::ext_name_constraints:
      EMBER_TRY(parse_name_constraints(c, r, critical));
      break;
    case OidId::ext_certificate_policies:
      EMBER_TRY(parse_certificate_policies(c, r));
      break;
    case OidId::ext_policy_mappings:
      EMBER_TRY(parse_policy_mappings(c, r));
      break;
    case OidId::ext_policy_constraints:
      EMBER_TRY(parse_policy_constraints(c, r));
      break;
    case OidId::ext_inhibit_any_policy: {
      EMBER_TRY_ASSIGN(auto skip, r.read_int64());
      if (skip < 0) return Error::x509_bad_extension;
      c.inhibit_any_policy_ = static_cast<int>(std::min<int64_t>(skip, 1 << 20));
      break;
    }
    case OidId::ext_subject_key_identifier: {
      EMBER_TRY_ASSIGN(auto ski, r.read_octet_string());
      c.ski_.assign(ski.begin(), ski.end());
      break;
    }
    case OidId::ext_authority_key_identifier: {
      EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
      EMBER_TRY_ASSIGN(auto kid, seq.read_optional(tag::context(0, false)));
      if (kid) c.aki_.assign(kid->value.begin(), kid->value.end());
      EMBER_TRY(seq.read_optional(tag::context(1, true)));
      EMBER_TRY(seq.read_optional(tag::context(2, false)));
      EMBER_TRY(seq.finish());
      break;
    }
    case OidId::ext_crl_distribution_points:
      EMBER_TRY(parse_crl_distribution_points(c, r));
      break;
    case OidId::ext_authority_info_access:
      EMBER_TRY(parse_authority_info_access(c, r));
      break;
    case OidId::ext_ns_cert_type: {
      EMBER_TRY_ASSIGN(auto bs, r.read_bit_string());
      c.has_ns_ = true;
      for (size_t i = 0; i < 8; ++i)
        if (bs.bit(i)) c.ns_cert_type_ |= static_cast<uint8_t>(0x80u >> i);
      break;
    }
    default:
      // Parsed elsewhere or unknown: a critical one we cannot process fails verification.
      if (critical) c.unhandled_critical_ = true;
      return {};
  }
  if (!r.finish()) return Error::x509_bad_extension;
  return {};
}

Status CertificateParser::parse_extensions(Certificate& c, DerReader& exts) {
  std::vector<ByteView> seen;
  EMBER_TRY_ASSIGN(auto seq, exts.enter(tag::kSequence));
  EMBER_TRY(exts.finish());
  if (seq.empty()) return Error::x509_bad_extension;
  while (!seq.empty()) {
    auto ext = read_extension(seq, &seen);
    if (!ext) {
      return ext.error() == Error::x509_duplicate_extension ? ext.error()
                                                            : Error::x509_bad_extension;
    }
    const auto& [oid, critical, value] = *ext;
    if (auto st = parse_extension(c, oid, critical, value); !st) {
      return st.error() == Error::x509_duplicate_extension ? st.error() : Error::x509_bad_extension;
    }
  }
  return {};
}

Status CertificateParser::parse(Certificate& c, const crypto::Provider& provider) {
  ByteView der = c.der_;
  DerReader outer(der);
  auto cert = outer.enter(tag::kSequence);
  if (!cert || !outer.finish()) return Error::x509_bad_format;
  auto tbs_el = cert->read(tag::kSequence);
  if (!tbs_el) return Error::x509_bad_format;
  c.tbs_off_ = static_cast<size_t>(tbs_el->raw.data() - der.data());
  c.tbs_len_ = tbs_el->raw.size();
  auto outer_alg = cert->read(tag::kSequence);
  if (!outer_alg) return Error::x509_bad_algorithm;
  auto sig = cert->read_bit_string();
  if (!sig || sig->unused_bits != 0) return Error::x509_bad_signature;
  c.sig_off_ = static_cast<size_t>(sig->bytes.data() - der.data());
  c.sig_len_ = sig->bytes.size();
  if (!cert->finish()) return Error::x509_bad_format;

  DerReader tbs(tbs_el->value, 1);
  auto ver = tbs.enter_optional(tag::context(0, true));
  if (!ver) return Error::x509_bad_version;
  if (*ver) {
    auto v = (*ver)->read_int64();
    if (!v || !(*ver)->finish() || *v < 0 || *v > 2) return Error::x509_bad_version;
    c.version_ = static_cast<int>(*v) + 1;
  }
  auto serial = tbs.read_integer_bytes();
  if (!serial) return Error::x509_bad_serial;
  if ((*serial)[0] & 0x80) return Error::x509_bad_serial;  // negative
  ByteView mag = *serial;
  if (mag.size() > 1 && mag[0] == 0) mag = mag.subspan(1);
  if (mag.size() > 20) return Error::x509_bad_serial;  // RFC 5280 §4.1.2.2
  c.serial_.assign(serial->begin(), serial->end());
  auto inner_alg = tbs.read(tag::kSequence);
  if (!inner_alg) return Error::x509_bad_algorithm;
  if (!same_bytes(inner_alg->raw, outer_alg->raw)) return Error::x509_bad_algorithm;
  auto alg = parse_signature_algorithm(outer_alg->raw);
  if (!alg) return alg.error();
  c.sig_alg_ = std::move(*alg);
  auto issuer = tbs.read(tag::kSequence);
  if (!issuer) return Error::x509_bad_name;
  EMBER_TRY_ASSIGN(c.issuer_, Name::parse(issuer->raw));
  if (c.issuer_.empty()) return Error::x509_bad_name;
  auto validity = tbs.enter(tag::kSequence);
  if (!validity) return Error::x509_bad_time;
  auto nb = validity->read_time();
  auto na = validity->read_time();
  if (!nb || !na || !validity->finish()) return Error::x509_bad_time;
  c.not_before_ = *nb;
  c.not_after_ = *na;
  auto subject = tbs.read(tag::kSequence);
  if (!subject) return Error::x509_bad_name;
  EMBER_TRY_ASSIGN(c.subject_, Name::parse(subject->raw));
  auto spki = tbs.read(tag::kSequence);
  if (!spki) return Error::x509_bad_public_key;
  c.spki_off_ = static_cast<size_t>(spki->raw.data() - der.data());
  c.spki_len_ = spki->raw.size();
  if (auto st = parse_spki(c, spki->raw, provider); !st) {
    return st.error() == Error::x509_bad_public_key ? st.error() : Error::x509_bad_public_key;
  }
  for (unsigned id = 1; id <= 2; ++id) {
    auto uid = tbs.read_optional(tag::context(id, false));
    if (!uid) return Error::x509_bad_format;
    if (*uid && c.version_ < 2) return Error::x509_bad_format;
  }
  auto exts = tbs.enter_optional(tag::context(3, true));
  if (!exts) return Error::x509_bad_extension;
  if (*exts) {
    if (c.version_ != 3) return Error::x509_bad_version;
    EMBER_TRY(parse_extensions(c, **exts));
  }
  if (!tbs.finish()) return Error::x509_bad_format;
  // An empty subject needs a critical subjectAltName (RFC 5280 §4.1.2.6); not enforced here.
  return {};
}

Result<std::shared_ptr<const Certificate>> Certificate::parse_der(
    ByteView der, const crypto::Provider& provider) {
  if (der.size() > (1u << 20)) return Error::input_too_large;
  auto c = std::make_shared<Certificate>();
  c->der_.assign(der.begin(), der.end());
  EMBER_TRY(CertificateParser::parse(*c, provider));
  return std::shared_ptr<const Certificate>(std::move(c));
}

ByteView Certificate::tbs() const {
  return ByteView(der_).subspan(tbs_off_, tbs_len_);
}
ByteView Certificate::signature() const {
  return ByteView(der_).subspan(sig_off_, sig_len_);
}
ByteView Certificate::spki_der() const {
  return ByteView(der_).subspan(spki_off_, spki_len_);
}

bool Certificate::key_usage_allows(uint32_t usage) const {
  if (!has_ku_) return true;
  uint32_t must = usage & ~(ku::kEncipherOnly | ku::kDecipherOnly);
  if ((key_usage_ & must) != must) return false;
  uint32_t may = usage & (ku::kEncipherOnly | ku::kDecipherOnly);
  return (key_usage_ & may) == may;
}

bool Certificate::ext_key_usage_allows(ByteView purpose) const {
  if (eku_.empty()) return true;
  for (const auto& p : eku_)
    if (same_bytes(p, purpose) || oid_is(p, OidId::any_extended_key_usage)) return true;
  return false;
}

}  // namespace ember::x509
