// dns_names.cc — ReverseLookupName (include/warden/dns_resolver.h) and the pure helpers of
// dns_names.h.
#include "dns/dns_names.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstdint>

#include "warden/dns_resolver.h"

namespace warden {
namespace {

bool IsIpv4(const std::string& text) {
  in_addr a{};
  return inet_pton(AF_INET, text.c_str(), &a) == 1;
}

bool IsIpv6(const std::string& text) {
  in6_addr a{};
  return inet_pton(AF_INET6, text.c_str(), &a) == 1;
}

bool ParsePort(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return ec == std::errc() && end == text.data() + text.size() && port >= 1 && port <= 65535;
}

// Checks one server entry and returns it in c-ares' CSV syntax, or an empty string.
std::string ServerEntry(std::string_view entry) {
  if (entry.find('\0') != std::string_view::npos) return "";
  if (!entry.empty() && entry.front() == '[') {
    size_t close = entry.find(']');
    if (close == std::string_view::npos) return "";
    std::string host(entry.substr(1, close - 1));
    std::string_view rest = entry.substr(close + 1);
    if (!IsIpv6(host)) return "";
    if (rest.empty()) return host;  // c-ares takes a bare IPv6 address without brackets
    if (rest.front() != ':' || !ParsePort(rest.substr(1))) return "";
    return std::string(entry);
  }
  std::string whole(entry);
  if (IsIpv6(whole)) return whole;  // a bare IPv6 address: no port
  size_t colon = entry.rfind(':');
  std::string host(entry.substr(0, colon));
  if (!IsIpv4(host)) return "";
  if (colon == std::string_view::npos) return host;
  if (!ParsePort(entry.substr(colon + 1))) return "";
  return whole;
}

}  // namespace

Result<std::string> ReverseLookupName(std::string_view ip) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text(ip);
  if (text.find('\0') != std::string::npos) return InvalidArgumentError("not an IP address");
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    const auto* b = reinterpret_cast<const uint8_t*>(&v4);
    return std::to_string(b[3]) + "." + std::to_string(b[2]) + "." + std::to_string(b[1]) + "." +
           std::to_string(b[0]) + ".in-addr.arpa";
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::string name;
    name.reserve(72);
    for (int i = 15; i >= 0; --i) {
      name += kHex[v6.s6_addr[i] & 0xf];
      name += '.';
      name += kHex[v6.s6_addr[i] >> 4];
      name += '.';
    }
    return name + "ip6.arpa";
  }
  return InvalidArgumentError("not an IP address: \"" + text + "\"");
}

namespace host::dns {

Result<std::string> ServersToCsv(const std::vector<std::string>& servers) {
  std::string csv;
  for (const std::string& server : servers) {
    std::string entry = ServerEntry(server);
    if (entry.empty()) {
      return InvalidArgumentError("bad DNS server \"" + server +
                                  "\" (expected ip, ip:port or [ipv6]:port)");
    }
    if (!csv.empty()) csv += ',';
    csv += entry;
  }
  return csv;
}

std::string NormalizeHostName(std::string_view name) {
  std::string out(name);
  while (!out.empty() && out.back() == '.') out.pop_back();
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace host::dns
}  // namespace warden
