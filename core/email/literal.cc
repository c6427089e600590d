// Address literals of email domains (see literal.h).
#include "core/email/literal.h"

#include "core/common/ascii.h"

namespace warden::core::email {
namespace {

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

}  // namespace warden::core::email
