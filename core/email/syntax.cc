// Email address syntax checks (see syntax.h).
#include "core/email/syntax.h"

#include "core/common/ascii.h"

namespace warden::core::email {
namespace {

constexpr size_t kMaxLocal = 64;
constexpr size_t kMaxDomain = 253;
constexpr size_t kMaxAddress = 254;
constexpr size_t kMaxLabel = 63;

// RFC 5322 atext.
bool IsAtext(char c) {
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

bool IsLdhLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabel) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!IsAsciiAlnum(c) && c != '-') return false;
  }
  return true;
}

// Length of the quoted string at the start of `text` (quotes included), or 0 if `text` does
// not start with a complete one.
size_t QuotedLength(std::string_view text) {
  if (text.empty() || text.front() != '"') return 0;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return 0;
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

}  // namespace

bool IsDotAtom(std::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.') return false;
  char previous = '\0';
  for (char c : local) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

bool IsQuotedString(std::string_view local) {
  if (local.size() < 2 || local.front() != '"' || local.back() != '"') return false;
  const std::string_view inner = local.substr(1, local.size() - 2);
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\') {
      // quoted-pairSMTP: backslash and one of %d32-126.
      if (++i == inner.size() || inner[i] < 32 || inner[i] > 126) return false;
    } else if (!IsQtext(inner[i])) {
      return false;
    }
  }
  return true;
}

bool IsHostname(std::string_view domain, bool require_top_level_domain) {
  if (domain.empty() || domain.size() > kMaxDomain) return false;
  size_t labels = 0;
  std::string_view last;
  std::string_view rest = domain;
  while (true) {
    const size_t dot = rest.find('.');
    last = rest.substr(0, dot);
    if (!IsLdhLabel(last)) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (!require_top_level_domain) return true;
  if (labels < 2) return false;
  for (char c : last) {
    if (!IsAsciiDigit(c)) return true;
  }
  return false;  // an all-numeric top-level label is an IPv4 address in disguise
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
  // "::" stands for at least two groups, so at most six others may be written.
  return l >= 0 && r >= 0 && l + r <= 6;
}

bool IsAddressLiteral(std::string_view literal) {
  if (literal.size() < 2 || literal.front() != '[' || literal.back() != ']') return false;
  const std::string_view inner = literal.substr(1, literal.size() - 2);
  constexpr std::string_view kTag = "IPv6:";
  if (StartsWithIgnoreCase(inner, kTag)) return IsIpv6(inner.substr(kTag.size()));
  return IsIpv4(inner);  // general address literals (other tags) are not accepted
}

bool ParseAddress(std::string_view candidate, const SyntaxOptions& options, Address* address) {
  if (candidate.size() > kMaxAddress) return false;
  size_t at;
  if (!candidate.empty() && candidate.front() == '"') {
    at = QuotedLength(candidate);
    if (at == 0 || at >= candidate.size() || candidate[at] != '@') return false;
  } else {
    at = candidate.find('@');
    if (at == std::string_view::npos) return false;
  }
  const std::string_view local = candidate.substr(0, at);
  const std::string_view domain = candidate.substr(at + 1);
  if (local.size() > kMaxLocal || domain.size() > kMaxDomain) return false;
  if (!IsDotAtom(local) && !IsQuotedString(local)) return false;
  const bool literal = !domain.empty() && domain.front() == '[';
  if (literal) {
    if (!options.allow_domain_literal || !IsAddressLiteral(domain)) return false;
  } else if (!IsHostname(domain, options.require_top_level_domain)) {
    return false;
  }
  *address = Address{local, domain, literal};
  return true;
}

}  // namespace warden::core::email
