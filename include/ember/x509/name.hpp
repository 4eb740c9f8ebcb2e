// X.501 distinguished names as they appear in certificates and CRLs.
#pragma once

#include <string>
#include <vector>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember::x509 {

struct NameAttribute {
  Bytes oid;                   // OID contents
  uint8_t tag;                 // string type (PrintableString, UTF8String, ...)
  Bytes value;                 // string contents
  bool continues_rdn = false;  // true when this attribute is in the same RDN as the previous
};

class EMBER_API Name {
 public:
  // Parses a Name (SEQUENCE OF RDN) from its full DER TLV.
  static Result<Name> parse(ByteView der);

  const std::vector<NameAttribute>& attributes() const { return attrs_; }
  ByteView der() const { return der_; }
  bool empty() const { return attrs_.empty(); }
  // Mbed TLS style: "C=NL, O=embertls test, CN=localhost" (RFC 1779 escaping, '?' for
  // non-printable bytes, " + " inside multi-valued RDNs).
  std::string to_string() const;
  // First value of an attribute (e.g. the CN), or empty.
  std::string first(ByteView oid) const;

  // Name matching as Mbed TLS's x509_name_cmp: same structure, same types; PrintableString and
  // UTF8String values compare ASCII case-insensitively, other types byte for byte.
  bool matches(const Name& other) const;

 private:
  std::vector<NameAttribute> attrs_;
  Bytes der_;
};

}  // namespace ember::x509
