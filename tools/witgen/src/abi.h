// Canonical ABI layout: sizes, alignments, discriminants and flattening of WIT types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ast.h"

namespace witgen {

enum class FlatType { kI32, kI64, kF32, kF64 };

// The Canonical ABI's limits on flat function signatures.
inline constexpr size_t kMaxFlatParams = 16;
inline constexpr size_t kMaxFlatResults = 1;

struct Layout {
  uint32_t size = 0;
  uint32_t align = 1;
};

uint32_t AlignTo(uint32_t offset, uint32_t align);
// Size in bytes of the discriminant of a variant/enum with `cases` cases (1, 2 or 4).
uint32_t DiscriminantSize(size_t cases);
// Number of 32-bit words a flags type with `n` flags occupies when flattened.
uint32_t FlagWords(size_t n);
// Memory layout of `t` (aliases looked through).
Layout LayoutOf(const Type& t);
Layout LayoutOfDef(const TypeDef& def);
// Layout of a record with these members (also a function's parameter area).
Layout RecordLayoutOf(const std::vector<const Type*>& members);
// Offset of the payload in a variant-like type with the given cases (null = no payload).
uint32_t PayloadOffset(size_t cases, const std::vector<const Type*>& payloads);
// Byte offsets of record/tuple members.
std::vector<uint32_t> FieldOffsets(const std::vector<const Type*>& members);
// Flattened core types of `t`, with variant payloads joined.
std::vector<FlatType> FlatOf(const Type& t);
std::vector<FlatType> FlatOfDef(const TypeDef& def);
// Flattened variant: i32 discriminant then the joined payloads.
std::vector<FlatType> FlatVariant(const std::vector<const Type*>& payloads);
// C spelling of a flat type in generated code: uint32_t, uint64_t, float, double.
const char* FlatCType(FlatType f);
// Payload types of variant-like types (variant, option, result) as a list; null = none.
std::vector<const Type*> CasePayloads(const Type& resolved);
// Member types of record-like types (record, tuple).
std::vector<const Type*> Members(const Type& resolved);

}  // namespace witgen
