// The bot matcher over the fixture tables: literal hits at the start, end and overlapping,
// classes, anchors, alternation, case, regex confirmation, several IDs, not_bots vetoes, long
// and malformed user agents; many IDs at once, and the production tables' own scan.
#include "core/bot/matcher.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test/core/bot/fixture.h"

namespace warden::core::bot {
namespace {

using fixture::Ids;
using fixture::Match;
using P = std::vector<uint16_t>;
using S = std::vector<std::string>;

TEST(BotMatcherTest, LiteralsAtStartEndAndOverlapping) {
  EXPECT_EQ(Match("abcde"), (P{fixture::kAbcd, fixture::kBcde, fixture::kCd}));
  EXPECT_EQ(Match("xxabcd"), (P{fixture::kAbcd, fixture::kCd}));
  EXPECT_EQ(Match("cd"), (P{fixture::kCd}));
  EXPECT_EQ(Match("c d"), P{});
  EXPECT_EQ(Match("Googlebot/2.1"), (P{fixture::kGooglebot}));
  EXPECT_EQ(Match("Mozilla/5.0 (compatible; Googlebot/"), (P{fixture::kGooglebot}));
}

TEST(BotMatcherTest, CaseSensitiveUnlessFolded) {
  EXPECT_EQ(Match("googlebot/2.1"), P{});
  EXPECT_EQ(Match("GOOGLEBOT/2.1"), P{});
  EXPECT_EQ(Match("Wget/1.21"), (P{fixture::kWget}));
  EXPECT_EQ(Match("wget/1.21"), (P{fixture::kWget}));
  EXPECT_EQ(Match("WGET/1.21"), P{});
  // A case-mismatched occurrence does not hide a later exact one.
  EXPECT_EQ(Match("GOOGLEBOT/ Googlebot/"), (P{fixture::kGooglebot}));
  // "(?i)^python-requests/" folds ASCII case, and stays anchored.
  EXPECT_EQ(Match("PYTHON-Requests/2.31"), (P{fixture::kPythonRequests}));
  EXPECT_EQ(Match("x python-requests/2.31"), P{});
}

TEST(BotMatcherTest, Anchors) {
  EXPECT_EQ(Match("curl/8.5"), (P{fixture::kCurl}));
  EXPECT_EQ(Match("my-curl/8.5"), P{});
  EXPECT_EQ(Match("GoogleAssociationService"), (P{fixture::kAssociation}));
  EXPECT_EQ(Match("x GoogleAssociationService"), (P{fixture::kAssociation}));
  EXPECT_EQ(Match("GoogleAssociationService/1"), P{});
  // (^| )sentry\/ : at the start or after a space.
  EXPECT_EQ(Match("sentry/1"), (P{fixture::kSentry}));
  EXPECT_EQ(Match("x sentry/1"), (P{fixture::kSentry}));
  EXPECT_EQ(Match("xsentry/1"), P{});
}

TEST(BotMatcherTest, ClassesAndAlternation) {
  // AdsBot-Google([^-]|$)
  EXPECT_EQ(Match("AdsBot-Google"), (P{fixture::kAdsBot}));
  EXPECT_EQ(Match("AdsBot-Google (+http://www.google.com/adsbot.html)"), (P{fixture::kAdsBot}));
  EXPECT_EQ(Match("AdsBot-Google-Mobile"), P{});
  EXPECT_EQ(Match("AdsBot-Google-Mobile AdsBot-Google;"), (P{fixture::kAdsBot}));
  EXPECT_EQ(Match("AdsBot-Google\xe2\x82\xac"), (P{fixture::kAdsBot}));  // a non-ASCII byte
  // Ahrefs(Bot|SiteAudit), two IDs.
  EXPECT_EQ(Match("AhrefsBot/7.0"), (P{fixture::kAhrefs}));
  EXPECT_EQ(Match("AhrefsSiteAudit/6.1"), (P{fixture::kAhrefs}));
  EXPECT_EQ(Match("AhrefsSite"), P{});
  EXPECT_EQ(Ids("AhrefsBot/7.0"), (S{"AHREFS_CRAWLER", "AHREFS_SITE_AUDIT"}));
  // Spider[\s\S]*spider\.com: order matters, anything in between.
  EXPECT_EQ(Match("Spider/1 (+spider.com)"), (P{fixture::kSpider}));
  EXPECT_EQ(Match("Spiderspider.com"), (P{fixture::kSpider}));
  EXPECT_EQ(Match("spider.com Spider"), P{});
  // BlogTraffic\/\d\.\d+ Feed-Fetcher
  EXPECT_EQ(Match("BlogTraffic/1.23 Feed-Fetcher"), (P{fixture::kBlogTraffic}));
  EXPECT_EQ(Match("BlogTraffic/1. Feed-Fetcher"), P{});
  EXPECT_EQ(Match("BlogTraffic/x.1 Feed-Fetcher"), P{});
  // (?:OpenAI|ChatGPT) agent [0-9]+x
  EXPECT_EQ(Match("ChatGPT agent 42x"), (P{fixture::kOpenAiAgent}));
  EXPECT_EQ(Match("OpenAI agent x"), P{});
}

TEST(BotMatcherTest, SeveralIdsSortedAndDeduped) {
  EXPECT_EQ(Ids("Googlebot-Image/1.0 Googlebot/2.1 Googlebot/2.1"),
            (S{"GOOGLE_CRAWLER", "GOOGLE_CRAWLER_IMAGE"}));
  EXPECT_EQ(Ids("GPTBot/1.1 ChatGPT agent 1x curl"), (S{"OPENAI_CRAWLER"}));
  EXPECT_EQ(Ids("sentry/1 abcde"), (S{"CUA:ABCD", "CUA:BCDE", "CUA:CD", "CUA:SENTRY"}));
}

TEST(BotMatcherTest, GenericOnlyWithoutNamedAndWithoutVeto) {
  EXPECT_EQ(Ids("MyCrawler/1.0"), (S{"FIXTURE_GENERIC"}));
  EXPECT_TRUE(ClassifyIds(FixtureTables(), "MyCrawler/1.0").generic);
  EXPECT_EQ(Ids("Mozilla/5.0 HeadlessChrome/120 zzbot/1"), (S{"FIXTURE_GENERIC", "HEADLESS_CHROME"}));
  // A named match hides the generic ones.
  EXPECT_EQ(Match("Googlebot/2.1 crawler/1"), (P{fixture::kGooglebot, fixture::kGeneric}));
  EXPECT_EQ(Ids("Googlebot/2.1 crawler/1"), (S{"GOOGLE_CRAWLER"}));
  EXPECT_FALSE(ClassifyIds(FixtureTables(), "Googlebot/2.1 crawler/1").generic);
  // Vetoes drop generic matches only.
  EXPECT_EQ(Ids("Mozilla/5.0 (Linux; Android 9; Cubot ZZBOT P30) Mobile"), S{});
  EXPECT_EQ(Ids("Mozilla/5.0 (Linux; Cubot ZZBOT P30) Googlebot/2.1"), (S{"GOOGLE_CRAWLER"}));
  EXPECT_EQ(Ids("[FBAN/FBIOS;FBAV/400.0] crawler_x"), S{});
  EXPECT_EQ(Ids("[FBAN/FBIOS;FBAv/400.0] crawler_x"), (S{"FIXTURE_GENERIC"}));
}

TEST(BotMatcherTest, EmptyWhitespaceAndMalformedInput) {
  EXPECT_EQ(Match(""), P{});
  EXPECT_EQ(Match("   \t "), P{});
  EXPECT_EQ(Match(std::string("\xff\xfe\xc3Googlebot/\xc3", 14)), (P{fixture::kGooglebot}));
  EXPECT_EQ(Match(std::string("\0cd\0", 4)), (P{fixture::kCd}));
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  EXPECT_EQ(Match(all_bytes), (P{fixture::kAbcd, fixture::kBcde, fixture::kCd}));  // ...abcde...
}

TEST(BotMatcherTest, LongUserAgents) {
  const std::string chrome =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
      "Safari/537.36";
  for (size_t size : {size_t{8 * 1024}, size_t{64 * 1024}}) {
    std::string ua = chrome;
    while (ua.size() < size) ua += " Spider zzbo abcdefghij";
    EXPECT_EQ(Match(ua), (P{fixture::kAbcd, fixture::kBcde, fixture::kCd})) << size;
    EXPECT_EQ(Match(ua + " Googlebot/2.1"), (P{fixture::kGooglebot, fixture::kAbcd,
                                                fixture::kBcde, fixture::kCd}));
    EXPECT_EQ(Match("curl/8 " + ua + " spider.com"),
              (P{fixture::kCurl, fixture::kSpider, fixture::kAbcd, fixture::kBcde, fixture::kCd}));
    EXPECT_EQ(Match(ua + "AdsBot-Google"), (P{fixture::kAdsBot, fixture::kAbcd, fixture::kBcde,
                                              fixture::kCd}));
  }
}

TEST(BotMatcherTest, ProductionTablesClassifyBrowsersAsHumans) {
  for (std::string_view ua : {
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/124.0.0.0 Safari/537.36",
           "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
           "like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
           "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}) {
    EXPECT_EQ(fixture::Ids(ua, BotTables()), S{}) << ua;
  }
}

// The classification rule (docs/bot-detection.md) applied to every pattern MatchPatterns finds.
std::vector<uint16_t> ReferenceIds(const Tables& t, std::string_view ua) {
  std::vector<uint16_t> named, generic;
  bool veto = false;
  for (uint16_t p : MatchPatterns(t, ua)) {
    const PatternInfo& info = t.patterns[p];
    veto |= info.kind == PatternKind::kVeto;
    std::vector<uint16_t>& into = info.kind == PatternKind::kNamed ? named : generic;
    for (uint16_t i = 0; i < info.id_count; ++i) into.push_back(t.id_refs[info.first_id + i]);
  }
  std::vector<uint16_t> out = !named.empty() ? named : veto ? std::vector<uint16_t>{} : generic;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The exact text of every `step`-th unanchored case-sensitive literal keyword of the
// production tables (bot tokens), each followed by a space, up to `max_size` bytes in all.
std::vector<std::string> BotTokens(size_t step, size_t max_size) {
  const Tables& t = BotTables();
  std::vector<std::string> tokens;
  size_t size = 0;
  for (size_t k = 0; k < t.keywords.size() && size < max_size; k += step) {
    const Keyword& kw = t.keywords[k];
    if (kw.flags != kKeywordExact) continue;
    tokens.push_back(std::string(t.text.data() + kw.text, kw.length) + " ");
    size += tokens.back().size();
  }
  return tokens;
}

std::string ManyBotTokens(size_t step, size_t max_size) {
  std::string ua;
  for (const std::string& token : BotTokens(step, max_size)) ua += token;
  return ua;
}

// Many IDs at once (more than ClassifyIds keeps on its stack, and every count up to there),
// ascending and deduped.
TEST(BotMatcherTest, ManyIdsSortedAndDeduped) {
  const Tables& t = BotTables();
  const std::string ua = ManyBotTokens(1, 4000);
  const std::vector<uint16_t> ids = ClassifyIds(t, ua).ids;
  EXPECT_GT(ids.size(), 64u);
  EXPECT_EQ(ids, ReferenceIds(t, ua));
  EXPECT_EQ(ClassifyIds(t, ua + " " + ua).ids, ids);  // every token twice
  std::string prefix;
  for (const std::string& token : BotTokens(1, 2000)) {
    prefix += token;
    EXPECT_EQ(ClassifyIds(t, prefix).ids, ReferenceIds(t, prefix)) << prefix;
  }
}

// ClassifyIds scans the production tables with code of their own (matcher.cc); any other
// tables, here a copy of them at another address, go through the general code. Both agree.
TEST(BotMatcherTest, ProductionTablesAndACopyOfThemClassifyAlike) {
  const Tables& production = BotTables();
  const Tables copy = production;
  std::vector<std::string> uas = {
      "", "curl/8.4.0", "Googlebot/2.1", "Mozilla/5.0 (compatible; Googlebot/2.1; "
      "+http://www.google.com/bot.html)",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/124.0.0.0 Safari/537.36",
      "python-requests/2.31.0", "Mozilla/5.0 HeadlessChrome/120 crawler/1", "MyCrawler/1.0"};
  for (size_t size = 10; size < 3000; size = size * 3 / 2) uas.push_back(ManyBotTokens(7, size));
  for (const std::string& ua : uas) {
    const Classification a = ClassifyIds(production, ua);
    const Classification b = ClassifyIds(copy, ua);
    EXPECT_EQ(a.ids, b.ids) << ua;
    EXPECT_EQ(a.generic, b.generic) << ua;
    EXPECT_EQ(a.ids, ReferenceIds(production, ua)) << ua;
  }
}

}  // namespace
}  // namespace warden::core::bot
