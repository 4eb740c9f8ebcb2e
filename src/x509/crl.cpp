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
  static Status parse_entry_extensions(Crl& c, RevokedEntry& e, DerReader& r,
                                       std::optional<Name>& current_issuer);
  static Status parse_crl_extensions(Crl& c, DerReader& r);
  static bool parse_idp(Crl& c, ByteView value);
  static void unusable(Crl& c, std::string why) {
    if (c.unusable_reason_.empty()) c.unusable_reason_ = std::move(why);
  }
};

namespace {

std::string oid_name(ByteView oid) {
  if (const auto* info = asn1::oid_lookup(oid)) return std::string(info->short_name);
  auto dotted = asn1::oid_to_string(oid);
  return dotted ? *dotted : std::string("?");
}

// A non-negative INTEGER (CRLNumber, BaseCRLNumber) as its contents.
std::optional<Bytes> read_crl_number(ByteView value) {
  DerReader r(value);
  auto n = r.read_integer_bytes();
  if (!n || !r.finish() || ((*n)[0] & 0x80) != 0) return std::nullopt;
  return Bytes(n->begin(), n->end());
}

// [n] IMPLICIT BOOLEAN DEFAULT FALSE.
Result<bool> read_flag(DerReader& r, unsigned n) {
  if (r.peek_tag() != tag::context(n, false)) return false;
  EMBER_TRY_ASSIGN(auto e, r.read(tag::context(n, false)));
  if (e.value.size() != 1 || (e.value[0] != 0x00 && e.value[0] != 0xff))
    return Error::asn1_bad_value;
  return e.value[0] == 0xff;
}

}  // namespace

Status CrlParser::parse_entry_extensions(Crl& c, RevokedEntry& e, DerReader& r,
                                         std::optional<Name>& current_issuer) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  std::vector<ByteView> seen;
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto ext, read_extension(seq, &seen));
    const auto& [oid, critical, value] = ext;
    if (oid_is(oid, OidId::ext_reason_code)) {
      DerReader vr(value);
      auto reason = vr.read_int64(tag::kEnumerated);
      if (!reason || !vr.finish() || *reason < 0 || *reason > 10 || *reason == 7) {
        unusable(c, "invalid reasonCode in an entry");
        continue;
      }
      e.reason = static_cast<int>(*reason);
    } else if (oid_is(oid, OidId::ext_certificate_issuer)) {
      DerReader vr(value, 2);
      auto names = vr.enter(tag::kSequence);
      auto list = names ? parse_general_names(*names)
                        : Result<std::vector<GeneralName>>(Error::x509_bad_extension);
      if (!list || !vr.finish()) {
        unusable(c, "malformed certificateIssuer in an entry");
        continue;
      }
      // Certificates are issued by directory names: the first one is the issuer (a list
      // without one names no certificate issuer this verifier can meet).
      current_issuer = Name();
      for (const auto& gn : *list) {
        if (gn.type != GeneralNameType::directory) continue;
        if (auto n = Name::parse(gn.value)) current_issuer = std::move(*n);
        break;
      }
    } else if (critical && !oid_is(oid, OidId::ext_invalidity_date)) {
      unusable(c, "unsupported critical entry extension " + oid_name(oid));
    }
  }
  e.certificate_issuer = current_issuer;
  return {};
}

bool CrlParser::parse_idp(Crl& c, ByteView value) {
  DerReader r(value, 2);
  auto seq = r.enter(tag::kSequence);
  if (!seq || !r.finish()) return false;
  IssuingDistributionPoint idp;
  auto dpn = seq->enter_optional(tag::context(0, true));
  if (!dpn) return false;
  if (*dpn) {
    auto name = parse_distribution_point_name(**dpn);
    if (!name) return false;
    idp.name = std::move(*name);
  }
  auto user = read_flag(*seq, 1);
  auto ca = read_flag(*seq, 2);
  if (!user || !ca) return false;
  if (seq->peek_tag() == tag::context(3, false)) {
    auto bits = seq->read_bit_string(tag::context(3, false));
    if (!bits) return false;
    idp.reasons = reason_mask(*bits);
  }
  auto indirect = read_flag(*seq, 4);
  auto attr = read_flag(*seq, 5);
  if (!indirect || !attr || !seq->finish()) return false;
  idp.only_user_certs = *user;
  idp.only_ca_certs = *ca;
  idp.indirect = *indirect;
  idp.only_attribute_certs = *attr;
  // At most one of the "only" scopes (RFC 5280 §5.2.5).
  if (int(*user) + int(*ca) + int(*attr) > 1) return false;
  c.idp_ = std::move(idp);
  return true;
}

Status CrlParser::parse_crl_extensions(Crl& c, DerReader& r) {
  EMBER_TRY_ASSIGN(auto seq, r.enter(tag::kSequence));
  std::vector<ByteView> seen;
  while (!seq.empty()) {
    EMBER_TRY_ASSIGN(auto ext, read_extension(seq, &seen));
    const auto& [oid, critical, value] = ext;
    const asn1::OidInfo* info = asn1::oid_lookup(oid);
    OidId id = info != nullptr ? info->id : OidId::sha1;  // sha1: "not an extension" below
    switch (id) {
      case OidId::ext_crl_number:
        c.crl_number_ = read_crl_number(value);
        if (!c.crl_number_) unusable(c, "malformed cRLNumber");
        // RFC 5280 §5.2.3: never critical; a CRL issuer that marks it so is not to be relied on.
        if (critical) unusable(c, "critical cRLNumber");
        break;
      case OidId::ext_delta_crl_indicator:
        c.delta_base_ = read_crl_number(value);
        if (!c.delta_base_) {
          unusable(c, "malformed deltaCRLIndicator");
          c.delta_base_ = Bytes{0};  // still a delta CRL: never taken for a complete one
        }
        break;
      case OidId::ext_issuing_distribution_point:
        if (!parse_idp(c, value)) unusable(c, "malformed issuingDistributionPoint");
        break;
      case OidId::ext_authority_key_identifier: {
        DerReader vr(value, 2);
        auto aki = vr.enter(tag::kSequence);
        auto kid = aki ? aki->read_optional(tag::context(0, false))
                       : Result<std::optional<asn1::Element>>(Error::x509_bad_extension);
        if (!kid) {
          unusable(c, "malformed authorityKeyIdentifier");
        } else if (*kid) {
          c.aki_.assign((*kid)->value.begin(), (*kid)->value.end());
        }
        break;
      }
      case OidId::ext_issuer_alt_name:
      case OidId::ext_freshest_crl:  // where deltas are published: nothing to process here
      case OidId::ext_authority_info_access:
        break;
      default:
        if (critical) unusable(c, "unsupported critical extension " + oid_name(oid));
        break;
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
  if (auto alg = parse_signature_algorithm(outer_alg->raw)) {
    c.sig_alg_ = std::move(*alg);
  } else {
    // A well-formed AlgorithmIdentifier of an algorithm embertls does not verify (DSA, ...):
    // the CRL loads, and can never be trusted.
    DerReader ar(outer_alg->value, 2);
    auto oid = ar.read_oid();
    if (!oid) return Error::x509_bad_algorithm;
    const auto* info = asn1::oid_lookup(*oid);
    c.sig_alg_.name = info != nullptr ? std::string(info->description) : oid_name(*oid);
    c.sig_supported_ = false;
    unusable(c, "unsupported signature algorithm " + c.sig_alg_.name);
  }
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
  bool any_certificate_issuer = false;
  if (tbs.peek_tag() == tag::kSequence) {
    auto revoked = tbs.enter(tag::kSequence);
    if (!revoked) return Error::x509_bad_crl;
    std::optional<Name> current_issuer;
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
        EMBER_TRY(parse_entry_extensions(c, e, *entry, current_issuer));
      } else {
        e.certificate_issuer = current_issuer;
      }
      any_certificate_issuer |= e.certificate_issuer.has_value();
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
  // certificateIssuer attributes entries to other CAs: meaningful only in an indirect CRL.
  if (any_certificate_issuer && !c.indirect())
    unusable(c, "certificateIssuer entries in a CRL that is not indirect");
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
  return find(serial, issuer_);
}

const RevokedEntry* Crl::find(ByteView serial, const Name& cert_issuer) const {
  for (const auto& e : revoked_) {
    if (e.serial.size() != serial.size() ||
        std::memcmp(e.serial.data(), serial.data(), serial.size()) != 0)
      continue;
    if (!indirect()) return &e;
    const Name& entry_issuer = e.certificate_issuer ? *e.certificate_issuer : issuer_;
    if (entry_issuer.matches(cert_issuer)) return &e;
  }
  return nullptr;
}

int Crl::compare_numbers(ByteView a, ByteView b) {
  auto strip = [](ByteView v) {
    while (v.size() > 1 && v[0] == 0) v = v.subspan(1);
    return v;
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.empty() ? 0 : std::memcmp(a.data(), b.data(), a.size());
  return c < 0 ? -1 : c > 0 ? 1 : 0;
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
