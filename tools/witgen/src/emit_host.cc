// Emits the wasm2c host glue: <world>_host.h (class wasm2c::Instance) and <world>_host.cc
// (instantiation, typed export calls, import thunks).
#include <algorithm>
#include <map>
#include <sstream>

#include "emit_common.h"
#include "emitters.h"
#include "host_parts.h"
#include "names.h"

namespace witgen {
namespace host_parts {

std::string ResultType(const Package& pkg, const Func& f) {
  return f.result ? "warden::Result<" + CppType(pkg, *f.result) + ">" : "warden::Status";
}

std::string MethodDecl(const Package& pkg, const FuncRef& f, const std::string& qual) {
  std::string s = ResultType(pkg, *f.func) + " " + qual + f.host_method + "(";
  for (size_t i = 0; i < f.func->params.size(); ++i) {
    const Param& p = f.func->params[i];
    s += (i ? ", " : "") + CppParam(pkg, *p.type) + " " + Snake(p.name);
  }
  return s + ")";
}

// Import modules in the order wasm2c passes their instances to `instantiate` (sorted).
std::vector<std::string> ImportModules(const Model& m) {
  std::vector<std::string> mods;
  for (const FuncRef& f : ImportFuncs(m)) {
    if (std::find(mods.begin(), mods.end(), f.module) == mods.end()) mods.push_back(f.module);
  }
  std::sort(mods.begin(), mods.end());
  return mods;
}

std::string ImportStruct(const std::string& module) {
  return "Z_" + Wasm2cMangle(module) + "_instance_t";
}

std::string CoreArgs(const std::vector<FlatType>& types, const std::string& cells) {
  std::string s;
  for (size_t i = 0; i < types.size(); ++i) {
    s += ", ::witgen::CellAs<" + std::string(FlatCType(types[i])) + ">(" + cells + "[" +
         std::to_string(i) + "])";
  }
  return s;
}

// The statement that lowers parameter `i` for an export call (in `Invoke_<id>`).
std::string LowerParam(const std::vector<const Type*>& pt, size_t i, bool indirect,
                       const std::string& at) {
  std::string key = TypeKey(*pt[i]);
  return std::string("  if (!") + (indirect ? "Store_" : "Lower_") + key + "(Cx, *k->p" +
         std::to_string(i) + ", " + at + ")) return;\n";
}

// The export's call record and `Invoke_<id>`, which runs the whole call in one guest entry
// (one warden_rt_invoke): lowering, the export, lifting its result into `res`, and
// cabi_post_<export>. `stage` says how far it got (0 lowering, 1 the export, 2 cabi_post,
// 3 done), so a trap is attributed to the right step.
// All out-of-line argument data (strings, list arrays, the parameter area) goes into one block
// that one cabi_realloc call allocates (Ctx::Reserve; its size, `extra`, is computed by
// Extra_<key> before the call); a lowering failure returns early at stage 0 with the failure
// in the Ctx. A trap's longjmp skips no destructor: Invoke_<id>, the Store/Lower helpers and
// the guest code hold none, and lifting (which builds C++ objects) has finished — its result
// stored in the caller's `res` — before cabi_post runs; lifting itself never traps.
void EmitExport(std::ostringstream& o, const Model& m, const EmitOptions& opt, const FuncRef& f) {
  const Func& fn = *f.func;
  Sig sig = SigOf(fn);
  std::vector<const Type*> pt = ParamTypes(fn);
  std::string mod = opt.module, inst = "static_cast<Z_" + mod + "_instance_t*>(k->call.instance)";
  std::vector<FlatType> cp = sig.CoreParams(false), cr = sig.CoreResults(false);
  std::string fname = "Z_" + mod + "Z_" + Wasm2cMangle(f.wasm_name);
  std::string pname = "Z_" + mod + "Z_" + Wasm2cMangle("cabi_post_" + f.wasm_name);
  o << "struct Call_" << f.id << " {\n  wh::Call call;\n  wh::Ctx* cx;\n";
  for (size_t i = 0; i < pt.size(); ++i) {
    o << "  const " << CppType(*m.pkg, *pt[i]) << "* p" << i << ";\n";
  }
  o << "  uint64_t args[" << std::max<size_t>(1, cp.size())
    << "];\n  uint64_t extra;  // bytes of out-of-line argument data\n  int stage;\n";
  if (fn.result) o << "  std::optional<" << CppType(*m.pkg, *fn.result) << "> res;\n";
  o << "};\n";
  o << "void Invoke_" << f.id << "(void* arg) {\n  auto* k = static_cast<Call_" << f.id
    << "*>(arg);\n  [[maybe_unused]] wh::Ctx& Cx = *k->cx;\n"
    << "  [[maybe_unused]] uint64_t* Args = k->args;\n"
    << "  if (!Cx.Reserve(k->extra)) return;\n";
  if (sig.params_indirect) {
    Layout area = RecordLayoutOf(pt);
    std::vector<uint32_t> offs = FieldOffsets(pt);
    o << "  uint32_t Area = 0;\n  if (!Cx.Alloc(" << area.size << ", " << area.align
      << ", &Area)) return;\n";
    for (size_t i = 0; i < pt.size(); ++i) {
      o << LowerParam(pt, i, true, "Area + " + std::to_string(offs[i]));
    }
    o << "  Args[0] = Area;\n";
  } else {
    std::vector<size_t> flat = FlatOffsets(pt);
    for (size_t i = 0; i < pt.size(); ++i) {
      o << LowerParam(pt, i, false, "Args + " + std::to_string(flat[i]));
    }
  }
  o << "  k->stage = 1;\n  "
    << (cr.empty() ? "" : "k->call.result = ::witgen::ToCell(") << fname << "(" << inst
    << CoreArgs(cp, "Args") << (cr.empty() ? "" : ")") << ");\n";
  if (fn.result) {
    std::string rk = TypeKey(*fn.result);
    if (sig.results_indirect) {
      Layout l = LayoutOf(*fn.result);
      o << "  uint32_t Rp = static_cast<uint32_t>(k->call.result);\n"
        << "  if (Cx.Check(Rp, " << l.size << ", " << l.align << ", \"return area\")) {\n"
        << "    // k->res is empty (nothing to destroy): the result is built in its place.\n"
        << "    new (&k->res) decltype(k->res)(Load_" << rk << "(Cx, Rp));\n"
        << "    if (Cx.failed()) [[unlikely]] k->res.reset();  // a member lifted by value failed\n"
        << "  }\n";
    } else {
      o << "  // k->res is empty (nothing to destroy): the result is built in its place.\n"
        << "  new (&k->res) decltype(k->res)(Lift_" << rk << "(Cx, &k->call.result));\n"
        << "  if (Cx.failed()) [[unlikely]] k->res.reset();  // a member lifted by value failed\n";
    }
  }
  o << "  k->stage = 2;\n  " << pname << "(" << inst;
  if (!cr.empty()) o << ", ::witgen::CellAs<" << FlatCType(cr[0]) << ">(k->call.result)";
  o << ");\n  k->stage = 3;\n}\n\n";
}

void EmitMethod(std::ostringstream& o, const Model& m, const FuncRef& f) {
  const Package& pkg = *m.pkg;
  const Func& fn = *f.func;
  Sig sig = SigOf(fn);
  std::vector<const Type*> pt = ParamTypes(fn);
  std::string extra = sig.params_indirect
                          ? "wh::Round8(" + std::to_string(RecordLayoutOf(pt).size) + ")"
                          : "0";
  for (size_t i = 0; i < pt.size(); ++i) {
    if (HasViewForm(*pt[i])) {
      extra += " + Extra_" + TypeKey(*pt[i]) + "(" + Snake(fn.params[i].name) + ")";
    }
  }
  o << MethodDecl(pkg, f, "Instance::") << " {\n"
    << "  State* St = state_.get();\n"
    << "  if (St->poisoned) return warden::InternalError(\"instance unusable after a failed "
       "call\");\n"
    << "  St->poisoned = true;  // until this call succeeds\n"
    << "  wh::Ctx Cx = MakeDirectCtx(St);\n"
    << "  Call_" << f.id << " K{{&St->module, nullptr, 0}, &Cx";
  for (size_t i = 0; i < pt.size(); ++i) o << ", &" << Snake(fn.params[i].name);
  o << ", {}, " << extra << ", 0" << (fn.result ? ", {}" : "") << "};\n"
    << "  K.call.args = K.args;\n"
    << "  St->import_error.clear();\n"
    << "  warden_rt_clear_memory_exhausted();\n"
    << "  wasm_rt_trap_t Trap = warden_rt_invoke(&Invoke_" << f.id << ", &K);\n"
    << "  if (Trap != WASM_RT_TRAP_NONE && K.stage < 2) {\n"
    << "    if (K.stage == 0) return TrapStatus(St, Trap, \"cabi_realloc for " << f.label
    << "\");\n    return TrapStatus(St, Trap, \"" << f.label << "\");\n  }\n"
    << "  if (K.stage == 0) return Cx.ToStatus();\n";
  if (fn.result) {
    o << "  if (!K.res) return warden::GuestAbiError(\"" << f.label << ": \" + Cx.error());\n";
  }
  o << "  if (Trap != WASM_RT_TRAP_NONE) return TrapStatus(St, Trap, \"cabi_post " << f.label
    << "\");\n  St->poisoned = false;\n";
  if (fn.result) {
    o << "  return " << ResultType(pkg, fn) << "(std::in_place, std::move(*K.res));\n}\n\n";
  } else {
    o << "  return warden::Status::Ok();\n}\n\n";
  }
}

void EmitThunkBody(std::ostringstream& o, const FuncRef& f) {
  const Func& fn = *f.func;
  Sig sig = SigOf(fn);
  std::vector<const Type*> pt = ParamTypes(fn);
  std::vector<FlatType> cp = sig.CoreParams(true);
  o << "// Import " << f.label
    << ": lifts the guest's arguments, calls the bound function and\n"
       "// lowers its result. Returns the trap to raise (after its locals are gone).\n"
    << "wasm_rt_trap_t Thunk_" << f.id << "(State* St, uint64_t* cells) {\n"
    << "  const auto& Fn = St->imports->" << f.member << ";\n"
    << "  if (!Fn) {\n    St->import_error = \"import " << f.label << " not bound\";\n"
    << "    return WASM_RT_TRAP_UNREACHABLE;\n  }\n  wh::Ctx Cx = MakeCtx(St);\n";
  std::string args;
  if (sig.params_indirect) {
    Layout area = RecordLayoutOf(pt);
    std::vector<uint32_t> offs = FieldOffsets(pt);
    o << "  uint32_t Area = static_cast<uint32_t>(cells[0]);\n"
      << "  if (!Cx.Check(Area, " << area.size << ", " << area.align
      << ", \"parameter area\")) return ThunkFailure(St, Cx, \"" << f.label << "\");\n";
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  auto P" << i << " = Load_" << TypeKey(*pt[i]) << "(Cx, Area + " << offs[i] << ");\n"
        << "  if (!P" << i << " || Cx.failed()) return ThunkFailure(St, Cx, \"" << f.label
        << "\");\n";
    }
  } else {
    std::vector<size_t> flat = FlatOffsets(pt);
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  auto P" << i << " = Lift_" << TypeKey(*pt[i]) << "(Cx, cells + " << flat[i] << ");\n"
        << "  if (!P" << i << " || Cx.failed()) return ThunkFailure(St, Cx, \"" << f.label
        << "\");\n";
    }
  }
  for (size_t i = 0; i < pt.size(); ++i)
    args += (i ? ", " : "") + std::string("*P") + std::to_string(i);
  if (!fn.result) {
    o << "  Fn(" << args << ");\n  return WASM_RT_TRAP_NONE;\n}\n";
  } else {
    std::string rk = TypeKey(*fn.result);
    o << "  auto Res = Fn(" << args << ");\n";
    if (sig.results_indirect) {
      Layout l = LayoutOf(*fn.result);
      o << "  uint32_t Rp = static_cast<uint32_t>(cells[" << cp.size() - 1 << "]);\n"
        << "  if (!Cx.Check(Rp, " << l.size << ", " << l.align << ", \"return area\") ||\n"
        << "      !Store_" << rk << "(Cx, Res, Rp)) {\n";
    } else {
      o << "  if (!Lower_" << rk << "(Cx, Res, cells)) {\n";
    }
    o << "    return ThunkFailure(St, Cx, \"" << f.label << "\");\n  }\n"
      << "  return WASM_RT_TRAP_NONE;\n}\n";
  }
}

void EmitThunkEntry(std::ostringstream& o, const FuncRef& f) {
  Sig sig = SigOf(*f.func);
  std::vector<FlatType> cp = sig.CoreParams(true), cr = sig.CoreResults(true);
  // The extern "C" function wasm2c calls.
  std::string name = "Z_" + Wasm2cMangle(f.module) + "Z_" + Wasm2cMangle(f.wasm_name);
  o << "}  // namespace\n\nextern \"C\" " << (cr.empty() ? "void" : FlatCType(cr[0])) << " " << name
    << "(struct " << ImportStruct(f.module) << "* self";
  for (size_t i = 0; i < cp.size(); ++i) o << ", " << FlatCType(cp[i]) << " a" << i;
  o << ") {\n  uint64_t cells[" << std::max<size_t>(1, cp.size()) << "] = {";
  for (size_t i = 0; i < cp.size(); ++i) o << (i ? ", " : "") << "::witgen::ToCell(a" << i << ")";
  o << "};\n  wasm_rt_trap_t trap = Thunk_" << f.id << "(self->state, cells);\n"
    << "  if (trap != WASM_RT_TRAP_NONE) wasm_rt_trap(trap);\n";
  if (!cr.empty()) o << "  return ::witgen::CellAs<" << FlatCType(cr[0]) << ">(cells[0]);\n";
  o << "}\n\nnamespace {\n\n";
}

void EmitThunk(std::ostringstream& o, const FuncRef& f) {
  EmitThunkBody(o, f);
  EmitThunkEntry(o, f);
}

}  // namespace host_parts

using host_parts::MethodDecl;

std::string EmitHostHeader(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  const Package& pkg = *m.pkg;
  std::string ns = OwnerNs(pkg, m.world->name).substr(2) + "::wasm2c";
  o << Banner("wasm2c host API of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#pragma once\n\n#include <cstdint>\n#include <memory>\n\n#include \""
    << TypesInclude(m, opt) << "\"\n#include \"warden/result.h\"\n#include \"warden/status.h\"\n\n";
  o << "namespace " << ns << " {\n\nnamespace internal {\nstruct InstanceState;\n}\n\n"
    << "// One instance of the wasm2c module `" << opt.module
    << "`. Not thread-safe: one thread\n"
       "// at a time uses an Instance; different Instances run concurrently.\n"
       "class Instance {\n public:\n"
       "  // Instantiates the module. `imports` must outlive the instance. Guest memory may grow\n"
       "  // to at most `max_memory_pages` 64 KiB pages (kResourceExhausted if it starts larger).\n"
       "  // Calls the module's `_initialize`; kTrap if it traps.\n"
       "  static warden::Result<std::unique_ptr<Instance>> Create(const Imports* imports,\n"
       "                                                          uint32_t max_memory_pages);\n"
       "  ~Instance();\n  Instance(const Instance&) = delete;\n"
       "  Instance& operator=(const Instance&) = delete;\n\n"
       "  // Each export: kTrap when the guest traps (an unbound import traps too),\n"
       "  // kGuestAbiViolation when a returned value fails a check. After either the instance\n"
       "  // is unusable (later calls return kInternal). cabi_post_<export> runs after lifting.\n";
  for (const FuncRef& f : ExportFuncs(m)) {
    o << DocComment(f.func->doc, "  ") << "  " << MethodDecl(pkg, f, "") << ";\n";
  }
  o << "\n  // Current guest memory size in bytes.\n  uint64_t MemoryBytes() const;\n\n"
       " private:\n  explicit Instance(std::unique_ptr<internal::InstanceState> state);\n"
       "  std::unique_ptr<internal::InstanceState> state_;\n};\n\n}  // namespace "
    << ns << "\n";
  return o.str();
}

}  // namespace witgen
