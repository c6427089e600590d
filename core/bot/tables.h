// The bot matcher's tables: the contract between the build-time compiler (tools/botc, which
// writes a generated source defining a `const Tables& BotTables()`) and the matcher
// (matcher.h). All arrays are constexpr data in the generated source. See
// docs/bot-detection.md, "Matcher design".
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace warden::core::bot {

// A bot ID with its categories (Category bits, catalog.h). IDs are sorted by name, so sorting
// ID indices sorts names.
struct BotId {
  std::string_view name;  // e.g. "GOOGLE_CRAWLER", or "CUA:<TEXT>" for an unmapped pattern
  uint32_t categories;
  bool verifiable;  // the operator publishes a way to verify it (IP ranges, reverse DNS)
};

// Keyword flags.
inline constexpr uint8_t kKeywordBol = 1;    // literal must start the UA
inline constexpr uint8_t kKeywordEol = 2;    // literal must end the UA
inline constexpr uint8_t kKeywordExact = 4;  // compare case-sensitively against `text`
inline constexpr uint8_t kKeywordRegex = 8;  // a factor of a regex pattern: mark a candidate

// A string the automaton finds (ASCII case folded). Either a literal variant of a pattern,
// confirmed where it is found, or a required factor of a regex pattern.
struct Keyword {
  uint32_t text;     // offset in Tables::text of the exact bytes (kKeywordExact only)
  uint16_t pattern;  // index in Tables::patterns
  uint16_t length;   // bytes
  uint8_t flags;
};

enum class PatternKind : uint8_t {
  kNamed = 0,    // crawler-user-agents or an overlay rule: names its IDs
  kGeneric = 1,  // generic automation: counts only when no named pattern matched
  kVeto = 2,     // not_bots: drops generic matches
};

inline constexpr uint16_t kNoRegex = 0xffff;

struct PatternInfo {
  uint16_t first_id;  // index in Tables::id_refs
  uint16_t regex;     // index in Tables::regexes, or kNoRegex for literal patterns
  uint8_t id_count;
  PatternKind kind;
};

// Search DFA of a regex pattern over its own byte classes (regex_class_maps[class_map * 256 +
// b]). States are numbered premultiplied, v = state * classes, so state v on class c goes to
// regex_tables[table + v + c]: the next v, kDfaAccept (the pattern matched) or kDfaDead (it
// cannot match any more). regex_at_end[at_end + v / classes]: the pattern matches if the UA
// ends in state v. The start state is 0.
struct RegexInfo {
  uint32_t table;
  uint16_t class_map;
  uint16_t at_end;
  uint8_t classes;
  uint8_t states;
};
inline constexpr uint16_t kDfaAccept = 0xffff;
inline constexpr uint16_t kDfaDead = 0xfffe;

// The Aho-Corasick automaton is a double array of AcSlot: from state s on byte b (class c =
// class_map[b], 0 = in no keyword) the goto target is t = slots[s].base + c if
// slots[t].check == s, otherwise follow slots[s].fail (the root, state 0, stays). slots[s].out
// is 0 or an offset in `outputs` of [count, keyword index...]: every keyword ending at s. The
// four fields of a slot share a cache line, so a transition is one memory access.
// Shallow states (the root, depth <= 2 and the states a scan of typical browser text visits,
// where a scan of ordinary text spends most of its time) also have a dense row r (slot
// dense_slots[r]; the root is row 0) holding the target of
// every class with failure links resolved: dense[(r << dense_shift) + c] is the target's
// row << dense_shift if it is shallow, else (dense_slots.size() << dense_shift) + its slot.
// Rows of states where no keyword ends come first: a shallow target t has keywords iff
// t >= dense_output_from. A deep state whose failure link leads to a shallow one has
// fail = kDenseState | row.
inline constexpr uint16_t kNoState = 0xffff;
inline constexpr uint16_t kDenseState = 0x8000;
struct AcSlot {
  uint16_t base;
  uint16_t check;  // the parent state, kNoState for a free slot
  uint16_t fail;
  uint16_t out;
};

struct Tables {
  std::span<const uint8_t, 256> class_map;
  std::span<const AcSlot> slots;
  std::span<const uint16_t> dense;
  std::span<const uint16_t> dense_slots;
  uint32_t dense_shift;        // rows of `dense` are 1 << dense_shift (>= classes) wide
  uint32_t dense_output_from;  // see above
  std::span<const uint8_t> dense_depths;  // per dense row: its state's depth (bytes)
  std::span<const uint16_t> outputs;
  std::span<const Keyword> keywords;
  std::span<const char> text;
  std::span<const PatternInfo> patterns;
  std::span<const uint16_t> id_refs;
  std::span<const BotId> ids;
  std::span<const RegexInfo> regexes;
  std::span<const uint8_t> regex_class_maps;
  std::span<const uint16_t> regex_tables;
  std::span<const uint8_t> regex_at_end;
  // Regex patterns that are candidates for every UA instead of through a keyword: anchored
  // with "^" and with no required factor rare enough to be worth one (their DFA stops where
  // the anchored match fails, usually after a few bytes). Ascending.
  std::span<const uint16_t> always_candidates;
};

// The tables compiled from the pinned data (generated bot_tables.cc).
const Tables& BotTables();

}  // namespace warden::core::bot
