// GravatarChecker against HTTP servers on 127.0.0.1 started by the test: 200 for one hash,
// 404 for the others, 500 and 301 for two more, a server that accepts and never answers
// (timeout path) and a closed port. Cache lifetimes are driven by an injected clock.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http_test_server.h"
#include "warden/gravatar_checker.h"

namespace warden {
namespace {

using analyze::types::Answer;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(GravatarHashTest, NormalisesThenHashesWithSha256) {
  EXPECT_EQ(NormalizeGravatarEmail("  Test@Example.COM \r\n"), "test@example.com");
  EXPECT_EQ(NormalizeGravatarEmail("Ünï@Example.com"), "Ünï@example.com");  // ASCII only
  EXPECT_EQ(GravatarHash(" Test@Example.com\t"),
            "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b");
  EXPECT_EQ(GravatarHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// Serves /avatar/<hash>?d=404: 200 for known@example.com, 500 for broken@, 301 for moved@.
int AvatarStatus(const std::string& target) {
  if (target == "/avatar/" + GravatarHash("known@example.com") + "?d=404") return 200;
  if (target == "/avatar/" + GravatarHash("broken@example.com") + "?d=404") return 500;
  if (target == "/avatar/" + GravatarHash("moved@example.com") + "?d=404") return 301;
  return 404;
}

class GravatarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = testing::HttpTestServer::Start(AvatarStatus);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(started).value();
  }

  std::unique_ptr<GravatarChecker> NewChecker(const std::string& base_url,
                                              milliseconds timeout = milliseconds(5000)) {
    GravatarCheckerOptions options;
    options.base_url = base_url;
    options.timeout = timeout;
    options.proxy = "";  // straight to loopback whatever the environment says
    options.found_ttl = seconds(1000);
    options.missing_ttl = seconds(100);
    options.unknown_ttl = seconds(10);
    options.clock = [this] { return now_; };
    auto checker = GravatarChecker::Create(std::move(options));
    EXPECT_TRUE(checker.ok()) << checker.status().ToString();
    return std::move(checker).value();
  }

  std::unique_ptr<testing::HttpTestServer> server_;
  std::chrono::steady_clock::time_point now_{};
};

TEST_F(GravatarTest, AnswersByStatus) {
  auto checker = NewChecker(server_->base_url() + "avatar/");
  GravatarCheck known = checker->Check(" Known@Example.com ");
  EXPECT_EQ(known.answer, Answer::kYes);
  EXPECT_EQ(known.http_status, 200);
  EXPECT_EQ(checker->Check("nobody@example.com").answer, Answer::kNo);
  GravatarCheck broken = checker->Check("broken@example.com");
  EXPECT_EQ(broken.answer, Answer::kUnknown);
  EXPECT_EQ(broken.http_status, 500);
  EXPECT_EQ(checker->Check("moved@example.com").answer, Answer::kUnknown);  // not followed
  EXPECT_EQ(server_->targets().front(),
            "/avatar/" + GravatarHash("known@example.com") + "?d=404");
  EXPECT_EQ(server_->requests(), 4u);
}

TEST_F(GravatarTest, CachesEachAnswerForItsTtl) {
  auto checker = NewChecker(server_->base_url() + "avatar/");
  auto start = now_;
  checker->Check("known@example.com");
  checker->Check("nobody@example.com");
  checker->Check("broken@example.com");
  EXPECT_EQ(server_->requests(), 3u);
  now_ = start + seconds(9);
  EXPECT_TRUE(checker->Check("KNOWN@example.com").cached);  // same normalised address
  EXPECT_TRUE(checker->Check("nobody@example.com").cached);
  EXPECT_TRUE(checker->Check("broken@example.com").cached);
  EXPECT_EQ(server_->requests(), 3u);
  now_ = start + seconds(10);
  EXPECT_FALSE(checker->Check("broken@example.com").cached);  // unknown_ttl
  now_ = start + seconds(100);
  EXPECT_FALSE(checker->Check("nobody@example.com").cached);  // missing_ttl
  now_ = start + seconds(999);
  EXPECT_TRUE(checker->Check("known@example.com").cached);
  now_ = start + seconds(1000);
  EXPECT_FALSE(checker->Check("known@example.com").cached);  // found_ttl
  EXPECT_EQ(server_->requests(), 6u);
  GravatarCheckerStats stats = checker->stats();
  EXPECT_EQ(stats.checks, 10u);
  EXPECT_EQ(stats.cache_hits, 4u);
  EXPECT_EQ(stats.requests, 6u);
  EXPECT_EQ(stats.failures, 2u);
}

TEST_F(GravatarTest, ThreadSafeUnderConcurrentChecks) {
  auto checker = NewChecker(server_->base_url() + "avatar/");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        bool known = (i + t) % 2 == 0;
        std::string email = known ? "known@example.com" : "user" + std::to_string(i) + "@x.test";
        Answer want = known ? Answer::kYes : Answer::kNo;
        if (checker->Check(email).answer != want) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(checker->stats().checks, 160u);
}

TEST_F(GravatarTest, ImportAnswersYesNoUnknown) {
  std::shared_ptr<GravatarChecker> checker = NewChecker(server_->base_url() + "avatar/");
  auto import = MakeHasGravatarImport(checker);
  EXPECT_EQ(import("known@example.com"), Answer::kYes);
  EXPECT_EQ(import("nobody@example.com"), Answer::kNo);
  EXPECT_EQ(import("broken@example.com"), Answer::kUnknown);
  EXPECT_EQ(MakeHasGravatarImport(nullptr)("known@example.com"), Answer::kUnknown);
}

TEST(GravatarSilentTest, TimeoutIsUnknown) {
  auto silent = testing::SilentHttpServer::Start();
  ASSERT_TRUE(silent.ok()) << silent.status().ToString();
  GravatarCheckerOptions options;
  options.base_url = (*silent)->base_url();
  options.timeout = milliseconds(300);
  options.proxy = "";
  auto checker = GravatarChecker::Create(std::move(options));
  ASSERT_TRUE(checker.ok()) << checker.status().ToString();
  GravatarCheck check = (*checker)->Check("known@example.com");
  EXPECT_EQ(check.answer, Answer::kUnknown);
  EXPECT_EQ(check.http_status, 0);
  EXPECT_GE((*silent)->connections(), 1u);  // it connected, and nobody answered
}

TEST(GravatarClosedPortTest, ConnectionRefusedIsUnknown) {
  std::string base_url;
  {
    auto server = testing::HttpTestServer::Start([](const std::string&) { return 200; });
    ASSERT_TRUE(server.ok());
    base_url = (*server)->base_url();
  }  // closed: nothing listens on the port now
  GravatarCheckerOptions options;
  options.base_url = base_url;
  options.timeout = milliseconds(2000);
  options.proxy = "";
  auto checker = GravatarChecker::Create(std::move(options));
  ASSERT_TRUE(checker.ok());
  EXPECT_EQ((*checker)->Check("known@example.com").answer, Answer::kUnknown);
}

TEST(GravatarOptionsTest, CreateRejectsBadOptions) {
  GravatarCheckerOptions options;
  EXPECT_TRUE(GravatarChecker::Create(options).ok());  // the defaults
  options.base_url = "ftp://gravatar.example/";
  EXPECT_EQ(GravatarChecker::Create(options).status().code(), StatusCode::kInvalidArgument);
  options.base_url = "http://127.0.0.1/";
  options.timeout = milliseconds(0);
  EXPECT_EQ(GravatarChecker::Create(options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace warden
