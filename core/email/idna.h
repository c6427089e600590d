// Domain names for email (RFC 5321 + RFC 6531): UTS #46 processing with nontransitional
// mapping, NFC, IDNA2008 label rules and Punycode, producing the lower-case A-label form that
// lengths are checked on and the host is asked about. Pure; thread-safe.
//
// Checked per label: UTS #46 status (valid/deviation kept, mapped replaced, ignored dropped,
// disallowed rejected), STD3 ASCII rules (letters, digits, hyphen), CheckHyphens (no leading
// or trailing '-', no "--" in positions 3-4 except A-labels), no leading combining mark, NFC,
// CONTEXTJ in part (U+200C/U+200D only after a virama), "xn--" labels decoded and re-checked
// (must decode, hold a non-ASCII code point, be NFC, and re-encode to themselves), and the
// Bidi rule (RFC 5893) on every label of a domain with a right-to-left label. Not checked:
// CONTEXTO. See docs/email-validation.md.
#pragma once

#include <string>
#include <string_view>

#include "core/email/reason.h"

namespace warden::core::email {

// Converts `domain` (well-formed UTF-8, non-empty, not a literal) to its A-label form in
// *ascii. Returns InvalidReason::kNone on success, else the first problem found (left to
// right): kInvalidCharacter, kLeadingDot / kTrailingDot / kConsecutiveDots, kLabelHyphen,
// kInvalidIdna, kLabelTooLong, kDomainTooLong.
InvalidReason DomainToAscii(std::string_view domain, std::string* ascii);

}  // namespace warden::core::email
