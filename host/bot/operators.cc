// operators.cc — FindBotOperatorPolicy (include/warden/bot_verifier.h): bot IDs (as published
// in @arcjet/protocol's well-known-bots, listed in core/bot/data/verifiable.txt) mapped to their
// operator and the reverse-DNS host names the operator documents. Facts only; sources, and
// which rows could not be confirmed, in docs/bot-verification.md. An operator with no
// suffixes is verified by published IP ranges only: a suffix is listed only where the operator
// documents host names for its crawlers, since a name outside them makes the claim spoofed.
#include "bot/operators.h"

#include <algorithm>
#include <array>
#include <iterator>

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

// The policies by the names core/bot/data/verifiable.txt gives them.
struct NamedPolicy {
  std::string_view name;
  const BotOperatorPolicy* policy;
};
constexpr NamedPolicy kPolicies[] = {
    {"google-crawlers", &kGoogleCrawlers}, {"google-fetchers", &kGoogleFetchers},
    {"bing", &kBing}, {"apple", &kApple}, {"yandex", &kYandex}, {"baidu", &kBaidu},
    {"amazon", &kAmazon}, {"yahoo", &kYahoo}, {"petal", &kPetal}, {"seznam", &kSeznam},
    {"sogou", &kSogou}, {"openai", &kOpenAi}, {"duckduckgo", &kDuckDuckGo},
    {"perplexity", &kPerplexity}, {"commoncrawl", &kCommonCrawl}, {"anthropic", &kAnthropic},
};

// The rows of the shared verifiable list (host/bot/CMakeLists.txt generates the file from
// core/bot/data/verifiable.txt, which tools/botc reads too): the module asks about exactly
// these IDs.
struct Row {
  std::string_view bot_id;
  std::string_view policy;
};
constexpr Row kRows[] = {
#include "verifiable_ids.inc"
};

constexpr const BotOperatorPolicy* PolicyNamed(std::string_view name) {
  for (const NamedPolicy& p : kPolicies) {
    if (p.name == name) return p.policy;
  }
  return nullptr;
}

constexpr std::array<Entry, std::size(kRows)> MakeTable() {
  std::array<Entry, std::size(kRows)> table{};
  for (size_t i = 0; i < std::size(kRows); ++i) {
    table[i] = Entry{kRows[i].bot_id, PolicyNamed(kRows[i].policy)};
  }
  return table;
}

// Sorted by bot ID: FindBotOperatorPolicy searches it by bisection.
constexpr std::array kTable = MakeTable();

static_assert(std::all_of(kTable.begin(), kTable.end(),
                          [](const Entry& e) { return e.policy != nullptr; }),
              "core/bot/data/verifiable.txt names a policy that is not in kPolicies");
static_assert(std::is_sorted(kTable.begin(), kTable.end(),
                             [](const Entry& a, const Entry& b) { return a.bot_id < b.bot_id; }),
              "core/bot/data/verifiable.txt must be sorted by bot ID");

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
