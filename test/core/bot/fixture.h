// Test helpers over the fixture tables compiled from fixtures/{cua,overlay}.json
// (bot_tests.cmake): pattern indices and ID names as the fixture defines them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/bot/matcher.h"

namespace warden::core::bot {

const Tables& FixtureTables();
const Tables& CuaAllTables();

namespace fixture {

// Pattern indices in the fixture tables: crawler-user-agents entries in file order ("Ignored"
// is mapped to null and dropped), then overlay rules, generic patterns, not_bots.
enum Pattern : uint16_t {
  kGooglebot, kWget, kAdsBot, kCurl, kSentry, kSpider, kAssociation, kAhrefs, kBlogTraffic,
  kAbcd, kBcde, kCd, kGooglebotImage, kPythonRequests, kGptBot, kOpenAiAgent, kGeneric,
  kHeadless, kVetoCubot, kVetoFbav, kPatternCount
};

inline std::vector<uint16_t> Match(std::string_view ua) {
  return MatchPatterns(FixtureTables(), ua);
}

inline std::vector<std::string> Ids(std::string_view ua, const Tables& tables = FixtureTables()) {
  std::vector<std::string> out;
  for (uint16_t id : ClassifyIds(tables, ua).ids) out.emplace_back(tables.ids[id].name);
  return out;
}

}  // namespace fixture
}  // namespace warden::core::bot
