// Bounds-checked byte cursors for wire formats. Every read either succeeds fully or fails
// without moving; a Writer fills length prefixes itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>
#include "ember/core/export.hpp"

namespace ember {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
using MutableByteView = std::span<uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_string(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

class EMBER_API Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return remaining() == 0; }
  size_t position() const { return pos_; }
  // The unread bytes.
  ByteView rest() const { return data_.subspan(pos_); }

  [[nodiscard]] bool u8(uint8_t& out);
  [[nodiscard]] bool u16(uint16_t& out);
  [[nodiscard]] bool u24(uint32_t& out);
  [[nodiscard]] bool u32(uint32_t& out);
  [[nodiscard]] bool u64(uint64_t& out);
  // Borrows the next n bytes.
  [[nodiscard]] bool bytes(size_t n, ByteView& out);
  // Copies the next out.size() bytes.
  [[nodiscard]] bool copy(MutableByteView out);
  [[nodiscard]] bool skip(size_t n);
  // Reads a vector with an n-byte big-endian length prefix into a sub-reader.
  [[nodiscard]] bool u8_prefixed(Reader& out);
  [[nodiscard]] bool u16_prefixed(Reader& out);
  [[nodiscard]] bool u24_prefixed(Reader& out);
  [[nodiscard]] bool u8_prefixed(ByteView& out);
  [[nodiscard]] bool u16_prefixed(ByteView& out);
  [[nodiscard]] bool u24_prefixed(ByteView& out);
  // Reads everything that is left.
  ByteView take_rest();

 private:
  [[nodiscard]] bool uint_be(size_t n, uint64_t& out);
  ByteView data_;
  size_t pos_ = 0;
};

// Appends to a growable buffer, or writes into a fixed span (failing closed on overflow).
// Errors are sticky: check ok() once at the end.
class EMBER_API Writer {
 public:
  explicit Writer(Bytes& out) : vec_(&out), start_(out.size()) {}
  explicit Writer(MutableByteView fixed) : fixed_(fixed) {}

  bool ok() const { return ok_; }
  // Bytes written by this writer so far.
  size_t size() const { return vec_ ? vec_->size() - start_ : fixed_len_; }
  // The bytes written by this writer so far.
  ByteView written() const;

  void u8(uint8_t v);
  void u16(uint16_t v);
  void u24(uint32_t v);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void bytes(ByteView b);
  void bytes(std::string_view s) { bytes(as_bytes(s)); }
  void zeros(size_t n);
  // Reserves n bytes to be filled later; returns their offset within this writer.
  size_t reserve(size_t n);
  // Mutable access to already written bytes (offset from this writer's start).
  MutableByteView at(size_t offset, size_t n);

  // Writes a length-prefixed vector whose body is produced by fn(); the prefix is filled in
  // afterwards. A body too long for the prefix makes the writer fail.
  template <class F>
  void u8_prefixed(F&& fn) {
    prefixed(1, fn);
  }
  template <class F>
  void u16_prefixed(F&& fn) {
    prefixed(2, fn);
  }
  template <class F>
  void u24_prefixed(F&& fn) {
    prefixed(3, fn);
  }

 private:
  template <class F>
  void prefixed(size_t width, F& fn) {
    size_t at_prefix = reserve(width);
    size_t body_start = size();
    fn();
    patch_length(at_prefix, width, size() - body_start);
  }
  void patch_length(size_t offset, size_t width, size_t length);
  uint8_t* grow(size_t n);

  Bytes* vec_ = nullptr;
  size_t start_ = 0;
  MutableByteView fixed_;
  size_t fixed_len_ = 0;
  bool ok_ = true;
};

// Lower-case hex of b, and its inverse (returns false on odd length or bad digits).
EMBER_API std::string to_hex(ByteView b);
[[nodiscard]] EMBER_API bool from_hex(std::string_view hex, Bytes& out);
EMBER_API Bytes from_hex(std::string_view hex);  // for tests and constants: empty on error

}  // namespace ember
