// Bare host↔guest call overhead (see bare_call_bench.h).
//
// The wasm2c side calls the round-trip test module's scalar echo exports through the generated
// host glue: lower the argument, warden_rt_invoke (per-thread trap state), the translated
// function, lift and check the result, cabi_post. The native side calls an equivalent
// out-of-line function. The difference is the fixed cost every export call pays before any
// analysis runs.
//
// Two more tiers split that cost (u32 only): `wasm2c_raw` calls the translated export directly
// on a module instance of its own (no glue, no trap recovery: safe only because echo-u32
// neither traps nor calls an import), and `wasm2c_invoke` does the same inside
// warden_rt_invoke. So: raw − native = the translated code, invoke − raw = trap recovery,
// wasm2c − invoke = the generated host glue.
#include "bare_call_bench.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>

#ifdef WARDEN_BENCH_HAVE_ROUNDTRIP
#include "roundtrip.h"  // the wasm2c translation, for the raw tiers
#include "roundtrip_host.h"
#include "warden_rt.h"
#endif

namespace warden::bench {
namespace {

void BM_BareCall_U32_Native(benchmark::State& state) {
  uint32_t value = 1;
  for (auto _ : state) {
    uint32_t echoed = NativeEchoU32(value);
    benchmark::DoNotOptimize(echoed);
    ++value;
  }
}

void BM_BareCall_Bool_Native(benchmark::State& state) {
  bool value = true;
  for (auto _ : state) {
    bool echoed = NativeEchoBool(value);
    benchmark::DoNotOptimize(echoed);
    value = !value;
  }
}

#ifdef WARDEN_BENCH_HAVE_ROUNDTRIP
namespace rt = ::witgen::roundtrip::roundtrip;

// The round-trip world's imports, left unbound: the echo exports call none of them.
const rt::Imports& RoundtripImports() {
  static const auto* imports = new rt::Imports();
  return *imports;
}

// Creates an instance or reports why not. Returns null on failure.
std::unique_ptr<rt::wasm2c::Instance> CreateInstance(benchmark::State& state) {
  auto instance = rt::wasm2c::Instance::Create(&RoundtripImports(), /*max_memory_pages=*/16);
  if (!instance.ok()) {
    std::string error = "round-trip instance: " + instance.status().ToString();
    state.SkipWithError(error.c_str());
    return nullptr;
  }
  return std::move(instance).value();
}

void BM_BareCall_U32_Wasm2c(benchmark::State& state) {
  auto instance = CreateInstance(state);
  if (instance == nullptr) return;
  uint32_t value = 1;
  if (auto first = instance->EchoU32(value); !first.ok() || first.value() != value) {
    state.SkipWithError("echo-u32 did not echo");
    return;
  }
  for (auto _ : state) {
    auto echoed = instance->EchoU32(value);
    benchmark::DoNotOptimize(echoed);
    ++value;
  }
}

void BM_BareCall_Bool_Wasm2c(benchmark::State& state) {
  auto instance = CreateInstance(state);
  if (instance == nullptr) return;
  bool value = true;
  if (auto first = instance->EchoBool(value); !first.ok() || first.value() != value) {
    state.SkipWithError("echo-bool did not echo");
    return;
  }
  for (auto _ : state) {
    auto echoed = instance->EchoBool(value);
    benchmark::DoNotOptimize(echoed);
    value = !value;
  }
}
// A bare module instance for the raw tiers: no host glue, imports left unbound (null), which
// is safe only for exports that call none. Needs the runtime and module initialised, which
// creating a glue Instance first does.
class RawModule {
 public:
  RawModule() { Z_roundtrip_instantiate(&module_, nullptr, nullptr); }
  ~RawModule() { Z_roundtrip_free(&module_); }
  RawModule(const RawModule&) = delete;
  RawModule& operator=(const RawModule&) = delete;
  Z_roundtrip_instance_t* get() { return &module_; }

 private:
  Z_roundtrip_instance_t module_;
};

struct EchoCall {
  Z_roundtrip_instance_t* module;
  uint32_t value;
  uint32_t result;
};

void InvokeEchoU32(void* ctx) {
  auto* call = static_cast<EchoCall*>(ctx);
  call->result = Z_roundtripZ_echoZ2Du32(call->module, call->value);
}

void InvokeInitialize(void* ctx) {
  Z_roundtripZ__initialize(static_cast<Z_roundtrip_instance_t*>(ctx));
}

// Runs the raw tier; `invoke` selects whether each call goes through warden_rt_invoke.
void RunRawEchoU32(benchmark::State& state, bool invoke) {
  if (CreateInstance(state) == nullptr) return;  // initialises runtime and module once
  RawModule raw;
  if (warden_rt_invoke(&InvokeInitialize, raw.get()) != WASM_RT_TRAP_NONE) {
    state.SkipWithError("_initialize trapped");
    return;
  }
  EchoCall call{raw.get(), 1, 0};
  for (auto _ : state) {
    if (invoke) {
      benchmark::DoNotOptimize(warden_rt_invoke(&InvokeEchoU32, &call));
    } else {
      call.result = Z_roundtripZ_echoZ2Du32(call.module, call.value);
    }
    benchmark::DoNotOptimize(call.result);
    ++call.value;
  }
  if (call.result != call.value - 1) state.SkipWithError("echo-u32 did not echo");
}

void BM_BareCall_U32_Wasm2cRaw(benchmark::State& state) { RunRawEchoU32(state, false); }
void BM_BareCall_U32_Wasm2cInvoke(benchmark::State& state) { RunRawEchoU32(state, true); }
#endif  // WARDEN_BENCH_HAVE_ROUNDTRIP

}  // namespace

void RegisterBareCallBenchmarks() {
  benchmark::RegisterBenchmark("BM_BareCall_U32/native", BM_BareCall_U32_Native);
  benchmark::RegisterBenchmark("BM_BareCall_Bool/native", BM_BareCall_Bool_Native);
#ifdef WARDEN_BENCH_HAVE_ROUNDTRIP
  benchmark::RegisterBenchmark("BM_BareCall_U32/wasm2c_raw", BM_BareCall_U32_Wasm2cRaw);
  benchmark::RegisterBenchmark("BM_BareCall_U32/wasm2c_invoke", BM_BareCall_U32_Wasm2cInvoke);
  benchmark::RegisterBenchmark("BM_BareCall_U32/wasm2c", BM_BareCall_U32_Wasm2c);
  benchmark::RegisterBenchmark("BM_BareCall_Bool/wasm2c", BM_BareCall_Bool_Wasm2c);
#endif
}

}  // namespace warden::bench
