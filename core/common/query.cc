// Query-string parsing (see query.h).
#include "core/common/query.h"

#include "core/common/ascii.h"

namespace warden::core {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// True when `text` needs no decoding at all: no '+', no '%', only ASCII.
bool IsPlain(std::string_view text) {
  for (char c : text) {
    if (c == '+' || c == '%' || static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

void AppendUtf8Sanitized(std::string_view bytes, std::string* out) {
  // WHATWG Encoding §8.1.1 (UTF-8 decoder), emitting the input bytes of each valid sequence.
  size_t needed = 0, seen = 0, start = 0;
  unsigned char lower = 0x80, upper = 0xBF;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (needed == 0) {
      start = i;
      if (b <= 0x7F) {
        out->push_back(static_cast<char>(b));
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3;
      } else {
        out->append(kReplacement);
      }
      continue;
    }
    if (b < lower || b > upper) {
      // Invalid continuation: replace what we have and reprocess this byte as a lead byte.
      needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      out->append(kReplacement);
      --i;
      continue;
    }
    lower = 0x80;
    upper = 0xBF;
    if (++seen == needed) {
      out->append(bytes.substr(start, needed + 1));
      needed = seen = 0;
    }
  }
  if (needed != 0) out->append(kReplacement);
}

void AppendFormDecoded(std::string_view text, std::string* out) {
  if (IsPlain(text)) {
    out->append(text);
    return;
  }
  std::string bytes;
  bytes.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      bytes.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && IsAsciiHexDigit(text[i + 1]) &&
               IsAsciiHexDigit(text[i + 2])) {
      bytes.push_back(static_cast<char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2])));
      i += 2;
    } else {
      bytes.push_back(c);
    }
  }
  AppendUtf8Sanitized(bytes, out);
}

bool FindQueryArg(std::string_view raw, std::string_view name, std::string* value) {
  if (!raw.empty() && raw.front() == '?') raw.remove_prefix(1);
  while (!raw.empty()) {
    const size_t end = raw.find('&');
    const std::string_view pair = raw.substr(0, end);
    raw.remove_prefix(end == std::string_view::npos ? raw.size() : end + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string_view raw_name = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    bool match;
    if (IsPlain(raw_name)) {
      match = raw_name == name;
    } else {
      value->clear();
      AppendFormDecoded(raw_name, value);
      match = *value == name;
    }
    if (!match) continue;
    value->clear();
    AppendFormDecoded(raw_value, value);
    return true;
  }
  return false;
}

}  // namespace warden::core
