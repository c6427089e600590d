// The built-in email lists bound as the analysis module's imports: validate-email through
// both engines (wasm2c and native) denies DISPOSABLE and FREE addresses, and only those.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "warden/email_lists.h"
#include "warden/engine.h"

namespace warden {

void PrintTo(EngineKind kind, std::ostream* os) { *os << EngineKindName(kind); }

namespace {

using wit::EmailType;

wit::EmailConfig Deny(std::vector<EmailType> types) {
  wit::EmailConfig config;
  config.require_top_level_domain = true;
  config.rule.value = wit::EmailRule::Deny{std::move(types)};
  return config;
}

class EmailListsEngineTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    EngineOptions options;
    options.kind = GetParam();
    options.imports.email_overrides = MakeEmailListOverrides(EmailDomainLists::Builtin());
    auto engine = Engine::Create(std::move(options));
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
  }

  std::vector<EmailType> Blocked(const std::string& address, const wit::EmailConfig& config) {
    auto r = engine_->ValidateEmail(address, config);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || !r->ok()) {
      ADD_FAILURE() << "validate-email did not conclude for " << address;
      return {EmailType::kInvalid};
    }
    return r->value().blocked;
  }

  std::unique_ptr<Engine> engine_;
};

TEST_P(EmailListsEngineTest, DeniesDisposable) {
  const auto deny = Deny({EmailType::kDisposable});
  EXPECT_EQ(Blocked("someone@mailinator.com", deny), std::vector{EmailType::kDisposable});
  EXPECT_EQ(Blocked("Someone@MAILINATOR.com", deny), std::vector{EmailType::kDisposable});
  EXPECT_EQ(Blocked("someone@x.33mail.com", deny), std::vector{EmailType::kDisposable});
  EXPECT_EQ(Blocked("someone@gmail.com", deny), std::vector<EmailType>{});
  EXPECT_EQ(Blocked("someone@example.com", deny), std::vector<EmailType>{});
}

TEST_P(EmailListsEngineTest, DeniesFree) {
  const auto deny = Deny({EmailType::kFree});
  EXPECT_EQ(Blocked("someone@gmail.com", deny), std::vector{EmailType::kFree});
  EXPECT_EQ(Blocked("someone@proton.me", deny), std::vector{EmailType::kFree});
  EXPECT_EQ(Blocked("someone@mailinator.com", deny), std::vector<EmailType>{});
  EXPECT_EQ(Blocked("someone@example.com", deny), std::vector<EmailType>{});
}

TEST_P(EmailListsEngineTest, DeniesBothInFixedOrder) {
  const auto deny = Deny({EmailType::kFree, EmailType::kDisposable});
  EXPECT_EQ(Blocked("a@mailinator.com", deny), std::vector{EmailType::kDisposable});
  EXPECT_EQ(Blocked("a@yahoo.co.uk", deny), std::vector{EmailType::kFree});
  EXPECT_EQ(Blocked("not-an-address", deny), std::vector{EmailType::kInvalid});
}

INSTANTIATE_TEST_SUITE_P(Engines, EmailListsEngineTest,
                         ::testing::Values(EngineKind::kWasm2c, EngineKind::kNative),
                         [](const auto& info) { return std::string(EngineKindName(info.param)); });

}  // namespace
}  // namespace warden
