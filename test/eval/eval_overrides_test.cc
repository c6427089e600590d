// Tests of the eval protocol's per-line import overrides (tools/eval/eval_overrides.h): the
// JSON shape and its errors, the thread-local binding behind OverrideImports(), and the runner
// printing "calls" (over a fake engine that calls the imports as the module would).
#include "eval_overrides.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "eval_json.h"
#include "eval_runner.h"

namespace warden::eval {
namespace {

Json Parse(std::string_view line) {
  Result<Json> json = ParseLine(line);
  EXPECT_TRUE(json.ok()) << line;
  return json.ok() ? *json : Json();
}

std::string EmailError(std::string_view overrides) {
  Result<Overrides> parsed = EmailOverridesFromJson(Parse(overrides));
  return parsed.ok() ? "ok" : parsed.status().message();
}

std::string BotError(std::string_view overrides) {
  Result<Overrides> parsed = BotOverridesFromJson(Parse(overrides));
  return parsed.ok() ? "ok" : parsed.status().message();
}

TEST(EvalOverridesTest, ShapeErrors) {
  EXPECT_EQ(EmailError("[]"), "overrides must be an object");
  EXPECT_EQ(EmailError("{}"), "ok");
  EXPECT_EQ(EmailError(R"({"isFree":[]})"), "overrides.isFree must be an object");
  EXPECT_EQ(EmailError(R"({"isFree":{"a":"yes"},"hasMxRecords":{"b":null}})"),
            R"(overrides.hasMxRecords["b"] must be "yes", "no" or "unknown")");
  EXPECT_EQ(EmailError(R"({"hasGravatar":1,"isDisposable":{"x":"Yes"}})"),
            R"(overrides.isDisposable["x"] must be "yes", "no" or "unknown")");
  EXPECT_EQ(EmailError(R"({"verify":1,"free":2})"), "ok");
  EXPECT_EQ(BotError("null"), "overrides must be an object");
  EXPECT_EQ(BotError(R"({"isFree":1})"), "ok");
  EXPECT_EQ(BotError(R"({"verify":"x"})"), "overrides.verify must be an object");
  EXPECT_EQ(BotError(R"({"verify":{"A\"B":[]}})"), R"(overrides.verify["A\"B"] must be an object)");
  EXPECT_EQ(BotError(R"({"verify":{"G":{"1.2.3.4":"yes"}}})"),
            R"(overrides.verify["G"]["1.2.3.4"] must be "verified", "spoofed" or "unverifiable")");
}

TEST(EvalOverridesTest, RoundTripAndLastValueWins) {
  Result<Overrides> email = EmailOverridesFromJson(
      Parse(R"({"isFree":{"b":"no","a":"yes","b":"unknown"},"hasGravatar":{"x@y.z":"no"}})"));
  ASSERT_TRUE(email.ok());
  EXPECT_EQ(email->is_free.at("b"), wit::Answer::kUnknown);
  EXPECT_EQ(Dump(EmailOverridesToJson(*email)),
            R"({"isDisposable":{},"isFree":{"a":"yes","b":"unknown"},"hasMxRecords":{},)"
            R"("hasGravatar":{"x@y.z":"no"}})");
  Result<Overrides> bot =
      BotOverridesFromJson(Parse(R"({"verify":{"G":{"1":"spoofed"},"B":{"":"verified"}}})"));
  ASSERT_TRUE(bot.ok());
  EXPECT_EQ(Dump(BotOverridesToJson(*bot)),
            R"({"verify":{"B":{"":"verified"},"G":{"1":"spoofed"}}})");
}

TEST(EvalOverridesTest, ImportsAnswerFromTheBindingAndRecord) {
  const auto imports = OverrideImports();
  // Nothing bound: the defaults, nothing recorded.
  EXPECT_EQ(imports.email_overrides.is_free("a"), wit::Answer::kUnknown);
  EXPECT_EQ(imports.bot_overrides.verify("G", "1"), wit::Verification::kUnverifiable);
  imports.logger.log(analyze::logger::Level::kInfo, "dropped");

  Overrides overrides;
  overrides.is_free["a"] = wit::Answer::kYes;
  overrides.has_mx_records["a"] = wit::Answer::kNo;
  overrides.verify["G"]["1"] = wit::Verification::kSpoofed;
  ImportCalls calls;
  {
    ScopedOverrides bound(&overrides, &calls);
    EXPECT_EQ(imports.email_overrides.is_free("a"), wit::Answer::kYes);
    EXPECT_EQ(imports.email_overrides.is_free("A"), wit::Answer::kUnknown);
    EXPECT_EQ(imports.email_overrides.is_disposable("a"), wit::Answer::kUnknown);
    EXPECT_EQ(imports.email_overrides.has_mx_records("a"), wit::Answer::kNo);
    EXPECT_EQ(imports.email_overrides.has_gravatar("a"), wit::Answer::kUnknown);
    EXPECT_EQ(imports.bot_overrides.verify("G", "1"), wit::Verification::kSpoofed);
    EXPECT_EQ(imports.bot_overrides.verify("G", "2"), wit::Verification::kUnverifiable);
    imports.logger.log(analyze::logger::Level::kWarn, "w");
    {
      ScopedOverrides inner(nullptr, nullptr);
      EXPECT_EQ(imports.email_overrides.is_free("a"), wit::Answer::kUnknown);
    }
    EXPECT_EQ(imports.email_overrides.is_free("a"), wit::Answer::kYes);
  }
  EXPECT_EQ(imports.email_overrides.is_free("a"), wit::Answer::kUnknown);
  EXPECT_EQ(Dump(ImportCallsToJson(calls)),
            R"([["is-free","a"],["is-free","A"],["is-disposable","a"],["has-mx-records","a"],)"
            R"(["has-gravatar","a"],["verify","G","1"],["verify","G","2"],["log","warn","w"],)"
            R"(["is-free","a"]])");
}

TEST(EvalOverridesTest, BindingsArePerThread) {
  const auto imports = OverrideImports();
  Overrides yes;
  yes.is_free["a"] = wit::Answer::kYes;
  Overrides no;
  no.is_free["a"] = wit::Answer::kNo;
  auto run = [&](const Overrides* overrides, wit::Answer* last, ImportCalls* calls) {
    ScopedOverrides bound(overrides, calls);
    for (int i = 0; i < 1000; ++i) *last = imports.email_overrides.is_free("a");
  };
  wit::Answer a = wit::Answer::kUnknown;
  wit::Answer b = wit::Answer::kUnknown;
  ImportCalls calls_a;
  ImportCalls calls_b;
  std::thread first(run, &yes, &a, &calls_a);
  std::thread second(run, &no, &b, &calls_b);
  first.join();
  second.join();
  EXPECT_EQ(a, wit::Answer::kYes);
  EXPECT_EQ(b, wit::Answer::kNo);
  EXPECT_EQ(calls_a.size(), 1000u);
  EXPECT_EQ(calls_b.size(), 1000u);
}

// Calls the imports as the module does: free check for email, verify for bots.
class ImportingEngine : public Engine {
 public:
  Result<witgen::Expected<std::string, wit::AnalysisError>> GenerateFingerprint(
      const wit::Request&, const std::vector<std::string>&) override {
    return witgen::Expected<std::string, wit::AnalysisError>::Ok("fp::2::x");
  }
  Result<witgen::Expected<wit::BotResult, wit::AnalysisError>> DetectBot(
      const wit::Request& request, const wit::BotConfig&) override {
    if (request.ip.empty()) {
      return witgen::Expected<wit::BotResult, wit::AnalysisError>::Err(
          {wit::AnalysisError::InvalidInput{"no ip"}});
    }
    const bool spoofed =
        imports_.bot_overrides.verify("G", request.ip) == wit::Verification::kSpoofed;
    return witgen::Expected<wit::BotResult, wit::AnalysisError>::Ok(
        {{}, {"G"}, {"CATEGORY:GOOGLE"}, false, spoofed, false});
  }
  Result<witgen::Expected<wit::EmailResult, wit::AnalysisError>> ValidateEmail(
      const std::string& candidate, const wit::EmailConfig&) override {
    std::vector<wit::EmailType> blocked;
    if (imports_.email_overrides.is_free(candidate) == wit::Answer::kYes) {
      blocked.push_back(wit::EmailType::kFree);
    }
    return witgen::Expected<wit::EmailResult, wit::AnalysisError>::Ok(
        {wit::EmailValidity::kValid, std::nullopt, blocked});
  }
  EngineKind kind() const override { return EngineKind::kNative; }
  EngineStats stats() const override { return {}; }

 private:
  analyze::analyzer::Imports imports_ = OverrideImports();
};

TEST(EvalOverridesTest, RunnerBindsOverridesAndPrintsCalls) {
  ImportingEngine engine;
  EXPECT_EQ(EvalLine(engine, Function::kValidateEmail,
                     R"({"email":"d","config":{"deny":[]},"overrides":{"isFree":{"d":"yes"}}})"),
            R"({"validity":"valid","blocked":["FREE"],"calls":[["is-free","d"]]})");
  // Without overrides: the defaults, and no "calls".
  EXPECT_EQ(EvalLine(engine, Function::kValidateEmail, R"({"email":"d","config":{"deny":[]}})"),
            R"({"validity":"valid","blocked":[]})");
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot,
                     R"({"request":{"ip":"1"},"config":{"deny":[]},"overrides":{}})"),
            R"({"allowed":[],"denied":["G"],"categories":["CATEGORY:GOOGLE"],"verified":false,)"
            R"("spoofed":false,"missingUserAgent":false,"calls":[["verify","G","1"]]})");
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot,
                     R"({"request":{"ip":"1"},"config":{"deny":[]},)"
                     R"("overrides":{"verify":{"G":{"1":"spoofed"}}}})"),
            R"({"allowed":[],"denied":["G"],"categories":["CATEGORY:GOOGLE"],"verified":false,)"
            R"("spoofed":true,"missingUserAgent":false,"calls":[["verify","G","1"]]})");
  // Analysis errors carry no calls; fingerprint lines ignore overrides.
  EXPECT_EQ(EvalLine(engine, Function::kDetectBot, R"({"config":{"deny":[]},"overrides":{}})"),
            R"({"error":"invalid input: no ip"})");
  EXPECT_EQ(EvalLine(engine, Function::kGenerateFingerprint, R"({"overrides":5})"),
            R"({"fingerprint":"fp::2::x"})");
  EXPECT_EQ(EvalLine(engine, Function::kValidateEmail,
                     R"({"email":"d","config":{"deny":[]},"overrides":{"isFree":{"d":1}}})"),
            R"({"error":"invalid request: overrides.isFree[\"d\"] must be )"
            R"(\"yes\", \"no\" or \"unknown\""})");
}

}  // namespace
}  // namespace warden::eval
