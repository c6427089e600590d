// The bot catalog: which user agents name which well-known bot, and its categories.
//
// IDs and category names are those published in @arcjet/protocol's well-known-bots, so a
// config written for Arcjet means the same here. This slice knows a handful of bots
// (catalog.cc); the bot-detection issue replaces the hand-written table with one compiled from
// crawler-user-agents at build time — keep the shape: a constexpr array scanned linearly.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

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

// Where a pattern must occur in the User-Agent. Matching ignores ASCII case.
enum class Anchor : uint8_t { kAnywhere, kStart };

struct Pattern {
  std::string_view text;
  Anchor anchor;
};

struct BotEntry {
  std::string_view id;       // e.g. "GOOGLE_CRAWLER"
  Pattern pattern;           // the user-agent token that identifies it
  uint32_t categories;       // Category bits
  bool verifiable;           // its operator publishes a way to verify it (rDNS, IP ranges)
};

// The catalog, most specific entries first (Googlebot-Image before Googlebot).
std::span<const BotEntry> Catalog();

// The first catalog entry whose pattern matches `user_agent`, or nullptr.
const BotEntry* Classify(std::string_view user_agent);

// The category bit for a full category name such as "CATEGORY:AI", or 0 if unknown.
uint32_t CategoryFromName(std::string_view name);

}  // namespace warden::core::bot
