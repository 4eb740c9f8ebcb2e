// Secret: an owned byte buffer that is zeroized whenever its contents are released.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"

namespace ember {

// Overwrites memory in a way the compiler may not elide.
EMBER_API void secure_zero(void* p, size_t n) noexcept;

class EMBER_API Secret {
 public:
  Secret() = default;
  explicit Secret(size_t size);
  explicit Secret(ByteView bytes);
  Secret(const Secret& other);
  Secret& operator=(const Secret& other);
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Zeroizes and releases the contents.
  void clear() noexcept;
  // Zeroizes and resizes to n bytes (contents become zero).
  void reset(size_t n);

  ByteView view() const { return {data_, size_}; }
  MutableByteView mutable_view() { return {data_, size_}; }
  operator ByteView() const { return view(); }  // NOLINT(google-explicit-constructor)

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace ember
