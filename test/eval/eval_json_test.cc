// Tests of the eval protocol's JSON mapping (tools/eval/eval_json.h) against docs/eval.md.
#include "eval_json.h"

#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

namespace warden::eval {
namespace {

// The error text the CLI would print for `line` ("" when the line maps cleanly).
std::string ShapeErrorOf(Function function, const std::string& line) {
  Result<Json> json = ParseLine(line);
  if (!json.ok()) return json.status().message();
  Status status;
  switch (function) {
    case Function::kGenerateFingerprint:
      status = FingerprintInputFromJson(*json).status();
      break;
    case Function::kDetectBot:
      status = BotInputFromJson(*json).status();
      break;
    case Function::kValidateEmail:
      status = EmailInputFromJson(*json).status();
      break;
  }
  return status.message();
}

TEST(EvalJsonTest, FunctionNamesRoundTrip) {
  for (Function f : {Function::kGenerateFingerprint, Function::kDetectBot,
                     Function::kValidateEmail}) {
    Result<Function> parsed = ParseFunction(FunctionName(f));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, f);
  }
  EXPECT_FALSE(ParseFunction("fingerprint").ok());
}

TEST(EvalJsonTest, EmailTypeNamesAreExact) {
  EXPECT_EQ(*ParseEmailType("NO_MX_RECORDS"), wit::EmailType::kNoMxRecords);
  EXPECT_EQ(EmailTypeName(wit::EmailType::kNoGravatar), "NO_GRAVATAR");
  EXPECT_FALSE(ParseEmailType("free").ok());
  EXPECT_EQ(ParseEmailType("X\"").status().message(), "unknown email type \"X\\\"\"");
}

TEST(EvalJsonTest, BlankLines) {
  EXPECT_TRUE(IsBlankLine(""));
  EXPECT_TRUE(IsBlankLine(" \t\r"));
  EXPECT_FALSE(IsBlankLine(" {} "));
  EXPECT_FALSE(IsBlankLine("\f"));
}

TEST(EvalJsonTest, MalformedLines) {
  for (const std::string& line : {
           std::string("{"), std::string("{} {}"), std::string("{\"a\":1,}"),
           std::string("\xEF\xBB\xBF{}"),                       // byte-order mark
           std::string("{\"a\":\"\xff\"}"),                     // not UTF-8
           std::string("{\"a\":\"\xED\xA0\x80\"}"),             // UTF-8-encoded surrogate
           std::string("{\"a\":\"\\ud800\"}"),                  // unpaired surrogate escape
           std::string("{\"a\":\"\\udc00x\"}"), std::string("{\"a\":1e400}"),
           std::string("{\"a\":-1e999}"), std::string("// c\n{}"), std::string("{'a':1}"),
           std::string("{\"a\":\"\t\"}"),                       // raw control character
       }) {
    EXPECT_FALSE(ParseLine(line).ok()) << line;
  }
  EXPECT_TRUE(ParseLine(" {\"a\":\"\\ud83d\\ude00\",\"b\":1e-400}\r").ok());
  EXPECT_TRUE(ParseLine("[]").ok());
}

TEST(EvalJsonTest, ShapeErrorsNameThePathAndProblem) {
  const Function fp = Function::kGenerateFingerprint;
  const Function bot = Function::kDetectBot;
  const Function email = Function::kValidateEmail;
  const std::vector<std::tuple<Function, std::string, std::string>> cases = {
      {fp, "[]", "input must be an object"},
      {fp, "null", "input must be an object"},
      {fp, R"({"request":[]})", "request must be an object"},
      {fp, R"({"request":{"ip":null}})", "request.ip must be a string"},
      {fp, R"({"request":{"path":1,"ip":2}})", "request.ip must be a string"},
      {fp, R"({"request":{"headers":[]}})", "request.headers must be an object"},
      {fp, R"({"request":{"headers":{"a":"1","x\"y":2}}})",
       R"(request.headers["x\"y"] must be a string)"},
      {fp, R"({"request":{"body":false}})", "request.body must be a string"},
      {fp, R"({"request":{"extra":{"k":{}}}})", R"(request.extra["k"] must be a string)"},
      {fp, R"({"request":{"ip":1},"characteristics":{}})", "request.ip must be a string"},
      {fp, R"({"characteristics":"ip.src"})", "characteristics must be an array"},
      {fp, R"({"characteristics":["ip.src","x",3]})", "characteristics[2] must be a string"},
      {fp, R"({"request":{}})", ""},
      {fp, R"({})", ""},
      {bot, R"({"request":{}})", "config must be an object"},
      {bot, R"({"config":null})", "config must be an object"},
      {bot, R"({"request":{"host":[]},"config":{}})", "request.host must be a string"},
      {bot, R"({"config":{}})", "config must have exactly one of allow or deny"},
      {bot, R"({"config":{"allow":[],"deny":[]}})", "config must have exactly one of allow or deny"},
      {bot, R"({"config":{"allow":null}})", "config.allow must be an array"},
      {bot, R"({"config":{"deny":["CURL",1]}})", "config.deny[1] must be a string"},
      {bot, R"({"config":{"deny":[]},"other":1})", ""},
      {email, R"({"email":1,"config":{}})", "email must be a string"},
      {email, R"({"email":"a@b.c"})", "config must be an object"},
      {email, R"({"config":{"requireTopLevelDomain":"yes"}})",
       "config.requireTopLevelDomain must be a boolean"},
      {email, R"({"config":{"allowDomainLiteral":0,"deny":[]}})",
       "config.allowDomainLiteral must be a boolean"},
      {email, R"({"config":{"requireTopLevelDomain":true}})",
       "config must have exactly one of allow or deny"},
      {email, R"({"config":{"ignoreLengthLimits":null,"deny":1}})",
       "config.ignoreLengthLimits must be a boolean"},
      {email, R"({"config":{"allowedTopLevelDomains":"com"}})",
       "config.allowedTopLevelDomains must be an array"},
      {email, R"({"config":{"allowedTopLevelDomains":["com",1]}})",
       "config.allowedTopLevelDomains[1] must be a string"},
      {email, R"({"config":{"allow":"FREE"}})", "config.allow must be an array"},
      {email, R"({"config":{"deny":["FREE",7]}})", "config.deny[1] must be a string"},
      {email, R"({"config":{"deny":["FREE","free"]}})",
       R"(config.deny[1] unknown email type "free")"},
      {email, R"({"config":{"deny":[]}})", ""},
  };
  for (const auto& [function, line, expected] : cases) {
    EXPECT_EQ(ShapeErrorOf(function, line), expected) << line;
  }
}

TEST(EvalJsonTest, RequestDefaultsAndOrder) {
  Result<Json> json = ParseLine(
      R"({"request":{"headers":{"B":"2","a":"1","B":"3"},"extra":{"z":"","y":"é"}},"x":1})");
  ASSERT_TRUE(json.ok());
  Result<FingerprintInput> input = FingerprintInputFromJson(*json);
  ASSERT_TRUE(input.ok());
  const wit::Request& r = input->request;
  EXPECT_EQ(r.ip, "");
  EXPECT_EQ(r.cookies, "");
  EXPECT_FALSE(r.body.has_value());
  using Pairs = std::vector<std::tuple<std::string, std::string>>;
  EXPECT_EQ(r.headers, (Pairs{{"B", "3"}, {"a", "1"}}));  // first position, last value
  EXPECT_EQ(r.extra, (Pairs{{"z", ""}, {"y", "é"}}));
  EXPECT_TRUE(input->characteristics.empty());
}

TEST(EvalJsonTest, BodyIsUtf8Bytes) {
  Result<wit::Request> r = RequestFromJson(*ParseLine(R"({"body":"é"})"), "request");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, (std::vector<uint8_t>{0xC3, 0xA9}));
  r = RequestFromJson(*ParseLine(R"({"body":""})"), "request");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, std::vector<uint8_t>{});
}

TEST(EvalJsonTest, EmailConfigDefaultsAndRule) {
  Result<EmailInput> input = EmailInputFromJson(
      *ParseLine(R"({"email":"a@b.co","config":{"allow":["FREE","FREE","NO_GRAVATAR"]}})"));
  ASSERT_TRUE(input.ok());
  EXPECT_EQ(input->email, "a@b.co");
  EXPECT_TRUE(input->config.require_top_level_domain);
  EXPECT_FALSE(input->config.allow_domain_literal);
  const auto* allow = std::get_if<wit::EmailRule::Allow>(&input->config.rule.value);
  ASSERT_NE(allow, nullptr);
  EXPECT_EQ(allow->value, (std::vector<wit::EmailType>{wit::EmailType::kFree,
                                                       wit::EmailType::kFree,
                                                       wit::EmailType::kNoGravatar}));
}

TEST(EvalJsonTest, InputsRoundTripThroughJson) {
  BotInput bot;
  bot.request.ip = "1.2.3.4";
  bot.request.headers = {{"User-Agent", "curl/8"}, {"x", ""}};
  bot.request.body = std::vector<uint8_t>{'h', 'i'};
  bot.config.value = wit::BotConfig::Deny{{"CURL"}};
  Result<BotInput> back = BotInputFromJson(*ParseLine(Dump(BotInputToJson(bot))));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->request, bot.request);
  EXPECT_EQ(back->config, bot.config);

  EmailInput email;
  email.email = "x@[1.2.3.4]";
  email.config.require_top_level_domain = false;
  email.config.allow_domain_literal = true;
  email.config.rule.value = wit::EmailRule::Deny{{wit::EmailType::kDisposable}};
  EXPECT_EQ(Dump(EmailInputToJson(email)),
            R"({"email":"x@[1.2.3.4]","config":{"requireTopLevelDomain":false,)"
            R"("allowDomainLiteral":true,"deny":["DISPOSABLE"]}})");
  Result<EmailInput> email_back = EmailInputFromJson(*ParseLine(Dump(EmailInputToJson(email))));
  ASSERT_TRUE(email_back.ok());
  EXPECT_EQ(email_back->config, email.config);
}

TEST(EvalJsonTest, EmailOptionsRoundTripAndPrintOnlyWhenSet) {
  EmailInput email;
  email.email = "N <a@b.co>";
  email.config.require_top_level_domain = true;
  email.config.allow_display_name = true;
  email.config.require_ascii_local_part = true;
  email.config.allow_empty_local_part = true;
  email.config.allow_test_domain = true;
  email.config.ignore_length_limits = true;
  email.config.allowed_top_level_domains = {"co", "xn--lhr59c"};
  email.config.rule.value = wit::EmailRule::Deny{{}};
  EXPECT_EQ(Dump(EmailInputToJson(email)),
            R"({"email":"N <a@b.co>","config":{"requireTopLevelDomain":true,)"
            R"("allowDomainLiteral":false,"allowDisplayName":true,"requireAsciiLocalPart":true,)"
            R"("allowEmptyLocalPart":true,"allowTestDomain":true,"ignoreLengthLimits":true,)"
            R"("allowedTopLevelDomains":["co","xn--lhr59c"],"deny":[]}})");
  Result<EmailInput> back = EmailInputFromJson(*ParseLine(Dump(EmailInputToJson(email))));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->config, email.config);
  Result<EmailInput> defaults = EmailInputFromJson(*ParseLine(R"({"config":{"deny":[]}})"));
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->config.allow_display_name);
  EXPECT_FALSE(defaults->config.ignore_length_limits);
  EXPECT_TRUE(defaults->config.allowed_top_level_domains.empty());
}

TEST(EvalJsonTest, OutputsAreCanonical) {
  using FpResult = witgen::Expected<std::string, wit::AnalysisError>;
  EXPECT_EQ(FingerprintOutput(FpResult::Ok("fp::2::ab")), R"({"fingerprint":"fp::2::ab"})");
  EXPECT_EQ(FingerprintOutput(FpResult::Err({wit::AnalysisError::MissingCharacteristic{
                "http.request.headers[\"x\"]"}})),
            R"({"error":"missing characteristic: http.request.headers[\"x\"]"})");
  EXPECT_EQ(FingerprintOutput(FpResult::Err({wit::AnalysisError::InvalidInput{"bad"}})),
            R"({"error":"invalid input: bad"})");
  EXPECT_EQ(FingerprintOutput(FpResult::Err({wit::AnalysisError::Internal{"oom"}})),
            R"({"error":"internal: oom"})");

  using BotR = witgen::Expected<wit::BotResult, wit::AnalysisError>;
  EXPECT_EQ(BotOutput(BotR::Ok(
                wit::BotResult{{}, {"CURL"}, {"CATEGORY:TOOL"}, false, true, false})),
            R"({"allowed":[],"denied":["CURL"],"categories":["CATEGORY:TOOL"],"verified":false,)"
            R"("spoofed":true,"missingUserAgent":false})");
  EXPECT_EQ(BotOutput(BotR::Ok(wit::BotResult{{}, {"MISSING_USER_AGENT"}, {}, false, false, true})),
            R"({"allowed":[],"denied":["MISSING_USER_AGENT"],"categories":[],"verified":false,)"
            R"("spoofed":false,"missingUserAgent":true})");
  using EmailR = witgen::Expected<wit::EmailResult, wit::AnalysisError>;
  EXPECT_EQ(EmailOutput(EmailR::Ok(wit::EmailResult{
                wit::EmailValidity::kInvalid, wit::EmailInvalidReason::kLocalPartTooLong,
                {wit::EmailType::kInvalid, wit::EmailType::kFree}})),
            R"({"validity":"invalid","reason":"local-part-too-long","blocked":["INVALID","FREE"]})");
  EXPECT_EQ(EmailOutput(EmailR::Ok(wit::EmailResult{wit::EmailValidity::kInvalid,
                                                    wit::EmailInvalidReason::kEmpty, {}})),
            R"({"validity":"invalid","reason":"empty","blocked":[]})");
  EXPECT_EQ(EmailOutput(EmailR::Ok(wit::EmailResult{
                wit::EmailValidity::kInvalid, wit::EmailInvalidReason::kInvalidDomainLiteral, {}})),
            R"({"validity":"invalid","reason":"invalid-domain-literal","blocked":[]})");
  EXPECT_EQ(EmailOutput(EmailR::Ok(wit::EmailResult{wit::EmailValidity::kValid, {}, {}})),
            R"({"validity":"valid","blocked":[]})");
}

TEST(EvalJsonTest, EscapingMatchesJsonStringify) {
  // The expected texts are what JSON.stringify prints for the same strings.
  EXPECT_EQ(ErrorOutput(std::string("a\"b\\c/d\b\f\n\r\t\x01\x1f\x7f")),
            "{\"error\":\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"}");
  EXPECT_EQ(ErrorOutput(std::string("\0x", 2)), R"({"error":"\u0000x"})");
  EXPECT_EQ(ErrorOutput("é\u2028\u2029😀"), "{\"error\":\"é\u2028\u2029😀\"}");
}

}  // namespace
}  // namespace warden::eval
