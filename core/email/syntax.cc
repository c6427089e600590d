// Email address syntax checks (see syntax.h).
#include "core/email/syntax.h"

#include <algorithm>
#include <array>

#include "core/common/ascii.h"
#include "core/email/chars.h"
#include "core/email/display_name.h"
#include "core/email/idna.h"
#include "core/email/unicode.h"

namespace warden::core::email {
namespace {

constexpr size_t kMaxLocal = 64;
constexpr size_t kMaxLabel = 63;
constexpr size_t kMaxDomain = 253;  // A-label form, no trailing dot
constexpr size_t kMaxAddress = 254;

// Decodes the non-ASCII code point at text[*i] (valid UTF-8 is guaranteed by the caller) and
// tells whether a local part may hold it; *i ends on its last byte.
bool TakeLocalUnicode(std::string_view text, size_t* i) {
  size_t pos = *i;
  char32_t c = 0;
  const bool ok = DecodeUtf8(text, &pos, &c) && IsLocalUnicode(c);
  *i = pos - 1;
  return ok;
}

// A non-ASCII code point of a dot-atom whose canonical decomposition holds an ASCII character
// that atext excludes ("≮" is "<" + U+0338) would smuggle that character in.
bool DecomposesToSpecial(std::string_view text, size_t last_byte) {
  size_t start = last_byte;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  char32_t c = 0;
  if (!DecodeUtf8(text, &start, &c)) return true;
  std::u32string parts;
  CanonicalDecomposition(c, &parts);
  for (char32_t p : parts) {
    if (p < 0x80 && !IsAtext(static_cast<char>(p))) return true;
  }
  return false;
}

// One pass over the candidate: ill-formed UTF-8 (kInvalidUtf8) wins over a control character
// (U+0000-001F, U+007F, U+0080-009F: kControlCharacter) anywhere. Sets *ascii.
InvalidReason CheckEncoding(std::string_view text, bool* ascii) {
  bool control = false;
  *ascii = true;
  size_t pos = 0;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      control = control || b < 0x20 || b == 0x7F;
      ++pos;
      continue;
    }
    *ascii = false;
    char32_t c;
    if (!DecodeUtf8(text, &pos, &c)) return InvalidReason::kInvalidUtf8;
    control = control || c < 0xA0;
  }
  return control ? InvalidReason::kControlCharacter : InvalidReason::kNone;
}

// Where the local part ends: the first '@' outside a quoted string. Reports display names,
// comments and unterminated quotes, which only a scan that knows the quotes can tell.
InvalidReason FindAt(std::string_view candidate, size_t* at) {
  bool quoted = false;
  for (size_t i = 0; i < candidate.size(); ++i) {
    const char c = candidate[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '<' && candidate.back() == '>') {
      return InvalidReason::kDisplayName;
    } else if (c == '(') {
      return InvalidReason::kComment;
    } else if (c == '@') {
      *at = i;
      return InvalidReason::kNone;
    }
  }
  return quoted ? InvalidReason::kUnterminatedQuote : InvalidReason::kMissingAt;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The last label of an A-label domain.
std::string_view LastLabel(std::string_view domain) {
  const size_t dot = domain.rfind('.');
  return dot == std::string_view::npos ? domain : domain.substr(dot + 1);
}

// Special-use top-level names that never take Internet mail (RFC 6761, 6762, 7686, 3172).
// `tld` is lower case. With allow_test_domain, "test" is not one.
bool IsReservedTld(std::string_view tld, const SyntaxOptions& options) {
  constexpr std::array<std::string_view, 6> kReserved = {"arpa", "invalid", "local",
                                                         "localhost", "onion", "test"};
  for (std::string_view r : kReserved) {
    if (tld == r) return !(options.allow_test_domain && r == "test");
  }
  return false;
}

InvalidReason CheckTopLevelDomain(std::string_view ascii_domain, const SyntaxOptions& options) {
  if (ascii_domain.find('.') == std::string_view::npos) {
    return InvalidReason::kMissingTopLevelDomain;
  }
  // No top-level domain is all digits (RFC 3696 §2: "a@1.2.3.4" is an IPv4 address in
  // disguise), and a hyphenated one ends in a letter (every real TLD is letters only or an
  // A-label; docs/email-validation.md explains the choice).
  const std::string_view tld = LastLabel(ascii_domain);
  bool numeric = true;
  for (char c : tld) numeric = numeric && IsAsciiDigit(c);
  if (numeric || (tld.find('-') != std::string_view::npos && !IsAsciiAlpha(tld.back()))) {
    return InvalidReason::kInvalidTopLevelDomain;
  }
  return IsReservedTld(tld, options) ? InvalidReason::kReservedDomain : InvalidReason::kNone;
}

InvalidReason CheckDomain(std::string_view domain, const SyntaxOptions& options,
                          Address* address) {
  if (domain.empty()) return InvalidReason::kDomainEmpty;
  if (domain.front() == '[') {
    if (!options.allow_domain_literal) return InvalidReason::kDomainLiteralNotAllowed;
    if (!IsAddressLiteral(domain)) return InvalidReason::kInvalidDomainLiteral;
    address->domain_literal = true;
    address->ascii_domain = domain;
    return InvalidReason::kNone;
  }
  if (InvalidReason r = DomainToAscii(domain, &address->storage); r != InvalidReason::kNone) {
    return r;
  }
  address->ascii_domain = address->storage;
  if (options.require_top_level_domain) {
    if (InvalidReason r = CheckTopLevelDomain(address->ascii_domain, options);
        r != InvalidReason::kNone) {
      return r;
    }
  }
  if (options.allowed_top_level_domains.empty() ||
      IsAllowedTopLevelDomain(LastLabel(address->ascii_domain), options)) {
    return InvalidReason::kNone;
  }
  return InvalidReason::kTopLevelDomainNotAllowed;
}

// Byte classes of the common-case scan (ParseCommonAscii).
enum : uint8_t {
  kAtextClass = 1,
  kLdhClass = 2,     // letter, digit or '-'
  kLetterClass = 4,
  kUpperClass = 8,
  kHyphenClass = 16,
};

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int b = 0; b < 0x80; ++b) {
    const char c = static_cast<char>(b);
    if (IsAtext(c)) classes[b] |= kAtextClass;
    if (IsAsciiAlnum(c) || c == '-') classes[b] |= kLdhClass;
    if (IsAsciiAlpha(c)) classes[b] |= kLetterClass;
    if (c >= 'A' && c <= 'Z') classes[b] |= kUpperClass;
    if (c == '-') classes[b] |= kHyphenClass;
  }
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

uint8_t ClassOf(char c) { return kByteClasses[static_cast<unsigned char>(c)]; }
bool HasClass(char c, uint8_t cls) { return (ClassOf(c) & cls) != 0; }

// An LDH label CheckAsciiLabel (idna.cc) accepts without an A-label check: 1-63 octets, no
// leading or trailing '-', no "--" in positions 3-4.
bool IsPlainLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return !(label.size() >= 4 && label[2] == '-' && label[3] == '-');
}

// Whether CheckTopLevelDomain accepts a domain of `labels` plain labels whose last one is
// `tld` (any case) holding the byte classes `tld_classes`.
bool IsPlainTopLevelDomain(std::string_view tld, uint8_t tld_classes, size_t labels,
                           const SyntaxOptions& options) {
  if (labels < 2 || (tld_classes & (kLetterClass | kHyphenClass)) == 0) return false;  // digits
  if ((tld_classes & kHyphenClass) != 0 && !IsAsciiAlpha(tld.back())) return false;
  if (tld.size() < 4 || tld.size() > 9) return true;  // no reserved name has another size
  std::array<char, 9> lower;
  for (size_t i = 0; i < tld.size(); ++i) lower[i] = AsciiToLower(tld[i]);
  return !IsReservedTld(std::string_view(lower.data(), tld.size()), options);
}

// The size of the local part at the start of `candidate` when it is plain ASCII the general
// path accepts as written (a dot-atom, or a quoted string of qtextSMTP and quoted-pairs) and
// '@' follows it; 0 otherwise.
size_t PlainLocalPartSize(std::string_view candidate) {
  const size_t n = std::min(candidate.size(), kMaxLocal + 1);
  if (n == 0) return 0;
  if (candidate[0] == '"') {
    for (size_t i = 1; i < n; ++i) {
      const char c = candidate[i];
      // An empty quoted string ("") is left to the general path, which rejects it.
      if (c == '"') return i > 1 && i + 1 < candidate.size() && candidate[i + 1] == '@' ? i + 1 : 0;
      if (c == '\\') {
        if (++i == n || candidate[i] < 32 || candidate[i] > 126) return 0;
      } else if (!IsQtext(c)) {
        return 0;
      }
    }
    return 0;
  }
  if (!HasClass(candidate[0], kAtextClass)) return 0;
  for (size_t i = 1; i < n; ++i) {
    const char c = candidate[i];
    if (c == '@') return candidate[i - 1] == '.' ? 0 : i;
    if (c == '.' ? candidate[i - 1] == '.' : !HasClass(c, kAtextClass)) return 0;
  }
  return 0;
}

// The common case in one pass and without a code-point buffer or a copy: a plain ASCII local
// part (PlainLocalPartSize) and a host name of ASCII letters, digits and hyphens, every rule
// met. Then fills *address exactly as the general path would (UTS #46 mapping of such a domain
// is lower-casing, NFC the identity) and returns true. Returns false for anything else
// (non-ASCII, literals, A-labels or "--" in positions 3-4, and every invalid address): the
// general path decides those, so each reason still comes from one place.
bool ParseCommonAscii(std::string_view candidate, const SyntaxOptions& options,
                      Address* address) {
  const size_t at = PlainLocalPartSize(candidate);
  if (at == 0 || at > kMaxLocal) return false;
  const std::string_view local = candidate.substr(0, at);
  const std::string_view domain = candidate.substr(at + 1);
  const size_t n = domain.size();
  if (n == 0 || n > kMaxDomain || at + 1 + n > kMaxAddress) return false;
  size_t label_start = 0;
  size_t labels = 1;
  uint8_t seen = 0;        // the classes of every byte
  uint8_t label_seen = 0;  // those of the current label's bytes
  for (size_t i = 0; i < n; ++i) {
    const char c = domain[i];
    if (c == '.') {
      if (!IsPlainLabel(domain.substr(label_start, i - label_start))) return false;
      ++labels;
      label_start = i + 1;
      label_seen = 0;
      continue;
    }
    const uint8_t k = ClassOf(c);
    if ((k & kLdhClass) == 0) return false;
    label_seen |= k;
    seen |= k;
  }
  const std::string_view tld = domain.substr(label_start);
  if (!IsPlainLabel(tld)) return false;
  if (options.require_top_level_domain &&
      !IsPlainTopLevelDomain(tld, label_seen, labels, options)) {
    return false;
  }
  if (!options.allowed_top_level_domains.empty() && !IsAllowedTopLevelDomain(tld, options)) {
    return false;
  }
  std::string_view ascii = domain;
  if ((seen & kUpperClass) != 0) {
    address->storage.assign(domain);
    for (char& c : address->storage) c = AsciiToLower(c);
    ascii = address->storage;
  }
  address->addr_spec = candidate;
  address->local = local;
  address->domain = domain;
  address->domain_literal = false;
  address->ascii_domain = ascii;
  return true;
}

}  // namespace

InvalidReason CheckDotAtom(std::string_view local, bool ascii_only) {
  if (local.front() == '.') return InvalidReason::kLeadingDot;
  for (size_t i = 0; i < local.size(); ++i) {
    const char c = local[i];
    if (c == '.') {
      if (i + 1 == local.size()) return InvalidReason::kTrailingDot;
      if (local[i + 1] == '.') return InvalidReason::kConsecutiveDots;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      if (ascii_only) return InvalidReason::kNonAsciiLocalPart;
      if (!TakeLocalUnicode(local, &i) || DecomposesToSpecial(local, i)) {
        return InvalidReason::kInvalidCharacter;
      }
    } else if (!IsAtext(c)) {
      return InvalidReason::kInvalidCharacter;
    }
  }
  return InvalidReason::kNone;
}

InvalidReason CheckQuotedString(std::string_view local, bool ascii_only) {
  if (local.size() < 2 || local.front() != '"') return InvalidReason::kInvalidCharacter;
  // RFC 5321's grammar allows "" but it names no mailbox: no mail system delivers to it, and
  // python-email-validator and hapi reject it (docs/email-validation.md).
  if (local == "\"\"") return InvalidReason::kLocalPartEmpty;
  for (size_t i = 1; i < local.size(); ++i) {
    const char c = local[i];
    if (c == '"') {
      return i + 1 == local.size() ? InvalidReason::kNone : InvalidReason::kInvalidCharacter;
    }
    if (c == '\\') {
      // quoted-pairSMTP: backslash and one of %d32-126.
      if (++i == local.size()) return InvalidReason::kUnterminatedQuote;
      if (local[i] < 32 || local[i] > 126) return InvalidReason::kInvalidCharacter;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      if (ascii_only) return InvalidReason::kNonAsciiLocalPart;
      if (!TakeLocalUnicode(local, &i)) return InvalidReason::kInvalidCharacter;
    } else if (!IsQtext(c)) {
      return InvalidReason::kInvalidCharacter;
    }
  }
  return InvalidReason::kUnterminatedQuote;
}

namespace {

// Checks the local part; *size is its size in octets, as written or in NFC, whichever is
// longer (either may be what gets transmitted). `ascii`: the whole candidate is ASCII.
InvalidReason CheckLocalPart(std::string_view local, bool ascii, const SyntaxOptions& options,
                             size_t* size) {
  *size = local.size();
  if (local.empty()) {
    return options.allow_empty_local_part ? InvalidReason::kNone : InvalidReason::kLocalPartEmpty;
  }
  if (options.allow_empty_local_part && local == "\"\"") return InvalidReason::kNone;
  const bool ascii_only = options.require_ascii_local_part;
  // ASCII is its own NFC; with ascii_only, the local part as written must be ASCII.
  if (ascii || ascii_only || IsAscii(local)) {
    return local.front() == '"' ? CheckQuotedString(local, ascii_only)
                                : CheckDotAtom(local, ascii_only);
  }
  // A non-ASCII local part is checked, and measured, in NFC (RFC 6532 §3.1): what a mail
  // system stores and compares.
  const std::string normalized = NfcUtf8(local);
  *size = std::max(local.size(), normalized.size());
  return normalized.front() == '"' ? CheckQuotedString(normalized) : CheckDotAtom(normalized);
}

// The addr-spec (local-part "@" domain) of a candidate whose encoding is checked.
InvalidReason ParseAddrSpec(std::string_view spec, bool ascii, const SyntaxOptions& options,
                            Address* address) {
  size_t at = 0;
  if (InvalidReason r = FindAt(spec, &at); r != InvalidReason::kNone) return r;
  const std::string_view local = spec.substr(0, at);
  const std::string_view domain = spec.substr(at + 1);
  size_t local_size = 0;
  if (InvalidReason r = CheckLocalPart(local, ascii, options, &local_size);
      r != InvalidReason::kNone) {
    return r;
  }
  const bool limits = !options.ignore_length_limits;
  if (limits && local_size > kMaxLocal) return InvalidReason::kLocalPartTooLong;
  address->addr_spec = spec;
  address->local = local;
  address->domain = domain;
  address->domain_literal = false;
  if (InvalidReason r = CheckDomain(domain, options, address); r != InvalidReason::kNone) {
    return r;
  }
  if (limits && local_size + 1 + address->ascii_domain.size() > kMaxAddress) {
    return InvalidReason::kAddressTooLong;
  }
  return InvalidReason::kNone;
}

}  // namespace

bool IsAllowedTopLevelDomain(std::string_view tld, const SyntaxOptions& options) {
  if (options.allowed_top_level_domains.empty()) return true;
  std::string converted;
  for (std::string_view entry : options.allowed_top_level_domains) {
    if (IsAscii(entry)) {
      if (EqualsIgnoreCase(entry, tld)) return true;
    } else if (DomainToAscii(entry, &converted) == InvalidReason::kNone &&
               EqualsIgnoreCase(converted, tld)) {
      return true;
    }
  }
  return false;
}

InvalidReason ParseAddress(std::string_view candidate, const SyntaxOptions& options,
                           Address* address) {
  // A name-addr never passes the fast path (its '<' is not atext, its '>' not a domain's).
  if (ParseCommonAscii(candidate, options, address)) return InvalidReason::kNone;
  return ParseAddressGeneral(candidate, options, address);
}

InvalidReason ParseAddressGeneral(std::string_view candidate, const SyntaxOptions& options,
                                  Address* address) {
  if (candidate.empty()) return InvalidReason::kEmpty;
  bool ascii = true;
  if (InvalidReason r = CheckEncoding(candidate, &ascii); r != InvalidReason::kNone) return r;
  std::string_view spec = candidate;
  if (options.allow_display_name && IsNameAddr(candidate)) {
    if (InvalidReason r = SplitNameAddr(candidate, &spec); r != InvalidReason::kNone) return r;
    if (spec.empty()) return InvalidReason::kMissingAt;  // "Name <>"
  }
  return ParseAddrSpec(spec, ascii, options, address);
}

}  // namespace warden::core::email
