// Address literals of email domains (RFC 5321 §4.1.3): "[a.b.c.d]" and "[IPv6:...]".
// General address literals ("[tag:content]" with another tag) are not accepted.
// See docs/email-validation.md ("allowDomainLiteral").
#pragma once

#include <string_view>

namespace warden::core::email {

// Four decimal octets 0-255 separated by dots, no leading zeros.
bool IsIpv4(std::string_view text);
// Eight 1-4 digit hex groups, or "::" standing for one or more zero groups, optionally
// ending in an IPv4 address (counted as two groups).
bool IsIpv6(std::string_view text);
// `literal` includes the brackets: "[" IPv4 "]" or "[IPv6:" IPv6 "]" (tag case-insensitive).
bool IsAddressLiteral(std::string_view literal);

}  // namespace warden::core::email
