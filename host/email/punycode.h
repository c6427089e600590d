// U-label to A-label conversion of list entries, for building the domain tables.
//
// The lists we compile (the Public Suffix List, the disposable lists) spell a few names with
// U-labels; the tables hold A-labels only. This is the encoding step alone: input labels are
// taken as given (the sources publish them NFC and lower-case); no UTS #46 mapping is applied.
// The Punycode (RFC 3492) encoder itself is the core's (core/email/punycode.h).
#pragma once

#include <string>
#include <string_view>

#include "warden/result.h"

namespace warden::email {

// Returns `domain` (UTF-8) with ASCII letters lower-cased and every label that contains a
// non-ASCII character replaced by "xn--" + its Punycode encoding. Fails on invalid UTF-8
// (including surrogates and overlongs) or an encoding overflow.
Result<std::string> DomainToALabels(std::string_view domain);

}  // namespace warden::email
