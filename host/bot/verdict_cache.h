// verdict_cache.h — a bounded, expiring LRU map from a key (operator + IP) to a BotVerdict.
// Not thread-safe: BotVerifier guards it with its mutex. Time is passed in, never read.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "warden/bot_verifier.h"

namespace warden::internal {

class VerdictCache {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Holds at most `capacity` entries (0: holds nothing).
  explicit VerdictCache(size_t capacity) : capacity_(capacity) {}

  // The verdict stored under `key` if it has not expired at `now`; refreshes its recency.
  // An expired entry is dropped.
  std::optional<BotVerdict> Get(const std::string& key, TimePoint now);
  // Stores `verdict` until `expires`, evicting the least recently used entry when full.
  void Put(const std::string& key, BotVerdict verdict, TimePoint expires);
  size_t size() const { return map_.size(); }

 private:
  struct Item {
    std::string key;
    BotVerdict verdict;
    TimePoint expires;
  };
  size_t capacity_;
  std::list<Item> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Item>::iterator> map_;
};

}  // namespace warden::internal
