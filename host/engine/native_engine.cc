// native_engine.cc — the unsandboxed reference backend: the core's export functions called
// directly, with the host imports bound to the calling thread for the call's duration. The
// exports take borrowed views of their parameters and return views (docs/witgen.md); their
// generated owned overloads make the views with witgen::ViewOf (arrays in a stack ViewArena)
// and copy the result into owned values with witgen::ToOwned.
//
// It decides exactly as the wasm2c engine does (the conformance suite checks this) and is the
// yardstick for the sandbox's cost. There is no guest memory, so nothing traps and nothing is
// pooled; the core keeps no state between calls, so calls run concurrently.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer_guest.h"
#include "engine/backends.h"

namespace warden::host {
namespace {

namespace analyzer = ::warden::analyze::analyzer;

class NativeEngine final : public Engine {
 public:
  explicit NativeEngine(AnalyzerImports imports) : imports_(std::move(imports)) {}

  Result<witgen::Expected<std::string, wit::AnalysisError>> GenerateFingerprint(
      const wit::Request& request, const std::vector<std::string>& characteristics) override {
    analyzer::native::ScopedImports bind(Begin());
    return analyzer::exports::GenerateFingerprint(request, characteristics);
  }
  Result<witgen::Expected<wit::BotResult, wit::AnalysisError>> DetectBot(
      const wit::Request& request, const wit::BotConfig& config) override {
    analyzer::native::ScopedImports bind(Begin());
    return analyzer::exports::DetectBot(request, config);
  }
  Result<witgen::Expected<wit::EmailResult, wit::AnalysisError>> ValidateEmail(
      const std::string& candidate, const wit::EmailConfig& config) override {
    analyzer::native::ScopedImports bind(Begin());
    return analyzer::exports::ValidateEmail(candidate, config);
  }

  EngineKind kind() const override { return EngineKind::kNative; }
  EngineStats stats() const override {
    EngineStats s;
    s.calls = calls_.load(std::memory_order_relaxed);
    return s;
  }

 private:
  // Counts the call and returns the imports to bind for it.
  const AnalyzerImports* Begin() {
    calls_.fetch_add(1, std::memory_order_relaxed);
    return &imports_;
  }

  const AnalyzerImports imports_;
  std::atomic<uint64_t> calls_{0};
};

}  // namespace

Result<std::unique_ptr<Engine>> CreateNativeEngine(EngineOptions options) {
  return std::unique_ptr<Engine>(std::make_unique<NativeEngine>(std::move(options.imports)));
}

}  // namespace warden::host
