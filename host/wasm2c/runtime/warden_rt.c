/* warden_rt.c — per-thread trap recovery, call depth and exception state for wasm2c guests.
 *
 * All mutable state here is thread_local: a guest trapping on one thread unwinds only that
 * thread's innermost warden_rt_invoke(). See wasm-rt.h and docs/engines.md.
 */
#include <stdatomic.h>
#include <stdio.h>

#include "warden_rt.h"

__attribute__((tls_model("initial-exec"))) _Thread_local uint32_t wasm_rt_call_stack_depth;

/* Innermost recovery point of this thread, or NULL outside warden_rt_invoke(). */
static _Thread_local jmp_buf* tl_trap_target;

/* Set by wasm_rt_grow_memory() when it refuses a growth; see warden_rt_memory_exhausted(). */
static _Thread_local bool tl_memory_exhausted;

/* Exception-handling proposal state. */
static _Thread_local WASM_RT_UNWIND_TARGET* tl_unwind_target;
static _Thread_local uint32_t tl_exception_tag;
static _Thread_local uint32_t tl_exception_size;
static _Thread_local uint8_t tl_exception[WASM_RT_MAX_EXCEPTION_SIZE];

static atomic_bool g_initialized;
static atomic_uint g_tag_count;

void wasm_rt_init(void) { atomic_store(&g_initialized, true); }

bool wasm_rt_is_initialized(void) { return atomic_load(&g_initialized); }

void wasm_rt_free(void) {}

WASM_RT_NO_RETURN static void Die(const char* what) {
  fprintf(stderr, "warden wasm runtime: %s\n", what);
  abort();
}

void wasm_rt_trap(wasm_rt_trap_t trap) {
  jmp_buf* target = tl_trap_target;
  if (target == NULL) Die("trap outside warden_rt_invoke()");
  if (trap == WASM_RT_TRAP_NONE) trap = WASM_RT_TRAP_UNREACHABLE;  /* longjmp(.., 0) is 1 */
  longjmp(*target, (int)trap);
}

wasm_rt_trap_t warden_rt_invoke(void (*fn)(void* ctx), void* ctx) {
  /* Neither is modified between setjmp and longjmp, so both keep their values (C11
   * 7.13.2.1p3) without volatile. */
  jmp_buf* const outer_target = tl_trap_target;
  WASM_RT_UNWIND_TARGET* const outer_unwind = tl_unwind_target;
  const uint32_t depth_at_entry = wasm_rt_call_stack_depth;
  jmp_buf here;
  int trap = setjmp(here);
  if (trap == 0) {
    tl_trap_target = &here;
    /* An exception no guest frame catches lands here as WASM_RT_TRAP_UNCAUGHT_EXCEPTION. */
    tl_unwind_target = &here;
    fn(ctx);
  }
  tl_trap_target = outer_target;
  tl_unwind_target = outer_unwind;
  wasm_rt_call_stack_depth = depth_at_entry;
  return (wasm_rt_trap_t)trap;
}

bool warden_rt_in_guest_call(void) { return tl_trap_target != NULL; }

void warden_rt_clear_memory_exhausted(void) { tl_memory_exhausted = false; }

bool warden_rt_memory_exhausted(void) { return tl_memory_exhausted; }

void warden_rt_internal_note_memory_exhausted(void) { tl_memory_exhausted = true; }

const char* wasm_rt_strerror(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_NONE: return "no trap";
    case WASM_RT_TRAP_OOB: return "out-of-bounds memory or table access";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid float-to-integer conversion";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable executed";
    case WASM_RT_TRAP_CALL_INDIRECT: return "invalid indirect call";
    case WASM_RT_TRAP_UNCAUGHT_EXCEPTION: return "uncaught wasm exception";
    case WASM_RT_TRAP_EXHAUSTION: return "call stack exhausted";
  }
  return "unknown trap";
}

uint32_t wasm_rt_register_tag(uint32_t size) {
  if (size > WASM_RT_MAX_EXCEPTION_SIZE) Die("exception tag payload too large");
  return atomic_fetch_add(&g_tag_count, 1);
}

void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void* values) {
  /* Sizes come from registered tags, which were checked at registration. */
  if (size > WASM_RT_MAX_EXCEPTION_SIZE) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  tl_exception_tag = tag;
  tl_exception_size = size;
  if (size != 0) memcpy(tl_exception, values, size);
}

void wasm_rt_throw(void) {
  WASM_RT_UNWIND_TARGET* target = tl_unwind_target;
  if (target == NULL) Die("wasm exception thrown outside warden_rt_invoke()");
  longjmp(*target, (int)WASM_RT_TRAP_UNCAUGHT_EXCEPTION);
}

WASM_RT_UNWIND_TARGET* wasm_rt_get_unwind_target(void) { return tl_unwind_target; }

void wasm_rt_set_unwind_target(WASM_RT_UNWIND_TARGET* target) { tl_unwind_target = target; }

uint32_t wasm_rt_exception_tag(void) { return tl_exception_tag; }

uint32_t wasm_rt_exception_size(void) { return tl_exception_size; }

void* wasm_rt_exception(void) { return tl_exception; }
