// The `warden eval` loop: JSON lines in, JSON lines out, through a warden::Engine.
//
// docs/eval.md is the contract. A bad line, an analysis error or an engine failure (a trap)
// each produce one error line; nothing stops the loop but the end of input.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "eval_json.h"
#include "warden/engine.h"

namespace warden::eval {

// Answers one non-blank input line with one output line (without '\n'). Thread-safe if
// `engine` is (every warden::Engine is). A line's "overrides" are bound to the calling thread
// for its call (ScopedOverrides); they reach the module only if `engine` was created with
// OverrideImports() (the `warden` CLI does that).
std::string EvalLine(Engine& engine, Function function, std::string_view line);

// Reads `in` to its end, splitting on '\n', skips blank lines (IsBlankLine), writes one output
// line per other line to `out` and flushes after each. Returns the number of lines answered.
uint64_t RunEval(Engine& engine, Function function, std::istream& in, std::ostream& out);

}  // namespace warden::eval
