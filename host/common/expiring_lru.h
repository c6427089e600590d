// expiring_lru.h — a bounded map from a string key to a value with an expiry time, least
// recently used entry evicted first. Used by MxChecker and GravatarChecker for their answer
// caches and by BotVerifier for its verdicts. Not thread-safe: the owner guards it with its mutex. Time is passed in, never read,
// so tests drive it with an injected clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace warden::internal {

template <class Value>
class ExpiringLru {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Holds at most `capacity` entries (0: holds nothing).
  explicit ExpiringLru(size_t capacity) : capacity_(capacity) {}

  // The value stored under `key` if `now` is before its expiry; refreshes its recency. An
  // expired entry is dropped.
  std::optional<Value> Get(const std::string& key, TimePoint now) {
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    if (now >= it->second->expires) {
      lru_.erase(it->second);
      map_.erase(it);
      return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->value;
  }

  // Stores `value` until `expires` (replacing any entry of `key`), evicting the least
  // recently used entry when full. Nothing is stored when `expires` is not after `now`.
  void Put(const std::string& key, Value value, TimePoint now, TimePoint expires) {
    if (capacity_ == 0 || expires <= now) return;
    if (auto it = map_.find(key); it != map_.end()) {
      lru_.erase(it->second);
      map_.erase(it);
    }
    while (map_.size() >= capacity_) {
      map_.erase(lru_.back().key);
      lru_.pop_back();
    }
    lru_.push_front(Item{key, std::move(value), expires});
    map_.emplace(key, lru_.begin());
  }

  size_t size() const { return map_.size(); }

 private:
  struct Item {
    std::string key;
    Value value;
    TimePoint expires;
  };
  size_t capacity_;
  std::list<Item> lru_;  // most recent first
  std::unordered_map<std::string, typename std::list<Item>::iterator> map_;
};

}  // namespace warden::internal
