// CRL parsing (RFC 5280 §5).
#include "ember/x509/crl.hpp"

#include <cstring>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"
#include "ember/asn1/pem.hpp"
#include "x509/parse_util.hpp"

namespace ember::x509 {

using asn1::DerReader;
using asn1::oid_is;
using asn1::OidId;
namespace tag = asn1::tag;

class CrlParser {
 public:
  static Status parse(Crl& c);

 private:
  static Status parse_entry_extensions(RevokedEntry& e, DerReader& r);
  static Status parse_crl_extensions(Crl& c, DerReader& r);
};

Status CrlParser::parse_entry_extensions(RevokedEntry& e, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  std::vector<ByteView> seen;
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto ext, read_extension(seq, &seen));
    const auto& [oid, critical, value] = ext;
    if (oid_is(oid, OidId::ext_reason_code)) {
      DerReader vr(value);
      EMBER_TRY_ASSIGN(auto reason, vr.read_int64(tag::kEnumerated));
      EMBER_TRY(vr.finish());
      if (reason < 0 || reason > 10 || reason == 7) return Error::x509_bad_crl;
      e.reason = static_cast<int>(reason);
    } else if (critical && !oid_is(oid, OidId::ext_invalidity_date)) {
      return Error::x509_bad_crl;  // e.g. certificateIssuer (indirect CRLs): not supported
    }
  }
  return {};
}

Status CrlParser::parse_crl_extensions(Crl& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto ext, read_extension(seq, nullptr));
    const auto& [oid, critical, value] = ext;
    if (oid_is(oid, OidId::ext_crl_number)) {
      DerReader vr(value);
      auto n = vr.read_int64();
      if (n) c.crl_number_ = *n;
    } else if (critical && !oid_is(oid, OidId::ext_authority_key_identifier)) {
      return Error::x509_bad_crl;  // delta CRLs, issuing distribution points: unsupported
    }
  }
  return {};
}

Status CrlParser::parse(Crl& c) {
  ByteView der = c.der_;
  DerReader outer(der);
  auto list = outer.enter(tag::kSequence);
  if (!list || !outer.finish()) return Error::x509_bad_crl;
  auto tbs_el = list->read(tag::kSequence);
  auto outer_alg = list->read(tag::kSequence);
  if (!tbs_el || !outer_alg) return Error::x509_bad_crl;
  auto sig = list->read_bit_string();
  if (!sig || sig->unused_bits != 0 || !list->finish()) return Error::x509_bad_crl;
  c.tbs_off_ = static_cast<size_t>(tbs_el->raw.data() - der.data());
  c.tbs_len_ = tbs_el->raw.size();
  c.sig_off_ = static_cast<size_t>(sig->bytes.data() - der.data());
  c.sig_len_ = sig->bytes.size();

  DerReader tbs(tbs_el->value, 1);
  if (tbs.peek_tag() == tag::kInteger) {
    auto v = tbs.read_int64();
    if (!v || *v != 1) return Error::x509_bad_version;
    c.version_ = 2;
  }
  auto inner_alg = tbs.read(tag::kSequence);
  if (!inner_alg || inner_alg->raw.size() != outer_alg->raw.size() ||
      std::memcmp(inner_alg->raw.data(), outer_alg->raw.data(), inner_alg->raw.size()) != 0)
    return Error::x509_bad_algorithm;
  EMBER_TRY_ASSIGN(c.sig_alg_, parse_signature_algorithm(outer_alg->raw));
  auto issuer = tbs.read(tag::kSequence);
  if (!issuer) return Error::x509_bad_name;
  EMBER_TRY_ASSIGN(c.issuer_, Name::parse(issuer->raw));
  auto this_update = tbs.read_time();
  if (!this_update) return Error::x509_bad_time;
  c.this_update_ = *this_update;
  auto t = tbs.peek_tag();
  if (t == tag::kUtcTime || t == tag::kGeneralizedTime) {
    auto next = tbs.read_time();
    if (!next) return Error::x509_bad_time;
    c.next_update_ = *next;
  }
  if (tbs.peek_tag() == tag::kSequence) {
    auto revoked = tbs.enter(tag::kSequence);
    if (!revoked) return Error::x509_bad_crl;
    while (!revoked->empty()) {
      auto entry = revoked->enter(tag::kSequence);
      if (!entry) return Error::x509_bad_crl;
      RevokedEntry e;
      auto serial = entry->read_integer_bytes();
      if (!serial) return Error::x509_bad_serial;
      e.serial.assign(serial->begin(), serial->end());
      auto date = entry->read_time();
      if (!date) return Error::x509_bad_time;
      e.revocation_date = *date;
      if (!entry->empty()) {
        if (c.version_ != 2) return Error::x509_bad_crl;
        EMBER_TRY(parse_entry_extensions(e, *entry));
      }
      if (!entry->finish()) return Error::x509_bad_crl;
      c.revoked_.push_back(std::move(e));
    }
  }
  auto exts = tbs.enter_optional(tag::context(0, true));
  if (!exts) return Error::x509_bad_crl;
  if (*exts) {
    if (c.version_ != 2) return Error::x509_bad_crl;
    EMBER_TRY(parse_crl_extensions(c, **exts));
  }
  if (!tbs.finish()) return Error::x509_bad_crl;
  return {};
}

Result<std::shared_ptr<const Crl>> Crl::parse_der(ByteView der) {
  if (der.size() > (64u << 20)) return Error::input_too_large;
  auto c = std::make_shared<Crl>();
  c->der_.assign(der.begin(), der.end());
  EMBER_TRY(CrlParser::parse(*c));
  return std::shared_ptr<const Crl>(std::move(c));
}

ByteView Crl::tbs() const {
  return ByteView(der_).subspan(tbs_off_, tbs_len_);
}
ByteView Crl::signature() const {
  return ByteView(der_).subspan(sig_off_, sig_len_);
}

const RevokedEntry* Crl::find(ByteView serial) const {
  for (const auto& e : revoked_)
    if (e.serial.size() == serial.size() &&
        std::memcmp(e.serial.data(), serial.data(), serial.size()) == 0)
      return &e;
  return nullptr;
}

Result<std::vector<CrlPtr>> parse_crls(ByteView input) {
  std::vector<CrlPtr> out;
  if (asn1::looks_like_pem(input)) {
    std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    EMBER_TRY_ASSIGN(auto blocks, asn1::pem_decode_labeled(text, {"X509 CRL"}));
    for (const auto& b : blocks) {
      EMBER_TRY_ASSIGN(auto crl, Crl::parse_der(b.der));
      out.push_back(std::move(crl));
    }
    return out;
  }
  EMBER_TRY_ASSIGN(auto crl, Crl::parse_der(input));
  out.push_back(std::move(crl));
  return out;
}

Result<std::vector<CrlPtr>> load_crl_file(const std::string& path) {
  EMBER_TRY_ASSIGN(auto data, read_file(path, 64u << 20));
  return parse_crls(data);
}

}  // namespace ember::x509
