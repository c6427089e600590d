// Fuzz target: Cookie header and query-string parsing.
//
// Input: a name, '\n', then the raw header/query. Checks: no crash/UB; a found cookie value
// is a view inside the raw input; query decoding always yields valid UTF-8; decoding plain
// ASCII (no '+', '%') is the identity.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/cookie.h"
#include "core/common/query.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using warden::fuzz::Check;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view name = warden::fuzz::TakeUntil(&input, '\n');
  const std::string_view raw = input;

  std::string_view cookie;
  if (warden::core::FindCookie(raw, name, &cookie)) {
    Check(cookie.data() >= raw.data() && cookie.data() + cookie.size() <= raw.data() + raw.size());
  }

  std::string value;
  if (warden::core::FindQueryArg(raw, name, &value)) Check(warden::fuzz::IsValidUtf8(value));

  std::string decoded;
  warden::core::AppendFormDecoded(raw, &decoded);
  Check(warden::fuzz::IsValidUtf8(decoded));
  if (raw.find_first_of("+%") == std::string_view::npos && warden::fuzz::IsValidUtf8(raw)) {
    Check(decoded == raw);
  }
  return 0;
}
