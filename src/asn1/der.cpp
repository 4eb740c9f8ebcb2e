// Strict DER reader.
#include "ember/asn1/der.hpp"

#include <array>
#include <cstdio>

namespace ember::asn1 {

bool BitString::bit(size_t i) const {
  size_t byte = i / 8;
  if (byte >= bytes.size()) return false;
  if (byte == bytes.size() - 1 && (i % 8) >= 8u - unused_bits) return false;
  return (bytes[byte] >> (7 - i % 8)) & 1;
}

std::optional<uint8_t> DerReader::peek_tag() const {
  if (empty()) return std::nullopt;
  return data_[pos_];
}

Result<Element> DerReader::read_any() {
  size_t p = pos_;
  auto avail = [&](size_t n) { return data_.size() - p >= n; };
  if (!avail(2)) return Error::asn1_truncated;
  uint8_t t = data_[p++];
  if ((t & 0x1f) == 0x1f) return Error::asn1_unexpected_tag;  // high tag numbers: never used
  uint8_t first = data_[p++];
  size_t len = 0;
  if (first < 0x80) {
    len = first;
  } else {
    size_t n = first & 0x7f;
    if (n == 0 || n > 4) return Error::asn1_bad_length;  // indefinite or absurd
    if (!avail(n)) return Error::asn1_truncated;
    if (data_[p] == 0) return Error::asn1_bad_length;  // leading zero: not minimal
    for (size_t i = 0; i < n; ++i) len = (len << 8) | data_[p++];
    if (len < 0x80) return Error::asn1_bad_length;  // long form for a short length
  }
  if (!avail(len)) return Error::asn1_truncated;
  Element e;
  e.tag = t;
  e.value = data_.subspan(p, len);
  e.raw = data_.subspan(pos_, p + len - pos_);
  pos_ = p + len;
  return e;
}

Result<Element> DerReader::read(uint8_t expected_tag) {
  auto t = peek_tag();
  if (!t) return Error::asn1_truncated;
  if (*t != expected_tag) return Error::asn1_unexpected_tag;
  return read_any();
}

Result<std::optional<Element>> DerReader::read_optional(uint8_t expected_tag) {
  auto t = peek_tag();
  if (!t || *t != expected_tag) return std::optional<Element>{};
  EMBER_TRY_ASSIGN(auto e, read_any());
  return std::optional<Element>(e);
}

Result<DerReader> DerReader::enter(uint8_t expected_tag) {
  if ((expected_tag & 0x20) == 0) return Error::asn1_unexpected_tag;
  if (depth_ + 1 > kMaxDepth) return Error::asn1_too_deep;
  EMBER_TRY_ASSIGN(auto e, read(expected_tag));
  return DerReader(e.value, depth_ + 1);
}

Result<std::optional<DerReader>> DerReader::enter_optional(uint8_t expected_tag) {
  auto t = peek_tag();
  if (!t || *t != expected_tag) return std::optional<DerReader>{};
  EMBER_TRY_ASSIGN(auto r, enter(expected_tag));
  return std::optional<DerReader>(r);
}

Result<ByteView> DerReader::read_integer_bytes(uint8_t expected_tag) {
  EMBER_TRY_ASSIGN(auto e, read(expected_tag));
  ByteView v = e.value;
  if (v.empty()) return Error::asn1_bad_value;
  if (v.size() > 1 &&
      ((v[0] == 0x00 && (v[1] & 0x80) == 0) || (v[0] == 0xff && (v[1] & 0x80) != 0)))
    return Error::asn1_bad_value;  // not the minimal two's-complement form
  return v;
}

Result<ByteView> DerReader::read_unsigned_integer() {
  EMBER_TRY_ASSIGN(auto v, read_integer_bytes());
  if (v[0] & 0x80) return Error::asn1_bad_value;  // negative
  if (v.size() > 1 && v[0] == 0) v = v.subspan(1);
  return v;
}

Result<int64_t> DerReader::read_int64(uint8_t expected_tag) {
  EMBER_TRY_ASSIGN(auto v, read_integer_bytes(expected_tag));
  if (v.size() > 8) return Error::asn1_bad_value;
  uint64_t acc = (v[0] & 0x80) ? ~uint64_t{0} : 0;
  for (uint8_t b : v) acc = (acc << 8) | b;
  return static_cast<int64_t>(acc);
}

Result<bool> DerReader::read_boolean() {
  EMBER_TRY_ASSIGN(auto e, read(tag::kBoolean));
  if (e.value.size() != 1 || (e.value[0] != 0x00 && e.value[0] != 0xff))
    return Error::asn1_bad_value;
  return e.value[0] == 0xff;
}

Status DerReader::read_null() {
  EMBER_TRY_ASSIGN(auto e, read(tag::kNull));
  if (!e.value.empty()) return Error::asn1_bad_value;
  return {};
}

namespace {
Status validate_oid(ByteView v) {
  if (v.empty() || v.size() > 128) return Error::asn1_bad_value;
  bool arc_start = true;
  for (uint8_t b : v) {
    if (arc_start && b == 0x80) return Error::asn1_bad_value;  // non-minimal arc
    arc_start = (b & 0x80) == 0;
  }
  if (!arc_start) return Error::asn1_bad_value;  // last arc unterminated
  return {};
}
}  // namespace

Result<ByteView> DerReader::read_oid() {
  EMBER_TRY_ASSIGN(auto e, read(tag::kOid));
  EMBER_TRY(validate_oid(e.value));
  return e.value;
}

Result<BitString> DerReader::read_bit_string(uint8_t expected_tag) {
  EMBER_TRY_ASSIGN(auto e, read(expected_tag));
  ByteView v = e.value;
  if (v.empty() || v[0] > 7) return Error::asn1_bad_value;
  if (v.size() == 1 && v[0] != 0) return Error::asn1_bad_value;
  BitString bs{v.subspan(1), v[0]};
  if (!bs.bytes.empty() && (bs.bytes.back() & ((1u << bs.unused_bits) - 1)) != 0)
    return Error::asn1_bad_value;  // DER: unused bits are zero
  return bs;
}

Result<ByteView> DerReader::read_octet_string(uint8_t expected_tag) {
  EMBER_TRY_ASSIGN(auto e, read(expected_tag));
  return e.value;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string format_time(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  std::array<char, 96> buf{};
  std::snprintf(buf.data(), buf.size(), "%04lld-%02u-%02u %02lld:%02lld:%02lld",
                static_cast<long long>(y), m, d, static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buf.data();
}

Result<int64_t> DerReader::read_time() {
  auto t = peek_tag();
  if (!t) return Error::asn1_truncated;
  if (*t != tag::kUtcTime && *t != tag::kGeneralizedTime) return Error::asn1_unexpected_tag;
  EMBER_TRY_ASSIGN(auto e, read_any());
  ByteView v = e.value;
  size_t year_digits = e.tag == tag::kUtcTime ? 2 : 4;
  if (v.size() != year_digits + 11 || v.back() != 'Z') return Error::asn1_bad_value;
  for (size_t i = 0; i + 1 < v.size(); ++i)
    if (v[i] < '0' || v[i] > '9') return Error::asn1_bad_value;
  auto num = [&](size_t at, size_t n) {
    unsigned x = 0;
    for (size_t i = 0; i < n; ++i) x = x * 10 + (v[at + i] - '0');
    return x;
  };
  int64_t year = num(0, year_digits);
  if (year_digits == 2) year += year < 50 ? 2000 : 1900;
  size_t o = year_digits;
  unsigned mon = num(o, 2), day = num(o + 2, 2), hh = num(o + 4, 2), mm = num(o + 6, 2),
           ss = num(o + 8, 2);
  static constexpr std::array<unsigned, 12> kDays = {31, 29, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (mon < 1 || mon > 12 || day < 1 || day > kDays[mon - 1] || (mon == 2 && day == 29 && !leap) ||
      hh > 23 || mm > 59 || ss > 59)
    return Error::asn1_bad_value;
  return days_from_civil(year, mon, day) * 86400 + int64_t{hh} * 3600 + int64_t{mm} * 60 + ss;
}

Status DerReader::finish() const {
  if (!empty()) return Error::asn1_trailing_data;
  return {};
}

Result<Element> parse_single(ByteView der) {
  DerReader r(der);
  EMBER_TRY_ASSIGN(auto e, r.read_any());
  EMBER_TRY(r.finish());
  return e;
}

Result<std::string> oid_to_string(ByteView v) {
  EMBER_TRY(validate_oid(v));
  std::string out;
  uint64_t acc = 0;
  bool first = true;
  for (uint8_t b : v) {
    if (acc > (uint64_t{1} << 56)) return Error::asn1_bad_value;  // arc too large to print
    acc = (acc << 7) | (b & 0x7f);
    if (b & 0x80) continue;
    if (first) {
      uint64_t a = acc < 80 ? acc / 40 : 2;
      out += std::to_string(a);
      out += '.';
      out += std::to_string(acc - a * 40);
      first = false;
    } else {
      // Appended piece by piece: `"." + std::to_string(acc)` makes GCC 12 at -O3 report a
      // false -Wrestrict overlap in the inlined string insert (the Release build's -Werror).
      out += '.';
      out += std::to_string(acc);
    }
    acc = 0;
  }
  return out;
}

Result<Bytes> oid_from_string(std::string_view s) {
  std::vector<uint64_t> arcs;
  uint64_t cur = 0;
  bool have = false;
  for (char c : s) {
    if (c == '.') {
      if (!have) return Error::invalid_argument;
      arcs.push_back(cur);
      cur = 0;
      have = false;
    } else if (c >= '0' && c <= '9') {
      cur = cur * 10 + static_cast<uint64_t>(c - '0');
      have = true;
    } else {
      return Error::invalid_argument;
    }
  }
  if (!have) return Error::invalid_argument;
  arcs.push_back(cur);
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
    return Error::invalid_argument;
  Bytes out;
  auto put = [&](uint64_t x) {
    std::array<uint8_t, 10> tmp{};
    size_t n = 0;
    do {
      tmp[n++] = static_cast<uint8_t>(x & 0x7f);
      x >>= 7;
    } while (x != 0);
    while (n-- > 0) out.push_back(static_cast<uint8_t>(tmp[n] | (n > 0 ? 0x80 : 0)));
  };
  put(arcs[0] * 40 + arcs[1]);
  for (size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

}  // namespace ember::asn1
