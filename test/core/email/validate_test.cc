// validate-email rule semantics against a fake host.
#include "core/email/validate.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace warden::core::email {
namespace {

class FakeOracle final : public EmailOracle {
 public:
  Answer IsDisposable(const std::string& domain) override { return Ask("disposable", domain, disposable); }
  Answer IsFree(const std::string& domain) override { return Ask("free", domain, free); }
  Answer HasMxRecords(const std::string& domain) override { return Ask("mx", domain, mx); }
  Answer HasGravatar(const std::string& address) override { return Ask("gravatar", address, gravatar); }

  Answer disposable = Answer::kNo, free = Answer::kNo, mx = Answer::kYes, gravatar = Answer::kYes;
  std::vector<std::string> asked;

 private:
  Answer Ask(const char* what, const std::string& arg, Answer answer) {
    asked.push_back(std::string(what) + ":" + arg);
    return answer;
  }
};

using T = EmailType;

std::vector<T> Blocked(const EmailVerdict& v) {
  std::vector<T> out;
  for (T type : kAllEmailTypes) {
    if (v.Blocks(type)) out.push_back(type);
  }
  return out;
}

EmailVerdict ValidateWith(std::string_view candidate, RuleMode mode, std::vector<T> types,
                 FakeOracle& oracle) {
  EmailConfig config;
  config.mode = mode;
  config.types = types;
  return Validate(candidate, config, oracle);
}

TEST(EmailValidateTest, InvalidIsAlwaysBlockedAndNothingIsAsked) {
  FakeOracle oracle;
  for (RuleMode mode : {RuleMode::kAllow, RuleMode::kDeny}) {
    const EmailVerdict v = ValidateWith("not-an-email", mode, {T::kInvalid}, oracle);
    EXPECT_FALSE(v.valid);
    EXPECT_EQ(v.reason, InvalidReason::kMissingAt);
    EXPECT_EQ(Blocked(v), std::vector<T>{T::kInvalid});
  }
  EXPECT_TRUE(oracle.asked.empty());
}

TEST(EmailValidateTest, ValidHasNoReasonAndDomainsAreAskedAsALabels) {
  FakeOracle oracle;
  const EmailVerdict v = ValidateWith("J\xC3\xB6hn@B\xC3\xBC" "cher.Example", RuleMode::kDeny,
                                      {T::kDisposable, T::kNoGravatar}, oracle);
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.reason, InvalidReason::kNone);
  EXPECT_EQ(oracle.asked, (std::vector<std::string>{"disposable:xn--bcher-kva.example",
                                                    "gravatar:J\xC3\xB6hn@B\xC3\xBC" "cher.Example"}));
}

TEST(EmailValidateTest, DenyAsksOnlyListedTypes) {
  FakeOracle oracle;
  oracle.free = Answer::kYes;
  oracle.disposable = Answer::kYes;
  const EmailVerdict v = ValidateWith("Ada@GMail.com", RuleMode::kDeny, {T::kFree}, oracle);
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(Blocked(v), std::vector<T>{T::kFree});
  EXPECT_EQ(oracle.asked, std::vector<std::string>{"free:gmail.com"});
}

TEST(EmailValidateTest, EmptyDenyBlocksNothingValid) {
  FakeOracle oracle;
  const EmailVerdict v = ValidateWith("a@example.com", RuleMode::kDeny, {}, oracle);
  EXPECT_TRUE(v.valid);
  EXPECT_TRUE(Blocked(v).empty());
  EXPECT_TRUE(oracle.asked.empty());
}

TEST(EmailValidateTest, AllowBlocksDetectedTypesNotListed) {
  FakeOracle oracle;
  oracle.free = Answer::kYes;
  oracle.disposable = Answer::kYes;
  oracle.mx = Answer::kNo;
  oracle.gravatar = Answer::kNo;
  const EmailVerdict v = ValidateWith("a@example.com", RuleMode::kAllow, {T::kFree}, oracle);
  EXPECT_EQ(Blocked(v), (std::vector<T>{T::kDisposable, T::kNoMxRecords, T::kNoGravatar}));
  EXPECT_EQ(oracle.asked, (std::vector<std::string>{"disposable:example.com", "mx:example.com",
                                                    "gravatar:a@example.com"}));
}

TEST(EmailValidateTest, EmptyAllowAsksEverything) {
  FakeOracle oracle;
  const EmailVerdict v = ValidateWith("a@example.com", RuleMode::kAllow, {}, oracle);
  EXPECT_TRUE(Blocked(v).empty());
  EXPECT_EQ(oracle.asked.size(), 4u);
}

TEST(EmailValidateTest, UnknownNeverBlocks) {
  FakeOracle oracle;
  oracle.disposable = oracle.free = oracle.mx = oracle.gravatar = Answer::kUnknown;
  const EmailVerdict v =
      ValidateWith("a@example.com", RuleMode::kDeny,
          {T::kDisposable, T::kFree, T::kNoMxRecords, T::kNoGravatar}, oracle);
  EXPECT_TRUE(Blocked(v).empty());
}

TEST(EmailValidateTest, BlockedInFixedOrderWhateverTheListOrder) {
  FakeOracle oracle;
  oracle.free = oracle.disposable = Answer::kYes;
  oracle.mx = oracle.gravatar = Answer::kNo;
  const EmailVerdict v =
      ValidateWith("a@example.com", RuleMode::kDeny,
          {T::kNoGravatar, T::kNoMxRecords, T::kFree, T::kDisposable, T::kFree}, oracle);
  EXPECT_EQ(Blocked(v), (std::vector<T>{T::kDisposable, T::kFree, T::kNoMxRecords, T::kNoGravatar}));
  EXPECT_EQ(oracle.asked.size(), 4u);  // each question once, even when listed twice
}

TEST(EmailValidateTest, DomainLiteralsSkipDomainQuestions) {
  FakeOracle oracle;
  oracle.gravatar = Answer::kNo;
  EmailConfig config;
  config.syntax.allow_domain_literal = true;
  config.mode = RuleMode::kAllow;
  const EmailVerdict v = Validate("a@[192.0.2.1]", config, oracle);
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(Blocked(v), std::vector<T>{T::kNoGravatar});
  EXPECT_EQ(oracle.asked, std::vector<std::string>{"gravatar:a@[192.0.2.1]"});
}

TEST(EmailValidateTest, DisplayNameIsNotSentToTheHost) {
  FakeOracle oracle;
  EmailConfig config;
  config.syntax.allow_display_name = true;
  config.mode = RuleMode::kAllow;
  const EmailVerdict v = Validate("Bob Example <Bob@B\xC3\xBC" "cher.example>", config, oracle);
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(oracle.asked, (std::vector<std::string>{
                              "disposable:xn--bcher-kva.example", "free:xn--bcher-kva.example",
                              "mx:xn--bcher-kva.example", "gravatar:Bob@B\xC3\xBC" "cher.example"}));
}

}  // namespace
}  // namespace warden::core::email
