// detect-bot (see detect.h).
#include "core/bot/detect.h"

#include <optional>
#include <type_traits>

#include "core/bot/catalog.h"
#include "core/bot/matcher.h"
#include "core/common/ascii.h"
#include "core/common/bytes.h"

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

// Parses and validates `config` (ValidateConfig's rules) into *parsed. Returns the first bad
// entry, or nullopt.
std::optional<std::string_view> Parse(const BotConfig& config, ParsedConfig* parsed) {
  *parsed = ParsedConfig{0, config.entries};
  for (std::string_view entry : config.entries) {
    const uint32_t bit = CategoryFromName(entry);
    parsed->categories |= bit;
    if (bit == 0 && (entry.starts_with(kCategoryPrefix) || !LooksLikeId(entry))) return entry;
  }
  return std::nullopt;
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
BotVerdictView MissingUserAgentVerdict(const BotConfig& config, VerdictStorage& storage) {
  BotVerdictView verdict;
  verdict.missing_user_agent = true;
  bool allowed = false;
  if (config.mode == ListMode::kAllow) {
    for (std::string_view entry : config.entries) allowed |= entry == kMissingUserAgent;
  }
  std::string_view* out = storage.Allocate(1);
  *out = kMissingUserAgent;
  (allowed ? verdict.allowed : verdict.denied) = std::span<const std::string_view>(out, 1);
  return verdict;
}

// At most one question to the host: the first verifiable ID (by name). Sets the verdict's
// verified or spoofed flag from the answer.
void AskVerifier(const Tables& tables, std::span<const uint16_t> ids, std::string_view ip,
                 BotVerifier& verifier, BotVerdictView* verdict) {
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

// EqualsIgnoreCase(name, "user-agent") as two word compares (each load of the name is a
// bounds check in the wasm2c build): its bytes [0, 8) and [2, 10), lower-cased.
bool IsUserAgentName(std::string_view name) {
  constexpr std::string_view kName = "user-agent";
  static_assert(kName.size() == 10);
  if (name.size() != kName.size()) return false;
  return AsciiToLowerWord(LoadLittleEndian64(name.data())) == LittleEndianWord(kName) &&
         AsciiToLowerWord(LoadLittleEndian64(name.data() + 2)) ==
             LittleEndianWord(kName.substr(2));
}

// ClassifyIdsInto, called through a pointer the compiler cannot see through. The wasm2c build
// compiles the whole module as one C file in which every function is static, so a function
// with one caller is inlined into it whatever its size; the matcher's scan loop then runs
// inside Detect's larger body, measurably slower (~7 % on an 8 KiB UA) than in a function of
// its own. A volatile pointer keeps the call out of line (one indirect call per Detect).
void (*volatile const g_classify)(const Tables&, std::string_view,
                                  ClassifiedIds*) = &ClassifyIdsInto;

}  // namespace

Error BadConfigEntry(std::string_view entry) {
  std::string message = "bot config: unknown bot ID or category '";
  message.append(entry);
  message.append("'");
  return InvalidInput(std::move(message));
}

ErrorOr<bool> ValidateConfig(const BotConfig& config) {
  ParsedConfig parsed;
  if (const std::optional<std::string_view> bad = Parse(config, &parsed)) {
    return BadConfigEntry(*bad);
  }
  return true;
}

bool IsMissingUserAgent(std::string_view user_agent) {
  for (char c : user_agent) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

static_assert(std::is_trivially_destructible_v<DetectOutcome>);  // no variant to destroy

DetectOutcome DetectInto(std::span<const Field> headers, std::string_view ip,
                         const BotConfig& config, BotVerifier& verifier, VerdictStorage& storage) {
  ParsedConfig parsed;
  if (const std::optional<std::string_view> bad = Parse(config, &parsed)) {
    return DetectOutcome{{}, bad};
  }
  std::string scratch;  // only used when the request repeats the header
  std::string_view user_agent;
  if (!FindHeaderIf(headers, IsUserAgentName, &scratch, &user_agent) ||
      IsMissingUserAgent(user_agent)) {
    return DetectOutcome{MissingUserAgentVerdict(config, storage), std::nullopt};
  }
  DetectOutcome outcome;
  BotVerdictView& verdict = outcome.verdict;
  const Tables& tables = BotTables();
  ClassifiedIds bots;
  g_classify(tables, user_agent, &bots);
  const std::span<const uint16_t> ids = bots.ids();
  if (ids.empty()) return outcome;
  AskVerifier(tables, ids, ip, verifier, &verdict);
  const auto deny = [&](const BotId& bot) {
    const bool listed = Listed(parsed, bot);
    // A request caught lying about its identity gets no pass for any of its IDs.
    return verdict.spoofed || (config.mode == ListMode::kAllow ? !listed : listed);
  };
  // One pass over the IDs: room for all of them in either list and for every category name (a
  // few unused views of the storage cost less than a counting pass).
  const size_t n = ids.size();
  std::string_view* const out = storage.Allocate(2 * n + CategoryCount(~uint32_t{0}));
  std::string_view* allowed_end = out;
  std::string_view* const denied = out + n;
  std::string_view* denied_end = denied;
  uint32_t categories = 0;
  for (uint16_t id : ids) {
    const BotId& bot = tables.ids[id];
    *(deny(bot) ? denied_end++ : allowed_end++) = bot.name;
    categories |= bot.categories;
  }
  std::string_view* const names = out + 2 * n;
  WriteCategoryNames(categories, names);
  verdict.allowed = std::span<const std::string_view>(out, allowed_end);
  verdict.denied = std::span<const std::string_view>(denied, denied_end);
  verdict.categories = std::span<const std::string_view>(names, CategoryCount(categories));
  return outcome;
}

ErrorOr<BotVerdict> Detect(const HttpRequest& request, const BotConfig& config,
                           BotVerifier& verifier) {
  class VectorStorage final : public VerdictStorage {
   public:
    std::string_view* Allocate(size_t count) override {
      views_.resize(count);
      return views_.data();
    }

   private:
    std::vector<std::string_view> views_;
  } storage;
  const DetectOutcome outcome =
      DetectInto(request.headers, request.ip, config, verifier, storage);
  if (outcome.bad_entry.has_value()) return BadConfigEntry(*outcome.bad_entry);
  const BotVerdictView& v = outcome.verdict;
  BotVerdict verdict;
  verdict.allowed.assign(v.allowed.begin(), v.allowed.end());
  verdict.denied.assign(v.denied.begin(), v.denied.end());
  verdict.categories.assign(v.categories.begin(), v.categories.end());
  verdict.verified = v.verified;
  verdict.spoofed = v.spoofed;
  verdict.missing_user_agent = v.missing_user_agent;
  return verdict;
}

}  // namespace warden::core::bot
