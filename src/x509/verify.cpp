// Path building and validation with Mbed TLS 2.28-compatible flags. The structure follows
// what Mbed TLS documents for mbedtls_x509_crt_verify: flags are collected per certificate
// of the path, the callback sees them from the trust anchor down, and the merged word is the
// result. embertls goes further in documented places (docs/x509.md): peer certificates in any
// order with key-identifier preference, iPAddress SANs, name constraints, EdDSA.
#include "ember/x509/verify.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>
#include <tuple>
#include <unordered_set>

#include "ember/asn1/oid.hpp"
#include "x509/name_constraints.hpp"
#include "x509/policy.hpp"
#include "x509/revocation.hpp"

namespace ember::x509 {

using asn1::OidId;

namespace {

constexpr ProfileRules kDefault = {false, true, true, true, true, true,
                                   true,  true, true, true, true, 2048};
constexpr ProfileRules kNext = {false, false, true, true, true, true,
                                true,  true,  true, true, true, 2048};
constexpr ProfileRules kSuiteB = {false, false, true, true, false, false,
                                  true,  false, true, true, false, 0};

bool time_valid(const Certificate& c, int64_t now) {
  return now <= c.not_after() && now >= c.not_before();
}

}  // namespace

bool md_allowed(const ProfileRules& p, const SignatureAlgorithm& a) {
  if (a.key_type == crypto::KeyType::ed25519 || a.key_type == crypto::KeyType::ed448)
    return p.allow_eddsa;     // pure EdDSA has no separate hash
  if (!a.hash) return false;  // MD5 and other unsupported hashes
  switch (*a.hash) {
    case crypto::HashAlg::sha1:
      return p.allow_sha1;
    case crypto::HashAlg::sha224:
      return p.allow_sha224;
    case crypto::HashAlg::sha256:
      return p.allow_sha256;
    case crypto::HashAlg::sha384:
      return p.allow_sha384;
    case crypto::HashAlg::sha512:
      return p.allow_sha512;
  }
  return false;
}

bool pk_allowed(const ProfileRules& p, crypto::KeyType t) {
  switch (t) {
    case crypto::KeyType::rsa:
    case crypto::KeyType::rsa_pss:
      return p.allow_rsa;
    case crypto::KeyType::ec:
      return p.allow_ec;
    case crypto::KeyType::ed25519:
    case crypto::KeyType::ed448:
      return p.allow_eddsa;
  }
  return false;
}

bool key_allowed(const ProfileRules& p, const Certificate& c) {
  switch (c.public_key_type()) {
    case crypto::KeyType::rsa:
    case crypto::KeyType::rsa_pss:
      return c.key_bits() >= p.rsa_min_bits;
    case crypto::KeyType::ec:
      if (!c.curve()) return false;
      switch (*c.curve()) {
        case crypto::Curve::p256:
          return p.allow_p256;
        case crypto::Curve::p384:
          return p.allow_p384;
        case crypto::Curve::p521:
          return p.allow_p521;
      }
      return false;
    case crypto::KeyType::ed25519:
    case crypto::KeyType::ed448:
      return p.allow_eddsa;
  }
  return false;
}

bool same_der(const Certificate& a, const Certificate& b) {
  return a.der().size() == b.der().size() &&
         std::memcmp(a.der().data(), b.der().data(), a.der().size()) == 0;
}

bool signed_by(const SignatureAlgorithm& alg, ByteView tbs, ByteView sig,
               const Certificate& signer) {
  const auto* key = signer.public_key();
  if (key == nullptr || alg.md5) return false;
  crypto::KeyType kt = signer.public_key_type();
  bool rsa_key = kt == crypto::KeyType::rsa || kt == crypto::KeyType::rsa_pss;
  if (alg.key_type == crypto::KeyType::rsa ? !rsa_key : alg.key_type != kt) return false;
  return key->verify(alg.params, tbs, sig).ok();
}

bool could_be_parent(const Certificate& child, const Certificate& parent, bool top) {
  if (!child.issuer().matches(parent.subject())) return false;
  bool need_ca = !(top && parent.version() < 3);
  if (need_ca && !parent.is_ca()) return false;
  if (need_ca && !parent.key_usage_allows(ku::kKeyCertSign)) return false;
  return true;
}

namespace {

bool signature_ok(const Certificate& child, const Certificate& parent) {
  return signed_by(child.signature_algorithm(), child.tbs(), child.signature(), parent);
}

struct Candidate {
  CertPtr cert;
  bool trusted = false;
  bool signature_good = false;
};

struct PathItem {
  CertPtr cert;
  uint32_t flags = 0;
  bool trusted = false;
};

// Builds the path depth-first: candidate issuers are tried in Mbed TLS's order of preference
// (trust anchors first, then the peer's certificates; time-valid before expired; matching key
// identifiers first), and when a branch cannot reach a trust anchor cleanly the next candidate
// is tried. The first complete branch is what gets reported when none is clean, so results for
// invalid chains match Mbed TLS's greedy builder. Work is bounded (kMaxSteps).
class PathBuilder {
 public:
  PathBuilder(std::span<const CertPtr> chain, const VerifyOptions& o, int64_t now)
      : chain_(chain),
        o_(o),
        rules_(profile_rules(o.profile)),
        now_(now),
        revocation_(o, chain, now) {}

  std::vector<PathItem> build();
  const PolicyOutcome& policy() const { return first_policy_; }

 private:
  static constexpr int kMaxSteps = 256;

  std::vector<Candidate> candidates(const Certificate& child, size_t path_cnt, size_t self_cnt,
                                    const std::vector<PathItem>& path) const;
  void collect(const Certificate& child, std::span<const CertPtr> list, bool top, size_t path_cnt,
               size_t self_cnt, const std::vector<PathItem>& path,
               std::vector<Candidate>& out) const;
  uint32_t own_flags(const Certificate& c, bool trusted) const;
  bool extend(std::vector<PathItem>& path, size_t self_cnt);
  bool finish(std::vector<PathItem>& path);

  std::span<const CertPtr> chain_;
  const VerifyOptions& o_;
  const ProfileRules& rules_;
  int64_t now_;
  RevocationChecker revocation_;
  int steps_ = 0;
  uint32_t leaf_own_ = 0;
  std::optional<std::vector<PathItem>> first_;
  PolicyOutcome first_policy_;
  mutable std::vector<std::tuple<const Certificate*, const Certificate*, bool>> sig_cache_;
  bool cached_signature_ok(const Certificate& child, const Certificate& parent) const;
};

bool PathBuilder::cached_signature_ok(const Certificate& child, const Certificate& parent) const {
  for (const auto& [c, p, ok] : sig_cache_)
    if (c == &child && p == &parent) return ok;
  bool ok = signature_ok(child, parent);
  sig_cache_.emplace_back(&child, &parent, ok);
  return ok;
}

void PathBuilder::collect(const Certificate& child, std::span<const CertPtr> list, bool top,
                          size_t path_cnt, size_t self_cnt, const std::vector<PathItem>& path,
                          std::vector<Candidate>& out) const {
  // Rank: 0 = key id match, time-valid, good signature ... larger = less preferred.
  std::vector<std::pair<int, Candidate>> ranked;
  for (const auto& p : list) {
    bool used = false;
    for (const auto& item : path) used |= same_der(*item.cert, *p);
    if (used) continue;  // never revisit a certificate already on the path (loops)
    if (!could_be_parent(child, *p, top)) continue;
    if (p->path_len() && static_cast<size_t>(*p->path_len()) + 1 < 1 + path_cnt - self_cnt)
      continue;
    bool sig;
    if (top && o_.trust != nullptr && o_.trust->signature_cache()) {
      // Trust-anchor links are memoised in the trust store across verifications.
      std::array<uint8_t, 32> digest;
      (void)crypto::default_provider().hash(crypto::HashAlg::sha256, child.der(), digest);
      sig = o_.trust->cached_anchor_signature(digest, p.get());
      if (!sig) {
        sig = cached_signature_ok(child, *p);
        if (sig) o_.trust->remember_anchor_signature(digest, p.get());
      }
    } else {
      sig = cached_signature_ok(child, *p);
    }
    if (top && !sig) continue;
    bool kid_match = !child.authority_key_id().empty() && !p->subject_key_id().empty() &&
                     child.authority_key_id().size() == p->subject_key_id().size() &&
                     std::memcmp(child.authority_key_id().data(), p->subject_key_id().data(),
                                 child.authority_key_id().size()) == 0;
    int rank = (time_valid(*p, now_) ? 0 : 4) + (sig ? 0 : 2) + (kid_match ? 0 : 1);
    ranked.push_back({rank, Candidate{p, top, sig}});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& r : ranked) out.push_back(std::move(r.second));
}

std::vector<Candidate> PathBuilder::candidates(const Certificate& child, size_t path_cnt,
                                               size_t self_cnt,
                                               const std::vector<PathItem>& path) const {
  std::vector<Candidate> out;
  if (o_.trust != nullptr) collect(child, o_.trust->roots(), true, path_cnt, self_cnt, path, out);
  collect(child, chain_.subspan(1), false, path_cnt, self_cnt, path, out);
  return out;
}

uint32_t PathBuilder::own_flags(const Certificate& c, bool trusted) const {
  uint32_t flags = 0;
  if (now_ > c.not_after()) flags |= flag::kExpired;
  if (now_ < c.not_before()) flags |= flag::kFuture;
  if (trusted) return flags;  // a trust anchor's signature and extensions are not checked
  if (!md_allowed(rules_, c.signature_algorithm())) flags |= flag::kBadMd;
  if (!pk_allowed(rules_, c.signature_algorithm().key_type)) flags |= flag::kBadPk;
  if (c.has_unhandled_critical_extension()) flags |= flag::kOther;
  return flags;
}

// A complete branch: apply name constraints and EKU chaining, remember the first branch, and
// report whether this one is clean.
bool PathBuilder::finish(std::vector<PathItem>& path) {
  std::vector<PathItem> done = path;
  for (size_t i = 1; i < done.size(); ++i) {
    const Certificate& ca = *done[i].cert;
    if (const auto& nc = ca.name_constraints()) {
      for (size_t j = 0; j < i; ++j) {
        if (j > 0 && done[j].cert->self_issued()) continue;  // RFC 5280 §6.1.3 (b)
        if (!satisfies_name_constraints(*done[j].cert, *nc, j == 0))
          done[j].flags |= flag::kNotTrusted;
      }
    }
    // Extended key usage of CAs constrains the purposes of what they issue (Web PKI practice).
    if (o_.purpose != Purpose::any && !done[i].trusted && check_usage(ca, o_.purpose) != 0)
      done[i].flags |= flag::kExtKeyUsage;
  }
  // RFC 5280 §6.3: each certificate's revocation status from the CRLs of the trust store.
  const Certificate* anchor = done.back().trusted ? done.back().cert.get() : nullptr;
  for (size_t i = 0; i + 1 < done.size(); ++i) {
    bool strict = o_.crl_check == CrlCheck::all || (o_.crl_check == CrlCheck::leaf && i == 0);
    done[i].flags |= revocation_.check(*done[i].cert, *done[i + 1].cert, anchor, strict);
  }
  // RFC 5280 §6.1.3-6.1.5 over the certificates below the trust anchor.
  std::vector<const Certificate*> below_anchor;
  for (size_t i = done.size(); i-- > 0;)
    if (!done[i].trusted) below_anchor.push_back(done[i].cert.get());
  PolicyOutcome policy = process_policies(below_anchor, o_.policy);
  if (!policy.ok) done[0].flags |= flag::kOther;
  // Flags of the leaf itself (its validity period, its signature algorithm) are the same on
  // every branch: a branch is clean when it adds nothing to them.
  bool clean = done[0].flags == leaf_own_;
  for (size_t i = 1; i < done.size(); ++i) clean &= done[i].flags == 0;
  if (!first_ || clean) {
    first_ = std::move(done);
    first_policy_ = std::move(policy);
  }
  return clean;
}

bool PathBuilder::extend(std::vector<PathItem>& path, size_t self_cnt) {
  if (path.back().trusted) return finish(path);
  const Certificate& child = *path.back().cert;
  // A self-signed leaf that is itself in the trust store.
  if (path.size() == 1 && o_.trust != nullptr && child.self_issued()) {
    for (const auto& r : o_.trust->roots()) {
      if (same_der(*r, child)) {
        path.back().trusted = true;
        return finish(path);
      }
    }
  }
  size_t path_cnt = path.size() - 1;
  if (path.size() != 1 && child.self_issued()) ++self_cnt;
  auto cands = candidates(child, path_cnt, self_cnt, path);
  const uint32_t child_flags = path.back().flags;
  if (cands.empty() || path.size() > static_cast<size_t>(o_.max_intermediates) + 1) {
    path.back().flags |= flag::kNotTrusted;
    bool ok = finish(path);
    path.back().flags = child_flags;
    return ok;
  }
  for (const auto& cand : cands) {
    if (++steps_ > kMaxSteps) break;
    uint32_t link = 0;
    if (!cand.signature_good) link |= flag::kNotTrusted;
    if (!key_allowed(rules_, *cand.cert)) link |= flag::kBadKey;
    path.back().flags = child_flags | link;
    path.push_back({cand.cert, own_flags(*cand.cert, cand.trusted), cand.trusted});
    bool ok = extend(path, self_cnt);
    path.pop_back();
    path.back().flags = child_flags;
    if (ok) return true;
  }
  return false;
}

std::vector<PathItem> PathBuilder::build() {
  std::vector<PathItem> path;
  leaf_own_ = own_flags(*chain_[0], false);
  path.push_back({chain_[0], leaf_own_, false});
  extend(path, 0);
  return first_ ? std::move(*first_) : path;
}

}  // namespace

const ProfileRules& profile_rules(Profile p) {
  switch (p) {
    case Profile::next:
      return kNext;
    case Profile::suiteb:
      return kSuiteB;
    default:
      return kDefault;
  }
}

std::optional<Profile> profile_from_name(std::string_view n) {
  if (n == "default") return Profile::default_;
  if (n == "next") return Profile::next;
  if (n == "suiteb") return Profile::suiteb;
  return std::nullopt;
}

std::string verify_info(uint32_t flags, std::string_view prefix) {
  static constexpr std::pair<uint32_t, const char*> kTexts[] = {
      {flag::kExpired, "The certificate validity has expired"},
      {flag::kRevoked, "The certificate has been revoked (is on a CRL)"},
      {flag::kCnMismatch, "The certificate Common Name (CN) does not match with the expected CN"},
      {flag::kNotTrusted, "The certificate is not correctly signed by the trusted CA"},
      {flag::kCrlNotTrusted, "The CRL is not correctly signed by the trusted CA"},
      {flag::kCrlExpired, "The CRL is expired"},
      {flag::kMissing, "Certificate was missing"},
      {flag::kSkipVerify, "Certificate verification was skipped"},
      {flag::kOther, "Other reason (can be used by verify callback)"},
      {flag::kFuture, "The certificate validity starts in the future"},
      {flag::kCrlFuture, "The CRL is from the future"},
      {flag::kKeyUsage, "Usage does not match the keyUsage extension"},
      {flag::kExtKeyUsage, "Usage does not match the extendedKeyUsage extension"},
      {flag::kNsCertType, "Usage does not match the nsCertType extension"},
      {flag::kBadMd, "The certificate is signed with an unacceptable hash."},
      {flag::kBadPk, "The certificate is signed with an unacceptable PK alg (eg RSA vs ECDSA)."},
      {flag::kBadKey,
       "The certificate is signed with an unacceptable key (eg bad curve, RSA too short)."},
      {flag::kCrlBadMd, "The CRL is signed with an unacceptable hash."},
      {flag::kCrlBadPk, "The CRL is signed with an unacceptable PK alg (eg RSA vs ECDSA)."},
      {flag::kCrlBadKey,
       "The CRL is signed with an unacceptable key (eg bad curve, RSA too short)."},
  };
  std::string out;
  uint32_t rest = flags;
  for (const auto& [bit, text] : kTexts) {
    if ((flags & bit) == 0) continue;
    out += prefix;
    out += text;
    out += '\n';
    rest &= ~bit;
  }
  if (rest != 0) {
    out += prefix;
    out += "Unknown reason (this should not happen)\n";
  }
  return out;
}

struct TrustStore::SignatureCache {
  std::mutex mutex;
  std::unordered_set<std::string> entries;
  bool enabled = true;
};

TrustStore::TrustStore() : cache_(std::make_shared<SignatureCache>()) {}

void TrustStore::set_signature_cache(bool on) {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  cache_->enabled = on;
  cache_->entries.clear();
}

bool TrustStore::signature_cache() const {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  return cache_->enabled;
}

namespace {
std::string cache_key(ByteView digest, const Certificate* anchor) {
  std::string k(reinterpret_cast<const char*>(digest.data()), digest.size());
  const auto address = reinterpret_cast<uintptr_t>(anchor);
  k.append(reinterpret_cast<const char*>(&address), sizeof address);
  return k;
}
}  // namespace

bool TrustStore::cached_anchor_signature(ByteView digest, const Certificate* anchor) const {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  return cache_->enabled && cache_->entries.count(cache_key(digest, anchor)) != 0;
}

void TrustStore::remember_anchor_signature(ByteView digest, const Certificate* anchor) const {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  if (!cache_->enabled) return;
  if (cache_->entries.size() >= kSignatureCacheSize) cache_->entries.clear();
  cache_->entries.insert(cache_key(digest, anchor));
}

Status TrustStore::add_file(const std::string& path) {
  EMBER_TRY_ASSIGN(auto certs, load_certificates_file(path));
  for (auto& c : certs) add(std::move(c));
  return {};
}

Status TrustStore::add_dir(const std::string& path) {
  EMBER_TRY_ASSIGN(auto certs, load_certificates_dir(path));
  for (auto& c : certs) add(std::move(c));
  return {};
}

Status TrustStore::add_crl_file(const std::string& path) {
  EMBER_TRY_ASSIGN(auto crls, load_crl_file(path));
  for (auto& c : crls) add_crl(std::move(c));
  return {};
}

namespace {

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// RFC 9525 §6.3: exact match, or "*." + suffix where the wildcard is the whole left-most
// label and stands for exactly one non-empty label.
bool dns_pattern_matches(std::string_view pattern, std::string_view host) {
  if (pattern.empty() || host.empty()) return false;
  if (ascii_iequal(pattern, host)) return true;
  if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
    size_t dot = host.find('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    std::string_view suffix = pattern.substr(1);  // ".example.com"
    if (suffix.find('*') != std::string_view::npos) return false;
    if (std::count(suffix.begin(), suffix.end(), '.') < 2) return false;  // no "*.com"
    return ascii_iequal(host.substr(dot), suffix);
  }
  return false;
}

}  // namespace

std::optional<Bytes> parse_ip_literal(std::string_view host) {
  std::string h(host);
  if (!h.empty() && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  uint8_t buf[16];
  if (inet_pton(AF_INET, h.c_str(), buf) == 1) return Bytes(buf, buf + 4);
  if (inet_pton(AF_INET6, h.c_str(), buf) == 1) return Bytes(buf, buf + 16);
  return std::nullopt;
}

bool matches_host(const Certificate& leaf, std::string_view host, bool cn_fallback) {
  if (host.empty()) return false;
  if (auto ip = parse_ip_literal(host)) {
    for (const auto& gn : leaf.subject_alt_names())
      if (gn.type == GeneralNameType::ip && gn.value == *ip) return true;
    return false;
  }
  if (host.back() == '.') host.remove_suffix(1);
  for (const auto& gn : leaf.subject_alt_names()) {
    if (gn.type != GeneralNameType::dns) continue;
    if (dns_pattern_matches(
            std::string_view(reinterpret_cast<const char*>(gn.value.data()), gn.value.size()),
            host))
      return true;
  }
  // RFC 6125 §6.4.4 and Mbed TLS 2.28: the CN is a fallback only for a certificate without a
  // subjectAltName extension, whatever name types that extension holds.
  if (leaf.has_subject_alt_names() || !cn_fallback) return false;
  for (const auto& a : leaf.subject().attributes()) {
    if (!asn1::oid_is(a.oid, OidId::at_cn)) continue;
    if (dns_pattern_matches(
            std::string_view(reinterpret_cast<const char*>(a.value.data()), a.value.size()), host))
      return true;
  }
  return false;
}

uint32_t check_usage(const Certificate& leaf, Purpose purpose, uint32_t required_key_usage) {
  uint32_t flags = 0;
  if (required_key_usage != 0 && !leaf.key_usage_allows(required_key_usage))
    flags |= flag::kKeyUsage;
  if (purpose == Purpose::server &&
      !leaf.ext_key_usage_allows(asn1::oid_der(OidId::kp_server_auth)))
    flags |= flag::kExtKeyUsage;
  if (purpose == Purpose::client &&
      !leaf.ext_key_usage_allows(asn1::oid_der(OidId::kp_client_auth)))
    flags |= flag::kExtKeyUsage;
  return flags;
}

VerifyResult verify_chain(std::span<const CertPtr> chain, const VerifyOptions& o) {
  VerifyResult result;
  if (chain.empty() || !chain[0]) {
    result.flags = flag::kMissing | flag::kNotTrusted;
    return result;
  }
  int64_t now = o.now ? *o.now : static_cast<int64_t>(std::time(nullptr));
  const ProfileRules& rules = profile_rules(o.profile);
  const Certificate& leaf = *chain[0];
  uint32_t ee_flags = 0;
  if (o.host && !matches_host(leaf, *o.host, o.cn_fallback)) ee_flags |= flag::kCnMismatch;
  if (!pk_allowed(rules, leaf.public_key_type())) ee_flags |= flag::kBadPk;
  if (!key_allowed(rules, leaf)) ee_flags |= flag::kBadKey;
  ee_flags |= check_usage(leaf, o.purpose);
  // nameConstraints belong in CA certificates only (RFC 5280 §4.2.1.10); in an end-entity
  // certificate nothing processes them, so a critical one is an unprocessed critical extension.
  if (!leaf.is_ca() && leaf.name_constraints() && leaf.name_constraints_critical())
    ee_flags |= flag::kOther;

  PathBuilder builder(chain, o, now);
  auto path = builder.build();
  path[0].flags |= ee_flags;
  for (size_t i = path.size(); i-- > 0;) {
    uint32_t f = path[i].flags;
    if (o.callback) {
      int rc = o.callback(*path[i].cert, static_cast<int>(i), f);
      if (rc != 0) {
        result.callback_error = rc;
        result.flags = 0xffffffffu;  // as Mbed TLS: flags are -1 when the callback fails
        return result;
      }
    }
    result.flags |= f;
  }
  for (auto& item : path) result.path.push_back(item.cert);
  result.policies = builder.policy().policies;
  result.policy_error = builder.policy().reason;
  return result;
}

}  // namespace ember::x509
