// For the differential test (differential.mjs): reads User-Agents, one per line, hex-encoded,
// from stdin and prints for each the indices of the matching patterns of the tables compiled
// from every crawler-user-agents pattern with an empty overlay (pattern i = entry i).
#include <cstdio>
#include <iostream>
#include <string>

#include "core/bot/matcher.h"

namespace warden::core::bot {
const Tables& CuaAllTables();
}  // namespace warden::core::bot

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

int main() {
  using warden::core::bot::CuaAllTables;
  std::string line;
  std::string ua;
  while (std::getline(std::cin, line)) {
    ua.clear();
    for (size_t i = 0; i + 1 < line.size(); i += 2) {
      ua.push_back(static_cast<char>(HexDigit(line[i]) * 16 + HexDigit(line[i + 1])));
    }
    std::string out;
    for (uint16_t p : warden::core::bot::MatchPatterns(CuaAllTables(), ua)) {
      if (!out.empty()) out.push_back(' ');
      out += std::to_string(p);
    }
    std::cout << out << '\n';
  }
  return 0;
}
