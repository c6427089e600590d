// engine_bench_main.h: the scaffolding shared by the Google Benchmark binaries that call an
// engine (bench/engine_bench.cc, bench/bot_bench.cc, bench/bots/bot_speed.cc,
// bench/email/email_bench.cc): the `<name>\t<text>` case file they
// read, the flag naming it, the engines shared by every benchmark of a kind, the checked
// timing loop of one engine call, and the registration of one benchmark per case and engine
// kind.
//
// Header-only (inline functions in namespace warden::bench).
#ifndef WARDEN_BENCH_COMMON_ENGINE_BENCH_MAIN_H_
#define WARDEN_BENCH_COMMON_ENGINE_BENCH_MAIN_H_

#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warden/engine.h"

namespace warden::bench {

// One benchmark case: its name (a benchmark-name component) and the text it analyses.
struct NamedCase {
  std::string name;
  std::string text;
};

// Appends the `<name>\t<text>` lines of the file at `path` to *cases (a trailing '\r' is
// dropped; lines without a tab, or with an empty name, are skipped). Returns false when the
// file cannot be opened.
inline bool ReadCases(const std::string& path, std::vector<NamedCase>* cases) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    cases->push_back(NamedCase{line.substr(0, tab), line.substr(tab + 1)});
  }
  return true;
}

// The engine of `kind`, created on first use and shared by every later caller. Returns null
// and sets *error ("engine: <status>") when it cannot be created.
inline Engine* SharedEngine(EngineKind kind, std::string* error) {
  static std::unique_ptr<Engine> engines[2];
  std::unique_ptr<Engine>& slot = engines[kind == EngineKind::kWasm2c ? 0 : 1];
  if (slot == nullptr) {
    EngineOptions options;
    options.kind = kind;
    auto created = Engine::Create(std::move(options));
    if (!created.ok()) {
      *error = "engine: " + created.status().ToString();
      return nullptr;
    }
    slot = std::move(created).value();
  }
  return slot.get();
}

// Times `call(engine)` per iteration of `state` on the shared engine of `kind`. The first call
// is made untimed and must succeed: its Result ok and the analysis it holds ok(), which is then
// handed to on_first(analysis) before the timed loop. Returns false, after marking the
// benchmark SkipWithError, when the engine cannot be created ("engine: ..."), the first call
// fails ("call failed: ...") or its analysis is an error ("analysis returned an error for this
// <subject>").
template <typename Call, typename OnFirst>
bool TimeEngineCalls(benchmark::State& state, EngineKind kind, std::string_view subject,
                     Call call, OnFirst on_first) {
  std::string error;
  Engine* engine = SharedEngine(kind, &error);
  if (engine == nullptr) {
    state.SkipWithError(error.c_str());
    return false;
  }
  auto first = call(*engine);
  if (!first.ok()) {
    error = "call failed: " + first.status().ToString();
    state.SkipWithError(error.c_str());
    return false;
  }
  if (!first.value().ok()) {
    error = "analysis returned an error for this " + std::string(subject);
    state.SkipWithError(error.c_str());
    return false;
  }
  on_first(first.value().value());
  for (auto _ : state) {
    auto result = call(*engine);
    benchmark::DoNotOptimize(result);
  }
  return true;
}

// Removes `--<flag>=<path>` (or `--<flag> <path>`) from argv, `flag` without the dashes;
// returns the path, or "" when the flag is absent.
inline std::string TakePathFlag(std::string_view flag, int* argc, char** argv) {
  const std::string bare = "--" + std::string(flag);
  const std::string with_value = bare + "=";
  std::string path;
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with(with_value)) {
      path = std::string(arg.substr(with_value.size()));
    } else if (arg == bare && i + 1 < *argc) {
      path = argv[++i];
    } else {
      argv[out++] = argv[i];
    }
  }
  *argc = out;
  return path;
}

// The signature of a per-case benchmark: it times `kind`'s engine on `one_case`.
using CaseBenchmark = void (*)(benchmark::State& state, EngineKind kind,
                               const NamedCase* one_case);

// Initialises Google Benchmark with argv, registers `<prefix>/<case name>/<engine>` for every
// case and both engine kinds (wasm2c first), and runs them. `cases` must outlive the call.
// Returns the exit status: 2 on an unrecognised argument, else 0.
inline int RunCaseBenchmarks(std::string_view prefix, CaseBenchmark fn,
                             const std::vector<NamedCase>& cases, int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  constexpr EngineKind kKinds[] = {EngineKind::kWasm2c, EngineKind::kNative};
  for (const NamedCase& one_case : cases) {
    for (EngineKind kind : kKinds) {
      const std::string name =
          std::string(prefix) + "/" + one_case.name + "/" + std::string(EngineKindName(kind));
      benchmark::RegisterBenchmark(name.c_str(), fn, kind, &one_case);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace warden::bench

#endif  // WARDEN_BENCH_COMMON_ENGINE_BENCH_MAIN_H_
