// Email address syntax checks (see syntax.h).
#include "core/email/syntax.h"

#include <algorithm>
#include <array>

#include "core/common/ascii.h"
#include "core/email/idna.h"
#include "core/email/unicode.h"

namespace warden::core::email {
namespace {

constexpr size_t kMaxLocal = 64;
constexpr size_t kMaxLabel = 63;
constexpr size_t kMaxDomain = 253;  // A-label form, no trailing dot
constexpr size_t kMaxAddress = 254;

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
bool IsQtext(char c) { return c >= 32 && c <= 126 && c != '"' && c != '\\'; }

// Non-ASCII code points a local part may hold (RFC 6531 UTF8-non-ascii), minus the invisible
// and space-like ones a mailbox name should never contain: spaces (Zs/Zl/Zp), zero-width and
// bidi formatting characters, the BOM, interlinear annotations and noncharacters.
bool IsLocalUnicode(char32_t c) {
  if (c == 0xA0 || c == 0x1680 || c == 0x3000 || c == 0xFEFF) return false;
  if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F)) return false;
  if ((c >= 0x205F && c <= 0x206F) || (c >= 0xFFF9 && c <= 0xFFFB)) return false;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return false;
  return true;
}

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

// One IPv6 group: 1-4 hex digits.
bool IsHexGroup(std::string_view g) {
  if (g.empty() || g.size() > 4) return false;
  for (char c : g) {
    if (!IsAsciiHexDigit(c)) return false;
  }
  return true;
}

// Counts the 16-bit groups in a ':'-separated run; an IPv4 tail (only if `allow_v4`) counts
// as two. Returns -1 if malformed. An empty run has zero groups.
int CountGroups(std::string_view run, bool allow_v4) {
  if (run.empty()) return 0;
  int groups = 0;
  while (true) {
    const size_t colon = run.find(':');
    const std::string_view g = run.substr(0, colon);
    if (colon == std::string_view::npos) {
      if (allow_v4 && g.find('.') != std::string_view::npos) return IsIpv4(g) ? groups + 2 : -1;
      return IsHexGroup(g) ? groups + 1 : -1;
    }
    if (!IsHexGroup(g)) return -1;
    ++groups;
    run.remove_prefix(colon + 1);
  }
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
bool IsReservedTld(std::string_view tld) {
  constexpr std::array<std::string_view, 6> kReserved = {"arpa", "invalid", "local",
                                                         "localhost", "onion", "test"};
  for (std::string_view r : kReserved) {
    if (tld == r) return true;
  }
  return false;
}

InvalidReason CheckTopLevelDomain(std::string_view ascii_domain) {
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
  return IsReservedTld(tld) ? InvalidReason::kReservedDomain : InvalidReason::kNone;
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
  return options.require_top_level_domain ? CheckTopLevelDomain(address->ascii_domain)
                                          : InvalidReason::kNone;
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
bool IsPlainTopLevelDomain(std::string_view tld, uint8_t tld_classes, size_t labels) {
  if (labels < 2 || (tld_classes & (kLetterClass | kHyphenClass)) == 0) return false;  // digits
  if ((tld_classes & kHyphenClass) != 0 && !IsAsciiAlpha(tld.back())) return false;
  if (tld.size() < 4 || tld.size() > 9) return true;  // no reserved name has another size
  std::array<char, 9> lower;
  for (size_t i = 0; i < tld.size(); ++i) lower[i] = AsciiToLower(tld[i]);
  return !IsReservedTld(std::string_view(lower.data(), tld.size()));
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
  if (options.require_top_level_domain && !IsPlainTopLevelDomain(tld, label_seen, labels)) {
    return false;
  }
  std::string_view ascii = domain;
  if ((seen & kUpperClass) != 0) {
    address->storage.assign(domain);
    for (char& c : address->storage) c = AsciiToLower(c);
    ascii = address->storage;
  }
  address->local = local;
  address->domain = domain;
  address->domain_literal = false;
  address->ascii_domain = ascii;
  return true;
}

}  // namespace

InvalidReason CheckDotAtom(std::string_view local) {
  if (local.front() == '.') return InvalidReason::kLeadingDot;
  for (size_t i = 0; i < local.size(); ++i) {
    const char c = local[i];
    if (c == '.') {
      if (i + 1 == local.size()) return InvalidReason::kTrailingDot;
      if (local[i + 1] == '.') return InvalidReason::kConsecutiveDots;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      if (!TakeLocalUnicode(local, &i) || DecomposesToSpecial(local, i)) {
        return InvalidReason::kInvalidCharacter;
      }
    } else if (!IsAtext(c)) {
      return InvalidReason::kInvalidCharacter;
    }
  }
  return InvalidReason::kNone;
}

InvalidReason CheckQuotedString(std::string_view local) {
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
      if (!TakeLocalUnicode(local, &i)) return InvalidReason::kInvalidCharacter;
    } else if (!IsQtext(c)) {
      return InvalidReason::kInvalidCharacter;
    }
  }
  return InvalidReason::kUnterminatedQuote;
}

bool IsIpv4(std::string_view text) {
  int parts = 0;
  while (true) {
    const size_t dot = text.find('.');
    const std::string_view p = text.substr(0, dot);
    if (p.empty() || p.size() > 3 || (p.size() > 1 && p.front() == '0')) return false;
    int value = 0;
    for (char c : p) {
      if (!IsAsciiDigit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool IsIpv6(std::string_view text) {
  const size_t gap = text.find("::");
  if (gap == std::string_view::npos) return CountGroups(text, /*allow_v4=*/true) == 8;
  const std::string_view left = text.substr(0, gap);
  const std::string_view right = text.substr(gap + 2);
  if (right.find("::") != std::string_view::npos) return false;
  const int l = CountGroups(left, /*allow_v4=*/false);
  const int r = CountGroups(right, /*allow_v4=*/true);
  // "::" stands for one or more zero groups (RFC 4291 §2.2; RFC 5321's IPv6-comp asks for two,
  // which the suites and deployed MTAs do not enforce), so at most seven others may be written.
  return l >= 0 && r >= 0 && l + r <= 7;
}

bool IsAddressLiteral(std::string_view literal) {
  if (literal.size() < 2 || literal.front() != '[' || literal.back() != ']') return false;
  const std::string_view inner = literal.substr(1, literal.size() - 2);
  constexpr std::string_view kTag = "IPv6:";
  if (StartsWithIgnoreCase(inner, kTag)) return IsIpv6(inner.substr(kTag.size()));
  return IsIpv4(inner);  // general address literals (other tags) are not accepted
}

InvalidReason ParseAddress(std::string_view candidate, const SyntaxOptions& options,
                           Address* address) {
  if (ParseCommonAscii(candidate, options, address)) return InvalidReason::kNone;
  return ParseAddressGeneral(candidate, options, address);
}

InvalidReason ParseAddressGeneral(std::string_view candidate, const SyntaxOptions& options,
                                  Address* address) {
  if (candidate.empty()) return InvalidReason::kEmpty;
  bool ascii = true;
  if (InvalidReason r = CheckEncoding(candidate, &ascii); r != InvalidReason::kNone) return r;
  size_t at = 0;
  if (InvalidReason r = FindAt(candidate, &at); r != InvalidReason::kNone) return r;
  const std::string_view local = candidate.substr(0, at);
  const std::string_view domain = candidate.substr(at + 1);
  if (local.empty()) return InvalidReason::kLocalPartEmpty;
  // A non-ASCII local part is checked, and measured, in NFC (RFC 6532 §3.1): what a mail
  // system stores and compares.
  std::string normalized;
  std::string_view checked = local;
  if (!ascii && !IsAscii(local)) {
    normalized = NfcUtf8(local);
    checked = normalized;
  }
  const InvalidReason local_reason =
      checked.front() == '"' ? CheckQuotedString(checked) : CheckDotAtom(checked);
  if (local_reason != InvalidReason::kNone) return local_reason;
  // Measured both as written and normalised: either may be what gets transmitted.
  const size_t local_size = std::max(local.size(), checked.size());
  if (local_size > kMaxLocal) return InvalidReason::kLocalPartTooLong;
  address->local = local;
  address->domain = domain;
  address->domain_literal = false;
  if (InvalidReason r = CheckDomain(domain, options, address); r != InvalidReason::kNone) {
    return r;
  }
  if (local_size + 1 + address->ascii_domain.size() > kMaxAddress) {
    return InvalidReason::kAddressTooLong;
  }
  return InvalidReason::kNone;
}

}  // namespace warden::core::email
