// verdict_cache.cc — VerdictCache (verdict_cache.h).
#include "bot/verdict_cache.h"

namespace warden::internal {

std::optional<BotVerdict> VerdictCache::Get(const std::string& key, TimePoint now) {
  auto it = map_.find(key);
  if (it == map_.end()) return std::nullopt;
  if (it->second->expires <= now) {
    lru_.erase(it->second);
    map_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->verdict;
}

void VerdictCache::Put(const std::string& key, BotVerdict verdict, TimePoint expires) {
  if (capacity_ == 0) return;
  auto it = map_.find(key);
  if (it != map_.end()) {
    it->second->verdict = verdict;
    it->second->expires = expires;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  if (map_.size() >= capacity_) {
    map_.erase(lru_.back().key);
    lru_.pop_back();
  }
  lru_.push_front(Item{key, verdict, expires});
  map_.emplace(key, lru_.begin());
}

}  // namespace warden::internal
