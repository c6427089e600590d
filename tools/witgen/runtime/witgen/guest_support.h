// Support for witgen's guest glue (compiled for wasm32 only; included by <world>_guest.cc).
//
// Addresses are guest pointers as uint32_t. Memory the glue allocates for values it returns,
// for views of parameters, and every block the host obtains through cabi_realloc is recorded
// in a log so `cabi_post_<export>` (and the end of an import call) can free it.
// The guest is single-threaded, so the log is a plain static.
//
// Arena opt-in: a guest whose heap is an arena that its witgen_guest_post_return() resets
// (everything allocated during an export call is reclaimed at once) defines
//
//   extern "C" const bool witgen_guest_heap_is_arena = true;
//
// Then nothing is logged: cabi_realloc and the glue's allocations are plain mallocs, import
// calls free nothing, and cabi_post_<export> only destroys the kept result before the hook
// resets the heap. The definition's presence is what counts (a weak reference; with LTO the
// test folds to a constant). Without it the log is used.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "witgen/abi.h"

namespace witgen::guest {

inline uint8_t* Ptr(uint32_t p) { return reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(p)); }

template <class T>
T Load(uint32_t p) {
  return LoadScalar<T>(Ptr(p));
}
template <class T>
void Store(uint32_t p, T v) {
  StoreScalar<T>(Ptr(p), v);
}

// The allocation log. Its first entries live in static storage; when it grows beyond them it
// moves to the heap, and ResetLog() gives that back. The log must not hold heap memory across
// witgen_guest_post_return(), which may reset the allocator (the core's arena does).
struct AllocLog {
  static constexpr size_t kInline = 64;
  void* inline_items[kInline];
  void** items = inline_items;
  size_t size = 0;
  size_t capacity = kInline;
};
inline AllocLog& Log() {
  static AllocLog log;
  return log;
}

}  // namespace witgen::guest

extern "C" __attribute__((weak)) const bool witgen_guest_heap_is_arena;

namespace witgen::guest {

// True when the guest opted in to the arena contract (see the file comment).
inline bool HeapIsArena() { return &witgen_guest_heap_is_arena != nullptr; }

inline void Remember(void* p) {
  AllocLog& log = Log();
  if (log.size == log.capacity) {
    size_t cap = log.capacity * 2;
    void** items = static_cast<void**>(std::malloc(cap * sizeof(void*)));
    if (items == nullptr) __builtin_trap();
    std::memcpy(items, log.items, log.size * sizeof(void*));
    if (log.items != log.inline_items) std::free(log.items);
    log.items = items;
    log.capacity = cap;
  }
  log.items[log.size++] = p;
}

// Allocates `size` bytes with malloc (aligned to 16 on wasm32; WIT needs at most 8), recording
// it in the log; 0 when size is 0. Traps when out of memory.
inline uint32_t Alloc(size_t size, size_t align) {
  (void)align;
  if (size == 0) return 0;
  void* p = std::malloc(size);
  if (p == nullptr) __builtin_trap();
  if (!HeapIsArena()) Remember(p);
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
}

// Position in the log, and freeing everything logged after it.
inline size_t LogMark() { return Log().size; }
inline void ReleaseTo(size_t mark) {
  if (HeapIsArena()) return;  // nothing logged
  AllocLog& log = Log();
  while (log.size > mark) std::free(log.items[--log.size]);
}

// Frees everything logged and the log's own heap storage (cabi_post_<export> calls this before
// the post-return hook).
inline void ResetLog() {
  if (HeapIsArena()) return;  // nothing logged
  ReleaseTo(0);
  AllocLog& log = Log();
  if (log.items != log.inline_items) std::free(log.items);
  log.items = log.inline_items;
  log.capacity = AllocLog::kInline;
}

// Records a block cabi_realloc handed to the host (`old` is the block it replaced, or null):
// the host fills it with arguments (or an import's results), and the glue frees it with the
// rest of the log — at cabi_post_<export>, or when the import call that received it has
// lifted its results. Lifting never frees argument buffers, so a host may place several
// values in one block, and export parameters may be borrowed views into it.
inline void Adopt(void* old, void* p) {
  if (HeapIsArena()) return;  // the arena's reset reclaims it
  AllocLog& log = Log();
  if (old != nullptr) {
    for (size_t i = log.size; i-- > 0;) {
      if (log.items[i] == old) {
        log.items[i] = p;
        return;
      }
    }
  }
  Remember(p);
}

// A view of a host-provided UTF-8 string (valid until the log is released).
inline std::string_view ViewString(uint64_t p, uint64_t len) {
  return std::string_view(reinterpret_cast<const char*>(Ptr(static_cast<uint32_t>(p))),
                          static_cast<uint32_t>(len));
}

// A copy of a host-provided UTF-8 string.
inline std::string TakeString(uint32_t p, uint32_t len) {
  return std::string(reinterpret_cast<const char*>(Ptr(p)), len);
}

// The guest address of `p` (for values that stay alive while the host reads them).
inline uint32_t Addr(const void* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

// True when a std::string_view is laid out as the ABI's (ptr, len) pair of a string (libc++ on
// wasm32), so an array of them is already a list<string> in memory. Folds to a constant.
inline bool StringViewIsAbi() {
  if constexpr (sizeof(std::string_view) != 2 * sizeof(uint32_t)) {
    return false;
  } else {
    static const char kByte = 0;
    const std::string_view v(&kByte, 1);
    uint32_t words[2];
    std::memcpy(words, &v, sizeof(words));
    return words[0] == Addr(&kByte) && words[1] == 1;
  }
}

// True when std::tuple<string_view...> `Tuple` is laid out as the ABI's tuple of strings
// (consecutive (ptr, len) pairs; libc++ on wasm32), so an array of them is already a
// list<tuple<string, ...>> in memory and can be viewed in place. Folds to a constant.
template <class Tuple>
bool StringTupleIsAbi() {
  constexpr size_t kN = std::tuple_size_v<Tuple>;
  if constexpr (sizeof(Tuple) != kN * 2 * sizeof(uint32_t)) {
    return false;
  } else {
    const Tuple t{};
    const auto* base = reinterpret_cast<const unsigned char*>(&t);
    bool in_order = true;
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((in_order = in_order && reinterpret_cast<const unsigned char*>(&std::get<I>(t)) ==
                                   base + I * 2 * sizeof(uint32_t)),
       ...);
    }(std::make_index_sequence<kN>());
    return in_order && StringViewIsAbi();
  }
}

// Storage for an export's result, kept alive until its cabi_post_<export> so that lowering can
// point the host at the result's own bytes instead of copying them.
template <class T>
class Kept {
 public:
  // Destroys the previous value (if cabi_post was skipped) and keeps `make()`'s result,
  // constructed in place.
  template <class F>
  T& Emplace(F&& make) {
    Drop();
    T* v = new (storage_) T(make());
    live_ = true;
    return *v;
  }
  void Drop() {
    if (!live_) return;
    reinterpret_cast<T*>(storage_)->~T();
    live_ = false;
  }

 private:
  alignas(T) unsigned char storage_[sizeof(T)];
  bool live_ = false;
};

}  // namespace witgen::guest
