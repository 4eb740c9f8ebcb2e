// Path validation (RFC 5280 §6 as it applies to TLS) with Mbed TLS 2.28-compatible result
// flags, plus the host-name and usage checks the TLS layer needs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ember/core/export.hpp"
#include "ember/x509/certificate.hpp"
#include "ember/x509/crl.hpp"

namespace ember::x509 {

// Bit-identical to MBEDTLS_X509_BADCERT_* / MBEDTLS_X509_BADCRL_*.
namespace flag {
constexpr uint32_t kExpired = 0x01;
constexpr uint32_t kRevoked = 0x02;
constexpr uint32_t kCnMismatch = 0x04;
constexpr uint32_t kNotTrusted = 0x08;
constexpr uint32_t kCrlNotTrusted = 0x10;
constexpr uint32_t kCrlExpired = 0x20;
constexpr uint32_t kMissing = 0x40;
constexpr uint32_t kSkipVerify = 0x80;
constexpr uint32_t kOther = 0x0100;
constexpr uint32_t kFuture = 0x0200;
constexpr uint32_t kCrlFuture = 0x0400;
constexpr uint32_t kKeyUsage = 0x0800;
constexpr uint32_t kExtKeyUsage = 0x1000;
constexpr uint32_t kNsCertType = 0x2000;
constexpr uint32_t kBadMd = 0x4000;
constexpr uint32_t kBadPk = 0x8000;
constexpr uint32_t kBadKey = 0x010000;
constexpr uint32_t kCrlBadMd = 0x020000;
constexpr uint32_t kCrlBadPk = 0x040000;
constexpr uint32_t kCrlBadKey = 0x080000;
}  // namespace flag

// Explanation lines, one per set flag, each "<prefix><text>\n", worded exactly as
// mbedtls_x509_crt_verify_info.
EMBER_API std::string verify_info(uint32_t flags, std::string_view prefix = "");

// Mbed TLS's mbedtls_x509_crt_profile_{default,next,suiteb}.
enum class Profile { default_, next, suiteb };
struct ProfileRules {
  bool allow_sha1, allow_sha224, allow_sha256, allow_sha384, allow_sha512;
  bool allow_rsa, allow_ec, allow_eddsa;
  bool allow_p256, allow_p384, allow_p521;
  size_t rsa_min_bits;
};
EMBER_API const ProfileRules& profile_rules(Profile p);
EMBER_API std::optional<Profile> profile_from_name(std::string_view name);  // default|next|suiteb

// Trust anchors and CRLs, shared by many verifications (immutable once built).
class EMBER_API TrustStore {
 public:
  TrustStore();
  void add(CertPtr cert) { roots_.push_back(std::move(cert)); }
  Status add_file(const std::string& path);
  Status add_dir(const std::string& path);
  void add_crl(CrlPtr crl) { crls_.push_back(std::move(crl)); }
  Status add_crl_file(const std::string& path);
  const std::vector<CertPtr>& roots() const { return roots_; }
  const std::vector<CrlPtr>& crls() const { return crls_; }

  // Memo of signatures the anchors have verified, keyed by SHA-256 of the signed certificate's
  // DER: a chain seen again (the same intermediate on every connection) skips that public-key
  // operation. Thread-safe; bounded (cleared when kSignatureCacheSize entries are reached).
  // On by default.
  static constexpr size_t kSignatureCacheSize = 4096;
  void set_signature_cache(bool on);
  bool signature_cache() const;
  bool cached_anchor_signature(ByteView child_der_digest, const Certificate* anchor) const;
  void remember_anchor_signature(ByteView child_der_digest, const Certificate* anchor) const;

 private:
  struct SignatureCache;
  std::vector<CertPtr> roots_;
  std::vector<CrlPtr> crls_;
  std::shared_ptr<SignatureCache> cache_;
};

enum class Purpose { any, server, client };

// Called for every certificate of the path from the top (trust anchor) down to the leaf
// (depth 0), as Mbed TLS's f_vrfy; it may change the flags. A non-zero return aborts
// verification with that value in VerifyResult::callback_error.
using VerifyCallback = std::function<int(const Certificate& crt, int depth, uint32_t& flags)>;

// Certificate policy inputs of RFC 5280 §6.1.1 (c), (e)-(g). The defaults accept any policy and
// require none, so a chain without policy extensions verifies as before. A path that fails policy
// processing gets flag::kOther (MBEDTLS_X509_BADCERT_OTHER, Mbed TLS has no policy flag) on the
// target certificate and VerifyResult::policy_error says why.
struct PolicyOptions {
  // user-initial-policy-set, OID contents (asn1::oid_from_string("1.2.3")); anyPolicy by default.
  std::vector<Bytes> initial_policies = {Bytes{0x55, 0x1d, 0x20, 0x00}};
  bool explicit_policy = false;         // initial-explicit-policy
  bool inhibit_policy_mapping = false;  // initial-policy-mapping-inhibit
  bool inhibit_any_policy = false;      // initial-any-policy-inhibit
};

// How much revocation status verification requires (RFC 5280 §6.3; docs/x509.md "Revocation").
// CRLs come from TrustStore::add_crl / add_crl_file. In every mode a CRL that covers a
// certificate and lists it sets kRevoked, and CRLs that cover it but cannot be used (bad
// signature, unknown critical extension, delta without its base, ...) set kCrlNotTrusted unless
// usable CRLs settle its status.
enum class CrlCheck {
  if_present,  // Mbed TLS 2.28: a certificate that no CRL covers is not revoked (default)
  leaf,        // the leaf's status must be settled by CRLs (all reasons), else kCrlNotTrusted
  all,         // the same for every certificate below the trust anchor
};

struct VerifyOptions {
  const TrustStore* trust = nullptr;
  Profile profile = Profile::default_;
  std::optional<std::string> host;  // DNS name or IP literal checked against the leaf
  std::optional<int64_t> now;       // Unix seconds; default: the system clock
  Purpose purpose = Purpose::any;   // adds keyUsage / extKeyUsage checks on the leaf
  VerifyCallback callback;
  int max_intermediates = 8;  // MBEDTLS_X509_MAX_INTERMEDIATE_CA
  // Fall back to the subject CN when the leaf has no subjectAltName extension at all (Mbed TLS
  // and RFC 6125 do; the Web PKI and RFC 9525 do not). On by default for compatibility.
  bool cn_fallback = true;
  PolicyOptions policy;
  CrlCheck crl_check = CrlCheck::if_present;
};

struct VerifyResult {
  uint32_t flags = 0;
  std::vector<CertPtr> path;  // leaf first, trust anchor last (when one was reached)
  int callback_error = 0;
  // The policies the path is valid for (RFC 5280 §6.1.6's user-constrained-policy-set, in the
  // trust anchor's domain), OID contents: {anyPolicy} when every certificate asserts anyPolicy,
  // empty when some certificate has no certificatePolicies. policy_error: why the path failed
  // policy processing, empty when it did not.
  std::vector<Bytes> policies;
  std::string policy_error;
  bool ok() const { return flags == 0 && callback_error == 0; }
};

// peer_chain[0] is the leaf; the others may come in any order.
EMBER_API VerifyResult verify_chain(std::span<const CertPtr> peer_chain,
                                    const VerifyOptions& options);

// RFC 9525 host-name check against the leaf (dNSName SANs, wildcard as the whole left-most
// label only; iPAddress SANs for IP literals; the subject CN only when the leaf has no
// subjectAltName extension, as RFC 6125 and Mbed TLS 2.28).
EMBER_API bool matches_host(const Certificate& leaf, std::string_view host,
                            bool cn_fallback = true);

// Usage checks for TLS (keyUsage bits and extKeyUsage purposes); each returns the flags to add.
EMBER_API uint32_t check_usage(const Certificate& leaf, Purpose purpose,
                               uint32_t required_key_usage = 0);

}  // namespace ember::x509
