// Why an email address is invalid: the machine-readable cause the validate-email analysis
// reports (WIT `email-invalid-reason`; docs/email-validation.md describes each case).
#pragma once

#include <cstdint>
#include <string_view>

namespace warden::core::email {

// In the order of the WIT enum. kNone means "valid".
enum class InvalidReason : uint8_t {
  kNone,
  kEmpty,                   // the candidate is ""
  kInvalidUtf8,             // not well-formed UTF-8 (incl. encoded lone surrogates)
  kControlCharacter,        // C0/C1 control, DEL, CR, LF, TAB anywhere
  kDisplayName,             // "Name <addr>" form, without allowDisplayName
  kComment,                 // an RFC 5322 "(comment)"
  kMissingAt,               // no '@' separating local part and domain
  kLocalPartEmpty,          // nothing before the '@'
  kLocalPartTooLong,        // local part over 64 octets
  kUnterminatedQuote,       // '"' opened and never closed
  kInvalidCharacter,        // a character not allowed where it stands
  kLeadingDot,              // local part or domain starts with '.'
  kTrailingDot,             // local part or domain ends with '.'
  kConsecutiveDots,         // ".." in the local part or the domain
  kDomainEmpty,             // nothing after the '@'
  kDomainTooLong,           // domain (A-label form) over 253 octets
  kAddressTooLong,          // whole address (A-label domain) over 254 octets
  kLabelTooLong,            // a domain label (A-label form) over 63 octets
  kLabelHyphen,             // label starts/ends with '-', or "--" in positions 3-4
  kInvalidIdna,             // UTS #46 / IDNA2008 failure (punycode, NFC, marks, joiners)
  kMissingTopLevelDomain,   // one label only, with requireTopLevelDomain
  kInvalidTopLevelDomain,   // the last label is numeric or does not end in a letter
  kReservedDomain,          // a special-use top-level domain (RFC 6761/6762/7686, .arpa)
  kDomainLiteralNotAllowed, // "[...]" without allowDomainLiteral
  kInvalidDomainLiteral,    // "[...]" that is not an IPv4 or IPv6 address literal
  kInvalidDisplayName,      // with allowDisplayName: a display name that is not a phrase
  kNonAsciiLocalPart,       // with requireAsciiLocalPart: a non-ASCII local part
  kTopLevelDomainNotAllowed,  // not in a non-empty allowedTopLevelDomains
};

// The WIT case name ("local-part-too-long"); "" for kNone.
std::string_view ReasonName(InvalidReason reason);

}  // namespace warden::core::email
