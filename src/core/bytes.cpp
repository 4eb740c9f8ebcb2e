#include "ember/core/bytes.hpp"

#include <cstring>
#include <string>

namespace ember {

bool Reader::uint_be(size_t n, uint64_t& out) {
  if (remaining() < n) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += n;
  out = v;
  return true;
}

bool Reader::u8(uint8_t& out) {
  uint64_t v;
  if (!uint_be(1, v)) return false;
  out = static_cast<uint8_t>(v);
  return true;
}
bool Reader::u16(uint16_t& out) {
  uint64_t v;
  if (!uint_be(2, v)) return false;
  out = static_cast<uint16_t>(v);
  return true;
}
bool Reader::u24(uint32_t& out) {
  uint64_t v;
  if (!uint_be(3, v)) return false;
  out = static_cast<uint32_t>(v);
  return true;
}
bool Reader::u32(uint32_t& out) {
  uint64_t v;
  if (!uint_be(4, v)) return false;
  out = static_cast<uint32_t>(v);
  return true;
}
bool Reader::u64(uint64_t& out) {
  return uint_be(8, out);
}

bool Reader::bytes(size_t n, ByteView& out) {
  if (remaining() < n) return false;
  out = data_.subspan(pos_, n);
  pos_ += n;
  return true;
}

bool Reader::copy(MutableByteView out) {
  ByteView in;
  if (!bytes(out.size(), in)) return false;
  if (!in.empty()) std::memcpy(out.data(), in.data(), in.size());
  return true;
}

bool Reader::skip(size_t n) {
  ByteView ignored;
  return bytes(n, ignored);
}

namespace {
template <size_t Width>
bool read_prefixed(Reader& r, ByteView& out) {
  uint64_t len = 0;
  ByteView prefix;
  if (!r.bytes(Width, prefix)) return false;
  for (uint8_t b : prefix) len = (len << 8) | b;
  return r.bytes(len, out);
}
}  // namespace

bool Reader::u8_prefixed(ByteView& out) {
  size_t saved = pos_;
  if (read_prefixed<1>(*this, out)) return true;
  pos_ = saved;
  return false;
}
bool Reader::u16_prefixed(ByteView& out) {
  size_t saved = pos_;
  if (read_prefixed<2>(*this, out)) return true;
  pos_ = saved;
  return false;
}
bool Reader::u24_prefixed(ByteView& out) {
  size_t saved = pos_;
  if (read_prefixed<3>(*this, out)) return true;
  pos_ = saved;
  return false;
}
bool Reader::u8_prefixed(Reader& out) {
  ByteView v;
  if (!u8_prefixed(v)) return false;
  out = Reader(v);
  return true;
}
bool Reader::u16_prefixed(Reader& out) {
  ByteView v;
  if (!u16_prefixed(v)) return false;
  out = Reader(v);
  return true;
}
bool Reader::u24_prefixed(Reader& out) {
  ByteView v;
  if (!u24_prefixed(v)) return false;
  out = Reader(v);
  return true;
}

ByteView Reader::take_rest() {
  ByteView out = rest();
  pos_ = data_.size();
  return out;
}

ByteView Writer::written() const {
  if (vec_) return ByteView(*vec_).subspan(start_);
  return ByteView(fixed_.data(), fixed_len_);
}

uint8_t* Writer::grow(size_t n) {
  if (!ok_) return nullptr;
  if (vec_) {
    size_t old = vec_->size();
    vec_->resize(old + n);
    return vec_->data() + old;
  }
  if (fixed_.size() - fixed_len_ < n) {
    ok_ = false;
    return nullptr;
  }
  uint8_t* p = fixed_.data() + fixed_len_;
  fixed_len_ += n;
  return p;
}

static void put_be(uint8_t* p, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) p[n - 1 - i] = static_cast<uint8_t>(v >> (8 * i));
}

void Writer::u8(uint8_t v) {
  if (uint8_t* p = grow(1)) *p = v;
}
void Writer::u16(uint16_t v) {
  if (uint8_t* p = grow(2)) put_be(p, v, 2);
}
void Writer::u24(uint32_t v) {
  if (v > 0xffffff) {
    ok_ = false;
    return;
  }
  if (uint8_t* p = grow(3)) put_be(p, v, 3);
}
void Writer::u32(uint32_t v) {
  if (uint8_t* p = grow(4)) put_be(p, v, 4);
}
void Writer::u64(uint64_t v) {
  if (uint8_t* p = grow(8)) put_be(p, v, 8);
}
void Writer::bytes(ByteView b) {
  if (b.empty()) return;
  if (uint8_t* p = grow(b.size())) std::memcpy(p, b.data(), b.size());
}
void Writer::zeros(size_t n) {
  if (n == 0) return;
  if (uint8_t* p = grow(n)) std::memset(p, 0, n);
}
size_t Writer::reserve(size_t n) {
  size_t offset = size();
  zeros(n);
  return offset;
}
MutableByteView Writer::at(size_t offset, size_t n) {
  if (!ok_ || offset > size() || size() - offset < n) return {};
  uint8_t* base = vec_ ? vec_->data() + start_ : fixed_.data();
  return {base + offset, n};
}
void Writer::patch_length(size_t offset, size_t width, size_t length) {
  if (!ok_) return;
  if (width < 8 && length >= (uint64_t{1} << (8 * width))) {
    ok_ = false;
    return;
  }
  MutableByteView prefix = at(offset, width);
  if (prefix.size() != width) {
    ok_ = false;
    return;
  }
  put_be(prefix.data(), length, width);
}

std::string to_hex(ByteView b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * 2);
  for (uint8_t c : b) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool from_hex(std::string_view hex, Bytes& out) {
  if (hex.size() % 2) return false;
  out.clear();
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return true;
}

Bytes from_hex(std::string_view hex) {
  Bytes out;
  if (!from_hex(hex, out)) out.clear();
  return out;
}

}  // namespace ember
