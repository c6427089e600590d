// The matcher's two automaton passes agree: UAs of 64 bytes or more are scanned as four segments
// side by side that resynchronise past their cuts (docs/bot-detection.md, "Matcher design");
// MatchPatternsForTesting(..., single_scan=true) scans the same UA in one pass. Compared on
// browser/bot-like text repeated to 64 B–8 KB, on keywords placed exactly at and around each
// cut (including straddling it), and on random bytes, over the fixture, crawler-user-agents
// and production tables.
#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/bot/matcher.h"
#include "test/core/bot/fixture.h"

namespace warden::core::bot {
namespace {

using P = std::vector<uint16_t>;

constexpr size_t kStreamsFrom = 64;  // matcher.cc: shorter UAs are scanned in one pass

// Texts to build UAs from: browser and bot user agents of the usual shapes (written for this
// test), keyword fragments of the fixture, and the generic-bot family.
constexpr std::string_view kPieces[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
    "+https://openai.com/gptbot)",
    "curl/8.7.1", "Wget/1.24.5", "python-requests/2.32.3", "HeadlessChrome/126.0.0.0",
    "AdsBot-Google (+http://www.google.com/adsbot.html)", "AhrefsBot/7.0", "abcde",
    "Spider/1.0 (+spider.com)", "BlogTraffic/4.2 Feed-Fetcher", "ChatGPT agent 7x",
    "sentry/24.1", "MyCrawler/1.0", "zzbot;", "Cubot", "[FBAN/FBIOS;FBAV/470.0]",
    "GoogleAssociationService", "Googlebot-Image/1.0", " ", ";", "/", "(", ")",
};

// Keywords whose fixture pattern is found wherever they are placed (not anchored, no context
// needed), with the pattern.
struct Placed {
  std::string_view text;
  uint16_t pattern;
};
constexpr Placed kFixtureKeywords[] = {
    {"Googlebot/", fixture::kGooglebot}, {"wget", fixture::kWget},
    {"AhrefsSiteAudit", fixture::kAhrefs}, {"abcd", fixture::kAbcd},
    {"cd", fixture::kCd}, {"Googlebot-Image", fixture::kGooglebotImage},
    {"GPTBot", fixture::kGptBot}, {"HeadlessChrome/", fixture::kHeadless},
    {"FBAV/", fixture::kVetoFbav}, {"BlogTraffic/1.23 Feed-Fetcher", fixture::kBlogTraffic},
    {"ChatGPT agent 123x", fixture::kOpenAiAgent}, {" sentry/", fixture::kSentry},
};

const Tables* const kAllTables[] = {&FixtureTables(), &CuaAllTables(), &BotTables()};

// The segment cuts the four-scan path uses for a UA of `n` bytes (matcher.cc).
std::vector<size_t> Cuts(size_t n) { return {n / 4, 2 * (n / 4), 3 * (n / 4)}; }

// Both passes over `ua`; returns the (common) result.
P ExpectSameMatches(const Tables& t, std::string_view ua) {
  const P four = MatchPatterns(t, ua);
  const P single = MatchPatternsForTesting(t, ua, /*single_scan=*/true);
  EXPECT_EQ(four, single) << "UA of " << ua.size() << " bytes: " << ua.substr(0, 200);
  EXPECT_EQ(MatchPatternsForTesting(t, ua, /*single_scan=*/false), four);
  return single;
}

bool Has(const P& matches, uint16_t pattern) {
  return std::find(matches.begin(), matches.end(), pattern) != matches.end();
}

// `filler` repeated to `n` bytes with `keyword` written over it at `at`.
std::string Place(std::string_view filler, size_t n, std::string_view keyword, size_t at) {
  std::string ua;
  while (ua.size() < n) ua += filler;
  ua.resize(n);
  ua.replace(at, keyword.size(), keyword);
  return ua;
}

TEST(BotScanTest, ShortAndLongInputsOfEveryLengthAroundTheThreshold) {
  const std::string text = std::string(kPieces[3]) + " " + std::string(kPieces[0]);
  for (const Tables* t : kAllTables) {
    for (size_t n = 0; n <= 3 * kStreamsFrom && n <= text.size(); ++n) {
      ExpectSameMatches(*t, std::string_view(text).substr(0, n));
      ExpectSameMatches(*t, std::string_view(text).substr(text.size() - n));
    }
  }
}

TEST(BotScanTest, ConcatenatedUserAgentsFrom64BytesTo8K) {
  std::mt19937 rng(20261126);
  for (const Tables* t : kAllTables) {
    for (int round = 0; round < 300; ++round) {
      std::uniform_int_distribution<size_t> size(kStreamsFrom, 8 * 1024);
      const size_t n = size(rng);
      std::string ua;
      while (ua.size() < n) {
        ua += kPieces[rng() % std::size(kPieces)];
        if (rng() % 2) ua += ' ';
      }
      ua.resize(n);
      ExpectSameMatches(*t, ua);
    }
  }
}

// Every fixture keyword at every offset around every cut — starting before it, ending at it,
// straddling it, starting at it and just after — for several UA lengths, over plain filler
// and over browser text. The keyword's pattern is always found.
TEST(BotScanTest, FixtureKeywordsAtAndAroundEveryCut) {
  const Tables& t = FixtureTables();
  for (std::string_view filler : {std::string_view("x"), kPieces[0], kPieces[2]}) {
    for (size_t n : {size_t{64}, size_t{65}, size_t{66}, size_t{67}, size_t{100}, size_t{257},
                     size_t{1024}, size_t{4099}, size_t{8192}}) {
      for (const Placed& k : kFixtureKeywords) {
        for (size_t cut : Cuts(n)) {
          const size_t from = cut >= k.text.size() + 1 ? cut - k.text.size() - 1 : 0;
          for (size_t at = from; at <= cut + 1 && at + k.text.size() <= n; ++at) {
            const std::string ua = Place(filler, n, k.text, at);
            const P matches = ExpectSameMatches(t, ua);
            EXPECT_TRUE(Has(matches, k.pattern)) << k.text << " at " << at << " of " << n;
          }
        }
      }
    }
  }
}

// The case the resynchronisation exists for: a keyword that begins in one segment and ends in
// the next. The stream that starts at the cut never sees its beginning.
TEST(BotScanTest, KeywordStraddlingACutIsFound) {
  const std::string_view keyword = "Googlebot/";
  for (size_t n : {size_t{64}, size_t{80}, size_t{203}, size_t{8000}}) {
    for (size_t cut : Cuts(n)) {
      for (size_t before = 1; before < keyword.size(); ++before) {
        const std::string ua = Place("Mozilla/5.0 ", n, keyword, cut - before);
        EXPECT_EQ(MatchPatterns(FixtureTables(), ua), (P{fixture::kGooglebot}))
            << "split " << before << "|" << keyword.size() - before << " at cut " << cut
            << " of " << n;
        EXPECT_EQ(fixture::Ids(ua), std::vector<std::string>{"GOOGLE_CRAWLER"});
      }
    }
  }
}

// Every keyword the production tables store exactly (its bytes are in Tables::text), placed
// across a cut — rotating over the cuts and the split point — and at the very end.
TEST(BotScanTest, ProductionKeywordsStraddlingCuts) {
  for (const Tables* t : {&CuaAllTables(), &BotTables()}) {
    size_t checked = 0;
    for (size_t i = 0; i < t->keywords.size(); ++i) {
      const Keyword& k = t->keywords[i];
      if (!(k.flags & kKeywordExact) || k.length < 2) continue;
      const std::string_view text(t->text.data() + k.text, k.length);
      const size_t n = 64 + (i * 37) % 600 + 4 * k.length;
      const size_t cut = Cuts(n)[i % 3];
      const size_t at = cut - 1 - (i % (k.length - 1));
      const P matches = ExpectSameMatches(*t, Place(kPieces[i % 3], n, text, at));
      if (!(k.flags & (kKeywordBol | kKeywordEol | kKeywordRegex))) {
        EXPECT_TRUE(Has(matches, k.pattern)) << text;
      }
      ExpectSameMatches(*t, Place(kPieces[i % 3], n, text, n - k.length));
      ++checked;
    }
    EXPECT_GT(checked, 100u);
  }
}

// Random bytes, and random text over a small alphabet of keyword letters (which walks the
// automaton's deep states far more often than uniform bytes do).
TEST(BotScanTest, RandomBytesAndKeywordAlphabet) {
  std::mt19937 rng(7);
  constexpr std::string_view kAlphabet = "abcdeoglGBbtr/ -_;()0123456789Ct";
  for (const Tables* t : kAllTables) {
    for (int round = 0; round < 400; ++round) {
      const size_t n = kStreamsFrom + rng() % (round < 300 ? 512 : 8 * 1024);
      std::string ua(n, '\0');
      for (char& c : ua) {
        c = round % 2 ? static_cast<char>(rng() & 0xff) : kAlphabet[rng() % kAlphabet.size()];
      }
      ExpectSameMatches(*t, ua);
    }
  }
}

}  // namespace
}  // namespace warden::core::bot
