// Helpers shared by the X.509 parsers (private to src/x509/).
#pragma once

#include "ember/asn1/der.hpp"
#include "ember/x509/certificate.hpp"

namespace ember::x509 {

// A GeneralName (RFC 5280 §4.2.1.6) from the next TLV of r.
Result<GeneralName> parse_general_name(asn1::DerReader& r);

}  // namespace ember::x509
