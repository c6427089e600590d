// Emits the guest's per-type Canonical ABI helpers: Load/Store (linear memory) and Lift/Lower
// (flat cells) for owned values, VLoad/VLift, which lift export parameters as borrowed views
// into the argument buffers, and VStore/VLower, which lower export results in view form. The
// guest trusts the host to follow the ABI. Argument buffers stay in the allocation log until
// cabi_post_<export> (see witgen/guest_support.h). Lowering borrows the bytes of strings and of
// list<u8>/list<s8> from the value lowered, which outlives their use: an import's arguments
// live through the import call, and an export's result (with its result arena) is kept until
// its cabi_post_<export>. View results also pass arrays of integers, enums and (on wasm32)
// string_views in place. Other arrays are allocated and logged.
#include <set>
#include <sstream>

#include "emit_common.h"
#include "guest_types.h"
#include "names.h"

namespace witgen {
namespace {

const char* kSigs =
    "%T Load_%K(uint32_t p)|void Store_%K(const %T& v, uint32_t p)|"
    "%T Lift_%K(const uint64_t* c)|void Lower_%K(const %T& v, uint64_t* c)";

std::string Replace(std::string s, const std::string& cpp, const std::string& key) {
  for (size_t at; (at = s.find("%T")) != std::string::npos;) s.replace(at, 2, cpp);
  for (size_t at; (at = s.find("%K")) != std::string::npos;) s.replace(at, 2, key);
  return s;
}

// Emits the four helpers with the given bodies.
void Four(std::ostringstream& o, const std::string& cpp, const std::string& key,
          const std::string bodies[4]) {
  std::string sigs = kSigs;
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t bar = sigs.find('|', start);
    std::string sig =
        sigs.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    start = bar + 1;
    o << "[[maybe_unused]] " << Replace(sig, cpp, key) << " {\n" << bodies[i] << "}\n";
  }
  o << "\n";
}

void Scalar(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  std::string cpp = CppType(pkg, r);
  std::string b[4];
  if (r.kind == Type::Kind::kNamed) {  // enum
    std::string d = DiscType(DiscriminantSize(r.def->cases.size()));
    b[0] = "  return static_cast<" + cpp + ">(wg::Load<" + d + ">(p));\n";
    b[1] = "  wg::Store<" + d + ">(p, static_cast<" + d + ">(v));\n";
    b[2] = "  return static_cast<" + cpp + ">(static_cast<uint32_t>(c[0]));\n";
    b[3] = "  c[0] = static_cast<uint32_t>(v);\n";
  } else {
    b[0] = "  return wg::Load<" + cpp + ">(p);\n";
    b[1] = "  wg::Store<" + cpp + ">(p, v);\n";
    b[2] = "  return ::witgen::LiftScalar<" + cpp + ">(c[0]);\n";
    b[3] = "  c[0] = ::witgen::LowerScalar<" + cpp + ">(v);\n";
  }
  Four(o, cpp, key, b);
}

void String(std::ostringstream& o, const std::string& key) {
  std::string b[4] = {
      "  return wg::TakeString(wg::Load<uint32_t>(p), wg::Load<uint32_t>(p + 4));\n",
      "  wg::Store<uint32_t>(p, wg::Addr(v.data()));\n"
      "  wg::Store<uint32_t>(p + 4, static_cast<uint32_t>(v.size()));\n",
      "  return wg::TakeString(static_cast<uint32_t>(c[0]), static_cast<uint32_t>(c[1]));\n",
      "  c[0] = wg::Addr(v.data());\n  c[1] = v.size();\n"};
  Four(o, "std::string", key, b);
}

void List(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  const Type& elem = *r.args[0];
  const Type& er = Resolve(elem);
  std::string cpp = CppType(pkg, r), ecpp = CppType(pkg, er), ek = TypeKey(er);
  Layout l = LayoutOf(er);
  std::string sz = std::to_string(l.size);
  bool bytes = er.kind == Type::Kind::kPrim && (er.prim == Prim::kU8 || er.prim == Prim::kS8);
  o << "[[maybe_unused]] " << cpp << " Take_" << key << "(uint32_t ptr, uint32_t len) {\n";
  if (bytes) {
    o << "  const " << ecpp << "* data = reinterpret_cast<const " << ecpp << "*>(wg::Ptr(ptr));\n"
      << "  " << cpp << " out(data, data + len);\n";
  } else {
    o << "  " << cpp << " out;\n  out.reserve(len);\n"
      << "  for (uint32_t i = 0; i < len; ++i) out.push_back(Load_" << ek << "(ptr + i * " << sz
      << "));\n";
  }
  o << "  return out;\n}\n";
  o << "[[maybe_unused]] uint32_t Give_" << key << "(const " << cpp << "& v) {\n";
  if (bytes) {
    o << "  return wg::Addr(v.data());\n}\n";
  } else {
    o << "  uint32_t ptr = wg::Alloc(v.size() * " << sz << ", " << l.align << ");\n"
      << "  for (size_t i = 0; i < v.size(); ++i) Store_" << ek << "(v[i], ptr + i * " << sz
      << ");\n  return ptr;\n}\n";
  }
  std::string b[4] = {
      "  return Take_" + key + "(wg::Load<uint32_t>(p), wg::Load<uint32_t>(p + 4));\n",
      "  wg::Store<uint32_t>(p, Give_" + key +
          "(v));\n"
          "  wg::Store<uint32_t>(p + 4, static_cast<uint32_t>(v.size()));\n",
      "  return Take_" + key + "(static_cast<uint32_t>(c[0]), static_cast<uint32_t>(c[1]));\n",
      "  c[0] = Give_" + key + "(v);\n  c[1] = v.size();\n"};
  Four(o, cpp, key, b);
}

void Record(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  std::string cpp = CppType(pkg, r);
  std::vector<const Type*> mem = Members(r);
  std::vector<uint32_t> offs = FieldOffsets(mem);
  std::vector<size_t> flat = FlatOffsets(mem);
  std::string b[4];
  b[0] = "  return " + cpp + "{";
  b[2] = "  return " + cpp + "{";
  for (size_t i = 0; i < mem.size(); ++i) {
    std::string k = TypeKey(*mem[i]), acc = MemberExpr(r, i, "v");
    std::string sep = i ? ", " : "";
    b[0] += sep + "Load_" + k + "(p + " + std::to_string(offs[i]) + ")";
    b[1] += "  Store_" + k + "(" + acc + ", p + " + std::to_string(offs[i]) + ");\n";
    b[2] += sep + "Lift_" + k + "(c + " + std::to_string(flat[i]) + ")";
    b[3] += "  Lower_" + k + "(" + acc + ", c + " + std::to_string(flat[i]) + ");\n";
  }
  b[0] += "};\n";
  b[2] += "};\n";
  Four(o, cpp, key, b);
}

void Variant(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  CaseShape s = CaseShapeOf(pkg, r);
  std::string d = DiscType(s.disc_size), off = std::to_string(s.payload_offset);
  std::string b[4];
  b[0] = "  switch (wg::Load<" + d + ">(p)) {\n";
  b[1] = "  switch (" + s.IndexExpr("v") + ") {\n";
  b[2] = "  switch (static_cast<uint32_t>(c[0])) {\n";
  b[3] = b[1];
  for (size_t i = 0; i < s.count; ++i) {
    std::string ci = "    case " + std::to_string(i) + ":";
    const Type* pt = s.payloads[i];
    std::string k = pt ? TypeKey(*pt) : "";
    b[0] += ci + " return " + s.MakeExpr(i, "Load_" + k + "(p + " + off + ")") + ";\n";
    b[2] += ci + " return " + s.MakeExpr(i, "Lift_" + k + "(c + 1)") + ";\n";
    b[1] += ci + "\n      wg::Store<" + d + ">(p, " + std::to_string(i) + ");\n";
    b[3] += ci + "\n      c[0] = " + std::to_string(i) + ";\n";
    if (pt) {
      b[1] += "      Store_" + k + "(" + s.GetExpr(i, "v") + ", p + " + off + ");\n";
      b[3] += "      Lower_" + k + "(" + s.GetExpr(i, "v") + ", c + 1);\n";
    }
    b[1] += "      return;\n";
    b[3] += "      return;\n";
  }
  b[0] += "    default: __builtin_trap();\n  }\n";
  b[2] += "    default: __builtin_trap();\n  }\n";
  b[1] += "  }\n";
  b[3] += "  }\n";
  Four(o, s.cpp, key, b);
}

void Flags(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  const FlagsCode f = FlagsCodeOf(pkg, r);
  std::string b[4];
  b[0] = "  " + f.cpp + " out;\n";
  b[2] = b[0];
  for (uint32_t w = 0; w < f.words; ++w) {
    std::string ws = std::to_string(w);
    b[0] += "  uint32_t w" + ws + " = wg::Load<" + f.mem_t + ">(p + " + std::to_string(4 * w) +
            ");\n";
    b[2] += "  uint32_t w" + ws + " = static_cast<uint32_t>(c[" + ws + "]);\n";
  }
  b[0] += f.unpack;
  b[2] += f.unpack;
  b[1] = f.pack;
  b[3] = f.pack;
  for (uint32_t w = 0; w < f.words; ++w) {
    std::string ws = std::to_string(w);
    b[1] += "  wg::Store<" + f.mem_t + ">(p + " + std::to_string(4 * w) + ", static_cast<" +
            f.mem_t + ">(w" + ws + "));\n";
    b[3] += "  c[" + ws + "] = w" + ws + ";\n";
  }
  b[0] += "  return out;\n";
  b[2] += "  return out;\n";
  Four(o, f.cpp, key, b);
}

// The lifting function of `t` in view form: VLoad_/VLift_ when it has one, else the owned one.
std::string ViewFn(const Type& t, bool memory) {
  std::string k = TypeKey(t);
  if (!HasViewForm(t)) return (memory ? "Load_" : "Lift_") + k;
  return (memory ? "VLoad_" : "VLift_") + k;
}

// Elements a list view can borrow in place: the C++ type's layout is the ABI's.
bool DirectElement(const Type& er) {
  if (er.kind == Type::Kind::kNamed) return er.def->kind == TypeDef::Kind::kEnum;
  if (er.kind != Type::Kind::kPrim) return false;
  switch (er.prim) {
    case Prim::kS8: case Prim::kU8: case Prim::kS16: case Prim::kU16:
    case Prim::kS32: case Prim::kU32: case Prim::kS64: case Prim::kU64:
      return true;
    default:
      return false;
  }
}

// For a list element whose view form may already be laid out as the ABI's element (a string:
// std::string_view; a tuple of strings: std::tuple<std::string_view, ...>), the guest
// expression that checks it (folds to a constant), so the list is viewed in place; else "".
std::string InPlaceViewCheck(const Type& er, const std::string& ecpp) {
  auto is_string = [](const Type& t) {
    const Type& r = Resolve(t);
    return r.kind == Type::Kind::kPrim && r.prim == Prim::kString;
  };
  if (is_string(er)) return "wg::StringViewIsAbi()";
  if (er.kind != Type::Kind::kTuple || er.args.empty()) return "";
  for (const auto& a : er.args) {
    if (!is_string(*a)) return "";
  }
  return "wg::StringTupleIsAbi<" + ecpp + ">()";
}

void ViewHelpers(std::ostringstream& o, const Package& pkg, const Type& r) {
  std::string key = TypeKey(r), cpp = CppViewType(pkg, r);
  std::string mem, flat;  // bodies of VLoad_ and VLift_
  if (r.kind == Type::Kind::kPrim) {
    mem = "  return wg::ViewString(wg::Load<uint32_t>(p), wg::Load<uint32_t>(p + 4));\n";
    flat = "  return wg::ViewString(c[0], c[1]);\n";
  } else if (r.kind == Type::Kind::kList) {
    const Type& er = Resolve(*r.args[0]);
    std::string ecpp = CppViewType(pkg, er);
    Layout l = LayoutOf(er);
    o << "[[maybe_unused]] " << cpp << " VTake_" << key << "(uint32_t ptr, uint32_t len) {\n";
    if (DirectElement(er)) {
      o << "  return " << cpp << "(reinterpret_cast<const " << ecpp << "*>(wg::Ptr(ptr)), len);\n";
    } else {
      std::string in_place = InPlaceViewCheck(er, ecpp);
      if (!in_place.empty()) {
        o << "  if (" << in_place << ") return " << cpp << "(reinterpret_cast<const " << ecpp
          << "*>(wg::Ptr(ptr)), len);\n";
      }
      o << "  " << ecpp << "* out = reinterpret_cast<" << ecpp << "*>(wg::Ptr(wg::Alloc(len * sizeof("
        << ecpp << "), alignof(" << ecpp << "))));\n"
        << "  for (uint32_t i = 0; i < len; ++i) new (out + i) " << ecpp << "(" << ViewFn(er, true)
        << "(ptr + i * " << l.size << "));\n  return " << cpp << "(out, len);\n";
    }
    o << "}\n";
    mem = "  return VTake_" + key + "(wg::Load<uint32_t>(p), wg::Load<uint32_t>(p + 4));\n";
    flat = "  return VTake_" + key + "(static_cast<uint32_t>(c[0]), static_cast<uint32_t>(c[1]));\n";
  } else if (IsRecordLike(r)) {
    std::vector<const Type*> m = Members(r);
    std::vector<uint32_t> offs = FieldOffsets(m);
    std::vector<size_t> fl = FlatOffsets(m);
    mem = flat = "  return " + cpp + "{";
    for (size_t i = 0; i < m.size(); ++i) {
      std::string sep = i ? ", " : "";
      mem += sep + ViewFn(*m[i], true) + "(p + " + std::to_string(offs[i]) + ")";
      flat += sep + ViewFn(*m[i], false) + "(c + " + std::to_string(fl[i]) + ")";
    }
    mem += "};\n";
    flat += "};\n";
  } else {
    CaseShape s = CaseShapeOf(pkg, r);
    s.cpp = cpp;
    std::string off = std::to_string(s.payload_offset);
    mem = "  switch (wg::Load<" + std::string(DiscType(s.disc_size)) + ">(p)) {\n";
    flat = "  switch (static_cast<uint32_t>(c[0])) {\n";
    for (size_t i = 0; i < s.count; ++i) {
      std::string ci = "    case " + std::to_string(i) + ": return ";
      const Type* pt = s.payloads[i];
      mem += ci + s.MakeExpr(i, pt ? ViewFn(*pt, true) + "(p + " + off + ")" : "") + ";\n";
      flat += ci + s.MakeExpr(i, pt ? ViewFn(*pt, false) + "(c + 1)" : "") + ";\n";
    }
    mem += "    default: __builtin_trap();\n  }\n";
    flat += "    default: __builtin_trap();\n  }\n";
  }
  o << "[[maybe_unused]] " << cpp << " VLoad_" << key << "(uint32_t p) {\n" << mem << "}\n";
  o << "[[maybe_unused]] " << cpp << " VLift_" << key << "(const uint64_t* c) {\n" << flat
    << "}\n\n";
}

// The lowering function of `t` in view form: VStore_/VLower_ when it has one, else the owned one.
std::string ViewLowerFn(const Type& t, bool memory) {
  std::string k = TypeKey(t);
  if (!HasViewForm(t)) return (memory ? "Store_" : "Lower_") + k;
  return (memory ? "VStore_" : "VLower_") + k;
}

// VStore_/VLower_ lowering an export result's view form. Strings and arrays whose C++ layout is
// the ABI's (direct elements; string_view on wasm32, see wg::StringViewIsAbi) are passed in
// place; other arrays are allocated and logged. The viewed bytes live until cabi_post.
void ViewLowerHelpers(std::ostringstream& o, const Package& pkg, const Type& r) {
  std::string key = TypeKey(r), cpp = CppViewType(pkg, r);
  std::string mem, flat;  // bodies of VStore_ and VLower_
  if (r.kind == Type::Kind::kPrim) {
    mem = "  wg::Store<uint32_t>(p, wg::Addr(v.data()));\n"
          "  wg::Store<uint32_t>(p + 4, static_cast<uint32_t>(v.size()));\n";
    flat = "  c[0] = wg::Addr(v.data());\n  c[1] = v.size();\n";
  } else if (r.kind == Type::Kind::kList) {
    const Type& er = Resolve(*r.args[0]);
    Layout l = LayoutOf(er);
    std::string sz = std::to_string(l.size);
    o << "[[maybe_unused]] uint32_t VGive_" << key << "(" << cpp << " v) {\n";
    bool string_elem = er.kind == Type::Kind::kPrim && er.prim == Prim::kString;
    if (DirectElement(er)) {
      o << "  return wg::Addr(v.data());\n";
    } else {
      if (string_elem) o << "  if (wg::StringViewIsAbi()) return wg::Addr(v.data());\n";
      o << "  uint32_t ptr = wg::Alloc(v.size() * " << sz << ", " << l.align << ");\n"
        << "  for (size_t i = 0; i < v.size(); ++i) " << ViewLowerFn(er, true)
        << "(v[i], ptr + i * " << sz << ");\n  return ptr;\n";
    }
    o << "}\n";
    mem = "  wg::Store<uint32_t>(p, VGive_" + key +
          "(v));\n  wg::Store<uint32_t>(p + 4, static_cast<uint32_t>(v.size()));\n";
    flat = "  c[0] = VGive_" + key + "(v);\n  c[1] = v.size();\n";
  } else if (IsRecordLike(r)) {
    std::vector<const Type*> m = Members(r);
    std::vector<uint32_t> offs = FieldOffsets(m);
    std::vector<size_t> fl = FlatOffsets(m);
    for (size_t i = 0; i < m.size(); ++i) {
      std::string acc = MemberExpr(r, i, "v");
      mem += "  " + ViewLowerFn(*m[i], true) + "(" + acc + ", p + " + std::to_string(offs[i]) +
             ");\n";
      flat += "  " + ViewLowerFn(*m[i], false) + "(" + acc + ", c + " + std::to_string(fl[i]) +
              ");\n";
    }
  } else {
    CaseShape s = CaseShapeOf(pkg, r);
    s.cpp = cpp;
    std::string d = DiscType(s.disc_size), off = std::to_string(s.payload_offset);
    mem = flat = "  switch (" + s.IndexExpr("v") + ") {\n";
    for (size_t i = 0; i < s.count; ++i) {
      std::string ci = "    case " + std::to_string(i) + ":";
      const Type* pt = s.payloads[i];
      mem += ci + "\n      wg::Store<" + d + ">(p, " + std::to_string(i) + ");\n";
      flat += ci + "\n      c[0] = " + std::to_string(i) + ";\n";
      if (pt) {
        std::string get = s.GetExpr(i, "v");
        mem += "      " + ViewLowerFn(*pt, true) + "(" + get + ", p + " + off + ");\n";
        flat += "      " + ViewLowerFn(*pt, false) + "(" + get + ", c + 1);\n";
      }
      mem += "      return;\n";
      flat += "      return;\n";
    }
    mem += "  }\n";
    flat += "  }\n";
  }
  o << "[[maybe_unused]] void VStore_" << key << "(const " << cpp << "& v, uint32_t p) {\n" << mem
    << "}\n";
  o << "[[maybe_unused]] void VLower_" << key << "(const " << cpp << "& v, uint64_t* c) {\n"
    << flat << "}\n\n";
}

void VisitViews(const Type* t, std::set<std::string>& seen, std::vector<const Type*>& out) {
  if (!t || !HasViewForm(*t)) return;
  const Type& r = Resolve(*t);
  if (seen.count(TypeKey(r))) return;
  for (const auto& a : r.args) VisitViews(a.get(), seen, out);
  if (r.kind == Type::Kind::kNamed) {
    for (const Field& f : r.def->fields) VisitViews(f.type.get(), seen, out);
  }
  if (seen.insert(TypeKey(r)).second) out.push_back(&r);
}

}  // namespace

std::string EmitGuestTypeHelpers(const Model& m) {
  std::string owned = EmitHelpersByShape(m, {Scalar, String, List, Record, Variant, Flags});
  std::set<std::string> seen;
  std::vector<const Type*> views;
  for (const FuncRef& f : ExportFuncs(m)) {
    for (const Param& p : f.func->params) VisitViews(p.type.get(), seen, views);
  }
  std::ostringstream o;
  for (const Type* t : views) ViewHelpers(o, *m.pkg, *t);
  seen.clear();
  views.clear();
  for (const FuncRef& f : ExportFuncs(m)) VisitViews(f.func->result.get(), seen, views);
  for (const Type* t : views) ViewLowerHelpers(o, *m.pkg, *t);
  return owned + o.str();
}

std::string ExportParamLift(const Type& t, bool memory) { return ViewFn(t, memory); }

std::string ExportResultLower(const Type& t, bool memory) { return ViewLowerFn(t, memory); }

}  // namespace witgen
