// Unicode building blocks of the email validator: strict UTF-8 decoding, the UTS #46 status
// lookup, combining classes and marks, and NFC normalisation (UAX #15) over the tables that
// tools/idnagen generates (unicode_tables.h). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/email/unicode_tables.h"

namespace warden::core::email {

// Decodes the scalar value starting at text[*pos] and advances *pos past it. Returns false
// (leaving *pos unchanged) for anything that is not well-formed UTF-8: a stray continuation
// byte, a truncated sequence, an overlong form, a surrogate (U+D800..U+DFFF, i.e. WTF-8 /
// CESU-8 encoded lone surrogates) or a value above U+10FFFF.
bool DecodeUtf8(std::string_view text, size_t* pos, char32_t* code_point);

// True when all of `text` is well-formed UTF-8 (see DecodeUtf8).
bool IsValidUtf8(std::string_view text);

// Appends the UTF-8 encoding of a scalar value.
void AppendUtf8(char32_t code_point, std::string* out);

// The replacement of a UTS #46 "mapped" code point: one code point (`single` != 0) or UTF-8.
struct IdnaMapping {
  char32_t single = 0;
  std::string_view text;
};

// The UTS #46 status of `code_point`; for kMapped, *mapping (when not null) receives the
// replacement.
tables::IdnaStatus IdnaStatusOf(char32_t code_point, IdnaMapping* mapping);

// Canonical_Combining_Class (0 for starters and unassigned code points).
uint8_t CombiningClass(char32_t code_point);

// Bidi_Class (reduced to the classes RFC 5893 names).
tables::BidiClass BidiClassOf(char32_t code_point);

// General_Category M (Mn, Mc, Me).
bool IsCombiningMark(char32_t code_point);

// Appends the full canonical decomposition of `code_point` (itself when it has none).
void CanonicalDecomposition(char32_t code_point, std::u32string* out);

// True when NFC leaves `code_point` as it is and never combines it with a neighbour (a
// starter outside tables::kNfcUnsafe): a string of such code points is its own NFC.
bool IsNfcInert(char32_t code_point);

// Rewrites `text` into Normalization Form C.
void NormalizeNfc(std::u32string* text);

// The NFC form of well-formed UTF-8 `text` (invalid sequences are dropped).
std::string NfcUtf8(std::string_view text);

}  // namespace warden::core::email
