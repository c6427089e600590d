// detect-bot over the compiled tables: classification, allow/deny semantics, verification.
#include "core/bot/detect.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/bot/catalog.h"

namespace warden::core::bot {
namespace {

class FakeVerifier final : public BotVerifier {
 public:
  Verification Verify(std::string_view id, std::string_view ip) override {
    calls.emplace_back(std::string(id) + "@" + std::string(ip));
    return answer;
  }
  Verification answer = Verification::kUnverifiable;
  std::vector<std::string> calls;
};

constexpr std::string_view kGooglebot =
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
constexpr std::string_view kChrome =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
    "Safari/537.36";

struct Outcome {
  ErrorOr<BotVerdict> verdict;
  std::vector<std::string> calls;
};

Outcome DetectWith(std::string_view user_agent, ListMode mode, std::vector<std::string_view> entries,
           Verification answer = Verification::kUnverifiable) {
  const Field headers[] = {{"User-Agent", user_agent}};
  HttpRequest request;
  request.ip = "66.249.66.1";
  request.headers = headers;
  FakeVerifier verifier;
  verifier.answer = answer;
  ErrorOr<BotVerdict> v = bot::Detect(request, BotConfig{mode, entries}, verifier);
  return {std::move(v), verifier.calls};
}

bool HasId(const std::vector<const BotId*>& bots, std::string_view id) {
  for (const BotId* bot : bots) {
    if (bot->name == id) return true;
  }
  return false;
}

BotVerdict Ok(std::string_view ua, ListMode mode, std::vector<std::string_view> entries,
              Verification answer = Verification::kUnverifiable) {
  Outcome run = DetectWith(ua, mode, std::move(entries), answer);
  EXPECT_TRUE(run.verdict.ok());
  return run.verdict.ok() ? run.verdict.value() : BotVerdict{};
}

TEST(BotCatalogTest, ClassifiesWellKnownUserAgents) {
  struct Case {
    std::string_view ua, id;
  } cases[] = {
      {kGooglebot, "GOOGLE_CRAWLER"},
      {"Googlebot-Image/1.0", "GOOGLE_CRAWLER_IMAGE"},
      {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "BING_CRAWLER"},
      {"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; "
       "+https://openai.com/gptbot)", "OPENAI_CRAWLER"},
      {"Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
       "Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", "APPLE_CRAWLER"},
      {"curl/8.5.0", "CURL"},
      {"Wget/1.21.3", "WGET"},
      {"python-requests/2.31.0", "PYTHON_REQUESTS"},
      {"Go-http-client/2.0", "GO_HTTP"},
      {"Mozilla/5.0 (compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", "ANTHROPIC_CRAWLER"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(HasId(Classify(c.ua), c.id)) << c.ua;
  }
  EXPECT_TRUE(Classify(kChrome).empty());
  EXPECT_FALSE(HasId(Classify("my-curl/1.0"), "CURL"));  // tool tokens are anchored at the start
}

TEST(BotCatalogTest, CategoriesAsPublished) {
  auto categories = [](std::string_view ua, std::string_view id) -> uint32_t {
    for (const BotId* bot : Classify(ua)) {
      if (bot->name == id) return bot->categories;
    }
    return 0;
  };
  EXPECT_EQ(categories(kGooglebot, "GOOGLE_CRAWLER"), kGoogle | kSearchEngine);
  EXPECT_EQ(categories("curl/8", "CURL"), kTool);
  EXPECT_EQ(categories("GPTBot/1.1", "OPENAI_CRAWLER"), kAi);
  EXPECT_EQ(CategoryFromName("CATEGORY:SEARCH_ENGINE"), kSearchEngine);
  EXPECT_EQ(CategoryFromName("CATEGORY:NOPE"), 0u);
}

TEST(BotCatalogTest, CatalogIsSortedAndWellFormed) {
  std::span<const BotId> ids = Catalog();
  ASSERT_GT(ids.size(), 100u);
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_LT(ids[i - 1].name, ids[i].name);
  for (const BotId& id : ids) EXPECT_NE(id.categories, 0u) << id.name;
}

TEST(BotDetectTest, NotABot) {
  EXPECT_EQ(Ok(kChrome, ListMode::kAllow, {}), BotVerdict{});
}

TEST(BotDetectTest, DenyListBlocksOnlyWhatIsListed) {
  EXPECT_EQ(Ok("curl/8", ListMode::kDeny, {"CURL"}).denied, std::vector<std::string_view>{"CURL"});
  EXPECT_EQ(Ok("curl/8", ListMode::kDeny, {"CATEGORY:TOOL"}).denied,
            std::vector<std::string_view>{"CURL"});
  const BotVerdict v = Ok("curl/8", ListMode::kDeny, {"WGET", "CATEGORY:AI"});
  EXPECT_EQ(v.allowed, std::vector<std::string_view>{"CURL"});
  EXPECT_TRUE(v.denied.empty());
}

TEST(BotDetectTest, AllowListDeniesEverythingElse) {
  EXPECT_EQ(Ok("curl/8", ListMode::kAllow, {}).denied, std::vector<std::string_view>{"CURL"});
  EXPECT_EQ(Ok("curl/8", ListMode::kAllow, {"CURL"}).allowed,
            std::vector<std::string_view>{"CURL"});
  EXPECT_EQ(Ok(kGooglebot, ListMode::kAllow, {"CATEGORY:SEARCH_ENGINE"}).allowed,
            std::vector<std::string_view>{"GOOGLE_CRAWLER"});
  EXPECT_EQ(Ok(kGooglebot, ListMode::kAllow, {"CATEGORY:TOOL"}).denied,
            std::vector<std::string_view>{"GOOGLE_CRAWLER"});
}

TEST(BotDetectTest, VerifiableBotsAreVerified) {
  Outcome run = DetectWith(kGooglebot, ListMode::kAllow, {"GOOGLE_CRAWLER"}, Verification::kVerified);
  ASSERT_TRUE(run.verdict.ok());
  EXPECT_TRUE(run.verdict.value().verified);
  EXPECT_FALSE(run.verdict.value().spoofed);
  EXPECT_EQ(run.verdict.value().allowed, std::vector<std::string_view>{"GOOGLE_CRAWLER"});
  EXPECT_EQ(run.calls, std::vector<std::string>{"GOOGLE_CRAWLER@66.249.66.1"});
}

TEST(BotDetectTest, SpoofedBotIsDeniedEvenWhenAllowed) {
  const BotVerdict v = Ok(kGooglebot, ListMode::kAllow, {"GOOGLE_CRAWLER"}, Verification::kSpoofed);
  EXPECT_TRUE(v.spoofed);
  EXPECT_FALSE(v.verified);
  EXPECT_TRUE(v.allowed.empty());
  EXPECT_EQ(v.denied, std::vector<std::string_view>{"GOOGLE_CRAWLER"});
}

TEST(BotDetectTest, UnverifiableBotsAreNotAsked) {
  Outcome run = DetectWith("curl/8", ListMode::kDeny, {}, Verification::kSpoofed);
  ASSERT_TRUE(run.verdict.ok());
  EXPECT_TRUE(run.calls.empty());
  EXPECT_FALSE(run.verdict.value().spoofed);
}

TEST(BotDetectTest, MissingUserAgentIsInvalidInput) {
  HttpRequest request;
  FakeVerifier verifier;
  ErrorOr<BotVerdict> v = bot::Detect(request, BotConfig{ListMode::kDeny, {}}, verifier);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().kind, ErrorKind::kInvalidInput);
  Outcome empty = DetectWith("", ListMode::kDeny, {});
  ASSERT_FALSE(empty.verdict.ok());
}

TEST(BotDetectTest, BadConfigEntryIsInvalidInput) {
  for (std::string_view bad : {"CATEGORY:NOPE", "curl", "", "GOOGLE CRAWLER"}) {
    Outcome run = DetectWith("curl/8", ListMode::kDeny, {bad});
    ASSERT_FALSE(run.verdict.ok()) << bad;
    EXPECT_EQ(run.verdict.error().kind, ErrorKind::kInvalidInput);
  }
  // Unknown but well-formed IDs are accepted (configs may name any published ID), and so are
  // the IDs derived from unmapped crawler-user-agents patterns.
  EXPECT_TRUE(DetectWith("curl/8", ListMode::kDeny, {"SOME_FUTURE_BOT"}).verdict.ok());
  EXPECT_TRUE(DetectWith("curl/8", ListMode::kDeny, {"CUA:SOME_CRAWLER"}).verdict.ok());
  EXPECT_FALSE(DetectWith("curl/8", ListMode::kDeny, {"CUA:"}).verdict.ok());
}

}  // namespace
}  // namespace warden::core::bot
