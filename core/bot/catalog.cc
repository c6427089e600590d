// The bot catalog over the compiled tables (see catalog.h).
#include "core/bot/catalog.h"

#include <bit>
#include <iterator>

#include "core/bot/matcher.h"

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

// CategoryNames relies on the table listing the bits in ascending order, sorted by name.
constexpr bool SortedByBitAndName() {
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
  for (const CategoryName& c : kCategoryNames) {
    if (c.name == name) return c.bit;
  }
  return 0;
}

std::vector<std::string_view> CategoryNames(uint32_t bits) {
  std::vector<std::string_view> out;
  out.reserve(static_cast<size_t>(std::popcount(bits & kAllCategories)));
  for (const CategoryName& c : kCategoryNames) {
    if ((bits & c.bit) != 0) out.push_back(c.name);
  }
  return out;
}

}  // namespace warden::core::bot
