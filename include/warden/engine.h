// warden::Engine — runs the analysis module's exports.
//
// One interface, several backends: `wasm2c` (the .wasm translated to C and linked in,
// memory-sandboxed, the default) and `native` (the core linked directly, unsandboxed — the
// reference for differential tests). Every backend decides identically.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "warden/analyze/analyzer_types.h"
#include "warden/result.h"

namespace warden {

namespace wit = ::warden::analyze::types;
using AnalyzerImports = ::warden::analyze::analyzer::Imports;

enum class EngineKind { kWasm2c, kNative };

// Parses "wasm2c" / "native".
Result<EngineKind> ParseEngineKind(std::string_view name);
std::string_view EngineKindName(EngineKind kind);

struct EngineOptions {
  EngineKind kind = EngineKind::kWasm2c;
  // Upper bound of one instance's guest memory, in 64 KiB pages (wasm2c only), in [1, 65535].
  // 256 = 16 MiB. A call that needs more fails with kResourceExhausted; a cap below the
  // module's initial memory makes Create fail.
  uint32_t max_memory_pages = 256;
  // Instances kept for reuse; more are created on demand under concurrency and the surplus
  // dropped when returned (wasm2c only).
  uint32_t pool_size = 4;
  // Host imports the module may call. Unset members answer `unknown` / `unverifiable` and drop
  // log lines. Copied into the engine. They run on the calling thread, possibly on several
  // threads at once, so they must be thread-safe; they must not throw (an exception cannot
  // unwind through guest code).
  AnalyzerImports imports;
};

// Counters for tests and metrics.
struct EngineStats {
  uint64_t calls = 0;
  // Failed calls whose instance was discarded: guest traps (including running out of guest
  // memory), guest ABI violations, any other failure. Always 0 for the native engine.
  uint64_t traps = 0;
  uint64_t instances_created = 0;  // including replacements after traps
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Creates an engine. Fails when the backend is unavailable or the first instance cannot be
  // created. The engine is thread-safe: any number of threads may call it at once.
  static Result<std::unique_ptr<Engine>> Create(EngineOptions options);

  // Each call runs on clean guest state. Result::status() is not OK when the call could not
  // be made: kTrap (the guest trapped), kGuestAbiViolation (the guest returned a value that
  // fails a check), kResourceExhausted (the guest ran out of its max_memory_pages); the
  // instance is then discarded and replaced, other calls are unaffected (docs/engines.md).
  // An analysis that ran but could not conclude is the Expected's error side.
  virtual Result<witgen::Expected<std::string, wit::AnalysisError>> GenerateFingerprint(
      const wit::Request& request, const std::vector<std::string>& characteristics) = 0;
  virtual Result<witgen::Expected<wit::BotResult, wit::AnalysisError>> DetectBot(
      const wit::Request& request, const wit::BotConfig& config) = 0;
  virtual Result<witgen::Expected<wit::EmailResult, wit::AnalysisError>> ValidateEmail(
      const std::string& candidate, const wit::EmailConfig& config) = 0;

  virtual EngineKind kind() const = 0;
  virtual EngineStats stats() const = 0;
};

}  // namespace warden
