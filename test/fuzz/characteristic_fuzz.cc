// Fuzz target: fingerprint characteristics over an arbitrary request.
//
// Input: lines. The first 8 lines are ip, method, host, path, cookies, query, one header
// "name:value" and one extra "key:value"; the remaining lines are characteristics. Checks: no
// crash/UB; a fingerprint is "fp::2::" + 64 lower-case hex digits; the result (value or error)
// does not depend on the order of the characteristics, only the error's spelling may.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/fingerprint/fingerprint.h"
#include "fuzz_util.h"

namespace {

using namespace warden::core;
using warden::fuzz::Check;
using warden::fuzz::TakeUntil;

Field ParseField(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {line, {}};
  return {line.substr(0, colon), line.substr(colon + 1)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  HttpRequest request;
  request.ip = TakeUntil(&input, '\n');
  request.method = TakeUntil(&input, '\n');
  request.host = TakeUntil(&input, '\n');
  request.path = TakeUntil(&input, '\n');
  request.cookies = TakeUntil(&input, '\n');
  request.query = TakeUntil(&input, '\n');
  const Field header = ParseField(TakeUntil(&input, '\n'));
  const Field extra = ParseField(TakeUntil(&input, '\n'));
  request.headers = std::span<const Field>(&header, 1);
  request.extra = std::span<const Field>(&extra, 1);
  std::vector<std::string_view> characteristics;
  while (!input.empty() && characteristics.size() < 64) {
    characteristics.push_back(TakeUntil(&input, '\n'));
  }

  ErrorOr<std::string> forward = fingerprint::Generate(request, characteristics);
  std::reverse(characteristics.begin(), characteristics.end());
  ErrorOr<std::string> backward = fingerprint::Generate(request, characteristics);
  Check(forward.ok() == backward.ok());
  if (forward.ok()) {
    const std::string& fp = forward.value();
    Check(fp == backward.value());
    Check(fp.size() == 7 + 64 && fp.starts_with("fp::2::"));
    for (size_t i = 7; i < fp.size(); ++i) {
      Check((fp[i] >= '0' && fp[i] <= '9') || (fp[i] >= 'a' && fp[i] <= 'f'));
    }
  } else {
    Check(forward.error().kind == backward.error().kind);
  }
  return 0;
}
