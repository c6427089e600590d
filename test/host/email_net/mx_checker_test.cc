// MxChecker's policy over a scripted resolver: MX, null MX, implicit MX, NXDOMAIN/NODATA,
// failures → unknown, and the cache's lifetimes driven by an injected clock (no sleeping).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "warden/mx_checker.h"

namespace warden {
namespace {

using analyze::types::Answer;
using std::chrono::seconds;

// Answers from maps; a name absent from `mx` is NODATA, absent from `addresses` NotFound.
class ScriptedResolver : public DnsResolver {
 public:
  std::map<std::string, Result<MxAnswer>> mx;
  std::map<std::string, Result<std::vector<AddressRecord>>> addresses;
  int mx_lookups = 0;
  int address_lookups = 0;

  Result<std::vector<std::string>> LookupPtr(std::string_view, Deadline) override {
    return NotFoundError("no PTR");
  }
  Result<std::vector<std::string>> LookupAddresses(std::string_view, Deadline) override {
    return NotFoundError("unused");
  }
  Result<std::vector<AddressRecord>> LookupAddressRecords(std::string_view name,
                                                          Deadline) override {
    ++address_lookups;
    auto it = addresses.find(std::string(name));
    if (it == addresses.end()) return NotFoundError("no address");
    return it->second;
  }
  Result<MxAnswer> LookupMx(std::string_view name, Deadline) override {
    ++mx_lookups;
    auto it = mx.find(std::string(name));
    if (it == mx.end()) return MxAnswer{};
    return it->second;
  }
};

MxAnswer Records(std::vector<MxRecord> records) { return MxAnswer{std::move(records), false, {}}; }

class MxCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    resolver_ = std::make_shared<ScriptedResolver>();
    ScriptedResolver& r = *resolver_;
    r.mx.emplace("mail.test", Records({{10, "mx1.mail.test", 600}, {20, "mx2.mail.test", 300}}));
    r.mx.emplace("nullmx.test", Records({{0, "", 900}}));
    r.mx.emplace("mixed.test", Records({{0, "", 900}, {10, "mx.mixed.test", 120}}));
    r.mx.emplace("gone.test", MxAnswer{{}, true, 60u});
    r.mx.emplace("gone-nosoa.test", MxAnswer{{}, true, std::nullopt});
    r.mx.emplace("slow.test", DeadlineExceededError("timeout"));
    r.mx.emplace("servfail.test", UnavailableError("SERVFAIL"));
    r.mx.emplace("txt-only.test", MxAnswer{{}, false, 45u});
    r.addresses.emplace("a-only.test",
                        std::vector<AddressRecord>{{"192.0.2.1", 500}, {"2001:db8::1", 200}});
    r.addresses.emplace("a-slow.test", DeadlineExceededError("timeout"));
  }

  std::unique_ptr<MxChecker> NewChecker(size_t entries = 100) {
    MxCheckerOptions options;
    options.resolver = resolver_;
    options.cache_entries = entries;
    options.negative_ttl = seconds(100);
    options.unknown_ttl = seconds(10);
    options.max_ttl = seconds(3600);
    options.clock = [this] { return now_; };
    auto checker = MxChecker::Create(std::move(options));
    EXPECT_TRUE(checker.ok()) << checker.status().ToString();
    return std::move(checker).value();
  }

  std::shared_ptr<ScriptedResolver> resolver_;
  std::chrono::steady_clock::time_point now_{};
};

TEST_F(MxCheckerTest, AnswersByTheRecords) {
  auto checker = NewChecker();
  struct Case {
    const char* domain;
    Answer answer;
    MxReason reason;
  };
  for (const Case& c : {Case{"mail.test", Answer::kYes, MxReason::kMxRecords},
                        Case{"nullmx.test", Answer::kNo, MxReason::kNullMx},
                        Case{"mixed.test", Answer::kYes, MxReason::kMxRecords},
                        Case{"gone.test", Answer::kNo, MxReason::kNxDomain},
                        Case{"a-only.test", Answer::kYes, MxReason::kImplicitMx},
                        Case{"txt-only.test", Answer::kNo, MxReason::kNoMailRecords},
                        Case{"slow.test", Answer::kUnknown, MxReason::kDnsFailure},
                        Case{"servfail.test", Answer::kUnknown, MxReason::kDnsFailure},
                        Case{"a-slow.test", Answer::kUnknown, MxReason::kDnsFailure}}) {
    MxCheck check = checker->Check(c.domain);
    EXPECT_EQ(check.answer, c.answer) << c.domain;
    EXPECT_EQ(check.reason, c.reason) << c.domain << ": " << MxReasonName(check.reason);
    EXPECT_FALSE(check.cached) << c.domain;
  }
  EXPECT_EQ(checker->stats().dns_failures, 3u);
}

TEST_F(MxCheckerTest, NxDomainDoesNotAskForAddresses) {
  auto checker = NewChecker();
  EXPECT_EQ(checker->Check("gone.test").answer, Answer::kNo);
  EXPECT_EQ(resolver_->address_lookups, 0);
}

TEST_F(MxCheckerTest, UnusableNamesAreUnknownWithoutALookup) {
  auto checker = NewChecker();
  const std::string too_long_label = std::string(64, 'a') + ".test";
  for (const std::string& domain : {std::string(), std::string("."), std::string("[192.0.2.1]"),
                                    std::string("a..b"), std::string("bücher.example"),
                                    std::string("sp ace.test"), std::string(".lead.test"),
                                    too_long_label}) {
    MxCheck check = checker->Check(domain);
    EXPECT_EQ(check.answer, Answer::kUnknown) << domain;
    EXPECT_EQ(check.reason, MxReason::kBadDomain) << domain;
  }
  EXPECT_EQ(resolver_->mx_lookups, 0);
}

TEST_F(MxCheckerTest, CaseAndTrailingDotShareOneEntry) {
  auto checker = NewChecker();
  EXPECT_EQ(checker->Check("mail.test").answer, Answer::kYes);
  MxCheck again = checker->Check("MAIL.Test.");
  EXPECT_EQ(again.answer, Answer::kYes);
  EXPECT_TRUE(again.cached);
  EXPECT_EQ(resolver_->mx_lookups, 1);
}

// Advances the clock to just before and just after `ttl` and checks the entry's lifetime.
void ExpectCachedFor(MxChecker& checker, ScriptedResolver& resolver,
                     std::chrono::steady_clock::time_point* now, const char* domain, seconds ttl) {
  int before = resolver.mx_lookups;
  auto start = *now;
  checker.Check(domain);
  *now = start + ttl - seconds(1);
  EXPECT_TRUE(checker.Check(domain).cached) << domain << " at ttl-1";
  EXPECT_EQ(resolver.mx_lookups, before + 1) << domain;
  *now = start + ttl;
  EXPECT_FALSE(checker.Check(domain).cached) << domain << " at ttl";
  EXPECT_EQ(resolver.mx_lookups, before + 2) << domain;
}

TEST_F(MxCheckerTest, CachesForTheRecordTtls) {
  auto checker = NewChecker();
  ExpectCachedFor(*checker, *resolver_, &now_, "mail.test", seconds(300));    // min of MX TTLs
  ExpectCachedFor(*checker, *resolver_, &now_, "mixed.test", seconds(120));   // the real MX
  ExpectCachedFor(*checker, *resolver_, &now_, "nullmx.test", seconds(900));  // null MX TTL
  ExpectCachedFor(*checker, *resolver_, &now_, "a-only.test", seconds(200));  // min A/AAAA
}

TEST_F(MxCheckerTest, CachesNegativeAnswersBySoaOrDefault) {
  auto checker = NewChecker();
  ExpectCachedFor(*checker, *resolver_, &now_, "gone.test", seconds(60));          // SOA
  ExpectCachedFor(*checker, *resolver_, &now_, "txt-only.test", seconds(45));      // SOA
  ExpectCachedFor(*checker, *resolver_, &now_, "gone-nosoa.test", seconds(100));   // default
  ExpectCachedFor(*checker, *resolver_, &now_, "slow.test", seconds(10));          // unknown
}

TEST_F(MxCheckerTest, CapsTtlsAtMaxTtl) {
  resolver_->mx.insert_or_assign("long.test", Records({{10, "mx.long.test", 7 * 86400}}));
  auto checker = NewChecker();
  ExpectCachedFor(*checker, *resolver_, &now_, "long.test", seconds(3600));
}

TEST_F(MxCheckerTest, ZeroTtlIsNotCached) {
  resolver_->mx.insert_or_assign("zero.test", Records({{10, "mx.zero.test", 0}}));
  auto checker = NewChecker();
  checker->Check("zero.test");
  EXPECT_FALSE(checker->Check("zero.test").cached);
  EXPECT_EQ(resolver_->mx_lookups, 2);
}

TEST_F(MxCheckerTest, CacheIsBounded) {
  auto checker = NewChecker(/*entries=*/2);
  checker->Check("mail.test");
  checker->Check("nullmx.test");
  checker->Check("mail.test");    // now the most recent
  checker->Check("gone.test");    // evicts nullmx.test
  EXPECT_TRUE(checker->Check("mail.test").cached);
  EXPECT_FALSE(checker->Check("nullmx.test").cached);
  MxCheckerStats stats = checker->stats();
  EXPECT_EQ(stats.checks, 6u);
  EXPECT_EQ(stats.cache_hits, 2u);
  EXPECT_EQ(stats.dns_checks, 4u);
}

// A resolver whose MX lookups block until released, to line up concurrent checks.
class GatedResolver : public ScriptedResolver {
 public:
  Result<MxAnswer> LookupMx(std::string_view name, Deadline deadline) override {
    entered.fetch_add(1);
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return open; });
    lock.unlock();
    return ScriptedResolver::LookupMx(name, deadline);
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu);
      open = true;
    }
    cv.notify_all();
  }
  std::atomic<int> entered{0};

 private:
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
};

// Spins (yielding) until `done()`; the test's own timeout catches a hang.
template <class Done>
void WaitFor(Done done) {
  while (!done()) std::this_thread::yield();
}

// A checker (60 s budget) over a gated resolver that holds mail.test's MX answer until Open().
class MxCheckerCoalescingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    resolver_->mx.emplace("mail.test", Records({{10, "mx.mail.test", 600}}));
    MxCheckerOptions options;
    options.resolver = resolver_;
    options.timeout = std::chrono::milliseconds(60000);
    checker_ = MxChecker::Create(options).value();
  }

  std::shared_ptr<GatedResolver> resolver_ = std::make_shared<GatedResolver>();
  std::shared_ptr<MxChecker> checker_;
};

TEST_F(MxCheckerCoalescingTest, ConcurrentMissesShareOneLookup) {
  MxCheck first, second;
  std::thread leader([&] { first = checker_->Check("mail.test"); });
  WaitFor([&] { return resolver_->entered.load() == 1; });
  std::thread follower([&] { second = checker_->Check("Mail.Test"); });
  WaitFor([&] { return checker_->stats().coalesced == 1; });
  resolver_->Open();
  leader.join();
  follower.join();
  EXPECT_EQ(first.answer, Answer::kYes);
  EXPECT_EQ(second.answer, Answer::kYes);
  EXPECT_EQ(resolver_->mx_lookups, 1);
  EXPECT_EQ(checker_->stats().dns_checks, 1u);
}

TEST_F(MxCheckerCoalescingTest, AWaiterKeepsItsOwnDeadline) {
  MxCheck first;
  std::thread leader([&] { first = checker_->Check("mail.test"); });
  WaitFor([&] { return resolver_->entered.load() == 1; });
  MxCheck impatient =
      checker_->Check("mail.test", DnsResolver::Clock::now() + std::chrono::milliseconds(20));
  EXPECT_EQ(impatient.answer, Answer::kUnknown);
  EXPECT_EQ(impatient.reason, MxReason::kDnsFailure);
  resolver_->Open();
  leader.join();
  EXPECT_EQ(first.answer, Answer::kYes);
  EXPECT_TRUE(checker_->Check("mail.test").cached);
}

TEST_F(MxCheckerTest, ImportAnswersYesNoUnknown) {
  auto import = MakeHasMxRecordsImport(std::shared_ptr<MxChecker>(NewChecker()));
  EXPECT_EQ(import("mail.test"), Answer::kYes);
  EXPECT_EQ(import("nullmx.test"), Answer::kNo);
  EXPECT_EQ(import("slow.test"), Answer::kUnknown);
  EXPECT_EQ(MakeHasMxRecordsImport(nullptr)("mail.test"), Answer::kUnknown);
}

TEST_F(MxCheckerTest, CreateRejectsBadOptions) {
  EXPECT_EQ(MxChecker::Create({}).status().code(), StatusCode::kInvalidArgument);
  MxCheckerOptions options;
  options.resolver = resolver_;
  options.timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(MxChecker::Create(options).status().code(), StatusCode::kInvalidArgument);
  options.timeout = std::chrono::milliseconds(10);
  options.negative_ttl = seconds(-1);
  EXPECT_EQ(MxChecker::Create(options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace warden
