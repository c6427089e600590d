// Cookie header parsing (see cookie.h).
#include "core/common/cookie.h"

#include "core/common/ascii.h"

namespace warden::core {

bool FindCookie(std::string_view raw, std::string_view name, std::string_view* value) {
  while (!raw.empty()) {
    const size_t end = raw.find(';');
    std::string_view pair = raw.substr(0, end);
    raw.remove_prefix(end == std::string_view::npos ? raw.size() : end + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (TrimOws(pair.substr(0, eq)) != name) continue;
    std::string_view v = TrimOws(pair.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    *value = v;
    return true;
  }
  return false;
}

}  // namespace warden::core
