// Characteristic parsing and ordering (see characteristic.h).
#include "core/fingerprint/characteristic.h"

#include <string>

#include "core/common/ascii.h"

namespace warden::core::fingerprint {
namespace {

struct Bracketed {
  std::string_view prefix;
  Kind kind;
};

constexpr Bracketed kBracketed[] = {
    {"http.request.headers[", Kind::kHeader},
    {"http.request.cookie[", Kind::kCookie},
    {"http.request.uri.args[", Kind::kQuery},
};

Error Malformed(std::string_view text) {
  std::string message = "malformed characteristic '";
  message.append(text);
  message.append("': expected a non-empty name in [\"...\"]");
  return InvalidInput(std::move(message));
}

}  // namespace

ErrorOr<Characteristic> ParseCharacteristic(std::string_view text) {
  if (text.empty()) return InvalidInput("empty characteristic");
  if (text == "ip.src") return Characteristic{Kind::kIp, {}, text};
  if (text == "http.host") return Characteristic{Kind::kHost, {}, text};
  if (text == "http.method") return Characteristic{Kind::kMethod, {}, text};
  if (text == "http.request.uri.path") return Characteristic{Kind::kPath, {}, text};
  for (const Bracketed& b : kBracketed) {
    if (!text.starts_with(b.prefix)) continue;
    std::string_view rest = text.substr(b.prefix.size());
    // rest must be "<name>"] with a non-empty name containing no '"'.
    if (rest.size() < 4 || rest.front() != '"' || !rest.ends_with("\"]")) return Malformed(text);
    const std::string_view name = rest.substr(1, rest.size() - 3);
    if (name.find('"') != std::string_view::npos) return Malformed(text);
    return Characteristic{b.kind, name, text};
  }
  return Characteristic{Kind::kUserDefined, text, text};
}

int CompareCharacteristics(const Characteristic& a, const Characteristic& b) {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.kind == Kind::kHeader) return CompareIgnoreCase(a.name, b.name);
  const int c = a.name.compare(b.name);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace warden::core::fingerprint
