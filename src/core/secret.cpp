#include "ember/core/secret.hpp"

#include <cstring>
#include <new>
#include <utility>

namespace ember {

void secure_zero(void* p, size_t n) noexcept {
  if (p == nullptr || n == 0) return;
  std::memset(p, 0, n);
  // The asm barrier tells the compiler the zeroed memory is observed, so the memset stays.
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

Secret::Secret(size_t size) {
  reset(size);
}

Secret::Secret(ByteView bytes) {
  reset(bytes.size());
  if (data_ != nullptr && !bytes.empty()) std::memcpy(data_, bytes.data(), bytes.size());
}

Secret::Secret(const Secret& other) : Secret(other.view()) {}

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    reset(other.size_);
    if (size_) std::memcpy(data_, other.data_, size_);
  }
  return *this;
}

Secret::Secret(Secret&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    clear();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Secret::~Secret() {
  clear();
}

void Secret::clear() noexcept {
  if (data_) {
    secure_zero(data_, size_);
    delete[] data_;
  }
  data_ = nullptr;
  size_ = 0;
}

void Secret::reset(size_t n) {
  clear();
  if (n == 0) return;
  data_ = new uint8_t[n]();
  size_ = n;
}

}  // namespace ember
