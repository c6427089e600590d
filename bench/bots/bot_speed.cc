// bot_speed: the C++ side of the bot-detection speed benchmark (bench/bots/speed.mjs,
// docs/bot-benchmarks.md). Times one `DetectBot` call per iteration through the wasm2c engine
// (sandboxed) and the native engine (the core linked directly) for each User-Agent of a case
// file, so the C++ figures are measured on exactly the UAs the Node side times.
//
//   bot_speed --uas=<file> [Google Benchmark flags]
//
// The case file has one case per line, `<name>\t<user agent>`; speed.mjs writes it. Each
// benchmark is named BM_BotUA/<name>/<engine>. The request carries only the User-Agent header
// and the config is `allow: []` (every detected bot is denied), as in the accuracy benchmark.
// Without --uas the binary exits 2 with a usage line. A case that the engine cannot run, or
// whose analysis returns an error, is reported as a benchmark error (SkipWithError).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warden/engine.h"

namespace {

using warden::Engine;
using warden::EngineKind;
using warden::EngineOptions;
namespace wit = warden::wit;

struct UaCase {
  std::string name;
  std::string user_agent;
};

// Reads `<name>\t<ua>` lines. Lines without a tab and blank lines are skipped.
bool ReadCases(const std::string& path, std::vector<UaCase>* cases) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    cases->push_back(UaCase{line.substr(0, tab), line.substr(tab + 1)});
  }
  return true;
}

// Engines are created once per kind and shared by every benchmark of that kind.
Engine* SharedEngine(EngineKind kind, std::string* error) {
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

void BM_BotUA(benchmark::State& state, EngineKind kind, const UaCase* ua_case) {
  std::string error;
  Engine* engine = SharedEngine(kind, &error);
  if (engine == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  wit::Request request;
  request.headers.emplace_back("User-Agent", ua_case->user_agent);
  const wit::BotConfig config{wit::BotConfig::Allow{{}}};
  auto first = engine->DetectBot(request, config);
  if (!first.ok()) {
    error = "call failed: " + first.status().ToString();
    state.SkipWithError(error.c_str());
    return;
  }
  if (!first.value().ok()) {
    state.SkipWithError("analysis returned an error for this user agent");
    return;
  }
  for (auto _ : state) {
    auto result = engine->DetectBot(request, config);
    benchmark::DoNotOptimize(result);
  }
  state.counters["ua_bytes"] = static_cast<double>(ua_case->user_agent.size());
}

// Removes `--uas=<path>` (or `--uas <path>`) from argv; returns the path or "".
std::string TakeUasFlag(int* argc, char** argv) {
  std::string path;
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--uas=")) {
      path = std::string(arg.substr(6));
    } else if (arg == "--uas" && i + 1 < *argc) {
      path = argv[++i];
    } else {
      argv[out++] = argv[i];
    }
  }
  *argc = out;
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string uas_path = TakeUasFlag(&argc, argv);
  if (uas_path.empty()) {
    std::fprintf(stderr, "usage: bot_speed --uas=<file of name\\tua lines> [benchmark flags]\n");
    return 2;
  }
  static std::vector<UaCase> cases;
  if (!ReadCases(uas_path, &cases) || cases.empty()) {
    std::fprintf(stderr, "bot_speed: cannot read cases from %s\n", uas_path.c_str());
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  constexpr EngineKind kKinds[] = {EngineKind::kWasm2c, EngineKind::kNative};
  for (const UaCase& ua_case : cases) {
    for (EngineKind kind : kKinds) {
      const std::string name =
          "BM_BotUA/" + ua_case.name + "/" + std::string(warden::EngineKindName(kind));
      benchmark::RegisterBenchmark(name.c_str(), BM_BotUA, kind, &ua_case);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
