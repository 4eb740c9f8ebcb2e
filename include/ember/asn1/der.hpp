// A strict DER reader (X.690 §10): definite lengths in minimal form, low tag numbers only,
// bounded nesting, and every value checked for its canonical encoding. Anything else is an
// error value, never an exception or an over-read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"
#include "ember/core/result.hpp"

namespace ember::asn1 {

namespace tag {
constexpr uint8_t kBoolean = 0x01;
constexpr uint8_t kInteger = 0x02;
constexpr uint8_t kBitString = 0x03;
constexpr uint8_t kOctetString = 0x04;
constexpr uint8_t kNull = 0x05;
constexpr uint8_t kOid = 0x06;
constexpr uint8_t kEnumerated = 0x0a;
constexpr uint8_t kUtf8String = 0x0c;
constexpr uint8_t kPrintableString = 0x13;
constexpr uint8_t kT61String = 0x14;
constexpr uint8_t kIa5String = 0x16;
constexpr uint8_t kUtcTime = 0x17;
constexpr uint8_t kGeneralizedTime = 0x18;
constexpr uint8_t kUniversalString = 0x1c;
constexpr uint8_t kBmpString = 0x1e;
constexpr uint8_t kSequence = 0x30;
constexpr uint8_t kSet = 0x31;
// [n] context-specific; constructed for EXPLICIT tagging and constructed IMPLICIT types.
constexpr uint8_t context(unsigned n, bool constructed) {
  return static_cast<uint8_t>(0x80 | (constructed ? 0x20 : 0) | (n & 0x1f));
}
}  // namespace tag

constexpr int kMaxDepth = 32;

// One TLV: its tag, its contents, and the whole encoding (for signatures over TBS data).
struct Element {
  uint8_t tag = 0;
  ByteView value;
  ByteView raw;
  bool constructed() const { return (tag & 0x20) != 0; }
};

struct BitString {
  ByteView bytes;
  uint8_t unused_bits = 0;
  // Bit i counted from the most significant bit of the first byte (X.680 named bits).
  bool bit(size_t i) const;
};

class EMBER_API DerReader {
 public:
  explicit DerReader(ByteView data, int depth = 0) : data_(data), depth_(depth) {}

  bool empty() const { return pos_ >= data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }
  int depth() const { return depth_; }
  std::optional<uint8_t> peek_tag() const;

  // Reads the next TLV whatever its tag.
  Result<Element> read_any();
  // Reads the next TLV, which must have this tag.
  Result<Element> read(uint8_t expected_tag);
  // Reads the next TLV if it has this tag; nullopt (and nothing consumed) otherwise.
  Result<std::optional<Element>> read_optional(uint8_t expected_tag);
  // Reads a constructed TLV and returns a reader over its contents, one level deeper.
  Result<DerReader> enter(uint8_t expected_tag);
  Result<std::optional<DerReader>> enter_optional(uint8_t expected_tag);

  // INTEGER contents (two's complement, minimal). For serial numbers and big values.
  Result<ByteView> read_integer_bytes(uint8_t expected_tag = tag::kInteger);
  // A non-negative INTEGER's magnitude without the sign byte (RSA n and e).
  Result<ByteView> read_unsigned_integer();
  // An INTEGER that fits in int64_t.
  Result<int64_t> read_int64(uint8_t expected_tag = tag::kInteger);
  Result<bool> read_boolean();  // DER: 0x00 or 0xff
  Status read_null();
  Result<ByteView> read_oid();  // contents, validated (minimal base-128 arcs)
  Result<BitString> read_bit_string(uint8_t expected_tag = tag::kBitString);
  Result<ByteView> read_octet_string(uint8_t expected_tag = tag::kOctetString);
  // UTCTime (years 1950-2049) or GeneralizedTime, DER form YYMMDDHHMMSSZ /
  // YYYYMMDDHHMMSSZ, as seconds since the Unix epoch.
  Result<int64_t> read_time();

  // Error::asn1_trailing_data unless everything was consumed.
  Status finish() const;

 private:
  ByteView data_;
  size_t pos_ = 0;
  int depth_ = 0;
};

// Parses data that must be exactly one TLV (no trailing bytes).
EMBER_API Result<Element> parse_single(ByteView der);

// Validates OID contents and renders them dotted ("1.2.840.113549.1.1.11").
EMBER_API Result<std::string> oid_to_string(ByteView oid_contents);
// Encodes a dotted OID to its contents (tests and tables).
EMBER_API Result<Bytes> oid_from_string(std::string_view dotted);

// Days since 1970-01-01 for a proleptic Gregorian date (no range checks beyond the caller's).
EMBER_API int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
// Seconds since the epoch to "YYYY-MM-DD HH:MM:SS".
EMBER_API std::string format_time(int64_t unix_seconds);

}  // namespace ember::asn1
