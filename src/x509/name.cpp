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
bool is_caseless_string(uint8_t t) {
  return t == tag::kPrintableString || t == tag::kUtf8String;
}

bool values_match(const NameAttribute& a, const NameAttribute& b) {
  if (a.tag == b.tag && a.value == b.value) return true;
  if (!is_caseless_string(a.tag) || !is_caseless_string(b.tag)) return false;
  if (a.value.size() != b.value.size()) return false;
  for (size_t i = 0; i < a.value.size(); ++i) {
    uint8_t x = a.value[i], y = b.value[i];
    if (x == y) continue;
    if ((x ^ y) != 0x20) return false;
    uint8_t lower = x | 0x20;
    if (lower < 'a' || lower > 'z') return false;
  }
  return true;
}
}  // namespace

bool Name::matches(const Name& other) const {
  if (attrs_.size() != other.attrs_.size()) return false;
  for (size_t i = 0; i < attrs_.size(); ++i) {
    const auto& a = attrs_[i];
    const auto& b = other.attrs_[i];
    if (a.continues_rdn != b.continues_rdn || a.oid != b.oid || !values_match(a, b)) return false;
  }
  return true;
}

}  // namespace ember::x509
