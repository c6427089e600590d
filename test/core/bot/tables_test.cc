// The compiler's output for the fixture (fixtures/cua.json + fixtures/overlay.json): patterns,
// derived and published IDs, categories, verifiability, regex/literal split.
#include "core/bot/tables.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/bot/catalog.h"
#include "test/core/bot/fixture.h"

namespace warden::core::bot {
namespace {

const BotId* Find(const Tables& t, std::string_view name) {
  for (const BotId& id : t.ids) {
    if (id.name == name) return &id;
  }
  return nullptr;
}

TEST(BotTablesTest, FixturePatternsInOrder) {
  const Tables& t = FixtureTables();
  ASSERT_EQ(t.patterns.size(), size_t{fixture::kPatternCount});
  EXPECT_EQ(t.patterns[fixture::kGeneric].kind, PatternKind::kGeneric);
  EXPECT_EQ(t.patterns[fixture::kHeadless].kind, PatternKind::kGeneric);
  EXPECT_EQ(t.patterns[fixture::kVetoCubot].kind, PatternKind::kVeto);
  EXPECT_EQ(t.patterns[fixture::kVetoCubot].id_count, 0);
  EXPECT_EQ(t.patterns[fixture::kAhrefs].id_count, 2);
  // Finite languages become literal keywords; the rest get a DFA.
  for (uint16_t p : {fixture::kAdsBot, fixture::kSpider, fixture::kBlogTraffic,
                     fixture::kOpenAiAgent}) {
    EXPECT_NE(t.patterns[p].regex, kNoRegex) << p;
  }
  for (uint16_t p : {fixture::kWget, fixture::kSentry, fixture::kAhrefs, fixture::kGeneric}) {
    EXPECT_EQ(t.patterns[p].regex, kNoRegex) << p;
  }
  EXPECT_EQ(t.regexes.size(), 4u);
}

TEST(BotTablesTest, IdsSortedWithPublishedCategories) {
  const Tables& t = FixtureTables();
  for (size_t i = 1; i < t.ids.size(); ++i) EXPECT_LT(t.ids[i - 1].name, t.ids[i].name);
  const BotId* google = Find(t, "GOOGLE_CRAWLER");
  ASSERT_NE(google, nullptr);
  EXPECT_EQ(google->categories, kGoogle | kSearchEngine);
  EXPECT_TRUE(google->verifiable);
  ASSERT_NE(Find(t, "WGET"), nullptr);
  EXPECT_EQ(Find(t, "WGET")->categories, kTool);
  EXPECT_FALSE(Find(t, "WGET")->verifiable);
  // A published generic ID keeps its published categories; an unpublished one gets the
  // declared category.
  EXPECT_EQ(Find(t, "HEADLESS_CHROME")->categories, kTool);
  EXPECT_EQ(Find(t, "FIXTURE_GENERIC")->categories, kUnknown);
}

TEST(BotTablesTest, UnmappedPatternsGetDerivedIds) {
  const Tables& t = FixtureTables();
  for (std::string_view name : {"CUA:SENTRY", "CUA:SPIDER_COM", "CUA:FEED_FETCHER",
                                "CUA:GOOGLEASSOCIATIONSERVICE", "CUA:ABCD"}) {
    const BotId* id = Find(t, name);
    ASSERT_NE(id, nullptr) << name;
    EXPECT_EQ(id->categories, kUnknown) << name;
  }
  // "Ignored" is mapped to null: not compiled.
  EXPECT_TRUE(fixture::Ids("Ignored").empty());
  EXPECT_EQ(Find(t, "CUA:IGNORED"), nullptr);
}

TEST(BotTablesTest, AutomatonInvariants) {
  for (const Tables* t : {&FixtureTables(), &CuaAllTables(), &BotTables()}) {
    const size_t size = t->slots.size();
    uint8_t max_class = 0;
    for (uint8_t c : t->class_map) max_class = std::max(max_class, c);
    for (const AcSlot& slot : t->slots) {
      EXPECT_LT(size_t{slot.base} + max_class, size);
      if (slot.fail & kDenseState) {
        EXPECT_LT(static_cast<size_t>(slot.fail & ~kDenseState), t->dense_slots.size());
      } else if (slot.check != kNoState) {
        EXPECT_LT(slot.fail, size);
      }
      EXPECT_LT(slot.out, t->outputs.size());
      EXPECT_TRUE(slot.check == kNoState || slot.check < size);
    }
    ASSERT_FALSE(t->dense_slots.empty());
    EXPECT_EQ(t->dense_slots[0], 0);  // the root is row 0
    const size_t stride = size_t{1} << t->dense_shift;
    EXPECT_GE(stride, size_t{max_class} + 1);
    EXPECT_EQ(t->dense.size(), t->dense_slots.size() * stride);
    const size_t dense_end = t->dense_slots.size() * stride;
    EXPECT_LE(t->dense_output_from, dense_end);
    for (uint16_t target : t->dense) {
      EXPECT_LT(target, dense_end + size);
      if (target < dense_end) {
        EXPECT_EQ(target % stride, 0u);
        EXPECT_EQ(target >= t->dense_output_from,
                  t->slots[t->dense_slots[target / stride]].out != 0);
      }
    }
    for (const Keyword& k : t->keywords) {
      EXPECT_LT(k.pattern, t->patterns.size());
      if (k.flags & kKeywordExact) EXPECT_LE(k.text + k.length, t->text.size());
    }
    for (const PatternInfo& p : t->patterns) {
      EXPECT_LE(size_t{p.first_id} + p.id_count, t->id_refs.size());
    }
  }
  EXPECT_EQ(CuaAllTables().patterns.size(), 1500u);
}

}  // namespace
}  // namespace warden::core::bot
