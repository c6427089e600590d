// libFuzzer target for the eval protocol's line parser and JSON mapping (tools/eval/eval_json.h),
// which read untrusted input. Checks, besides "no crash, no sanitizer report":
//   - a line that maps to an input maps back (ToJson, Dump, ParseLine, FromJson) to the same
//     input, so what the CLI hands the engine is what the line said;
//   - canonical output always parses again.
// Built with -DWARDEN_BUILD_FUZZERS=ON; run e.g.
//   build/fuzz/test/eval/eval_json_fuzz test/eval/fuzz_corpus -runs=200000
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "eval_json.h"

namespace {

using namespace warden::eval;  // NOLINT: a fuzz target, not a header

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

template <class Input, class FromJson, class ToJson>
void RoundTrip(const Json& json, FromJson from_json, ToJson to_json) {
  warden::Result<Input> input = from_json(json);
  if (!input.ok()) {
    Check(!input.status().message().empty());
    Check(ParseLine(ErrorOutput(input.status().message())).ok());
    return;
  }
  warden::Result<Json> again = ParseLine(Dump(to_json(*input)));
  Check(again.ok());
  warden::Result<Input> back = from_json(*again);
  Check(back.ok());
  Check(Dump(to_json(*back)) == Dump(to_json(*input)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  if (IsBlankLine(line)) return 0;
  warden::Result<Json> json = ParseLine(line);
  if (!json.ok()) return 0;
  Check(ParseLine(Dump(*json)).ok());
  RoundTrip<FingerprintInput>(*json, FingerprintInputFromJson, FingerprintInputToJson);
  RoundTrip<BotInput>(*json, BotInputFromJson, BotInputToJson);
  RoundTrip<EmailInput>(*json, EmailInputFromJson, EmailInputToJson);
  return 0;
}
