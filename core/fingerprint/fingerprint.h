// warden::core::fingerprint::Generate — the request fingerprint of the Decide protocol.
//
//   fp::2:: + lower-case hex SHA-256 of the concatenated parts, one part per characteristic:
//     ip.src                          "ip" + ip
//     http.host                       "host" + host
//     http.method                     "method" + method
//     http.request.uri.path           "path" + path
//     http.request.headers["n"]       "header" + lower(n) + value
//     http.request.cookie["n"]        "cookie" + n + value
//     http.request.uri.args["n"]      "query" + n + decoded value
//     any other key k                 "userdefined" + k + extra[k]
//   Parts in the order ip, host, method, path, headers, cookies, query args, user-defined (each
//   group by name), whatever order the caller lists them in; duplicates count once.
// See docs/fingerprint.md for every decision.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/common/error.h"
#include "core/common/http.h"

namespace warden::core::fingerprint {

inline constexpr std::string_view kPrefix = "fp::2::";

// Returns the fingerprint of `request` over `characteristics` (an empty span means
// {"ip.src"}). Errors: kInvalidInput for a malformed characteristic (the first in the caller's
// order); kMissingCharacteristic naming the characteristic exactly as given when its value is
// absent or empty (the first such in canonical order). Pure; thread-compatible.
ErrorOr<std::string> Generate(const HttpRequest& request,
                              std::span<const std::string_view> characteristics);

}  // namespace warden::core::fingerprint
