// The server session cache.
#include "ember/tls/session_cache.hpp"

#include <functional>
#include <string_view>

namespace ember::tls {

SessionCache::SessionCache(size_t max_entries, uint32_t lifetime_s)
    : max_entries_(max_entries), lifetime_s_(lifetime_s) {}

size_t SessionCache::Hash::operator()(const Bytes& b) const noexcept {
  return std::hash<std::string_view>()(
      std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

void SessionCache::evict_locked(uint64_t now_ms) {
  // Expired entries first (the oldest are at the front), then the oldest while full.
  while (!order_.empty()) {
    auto it = map_.find(order_.front());
    bool expired =
        lifetime_s_ != 0 && now_ms >= it->second.stored_ms + uint64_t{lifetime_s_} * 1000;
    bool full = max_entries_ != 0 && map_.size() >= max_entries_;
    if (!expired && !full) break;
    map_.erase(it);
    order_.pop_front();
  }
}

void SessionCache::store(ByteView id, ByteView state, uint64_t now_ms) {
  if (id.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  Bytes key(id.begin(), id.end());
  if (auto it = map_.find(key); it != map_.end()) {
    order_.erase(it->second.order);
    map_.erase(it);
  }
  evict_locked(now_ms);
  order_.push_back(key);
  Entry e;
  e.state = Secret(state);
  e.stored_ms = now_ms;
  e.order = std::prev(order_.end());
  map_.emplace(std::move(key), std::move(e));
}

std::optional<Secret> SessionCache::find(ByteView id, uint64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = map_.find(Bytes(id.begin(), id.end()));
  if (it == map_.end()) return std::nullopt;
  if (lifetime_s_ != 0 && now_ms >= it->second.stored_ms + uint64_t{lifetime_s_} * 1000) {
    order_.erase(it->second.order);
    map_.erase(it);
    return std::nullopt;
  }
  return Secret(ByteView(it->second.state));
}

void SessionCache::remove(ByteView id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = map_.find(Bytes(id.begin(), id.end()));
  if (it == map_.end()) return;
  order_.erase(it->second.order);
  map_.erase(it);
}

size_t SessionCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return map_.size();
}

void SessionCache::set_max_entries(size_t n) {
  std::lock_guard<std::mutex> lock(mutex_);
  max_entries_ = n;
}

void SessionCache::set_lifetime(uint32_t seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  lifetime_s_ = seconds;
}

}  // namespace ember::tls
