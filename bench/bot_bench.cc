// Benchmarks of bot detection (docs/bot-detection.md, "Targets"). Names are
// BM_Bot_<Case>/<backend>:
//
//   BM_Bot_Classify_{Chrome,Googlebot,Curl,Long8K,Long64K}/core   the matcher alone (ClassifyIds)
//   BM_Bot_Detect_{Chrome,Googlebot,Curl,Long8K}/{native,wasm2c}  the detect-bot export through
//                                                                 warden::Engine
//
// "Long8K" is a browser user agent padded to 8 KiB with browser-like tokens, "Long64K" the same
// to 64 KiB. Run with --benchmark_repetitions=N to get medians. No timing is asserted.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <utility>

#include "bench/common/engine_bench_main.h"
#include "core/bot/matcher.h"
#include "warden/engine.h"

namespace warden::bench {
namespace {

constexpr const char* kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36";
constexpr const char* kGooglebot =
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html) Chrome/124.0.6367.201 Safari/537.36";
constexpr const char* kCurl = "curl/8.5.0";

std::string Padded(size_t size) {
  std::string ua = kChrome;
  const char* tokens[] = {" Mobile/15E148", " Version/17.4", " (KHTML, like Gecko)",
                          " Edg/124.0.2478.51", " OPR/109.0.0.0", " rv:125.0"};
  for (size_t i = 0; ua.size() < size; ++i) ua += tokens[i % 6];
  ua.resize(size);
  return ua;
}

std::string UserAgent(const std::string& name) {
  if (name == "Chrome") return kChrome;
  if (name == "Googlebot") return kGooglebot;
  if (name == "Curl") return kCurl;
  if (name == "Long8K") return Padded(8 * 1024);
  return Padded(64 * 1024);
}

void BM_Bot_Classify(benchmark::State& state, std::string ua) {
  const core::bot::Tables& tables = core::bot::BotTables();
  for (auto _ : state) {
    core::bot::Classification c = core::bot::ClassifyIds(tables, ua);
    benchmark::DoNotOptimize(c);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * ua.size()));
}

void BM_Bot_Detect(benchmark::State& state, EngineKind kind, std::string ua) {
  wit::Request request;
  request.ip = "203.0.113.7";
  request.method = "GET";
  request.protocol = "https";
  request.host = "example.com";
  request.path = "/";
  request.headers.emplace_back("Host", "example.com");
  request.headers.emplace_back("User-Agent", ua);
  request.headers.emplace_back("Accept", "*/*");
  const wit::BotConfig config{wit::BotConfig::Deny{{"CATEGORY:AI", "CURL"}}};
  TimeEngineCalls(state, kind, "user agent",
                  [&](Engine& engine) { return engine.DetectBot(request, config); },
                  [](const wit::BotResult&) {});
}

int Register() {
  for (const char* name : {"Chrome", "Googlebot", "Curl", "Long8K", "Long64K"}) {
    benchmark::RegisterBenchmark((std::string("BM_Bot_Classify_") + name + "/core").c_str(),
                                 BM_Bot_Classify, UserAgent(name));
  }
  for (const char* name : {"Chrome", "Googlebot", "Curl", "Long8K"}) {
    for (EngineKind kind : {EngineKind::kNative, EngineKind::kWasm2c}) {
      const std::string bench = std::string("BM_Bot_Detect_") + name + "/" +
                                std::string(EngineKindName(kind));
      benchmark::RegisterBenchmark(bench.c_str(), BM_Bot_Detect, kind, UserAgent(name));
    }
  }
  return 0;
}

const int registered = Register();

}  // namespace
}  // namespace warden::bench

BENCHMARK_MAIN();
