// ASCII helpers for protocol text (header names, domains, user agents).
//
// Locale-independent by design: std::tolower depends on the C locale, and the core must decide
// byte-identically on every host. Non-ASCII bytes pass through unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace warden::core {

// Returns `c` lower-cased if it is an ASCII upper-case letter, else `c`.
constexpr char AsciiToLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
constexpr bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Value of a hex digit; only when IsAsciiHexDigit(c).
constexpr int HexDigitValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  return AsciiToLower(c) - 'a' + 10;
}

// AsciiToLower on each of the 8 bytes of `word`, without a branch: a byte is an upper-case
// letter when its low seven bits are at least 'A' and at most 'Z' and its top bit is clear.
// The additions cannot carry between bytes (each operand byte is at most 0x7f + 0x3f).
inline uint64_t AsciiToLowerWord(uint64_t word) {
  constexpr uint64_t kEachByte = 0x0101010101010101ull;
  const uint64_t low_bits = word & (0x7f * kEachByte);
  const uint64_t at_least_a = low_bits + ((0x80 - 'A') * kEachByte);   // top bit: >= 'A'
  const uint64_t above_z = low_bits + ((0x80 - 'Z' - 1) * kEachByte);  // top bit: > 'Z'
  const uint64_t upper = at_least_a & ~above_z & ~word & (0x80 * kEachByte);
  return word | (upper >> 2);  // 0x80 >> 2 == 'a' - 'A'
}

// True if `a` and `b` are equal ignoring ASCII case. At run time it compares 8 bytes per step
// (one load per operand: in the wasm2c build every load is a bounds check).
constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  if (!std::is_constant_evaluated()) {
    for (; i + 8 <= a.size(); i += 8) {
      uint64_t x = 0;
      uint64_t y = 0;
      std::memcpy(&x, a.data() + i, 8);
      std::memcpy(&y, b.data() + i, 8);
      if (x != y && AsciiToLowerWord(x) != AsciiToLowerWord(y)) return false;
    }
  }
  for (; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

// Three-way comparison of `a` and `b` after ASCII lower-casing both, byte by byte.
constexpr int CompareIgnoreCase(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = static_cast<unsigned char>(AsciiToLower(a[i]));
    const unsigned char y = static_cast<unsigned char>(AsciiToLower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

// True if `needle` occurs in `haystack` ignoring ASCII case. An empty needle matches.
constexpr bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// True if `text` starts with `prefix` ignoring ASCII case.
constexpr bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// `text` without leading and trailing spaces and horizontal tabs (HTTP optional whitespace).
constexpr std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace warden::core
