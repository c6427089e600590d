// Tests of the BotVerifier policy over a scripted resolver and an injected clock: which
// method per bot ID, forward-confirmed reverse DNS, failures that must stay unverifiable, the
// bounded expiring cache, and the analyzer import binding.
#include "warden/bot_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bot/operators.h"
#include "fake_resolver.h"

namespace warden {
namespace {

using std::chrono::seconds;
using Verification = analyze::types::Verification;

class BotVerifierTest : public ::testing::Test {
 protected:
  BotVerifierTest() : resolver_(std::make_shared<testing::FakeResolver>()) {
    resolver_->ptr["66.249.66.1"] = {"crawl-66-249-66-1.googlebot.com"};
    resolver_->addresses["crawl-66-249-66-1.googlebot.com"] = {"66.249.66.1"};
    resolver_->ptr["2001:4860:4801:10::1"] = {"crawl-v6.googlebot.com"};
    resolver_->addresses["crawl-v6.googlebot.com"] = {"192.0.2.50", "2001:4860:4801:10::1"};
    resolver_->ptr["66.249.90.77"] = {"rate-limited-proxy-66-249-90-77.google.com"};
    resolver_->addresses["rate-limited-proxy-66-249-90-77.google.com"] = {"66.249.90.77"};
    resolver_->ptr["34.1.2.3"] = {"3.2.1.34.bc.googleusercontent.com"};
    resolver_->addresses["3.2.1.34.bc.googleusercontent.com"] = {"34.1.2.3"};
    resolver_->ptr["35.1.2.3"] = {"1-2-3.gae.googleusercontent.com"};
    resolver_->addresses["1-2-3.gae.googleusercontent.com"] = {"35.1.2.3"};
    resolver_->ptr["203.0.113.9"] = {"crawl-fake.googlebot.com"};
    resolver_->addresses["crawl-fake.googlebot.com"] = {"203.0.113.10"};
    resolver_->ptr["203.0.113.11"] = {"evil.example.com", "crawl.evilgooglebot.com"};
    resolver_->addresses["evil.example.com"] = {"203.0.113.11"};
    resolver_->addresses["crawl.evilgooglebot.com"] = {"203.0.113.11"};
    resolver_->ptr["157.55.39.1"] = {"msnbot-157-55-39-1.SEARCH.MSN.COM"};
    resolver_->addresses["msnbot-157-55-39-1.SEARCH.MSN.COM"] = {"157.55.39.1"};
  }

  std::unique_ptr<BotVerifier> Make(std::string ranges = "", size_t cache_entries = 100) {
    BotVerifierOptions options;
    options.resolver = resolver_;
    auto list = IpRangeList::Parse(ranges);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    options.ranges = *list;
    options.cache_entries = cache_entries;
    options.verdict_ttl = seconds(3600);
    options.unverifiable_ttl = seconds(30);
    options.clock = [this] { return now_; };
    auto verifier = BotVerifier::Create(std::move(options));
    EXPECT_TRUE(verifier.ok());
    return std::move(verifier).value();
  }

  std::shared_ptr<testing::FakeResolver> resolver_;
  std::chrono::steady_clock::time_point now_{};
};

constexpr BotVerdict kVerified = BotVerdict::kVerified;
constexpr BotVerdict kSpoofed = BotVerdict::kSpoofed;
constexpr BotVerdict kUnverifiable = BotVerdict::kUnverifiable;

TEST_F(BotVerifierTest, ForwardConfirmedReverseDnsVerifies) {
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER_IMAGE", "2001:4860:4801:10::1"), kVerified);
  EXPECT_EQ(v->Verify("GOOGLE_ADSBOT", "66.249.90.77"), kVerified);  // google.com
  EXPECT_EQ(v->Verify("BING_CRAWLER", "157.55.39.1"), kVerified);    // case-insensitive names
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "::ffff:66.249.66.1"), kVerified);
}

TEST_F(BotVerifierTest, ClaimsThatFailTheDnsCheckAreSpoofed) {
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.1"), kSpoofed);  // no PTR
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "203.0.113.9"), kSpoofed);   // forward elsewhere
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "203.0.113.11"), kSpoofed);  // outside the suffixes
  EXPECT_EQ(v->Verify("BING_CRAWLER", "66.249.66.1"), kSpoofed);     // another operator's IP
  EXPECT_EQ(v->Verify("APPLE_CRAWLER", "66.249.66.1"), kSpoofed);
}

TEST_F(BotVerifierTest, CloudCustomerHostsNeverPassAsGooglebot) {
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "34.1.2.3"), kSpoofed);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "35.1.2.3"), kSpoofed);
  EXPECT_EQ(v->Verify("GOOGLE_FEEDFETCHER", "35.1.2.3"), kVerified);  // documented fetcher mask
  EXPECT_EQ(v->Verify("GOOGLE_FEEDFETCHER", "34.1.2.3"), kSpoofed);
}

TEST_F(BotVerifierTest, DnsFailuresAreUnverifiableNeverSpoofed) {
  resolver_->errors["198.51.100.7"] = StatusCode::kDeadlineExceeded;
  resolver_->errors["198.51.100.8"] = StatusCode::kUnavailable;
  resolver_->ptr["198.51.100.9"] = {"crawl-9.googlebot.com"};
  resolver_->errors["crawl-9.googlebot.com"] = StatusCode::kDeadlineExceeded;
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.7"), kUnverifiable);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.8"), kUnverifiable);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.9"), kUnverifiable);
  EXPECT_EQ(v->stats().dns_failures, 3u);
}

TEST_F(BotVerifierTest, OneConfirmedNameIsEnoughAmongSeveral) {
  resolver_->ptr["198.51.100.20"] = {"other.example.com", "crawl-a.googlebot.com",
                                     "crawl-b.googlebot.com"};
  resolver_->errors["crawl-a.googlebot.com"] = StatusCode::kUnavailable;
  resolver_->addresses["crawl-b.googlebot.com"] = {"198.51.100.20"};
  EXPECT_EQ(Make()->Verify("GOOGLE_CRAWLER", "198.51.100.20"), kVerified);
}

TEST_F(BotVerifierTest, UnknownIdsAndBadIpsAreUnverifiable) {
  auto v = Make();
  EXPECT_EQ(v->Verify("CURL", "66.249.66.1"), kUnverifiable);
  EXPECT_EQ(v->Verify("", "66.249.66.1"), kUnverifiable);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", ""), kUnverifiable);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "not an ip"), kUnverifiable);
  EXPECT_EQ(resolver_->lookups.load(), 0);
}

TEST_F(BotVerifierTest, RangesOnlyOperators) {
  auto without = Make();
  EXPECT_EQ(without->Verify("OPENAI_CRAWLER", "192.0.2.1"), kUnverifiable);  // nothing loaded
  auto with = Make("openai 192.0.2.0/28\nOPENAI_CRAWLER_USER 2001:db8:a::/48\n");
  EXPECT_EQ(with->Verify("OPENAI_CRAWLER", "192.0.2.3"), kVerified);
  EXPECT_EQ(with->Verify("OPENAI_CRAWLER_SEARCH", "192.0.2.3"), kVerified);  // operator key
  EXPECT_EQ(with->Verify("OPENAI_CRAWLER", "192.0.2.99"), kSpoofed);
  EXPECT_EQ(with->Verify("OPENAI_CRAWLER_USER", "2001:db8:a::1"), kVerified);
  EXPECT_EQ(with->Verify("OPENAI_CRAWLER_USER", "2001:db8:b::1"), kSpoofed);
  EXPECT_EQ(resolver_->lookups.load(), 0);  // OpenAI documents no reverse DNS
}

TEST_F(BotVerifierTest, RangesForIdsOutsideTheTable) {
  auto v = Make("MY_MONITOR 203.0.113.0/24\n");
  EXPECT_EQ(v->Verify("MY_MONITOR", "203.0.113.4"), kVerified);
  EXPECT_EQ(v->Verify("MY_MONITOR", "198.51.100.4"), kSpoofed);
}

TEST_F(BotVerifierTest, RangesFirstThenReverseDns) {
  auto v = Make("google 198.51.100.0/24\n");
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.200"), kVerified);
  EXPECT_EQ(resolver_->lookups.load(), 0);
  // Outside the (possibly stale) list, reverse DNS still decides.
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "203.0.113.9"), kSpoofed);
}

TEST_F(BotVerifierTest, WithoutResolverOnlyRangesCount) {
  BotVerifierOptions options;
  auto v = BotVerifier::Create(std::move(options)).value();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kUnverifiable);
}

TEST_F(BotVerifierTest, CachesVerdictsUntilTheirTtl) {
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);
  int after_first = resolver_->lookups.load();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER_NEWS", "66.249.66.1"), kVerified);  // same operator
  EXPECT_EQ(resolver_->lookups.load(), after_first);
  EXPECT_EQ(v->stats().cache_hits, 1u);
  resolver_->addresses["crawl-66-249-66-1.googlebot.com"] = {"66.249.66.2"};
  now_ += seconds(3599);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);  // still cached
  now_ += seconds(1);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kSpoofed);  // expired: asked again
}

TEST_F(BotVerifierTest, FailuresAreCachedBriefly) {
  resolver_->errors["198.51.100.7"] = StatusCode::kDeadlineExceeded;
  auto v = Make();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.7"), kUnverifiable);
  int lookups = resolver_->lookups.load();
  resolver_->errors.clear();
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.7"), kUnverifiable);
  EXPECT_EQ(resolver_->lookups.load(), lookups);
  now_ += seconds(30);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.7"), kSpoofed);  // no PTR now
}

TEST_F(BotVerifierTest, CacheIsBoundedLeastRecentlyUsedFirst) {
  auto v = Make("", 2);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);  // A
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "203.0.113.9"), kSpoofed);   // B
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);  // A hit, B oldest
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "198.51.100.1"), kSpoofed);  // C evicts B
  EXPECT_EQ(v->stats().cache_hits, 1u);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);  // A still there
  EXPECT_EQ(v->stats().cache_hits, 2u);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "203.0.113.9"), kSpoofed);  // B was evicted
  EXPECT_EQ(v->stats().cache_hits, 2u);
}

TEST_F(BotVerifierTest, CacheOff) {
  auto v = Make("", 0);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);
  EXPECT_EQ(v->Verify("GOOGLE_CRAWLER", "66.249.66.1"), kVerified);
  EXPECT_EQ(v->stats().cache_hits, 0u);
  EXPECT_EQ(v->stats().dns_verifications, 2u);
}

TEST_F(BotVerifierTest, ConcurrentVerificationsAgree) {
  auto v = Make("openai 192.0.2.0/28\n", 4);  // a small cache: evictions under contention
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (v->Verify("GOOGLE_CRAWLER", "66.249.66.1") != kVerified) ++wrong;
        if (v->Verify("GOOGLE_CRAWLER", "203.0.113.9") != kSpoofed) ++wrong;
        if (v->Verify("BING_CRAWLER", "157.55.39.1") != kVerified) ++wrong;
        if (v->Verify("OPENAI_CRAWLER", "192.0.2.1") != kVerified) ++wrong;
        if (v->Verify("GOOGLE_CRAWLER", "198.51.100.1") != kSpoofed) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  BotVerifierStats stats = v->stats();
  EXPECT_EQ(stats.verified + stats.spoofed + stats.unverifiable, 8u * 200 * 5);
}

TEST_F(BotVerifierTest, RejectsNonsensicalOptions) {
  BotVerifierOptions options;
  options.dns_timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(BotVerifier::Create(options).status().code(), StatusCode::kInvalidArgument);
  options.dns_timeout = std::chrono::milliseconds(10);
  options.verdict_ttl = seconds(-1);
  EXPECT_EQ(BotVerifier::Create(options).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(BotVerifierTest, ImportBindingMapsVerdicts) {
  std::shared_ptr<BotVerifier> v = Make("openai 192.0.2.0/28\n");
  analyze::analyzer::Imports imports;  // AnalyzerImports in warden/engine.h
  imports.bot_overrides.verify = MakeBotVerifyImport(v);
  auto& verify = imports.bot_overrides.verify;
  EXPECT_EQ(verify("GOOGLE_CRAWLER", "66.249.66.1"), Verification::kVerified);
  EXPECT_EQ(verify("GOOGLE_CRAWLER", "203.0.113.9"), Verification::kSpoofed);
  EXPECT_EQ(verify("OPENAI_CRAWLER", "192.0.2.1"), Verification::kVerified);
  EXPECT_EQ(verify("CURL", "192.0.2.1"), Verification::kUnverifiable);
  EXPECT_EQ(MakeBotVerifyImport(nullptr)("GOOGLE_CRAWLER", "66.249.66.1"),
            Verification::kUnverifiable);
}

TEST(BotOperatorTableTest, SortedAndCoversTheCoreVerifiableIds) {
  auto ids = internal::BotOperatorTableIdsForTest();
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  // The IDs core/bot/catalog.cc marks verifiable.
  for (const char* id :
       {"GOOGLE_CRAWLER", "GOOGLE_CRAWLER_IMAGE", "GOOGLE_CRAWLER_NEWS", "GOOGLE_CRAWLER_VIDEO",
        "GOOGLE_INSPECTION_TOOL", "GOOGLE_ADSBOT", "BING_PREVIEW", "BING_CRAWLER", "APPLE_CRAWLER",
        "OPENAI_CRAWLER_SEARCH", "OPENAI_CRAWLER_USER", "OPENAI_CRAWLER"}) {
    EXPECT_NE(FindBotOperatorPolicy(id), nullptr) << id;
  }
  EXPECT_EQ(FindBotOperatorPolicy("CURL"), nullptr);
}

TEST(HostMatchesSuffixTest, RespectsLabelBoundaries) {
  EXPECT_TRUE(internal::HostMatchesSuffix("crawl-1.googlebot.com", "googlebot.com"));
  EXPECT_TRUE(internal::HostMatchesSuffix("googlebot.com", "googlebot.com"));
  EXPECT_FALSE(internal::HostMatchesSuffix("evilgooglebot.com", "googlebot.com"));
  EXPECT_FALSE(internal::HostMatchesSuffix("googlebot.com.evil.net", "googlebot.com"));
  EXPECT_FALSE(internal::HostMatchesSuffix("com", "googlebot.com"));
}

}  // namespace
}  // namespace warden
