// Tests of warden::Engine (host/engine): both backends answer alike, unset imports get their
// defaults, the wasm2c engine runs calls from many threads at once, and a call that exhausts
// guest memory becomes an error value whose instance is replaced — the next call succeeds.
#include "warden/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace warden {

// Lets GoogleTest print engine kinds by name in test names and failures.
void PrintTo(EngineKind kind, std::ostream* os) { *os << EngineKindName(kind); }

namespace {

using FingerprintResult = Result<witgen::Expected<std::string, wit::AnalysisError>>;

wit::Request RequestFrom(std::string ip) {
  wit::Request r;
  r.ip = std::move(ip);
  r.method = "GET";
  r.protocol = "HTTP/1.1";
  r.host = "example.com";
  r.path = "/";
  r.headers = {{"user-agent", "curl/8.0"}};
  return r;
}

std::string Fingerprint(Engine& engine, const wit::Request& request) {
  FingerprintResult r = engine.GenerateFingerprint(request, {"ip.src"});
  if (!r.ok()) return "status: " + r.status().ToString();
  if (!r->ok()) return "analysis error";
  return r->value();
}

TEST(EngineKindTest, ParsesAndNames) {
  for (EngineKind kind : {EngineKind::kWasm2c, EngineKind::kNative}) {
    Result<EngineKind> parsed = ParseEngineKind(EngineKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(ParseEngineKind("wasmtime").status().code(), StatusCode::kInvalidArgument);
}

class EngineTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  std::unique_ptr<Engine> Make(EngineOptions options = {}) {
    options.kind = GetParam();
    Result<std::unique_ptr<Engine>> engine = Engine::Create(std::move(options));
    EXPECT_TRUE(engine.ok()) << engine.status().ToString();
    return engine.ok() ? std::move(engine).value() : nullptr;
  }
};

TEST_P(EngineTest, FingerprintOfTheIp) {
  auto engine = Make();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->kind(), GetParam());
  // fp::2:: + hex SHA-256("ip" + ip).
  EXPECT_EQ(Fingerprint(*engine, RequestFrom("1.2.3.4")),
            "fp::2::c5c7267ad9ec6365fcb725663a379cab3e71cb46f5256e410c29a70bc5b70504");
  FingerprintResult missing = engine->GenerateFingerprint(RequestFrom(""), {"ip.src"});
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  ASSERT_FALSE(missing->ok());
  EXPECT_EQ(engine->stats().calls, 2u);
  EXPECT_EQ(engine->stats().traps, 0u);
}

TEST_P(EngineTest, UnsetImportsAnswerUnknown) {
  auto engine = Make();
  ASSERT_NE(engine, nullptr);
  wit::EmailConfig config;  // the other options at their defaults
  config.require_top_level_domain = true;
  config.rule = {wit::EmailRule::Deny{{wit::EmailType::kFree}}};
  auto r = engine->ValidateEmail("someone@example.com", config);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok());
  EXPECT_EQ(r->value().validity, wit::EmailValidity::kValid);
  EXPECT_TRUE(r->value().blocked.empty());
}

TEST_P(EngineTest, BoundImportsAreCalled) {
  EngineOptions options;
  std::atomic<int> asked{0};
  options.imports.email_overrides.is_free = [&](const std::string& domain) {
    asked.fetch_add(1);
    return domain == "example.com" ? wit::Answer::kYes : wit::Answer::kNo;
  };
  auto engine = Make(std::move(options));
  ASSERT_NE(engine, nullptr);
  wit::EmailConfig config;  // the other options at their defaults
  config.require_top_level_domain = true;
  config.rule = {wit::EmailRule::Deny{{wit::EmailType::kFree}}};
  auto r = engine->ValidateEmail("someone@example.com", config);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok());
  EXPECT_GT(asked.load(), 0);
  EXPECT_EQ(r->value().blocked, std::vector<wit::EmailType>{wit::EmailType::kFree});
}

TEST_P(EngineTest, ConcurrentCallsAgreeWithSequentialOnes) {
  EngineOptions options;
  options.pool_size = 2;  // fewer than the threads, so the pool grows and sheds
  auto engine = Make(std::move(options));
  ASSERT_NE(engine, nullptr);
  constexpr int kIps = 16;
  std::vector<std::string> expected;
  for (int i = 0; i < kIps; ++i) {
    expected.push_back(Fingerprint(*engine, RequestFrom("10.0.0." + std::to_string(i))));
    ASSERT_EQ(expected.back().rfind("fp::2::", 0), 0u) << expected.back();
  }
  constexpr int kThreads = 8;
  constexpr int kCalls = 200;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        int ip = (i * 7 + t) % kIps;
        if (Fingerprint(*engine, RequestFrom("10.0.0." + std::to_string(ip))) != expected[ip]) {
          wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(engine->stats().calls, uint64_t{kIps} + kThreads * kCalls);
  EXPECT_EQ(engine->stats().traps, 0u);
}

TEST_P(EngineTest, DetectBotReportsAVerifiableCrawler) {
  EngineOptions options;
  std::atomic<int> asked{0};
  options.imports.bot_overrides.verify = [&](const std::string&, const std::string&) {
    asked.fetch_add(1);
    return wit::Verification::kVerified;
  };
  auto engine = Make(std::move(options));
  ASSERT_NE(engine, nullptr);
  wit::Request request = RequestFrom("66.249.66.1");
  request.headers = {{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"}};
  auto r = engine->DetectBot(request, {wit::BotConfig::Deny{{"GOOGLE_CRAWLER"}}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->ok());
  EXPECT_EQ(r->value().denied, std::vector<std::string>{"GOOGLE_CRAWLER"});
  EXPECT_TRUE(r->value().verified);
  EXPECT_GT(asked.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EngineTest,
                         ::testing::Values(EngineKind::kWasm2c, EngineKind::kNative),
                         [](const auto& info) { return std::string(EngineKindName(info.param)); });

// The wasm2c engine's memory cap: too small to start is a creation error; a request too big
// for the cap is an error value, its instance is replaced, and other calls — concurrent or
// later — succeed.
class Wasm2cMemoryCapTest : public ::testing::Test {
 protected:
  static constexpr uint32_t kCapPages = 64;  // 4 MiB
  static wit::Request Huge() {
    wit::Request r = RequestFrom("1.2.3.4");
    r.extra = {{"blob", std::string(8u << 20, 'x')}};  // 8 MiB, twice the cap
    return r;
  }
  static bool IsMemoryError(const FingerprintResult& r) {
    return !r.ok() && r.status().code() == StatusCode::kResourceExhausted;
  }
};

TEST_F(Wasm2cMemoryCapTest, CapBelowTheModulesOwnMemoryFailsCreate) {
  EngineOptions options;
  options.max_memory_pages = 1;
  EXPECT_EQ(Engine::Create(std::move(options)).status().code(), StatusCode::kResourceExhausted);
  options = {};
  options.max_memory_pages = 0;
  EXPECT_EQ(Engine::Create(std::move(options)).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(Wasm2cMemoryCapTest, OversizedCallIsAnErrorAndTheInstanceIsReplaced) {
  EngineOptions options;
  options.max_memory_pages = kCapPages;
  options.pool_size = 1;
  auto created = Engine::Create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Engine& engine = **created;
  const std::string good = Fingerprint(engine, RequestFrom("1.2.3.4"));
  ASSERT_EQ(good.rfind("fp::2::", 0), 0u) << good;
  const uint64_t created_before = engine.stats().instances_created;

  FingerprintResult r = engine.GenerateFingerprint(Huge(), {"blob"});
  EXPECT_TRUE(IsMemoryError(r)) << (r.ok() ? "ok" : r.status().ToString());
  EXPECT_NE(r.status().message().find("limit 64 pages"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(engine.stats().traps, 1u);
  EXPECT_EQ(Fingerprint(engine, RequestFrom("1.2.3.4")), good);
  EXPECT_EQ(engine.stats().instances_created, created_before + 1);
}

TEST_F(Wasm2cMemoryCapTest, ConcurrentCallsSomeExhaustingMemory) {
  EngineOptions options;
  options.max_memory_pages = kCapPages;
  options.pool_size = 4;
  auto created = Engine::Create(std::move(options));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Engine& engine = **created;
  const std::string good = Fingerprint(engine, RequestFrom("1.2.3.4"));
  ASSERT_EQ(good.rfind("fp::2::", 0), 0u) << good;
  const wit::Request huge = Huge();
  constexpr int kThreads = 8;
  constexpr int kCalls = 40;
  std::atomic<int> wrong{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        if ((i + t) % 8 == 0) {
          if (!IsMemoryError(engine.GenerateFingerprint(huge, {"blob"}))) wrong.fetch_add(1);
          failed.fetch_add(1);
        } else if (Fingerprint(engine, RequestFrom("1.2.3.4")) != good) {
          wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EngineStats stats = engine.stats();
  EXPECT_EQ(stats.traps, static_cast<uint64_t>(failed.load()));
  // Every trap discarded a distinct instance. (Not traps + 1: when the last call to finish
  // traps on the only idle instance, every instance ever made was discarded.)
  EXPECT_GE(stats.instances_created, stats.traps);
}

}  // namespace
}  // namespace warden
