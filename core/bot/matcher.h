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
#include <span>
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

// ClassifyIds' result in storage of its own: up to kInline IDs without a heap allocation.
class ClassifiedIds {
 public:
  static constexpr size_t kInline = 32;

  ClassifiedIds() = default;
  ClassifiedIds(const ClassifiedIds&) = delete;
  ClassifiedIds& operator=(const ClassifiedIds&) = delete;

  // The IDs (as Classification::ids); valid while *this is unchanged.
  std::span<const uint16_t> ids() const {
    return count_ <= kInline ? std::span<const uint16_t>(inline_, count_)
                             : std::span<const uint16_t>(heap_);
  }
  bool generic() const { return generic_; }

 private:
  friend void ClassifyIdsInto(const Tables&, std::string_view, ClassifiedIds*);
  uint16_t inline_[kInline];
  size_t count_ = 0;  // > kInline: the IDs are in heap_
  std::vector<uint16_t> heap_;
  bool generic_ = false;
};

// ClassifyIds into *out (which must be freshly constructed).
void ClassifyIdsInto(const Tables& tables, std::string_view user_agent, ClassifiedIds* out);

}  // namespace warden::core::bot
