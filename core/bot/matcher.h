// The bot matcher: which patterns of the compiled tables (tables.h) match a User-Agent, and
// which bot IDs that makes (docs/bot-detection.md, "Matcher design").
//
// One pass of an Aho-Corasick automaton over the ASCII-folded UA finds every keyword; literal
// patterns are confirmed where their keyword ends (case, anchors), regex patterns become
// candidates and each candidate's search DFA runs once over the UA. Time is linear in the UA
// length; no backtracking, no per-pattern scan. The UA is bytes: any content (empty, non-ASCII,
// invalid UTF-8, any length) is accepted.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/bot/tables.h"

namespace warden::core::bot {

// Indices (ascending) of every pattern in `tables` that matches `user_agent`, as the pattern's
// regex would (RegExp.prototype.test semantics over bytes; docs/bot-detection.md).
std::vector<uint16_t> MatchPatterns(const Tables& tables, std::string_view user_agent);

// For tests and fuzz targets only: MatchPatterns with the automaton pass chosen explicitly.
// `single_scan` true runs one scan over the whole UA; false is what MatchPatterns does (UAs of
// 64 bytes or more are scanned as four segments side by side that resynchronise past their
// cuts). Both must give the same result; this lets a test compare them.
std::vector<uint16_t> MatchPatternsForTesting(const Tables& tables, std::string_view user_agent,
                                              bool single_scan);

// The bot IDs of a User-Agent: indices into tables.ids, ascending (so sorted by name), deduped.
// IDs of named patterns when any matched; otherwise the generic IDs unless a not_bots veto
// matched. `generic` tells which of the two it is.
struct Classification {
  std::vector<uint16_t> ids;
  bool generic = false;
};
Classification ClassifyIds(const Tables& tables, std::string_view user_agent);

}  // namespace warden::core::bot
