// The guest heap: a bump arena over linear memory that replaces wasi-libc's dlmalloc.
//
// Every export call starts from clean guest state: the generated cabi_post_<export> calls
// witgen_guest_post_return() after the host has lifted the results, and that resets the arena
// to __heap_base. The module opts in to witgen's arena contract (witgen_guest_heap_is_arena),
// so the glue keeps no allocation log and frees nothing itself. Nothing allocated during a
// call survives it, so the core must keep no heap state between calls (it keeps no state at
// all). Memory is never returned to the host; it is reused by the next call. Out of memory
// (memory.grow fails, e.g. at the host's cap) returns nullptr; operator new then aborts,
// which traps, which the host reports as an error.
//
// free() and realloc() of the most recent allocation reclaim or extend it in place, which
// keeps std::string/std::vector growth cheap; any other free() is a no-op until the reset.
// malloc and the plain operator new/delete inline the common case (16-byte aligned, memory
// already large enough); everything else goes through one out-of-line path.
// Compiled for wasm only; native builds use the platform allocator.
#if defined(__wasm__)

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

extern "C" unsigned char __heap_base;

namespace {

constexpr uintptr_t kMinAlign = 16;      // alignof(max_align_t) on wasm32
constexpr uintptr_t kHeader = 16;        // keeps payloads 16-aligned; size in the last 4 bytes
constexpr uint64_t kPageSize = 65536;

// Constant-initialised: no constructors run for them.
uintptr_t g_top = 0;   // first free byte; 0 until the first allocation
uintptr_t g_last = 0;  // payload of the most recent live allocation, or 0
uint64_t g_limit = 0;  // linear memory size when last looked at; memory never shrinks

uintptr_t AlignUp(uintptr_t value, uintptr_t align) { return (value + align - 1) & ~(align - 1); }

uintptr_t HeapBase() { return AlignUp(reinterpret_cast<uintptr_t>(&__heap_base), kMinAlign); }

// Grows linear memory so that [0, end) is addressable. False when the host refuses.
[[gnu::noinline]] bool GrowMemory(uint64_t end) {
  const uint64_t have = static_cast<uint64_t>(__builtin_wasm_memory_size(0)) * kPageSize;
  g_limit = have;
  if (end <= have) return true;
  const uint64_t pages = (end - have + kPageSize - 1) / kPageSize;
  if (__builtin_wasm_memory_grow(0, static_cast<size_t>(pages)) == static_cast<size_t>(-1)) {
    return false;
  }
  g_limit = have + pages * kPageSize;
  return true;
}

// EnsureMemory's fast path compares with the cached size; only growth asks the memory.
inline bool EnsureMemory(uint64_t end) { return end <= g_limit || GrowMemory(end); }

size_t& SizeOf(uintptr_t payload) { return *reinterpret_cast<size_t*>(payload - sizeof(size_t)); }

// Every allocation that does not take the fast path below: the first one, over-aligned ones,
// and those that need the memory to grow.
[[gnu::noinline]] void* Allocate(size_t align, size_t size) {
  if (g_top == 0) g_top = HeapBase();
  if (align < kMinAlign) align = kMinAlign;
  const uint64_t payload = AlignUp(g_top + kHeader, align);
  const uint64_t end = payload + static_cast<uint64_t>(size);
  if (end > UINT32_MAX || !EnsureMemory(end)) return nullptr;
  SizeOf(static_cast<uintptr_t>(payload)) = size;
  g_top = static_cast<uintptr_t>(end);
  g_last = static_cast<uintptr_t>(payload);
  return reinterpret_cast<void*>(static_cast<uintptr_t>(payload));
}

// The common case, inlined into malloc and operator new: 16-byte alignment and room below the
// cached memory size. Before the first allocation g_limit is 0, so the slow path runs and sets
// g_top; g_limit <= 4 GiB, so `end < g_limit` also keeps g_top within 32 bits.
[[gnu::always_inline]] inline void* AllocateSmall(size_t size) {
  constexpr uint64_t kMask = ~static_cast<uint64_t>(kMinAlign - 1);
  const uint64_t payload = (static_cast<uint64_t>(g_top) + kHeader + kMinAlign - 1) & kMask;
  const uint64_t end = payload + static_cast<uint64_t>(size);
  if (end < g_limit) [[likely]] {
    SizeOf(static_cast<uintptr_t>(payload)) = size;
    g_top = static_cast<uintptr_t>(end);
    g_last = static_cast<uintptr_t>(payload);
    return reinterpret_cast<void*>(static_cast<uintptr_t>(payload));
  }
  return Allocate(kMinAlign, size);
}

// free(): only the most recent allocation is reclaimed.
[[gnu::always_inline]] inline void Release(void* ptr) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
  if (p != 0 && p == g_last) {
    g_top = p - kHeader;
    g_last = 0;
  }
}

bool IsPowerOfTwo(size_t x) { return x != 0 && (x & (x - 1)) == 0; }

}  // namespace

extern "C" {

void* malloc(size_t size) { return AllocateSmall(size); }

void free(void* ptr) { Release(ptr); }

void* calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return nullptr;
  void* p = AllocateSmall(count * size);
  if (p != nullptr) std::memset(p, 0, count * size);  // reused memory is not zero
  return p;
}

void* realloc(void* ptr, size_t size) {
  if (ptr == nullptr) return AllocateSmall(size);
  const uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
  const size_t old = SizeOf(p);
  if (p == g_last) {
    const uint64_t end = static_cast<uint64_t>(p) + size;
    if (end > UINT32_MAX || !EnsureMemory(end)) return nullptr;
    SizeOf(p) = size;
    g_top = static_cast<uintptr_t>(end);
    return ptr;
  }
  void* q = AllocateSmall(size);
  if (q != nullptr) std::memcpy(q, ptr, old < size ? old : size);
  return q;
}

void* aligned_alloc(size_t alignment, size_t size) {
  if (!IsPowerOfTwo(alignment)) return nullptr;
  return Allocate(alignment, size);
}

int posix_memalign(void** out, size_t alignment, size_t size) {
  if (!IsPowerOfTwo(alignment) || alignment % sizeof(void*) != 0) return EINVAL;
  void* p = Allocate(alignment, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}

size_t malloc_usable_size(void* ptr) {
  return ptr == nullptr ? 0 : SizeOf(reinterpret_cast<uintptr_t>(ptr));
}

// wasi-libc's internal names for the same functions; defining them keeps dlmalloc.o out.
void* __libc_malloc(size_t size) { return malloc(size); }
void __libc_free(void* ptr) { free(ptr); }
void* __libc_calloc(size_t count, size_t size) { return calloc(count, size); }

// Called by every generated cabi_post_<export> after the host has lifted the results.
void witgen_guest_post_return(void) {
  // Safe to reset: cabi_post_* has destroyed the kept result, and the glue logs nothing
  // (witgen_guest_heap_is_arena below), so no glue state points into the heap.
  g_top = HeapBase();
  g_last = 0;
}

// Tells the witgen glue that this heap is reset by witgen_guest_post_return(), so it skips
// its allocation log (witgen/guest_support.h, "Arena opt-in"). `extern`: inside this block a
// plain const would have internal linkage.
extern const bool witgen_guest_heap_is_arena = true;

}  // extern "C"

// The unaligned operator new/delete (the others are in cxx_runtime.cc) use the fast path
// directly: one call less per allocation. Out of memory traps (no exceptions).
void* operator new(size_t size) {
  void* p = AllocateSmall(size == 0 ? 1 : size);
  if (p == nullptr) __builtin_trap();
  return p;
}
void* operator new[](size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, size_t) noexcept { Release(p); }
void operator delete[](void* p, size_t) noexcept { Release(p); }

#endif  // defined(__wasm__)
