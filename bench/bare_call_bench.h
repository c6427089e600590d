// Benchmarks of the bare host↔guest call: a scalar echo through the wasm2c host glue against
// the same echo as a plain native function call.
#pragma once

#include <cstdint>

namespace warden::bench {

// Registers BM_BareCall_{U32,Bool}/native always, and the /wasm2c variants when the benchmark
// is built with witgen's round-trip module (WARDEN_BENCH_HAVE_ROUNDTRIP).
void RegisterBareCallBenchmarks();

// The native reference: echo functions defined in their own translation unit and marked
// noinline, so each call is a real call the optimiser cannot fold away (no LTO in this build).
uint32_t NativeEchoU32(uint32_t value);
bool NativeEchoBool(bool value);

}  // namespace warden::bench
