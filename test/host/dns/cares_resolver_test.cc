// Tests of the c-ares DnsResolver against a real dnsmasq on loopback (dns_test_server.h) and
// a server that never answers. No assertion depends on how long anything took.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dns/dns_names.h"
#include "dns_test_server.h"
#include "warden/dns_resolver.h"

namespace warden {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

DnsResolver::Deadline In(milliseconds ms) { return DnsResolver::Clock::now() + ms; }

std::unique_ptr<DnsResolver> ResolverFor(const std::string& server, milliseconds attempt) {
  CaresResolverOptions options;
  options.servers = {server};
  options.attempt_timeout = attempt;
  Result<std::unique_ptr<DnsResolver>> resolver = NewCaresResolver(options);
  EXPECT_TRUE(resolver.ok()) << resolver.status().ToString();
  return resolver.ok() ? std::move(resolver).value() : nullptr;
}

class CaresResolverTest : public testing::DnsmasqSuiteTest {
 protected:
  void SetUp() override {
    DnsmasqSuiteTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    resolver_ = ResolverFor(server().address(), milliseconds(500));
    ASSERT_NE(resolver_, nullptr);
  }

  std::unique_ptr<DnsResolver> resolver_;
  const milliseconds kBudget{5000};
};

TEST_F(CaresResolverTest, PtrOfIpv4) {
  auto names = resolver_->LookupPtr("192.0.2.1", In(kBudget));
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_THAT(*names, ElementsAre("crawl-1.googlebot.com"));
}

TEST_F(CaresResolverTest, PtrOfIpv6) {
  auto names = resolver_->LookupPtr("2001:db8::1", In(kBudget));
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_THAT(*names, ElementsAre("crawl-6.googlebot.com"));
}

TEST_F(CaresResolverTest, PtrNxdomainIsNotFound) {
  EXPECT_EQ(resolver_->LookupPtr("192.0.2.200", In(kBudget)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(resolver_->LookupPtr("2001:db8::200", In(kBudget)).status().code(),
            StatusCode::kNotFound);
}

TEST_F(CaresResolverTest, PtrOfNonIpIsInvalidArgument) {
  EXPECT_EQ(resolver_->LookupPtr("not-an-ip", In(kBudget)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(resolver_->LookupPtr(std::string("1.2.3.4\0x", 9), In(kBudget)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CaresResolverTest, AddressesOfIpv4OnlyName) {
  auto addresses = resolver_->LookupAddresses("crawl-1.googlebot.com", In(kBudget));
  ASSERT_TRUE(addresses.ok()) << addresses.status().ToString();
  EXPECT_THAT(*addresses, ElementsAre("192.0.2.1"));
}

TEST_F(CaresResolverTest, AddressesOfIpv6OnlyName) {
  auto addresses = resolver_->LookupAddresses("crawl-6.googlebot.com", In(kBudget));
  ASSERT_TRUE(addresses.ok()) << addresses.status().ToString();
  EXPECT_THAT(*addresses, ElementsAre("2001:db8::1"));
}

TEST_F(CaresResolverTest, AddressesOfDualStackNameIpv4First) {
  auto addresses = resolver_->LookupAddresses("DUAL.googlebot.com.", In(kBudget));
  ASSERT_TRUE(addresses.ok()) << addresses.status().ToString();
  EXPECT_THAT(*addresses, ElementsAre("192.0.2.2", "2001:db8::2"));
}

TEST_F(CaresResolverTest, AddressesOfMissingNameIsNotFound) {
  EXPECT_EQ(resolver_->LookupAddresses("crawl-gone.googlebot.com", In(kBudget)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(resolver_->LookupAddresses("", In(kBudget)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CaresResolverTest, RefusedQueryIsUnavailable) {
  // dnsmasq has no upstream for other domains and refuses them.
  Status status = resolver_->LookupAddresses("www.example.org", In(kBudget)).status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
}

TEST_F(CaresResolverTest, ConcurrentLookupsFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto names = resolver_->LookupPtr("192.0.2.1", In(kBudget));
        auto addresses = resolver_->LookupAddresses("crawl-1.googlebot.com", In(kBudget));
        if (names.ok() && addresses.ok() && (*names)[0] == "crawl-1.googlebot.com" &&
            (*addresses)[0] == "192.0.2.1") {
          ++ok[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_THAT(ok, ::testing::Each(10));
}

TEST(CaresResolverTimeoutTest, SilentServerGivesDeadlineExceeded) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok()) << silent.status().ToString();
  // Attempts longer than the deadline: the deadline, not c-ares, ends the lookup.
  auto resolver = ResolverFor((*silent)->address(), milliseconds(10000));
  ASSERT_NE(resolver, nullptr);
  auto deadline = In(milliseconds(300));
  EXPECT_EQ(resolver->LookupPtr("192.0.2.1", deadline).status().code(),
            StatusCode::kDeadlineExceeded);
  EXPECT_EQ(
      resolver->LookupAddresses("crawl-1.googlebot.com", In(milliseconds(300))).status().code(),
      StatusCode::kDeadlineExceeded);
  EXPECT_GT((*silent)->datagrams(), 0u);  // the queries did reach the server
}

TEST(CaresResolverTimeoutTest, AttemptsExhaustedGiveDeadlineExceeded) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok());
  // Short attempts, long deadline: c-ares gives up first (ARES_ETIMEOUT).
  auto resolver = ResolverFor((*silent)->address(), milliseconds(50));
  ASSERT_NE(resolver, nullptr);
  EXPECT_EQ(resolver->LookupPtr("192.0.2.1", In(milliseconds(30000))).status().code(),
            StatusCode::kDeadlineExceeded);
}

TEST(CaresResolverTimeoutTest, PassedDeadlineSendsNothingLong) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok());
  auto resolver = ResolverFor((*silent)->address(), milliseconds(10000));
  ASSERT_NE(resolver, nullptr);
  EXPECT_EQ(resolver->LookupPtr("192.0.2.1", DnsResolver::Clock::now()).status().code(),
            StatusCode::kDeadlineExceeded);
}

TEST(CaresResolverOptionsTest, RejectsBadServers) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4:x", "[::1",
                          "[1.2.3.4]:53", "host.example:53", "::1:53:"}) {
    CaresResolverOptions options;
    options.servers = {bad};
    EXPECT_EQ(NewCaresResolver(options).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  CaresResolverOptions good;
  good.servers = {"127.0.0.1", "127.0.0.1:5353", "::1", "[::1]", "[::1]:5353"};
  auto made = NewCaresResolver(good);
  EXPECT_TRUE(made.ok()) << made.status().ToString();
}

TEST(ReverseLookupNameTest, Ipv4AndIpv6) {
  EXPECT_EQ(*ReverseLookupName("192.0.2.1"), "1.2.0.192.in-addr.arpa");
  EXPECT_EQ(*ReverseLookupName("2001:db8::1"),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  EXPECT_EQ(ReverseLookupName("192.0.2").status().code(), StatusCode::kInvalidArgument);
}

TEST(NormalizeHostNameTest, LowerCaseWithoutTrailingDot) {
  EXPECT_EQ(host::dns::NormalizeHostName("Crawl-1.GoogleBot.COM."), "crawl-1.googlebot.com");
}

}  // namespace
}  // namespace warden
