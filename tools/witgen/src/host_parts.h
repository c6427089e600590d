// Pieces of the wasm2c host glue shared by emit_host.cc and emit_host_source.cc.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "emit_common.h"
#include "emitters.h"

namespace witgen::host_parts {

// "Result<T> Qual::Method(params)" (`warden::Status` for exports without a result).
std::string MethodDecl(const Package& pkg, const FuncRef& f, const std::string& qual);
// Import module names in the order wasm2c's instantiate takes their instances (sorted).
std::vector<std::string> ImportModules(const Model& m);
// "Z_<mangled module>_instance_t".
std::string ImportStruct(const std::string& module);
// Call_<id>/Invoke_<id>: one call of export `f` (lower, call, lift, cabi_post) in one guest entry.
void EmitExport(std::ostringstream& o, const Model& m, const EmitOptions& opt, const FuncRef& f);
// Instance::<Method>: lower, call, lift, post-return.
void EmitMethod(std::ostringstream& o, const Model& m, const FuncRef& f);
// Thunk_<id> and the extern "C" import function wasm2c calls. Leaves the anonymous
// namespace open as it found it.
void EmitThunk(std::ostringstream& o, const FuncRef& f);

}  // namespace witgen::host_parts
