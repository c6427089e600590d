// Byte-order helpers for reading text 8 bytes at a time (in the wasm2c build every load is a
// bounds check, so the core compares words instead of looping over bytes where it pays).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace warden::core {

// The eight bytes at `p` as a little-endian word: p[0] is the low byte on every host.
inline uint64_t LoadLittleEndian64(const void* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// The first eight bytes of `text` (at least eight) as LoadLittleEndian64 reads them, for
// comparing with a literal at compile time.
constexpr uint64_t LittleEndianWord(std::string_view text) {
  uint64_t word = 0;
  for (size_t i = 0; i < 8; ++i) word |= uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
  return word;
}

}  // namespace warden::core
