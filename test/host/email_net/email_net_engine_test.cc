// Both checkers bound into the engines: validate-email with `deny NO_MX_RECORDS, NO_GRAVATAR`
// decided by the analysis module (wasm2c and native), the MX answers from c-ares against
// dnsmasq on loopback, the Gravatar answers over libcurl from an HTTP server on loopback.
// Silent servers (timeouts → unknown) never block. Checks verdicts, not timings.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "dns_test_server.h"
#include "http_test_server.h"
#include "warden/dns_resolver.h"
#include "warden/engine.h"
#include "warden/gravatar_checker.h"
#include "warden/mx_checker.h"

namespace warden {

void PrintTo(EngineKind kind, std::ostream* os) { *os << EngineKindName(kind); }

namespace {

using std::chrono::milliseconds;
using Types = std::vector<wit::EmailType>;

constexpr wit::EmailType kNoMx = wit::EmailType::kNoMxRecords;
constexpr wit::EmailType kNoGravatar = wit::EmailType::kNoGravatar;

std::vector<std::string> MailZoneArgs() {
  std::vector<std::string> args = testing::TestZoneArgs();
  args.insert(args.end(), {"--local=/example.net/", "--local-ttl=600",
                           "--mx-host=mx.example.net,mx1.example.net,10",
                           "--dns-rr=nullmx.example.net,15,000000",
                           "--host-record=a-only.example.net,192.0.2.31"});
  return args;
}

// 200 for the addresses that have an avatar, 404 for the rest.
int AvatarStatus(const std::string& target) {
  for (const char* email : {"known@mx.example.net", "known@missing.example.net"}) {
    if (target == "/avatar/" + GravatarHash(email) + "?d=404") return 200;
  }
  return 404;
}

std::unique_ptr<Engine> EngineWith(EngineKind kind, const std::string& dns_server,
                                   const std::string& avatar_base, milliseconds timeout) {
  CaresResolverOptions dns;
  dns.servers = {dns_server};
  dns.attempt_timeout = milliseconds(10000);  // the checker's timeout bounds each check
  auto resolver = NewCaresResolver(dns);
  EXPECT_TRUE(resolver.ok()) << resolver.status().ToString();
  if (!resolver.ok()) return nullptr;
  MxCheckerOptions mx;
  mx.resolver = std::shared_ptr<DnsResolver>(std::move(resolver).value());
  mx.timeout = timeout;
  auto mx_checker = MxChecker::Create(std::move(mx));
  GravatarCheckerOptions gravatar;
  gravatar.base_url = avatar_base;
  gravatar.timeout = timeout;
  gravatar.proxy = "";
  auto gravatar_checker = GravatarChecker::Create(std::move(gravatar));
  EXPECT_TRUE(mx_checker.ok() && gravatar_checker.ok());
  if (!mx_checker.ok() || !gravatar_checker.ok()) return nullptr;
  EngineOptions options;
  options.kind = kind;
  options.imports.email_overrides.has_mx_records =
      MakeHasMxRecordsImport(std::move(mx_checker).value());
  options.imports.email_overrides.has_gravatar =
      MakeHasGravatarImport(std::move(gravatar_checker).value());
  auto engine = Engine::Create(std::move(options));
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

wit::EmailResult Validate(Engine& engine, const std::string& email) {
  wit::EmailConfig config;  // the other options at their defaults
  config.require_top_level_domain = true;
  config.rule = {wit::EmailRule::Deny{{kNoMx, kNoGravatar}}};
  auto r = engine.ValidateEmail(email, config);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || !r->ok()) return {};
  return r->value();
}

class EmailNetEngineTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    auto dns = testing::DnsmasqServer::Start(MailZoneArgs());
    if (!dns.ok() && dns.status().code() == StatusCode::kNotFound) {
      GTEST_SKIP() << "skipped: " << dns.status().message()
                   << " — install it (apt-get install dnsmasq-base) to run the DNS tests";
    }
    ASSERT_TRUE(dns.ok()) << dns.status().ToString();
    dns_ = std::move(dns).value();
    auto http = testing::HttpTestServer::Start(AvatarStatus);
    ASSERT_TRUE(http.ok()) << http.status().ToString();
    http_ = std::move(http).value();
  }
  std::unique_ptr<testing::DnsmasqServer> dns_;
  std::unique_ptr<testing::HttpTestServer> http_;
};

TEST_P(EmailNetEngineTest, DeniesNoMxAndNoGravatar) {
  auto engine =
      EngineWith(GetParam(), dns_->address(), http_->base_url() + "avatar/", milliseconds(5000));
  ASSERT_NE(engine, nullptr);
  struct Case {
    const char* email;
    Types blocked;
  };
  for (const Case& c : {Case{"known@mx.example.net", {}},
                        Case{"someone@mx.example.net", {kNoGravatar}},
                        Case{"someone@a-only.example.net", {kNoGravatar}},  // implicit MX
                        Case{"someone@nullmx.example.net", {kNoMx, kNoGravatar}},
                        Case{"known@missing.example.net", {kNoMx}},
                        Case{"someone@missing.example.net", {kNoMx, kNoGravatar}}}) {
    wit::EmailResult r = Validate(*engine, c.email);
    EXPECT_EQ(r.validity, wit::EmailValidity::kValid) << c.email;
    EXPECT_EQ(r.blocked, c.blocked) << c.email;
  }
}

TEST_P(EmailNetEngineTest, SilentServersNeverBlock) {
  auto silent_dns = testing::SilentUdpServer::Start();
  auto silent_http = testing::SilentHttpServer::Start();
  ASSERT_TRUE(silent_dns.ok() && silent_http.ok());
  auto engine = EngineWith(GetParam(), (*silent_dns)->address(), (*silent_http)->base_url(),
                           milliseconds(300));
  ASSERT_NE(engine, nullptr);
  wit::EmailResult r = Validate(*engine, "someone@nullmx.example.net");
  EXPECT_EQ(r.validity, wit::EmailValidity::kValid);
  EXPECT_TRUE(r.blocked.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, EmailNetEngineTest,
                         ::testing::Values(EngineKind::kWasm2c, EngineKind::kNative),
                         [](const auto& info) { return std::string(EngineKindName(info.param)); });

}  // namespace
}  // namespace warden
