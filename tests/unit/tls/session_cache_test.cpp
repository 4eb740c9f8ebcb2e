// The TLS 1.2 server session cache: lookups, lifetime, eviction of the oldest, threads.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "ember/tls/session_cache.hpp"

namespace ember::tls {
namespace {

Bytes id(uint8_t n) {
  return Bytes(32, n);
}

TEST(SessionCache, StoresFindsAndExpires) {
  SessionCache cache(10, 60);
  const uint8_t state[] = {1, 2, 3};
  cache.store(id(1), state, 1000);
  auto found = cache.find(id(1), 1000 + 59'999);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(Bytes(found->view().begin(), found->view().end()), Bytes({1, 2, 3}));
  EXPECT_FALSE(cache.find(id(2), 1000).has_value());
  EXPECT_FALSE(cache.find(id(1), 1000 + 60'000).has_value());  // lifetime over
  EXPECT_EQ(cache.size(), 0u);                                 // and dropped
}

TEST(SessionCache, EvictsTheOldestWhenFullAndReplacesSameId) {
  SessionCache cache(3, 0);  // no lifetime
  const uint8_t a[] = {0xA}, b[] = {0xB};
  for (uint8_t i = 1; i <= 4; ++i) cache.store(id(i), a, i);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find(id(1), 10).has_value());
  EXPECT_TRUE(cache.find(id(4), 10).has_value());
  cache.store(id(2), b, 20);  // replaces, keeps the size
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.find(id(2), 30)->view()[0], 0xB);
  cache.remove(id(2));
  EXPECT_FALSE(cache.find(id(2), 30).has_value());
  cache.store({}, a, 1);  // empty IDs are never stored
  EXPECT_EQ(cache.size(), 2u);
}

TEST(SessionCache, ConcurrentUseIsSafe) {
  SessionCache cache(64, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cache, t] {
      const uint8_t s[] = {static_cast<uint8_t>(t)};
      for (int i = 0; i < 2000; ++i) {
        cache.store(id(static_cast<uint8_t>((t * 31 + i) % 100)), s, static_cast<uint64_t>(i));
        (void)cache.find(id(static_cast<uint8_t>(i % 100)), static_cast<uint64_t>(i));
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.size(), 64u);
}

}  // namespace
}  // namespace ember::tls
