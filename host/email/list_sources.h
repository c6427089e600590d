// Readers of the list sources compiled into the email domain tables (docs/email-lists.md):
// the Public Suffix List's text format, JSON string arrays (disposable-email-domains'
// index.json / wildcard.json, the array inside mailchecker's platform/node/index.js), and our
// one-domain-per-line files (host/email/data/free_domains.txt).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "email/domain_table.h"
#include "warden/result.h"

namespace warden::email {

// Adds every rule of a Public Suffix List (the publicsuffix.org format: one rule per line,
// the rule ending at the first whitespace, "//" comment lines, "*." wildcards as the leftmost
// label only, "!" exceptions) to `builder` as kPslRule / kPslWildcard / kPslException keys.
// U-label rules are stored as A-labels. Fails, naming the line, on a malformed rule.
// `rules` (optional) receives the number of rules read.
Status AddPublicSuffixList(std::string_view text, DomainTableBuilder& builder,
                           size_t* rules = nullptr);

// Parses the first JSON array of strings found after `marker` (from the start when empty).
// Handles the JSON string escapes (\uXXXX, surrogate pairs included) and yields UTF-8.
Result<std::vector<std::string>> ParseJsonStringArray(std::string_view text,
                                                      std::string_view marker = {});

// Splits a list file into its entries: one per line, '#' starts a comment, blank lines skipped,
// surrounding whitespace trimmed.
std::vector<std::string> ParseDomainLines(std::string_view text);

// A list entry as a table key: trimmed, ASCII lower-cased, one trailing dot dropped, U-labels
// encoded as A-labels. Fails when the result is not a domain (IsNormalizedKey).
Result<std::string> NormalizeListEntry(std::string_view entry);

}  // namespace warden::email
