// The verifier bound into the engines: a request whose user agent claims Googlebot, decided
// by the analysis module (wasm2c and native) with MakeBotVerifyImport over c-ares and dnsmasq
// on loopback. Checks what the module reports, not how long it took.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dns_test_server.h"
#include "warden/bot_verifier.h"
#include "warden/dns_resolver.h"
#include "warden/engine.h"

namespace warden {

void PrintTo(EngineKind kind, std::ostream* os) { *os << EngineKindName(kind); }

namespace {

using std::chrono::milliseconds;

wit::Request GooglebotFrom(std::string ip) {
  wit::Request r;
  r.ip = std::move(ip);
  r.method = "GET";
  r.protocol = "HTTP/1.1";
  r.host = "example.com";
  r.path = "/";
  r.headers = {
      {"user-agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}};
  return r;
}

std::unique_ptr<Engine> EngineVerifyingWith(EngineKind kind, const std::string& dns_server,
                                            milliseconds attempt, milliseconds budget) {
  CaresResolverOptions dns;
  dns.servers = {dns_server};
  dns.attempt_timeout = attempt;
  auto resolver = NewCaresResolver(dns);
  EXPECT_TRUE(resolver.ok()) << resolver.status().ToString();
  if (!resolver.ok()) return nullptr;
  BotVerifierOptions options;
  options.resolver = std::shared_ptr<DnsResolver>(std::move(resolver).value());
  options.dns_timeout = budget;
  auto verifier = BotVerifier::Create(std::move(options));
  EXPECT_TRUE(verifier.ok());
  EngineOptions engine_options;
  engine_options.kind = kind;
  engine_options.imports.bot_overrides.verify =
      MakeBotVerifyImport(std::shared_ptr<BotVerifier>(std::move(verifier).value()));
  auto engine = Engine::Create(std::move(engine_options));
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

wit::BotResult Detect(Engine& engine, const std::string& ip, wit::BotConfig config) {
  auto r = engine.DetectBot(GooglebotFrom(ip), config);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || !r->ok()) return {};
  return r->value();
}

class BotEngineTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    auto started = testing::DnsmasqServer::Start(testing::TestZoneArgs());
    if (!started.ok() && started.status().code() == StatusCode::kNotFound) {
      GTEST_SKIP() << "skipped: " << started.status().message()
                   << " — install it (apt-get install dnsmasq-base) to run the DNS tests";
    }
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(started).value();
  }
  std::unique_ptr<testing::DnsmasqServer> server_;
};

TEST_P(BotEngineTest, GenuineGooglebotIsVerified) {
  auto engine =
      EngineVerifyingWith(GetParam(), server_->address(), milliseconds(500), milliseconds(5000));
  ASSERT_NE(engine, nullptr);
  wit::BotResult r = Detect(*engine, "192.0.2.1", {wit::BotConfig::Allow{{"GOOGLE_CRAWLER"}}});
  EXPECT_TRUE(r.verified);
  EXPECT_FALSE(r.spoofed);
  EXPECT_EQ(r.allowed, std::vector<std::string>{"GOOGLE_CRAWLER"});
  EXPECT_TRUE(r.denied.empty());
}

TEST_P(BotEngineTest, SpoofedGooglebotIsDeniedEvenWhenAllowed) {
  auto engine =
      EngineVerifyingWith(GetParam(), server_->address(), milliseconds(500), milliseconds(5000));
  ASSERT_NE(engine, nullptr);
  for (const char* ip : {"192.0.2.5", "192.0.2.200", "192.0.2.7"}) {
    wit::BotResult r = Detect(*engine, ip, {wit::BotConfig::Allow{{"GOOGLE_CRAWLER"}}});
    EXPECT_TRUE(r.spoofed) << ip;
    EXPECT_FALSE(r.verified) << ip;
    EXPECT_EQ(r.denied, std::vector<std::string>{"GOOGLE_CRAWLER"}) << ip;
  }
}

TEST_P(BotEngineTest, SilentDnsLeavesTheClaimUnverified) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok());
  auto engine =
      EngineVerifyingWith(GetParam(), (*silent)->address(), milliseconds(10000), milliseconds(300));
  ASSERT_NE(engine, nullptr);
  wit::BotResult r = Detect(*engine, "192.0.2.1", {wit::BotConfig::Allow{{"GOOGLE_CRAWLER"}}});
  EXPECT_FALSE(r.verified);
  EXPECT_FALSE(r.spoofed);
  EXPECT_EQ(r.allowed, std::vector<std::string>{"GOOGLE_CRAWLER"});
}

INSTANTIATE_TEST_SUITE_P(Backends, BotEngineTest,
                         ::testing::Values(EngineKind::kWasm2c, EngineKind::kNative),
                         [](const auto& info) { return std::string(EngineKindName(info.param)); });

}  // namespace
}  // namespace warden
