// Distinguished names: parsing, Mbed TLS-style rendering and comparison.
#include "ember/x509/name.hpp"

#include <cstring>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"

namespace ember::x509 {

using asn1::DerReader;
namespace tag = asn1::tag;

Result<Name> Name::parse(ByteView der) {
  Name n;
  n.der_.assign(der.begin(), der.end());
  DerReader outer(der);
  auto seq = outer.enter(tag::kSequence);
  if (!seq || !outer.finish()) return Error::x509_bad_name;
  while (!seq->empty()) {
    auto rdn = seq->enter(tag::kSet);
    if (!rdn || rdn->empty()) return Error::x509_bad_name;
    bool first = true;
    while (!rdn->empty()) {
      auto atv = rdn->enter(tag::kSequence);
      if (!atv) return Error::x509_bad_name;
      auto oid = atv->read_oid();
      if (!oid) return Error::x509_bad_name;
      auto value = atv->read_any();
      if (!value || value->constructed() || !atv->finish()) return Error::x509_bad_name;
      n.attrs_.push_back(NameAttribute{Bytes(oid->begin(), oid->end()), value->tag,
                                       Bytes(value->value.begin(), value->value.end()), !first});
      first = false;
    }
  }
  return n;
}

std::string Name::to_string() const {
  std::string out;
  for (size_t i = 0; i < attrs_.size(); ++i) {
    const auto& a = attrs_[i];
    if (i > 0) out += a.continues_rdn ? " + " : ", ";
    const asn1::OidInfo* info = asn1::oid_lookup(a.oid);
    if (info != nullptr) {
      out += info->short_name;
      out += '=';
    } else {
      out += "\?\?=";
    }
    for (uint8_t c : a.value) {
      if (c != 0 && std::strchr(",=+<>#;\"\\", c) != nullptr) out += '\\';
      out += (c < 32 || c >= 127) ? '?' : static_cast<char>(c);
    }
  }
  return out;
}

std::string Name::first(ByteView oid) const {
  for (const auto& a : attrs_)
    if (a.oid.size() == oid.size() && std::memcmp(a.oid.data(), oid.data(), oid.size()) == 0)
      return std::string(a.value.begin(), a.value.end());
  return {};
}

namespace {

// The string types RFC 5280 §7.1 asks to compare after RFC 4518 preparation (PrintableString,
// UTF8String), plus IA5String (emailAddress and domainComponent use caseIgnoreIA5Match,
// RFC 4519) and TeletexString, whose values are ASCII in practice.
bool is_directory_string(uint8_t t) {
  return t == tag::kPrintableString || t == tag::kUtf8String || t == tag::kIa5String ||
         t == tag::kT61String;
}

bool is_space(uint8_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// RFC 4518 for the ASCII range, read one byte at a time (no copy: names are compared on
// every chain built): control characters that are spaces count as spaces, ASCII letters fold
// to lower case, leading and trailing spaces go, and each inner run of spaces becomes one.
// Bytes above 0x7f (UTF-8) compare as they are: no Unicode normalisation.
class Prepared {
 public:
  explicit Prepared(ByteView v) : v_(v) {}
  int next() {  // -1 at the end
    if (i_ < v_.size() && is_space(v_[i_])) {
      while (i_ < v_.size() && is_space(v_[i_])) ++i_;
      if (i_ == v_.size()) return -1;  // trailing spaces
      if (started_) return ' ';        // an inner run; its next byte comes on the next call
    }
    if (i_ == v_.size()) return -1;
    started_ = true;
    uint8_t c = v_[i_++];
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

 private:
  ByteView v_;
  size_t i_ = 0;
  bool started_ = false;
};

bool prepared_equal(ByteView a, ByteView b) {
  Prepared pa(a), pb(b);
  for (;;) {
    int x = pa.next(), y = pb.next();
    if (x != y) return false;
    if (x < 0) return true;
  }
}

// The end of the RDN that starts at attribute i: [i, end) are its attributes.
size_t rdn_end(const std::vector<NameAttribute>& attrs, size_t i) {
  size_t j = i + 1;
  while (j < attrs.size() && attrs[j].continues_rdn) ++j;
  return j;
}

size_t rdn_count(const std::vector<NameAttribute>& attrs) {
  size_t n = 0;
  for (size_t i = 0; i < attrs.size(); i = rdn_end(attrs, i)) ++n;
  return n;
}

// An RDN is a SET: every attribute of one must match a distinct attribute of the other.
bool rdn_matches(const std::vector<NameAttribute>& a, std::pair<size_t, size_t> ra,
                 const std::vector<NameAttribute>& b, std::pair<size_t, size_t> rb) {
  size_t n = ra.second - ra.first;
  if (n != rb.second - rb.first) return false;
  if (n == 1) return same_attribute(a[ra.first], b[rb.first]);
  std::vector<bool> used(n, false);
  for (size_t i = ra.first; i < ra.second; ++i) {
    bool found = false;
    for (size_t j = 0; j < n && !found; ++j) {
      if (used[j] || !same_attribute(a[i], b[rb.first + j])) continue;
      used[j] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

bool same_attribute(const NameAttribute& a, const NameAttribute& b) {
  if (a.oid != b.oid) return false;
  if (a.tag == b.tag && a.value == b.value) return true;
  if (!is_directory_string(a.tag) || !is_directory_string(b.tag)) return false;
  return prepared_equal(a.value, b.value);
}

bool Name::has_prefix(const Name& prefix) const {
  size_t i = 0;
  for (size_t j = 0; j < prefix.attrs_.size();) {
    if (i == attrs_.size()) return false;
    size_t ie = rdn_end(attrs_, i), je = rdn_end(prefix.attrs_, j);
    if (!rdn_matches(attrs_, {i, ie}, prefix.attrs_, {j, je})) return false;
    i = ie;
    j = je;
  }
  return true;
}

bool Name::matches(const Name& other) const {
  if (der_ == other.der_) return true;  // the usual case: the issuer's exact bytes
  return rdn_count(attrs_) == rdn_count(other.attrs_) && has_prefix(other);
}

}  // namespace ember::x509
