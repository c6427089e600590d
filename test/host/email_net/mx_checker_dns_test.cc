// MxChecker and DnsResolver::LookupMx over c-ares against real DNS servers on loopback:
// dnsmasq serving MX, null-MX, A-only, AAAA-only, TXT-only and NXDOMAIN names, a UDP server
// that never answers (timeout path) and a zone the server refuses. Cache lifetimes are driven
// by an injected clock; nothing asserts on wall-clock time.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "dns_test_server.h"
#include "warden/dns_resolver.h"
#include "warden/mx_checker.h"

namespace warden {
namespace {

using analyze::types::Answer;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr uint32_t kZoneTtl = 600;

// The shared test zone (dnsmasq's readiness probe asks one of its names) plus the mail names.
std::vector<std::string> MailZoneArgs() {
  std::vector<std::string> args = testing::TestZoneArgs();
  args.insert(args.end(), {
                              "--local=/example.net/",
                              "--local-ttl=" + std::to_string(kZoneTtl),
                              "--mx-host=mx.example.net,mx1.example.net,10",
                              "--mx-host=mx.example.net,mx2.example.net,20",
                              "--host-record=mx1.example.net,192.0.2.30",
                              "--dns-rr=nullmx.example.net,15,000000",  // MX 0 "." (RFC 7505)
                              "--host-record=a-only.example.net,192.0.2.31",
                              "--host-record=aaaa-only.example.net,2001:db8::31",
                              "--txt-record=txt-only.example.net,v=spf1 -all",
                          });
  return args;
}

std::shared_ptr<DnsResolver> ResolverFor(const std::string& server, milliseconds attempt) {
  CaresResolverOptions options;
  options.servers = {server};
  options.attempt_timeout = attempt;
  options.attempts = 1;
  auto resolver = NewCaresResolver(options);
  EXPECT_TRUE(resolver.ok()) << resolver.status().ToString();
  return resolver.ok() ? std::shared_ptr<DnsResolver>(std::move(resolver).value()) : nullptr;
}

DnsResolver::Deadline In(milliseconds ms) { return DnsResolver::Clock::now() + ms; }

class MxDnsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = testing::DnsmasqServer::Start(MailZoneArgs());
    if (!started.ok() && started.status().code() == StatusCode::kNotFound) {
      GTEST_SKIP() << "skipped: " << started.status().message()
                   << " — install it (apt-get install dnsmasq-base) to run the DNS tests";
    }
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(started).value();
    resolver_ = ResolverFor(server_->address(), milliseconds(1000));
    ASSERT_NE(resolver_, nullptr);
  }

  std::unique_ptr<MxChecker> NewChecker(std::shared_ptr<DnsResolver> resolver) {
    MxCheckerOptions options;
    options.resolver = std::move(resolver);
    options.timeout = milliseconds(3000);
    options.negative_ttl = seconds(120);
    options.unknown_ttl = seconds(5);
    options.clock = [this] { return now_; };
    auto checker = MxChecker::Create(std::move(options));
    EXPECT_TRUE(checker.ok()) << checker.status().ToString();
    return std::move(checker).value();
  }

  std::unique_ptr<testing::DnsmasqServer> server_;
  std::shared_ptr<DnsResolver> resolver_;
  std::chrono::steady_clock::time_point now_{};
};

TEST_F(MxDnsTest, LookupMxReturnsPreferenceExchangeAndTtl) {
  Result<MxAnswer> mx = resolver_->LookupMx("mx.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(mx.ok()) << mx.status().ToString();
  EXPECT_FALSE(mx->nxdomain);
  std::vector<MxRecord> records = mx->records;
  std::sort(records.begin(), records.end(),
            [](const MxRecord& a, const MxRecord& b) { return a.preference < b.preference; });
  EXPECT_EQ(records, (std::vector<MxRecord>{{10, "mx1.example.net", kZoneTtl},
                                            {20, "mx2.example.net", kZoneTtl}}));
}

TEST_F(MxDnsTest, LookupMxSeesNullMxNxDomainAndNoData) {
  Result<MxAnswer> null_mx = resolver_->LookupMx("nullmx.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(null_mx.ok()) << null_mx.status().ToString();
  EXPECT_EQ(null_mx->records, (std::vector<MxRecord>{{0, "", kZoneTtl}}));

  Result<MxAnswer> gone = resolver_->LookupMx("missing.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->nxdomain);
  EXPECT_TRUE(gone->records.empty());

  Result<MxAnswer> nodata = resolver_->LookupMx("a-only.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(nodata.ok()) << nodata.status().ToString();
  EXPECT_FALSE(nodata->nxdomain);
  EXPECT_TRUE(nodata->records.empty());
}

TEST_F(MxDnsTest, LookupAddressRecordsCarriesTtls) {
  auto records = resolver_->LookupAddressRecords("aaaa-only.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  EXPECT_EQ(*records, (std::vector<AddressRecord>{{"2001:db8::31", kZoneTtl}}));
  // The older entry point still answers as before.
  auto addresses = resolver_->LookupAddresses("a-only.example.net", In(milliseconds(3000)));
  ASSERT_TRUE(addresses.ok());
  EXPECT_EQ(*addresses, std::vector<std::string>{"192.0.2.31"});
}

TEST_F(MxDnsTest, CheckerAnswersForEveryKindOfZone) {
  auto checker = NewChecker(resolver_);
  struct Case {
    const char* domain;
    Answer answer;
    MxReason reason;
  };
  for (const Case& c : {Case{"mx.example.net", Answer::kYes, MxReason::kMxRecords},
                        Case{"MX.Example.Net.", Answer::kYes, MxReason::kMxRecords},
                        Case{"nullmx.example.net", Answer::kNo, MxReason::kNullMx},
                        Case{"a-only.example.net", Answer::kYes, MxReason::kImplicitMx},
                        Case{"aaaa-only.example.net", Answer::kYes, MxReason::kImplicitMx},
                        Case{"txt-only.example.net", Answer::kNo, MxReason::kNoMailRecords},
                        Case{"missing.example.net", Answer::kNo, MxReason::kNxDomain},
                        // Outside the server's zones: REFUSED, a failure, never "no".
                        Case{"elsewhere.org", Answer::kUnknown, MxReason::kDnsFailure}}) {
    MxCheck check = checker->Check(c.domain);
    EXPECT_EQ(check.answer, c.answer) << c.domain;
    EXPECT_EQ(check.reason, c.reason) << c.domain << ": " << MxReasonName(check.reason);
  }
}

TEST_F(MxDnsTest, CachesByTtlAndOutlivesTheServer) {
  auto checker = NewChecker(ResolverFor(server_->address(), milliseconds(200)));
  EXPECT_EQ(checker->Check("mx.example.net").answer, Answer::kYes);
  EXPECT_EQ(checker->Check("missing.example.net").answer, Answer::kNo);
  EXPECT_EQ(checker->stats().dns_checks, 2u);
  server_.reset();  // from now on DNS fails; only the cache answers

  now_ += seconds(119);
  EXPECT_TRUE(checker->Check("mx.example.net").cached);
  EXPECT_EQ(checker->Check("missing.example.net").answer, Answer::kNo);  // negative TTL 120 s
  now_ += seconds(1);
  MxCheck expired = checker->Check("missing.example.net");
  EXPECT_EQ(expired.answer, Answer::kUnknown);
  EXPECT_FALSE(expired.cached);
  now_ += seconds(kZoneTtl - 121);  // 599 s after the first answer
  EXPECT_EQ(checker->Check("mx.example.net").answer, Answer::kYes);
  now_ += seconds(1);
  EXPECT_EQ(checker->Check("mx.example.net").answer, Answer::kUnknown);
  MxCheckerStats stats = checker->stats();
  EXPECT_EQ(stats.dns_checks, 4u);
  EXPECT_EQ(stats.dns_failures, 2u);
  EXPECT_EQ(stats.cache_hits, 3u);
}

// dnsmasq authoritative for example.org: its negative answers carry an SOA whose TTL and
// MINIMUM are --auth-ttl, so RFC 2308's negative TTL replaces the checker's default.
TEST(MxAuthoritativeDnsTest, NegativeAnswersAreCachedForTheSoaTtl) {
  constexpr uint32_t kAuthTtl = 450;
  std::vector<std::string> args = testing::TestZoneArgs();
  args.insert(args.end(), {"--auth-server=ns.example.org,127.0.0.1", "--auth-zone=example.org",
                           // dnsmasq then refuses non-authoritative names on 127.0.0.1; the
                           // readiness probe asks crawl-1.googlebot.com, so serve it too.
                           "--auth-zone=googlebot.com",
                           "--auth-ttl=" + std::to_string(kAuthTtl),
                           "--host-record=a.example.org,192.0.2.40"});
  auto server = testing::DnsmasqServer::Start(args);
  if (!server.ok() && server.status().code() == StatusCode::kNotFound) {
    GTEST_SKIP() << "skipped: " << server.status().message();
  }
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto resolver = ResolverFor((*server)->address(), milliseconds(200));
  ASSERT_NE(resolver, nullptr);
  Result<MxAnswer> gone = resolver->LookupMx("missing.example.org", In(milliseconds(3000)));
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->nxdomain);
  EXPECT_EQ(gone->negative_ttl, kAuthTtl);
  Result<MxAnswer> nodata = resolver->LookupMx("a.example.org", In(milliseconds(3000)));
  ASSERT_TRUE(nodata.ok()) << nodata.status().ToString();
  EXPECT_FALSE(nodata->nxdomain);
  EXPECT_EQ(nodata->negative_ttl, kAuthTtl);

  std::chrono::steady_clock::time_point now{};
  MxCheckerOptions options;
  options.resolver = resolver;
  options.negative_ttl = seconds(60);  // not used: the SOA gives the lifetime
  options.clock = [&now] { return now; };
  auto checker = MxChecker::Create(std::move(options));
  ASSERT_TRUE(checker.ok());
  EXPECT_EQ((*checker)->Check("missing.example.org").reason, MxReason::kNxDomain);
  EXPECT_EQ((*checker)->Check("a.example.org").reason, MxReason::kImplicitMx);
  server->reset();
  now += seconds(kAuthTtl - 1);
  EXPECT_TRUE((*checker)->Check("missing.example.org").cached);
  now += seconds(1);
  EXPECT_EQ((*checker)->Check("missing.example.org").answer, Answer::kUnknown);
}

TEST(MxSilentDnsTest, TimeoutIsUnknownNeverNo) {
  auto silent = testing::SilentUdpServer::Start();
  ASSERT_TRUE(silent.ok()) << silent.status().ToString();
  auto resolver = ResolverFor((*silent)->address(), milliseconds(10000));
  ASSERT_NE(resolver, nullptr);
  Result<MxAnswer> mx = resolver->LookupMx("mx.example.net", In(milliseconds(200)));
  EXPECT_EQ(mx.status().code(), StatusCode::kDeadlineExceeded);

  MxCheckerOptions options;
  options.resolver = resolver;
  options.timeout = milliseconds(300);  // far below the resolver's 10 s attempt timeout
  auto checker = MxChecker::Create(std::move(options));
  ASSERT_TRUE(checker.ok());
  MxCheck check = (*checker)->Check("mx.example.net");
  EXPECT_EQ(check.answer, Answer::kUnknown);
  EXPECT_EQ(check.reason, MxReason::kDnsFailure);
  EXPECT_EQ(MakeHasMxRecordsImport(std::move(checker).value())("example.net"), Answer::kUnknown);
  EXPECT_GE((*silent)->datagrams(), 2u);  // the queries did go out
}

}  // namespace
}  // namespace warden
