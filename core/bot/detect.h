// warden::core::bot::Detect — the detect-bot analysis (first slice).
//
// Classifies the request's User-Agent against the catalog (catalog.h) and applies an allow or
// deny list of bot IDs and "CATEGORY:..." names. Verification of a detected bot whose operator
// supports it is asked of the host through BotVerifier. See docs/bot-detection.md.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/common/http.h"

namespace warden::core::bot {

enum class Verification : unsigned char { kVerified, kSpoofed, kUnverifiable };

// The host's answer to "is this request really from bot `id`?". Implementations may block
// (DNS); the core calls Verify at most once per Detect call.
class BotVerifier {
 public:
  virtual ~BotVerifier() = default;
  virtual Verification Verify(std::string_view id, std::string_view ip) = 0;
};

enum class ListMode : unsigned char { kAllow, kDeny };

// The rule: `entries` are bot IDs (e.g. "CURL") and/or category names ("CATEGORY:TOOL").
// With kAllow every detected bot not listed is denied (an empty list denies every bot); with
// kDeny only listed bots are denied.
struct BotConfig {
  ListMode mode;
  std::span<const std::string_view> entries;
};

struct BotVerdict {
  std::vector<std::string_view> allowed;  // detected IDs allowed (static storage)
  std::vector<std::string_view> denied;   // detected IDs denied (static storage)
  bool verified = false;                  // the host verified the detected bot
  bool spoofed = false;                   // the host says the request only claims to be it

  bool operator==(const BotVerdict&) const = default;
};

// Validates `config`: every entry must be a known "CATEGORY:<NAME>" or look like an ID
// ([A-Z0-9_]+). Returns kInvalidInput naming the first bad entry.
ErrorOr<bool> ValidateConfig(const BotConfig& config);

// Runs detect-bot. Errors: kInvalidInput for a bad config, and for a request without a
// non-empty User-Agent header (this slice does not guess about such requests). A spoofed bot
// is denied even when the config allows it. Not a bot: both lists empty.
ErrorOr<BotVerdict> Detect(const HttpRequest& request, const BotConfig& config,
                           BotVerifier& verifier);

}  // namespace warden::core::bot
