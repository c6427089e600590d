// The tables.h contract, checked on every compiled table set (fixture, all of
// crawler-user-agents, production): dense rows and their depths, the dense transitions against
// an automaton rebuilt from the goto function alone, failure links of deep states, output lists,
// keyword/pattern/regex cross-references, the regex DFAs' ranges, and the always-candidates.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "core/bot/tables.h"
#include "test/core/bot/fixture.h"

namespace warden::core::bot {
namespace {

const Tables* const kAllTables[] = {&FixtureTables(), &CuaAllTables(), &BotTables()};

uint32_t ClassCount(const Tables& t) {
  return *std::max_element(t.class_map.begin(), t.class_map.end()) + 1u;
}

// The automaton rebuilt from the goto function (base/check) alone: depth and failure state of
// every slot in use, by breadth-first search from the root (slot 0).
struct Rebuilt {
  std::vector<int> depth;     // -1: not a state
  std::vector<uint32_t> fail;
  uint32_t Goto(const Tables& t, uint32_t s, uint32_t c) const {
    const uint32_t next = t.slots[s].base + c;
    return next < t.slots.size() && next != 0 && t.slots[next].check == s ? next : kNoState;
  }
  // The full transition, failure links resolved.
  uint32_t Delta(const Tables& t, uint32_t s, uint32_t c) const {
    for (;;) {
      if (c != 0) {
        const uint32_t next = Goto(t, s, c);
        if (next != kNoState) return next;
      }
      if (s == 0) return 0;
      s = fail[s];
    }
  }
};

Rebuilt Rebuild(const Tables& t) {
  Rebuilt r{std::vector<int>(t.slots.size(), -1), std::vector<uint32_t>(t.slots.size(), 0)};
  const uint32_t classes = ClassCount(t);
  r.depth[0] = 0;
  std::deque<uint32_t> queue{0};
  while (!queue.empty()) {
    const uint32_t s = queue.front();
    queue.pop_front();
    for (uint32_t c = 1; c < classes; ++c) {
      const uint32_t next = r.Goto(t, s, c);
      if (next == kNoState) continue;
      EXPECT_EQ(r.depth[next], -1) << "slot " << next << " reached twice";
      r.depth[next] = r.depth[s] + 1;
      r.fail[next] = s == 0 ? 0 : r.Delta(t, r.fail[s], c);
      queue.push_back(next);
    }
  }
  return r;
}

TEST(BotTableInvariantsTest, DenseRowsHaveDepthsAndResolvedTransitions) {
  for (const Tables* t : kAllTables) {
    const Rebuilt r = Rebuild(*t);
    const uint32_t classes = ClassCount(*t);
    const uint32_t stride = 1u << t->dense_shift;
    const uint32_t dense_end = static_cast<uint32_t>(t->dense_slots.size()) * stride;
    ASSERT_EQ(t->dense_depths.size(), t->dense_slots.size());  // one depth per dense row
    std::vector<int> row_of(t->slots.size(), -1);
    for (size_t row = 0; row < t->dense_slots.size(); ++row) {
      const uint16_t s = t->dense_slots[row];
      ASSERT_LT(s, t->slots.size());
      ASSERT_GE(r.depth[s], 0) << "dense row " << row << " is not a state";
      EXPECT_EQ(row_of[s], -1) << "slot " << s << " has two rows";
      row_of[s] = static_cast<int>(row);
      EXPECT_EQ(t->dense_depths[row], r.depth[s]) << "row " << row;
    }
    // The root and every state of depth <= 2 are shallow.
    for (size_t s = 0; s < t->slots.size(); ++s) {
      if (r.depth[s] >= 0 && r.depth[s] <= 2) EXPECT_GE(row_of[s], 0) << "slot " << s;
    }
    for (size_t row = 0; row < t->dense_slots.size(); ++row) {
      for (uint32_t c = 0; c < classes; ++c) {
        const uint32_t want = r.Delta(*t, t->dense_slots[row], c);
        const uint32_t got = t->dense[(row << t->dense_shift) + c];
        const uint32_t encoded = row_of[want] >= 0
                                     ? static_cast<uint32_t>(row_of[want]) << t->dense_shift
                                     : dense_end + want;
        ASSERT_EQ(got, encoded) << "row " << row << " class " << c;
      }
    }
    // Deep states: failure links are the automaton's, encoded as a row when shallow.
    for (size_t s = 0; s < t->slots.size(); ++s) {
      if (r.depth[s] <= 0 || row_of[s] >= 0) continue;
      const uint16_t fail = t->slots[s].fail;
      const uint32_t want = r.fail[s];
      if (row_of[want] >= 0) {
        EXPECT_EQ(fail, kDenseState | row_of[want]) << "slot " << s;
      } else {
        EXPECT_EQ(fail, want) << "slot " << s;
      }
    }
  }
}

TEST(BotTableInvariantsTest, OutputListsNameKeywordsThatFitTheirState) {
  for (const Tables* t : kAllTables) {
    const Rebuilt r = Rebuild(*t);
    std::set<uint16_t> listed;
    for (size_t s = 0; s < t->slots.size(); ++s) {
      const uint16_t out = t->slots[s].out;
      if (out == 0 || r.depth[s] < 0) continue;
      ASSERT_LT(out, t->outputs.size());
      const uint16_t count = t->outputs[out];
      EXPECT_GT(count, 0u);
      ASSERT_LE(size_t{out} + count, t->outputs.size() - 1);
      for (uint16_t i = 1; i <= count; ++i) {
        const uint16_t k = t->outputs[out + i];
        ASSERT_LT(k, t->keywords.size());
        EXPECT_LE(t->keywords[k].length, r.depth[s]) << "keyword " << k << " at slot " << s;
        listed.insert(k);
      }
    }
    EXPECT_EQ(listed.size(), t->keywords.size()) << "a keyword no state reports";
  }
}

TEST(BotTableInvariantsTest, KeywordsPatternsAndRegexesAgree) {
  for (const Tables* t : kAllTables) {
    std::vector<bool> has_keyword(t->patterns.size());
    for (const Keyword& k : t->keywords) {
      ASSERT_LT(k.pattern, t->patterns.size());
      has_keyword[k.pattern] = true;
      EXPECT_GT(k.length, 0u);
      // A regex pattern's keywords are factors (candidates); a literal pattern's are variants.
      EXPECT_EQ((k.flags & kKeywordRegex) != 0, t->patterns[k.pattern].regex != kNoRegex)
          << "pattern " << k.pattern;
    }
    for (size_t i = 1; i < t->ids.size(); ++i) EXPECT_LT(t->ids[i - 1].name, t->ids[i].name);
    for (size_t p = 0; p < t->patterns.size(); ++p) {
      const PatternInfo& info = t->patterns[p];
      EXPECT_LE(static_cast<uint8_t>(info.kind), static_cast<uint8_t>(PatternKind::kVeto));
      EXPECT_EQ(info.kind == PatternKind::kVeto, info.id_count == 0) << p;
      for (uint16_t i = 0; i < info.id_count; ++i) {
        EXPECT_LT(t->id_refs[info.first_id + i], t->ids.size());
      }
      const bool always = std::binary_search(t->always_candidates.begin(),
                                             t->always_candidates.end(), p);
      if (info.regex == kNoRegex) {
        EXPECT_TRUE(has_keyword[p]) << "literal pattern " << p << " can never match";
      } else {
        EXPECT_LT(info.regex, t->regexes.size());
        EXPECT_TRUE(has_keyword[p] || always) << "regex pattern " << p << " is never a candidate";
      }
    }
  }
}

TEST(BotTableInvariantsTest, RegexDfasStayInTheirTables) {
  for (const Tables* t : kAllTables) {
    for (const RegexInfo& r : t->regexes) {
      ASSERT_GT(r.classes, 0u);
      ASSERT_LE((size_t{r.class_map} + 1) * 256, t->regex_class_maps.size());
      for (size_t b = 0; b < 256; ++b) {
        EXPECT_LT(t->regex_class_maps[size_t{r.class_map} * 256 + b], r.classes);
      }
      const size_t cells = size_t{r.states} * r.classes;
      ASSERT_LE(r.table + cells, t->regex_tables.size());
      ASSERT_LE(size_t{r.at_end} + r.states, t->regex_at_end.size());
      for (size_t i = 0; i < cells; ++i) {
        const uint16_t v = t->regex_tables[r.table + i];
        if (v == kDfaAccept || v == kDfaDead) continue;
        EXPECT_LT(v, cells);
        EXPECT_EQ(v % r.classes, 0u);  // premultiplied
      }
    }
  }
}

// Always-candidates are regex patterns anchored with "^": their DFA dies from the start state
// on some byte (an unanchored search DFA never dies), and they are ascending and distinct.
TEST(BotTableInvariantsTest, AlwaysCandidatesAreAnchoredRegexes) {
  for (const Tables* t : kAllTables) {
    EXPECT_TRUE(std::is_sorted(t->always_candidates.begin(), t->always_candidates.end()));
    EXPECT_EQ(std::adjacent_find(t->always_candidates.begin(), t->always_candidates.end()),
              t->always_candidates.end());
    for (uint16_t p : t->always_candidates) {
      ASSERT_LT(p, t->patterns.size());
      ASSERT_NE(t->patterns[p].regex, kNoRegex) << "always-candidate " << p << " is a literal";
      const RegexInfo& r = t->regexes[t->patterns[p].regex];
      bool dies = false;
      for (size_t b = 0; b < 256; ++b) {
        const uint8_t c = t->regex_class_maps[size_t{r.class_map} * 256 + b];
        dies |= t->regex_tables[r.table + c] == kDfaDead;
      }
      EXPECT_TRUE(dies) << "always-candidate " << p << " is not anchored";
    }
  }
  // The production tables have some ("^...bot/1.0"-style token/version patterns).
  EXPECT_FALSE(BotTables().always_candidates.empty());
}

}  // namespace
}  // namespace warden::core::bot
