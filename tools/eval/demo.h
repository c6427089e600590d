// `warden demo`: the main job until the decision server exists.
//
// Analyses a built-in set of sample requests and email addresses with default rules through
// an engine (wasm2c by default) and prints readable results. Needs no input and no outside
// part (no host overrides are bound).
#pragma once

#include <ostream>

#include "warden/engine.h"

namespace warden::eval {

// Runs the demo, writing to `out`. Returns the process exit status: 0 when every analysis
// ran, 1 when the engine could not be created or a call failed (the reason is printed).
int RunDemo(std::ostream& out, EngineKind kind = EngineKind::kWasm2c);

}  // namespace warden::eval
