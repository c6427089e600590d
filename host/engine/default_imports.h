// default_imports.h — fills the host imports a caller left unset.
#pragma once

#include "warden/engine.h"

namespace warden::host {

// Returns `imports` with every empty member replaced by the conservative default: email
// overrides answer kUnknown, bot verification answers kUnverifiable, log lines are dropped.
// Members the caller set are kept as they are.
AnalyzerImports WithDefaultImports(AnalyzerImports imports);

}  // namespace warden::host
