// Punycode encoding (RFC 3492) and UTF-8 decoding for list entries.
#include "email/punycode.h"

#include <cstdint>
#include <limits>

namespace warden::email {
namespace {

constexpr uint32_t kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
constexpr uint32_t kInitialBias = 72, kInitialN = 128;

char Digit(uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

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

// Appends the generalised variable-length integer for `q` at `bias` (RFC 3492 §6.3).
void AppendVarint(uint32_t q, uint32_t bias, std::string& out) {
  for (uint32_t k = kBase;; k += kBase) {
    const uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
    if (q < t) break;
    out.push_back(Digit(t + (q - t) % (kBase - t)));
    q = (q - t) / (kBase - t);
  }
  out.push_back(Digit(q));
}

// Decodes one UTF-8 sequence at text[i], advancing i; false when invalid.
bool DecodeUtf8(std::string_view text, size_t& i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int extra = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    cp = b0, ++i;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (i + extra >= text.size()) return false;
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  i += extra + 1;
  return true;
}

}  // namespace

Result<std::string> PunycodeEncode(const std::u32string& label) {
  std::string out;
  for (char32_t c : label) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
  }
  const uint32_t basic = static_cast<uint32_t>(out.size());
  if (basic > 0) out.push_back('-');
  uint32_t n = kInitialN, delta = 0, bias = kInitialBias, handled = basic;
  const uint32_t total = static_cast<uint32_t>(label.size());
  while (handled < total) {
    uint32_t m = std::numeric_limits<uint32_t>::max();
    for (char32_t c : label) {
      if (c >= n && c < m) m = c;
    }
    if ((m - n) > (std::numeric_limits<uint32_t>::max() - delta) / (handled + 1)) {
      return InvalidArgumentError("punycode overflow");
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (char32_t c : label) {
      if (c < n && ++delta == 0) return InvalidArgumentError("punycode overflow");
      if (c != n) continue;
      AppendVarint(delta, bias, out);
      bias = Adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

Result<std::string> DomainToALabels(std::string_view domain) {
  std::string out;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    std::u32string points;
    bool ascii = true;
    for (size_t i = 0; i < label.size();) {
      char32_t cp;
      if (!DecodeUtf8(label, i, cp)) return InvalidArgumentError("invalid UTF-8 in a domain");
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      ascii = ascii && cp < 0x80;
      points.push_back(cp);
    }
    if (start > 0) out.push_back('.');
    if (ascii) {
      for (char32_t c : points) out.push_back(static_cast<char>(c));
    } else {
      WARDEN_ASSIGN_OR_RETURN(std::string encoded, PunycodeEncode(points));
      out += "xn--" + encoded;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace warden::email
