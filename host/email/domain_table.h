// The compact domain table behind warden::EmailDomainLists (docs/email-lists.md).
//
// One open-addressing hash table maps a lower-case A-label domain (or public-suffix rule key)
// to a byte of flags. Entries live in a blob, each `[length][flags][bytes]`; a slot holds
// a 10-bit hash tag and the entry's 22-bit blob offset, so most misses never touch the blob.
// Keys are hashed right to left, so the hashes of all of a domain's suffixes come out of one
// pass (SuffixHasher). The same code builds the table at build time (tools/domaingen) and at
// run time (EmailDomainLists::Build), so both agree on the layout by construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "warden/result.h"

namespace warden::email {

// Flags of one key; a key may carry several.
enum EntryFlag : uint8_t {
  // Disposable: the domain, and its subdomains whose registrable domain it is or lies under.
  kDisposable = 1 << 0,
  kDisposableWildcard = 1 << 1,  // disposable: the domain and every subdomain
  kFree = 1 << 2,                // a free-mail provider
  kPslRule = 1 << 3,             // PSL rule "key"
  kPslWildcard = 1 << 4,         // PSL rule "*.key"
  kPslException = 1 << 5,        // PSL rule "!key"
};

inline constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;
inline constexpr int kOffsetBits = 22;
inline constexpr uint32_t kOffsetMask = (1u << kOffsetBits) - 1;
inline constexpr size_t kMaxBlobBytes = kOffsetMask;  // an offset never reaches kOffsetMask
inline constexpr size_t kMaxKeyBytes = 255;

// FNV-1a over the key's bytes from the last to the first, then a final mix. Feeding the
// bytes of "com", then ".", then "example" yields the states of "com" and "example.com".
class SuffixHasher {
 public:
  void Feed(unsigned char c) { state_ = (state_ ^ c) * 0x100000001b3ull; }
  uint64_t Hash() const {
    uint64_t h = state_;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
  }

 private:
  uint64_t state_ = 0xcbf29ce484222325ull;
};

// The hash of a whole key (what SuffixHasher yields after feeding it right to left).
uint64_t HashKey(std::string_view key);

// A read-only view of a table; the memory it points at must outlive it. Thread-safe.
class DomainTable {
 public:
  DomainTable() = default;
  // `slot_count` must be a power of two (or 0 for an empty table).
  DomainTable(const char* blob, size_t blob_size, const uint32_t* slots, size_t slot_count)
      : blob_(blob),
        blob_size_(blob_size),
        slots_(slots),
        mask_(slot_count ? slot_count - 1 : 0),
        slot_count_(slot_count) {}

  // The flags of `key` (already lower-case) whose hash is `hash`, or 0 when absent.
  uint8_t Find(std::string_view key, uint64_t hash) const {
    if (slot_count_ == 0) return 0;
    const uint32_t tag = static_cast<uint32_t>(hash >> (64 - (32 - kOffsetBits)));
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint32_t slot = slots_[i];
      if (slot == kEmptySlot) return 0;
      if ((slot >> kOffsetBits) != tag) continue;
      const unsigned char* entry =
          reinterpret_cast<const unsigned char*>(blob_) + (slot & kOffsetMask);
      if (entry[0] == key.size() &&
          std::string_view(reinterpret_cast<const char*>(entry) + 2, entry[0]) == key) {
        return entry[1];
      }
    }
  }
  uint8_t Find(std::string_view key) const { return Find(key, HashKey(key)); }
  // Hints that Find(..., hash) follows soon.
  void Prefetch(uint64_t hash) const {
    if (slot_count_ != 0) __builtin_prefetch(&slots_[hash & mask_]);
  }

  // Calls fn(key, flags) for every entry, in the blob's (sorted) order.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    for (size_t at = 0; at + 2 <= blob_size_;) {
      const auto len = static_cast<unsigned char>(blob_[at]);
      fn(std::string_view(blob_ + at + 2, len), static_cast<uint8_t>(blob_[at + 1]));
      at += 2 + len;
    }
  }

  size_t blob_bytes() const { return blob_size_; }
  size_t slot_count() const { return slot_count_; }
  size_t bytes() const { return blob_size_ + slot_count_ * sizeof(uint32_t); }

 private:
  const char* blob_ = nullptr;
  size_t blob_size_ = 0;
  const uint32_t* slots_ = nullptr;
  size_t mask_ = 0;
  size_t slot_count_ = 0;
};

// The storage of a built table.
struct BuiltTable {
  std::string blob;
  std::vector<uint32_t> slots;
  DomainTable View() const {
    return DomainTable(blob.data(), blob.size(), slots.data(), slots.size());
  }
};

// Collects keys and their flags (flags of a repeated key are merged), then lays them out
// deterministically (sorted keys, fixed hash), whatever the order of Add calls.
class DomainTableBuilder {
 public:
  // `key` must be a normalised key (IsNormalizedKey).
  Status Add(std::string_view key, uint8_t flags);
  // Lays the table out with a load factor of at most ~0.7.
  Result<BuiltTable> Build() const;
  // Number of keys carrying any of `flags`.
  size_t Count(uint8_t flags) const;
  size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, uint8_t, std::less<>> keys_;
};

// True when `key` is 1..255 bytes of lower-case LDH labels (letters, digits, '-', '_') of
// 1..63 bytes separated by single dots.
bool IsNormalizedKey(std::string_view key);

}  // namespace warden::email
