// backends.h — constructors of the Engine backends, for Engine::Create (internal).
#pragma once

#include <memory>

#include "warden/engine.h"

namespace warden::host {

// Both take options whose imports are already completed by WithDefaultImports().
// The wasm2c engine: pooled wasm2c instances of the analyzer module (wasm2c_engine.cc).
Result<std::unique_ptr<Engine>> CreateWasm2cEngine(EngineOptions options);
// The native engine: the core's exports called directly (native_engine.cc).
Result<std::unique_ptr<Engine>> CreateNativeEngine(EngineOptions options);

}  // namespace warden::host
