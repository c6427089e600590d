// The JSON forms of the analyzer's inputs and outputs, as the `warden eval` protocol writes them.
//
// docs/eval.md is the contract: the input shapes, the order in which fields are checked, the
// error texts and the canonical (JSON.stringify-compatible) output. The Node mirror
// bindings/node/bin/warden-eval.mjs follows the same page, and the two must print
// byte-identical lines. Nothing here calls an engine; tests and benchmarks reuse it freely.
// All functions are pure and thread-safe; none throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval_overrides.h"
#include "warden/analyze/analyzer_types.h"
#include "warden/result.h"

namespace warden::eval {

namespace wit = ::warden::analyze::types;
using Json = nlohmann::ordered_json;

// The analyzer exports `warden eval` can call.
enum class Function { kGenerateFingerprint, kDetectBot, kValidateEmail };

// Parses "generate-fingerprint" / "detect-bot" / "validate-email"; kInvalidArgument otherwise.
Result<Function> ParseFunction(std::string_view name);
// The protocol name of `function`, e.g. "detect-bot".
std::string_view FunctionName(Function function);

// The email type names of the protocol ("INVALID", "DISPOSABLE", "FREE", "NO_MX_RECORDS",
// "NO_GRAVATAR"). ParseEmailType is exact and case-sensitive; kInvalidArgument otherwise.
std::string_view EmailTypeName(wit::EmailType type);
Result<wit::EmailType> ParseEmailType(std::string_view name);

// One parsed input line per function.
struct FingerprintInput {
  wit::Request request;
  std::vector<std::string> characteristics;
};
// `overrides` is set when the line has an "overrides" member (docs/eval.md, "Overrides"); the
// output then also lists the import calls made.
struct BotInput {
  wit::Request request;
  wit::BotConfig config;
  std::optional<Overrides> overrides;
};
struct EmailInput {
  std::string email;
  wit::EmailConfig config;
  std::optional<Overrides> overrides;
};

// True when `line` holds nothing but spaces, tabs and '\r' (such lines are skipped).
bool IsBlankLine(std::string_view line);

// Parses one input line. kInvalidArgument when it is not valid JSON by the protocol's rules
// (invalid UTF-8, a leading byte-order mark, RFC 8259 violations, unpaired surrogate escapes,
// numbers beyond the range of a double).
Result<Json> ParseLine(std::string_view line);

// Converts a parsed line into the function's inputs. On a wrong shape returns
// kInvalidArgument whose message is "<path> <problem>", e.g. "request.ip must be a string",
// for the first failing check in the order docs/eval.md gives.
Result<FingerprintInput> FingerprintInputFromJson(const Json& json);
Result<BotInput> BotInputFromJson(const Json& json);
Result<EmailInput> EmailInputFromJson(const Json& json);

// Converts `json` (the value at `path`) into a request; same error convention as above.
Result<wit::Request> RequestFromJson(const Json& json, std::string_view path);

// The inverse mappings, for writing input lines (tests, benchmarks). A body is written as a
// string; it must hold UTF-8 for the line to round-trip.
Json RequestToJson(const wit::Request& request);
Json FingerprintInputToJson(const FingerprintInput& input);
Json BotInputToJson(const BotInput& input);
Json EmailInputToJson(const EmailInput& input);

// Output lines, without the trailing '\n'. With `calls`, a successful result also gets a last
// member "calls" listing them (ImportCallsToJson); an error line never does.
std::string FingerprintOutput(const witgen::Expected<std::string, wit::AnalysisError>& result);
std::string BotOutput(const witgen::Expected<wit::BotResult, wit::AnalysisError>& result,
                      const ImportCalls* calls = nullptr);
std::string EmailOutput(const witgen::Expected<wit::EmailResult, wit::AnalysisError>& result,
                        const ImportCalls* calls = nullptr);
// {"error":"<text>"}.
std::string ErrorOutput(std::string_view text);

// "missing characteristic: <c>", "invalid input: <m>" or "internal: <m>".
std::string AnalysisErrorText(const wit::AnalysisError& error);

// Compact JSON exactly as JavaScript's JSON.stringify prints it (bytes that are not UTF-8 are
// replaced by U+FFFD rather than thrown on).
std::string Dump(const Json& json);

}  // namespace warden::eval
