// Email address syntax (RFC 5321 §4.1.2–4.1.3 and §4.5.3.1, RFC 5322 §3.4.1, RFC 6531).
//
// Accepted: local part as a dot-atom (atext or non-ASCII UTF-8 runs separated by single dots)
// or a quoted string (qtextSMTP, non-ASCII UTF-8, backslash quoted-pairs of printable ASCII
// incl. space); domain as a host name processed per UTS #46 / IDNA2008 (idna.h) or, when
// allowed, an address literal "[a.b.c.d]" / "[IPv6:...]". Limits, on octets: local part 64,
// domain 253 in A-label form (no trailing dot), label 63, address 254 (local + '@' + A-label
// domain). Rejected with a reason (reason.h): invalid UTF-8, controls, display names (unless
// allowed), comments, folding whitespace. Options relax or tighten these rules (SyntaxOptions).
// See docs/email-validation.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/email/literal.h"
#include "core/email/reason.h"

namespace warden::core::email {

struct SyntaxOptions {
  // The domain must have at least two labels, its last label must look like a top-level
  // domain (not all digits, ending in a letter unless an A-label) and must not be special-use
  // (.arpa .invalid .local .localhost .onion .test). Does not apply to address literals.
  bool require_top_level_domain = true;
  // "[192.0.2.1]" / "[IPv6:2001:db8::1]" domains are accepted (and validated).
  bool allow_domain_literal = false;
  // "Name <addr-spec>" and "<addr-spec>" are accepted when the display name is a phrase
  // (display_name.h); the addr-spec is validated as usual.
  bool allow_display_name = false;
  // The local part must be ASCII, as a mail system without SMTPUTF8 (RFC 6531) needs; a
  // non-ASCII one is kNonAsciiLocalPart. The domain may still be internationalised (it is
  // sent in A-label form).
  bool require_ascii_local_part = false;
  // "@example.com" and "\"\"@example.com" are accepted.
  bool allow_empty_local_part = false;
  // The special-use top-level domain "test" (RFC 6761 §6.2) is not kReservedDomain: for test
  // environments. Only matters with require_top_level_domain.
  bool allow_test_domain = false;
  // SMTP's limits on the local part (64 octets) and the address (254) are not enforced. The
  // DNS limits on labels (63) and the domain (253) still are: a longer name cannot exist.
  bool ignore_length_limits = false;
  // When not empty, the top-level domain (the last label, in A-label form) must be one of
  // these, compared ASCII case-insensitively; a non-ASCII entry is compared in A-label form
  // ("商務" matches "xn--lhr59c"). Applies to every domain but address literals, with or
  // without require_top_level_domain. The views must outlive the options' use.
  std::span<const std::string_view> allowed_top_level_domains;
};

// Not copyable: ascii_domain may view `storage`.
struct Address {
  Address() = default;
  Address(const Address&) = delete;
  Address& operator=(const Address&) = delete;

  std::string_view addr_spec;  // the candidate without a display name (a view into it)
  std::string_view local;   // as written, quotes included (a view into the candidate)
  std::string_view domain;  // as written, brackets included for a literal (a view)
  bool domain_literal = false;
  // The domain in lower-case A-label form ("xn--..."); a literal as written. A view into the
  // candidate when the domain is written that way (the common case: no copy, no allocation),
  // else into `storage`. Valid while both live.
  std::string_view ascii_domain;
  std::string storage;  // backs ascii_domain when it differs from the domain as written
};

// Parses `candidate`. Returns InvalidReason::kNone and fills *address when it is a valid
// address under `options`; otherwise returns the first rule it breaks and leaves *address in
// an unspecified state. Accepts any bytes (invalid UTF-8 is a reason, not undefined behaviour).
InvalidReason ParseAddress(std::string_view candidate, const SyntaxOptions& options,
                           Address* address);

// Building blocks, exposed for tests and fuzzing.
// ParseAddress without its fast path for plain ASCII addresses: the same results, always by
// the general (UTF-8, NFC, UTS #46) path. The reference the fast path is tested against.
InvalidReason ParseAddressGeneral(std::string_view candidate, const SyntaxOptions& options,
                                  Address* address);
// With `ascii_only`, the first non-ASCII byte is kNonAsciiLocalPart.
InvalidReason CheckDotAtom(std::string_view local, bool ascii_only = false);
// `local` includes the quotes.
InvalidReason CheckQuotedString(std::string_view local, bool ascii_only = false);
// Whether `tld` (a label in A-label form, any case) passes allowed_top_level_domains.
bool IsAllowedTopLevelDomain(std::string_view tld, const SyntaxOptions& options);

}  // namespace warden::core::email
