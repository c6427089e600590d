// email_bench: the C++ side of the email speed benchmark (bench/email/speed.mjs,
// docs/email-benchmarks.md). Times one `ValidateEmail` call per iteration through the wasm2c
// engine (sandboxed) and the native engine (the core linked directly), syntax only: the rule
// is `deny: []`, so no host import is asked and the figure is the address check alone.
//
//   email_bench [--cases=<file>] [Google Benchmark flags]
//
// The case file has one case per line, `<name>\t<address>` (speed.mjs writes it, so the C++
// figures are measured on exactly the addresses the Node side times). Without --cases the
// built-in typical mix below is used (the same mix speed.mjs writes). Each benchmark is named
// BM_EmailSyntax/<name>/<engine>; its `valid` counter is 1 when the address was judged valid.
// An engine that cannot be created, or an analysis error, is reported as a benchmark error
// (SkipWithError).
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

struct EmailCase {
  std::string name;
  std::string address;
};

// The typical mix (kept in step with TYPICAL_CASES in bench/email/lib/cases.mjs).
std::vector<EmailCase> BuiltInCases() {
  return {
      {"simple", "alice@example.com"},
      {"dotted", "first.middle.last@example.org"},
      {"plus_tag", "user+newsletter@gmail.com"},
      {"subdomain", "ops-team@eu-west-1.mail.corp.example.co.uk"},
      {"quoted", "\"john doe\"@example.com"},
      {"idn", "jörg@bücher.example"},  // UTF-8 source text
  };
}

// Reads `<name>\t<address>` lines. Lines without a tab and blank lines are skipped.
bool ReadCases(const std::string& path, std::vector<EmailCase>* cases) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) continue;
    cases->push_back(EmailCase{line.substr(0, tab), line.substr(tab + 1)});
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

// Syntax only: the default options (a top-level domain required, no domain literals) and an
// empty deny list, so only INVALID (always enforced) can block.
wit::EmailConfig SyntaxOnlyConfig() {
  wit::EmailConfig config;
  config.require_top_level_domain = true;
  config.allow_domain_literal = false;
  config.rule = wit::EmailRule{wit::EmailRule::Deny{{}}};
  return config;
}

void BM_EmailSyntax(benchmark::State& state, EngineKind kind, const EmailCase* email) {
  std::string error;
  Engine* engine = SharedEngine(kind, &error);
  if (engine == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  const wit::EmailConfig config = SyntaxOnlyConfig();
  auto first = engine->ValidateEmail(email->address, config);
  if (!first.ok()) {
    error = "call failed: " + first.status().ToString();
    state.SkipWithError(error.c_str());
    return;
  }
  if (!first.value().ok()) {
    state.SkipWithError("analysis returned an error for this address");
    return;
  }
  const bool valid = first.value().value().validity == wit::EmailValidity::kValid;
  for (auto _ : state) {
    auto result = engine->ValidateEmail(email->address, config);
    benchmark::DoNotOptimize(result);
  }
  state.counters["valid"] = valid ? 1 : 0;
  state.counters["bytes"] = static_cast<double>(email->address.size());
}

// Removes `--cases=<path>` (or `--cases <path>`) from argv; returns the path or "".
std::string TakeCasesFlag(int* argc, char** argv) {
  std::string path;
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--cases=")) {
      path = std::string(arg.substr(8));
    } else if (arg == "--cases" && i + 1 < *argc) {
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
  const std::string cases_path = TakeCasesFlag(&argc, argv);
  static std::vector<EmailCase> cases;
  if (cases_path.empty()) {
    cases = BuiltInCases();
  } else if (!ReadCases(cases_path, &cases) || cases.empty()) {
    std::fprintf(stderr, "email_bench: cannot read cases from %s\n", cases_path.c_str());
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  constexpr EngineKind kKinds[] = {EngineKind::kWasm2c, EngineKind::kNative};
  for (const EmailCase& email : cases) {
    for (EngineKind kind : kKinds) {
      const std::string name =
          "BM_EmailSyntax/" + email.name + "/" + std::string(warden::EngineKindName(kind));
      benchmark::RegisterBenchmark(name.c_str(), BM_EmailSyntax, kind, &email);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
