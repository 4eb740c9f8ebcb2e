#include "ember/core/bytes.hpp"

#include <gtest/gtest.h>

#include "ember/core/ct.hpp"
#include "ember/core/result.hpp"
#include "ember/core/secret.hpp"

namespace ember {
namespace {

TEST(Reader, ReadsIntegersBigEndian) {
  Bytes in = from_hex("01020304050607080910111213");
  Reader r(in);
  uint8_t a;
  uint16_t b;
  uint32_t c, d;
  ASSERT_TRUE(r.u8(a));
  ASSERT_TRUE(r.u16(b));
  ASSERT_TRUE(r.u24(c));
  ASSERT_TRUE(r.u32(d));
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0203);
  EXPECT_EQ(c, 0x040506u);
  EXPECT_EQ(d, 0x07080910u);
  EXPECT_EQ(r.remaining(), 3u);
}

TEST(Reader, FailsClosedWithoutMoving) {
  Bytes in = from_hex("0005aabb");
  Reader r(in);
  ByteView v;
  EXPECT_FALSE(r.u16_prefixed(v));  // claims 5 bytes, has 2
  EXPECT_EQ(r.position(), 0u);
  uint32_t x;
  EXPECT_FALSE(Reader(ByteView(in).first(3)).u32(x));
  Reader sub;
  Bytes ok = from_hex("0002aabbcc");
  Reader r2(ok);
  ASSERT_TRUE(r2.u16_prefixed(sub));
  EXPECT_EQ(sub.remaining(), 2u);
  EXPECT_EQ(r2.remaining(), 1u);
}

TEST(Writer, FillsPrefixes) {
  Bytes out;
  Writer w(out);
  w.u16_prefixed([&] {
    w.u8(1);
    w.u8_prefixed([&] { w.bytes(from_hex("aabbcc")); });
  });
  w.u24(0x010203);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(to_hex(out), "00050103aabbcc010203");
}

TEST(Writer, OverlongBodyFails) {
  Bytes out;
  Writer w(out);
  Bytes big(300, 7);
  w.u8_prefixed([&] { w.bytes(big); });
  EXPECT_FALSE(w.ok());
}

TEST(Writer, FixedBufferOverflowIsSticky) {
  uint8_t buf[4];
  Writer w{MutableByteView(buf)};
  w.u16(1);
  w.u24(2);  // does not fit
  EXPECT_FALSE(w.ok());
  w.u8(1);
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.size(), 2u);
}

TEST(Hex, RoundTripAndRejectsBadDigits) {
  Bytes out;
  EXPECT_TRUE(from_hex("00ff10", out));
  EXPECT_EQ(to_hex(out), "00ff10");
  EXPECT_FALSE(from_hex("0g", out));
  EXPECT_FALSE(from_hex("abc", out));
}

TEST(ConstantTime, EqualAndMasks) {
  Bytes a = from_hex("010203"), b = from_hex("010203"), c = from_hex("010204");
  EXPECT_TRUE(ct::equal(a, b));
  EXPECT_FALSE(ct::equal(a, c));
  EXPECT_FALSE(ct::equal(a, ByteView(b).first(2)));
  EXPECT_EQ(ct::eq(5, 5), ~size_t{0});
  EXPECT_EQ(ct::eq(5, 6), 0u);
  EXPECT_EQ(ct::lt(3, 9), ~size_t{0});
  EXPECT_EQ(ct::lt(9, 3), 0u);
  EXPECT_EQ(ct::lt(SIZE_MAX, 0), 0u);
  EXPECT_EQ(ct::lt(0, SIZE_MAX), ~size_t{0});
  EXPECT_EQ(ct::ge(4, 4), ~size_t{0});
  EXPECT_EQ(ct::select(ct::eq(1, 1), 10, 20), 10u);
  Bytes dst = from_hex("0000"), src = from_hex("abcd");
  ct::conditional_copy(0, dst, src);
  EXPECT_EQ(to_hex(dst), "0000");
  ct::conditional_copy(~size_t{0}, dst, src);
  EXPECT_EQ(to_hex(dst), "abcd");
}

TEST(Secret, CopiesMovesAndClears) {
  Secret s(from_hex("deadbeef"));
  Secret copy = s;
  Secret moved = std::move(s);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(to_hex(moved.view()), "deadbeef");
  EXPECT_EQ(to_hex(copy.view()), "deadbeef");
  moved.clear();
  EXPECT_EQ(moved.size(), 0u);
}

Result<int> parse_positive(int v) {
  if (v <= 0) return Error::invalid_argument;
  return v;
}
Result<int> doubled(int v) {
  EMBER_TRY_ASSIGN(int x, parse_positive(v));
  return 2 * x;
}

TEST(Result, PropagatesErrors) {
  EXPECT_EQ(*doubled(4), 8);
  EXPECT_EQ(doubled(-1).error(), Error::invalid_argument);
  EXPECT_EQ(error_name(Error::bad_record_mac), "bad_record_mac");
  EXPECT_EQ(error_message(Error::ok), "no error");
}

}  // namespace
}  // namespace ember
