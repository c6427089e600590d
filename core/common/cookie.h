// Cookie lookup in a raw Cookie header value ("a=1; b=2").
//
// Decisions (docs/fingerprint.md): pairs are separated by ';'; spaces and tabs around names
// and values are ignored; a pair without '=' is skipped; names match byte for byte
// (case-sensitive); the first pair with the name wins; one pair of double quotes around the
// value is removed ("v" -> v); values are not percent-decoded.
#pragma once

#include <string_view>

namespace warden::core {

// Looks up cookie `name` in `raw`. Returns false when absent; otherwise stores a view into
// `raw` in *value (possibly empty). Never allocates.
bool FindCookie(std::string_view raw, std::string_view name, std::string_view* value);

}  // namespace warden::core
