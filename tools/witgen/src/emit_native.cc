// Emits <world>_native.cc: the typed import functions for a native build of the guest code,
// forwarding to the Imports bound on the current thread by native::ScopedImports.
#include <sstream>

#include "emit_common.h"
#include "emitters.h"
#include "names.h"

namespace witgen {

std::string EmitNativeSource(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  const Package& pkg = *m.pkg;
  std::string wns = OwnerNs(pkg, m.world->name).substr(2);
  o << Banner("Native import glue of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#include \"" << opt.world_snake << "_guest.h\"\n\n";
  o << "namespace " << wns << "::native {\nnamespace {\n"
    << "thread_local const Imports* current_imports = nullptr;\n}  // namespace\n\n"
    << "ScopedImports::ScopedImports(const Imports* imports) : previous_(current_imports) {\n"
       "  current_imports = imports;\n}\n\n"
    << "ScopedImports::~ScopedImports() { current_imports = previous_; }\n\n"
    << "const Imports* CurrentImports() { return current_imports; }\n\n}  // namespace " << wns
    << "::native\n\n";
  for (const FuncRef& f : ImportFuncs(m)) {
    const Func& fn = *f.func;
    o << "namespace " << f.cpp_ns << " {\n"
      << CppResult(pkg, fn.result.get()) << " " << f.cpp_name << "(";
    std::string args;
    for (size_t i = 0; i < fn.params.size(); ++i) {
      std::string n = Snake(fn.params[i].name);
      o << (i ? ", " : "") << CppParam(pkg, *fn.params[i].type) << " " << n;
      args += (i ? ", " : "") + n;
    }
    o << ") {\n  const ::" << wns << "::Imports* Im = ::" << wns << "::native::CurrentImports();\n"
      << "  if (Im == nullptr || !Im->" << f.member << ") return";
    if (fn.result) o << " " << DefaultExpr(pkg, *fn.result);
    o << ";\n  return Im->" << f.member << "(" << args << ");\n}\n}  // namespace " << f.cpp_ns
      << "\n\n";
  }
  return o.str();
}

}  // namespace witgen
