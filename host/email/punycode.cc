// UTF-8 decoding and A-label conversion for list entries; Punycode from the core.
#include "email/punycode.h"

#include "core/email/punycode.h"

namespace warden::email {
namespace {

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
      out += "xn--";
      if (!core::email::PunycodeEncode(points, &out)) {
        return InvalidArgumentError("punycode overflow");
      }
    }
    start = end + 1;
  }
  return out;
}

}  // namespace warden::email
