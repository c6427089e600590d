/* func_types.c — the process-wide, thread-safe registry of function signatures.
 *
 * call_indirect compares type ids, so equal signatures must get equal ids across modules and
 * instances. Modules register their types once at init; a mutex keeps concurrent module
 * initialisation safe. Entries are never removed (generated code caches ids in statics).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "wasm-rt.h"

typedef struct {
  uint32_t param_count;
  uint32_t result_count;
  wasm_rt_type_t* types; /* params then results */
} FuncType;

static pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;
static FuncType* g_types;
static uint32_t g_count;
static uint32_t g_capacity;

static bool Matches(const FuncType* t, uint32_t params, uint32_t results,
                    const wasm_rt_type_t* types) {
  if (t->param_count != params || t->result_count != results) return false;
  size_t n = (size_t)params + results;
  return n == 0 || memcmp(t->types, types, n * sizeof(wasm_rt_type_t)) == 0;
}

static void* CheckedAlloc(void* old, size_t bytes) {
  void* p = realloc(old, bytes == 0 ? 1 : bytes);
  if (p == NULL) {
    fprintf(stderr, "warden wasm runtime: out of memory registering a function type\n");
    abort();
  }
  return p;
}

/* Appends a copy of the signature; the mutex is held. Returns its id. */
static uint32_t Append(uint32_t params, uint32_t results, const wasm_rt_type_t* types) {
  if (g_count == g_capacity) {
    g_capacity = g_capacity == 0 ? 16 : g_capacity * 2;
    g_types = CheckedAlloc(g_types, g_capacity * sizeof(FuncType));
  }
  size_t bytes = ((size_t)params + results) * sizeof(wasm_rt_type_t);
  wasm_rt_type_t* copy = CheckedAlloc(NULL, bytes);
  if (bytes != 0) memcpy(copy, types, bytes);
  g_types[g_count] = (FuncType){params, results, copy};
  return ++g_count;
}

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  size_t n = (size_t)params + results;
  wasm_rt_type_t* types = CheckedAlloc(NULL, n * sizeof(wasm_rt_type_t));
  va_list args;
  va_start(args, results);
  for (size_t i = 0; i < n; ++i) types[i] = (wasm_rt_type_t)va_arg(args, int);
  va_end(args);

  pthread_mutex_lock(&g_mutex);
  uint32_t id = 0;
  for (uint32_t i = 0; i < g_count && id == 0; ++i) {
    if (Matches(&g_types[i], params, results, types)) id = i + 1;
  }
  if (id == 0) id = Append(params, results, types);
  pthread_mutex_unlock(&g_mutex);
  free(types);
  return id;
}
