/* warden_rt.h — entering wasm2c guests safely from any thread.
 *
 * Generated guest code reports a trap by calling wasm_rt_trap(), which must unwind to the
 * host. warden_rt_invoke() is that landing point: it runs a host callback that calls into the
 * guest, and turns a trap into a return value on the calling thread only. Every call into a
 * guest (export, cabi_realloc, cabi_post_*) goes through it.
 *
 * What host glue for a wasm2c module does with this runtime:
 *   1. once per process (std::call_once — <module>_init_module() writes statics):
 *      wasm_rt_init(); <module>_init_module();
 *   2. per instance: <module>_instantiate(); then warden_rt_memory_cap() on its memory with the
 *      configured page limit, refusing the instance if that fails;
 *   3. per call: enter the guest only inside warden_rt_invoke(); after any trap, free the
 *      instance (<module>_free()) instead of calling it again.
 */
#ifndef WARDEN_RT_H_
#define WARDEN_RT_H_

#include <stdint.h>

#include "wasm-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runs fn(ctx) with trap recovery on the calling thread. Returns WASM_RT_TRAP_NONE when fn
 * returned normally, otherwise the trap that stopped it; in that case fn's frames were
 * abandoned with longjmp (C++ destructors in them did not run — keep fn's body free of
 * objects that own resources, and do that work outside the call), the thread's guest call
 * depth is restored to its value at entry, and the guest instance must be considered
 * poisoned (its memory may be mid-update) and freed.
 *
 * Nesting is allowed (a host import that re-enters a guest): each call restores the enclosing
 * recovery point when it returns, so an inner trap never lands in an outer frame.
 * Thread-safe: all state is per thread. `fn` must not be NULL. */
wasm_rt_trap_t warden_rt_invoke(void (*fn)(void* ctx), void* ctx);

/* True when the calling thread is inside warden_rt_invoke(), i.e. a trap would be caught. */
bool warden_rt_in_guest_call(void);

/* Lowers `memory`'s growth limit to at most `max_pages` pages (never raises it above what the
 * module declared). Returns false — and changes nothing — when the memory is already larger
 * than `max_pages` or its initial allocation failed; the embedder should then refuse to use
 * the instance (warden reports kResourceExhausted). Call after instantiation, before the
 * first guest call. */
bool warden_rt_memory_cap(wasm_rt_memory_t* memory, uint32_t max_pages);

/* A per-thread flag set whenever wasm_rt_grow_memory() refuses a growth (past max_pages, or
 * the host allocator failed) on this thread; it stays set until cleared. An embedder clears
 * it before a guest call and reads it after a trap to tell "the guest ran out of memory and
 * gave up" from other traps. */
void warden_rt_clear_memory_exhausted(void);
bool warden_rt_memory_exhausted(void);

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* WARDEN_RT_H_ */
