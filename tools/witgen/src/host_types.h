// Per-type helpers of the wasm2c host glue (see emit_host_types.cc).
#pragma once

#include <string>

#include "resolver.h"

namespace witgen {

// C++ functions Load_/Store_/Lift_/Lower_<key> over a witgen::host::Ctx (`wh`) for every type
// the world's functions carry, dependencies first; meant for an anonymous namespace.
std::string EmitHostTypeHelpers(const Model& m);

}  // namespace witgen
