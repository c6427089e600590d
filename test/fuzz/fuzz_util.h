// Helpers shared by the core's fuzz targets.
#pragma once

#include <cstdlib>
#include <string_view>

namespace warden::fuzz {

// Aborts (a finding) unless `condition` holds.
inline void Check(bool condition) {
  if (!condition) std::abort();
}

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80) { ++i; continue; }
    if (b >= 0xC2 && b <= 0xDF) n = 1;
    else if (b >= 0xE0 && b <= 0xEF) { n = 2; if (b == 0xE0) lo = 0xA0; if (b == 0xED) hi = 0x9F; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 3; if (b == 0xF0) lo = 0x90; if (b == 0xF4) hi = 0x8F; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const unsigned char c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

// Splits `data` at the first occurrence of `sep`: returns the head, leaves the tail in *data.
inline std::string_view TakeUntil(std::string_view* data, char sep) {
  const size_t at = data->find(sep);
  const std::string_view head = data->substr(0, at);
  data->remove_prefix(at == std::string_view::npos ? data->size() : at + 1);
  return head;
}

}  // namespace warden::fuzz
