// Replaces malloc-family entry points with counting wrappers around glibc's implementation,
// so allocations made inside libcrypto (which uses malloc, not operator new) are counted too.
#include "alloc_counter.hpp"

#include <cstddef>
#include <cstdlib>

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
}

namespace ember::bench {
std::atomic<uint64_t> g_allocations{0};
}

extern "C" {
void* malloc(size_t n) {
  ember::bench::g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
void* calloc(size_t a, size_t b) {
  ember::bench::g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
void* realloc(void* p, size_t n) {
  ember::bench::g_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
}
