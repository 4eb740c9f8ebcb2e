#include "ember/core/ct.hpp"

namespace ember::ct {

bool equal(ByteView a, ByteView b) noexcept {
  if (a.size() != b.size()) return false;
  uint8_t diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return is_zero(diff) != 0;
}

void conditional_copy(size_t mask, MutableByteView dst, ByteView src) noexcept {
  size_t n = dst.size() < src.size() ? dst.size() : src.size();
  for (size_t i = 0; i < n; ++i) dst[i] = select_u8(mask, src[i], dst[i]);
}

}  // namespace ember::ct
