// Constant-time helpers: the time they take depends only on lengths, never on contents.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/core/bytes.hpp"
#include "ember/core/export.hpp"

namespace ember::ct {

// Returns true when a and b are equal. Sizes are public; a size mismatch returns false at once.
EMBER_API bool equal(ByteView a, ByteView b) noexcept;

// Masks: all ones (~0) for true, 0 for false.
inline size_t value_barrier(size_t v) noexcept {
  __asm__("" : "+r"(v));
  return v;
}
inline size_t mask_from_bit(size_t bit) noexcept {
  return value_barrier(0) - (bit & 1);
}
inline size_t is_zero(size_t v) noexcept {
  return mask_from_bit((~v & (v - 1)) >> (sizeof(size_t) * 8 - 1));
}
inline size_t eq(size_t a, size_t b) noexcept {
  return is_zero(a ^ b);
}
// a < b
inline size_t lt(size_t a, size_t b) noexcept {
  return mask_from_bit((a ^ ((a ^ b) | ((a - b) ^ a))) >> (sizeof(size_t) * 8 - 1));
}
inline size_t ge(size_t a, size_t b) noexcept {
  return ~lt(a, b);
}
inline size_t select(size_t mask, size_t a, size_t b) noexcept {
  return (mask & a) | (~mask & b);
}
inline uint8_t select_u8(size_t mask, uint8_t a, uint8_t b) noexcept {
  return static_cast<uint8_t>(select(mask, a, b));
}
// dst[i] = mask ? src[i] : dst[i] for every i (dst.size() == src.size()).
EMBER_API void conditional_copy(size_t mask, MutableByteView dst, ByteView src) noexcept;

}  // namespace ember::ct
