// Tests of the `warden eval` loop (tools/eval/eval_runner.h) over a scripted fake engine, so
// that every error path — analysis errors, engine failures — is exercised deterministically.
#include "eval_runner.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace warden::eval {
namespace {

// Answers from a script; records what it was asked.
class FakeEngine : public Engine {
 public:
  Result<witgen::Expected<std::string, wit::AnalysisError>> GenerateFingerprint(
      const wit::Request& request, const std::vector<std::string>& characteristics) override {
    ++calls_;
    last_request_ = request;
    last_characteristics_ = characteristics;
    if (fail_) return TrapError("out of bounds memory access");
    if (request.ip.empty()) {
      return witgen::Expected<std::string, wit::AnalysisError>::Err(
          {wit::AnalysisError::MissingCharacteristic{"ip.src"}});
    }
    return witgen::Expected<std::string, wit::AnalysisError>::Ok("fp::2::" + request.ip);
  }
  Result<witgen::Expected<wit::BotResult, wit::AnalysisError>> DetectBot(
      const wit::Request& request, const wit::BotConfig& config) override {
    ++calls_;
    if (fail_) return GuestAbiError("bad discriminant");
    return witgen::Expected<wit::BotResult, wit::AnalysisError>::Err(
        {wit::AnalysisError::InvalidInput{"bot config: unknown bot ID or category 'x'"}});
  }
  Result<witgen::Expected<wit::EmailResult, wit::AnalysisError>> ValidateEmail(
      const std::string& candidate, const wit::EmailConfig& config) override {
    ++calls_;
    last_email_config_ = config;
    if (fail_) return ResourceExhaustedError("guest ran out of memory");
    return witgen::Expected<wit::EmailResult, wit::AnalysisError>::Ok(
        {wit::EmailValidity::kValid, std::nullopt, {}});
  }
  EngineKind kind() const override { return EngineKind::kNative; }
  EngineStats stats() const override { return {}; }

  bool fail_ = false;
  int calls_ = 0;
  wit::Request last_request_;
  std::vector<std::string> last_characteristics_;
  wit::EmailConfig last_email_config_{};
};

TEST(EvalRunnerTest, AnswersAndAnalysisErrors) {
  FakeEngine engine;
  EXPECT_EQ(EvalLine(engine, Function::kGenerateFingerprint,
                     R"({"request":{"ip":"1.2.3.4","headers":{"A":"x"}},"characteristics":["a"]})"),
            R"({"fingerprint":"fp::2::1.2.3.4"})");
  EXPECT_EQ(engine.last_request_.headers.size(), 1u);
  EXPECT_EQ(engine.last_characteristics_, std::vector<std::string>{"a"});
  EXPECT_EQ(EvalLine(engine, Function::kGenerateFingerprint, "{}"),
            R"({"error":"missing characteristic: ip.src"})");
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot, R"({"config":{"deny":[]}})"),
            R"({"error":"invalid input: bot config: unknown bot ID or category 'x'"})");
  EXPECT_EQ(EvalLine(engine, Function::kValidateEmail,
                     R"({"email":"a@b.co","config":{"allowDomainLiteral":true,"deny":[]}})"),
            R"({"validity":"valid","blocked":[]})");
  EXPECT_TRUE(engine.last_email_config_.allow_domain_literal);
  EXPECT_TRUE(engine.last_email_config_.require_top_level_domain);
}

TEST(EvalRunnerTest, BadLinesNeverReachTheEngine) {
  FakeEngine engine;
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot, "{"), R"({"error":"malformed JSON"})");
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot, R"({"request":{}})"),
            R"({"error":"invalid request: config must be an object"})");
  EXPECT_EQ(engine.calls_, 0);
}

TEST(EvalRunnerTest, EngineFailuresAreErrorLines) {
  FakeEngine engine;
  engine.fail_ = true;
  EXPECT_EQ(EvalLine(engine, Function::kGenerateFingerprint, "{}"),
            R"({"error":"engine: trap: out of bounds memory access"})");
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot, R"({"config":{"allow":[]}})"),
            R"({"error":"engine: guest-abi-violation: bad discriminant"})");
  EXPECT_EQ(EvalLine(engine, Function::kValidateEmail, R"({"config":{"allow":[]}})"),
            R"({"error":"engine: resource-exhausted: guest ran out of memory"})");
}

TEST(EvalRunnerTest, LoopSkipsBlankLinesAndAnswersEveryOther) {
  FakeEngine engine;
  std::istringstream in("\n \t\r\n{\"request\":{\"ip\":\"a\"}}\r\n{\n\n{\"request\":{\"ip\":\"b\"}}");
  std::ostringstream out;
  EXPECT_EQ(RunEval(engine, Function::kGenerateFingerprint, in, out), 3u);
  EXPECT_EQ(out.str(),
            "{\"fingerprint\":\"fp::2::a\"}\n{\"error\":\"malformed JSON\"}\n"
            "{\"fingerprint\":\"fp::2::b\"}\n");
}

}  // namespace
}  // namespace warden::eval
