// Benchmarks of the analysis module's exports through warden::Engine, on every backend.
//
// Each case runs the same call through the `native` engine (the core linked directly, the
// yardstick) and the `wasm2c` engine (the sandboxed module), so bench/run.mjs can print the
// sandbox's cost as a ratio measured in one run. Names are BM_<Unit>_<Case>/<backend>:
//
//   BM_Fingerprint_{Minimal,Typical,Large}/{native,wasm2c}
//   BM_DetectBot_Curl/{native,wasm2c}
//   BM_DetectBot_Curl24H/{native,wasm2c}  the same request with 21 more headers: the difference
//                                         to BM_DetectBot_Curl / 21 is the cost of one header
//   BM_ValidateEmail_Plain/{native,wasm2c}
//   BM_BareCall_{U32,Bool}/{native,wasm2c}, BM_BareCall_U32/{wasm2c_raw,wasm2c_invoke}
//                                                       (bare_call_bench.cc)
//
// A backend that cannot be created is reported as a skipped benchmark with its Status, never a
// crash, so a partial build still benchmarks what it has.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bare_call_bench.h"
#include "bench/common/engine_bench_main.h"
#include "fixtures.h"
#include "warden/engine.h"

namespace warden::bench {
namespace {

// Times `call(engine)` on the shared engine of `kind`; the untimed first call must succeed
// (bench/common/engine_bench_main.h), so a broken backend shows up as an error, not a fast number.
template <class Call>
void RunEngineCall(benchmark::State& state, EngineKind kind, Call call) {
  TimeEngineCalls(state, kind, "benchmark's input", call, [](const auto&) {});
}

void BM_Fingerprint(benchmark::State& state, EngineKind kind, RequestSize size) {
  const wit::Request request = MakeRequest(size);
  const std::vector<std::string> characteristics = FingerprintCharacteristics();
  RunEngineCall(state, kind, [&](Engine& engine) {
    return engine.GenerateFingerprint(request, characteristics);
  });
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * RequestBytes(request)));
  state.counters["request_bytes"] = static_cast<double>(RequestBytes(request));
}

void BM_DetectBot_Curl(benchmark::State& state, EngineKind kind) {
  const wit::Request request = MakeCurlRequest();
  const wit::BotConfig config = DenyCurlConfig();
  RunEngineCall(state, kind, [&](Engine& engine) { return engine.DetectBot(request, config); });
}

// The curl request plus 21 browser-like headers (24 in all), User-Agent still the second.
void BM_DetectBot_Curl24H(benchmark::State& state, EngineKind kind) {
  wit::Request request = MakeCurlRequest();
  for (int i = 0; i < 21; ++i) {
    request.headers.emplace_back("X-Bench-Header-" + std::to_string(i),
                                 "value-" + std::to_string(i));
  }
  const wit::BotConfig config = DenyCurlConfig();
  RunEngineCall(state, kind, [&](Engine& engine) { return engine.DetectBot(request, config); });
}

void BM_ValidateEmail_Plain(benchmark::State& state, EngineKind kind) {
  const std::string candidate = kEmailCandidate;
  const wit::EmailConfig config = PlainEmailConfig();
  RunEngineCall(state, kind,
                [&](Engine& engine) { return engine.ValidateEmail(candidate, config); });
}

void RegisterEngineBenchmarks() {
  constexpr EngineKind kKinds[] = {EngineKind::kNative, EngineKind::kWasm2c};
  constexpr RequestSize kSizes[] = {RequestSize::kMinimal, RequestSize::kTypical,
                                    RequestSize::kLarge};
  for (RequestSize size : kSizes) {
    for (EngineKind kind : kKinds) {
      std::string name = std::string("BM_Fingerprint_") + RequestSizeName(size) + "/" +
                         std::string(EngineKindName(kind));
      benchmark::RegisterBenchmark(name.c_str(), BM_Fingerprint, kind, size);
    }
  }
  for (EngineKind kind : kKinds) {
    std::string name = "BM_DetectBot_Curl/" + std::string(EngineKindName(kind));
    benchmark::RegisterBenchmark(name.c_str(), BM_DetectBot_Curl, kind);
  }
  for (EngineKind kind : kKinds) {
    std::string name = "BM_DetectBot_Curl24H/" + std::string(EngineKindName(kind));
    benchmark::RegisterBenchmark(name.c_str(), BM_DetectBot_Curl24H, kind);
  }
  for (EngineKind kind : kKinds) {
    std::string name = "BM_ValidateEmail_Plain/" + std::string(EngineKindName(kind));
    benchmark::RegisterBenchmark(name.c_str(), BM_ValidateEmail_Plain, kind);
  }
}

}  // namespace
}  // namespace warden::bench

int main(int argc, char** argv) {
  warden::bench::RegisterEngineBenchmarks();
  warden::bench::RegisterBareCallBenchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
