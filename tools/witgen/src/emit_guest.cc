// Emits the guest glue: <world>_guest.h (what the guest implements and may call) and
// <world>_guest.cc (wasm exports, cabi_realloc, cabi_post_*, raw imports, typed wrappers).
#include <sstream>

#include "emit_common.h"
#include "emitters.h"
#include "guest_types.h"
#include "names.h"

namespace witgen {
namespace {

std::string Params(const Package& pkg, const Func& f) {
  std::string s;
  for (size_t i = 0; i < f.params.size(); ++i) {
    s += (i ? ", " : "") + CppParam(pkg, *f.params[i].type) + " " + Snake(f.params[i].name);
  }
  return s;
}

// Export parameters are borrowed views (valid for the call), import parameters owned values.
std::string ViewParams(const Package& pkg, const Func& f) {
  std::string s;
  for (size_t i = 0; i < f.params.size(); ++i) {
    s += (i ? ", " : "") + CppViewParam(pkg, *f.params[i].type) + " " + Snake(f.params[i].name);
  }
  return s;
}

// True when the export returns its result in view form (and takes a result arena).
bool ViewResult(const Func& f) { return f.result && HasViewForm(*f.result); }

// Export results that have a view form are returned as views, whose arrays (and any bytes
// that are not static) the export places in `result_arena`; the glue keeps the arena until
// cabi_post_<export>.
std::string Decl(const Package& pkg, const FuncRef& f) {
  if (!f.is_export) {
    return CppResult(pkg, f.func->result.get()) + " " + f.cpp_name + "(" + Params(pkg, *f.func) +
           ")";
  }
  std::string params = ViewParams(pkg, *f.func);
  if (!ViewResult(*f.func)) {
    return CppResult(pkg, f.func->result.get()) + " " + f.cpp_name + "(" + params + ")";
  }
  return CppViewType(pkg, *f.func->result) + " " + f.cpp_name + "(" + params +
         (params.empty() ? "" : ", ") + "::witgen::ViewArena& result_arena)";
}

// For native callers: each export that has view parameters or a view result again, taking
// owned values and returning an owned result (a template only so that a call that fits both,
// e.g. with a string literal, picks the view one).
void EmitOwnedOverloads(std::ostringstream& o, const Package& pkg,
                        const std::vector<FuncRef>& funcs) {
  for (const FuncRef& f : funcs) {
    const Func& fn = *f.func;
    bool views = ViewResult(fn);
    for (const Param& p : fn.params) views = views || HasViewForm(*p.type);
    if (!views) continue;
    o << "namespace " << f.cpp_ns << " {\n// " << f.cpp_name
      << " with owned parameters (converted with ::witgen::ViewOf)"
      << (ViewResult(fn) ? " and an owned result (::witgen::ToOwned)" : "")
      << ".\ntemplate <class = void>\n"
      << "inline " << CppResult(pkg, fn.result.get()) << " " << f.cpp_name << "("
      << Params(pkg, fn) << ") {\n  ::witgen::ViewArena Arena;\n  return "
      << (ViewResult(fn) ? "::witgen::ToOwned(" : "") << f.cpp_name << "(";
    for (size_t i = 0; i < fn.params.size(); ++i) {
      o << (i ? ", " : "") << "::witgen::ViewOf(" << Snake(fn.params[i].name) << ", Arena)";
    }
    if (ViewResult(fn)) o << (fn.params.empty() ? "" : ", ") << "Arena)";
    o << ");\n}\n}  // namespace " << f.cpp_ns << "\n";
  }
}

std::string CoreSig(const std::vector<FlatType>& params, const std::vector<FlatType>& results,
                    const std::string& name) {
  std::string s =
      (results.empty() ? "void" : FlatCType(results[0])) + std::string(" ") + name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    s += (i ? ", " : "") + std::string(FlatCType(params[i])) + " a" + std::to_string(i);
  }
  return s + ")";
}

// Packs the core parameters a0..a(n-1) into cells.
std::string PackCells(const std::vector<FlatType>& params, const char* name) {
  std::string s = "  uint64_t " + std::string(name) + "[" +
                  std::to_string(params.empty() ? 1 : params.size()) + "] = {";
  for (size_t i = 0; i < params.size(); ++i) {
    s += (i ? ", " : "") + std::string("::witgen::ToCell(a") + std::to_string(i) + ")";
  }
  return s + "};\n";
}

void EmitExport(std::ostringstream& o, const Package& pkg, const FuncRef& f) {
  const Func& fn = *f.func;
  Sig sig = SigOf(fn);
  std::vector<FlatType> cp = sig.CoreParams(false), cr = sig.CoreResults(false);
  if (ViewResult(fn)) {
    o << "// The result of " << f.wasm_name << " (a view) and the arena holding what it views,\n"
      << "// kept until its cabi_post (lowering borrows them).\n"
      << "static wg::Kept<::witgen::ViewArena> witgen_arena_" << f.id << ";\n"
      << "static wg::Kept<" << CppViewType(pkg, *fn.result) << "> witgen_result_" << f.id
      << ";\n";
  } else if (fn.result) {
    o << "// The result of " << f.wasm_name << ", kept until its cabi_post (lowering borrows it).\n"
      << "static wg::Kept<" << CppType(pkg, *fn.result) << "> witgen_result_" << f.id << ";\n";
  }
  o << "extern \"C\" __attribute__((export_name(\"" << f.wasm_name << "\"))) "
    << CoreSig(cp, cr, "witgen_export_" + f.id) << " {\n";
  std::vector<const Type*> pt = ParamTypes(fn);
  if (sig.params_indirect) {
    std::vector<uint32_t> offs = FieldOffsets(pt);
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  auto p" << i << " = " << ExportParamLift(*pt[i], true) << "(a0 + " << offs[i]
        << ");\n";
    }
  } else if (!pt.empty()) {
    o << PackCells(cp, "c");
    std::vector<size_t> flat = FlatOffsets(pt);
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  auto p" << i << " = " << ExportParamLift(*pt[i], false) << "(c + " << flat[i]
        << ");\n";
    }
  }
  std::string call = "::" + f.cpp_ns + "::" + f.cpp_name + "(";
  for (size_t i = 0; i < pt.size(); ++i)
    call += (i ? ", " : "") + std::string("p") + std::to_string(i);
  if (ViewResult(fn)) call += std::string(pt.empty() ? "" : ", ") + "arena";
  call += ")";
  if (!fn.result) {
    o << "  " << call << ";\n}\n";
  } else {
    if (ViewResult(fn)) {
      o << "  auto& arena = witgen_arena_" << f.id
        << ".Emplace([] { return ::witgen::ViewArena(); });\n";
    }
    o << "  auto& r = witgen_result_" << f.id << ".Emplace([&] { return " << call << "; });\n";
    if (sig.results_indirect) {
      Layout l = LayoutOf(*fn.result);
      o << "  alignas(" << l.align << ") static uint8_t ret_area[" << l.size << "];\n"
        << "  uint32_t rp = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(ret_area));\n"
        << "  " << ExportResultLower(*fn.result, true) << "(r, rp);\n  return rp;\n}\n";
    } else {
      o << "  uint64_t rc[1] = {};\n  " << ExportResultLower(*fn.result, false) << "(r, rc);\n"
        << "  return ::witgen::CellAs<" << FlatCType(cr[0]) << ">(rc[0]);\n}\n";
    }
  }
  o << "extern \"C\" __attribute__((export_name(\"cabi_post_" << f.wasm_name << "\"))) "
    << CoreSig(cr, {}, "witgen_post_" + f.id) << " {\n"
    << (fn.result ? "  witgen_result_" + f.id + ".Drop();\n" : std::string())
    << (ViewResult(fn) ? "  witgen_arena_" + f.id + ".Drop();\n" : std::string())
    << "  wg::ResetLog();\n"
    << "  if (witgen_guest_post_return) witgen_guest_post_return();\n}\n\n";
}

void EmitImport(std::ostringstream& o, const Package& pkg, const FuncRef& f) {
  const Func& fn = *f.func;
  Sig sig = SigOf(fn);
  std::vector<FlatType> cp = sig.CoreParams(true), cr = sig.CoreResults(true);
  o << "extern \"C\" __attribute__((import_module(\"" << f.module << "\"), import_name(\""
    << f.wasm_name << "\"))) " << CoreSig(cp, cr, "witgen_import_" + f.id) << ";\n";
  o << "namespace " << f.cpp_ns << " {\n" << Decl(pkg, f) << " {\n";
  o << "  size_t Mark = wg::LogMark();\n";
  std::vector<const Type*> pt = ParamTypes(fn);
  std::vector<std::string> args;
  if (sig.params_indirect) {
    std::vector<uint32_t> offs = FieldOffsets(pt);
    Layout area = RecordLayoutOf(pt);
    o << "  uint32_t Area = wg::Alloc(" << area.size << ", " << area.align << ");\n";
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  Store_" << TypeKey(*pt[i]) << "(" << Snake(fn.params[i].name) << ", Area + "
        << offs[i] << ");\n";
    }
    args.push_back("Area");
  } else {
    if (!sig.flat_params.empty()) o << "  uint64_t Cells[" << sig.flat_params.size() << "] = {};\n";
    std::vector<size_t> flat = FlatOffsets(pt);
    for (size_t i = 0; i < pt.size(); ++i) {
      o << "  Lower_" << TypeKey(*pt[i]) << "(" << Snake(fn.params[i].name) << ", Cells + "
        << flat[i] << ");\n";
    }
    for (size_t i = 0; i < sig.flat_params.size(); ++i) {
      args.push_back("::witgen::CellAs<" + std::string(FlatCType(sig.flat_params[i])) + ">(Cells[" +
                     std::to_string(i) + "])");
    }
  }
  if (sig.results_indirect) {
    Layout l = LayoutOf(*fn.result);
    o << "  alignas(" << l.align << ") uint8_t RetArea[" << l.size << "];\n"
      << "  uint32_t Rp = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(RetArea));\n";
    args.push_back("Rp");
  }
  std::string call = "witgen_import_" + f.id + "(";
  for (size_t i = 0; i < args.size(); ++i) call += (i ? ", " : "") + args[i];
  call += ")";
  if (!fn.result) {
    o << "  " << call << ";\n  wg::ReleaseTo(Mark);\n}\n";
  } else if (sig.results_indirect) {
    o << "  " << call << ";\n"
      << "  auto R = Load_" << TypeKey(*fn.result) << "(Rp);\n"
      << "  wg::ReleaseTo(Mark);\n  return R;\n}\n";
  } else {
    o << "  uint64_t Rc[1] = {::witgen::ToCell(" << call << ")};\n"
      << "  auto R = Lift_" << TypeKey(*fn.result) << "(Rc);\n"
      << "  wg::ReleaseTo(Mark);\n  return R;\n}\n";
  }
  o << "}  // namespace " << f.cpp_ns << "\n\n";
}

}  // namespace

std::string EmitGuestHeader(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  const Package& pkg = *m.pkg;
  o << Banner("Guest API of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#pragma once\n\n#include \"" << TypesInclude(m, opt) << "\"\n\n";
  // Declarations, one namespace block per run of functions sharing a namespace.
  auto declare = [&](const std::vector<FuncRef>& funcs) {
    for (size_t i = 0; i < funcs.size(); ++i) {
      if (i == 0 || funcs[i - 1].cpp_ns != funcs[i].cpp_ns) {
        o << "namespace " << funcs[i].cpp_ns << " {\n";
      }
      o << DocComment(funcs[i].func->doc, "") << Decl(pkg, funcs[i]) << ";\n";
      if (i + 1 == funcs.size() || funcs[i + 1].cpp_ns != funcs[i].cpp_ns) {
        o << "}  // namespace " << funcs[i].cpp_ns << "\n";
      }
    }
  };
  o << "// Exports: implemented by the guest code, called by the glue. Parameters are borrowed\n"
       "// views, valid until the export returns. Results that have a view form are returned as\n"
       "// views of static data, of the parameters or of `result_arena`, all of which the glue\n"
       "// keeps until the host has read the result.\n";
  declare(ExportFuncs(m));
  EmitOwnedOverloads(o, pkg, ExportFuncs(m));
  o << "\n// Imports: provided by the host, callable from the guest code.\n";
  declare(ImportFuncs(m));
  o << "\n// Called after every export's results were consumed, if the guest defines it.\n"
       "extern \"C\" __attribute__((weak)) void witgen_guest_post_return(void);\n";
  return o.str();
}

std::string EmitGuestSource(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  const Package& pkg = *m.pkg;
  o << Banner("Guest glue of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#include \"" << opt.world_snake
    << "_guest.h\"\n\n#include <cstdint>\n#include <cstdlib>\n#include <new>\n\n"
       "#include \"witgen/guest_support.h\"\n\nnamespace {\nnamespace wg = ::witgen::guest;\n\n";
  o << EmitGuestTypeHelpers(m) << "}  // namespace\n\n";
  std::vector<FuncRef> imports = ImportFuncs(m);
  for (const FuncRef& f : imports) EmitImport(o, pkg, f);
  if (!imports.empty()) {
    o << "// Keeps every import in the module so the host glue's instantiation matches.\n"
         "static void* volatile witgen_keep_imports[] = {\n";
    for (const FuncRef& f : imports)
      o << "    reinterpret_cast<void*>(&witgen_import_" << f.id << "),\n";
    o << "};\n\n";
  }
  o << "extern \"C\" __attribute__((export_name(\"cabi_realloc\"))) void* cabi_realloc(\n"
       "    void* old, size_t old_size, size_t align, size_t new_size) {\n"
    << (imports.empty() ? "" : "  (void)witgen_keep_imports[0];\n")
    << "  if (new_size == 0) return reinterpret_cast<void*>(align);\n"
       "  void* p = std::realloc(old_size == 0 ? nullptr : old, new_size);\n"
       "  if (p == nullptr) __builtin_trap();\n"
       "  wg::Adopt(old_size == 0 ? nullptr : old, p);\n  return p;\n}\n\n";
  for (const FuncRef& f : ExportFuncs(m)) EmitExport(o, pkg, f);
  return o.str();
}

}  // namespace witgen
