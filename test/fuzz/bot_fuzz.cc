// Fuzz target: detect-bot over arbitrary User-Agents and config entries.
//
// Input: lines. The first is the User-Agent; the rest are config entries; the first byte's
// low bit picks allow or deny. Checks: no crash/UB; at most one ID detected; the verifier is
// only asked about a detected bot; an allowed bot is never reported spoofed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/bot/detect.h"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const Field header{"user-agent", warden::fuzz::TakeUntil(&input, '\n')};
  std::vector<std::string_view> entries;
  while (!input.empty() && entries.size() < 32) entries.push_back(warden::fuzz::TakeUntil(&input, '\n'));
  HttpRequest request;
  request.ip = "192.0.2.1";
  request.headers = std::span<const Field>(&header, 1);
  FlakyVerifier verifier(flags >> 1);
  const bot::BotConfig config{(flags & 1) ? bot::ListMode::kAllow : bot::ListMode::kDeny, entries};
  ErrorOr<bot::BotVerdict> verdict = bot::Detect(request, config, verifier);
  Check(verifier.calls <= 1);
  if (verdict.ok()) {
    const bot::BotVerdict& v = verdict.value();
    Check(v.allowed.size() + v.denied.size() <= 1);
    Check(verifier.calls == 0 || v.allowed.size() + v.denied.size() == 1);
    Check(!(v.spoofed && !v.allowed.empty()));
    Check(!(v.spoofed && v.verified));
  }
  return 0;
}
