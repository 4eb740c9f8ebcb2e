// X.509 v1/v3 certificates: an immutable parse of the fields and extensions a verifier acts on.
// Shared as std::shared_ptr<const Certificate>; the public key is built once, at parse time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"
#include "ember/crypto/provider.hpp"
#include "ember/x509/name.hpp"

namespace ember::x509 {

// keyUsage bits, same values as MBEDTLS_X509_KU_*.
namespace ku {
constexpr uint32_t kDigitalSignature = 0x80;
constexpr uint32_t kNonRepudiation = 0x40;
constexpr uint32_t kKeyEncipherment = 0x20;
constexpr uint32_t kDataEncipherment = 0x10;
constexpr uint32_t kKeyAgreement = 0x08;
constexpr uint32_t kKeyCertSign = 0x04;
constexpr uint32_t kCrlSign = 0x02;
constexpr uint32_t kEncipherOnly = 0x01;
constexpr uint32_t kDecipherOnly = 0x8000;
}  // namespace ku

// How a certificate or CRL is signed.
struct SignatureAlgorithm {
  crypto::KeyType key_type = crypto::KeyType::rsa;  // rsa (PKCS#1 or PSS), ec, ed25519, ed448
  std::optional<crypto::HashAlg> hash;              // nullopt: unsupported (MD5) or pure EdDSA
  bool md5 = false;                                 // md5WithRSAEncryption: parsed, never accepted
  crypto::SignatureParams params;
  std::string name;  // "ECDSA with SHA256", "RSA with SHA-256", "RSASSA-PSS", "Ed25519"
};

// Parses an AlgorithmIdentifier of a signature.
EMBER_API Result<SignatureAlgorithm> parse_signature_algorithm(ByteView algorithm_identifier_der);

enum class GeneralNameType : uint8_t {
  other_name = 0,
  rfc822 = 1,
  dns = 2,
  x400 = 3,
  directory = 4,
  edi_party = 5,
  uri = 6,
  ip = 7,
  registered_id = 8
};

struct GeneralName {
  GeneralNameType type;
  Bytes value;  // IA5 text for rfc822/dns/uri, 4/16 (or 8/32 in constraints) bytes for ip,
                // Name DER for directory, raw contents otherwise
};

struct GeneralSubtree {
  GeneralName base;
};

struct NameConstraints {
  std::vector<GeneralSubtree> permitted;
  std::vector<GeneralSubtree> excluded;
};

// ReasonFlags (RFC 5280 §4.2.1.13) as a mask: bit n is the named bit n (1 keyCompromise ...
// 8 aACompromise). Bit 0 ("unused") never counts.
namespace reasons {
constexpr uint16_t kAll = 0x1fe;
}

// DistributionPointName: fullName, or nameRelativeToCRLIssuer (one RDN to append to the CRL
// issuer's name), kept as the SET's DER contents.
struct DistributionPointName {
  std::vector<GeneralName> full_name;
  std::optional<Bytes> relative_rdn;
};

// One cRLDistributionPoints entry (RFC 5280 §4.2.1.13).
struct DistributionPoint {
  std::optional<DistributionPointName> name;
  uint16_t reasons = reasons::kAll;     // all reasons when the field is absent
  std::vector<GeneralName> crl_issuer;  // empty: the certificate's issuer issues the CRL
};

// certificatePolicies / policyMappings / policyConstraints / inhibitAnyPolicy
// (RFC 5280 §4.2.1.4, .5, .11, .14); OIDs as contents.
struct PolicyMapping {
  Bytes issuer_domain;
  Bytes subject_domain;
};
struct PolicyConstraints {
  std::optional<int> require_explicit_policy;  // SkipCerts
  std::optional<int> inhibit_policy_mapping;
};

struct AccessDescription {
  Bytes method_oid;
  GeneralName location;
};

class EMBER_API Certificate {
 public:
  static Result<std::shared_ptr<const Certificate>> parse_der(
      ByteView der, const crypto::Provider& provider = crypto::default_provider());

  ByteView der() const { return der_; }
  ByteView tbs() const;
  int version() const { return version_; }     // 1, 2 or 3
  ByteView serial() const { return serial_; }  // INTEGER contents
  const Name& issuer() const { return issuer_; }
  const Name& subject() const { return subject_; }
  int64_t not_before() const { return not_before_; }  // Unix seconds
  int64_t not_after() const { return not_after_; }
  const SignatureAlgorithm& signature_algorithm() const { return sig_alg_; }
  ByteView signature() const;

  crypto::KeyType public_key_type() const { return key_type_; }
  // nullptr when the key's algorithm or curve is not supported (parsed, but unusable).
  const crypto::PublicKey* public_key() const { return public_key_.get(); }
  ByteView spki_der() const;
  size_t key_bits() const { return key_bits_; }
  std::optional<crypto::Curve> curve() const { return curve_; }

  // Extensions.
  bool has_basic_constraints() const { return has_bc_; }
  bool is_ca() const { return is_ca_; }
  std::optional<int> path_len() const { return path_len_; }
  bool has_key_usage() const { return has_ku_; }
  uint32_t key_usage() const { return key_usage_; }
  bool has_ext_key_usage() const { return !eku_.empty(); }
  const std::vector<Bytes>& ext_key_usage() const { return eku_; }
  bool has_subject_alt_names() const { return has_san_; }
  const std::vector<GeneralName>& subject_alt_names() const { return san_; }
  const std::optional<NameConstraints>& name_constraints() const { return name_constraints_; }
  bool name_constraints_critical() const { return name_constraints_critical_; }
  // certificatePolicies OIDs (anyPolicy included when present); has_policies() tells an
  // absent extension from the (invalid) empty one.
  const std::vector<Bytes>& policies() const { return policies_; }
  bool has_policies() const { return !policies_.empty(); }
  const std::vector<PolicyMapping>& policy_mappings() const { return policy_mappings_; }
  const std::optional<PolicyConstraints>& policy_constraints() const { return policy_constraints_; }
  std::optional<int> inhibit_any_policy() const { return inhibit_any_policy_; }
  ByteView subject_key_id() const { return ski_; }
  ByteView authority_key_id() const { return aki_; }
  // URIs of the cRLDistributionPoints fullNames (what the info dump prints).
  const std::vector<std::string>& crl_distribution_points() const { return crl_dps_; }
  const std::vector<DistributionPoint>& distribution_points() const { return dps_; }
  const std::vector<AccessDescription>& authority_info_access() const { return aia_; }
  bool has_ns_cert_type() const { return has_ns_; }
  uint8_t ns_cert_type() const { return ns_cert_type_; }
  // A critical extension embertls does not process: verification fails (BADCERT_OTHER).
  bool has_unhandled_critical_extension() const { return unhandled_critical_; }
  bool self_issued() const { return issuer_.matches(subject_); }

  // mbedtls_x509_crt_check_key_usage: true if there is no keyUsage or all bits are present.
  bool key_usage_allows(uint32_t usage) const;
  // mbedtls_x509_crt_check_extended_key_usage: no EKU, the OID, or anyExtendedKeyUsage.
  bool ext_key_usage_allows(ByteView purpose_oid) const;

  // Human-readable dump in the layout of mbedtls_x509_crt_info.
  std::string info(std::string_view prefix = "") const;

 private:
  friend class CertificateParser;
  // Ordered by alignment (8-byte members, then 4-byte, then 1-byte) so the object carries no
  // padding beyond its tail (clang-analyzer's optin.performance.Padding).
  Bytes der_;
  size_t tbs_off_ = 0, tbs_len_ = 0, sig_off_ = 0, sig_len_ = 0, spki_off_ = 0, spki_len_ = 0;
  Bytes serial_;
  Name issuer_, subject_;
  int64_t not_before_ = 0, not_after_ = 0;
  SignatureAlgorithm sig_alg_;
  std::unique_ptr<crypto::PublicKey> public_key_;
  size_t key_bits_ = 0;
  std::vector<Bytes> eku_;
  std::vector<GeneralName> san_;
  std::optional<NameConstraints> name_constraints_;
  std::vector<Bytes> policies_;
  std::vector<PolicyMapping> policy_mappings_;
  std::vector<DistributionPoint> dps_;
  Bytes ski_, aki_;
  std::vector<std::string> crl_dps_;
  std::vector<AccessDescription> aia_;
  std::optional<PolicyConstraints> policy_constraints_;
  std::optional<int> path_len_;
  std::optional<int> inhibit_any_policy_;
  int version_ = 1;
  uint32_t key_usage_ = 0;
  crypto::KeyType key_type_ = crypto::KeyType::rsa;
  std::optional<crypto::Curve> curve_;
  uint8_t ns_cert_type_ = 0;
  bool has_bc_ = false, is_ca_ = false, has_ku_ = false, has_san_ = false, has_ns_ = false;
  bool name_constraints_critical_ = false;
  bool unhandled_critical_ = false;
};

using CertPtr = std::shared_ptr<const Certificate>;

// Every certificate in PEM text (all "CERTIFICATE" blocks) or one DER certificate.
EMBER_API Result<std::vector<CertPtr>> parse_certificates(ByteView pem_or_der);
EMBER_API Result<std::vector<CertPtr>> load_certificates_file(const std::string& path);
// Every file of a directory that parses as certificates (others are skipped, as
// mbedtls_x509_crt_parse_path does); error if none could be read.
EMBER_API Result<std::vector<CertPtr>> load_certificates_dir(const std::string& path);

// Reads a whole file (size-limited) for the loaders.
EMBER_API Result<Bytes> read_file(const std::string& path, size_t max_size = 16u << 20);

// "01:AB:..." as mbedtls_x509_serial_gets prints it.
EMBER_API std::string serial_to_string(ByteView serial);

}  // namespace ember::x509
