// The whole verification path against real DNS: BotVerifier over the c-ares resolver, asking
// dnsmasq on loopback (test zone in test/host/dns/dns_test_server.h), a server that never
// answers, and an IP-range file. Outcomes only; no assertion on durations.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "dns_test_server.h"
#include "warden/bot_verifier.h"
#include "warden/dns_resolver.h"

namespace warden {
namespace {

using std::chrono::milliseconds;

std::shared_ptr<DnsResolver> Resolver(const std::string& server, milliseconds attempt) {
  CaresResolverOptions options;
  options.servers = {server};
  options.attempt_timeout = attempt;
  auto resolver = NewCaresResolver(options);
  EXPECT_TRUE(resolver.ok()) << resolver.status().ToString();
  return resolver.ok() ? std::shared_ptr<DnsResolver>(std::move(resolver).value()) : nullptr;
}

std::unique_ptr<BotVerifier> Verifier(std::shared_ptr<DnsResolver> resolver, IpRangeList ranges,
                                      milliseconds dns_timeout) {
  BotVerifierOptions options;
  options.resolver = std::move(resolver);
  options.ranges = std::move(ranges);
  options.dns_timeout = dns_timeout;
  auto verifier = BotVerifier::Create(std::move(options));
  EXPECT_TRUE(verifier.ok());
  return std::move(verifier).value();
}

class BotVerifierDnsTest : public testing::DnsmasqSuiteTest {
 protected:
  void SetUp() override {
    DnsmasqSuiteTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    verifier_ = Verifier(Resolver(server().address(), milliseconds(500)), IpRangeList(),
                         milliseconds(5000));
  }

  std::unique_ptr<BotVerifier> verifier_;
};

TEST_F(BotVerifierDnsTest, GenuineCrawlersAreVerified) {
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.1"), BotVerdict::kVerified);
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "2001:db8::1"), BotVerdict::kVerified);
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER_IMAGE", "192.0.2.2"), BotVerdict::kVerified);
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER_VIDEO", "2001:db8::2"), BotVerdict::kVerified);
  EXPECT_EQ(verifier_->Verify("GOOGLE_ADSBOT", "192.0.2.11"), BotVerdict::kVerified);
  EXPECT_EQ(verifier_->Verify("BING_CRAWLER", "192.0.2.10"), BotVerdict::kVerified);
}

TEST_F(BotVerifierDnsTest, ForwardLookupElsewhereIsSpoofed) {
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.5"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "2001:db8::5"), BotVerdict::kSpoofed);
}

TEST_F(BotVerifierDnsTest, PtrToMissingNameIsSpoofed) {
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.6"), BotVerdict::kSpoofed);
}

TEST_F(BotVerifierDnsTest, NxdomainPtrIsSpoofed) {
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.200"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier_->Verify("BING_CRAWLER", "2001:db8::200"), BotVerdict::kSpoofed);
}

TEST_F(BotVerifierDnsTest, NamesOutsideTheOperatorsMasksAreSpoofed) {
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.7"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier_->Verify("GOOGLE_CRAWLER", "192.0.2.8"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier_->Verify("BING_CRAWLER", "192.0.2.1"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier_->Verify("APPLE_CRAWLER", "192.0.2.1"), BotVerdict::kSpoofed);
}

TEST_F(BotVerifierDnsTest, ImportBindingOverRealDns) {
  std::shared_ptr<BotVerifier> shared = std::move(verifier_);
  auto verify = MakeBotVerifyImport(shared);
  EXPECT_EQ(verify("GOOGLE_CRAWLER", "192.0.2.1"), analyze::types::Verification::kVerified);
  EXPECT_EQ(verify("GOOGLE_CRAWLER", "192.0.2.5"), analyze::types::Verification::kSpoofed);
  EXPECT_EQ(verify("CURL", "192.0.2.1"), analyze::types::Verification::kUnverifiable);
}

TEST_F(BotVerifierDnsTest, RangeFileAndDnsTogether) {
  std::string path = ::testing::TempDir() + "/warden_bot_ranges.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# OpenAI publishes ranges only\n"
           "openai 198.51.100.0/24, 2001:db8:aa::/48\n"
           "# a Google range beside reverse DNS\n"
           "GOOGLE_CRAWLER 203.0.113.0/25\n";
  }
  auto ranges = IpRangeList::LoadFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(ranges.ok()) << ranges.status().ToString();
  auto verifier =
      Verifier(Resolver(server().address(), milliseconds(500)), *ranges, milliseconds(5000));
  EXPECT_EQ(verifier->Verify("OPENAI_CRAWLER", "198.51.100.7"), BotVerdict::kVerified);
  EXPECT_EQ(verifier->Verify("OPENAI_CRAWLER_USER", "2001:db8:aa::7"), BotVerdict::kVerified);
  EXPECT_EQ(verifier->Verify("OPENAI_CRAWLER", "192.0.2.1"), BotVerdict::kSpoofed);
  EXPECT_EQ(verifier->Verify("GOOGLE_CRAWLER", "203.0.113.9"), BotVerdict::kVerified);   // range
  EXPECT_EQ(verifier->Verify("GOOGLE_CRAWLER", "192.0.2.1"), BotVerdict::kVerified);     // DNS
  EXPECT_EQ(verifier->Verify("GOOGLE_CRAWLER", "203.0.113.200"), BotVerdict::kSpoofed);  // neither
}

TEST(BotVerifierTimeoutTest, SilentServerIsUnverifiableWithinTheDeadline) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok()) << silent.status().ToString();
  // c-ares would wait 10 s per attempt; the verifier's 300 ms budget ends it.
  auto verifier = Verifier(Resolver((*silent)->address(), milliseconds(10000)), IpRangeList(),
                           milliseconds(300));
  EXPECT_EQ(verifier->Verify("GOOGLE_CRAWLER", "192.0.2.1"), BotVerdict::kUnverifiable);
  EXPECT_EQ(verifier->Verify("BING_CRAWLER", "2001:db8::1"), BotVerdict::kUnverifiable);
  EXPECT_EQ(verifier->stats().dns_failures, 2u);
  EXPECT_GT((*silent)->datagrams(), 0u);
}

}  // namespace
}  // namespace warden
