// Display names (see display_name.h).
#include "core/email/display_name.h"

#include "core/email/chars.h"
#include "core/email/unicode.h"

namespace warden::core::email {
namespace {

// The position of the first '<' outside quoted strings, or npos.
size_t FindAngle(std::string_view candidate) {
  bool quoted = false;
  for (size_t i = 0; i < candidate.size(); ++i) {
    const char c = candidate[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Decodes the non-ASCII code point at name[*i] and tells whether a display name may hold it;
// *i ends on its last byte.
bool TakeNameUnicode(std::string_view name, size_t* i) {
  size_t pos = *i;
  char32_t c = 0;
  const bool ok = DecodeUtf8(name, &pos, &c) && IsLocalUnicode(c);
  *i = pos - 1;
  return ok;
}

// A quoted string starting at name[*i] (the opening '"'); *i ends on the closing one.
bool TakeQuotedString(std::string_view name, size_t* i) {
  for (size_t j = *i + 1; j < name.size(); ++j) {
    const char c = name[j];
    if (c == '"') {
      *i = j;
      return true;
    }
    if (c == '\\') {
      if (++j == name.size() || name[j] < 32 || name[j] > 126) return false;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      if (!TakeNameUnicode(name, &j)) return false;
    } else if (!IsQtext(c)) {
      return false;
    }
  }
  return false;
}

bool IsPhrase(std::string_view name) {
  if (!name.empty() && (name.front() == ' ' || name.front() == '.')) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '"') {
      if (!TakeQuotedString(name, &i)) return false;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      if (!TakeNameUnicode(name, &i)) return false;
    } else if (c != ' ' && c != '.' && !IsAtext(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsNameAddr(std::string_view candidate) {
  return !candidate.empty() && candidate.back() == '>' &&
         FindAngle(candidate) != std::string_view::npos;
}

InvalidReason SplitNameAddr(std::string_view candidate, std::string_view* addr_spec) {
  const size_t angle = FindAngle(candidate);
  if (angle == std::string_view::npos || candidate.back() != '>' ||
      angle + 1 >= candidate.size()) {
    return InvalidReason::kInvalidDisplayName;
  }
  if (!IsPhrase(candidate.substr(0, angle))) return InvalidReason::kInvalidDisplayName;
  *addr_spec = candidate.substr(angle + 1, candidate.size() - angle - 2);
  return InvalidReason::kNone;
}

}  // namespace warden::core::email
