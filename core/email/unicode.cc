// Unicode helpers (see unicode.h).
#include "core/email/unicode.h"

#include <algorithm>

namespace warden::core::email {
namespace {

using tables::IdnaStatus;

// Hangul syllable composition constants (Unicode §3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

void Decompose(char32_t c, std::u32string* out) {
  if (c < tables::kDecompositions[0].code_point) {
    out->push_back(c);
    return;
  }
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t s = c - kSBase;
    out->push_back(kLBase + s / kNCount);
    out->push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount != 0) out->push_back(kTBase + s % kTCount);
    return;
  }
  const auto* end = tables::kDecompositions + tables::kDecompositionCount;
  const auto* it = std::lower_bound(tables::kDecompositions, end, c,
      [](const tables::Decomposition& d, char32_t v) { return d.code_point < v; });
  if (it == end || it->code_point != c) {
    out->push_back(c);
    return;
  }
  out->append(tables::kDecompositionPool + it->offset, it->length);
}

// The primary composite of a + b, or 0.
char32_t Compose(char32_t a, char32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount) {
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  }
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase &&
      b < kTBase + kTCount) {
    return a + (b - kTBase);
  }
  const auto* end = tables::kCompositions + tables::kCompositionCount;
  const auto* it = std::lower_bound(tables::kCompositions, end, std::pair{a, b},
      [](const tables::Composition& c, std::pair<char32_t, char32_t> v) {
        return c.first < v.first || (c.first == v.first && c.second < v.second);
      });
  return (it != end && it->first == a && it->second == b) ? it->composite : 0;
}

// Canonical ordering: a stable sort of each run of non-starters by combining class.
void ReorderMarks(std::u32string* text) {
  std::u32string& s = *text;
  for (size_t i = 1; i < s.size(); ++i) {
    const uint8_t cc = CombiningClass(s[i]);
    if (cc == 0) continue;
    size_t j = i;
    while (j > 0 && CombiningClass(s[j - 1]) > cc) {
      std::swap(s[j - 1], s[j]);
      --j;
    }
  }
}

void ComposeInPlace(std::u32string* text) {
  std::u32string& s = *text;
  if (s.empty()) return;
  size_t starter = 0;
  int last_class = CombiningClass(s[0]) == 0 ? 0 : 256;
  size_t out = 1;
  for (size_t i = 1; i < s.size(); ++i) {
    const char32_t c = s[i];
    const int cc = CombiningClass(c);
    const char32_t composite = last_class == 256 ? 0 : Compose(s[starter], c);
    if (composite != 0 && (last_class < cc || last_class == 0)) {
      s[starter] = composite;
      continue;
    }
    if (cc == 0) starter = out;
    last_class = cc;
    s[out++] = c;
  }
  s.resize(out);
}

}  // namespace

bool DecodeUtf8(std::string_view text, size_t* pos, char32_t* code_point) {
  const size_t i = *pos;
  if (i >= text.size()) return false;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *code_point = b0;
    *pos = i + 1;
    return true;
  }
  int length;
  char32_t value, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, value = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, value = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (text.size() - i < static_cast<size_t>(length)) return false;
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return false;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
  *code_point = value;
  *pos = i + length;
  return true;
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  char32_t c;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
    } else if (!DecodeUtf8(text, &pos, &c)) {
      return false;
    }
  }
  return true;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

IdnaStatus IdnaStatusOf(char32_t c, IdnaMapping* mapping) {
  // The last range starting at or before c: one of those from the range holding the start of
  // c's block to the one holding the start of the next block.
  const size_t block = std::min<size_t>(c >> 8, tables::kIdnaBlockCount - 1);
  const auto* begin = tables::kIdnaRanges + tables::kIdnaBlockIndex[block] + 1;
  const auto* end = block + 1 < tables::kIdnaBlockCount
                        ? tables::kIdnaRanges + tables::kIdnaBlockIndex[block + 1] + 1
                        : tables::kIdnaRanges + tables::kIdnaRangeCount;
  const auto* it = std::upper_bound(begin, end, c,
      [](char32_t v, const tables::IdnaRange& r) { return v < (r.start_status >> 3); });
  const tables::IdnaRange& range = *(it - 1);
  const char32_t start = range.start_status >> 3;
  IdnaMapping result;
  switch (range.start_status & 7) {
    case static_cast<int>(tables::IdnaRangeKind::kMappedDelta):
      result.single = static_cast<char32_t>(c + range.mapping);  // two's complement delta
      break;
    case static_cast<int>(tables::IdnaRangeKind::kMappedAlternating):
      if ((c - start) % 2 == 1) return IdnaStatus::kValid;
      result.single = c + 1;
      break;
    case static_cast<int>(IdnaStatus::kMapped):
      result.text = std::string_view(
          reinterpret_cast<const char*>(tables::kIdnaMappingPool) + (range.mapping >> 8),
          range.mapping & 0xFF);
      break;
    default:
      return static_cast<IdnaStatus>(range.start_status & 7);
  }
  if (mapping != nullptr) *mapping = result;
  return IdnaStatus::kMapped;
}

uint8_t CombiningClass(char32_t c) {
  if (c < 0x300) return 0;
  const auto* end = tables::kCombiningClasses + tables::kCombiningClassCount;
  const auto* it = std::lower_bound(tables::kCombiningClasses, end, c,
      [](const tables::CombiningClassRange& r, char32_t v) { return r.last < v; });
  return (it != end && it->first <= c) ? it->combining_class : 0;
}

tables::BidiClass BidiClassOf(char32_t c) {
  const auto* begin = tables::kBidiClasses;
  const auto* it = std::upper_bound(begin, begin + tables::kBidiClassCount, c,
      [](char32_t v, uint32_t entry) { return v < (entry >> 4); });
  return static_cast<tables::BidiClass>(*(it - 1) & 0xF);
}

bool IsCombiningMark(char32_t c) {
  if (c < 0x300) return false;
  const auto* end = tables::kMarks + tables::kMarkCount;
  const auto* it = std::lower_bound(tables::kMarks, end, c,
      [](const tables::CodePointRange& r, char32_t v) { return r.last < v; });
  return it != end && it->first <= c;
}

void CanonicalDecomposition(char32_t code_point, std::u32string* out) {
  Decompose(code_point, out);
}

bool IsNfcInert(char32_t c) {
  if (c < tables::kNfcUnsafe[0].first) return true;
  const auto* end = tables::kNfcUnsafe + tables::kNfcUnsafeCount;
  const auto* it = std::lower_bound(tables::kNfcUnsafe, end, c,
      [](const tables::CodePointRange& r, char32_t v) { return r.last < v; });
  return it == end || it->first > c;
}

void NormalizeNfc(std::u32string* text) {
  bool inert = true;
  for (char32_t c : *text) inert = inert && IsNfcInert(c);
  if (inert) return;
  std::u32string decomposed;
  decomposed.reserve(text->size() + 8);
  for (char32_t c : *text) Decompose(c, &decomposed);
  ReorderMarks(&decomposed);
  ComposeInPlace(&decomposed);
  *text = std::move(decomposed);
}

std::string NfcUtf8(std::string_view text) {
  bool inert = true;  // well-formed, and its own NFC
  for (size_t at = 0; inert && at < text.size();) {
    char32_t code_point;
    inert = DecodeUtf8(text, &at, &code_point) && IsNfcInert(code_point);
  }
  if (inert) return std::string(text);
  std::u32string code_points;
  code_points.reserve(text.size());
  size_t pos = 0;
  char32_t c;
  while (pos < text.size()) {
    if (DecodeUtf8(text, &pos, &c)) {
      code_points.push_back(c);
    } else {
      ++pos;
    }
  }
  NormalizeNfc(&code_points);
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : code_points) AppendUtf8(cp, &out);
  return out;
}

}  // namespace warden::core::email
