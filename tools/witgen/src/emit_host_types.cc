// Emits the wasm2c host's per-type helpers. Load/Lift check everything they read from guest
// memory (bounds, alignment, discriminants, UTF-8, chars) and return nullopt with the failure
// recorded in the Ctx; Store/Lower allocate through the guest's cabi_realloc.
#include <sstream>

#include "emit_common.h"
#include "host_types.h"
#include "names.h"

namespace witgen {
namespace {

struct Bodies {
  std::string load, store, lift, lower;
};

// `lower_attrs`: the attributes of Store_/Lower_ (small ones are forced inline).
// `lift_attrs`: those of Load_/Lift_.
void Emit(std::ostringstream& o, const std::string& cpp, const std::string& key, const Bodies& b,
          const std::string& lower_attrs = "[[maybe_unused]]",
          const std::string& lift_attrs = "[[maybe_unused]]") {
  o << lift_attrs << " std::optional<" << cpp << "> Load_" << key
    << "(wh::Ctx& c, uint32_t p) {\n"
    << b.load << "}\n"
    << lower_attrs << " bool Store_" << key << "(wh::Ctx& c, const " << cpp
    << "& v, uint32_t p) {\n"
    << b.store << "}\n"
    << lift_attrs << " std::optional<" << cpp << "> Lift_" << key
    << "(wh::Ctx& c, const uint64_t* cells) {\n"
    << b.lift << "}\n"
    << lower_attrs << " bool Lower_" << key << "(wh::Ctx& c, const " << cpp
    << "& v, uint64_t* cells) {\n"
    << b.lower << "}\n\n";
}

// An engaged std::optional<cpp> holding `expr`, which is built in place (wh::Elide): a lifted
// record or result is not moved through temporaries.
std::string Wrap(const std::string& cpp, const std::string& expr) {
  return "std::optional<" + cpp + ">(std::in_place, wh::Elide{[&] { return " + expr + "; }})";
}

void Scalar(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  std::string cpp = CppType(pkg, r);
  Bodies b;
  if (r.kind == Type::Kind::kNamed) {  // enum
    std::string d = DiscType(DiscriminantSize(r.def->cases.size()));
    std::string n = std::to_string(r.def->cases.size()), name = "\"" + r.def->name + "\"";
    std::string check = "  if (d >= " + n + ") {\n    c.BadDiscriminant(" + name +
                        ", d);\n    return std::nullopt;\n  }\n  return static_cast<" + cpp +
                        ">(d);\n";
    b.load = "  uint32_t d = c.Load<" + d + ">(p);\n" + check;
    b.lift = "  uint32_t d = static_cast<uint32_t>(cells[0]);\n" + check;
    b.store = "  c.Store<" + d + ">(p, static_cast<" + d + ">(v));\n  return true;\n";
    b.lower = "  cells[0] = static_cast<uint32_t>(v);\n  return true;\n";
  } else if (r.prim == Prim::kChar) {
    b.load = "  return c.LiftChar(c.Load<uint32_t>(p));\n";
    b.lift = "  return c.LiftChar(static_cast<uint32_t>(cells[0]));\n";
    b.store = "  c.Store<uint32_t>(p, static_cast<uint32_t>(v));\n  return true;\n";
    b.lower = "  cells[0] = static_cast<uint32_t>(v);\n  return true;\n";
  } else {
    b.load = "  return c.Load<" + cpp + ">(p);\n";
    b.lift = "  return ::witgen::LiftScalar<" + cpp + ">(cells[0]);\n";
    b.store = "  c.Store<" + cpp + ">(p, v);\n  return true;\n";
    b.lower = "  cells[0] = ::witgen::LowerScalar<" + cpp + ">(v);\n  return true;\n";
  }
  Emit(o, cpp, key, b);
}

void String(std::ostringstream& o, const std::string& key) {
  Bodies b;
  b.load = "  return c.LoadString(c.Load<uint32_t>(p), c.Load<uint32_t>(p + 4));\n";
  b.lift =
      "  return c.LoadString(static_cast<uint32_t>(cells[0]), static_cast<uint32_t>(cells[1]));\n";
  b.store = "  return c.StoreBytesAt(p, v.data(), v.size(), 1);\n";
  b.lower = "  return c.LowerBytesTo(cells, v.data(), v.size(), 1);\n";
  // Inlined: a request lowers many (mostly short or empty) strings.
  Emit(o, "std::string", key, b, "[[maybe_unused, gnu::always_inline]] inline");
}

void List(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  const Type& er = Resolve(*r.args[0]);
  std::string cpp = CppType(pkg, r), ecpp = CppType(pkg, er), ek = TypeKey(er);
  Layout l = LayoutOf(er);
  std::string sz = std::to_string(l.size), al = std::to_string(l.align);
  bool bytes = er.kind == Type::Kind::kPrim && (er.prim == Prim::kU8 || er.prim == Prim::kS8);
  bool strings = er.kind == Type::Kind::kPrim && er.prim == Prim::kString;
  if (bytes) {
    o << "[[maybe_unused]] std::optional<" << cpp << "> Take_" << key
      << "(wh::Ctx& c, uint32_t ptr, uint32_t len) {\n"
      << "  if (!c.CheckArray(ptr, len, " << sz << ", " << al
      << ", \"list\")) return std::nullopt;\n"
      << "  const " << ecpp << "* data = reinterpret_cast<const " << ecpp << "*>(c.Data(ptr));\n"
      << "  return std::optional<" << cpp << ">(std::in_place, data, data + len);\n}\n";
  } else {
    // Value forms (TakeV_, LoadV_, LiftV_): the list itself, empty after a failure, which is
    // recorded in the Ctx (callers check c.failed()). A record member built from them lands in
    // the record directly (no optional to move from and destroy). TakeV_ is inline and builds
    // an empty list (the common answer) at the caller after one check; TakeVAll_ (out of line)
    // does the rest. Every path returns `out`, so it is built in the caller's slot (NRVO).
    o << "[[maybe_unused]] " << cpp << " TakeVAll_" << key
      << "(wh::Ctx& c, uint32_t ptr, uint32_t len) {\n  " << cpp << " out;\n"
      << "  if (!c.CheckArray(ptr, len, " << sz << ", " << al
      << ", \"list\")) [[unlikely]] return out;\n"
      << "  if (len == 0) return out;\n  WITGEN_INLINE_CALL out.reserve(len);\n"
      << "  for (uint32_t i = 0; i < len; ++i) {\n";
    if (strings) {  // each string built in place from the checked guest bytes
      o << "    uint32_t sp = c.Load<uint32_t>(ptr + i * 8);\n"
        << "    uint32_t sl = c.Load<uint32_t>(ptr + i * 8 + 4);\n"
        << "    const char* s = c.StringAt(sp, sl);\n"
        << "    if (s == nullptr) [[unlikely]] return out;\n"
        << "    out.emplace_back(s, sl);\n";
    } else {
      o << "    auto e = Load_" << ek << "(c, ptr + i * " << sz << ");\n"
        << "    if (!e || c.failed()) [[unlikely]] return out;\n"
        << "    out.push_back(std::move(*e));\n";
    }
    const std::string inl = "[[maybe_unused, gnu::always_inline]] inline ";
    o << "  }\n  return out;\n}\n"
      << inl << cpp << " TakeV_" << key << "(wh::Ctx& c, uint32_t ptr, uint32_t len) {\n"
      << "  if (len == 0 && c.InBounds(ptr, 0, " << al << ")) [[likely]] return " << cpp
      << "();\n  return TakeVAll_" << key << "(c, ptr, len);\n}\n"
      << inl << cpp << " LoadV_" << key << "(wh::Ctx& c, uint32_t p) {\n"
      << "  return TakeV_" << key << "(c, c.Load<uint32_t>(p), c.Load<uint32_t>(p + 4));\n}\n"
      << inl << cpp << " LiftV_" << key << "(wh::Ctx& c, const uint64_t* cells) {\n"
      << "  return TakeV_" << key
      << "(c, static_cast<uint32_t>(cells[0]), static_cast<uint32_t>(cells[1]));\n}\n"
      << inl << "std::optional<" << cpp << "> Take_" << key
      << "(wh::Ctx& c, uint32_t ptr, uint32_t len) {\n"
      << "  std::optional<" << cpp << "> res(std::in_place, wh::Elide{[&] { return TakeV_" << key
      << "(c, ptr, len); }});\n  if (c.failed()) [[unlikely]] res.reset();\n  return res;\n}\n";
  }
  o << "[[maybe_unused]] bool Give_" << key << "(wh::Ctx& c, const " << cpp
    << "& v, uint32_t* ptr, uint32_t* len) {\n";
  if (bytes) {
    o << "  return c.PutBytes(v.data(), v.size(), 1, ptr, len);\n}\n";
  } else {
    o << "  if (!c.Length(v.size(), " << sz << ", len)) return false;\n"
      << "  if (!c.Alloc(*len * " << sz << ", " << al << ", ptr)) return false;\n"
      << "  for (uint32_t i = 0; i < *len; ++i) {\n"
      << "    if (!Store_" << ek << "(c, v[i], *ptr + i * " << sz << ")) return false;\n"
      << "  }\n  return true;\n}\n";
  }
  Bodies b;
  b.load = "  return Take_" + key + "(c, c.Load<uint32_t>(p), c.Load<uint32_t>(p + 4));\n";
  b.lift = "  return Take_" + key +
           "(c, static_cast<uint32_t>(cells[0]), static_cast<uint32_t>(cells[1]));\n";
  std::string give =
      "  uint32_t ptr = 0, len = 0;\n  if (!Give_" + key + "(c, v, &ptr, &len)) return false;\n";
  b.store =
      give + "  c.Store<uint32_t>(p, ptr);\n  c.Store<uint32_t>(p + 4, len);\n  return true;\n";
  b.lower = give + "  cells[0] = ptr;\n  cells[1] = len;\n  return true;\n";
  if (bytes) {  // like a string
    b.store = "  return c.StoreBytesAt(p, v.data(), v.size(), 1);\n";
    b.lower = "  return c.LowerBytesTo(cells, v.data(), v.size(), 1);\n";
  } else {
    // An empty list (common: a request's extra pairs, a config's optional lists) is two
    // stores at the caller, without entering the out-of-line Give_.
    b.store = "  if (v.empty()) {\n    c.Store<uint32_t>(p, 0);\n    c.Store<uint32_t>(p + 4, 0);\n"
              "    return true;\n  }\n" + b.store;
    b.lower = "  if (v.empty()) {\n    cells[0] = 0;\n    cells[1] = 0;\n    return true;\n  }\n" +
              b.lower;
  }
  Emit(o, cpp, key, b, "[[maybe_unused, gnu::always_inline]] inline",
       bytes ? "[[maybe_unused]]" : "[[maybe_unused, gnu::always_inline]] inline");
}

// Lifting a record-like value member by member: the statements loading each member into
// f0, f1, .. (returning nullopt on failure), for memory at `p + base` and for cells at
// `cells + base`, and the expression that builds the value from them.
struct MemberLoads {
  std::string load, lift, make_load, make_lift;
};
// True for a list lifted by value (LoadV_/LiftV_): any list but a byte list.
bool LiftsByValue(const Type& t) {
  const Type& r = Resolve(t);
  if (r.kind != Type::Kind::kList) return false;
  const Type& er = Resolve(*r.args[0]);
  return !(er.kind == Type::Kind::kPrim && (er.prim == Prim::kU8 || er.prim == Prim::kS8));
}
// A named record's list members are lifted straight into the record while it is built
// (wh::Elide of LoadV_/LiftV_); a failure there leaves the record built and the failure in the
// Ctx, which the consumers of a lifted value check (Invoke_<id>, import thunks, list loops).
MemberLoads MemberLoadsOf(const Package& pkg, const Type& r, uint32_t mem_base, size_t flat_base,
                          const std::string& indent) {
  std::vector<const Type*> mem = Members(r);
  std::vector<uint32_t> offs = FieldOffsets(mem);
  std::vector<size_t> flat = FlatOffsets(mem);
  const bool named_record = r.kind == Type::Kind::kNamed && r.def->kind == TypeDef::Kind::kRecord;
  MemberLoads m;
  std::string load_args, lift_args;
  for (size_t i = 0; i < mem.size(); ++i) {
    std::string k = TypeKey(*mem[i]), f = "f" + std::to_string(i), sep = i ? ", " : "";
    std::string mo = std::to_string(mem_base + offs[i]), fo = std::to_string(flat_base + flat[i]);
    if (named_record && LiftsByValue(*mem[i])) {
      load_args += sep + "wh::Elide{[&] { return LoadV_" + k + "(c, p + " + mo + "); }}";
      lift_args += sep + "wh::Elide{[&] { return LiftV_" + k + "(c, cells + " + fo + "); }}";
      continue;
    }
    std::string check = indent + "if (!" + f + ") return std::nullopt;\n";
    m.load += indent + "auto " + f + " = Load_" + k + "(c, p + " + mo + ");\n" + check;
    m.lift += indent + "auto " + f + " = Lift_" + k + "(c, cells + " + fo + ");\n" + check;
    load_args += sep + "std::move(*" + f + ")";
    lift_args += sep + "std::move(*" + f + ")";
  }
  m.make_load = CppType(pkg, r) + "{" + load_args + "}";
  m.make_lift = CppType(pkg, r) + "{" + lift_args + "}";
  return m;
}

void Record(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  std::string cpp = CppType(pkg, r);
  std::vector<const Type*> mem = Members(r);
  std::vector<uint32_t> offs = FieldOffsets(mem);
  std::vector<size_t> flat = FlatOffsets(mem);
  Bodies b;
  b.store = "  return ";
  b.lower = "  return ";
  for (size_t i = 0; i < mem.size(); ++i) {
    std::string k = TypeKey(*mem[i]), acc = MemberExpr(r, i, "v");
    std::string sep = i ? " &&\n         " : "";
    b.store += sep + "Store_" + k + "(c, " + acc + ", p + " + std::to_string(offs[i]) + ")";
    b.lower += sep + "Lower_" + k + "(c, " + acc + ", cells + " + std::to_string(flat[i]) + ")";
  }
  MemberLoads m = MemberLoadsOf(pkg, r, 0, 0, "  ");
  b.load = m.load + "  return " + Wrap(cpp, m.make_load) + ";\n";
  b.lift = m.lift + "  return " + Wrap(cpp, m.make_lift) + ";\n";
  b.store += ";\n";
  b.lower += ";\n";
  Emit(o, cpp, key, b);
}

// True for a named record: a variant case carrying one has its members lifted inline and the
// record built in place in the variant (a tuple could take the builder for an element).
bool InlineRecordPayload(const Type* pt) {
  if (pt == nullptr) return false;
  const Type& r = Resolve(*pt);
  return r.kind == Type::Kind::kNamed && r.def->kind == TypeDef::Kind::kRecord;
}

void Variant(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  CaseShape s = CaseShapeOf(pkg, r);
  std::string d = DiscType(s.disc_size), off = std::to_string(s.payload_offset);
  std::string name = r.kind == Type::Kind::kNamed ? r.def->name : key;
  Bodies b;
  b.load = "  uint32_t d = c.Load<" + d + ">(p);\n  switch (d) {\n";
  b.lift = "  uint32_t d = static_cast<uint32_t>(cells[0]);\n  switch (d) {\n";
  b.store = "  switch (" + s.IndexExpr("v") + ") {\n";
  b.lower = b.store;
  for (size_t i = 0; i < s.count; ++i) {
    std::string is = std::to_string(i), ci = "    case " + is + ": {\n";
    const Type* pt = s.payloads[i];
    if (pt) {
      std::string k = TypeKey(*pt);
      if (InlineRecordPayload(pt)) {
        // No temporary record: its members are lifted here and it is built in place.
        MemberLoads m = MemberLoadsOf(pkg, Resolve(*pt), s.payload_offset, 1, "      ");
        auto ret = [&](const std::string& make) {
          return "      return " +
                 Wrap(s.cpp, s.MakeExpr(i, "wh::Elide{[&] { return " + make + "; }}")) +
                 ";\n    }\n";
        };
        b.load += ci + m.load + ret(m.make_load);
        b.lift += ci + m.lift + ret(m.make_lift);
      } else {
        std::string ret = "      if (!x) return std::nullopt;\n      return " +
                          Wrap(s.cpp, s.MakeExpr(i, "std::move(*x)")) + ";\n    }\n";
        b.load += ci + "      auto x = Load_" + k + "(c, p + " + off + ");\n" + ret;
        b.lift += ci + "      auto x = Lift_" + k + "(c, cells + 1);\n" + ret;
      }
      b.store += ci + "      c.Store<" + d + ">(p, " + is + ");\n      return Store_" + k + "(c, " +
                 s.GetExpr(i, "v") + ", p + " + off + ");\n    }\n";
      b.lower += ci + "      cells[0] = " + is + ";\n      return Lower_" + k + "(c, " +
                 s.GetExpr(i, "v") + ", cells + 1);\n    }\n";
    } else {
      std::string ret = "      return " + Wrap(s.cpp, s.MakeExpr(i, "")) + ";\n    }\n";
      b.load += ci + ret;
      b.lift += ci + ret;
      b.store += ci + "      c.Store<" + d + ">(p, " + is + ");\n      return true;\n    }\n";
      b.lower += ci + "      cells[0] = " + is + ";\n      return true;\n    }\n";
    }
  }
  std::string bad = "  }\n  c.BadDiscriminant(\"" + name + "\", d);\n  return std::nullopt;\n";
  b.load += bad;
  b.lift += bad;
  b.store += "  }\n  return c.Fail(\"invalid host value\");\n";
  b.lower += "  }\n  return c.Fail(\"invalid host value\");\n";
  Emit(o, s.cpp, key, b);
}

void Flags(std::ostringstream& o, const Package& pkg, const Type& r, const std::string& key) {
  const FlagsCode f = FlagsCodeOf(pkg, r);
  Bodies b;
  b.load = "  " + f.cpp + " out;\n";
  b.lift = b.load;
  for (uint32_t w = 0; w < f.words; ++w) {
    std::string ws = std::to_string(w);
    b.load += "  uint32_t w" + ws + " = c.Load<" + f.mem_t + ">(p + " + std::to_string(4 * w) +
              ");\n";
    b.lift += "  uint32_t w" + ws + " = static_cast<uint32_t>(cells[" + ws + "]);\n";
  }
  b.load += f.unpack;
  b.lift += f.unpack;
  b.store = f.pack;
  b.lower = f.pack;
  for (uint32_t w = 0; w < f.words; ++w) {
    std::string ws = std::to_string(w);
    b.store += "  c.Store<" + f.mem_t + ">(p + " + std::to_string(4 * w) + ", static_cast<" +
               f.mem_t + ">(w" + ws + "));\n";
    b.lower += "  cells[" + ws + "] = w" + ws + ";\n";
  }
  b.load += "  return out;\n";
  b.lift += "  return out;\n";
  b.store += "  return true;\n";
  b.lower += "  return true;\n";
  Emit(o, f.cpp, key, b);
}

// Extra_<key>(v): the bytes of out-of-line data (strings, list arrays) lowering `v` allocates,
// each allocation rounded up to 8 — what it takes from a block reserved with Ctx::Reserve.
// Only types with a string or a list have any (HasViewForm).
void Extra(std::ostringstream& o, const Package& pkg, const Type& r) {
  std::string key = TypeKey(r);
  o << "[[maybe_unused]] uint64_t Extra_" << key << "(const " << CppType(pkg, r) << "& v) {\n";
  if (r.kind == Type::Kind::kPrim) {
    o << "  return wh::Round8(v.size());\n";
  } else if (r.kind == Type::Kind::kList) {
    const Type& er = Resolve(*r.args[0]);
    o << "  uint64_t n = wh::Round8(static_cast<uint64_t>(v.size()) * " << LayoutOf(er).size
      << ");\n";
    if (HasViewForm(er)) o << "  for (const auto& e : v) n += Extra_" << TypeKey(er) << "(e);\n";
    o << "  return n;\n";
  } else if (IsRecordLike(r)) {
    std::vector<const Type*> mem = Members(r);
    o << "  return 0";
    for (size_t i = 0; i < mem.size(); ++i) {
      if (HasViewForm(*mem[i])) {
        o << " + Extra_" << TypeKey(*mem[i]) << "(" << MemberExpr(r, i, "v") << ")";
      }
    }
    o << ";\n";
  } else {
    CaseShape s = CaseShapeOf(pkg, r);
    o << "  switch (" << s.IndexExpr("v") << ") {\n";
    for (size_t i = 0; i < s.count; ++i) {
      if (s.payloads[i] && HasViewForm(*s.payloads[i])) {
        o << "    case " << i << ": return Extra_" << TypeKey(*s.payloads[i]) << "("
          << s.GetExpr(i, "v") << ");\n";
      }
    }
    o << "    default: return 0;\n  }\n";
  }
  o << "}\n\n";
}

}  // namespace

std::string EmitHostTypeHelpers(const Model& m) {
  std::ostringstream o;
  for (const Type* t : HelperTypes(m)) {
    if (HasViewForm(*t)) Extra(o, *m.pkg, *t);
  }
  return EmitHelpersByShape(m, {Scalar, String, List, Record, Variant, Flags}) + o.str();
}

}  // namespace witgen
