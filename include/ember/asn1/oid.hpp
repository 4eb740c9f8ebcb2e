// The OIDs embertls acts on, with the names Mbed TLS prints for them.
#pragma once

#include <optional>
#include <string_view>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"

namespace ember::asn1 {

enum class OidId : uint16_t {
  // Hashes and signature algorithms.
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  rsa_encryption,
  rsassa_pss,
  mgf1,
  sha1_with_rsa,
  sha224_with_rsa,
  sha256_with_rsa,
  sha384_with_rsa,
  sha512_with_rsa,
  md5_with_rsa,
  ec_public_key,
  ecdsa_with_sha1,
  ecdsa_with_sha224,
  ecdsa_with_sha256,
  ecdsa_with_sha384,
  ecdsa_with_sha512,
  ed25519,
  ed448,
  x25519,
  x448,
  dsa,
  secp256r1,
  secp384r1,
  secp521r1,
  secp256k1,
  secp224r1,
  brainpool256r1,
  // Name attributes (X.520, PKCS#9, RFC 4519).
  at_cn,
  at_surname,
  at_serial_number,
  at_country,
  at_locality,
  at_state,
  at_street,
  at_organization,
  at_org_unit,
  at_title,
  at_given_name,
  at_initials,
  at_generation_qualifier,
  at_unique_identifier,
  at_dn_qualifier,
  at_pseudonym,
  at_postal_code,
  at_email,
  at_uid,
  at_domain_component,
  // Certificate and CRL extensions.
  ext_subject_key_identifier,
  ext_key_usage,
  ext_subject_alt_name,
  ext_issuer_alt_name,
  ext_basic_constraints,
  ext_crl_number,
  ext_reason_code,
  ext_invalidity_date,
  ext_delta_crl_indicator,
  ext_issuing_distribution_point,
  ext_certificate_issuer,
  ext_name_constraints,
  ext_crl_distribution_points,
  ext_certificate_policies,
  ext_policy_mappings,
  ext_authority_key_identifier,
  ext_policy_constraints,
  ext_extended_key_usage,
  ext_freshest_crl,
  ext_inhibit_any_policy,
  ext_authority_info_access,
  ext_subject_info_access,
  ext_ns_cert_type,
  ext_ct_precert_scts,
  // Extended key usages and access methods.
  kp_server_auth,
  kp_client_auth,
  kp_code_signing,
  kp_email_protection,
  kp_time_stamping,
  kp_ocsp_signing,
  any_extended_key_usage,
  any_policy,
  ad_ocsp,
  ad_ca_issuers,
};

struct OidInfo {
  OidId id;
  std::string_view dotted;
  std::string_view short_name;   // Mbed TLS's short name ("CN", "basicConstraints", ...)
  std::string_view description;  // Mbed TLS's description ("TLS Web Server Authentication")
};

// Looks up OID contents; nullptr for an OID not in the table.
EMBER_API const OidInfo* oid_lookup(ByteView oid_contents);
EMBER_API const OidInfo& oid_info(OidId id);
// DER contents of a known OID (for comparisons without string formatting).
EMBER_API ByteView oid_der(OidId id);
EMBER_API bool oid_is(ByteView oid_contents, OidId id);

}  // namespace ember::asn1
