// detect-bot (see detect.h).
#include "core/bot/detect.h"

#include "core/bot/catalog.h"
#include "core/bot/matcher.h"
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

// A config parsed once per call: the union of its category bits, and its entries (IDs are
// compared by name; a "CATEGORY:" entry never equals a bot ID).
struct ParsedConfig {
  uint32_t categories = 0;
  std::span<const std::string_view> entries;
};

// Parses and validates `config` (ValidateConfig's rules): kInvalidInput naming the first bad
// entry.
ErrorOr<ParsedConfig> Parse(const BotConfig& config) {
  ParsedConfig parsed{0, config.entries};
  for (std::string_view entry : config.entries) {
    const uint32_t bit = CategoryFromName(entry);
    parsed.categories |= bit;
    if (bit == 0 && (entry.starts_with(kCategoryPrefix) || !LooksLikeId(entry))) {
      std::string message = "bot config: unknown bot ID or category '";
      message.append(entry);
      message.append("'");
      return InvalidInput(std::move(message));
    }
  }
  return parsed;
}

// True when the config lists `bot` by ID or by one of its categories.
bool Listed(const ParsedConfig& config, const BotId& bot) {
  if ((config.categories & bot.categories) != 0) return true;
  for (std::string_view entry : config.entries) {
    if (entry == bot.name) return true;
  }
  return false;
}

// The verdict for a request without a usable User-Agent: the reserved entry is denied in
// either mode, unless an allow list names it.
BotVerdict MissingUserAgentVerdict(const BotConfig& config) {
  BotVerdict verdict;
  verdict.missing_user_agent = true;
  bool allowed = false;
  if (config.mode == ListMode::kAllow) {
    for (std::string_view entry : config.entries) allowed |= entry == kMissingUserAgent;
  }
  (allowed ? verdict.allowed : verdict.denied).push_back(kMissingUserAgent);
  return verdict;
}

// At most one question to the host: the first verifiable ID (by name). Sets the verdict's
// verified or spoofed flag from the answer.
void AskVerifier(const Tables& tables, std::span<const uint16_t> ids, std::string_view ip,
                 BotVerifier& verifier, BotVerdict* verdict) {
  for (uint16_t id : ids) {
    const BotId& bot = tables.ids[id];
    if (!bot.verifiable) continue;
    switch (verifier.Verify(bot.name, ip)) {
      case Verification::kVerified: verdict->verified = true; break;
      case Verification::kSpoofed: verdict->spoofed = true; break;
      case Verification::kUnverifiable: break;
    }
    return;
  }
}

// ClassifyIds, called through a pointer the compiler cannot see through. The wasm2c build
// compiles the whole module as one C file in which every function is static, so a function
// with one caller is inlined into it whatever its size; the matcher's scan loop then runs
// inside Detect's larger body, measurably slower (~7 % on an 8 KiB UA) than in a function of
// its own. A volatile pointer keeps the call out of line (one indirect call per Detect).
Classification (*volatile const g_classify)(const Tables&, std::string_view) = &ClassifyIds;

}  // namespace

ErrorOr<bool> ValidateConfig(const BotConfig& config) {
  if (ErrorOr<ParsedConfig> parsed = Parse(config); !parsed.ok()) {
    return std::move(parsed.error());
  }
  return true;
}

bool IsMissingUserAgent(std::string_view user_agent) {
  for (char c : user_agent) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

ErrorOr<BotVerdict> Detect(const HttpRequest& request, const BotConfig& config,
                           BotVerifier& verifier) {
  ErrorOr<ParsedConfig> parsed = Parse(config);
  if (!parsed.ok()) return std::move(parsed.error());
  std::string scratch;  // only used when the request repeats the header
  std::string_view user_agent;
  if (!FindHeader(request.headers, "user-agent", &scratch, &user_agent) ||
      IsMissingUserAgent(user_agent)) {
    return MissingUserAgentVerdict(config);
  }
  BotVerdict verdict;
  const Tables& tables = BotTables();
  const Classification bots = g_classify(tables, user_agent);
  if (bots.ids.empty()) return verdict;
  AskVerifier(tables, bots.ids, request.ip, verifier, &verdict);
  // Count first (Listed is cheap) so that each list is allocated once, at its final size.
  const auto deny = [&](const BotId& bot) {
    const bool listed = Listed(parsed.value(), bot);
    // A request caught lying about its identity gets no pass for any of its IDs.
    return verdict.spoofed || (config.mode == ListMode::kAllow ? !listed : listed);
  };
  size_t denied = 0;
  uint32_t categories = 0;
  for (uint16_t id : bots.ids) {
    const BotId& bot = tables.ids[id];
    denied += deny(bot) ? 1 : 0;
    categories |= bot.categories;
  }
  verdict.denied.reserve(denied);
  verdict.allowed.reserve(bots.ids.size() - denied);
  for (uint16_t id : bots.ids) {
    const BotId& bot = tables.ids[id];
    (deny(bot) ? verdict.denied : verdict.allowed).push_back(bot.name);
  }
  verdict.categories = CategoryNames(categories);
  return verdict;
}

}  // namespace warden::core::bot
