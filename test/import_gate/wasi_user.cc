// A guest that uses stdio, so its .wasm imports WASI's fd_write: the import gate must reject it.
#include <cstdio>

extern "C" __attribute__((export_name("hello"))) int hello() { return std::printf("hello\n"); }
