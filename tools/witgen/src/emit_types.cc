// Emits <world>_types.h: the C++ types of every interface the world uses, `use` aliases, the
// world's `Imports` binding struct and the native `ScopedImports` declaration.
#include <cctype>
#include <sstream>

#include "emit_common.h"
#include "emitters.h"
#include "names.h"

namespace witgen {
namespace {

std::string NsOf(const Model& m, const std::string& owner) {
  return OwnerNs(*m.pkg, owner).substr(2);
}

void EmitDef(const Model& m, const TypeDef& d, std::ostringstream& o) {
  const Package& pkg = *m.pkg;
  std::string name = Pascal(d.name);
  o << DocComment(d.doc, "");
  switch (d.kind) {
    case TypeDef::Kind::kAlias:
      o << "using " << name << " = " << CppType(pkg, *d.alias) << ";\n";
      break;
    case TypeDef::Kind::kRecord:
      o << "struct " << name << " {\n";
      for (const Field& f : d.fields) {
        bool scalar = !ScalarCpp(pkg, Resolve(*f.type)).empty();
        o << DocComment(f.doc, "  ") << "  " << CppType(pkg, *f.type) << " " << Snake(f.name)
          << (scalar ? "{}" : "") << ";\n";
      }
      o << "  bool operator==(const " << name << "&) const = default;\n};\n";
      break;
    case TypeDef::Kind::kVariant: {
      o << "struct " << name << " {\n";
      std::string alts;
      for (const Field& f : d.fields) {
        std::string c = Pascal(f.name);
        if (c == name) c += "_";
        o << DocComment(f.doc, "  ") << "  struct " << c << " {\n";
        if (f.type) o << "    " << CppType(pkg, *f.type) << " value;\n";
        o << "    bool operator==(const " << c << "&) const = default;\n  };\n";
        alts += (alts.empty() ? "" : ", ") + c;
      }
      o << "  std::variant<" << alts << "> value;\n";
      o << "  bool operator==(const " << name << "&) const = default;\n};\n";
      break;
    }
    case TypeDef::Kind::kEnum: {
      size_t n = d.cases.size();
      o << "enum class " << name << " : "
        << (n <= 256     ? "uint8_t"
            : n <= 65536 ? "uint16_t"
                         : "uint32_t")
        << " {\n";
      for (const std::string& c : d.cases) o << "  " << EnumCase(c) << ",\n";
      o << "};\n";
      break;
    }
    case TypeDef::Kind::kFlags:
      o << "struct " << name << " {\n";
      for (const std::string& c : d.cases) o << "  bool " << Snake(c) << " = false;\n";
      o << "  bool operator==(const " << name << "&) const = default;\n};\n";
      break;
  }
}

void EmitUses(const Model& m, const std::string& owner, const std::vector<UsedName>& used,
              std::ostringstream& o) {
  if (used.empty()) return;
  o << "namespace " << NsOf(m, owner) << " {\n";
  for (const UsedName& u : used) {
    o << "using " << Pascal(u.local) << " = " << OwnerNs(*m.pkg, u.def->owner)
      << "::" << Pascal(u.def->name) << ";\n";
  }
  o << "}  // namespace " << NsOf(m, owner) << "\n\n";
}

std::string FunctionType(const Package& pkg, const Func& f) {
  std::string s = "std::function<" + CppResult(pkg, f.result.get()) + "(";
  for (size_t i = 0; i < f.params.size(); ++i) {
    s += (i ? ", " : "") + CppParam(pkg, *f.params[i].type) + " " + Snake(f.params[i].name);
  }
  return s + ")>";
}

void EmitImports(const Model& m, std::ostringstream& o) {
  const Package& pkg = *m.pkg;
  o << "namespace " << NsOf(m, m.world->name) << " {\n\n";
  o << "// The functions a host provides to the guest. A host fills every member; calling an\n"
       "// empty one traps on wasm2c and returns a default value natively.\n";
  o << "struct Imports {\n";
  for (const Interface* i : m.import_interfaces) {
    o << "  struct " << Pascal(i->name) << " {\n";
    for (const Func& f : i->funcs) {
      o << DocComment(f.doc, "    ") << "    " << FunctionType(pkg, f) << " " << Snake(f.name)
        << ";\n";
    }
    o << "  } " << Snake(i->name) << ";\n";
  }
  for (const Func* f : m.import_funcs) {
    o << DocComment(f->doc, "  ") << "  " << FunctionType(pkg, *f) << " " << Snake(f->name)
      << ";\n";
  }
  o << "};\n\nnamespace native {\n\n"
       "// Binds `imports` to the typed import functions for the current thread while alive\n"
       "// (native builds only). `imports` must outlive this object. Scopes nest.\n"
       "class ScopedImports {\n public:\n"
       "  explicit ScopedImports(const Imports* imports);\n"
       "  ~ScopedImports();  // restores the previous binding\n"
       "  ScopedImports(const ScopedImports&) = delete;\n"
       "  ScopedImports& operator=(const ScopedImports&) = delete;\n\n"
       " private:\n  const Imports* previous_;\n};\n\n"
       "// The Imports bound for the current thread, or nullptr.\n"
       "const Imports* CurrentImports();\n\n}  // namespace native\n";
  o << "}  // namespace " << NsOf(m, m.world->name) << "\n";
}

}  // namespace

std::string TypesInclude(const Model& m, const EmitOptions& o) {
  auto path = [](std::string s) {
    for (char& c : s) c = c == '-' ? '_' : static_cast<char>(std::tolower(c));
    return s;
  };
  return path(m.pkg->ns) + "/" + path(m.pkg->name) + "/" + o.world_snake + "_types.h";
}

std::string EmitTypesHeader(const Model& m, const EmitOptions& opt) {
  std::ostringstream o;
  o << Banner("C++ types of world `" + m.world->name + "` (" + opt.source + ").");
  o << "#pragma once\n\n#include <cstdint>\n#include <functional>\n#include <optional>\n"
       "#include <string>\n#include <tuple>\n#include <variant>\n#include <vector>\n\n"
       "#include \"witgen/runtime.h\"\n\n";
  // One namespace block per run of definitions with the same owner.
  for (size_t i = 0; i < m.types.size(); ++i) {
    const std::string& owner = m.types[i]->owner;
    if (i == 0 || m.types[i - 1]->owner != owner) o << "namespace " << NsOf(m, owner) << " {\n\n";
    EmitDef(m, *m.types[i], o);
    o << "\n";
    if (i + 1 == m.types.size() || m.types[i + 1]->owner != owner) {
      o << "}  // namespace " << NsOf(m, owner) << "\n\n";
    }
  }
  for (const Interface* i : m.interfaces) EmitUses(m, i->name, i->used, o);
  EmitUses(m, m.world->name, m.world->used, o);
  EmitImports(m, o);
  return o.str();
}

std::string EmitImportsList(const Model& m) {
  std::string s;
  for (const FuncRef& f : ImportFuncs(m)) s += f.module + " " + f.wasm_name + "\n";
  return s;
}

}  // namespace witgen
