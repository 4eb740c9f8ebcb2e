// Counts heap allocations made by the whole process (global operator new and malloc via
// the replaced operators), so benchmarks can report allocations per operation.
#pragma once

#include <atomic>
#include <cstdint>

namespace ember::bench {
extern std::atomic<uint64_t> g_allocations;
inline uint64_t allocations() {
  return g_allocations.load(std::memory_order_relaxed);
}
}  // namespace ember::bench
