// The Unicode tables of the email validator's IDNA processing, generated at configure time by
// tools/idnagen from pinned inputs: the UTS #46 mapping table of the tr46 npm package
// (bindings/node/node_modules/tr46/lib/mappingTable.json) and Debian unicode-data's
// UnicodeData.txt and CompositionExclusions.txt. All arrays are sorted by code point, so
// lookups are binary searches (skipped below a table's first entry where that tells the
// answer). Lookup helpers: core/email/unicode.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace warden::core::email::tables {

// UTS #46 status of a code point (nontransitional processing: deviations stay valid).
enum class IdnaStatus : uint8_t { kValid, kMapped, kDeviation, kDisallowed, kIgnored };

// How a range stores its data: an IdnaStatus (0-4) or one of two compact forms of kMapped.
enum class IdnaRangeKind : uint8_t {
  kMappedDelta = 5,        // every code point maps to itself + (int32_t)mapping
  kMappedAlternating = 6,  // even offsets from start map to code point + 1, odd ones are valid
};

// A run of code points from `start` up to the next range's start: `start_status` = start << 3
// | status or kind; for kMapped `mapping` = pool offset << 8 | UTF-8 length in
// kIdnaMappingPool, for kMappedDelta the delta. Covers U+0000..U+10FFFF without gaps.
struct IdnaRange {
  uint32_t start_status;
  uint32_t mapping;
};
extern const IdnaRange kIdnaRanges[];
extern const size_t kIdnaRangeCount;
// kIdnaBlockIndex[c >> 8]: the index of the range holding code point (c >> 8) << 8, for the
// 0x1100 blocks of 256 code points; a lookup searches only the ranges of its block.
constexpr size_t kIdnaBlockCount = 0x1100;
extern const uint16_t kIdnaBlockIndex[];
extern const unsigned char kIdnaMappingPool[];

// A canonical decomposition, fully expanded: kDecompositionPool[offset, offset + length).
struct Decomposition {
  char32_t code_point;
  uint16_t offset;
  uint16_t length;
};
extern const Decomposition kDecompositions[];
extern const size_t kDecompositionCount;
extern const char32_t kDecompositionPool[];

// A primary composite: first + second → composite (exclusions and singletons left out).
struct Composition {
  char32_t first;
  char32_t second;
  char32_t composite;
};
extern const Composition kCompositions[];
extern const size_t kCompositionCount;

// Canonical_Combining_Class for [first, last]; code points not covered have class 0.
struct CombiningClassRange {
  char32_t first;
  char32_t last;
  uint8_t combining_class;
};
extern const CombiningClassRange kCombiningClasses[];
extern const size_t kCombiningClassCount;

// Bidi_Class, as far as the Bidi rule (RFC 5893) tells them apart; the rest is kOther.
enum class BidiClass : uint8_t { kL, kR, kAL, kEN, kES, kET, kAN, kCS, kNSM, kBN, kON, kOther };
// start << 4 | BidiClass, from start up to the next entry's start; covers U+0000..U+10FFFF.
extern const uint32_t kBidiClasses[];
extern const size_t kBidiClassCount;

// General_Category Mn, Mc or Me.
struct CodePointRange {
  char32_t first;
  char32_t last;
};
extern const CodePointRange kMarks[];
extern const size_t kMarkCount;

// The code points NFC (core/email/unicode.cc) may change or combine with a neighbour: non-zero
// combining classes, second parts of compositions, decompositions that do not compose back,
// Hangul. A string of code points outside these ranges is its own NFC.
extern const CodePointRange kNfcUnsafe[];
extern const size_t kNfcUnsafeCount;

// The lowest code point of Bidi_Class R, AL or AN: below it no code point makes a domain name
// a Bidi domain name.
extern const char32_t kFirstRtlCodePoint;

}  // namespace warden::core::email::tables
