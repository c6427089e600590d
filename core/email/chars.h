// Character classes of email addresses, shared by the address (syntax.cc) and display-name
// (display_name.cc) parsers. Internal to core/email.
#pragma once

#include "core/common/ascii.h"

namespace warden::core::email {

// RFC 5322 atext.
constexpr bool IsAtext(char c) {
  if (IsAsciiAlnum(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '/': case '=': case '?': case '^': case '_': case '`': case '{':
    case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

// RFC 5321 qtextSMTP: %d32-33 / %d35-91 / %d93-126.
constexpr bool IsQtext(char c) { return c >= 32 && c <= 126 && c != '"' && c != '\\'; }

// Non-ASCII code points a local part may hold (RFC 6531 UTF8-non-ascii), minus the invisible
// and space-like ones a mailbox name should never contain: spaces (Zs/Zl/Zp), zero-width and
// bidi formatting characters, the BOM, interlinear annotations and noncharacters.
constexpr bool IsLocalUnicode(char32_t c) {
  if (c == 0xA0 || c == 0x1680 || c == 0x3000 || c == 0xFEFF) return false;
  if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F)) return false;
  if ((c >= 0x205F && c <= 0x206F) || (c >= 0xFFF9 && c <= 0xFFFB)) return false;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return false;
  return true;
}

}  // namespace warden::core::email
