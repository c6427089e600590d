// Fingerprint generation (see fingerprint.h).
#include "core/fingerprint/fingerprint.h"

#include <algorithm>
#include <vector>

#include "core/common/cookie.h"
#include "core/common/query.h"
#include "core/fingerprint/characteristic.h"
#include "core/fingerprint/sha256.h"

namespace warden::core::fingerprint {
namespace {

constexpr std::string_view kDefault[] = {"ip.src"};

// Finds the value of `c` in `request`; a view into the request or into *scratch. Returns
// false when absent.
bool Lookup(const HttpRequest& request, const Characteristic& c, std::string* scratch,
            std::string_view* value) {
  switch (c.kind) {
    case Kind::kIp: *value = request.ip; return true;
    case Kind::kHost: *value = request.host; return true;
    case Kind::kMethod: *value = request.method; return true;
    case Kind::kPath: *value = request.path; return true;
    case Kind::kHeader: return FindHeader(request.headers, c.name, scratch, value);
    case Kind::kCookie: return FindCookie(request.cookies, c.name, value);
    case Kind::kQuery:
      if (!FindQueryArg(request.query, c.name, scratch)) return false;
      *value = *scratch;
      return true;
    case Kind::kUserDefined: return FindField(request.extra, c.name, value);
  }
  return false;
}

std::string_view PartLabel(Kind kind) {
  switch (kind) {
    case Kind::kIp: return "ip";
    case Kind::kHost: return "host";
    case Kind::kMethod: return "method";
    case Kind::kPath: return "path";
    case Kind::kHeader: return "header";
    case Kind::kCookie: return "cookie";
    case Kind::kQuery: return "query";
    case Kind::kUserDefined: return "userdefined";
  }
  return "";
}

// Insertion sort: stable (of two spellings of one header, the caller's first is kept and named
// in errors), allocation-free, and fast for the handful of characteristics a rule lists.
void SortCanonically(std::vector<Characteristic>& items) {
  for (size_t i = 1; i < items.size(); ++i) {
    const Characteristic item = items[i];
    size_t j = i;
    for (; j > 0 && CompareCharacteristics(item, items[j - 1]) < 0; --j) items[j] = items[j - 1];
    items[j] = item;
  }
}

}  // namespace

ErrorOr<std::string> Generate(const HttpRequest& request,
                              std::span<const std::string_view> characteristics) {
  if (characteristics.empty()) characteristics = kDefault;
  std::vector<Characteristic> parsed;
  parsed.reserve(characteristics.size());
  for (std::string_view text : characteristics) {
    ErrorOr<Characteristic> c = ParseCharacteristic(text);
    if (!c.ok()) return std::move(c.error());
    parsed.push_back(c.value());
  }
  SortCanonically(parsed);
  parsed.erase(std::unique(parsed.begin(), parsed.end(),
                           [](const auto& a, const auto& b) {
                             return CompareCharacteristics(a, b) == 0;
                           }),
               parsed.end());

  Sha256 sha;
  std::string scratch;
  for (const Characteristic& c : parsed) {
    std::string_view value;
    if (!Lookup(request, c, &scratch, &value) || value.empty()) {
      return MissingCharacteristic(std::string(c.text));
    }
    sha.Update(PartLabel(c.kind));
    if (c.kind == Kind::kHeader) {
      sha.UpdateLowerAscii(c.name);
    } else {
      sha.Update(c.name);
    }
    sha.Update(value);
  }
  std::string out(kPrefix.size() + 2 * Sha256::kDigestSize, '\0');
  out.replace(0, kPrefix.size(), kPrefix);
  Sha256::ToHex(sha.Finish(), out.data() + kPrefix.size());
  return out;
}

}  // namespace warden::core::fingerprint
