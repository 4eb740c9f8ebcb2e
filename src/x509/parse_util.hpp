// Helpers shared by the X.509 parsers (private to src/x509/).
#pragma once

#include "ember/asn1/der.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::x509 {

// A GeneralName (RFC 5280 §4.2.1.6) from the next TLV of r.
Result<GeneralName> parse_general_name(asn1::DerReader& r);

// GeneralNames: one or more GeneralName in r (already inside the SEQUENCE or implicit tag).
Result<std::vector<GeneralName>> parse_general_names(asn1::DerReader& r);

// The DistributionPointName CHOICE inside the [0] of a DistributionPoint or an
// IssuingDistributionPoint; r is a reader over that [0]'s contents.
Result<DistributionPointName> parse_distribution_point_name(asn1::DerReader& r);

// A ReasonFlags BIT STRING as a reasons:: mask.
uint16_t reason_mask(const asn1::BitString& bits);

// One Extension (RFC 5280 §4.1): SEQUENCE { extnID, critical DEFAULT FALSE, extnValue }.
struct Extension {
  ByteView oid;
  bool critical = false;
  ByteView value;
};
// Reads the next Extension of seq; with `seen`, an OID already in it is
// x509_duplicate_extension (and the OID is added).
Result<Extension> read_extension(asn1::DerReader& seq, std::vector<ByteView>* seen);

}  // namespace ember::x509
