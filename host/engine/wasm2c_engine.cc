// wasm2c_engine.cc — the sandboxed backend: the analyzer module translated to C by wasm2c,
// run on pooled instances through witgen's host glue (analyzer_host.h).
//
// Trap policy (docs/engines.md): a call whose Result is not OK (kTrap, kGuestAbiViolation, ...)
// discards its instance; a trap that follows a refused memory growth (max_memory_pages) is
// reported as kResourceExhausted (the runtime flags refused memory growth per thread). Other
// calls and threads are unaffected.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer_host.h"
#include "engine/backends.h"
#include "engine/instance_pool.h"
#include "warden_rt.h"

namespace warden::host {
namespace {

using Instance = ::warden::analyze::analyzer::wasm2c::Instance;

// The largest memory the runtime supports (its byte size must fit in 32 bits).
constexpr uint32_t kMaxPages = 65535;

class Wasm2cEngine final : public Engine {
 public:
  explicit Wasm2cEngine(EngineOptions options)
      : imports_(std::move(options.imports)),
        max_pages_(options.max_memory_pages),
        pool_([this] { return Instance::Create(&imports_, max_pages_); }, options.pool_size),
        policy_{[] { return warden_rt_memory_exhausted(); }, max_pages_,
                [this] { traps_.fetch_add(1, std::memory_order_relaxed); }} {}

  // Makes the first instance, so a module that cannot start fails Engine::Create.
  Status Start() { return pool_.Prime(1); }

  Result<witgen::Expected<std::string, wit::AnalysisError>> GenerateFingerprint(
      const wit::Request& request, const std::vector<std::string>& characteristics) override {
    return Call([&](Instance& i) { return i.GenerateFingerprint(request, characteristics); });
  }
  Result<witgen::Expected<wit::BotResult, wit::AnalysisError>> DetectBot(
      const wit::Request& request, const wit::BotConfig& config) override {
    return Call([&](Instance& i) { return i.DetectBot(request, config); });
  }
  Result<witgen::Expected<wit::EmailResult, wit::AnalysisError>> ValidateEmail(
      const std::string& candidate, const wit::EmailConfig& config) override {
    return Call([&](Instance& i) { return i.ValidateEmail(candidate, config); });
  }

  EngineKind kind() const override { return EngineKind::kWasm2c; }
  EngineStats stats() const override {
    EngineStats s;
    s.calls = pool_.calls();
    s.traps = traps_.load(std::memory_order_relaxed);
    s.instances_created = pool_.created();
    return s;
  }

 private:
  // Runs `f` on a pooled instance under the trap policy (the pool counts the call).
  template <class F>
  auto Call(F&& f) -> decltype(f(std::declval<Instance&>())) {
    // No warden_rt_clear_memory_exhausted() here: every generated export clears the flag
    // right before entering the guest, which is what the policy's check relies on.
    return CallPooled(pool_, policy_, std::forward<F>(f));
  }

  // Declared before pool_: instances point at imports_ and must be destroyed first.
  const AnalyzerImports imports_;
  const uint32_t max_pages_;
  InstancePool<Instance> pool_;
  const CallPolicy policy_;
  std::atomic<uint64_t> traps_{0};
};

}  // namespace

Result<std::unique_ptr<Engine>> CreateWasm2cEngine(EngineOptions options) {
  if (options.max_memory_pages == 0 || options.max_memory_pages > kMaxPages) {
    return InvalidArgumentError("max_memory_pages must be in [1, " + std::to_string(kMaxPages) +
                                "], got " + std::to_string(options.max_memory_pages));
  }
  if (options.pool_size == 0) return InvalidArgumentError("pool_size must be at least 1");
  auto engine = std::make_unique<Wasm2cEngine>(std::move(options));
  WARDEN_RETURN_IF_ERROR(engine->Start());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace warden::host
