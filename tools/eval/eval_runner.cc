// The `warden eval` loop (eval_runner.h).
#include "eval_runner.h"

#include <optional>
#include <string>

namespace warden::eval {
namespace {

std::string EngineErrorOutput(const Status& status) {
  return ErrorOutput("engine: " + status.ToString());
}

std::string InvalidRequestOutput(const Status& status) {
  return ErrorOutput("invalid request: " + status.message());
}

// Runs `call` with `overrides` bound, when the line has them, recording the import calls they
// answer into `calls`.
template <typename Call>
auto CallWithOverrides(const std::optional<Overrides>& overrides, ImportCalls& calls, Call call) {
  ScopedOverrides bound(overrides ? &*overrides : nullptr, overrides ? &calls : nullptr);
  return call();
}

std::string EvalFingerprint(Engine& engine, const Json& json) {
  Result<FingerprintInput> input = FingerprintInputFromJson(json);
  if (!input.ok()) return InvalidRequestOutput(input.status());
  auto result = engine.GenerateFingerprint(input->request, input->characteristics);
  if (!result.ok()) return EngineErrorOutput(result.status());
  return FingerprintOutput(*result);
}

std::string EvalBot(Engine& engine, const Json& json) {
  Result<BotInput> input = BotInputFromJson(json);
  if (!input.ok()) return InvalidRequestOutput(input.status());
  ImportCalls calls;
  auto result = CallWithOverrides(input->overrides, calls,
                                  [&] { return engine.DetectBot(input->request, input->config); });
  if (!result.ok()) return EngineErrorOutput(result.status());
  return BotOutput(*result, input->overrides ? &calls : nullptr);
}

std::string EvalEmail(Engine& engine, const Json& json) {
  Result<EmailInput> input = EmailInputFromJson(json);
  if (!input.ok()) return InvalidRequestOutput(input.status());
  ImportCalls calls;
  auto result = CallWithOverrides(input->overrides, calls,
                                  [&] { return engine.ValidateEmail(input->email, input->config); });
  if (!result.ok()) return EngineErrorOutput(result.status());
  return EmailOutput(*result, input->overrides ? &calls : nullptr);
}

}  // namespace

std::string EvalLine(Engine& engine, Function function, std::string_view line) {
  Result<Json> json = ParseLine(line);
  if (!json.ok()) return ErrorOutput(json.status().message());
  switch (function) {
    case Function::kGenerateFingerprint:
      return EvalFingerprint(engine, *json);
    case Function::kDetectBot:
      return EvalBot(engine, *json);
    case Function::kValidateEmail:
      return EvalEmail(engine, *json);
  }
  return ErrorOutput("internal: unknown function");
}

uint64_t RunEval(Engine& engine, Function function, std::istream& in, std::ostream& out) {
  uint64_t answered = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (IsBlankLine(line)) continue;
    out << EvalLine(engine, function, line) << '\n';
    out.flush();
    ++answered;
  }
  return answered;
}

}  // namespace warden::eval
