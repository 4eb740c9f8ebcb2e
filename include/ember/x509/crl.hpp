// X.509 v1/v2 certificate revocation lists.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ember/core/export.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::x509 {

struct RevokedEntry {
  Bytes serial;
  int64_t revocation_date = 0;
  std::optional<int> reason;  // CRLReason value
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
  const SignatureAlgorithm& signature_algorithm() const { return sig_alg_; }
  const std::vector<RevokedEntry>& revoked() const { return revoked_; }
  std::optional<int64_t> crl_number() const { return crl_number_; }
  // The entry for a serial, or nullptr.
  const RevokedEntry* find(ByteView serial) const;
  // Layout of mbedtls_x509_crl_info.
  std::string info(std::string_view prefix = "") const;

 private:
  friend class CrlParser;
  Bytes der_;
  size_t tbs_off_ = 0, tbs_len_ = 0, sig_off_ = 0, sig_len_ = 0;
  int version_ = 1;
  Name issuer_;
  int64_t this_update_ = 0;
  std::optional<int64_t> next_update_;
  SignatureAlgorithm sig_alg_;
  std::vector<RevokedEntry> revoked_;
  std::optional<int64_t> crl_number_;
};

using CrlPtr = std::shared_ptr<const Crl>;

EMBER_API Result<std::vector<CrlPtr>> parse_crls(ByteView pem_or_der);
EMBER_API Result<std::vector<CrlPtr>> load_crl_file(const std::string& path);

}  // namespace ember::x509
