// warden::core::bot::Detect — the detect-bot analysis.
//
// Classifies the request's User-Agent against the catalog (catalog.h) and applies an allow or
// deny list of bot IDs and "CATEGORY:..." names. Verification of a detected bot whose operator
// supports it is asked of the host through BotVerifier. A missing User-Agent is a typed
// outcome of the verdict, not an error. See docs/bot-detection.md.
#pragma once

#include <optional>
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

// The reserved entry a request without a usable User-Agent gets in `denied` (or, when an allow
// list names it, in `allowed`). Not a bot ID: nothing classifies to it and it has no category.
inline constexpr std::string_view kMissingUserAgent = "MISSING_USER_AGENT";

struct BotVerdict {
  std::vector<std::string_view> allowed;     // detected IDs allowed, sorted (static storage)
  std::vector<std::string_view> denied;      // detected IDs denied, sorted (static storage)
  std::vector<std::string_view> categories;  // "CATEGORY:..." of every detected ID, sorted, unique
  bool verified = false;                     // the host verified the detected bot
  bool spoofed = false;                      // the host says the request only claims to be it
  bool missing_user_agent = false;           // no User-Agent, or empty / only SP and HTAB

  bool operator==(const BotVerdict&) const = default;
};

// Validates `config`: every entry must be a known "CATEGORY:<NAME>" or look like an ID
// ([A-Z0-9_]+). Returns kInvalidInput naming the first bad entry.
ErrorOr<bool> ValidateConfig(const BotConfig& config);

// True when a User-Agent value (after repeated headers are joined) counts as missing: empty,
// or only spaces and horizontal tabs.
bool IsMissingUserAgent(std::string_view user_agent);

// Where DetectInto places a verdict's lists. Implementations hand out room for `count` views
// that stays valid as long as the caller uses the verdict; DetectInto asks at most once per
// call, only when some list is non-empty, and may leave part of the room unused.
class VerdictStorage {
 public:
  virtual std::string_view* Allocate(size_t count) = 0;

 protected:
  ~VerdictStorage() = default;
};

// BotVerdict with its lists in a VerdictStorage (same contents, same order).
struct BotVerdictView {
  std::span<const std::string_view> allowed;
  std::span<const std::string_view> denied;
  std::span<const std::string_view> categories;
  bool verified = false;
  bool spoofed = false;
  bool missing_user_agent = false;
};

// DetectInto's result (trivially destructible). A bad config is reported as its first bad
// entry; BadConfigEntry(entry) is the error Detect returns for it.
struct DetectOutcome {
  BotVerdictView verdict;                   // empty when bad_entry is set
  std::optional<std::string_view> bad_entry;
};
Error BadConfigEntry(std::string_view entry);

// Detect over the request's headers and IP alone (the only fields detect-bot reads), with the
// lists placed in `storage`: no heap allocation on the way for up to 32 detected IDs and a
// User-Agent header that occurs once. Same contract and results as Detect.
DetectOutcome DetectInto(std::span<const Field> headers, std::string_view ip,
                         const BotConfig& config, BotVerifier& verifier, VerdictStorage& storage);

// Runs detect-bot. The only error is kInvalidInput for a bad config (checked first). A
// request whose User-Agent is absent or IsMissingUserAgent is a verdict, not an error:
// missing_user_agent, nothing classified, the verifier not asked, and kMissingUserAgent denied
// in either mode unless an allow list names it exactly (then it is allowed). Otherwise the UA's
// bytes are classified whatever they are (non-ASCII, invalid UTF-8, any length); a spoofed bot
// is denied even when the config allows it. Not a bot: every list empty, every flag false.
ErrorOr<BotVerdict> Detect(const HttpRequest& request, const BotConfig& config,
                           BotVerifier& verifier);

}  // namespace warden::core::bot
