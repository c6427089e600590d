// Minimal C++ runtime hooks for the guest, so the module imports nothing but its WIT imports.
//
// libc++/libc++abi's defaults for allocation failure, std::terminate and verbose aborts print
// to stderr through wasi-libc's stdio, which would pull WASI imports (fd_write, fd_seek,
// fd_close) into the module. The core never throws and never prints, so every such path
// becomes a trap here: the host sees kTrap, discards the instance and reports an error.
// operator new/delete are replaced with calls to the arena's malloc/free; the plain (unaligned,
// throwing) forms are defined in arena.cc itself, next to the fast path they inline.
// Compiled for wasm only.
#if defined(__wasm__)

#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>  // declares std::__libcpp_verbose_abort

// Out of memory is a trap (there is no exception to throw under -fno-exceptions).
namespace {
[[noreturn]] void OutOfMemory() { __builtin_trap(); }

void* AllocateAlignedOrTrap(std::size_t size, std::align_val_t align) {
  void* p = std::aligned_alloc(static_cast<std::size_t>(align), size == 0 ? 1 : size);
  if (p == nullptr) OutOfMemory();
  return p;
}
}  // namespace

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new(std::size_t size, std::align_val_t align) {
  return AllocateAlignedOrTrap(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return AllocateAlignedOrTrap(size, align);
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return std::aligned_alloc(static_cast<std::size_t>(align), size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return std::aligned_alloc(static_cast<std::size_t>(align), size == 0 ? 1 : size);
}

void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

_LIBCPP_BEGIN_NAMESPACE_STD
// libc++'s replaceable hook behind _LIBCPP_VERBOSE_ABORT (length_error, bad_variant_access, ...
// under -fno-exceptions).
[[noreturn]] void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }
_LIBCPP_END_NAMESPACE_STD

extern "C" {
// Called through a vtable slot of a pure virtual function; impossible in correct code.
[[noreturn]] void __cxa_pure_virtual() { __builtin_trap(); }
// libc++abi's message-and-abort helper; same policy.
[[noreturn]] void abort_message(const char*, ...) { __builtin_trap(); }
}

#endif  // defined(__wasm__)
