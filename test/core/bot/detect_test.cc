// detect-bot over the compiled tables: classification, allow/deny semantics, verification.
#include "core/bot/detect.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/bot/catalog.h"
#include "core/common/ascii.h"

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

// The verdict for a request without a usable User-Agent: the reserved entry denied or allowed.
BotVerdict MissingVerdict(bool allowed) {
  BotVerdict v;
  v.missing_user_agent = true;
  (allowed ? v.allowed : v.denied).push_back(kMissingUserAgent);
  return v;
}

TEST(BotDetectTest, AbsentUserAgentIsDeniedInBothModes) {
  const Field headers[] = {{"Accept", "*/*"}};
  HttpRequest request;
  request.headers = headers;
  for (ListMode mode : {ListMode::kAllow, ListMode::kDeny}) {
    FakeVerifier verifier;
    ErrorOr<BotVerdict> v = bot::Detect(request, BotConfig{mode, {}}, verifier);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.value(), MissingVerdict(false));
    EXPECT_TRUE(verifier.calls.empty());
  }
}

TEST(BotDetectTest, EmptyAndBlankUserAgentsAreMissing) {
  for (std::string_view ua : {"", " ", "\t", " \t  \t"}) {
    EXPECT_EQ(Ok(ua, ListMode::kAllow, {}), MissingVerdict(false)) << "[" << ua << "]";
    EXPECT_EQ(Ok(ua, ListMode::kDeny, {}), MissingVerdict(false)) << "[" << ua << "]";
    EXPECT_EQ(Ok(ua, ListMode::kDeny, {"CURL"}), MissingVerdict(false)) << "[" << ua << "]";
  }
  EXPECT_TRUE(IsMissingUserAgent(""));
  EXPECT_TRUE(IsMissingUserAgent(" \t "));
  // Only SP and HTAB count; other bytes are classified (and are no bot).
  const std::string_view classified[] = {"\n", "\r\n", "\v", std::string_view("\0", 1), " , "};
  for (std::string_view ua : classified) {
    EXPECT_FALSE(IsMissingUserAgent(ua));
    EXPECT_EQ(Ok(ua, ListMode::kAllow, {}), BotVerdict{});
  }
}

TEST(BotDetectTest, MissingUserAgentIsAllowedOnlyWhenAnAllowListNamesIt) {
  EXPECT_EQ(Ok("", ListMode::kAllow, {"MISSING_USER_AGENT"}), MissingVerdict(true));
  EXPECT_EQ(Ok(" ", ListMode::kAllow, {"CURL", "MISSING_USER_AGENT"}), MissingVerdict(true));
  // No category covers it, and a deny list naming it denies it like any other deny list.
  EXPECT_EQ(Ok("", ListMode::kAllow, {"CATEGORY:UNKNOWN", "CATEGORY:TOOL"}), MissingVerdict(false));
  EXPECT_EQ(Ok("", ListMode::kDeny, {"MISSING_USER_AGENT"}), MissingVerdict(false));
}

TEST(BotDetectTest, MissingUserAgentAsksNoVerification) {
  Outcome run = DetectWith("", ListMode::kAllow, {"GOOGLE_CRAWLER"}, Verification::kSpoofed);
  ASSERT_TRUE(run.verdict.ok());
  EXPECT_TRUE(run.calls.empty());
  EXPECT_EQ(run.verdict.value(), MissingVerdict(false));
}

TEST(BotDetectTest, RepeatedUserAgentHeadersAreJoinedBeforeTheCheck) {
  const Field blank[] = {{"User-Agent", ""}, {"user-agent", ""}};  // joined: ", "
  HttpRequest request;
  request.headers = blank;
  FakeVerifier verifier;
  ErrorOr<BotVerdict> v = bot::Detect(request, BotConfig{ListMode::kAllow, {}}, verifier);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), BotVerdict{});
}

TEST(BotDetectTest, BadConfigIsCheckedBeforeTheUserAgent) {
  Outcome run = DetectWith("", ListMode::kAllow, {"missing_user_agent"});
  ASSERT_FALSE(run.verdict.ok());
  EXPECT_EQ(run.verdict.error().kind, ErrorKind::kInvalidInput);
}

TEST(BotDetectTest, CategoriesOfEveryDetectedId) {
  EXPECT_EQ(Ok("curl/8", ListMode::kDeny, {}).categories,
            std::vector<std::string_view>{"CATEGORY:TOOL"});
  // Googlebot smartphone: two IDs with the same categories, listed once, allowed and denied.
  const BotVerdict mobile = Ok(
      "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
      "Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
      "+http://www.google.com/bot.html)",
      ListMode::kDeny, {"GOOGLE_CRAWLER_MOBILE"});
  EXPECT_EQ(mobile.allowed, std::vector<std::string_view>{"GOOGLE_CRAWLER"});
  EXPECT_EQ(mobile.denied, std::vector<std::string_view>{"GOOGLE_CRAWLER_MOBILE"});
  EXPECT_EQ(mobile.categories,
            (std::vector<std::string_view>{"CATEGORY:GOOGLE", "CATEGORY:SEARCH_ENGINE"}));
  // The union over allowed and denied IDs, sorted by name.
  const BotVerdict both = Ok("curl/8 (compatible; GPTBot/1.2)", ListMode::kDeny, {"CATEGORY:AI"});
  EXPECT_EQ(both.allowed, std::vector<std::string_view>{"CURL"});
  EXPECT_EQ(both.denied, std::vector<std::string_view>{"OPENAI_CRAWLER"});
  EXPECT_EQ(both.categories, (std::vector<std::string_view>{"CATEGORY:AI", "CATEGORY:TOOL"}));
  // A spoofed bot keeps its categories; not a bot has none.
  EXPECT_EQ(Ok(kGooglebot, ListMode::kAllow, {}, Verification::kSpoofed).categories,
            (std::vector<std::string_view>{"CATEGORY:GOOGLE", "CATEGORY:SEARCH_ENGINE"}));
  EXPECT_TRUE(Ok(kChrome, ListMode::kAllow, {}).categories.empty());
}

TEST(BotCatalogTest, CategoryNamesAreSortedAndRoundTrip) {
  const std::vector<std::string_view> all = CategoryNames(~0u);
  ASSERT_EQ(all.size(), 23u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  for (std::string_view name : all) {
    EXPECT_EQ(CategoryNames(CategoryFromName(name)), std::vector<std::string_view>{name});
  }
  EXPECT_EQ(CategoryNames(kYahoo | kAcademic | kAi),
            (std::vector<std::string_view>{"CATEGORY:ACADEMIC", "CATEGORY:AI", "CATEGORY:YAHOO"}));
  EXPECT_TRUE(CategoryNames(0).empty());
}

TEST(BotDetectTest, UserAgentsAreClassifiedAsBytes) {
  // Invalid UTF-8, NUL and other control bytes, non-ASCII text: no error, the tokens count.
  EXPECT_EQ(Ok("\xc3\x28\xff Googlebot/2.1 \xed\xa0\x80", ListMode::kAllow, {}).denied,
            std::vector<std::string_view>{"GOOGLE_CRAWLER"});
  EXPECT_EQ(Ok(std::string_view("curl/8\0\x01\xfe", 9), ListMode::kAllow, {}).denied,
            std::vector<std::string_view>{"CURL"});
  EXPECT_EQ(Ok("\xff\xfe\xfd", ListMode::kAllow, {}), BotVerdict{});
  EXPECT_EQ(Ok("Mozilla/5.0 (X11; Linux x86_64) \xe5\xb0\x8f Chrome/120.0 Safari/537.36",
               ListMode::kAllow, {}),
            BotVerdict{});
  // 8 KiB and more: scanned whole, a token at the very end still counts.
  const std::string padding(9000, 'a');
  const std::string browser = "Mozilla/5.0 (X11; Linux x86_64; " + padding + ") Chrome/120.0";
  EXPECT_EQ(Ok(browser, ListMode::kAllow, {}), BotVerdict{});
  const std::string bot = "Mozilla/5.0 (" + padding + "; compatible; GPTBot/1.2)";
  EXPECT_EQ(Ok(bot, ListMode::kAllow, {}).denied, std::vector<std::string_view>{"OPENAI_CRAWLER"});
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


// The User-Agent lookup compares the name a word at a time: it must find exactly the names
// EqualsIgnoreCase accepts. Every one-byte change of every position of "user-agent" and of
// "User-Agent", and names one byte shorter or longer.
TEST(BotDetectTest, UserAgentHeaderNameMatchesExactlyIgnoringAsciiCase) {
  for (std::string base : {"user-agent", "User-Agent"}) {
    std::vector<std::string> names = {base + "s", base.substr(1), base.substr(0, 9), "x" + base};
    for (size_t at = 0; at < base.size(); ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string name = base;
        name[at] = static_cast<char>(b);
        names.push_back(name);
      }
    }
    for (const std::string& name : names) {
      const Field headers[] = {{name, "curl/8"}};
      HttpRequest request;
      request.headers = headers;
      FakeVerifier verifier;
      ErrorOr<BotVerdict> v = bot::Detect(request, BotConfig{ListMode::kAllow, {}}, verifier);
      ASSERT_TRUE(v.ok());
      EXPECT_EQ(v.value().missing_user_agent, !EqualsIgnoreCase(name, "user-agent")) << name;
    }
  }
}

// Storage that records what DetectInto asks of it.
class CountingStorage final : public VerdictStorage {
 public:
  std::string_view* Allocate(size_t count) override {
    ++calls;
    views.emplace_back(count);
    return views.back().data();
  }
  int calls = 0;
  std::vector<std::vector<std::string_view>> views;
};

TEST(BotDetectTest, DetectIntoAgreesWithDetectAndAllocatesOnce) {
  const std::string many = std::string(kGooglebot) + " curl/8 GPTBot/1.1 bingbot/2.0";
  const std::vector<std::string_view> entries[] = {{}, {"CURL"}, {"CATEGORY:GOOGLE"}};
  for (std::string_view ua : {kGooglebot, kChrome, std::string_view("curl/8"),
                              std::string_view(many), std::string_view(" ")}) {
    for (ListMode mode : {ListMode::kAllow, ListMode::kDeny}) {
      for (const std::vector<std::string_view>& list : entries) {
        const Field headers[] = {{"Accept", "*/*"}, {"user-AGENT", ua}};
        HttpRequest request;
        request.ip = "66.249.66.1";
        request.headers = headers;
        const BotConfig config{mode, list};
        FakeVerifier verifier;
        verifier.answer = Verification::kSpoofed;
        const ErrorOr<BotVerdict> expected = bot::Detect(request, config, verifier);
        ASSERT_TRUE(expected.ok());
        CountingStorage storage;
        const DetectOutcome got = DetectInto(headers, request.ip, config, verifier, storage);
        ASSERT_FALSE(got.bad_entry.has_value());
        const BotVerdict& e = expected.value();
        const auto vec = [](std::span<const std::string_view> s) {
          return std::vector<std::string_view>(s.begin(), s.end());
        };
        EXPECT_EQ(vec(got.verdict.allowed), e.allowed) << ua;
        EXPECT_EQ(vec(got.verdict.denied), e.denied) << ua;
        EXPECT_EQ(vec(got.verdict.categories), e.categories) << ua;
        EXPECT_EQ(got.verdict.verified, e.verified);
        EXPECT_EQ(got.verdict.spoofed, e.spoofed);
        EXPECT_EQ(got.verdict.missing_user_agent, e.missing_user_agent);
        const bool empty = e.allowed.empty() && e.denied.empty() && e.categories.empty();
        EXPECT_EQ(storage.calls, empty ? 0 : 1) << ua;
      }
    }
  }
}

TEST(BotDetectTest, DetectIntoReportsTheFirstBadEntry) {
  const std::string_view entries[] = {"CURL", "CATEGORY:NOPE", "bad"};
  const Field headers[] = {{"User-Agent", "curl/8"}};
  FakeVerifier verifier;
  CountingStorage storage;
  const DetectOutcome got =
      DetectInto(headers, "", BotConfig{ListMode::kDeny, entries}, verifier, storage);
  ASSERT_TRUE(got.bad_entry.has_value());
  EXPECT_EQ(*got.bad_entry, "CATEGORY:NOPE");
  EXPECT_EQ(storage.calls, 0);
  EXPECT_TRUE(verifier.calls.empty());
  HttpRequest request;
  request.headers = headers;
  const ErrorOr<BotVerdict> expected =
      bot::Detect(request, BotConfig{ListMode::kDeny, entries}, verifier);
  ASSERT_FALSE(expected.ok());
  EXPECT_EQ(BadConfigEntry(*got.bad_entry).detail, expected.error().detail);
  EXPECT_EQ(expected.error().detail, "bot config: unknown bot ID or category 'CATEGORY:NOPE'");
}

}  // namespace
}  // namespace warden::core::bot
