// Minimal C++ runtime pieces for the round-trip guest: allocation failures and libc++
// assertions trap instead of printing through WASI, so the module imports only its WIT world.
#include <cstddef>
#include <cstdlib>
#include <new>

void* operator new(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) __builtin_trap();
  return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace std {
inline namespace __2 {
void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }
}  // namespace __2
}  // namespace std
