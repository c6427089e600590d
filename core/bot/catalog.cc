// The slice's hand-written bot table (see catalog.h). Facts: IDs and category membership as
// published in @arcjet/protocol 1.13.0 (well-known-bots); user-agent tokens as the operators
// document them.
#include "core/bot/catalog.h"

#include "core/common/ascii.h"

namespace warden::core::bot {
namespace {

constexpr Anchor kAny = Anchor::kAnywhere;
constexpr Anchor kStart = Anchor::kStart;

constexpr BotEntry kCatalog[] = {
    // Google: specific crawlers before plain Googlebot, which their user agents also contain.
    {"GOOGLE_CRAWLER_IMAGE", {"Googlebot-Image", kAny}, kGoogle | kSearchEngine, true},
    {"GOOGLE_CRAWLER_NEWS", {"Googlebot-News", kAny}, kGoogle | kSearchEngine, true},
    {"GOOGLE_CRAWLER_VIDEO", {"Googlebot-Video", kAny}, kGoogle | kSearchEngine, true},
    {"GOOGLE_INSPECTION_TOOL", {"Google-InspectionTool", kAny}, kGoogle | kSearchEngine, true},
    {"GOOGLE_ADSBOT", {"AdsBot-Google", kAny}, kAdvertising | kGoogle, true},
    {"GOOGLE_CRAWLER", {"Googlebot", kAny}, kGoogle | kSearchEngine, true},
    // Microsoft.
    {"BING_PREVIEW", {"BingPreview", kAny}, kMicrosoft | kPreview, true},
    {"BING_CRAWLER", {"bingbot", kAny}, kMicrosoft | kSearchEngine, true},
    // Apple.
    {"APPLE_CRAWLER", {"Applebot", kAny}, kApple | kSearchEngine, true},
    // OpenAI.
    {"OPENAI_CRAWLER_SEARCH", {"OAI-SearchBot", kAny}, kAi | kSearchEngine, true},
    {"OPENAI_CRAWLER_USER", {"ChatGPT-User", kAny}, kAi, true},
    {"OPENAI_CRAWLER", {"GPTBot", kAny}, kAi, true},
    // Other crawlers.
    {"ANTHROPIC_CRAWLER", {"ClaudeBot", kAny}, kAi, false},
    {"PERPLEXITY_CRAWLER", {"PerplexityBot", kAny}, kAi, false},
    {"BYTEDANCE_CRAWLER", {"Bytespider", kAny}, kAi, false},
    {"CCBOT_CRAWLER", {"CCBot", kAny}, kArchive, false},
    {"YANDEX_CRAWLER", {"YandexBot", kAny}, kSearchEngine, false},
    {"BAIDU_CRAWLER", {"Baiduspider", kAny}, kUnknown, false},
    {"DUCKDUCKGO_CRAWLER", {"DuckDuckBot", kAny}, kSearchEngine, false},
    {"AHREFS_CRAWLER", {"AhrefsBot", kAny}, kSearchEngine, false},
    {"SEMRUSH_CRAWLER", {"SemrushBot", kAny}, kUnknown, false},
    {"TWITTER_CRAWLER", {"Twitterbot", kAny}, kPreview | kSocial, false},
    {"DISCORD_CRAWLER", {"Discordbot", kAny}, kPreview | kSocial, false},
    {"SLACK_CRAWLER", {"Slackbot", kAny}, kSlack, false},
    {"UPTIMEROBOT_MONITOR", {"UptimeRobot", kAny}, kMonitor, false},
    // Tools and HTTP libraries: their user agents start with the product token.
    {"CURL", {"curl/", kStart}, kTool, false},
    {"WGET", {"Wget/", kStart}, kTool, false},
    {"HTTPIE", {"HTTPie/", kStart}, kTool, false},
    {"POSTMAN", {"PostmanRuntime/", kStart}, kTool, false},
    {"PYTHON_REQUESTS", {"python-requests/", kStart}, kProgrammatic, false},
    {"PYTHON_URLLIB", {"Python-urllib/", kStart}, kProgrammatic, false},
    {"PYTHON_HTTPX", {"python-httpx/", kStart}, kProgrammatic, false},
    {"PYTHON_AIOHTTP", {"aiohttp/", kAny}, kProgrammatic, false},
    {"PYTHON_SCRAPY", {"Scrapy/", kAny}, kAi | kProgrammatic, false},
    {"GO_HTTP", {"Go-http-client/", kStart}, kProgrammatic, false},
    {"JAVA_OKHTTP", {"okhttp/", kStart}, kProgrammatic, false},
    {"JAVA_APACHE_HTTPCLIENT", {"Apache-HttpClient/", kStart}, kProgrammatic, false},
    {"JAVASCRIPT_AXIOS", {"axios/", kStart}, kProgrammatic, false},
    {"JAVASCRIPT_NODE_FETCH", {"node-fetch", kStart}, kProgrammatic, false},
};

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

bool Matches(const Pattern& p, std::string_view user_agent) {
  return p.anchor == Anchor::kStart ? StartsWithIgnoreCase(user_agent, p.text)
                                    : ContainsIgnoreCase(user_agent, p.text);
}

}  // namespace

std::span<const BotEntry> Catalog() { return kCatalog; }

const BotEntry* Classify(std::string_view user_agent) {
  for (const BotEntry& entry : kCatalog) {
    if (Matches(entry.pattern, user_agent)) return &entry;
  }
  return nullptr;
}

uint32_t CategoryFromName(std::string_view name) {
  for (const CategoryName& c : kCategoryNames) {
    if (c.name == name) return c.bit;
  }
  return 0;
}

}  // namespace warden::core::bot
