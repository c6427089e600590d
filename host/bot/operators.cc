// operators.cc — FindBotOperatorPolicy (include/warden/bot_verifier.h): bot IDs (as published
// in @arcjet/protocol's well-known-bots) mapped to their operator and the reverse-DNS host
// names the operator documents. Facts only; sources, and which rows could not be confirmed,
// in docs/bot-verification.md. An operator with no suffixes is verified by published IP
// ranges only: a suffix is listed only where the operator documents host names for its
// crawlers, since a name outside them makes the claim spoofed.
#include "bot/operators.h"

#include <algorithm>
#include <array>

namespace warden {
namespace {

struct Entry {
  std::string_view bot_id;
  const BotOperatorPolicy* policy;
};

// Google's common and special-case crawlers: crawl-*.googlebot.com,
// geo-crawl-*.geo.googlebot.com, rate-limited-proxy-*.google.com.
constexpr std::string_view kGoogleCrawlersSuffixes[] = {"googlebot.com", "google.com"};
constexpr BotOperatorPolicy kGoogleCrawlers{"google", kGoogleCrawlersSuffixes};
// Google's user-triggered fetchers: *.google.com, and *.gae.googleusercontent.com for fetches
// made on behalf of Google Cloud sites. Kept apart so a Cloud host never passes as Googlebot.
constexpr std::string_view kGoogleFetchersSuffixes[] = {"google.com", "gae.googleusercontent.com"};
constexpr BotOperatorPolicy kGoogleFetchers{"google", kGoogleFetchersSuffixes};
constexpr std::string_view kBingSuffixes[] = {"search.msn.com"};
constexpr BotOperatorPolicy kBing{"bing", kBingSuffixes};
constexpr std::string_view kAppleSuffixes[] = {"applebot.apple.com"};
constexpr BotOperatorPolicy kApple{"apple", kAppleSuffixes};
constexpr std::string_view kYandexSuffixes[] = {"yandex.ru", "yandex.net", "yandex.com"};
constexpr BotOperatorPolicy kYandex{"yandex", kYandexSuffixes};
constexpr std::string_view kBaiduSuffixes[] = {"baidu.com", "baidu.jp"};
constexpr BotOperatorPolicy kBaidu{"baidu", kBaiduSuffixes};
constexpr std::string_view kAmazonSuffixes[] = {"crawl.amazonbot.amazon"};
constexpr BotOperatorPolicy kAmazon{"amazon", kAmazonSuffixes};
constexpr std::string_view kYahooSuffixes[] = {"crawl.yahoo.net"};
constexpr BotOperatorPolicy kYahoo{"yahoo", kYahooSuffixes};
constexpr std::string_view kPetalSuffixes[] = {"petalsearch.com"};
constexpr BotOperatorPolicy kPetal{"petal", kPetalSuffixes};
constexpr std::string_view kSeznamSuffixes[] = {"seznam.cz"};
constexpr BotOperatorPolicy kSeznam{"seznam", kSeznamSuffixes};
// Sogou documents no verification method (its PTR names are only observed), so no suffix.
constexpr BotOperatorPolicy kSogou{"sogou", {}};
constexpr BotOperatorPolicy kOpenAi{"openai", {}};
constexpr BotOperatorPolicy kDuckDuckGo{"duckduckgo", {}};
constexpr BotOperatorPolicy kPerplexity{"perplexity", {}};
// Common Crawl's reverse DNS covers IPv4 only; a per-family rule does not fit this table.
constexpr BotOperatorPolicy kCommonCrawl{"commoncrawl", {}};
constexpr BotOperatorPolicy kAnthropic{"anthropic", {}};

// Sorted by bot ID: FindBotOperatorPolicy searches it by bisection.
constexpr std::array kTable = {
    Entry{"AMAZON_CRAWLER", &kAmazon},
    Entry{"ANTHROPIC_CRAWLER", &kAnthropic},
    Entry{"ANTHROPIC_CRAWLER_SEARCH", &kAnthropic},
    Entry{"ANTHROPIC_CRAWLER_USER", &kAnthropic},
    Entry{"APPLE_CRAWLER", &kApple},
    Entry{"BAIDU_CRAWLER", &kBaidu},
    Entry{"BING_ADS", &kBing},
    Entry{"BING_CRAWLER", &kBing},
    Entry{"BING_PREVIEW", &kBing},
    Entry{"CCBOT_CRAWLER", &kCommonCrawl},
    Entry{"COMMONCRAWL_CRAWLER", &kCommonCrawl},
    Entry{"DUCKASSIST_BOT", &kDuckDuckGo},
    Entry{"DUCKDUCKGO_CRAWLER", &kDuckDuckGo},
    Entry{"DUCKDUCKGO_CRAWLER_FAVICONS", &kDuckDuckGo},
    Entry{"GOOGLE_ADSBOT", &kGoogleCrawlers},
    Entry{"GOOGLE_ADSBOT_MOBILE", &kGoogleCrawlers},
    Entry{"GOOGLE_ADSENSE", &kGoogleCrawlers},
    Entry{"GOOGLE_ADSENSE_GOOGLEBOT", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_CLOUDVERTEX", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_IMAGE", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_MOBILE", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_NEWS", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_OTHER", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_SAFETY", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_STORE", &kGoogleCrawlers},
    Entry{"GOOGLE_CRAWLER_VIDEO", &kGoogleCrawlers},
    Entry{"GOOGLE_FEEDFETCHER", &kGoogleFetchers},
    Entry{"GOOGLE_INSPECTION_TOOL", &kGoogleCrawlers},
    Entry{"GOOGLE_PRODUCER", &kGoogleFetchers},
    Entry{"GOOGLE_READ_ALOUD", &kGoogleFetchers},
    Entry{"GOOGLE_SITE_VERIFICATION", &kGoogleFetchers},
    Entry{"OPENAI_CRAWLER", &kOpenAi},
    Entry{"OPENAI_CRAWLER_SEARCH", &kOpenAi},
    Entry{"OPENAI_CRAWLER_USER", &kOpenAi},
    Entry{"PERPLEXITY_CRAWLER", &kPerplexity},
    Entry{"PERPLEXITY_USER", &kPerplexity},
    Entry{"PETALSEARCH_CRAWLER", &kPetal},
    Entry{"SEZNAM_CRAWLER", &kSeznam},
    Entry{"SOGOU_CRAWLER", &kSogou},
    Entry{"YAHOO_CRAWLER", &kYahoo},
    Entry{"YANDEX_CRAWLER", &kYandex},
    Entry{"YANDEX_CRAWLER_JAVASCRIPT", &kYandex},
};

static_assert(std::is_sorted(kTable.begin(), kTable.end(),
                             [](const Entry& a, const Entry& b) { return a.bot_id < b.bot_id; }));

}  // namespace

const BotOperatorPolicy* FindBotOperatorPolicy(std::string_view bot_id) {
  auto it = std::lower_bound(kTable.begin(), kTable.end(), bot_id,
                             [](const Entry& e, std::string_view id) { return e.bot_id < id; });
  return it != kTable.end() && it->bot_id == bot_id ? it->policy : nullptr;
}

namespace internal {

bool IsBotOperatorName(std::string_view name) {
  return std::any_of(kTable.begin(), kTable.end(),
                     [name](const Entry& e) { return e.policy->operator_name == name; });
}

bool HostMatchesSuffix(std::string_view host, std::string_view suffix) {
  if (host.size() < suffix.size() || host.substr(host.size() - suffix.size()) != suffix) {
    return false;
  }
  return host.size() == suffix.size() || host[host.size() - suffix.size() - 1] == '.';
}

std::vector<std::string_view> BotOperatorTableIdsForTest() {
  std::vector<std::string_view> ids;
  for (const Entry& e : kTable) ids.push_back(e.bot_id);
  return ids;
}

}  // namespace internal
}  // namespace warden
