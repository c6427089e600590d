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
// whose analysis returns an error, is reported as a benchmark error (SkipWithError). The case
// file, the shared engines and the registration are bench/common/engine_bench_main.h's.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench/common/engine_bench_main.h"
#include "warden/engine.h"

namespace {

using warden::EngineKind;
using warden::bench::NamedCase;
using warden::bench::TimeEngineCalls;
namespace wit = warden::wit;

// ua_case->text is the User-Agent.
void BM_BotUA(benchmark::State& state, EngineKind kind, const NamedCase* ua_case) {
  wit::Request request;
  request.headers.emplace_back("User-Agent", ua_case->text);
  const wit::BotConfig config{wit::BotConfig::Allow{{}}};
  const auto detect = [&](auto& engine) { return engine.DetectBot(request, config); };
  if (!TimeEngineCalls(state, kind, "user agent", detect, [](const wit::BotResult&) {})) return;
  state.counters["ua_bytes"] = static_cast<double>(ua_case->text.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string uas_path = warden::bench::TakePathFlag("uas", &argc, argv);
  if (uas_path.empty()) {
    std::fprintf(stderr, "usage: bot_speed --uas=<file of name\\tua lines> [benchmark flags]\n");
    return 2;
  }
  static std::vector<NamedCase> cases;
  if (!warden::bench::ReadCases(uas_path, &cases) || cases.empty()) {
    std::fprintf(stderr, "bot_speed: cannot read cases from %s\n", uas_path.c_str());
    return 2;
  }
  return warden::bench::RunCaseBenchmarks("BM_BotUA", BM_BotUA, cases, argc, argv);
}
