// Canonical ABI value helpers shared by witgen's guest and host glue.
//
// Generated code moves flat (core wasm) values through arrays of 64-bit "cells": an i32 is
// stored zero-extended, an f32 as its bit pattern zero-extended, an i64/f64 as its 64 bits.
// With this encoding the Canonical ABI's joining of variant payloads (i32/f32 → i32, anything
// else → i64) needs no conversion: reading a narrower value out of a joined cell is a
// truncation. Header-only, no I/O, compiles for wasm32 and natively.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace witgen {

inline uint32_t F32Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline uint64_t F64Bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}
// NaNs are canonicalised on lift, as the Canonical ABI allows, so every host sees the same bits.
inline float CanonF32(uint32_t bits) {
  if ((bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0) bits = 0x7fc00000u;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}
inline double CanonF64(uint64_t bits) {
  if ((bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
      (bits & 0x000fffffffffffffull) != 0) {
    bits = 0x7ff8000000000000ull;
  }
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

// A flat value of core type T (uint32_t, uint64_t, float, double) as a cell.
inline uint64_t ToCell(uint32_t v) { return v; }
inline uint64_t ToCell(uint64_t v) { return v; }
inline uint64_t ToCell(float v) { return F32Bits(v); }
inline uint64_t ToCell(double v) { return F64Bits(v); }

// The flat value of core type T held in a cell (no canonicalisation: this is transport).
template <class T>
T CellAs(uint64_t c) {
  if constexpr (std::is_same_v<T, uint32_t>) {
    return static_cast<uint32_t>(c);
  } else if constexpr (std::is_same_v<T, uint64_t>) {
    return c;
  } else if constexpr (std::is_same_v<T, float>) {
    uint32_t u = static_cast<uint32_t>(c);
    float f;
    std::memcpy(&f, &u, 4);
    return f;
  } else {
    static_assert(std::is_same_v<T, double>);
    double d;
    std::memcpy(&d, &c, 8);
    return d;
  }
}

// Lifts a WIT scalar of C++ type T from a cell (bool: nonzero; ints: truncate; floats:
// canonical NaN). char32_t is returned unchecked; the host checks it separately.
template <class T>
T LiftScalar(uint64_t c) {
  if constexpr (std::is_same_v<T, bool>) {
    return static_cast<uint32_t>(c) != 0;
  } else if constexpr (std::is_same_v<T, float>) {
    return CanonF32(static_cast<uint32_t>(c));
  } else if constexpr (std::is_same_v<T, double>) {
    return CanonF64(c);
  } else {
    return static_cast<T>(c);
  }
}

// Lowers a WIT scalar to a cell (signed 8/16/32-bit values are sign-extended to 32 bits).
template <class T>
uint64_t LowerScalar(T v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? 1 : 0;
  } else if constexpr (std::is_same_v<T, float>) {
    return F32Bits(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return F64Bits(v);
  } else if constexpr (sizeof(T) == 8) {
    return static_cast<uint64_t>(v);
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<uint32_t>(static_cast<int32_t>(v));
  } else {
    return static_cast<uint32_t>(v);
  }
}

// Reads/writes a WIT scalar of C++ type T at `p` (little-endian memory). bool is one byte.
template <class T>
T LoadScalar(const uint8_t* p) {
  if constexpr (std::is_same_v<T, bool>) {
    return *p != 0;
  } else if constexpr (std::is_same_v<T, float>) {
    uint32_t u;
    std::memcpy(&u, p, 4);
    return CanonF32(u);
  } else if constexpr (std::is_same_v<T, double>) {
    uint64_t u;
    std::memcpy(&u, p, 8);
    return CanonF64(u);
  } else {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
}
template <class T>
void StoreScalar(uint8_t* p, T v) {
  if constexpr (std::is_same_v<T, bool>) {
    *p = v ? 1 : 0;
  } else {
    std::memcpy(p, &v, sizeof v);
  }
}

// True when `c` is a Unicode scalar value.
inline bool IsValidChar(uint32_t c) { return c < 0xD800 || (c >= 0xE000 && c <= 0x10FFFF); }

// True when every byte of [s, s+n) is ASCII; a word at a time, with overlapping loads for the
// tail, so a short string costs a few instructions.
inline bool IsAscii(const uint8_t* s, size_t n) {
  auto load8 = [](const uint8_t* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load4 = [](const uint8_t* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return uint64_t{w};
  };
  uint64_t acc = 0;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) acc |= load8(s + i);
    if (i < n) acc |= load8(s + n - 8);
  } else if (n >= 4) {
    acc = load4(s) | load4(s + n - 4);
  } else {
    for (size_t i = 0; i < n; ++i) acc |= s[i];
  }
  return (acc & 0x8080808080808080ull) == 0;
}

// True when [s, s+n) is well-formed UTF-8 (no overlongs, surrogates or values > 0x10FFFF).
inline bool IsValidUtf8(const uint8_t* s, size_t n) {
  if (IsAscii(s, n)) return true;
  size_t i = 0;
  while (i < n) {
    if (n - i >= 8) {  // eight ASCII bytes at a time
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp, min;
    if ((b & 0xE0) == 0xC0) {
      len = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4, cp = b & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || !IsValidChar(cp)) return false;
    i += len;
  }
  return true;
}

}  // namespace witgen
