// ip_ranges.cc — IpAddress, IpPrefix and IpRangeList (include/warden/bot_verifier.h): the
// parsing of operators' published IP ranges and the membership test.
#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "bot/operators.h"
#include "warden/bot_verifier.h"

namespace warden {
namespace {

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\r' || c == ','; }

// A bot ID: upper case letters, digits and '_', starting with a letter.
bool IsBotId(std::string_view key) {
  if (key.empty() || key[0] < 'A' || key[0] > 'Z') return false;
  for (char c : key) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Splits a line (comment removed) into its words.
std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSeparator(line[i])) ++i;
    size_t start = i;
    while (i < line.size() && !IsSeparator(line[i])) ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

}  // namespace

Result<IpAddress> IpAddress::Parse(std::string_view text) {
  std::string s(text);
  IpAddress ip;
  if (s.find('\0') == std::string::npos) {
    if (inet_pton(AF_INET, s.c_str(), ip.bytes.data()) == 1) return ip;
    if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) == 1) {
      static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
      if (std::memcmp(ip.bytes.data(), kMapped, 12) == 0) {
        std::memmove(ip.bytes.data(), ip.bytes.data() + 12, 4);
        std::memset(ip.bytes.data() + 4, 0, 12);
        return ip;
      }
      ip.v4 = false;
      return ip;
    }
  }
  return InvalidArgumentError("not an IP address: \"" + s + "\"");
}

Result<IpPrefix> IpPrefix::Parse(std::string_view text) {
  size_t slash = text.find('/');
  Result<IpAddress> ip = IpAddress::Parse(text.substr(0, slash));
  if (!ip.ok()) return ip.status();
  // A mapped address (::ffff:a.b.c.d/n) keeps its IPv6 prefix length; shift it to IPv4.
  bool mapped = ip->v4 && text.substr(0, slash).find(':') != std::string_view::npos;
  int max = ip->v4 ? 32 : 128;
  int length = max;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
      return InvalidArgumentError("bad prefix length in \"" + std::string(text) + "\"");
    }
    if (mapped) length -= 96;
    if (length < 0 || length > max) {
      return InvalidArgumentError("prefix length out of range in \"" + std::string(text) + "\"");
    }
  }
  IpPrefix prefix{*ip, static_cast<uint8_t>(length)};
  for (int bit = length; bit < max; ++bit) {
    prefix.network.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
  }
  return prefix;
}

bool IpPrefix::Contains(const IpAddress& ip) const {
  if (ip.v4 != network.v4) return false;
  int full = length / 8;
  if (std::memcmp(ip.bytes.data(), network.bytes.data(), full) != 0) return false;
  int rest = length % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff00u >> rest);
  return (ip.bytes[full] & mask) == network.bytes[full];
}

Result<IpRangeList> IpRangeList::Parse(std::string_view text, std::string_view source) {
  IpRangeList list;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    line = line.substr(0, line.find('#'));
    std::vector<std::string_view> words = Words(line);
    if (words.empty()) continue;
    auto fail = [&](const std::string& why) {
      return InvalidArgumentError(std::string(source) + ":" + std::to_string(line_no) + ": " + why);
    };
    std::string_view key = words[0];
    if (!IsBotId(key) && !internal::IsBotOperatorName(key)) {
      return fail(
          "\"" + std::string(key) +
          "\" is neither a bot ID (like GOOGLE_CRAWLER) nor a known operator (like google)");
    }
    if (words.size() < 2) return fail("no IP range after \"" + std::string(key) + "\"");
    std::vector<IpPrefix>& ranges = list.ranges_[std::string(key)];
    for (size_t i = 1; i < words.size(); ++i) {
      Result<IpPrefix> prefix = IpPrefix::Parse(words[i]);
      if (!prefix.ok()) return fail(prefix.status().message());
      ranges.push_back(*prefix);
    }
  }
  return list;
}

Result<IpRangeList> IpRangeList::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read IP range file \"" + path + "\"");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

bool IpRangeList::Has(std::string_view key) const {
  auto it = ranges_.find(key);
  return it != ranges_.end() && !it->second.empty();
}

bool IpRangeList::Contains(std::string_view key, const IpAddress& ip) const {
  auto it = ranges_.find(key);
  if (it == ranges_.end()) return false;
  for (const IpPrefix& prefix : it->second) {
    if (prefix.Contains(ip)) return true;
  }
  return false;
}

size_t IpRangeList::size() const {
  size_t n = 0;
  for (const auto& [key, ranges] : ranges_) n += ranges.size();
  return n;
}

}  // namespace warden
