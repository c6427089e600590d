// Punycode (see punycode.h), following the algorithm of RFC 3492 §6.
#include "core/email/punycode.h"

#include <cstdint>

namespace warden::core::email {
namespace {

constexpr uint32_t kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
constexpr uint32_t kInitialBias = 72, kInitialN = 128;
constexpr uint32_t kMax = 0x7FFFFFFF;

uint32_t Adapt(uint32_t delta, uint32_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

char EncodeDigit(uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

// The value of a Punycode digit, or kBase when `c` is not one.
uint32_t DecodeDigit(char c) {
  if (c >= '0' && c <= '9') return static_cast<uint32_t>(c - '0') + 26;
  if (c >= 'a' && c <= 'z') return static_cast<uint32_t>(c - 'a');
  if (c >= 'A' && c <= 'Z') return static_cast<uint32_t>(c - 'A');
  return kBase;
}

uint32_t Threshold(uint32_t k, uint32_t bias) {
  if (k <= bias) return kTMin;
  if (k >= bias + kTMax) return kTMax;
  return k - bias;
}

}  // namespace

bool PunycodeEncode(std::u32string_view label, std::string* out) {
  uint32_t basic = 0;
  for (char32_t c : label) {
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      ++basic;
    }
  }
  if (basic > 0) out->push_back('-');
  uint32_t n = kInitialN, delta = 0, bias = kInitialBias, handled = basic;
  while (handled < label.size()) {
    uint32_t m = kMax;
    for (char32_t c : label) {
      if (c >= n && c < m) m = c;
    }
    if ((m - n) > (kMax - delta) / (handled + 1)) return false;
    delta += (m - n) * (handled + 1);
    n = m;
    for (char32_t c : label) {
      if (c < n && ++delta == 0) return false;
      if (c != n) continue;
      uint32_t q = delta;
      for (uint32_t k = kBase;; k += kBase) {
        const uint32_t t = Threshold(k, bias);
        if (q < t) break;
        out->push_back(EncodeDigit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out->push_back(EncodeDigit(q));
      bias = Adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return true;
}

bool PunycodeDecode(std::string_view encoded, std::u32string* out) {
  out->clear();
  const size_t dash = encoded.rfind('-');
  size_t pos = 0;
  if (dash != std::string_view::npos) {
    for (; pos < dash; ++pos) {
      if (static_cast<unsigned char>(encoded[pos]) >= 0x80) return false;
      out->push_back(static_cast<unsigned char>(encoded[pos]));
    }
    pos = dash + 1;
  }
  uint32_t n = kInitialN, i = 0, bias = kInitialBias;
  while (pos < encoded.size()) {
    const uint32_t old_i = i;
    uint32_t w = 1;
    for (uint32_t k = kBase;; k += kBase) {
      if (pos >= encoded.size()) return false;
      const uint32_t digit = DecodeDigit(encoded[pos++]);
      if (digit >= kBase || digit > (kMax - i) / w) return false;
      i += digit * w;
      const uint32_t t = Threshold(k, bias);
      if (digit < t) break;
      if (w > kMax / (kBase - t)) return false;
      w *= kBase - t;
    }
    const uint32_t count = static_cast<uint32_t>(out->size()) + 1;
    bias = Adapt(i - old_i, count, old_i == 0);
    if (i / count > kMax - n) return false;
    n += i / count;
    i %= count;
    if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF)) return false;
    out->insert(out->begin() + i, static_cast<char32_t>(n));
    ++i;
  }
  return true;
}

}  // namespace warden::core::email
