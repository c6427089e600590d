// Fuzz target: the bot matcher and detect-bot over arbitrary User-Agents and config entries.
//
// Input: lines. The first is the User-Agent (any bytes but '\n'); the rest are config entries;
// the first byte's low bit picks allow or deny. Checks: no crash/UB; MatchPatterns is ascending
// and in range, and equals the single-scan path (MatchPatternsForTesting), also for the UA
// repeated to 64 bytes or more so that short inputs cross the four-scan cuts; ClassifyIds
// (which confirms regex candidates lazily) equals the classification computed from every
// matching pattern; detect-bot reports exactly the classified IDs and their categories, asks
// the verifier at most once and only about a verifiable one, and never allows a spoofed bot; a
// blank User-Agent gets only the reserved MISSING_USER_AGENT entry.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/bot/catalog.h"
#include "core/bot/detect.h"
#include "core/bot/matcher.h"
#include "fuzz_util.h"

namespace {

using namespace warden::core;
using warden::fuzz::Check;

class FlakyVerifier final : public bot::BotVerifier {
 public:
  explicit FlakyVerifier(uint8_t seed) : seed_(seed) {}
  bot::Verification Verify(std::string_view, std::string_view) override {
    ++calls;
    return static_cast<bot::Verification>(seed_ % 3);
  }
  int calls = 0;

 private:
  uint8_t seed_;
};

// The classification rule (docs/bot-detection.md) applied to the full set of matching patterns.
std::vector<uint16_t> Reference(const bot::Tables& t, const std::vector<uint16_t>& patterns) {
  std::vector<uint16_t> named, generic;
  bool veto = false;
  for (uint16_t p : patterns) {
    Check(p < t.patterns.size());
    const bot::PatternInfo& info = t.patterns[p];
    std::vector<uint16_t>& into = info.kind == bot::PatternKind::kNamed ? named : generic;
    if (info.kind == bot::PatternKind::kVeto) veto = true;
    for (uint16_t i = 0; i < info.id_count; ++i) into.push_back(t.id_refs[info.first_id + i]);
  }
  std::vector<uint16_t> out = !named.empty() ? named : veto ? std::vector<uint16_t>{} : generic;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The four-scan path (UAs of 64 bytes or more) finds what one scan over the whole UA finds.
std::vector<uint16_t> CheckScansAgree(const bot::Tables& t, std::string_view ua) {
  std::vector<uint16_t> patterns = bot::MatchPatterns(t, ua);
  Check(patterns == bot::MatchPatternsForTesting(t, ua, /*single_scan=*/true));
  return patterns;
}

void CheckMatcher(std::string_view ua) {
  const bot::Tables& t = bot::BotTables();
  const std::vector<uint16_t> patterns = CheckScansAgree(t, ua);
  if (!ua.empty() && ua.size() < 64) {
    std::string repeated(ua);
    while (repeated.size() < 64) repeated += ua;
    CheckScansAgree(t, repeated);
  }
  Check(std::is_sorted(patterns.begin(), patterns.end()));
  Check(std::adjacent_find(patterns.begin(), patterns.end()) == patterns.end());
  const bot::Classification c = bot::ClassifyIds(t, ua);
  Check(c.ids == Reference(t, patterns));
  for (uint16_t id : c.ids) Check(id < t.ids.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const Field header{"user-agent", warden::fuzz::TakeUntil(&input, '\n')};
  CheckMatcher(header.value);
  std::vector<std::string_view> entries;
  while (!input.empty() && entries.size() < 32) entries.push_back(warden::fuzz::TakeUntil(&input, '\n'));
  HttpRequest request;
  request.ip = "192.0.2.1";
  request.headers = std::span<const Field>(&header, 1);
  FlakyVerifier verifier(flags >> 1);
  const bot::BotConfig config{(flags & 1) ? bot::ListMode::kAllow : bot::ListMode::kDeny, entries};
  ErrorOr<bot::BotVerdict> verdict = bot::Detect(request, config, verifier);
  Check(verifier.calls <= 1);
  if (verdict.ok() && verdict.value().missing_user_agent) {
    const bot::BotVerdict& v = verdict.value();
    Check(bot::IsMissingUserAgent(header.value) && verifier.calls == 0 && v.categories.empty());
    Check(v.allowed.size() + v.denied.size() == 1);
  } else if (verdict.ok()) {
    const bot::BotVerdict& v = verdict.value();
    Check(!bot::IsMissingUserAgent(header.value));
    const std::vector<const bot::BotId*> bots = bot::Classify(header.value);
    std::vector<std::string_view> reported(v.allowed.begin(), v.allowed.end());
    reported.insert(reported.end(), v.denied.begin(), v.denied.end());
    std::sort(reported.begin(), reported.end());
    std::vector<std::string_view> expected;
    bool verifiable = false;
    uint32_t categories = 0;
    for (const bot::BotId* bot : bots) {
      expected.push_back(bot->name);
      verifiable |= bot->verifiable;
      categories |= bot->categories;
    }
    Check(reported == expected);
    Check(v.categories == bot::CategoryNames(categories));
    Check(verifier.calls == (verifiable ? 1 : 0));
    Check(!(v.spoofed && !v.allowed.empty()));
    Check(!(v.spoofed && v.verified));
  }
  return 0;
}
