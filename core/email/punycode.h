// Punycode (RFC 3492) for IDNA labels, without the "xn--" prefix. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace warden::core::email {

// Appends the Punycode form of `label` (lower-case letters) to *out. Returns false (with *out
// partly written) on arithmetic overflow, which only absurdly long inputs reach.
bool PunycodeEncode(std::u32string_view label, std::string* out);

// Decodes `encoded` (ASCII; basic code points are taken as written, digits in either case)
// into *out. Returns false for malformed input: a non-ASCII byte, an invalid digit, a
// truncated number, overflow, or a decoded value that is a surrogate or above U+10FFFF.
bool PunycodeDecode(std::string_view encoded, std::u32string* out);

}  // namespace warden::core::email
