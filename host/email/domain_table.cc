// DomainTableBuilder and the key helpers of domain_table.h.
#include "email/domain_table.h"

#include <string>

namespace warden::email {

uint64_t HashKey(std::string_view key) {
  SuffixHasher hasher;
  for (size_t i = key.size(); i > 0; --i) hasher.Feed(static_cast<unsigned char>(key[i - 1]));
  return hasher.Hash();
}

bool IsNormalizedKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyBytes) return false;
  size_t label = 0;
  for (char c : key) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok || ++label > 63) return false;
  }
  return label != 0;
}

Status DomainTableBuilder::Add(std::string_view key, uint8_t flags) {
  if (!IsNormalizedKey(key)) {
    return InvalidArgumentError("not a lower-case A-label domain: \"" + std::string(key) + "\"");
  }
  auto it = keys_.find(key);
  if (it == keys_.end()) {
    keys_.emplace(std::string(key), flags);
  } else {
    it->second |= flags;
  }
  return Status::Ok();
}

size_t DomainTableBuilder::Count(uint8_t flags) const {
  size_t n = 0;
  for (const auto& [key, f] : keys_) n += (f & flags) != 0;
  return n;
}

Result<BuiltTable> DomainTableBuilder::Build() const {
  BuiltTable table;
  size_t slot_count = 16;
  while (slot_count * 7 < keys_.size() * 10) slot_count *= 2;
  table.slots.assign(slot_count, kEmptySlot);
  const size_t mask = slot_count - 1;
  for (const auto& [key, flags] : keys_) {
    const size_t offset = table.blob.size();
    if (offset + 2 + key.size() > kMaxBlobBytes) {
      return ResourceExhaustedError("domain table blob exceeds " + std::to_string(kMaxBlobBytes) +
                                    " bytes");
    }
    table.blob.push_back(static_cast<char>(key.size()));
    table.blob.push_back(static_cast<char>(flags));
    table.blob.append(key);
    const uint64_t hash = HashKey(key);
    const uint32_t tag = static_cast<uint32_t>(hash >> (64 - (32 - kOffsetBits)));
    size_t i = hash & mask;
    while (table.slots[i] != kEmptySlot) i = (i + 1) & mask;
    table.slots[i] = (tag << kOffsetBits) | static_cast<uint32_t>(offset);
  }
  return table;
}

}  // namespace warden::email
