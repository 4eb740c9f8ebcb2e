// Per-side CPU time for benchmarks that run a client and a server in one thread: each side's
// work is wrapped in its clock's run(), which adds the thread CPU time it took.
#pragma once

#include <time.h>

namespace ember::bench {

inline double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct SideClock {
  double total = 0;
  template <class F>
  auto run(F&& f) {
    double t0 = thread_cpu_seconds();
    auto r = f();
    total += thread_cpu_seconds() - t0;
    return r;
  }
};

}  // namespace ember::bench
