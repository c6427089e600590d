// The native reference of the bare-call benchmark (see bare_call_bench.h). Kept in its own
// translation unit so the caller cannot inline or constant-fold it.
#include "bare_call_bench.h"

namespace warden::bench {

[[gnu::noinline]] uint32_t NativeEchoU32(uint32_t value) {
  asm volatile("" : "+r"(value));  // an opaque body: the compiler may not assume identity
  return value;
}

[[gnu::noinline]] bool NativeEchoBool(bool value) {
  asm volatile("" : "+r"(value));
  return value;
}

}  // namespace warden::bench
