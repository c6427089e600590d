// Display names: "Name <addr-spec>" (RFC 5322 §3.4 name-addr), accepted only with the
// allowDisplayName option (syntax.h). See docs/email-validation.md.
#pragma once

#include <string_view>

#include "core/email/reason.h"

namespace warden::core::email {

// Whether `candidate` has the name-addr form: it ends with '>' and holds a '<' outside
// quoted strings.
bool IsNameAddr(std::string_view candidate);

// Splits a name-addr (IsNameAddr true). The angle-addr starts at the first '<' outside quoted
// strings and ends with the candidate; *addr_spec is set to what lies between. Returns
// kInvalidDisplayName unless the text before that '<' is a display name: empty, or an RFC 5322
// phrase — atoms (atext, non-ASCII code points a local part may hold, and '.', as the
// obsolete phrase syntax and mail clients allow: "John Q. Public") and quoted strings
// (qtextSMTP, quoted-pairs, such non-ASCII code points), separated by spaces or not at all,
// not starting with a space or '.' — optionally followed by spaces. Comments and folding
// whitespace are not accepted. Expects well-formed UTF-8 without control characters (the
// caller checks the encoding first).
InvalidReason SplitNameAddr(std::string_view candidate, std::string_view* addr_spec);

}  // namespace warden::core::email
