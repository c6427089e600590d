// Inputs shared by the engine benchmarks: requests of several sizes and the configs of the
// detect-bot and validate-email cases.
//
// The "typical" request and the three cases mirror what bench/node/bench.mjs measures, so the
// driver (bench/run.mjs) can put the Node host and the wasm2c host side by side.
#pragma once

#include <string>
#include <vector>

#include "warden/engine.h"

namespace warden::bench {

// How much a fingerprinted request carries. kMinimal: IP and user agent only. kTypical: what a
// browser sends (about ten headers, a short cookie and query). kLarge: kTypical plus 64 extra
// headers and a few KiB of cookies and query arguments, to show the cost of lowering a big record.
enum class RequestSize { kMinimal, kTypical, kLarge };

// "Minimal" / "Typical" / "Large" — the <Case> part of the benchmark names.
const char* RequestSizeName(RequestSize size);

// Builds a request of the given size. The user agent is a desktop browser's.
wit::Request MakeRequest(RequestSize size);

// Bytes of strings a request carries (what the host copies into guest memory).
size_t RequestBytes(const wit::Request& request);

// The characteristics every fingerprint benchmark asks for.
std::vector<std::string> FingerprintCharacteristics();

// A request from curl (user agent "curl/8.5.0"), for detect-bot.
wit::Request MakeCurlRequest();

// deny ["CURL"].
wit::BotConfig DenyCurlConfig();

// allow-domain-literal false, require-top-level-domain true, deny [].
wit::EmailConfig PlainEmailConfig();

// "alice@example.com".
inline constexpr const char* kEmailCandidate = "alice@example.com";

}  // namespace warden::bench
