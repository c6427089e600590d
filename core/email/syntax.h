// Email address syntax (RFC 5321 §4.1.2–4.1.3 and §4.5.3.1, RFC 5322 §3.4.1).
//
// Accepted: local-part as a dot-atom (atext runs separated by single dots) or as a quoted
// string (qtextSMTP and backslash quoted-pairs); domain as LDH labels (1–63 letters, digits,
// hyphens, no hyphen at either end) or, when allowed, an address literal "[a.b.c.d]" or
// "[IPv6:...]". Limits: local part 64 octets, domain 253, address 254. ASCII only: SMTPUTF8
// (RFC 6531) addresses and U-label domains are rejected in this slice. No comments or folding
// whitespace (CFWS). See docs/email-validation.md.
#pragma once

#include <string_view>

namespace warden::core::email {

struct SyntaxOptions {
  // The domain must have at least two labels and its last label must not be all digits
  // ("a@localhost" and "a@1.2.3.4" fail). Does not apply to address literals.
  bool require_top_level_domain = true;
  // "[192.0.2.1]" / "[IPv6:2001:db8::1]" domains are accepted (and validated).
  bool allow_domain_literal = false;
};

struct Address {
  std::string_view local;   // as written, quotes included
  std::string_view domain;  // as written, brackets included for a literal
  bool domain_literal = false;
};

// Parses `candidate`. Returns true and fills *address (views into `candidate`) when it is a
// syntactically valid address under `options`; returns false otherwise. Never allocates.
bool ParseAddress(std::string_view candidate, const SyntaxOptions& options, Address* address);

// Building blocks, exposed for tests and fuzzing.
bool IsDotAtom(std::string_view local);
bool IsQuotedString(std::string_view local);
bool IsHostname(std::string_view domain, bool require_top_level_domain);
bool IsIpv4(std::string_view text);
bool IsIpv6(std::string_view text);
// `literal` includes the brackets.
bool IsAddressLiteral(std::string_view literal);

}  // namespace warden::core::email
