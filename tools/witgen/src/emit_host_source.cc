// Emits <world>_host.cc: the wasm2c host glue (instance state, import-instance structs,
// per-type helpers, export calls, import thunks and class Instance).
#include <sstream>

#include "emit_common.h"
#include "emitters.h"
#include "host_parts.h"
#include "host_types.h"
#include "names.h"

namespace witgen {
namespace {

using namespace host_parts;  // NOLINT: the per-function pieces of this file's output

// The weak `_initialize`, the import-instance structs and the per-instance state.
void EmitState(std::ostringstream& o, const Model& m, const EmitOptions& opt) {
  std::string ns = OwnerNs(*m.pkg, m.world->name).substr(2) + "::wasm2c";
  std::string mod = opt.module, inst_t = "Z_" + mod + "_instance_t";
  std::vector<std::string> mods = ImportModules(m);
  o << "// Absent when the module has no `_initialize` export.\nextern \"C\" void Z_" << mod
    << "Z__initialize(" << inst_t << "*) __attribute__((weak));\n\n";
  o << "namespace " << ns << "::internal {\nstruct InstanceState;\n}\n\n";
  for (const std::string& mo : mods) {
    o << "// The import instance wasm2c passes to the thunks of `" << mo << "`.\nstruct "
      << ImportStruct(mo) << " {\n  ::" << ns << "::internal::InstanceState* state;\n};\n";
  }
  o << "\nnamespace " << ns << "::internal {\n\nstruct InstanceState {\n  " << inst_t
    << " module{};\n  bool live = false;  // instantiated: module must be freed\n"
    << "  bool poisoned = false;\n"
       "  const Imports* imports = nullptr;\n  std::string import_error;  // why an import "
       "trapped\n";
  for (size_t i = 0; i < mods.size(); ++i) {
    o << "  " << ImportStruct(mods[i]) << " import" << i << "{this};\n";
  }
  o << "  ~InstanceState() {\n    if (live) Z_" << mod << "_free(&module);\n  }\n";
  o << "};\n\n}  // namespace " << ns << "::internal\n\n";
}

// Helpers shared by the export calls and the thunks, in an anonymous namespace.
void EmitStatics(std::ostringstream& o, const Model& m, const EmitOptions& opt) {
  std::string ns = OwnerNs(*m.pkg, m.world->name).substr(2) + "::wasm2c";
  std::string mod = opt.module, inst_t = "Z_" + mod + "_instance_t";
  o << "namespace {\n\n"
    << "using State = ::" << ns << "::internal::InstanceState;\nnamespace wh = ::witgen::host;\n\n"
    << "struct AllocCall {\n  " << inst_t << "* module;\n  uint32_t align, size, out;\n};\n"
    << "void DoAlloc(void* arg) {\n  auto* a = static_cast<AllocCall*>(arg);\n  a->out = Z_" << mod
    << "Z_cabi_realloc(a->module, 0, 0, a->align, a->size);\n}\n"
    << "[[maybe_unused]] wasm_rt_trap_t AllocIn(void* self, uint32_t align, uint32_t size,\n"
       "                                       uint32_t* out) {\n"
       "  AllocCall a{&static_cast<State*>(self)->module, align, size, 0};\n"
       "  wasm_rt_trap_t trap = warden_rt_invoke(&DoAlloc, &a);\n  *out = a.out;\n  return "
       "trap;\n}\n"
    << "[[maybe_unused]] wh::Ctx MakeCtx(State* st) {\n  return wh::Ctx(Z_" << mod
    << "Z_memory(&st->module), &AllocIn, st);\n}\n"
    << "// Only inside warden_rt_invoke: a trap in cabi_realloc lands in the caller's invoke.\n"
       "wasm_rt_trap_t AllocDirect(void* self, uint32_t align, uint32_t size, uint32_t* out) {\n"
       "  *out = Z_" << mod << "Z_cabi_realloc(&static_cast<State*>(self)->module, 0, 0, align, "
       "size);\n  return WASM_RT_TRAP_NONE;\n}\n"
    << "[[maybe_unused]] wh::Ctx MakeDirectCtx(State* st) {\n  return wh::Ctx(Z_" << mod
    << "Z_memory(&st->module), &AllocDirect, st);\n}\n"
    << "warden::Status TrapStatus(State* st, wasm_rt_trap_t trap, const char* what) {\n"
       "  std::string why = st->import_error.empty() ? wh::TrapName(trap) : st->import_error;\n"
       "  if (warden_rt_memory_exhausted()) why += \" (guest memory exhausted)\";\n"
       "  return warden::TrapError(std::string(what) + \": \" + why);\n}\n"
    << "[[maybe_unused]] wasm_rt_trap_t ThunkFailure(State* st, const wh::Ctx& c, const char* "
       "what) {\n"
       "  st->import_error = std::string(\"import \") + what + \": \" + c.error();\n"
       "  return c.trap() != WASM_RT_TRAP_NONE ? c.trap() : WASM_RT_TRAP_OOB;\n}\n"
    << "void DoInitialize(void* arg) {\n  Z_" << mod << "Z__initialize(static_cast<" << inst_t
    << "*>(arg));\n}\n\n";
}

// Instance's constructor, destructor, Create and MemoryBytes.
void EmitInstance(std::ostringstream& o, const Model& m, const EmitOptions& opt) {
  const std::string& mod = opt.module;
  std::vector<std::string> mods = ImportModules(m);
  o << "Instance::Instance(std::unique_ptr<internal::InstanceState> state)\n"
       "    : state_(std::move(state)) {}\n\n"
    << "Instance::~Instance() = default;\n\n"
    << "warden::Result<std::unique_ptr<Instance>> Instance::Create(const Imports* imports,\n"
       "                                                           uint32_t max_memory_pages) {\n"
       "  static std::once_flag once;  // process-wide runtime and module initialisation\n"
       "  std::call_once(once, [] {\n    if (!wasm_rt_is_initialized()) wasm_rt_init();\n    Z_"
    << mod
    << "_init_module();\n  });\n"
       "  auto st = std::make_unique<State>();\n  st->imports = imports;\n"
       "  Z_"
    << mod << "_instantiate(&st->module";
  for (size_t i = 0; i < mods.size(); ++i) o << ", &st->import" << i;
  o << ");\n  st->live = true;\n"
       "  wasm_rt_memory_t* mem = Z_"
    << mod
    << "Z_memory(&st->module);\n"
       "  if (!warden_rt_memory_cap(mem, max_memory_pages)) {\n"
       "    return warden::ResourceExhaustedError(\"guest memory starts above the cap\");\n  }\n"
       "  if (Z_"
    << mod
    << "Z__initialize != nullptr) {\n"
       "    wasm_rt_trap_t trap = warden_rt_invoke(&DoInitialize, &st->module);\n"
       "    if (trap != WASM_RT_TRAP_NONE) return TrapStatus(st.get(), trap, \"_initialize\");\n  "
       "}\n"
       "  return std::unique_ptr<Instance>(new Instance(std::move(st)));\n}\n\n"
    << "uint64_t Instance::MemoryBytes() const {\n  return Z_" << mod
    << "Z_memory(&state_->module)->size;\n}\n\n";
}

}  // namespace

std::string EmitHostSource(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  std::string ns = OwnerNs(*m.pkg, m.world->name).substr(2) + "::wasm2c";
  std::string mod = opt.module;
  o << Banner("wasm2c host glue of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#include \"" << opt.world_snake
    << "_host.h\"\n\n#include <memory>\n#include <mutex>\n#include <new>\n#include <optional>\n"
       "#include <string>\n#include <utility>\n\n#include \"warden_rt.h\"\n"
       "#include \"witgen/wasm2c_support.h\"\n"
       "// The wasm2c header of the module (its file name is the build's choice).\n"
       "#if defined(WITGEN_WASM2C_HEADER)\n#include WITGEN_WASM2C_HEADER\n#else\n#include \""
    << mod << ".h\"\n#endif\n\n";
  EmitState(o, m, opt);
  EmitStatics(o, m, opt);
  o << EmitHostTypeHelpers(m);
  for (const FuncRef& f : ExportFuncs(m)) EmitExport(o, m, opt, f);
  for (const FuncRef& f : ImportFuncs(m)) EmitThunk(o, f);
  o << "}  // namespace\n\nnamespace " << ns << " {\n\n";
  EmitInstance(o, m, opt);
  for (const FuncRef& f : ExportFuncs(m)) EmitMethod(o, m, f);
  o << "}  // namespace " << ns << "\n";
  return o.str();
}

}  // namespace witgen
