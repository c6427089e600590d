// Support for witgen's wasm2c host glue: a bounds-checked view of guest memory and guest
// allocation through `cabi_realloc`.
//
// Everything the guest hands back is tainted until a check here passes (RLBox-style): every
// pointer and length is checked against the current memory size and the alignment the
// Canonical ABI promises; strings are checked to be UTF-8 and chars to be scalar values.
// No global state: a Ctx lives on the stack of one call.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "warden/status.h"
#include "wasm-rt.h"
#include "witgen/abi.h"

// Marks a call the compiler must inline (clang's statement attribute; nothing elsewhere). The
// generated lifting code uses it for std::vector::reserve on an empty vector, which clang
// otherwise may call out of line (a relocation loop with nothing to relocate).
#if defined(__clang__) && __clang_major__ >= 16
#define WITGEN_INLINE_CALL [[clang::always_inline]]
#else
#define WITGEN_INLINE_CALL
#endif

namespace witgen::host {

// Allocates `size` bytes aligned to `align` in guest memory through the guest's cabi_realloc.
// Returns the trap code (WASM_RT_TRAP_NONE on success) and stores the address in `*out`.
using AllocFn = wasm_rt_trap_t (*)(void* self, uint32_t align, uint32_t size, uint32_t* out);

// `n` rounded up to a multiple of 8: what one allocation takes from a reserved block.
inline uint64_t Round8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

// The context of one lift or lower: guest memory, the allocator, and the first failure.
class Ctx {
 public:
  Ctx(wasm_rt_memory_t* mem, AllocFn alloc, void* alloc_self)
      : mem_(mem), alloc_(alloc), alloc_self_(alloc_self) {}

  // True when [p, p+len) lies in guest memory and p is a multiple of `align` (a power of two,
  // as every Canonical ABI alignment is).
  bool InBounds(uint64_t p, uint64_t len, uint32_t align) const {
    return (p & (align - 1)) == 0 && p + len <= mem_->size && p + len >= p;
  }
  // Checks [p, p+len) like InBounds, recording a violation when it fails.
  bool Check(uint64_t p, uint64_t len, uint32_t align, const char* what) {
    if (InBounds(p, len, align)) [[likely]] return true;
    return OutOfBounds(p, len, what);
  }
  // Checks an array of `n` elements of `size` bytes.
  bool CheckArray(uint32_t p, uint32_t n, uint32_t size, uint32_t align, const char* what) {
    return Check(p, static_cast<uint64_t>(n) * size, align, what);
  }

  // Scalar access; the range must have been checked.
  template <class T>
  T Load(uint32_t p) const {
    return LoadScalar<T>(mem_->data + p);
  }
  template <class T>
  void Store(uint32_t p, T v) {
    StoreScalar<T>(mem_->data + p, v);
  }
  uint8_t* Data(uint32_t p) { return mem_->data + p; }

  // The bytes of a guest string after checking bounds and UTF-8 (an empty string is not
  // checked), or nullptr after recording a violation. Valid until guest memory changes.
  [[gnu::always_inline]] const char* StringAt(uint32_t p, uint32_t len) {
    if (len == 0) return "";
    if (!Check(p, len, 1, "string")) return nullptr;
    if (!IsValidUtf8(mem_->data + p, len)) [[unlikely]] {
      Fail("string is not valid UTF-8");
      return nullptr;
    }
    return reinterpret_cast<const char*>(mem_->data + p);
  }
  // Copies a guest string out after checking bounds and UTF-8.
  std::optional<std::string> LoadString(uint32_t p, uint32_t len) {
    const char* s = StringAt(p, len);
    if (s == nullptr) return std::nullopt;
    return std::optional<std::string>(std::in_place, s, len);
  }
  // Checks a char lifted from the guest.
  std::optional<char32_t> LiftChar(uint32_t c) {
    if (!IsValidChar(c)) {
      Fail("char " + std::to_string(c) + " is not a Unicode scalar value");
      return std::nullopt;
    }
    return static_cast<char32_t>(c);
  }
  // Records a bad discriminant.
  bool BadDiscriminant(const char* type, uint32_t d) {
    return Fail(std::string("bad discriminant ") + std::to_string(d) + " for " + type);
  }

  // Allocates one block of `size` bytes (8-aligned) through cabi_realloc, checks it once, and
  // serves later Alloc calls from it (each rounded up to 8 bytes; see Round8). An export call
  // reserves all its out-of-line argument data this way: one guest call instead of one per
  // string and list. 0 bytes → nothing.
  // Inline, calling the allocator directly (what Alloc does when no block is reserved yet).
  [[gnu::always_inline]] bool Reserve(uint64_t size) {
    if (size == 0) return true;
    if (size > 0xffffffffull) [[unlikely]] return TooLarge();
    uint32_t p = 0;
    wasm_rt_trap_t trap = alloc_(alloc_self_, 8, static_cast<uint32_t>(size), &p);
    if (trap != WASM_RT_TRAP_NONE) [[unlikely]] return AllocTrapped(trap);
    if (!Check(p, size, 8, "cabi_realloc result")) return false;
    block_next_ = p;
    block_end_ = p + size;
    return true;
  }
  [[gnu::noinline, gnu::cold]] bool TooLarge() { return Fail("value too large for guest"); }

  // Allocates guest memory (0 bytes → address 0, no call): from the reserved block when it
  // has room, else through cabi_realloc. Checks the returned address.
  bool Alloc(uint32_t size, uint32_t align, uint32_t* out) {
    if (size == 0) {
      *out = 0;
      return true;
    }
    if (block_next_ + size <= block_end_) {  // block_next_ is 8-aligned (align <= 8)
      *out = static_cast<uint32_t>(block_next_);
      block_next_ = Round8(block_next_ + size);
      return true;
    }
    wasm_rt_trap_t trap = alloc_(alloc_self_, align, size, out);
    if (trap != WASM_RT_TRAP_NONE) [[unlikely]] return AllocTrapped(trap);
    return Check(*out, size, align, "cabi_realloc result");
  }
  // Records a trap in cabi_realloc (an allocator that runs it in its own guest entry).
  [[gnu::noinline, gnu::cold]] bool AllocTrapped(wasm_rt_trap_t trap) {
    trap_ = trap;
    return Fail("guest trapped in cabi_realloc");
  }
  // Lowers the bytes of a string or byte list: none → (0, 0) with no allocation; else a copy
  // into the reserved block when it has room (no further check: the block was checked once),
  // else into a new allocation (CopyIn). Stores the guest address and length.
  bool PutBytes(const void* data, size_t n, uint32_t align, uint32_t* ptr, uint32_t* len) {
    if (n == 0) {
      *ptr = 0;
      *len = 0;
      return true;
    }
    const uint64_t at = block_next_;  // 8-aligned (align <= 8)
    if (n <= block_end_ - at) [[likely]] {
      block_next_ = Round8(at + n);  // before the copy, whose byte stores may alias *this
      *ptr = static_cast<uint32_t>(at);
      *len = static_cast<uint32_t>(n);
      CopyBytes(mem_->data + at, static_cast<const uint8_t*>(data), n);
      return true;
    }
    return PutBytesSlow(data, n, align, ptr, len);
  }
  [[gnu::noinline]] bool PutBytesSlow(const void* data, size_t n, uint32_t align, uint32_t* ptr,
                                      uint32_t* len) {
    return Length(n, 1, len) && CopyIn(data, *len, align, ptr);
  }
  // PutBytes, then stores the (address, length) pair at guest address `p` (checked by the
  // caller): what a string or byte-list field of a record lowered to memory takes. The pair
  // never passes through the stack, and an empty value is two stores.
  [[gnu::always_inline]] bool StoreBytesAt(uint32_t p, const void* data, size_t n,
                                           uint32_t align) {
    uint32_t at = 0;
    if (n != 0) {
      const uint64_t next = block_next_;  // 8-aligned (align <= 8)
      if (n > block_end_ - next) [[unlikely]] return StoreBytesSlow(p, data, n, align);
      block_next_ = Round8(next + n);  // before the copy, whose byte stores may alias *this
      at = static_cast<uint32_t>(next);
      CopyBytes(mem_->data + at, static_cast<const uint8_t*>(data), n);
    }
    uint8_t* base = mem_->data;
    StoreScalar<uint32_t>(base + p, at);
    StoreScalar<uint32_t>(base + p + 4, static_cast<uint32_t>(n));
    return true;
  }
  // StoreBytesAt for the flat form: the pair goes to cells[0] and cells[1].
  [[gnu::always_inline]] bool LowerBytesTo(uint64_t* cells, const void* data, size_t n,
                                           uint32_t align) {
    uint32_t at = 0;
    if (n != 0) {
      const uint64_t next = block_next_;
      if (n > block_end_ - next) [[unlikely]] return LowerBytesSlow(cells, data, n, align);
      block_next_ = Round8(next + n);
      at = static_cast<uint32_t>(next);
      CopyBytes(mem_->data + at, static_cast<const uint8_t*>(data), n);
    }
    cells[0] = at;
    cells[1] = n;
    return true;
  }
  [[gnu::noinline]] bool StoreBytesSlow(uint32_t p, const void* data, size_t n, uint32_t align) {
    uint32_t ptr = 0, len = 0;
    if (!PutBytesSlow(data, n, align, &ptr, &len)) return false;
    Store<uint32_t>(p, ptr);  // after the allocation: it may have grown (moved) the memory
    Store<uint32_t>(p + 4, len);
    return true;
  }
  [[gnu::noinline]] bool LowerBytesSlow(uint64_t* cells, const void* data, size_t n,
                                        uint32_t align) {
    uint32_t ptr = 0, len = 0;
    if (!PutBytesSlow(data, n, align, &ptr, &len)) return false;
    cells[0] = ptr;
    cells[1] = len;
    return true;
  }
  // memcpy of n > 0 bytes; short copies (most strings in a request) inline, with overlapping
  // word moves instead of a call.
  static void CopyBytes(uint8_t* d, const uint8_t* s, size_t n) {
    if (n > 32) {
      std::memcpy(d, s, n);
    } else if (n > 16) {
      std::memcpy(d, s, 16);
      std::memcpy(d + n - 16, s + n - 16, 16);
    } else if (n >= 8) {
      std::memcpy(d, s, 8);
      std::memcpy(d + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(d, s, 4);
      std::memcpy(d + n - 4, s + n - 4, 4);
    } else {
      d[0] = s[0];
      d[n / 2] = s[n / 2];
      d[n - 1] = s[n - 1];
    }
  }
  // Copies bytes into a new guest allocation.
  bool CopyIn(const void* data, uint32_t size, uint32_t align, uint32_t* out) {
    if (!Alloc(size, align, out)) return false;
    if (size) std::memcpy(mem_->data + *out, data, size);
    return true;
  }
  // A length that must fit the guest's 32-bit address space.
  bool Length(size_t n, uint32_t elem_size, uint32_t* out) {
    if (n > 0xffffffffull / (elem_size ? elem_size : 1)) return Fail("value too large for guest");
    *out = static_cast<uint32_t>(n);
    return true;
  }

  // Records a failed Check; always false. Out of line to keep Check's fast path small.
  [[gnu::noinline, gnu::cold]] bool OutOfBounds(uint64_t p, uint64_t len, const char* what) {
    return Fail(std::string(what) + " out of bounds or misaligned (ptr " + std::to_string(p) +
                ", len " + std::to_string(len) + ")");
  }
  // Records the first failure; always false.
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // The trap the guest raised while the host allocated, or WASM_RT_TRAP_NONE.
  wasm_rt_trap_t trap() const { return trap_; }
  // The failure as a Status: kTrap when the guest trapped, else kGuestAbiViolation.
  warden::Status ToStatus() const {
    if (trap_ != WASM_RT_TRAP_NONE) return warden::TrapError(error_);
    return warden::GuestAbiError(error_);
  }

 private:
  wasm_rt_memory_t* mem_;
  AllocFn alloc_;
  void* alloc_self_;
  std::string error_;
  wasm_rt_trap_t trap_ = WASM_RT_TRAP_NONE;
  uint64_t block_next_ = 0;  // the reserved block's first free byte
  uint64_t block_end_ = 0;
};

// The arguments and result of one call into the guest, passed through warden_rt_invoke.
struct Call {
  void* instance = nullptr;
  const uint64_t* args = nullptr;
  uint64_t result = 0;
};

// Converts to the prvalue `make()` returns, so that std::optional<T>(std::in_place,
// Elide{...}) (or any T initialised from it) builds the T in place: no temporary T to move
// from and destroy.
template <class F>
struct Elide {
  F make;
  operator decltype(std::declval<F&>()())() { return make(); }  // NOLINT: implicit by design
};
template <class F>
Elide(F) -> Elide<F>;

// A human-readable name of a trap code.
inline const char* TrapName(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_NONE:
      return "none";
    case WASM_RT_TRAP_OOB:
      return "out of bounds memory access";
    case WASM_RT_TRAP_INT_OVERFLOW:
      return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO:
      return "integer divide by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION:
      return "invalid conversion";
    case WASM_RT_TRAP_UNREACHABLE:
      return "unreachable";
    case WASM_RT_TRAP_CALL_INDIRECT:
      return "invalid call_indirect";
#if !WASM_RT_MERGED_OOB_AND_EXHAUSTION_TRAPS
    case WASM_RT_TRAP_EXHAUSTION:
      return "call stack exhausted";
#endif
    default:
      return "trap";
  }
}

}  // namespace witgen::host
