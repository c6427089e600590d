// The bot catalog over the compiled tables (see catalog.h).
#include "core/bot/catalog.h"

#include <bit>
#include <iterator>

#include "core/bot/matcher.h"
#include "core/common/bytes.h"

namespace warden::core::bot {
namespace {

struct CategoryName {
  std::string_view name;
  uint32_t bit;
};

constexpr CategoryName kCategoryNames[] = {
    {"CATEGORY:ACADEMIC", kAcademic},       {"CATEGORY:ADVERTISING", kAdvertising},
    {"CATEGORY:AI", kAi},                   {"CATEGORY:AMAZON", kAmazon},
    {"CATEGORY:APPLE", kApple},             {"CATEGORY:ARCHIVE", kArchive},
    {"CATEGORY:BOTNET", kBotnet},           {"CATEGORY:FEEDFETCHER", kFeedFetcher},
    {"CATEGORY:GOOGLE", kGoogle},           {"CATEGORY:META", kMeta},
    {"CATEGORY:MICROSOFT", kMicrosoft},     {"CATEGORY:MONITOR", kMonitor},
    {"CATEGORY:OPTIMIZER", kOptimizer},     {"CATEGORY:PREVIEW", kPreview},
    {"CATEGORY:PROGRAMMATIC", kProgrammatic}, {"CATEGORY:SEARCH_ENGINE", kSearchEngine},
    {"CATEGORY:SLACK", kSlack},             {"CATEGORY:SOCIAL", kSocial},
    {"CATEGORY:TOOL", kTool},               {"CATEGORY:UNKNOWN", kUnknown},
    {"CATEGORY:VERCEL", kVercel},           {"CATEGORY:WEBHOOK", kWebhook},
    {"CATEGORY:YAHOO", kYahoo},
};

// CategoryNames relies on entry i having bit 1 << i, and on the names being sorted (bit order
// is name order).
constexpr bool SortedByBitAndName() {
  for (size_t i = 0; i < std::size(kCategoryNames); ++i) {
    if (kCategoryNames[i].bit != 1u << i) return false;
  }
  for (size_t i = 1; i < std::size(kCategoryNames); ++i) {
    if (kCategoryNames[i - 1].bit >= kCategoryNames[i].bit) return false;
    if (kCategoryNames[i - 1].name >= kCategoryNames[i].name) return false;
  }
  return true;
}
static_assert(SortedByBitAndName());

constexpr uint32_t AllCategories() {
  uint32_t bits = 0;
  for (const CategoryName& c : kCategoryNames) bits |= c.bit;
  return bits;
}
constexpr uint32_t kAllCategories = AllCategories();

constexpr size_t kPrefixSize = 9;  // "CATEGORY:"

// Compares the prefix as one 8-byte word and a byte (no loop over the literal's bytes).
bool HasCategoryPrefix(std::string_view name) {
  if (name.size() < kPrefixSize || name[8] != ':') return false;
  return LoadLittleEndian64(name.data()) == LittleEndianWord("CATEGORY");
}

// For each letter L, the entries whose name continues "CATEGORY:L" are
// kCategoryNames[begin[L - 'A'], begin[L - 'A' + 1]) (the table is sorted by name).
struct LetterIndex {
  uint8_t begin[27];
};
constexpr LetterIndex ByLetter() {
  LetterIndex index{};
  for (size_t letter = 0; letter <= 26; ++letter) {
    size_t i = 0;
    while (i < std::size(kCategoryNames) &&
           static_cast<size_t>(kCategoryNames[i].name[kPrefixSize] - 'A') < letter) {
      ++i;
    }
    index.begin[letter] = static_cast<uint8_t>(i);
  }
  return index;
}
constexpr LetterIndex kByLetter = ByLetter();

constexpr bool AllPrefixedAndUpper() {
  for (const CategoryName& c : kCategoryNames) {
    if (c.name.size() <= kPrefixSize || c.name.substr(0, kPrefixSize) != "CATEGORY:") return false;
    if (c.name[kPrefixSize] < 'A' || c.name[kPrefixSize] > 'Z') return false;
  }
  return true;
}
static_assert(AllPrefixedAndUpper());

}  // namespace

std::span<const BotId> Catalog() { return BotTables().ids; }

std::vector<const BotId*> Classify(std::string_view user_agent) {
  const Tables& tables = BotTables();
  const Classification c = ClassifyIds(tables, user_agent);
  std::vector<const BotId*> out;
  out.reserve(c.ids.size());
  for (uint16_t id : c.ids) out.push_back(&tables.ids[id]);
  return out;
}

uint32_t CategoryFromName(std::string_view name) {
  if (!HasCategoryPrefix(name) || name.size() == kPrefixSize) return 0;
  // Only the names sharing the first letter after the prefix are compared (at most 6); in the
  // wasm2c build every byte a scan touches is a bounds-checked load.
  const unsigned letter = static_cast<unsigned char>(name[kPrefixSize]) - 'A';
  if (letter >= 26) return 0;
  for (size_t i = kByLetter.begin[letter]; i < kByLetter.begin[letter + 1]; ++i) {
    if (kCategoryNames[i].name == name) return kCategoryNames[i].bit;
  }
  return 0;
}

std::vector<std::string_view> CategoryNames(uint32_t bits) {
  std::vector<std::string_view> out(CategoryCount(bits));
  WriteCategoryNames(bits, out.data());
  return out;
}

size_t CategoryCount(uint32_t bits) {
  return static_cast<size_t>(std::popcount(bits & kAllCategories));
}

void WriteCategoryNames(uint32_t bits, std::string_view* out) {
  // Entry i has bit 1 << i (checked above), so only the set bits are visited.
  for (bits &= kAllCategories; bits != 0; bits &= bits - 1) {
    *out++ = kCategoryNames[std::countr_zero(bits)].name;
  }
}

}  // namespace warden::core::bot
