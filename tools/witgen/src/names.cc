// Name conversions and C++ type spellings.
#include "names.h"

#include <cctype>
#include <cstdio>
#include <set>

namespace witgen {
namespace {

bool IsKeyword(const std::string& s) {
  static const std::set<std::string> k = {"alignas",       "alignof",     "and",
                                          "and_eq",        "asm",         "auto",
                                          "bitand",        "bitor",       "bool",
                                          "break",         "case",        "catch",
                                          "char",          "char8_t",     "char16_t",
                                          "char32_t",      "class",       "compl",
                                          "concept",       "const",       "consteval",
                                          "constexpr",     "constinit",   "const_cast",
                                          "continue",      "co_await",    "co_return",
                                          "co_yield",      "decltype",    "default",
                                          "delete",        "do",          "double",
                                          "dynamic_cast",  "else",        "enum",
                                          "explicit",      "export",      "extern",
                                          "false",         "float",       "for",
                                          "friend",        "goto",        "if",
                                          "inline",        "int",         "long",
                                          "mutable",       "namespace",   "new",
                                          "noexcept",      "not",         "not_eq",
                                          "nullptr",       "operator",    "or",
                                          "or_eq",         "private",     "protected",
                                          "public",        "register",    "reinterpret_cast",
                                          "requires",      "return",      "short",
                                          "signed",        "sizeof",      "static",
                                          "static_assert", "static_cast", "struct",
                                          "switch",        "template",    "this",
                                          "thread_local",  "throw",       "true",
                                          "try",           "typedef",     "typeid",
                                          "typename",      "union",       "unsigned",
                                          "using",         "virtual",     "void",
                                          "volatile",      "wchar_t",     "while",
                                          "xor",           "xor_eq",      "std",
                                          "errno",         "assert",      "NULL",
                                          "EOF",           "stdin",       "stdout"};
  return k.count(s) > 0;
}

}  // namespace

std::string Snake(const std::string& kebab) {
  std::string out;
  for (char c : kebab) out += c == '-' ? '_' : static_cast<char>(std::tolower(c));
  if (IsKeyword(out)) out += '_';
  return out;
}

std::string Pascal(const std::string& kebab) {
  std::string out;
  bool up = true;
  for (char c : kebab) {
    if (c == '-') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(c)) : c;
    up = false;
  }
  return out;
}

std::string EnumCase(const std::string& kebab) { return "k" + Pascal(kebab); }

std::string PackageNs(const Package& pkg) { return "::" + Snake(pkg.ns) + "::" + Snake(pkg.name); }

std::string OwnerNs(const Package& pkg, const std::string& owner) {
  return PackageNs(pkg) + "::" + Snake(owner);
}

static const char* PrimCpp(Prim p) {
  switch (p) {
    case Prim::kBool:
      return "bool";
    case Prim::kS8:
      return "int8_t";
    case Prim::kU8:
      return "uint8_t";
    case Prim::kS16:
      return "int16_t";
    case Prim::kU16:
      return "uint16_t";
    case Prim::kS32:
      return "int32_t";
    case Prim::kU32:
      return "uint32_t";
    case Prim::kS64:
      return "int64_t";
    case Prim::kU64:
      return "uint64_t";
    case Prim::kF32:
      return "float";
    case Prim::kF64:
      return "double";
    case Prim::kChar:
      return "char32_t";
    case Prim::kString:
      return "std::string";
  }
  return "";
}

static const char* PrimKey(Prim p) {
  switch (p) {
    case Prim::kBool:
      return "bool";
    case Prim::kS8:
      return "s8";
    case Prim::kU8:
      return "u8";
    case Prim::kS16:
      return "s16";
    case Prim::kU16:
      return "u16";
    case Prim::kS32:
      return "s32";
    case Prim::kU32:
      return "u32";
    case Prim::kS64:
      return "s64";
    case Prim::kU64:
      return "u64";
    case Prim::kF32:
      return "f32";
    case Prim::kF64:
      return "f64";
    case Prim::kChar:
      return "char";
    case Prim::kString:
      return "string";
  }
  return "";
}

std::string CppType(const Package& pkg, const Type& t) {
  auto opt = [&](const TypePtr& a) { return a ? CppType(pkg, *a) : std::string("std::monostate"); };
  switch (t.kind) {
    case Type::Kind::kPrim:
      return PrimCpp(t.prim);
    case Type::Kind::kNamed:
      return OwnerNs(pkg, t.def->owner) + "::" + Pascal(t.def->name);
    case Type::Kind::kList:
      return "std::vector<" + CppType(pkg, *t.args[0]) + ">";
    case Type::Kind::kOption:
      return "std::optional<" + CppType(pkg, *t.args[0]) + ">";
    case Type::Kind::kResult:
      return "::witgen::Expected<" + opt(t.args[0]) + ", " + opt(t.args[1]) + ">";
    case Type::Kind::kTuple: {
      std::string s = "std::tuple<";
      for (size_t i = 0; i < t.args.size(); ++i) s += (i ? ", " : "") + CppType(pkg, *t.args[i]);
      return s + ">";
    }
  }
  return "";
}

std::string CppResult(const Package& pkg, const Type* t) {
  return t ? CppType(pkg, *t) : std::string("void");
}

std::string CppParam(const Package& pkg, const Type& t) {
  const Type& r = Resolve(t);
  bool scalar = (r.kind == Type::Kind::kPrim && r.prim != Prim::kString) ||
                (r.kind == Type::Kind::kNamed && r.def->kind == TypeDef::Kind::kEnum);
  return scalar ? CppType(pkg, t) : "const " + CppType(pkg, t) + "&";
}

bool HasViewForm(const Type& t0) {
  const Type& t = Resolve(t0);
  switch (t.kind) {
    case Type::Kind::kPrim:
      return t.prim == Prim::kString;
    case Type::Kind::kList:
      return true;
    case Type::Kind::kNamed:
      for (const Field& f : t.def->fields) {
        if (f.type && HasViewForm(*f.type)) return true;
      }
      return false;
    default:
      for (const auto& a : t.args) {
        if (a && HasViewForm(*a)) return true;
      }
      return false;
  }
}

std::string CppViewType(const Package& pkg, const Type& t0) {
  if (!HasViewForm(t0)) return CppType(pkg, t0);
  const Type& t = Resolve(t0);
  auto opt = [&](const TypePtr& a) {
    return a ? CppViewType(pkg, *a) : std::string("std::monostate");
  };
  switch (t.kind) {
    case Type::Kind::kPrim:
      return "std::string_view";
    case Type::Kind::kNamed:
      return CppType(pkg, t) + "View";
    case Type::Kind::kList:
      return "std::span<const " + CppViewType(pkg, *t.args[0]) + ">";
    case Type::Kind::kOption:
      return "std::optional<" + CppViewType(pkg, *t.args[0]) + ">";
    case Type::Kind::kResult:
      return "::witgen::Expected<" + opt(t.args[0]) + ", " + opt(t.args[1]) + ">";
    case Type::Kind::kTuple: {
      std::string s = "std::tuple<";
      for (size_t i = 0; i < t.args.size(); ++i) {
        s += (i ? ", " : "") + CppViewType(pkg, *t.args[i]);
      }
      return s + ">";
    }
  }
  return "";
}

std::string CppViewParam(const Package& pkg, const Type& t) {
  const Type& r = Resolve(t);
  bool by_value = r.kind == Type::Kind::kList || r.kind == Type::Kind::kPrim ||
                  (r.kind == Type::Kind::kNamed && r.def->kind == TypeDef::Kind::kEnum);
  return by_value ? CppViewType(pkg, t) : "const " + CppViewType(pkg, t) + "&";
}

std::string TypeKey(const Type& t0) {
  const Type& t = Resolve(t0);
  auto opt = [](const TypePtr& a) { return a ? TypeKey(*a) : std::string("none"); };
  switch (t.kind) {
    case Type::Kind::kPrim:
      return PrimKey(t.prim);
    case Type::Kind::kNamed:
      return Snake(t.def->owner) + "_" + Snake(t.def->name);
    case Type::Kind::kList:
      return "list_" + TypeKey(*t.args[0]) + "_";
    case Type::Kind::kOption:
      return "option_" + TypeKey(*t.args[0]) + "_";
    case Type::Kind::kResult:
      return "result_" + opt(t.args[0]) + "_" + opt(t.args[1]) + "_";
    case Type::Kind::kTuple: {
      std::string s = "tuple" + std::to_string(t.args.size());
      for (const auto& a : t.args) s += "_" + TypeKey(*a);
      return s + "_";
    }
  }
  return "";
}

std::string InterfaceModule(const Package& pkg, const std::string& iface) {
  std::string m = pkg.ns + ":" + pkg.name + "/" + iface;
  if (!pkg.version.empty()) m += "@" + pkg.version;
  return m;
}

std::string Wasm2cMangle(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c == 'Z') {
      out += "ZZ";
    } else if (std::isalnum(c) || c == '_') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "Z%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace witgen
