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

// True when the record or variant `d` has a separate `<Name>View` form.
bool HasViewDef(const TypeDef& d) {
  if (d.kind != TypeDef::Kind::kRecord && d.kind != TypeDef::Kind::kVariant) return false;
  for (const Field& f : d.fields) {
    if (f.type && HasViewForm(*f.type)) return true;
  }
  return false;
}

// The borrowed view form of a record or variant that has one (docs/witgen.md).
void EmitViewDef(const Model& m, const TypeDef& d, std::ostringstream& o) {
  const Package& pkg = *m.pkg;
  std::string name = Pascal(d.name) + "View";
  o << "// Borrowed view of " << Pascal(d.name) << " (export parameters; valid during the call).\n";
  o << "struct " << name << " {\n";
  if (d.kind == TypeDef::Kind::kRecord) {
    for (const Field& f : d.fields) {
      bool scalar = !ScalarCpp(pkg, Resolve(*f.type)).empty();
      o << "  " << CppViewType(pkg, *f.type) << " " << Snake(f.name) << (scalar ? "{}" : "")
        << ";\n";
    }
  } else {
    std::string alts;
    for (const Field& f : d.fields) {
      std::string c = Pascal(f.name);
      if (c == Pascal(d.name)) c += "_";
      o << "  struct " << c << " {";
      if (f.type) o << "\n    " << CppViewType(pkg, *f.type) << " value;\n  ";
      o << "};\n";
      alts += (alts.empty() ? "" : ", ") + c;
    }
    o << "  std::variant<" << alts << "> value;\n";
  }
  o << "};\n";
}

// Declarations (`body` false) or definitions of ViewIn/ToOwnedIn for `d`'s view form.
void EmitViewConversions(const Model& m, const TypeDef& d, bool body, std::ostringstream& o) {
  std::string name = Pascal(d.name), view = name + "View";
  std::string view_sig = "inline " + view + " ViewIn(const " + name +
                         "& v, ::witgen::ViewArena& a)";
  std::string own_sig = "inline " + name + " ToOwnedIn(const " + view +
                        "& v, ::witgen::Owning o)";
  if (!body) {
    o << view_sig << ";\n" << own_sig << ";\n";
    return;
  }
  std::string to_view = view_sig + " {\n", to_own = own_sig + " {\n";
  if (d.kind == TypeDef::Kind::kRecord) {
    to_view += "  return " + view + "{";
    to_own += "  return " + name + "{";
    for (size_t i = 0; i < d.fields.size(); ++i) {
      std::string f = Snake(d.fields[i].name), sep = i ? ", " : "";
      to_view += sep + "ViewIn(v." + f + ", a)";
      to_own += sep + "ToOwnedIn(v." + f + ", o)";
    }
    to_view += "};\n}\n";
    to_own += "};\n}\n";
  } else {
    to_view += "  switch (v.value.index()) {\n";
    to_own += "  switch (v.value.index()) {\n";
    for (size_t i = 0; i < d.fields.size(); ++i) {
      std::string c = Pascal(d.fields[i].name), is = std::to_string(i);
      if (c == name) c += "_";
      std::string get = "std::get<" + is + ">(v.value).value";
      bool pay = d.fields[i].type != nullptr;
      to_view += "    case " + is + ": return " + view + "{" + view + "::" + c + "{" +
                 (pay ? "ViewIn(" + get + ", a)" : "") + "}};\n";
      to_own += "    case " + is + ": return " + name + "{" + name + "::" + c + "{" +
                (pay ? "ToOwnedIn(" + get + ", o)" : "") + "}};\n";
    }
    to_view += "  }\n  __builtin_unreachable();\n}\n";
    to_own += "  }\n  __builtin_unreachable();\n}\n";
  }
  (void)m;
  o << to_view << to_own;
}

// The conversions of every view form, declared first so that they may call each other.
void EmitAllViewConversions(const Model& m, std::ostringstream& o) {
  for (bool body : {false, true}) {
    for (size_t i = 0; i < m.types.size(); ++i) {
      const TypeDef& d = *m.types[i];
      if (!HasViewDef(d)) continue;
      o << "namespace " << NsOf(m, d.owner) << " {\n";
      EmitViewConversions(m, d, body, o);
      o << "}  // namespace " << NsOf(m, d.owner) << "\n";
    }
    o << "\n";
  }
}

void EmitUses(const Model& m, const std::string& owner, const std::vector<UsedName>& used,
              std::ostringstream& o) {
  if (used.empty()) return;
  o << "namespace " << NsOf(m, owner) << " {\n";
  for (const UsedName& u : used) {
    o << "using " << Pascal(u.local) << " = " << OwnerNs(*m.pkg, u.def->owner)
      << "::" << Pascal(u.def->name) << ";\n";
    if (HasViewDef(*u.def)) {
      o << "using " << Pascal(u.local) << "View = " << OwnerNs(*m.pkg, u.def->owner)
        << "::" << Pascal(u.def->name) << "View;\n";
    }
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
       "#include <span>\n#include <string>\n#include <string_view>\n#include <tuple>\n"
       "#include <variant>\n#include <vector>\n\n"
       "#include \"witgen/runtime.h\"\n#include \"witgen/views.h\"\n\n";
  // One namespace block per run of definitions with the same owner.
  for (size_t i = 0; i < m.types.size(); ++i) {
    const std::string& owner = m.types[i]->owner;
    if (i == 0 || m.types[i - 1]->owner != owner) o << "namespace " << NsOf(m, owner) << " {\n\n";
    EmitDef(m, *m.types[i], o);
    if (HasViewDef(*m.types[i])) EmitViewDef(m, *m.types[i], o);
    o << "\n";
    if (i + 1 == m.types.size() || m.types[i + 1]->owner != owner) {
      o << "}  // namespace " << NsOf(m, owner) << "\n\n";
    }
  }
  EmitAllViewConversions(m, o);
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
