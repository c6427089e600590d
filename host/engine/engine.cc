// engine.cc — Engine::Create and the engine-kind names; dispatches to the backends.
#include "warden/engine.h"

#include <utility>

#include "engine/backends.h"
#include "engine/default_imports.h"

namespace warden {

Result<EngineKind> ParseEngineKind(std::string_view name) {
  if (name == "wasm2c") return EngineKind::kWasm2c;
  if (name == "native") return EngineKind::kNative;
  return InvalidArgumentError("unknown engine \"" + std::string(name) +
                              "\" (expected \"wasm2c\" or \"native\")");
}

std::string_view EngineKindName(EngineKind kind) {
  switch (kind) {
    case EngineKind::kWasm2c:
      return "wasm2c";
    case EngineKind::kNative:
      return "native";
  }
  return "unknown";
}

Result<std::unique_ptr<Engine>> Engine::Create(EngineOptions options) {
  options.imports = host::WithDefaultImports(std::move(options.imports));
  switch (options.kind) {
    case EngineKind::kWasm2c:
#if WARDEN_HAVE_WASM2C_ENGINE
      return host::CreateWasm2cEngine(std::move(options));
#else
      return UnavailableError("the wasm2c engine is not part of this build");
#endif
    case EngineKind::kNative:
#if WARDEN_HAVE_NATIVE_ENGINE
      return host::CreateNativeEngine(std::move(options));
#else
      return UnavailableError("the native engine is not part of this build");
#endif
  }
  return InvalidArgumentError("unknown engine kind");
}

}  // namespace warden
