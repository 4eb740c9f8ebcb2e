// X.509 v1/v2 certificate revocation lists (RFC 5280 §5).
//
// A CRL that is well-formed DER always parses, even when embertls cannot use it to decide
// anything (an unknown critical extension, a signature algorithm it does not implement, a
// malformed value inside a known extension): such a CRL reports usable() == false and
// unusable_reason(), and verification treats it as RFC 5280 §6.3 says — it can never prove that
// a certificate is not revoked. Only broken DER is a parse error.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/export.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::x509 {

// CRLReason values (RFC 5280 §5.3.1).
namespace crl_reason {
constexpr int kUnspecified = 0;
constexpr int kKeyCompromise = 1;
constexpr int kCaCompromise = 2;
constexpr int kCertificateHold = 6;
constexpr int kRemoveFromCrl = 8;
}  // namespace crl_reason

struct RevokedEntry {
  Bytes serial;
  int64_t revocation_date = 0;
  std::optional<int> reason;  // CRLReason value
  // Indirect CRLs: the issuer of the revoked certificate (certificateIssuer, carried over from
  // the previous entry as RFC 5280 §5.3.3 says); nullopt means the CRL issuer.
  std::optional<Name> certificate_issuer;
};

// issuingDistributionPoint (RFC 5280 §5.2.5): which certificates the CRL covers.
struct IssuingDistributionPoint {
  std::optional<DistributionPointName> name;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  bool only_attribute_certs = false;
  bool indirect = false;
  uint16_t reasons = reasons::kAll;  // onlySomeReasons, all when absent
};

class EMBER_API Crl {
 public:
  static Result<std::shared_ptr<const Crl>> parse_der(ByteView der);

  ByteView der() const { return der_; }
  ByteView tbs() const;
  ByteView signature() const;
  int version() const { return version_; }  // 1 or 2
  const Name& issuer() const { return issuer_; }
  int64_t this_update() const { return this_update_; }
  std::optional<int64_t> next_update() const { return next_update_; }
  // The algorithm; meaningful only when signature_supported().
  const SignatureAlgorithm& signature_algorithm() const { return sig_alg_; }
  bool signature_supported() const { return sig_supported_; }
  const std::vector<RevokedEntry>& revoked() const { return revoked_; }
  // cRLNumber and deltaCRLIndicator's BaseCRLNumber as INTEGER contents (non-negative).
  const std::optional<Bytes>& crl_number() const { return crl_number_; }
  const std::optional<Bytes>& delta_base() const { return delta_base_; }
  bool is_delta() const { return delta_base_.has_value(); }
  const std::optional<IssuingDistributionPoint>& issuing_distribution_point() const { return idp_; }
  bool indirect() const { return idp_ && idp_->indirect; }
  ByteView authority_key_id() const { return aki_; }
  bool usable() const { return unusable_reason_.empty(); }
  const std::string& unusable_reason() const { return unusable_reason_; }

  // The entry for a serial of a certificate issued by the CRL issuer, or nullptr.
  const RevokedEntry* find(ByteView serial) const;
  // The entry for a serial of a certificate issued by cert_issuer (for an indirect CRL, the
  // entries whose certificateIssuer is that name; otherwise those of the CRL issuer).
  const RevokedEntry* find(ByteView serial, const Name& cert_issuer) const;
  // Layout of mbedtls_x509_crl_info, plus lines for the v2 extensions embertls acts on.
  std::string info(std::string_view prefix = "") const;

  // Compares two non-negative INTEGER contents as numbers (-1, 0, 1).
  static int compare_numbers(ByteView a, ByteView b);

 private:
  friend class CrlParser;
  Bytes der_;
  size_t tbs_off_ = 0, tbs_len_ = 0, sig_off_ = 0, sig_len_ = 0;
  int version_ = 1;
  Name issuer_;
  int64_t this_update_ = 0;
  std::optional<int64_t> next_update_;
  SignatureAlgorithm sig_alg_;
  bool sig_supported_ = true;
  std::vector<RevokedEntry> revoked_;
  std::optional<Bytes> crl_number_, delta_base_;
  std::optional<IssuingDistributionPoint> idp_;
  Bytes aki_;
  std::string unusable_reason_;
};

using CrlPtr = std::shared_ptr<const Crl>;

EMBER_API Result<std::vector<CrlPtr>> parse_crls(ByteView pem_or_der);
EMBER_API Result<std::vector<CrlPtr>> load_crl_file(const std::string& path);

}  // namespace ember::x509
