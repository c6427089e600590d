// The bot catalog: which user agents name which well-known bot, and its categories.
//
// IDs and category names are those published in @arcjet/protocol's well-known-bots, so a
// config written for Arcjet means the same here. The IDs, their categories and the patterns
// are compiled at build time from crawler-user-agents and core/bot/data/overlay.json by
// tools/botc (docs/bot-detection.md); the Category bits below are the compiler's contract.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/bot/tables.h"

namespace warden::core::bot {

// Bit per category of @arcjet/protocol ("CATEGORY:" + name).
enum Category : uint32_t {
  kAcademic = 1u << 0,
  kAdvertising = 1u << 1,
  kAi = 1u << 2,
  kAmazon = 1u << 3,
  kApple = 1u << 4,
  kArchive = 1u << 5,
  kBotnet = 1u << 6,
  kFeedFetcher = 1u << 7,
  kGoogle = 1u << 8,
  kMeta = 1u << 9,
  kMicrosoft = 1u << 10,
  kMonitor = 1u << 11,
  kOptimizer = 1u << 12,
  kPreview = 1u << 13,
  kProgrammatic = 1u << 14,
  kSearchEngine = 1u << 15,
  kSlack = 1u << 16,
  kSocial = 1u << 17,
  kTool = 1u << 18,
  kUnknown = 1u << 19,
  kVercel = 1u << 20,
  kWebhook = 1u << 21,
  kYahoo = 1u << 22,
};

// Every bot ID the compiled tables know (BotTables().ids), sorted by name.
std::span<const BotId> Catalog();

// The bots a User-Agent identifies (matcher.h, ClassifyIds over BotTables()): sorted by ID,
// deduped; empty when it is not a recognised bot.
std::vector<const BotId*> Classify(std::string_view user_agent);

// The category bit for a full category name such as "CATEGORY:AI", or 0 if unknown.
uint32_t CategoryFromName(std::string_view name);

// The full names ("CATEGORY:...") of the Category bits set in `bits`, sorted by name (bit
// order is name order), each once; unknown bits are ignored. Views of static storage.
std::vector<std::string_view> CategoryNames(uint32_t bits);

// The number of names CategoryNames(bits) returns.
size_t CategoryCount(uint32_t bits);

// Writes CategoryNames(bits) to out[0, CategoryCount(bits)) without allocating.
void WriteCategoryNames(uint32_t bits, std::string_view* out);

}  // namespace warden::core::bot
