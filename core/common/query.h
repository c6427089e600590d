// Query-string lookup with application/x-www-form-urlencoded decoding.
//
// Decodes like the WHATWG URLSearchParams (so a value means what a browser or Node thinks it
// means): a leading '?' is ignored; pairs are separated by '&'; empty pairs are skipped; a
// pair without '=' has an empty value; in names and values '+' becomes a space and %XX (two
// hex digits) the byte XX, while a '%' not followed by two hex digits stays literal; the
// decoded bytes are then read as UTF-8 with every invalid sequence replaced by U+FFFD (WHATWG
// Encoding "UTF-8 decode without BOM": a BOM is kept). Names compare after decoding, byte for
// byte; the first pair with the name wins.
#pragma once

#include <string>
#include <string_view>

namespace warden::core {

// Looks up argument `name` in the raw query string `raw`. Returns false when absent; otherwise
// stores the decoded value (possibly empty) in *value. Uses *value as scratch either way.
bool FindQueryArg(std::string_view raw, std::string_view name, std::string* value);

// Appends the form-urlencoded decoding of `text` to *out ('+' -> ' ', %XX -> byte, then
// invalid UTF-8 -> U+FFFD), as described above.
void AppendFormDecoded(std::string_view text, std::string* out);

// Appends `bytes` to *out, replacing each invalid UTF-8 sequence by U+FFFD (EF BF BD) exactly
// as the WHATWG Encoding standard's UTF-8 decoder does (maximal subparts).
void AppendUtf8Sanitized(std::string_view bytes, std::string* out);

}  // namespace warden::core
