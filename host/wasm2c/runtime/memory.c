/* memory.c — linear memories and tables for wasm2c guests, with explicit limits.
 *
 * Memories are plain heap blocks (no guard-page reservation: generated code checks every
 * access against `size`), grown with realloc and zero-filled. Growth honours max_pages, which
 * the embedder may lower with warden_rt_memory_cap(); a refused growth is memory.grow's -1,
 * never a trap, so the guest's allocator fails and the guest decides what to do.
 */
#include "warden_rt.h"

/* Defined in warden_rt.c with the other per-thread state. */
void warden_rt_internal_note_memory_exhausted(void);

#define WASM_PAGE_SIZE 65536u
/* `size` is a uint32_t; 65536 pages (4 GiB) would overflow it. */
#define MAX_PAGES 65535u

static void MakeEmpty(wasm_rt_memory_t* memory) {
  memory->data = NULL;
  memory->pages = 0;
  memory->max_pages = 0;
  memory->size = 0;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages,
                             uint32_t max_pages) {
  MakeEmpty(memory);
  if (initial_pages > MAX_PAGES || initial_pages > max_pages) return;
  size_t bytes = (size_t)initial_pages * WASM_PAGE_SIZE;
  /* At least one byte, so that data == NULL means "allocation failed". */
  uint8_t* data = calloc(bytes == 0 ? 1 : bytes, 1);
  if (data == NULL) return;
  memory->data = data;
  memory->pages = initial_pages;
  memory->max_pages = max_pages > MAX_PAGES ? MAX_PAGES : max_pages;
  memory->size = (uint32_t)bytes;
}

static uint32_t Refuse(void) {
  warden_rt_internal_note_memory_exhausted();
  return UINT32_MAX;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t delta) {
  uint32_t old_pages = memory->pages;
  if (memory->data == NULL) return Refuse();
  if (delta == 0) return old_pages;
  uint64_t new_pages = (uint64_t)old_pages + delta;
  if (new_pages > memory->max_pages || new_pages > MAX_PAGES) return Refuse();
  size_t old_bytes = (size_t)old_pages * WASM_PAGE_SIZE;
  size_t new_bytes = (size_t)new_pages * WASM_PAGE_SIZE;
  uint8_t* data = realloc(memory->data, new_bytes);
  if (data == NULL) return Refuse();
  memset(data + old_bytes, 0, new_bytes - old_bytes);
  memory->data = data;
  memory->pages = (uint32_t)new_pages;
  memory->size = (uint32_t)new_bytes;
  return old_pages;
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  free(memory->data);
  MakeEmpty(memory);
}

bool warden_rt_memory_cap(wasm_rt_memory_t* memory, uint32_t max_pages) {
  if (memory->data == NULL || memory->pages > max_pages) return false;
  if (max_pages < memory->max_pages) memory->max_pages = max_pages;
  return true;
}

/* Tables: the same shape for both element types. */
#define WARDEN_DEFINE_TABLE(kind)                                                           \
  void wasm_rt_allocate_##kind##_table(wasm_rt_##kind##_table_t* table, uint32_t elements, \
                                       uint32_t max_elements) {                            \
    table->data = calloc(elements == 0 ? 1 : elements, sizeof(wasm_rt_##kind##_t));        \
    table->size = table->data == NULL ? 0 : elements;                                      \
    table->max_size = max_elements;                                                        \
  }                                                                                        \
  void wasm_rt_free_##kind##_table(wasm_rt_##kind##_table_t* table) {                      \
    free(table->data);                                                                     \
    table->data = NULL;                                                                    \
    table->size = 0;                                                                       \
  }                                                                                        \
  uint32_t wasm_rt_grow_##kind##_table(wasm_rt_##kind##_table_t* table, uint32_t delta,    \
                                       wasm_rt_##kind##_t init) {                          \
    uint32_t old_size = table->size;                                                       \
    uint64_t new_size = (uint64_t)old_size + delta;                                        \
    if (delta == 0) return old_size;                                                       \
    if (table->data == NULL || new_size > table->max_size) return UINT32_MAX;              \
    wasm_rt_##kind##_t* data = realloc(table->data, new_size * sizeof(wasm_rt_##kind##_t)); \
    if (data == NULL) return UINT32_MAX;                                                   \
    for (uint64_t i = old_size; i < new_size; ++i) data[i] = init;                         \
    table->data = data;                                                                    \
    table->size = (uint32_t)new_size;                                                      \
    return old_size;                                                                       \
  }

WARDEN_DEFINE_TABLE(funcref)
WARDEN_DEFINE_TABLE(externref)
