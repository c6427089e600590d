// Canonical ABI layout rules (component-model design/mvp/CanonicalABI.md).
#include "abi.h"

#include <algorithm>

namespace witgen {

uint32_t AlignTo(uint32_t offset, uint32_t align) { return (offset + align - 1) / align * align; }

uint32_t DiscriminantSize(size_t cases) {
  if (cases <= 256) return 1;
  if (cases <= 65536) return 2;
  return 4;
}

uint32_t FlagWords(size_t n) { return static_cast<uint32_t>((n + 31) / 32); }

Layout RecordLayoutOf(const std::vector<const Type*>& members);

static Layout PrimLayout(Prim p) {
  switch (p) {
    case Prim::kBool:
    case Prim::kS8:
    case Prim::kU8:
      return {1, 1};
    case Prim::kS16:
    case Prim::kU16:
      return {2, 2};
    case Prim::kS32:
    case Prim::kU32:
    case Prim::kF32:
    case Prim::kChar:
      return {4, 4};
    case Prim::kS64:
    case Prim::kU64:
    case Prim::kF64:
      return {8, 8};
    case Prim::kString:
      return {8, 4};
  }
  return {};
}

Layout RecordLayoutOf(const std::vector<const Type*>& members) {
  Layout l{0, 1};
  for (const Type* m : members) {
    Layout ml = LayoutOf(*m);
    l.size = AlignTo(l.size, ml.align) + ml.size;
    l.align = std::max(l.align, ml.align);
  }
  l.size = AlignTo(l.size, l.align);
  return l;
}

static Layout VariantLayout(size_t cases, const std::vector<const Type*>& payloads) {
  uint32_t disc = DiscriminantSize(cases);
  uint32_t align = disc, max_size = 0;
  for (const Type* p : payloads) {
    if (!p) continue;
    Layout pl = LayoutOf(*p);
    align = std::max(align, pl.align);
    max_size = std::max(max_size, pl.size);
  }
  uint32_t size = AlignTo(disc, align) + max_size;
  return {AlignTo(size, align), align};
}

std::vector<const Type*> CasePayloads(const Type& t) {
  std::vector<const Type*> out;
  if (t.kind == Type::Kind::kOption) {
    out = {nullptr, t.args[0].get()};
  } else if (t.kind == Type::Kind::kResult) {
    out = {t.args[0].get(), t.args[1].get()};
  } else if (t.kind == Type::Kind::kNamed) {
    for (const Field& f : t.def->fields) out.push_back(f.type.get());
  }
  return out;
}

std::vector<const Type*> Members(const Type& t) {
  std::vector<const Type*> out;
  if (t.kind == Type::Kind::kTuple) {
    for (const auto& a : t.args) out.push_back(a.get());
  } else if (t.kind == Type::Kind::kNamed) {
    for (const Field& f : t.def->fields) out.push_back(f.type.get());
  }
  return out;
}

uint32_t PayloadOffset(size_t cases, const std::vector<const Type*>& payloads) {
  uint32_t align = 1;
  for (const Type* p : payloads) {
    if (p) align = std::max(align, LayoutOf(*p).align);
  }
  return AlignTo(DiscriminantSize(cases), align);
}

std::vector<uint32_t> FieldOffsets(const std::vector<const Type*>& members) {
  std::vector<uint32_t> out;
  uint32_t off = 0;
  for (const Type* m : members) {
    Layout ml = LayoutOf(*m);
    off = AlignTo(off, ml.align);
    out.push_back(off);
    off += ml.size;
  }
  return out;
}

Layout LayoutOfDef(const TypeDef& def) {
  switch (def.kind) {
    case TypeDef::Kind::kAlias:
      return LayoutOf(*def.alias);
    case TypeDef::Kind::kRecord: {
      std::vector<const Type*> m;
      for (const Field& f : def.fields) m.push_back(f.type.get());
      return RecordLayoutOf(m);
    }
    case TypeDef::Kind::kVariant: {
      std::vector<const Type*> p;
      for (const Field& f : def.fields) p.push_back(f.type.get());
      return VariantLayout(p.size(), p);
    }
    case TypeDef::Kind::kEnum: {
      uint32_t d = DiscriminantSize(def.cases.size());
      return {d, d};
    }
    case TypeDef::Kind::kFlags: {
      size_t n = def.cases.size();
      if (n <= 8) return {1, 1};
      if (n <= 16) return {2, 2};
      return {4 * FlagWords(n), 4};
    }
  }
  return {};
}

Layout LayoutOf(const Type& t0) {
  const Type& t = Resolve(t0);
  switch (t.kind) {
    case Type::Kind::kPrim:
      return PrimLayout(t.prim);
    case Type::Kind::kNamed:
      return LayoutOfDef(*t.def);
    case Type::Kind::kList:
      return {8, 4};
    case Type::Kind::kTuple:
      return RecordLayoutOf(Members(t));
    case Type::Kind::kOption:
    case Type::Kind::kResult:
      return VariantLayout(2, CasePayloads(t));
  }
  return {};
}

static FlatType Join(FlatType a, FlatType b) {
  if (a == b) return a;
  if ((a == FlatType::kI32 && b == FlatType::kF32) ||
      (a == FlatType::kF32 && b == FlatType::kI32)) {
    return FlatType::kI32;
  }
  return FlatType::kI64;
}

std::vector<FlatType> FlatVariant(const std::vector<const Type*>& payloads) {
  std::vector<FlatType> joined;
  for (const Type* p : payloads) {
    if (!p) continue;
    std::vector<FlatType> f = FlatOf(*p);
    for (size_t i = 0; i < f.size(); ++i) {
      if (i < joined.size()) {
        joined[i] = Join(joined[i], f[i]);
      } else {
        joined.push_back(f[i]);
      }
    }
  }
  joined.insert(joined.begin(), FlatType::kI32);
  return joined;
}

std::vector<FlatType> FlatOfDef(const TypeDef& def) {
  switch (def.kind) {
    case TypeDef::Kind::kAlias:
      return FlatOf(*def.alias);
    case TypeDef::Kind::kRecord: {
      std::vector<FlatType> out;
      for (const Field& f : def.fields) {
        std::vector<FlatType> ff = FlatOf(*f.type);
        out.insert(out.end(), ff.begin(), ff.end());
      }
      return out;
    }
    case TypeDef::Kind::kVariant: {
      std::vector<const Type*> p;
      for (const Field& f : def.fields) p.push_back(f.type.get());
      return FlatVariant(p);
    }
    case TypeDef::Kind::kEnum:
      return {FlatType::kI32};
    case TypeDef::Kind::kFlags:
      return std::vector<FlatType>(FlagWords(def.cases.size()), FlatType::kI32);
  }
  return {};
}

std::vector<FlatType> FlatOf(const Type& t0) {
  const Type& t = Resolve(t0);
  switch (t.kind) {
    case Type::Kind::kPrim:
      switch (t.prim) {
        case Prim::kS64:
        case Prim::kU64:
          return {FlatType::kI64};
        case Prim::kF32:
          return {FlatType::kF32};
        case Prim::kF64:
          return {FlatType::kF64};
        case Prim::kString:
          return {FlatType::kI32, FlatType::kI32};
        default:
          return {FlatType::kI32};
      }
    case Type::Kind::kNamed:
      return FlatOfDef(*t.def);
    case Type::Kind::kList:
      return {FlatType::kI32, FlatType::kI32};
    case Type::Kind::kTuple: {
      std::vector<FlatType> out;
      for (const auto& a : t.args) {
        std::vector<FlatType> f = FlatOf(*a);
        out.insert(out.end(), f.begin(), f.end());
      }
      return out;
    }
    case Type::Kind::kOption:
    case Type::Kind::kResult:
      return FlatVariant(CasePayloads(t));
  }
  return {};
}

const char* FlatCType(FlatType f) {
  switch (f) {
    case FlatType::kI32:
      return "uint32_t";
    case FlatType::kI64:
      return "uint64_t";
    case FlatType::kF32:
      return "float";
    case FlatType::kF64:
      return "double";
  }
  return "";
}

}  // namespace witgen
