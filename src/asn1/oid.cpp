// OID table. Encodings are computed once from the dotted forms.
#include "ember/asn1/oid.hpp"

#include <array>
#include <cstring>
#include <vector>

#include "ember/asn1/der.hpp"

namespace ember::asn1 {

namespace {

using enum OidId;

constexpr OidInfo kTable[] = {
    {sha1, "1.3.14.3.2.26", "SHA-1", "SHA-1"},
    {sha224, "2.16.840.1.101.3.4.2.4", "SHA-224", "SHA-224"},
    {sha256, "2.16.840.1.101.3.4.2.1", "SHA-256", "SHA-256"},
    {sha384, "2.16.840.1.101.3.4.2.2", "SHA-384", "SHA-384"},
    {sha512, "2.16.840.1.101.3.4.2.3", "SHA-512", "SHA-512"},
    {rsa_encryption, "1.2.840.113549.1.1.1", "rsaEncryption", "RSA"},
    {rsassa_pss, "1.2.840.113549.1.1.10", "RSASSA-PSS", "RSASSA-PSS"},
    {mgf1, "1.2.840.113549.1.1.8", "id-mgf1", "Mask Generation Function 1"},
    {sha1_with_rsa, "1.2.840.113549.1.1.5", "sha-1WithRSAEncryption", "RSA with SHA1"},
    {sha224_with_rsa, "1.2.840.113549.1.1.14", "sha224WithRSAEncryption", "RSA with SHA-224"},
    {sha256_with_rsa, "1.2.840.113549.1.1.11", "sha256WithRSAEncryption", "RSA with SHA-256"},
    {sha384_with_rsa, "1.2.840.113549.1.1.12", "sha384WithRSAEncryption", "RSA with SHA-384"},
    {sha512_with_rsa, "1.2.840.113549.1.1.13", "sha512WithRSAEncryption", "RSA with SHA-512"},
    {md5_with_rsa, "1.2.840.113549.1.1.4", "md5WithRSAEncryption", "RSA with MD5"},
    {ec_public_key, "1.2.840.10045.2.1", "id-ecPublicKey", "Generic EC key"},
    {ecdsa_with_sha1, "1.2.840.10045.4.1", "ecdsa-with-SHA1", "ECDSA with SHA1"},
    {ecdsa_with_sha224, "1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "ECDSA with SHA224"},
    {ecdsa_with_sha256, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "ECDSA with SHA256"},
    {ecdsa_with_sha384, "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "ECDSA with SHA384"},
    {ecdsa_with_sha512, "1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "ECDSA with SHA512"},
    {ed25519, "1.3.101.112", "Ed25519", "Ed25519"},
    {ed448, "1.3.101.113", "Ed448", "Ed448"},
    {x25519, "1.3.101.110", "X25519", "X25519"},
    {x448, "1.3.101.111", "X448", "X448"},
    {dsa, "1.2.840.10040.4.1", "dsa", "DSA"},
    {secp256r1, "1.2.840.10045.3.1.7", "secp256r1", "secp256r1"},
    {secp384r1, "1.3.132.0.34", "secp384r1", "secp384r1"},
    {secp521r1, "1.3.132.0.35", "secp521r1", "secp521r1"},
    {secp256k1, "1.3.132.0.10", "secp256k1", "secp256k1"},
    {secp224r1, "1.3.132.0.33", "secp224r1", "secp224r1"},
    {brainpool256r1, "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", "brainpool256r1"},
    {at_cn, "2.5.4.3", "CN", "Common Name"},
    {at_surname, "2.5.4.4", "SN", "Surname"},
    {at_serial_number, "2.5.4.5", "serialNumber", "Serial number"},
    {at_country, "2.5.4.6", "C", "Country"},
    {at_locality, "2.5.4.7", "L", "Locality"},
    {at_state, "2.5.4.8", "ST", "State"},
    {at_street, "2.5.4.9", "street", "Street"},
    {at_organization, "2.5.4.10", "O", "Organization"},
    {at_org_unit, "2.5.4.11", "OU", "Org Unit"},
    {at_title, "2.5.4.12", "title", "Title"},
    {at_postal_code, "2.5.4.17", "postalCode", "Postal code"},
    {at_given_name, "2.5.4.42", "GN", "Given name"},
    {at_initials, "2.5.4.43", "initials", "Initials"},
    {at_generation_qualifier, "2.5.4.44", "generationQualifier", "Generation qualifier"},
    {at_unique_identifier, "2.5.4.45", "uniqueIdentifier", "Unique Identifier"},
    {at_dn_qualifier, "2.5.4.46", "dnQualifier", "Distinguished Name qualifier"},
    {at_pseudonym, "2.5.4.65", "pseudonym", "Pseudonym"},
    {at_email, "1.2.840.113549.1.9.1", "emailAddress", "E-mail address"},
    {at_uid, "0.9.2342.19200300.100.1.1", "uid", "User Id"},
    {at_domain_component, "0.9.2342.19200300.100.1.25", "DC", "Domain component"},
    {ext_subject_key_identifier, "2.5.29.14", "subjectKeyIdentifier", "Subject Key Identifier"},
    {ext_key_usage, "2.5.29.15", "keyUsage", "Key Usage"},
    {ext_subject_alt_name, "2.5.29.17", "subjectAltName", "Subject Alt Name"},
    {ext_issuer_alt_name, "2.5.29.18", "issuerAltName", "Issuer Alt Name"},
    {ext_basic_constraints, "2.5.29.19", "basicConstraints", "Basic Constraints"},
    {ext_crl_number, "2.5.29.20", "cRLNumber", "CRL Number"},
    {ext_reason_code, "2.5.29.21", "reasonCode", "CRL Reason Code"},
    {ext_invalidity_date, "2.5.29.24", "invalidityDate", "Invalidity Date"},
    {ext_delta_crl_indicator, "2.5.29.27", "deltaCRLIndicator", "Delta CRL Indicator"},
    {ext_issuing_distribution_point, "2.5.29.28", "issuingDistributionPoint",
     "Issuing Distribution Point"},
    {ext_certificate_issuer, "2.5.29.29", "certificateIssuer", "Certificate Issuer"},
    {ext_name_constraints, "2.5.29.30", "nameConstraints", "Name Constraints"},
    {ext_crl_distribution_points, "2.5.29.31", "cRLDistributionPoints", "CRL Distribution Points"},
    {ext_certificate_policies, "2.5.29.32", "certificatePolicies", "Certificate Policies"},
    {ext_policy_mappings, "2.5.29.33", "policyMappings", "Policy Mappings"},
    {ext_authority_key_identifier, "2.5.29.35", "authorityKeyIdentifier",
     "Authority Key Identifier"},
    {ext_policy_constraints, "2.5.29.36", "policyConstraints", "Policy Constraints"},
    {ext_extended_key_usage, "2.5.29.37", "extendedKeyUsage", "Extended Key Usage"},
    {ext_freshest_crl, "2.5.29.46", "freshestCRL", "Freshest CRL"},
    {ext_inhibit_any_policy, "2.5.29.54", "inhibitAnyPolicy", "Inhibit Any Policy"},
    {ext_authority_info_access, "1.3.6.1.5.5.7.1.1", "authorityInfoAccess",
     "Authority Information Access"},
    {ext_subject_info_access, "1.3.6.1.5.5.7.1.11", "subjectInfoAccess",
     "Subject Information Access"},
    {ext_ns_cert_type, "2.16.840.1.113730.1.1", "nsCertType", "Netscape Certificate Type"},
    {ext_ct_precert_scts, "1.3.6.1.4.1.11129.2.4.2", "ctPrecertificateSCTs",
     "CT Precertificate SCTs"},
    {kp_server_auth, "1.3.6.1.5.5.7.3.1", "id-kp-serverAuth", "TLS Web Server Authentication"},
    {kp_client_auth, "1.3.6.1.5.5.7.3.2", "id-kp-clientAuth", "TLS Web Client Authentication"},
    {kp_code_signing, "1.3.6.1.5.5.7.3.3", "id-kp-codeSigning", "Code Signing"},
    {kp_email_protection, "1.3.6.1.5.5.7.3.4", "id-kp-emailProtection", "E-mail Protection"},
    {kp_time_stamping, "1.3.6.1.5.5.7.3.8", "id-kp-timeStamping", "Time Stamping"},
    {kp_ocsp_signing, "1.3.6.1.5.5.7.3.9", "id-kp-OCSPSigning", "OCSP Signing"},
    {any_extended_key_usage, "2.5.29.37.0", "anyExtendedKeyUsage", "Any Extended Key Usage"},
    {any_policy, "2.5.29.32.0", "anyPolicy", "Any Policy"},
    {ad_ocsp, "1.3.6.1.5.5.7.48.1", "id-ad-ocsp", "OCSP"},
    {ad_ca_issuers, "1.3.6.1.5.5.7.48.2", "id-ad-caIssuers", "CA Issuers"},
};

constexpr size_t kCount = sizeof(kTable) / sizeof(kTable[0]);

struct Encoded {
  std::array<std::vector<uint8_t>, kCount> der;
  std::array<size_t, kCount> index_of_id{};
  Encoded() {
    for (size_t i = 0; i < kCount; ++i) {
      auto d = oid_from_string(kTable[i].dotted);
      if (d.ok()) der[i] = *d;
      index_of_id[static_cast<size_t>(kTable[i].id)] = i;
    }
  }
};

const Encoded& encoded() {
  static const Encoded e;
  return e;
}

}  // namespace

const OidInfo* oid_lookup(ByteView oid) {
  const auto& e = encoded();
  for (size_t i = 0; i < kCount; ++i) {
    const auto& d = e.der[i];
    if (d.size() == oid.size() && std::memcmp(d.data(), oid.data(), d.size()) == 0)
      return &kTable[i];
  }
  return nullptr;
}

const OidInfo& oid_info(OidId id) {
  return kTable[encoded().index_of_id[static_cast<size_t>(id)]];
}

ByteView oid_der(OidId id) {
  return encoded().der[encoded().index_of_id[static_cast<size_t>(id)]];
}

bool oid_is(ByteView oid, OidId id) {
  ByteView d = oid_der(id);
  return d.size() == oid.size() && std::memcmp(d.data(), oid.data(), d.size()) == 0;
}

}  // namespace ember::asn1
