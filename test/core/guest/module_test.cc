// The analysis module as the hosts run it (wasm2c), against the core built natively: same
// answers, and every call starts from clean guest state (the arena is reset after each
// export, so guest memory stops growing once the largest call has been seen).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer_guest.h"
#include "analyzer_host.h"

namespace warden::analyze::analyzer {
namespace {

namespace t = ::warden::analyze::types;

Imports FakeImports() {
  Imports imports;
  imports.logger.log = [](logger::Level, const std::string&) {};
  imports.bot_overrides.verify = [](const std::string& id, const std::string&) {
    return id == "GOOGLE_CRAWLER" ? t::Verification::kSpoofed : t::Verification::kVerified;
  };
  imports.email_overrides.is_free = [](const std::string& d) {
    return d == "gmail.com" ? t::Answer::kYes : t::Answer::kNo;
  };
  imports.email_overrides.is_disposable = [](const std::string&) { return t::Answer::kUnknown; };
  imports.email_overrides.has_mx_records = [](const std::string& d) {
    return d.size() % 2 ? t::Answer::kYes : t::Answer::kNo;
  };
  imports.email_overrides.has_gravatar = [](const std::string&) { return t::Answer::kNo; };
  return imports;
}

// A deterministic request whose size varies with `i` (some calls large, some tiny).
t::Request MakeRequest(uint32_t i) {
  t::Request r;
  r.ip = "198.51.100." + std::to_string(i % 256);
  r.method = i % 2 ? "GET" : "POST";
  r.host = "example.com";
  r.path = "/p/" + std::to_string(i);
  r.headers = {{"User-Agent", i % 3 ? "curl/8.0" : "Mozilla/5.0 (compatible; Googlebot/2.1)"}};
  for (uint32_t h = 0; h < i % 17; ++h) {
    r.headers.emplace_back("X-H" + std::to_string(h), std::string((i * 131 + h * 977) % 3000, 'v'));
  }
  r.cookies = "sid=" + std::to_string(i * 7) + "; theme=dark";
  r.query = "?q=" + std::string(i % 400, '+') + "&n=" + std::to_string(i);
  r.extra = {{"userId", std::to_string(i)}};
  return r;
}

std::vector<std::string> MakeCharacteristics(uint32_t i) {
  static const char* const kAll[] = {
      "ip.src", "http.host", "http.method", "http.request.uri.path",
      "http.request.headers[\"user-agent\"]", "http.request.headers[\"x-h3\"]",
      "http.request.cookie[\"sid\"]", "http.request.uri.args[\"q\"]", "userId",
      "http.request.headers[", "http.request.cookie[\"missing\"]"};
  std::vector<std::string> out;
  for (uint32_t k = 0; k < 11; ++k) {
    if ((i >> k) & 1) out.emplace_back(kAll[(k * 5 + i) % 11]);
  }
  return out;
}

class ModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    imports_ = FakeImports();
    auto instance = wasm2c::Instance::Create(&imports_, /*max_memory_pages=*/256);
    ASSERT_TRUE(instance.ok()) << instance.status().ToString();
    instance_ = std::move(instance).value();
  }

  Imports imports_;
  native::ScopedImports scope_{&imports_};  // for the native reference calls
  std::unique_ptr<wasm2c::Instance> instance_;
};

// Runs calls i = 0..count-1 of every export on the instance and natively; the answers must be
// equal.
void RunCalls(wasm2c::Instance& instance, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    const t::Request request = MakeRequest(i);
    const std::vector<std::string> characteristics = MakeCharacteristics(i);
    auto fp = instance.GenerateFingerprint(request, characteristics);
    ASSERT_TRUE(fp.ok()) << fp.status().ToString();
    EXPECT_EQ(fp.value(), exports::GenerateFingerprint(request, characteristics)) << i;

    const t::BotConfig bot{i % 2 ? t::BotConfig{t::BotConfig::Allow{{"CATEGORY:SEARCH_ENGINE"}}}
                                 : t::BotConfig{t::BotConfig::Deny{{"CURL"}}}};
    auto detected = instance.DetectBot(request, bot);
    ASSERT_TRUE(detected.ok()) << detected.status().ToString();
    EXPECT_EQ(detected.value(), exports::DetectBot(request, bot)) << i;

    const std::string email = i % 5 ? "user" + std::to_string(i) + "@gmail.com" : "not an email";
    t::EmailConfig config;  // the other options at their defaults
    config.require_top_level_domain = true;
    config.rule = t::EmailRule{t::EmailRule::Allow{{}}};
    auto validated = instance.ValidateEmail(email, config);
    ASSERT_TRUE(validated.ok()) << validated.status().ToString();
    EXPECT_EQ(validated.value(), exports::ValidateEmail(email, config)) << i;
  }
}

TEST_F(ModuleTest, SameAnswersAsNativeAndNoGrowthAcrossCalls) {
  // The first pass sees every call size once; a second identical pass needs no more memory
  // only if nothing survives from one call to the next.
  RunCalls(*instance_, 600);
  const uint64_t after_first_pass = instance_->MemoryBytes();
  RunCalls(*instance_, 600);
  EXPECT_EQ(instance_->MemoryBytes(), after_first_pass);
}

TEST_F(ModuleTest, OutOfGuestMemoryIsAnErrorNotACrash) {
  // 32 pages (2 MiB): room for the module's data (bot and IDNA tables) and stack, not for
  // the 4 MiB header below.
  auto small = wasm2c::Instance::Create(&imports_, /*max_memory_pages=*/32);
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  t::Request request = MakeRequest(1);
  request.headers.emplace_back("X-Big", std::string(4 << 20, 'x'));
  auto fp = small.value()->GenerateFingerprint(request, {"http.request.headers[\"x-big\"]"});
  EXPECT_FALSE(fp.ok());
}

}  // namespace
}  // namespace warden::analyze::analyzer
