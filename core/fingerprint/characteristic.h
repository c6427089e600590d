// Fingerprint characteristics: parsing the caller's strings and ordering them canonically.
//
// Syntax (docs/fingerprint.md):
//   ip.src | http.host | http.method | http.request.uri.path
//   http.request.headers["<name>"] | http.request.cookie["<name>"] | http.request.uri.args["<name>"]
//   anything else: a user-defined key, looked up in the request's `extra`
// A string that starts with one of the three bracketed prefixes but is not exactly
// prefix + '"' + name + '"]' with a non-empty name free of '"' is malformed, as is "".
#pragma once

#include <cstdint>
#include <string_view>

#include "core/common/error.h"

namespace warden::core::fingerprint {

// In canonical (hashing) order.
enum class Kind : uint8_t { kIp, kHost, kMethod, kPath, kHeader, kCookie, kQuery, kUserDefined };

struct Characteristic {
  Kind kind;
  // The header/cookie/argument name; the whole key for kUserDefined; empty otherwise.
  std::string_view name;
  // The characteristic exactly as the caller gave it (used in error messages).
  std::string_view text;
};

// Parses `text`; the result borrows from it. Returns kInvalidInput for malformed syntax.
ErrorOr<Characteristic> ParseCharacteristic(std::string_view text);

// Canonical order: by kind, then by name — header names compared after ASCII lower-casing,
// other names byte for byte. Returns <0, 0 or >0. 0 means "the same characteristic" (so
// `headers["A"]` and `headers["a"]` are one).
int CompareCharacteristics(const Characteristic& a, const Characteristic& b);

}  // namespace warden::core::fingerprint
