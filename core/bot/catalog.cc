// The bot catalog over the compiled tables (see catalog.h).
#include "core/bot/catalog.h"

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

}  // namespace warden::core::bot
