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

// Two attributes are the same when their types are equal and their values are byte-identical
// with the same string type or, for directory strings (PrintableString, UTF8String, IA5String,
// TeletexString, any mix), equal after RFC 4518 preparation restricted to ASCII: case folded,
// leading/trailing whitespace removed, inner whitespace runs folded to one space.
EMBER_API bool same_attribute(const NameAttribute& a, const NameAttribute& b);

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

  // RFC 5280 §7.1 name matching: the same RDNs in the same order, each RDN compared as a set
  // of attributes (same_attribute). Mbed TLS's x509_name_cmp accepts a subset of these matches
  // (case only, PrintableString/UTF8String only, no whitespace folding, RDNs in order).
  bool matches(const Name& other) const;
  // True when the first RDNs of this name match all of prefix's (directoryName constraints).
  bool has_prefix(const Name& prefix) const;

 private:
  std::vector<NameAttribute> attrs_;
  Bytes der_;
};

}  // namespace ember::x509
