/* wasm-rt.h — warden's thread-safe runtime interface for wasm2c-generated code.
 *
 * wasm2c (wabt 1.0.32) emits C that includes "wasm-rt.h" and calls a small runtime: traps,
 * call-stack depth counting, linear memories, tables, a function-type registry and, for modules
 * using the exception-handling proposal, exception state. wabt's own runtime keeps the trap
 * jump buffer and the stack depth in process globals, so two threads running guests at once
 * corrupt each other. This header declares the same interface (names, types and macros that
 * the 1.0.32 output uses) with per-thread state; warden_rt.h adds warden_rt_invoke(), the one
 * way warden enters a guest. Build targets find this header before /usr/include/wasm-rt.h
 * through warden_wasm_rt's PUBLIC include directory.
 *
 * Configuration is fixed, not optional: memory accesses are bounds-checked explicitly
 * (WASM_RT_MEMCHECK_SIGNAL_HANDLER 0 — no SIGSEGV handler, no 8 GiB reservations) and stack
 * exhaustion is detected by counting calls (WASM_RT_USE_STACK_DEPTH_COUNT 1).
 * See docs/engines.md for the design.
 */
#ifndef WARDEN_WASM_RT_H_
#define WARDEN_WASM_RT_H_
/* The guard of wabt's header too, so that a stray include of /usr/include/wasm-rt.h after
 * this one is a no-op rather than a redefinition. */
#ifndef WASM_RT_H_
#define WASM_RT_H_

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(WASM_RT_MEMCHECK_SIGNAL_HANDLER) && WASM_RT_MEMCHECK_SIGNAL_HANDLER
#error "warden's wasm runtime checks bounds explicitly; WASM_RT_MEMCHECK_SIGNAL_HANDLER must be 0"
#endif
#if defined(WASM_RT_USE_STACK_DEPTH_COUNT) && !WASM_RT_USE_STACK_DEPTH_COUNT
#error "warden's wasm runtime counts stack depth; WASM_RT_USE_STACK_DEPTH_COUNT must be 1"
#endif
#undef WASM_RT_MEMCHECK_SIGNAL_HANDLER
#undef WASM_RT_USE_STACK_DEPTH_COUNT
#define WASM_RT_MEMCHECK_SIGNAL_HANDLER 0
#define WASM_RT_USE_STACK_DEPTH_COUNT 1
#define WASM_RT_SKIP_SIGNAL_RECOVERY 1
#define WASM_RT_SIGNAL_RECOVERY_SUPPORTED 0
#define WASM_RT_MERGED_OOB_AND_EXHAUSTION_TRAPS 0

/* Guest calls nested deeper than this trap with WASM_RT_TRAP_EXHAUSTION. Each guest frame is
 * a C frame on the calling thread's stack, so the limit keeps a runaway recursion from
 * overflowing the host thread's stack. 500 is wabt's default; overridable per build. */
#ifndef WASM_RT_MAX_CALL_STACK_DEPTH
#define WASM_RT_MAX_CALL_STACK_DEPTH 500
#endif

#if defined(__GNUC__) || defined(__clang__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define wasm_rt_memcpy __builtin_memcpy
#define wasm_rt_unreachable __builtin_unreachable
#define WASM_RT_NO_RETURN __attribute__((noreturn))
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#define wasm_rt_memcpy memcpy
#define wasm_rt_unreachable abort
#define WASM_RT_NO_RETURN
#endif

#ifdef __cplusplus
#define WASM_RT_THREAD_LOCAL thread_local
#else
#define WASM_RT_THREAD_LOCAL _Thread_local
#endif

/* The current thread's guest call depth. Generated code increments it in every function
 * prologue and decrements it in the epilogue; warden_rt_invoke() restores it after a trap.
 * initial-exec: the prologue's access is a single %fs-relative load, not a __tls_get_addr
 * call. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((tls_model("initial-exec")))
#endif
extern WASM_RT_THREAD_LOCAL uint32_t wasm_rt_call_stack_depth;

/* Why a guest stopped. Values and order match wabt 1.0.32. */
typedef enum {
  WASM_RT_TRAP_NONE,               /* no trap */
  WASM_RT_TRAP_OOB,                /* out-of-bounds memory or table access */
  WASM_RT_TRAP_INT_OVERFLOW,       /* integer overflow in division or truncation */
  WASM_RT_TRAP_DIV_BY_ZERO,        /* integer division by zero */
  WASM_RT_TRAP_INVALID_CONVERSION, /* float-to-int conversion of NaN */
  WASM_RT_TRAP_UNREACHABLE,        /* `unreachable` executed (e.g. the guest's abort()) */
  WASM_RT_TRAP_CALL_INDIRECT,      /* call_indirect: null, out of range or wrong type */
  WASM_RT_TRAP_UNCAUGHT_EXCEPTION, /* a wasm exception reached the host */
  WASM_RT_TRAP_EXHAUSTION,         /* guest call depth over WASM_RT_MAX_CALL_STACK_DEPTH */
} wasm_rt_trap_t;

/* Value types, used to describe function signatures to the registry. */
typedef enum {
  WASM_RT_I32,
  WASM_RT_I64,
  WASM_RT_F32,
  WASM_RT_F64,
  WASM_RT_FUNCREF,
  WASM_RT_EXTERNREF,
} wasm_rt_type_t;

/* Any function pointer, stored uniformly; cast to the real signature before calling. */
typedef void (*wasm_rt_function_ptr_t)(void);

/* A funcref: a function, its registered type id, and the instance it closes over. */
typedef struct {
  uint32_t func_type;
  wasm_rt_function_ptr_t func;
  void* module_instance;
} wasm_rt_funcref_t;

static const wasm_rt_funcref_t wasm_rt_funcref_null_value = {0, NULL, NULL};

typedef void* wasm_rt_externref_t;
static const wasm_rt_externref_t wasm_rt_externref_null_value = NULL;

/* A linear memory. `size` == `pages` * 65536 bytes are readable at `data`; generated code
 * checks every access against `size`. `max_pages` is the growth limit (module maximum, or a
 * lower cap set with warden_rt_memory_cap()). */
typedef struct {
  uint8_t* data;
  uint32_t pages, max_pages;
  uint32_t size;
} wasm_rt_memory_t;

/* Tables of funcref / externref; `size` elements at `data`, growable up to `max_size`. */
typedef struct {
  wasm_rt_funcref_t* data;
  uint32_t max_size;
  uint32_t size;
} wasm_rt_funcref_table_t;

typedef struct {
  wasm_rt_externref_t* data;
  uint32_t max_size;
  uint32_t size;
} wasm_rt_externref_table_t;

/* Marks the runtime initialised. Idempotent and thread-safe; there is no per-process state to
 * set up (no signal handler). */
void wasm_rt_init(void);
/* True once wasm_rt_init() has run (generated instantiate functions assert it). */
bool wasm_rt_is_initialized(void);
/* Nothing to release: registered function types stay valid for the life of the process,
 * because generated modules cache their ids in statics. Kept for interface compatibility. */
void wasm_rt_free(void);

/* Unwinds to the current thread's innermost warden_rt_invoke(), which returns `trap`.
 * Called by generated code. Without an active recovery point on this thread the process
 * aborts with a message: entering a guest other than through warden_rt_invoke() is a bug. */
WASM_RT_NO_RETURN void wasm_rt_trap(wasm_rt_trap_t trap);

/* A static English description of `trap`. */
const char* wasm_rt_strerror(wasm_rt_trap_t trap);

/* Returns the id (>= 1) of the signature `params` parameter types followed by `results`
 * result types, all passed as wasm_rt_type_t varargs. Equal signatures get equal ids across
 * all modules. Thread-safe. Aborts only if the process is out of memory. */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...);

/* Exception-handling proposal support (used only by modules built with wasm exceptions; the
 * warden analyzer is built with -fno-exceptions). State is per thread. Payloads are limited
 * to WASM_RT_MAX_EXCEPTION_SIZE bytes; a larger tag aborts at registration. */
#define WASM_RT_MAX_EXCEPTION_SIZE 256
uint32_t wasm_rt_register_tag(uint32_t size);
void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void* values);
WASM_RT_NO_RETURN void wasm_rt_throw(void);
#define WASM_RT_UNWIND_TARGET jmp_buf
WASM_RT_UNWIND_TARGET* wasm_rt_get_unwind_target(void);
void wasm_rt_set_unwind_target(WASM_RT_UNWIND_TARGET* target);
uint32_t wasm_rt_exception_tag(void);
uint32_t wasm_rt_exception_size(void);
void* wasm_rt_exception(void);

#define WASM_RT_SETJMP(buf) setjmp(buf)
#define wasm_rt_try(target) WASM_RT_SETJMP(target)

/* Allocates `initial_pages` zeroed pages with growth limit `max_pages`. If the allocation
 * fails (or initial_pages is over the 65535-page limit this runtime supports) the memory is
 * left empty (data NULL, size 0, pages 0): every access then traps OOB, and the embedder can
 * detect it with warden_rt_memory_cap(). */
void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages,
                             uint32_t max_pages);
/* Grows by `pages` zeroed pages and returns the old page count, or 0xffffffff (memory.grow's
 * -1) when the result would exceed max_pages or 65535 pages, or allocation fails. `data` may
 * move. Never traps. */
uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t pages);
/* Releases the memory's bytes; the struct is left empty. */
void wasm_rt_free_memory(wasm_rt_memory_t* memory);

/* Tables: allocate `elements` null entries (growable to `max_elements`), free, and grow by
 * `delta` entries set to `init`, returning the old size or 0xffffffff on failure. */
void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t* table, uint32_t elements,
                                    uint32_t max_elements);
void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t* table);
uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t* table, uint32_t delta,
                                    wasm_rt_funcref_t init);
void wasm_rt_allocate_externref_table(wasm_rt_externref_table_t* table, uint32_t elements,
                                      uint32_t max_elements);
void wasm_rt_free_externref_table(wasm_rt_externref_table_t* table);
uint32_t wasm_rt_grow_externref_table(wasm_rt_externref_table_t* table, uint32_t delta,
                                      wasm_rt_externref_t init);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* WASM_RT_H_ */
#endif /* WARDEN_WASM_RT_H_ */
