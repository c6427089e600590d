// The export adapter (core/guest/exports.cc), natively: WIT types in, core called, WIT types
// out, host questions through the typed imports bound with native::ScopedImports.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer_guest.h"

namespace warden::analyze::analyzer {
namespace {

namespace t = ::warden::analyze::types;

t::Request SampleRequest() {
  t::Request r;
  r.ip = "192.0.2.1";
  r.method = "GET";
  r.host = "example.com";
  r.path = "/";
  r.headers = {{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"}};
  return r;
}

class ExportsTest : public ::testing::Test {
 protected:
  ExportsTest() : scope_(&imports_) {
    imports_.logger.log = [](logger::Level, const std::string&) {};
    imports_.bot_overrides.verify = [this](const std::string& id, const std::string& ip) {
      verified_.push_back(id + "@" + ip);
      return verification_;
    };
    imports_.email_overrides.is_free = [](const std::string& d) {
      return d == "gmail.com" ? t::Answer::kYes : t::Answer::kNo;
    };
    imports_.email_overrides.is_disposable = [](const std::string&) { return t::Answer::kUnknown; };
    imports_.email_overrides.has_mx_records = [](const std::string&) { return t::Answer::kNo; };
    imports_.email_overrides.has_gravatar = [](const std::string&) { return t::Answer::kYes; };
  }

  Imports imports_;
  native::ScopedImports scope_;
  t::Verification verification_ = t::Verification::kVerified;
  std::vector<std::string> verified_;
};

TEST_F(ExportsTest, GenerateFingerprint) {
  auto fp = exports::GenerateFingerprint(SampleRequest(), {});
  ASSERT_TRUE(fp.ok());
  EXPECT_EQ(fp.value(), "fp::2::1fdb3adc9741b31a56fcc1d487783352db73ca82a1657c4b8067b9af9881c0ef");
  auto missing = exports::GenerateFingerprint(SampleRequest(), {"http.request.cookie[\"x\"]"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(),
            (t::AnalysisError{t::AnalysisError::MissingCharacteristic{"http.request.cookie[\"x\"]"}}));
  auto bad = exports::GenerateFingerprint(SampleRequest(), {"http.request.headers["});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(std::holds_alternative<t::AnalysisError::InvalidInput>(bad.error().value));
}

TEST_F(ExportsTest, DetectBotAsksTheHostToVerify) {
  auto result = exports::DetectBot(SampleRequest(), t::BotConfig{t::BotConfig::Allow{{}}});
  ASSERT_TRUE(result.ok());
  const std::vector<std::string> categories = {"CATEGORY:GOOGLE", "CATEGORY:SEARCH_ENGINE"};
  EXPECT_EQ(result.value(), (t::BotResult{{}, {"GOOGLE_CRAWLER"}, categories, true, false, false}));
  EXPECT_EQ(verified_, std::vector<std::string>{"GOOGLE_CRAWLER@192.0.2.1"});
  verification_ = t::Verification::kSpoofed;
  result = exports::DetectBot(SampleRequest(),
                              t::BotConfig{t::BotConfig::Deny{{"CATEGORY:TOOL"}}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (t::BotResult{{}, {"GOOGLE_CRAWLER"}, categories, false, true, false}));
}

TEST_F(ExportsTest, DetectBotMissingUserAgent) {
  t::Request no_ua = SampleRequest();
  no_ua.headers.clear();
  auto result = exports::DetectBot(no_ua, t::BotConfig{t::BotConfig::Deny{{}}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (t::BotResult{{}, {"MISSING_USER_AGENT"}, {}, false, false, true}));
  no_ua.headers = {{"User-Agent", " \t"}};
  result = exports::DetectBot(no_ua, t::BotConfig{t::BotConfig::Allow{{"MISSING_USER_AGENT"}}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (t::BotResult{{"MISSING_USER_AGENT"}, {}, {}, false, false, true}));
  EXPECT_TRUE(verified_.empty());
}

TEST_F(ExportsTest, DetectBotErrors) {
  EXPECT_FALSE(
      exports::DetectBot(SampleRequest(), t::BotConfig{t::BotConfig::Deny{{"CATEGORY:X"}}}).ok());
}

TEST_F(ExportsTest, ValidateEmail) {
  using E = t::EmailType;
  t::EmailConfig deny;  // the other options at their defaults (false, no TLD list)
  deny.require_top_level_domain = true;
  deny.rule = t::EmailRule{t::EmailRule::Deny{{E::kFree, E::kNoMxRecords}}};
  auto result = exports::ValidateEmail("ada@GMAIL.com", deny);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(),
            (t::EmailResult{t::EmailValidity::kValid, std::nullopt, {E::kFree, E::kNoMxRecords}}));
  result = exports::ValidateEmail("nope", deny);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (t::EmailResult{t::EmailValidity::kInvalid, t::EmailInvalidReason::kMissingAt,
                                           {E::kInvalid}}));
  t::EmailConfig allow;
  allow.require_top_level_domain = true;
  allow.rule = t::EmailRule{t::EmailRule::Allow{{E::kFree}}};
  result = exports::ValidateEmail("ada@gmail.com", allow);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), (t::EmailResult{t::EmailValidity::kValid, std::nullopt, {E::kNoMxRecords}}));
}

}  // namespace
}  // namespace warden::analyze::analyzer
