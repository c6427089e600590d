// Emits the guest's per-type Canonical ABI helpers: Load/Store (linear memory) and Lift/Lower
// (flat cells). The guest trusts the host to follow the ABI, and takes ownership of the
// buffers it lifts (freeing them once copied).
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
      "  wg::Store<uint32_t>(p, wg::CopyOut(v.data(), v.size(), 1));\n"
      "  wg::Store<uint32_t>(p + 4, static_cast<uint32_t>(v.size()));\n",
      "  return wg::TakeString(static_cast<uint32_t>(c[0]), static_cast<uint32_t>(c[1]));\n",
      "  c[0] = wg::CopyOut(v.data(), v.size(), 1);\n  c[1] = v.size();\n"};
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
  o << "  wg::Free(ptr, len);\n  return out;\n}\n";
  o << "[[maybe_unused]] uint32_t Give_" << key << "(const " << cpp << "& v) {\n";
  if (bytes) {
    o << "  return wg::CopyOut(v.data(), v.size(), 1);\n}\n";
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

}  // namespace

std::string EmitGuestTypeHelpers(const Model& m) {
  return EmitHelpersByShape(m, {Scalar, String, List, Record, Variant, Flags});
}

}  // namespace witgen
