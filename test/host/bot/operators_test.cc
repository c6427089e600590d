// Tests of the operator table (host/bot/operators.cc) against each operator's documented host
// names: a name under the suffix verifies, look-alike names (the suffix glued to another label,
// or followed by a foreign domain) are spoofed, and ranges-only operators never query DNS.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "bot/operators.h"
#include "fake_resolver.h"
#include "warden/bot_verifier.h"

namespace warden {
namespace {

constexpr BotVerdict kVerified = BotVerdict::kVerified;
constexpr BotVerdict kSpoofed = BotVerdict::kSpoofed;
constexpr BotVerdict kUnverifiable = BotVerdict::kUnverifiable;

std::unique_ptr<BotVerifier> MakeVerifier(std::shared_ptr<testing::FakeResolver> resolver,
                                          std::string ranges = "") {
  BotVerifierOptions options;
  options.resolver = std::move(resolver);
  auto list = IpRangeList::Parse(ranges);
  EXPECT_TRUE(list.ok()) << list.status().ToString();
  options.ranges = *list;
  options.cache_entries = 0;  // every call decides afresh
  auto verifier = BotVerifier::Create(std::move(options));
  EXPECT_TRUE(verifier.ok());
  return std::move(verifier).value();
}

// One bot ID per reverse-DNS operator and a documented suffix of it (docs/bot-verification.md).
struct DnsCase {
  const char* bot_id;
  const char* suffix;
};

constexpr DnsCase kDnsCases[] = {
    {"GOOGLE_CRAWLER", "googlebot.com"},
    {"GOOGLE_CRAWLER", "google.com"},
    {"GOOGLE_FEEDFETCHER", "gae.googleusercontent.com"},
    {"BING_CRAWLER", "search.msn.com"},
    {"BING_ADS", "search.msn.com"},
    {"APPLE_CRAWLER", "applebot.apple.com"},
    {"YANDEX_CRAWLER", "yandex.ru"},
    {"YANDEX_CRAWLER", "yandex.net"},
    {"YANDEX_CRAWLER_JAVASCRIPT", "yandex.com"},
    {"BAIDU_CRAWLER", "baidu.com"},
    {"BAIDU_CRAWLER", "baidu.jp"},
    {"AMAZON_CRAWLER", "crawl.amazonbot.amazon"},
    {"YAHOO_CRAWLER", "crawl.yahoo.net"},
    {"PETALSEARCH_CRAWLER", "petalsearch.com"},
    {"SEZNAM_CRAWLER", "seznam.cz"},
};

TEST(BotOperatorSuffixTest, DocumentedNamesVerifyAndLookAlikesAreSpoofed) {
  for (const DnsCase& c : kDnsCases) {
    SCOPED_TRACE(std::string(c.bot_id) + " / " + c.suffix);
    const std::string suffix = c.suffix;
    auto resolver = std::make_shared<testing::FakeResolver>();
    // Genuine: a host directly under the suffix, forward-confirmed.
    resolver->ptr["192.0.2.1"] = {"crawl-192-0-2-1." + suffix};
    resolver->addresses["crawl-192-0-2-1." + suffix] = {"192.0.2.1"};
    // The suffix glued to another label: "evilseznam.cz" is not "seznam.cz".
    resolver->ptr["192.0.2.2"] = {"crawl.evil" + suffix};
    resolver->addresses["crawl.evil" + suffix] = {"192.0.2.2"};
    // The suffix followed by a domain the attacker owns.
    resolver->ptr["192.0.2.3"] = {"crawl." + suffix + ".attacker.example"};
    resolver->addresses["crawl." + suffix + ".attacker.example"] = {"192.0.2.3"};
    // A genuine-looking name whose forward lookup points elsewhere.
    resolver->ptr["192.0.2.4"] = {"crawl-192-0-2-4." + suffix};
    resolver->addresses["crawl-192-0-2-4." + suffix] = {"198.51.100.4"};
    auto v = MakeVerifier(resolver);
    EXPECT_EQ(v->Verify(c.bot_id, "192.0.2.1"), kVerified);
    EXPECT_EQ(v->Verify(c.bot_id, "192.0.2.2"), kSpoofed);
    EXPECT_EQ(v->Verify(c.bot_id, "192.0.2.3"), kSpoofed);
    EXPECT_EQ(v->Verify(c.bot_id, "192.0.2.4"), kSpoofed);
  }
}

TEST(BotOperatorSuffixTest, ParentDomainsOfNarrowSuffixesDoNotVerify) {
  // Operators that document a crawler subdomain: the rest of their domain does not count.
  const std::pair<const char*, const char*> cases[] = {
      {"APPLE_CRAWLER", "www.apple.com"},
      {"AMAZON_CRAWLER", "ec2.amazon"},
      {"AMAZON_CRAWLER", "amazonbot.amazon"},
      {"YAHOO_CRAWLER", "mail.yahoo.net"},
      {"BING_CRAWLER", "www.msn.com"},
      {"GOOGLE_CRAWLER", "vm.gae.googleusercontent.com"},  // fetchers only, never Googlebot
  };
  for (const auto& [bot_id, host] : cases) {
    SCOPED_TRACE(std::string(bot_id) + " / " + host);
    auto resolver = std::make_shared<testing::FakeResolver>();
    resolver->ptr["192.0.2.9"] = {host};
    resolver->addresses[host] = {"192.0.2.9"};
    EXPECT_EQ(MakeVerifier(resolver)->Verify(bot_id, "192.0.2.9"), kSpoofed);
  }
}

TEST(BotOperatorSuffixTest, RangesOnlyOperatorsNeverQueryDns) {
  auto resolver = std::make_shared<testing::FakeResolver>();
  // Even a plausible PTR name must not decide for operators without documented host names.
  resolver->ptr["192.0.2.1"] = {"sogouspider-192-0-2-1.crawl.sogou.com"};
  resolver->addresses["sogouspider-192-0-2-1.crawl.sogou.com"] = {"192.0.2.1"};
  resolver->ptr["192.0.2.2"] = {"ec2-192-0-2-2.crawl.commoncrawl.org"};
  resolver->addresses["ec2-192-0-2-2.crawl.commoncrawl.org"] = {"192.0.2.2"};
  const char* ids[] = {"SOGOU_CRAWLER",          "CCBOT_CRAWLER",     "COMMONCRAWL_CRAWLER",
                       "ANTHROPIC_CRAWLER",      "ANTHROPIC_CRAWLER_SEARCH",
                       "ANTHROPIC_CRAWLER_USER", "DUCKDUCKGO_CRAWLER", "DUCKASSIST_BOT",
                       "PERPLEXITY_CRAWLER",     "OPENAI_CRAWLER"};
  auto without = MakeVerifier(resolver);
  for (const char* id : ids) {
    EXPECT_EQ(without->Verify(id, "192.0.2.1"), kUnverifiable) << id;
    EXPECT_EQ(without->Verify(id, "192.0.2.2"), kUnverifiable) << id;
  }
  EXPECT_EQ(resolver->lookups.load(), 0);

  auto with = MakeVerifier(resolver,
                           "sogou 198.51.100.0/24\ncommoncrawl 198.51.100.0/24\n"
                           "anthropic 198.51.100.0/24\nduckduckgo 198.51.100.0/24\n"
                           "perplexity 198.51.100.0/24\nopenai 198.51.100.0/24\n");
  for (const char* id : ids) {
    EXPECT_EQ(with->Verify(id, "198.51.100.7"), kVerified) << id;
    EXPECT_EQ(with->Verify(id, "192.0.2.1"), kSpoofed) << id;
  }
  EXPECT_EQ(resolver->lookups.load(), 0);
}

TEST(BotOperatorTableTest, IdsMapToTheirOperators) {
  const std::pair<const char*, const char*> cases[] = {
      {"AMAZON_CRAWLER", "amazon"},          {"ANTHROPIC_CRAWLER", "anthropic"},
      {"ANTHROPIC_CRAWLER_USER", "anthropic"}, {"APPLE_CRAWLER", "apple"},
      {"BAIDU_CRAWLER", "baidu"},            {"BING_ADS", "bing"},
      {"BING_PREVIEW", "bing"},              {"CCBOT_CRAWLER", "commoncrawl"},
      {"DUCKASSIST_BOT", "duckduckgo"},      {"GOOGLE_CRAWLER_STORE", "google"},
      {"OPENAI_CRAWLER_USER", "openai"},     {"PERPLEXITY_USER", "perplexity"},
      {"PETALSEARCH_CRAWLER", "petal"},      {"SEZNAM_CRAWLER", "seznam"},
      {"SOGOU_CRAWLER", "sogou"},            {"YAHOO_CRAWLER", "yahoo"},
      {"YANDEX_CRAWLER_JAVASCRIPT", "yandex"},
  };
  for (const auto& [id, name] : cases) {
    const BotOperatorPolicy* policy = FindBotOperatorPolicy(id);
    ASSERT_NE(policy, nullptr) << id;
    EXPECT_EQ(policy->operator_name, name) << id;
    EXPECT_TRUE(internal::IsBotOperatorName(name)) << name;
  }
  EXPECT_TRUE(FindBotOperatorPolicy("SOGOU_CRAWLER")->reverse_dns_suffixes.empty());
  EXPECT_TRUE(FindBotOperatorPolicy("ANTHROPIC_CRAWLER")->reverse_dns_suffixes.empty());
  // Meta documents neither host names nor a crawler list (docs/bot-verification.md).
  EXPECT_EQ(FindBotOperatorPolicy("META_CRAWLER"), nullptr);
  EXPECT_EQ(FindBotOperatorPolicy("FACEBOOK_CRAWLER"), nullptr);
}

TEST(HostMatchesSuffixTest, MultiLabelSuffixesRespectLabelBoundaries) {
  using internal::HostMatchesSuffix;
  EXPECT_TRUE(HostMatchesSuffix("17-58-101-179.applebot.apple.com", "applebot.apple.com"));
  EXPECT_FALSE(HostMatchesSuffix("x.notapplebot.apple.com", "applebot.apple.com"));
  EXPECT_FALSE(HostMatchesSuffix("apple.com", "applebot.apple.com"));
  EXPECT_TRUE(HostMatchesSuffix("1-2-3-4.crawl.amazonbot.amazon", "crawl.amazonbot.amazon"));
  EXPECT_FALSE(HostMatchesSuffix("1-2-3-4.evilcrawl.amazonbot.amazon", "crawl.amazonbot.amazon"));
  EXPECT_FALSE(HostMatchesSuffix("crawl.amazonbot.amazon.evil.net", "crawl.amazonbot.amazon"));
  EXPECT_TRUE(HostMatchesSuffix("baiduspider-1-2-3-4.crawl.baidu.jp", "baidu.jp"));
  EXPECT_FALSE(HostMatchesSuffix("crawl.baidu.jp.example.com", "baidu.jp"));
  EXPECT_FALSE(HostMatchesSuffix("fakeseznam.cz", "seznam.cz"));
}

}  // namespace
}  // namespace warden
