// The module and the host agree on which bot IDs are verifiable: the module's bot catalog
// (core/bot/tables.h, compiled by tools/botc) marks an ID `verifiable` — and so asks the host
// `bot-overrides.verify` about it — exactly when the host's operator table
// (host/bot/operators.cc) has a policy for it. Both come from core/bot/data/verifiable.txt; this
// test fails if either side stops reading it or reads it differently.
#include <gtest/gtest.h>

#include <set>
#include <string_view>

#include "bot/operators.h"
#include "core/bot/tables.h"
#include "warden/bot_verifier.h"

namespace warden {
namespace {

TEST(BotVerifiableIdsTest, ModuleCatalogMarksExactlyTheHostOperatorTable) {
  const core::bot::Tables& tables = core::bot::BotTables();
  std::set<std::string_view> module_ids;
  for (const core::bot::BotId& id : tables.ids) {
    module_ids.insert(id.name);
    EXPECT_EQ(id.verifiable, FindBotOperatorPolicy(id.name) != nullptr)
        << id.name << (id.verifiable ? " is verifiable in the module but not in the host table"
                                     : " is in the host table but not verifiable in the module");
  }
  // Every ID the host can verify is one the module detects (so it can be asked about).
  const std::vector<std::string_view> host_ids = internal::BotOperatorTableIdsForTest();
  EXPECT_EQ(host_ids.size(), 43u);
  for (std::string_view id : host_ids) {
    EXPECT_TRUE(module_ids.count(id)) << id << " is in the host table but no pattern detects it";
  }
}

}  // namespace
}  // namespace warden
