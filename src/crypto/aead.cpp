// Default out-of-place AEAD operations on top of the in-place ones (providers override them).
#include <cstring>

#include "ember/core/secret.hpp"
#include "ember/crypto/provider.hpp"

namespace ember::crypto {

Status Aead::seal_to(ByteView nonce, ByteView aad, ByteView in, ByteView tail, MutableByteView out,
                     MutableByteView tag) {
  if (in.size() + tail.size() != out.size()) return Error::invalid_argument;
  if (!in.empty() && in.data() != out.data()) std::memmove(out.data(), in.data(), in.size());
  if (!tail.empty()) std::memmove(out.data() + in.size(), tail.data(), tail.size());
  return seal(nonce, aad, out, tag);
}

Status Aead::open_to(ByteView nonce, ByteView aad, ByteView in, MutableByteView out,
                     MutableByteView tail, ByteView tag) {
  if (in.size() != out.size() + tail.size()) return Error::invalid_argument;
  if (!tail.empty()) {
    // Through a scratch copy: the in-place open needs one contiguous range.
    Secret whole(in);
    MutableByteView w(whole.data(), whole.size());
    Status st = open(nonce, aad, w, tag);
    if (st) {
      if (!out.empty()) std::memcpy(out.data(), w.data(), out.size());
      std::memcpy(tail.data(), w.data() + out.size(), tail.size());
    } else {
      if (!out.empty()) secure_zero(out.data(), out.size());
      secure_zero(tail.data(), tail.size());
    }
    return st;
  }
  if (!in.empty() && in.data() != out.data()) std::memmove(out.data(), in.data(), in.size());
  Status st = open(nonce, aad, out, tag);
  if (!st && !out.empty()) secure_zero(out.data(), out.size());
  return st;
}

}  // namespace ember::crypto
