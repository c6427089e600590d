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
// (SkipWithError). The case file, the shared engines and the registration are
// bench/common/engine_bench_main.h's.
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

// The typical mix (kept in step with TYPICAL_CASES in bench/email/lib/timing.mjs), then IDN
// cases that only the built-in list has: a U-label domain with an ASCII local part, the same
// domain as an A-label, a UTF-8 local part with an ASCII domain, and a non-Latin domain (whose
// code points take the table lookups that Latin-1 skips).
std::vector<NamedCase> BuiltInCases() {
  return {
      {"simple", "alice@example.com"},
      {"dotted", "first.middle.last@example.org"},
      {"plus_tag", "user+newsletter@gmail.com"},
      {"subdomain", "ops-team@eu-west-1.mail.corp.example.co.uk"},
      {"quoted", "\"john doe\"@example.com"},
      {"idn", "jörg@bücher.example"},  // UTF-8 source text
      {"idn_u_label", "info@bücher.example"},
      {"idn_a_label", "info@xn--bcher-kva.example"},
      {"idn_utf8_local", "jörg@example.com"},
      {"idn_cyrillic", "почта@пример.рф"},
  };
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

// email->text is the address.
void BM_EmailSyntax(benchmark::State& state, EngineKind kind, const NamedCase* email) {
  const wit::EmailConfig config = SyntaxOnlyConfig();
  const auto validate = [&](auto& engine) { return engine.ValidateEmail(email->text, config); };
  bool valid = false;
  const auto note_validity = [&](const wit::EmailResult& result) {
    valid = result.validity == wit::EmailValidity::kValid;
  };
  if (!TimeEngineCalls(state, kind, "address", validate, note_validity)) return;
  state.counters["valid"] = valid ? 1 : 0;
  state.counters["bytes"] = static_cast<double>(email->text.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cases_path = warden::bench::TakePathFlag("cases", &argc, argv);
  static std::vector<NamedCase> cases;
  if (cases_path.empty()) {
    cases = BuiltInCases();
  } else if (!warden::bench::ReadCases(cases_path, &cases) || cases.empty()) {
    std::fprintf(stderr, "email_bench: cannot read cases from %s\n", cases_path.c_str());
    return 2;
  }
  return warden::bench::RunCaseBenchmarks("BM_EmailSyntax", BM_EmailSyntax, cases, argc, argv);
}
