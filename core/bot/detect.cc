// detect-bot (see detect.h).
#include "core/bot/detect.h"

#include "core/bot/catalog.h"
#include "core/common/ascii.h"

namespace warden::core::bot {
namespace {

constexpr std::string_view kCategoryPrefix = "CATEGORY:";
constexpr std::string_view kDerivedPrefix = "CUA:";

// [A-Z0-9_]+, optionally after "CUA:" (IDs derived from unmapped crawler-user-agents patterns).
bool LooksLikeId(std::string_view entry) {
  if (entry.starts_with(kDerivedPrefix)) entry.remove_prefix(kDerivedPrefix.size());
  if (entry.empty()) return false;
  for (char c : entry) {
    if (!((c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '_')) return false;
  }
  return true;
}

// True when `config` lists `bot` by ID or by one of its categories.
bool Listed(const BotConfig& config, const BotId& bot) {
  for (std::string_view entry : config.entries) {
    if (entry == bot.name) return true;
    if (entry.starts_with(kCategoryPrefix) && (CategoryFromName(entry) & bot.categories) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

ErrorOr<bool> ValidateConfig(const BotConfig& config) {
  for (std::string_view entry : config.entries) {
    const bool ok = entry.starts_with(kCategoryPrefix) ? CategoryFromName(entry) != 0
                                                       : LooksLikeId(entry);
    if (!ok) {
      std::string message = "bot config: unknown bot ID or category '";
      message.append(entry);
      message.append("'");
      return InvalidInput(std::move(message));
    }
  }
  return true;
}

ErrorOr<BotVerdict> Detect(const HttpRequest& request, const BotConfig& config,
                           BotVerifier& verifier) {
  if (ErrorOr<bool> valid = ValidateConfig(config); !valid.ok()) return std::move(valid.error());
  std::string scratch;
  std::string_view user_agent;
  if (!FindHeader(request.headers, "user-agent", &scratch, &user_agent) || user_agent.empty()) {
    return InvalidInput("missing User-Agent header");
  }
  BotVerdict verdict;
  const std::vector<const BotId*> bots = Classify(user_agent);
  if (bots.empty()) return verdict;
  // At most one question to the host: the first verifiable ID (by name).
  for (const BotId* bot : bots) {
    if (!bot->verifiable) continue;
    switch (verifier.Verify(bot->name, request.ip)) {
      case Verification::kVerified: verdict.verified = true; break;
      case Verification::kSpoofed: verdict.spoofed = true; break;
      case Verification::kUnverifiable: break;
    }
    break;
  }
  for (const BotId* bot : bots) {
    const bool listed = Listed(config, *bot);
    // A request caught lying about its identity gets no pass for any of its IDs.
    const bool deny = verdict.spoofed || (config.mode == ListMode::kAllow ? !listed : listed);
    (deny ? verdict.denied : verdict.allowed).push_back(bot->name);
  }
  return verdict;
}

}  // namespace warden::core::bot
