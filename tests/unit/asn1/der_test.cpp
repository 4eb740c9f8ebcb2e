// Strict DER reader: canonical input accepted, every non-canonical or truncated form refused.
#include <gtest/gtest.h>

#include "ember/asn1/der.hpp"
#include "ember/asn1/oid.hpp"

namespace ember::asn1 {
namespace {

Bytes h(std::string_view s) {
  return from_hex(s);
}

TEST(Der, ReadsNestedSequence) {
  // SEQUENCE { INTEGER 5, SEQUENCE { BOOLEAN TRUE, NULL }, OCTET STRING 'ab' }
  auto der =
      h("300d020105300503"
        "01ff0500"
        "0402"
        "6162");
  der =
      h("300e0201053005"
        "0101ff0500"
        "04026162");
  DerReader r(der);
  auto seq = r.enter(tag::kSequence);
  ASSERT_TRUE(seq.ok());
  EXPECT_TRUE(r.finish().ok());
  EXPECT_EQ(*seq->read_int64(), 5);
  auto inner = seq->enter(tag::kSequence);
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->depth(), 2);
  EXPECT_TRUE(*inner->read_boolean());
  EXPECT_TRUE(inner->read_null().ok());
  EXPECT_TRUE(inner->finish().ok());
  auto os = seq->read_octet_string();
  ASSERT_TRUE(os.ok());
  EXPECT_EQ(std::string(os->begin(), os->end()), "ab");
  EXPECT_TRUE(seq->finish().ok());
}

TEST(Der, LengthForms) {
  // 0x81 0x80: long form needed for 128.
  Bytes ok = {0x04, 0x81, 0x80};
  ok.resize(3 + 128, 0x11);
  EXPECT_TRUE(parse_single(ok).ok());
  Bytes nonminimal = {0x04, 0x81, 0x05, 1, 2, 3, 4, 5};  // long form for a short length
  EXPECT_EQ(parse_single(nonminimal).error(), Error::asn1_bad_length);
  Bytes leading_zero = {0x04, 0x82, 0x00, 0x85};
  leading_zero.resize(4 + 0x85, 0);
  EXPECT_EQ(parse_single(leading_zero).error(), Error::asn1_bad_length);
  EXPECT_EQ(parse_single(h("3080020100"
                           "0000"))
                .error(),
            Error::asn1_bad_length);  // indefinite
  EXPECT_EQ(parse_single(h("0485ffffffffff")).error(), Error::asn1_bad_length);
  EXPECT_EQ(parse_single(h("0484ffffffff00")).error(), Error::asn1_truncated);  // huge claim
  EXPECT_EQ(parse_single(h("040301")).error(), Error::asn1_truncated);
  EXPECT_EQ(parse_single(h("04")).error(), Error::asn1_truncated);
  EXPECT_EQ(parse_single(h("0400"
                           "00"))
                .error(),
            Error::asn1_trailing_data);
  EXPECT_EQ(parse_single(h("1f2201"
                           "00"))
                .error(),
            Error::asn1_unexpected_tag);  // high tag
}

TEST(Der, Integers) {
  auto one = [](std::string_view hex) {
    Bytes b = from_hex(hex);
    DerReader r(b);
    return r.read_int64();
  };
  EXPECT_EQ(*one("020100"), 0);
  EXPECT_EQ(*one("02017f"), 127);
  EXPECT_EQ(*one("02020080"), 128);
  EXPECT_EQ(*one("0201ff"), -1);
  EXPECT_EQ(*one("020180"), -128);
  EXPECT_EQ(one("0200").error(), Error::asn1_bad_value);                    // empty
  EXPECT_EQ(one("0202007f").error(), Error::asn1_bad_value);                // non-minimal positive
  EXPECT_EQ(one("0202ff80").error(), Error::asn1_bad_value);                // non-minimal negative
  EXPECT_EQ(one("0209010000000000000000").error(), Error::asn1_bad_value);  // > int64
  Bytes neg = h("0201ff");
  DerReader r(neg);
  EXPECT_EQ(r.read_unsigned_integer().error(), Error::asn1_bad_value);
  Bytes big = h("0203008001");
  DerReader r2(big);
  auto mag = r2.read_unsigned_integer();
  ASSERT_TRUE(mag.ok());
  EXPECT_EQ(to_hex(*mag), "8001");
}

TEST(Der, BooleanBitStringNull) {
  Bytes b = h("010101");
  EXPECT_EQ(DerReader(b).read_boolean().error(), Error::asn1_bad_value);  // DER: 0xff only
  Bytes bs = h("03020780");
  auto v = DerReader(bs).read_bit_string();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->bit(0));
  EXPECT_FALSE(v->bit(1));
  Bytes bad_unused = h("03020781");  // unused bit set
  EXPECT_EQ(DerReader(bad_unused).read_bit_string().error(), Error::asn1_bad_value);
  Bytes too_many = h("03020880");
  EXPECT_EQ(DerReader(too_many).read_bit_string().error(), Error::asn1_bad_value);
  Bytes null_with_value = h("050100");
  EXPECT_EQ(DerReader(null_with_value).read_null().error(), Error::asn1_bad_value);
}

TEST(Der, Oids) {
  Bytes sha256rsa = h("06092a864886f70d01010b");
  DerReader r(sha256rsa);
  auto oid = r.read_oid();
  ASSERT_TRUE(oid.ok());
  EXPECT_EQ(*oid_to_string(*oid), "1.2.840.113549.1.1.11");
  EXPECT_TRUE(oid_is(*oid, OidId::sha256_with_rsa));
  const OidInfo* info = oid_lookup(*oid);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->description, "RSA with SHA-256");
  EXPECT_EQ(to_hex(*oid_from_string("2.5.29.19")), "551d13");
  EXPECT_EQ(to_hex(*oid_from_string("2.999.3")), "883703");
  EXPECT_EQ(*oid_to_string(from_hex("883703")), "2.999.3");
  Bytes nonminimal = h("0603558001");  // arc starting 0x80
  EXPECT_EQ(DerReader(nonminimal).read_oid().error(), Error::asn1_bad_value);
  Bytes unterminated = h("0602558f");
  EXPECT_EQ(DerReader(unterminated).read_oid().error(), Error::asn1_bad_value);
  EXPECT_FALSE(oid_from_string("1.40").ok());
  EXPECT_FALSE(oid_from_string("1..2").ok());
  // Every table entry round-trips and maps back to itself.
  for (uint16_t i = 0; i <= static_cast<uint16_t>(OidId::ad_ca_issuers); ++i) {
    auto id = static_cast<OidId>(i);
    EXPECT_EQ(oid_info(id).id, id);
    EXPECT_EQ(oid_lookup(oid_der(id)), &oid_info(id));
    EXPECT_EQ(*oid_to_string(oid_der(id)), oid_info(id).dotted);
  }
}

TEST(Der, Times) {
  auto t = [](std::string_view hex) {
    Bytes b = from_hex(hex);
    return DerReader(b).read_time();
  };
  // UTCTime 491231235959Z = 2049-12-31 23:59:59; 500101000000Z = 1950-01-01.
  EXPECT_EQ(*t("170d3439313233313233353935395a"), 2524607999);
  EXPECT_EQ(format_time(*t("170d3530303130313030303030305a")), "1950-01-01 00:00:00");
  // GeneralizedTime 20500101000000Z.
  EXPECT_EQ(*t("180f32303530303130313030303030305a"), 2524608000);
  EXPECT_EQ(format_time(2524608000), "2050-01-01 00:00:00");
  // 2024-02-29 is valid, 2023-02-29 and month 13 are not; missing Z; fractional seconds.
  EXPECT_TRUE(t("170d3234303232393030303030305a").ok());
  EXPECT_EQ(t("170d3233303232393030303030305a").error(), Error::asn1_bad_value);
  EXPECT_EQ(t("170d3233313332393030303030305a").error(), Error::asn1_bad_value);
  EXPECT_EQ(t("170d32333031303130303030303030").error(), Error::asn1_bad_value);
  EXPECT_EQ(t("181132303233303130313030303030302e315a").error(), Error::asn1_bad_value);
  EXPECT_EQ(t("0400").error(), Error::asn1_unexpected_tag);
}

TEST(Der, NestingLimit) {
  // 40 nested SEQUENCEs: entering past kMaxDepth fails cleanly.
  Bytes der;
  for (int i = 0; i < 40; ++i) {
    Bytes outer = {0x30, static_cast<uint8_t>(der.size())};
    outer.insert(outer.end(), der.begin(), der.end());
    der = outer;
  }
  DerReader r(der);
  Result<DerReader> cur = r;
  int entered = 0;
  while (true) {
    auto next = cur->enter(tag::kSequence);
    if (!next.ok()) {
      EXPECT_EQ(next.error(), Error::asn1_too_deep);
      break;
    }
    cur = next;
    ++entered;
  }
  EXPECT_EQ(entered, kMaxDepth);
}

}  // namespace
}  // namespace ember::asn1
